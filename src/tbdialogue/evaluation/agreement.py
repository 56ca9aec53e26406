"""Agreement between two annotations of the same records (inter-annotator agreement).

A gold file is only as good as its annotator's decisions. Two people annotating the same record
under ``docs/annotation.md`` show how reproducible those decisions are, and so how far any linker
can be expected to agree with either of them. The second file is scored against the first with
exactly the rules ``tbdialogue eval`` applies to the linker (question matching by paragraph and word
overlap, links, status, unanswered), plus Cohen's kappa on the status of matched questions, and
every question on which the two disagree is listed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UnreadableInput
from ..model import QUESTION_STATUSES as STATUSES
from ..pipeline import parse_file
from .questions import (
    GoldQuestion,
    GoldSet,
    Prediction,
    Scores,
    check_gold,
    load_gold,
    match_questions,
    score_predictions,
)


@dataclass
class Difference:
    """One question the two annotations treat differently (``a`` or ``b`` is None when unmatched)."""

    a: GoldQuestion | None
    b: GoldQuestion | None

    @property
    def kind(self) -> str:
        if self.a is None:
            return "only in B"
        if self.b is None:
            return "only in A"
        parts = []
        if self.a.status != self.b.status:
            parts.append("status")
        if self.a.answers != self.b.answers:
            parts.append("answers")
        return " and ".join(parts)

    def to_dict(self) -> dict:
        def side(q: GoldQuestion | None) -> dict | None:
            if q is None:
                return None
            return {
                "id": q.id,
                "paragraph": q.paragraph,
                "text": q.text,
                "status": q.status,
                "answers": sorted(q.answers),
            }

        return {"kind": self.kind, "a": side(self.a), "b": side(self.b)}


@dataclass
class Agreement:
    a: GoldSet
    b: GoldSet
    scores: Scores  # B scored as if it were a prediction against A
    kappa: float | None  # Cohen's kappa on the status of matched questions (None: undefined)
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)  # (status in A, status in B) → count
    differences: list[Difference] = field(default_factory=list)

    def to_dict(self) -> dict:
        out = {"a": str(self.a.path), "b": str(self.b.path), **self.scores.to_dict()}
        out["status_kappa"] = None if self.kappa is None else round(self.kappa, 3)
        out["status_confusion"] = [
            {"a": sa, "b": sb, "count": n} for (sa, sb), n in sorted(self.confusion.items()) if n
        ]
        out["differences"] = [d.to_dict() for d in self.differences]
        return out

    def text(self) -> str:
        s = self.scores
        qp, qr, qf = s.questions
        lp, lr, lf = s.links
        up, ur, _ = s.unanswered
        kappa = "undefined" if self.kappa is None else f"{self.kappa:.3f}"
        lines = [
            f"A: {self.a.path} ({len(self.a.questions)} questions, {s.l_gold} answer links)",
            f"B: {self.b.path} ({len(self.b.questions)} questions, {s.l_pred} answer links)",
            "",
            f"questions:  B against A: precision {qp:.3f}  recall {qr:.3f}  F1 {qf:.3f}"
            f"  ({s.q_tp} matched by paragraph and word overlap)",
            f"links:      precision {lp:.3f}  recall {lr:.3f}  F1 {lf:.3f}  ({s.l_tp} links in both)",
            f"status:     {s.status_ok}/{s.status_n} matched questions agree ({s.status_accuracy:.3f}),"
            f" Cohen's kappa {kappa}",
            f"unanswered: precision {up:.3f}  recall {ur:.3f}  (B's 'unanswered' against A's)",
            "",
            "status of matched questions (rows: A, columns: B)",
            f"  {'':<12}" + "".join(f"{st:>12}" for st in STATUSES),
        ]
        for sa in STATUSES:
            cells = "".join(f"{self.confusion.get((sa, sb), 0):>12}" for sb in STATUSES)
            lines.append(f"  {sa:<12}{cells}")
        if self.differences:
            lines += ["", f"{len(self.differences)} question(s) annotated differently:"]
            for d in self.differences:
                q = d.a or d.b
                assert q is not None
                lines.append(f"- {q.paragraph} [{d.kind}] {q.text}")
                for name, side in (("A", d.a), ("B", d.b)):
                    if side is not None:
                        answers = ", ".join(sorted(side.answers)) or "no answer"
                        lines.append(f"    {name}: {side.status}; {answers}")
        else:
            lines += ["", "The two annotations agree on every question, status and answer link."]
        return "\n".join(lines)


def _fingerprint(paths: list[Path]) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters' labels; None when it is undefined (no pairs, or one label only)."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def agreement(a: GoldSet, b: GoldSet) -> Agreement:
    """How far annotation ``b`` agrees with annotation ``a`` of the same records."""
    if _fingerprint(a.records) != _fingerprint(b.records):
        raise UnreadableInput(
            f"{b.path} and {a.path} annotate different records: agreement needs two annotations of the same texts"
        )
    preds = [Prediction(q.paragraph, q.text, q.status, q.answers) for q in b.questions]
    scores = score_predictions(preds, a.questions)
    m = match_questions([(q.paragraph, q.text) for q in b.questions], a.questions)
    pairs = [(a.questions[j].status, b.questions[i].status) for i, j in m.items()]
    confusion = Counter(pairs)
    diffs: list[Difference] = []
    for i, j in sorted(m.items(), key=lambda x: x[1]):
        qa, qb = a.questions[j], b.questions[i]
        if qa.status != qb.status or qa.answers != qb.answers:
            diffs.append(Difference(qa, qb))
    matched_a = set(m.values())
    diffs += [Difference(q, None) for j, q in enumerate(a.questions) if j not in matched_a]
    diffs += [Difference(None, q) for i, q in enumerate(b.questions) if i not in m]
    return Agreement(a, b, scores, cohen_kappa(pairs), dict(confusion), diffs)


def agreement_of_files(a: Path, b: Path) -> Agreement:
    """Agreement of two gold files, each first checked against its records (as ``eval`` does)."""
    golds = [load_gold(a), load_gold(b)]
    for g in golds:
        check_gold(g, [parse_file(r) for r in g.records])
    return agreement(*golds)
