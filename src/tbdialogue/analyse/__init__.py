"""The dialogue: every question the Committee asked, and whether, where and how well it was answered.

``analyse_records(records)`` groups records into dialogues (same body, session and State party,
in meeting order), extracts each atomic question of the committee side (``questions.py``), links
it to the delegation's paragraphs that answer it (``link.py``) and sets ``record.questions``.
It takes :class:`~tbdialogue.model.Record` objects, never files (``tbdialogue.pipeline`` reads and
parses them); accuracy is measured by ``tbdialogue.evaluation`` against hand-annotated gold files
(docs/annotation.md), and ``tbdialogue.export`` writes the results. Everything runs offline.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import QUESTION_STATUSES, Question, Record
from .dialogue import Dialogue, DialogueWarning, group_dialogues
from .embed import Embedder, EmbeddingsUnavailable, default_embedder
from .link import LinkParams, calibrated_params, score_dialogue, to_questions

__all__ = ["analyse_record", "analyse_records", "stored_analyses", "DialogueAnalysis", "load_embedder", "STATUSES"]

STATUSES = QUESTION_STATUSES


@dataclass
class DialogueAnalysis:
    dialogue: Dialogue
    questions: list[tuple[Record, Question]]
    method: str  # "full" (with embeddings) or "no_embeddings"
    params: LinkParams
    notes: list[str] = field(default_factory=list)  # e.g. "embeddings not installed"

    @property
    def warnings(self) -> list[DialogueWarning]:
        return self.dialogue.warnings

    def counts(self) -> Counter[str]:
        return Counter(q.status for _, q in self.questions)


def stored_analyses(records: list[Record]) -> list[DialogueAnalysis]:
    """The analyses of records whose questions are already there (read back from the corpus), one
    per dialogue, with its completeness warnings — nothing analysed again. Records without
    questions are left out."""
    analysed = [r for r in records if r.questions is not None]
    out = []
    for d in group_dialogues(analysed, [r.symbol or "record" for r in analysed]):
        pairs = [(r, q) for r in d.records for q in r.questions or []]
        out.append(DialogueAnalysis(d, pairs, "stored", calibrated_params("full"), []))
    return out


def load_embedder(use_embeddings: bool = True) -> tuple[Embedder | None, str | None]:
    """The default embedder, or None and the reason why not."""
    if not use_embeddings:
        return None, "embeddings switched off: lexical, overlap and order evidence only"
    try:
        return default_embedder(), None
    except EmbeddingsUnavailable as exc:
        return None, f"{exc}; linking with lexical, overlap and order evidence only"


def analyse_records(
    records: list[Record],
    names: list[str] | None = None,
    *,
    use_embeddings: bool | None = None,
    embedder: Embedder | None = None,
) -> list[DialogueAnalysis]:
    """Analyse records (one or more dialogues); sets each record's ``questions`` and adds the
    dialogue's completeness warnings to its ``warnings``.

    ``use_embeddings``: None (the default) computes sentence embeddings only when the shipped
    calibration gives them weight — loading the model costs most of a short analysis' time, and
    evidence with weight 0 cannot change a decision; True or False forces the choice."""
    notes: list[str] = []
    method = "full"
    if embedder is None:
        if use_embeddings is None and not calibrated_params("full").w_embedding:
            notes.append(
                "embeddings not computed: the shipped calibration gives them weight 0, so they cannot change a decision"
            )
        else:
            embedder, why = load_embedder(use_embeddings is not False)
            if why:
                notes.append(why)
            if embedder is None:
                method = "no_embeddings"
    params = calibrated_params(method)
    out: list[DialogueAnalysis] = []
    for d in group_dialogues(records, names):
        scored = score_dialogue(d, embedder)
        per_record = to_questions(d, scored, params, method)
        pairs: list[tuple[Record, Question]] = []
        for rec, qs in zip(d.records, per_record, strict=True):
            rec.questions = qs
            pairs.extend((rec, q) for q in qs)
        for w in d.warnings:
            target = d.records[-1] if w.code == "ends_with_questions" else d.records[0]
            text = f"analysis: {w.message}"
            if text not in target.warnings:
                target.warnings.append(text)
        out.append(DialogueAnalysis(d, pairs, method, params, list(notes)))
    return out


def analyse_record(record: Record, *, use_embeddings: bool | None = None) -> Record:
    """Analyse one record on its own (answers in later meetings are not seen); returns it with
    ``questions`` set and the completeness warnings added."""
    analyse_records([record], [record.symbol or "record"], use_embeddings=use_embeddings)
    return record
