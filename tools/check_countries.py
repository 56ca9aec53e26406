#!/usr/bin/env python3
"""Check src/tbdialogue/lexicon/countries.json (UN country names, en/fr/es + ISO alpha-3).

Standard library only.  Usage:

    python3 tools/check_countries.py [path/to/countries.json]

Prints "ok: N entries" and exits 0, or prints each problem and exits 1.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import sys
import unicodedata
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "src" / "tbdialogue" / "lexicon" / "countries.json"

KNOWN_KEYS = {
    "code",
    "en",
    "en_former",
    "en_aliases",
    "fr",
    "fr_aliases",
    "es",
    "es_aliases",
    "status",
    "dissolved",
    "successors",
    "code_user_assigned",
    "note",
}
STATUSES = {"member", "observer", "non-member", "territory", "former"}
MIN_CURRENT = 195
CODE_RE = re.compile(r"^[A-Z]{3}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Leading articles dropped before comparing names (en, fr, es).
ARTICLE_RE = re.compile(r"^(?:the|le|la|les|el|los|las)\s+|^l'", re.IGNORECASE)


def norm(name: str) -> str:
    """Name key for duplicate detection: NFC, straight apostrophes, no leading article, casefolded."""
    s = unicodedata.normalize("NFC", name).replace("\u2019", "'").strip()
    s = re.sub(r"\s+", " ", s)
    stripped = ARTICLE_RE.sub("", s, count=1)
    # "El Salvador" must stay "el salvador": only drop an article if something is left
    if stripped and not s.startswith("El Salvador"):
        s = stripped
    return s.casefold()


def is_iso_date(value: object) -> bool:
    if not isinstance(value, str) or not DATE_RE.match(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def names(entry: dict, lang: str) -> list[str]:
    out = [entry.get(lang)]
    if lang == "en":
        out += [f.get("name") for f in entry.get("en_former") or [] if isinstance(f, dict)]
    out += entry.get(f"{lang}_aliases") or []
    return [n for n in out if isinstance(n, str)]


SPOT_CHECKS = [
    # (code, field, expected)
    ("KGZ", "en", "Kyrgyzstan"),
    ("PSE", "en", "State of Palestine"),
    ("BOL", "en", "Bolivia (Plurinational State of)"),
    ("SWZ", "en", "Eswatini"),
    ("TUR", "en", "Türkiye"),
    ("COL", "fr", "la Colombie"),
    ("GIN", "fr", "la Guinée"),
    ("JPN", "es", "el Japón"),
    ("SEN", "es", "el Senegal"),
    ("NZL", "fr", "la Nouvelle-Zélande"),
    ("LKA", "fr", "Sri Lanka"),
    ("PAN", "en", "Panama"),
    ("BEL", "en", "Belgium"),
    ("SVK", "en", "Slovakia"),
    ("IRN", "en", "Iran (Islamic Republic of)"),
    ("GBR", "en", "United Kingdom of Great Britain and Northern Ireland"),
    ("COD", "en", "Democratic Republic of the Congo"),
    ("MKD", "en", "North Macedonia"),
    ("CPV", "en", "Cabo Verde"),
    ("LBY", "en", "Libya"),
    ("CZE", "en", "Czechia"),
    ("VAT", "en", "Holy See"),
    ("AND", "fr", "l'Andorre"),
    ("ARG", "es", "la Argentina"),
    ("PER", "es", "el Perú"),
    ("KGZ", "es", "Kirguistán"),
    ("PSE", "fr", "l'État de Palestine"),
    ("PSE", "es", "el Estado de Palestina"),
    ("BOL", "fr", "la Bolivie (État plurinational de)"),
]
# (code, former English name, earliest acceptable 'until', latest acceptable 'until')
FORMER_CHECKS = [
    ("SWZ", "Swaziland", "2018-04-19", "2018-06-30"),
    ("TUR", "Turkey", "2022-05-31", "2022-06-03"),
    ("CZE", "Czech Republic", "2016-05-01", "2016-12-31"),
    ("MKD", "The former Yugoslav Republic of Macedonia", "2019-02-12", "2019-02-15"),
    ("CPV", "Cape Verde", "2013-10-01", "2013-12-31"),
    ("LBY", "Libyan Arab Jamahiriya", "2011-09-01", "2011-09-30"),
    ("COD", "Zaire", "1997-05-17", "1997-06-30"),
]
DISSOLVED_CHECKS = {"YUG": "Yugoslavia", "SCG": "Serbia and Montenegro", "ANT": "Netherlands Antilles"}


def check(data: object) -> tuple[list[str], int]:
    problems: list[str] = []
    if not isinstance(data, list):
        return ["top level is not a JSON array"], 0

    by_code: dict[str, dict] = {}
    codes_in_order: list[str] = []
    for i, e in enumerate(data):
        where = f"entry #{i}"
        if not isinstance(e, dict):
            problems.append(f"{where}: not an object")
            continue
        code = e.get("code")
        if isinstance(code, str):
            where = f"{code}"
        if not isinstance(code, str) or not CODE_RE.match(code):
            problems.append(f"{where}: code {code!r} is not three upper-case letters")
        elif code in by_code:
            problems.append(f"{where}: duplicate code")
        else:
            by_code[code] = e
            codes_in_order.append(code)
        unknown = set(e) - KNOWN_KEYS
        if unknown:
            problems.append(f"{where}: unknown keys {sorted(unknown)}")
        for lang in ("en", "fr", "es"):
            v = e.get(lang)
            if not isinstance(v, str) or not v.strip():
                problems.append(f"{where}: missing or empty '{lang}'")
            elif v != v.strip() or "  " in v:
                problems.append(f"{where}: stray whitespace in '{lang}': {v!r}")
            aliases = e.get(f"{lang}_aliases", [])
            if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
                problems.append(f"{where}: '{lang}_aliases' must be a list of non-empty strings")
        former = e.get("en_former", [])
        if not isinstance(former, list):
            problems.append(f"{where}: 'en_former' must be a list")
            former = []
        last = None
        for f in former:
            if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f["name"].strip():
                problems.append(f"{where}: en_former item {f!r} needs a 'name'")
                continue
            if set(f) - {"name", "until", "approximate"}:
                problems.append(f"{where}: en_former item {f['name']!r} has unknown keys")
            if not is_iso_date(f.get("until")):
                problems.append(f"{where}: en_former {f['name']!r} 'until' {f.get('until')!r} is not an ISO date")
            else:
                if last and f["until"] < last:
                    problems.append(f"{where}: en_former is not in chronological order")
                last = f["until"]
                if f["until"] > _dt.date.today().isoformat():
                    problems.append(f"{where}: en_former {f['name']!r} 'until' is in the future")
            if "approximate" in f and not isinstance(f["approximate"], bool):
                problems.append(f"{where}: en_former 'approximate' must be true/false")
        if "dissolved" in e and not is_iso_date(e["dissolved"]):
            problems.append(f"{where}: 'dissolved' {e['dissolved']!r} is not an ISO date")
        status = e.get("status")
        if status is not None and status not in STATUSES:
            problems.append(f"{where}: unknown status {status!r}")
        if status == "former" and "dissolved" not in e:
            problems.append(f"{where}: status 'former' but no 'dissolved' date")
        for s in e.get("successors", []) or []:
            if not isinstance(s, str) or not CODE_RE.match(s):
                problems.append(f"{where}: successor {s!r} is not a three-letter code")

    if codes_in_order != sorted(codes_in_order):
        problems.append("entries are not sorted by code")

    # no two entries share a name (per language, after dropping articles and case);
    # also across languages, so a name never points at two different countries.
    seen: dict[tuple[str, str], str] = {}
    seen_any: dict[str, str] = {}
    for code, e in by_code.items():
        for lang in ("en", "fr", "es"):
            for n in names(e, lang):
                k = norm(n)
                other = seen.get((lang, k))
                if other and other != code:
                    problems.append(f"{code}: {lang} name {n!r} also used by {other}")
                seen[(lang, k)] = code
                other = seen_any.get(k)
                if other and other != code:
                    problems.append(f"{code}: name {n!r} ({lang}) also used by {other} in another language")
                seen_any[k] = code

    current = [c for c, e in by_code.items() if "dissolved" not in e]
    if len(current) < MIN_CURRENT:
        problems.append(f"only {len(current)} current entries (need at least {MIN_CURRENT})")
    members = [c for c, e in by_code.items() if e.get("status") == "member"]
    if members and len(members) != 193:
        problems.append(f"{len(members)} entries with status 'member' (UN has 193 Member States)")

    for code, field, expected in SPOT_CHECKS:
        e = by_code.get(code)
        if e is None:
            problems.append(f"spot check: {code} missing")
        elif e.get(field) != expected:
            problems.append(f"spot check: {code} {field} is {e.get(field)!r}, expected {expected!r}")
    for code, name, lo, hi in FORMER_CHECKS:
        e = by_code.get(code)
        hits = [f for f in (e or {}).get("en_former", []) if isinstance(f, dict) and f.get("name") == name]
        if not hits:
            problems.append(f"spot check: {code} has no former name {name!r}")
        elif not (isinstance(hits[0].get("until"), str) and lo <= hits[0]["until"] <= hi):
            problems.append(f"spot check: {code} former {name!r} until {hits[0].get('until')!r}, expected {lo}..{hi}")
    for code, name in DISSOLVED_CHECKS.items():
        e = by_code.get(code)
        if e is None:
            problems.append(f"spot check: dissolved {code} ({name}) missing")
        elif e.get("en") != name or "dissolved" not in e:
            problems.append(f"spot check: {code} should be {name!r} with a 'dissolved' date")
    for code in ("HKG", "MAC", "XKX", "VAT", "PSE"):
        if code not in by_code:
            problems.append(f"spot check: {code} missing")

    return problems, len(by_code)


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_PATH
    try:
        raw = path.read_bytes()
    except OSError as exc:
        print(f"cannot read {path}: {exc}")
        return 1
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        print(f"{path}: not valid UTF-8 JSON: {exc}")
        return 1
    problems, n = check(data)
    if problems:
        for p in problems:
            print(p)
        return 1
    print(f"ok: {n} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
