"""tbdialogue: UN treaty-body summary records as structured, citable data.

Library first: ``parse_file(path)`` reads any supported file and returns a :class:`Record`;
the command line (``tbdialogue``) is a thin layer on top. The package's stages, bottom up:
``lexicon`` (the domain's words and rules, as data) → ``model`` and ``document`` (the contracts) →
``read`` (files → documents) and ``parse`` (documents → records) → ``analyse`` (records → questions
and answers) → ``pipeline`` (files → records, the stages together) → ``store``, ``export`` and
``evaluation`` → ``cli``.
"""

from __future__ import annotations

from .errors import NotASummaryRecord, TbdError, UnreadableInput
from .model import SCHEMA_ID, Record
from .pipeline import parse_bytes, parse_file, parse_text

__version__ = "0.1.0"
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
