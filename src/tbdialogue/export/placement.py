"""Where a record's events go in a document export (Akoma Ntoso, TEI): before which paragraph, on
which paragraph, or after the last one."""

from __future__ import annotations

from ..model import Event, Record


def events_by_place(record: Record) -> tuple[dict[int, list[list[Event]]], dict[int, list[Event]], list[list[Event]]]:
    """Events that are not paragraphs, grouped by the paragraph they precede (one sentence printing
    two events — "suspended at … and resumed at …" — is one group); events that are paragraphs, by
    paragraph; and the groups after the last paragraph."""
    before: dict[int, list[list[Event]]] = {}
    on: dict[int, list[Event]] = {}
    end: list[list[Event]] = []
    n = len(record.paragraphs)
    for e in record.events:
        if e.paragraph is not None and 1 <= e.paragraph <= n:
            on.setdefault(e.paragraph, []).append(e)
            continue
        where = e.before_paragraph
        groups = before.setdefault(where, []) if where is not None and 1 <= where <= n else end
        if groups and groups[-1][0].text == e.text:
            groups[-1].append(e)
        else:
            groups.append([e])
    return before, on, end
