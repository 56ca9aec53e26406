"""The record as JSON (the contract, ``tbdialogue.record/1``) and as a readable outline."""

from __future__ import annotations

from ..model import Record
from . import Serializer, register
from .text import DEFAULT_WIDTH, outline


def to_json(record: Record, *, indent: int | None = 2) -> str:
    return record.to_json(indent=indent) + "\n"


register(Serializer("record", "json", to_json, "application/json", ".json", "the record (tbdialogue.record/1)"))


def to_text(record: Record, *, width: int = DEFAULT_WIDTH) -> str:
    return outline(record, width=width) + "\n"


register(Serializer("record", "text", to_text, "text/plain", ".txt", "a readable outline"))
