"""Outputs: serializers in one registry, as inputs are readers in one registry (``read.READERS``).

A serializer turns one kind of data into one format: a ``record`` (a parsed
:class:`~tbdialogue.model.Record`) into JSON or a readable outline; ``questions`` (the analyses of
dialogues, :class:`~tbdialogue.analyse.DialogueAnalysis`) into CSV, JSON or a Markdown brief;
``hits`` (a corpus search result) into CSV or JSON; ``stored-questions`` (questions read back from the
corpus) into CSV or JSON. Commands and the library ask the registry, never a module, so that a new
format is one module that registers itself::

    from tbdialogue.export import serialize
    text = serialize("record", "json", record)

Serializers take plain data and return text; they hold no state and import nothing above the
record model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import TbdError


class ExportError(TbdError):
    """No serializer for this kind of data and format."""


@dataclass(frozen=True)
class Serializer:
    kind: str  # what it serializes: record, questions, hits, stored-questions
    format: str  # json, text, csv, md …
    render: Callable[..., str | bytes]  # render(data, **options): text, or bytes (a Word document)
    media_type: str
    extension: str
    description: str


_REGISTRY: dict[tuple[str, str], Serializer] = {}


def register(serializer: Serializer) -> Serializer:
    """Add a serializer (a later one for the same kind and format replaces the earlier)."""
    _REGISTRY[(serializer.kind, serializer.format)] = serializer
    return serializer


def serializer(kind: str, fmt: str) -> Serializer:
    """The serializer of ``kind`` into ``fmt``; a one-line :class:`ExportError` naming the formats
    there are when there is none."""
    found = _REGISTRY.get((kind, fmt))
    if found is None:
        known = formats(kind)
        if not known:
            raise ExportError(f"nothing can export {kind!r}")
        raise ExportError(f"no {fmt!r} output for {kind}: use {', '.join(known)}")
    return found


def formats(kind: str) -> list[str]:
    """The formats ``kind`` can be written in, in registration order."""
    return [f for (k, f) in _REGISTRY if k == kind]


def serialize(kind: str, fmt: str, data: Any, **options: Any) -> str | bytes:
    return serializer(kind, fmt).render(data, **options)


# The built-in serializers register themselves.
from . import brief, brief_docx, brief_html, hits, record, stored_questions  # noqa: E402,F401
