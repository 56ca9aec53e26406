"""Linking each question to the delegation paragraphs that answer it, with evidence.

For a question, the candidates are the delegation's paragraphs after it in the same record and
in the next record of the dialogue. Each candidate gets four scores:

- ``bm25``: BM25 of the question's stemmed content words in the paragraph (normalised, 0–1);
- ``embedding``: the best cosine between the question and one of the paragraph's sentences
  (multilingual USE; 0 when embeddings are not installed);
- ``overlap``: the share of the question's numbers and names (ILO "No. 190", "Organization of
  Turkic States", "paragraph 44") found in the paragraph, weighted by rarity;
- ``order``: delegations answer a batch of questions roughly in the order asked: 1 − |relative
  position of the question in its batch − relative position of the paragraph in the reply that
  follows|, 0 outside that reply.

Their weighted sum decides: the paragraphs scoring at least ``t_link`` (and close enough to the
best) are the question's answers; ``answered`` when the best reaches ``t_answered``, ``partial``
when it reaches only ``t_link``, ``unanswered`` below. Weights and thresholds are not set by hand:
``evaluate.calibrate`` chooses them on annotated data and writes ``calibration.toml``.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources

from ..lexicon.cues import cue_profile
from ..lexicon.normalize import fold
from ..lexicon.sentences import split_sentences
from ..model import Question, Quote, Record
from .bm25 import BM25
from .dialogue import Dialogue, Slot
from .embed import Embedder
from .questions import Extracted, extract_questions
from .terms import Features, content_terms, document_frequencies, features, surface_by_stem

FEATURES = ("bm25", "embedding", "overlap", "order")
#: A word found in more than this share of a dialogue's paragraphs says what the dialogue is about,
#: not what one paragraph answers: it does not count as informative evidence of an answer.
RARE_SHARE = 0.15
#: Informative words (or rare names and numbers) a link must share with its question to be trusted
#: without a score: with one, the link is shown as "check".
MIN_INFORMATIVE = 2


@dataclass(frozen=True)
class LinkParams:
    """Weights of the four scores and the decision thresholds."""

    w_bm25: float = 1.0
    w_embedding: float = 0.0
    w_overlap: float = 0.0
    w_order: float = 0.0
    t_link: float = 0.2
    t_answered: float = 0.3
    ratio: float = 0.7  # a second answer paragraph must score at least ratio × the best
    mutual: float = 0.0  # penalty for a paragraph that matches another question better
    max_links: int = 3
    #: A link on fewer than two informative words is trusted ("high") only from this score up.
    t_high: float = math.inf

    def score(self, c: Candidate) -> float:
        return (
            self.w_bm25 * c.bm25 + self.w_embedding * c.embedding + self.w_overlap * c.overlap + self.w_order * c.order
        )


@cache
def calibrated_params(mode: str = "full") -> LinkParams:
    """The calibrated parameters shipped in ``calibration.toml`` ("full", "no_embeddings", "lexical")."""
    raw = tomllib.loads(resources.files(__package__).joinpath("calibration.toml").read_text("utf-8"))
    return LinkParams(**raw[mode]["params"])


@dataclass
class Candidate:
    slot: Slot
    bm25: float = 0.0
    embedding: float = 0.0
    overlap: float = 0.0
    order: float = 0.0
    terms: list[str] = field(default_factory=list)  # shared content words, as printed in the answer
    keys: list[str] = field(default_factory=list)  # shared numbers and names
    #: The shared words (and rare names or numbers) that say what this paragraph is about: rare in
    #: the dialogue and not the Committees' boilerplate. Two of them make a link trusted.
    informative: list[str] = field(default_factory=list)
    generic: list[str] = field(default_factory=list)  # shared words that are not informative


@dataclass
class Scored:
    """A question with every candidate answer scored (what decisions and calibration start from)."""

    record: int
    question: Extracted
    candidates: list[Candidate]
    before: list[Candidate]  # delegation paragraphs before the question (only flagged)
    rank: int = 0  # position of the question in its batch
    batch: int = 1  # number of questions in its batch
    reply: list[Slot] = field(default_factory=list)  # the delegation's paragraphs right after the batch


def _blocks(record: Record, questions: list[Extracted]) -> list[list[int]]:
    """Questions grouped by batch: runs of committee paragraphs not interrupted by the delegation."""
    side = {p.index: (record.turns[p.turn].speaker.side if p.turn is not None else None) for p in record.paragraphs}
    blocks: list[list[int]] = []
    last_para = None
    for qi, q in enumerate(questions):
        interrupted = last_para is None or any(side.get(i) == "state" for i in range(last_para + 1, q.paragraph))
        if interrupted:
            blocks.append([])
        blocks[-1].append(qi)
        last_para = q.paragraph
    return blocks


def score_dialogue(d: Dialogue, embedder: Embedder | None) -> list[Scored]:
    """Every question of the dialogue with its candidate answers scored."""
    slots = d.slots()
    lang = {ri: rec.language for ri, rec in enumerate(d.records)}
    feats: list[Features] = [features(s.paragraph.text, lang[s.record]) for s in slots]
    bm25 = BM25([f.terms for f in feats])
    key_df = document_frequencies(f.keys for f in feats)
    term_df = document_frequencies(f.terms for f in feats)
    n_docs = max(1, len(slots))
    rare = RARE_SHARE * n_docs
    generic = {ri: generic_stems(rec.language) for ri, rec in enumerate(d.records)}
    max_idf = _idf(1, n_docs)
    slot_of = {(s.record, s.paragraph.index): s for s in slots}
    state = [s for s in slots if s.side == "state"]
    surfaces = {s.position: surface_by_stem(s.paragraph.text, lang[s.record]) for s in state}
    signposts = {s.position: signposted_asker(s.paragraph.text, lang[s.record]) for s in state}

    per_record = [extract_questions(rec) for rec in d.records]
    # Sentence embeddings of the delegation's paragraphs, and of the questions: one batch.
    sent_owner: list[int] = []
    sent_text: list[str] = []
    for s in state:
        for sent in split_sentences(s.paragraph.text, lang[s.record]):
            sent_owner.append(s.position)
            sent_text.append(sent.text)
    q_all = [(ri, q) for ri, qs in enumerate(per_record) for q in qs]
    emb_sim: dict[tuple[int, int], float] = {}
    if embedder is not None and q_all and sent_text:
        vecs = embedder.encode(sent_text + [q.text for _, q in q_all])
        sv, qv = vecs[: len(sent_text)], vecs[len(sent_text) :]
        sims = qv @ sv.T
        for qi in range(len(q_all)):
            row = sims[qi]
            for j, owner in enumerate(sent_owner):
                key = (qi, owner)
                v = float(row[j])
                if v > emb_sim.get(key, -1.0):
                    emb_sim[key] = v

    out: list[Scored] = []
    qi = 0
    for ri, (rec, qs) in enumerate(zip(d.records, per_record, strict=True)):
        blocks = _blocks(rec, qs)
        for block_no, block in enumerate(blocks):
            q_paras = [qs[i].paragraph for i in block]
            next_block_start = qs[blocks[block_no + 1][0]].paragraph if block_no + 1 < len(blocks) else None
            reply = [
                s
                for s in state
                if (
                    s.record == ri
                    and s.paragraph.index > q_paras[-1]
                    and (next_block_start is None or s.paragraph.index < next_block_start)
                )
            ]
            if next_block_start is None and ri + 1 < len(d.records):
                nxt = per_record[ri + 1]
                stop = nxt[0].paragraph if nxt else None
                reply += [s for s in state if s.record == ri + 1 and (stop is None or s.paragraph.index < stop)]
            reply_pos = {s.position: k for k, s in enumerate(reply)}
            for k, qidx in enumerate(block):
                q = qs[qidx]
                here = slot_of[(ri, q.paragraph)]
                qf = features(q.text, rec.language)
                q_keys = qf.keys
                rq = k / (len(block) - 1) if len(block) > 1 else 0.5
                # Cosines of unrelated texts are far from 0: measure against this question's
                # background, its mean cosine with all the delegation's paragraphs.
                sims = [emb_sim.get((qi + qidx, s.position), 0.0) for s in state]
                background = sum(sims) / len(sims) if sims else 0.0
                cands: list[Candidate] = []
                before: list[Candidate] = []
                for s in state:
                    after = (s.record == ri and s.position > here.position) or s.record == ri + 1
                    earlier = s.record <= ri and s.position < here.position
                    if not (after or earlier):
                        continue
                    c = Candidate(s)
                    c.bm25, shared = bm25.score(qf.terms, s.position)
                    surface = surfaces[s.position]
                    c.terms = [surface.get(t, t) for t in shared[:8]]
                    common = q_keys & feats[s.position].keys
                    if common:
                        # Rarity-weighted: one rare shared name or number ("No. 190") scores 1; the
                        # State's own name, found everywhere, scores next to nothing.
                        c.overlap = min(1.0, sum(_idf(key_df.get(x, 0), n_docs) for x in common) / max_idf)
                    c.keys = sorted(x[1:] for x in common)
                    for t in shared:
                        word = surface.get(t, t)
                        rare_word = term_df.get(t, 0) <= rare and t not in generic[ri]
                        (c.informative if rare_word else c.generic).append(word)
                    for x in sorted(common):  # a rare name or number is evidence too, unless its words counted
                        words = x[1:].split()
                        if x.startswith("@") and set(content_terms(x[1:], rec.language)) <= generic[ri]:
                            continue  # "Convention", "State": a capitalised generic word is no name
                        if key_df.get(x, 0) <= rare and not any(w in words for w in c.informative):
                            c.informative.append(x[1:])
                    sign = signposts[s.position]
                    if sign and _names_asker(sign, rec.turns[q.turn].speaker.name if q.turn is not None else None):
                        c.informative.append(f"reply to {sign}")  # the delegation says whom it answers
                    c.embedding = max(0.0, emb_sim.get((qi + qidx, s.position), 0.0) - background)
                    if s.position in reply_pos:
                        ra = reply_pos[s.position] / (len(reply) - 1) if len(reply) > 1 else 0.5
                        c.order = 1.0 - abs(rq - ra)
                    (cands if after else before).append(c)
                out.append(Scored(ri, q, cands, before, k, len(block), reply))
        qi += len(qs)
    return out


def _idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def signposted_asker(text: str, language: str) -> str | None:
    """The member a delegation paragraph says it answers ("In reply to Ms. Dzumhur, …"), as printed."""
    head = text[:400]
    for rx in cue_profile(language).signposts:
        m = rx.search(head)
        if m and m.groupdict().get("asker"):
            return " ".join(m.group("asker").split())
    return None


def _names_asker(signpost: str, asker: str | None) -> bool:
    """Does a signpost's "Ms. Dzumhur" name the asker "Ms. Dzumhur (Country Rapporteur)"? By the
    surname, accent- and case-blind."""
    if not asker:
        return False
    words = fold(signpost, lower=True).replace(".", " ").split()[1:]
    name = fold(asker.split("(")[0], lower=True).replace(".", " ").split()
    return bool(words) and all(w in name for w in words)


@cache
def generic_stems(language: str) -> frozenset[str]:
    """The profile's boilerplate words as the matching compares them (thesaurus heads, stemmed)."""
    return frozenset(content_terms(" ".join(cue_profile(language).generic), language))


