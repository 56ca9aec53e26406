"""Every linking error of the linker on gold files, with the texts a reader needs to judge it.

``tbdialogue eval GOLD --errors`` lists, for each gold question the linker got wrong, the question,
the paragraphs it linked and should have linked (each with the sentence that shares most words
with the question), and a kind:

- ``false link (gold: unanswered)``: the gold finds no answer, the linker links one;
- ``wrong paragraph``: the gold and the linker link different paragraphs;
- ``missed paragraph``: the linker found some of the gold's paragraphs, not all;
- ``missed (predicted unanswered)``: the gold links paragraphs, the linker none;
- ``status only``: the links agree, the status (answered/partial) does not.

A missed paragraph that shares no content word with the question is marked ``no shared word``:
no lexical evidence can find it (a paraphrase, an anaphor such as "whether they enjoyed…").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from ..analyse.link import LinkParams, adjusted_scores, decide
from ..analyse.terms import content_terms
from ..lexicon.sentences import split_sentences
from .questions import GoldRun, _para_id, match_questions


@dataclass
class LinkedParagraph:
    id: str
    score: float | None  # the linker's score (exclusivity applied) for this question; None: not a candidate
    shared: list[str]  # content words shared with the question, as printed in the paragraph
    sentence: str  # the paragraph's sentence sharing most content words with the question (all of it if none)


@dataclass
class LinkError:
    gold_id: str
    question: str
    asked_in: str
    kind: str
    gold_status: str
    predicted_status: str
    false: list[LinkedParagraph] = field(default_factory=list)
    missed: list[LinkedParagraph] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def _best_sentence(text: str, question_terms: set[str], language: str) -> str:
    sents = split_sentences(text, language)
    shared = [len(question_terms & set(content_terms(s.text, language))) for s in sents]
    if not sents or max(shared) == 0:
        return text
    return sents[shared.index(max(shared))].text


def _kind(gold: frozenset[str], pred: frozenset[str], gold_status: str, pred_status: str) -> str | None:
    if gold == pred:
        return None if gold_status == pred_status else "status only"
    if not gold:
        return "false link (gold: unanswered)"
    if not pred:
        return "missed (predicted unanswered)"
    if pred < gold:
        return "missed paragraph"
    return "wrong paragraph"


def link_errors(runs: Sequence[GoldRun], params: LinkParams) -> list[LinkError]:
    """The errors of the linker with ``params`` on each gold run, in question order."""
    out: list[LinkError] = []
    for r in runs:
        d = r.dialogue
        preds = [(_para_id(d, sc), sc.question.text) for sc in r.scored]
        matched = match_questions(preds, r.gold.questions)
        scores = adjusted_scores(r.scored, params)
        by_gold = {j: i for i, j in matched.items()}
        paras = {p.id: (p, rec.language) for rec in d.records for p in rec.paragraphs}
        for j, g in enumerate(r.gold.questions):
            i = by_gold.get(j)
            if i is None:
                out.append(LinkError(g.id, g.text, g.paragraph, "question not extracted", g.status, "—"))
                continue
            sc = r.scored[i]
            dec = decide(sc, params, scores[i])
            pred = frozenset(c.slot.paragraph.id for c in dec.links)
            kind = _kind(g.answers, pred, g.status, dec.status)
            if kind is None:
                continue
            q_terms = set(content_terms(sc.question.text, d.records[sc.record].language))
            cands = {c.slot.paragraph.id: c for c in sc.candidates}
            row = scores[i]

            def described(pid: str, q_terms=q_terms, cands=cands, row=row, paras=paras) -> LinkedParagraph:
                c = cands.get(pid)
                para, language = paras[pid]
                return LinkedParagraph(
                    pid,
                    round(row[c.slot.position], 4) if c is not None else None,
                    list(c.terms) if c is not None else [],
                    _best_sentence(para.text, q_terms, language),
                )

            out.append(
                LinkError(
                    g.id,
                    g.text,
                    g.paragraph,
                    kind,
                    g.status,
                    dec.status,
                    [described(p) for p in sorted(pred - g.answers)],
                    [described(p) for p in sorted(g.answers - pred)],
                )
            )
    return out


def errors_text(errors: Sequence[LinkError], params: LinkParams) -> str:
    """A plain-text listing (``tbdialogue eval --errors``)."""
    if not errors:
        return "no linking errors"
    lines = [
        f"{len(errors)} question(s) with a linking or status error (thresholds: link {params.t_link}, "
        f"answered {params.t_answered}; a paragraph is linked when it scores at least the link threshold "
        f"and {params.ratio} × the question's best):"
    ]
    for e in errors:
        lines.append("")
        lines.append(f"{e.gold_id} ({e.asked_in}) — {e.kind}: gold {e.gold_status}, predicted {e.predicted_status}")
        lines.append(f"  Q: {e.question}")
        for label, paras in (("linked, not in gold", e.false), ("in gold, not linked", e.missed)):
            for p in paras:
                score = "not a candidate" if p.score is None else f"score {p.score}"
                shared = ", ".join(p.shared) if p.shared else "no shared word"
                lines.append(f"  {label}: {p.id} ({score}; {shared})")
                lines.append(f"    “{p.sentence}”")
    return "\n".join(lines)
