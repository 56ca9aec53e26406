"""What makes two records the same: the normalised content, never the file's bytes.

The PDF and the DOCX of one record, or a re-parse with a better parser that leaves the text as it
was, give the same :func:`content_hash`; a corrected reissue (same symbol and language, some
paragraph changed) gives another hash and so a new version of the same :func:`record_key`.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from ..lexicon.normalize import clean
from ..model import Record

_QUOTES = str.maketrans({"‘": "'", "’": "'", "ʼ": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_DASHES = re.compile("[\u2010-\u2015\u2212]")


def normalise_text(text: str) -> str:
    """Text as compared for identity: NFKC, straight quotes and ASCII dashes, spaces collapsed.

    Typography differs between formats of one record (curly or straight quotes, dash forms, spaces
    after a page break); words, their case and their order do not.
    """
    text = unicodedata.normalize("NFKC", clean(text)).translate(_QUOTES)
    return " ".join(_DASHES.sub("-", text).split())


def content_hash(record: Record) -> str:
    """sha256 of (symbol, language, normalised paragraph texts in order)."""
    payload = [record.symbol or "", record.language, [normalise_text(p.text) for p in record.paragraphs]]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def record_key(record: Record, digest: str) -> str:
    """The symbol; when none could be read, a stand-in from the cover, else from the content.

    A stand-in starts with ``~`` so it can never be taken for a UN symbol.
    """
    if record.symbol:
        return record.symbol
    if record.body and record.meeting is not None:
        parts = [record.body, str(record.session or ""), str(record.meeting), record.part or "", record.date or ""]
        return "~" + "/".join(parts)
    return "~" + digest[:16]