@dataclass
class Decision:
    status: str
    links: list[Candidate]
    best: float
    before: list[Candidate]
    confidence: str = "high"  # high | low ("check")
    reason: str = ""


def link_confidence(c: Candidate, score: float, params: LinkParams) -> tuple[str, str]:
    """Is a link trusted? On two informative words, or from the calibrated score ``t_high`` up;
    otherwise it is shown as "check", with the reason."""
    informative = list(dict.fromkeys(c.informative))
    if len(informative) >= MIN_INFORMATIVE:
        return "high", f"shares {len(informative)} informative words ({', '.join(informative[:4])})"
    if score >= params.t_high:
        return "high", f"score {score:.3f} at or above the trusted score {params.t_high:g}"
    if informative:
        return "low", f"rests on one informative word ({informative[0]})" + (
            f" and generic ones ({', '.join(c.generic[:3])})" if c.generic else ""
        )
    if c.generic:
        return "low", f"rests on generic words only ({', '.join(c.generic[:3])})"
    return "low", "shares no word with the question (order or meaning only)"


def with_confidence(dec: Decision, sc: Scored, params: LinkParams, scores: dict[int, float]) -> Decision:
    """The decision with its confidence: a link's as above; for "unanswered", low when a later
    delegation paragraph shares two informative words with the question (to check)."""
    if dec.links:
        top = dec.links[0]
        dec.confidence, dec.reason = link_confidence(top, scores[top.slot.position], params)
        return dec
    near = [c for c in sc.candidates if len(set(c.informative)) >= MIN_INFORMATIVE]
    if near:
        c = max(near, key=lambda c: scores[c.slot.position])
        words = ", ".join(list(dict.fromkeys(c.informative))[:4])
        dec.confidence, dec.reason = (
            "low",
            f"{c.slot.paragraph.id} shares informative words ({words}) but scored too low",
        )
    else:
        dec.confidence, dec.reason = "high", "no later delegation paragraph shares two informative words with it"
    return dec


