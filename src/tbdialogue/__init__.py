"""tbdialogue: UN treaty-body summary records as structured, citable data.

Library first: ``parse_file(path)`` reads any supported file and returns a :class:`Record`;
the command line (``tbdialogue``) is a thin layer on top. The package's stages, bottom up:
``lexicon`` (the domain's words and rules, as data) → ``model`` and ``document`` (the contracts) →
``read`` (files → documents) and ``parse`` (documents → records) → ``analyse`` (records → questions
and answers) → ``pipeline`` (files → records, the stages together) → ``store``, ``export`` and
``evaluation`` → ``cli``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .errors import NotASummaryRecord, TbdError, UnreadableInput
from .version import VERSION

if TYPE_CHECKING:
    from .model import SCHEMA_ID, Record
    from .pipeline import parse_bytes, parse_file, parse_text

__version__ = VERSION
__all__ = [
    "parse_file",
    "parse_bytes",
    "parse_text",
    "Record",
    "SCHEMA_ID",
    "TbdError",
    "UnreadableInput",
    "NotASummaryRecord",
]

# The front door names its parts without importing them: `import tbdialogue.model` (or the command
# line) does not pay for the whole pipeline.
_LAZY = {
    "parse_file": "pipeline",
    "parse_bytes": "pipeline",
    "parse_text": "pipeline",
    "Record": "model",
    "SCHEMA_ID": "model",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
