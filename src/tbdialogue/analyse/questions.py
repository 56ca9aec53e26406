"""Atomic questions: every request for information a Committee member makes, with its exact span.

Only turns of the committee side are read. In each sentence a *request cue* of the language's
profile ("she wished to know", "would welcome information on", "souhaiterait savoir", "desea
saber", "It was unclear whether") opens a question; a sentence ending in "?" is a direct question.
A cue inside a hope, an encouragement or a recommendation ("He hoped the delegation would …") is
not. A request is then split where it asks about distinct matters: before a coordinated wh- or
whether-clause (", and whether …", "… and in what year …"), before ", and to <verb>" and before
"and on …"; "whether X and, if so, what" stays one question. The rules are in docs/annotation.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon.cues import CueProfile, cue_profile
from ..lexicon.sentences import split_sentences
from ..model import Record

_TRIM_LEFT = re.compile(r"^[\s,;:–—-]+")
_TRIM_RIGHT = re.compile(r"[\s,;:.–—-]+$")
_WORD = re.compile(r"[\w’'-]+", re.UNICODE)


@dataclass
class Extracted:
    """A question found in a paragraph, before linking."""

    paragraph: int  # 1-based index
    start: int  # offsets in the paragraph's text
    end: int
    text: str
    turn: int | None
    cue: str  # the cue matched, or "?" for a direct question, "" for a split part
    topic: str


def _cue_matches(sentence: str, prof: CueProfile) -> list[re.Match[str]]:
    """Non-overlapping request cues in a sentence, earliest first."""
    found: list[re.Match[str]] = []
    for rx in prof.requests:
        found.extend(rx.finditer(sentence))
    found.sort(key=lambda m: (m.start(), -(m.end() - m.start())))
    out: list[re.Match[str]] = []
    for m in found:
        if out and m.start() < out[-1].end():
            continue
        out.append(m)
    return [m for i, m in enumerate(out) if not _blocked(sentence, m, out[i - 1].end() if i else 0, prof)]


def _blocked(sentence: str, cue: re.Match[str], since: int, prof: CueProfile) -> bool:
    """True when the cue sits inside a hope, encouragement or recommendation of the same clause."""
    window = sentence[since : cue.start()]
    for rx in prof.blockers:
        for b in rx.finditer(window):
            if not prof.clause_break.search(window, b.end()):
                return True
    return False


def _split_points(body: str, offset: int, prof: CueProfile) -> list[int]:
    """Offsets in ``body`` (at or after ``offset``) where a new question starts."""
    wh, co = prof.wh, prof.coordinators
    coordinated = re.compile(rf"(?:,\s*|\s+){co}\s+(?={wh}\b)", re.I)
    comma = re.compile(rf",\s*(?={wh}\b)", re.I)
    points: list[int] = []
    co_points = [m for m in coordinated.finditer(body, offset) if not _no_split(body, m.start(), m.end(), prof)]
    last_co = co_points[-1].start() if co_points else -1
    points.extend(m.end() for m in co_points)
    for m in comma.finditer(body, offset):
        # ", how long … and in what year": a comma list needs a coordinated clause after it.
        if m.start() < last_co and not _no_split(body, m.start(), m.end(), prof):
            word = body[m.end() : m.end() + 3].lower()
            if not word.startswith("if") and not word.startswith("si "):
                points.append(m.end())
    for rx in (prof.infinitive_split, prof.preposition_split):
        points.extend(m.end() for m in rx.finditer(body, offset) if not _no_split(body, m.start(), m.end(), prof))
    return sorted(set(points))


def _no_split(body: str, start: int, end: int, prof: CueProfile) -> bool:
    window = body[max(0, start - 12) : end + 16]
    return any(rx.search(window) for rx in prof.no_split)


def topic_label(text: str, cue: str, prof: CueProfile, max_words: int = 8) -> str:
    """A short label: the request's object, without its cue and leading function words."""
    rest = text[len(cue) :] if cue and text.startswith(cue) else text
    rest = re.split(r"[,;:(?]", rest, maxsplit=1)[0]
    words = _WORD.findall(rest)
    while words and words[0].lower() in prof.topic_drop:
        words.pop(0)
    label = " ".join(words[:max_words])
    if len(words) > max_words:
        label += " …"
    return label or " ".join(_WORD.findall(text)[:max_words])


def _spans_in_sentence(sentence: str, prof: CueProfile, first_of_turn: bool) -> list[tuple[int, int, str]]:
    """(start, end, cue) of each question in one sentence, offsets within the sentence."""
    cues = _cue_matches(sentence, prof)
    out: list[tuple[int, int, str]] = []
    if not cues:
        if not sentence.rstrip().endswith("?"):
            return []
        start = 0
        if first_of_turn and (m := prof.label_end.match(sentence)):
            start = m.end()
        cues_at = [(start, start, "?")]
    else:
        cues_at = [(m.start(), m.end(), m.group(0)) for m in cues]
    for i, (c_start, c_end, cue) in enumerate(cues_at):
        stop = cues_at[i + 1][0] if i + 1 < len(cues_at) else len(sentence)
        body = sentence[:stop]
        cuts = [c_start] + [p for p in _split_points(body, c_end, prof) if c_start < p < stop] + [stop]
        for j in range(len(cuts) - 1):
            out.append((cuts[j], cuts[j + 1], cue if j == 0 else ""))
    return out


def _trim(text: str, start: int, end: int, prof: CueProfile) -> tuple[int, int]:
    seg = text[start:end]
    left = _TRIM_LEFT.match(seg)
    start += left.end() if left else 0
    seg = text[start:end]
    keep_q = seg.rstrip().endswith("?")
    right = _TRIM_RIGHT.search(seg)
    if right and not keep_q:
        end = start + right.start()
    elif keep_q:
        end = start + len(seg.rstrip())
    # A coordinator left at the end of a part: "… had, and" → "… had".
    seg = text[start:end]
    tail = re.search(rf"[\s,]+{prof.coordinators}$", seg, re.I)
    if tail:
        end = start + tail.start()
    return start, end


def extract_paragraph(text: str, language: str, *, first_of_turn: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, cue) of each question in a paragraph's text."""
    prof = cue_profile(language)
    out: list[tuple[int, int, str]] = []
    for k, s in enumerate(split_sentences(text, language)):
        for a, b, cue in _spans_in_sentence(s.text, prof, first_of_turn and k == 0):
            start, end = _trim(text, s.start + a, s.start + b, prof)
            if end - start >= 8:
                out.append((start, end, cue))
    return out


def extract_questions(record: Record) -> list[Extracted]:
    """Every atomic question asked by the committee side in a record, in order."""
    prof = cue_profile(record.language)
    out: list[Extracted] = []
    for para in record.paragraphs:
        if para.turn is None:
            continue
        turn = record.turns[para.turn]
        if turn.speaker.side != "committee":
            continue
        first = bool(turn.paragraphs) and turn.paragraphs[0] == para.index
        for start, end, cue in extract_paragraph(para.text, record.language, first_of_turn=first):
            span = para.text[start:end]
            out.append(Extracted(para.index, start, end, span, para.turn, cue, topic_label(span, cue, prof)))
    return out
