"""Human-readable outline of a record: cover fields, turns, events, warnings.

Laid out to a width (100 columns unless told): long values wrap under themselves, and a turn's or
an event's opening words are cut to the line, never its citable parts (turn, paragraphs, speaker).
"""

from __future__ import annotations

import textwrap

from ..model import Record

_COVER = (
    "symbol", "body", "language", "session", "meeting", "part", "date", "time", "place", "chair",
    "chair_note", "state_party", "state_party_code", "documents", "distribution_date", "original_language",
)  # fmt: skip
DEFAULT_WIDTH = 100


def _ranges(numbers: list[int]) -> str:
    """[2, 3, 4, 7] → "2–4, 7"."""
    out: list[str] = []
    start = prev = None
    for n in numbers:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append(str(start) if start == prev else f"{start}–{prev}")
            start = prev = n
    if start is not None:
        out.append(str(start) if start == prev else f"{start}–{prev}")
    return ", ".join(out)


def _fill(text: str, width: int, first: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def _with_opening(head: str, text: str, width: int) -> str:
    """``head``, then as many of ``text``'s words as fit in ``width`` (with "…" when cut)."""
    room = width - len(head) - 1
    words = text.split()
    if room < 8 or not words:
        return head.rstrip()
    taken: list[str] = []
    used = 0
    for w in words:
        if used + len(w) + (1 if taken else 0) > room - 2:
            break
        used += len(w) + (1 if taken else 0)
        taken.append(w)
    if not taken:
        return head.rstrip()
    cut = len(taken) < len(words)
    return f"{head} {' '.join(taken)}{' …' if cut else ''}".rstrip()


def outline(record: Record, *, width: int = DEFAULT_WIDTH) -> str:
    lines: list[str] = []
    for name in _COVER:
        value = getattr(record, name)
        if name == "symbol" and value and record.symbol_inferred:
            value = f"{value} (inferred)"
        if isinstance(value, list):
            value = ", ".join(value) if value else None
        lines += _fill(str(value if value is not None else "—"), width, f"{name + ':':19} ", " " * 20)
    if record.agenda:
        lines.append("agenda:")
        for item in record.agenda:
            cont = " (continued)" if item.continued else ""
            lines += _fill(f"{item.title}{cont}", width, "  • ", "    ")
            for sub in item.items:
                docs = f"  [{'; '.join(sub.documents)}]" if sub.documents else ""
                lines += _fill(
                    f"{sub.title}{' (continued)' if sub.continued else ''}{docs}", width, "      – ", "        "
                )
    lines.append("")
    lines.append(f"{len(record.paragraphs)} paragraphs, {len(record.turns)} turns, {len(record.events)} events")
    lines.append("")
    lines.append("turns:")
    name_width = max((len(_speaker(t)) for t in record.turns), default=0)
    name_width = min(name_width, max(12, width - 40))
    for turn in record.turns:
        paras = [record.paragraphs[i - 1] for i in turn.paragraphs]
        numbers = [p.number if p.number is not None else p.index for p in paras]
        label = "¶" if all(p.number is not None for p in paras) else "#"
        head = f"  t{turn.index:<3} {label + _ranges(numbers):<9} {turn.speaker.side or '—':<11} {_speaker(turn):<{name_width}}"
        lines.append(_with_opening(head, _after_label(paras[0].text, turn.speaker.name) if paras else "", width))
    if record.events:
        lines.append("")
        lines.append("events:")
        for ev in record.events:
            where = (
                f"¶{ev.paragraph}"
                if ev.paragraph
                else (f"before #{ev.before_paragraph}" if ev.before_paragraph else "at end")
            )
            lines.append(_with_opening(f"  {ev.kind:<18} {ev.time or '':<12} {where:<12}", ev.text, width))
    if record.warnings:
        lines.append("")
        lines.append("warnings:")
        for w in record.warnings:
            lines += _fill(w, width, "  ! ", "    ")
    return "\n".join(lines)


def _after_label(text: str, name: str) -> str:
    """The paragraph's words after the speaker's label: "said that …", not the name again."""
    if not text.startswith(name):
        return text
    rest = text[len(name) :].lstrip()
    if rest.startswith("("):
        depth = 0
        for i, ch in enumerate(rest):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0:
                rest = rest[i + 1 :].lstrip()
                break
    return rest.lstrip(", ")


def _speaker(turn) -> str:
    sp = turn.speaker
    capacity = ", ".join(x for x in (sp.role, sp.affiliation) if x)
    return sp.name + (f" ({capacity})" if capacity else "")