def adjusted_scores(scored: Sequence[Scored], params: LinkParams) -> list[dict[int, float]]:
    """Each candidate's score, less ``mutual`` × how much better the paragraph fits its best question.

    A paragraph usually answers one or two questions of a batch: when it matches another question
    much better, it is less likely to answer this one.
    """
    base = [{c.slot.position: params.score(c) for c in sc.candidates} for sc in scored]
    if not params.mutual:
        return base
    best_for: dict[int, float] = {}
    for row in base:
        for pos, v in row.items():
            best_for[pos] = max(best_for.get(pos, 0.0), v)
    return [{pos: v - params.mutual * (best_for[pos] - v) for pos, v in row.items()} for row in base]


def decide(sc: Scored, params: LinkParams, scores: dict[int, float] | None = None) -> Decision:
    """Status and answer paragraphs of one question (``scores``: adjusted scores by slot position)."""
    scores = scores if scores is not None else {c.slot.position: params.score(c) for c in sc.candidates}
    ranked = sorted(((scores[c.slot.position], c) for c in sc.candidates), key=lambda x: -x[0])
    best = ranked[0][0] if ranked else 0.0
    links = [c for s, c in ranked if s >= params.t_link and s >= params.ratio * best][: params.max_links]
    status = "answered" if best >= params.t_answered else ("partial" if best >= params.t_link else "unanswered")
    return Decision(status, links, best, [])


