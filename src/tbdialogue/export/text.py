"""Human-readable outline of a record: cover fields, turns, events, warnings."""

from __future__ import annotations

from ..model import Record

_COVER = (
    "symbol", "body", "language", "session", "meeting", "part", "date", "time", "place", "chair",
    "chair_note", "state_party", "state_party_code", "documents", "distribution_date", "original_language",
)  # fmt: skip


def _first_words(text: str, n: int = 12) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


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


def outline(record: Record) -> str:
    lines: list[str] = []
    for name in _COVER:
        value = getattr(record, name)
        if name == "symbol" and value and record.symbol_inferred:
            value = f"{value} (inferred)"
        if isinstance(value, list):
            value = ", ".join(value) if value else None
        lines.append(f"{name + ':':19} {value if value is not None else '—'}")
    if record.agenda:
        lines.append("agenda:")
        for item in record.agenda:
            cont = " (continued)" if item.continued else ""
            lines.append(f"  • {item.title}{cont}")
            for sub in item.items:
                docs = f"  [{'; '.join(sub.documents)}]" if sub.documents else ""
                lines.append(f"      – {sub.title}{' (continued)' if sub.continued else ''}{docs}")
    lines.append("")
    lines.append(f"{len(record.paragraphs)} paragraphs, {len(record.turns)} turns, {len(record.events)} events")
    lines.append("")
    lines.append("turns:")
    for turn in record.turns:
        sp = turn.speaker
        capacity = ", ".join(x for x in (sp.role, sp.affiliation) if x)
        head = f"{sp.name}" + (f" ({capacity})" if capacity else "")
        paras = [record.paragraphs[i - 1] for i in turn.paragraphs]
        numbers = [p.number if p.number is not None else p.index for p in paras]
        label = "¶" if all(p.number is not None for p in paras) else "#"
        first = _first_words(paras[0].text) if paras else ""
        lines.append(f"  t{turn.index:<3} {head:<48} {sp.side or '—':<11} {label}{_ranges(numbers):<8} {first}")
    if record.events:
        lines.append("")
        lines.append("events:")
        for ev in record.events:
            where = (
                f"¶{ev.paragraph}"
                if ev.paragraph
                else (f"before #{ev.before_paragraph}" if ev.before_paragraph else "at end")
            )
            lines.append(f"  {ev.kind:<18} {ev.time or '':<12} {where:<12} {_first_words(ev.text, 10)}")
    if record.warnings:
        lines.append("")
        lines.append("warnings:")
        lines.extend(f"  ! {w}" for w in record.warnings)
    return "\n".join(lines)
