"""Reader for plain text and Markdown: one block per non-empty line, with bold/italic runs.

Plain text carries no formatting, so its runs are plain; Markdown's ``**bold**``, ``*italic*``,
``_italic_`` and backslash escapes become runs. Joining lines into paragraphs is left to the parser,
which also has to rejoin paragraphs split by page breaks in paged formats.
"""

from __future__ import annotations

import codecs
import re

from ..document import Block, Document, Run
from ..errors import UnreadableInput
from .detect import looks_like_markdown

_ESCAPABLE = "\\`*_{}[]()#+-.!$|<>~'\"&"
_ESC = re.compile(r"\\([" + re.escape(_ESCAPABLE) + r"])")
# Private-use characters stand in for escaped characters while delimiters are resolved.
_PUA = 0xE000
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.I)


def decode(data: bytes, encoding: str | None = None) -> str:
    """Decode bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, or ``encoding``."""
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise UnreadableInput(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise UnreadableInput(
                f"not valid {encoding} text (byte {exc.start}); check the --encoding you gave"
            ) from None
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise UnreadableInput(
                    f"the file starts with a {codec} byte-order mark but is not valid {codec}"
                ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableInput(
            f"not UTF-8 text (invalid byte at offset {exc.start}); "
            "re-save it as UTF-8 or give its encoding, e.g. --encoding cp1252"
        ) from None


def inline_runs(line: str) -> list[Run]:
    """Runs of one Markdown line: bold, italic, both; escapes resolved; unmatched stars kept."""
    if "*" not in line and "_" not in line and "\\" not in line:
        return [Run(line)]
    escaped = "\\" in line
    protected = _ESC.sub(lambda m: chr(_PUA + _ESCAPABLE.index(m.group(1))), line) if escaped else line
    runs: list[Run] = []
    _spans(protected, False, False, runs)
    if escaped:
        for run in runs:
            run.text = _unprotect(run.text)
    return [r for r in runs if r.text]


_PROTECTED = re.compile(f"[{chr(_PUA)}-{chr(_PUA + len(_ESCAPABLE) - 1)}]")


def _unprotect(text: str) -> str:
    # A pattern, not str.translate: translate looks up every character (0.5 s on a 4 MB paragraph).
    return _PROTECTED.sub(lambda m: _ESCAPABLE[ord(m.group()) - _PUA], text)


#: Emphasis nested deeper than this is kept as plain text (no real record nests more than twice).
_MAX_NESTING = 8
_WORDCHAR = re.compile(r"\w")


def _word_char(ch: str) -> bool:
    return bool(_WORDCHAR.match(ch))


def _spans(text: str, bold: bool, italic: bool, out: list[Run], depth: int = 0) -> None:
    """Emphasis of one line, in time linear in its length (times the nesting).

    The same spans as a regular expression would give (tests/test_emphasis.py holds it: bold-italic ``***``, bold ``**``/``__``, italic ``*``/``_``,
    leftmost first, shortest content) — but a pattern with a lazy ``.+?`` tries every later position
    for each opener without a closer, which is quadratic ("**a " 16,000 times took seconds): here each
    opener finds its closer by bisecting a list of the closers the line holds.
    """
    if depth >= _MAX_NESTING:
        _append(out, text, bold, italic)
        return
    closers = _closers(text)
    n = len(text)
    pos = i = 0
    while i < n:
        mark = _MARK.search(text, i)  # jump to the next delimiter: a character loop took seconds on MBs
        if mark is None:
            break
        i = mark.start()
        found = _emphasis_at(text, i, closers)
        if found is None:
            i += 1
            continue
        start, end, inner, b, it = found
        if i > pos:
            _append(out, text[pos:i], bold, italic)
        _spans(text[start:end], bold or b, italic or it, out, depth + 1)
        pos = i = end + (3 if b and it else 2 if b else 1)
    if pos < n:
        _append(out, text[pos:], bold, italic)


def _closers(text: str) -> dict[str, list[int]]:
    """Positions where each closing delimiter may stand (preceded by a non-space; ``__`` not
    followed by a word character), overlapping ones included: found by the regex engine, since a
    loop over every character took 5 s on a 4 MB paragraph."""
    return {d: [m.start() for m in p.finditer(text)] if d[:2] in text else [] for d, p in _CLOSERS.items()}


_MARK = re.compile(r"[*_]")
_CLOSERS = {
    "***": re.compile(r"(?<=\S)(?=\*\*\*)"),
    "**": re.compile(r"(?<=\S)(?=\*\*)"),
    "__": re.compile(r"(?<=\S)(?=__(?!\w))"),
}


def _emphasis_at(text: str, i: int, closers: dict[str, list[int]]):
    """The emphasis opening at ``i``: (content start, content end, _, bold, italic), or None."""
    from bisect import bisect_left

    n = len(text)
    before = text[i - 1] if i else ""
    for delim, b, it in (("***", True, True), ("**", True, False), ("__", True, False)):
        k = len(delim)
        if not text.startswith(delim, i) or i + k >= n or text[i + k].isspace():
            continue
        if delim == "__" and before and _word_char(before):
            continue
        cands = closers[delim]
        j = bisect_left(cands, i + k + 1)
        if j < len(cands):
            return i + k, cands[j], None, b, it
    for mark in "*_":
        if text[i] != mark or i + 1 >= n:
            continue
        nxt = text[i + 1]
        if nxt.isspace() or nxt == mark or (before and (_word_char(before) or before == "*" == mark)):
            continue
        c = text.find(mark, i + 1)  # the content holds no other mark: the closer is the next one
        if c == -1 or text[c - 1].isspace():
            continue
        after = text[c + 1] if c + 1 < n else ""
        if after and (_word_char(after) or after == "*" == mark):
            continue
        return i + 1, c, None, False, True
    return None


def _append(out: list[Run], text: str, bold: bool, italic: bool) -> None:
    if out and out[-1].bold == bold and out[-1].italic == italic:
        out[-1].text += text
    else:
        out.append(Run(text, bold, italic))


_LIST_ITEM = re.compile(r"^(?:\d{1,4}[.)]|[-*+•])\s")
_NUMBERED = re.compile(r"^\d{1,3}\.\s?\S")
_TERMINAL = tuple(".!?:;…")
#: Longest line a hard-wrapped text may have; longer lines are whole paragraphs.
MAX_WRAP_WIDTH = 130


def _physical_lines(text: str, markdown: bool) -> list[tuple[str, bool, bool]]:
    """Non-empty lines as (text, blank line before, starts a new block by its syntax)."""
    out: list[tuple[str, bool, bool]] = []
    gap = True
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if "\f" in raw:  # form feed: a page break in text dumps
            gap = True
            raw = raw.replace("\f", "")
        line = raw.strip()
        new_block = False
        if markdown:
            if _RULE.match(line):
                gap = True
                continue
            if line[:1] in ("#", ">"):
                new_block = bool(_HEADING.match(line))
                line = _HEADING.sub("", _QUOTE.sub("", line))
            if "<" in line:
                line = _HTML_BREAK.sub(" ", line).strip()
            new_block = new_block or bool(_LIST_ITEM.match(line)) or raw.endswith(("  ", "\\"))
        if not line:
            gap = True
            continue
        out.append((line, gap, new_block))
        gap = False
    return out


def wrap_width(lines: list[str]) -> int | None:
    """The width a text was hard-wrapped at (pdftotext, pandoc), or None when lines are paragraphs."""
    long_lines = [len(line) for line in lines if len(line) > 40]  # covers are short lines
    if len(long_lines) < 5:
        return None
    width = max(long_lines)
    if width > MAX_WRAP_WIDTH:
        return None
    full = sum(1 for n in long_lines if n >= 0.75 * width)
    return width if full >= 0.5 * len(long_lines) else None


def _continues(prev_line: str, prev_text: str, line: str, new_block: bool, markdown: bool, width: int | None) -> bool:
    """Does ``line`` (with no blank line before it) continue the paragraph of ``prev_line``?"""
    if new_block:
        return False
    if markdown:
        # Markdown joins consecutive lines into one paragraph; a converter that writes one
        # paragraph per line without blank lines is recognised by its long, complete lines.
        return len(prev_line) <= MAX_WRAP_WIDTH or not prev_text.rstrip().endswith(_TERMINAL)
    if width is None:
        return False
    if _NUMBERED.match(line) and prev_text.rstrip().endswith(_TERMINAL):
        return False
    first_word = line.split(" ", 1)[0]
    return len(prev_line) + 1 + len(first_word) > width - 2  # the next word did not fit


def blocks_from_text(text: str, markdown: bool) -> list[Block]:
    """Blocks from text: lines of one paragraph (Markdown, or text hard-wrapped at a fixed width)
    are joined; otherwise one block per line. ``gap_before`` records a blank line before a block.
    Joining paragraphs split by page breaks is the parser's job, for every format alike.
    """
    lines = _physical_lines(text, markdown)
    width = None if markdown else wrap_width([line for line, _, _ in lines])
    # A paragraph's lines are kept in a list and joined once: joining line by line copied the
    # paragraph so far at every line (a 1 MB text wrapped at 70 columns took 8.6 s).
    merged: list[tuple[list[str], bool]] = []  # (the paragraph's parts, gap_before)
    for line, gap, new_block in lines:
        # A paragraph's text ends with its last line (lines are stripped): what _continues reads.
        last = merged[-1][0][-1] if merged else ""
        if merged and not gap and _continues(last, last, line, new_block, markdown, width):
            if not last.endswith("-"):  # "non-" + "governmental": keep the hyphen
                merged[-1][0].append(" ")
            merged[-1][0].append(line)
        else:
            merged.append(([line], gap))
    blocks: list[Block] = []
    for parts, gap in merged:
        joined = "".join(parts)
        runs = inline_runs(joined) if markdown else [Run(joined)]
        if runs:
            blocks.append(Block(runs=runs, gap_before=gap))
    return blocks


#: Half of a UTF-16 pair alone: some codecs (utf-7, utf-16 without a pair) decode to it, and no
#: output (JSON, XML, the database) can hold it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


#: Bytes of plain text or Markdown beyond which a file cannot be one summary record (the parser takes
#: at most 500,000 characters; the longest real records ~150,000): refused before it is decoded,
#: so that a 62 MB text costs neither seconds nor hundreds of MB.
MAX_TEXT_BYTES = 4_000_000


def check_size(size: int) -> None:
    """Refuse a text of ``size`` bytes that cannot be one record (also from a file's size on disk)."""
    if size > MAX_TEXT_BYTES:
        raise UnreadableInput(
            f"the text is {size / 1e6:.1f} MB, far longer than any summary record "
            f"(at most {MAX_TEXT_BYTES / 1e6:.0f} MB of text): not one record"
        )


def read_text(data: bytes, path: str | None = None, encoding: str | None = None) -> Document:
    check_size(len(data))
    text = decode(data, encoding)
    if "\x00" in text:
        raise UnreadableInput("binary content (NUL bytes) where text was expected")
    text, lone = _LONE_SURROGATE.subn("\ufffd", text)
    markdown = looks_like_markdown(text, path)
    doc = Document(blocks=blocks_from_text(text, markdown), format="markdown" if markdown else "text", path=path)
    if lone:
        doc.warnings.append(
            f"{lone} character(s) decoded as half a UTF-16 pair (from the {encoding or 'detected'} encoding) "
            "replaced by \ufffd: check the --encoding you gave"
        )
    return doc