def decide_all(scored: Sequence[Scored], params: LinkParams) -> list[Decision]:
    return [
        with_confidence(decide(sc, params, adj), sc, params, adj)
        for sc, adj in zip(scored, adjusted_scores(scored, params), strict=True)
    ]


def _evidence(sc: Scored, dec: Decision, params: LinkParams, mode: str) -> dict:
    def row(c: Candidate) -> dict:
        return {
            "paragraph": c.slot.paragraph.id,
            "score": round(params.score(c), 3),
            "bm25": round(c.bm25, 3),
            "embedding": round(c.embedding, 3),
            "overlap": round(c.overlap, 3),
            "order": round(c.order, 3),
            "terms": c.terms,
            "names_numbers": c.keys,
        }

    top = sorted(sc.candidates, key=lambda c: -params.score(c))[:3]
    return {
        "method": mode,
        "best_score": round(dec.best, 3),
        "thresholds": {"link": params.t_link, "answered": params.t_answered},
        "candidates": [row(c) for c in top],
    }


def _before_threshold(scored: Sequence[Scored], decisions: Sequence[Decision], params: LinkParams) -> float:
    """How strongly an earlier delegation paragraph must match to be flagged: at least as well as
    the median answer linked to an answered question of this dialogue (raw score)."""
    raw = sorted(params.score(c) for d in decisions if d.status == "answered" for c in d.links)
    return raw[len(raw) // 2] if raw else float("inf")


def to_questions(d: Dialogue, scored: list[Scored], params: LinkParams, mode: str) -> list[list[Question]]:
    """The model's Question objects, per record of the dialogue."""
    out: list[list[Question]] = [[] for _ in d.records]
    counters = [0] * len(d.records)
    decisions = decide_all(scored, params)
    flag_at = _before_threshold(scored, decisions, params)
    duplicates = same_questions(d, scored)
    for j, i in duplicates.items():  # one answer serves both: the better-founded decision for both
        a, b = decisions[i], decisions[j]
        better, other = (a, j) if (a.confidence == "high", a.best) >= (b.confidence == "high", b.best) else (b, i)
        twin = i if other == j else j
        decisions[other] = Decision(
            better.status, list(better.links), better.best, [], better.confidence,
            f"asks what question {twin + 1} asks; {better.reason}",
        )  # fmt: skip
    ids: list[str] = []
    for n, (sc, dec) in enumerate(zip(scored, decisions, strict=True)):
        rec = d.records[sc.record]
        after_best = max((params.score(c) for c in sc.candidates), default=0.0)
        dec.before = sorted(
            (c for c in sc.before if params.score(c) >= flag_at and params.score(c) > after_best),
            key=lambda c: -params.score(c),
        )[:2]
        counters[sc.record] += 1
        q = sc.question
        para = rec.paragraphs[q.paragraph - 1]
        turn = rec.turns[q.turn] if q.turn is not None else None
        base = rec.symbol or "record"
        ids.append(f"{base}/q{counters[sc.record]}")
        out[sc.record].append(
            Question(
                id=ids[-1],
                paragraph=q.paragraph,
                asked_by=q.turn,
                text=q.text,
                status=dec.status,  # type: ignore[arg-type]
                answers=[c.slot.paragraph.index for c in dec.links if c.slot.record == sc.record],
                answers_elsewhere=[c.slot.paragraph.id for c in dec.links if c.slot.record != sc.record],
                evidence=_evidence(sc, dec, params, mode),
                paragraph_id=para.id,
                asker=turn.speaker.name if turn else None,
                asker_role=turn.speaker.role if turn else None,
                start=q.start,
                end=q.end,
                topic=q.topic,
                answers_before=[c.slot.paragraph.id for c in dec.before],
                confidence=dec.confidence,  # type: ignore[arg-type]
                confidence_reason=dec.reason,
                quotes=[quote(d, sc, c) for c in dec.links],
                same_as=ids[duplicates[n]] if n in duplicates else None,
            )
        )
    return out


#: Two questions of different askers ask the same thing when most of the informative words of the
#: shorter are in the longer (overlap coefficient), and at least two: the brief lists them once.
SAME_QUESTION = 0.6


def same_questions(d: Dialogue, scored: Sequence[Scored]) -> dict[int, int]:
    """Question index → index of an earlier question of another asker that asks the same thing.

    Compared on informative words only (rare in the dialogue, not boilerplate), hyphenated words
    also by their parts ("trade union-related rights" meets "trade unions")."""
    df: dict[str, int] = {}
    paragraphs = [p for rec in d.records for p in rec.paragraphs]
    for rec in d.records:
        for p in rec.paragraphs:
            for t in set(content_terms(p.text.replace("-", " "), rec.language)):
                df[t] = df.get(t, 0) + 1
    rare = RARE_SHARE * max(1, len(paragraphs))
    words: list[set[str]] = []
    for sc in scored:
        lang = d.records[sc.record].language
        terms = set(content_terms(sc.question.text.replace("-", " "), lang)) - generic_stems(lang)
        words.append({t for t in terms if df.get(t, 0) <= rare})
    out: dict[int, int] = {}
    for j, b in enumerate(words):
        for i in range(j):
            a = words[i]
            same_asker = (scored[i].record, scored[i].question.turn) == (scored[j].record, scored[j].question.turn)
            shared = len(a & b)
            if same_asker or i in out or shared < 2:
                continue
            if shared / min(len(a), len(b)) >= SAME_QUESTION:
                out[j] = i
                break
    return out


def quote(d: Dialogue, sc: Scored, c: Candidate) -> Quote:
    """The sentence of an answering paragraph that shares the most informative words with the
    question (then any of its words), quoted as the link's evidence."""
    lang = d.records[c.slot.record].language
    wanted = set(content_terms(sc.question.text, lang))
    informative = {w.lower() for w in c.informative}
    text = c.slot.paragraph.text
    best, best_key = None, (-1, -1)
    for sent in split_sentences(text, lang):
        terms = set(content_terms(sent.text, lang))
        shared = terms & wanted
        words = {w.lower() for w in sent.text.split()}
        key = (sum(1 for w in informative if w in words or w in sent.text.lower()), len(shared))
        if key > best_key:
            best, best_key = sent, key
    if best is None:
        return Quote(paragraph=c.slot.paragraph.id, start=0, end=len(text), text=text)
    return Quote(paragraph=c.slot.paragraph.id, start=best.start, end=best.end, text=best.text)


def params_dict(params: LinkParams) -> dict:
    return asdict(params)
