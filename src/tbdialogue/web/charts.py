"""Charts drawn on the server as SVG: readable without JavaScript, by screen readers (a title, a
description and a text label on every bar) and in print."""

from __future__ import annotations

from markupsafe import Markup, escape

#: Status colours, distinguishable in grey scale and by colour-blind readers (Okabe–Ito), with the
#: status also written on the chart: colour is never the only cue.
STATUS_COLOURS = {"answered": "#0072B2", "check": "#E69F00", "partial": "#56B4E9", "unanswered": "#D55E00"}


def bars(items: list[tuple[object, int]], title: str, width: int = 560, bar_height: int = 22) -> Markup:
    """Horizontal bars, one per (label, count), with the count written at the bar's end."""
    if not items:
        return Markup("")
    top = max(n for _, n in items) or 1
    label_w = 120
    h = bar_height * len(items) + 8
    out = [
        f'<svg class="chart" role="img" aria-labelledby="c-{_id(title)}" viewBox="0 0 {width} {h}" '
        f'width="{width}" height="{h}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="c-{_id(title)}">{escape(title)}</title>',
    ]
    for i, (label, n) in enumerate(items):
        y = 4 + i * bar_height
        w = max(1, round((width - label_w - 60) * n / top))
        out.append(f'<text x="{label_w - 6}" y="{y + bar_height * 0.7:.0f}" text-anchor="end">{escape(str(label))}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{bar_height - 6}" class="bar"><title>{escape(str(label))}: {n}</title></rect>')
        out.append(f'<text x="{label_w + w + 6}" y="{y + bar_height * 0.7:.0f}">{n:,}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def stacked(rows: dict[object, dict[str, int]], title: str, width: int = 560, bar_height: int = 24) -> Markup:
    """One horizontal bar per row (a year), split by question status, with a legend."""
    if not rows:
        return Markup("")
    statuses = [s for s in STATUS_COLOURS if any(r.get(s) for r in rows.values())]
    top = max(sum(r.values()) for r in rows.values()) or 1
    label_w = 70
    legend_h = 24
    h = legend_h + bar_height * len(rows) + 8
    out = [
        f'<svg class="chart" role="img" aria-labelledby="c-{_id(title)}" viewBox="0 0 {width} {h}" '
        f'width="{width}" height="{h}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="c-{_id(title)}">{escape(title)}</title>',
    ]
    x = label_w
    for s in statuses:
        label = "to check" if s == "check" else s
        out.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{STATUS_COLOURS[s]}"/>')
        out.append(f'<text x="{x + 16}" y="15">{label}</text>')
        x += 16 + 7 * len(label) + 18
    for i, (label, counts) in enumerate(rows.items()):
        y = legend_h + 4 + i * bar_height
        out.append(f'<text x="{label_w - 6}" y="{y + bar_height * 0.7:.0f}" text-anchor="end">{escape(str(label))}</text>')
        x = label_w
        for s in statuses:
            n = counts.get(s, 0)
            if not n:
                continue
            w = max(1, round((width - label_w - 60) * n / top))
            out.append(
                f'<rect x="{x}" y="{y + 3}" width="{w}" height="{bar_height - 6}" fill="{STATUS_COLOURS[s]}">'
                f"<title>{escape(str(label))}: {n} {s}</title></rect>"
            )
            x += w
        out.append(f'<text x="{x + 6}" y="{y + bar_height * 0.7:.0f}">{sum(counts.values()):,}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _id(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower())[:40]
