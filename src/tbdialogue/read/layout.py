"""Page layout → blocks: lines of positioned text become paragraphs, furniture and footnotes.

Works on plain data (chunks of text with a box, a size and bold/italic), so it is independent of the
PDF library and testable on its own. Running headers and footers are found by position and
repetition across pages (the same text, digits aside, in the same margin on several pages), never
by a list of words; footnotes by their place under a separator rule (or in a smaller type at the
foot of the page) starting with a note mark.

Coordinates are PDF points with y growing upwards (top of the page = page height).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..document import Block, Run

#: Two chunks on one baseline further apart than this many ems (of the smaller type) are separate
#: segments: a running header's parts, or two columns side by side.
SEGMENT_GAP_EM = 4.0
#: A chunk this much smaller than its line (or less) and raised is a superscript.
SUPERSCRIPT = 0.85
#: Share of the page height, at the top and at the bottom, where running headers/footers live.
MARGIN_ZONE = 0.14
_MARK = re.compile(r"^[*†‡§]+|^\d{1,3}(?=\s|$|[^\d.,:])")
_NOTE_REF = re.compile(r"^(?:[*†‡§]{1,3}|\d{1,3})$")
_HYPHENS = "-\u00ad\u2010\u2011\x02"
_OPEN_JOINS = ("\u2013", "\u2014", "/")
_WORD_END = re.compile(r"([^\W\d_]+)[" + _HYPHENS + r"]$")
_WORD_START = re.compile(r"^([^\W\d_]+)")
_TOKENS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_DIGITS = re.compile(r"\d+")
_FIX = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
)


@dataclass(slots=True)
class Chunk:
    """A stretch of text in one font on one baseline (a PDF text object, or part of one)."""

    text: str
    x0: float
    x1: float
    base: float  # baseline y
    size: float
    bold: bool = False
    italic: bool = False


@dataclass(slots=True)
class Line:
    chunks: list[Chunk]
    base: float
    size: float
    x0: float
    x1: float
    #: Note marks printed as superscripts in this line (removed from its text).
    refs: list[str] = field(default_factory=list)
    #: Lines cut from one baseline at wide gaps share a group number.
    group: int = -1
    _text: str | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        # Asked several times of every line; a line's chunks are never changed once it is made.
        if self._text is None:
            self._text = "".join(c.text for c in self.chunks)
        return self._text

    @property
    def top(self) -> float:
        return self.base + 0.8 * self.size

    @property
    def bottom(self) -> float:
        return self.base - 0.25 * self.size


@dataclass(slots=True)
class Rule:
    """A horizontal stroke drawn on the page (a footnote separator, an underline, a box edge)."""

    x0: float
    x1: float
    y: float


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]
    rules: list[Rule] = field(default_factory=list)
    #: (left edge, right edge) of the gutter when the page is read in two columns.
    gutter: tuple[float, float] | None = None


@dataclass
class Laid:
    """What the layout analysis returns: body blocks and what is not body."""

    blocks: list[Block]
    furniture: list[tuple[str, str, int]]  # (zone, text, page): zone is "header" or "footer"
    footnotes: list[tuple[str, int]]


# -- lines --------------------------------------------------------------------------------------------
def clean_text(text: str) -> str:
    """Ligatures expanded, soft hyphens inside a line dropped, control characters made spaces."""
    if text.isascii() and text.isprintable():
        return text  # most chunks: nothing to repair (called for every chunk, and again per line)
    text = text.translate(_FIX).replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    if "\u00ad" in text:
        text = re.sub("\u00ad(?!$)", "", text)
    if "\ufffe" in text or "\x00" in text:
        text = text.replace("\ufffe", "").replace("\x00", "")
    return text


def make_lines(chunks: list[Chunk]) -> list[Line]:
    """Group chunks into lines by baseline (superscripts join the line they are raised from),
    order each line left to right, split a line where a wide gap separates two segments."""
    if not chunks:
        return []
    chunks = sorted(chunks, key=lambda c: (-c.base, c.x0))
    groups: list[list[Chunk]] = []
    bases: list[tuple[float, float]] = []  # (baseline, size) of each group's largest chunk
    for c in chunks:
        placed = False
        # Look back over the last few groups: a superscript sits above its line's baseline.
        for gi in range(len(groups) - 1, max(-1, len(groups) - 4), -1):
            base, size = bases[gi]
            big = max(size, c.size)
            # A superscript touches the text it belongs to; a smaller line of another column does not.
            # (Sizes and baselines first: whether it touches is asked only of a possible superscript.)
            raised = c.size <= SUPERSCRIPT * size and 0 < c.base - base <= 0.6 * size
            lowered_by = size <= SUPERSCRIPT * c.size and 0 < base - c.base <= 0.6 * c.size
            if abs(c.base - base) <= 0.35 * big or (
                (raised or lowered_by) and any(c.x0 <= o.x1 + big and c.x1 >= o.x0 - big for o in groups[gi])
            ):
                groups[gi].append(c)
                if c.size > size:
                    bases[gi] = (c.base, c.size)
                placed = True
                break
        if not placed:
            groups.append([c])
            bases.append((c.base, c.size))
    lines: list[Line] = []
    for number, (group, (base, size)) in enumerate(zip(groups, bases, strict=True)):
        group.sort(key=lambda c: c.x0)
        segment: list[Chunk] = []
        for c in group:
            if segment and c.x0 - segment[-1].x1 > SEGMENT_GAP_EM * max(min(c.size, segment[-1].size), 1.0):
                lines.append(_line(segment, base, size, number))
                segment = []
            segment.append(c)
        lines.append(_line(segment, base, size, number))
    lines.sort(key=lambda ln: (-ln.base, ln.x0))
    return lines


#: A gutter between two columns: at least this many points wide, in the middle half of the page.
GUTTER_MIN = 6.0
#: Chunks that may cross the gutter (headings, titles set across both columns), as a share.
GUTTER_CROSSING = 0.06
#: Chunks needed on each side of a gutter for the page to be read as two columns.
COLUMN_MIN_CHUNKS = 8


def page_gutters(pages: list[tuple[list[Chunk], float, float]]) -> list[tuple[float, float] | None]:
    """Each page's gutter (``(chunks, width, height)`` per page): the page's own, or the document's
    on a page too short to show one by itself.

    A record's last page often stops a few lines down, its two columns too short for
    :func:`_gutter` (and partly in the top margin zone it leaves out); read across, its lines
    interleave ("…pertaining to would also like to inform members…"). The document's other pages
    say where its gutter is: such a page is read in columns when no text crosses the middle of
    that gutter and both sides hold several lines of the same measure."""
    found = [_gutter(chunks, width, height) for chunks, width, height in pages]
    known = sorted((g0 + g1) / 2 for g0, g1 in filter(None, found))
    if not known:
        return found
    middle = known[len(known) // 2]
    return [g or _short_columns(chunks, width, middle) for g, (chunks, width, _) in zip(found, pages, strict=True)]


def _short_columns(chunks: list[Chunk], width: float, middle: float) -> tuple[float, float] | None:
    """The gutter of a short page whose text sits in two columns either side of ``middle``."""
    text = [c for c in chunks if c.text.strip()]
    if any(c.x0 < middle < c.x1 for c in text):
        return None  # a line across the middle: a single-column page (or a table), read as today
    left = [c for c in text if c.x1 <= middle]
    right = [c for c in text if c.x0 >= middle]
    rows = lambda cs: len({round(c.base) for c in cs})  # noqa: E731
    if rows(left) < 3 or rows(right) < 3:
        return None
    measure = lambda cs: max(c.x1 for c in cs) - min(c.x0 for c in cs)  # noqa: E731
    a, b = measure(left), measure(right)
    if min(a, b) < 0.6 * max(a, b) or min(a, b) < 0.25 * width:
        return None
    return max(c.x1 for c in left), min(c.x0 for c in right)


def page_lines(chunks: list[Chunk], width: float, height: float, gutter: tuple[float, float] | None) -> list[Line]:
    """The page's lines in reading order: :func:`make_lines`, or, on a page set in two columns,
    each column read top to bottom between the elements set across both (titles, headings).

    Without this, lines of the two columns that share a baseline become one line ("…the first
    line of a speech the first line of the other column…"). ``gutter`` comes from
    :func:`page_gutters`: a vertical gutter in the middle half of the page that almost no chunk of
    the text area crosses, with text on both sides. A single-column page has none (None) and gets
    exactly :func:`make_lines`.
    """
    if gutter is None:
        return make_lines(chunks)
    g0, g1 = gutter
    # A baseline with a chunk across the gutter is set across the page (a title, a notice box):
    # all of its chunks stay one line.
    crossing = [c for c in chunks if c.x1 > g0 and c.x0 < g1]
    wide = [c for c in chunks if any(abs(c.base - x.base) <= 0.35 * max(c.size, x.size) for x in crossing)]
    ids = {id(c) for c in wide}
    left = make_lines([c for c in chunks if id(c) not in ids and c.x1 <= g0])
    right = make_lines([c for c in chunks if id(c) not in ids and c.x0 >= g1])
    across = make_lines(wide)
    # Each make_lines numbers its baselines from 0: keep the groups of different calls apart.
    offset = 0
    for part in (left, right, across):
        for ln in part:
            ln.group += offset
        offset = max((ln.group for ln in part), default=offset) + 1

    # Bands between the elements set across both columns: the left column, then the right one;
    # a column's line on the same baseline as an element across ("President:" before its name)
    # goes with that element, left to right.
    def beside(ln: Line, a: Line) -> bool:
        return abs(ln.base - a.base) <= 0.35 * max(ln.size, a.size)

    columns = [ln for ln in left + right if not any(beside(ln, a) for a in across)]
    ordered: list[Line] = []
    edges = [height + 1.0] + [ln.base for ln in across] + [-1.0]
    for k in range(len(edges) - 1):
        hi, lo = edges[k], edges[k + 1]
        ordered += [ln for ln in columns if lo < ln.base <= hi and ln.x1 <= g0]
        ordered += [ln for ln in columns if lo < ln.base <= hi and ln.x0 >= g1]
        if k < len(across):
            a = across[k]
            ordered += sorted([a] + [ln for ln in left + right if beside(ln, a)], key=lambda ln: ln.x0)
    return ordered


def _gutter(chunks: list[Chunk], width: float, height: float) -> tuple[float, float] | None:
    """(left edge, right edge) of the gutter of a two-column page, or None."""
    top, bottom = height * (1 - MARGIN_ZONE), height * MARGIN_ZONE
    body = [c for c in chunks if bottom < c.base < top and c.text.strip()]
    if len(body) < 2 * COLUMN_MIN_CHUNKS:
        return None
    lo, hi = int(width * 0.25), int(width * 0.75)
    best = _widest_gap(body, lo, hi, GUTTER_CROSSING * len(body))
    if best is None:
        return None
    g0, g1 = best
    left = [c for c in body if c.x1 <= g0 + 1]
    right = [c for c in body if c.x0 >= g1 - 1]
    if len(left) < COLUMN_MIN_CHUNKS or len(right) < COLUMN_MIN_CHUNKS:
        return None
    # Both columns hold text over a good part of the page (not a cover's two short blocks), and they
    # are alike: two columns of running text have the same measure, where a table or a list of
    # labels and values ("JS13 | Joint submission 13 …", "Bahrain …… | Mr. Alrowaiei") does not,
    # and is better read row by row.
    span = lambda cs: max(c.base for c in cs) - min(c.base for c in cs)  # noqa: E731
    if min(span(left), span(right)) < 0.3 * (top - bottom):
        return None
    measure = lambda cs: max(c.x1 for c in cs) - min(c.x0 for c in cs)  # noqa: E731
    a, b = measure(left), measure(right)
    if min(a, b) < 0.6 * max(a, b) or min(a, b) < 0.25 * width:
        return None
    return g0 + 1, g1 - 1


def _widest_gap(body: list[Chunk], lo: int, hi: int, allowed: float) -> tuple[float, float] | None:
    """The widest run of points from ``lo`` to ``hi`` that at most ``allowed`` chunks cover, if at
    least GUTTER_MIN wide.

    Counted in steps where a chunk starts or ends: the work follows the chunks, not the page's
    width (a damaged MediaBox of millions of points took 6 s with one counter per point)."""
    delta: dict[int, int] = {lo: 0, hi + 1: 0}
    for c in body:
        a, b = max(lo, int(c.x0)), min(hi, int(c.x1))
        if a <= b:
            delta[a] = delta.get(a, 0) + 1
            delta[b + 1] = delta.get(b + 1, 0) - 1
    best: tuple[float, float] | None = None
    start: int | None = None
    running = 0
    steps = sorted(delta)
    for at in steps[:-1]:  # the points from one step to the next are covered alike
        running += delta[at]
        if running <= allowed and start is None:
            start = at
        elif running > allowed and start is not None:
            g0, g1 = float(start), float(at - 1)
            if g1 - g0 >= GUTTER_MIN and (best is None or g1 - g0 > best[1] - best[0]):
                best = (g0, g1)
            start = None
    if start is not None:  # a run that reaches the right edge
        g0, g1 = float(start), float(hi)
        if g1 - g0 >= GUTTER_MIN and (best is None or g1 - g0 > best[1] - best[0]):
            best = (g0, g1)
    return best


def _line(chunks: list[Chunk], base: float, size: float, group: int = -1) -> Line:
    # The segment's own type size and baseline (another segment of the baseline may be larger).
    big = max(chunks, key=lambda c: (c.size, len(c.text.strip())))
    size, base = big.size, big.base
    kept: list[Chunk] = []
    refs: list[str] = []
    for c in chunks:
        t = c.text.strip()
        # A small raised mark is a note reference ("No. 169¹"): keep it out of the text.
        if t and c.size <= SUPERSCRIPT * size and c.base - base > 0.12 * size and _NOTE_REF.match(t):
            refs.append(t)
            continue
        kept.append(c)
    out: list[Chunk] = []
    for c in kept:
        if out:
            prev = out[-1]
            gap = c.x0 - prev.x1
            # PDFium already puts the spaces it sees between words into the text; a wider gap
            # without one (a tab, letters placed one by one) is a space too.
            if gap > 0.3 * size and not prev.text.endswith((" ", "\t")) and not c.text.startswith((" ", "\t")):
                out.append(Chunk(" ", prev.x1, c.x0, base, prev.size, prev.bold and c.bold, prev.italic and c.italic))
        out.append(c)
    x0 = min((c.x0 for c in chunks), default=0.0)
    x1 = max((c.x1 for c in chunks), default=0.0)
    return Line(out, base, size, x0, x1, refs, group)


# -- furniture ----------------------------------------------------------------------------------------
def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.split())).lower()


def _first_token(key: str) -> str:
    return key.split(" ", 1)[0] if key else ""


def split_furniture(pages: list[Page], pattern: re.Pattern[str] | None = None) -> list[tuple[str, str, int]]:
    """Remove running headers and footers from ``pages`` (in place); return them as
    (zone, text, page). A margin line is furniture when its text, digits aside, recurs in the same
    margin of other pages (or its first word does, for the first page's longer footer); what lies
    beyond it, towards the page edge, is furniture too. ``pattern`` (optional) marks margin lines
    that are furniture by their form alone, for documents of one page."""
    zone_lines: list[tuple[list[Line], list[Line]]] = []
    top_count: Counter[str] = Counter()
    bottom_count: Counter[str] = Counter()
    for page in pages:
        top_limit = page.height * (1 - MARGIN_ZONE)
        bottom_limit = page.height * MARGIN_ZONE
        tops = [ln for ln in page.lines if ln.bottom >= top_limit][:4]
        bottoms = [ln for ln in page.lines if ln.top <= bottom_limit][-5:]
        zone_lines.append((tops, bottoms))
        top_count.update({_key(ln.text) for ln in tops})
        bottom_count.update({_key(ln.text) for ln in bottoms})
    need = max(2, round(0.3 * len(pages)))
    top_keys = {k for k, n in top_count.items() if n >= need and k.strip("# ")}
    bottom_keys = {k for k, n in bottom_count.items() if n >= need}
    top_first = {_first_token(k) for k in top_keys if len(_first_token(k)) >= 4}
    bottom_first = {_first_token(k) for k in bottom_keys if len(_first_token(k)) >= 4}
    page_numbers = {"#", "- # -", "-#-", "#/#", "# / #", "page #", "page # of #"}

    def anchor(ln: Line, keys: set[str], firsts: set[str]) -> bool:
        k = _key(ln.text)
        if k in keys or k in page_numbers or _first_token(k) in firsts:
            return True
        return bool(pattern and pattern.search(ln.text.strip()))

    out: list[tuple[str, str, int]] = []
    for page, (tops, bottoms) in zip(pages, zone_lines, strict=True):
        head = [ln for ln in tops if anchor(ln, top_keys, top_first)]
        foot = [ln for ln in bottoms if anchor(ln, bottom_keys, bottom_first)]
        head_cut = min((ln.base for ln in head), default=None)
        foot_cut = max((ln.base for ln in foot), default=None)
        keep: list[Line] = []
        for ln in page.lines:
            if head_cut is not None and ln.base >= head_cut - 0.3 * ln.size and ln in tops:
                out.append(("header", ln.text.strip(), page.number))
            elif foot_cut is not None and ln.base <= foot_cut + 0.3 * ln.size and ln in bottoms:
                out.append(("footer", ln.text.strip(), page.number))
            else:
                keep.append(ln)
        page.lines = keep
    return out


# -- footnotes ----------------------------------------------------------------------------------------
def body_size(pages: list[Page]) -> float:
    """The type size most of the text is set in."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page.lines:
            sizes[round(ln.size * 2) / 2] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def split_footnotes(pages: list[Page], size: float) -> list[tuple[str, int]]:
    """Remove footnotes from the foot of each page (in place) and return them as (text, page).

    A footnote area is what lies under a short separator rule in the lower half of the page, or,
    without a rule, the run of lines at the foot of the page set smaller than the body text whose
    first line opens with a note mark ("*", "1").
    """
    notes: list[tuple[str, int]] = []
    for page in pages:
        if not page.lines:
            continue
        body_width = max(ln.x1 for ln in page.lines) - min(ln.x0 for ln in page.lines)
        start: int | None = None
        rules = [r for r in page.rules if r.y < page.height * 0.5 and (r.x1 - r.x0) < 0.6 * max(body_width, 1)]
        for rule in sorted(rules, key=lambda r: -r.y):
            below = [i for i, ln in enumerate(page.lines) if ln.top <= rule.y + 1]
            if below and all(page.lines[i].size < size + 0.6 for i in below):
                first = page.lines[below[0]]
                if _MARK.match(first.text.strip()) or first.size < size - 0.4:
                    start = below[0]
                    break
        if start is None:
            i = len(page.lines)
            while i > 0 and page.lines[i - 1].size <= size - 0.6:
                i -= 1
            if i < len(page.lines):
                # The smaller type must open with a mark, somewhere in the run (each note starts with one).
                for j in range(i, len(page.lines)):
                    if _MARK.match(page.lines[j].text.strip()):
                        start = j
                        break
        if start is None:
            continue
        current: list[str] = []
        for ln in page.lines[start:]:
            text = clean_text(ln.text).strip()
            if _MARK.match(text) and current:
                notes.append((" ".join(current), page.number))
                current = []
            current.append(text)
        if current:
            notes.append((" ".join(current), page.number))
        page.lines = page.lines[:start]
    return [(" ".join(t.split()), p) for t, p in notes]


# -- blocks ---------------------------------------------------------------------------------------------
def _vocabulary(pages: list[Page]) -> tuple[set[str], set[str]]:
    words: set[str] = set()
    compounds: set[str] = set()
    for page in pages:
        for ln in page.lines:
            for tok in _TOKENS.findall(clean_text(ln.text).lower()):
                if "-" in tok:
                    compounds.add(tok)
                    words.update(tok.split("-"))
                else:
                    words.add(tok)
    return words, compounds


def join_hyphenated(prev: str, nxt: str, words: set[str], compounds: set[str]) -> str | None:
    """Text joining two lines when ``prev`` ends with a hyphen: "" to drop the hyphen (a word the
    layout broke), "-" to keep it (a compound: "awareness-raising"), None when not hyphenated.
    Decided by the document's own words; a soft hyphen is always dropped."""
    stripped, nxt = prev.rstrip(" "), nxt.lstrip()
    closed = len(stripped) > 1 and bool(nxt) and not stripped[-2].isspace()
    if closed and (
        stripped.endswith(_OPEN_JOINS) or stripped[-1] == "-" and stripped[-2:-1].isdigit() and nxt[0].isdigit()
    ):
        return stripped[-1]  # "2021–" + "2030", "CMW/C/" + "KGZ/2": no space after a closed dash or slash
    if not stripped or stripped[-1] not in _HYPHENS:
        return None
    m = _WORD_END.search(stripped[-64:])
    n = _WORD_START.match(nxt)
    if not m or not n:
        return None
    if prev.rstrip(" ").endswith("\u00ad"):
        return ""
    head, tail = m.group(1).lower(), n.group(1).lower()
    if not tail[:1].islower():
        return "-"
    if f"{head}-{tail}" in compounds:
        return "-"
    if head + tail in words:
        return ""
    return "-"


def _runs_of(line: Line) -> list[Run]:
    runs: list[Run] = []
    for c in line.chunks:
        text = clean_text(c.text).replace("\t", " ")
        if not text:
            continue
        if runs and runs[-1].text.endswith(" ") and text.startswith(" "):
            text = text.lstrip(" ")
            if not text:
                continue
        if runs and runs[-1].bold == c.bold and runs[-1].italic == c.italic:
            runs[-1].text += text
        elif runs and not text.strip():
            runs[-1].text += text  # a space takes the formatting of the text before it
        else:
            runs.append(Run(text, c.bold, c.italic))
    return runs


def _append_line(block: Block, line: Line, words: set[str], compounds: set[str]) -> None:
    runs = _runs_of(line)
    if not runs:
        return
    last = block.runs[-1]
    joint = join_hyphenated(last.text, runs[0].text, words, compounds)
    if joint is None:
        last.text = last.text.rstrip(" ")
        if last.text and not last.text.endswith(" "):
            last.text += " "
    else:
        last.text = last.text.rstrip(" ")[:-1] + joint
        runs[0].text = runs[0].text.lstrip()
    for run in runs:
        if block.runs and block.runs[-1].bold == run.bold and block.runs[-1].italic == run.italic:
            block.runs[-1].text += run.text
        else:
            block.runs.append(run)


def _starts_new(prev: Line, line: Line, block_right: float) -> bool:
    """A paragraph boundary between two consecutive lines of one page."""
    size = max(prev.size, line.size)
    if prev.base - line.base > 1.45 * size or prev.base - line.base < 0:
        return True  # extra space between paragraphs (or a jump back up: another column)
    if abs(prev.size - line.size) > 1.0:
        return True
    # The first word of this line would have fitted at the end of the previous one: the previous
    # line ended its paragraph (a short last line, or a line of a stacked block like "Distr.: General").
    words = line.text.strip().split(" ", 1)
    first = words[0] if words else ""
    need = 0.5 * line.size * (len(first) + 1)
    return prev.x1 + need < block_right - 0.5 * size


def reading_order(lines: list[Line]) -> list[Line]:
    """Lines in reading order where the page sets two columns side by side (the UN cover: the
    treaty's name on the left, "Distr.: General / date / Original: English" on the right): the left
    column, then the right one. A band of columns needs two baselines cut at the same place; a
    single cut line ("Chair:" and a name after a wide tab) is put back together."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        cut = _cut(lines, i)
        if cut is None:
            n = _group_len(lines, i)
            out.append(_joined(lines[i : i + n]))  # one line, or three parts and more: kept as one
            i += n
            continue
        lo, hi = cut
        band = list(range(i, i + _group_len(lines, i)))
        cuts = 1
        j = band[-1] + 1
        while j < len(lines):
            nxt = lines[j]
            if nxt.base < lines[band[-1]].base - 2.5 * max(nxt.size, lines[band[-1]].size):
                break
            other = _cut(lines, j)
            if other is not None and other[0] < hi and other[1] > lo:
                lo, hi = max(lo, other[0]), min(hi, other[1])
                n = _group_len(lines, j)
                band.extend(range(j, j + n))
                cuts += 1
                j += n
            elif other is None and (nxt.x1 <= hi or nxt.x0 >= lo):
                band.append(j)
                j += 1
            else:
                break
        if cuts >= 2:
            left = [lines[k] for k in band if lines[k].x1 <= hi]
            right = [lines[k] for k in band if lines[k].x1 > hi]
            out.extend(left + right)
            i = band[-1] + 1
        else:
            n = _group_len(lines, i)
            out.append(_joined(lines[i : i + n]))
            i += n
    return out


def _group_len(lines: list[Line], i: int) -> int:
    n = 1
    while i + n < len(lines) and lines[i + n].group == lines[i].group and lines[i].group >= 0:
        n += 1
    return n


def _cut(lines: list[Line], i: int) -> tuple[float, float] | None:
    """(end of the left part, start of the right part) of a baseline cut in two, else None."""
    n = _group_len(lines, i)
    if n != 2:
        return None
    return lines[i].x1, lines[i + 1].x0


def _joined(parts: list[Line]) -> Line:
    if len(parts) == 1:
        return parts[0]
    chunks: list[Chunk] = []
    for part in parts:
        if chunks:
            prev = chunks[-1]
            chunks.append(Chunk(" ", prev.x1, part.x0, part.base, prev.size, prev.bold, prev.italic))
        chunks.extend(part.chunks)
    first = parts[0]
    refs = [r for p in parts for r in p.refs]
    return Line(chunks, first.base, max(p.size for p in parts), first.x0, parts[-1].x1, refs, first.group)


def page_blocks(pages: list[Page]) -> list[Block]:
    """Body lines → blocks (paragraphs), with page-break splits rejoined when the layout says the
    paragraph goes on: the page's last line runs to the right edge and the next page's first line
    neither sits at another indent nor opens with a capital after a finished sentence. The move from
    the foot of a page's left column to the head of its right one is such a break too."""
    words, compounds = _vocabulary(pages)
    # The text area's right edge (the widest line of the document), for the indentation rule.
    area_right = max((ln.x1 for page in pages for ln in page.lines), default=0.0)
    blocks: list[Block] = []
    lefts: list[float] = []  # left edge of each block's first line
    block_right = 0.0
    last_line: Line | None = None
    last_right = 0.0
    for page in pages:
        lines = reading_order([ln for ln in page.lines if ln.text.strip()])
        if not lines:
            continue
        columns = _columns(lines, page.gutter)
        prev: Line | None = None
        first_of_block: Line | None = None
        for ln in lines:
            broken = prev is not None and page.gutter is not None and _column_break(prev, ln, page.gutter)
            if prev is None:
                new, gap = True, True
                if blocks and last_line is not None and _runs_on(last_line, last_right):
                    # The last page ended on a full line: the paragraph may go on here.
                    gap = False
                    same_indent = abs(ln.x0 - lefts[-1]) <= 1.5 * ln.size
                    new = not (_continues(blocks[-1].text, ln.text) or same_indent and not _opens(ln.text))
            elif broken and blocks:
                (_, right), (margin, _) = columns[0], columns[1]
                new = not (_runs_on(prev, right) and _goes_on(blocks[-1].text, ln, margin))
                gap = new
            else:
                new = _starts_new(prev, ln, max(block_right, ln.x1)) or _indents(prev, ln, first_of_block, area_right)
                gap = new
            if new:
                runs = _runs_of(ln)
                if runs:
                    runs[0].text = runs[0].text.lstrip()
                    blocks.append(Block(runs=runs, page=page.number, gap_before=gap))
                    lefts.append(ln.x0)
                    block_right = ln.x1
                    first_of_block = ln
            else:
                _append_line(blocks[-1], ln, words, compounds)
                # After a break the measure is the new column's (or page's), not the last one's.
                block_right = ln.x1 if prev is None or broken else max(block_right, ln.x1)
                if blocks[-1].page != page.number:
                    blocks[-1].page_end = page.number
            prev = ln
        last_line = prev
        last_right = columns[-1][1] if page.gutter and ln.x0 >= page.gutter[1] else columns[0][1]
    for b in blocks:
        if b.runs:
            b.runs[-1].text = b.runs[-1].text.rstrip()
    return [b for b in blocks if b.text.strip()]


def _columns(lines: list[Line], gutter: tuple[float, float] | None) -> list[tuple[float, float]]:
    """(left margin, right edge) of the page's text, or of each of its two columns."""
    if gutter is None:
        return [(left_edge(lines), right_edge(lines))]
    out = []
    for side in ([ln for ln in lines if ln.x1 <= gutter[0]], [ln for ln in lines if ln.x0 >= gutter[1]]):
        out.append((left_edge(side), right_edge(side)) if side else (0.0, 0.0))
    return out


def _column_break(prev: Line, line: Line, gutter: tuple[float, float]) -> bool:
    """The reading moves up from the left column to the head of the right one."""
    return prev.x1 <= gutter[0] and line.x0 >= gutter[1] and line.base > prev.base


def _goes_on(text: str, line: Line, margin: float) -> bool:
    """Whether ``line``, at the head of a column, continues the paragraph ``text`` (whose last line
    ran to its column's edge): it opens in lower case, or sits at the column's margin (not at a
    first-line indent) after an unfinished sentence, without a paragraph number."""
    if _continues(text, line.text):
        return True
    at_margin = abs(line.x0 - margin) <= 0.8 * max(line.size, 1.0)
    return at_margin and not _opens(line.text) and not text.rstrip().endswith((".", ":", "!", "?", ".”", '."'))


def _indents(prev: Line, line: Line, first: Line | None, right: float) -> bool:
    """A change of left edge that opens a paragraph: a line further in than a line that stopped
    short of the margin (a sub-item), or further out than the block's second and later lines."""
    em = max(line.size, 1.0)
    if line.x0 > prev.x0 + 0.8 * em:
        return prev.x1 < right - 1.5 * em
    if line.x0 < prev.x0 - 0.8 * em:
        return prev is not first  # the first line of a paragraph may be indented
    return False


def left_edge(lines: list[Line]) -> float:
    """The left margin of the text column: where most lines start (paragraphs' first lines aside)."""
    starts = Counter(round(ln.x0 / 3) for ln in lines)
    start, _ = starts.most_common(1)[0]
    return min(ln.x0 for ln in lines if round(ln.x0 / 3) == start)


def right_edge(lines: list[Line]) -> float:
    """The right margin of the text column: where most lines end (justified text), else the furthest."""
    ends = Counter(round(ln.x1 / 3) for ln in lines if len(ln.text) > 20)
    if ends:
        end, n = ends.most_common(1)[0]
        if n >= 3:
            return max(ln.x1 for ln in lines if round(ln.x1 / 3) == end)
    return max(ln.x1 for ln in lines)


def _runs_on(line: Line, right: float) -> bool:
    return line.x1 >= right - 1.5 * line.size


def _continues(prev_text: str, text: str) -> bool:
    t = text.lstrip()
    return bool(t) and (t[0].islower() or prev_text.rstrip().endswith(tuple(_HYPHENS)))


_OPENS = re.compile(r"^\s*(?:\d{1,3}\.(?!\d)|\(?[a-z]\)|[A-Z][a-z]{0,3}\.\s)")


def _opens(text: str) -> bool:
    """A line that opens a paragraph by its form: a paragraph number, an enumerator."""
    return bool(_OPENS.match(text))


def lay_out(pages: list[Page], furniture_pattern: re.Pattern[str] | None = None) -> Laid:
    """Furniture, then footnotes, then paragraphs."""
    furniture = split_furniture(pages, furniture_pattern)
    size = body_size(pages)
    footnotes = split_footnotes(pages, size)
    blocks = page_blocks(pages)
    return Laid(blocks=blocks, furniture=furniture, footnotes=footnotes)
