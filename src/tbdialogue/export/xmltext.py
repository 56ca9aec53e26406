"""Record text made safe for XML 1.0 (Akoma Ntoso, TEI, Excel) and for UTF-8 (CSV, Parquet).

lxml escapes ``&``, ``<``, ``>`` and quotes itself; what it cannot write are the characters XML 1.0
forbids (C0 controls other than tab, newline and carriage return, lone surrogates, U+FFFE/U+FFFF).
A record read from a damaged file may hold them: each is replaced by U+FFFD, visibly, rather than
dropped, so the text keeps its length and a reader sees where something was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str | None) -> str:
    """``text`` with every character XML 1.0 cannot hold replaced by U+FFFD ("" for None)."""
    if not text:
        return ""
    return _FORBIDDEN.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """``text`` as UTF-8 can hold it: a lone surrogate (left by a damaged file) as U+FFFD; every
    other character kept (CSV and Parquet keep control characters, XML cannot)."""
    if text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)


def xml_id(text: str) -> str:
    """An XML ID (NCName) made from ``text``: letters, digits, ``_``, ``-`` and ``.`` kept, any other
    character as ``_``, a leading digit or punctuation prefixed with ``x``."""
    out = re.sub(r"[^\w.-]", "_", text, flags=re.ASCII)
    if not out or not (out[0].isalpha() or out[0] == "_"):
        out = "x" + out
    return out


def fill_mixed(
    el: Any,
    text: str,
    spans: list[tuple[int, int, str, dict[str, str]]],
    child: Callable[[Any, str, dict[str, str], str], Any],
) -> Any:
    """``text`` into the element ``el`` as mixed content: each (start, end, tag, attributes) span
    a sub-element made by ``child(el, tag, attributes, text)``, the rest as text and tails (spans
    sorted; one that overlaps the previous or runs past the text is left as text)."""
    pos, last = 0, None
    for start, end, tag, attrs in spans:
        if start < pos or end > len(text):
            continue
        chunk = xml_safe(text[pos:start])
        if last is None:
            el.text = chunk
        else:
            last.tail = chunk
        last = child(el, tag, attrs, text[start:end])
        pos = end
    rest = xml_safe(text[pos:])
    if last is None:
        el.text = rest
    else:
        last.tail = rest
    return el
