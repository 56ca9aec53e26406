"""Build a large corpus for benchmarks by varying real records — written to a folder, never committed.

    .venv/bin/python benchmarks/scale_corpus.py OUT_DIR [--records 50000] [--seed 5]

Sources: the sample record (samples/CMW-C-SR.537.md, 48 paragraphs) and the 15 real record openings
in ../shared/corpus/excerpts (English, French, Spanish; 1–4 paragraphs each), half and half. Each
copy gets its own meeting number (so its own symbol), meeting date, State party (name in the
record's language, ISO code in document symbols), speaker surnames (from a pool of 3,000 made-up
surnames), and — for copies of the sample — a selection of 70–100 % of its paragraphs, partly
reordered and renumbered. Every copy parses as a summary record.

Built from 16 source texts, this corpus has a much smaller vocabulary than the real corpus: words
are shared by many more paragraphs, so document-frequency bands hold fewer distinct words, and
search figures measured on it say how the index scales with size, not how real queries behave.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tbdialogue.lexicon.profile import profile  # noqa: E402

SAMPLE = ROOT / "samples" / "CMW-C-SR.537.md"
EXCERPTS = ROOT.parent / "shared" / "corpus" / "excerpts"


def _month_names(language: str) -> list[str]:
    """Month names as records print them, from the language profile (first spelling per month)."""
    names: dict[int, str] = {}
    for name, number in profile(language).months.items():
        names.setdefault(number, name.capitalize() if language == "en" else name)
    return [names[n] for n in range(1, 13)]


MONTHS = {language: _month_names(language) for language in ("en", "fr", "es")}
DATE = {
    "en": re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS["en"]) + r") (\d{4})\b"),
    "fr": re.compile(r"\b(\d{1,2})(?:er)? (" + "|".join(MONTHS["fr"]) + r") (\d{4})\b", re.I),
    "es": re.compile(r"\b(\d{1,2}) de (" + "|".join(MONTHS["es"]) + r") de (\d{4})\b", re.I),
}
COVER_CHARS = 1500
_PARA = re.compile(r"^(\d{1,3})\. ", re.M)


@dataclass
class Source:
    name: str
    text: str
    language: str
    meeting: int
    state_printed: str | None
    state_code: str | None
    surnames: list[str]
    numbered: bool
    symbol_stem: str  # e.g. CMW/C: the symbol before /SR.
    symbol_printed: bool


def load_sources() -> list[Source]:
    from tbdialogue import parse_file
    from tbdialogue.lexicon.countries import countries

    paths = [SAMPLE] + (sorted(EXCERPTS.glob("*.txt")) if EXCERPTS.exists() else [])
    out = []
    for path in paths:
        rec = parse_file(path)
        if rec.meeting is None:
            continue
        printed = rec.state_party_printed
        if printed:
            printed = re.sub(r"^(?:la|le|les|l'|l’|el|los|las)\s+", "", printed, flags=re.I)
        surnames = sorted(
            {
                w
                for t in rec.turns
                for w in re.findall(r"[A-ZÀ-Ý][\w’'-]{3,}", t.speaker.name)
                if w not in {"Chair", "Chairperson", "CHAIRPERSON", "PRÉSIDENT", "Presidenta", "Temporary"}
                and (not printed or w not in printed)
            }
        )
        code = countries().lookup(printed).code if printed and countries().lookup(printed) else None
        text = path.read_text("utf-8")
        out.append(
            Source(
                path.name,
                text,
                rec.language,
                rec.meeting,
                printed,
                code,
                surnames,
                len(_PARA.findall(text)) > 10,
                (rec.symbol or "").split("/SR.")[0],
                not rec.symbol_inferred,
            )
        )
    return out


def surname_pool(rng: random.Random, n: int = 3000) -> list[str]:
    onsets = [
        "b",
        "d",
        "f",
        "g",
        "h",
        "j",
        "k",
        "l",
        "m",
        "n",
        "p",
        "r",
        "s",
        "t",
        "v",
        "z",
        "br",
        "dr",
        "kr",
        "tr",
        "ch",
        "sh",
    ]
    vowels = ["a", "e", "i", "o", "u", "a", "e", "i", "o", "ou", "ai"]
    codas = ["", "", "", "n", "r", "s", "l", "k", "v", "ng"]
    names: set[str] = set()
    while len(names) < n:
        syl = [rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(rng.randint(2, 4))]
        names.add("".join(syl).capitalize())
    return sorted(names)


def countries_list() -> list[dict]:
    from importlib import resources

    return json.loads(resources.files("tbdialogue.lexicon").joinpath("countries.json").read_text("utf-8"))


def vary(src: Source, i: int, rng: random.Random, names: list[str], states: list[dict]) -> str:
    text = src.text
    # Symbols hold at most 4 digits after SR., so copies beyond 9,000 take an addendum number.
    meeting, add = 1000 + i % 9000, i // 9000
    symbol = f"{src.symbol_stem}/SR.{meeting}" + (f"/Add.{add}" if add else "")
    cover, body = text[:COVER_CHARS], text[COVER_CHARS:]
    cover = re.sub(
        rf"(?<![\d.]){src.meeting}(st|nd|rd|th)?(?!\d)",
        lambda m: str(meeting) + (_ordinal_suffix(meeting) if m.group(1) else ""),
        cover,
    )
    # (?=\d{1,2} ): a symbol run into the date, as printed in some records ("SR.257614 de septiembre").
    text = re.sub(
        rf"{re.escape(src.symbol_stem)}/SR\.{src.meeting}(?:/Add\.\d+)?(?:(?!\d)|(?=\d{{1,2}} ))",
        symbol + " ",
        cover + body,
    )
    if not src.symbol_printed:
        text = symbol + "\n\n" + text.lstrip("\n")
    cover, body = text[:COVER_CHARS], text[COVER_CHARS:]
    year = rng.randint(1995, 2025)
    day, month = rng.randint(1, 28), rng.randint(1, 12)

    def new_date(m: re.Match[str]) -> str:
        name = MONTHS[src.language][month - 1]
        return f"{day} de {name} de {year}" if src.language == "es" else f"{day} {name} {year}"

    cover = DATE[src.language].sub(new_date, cover)
    text = cover + body
    if src.state_printed:
        state = rng.choice(states)
        name = state.get(src.language) or state["en"]
        name = re.sub(r"^(?:la|le|les|l'|l’|el|los|las)\s+", "", name, flags=re.I)
        text = text.replace(src.state_printed, name)
        if src.state_code:
            text = text.replace(f"/{src.state_code}/", f"/{state['code']}/")
    for surname in src.surnames:
        new = rng.choice(names)
        text = text.replace(surname, new.upper() if surname.isupper() else new)
    if src.numbered:
        text = _reselect(text, rng)
    return text


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _reselect(text: str, rng: random.Random) -> str:
    """Keep 70–100 % of the numbered paragraphs (always the first two: the opening and the first
    speaker's label), swap some later neighbours, renumber."""
    starts = [m.start() for m in _PARA.finditer(text)]
    head = text[: starts[0]]
    chunks = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    share = rng.uniform(0.7, 1.0)
    keep = chunks[:2] + [c for c in chunks[2:] if rng.random() < share]
    for k in range(2, len(keep) - 1):
        if rng.random() < 0.15:
            keep[k], keep[k + 1] = keep[k + 1], keep[k]
    out = [_PARA.sub(f"{n}. ", c, count=1) for n, c in enumerate(keep, start=1)]
    if not out[-1].endswith("\n"):
        out[-1] += "\n"
    return head + "".join(out)


def generate(out: Path, records: int, seed: int = 5) -> list[Path]:
    """Write ``records`` varied records under ``out`` (1,000 per folder); return their paths."""
    rng = random.Random(seed)
    sources = load_sources()
    sample, excerpts = sources[0], sources[1:] or sources[:1]
    names = surname_pool(rng)
    states = countries_list()
    paths = []
    for i in range(records):
        src = sample if rng.random() < 0.5 else rng.choice(excerpts)
        folder = out / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{i:06d}-{src.language}{'.md' if src.name.endswith('.md') else '.txt'}"
        path.write_text(vary(src, i, rng, names, states), "utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--records", type=int, default=50000, help="at most 89,999 (5-digit meeting numbers)")
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    t0 = time.perf_counter()
    paths = generate(args.out, args.records, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} records, {size / 1e6:.0f} MB, in {args.out} ({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
