"""The dialogue: every question the Committee asked, and whether, where and how well it was answered.

``analyse_records(records)`` groups records into dialogues (same body, session and State party,
in meeting order), extracts each atomic question of the committee side (``questions.py``), links
it to the delegation's paragraphs that answer it (``link.py``) and sets ``record.questions``.
Accuracy is measured against hand-annotated gold files (``evaluate.py``, docs/annotation.md);
``brief.py`` writes the Markdown brief. Everything runs offline.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Question, Record
from .dialogue import Dialogue, DialogueWarning, group_dialogues
from .embed import Embedder, EmbeddingsUnavailable, default_embedder
from .link import LinkParams, calibrated_params, score_dialogue, to_questions

__all__ = ["analyse_record", "analyse_records", "analyse_paths", "DialogueAnalysis", "summary_line", "load_embedder"]

STATUSES = ("answered", "partial", "unanswered")


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
    use_embeddings: bool = True,
    embedder: Embedder | None = None,
) -> list[DialogueAnalysis]:
    """Analyse records (one or more dialogues); sets each record's ``questions`` and adds the
    dialogue's completeness warnings to its ``warnings``."""
    notes: list[str] = []
    if embedder is None:
        embedder, why = load_embedder(use_embeddings)
        if why:
            notes.append(why)
    method = "full" if embedder is not None else "no_embeddings"
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


def analyse_record(record: Record, *, use_embeddings: bool = True) -> Record:
    """Analyse one record on its own (answers in later meetings are not seen); returns it with
    ``questions`` set and the completeness warnings added."""
    analyse_records([record], [record.symbol or "record"], use_embeddings=use_embeddings)
    return record


def summary_line(counts: Counter[str]) -> str:
    """'36 questions: 12 answered, 7 partial, 17 unanswered'."""
    n = sum(counts.values())
    parts = ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES)
    return f"{n} question{'s' if n != 1 else ''}: {parts}"


def analyse_paths(
    paths: list, *, encoding: str | None = None, language: str | None = None, use_embeddings: bool = True
) -> tuple[list[DialogueAnalysis], list[tuple[str, str]]]:
    """Parse and analyse files given as a dialogue's records; returns the analyses and, for each
    file that could not be read, (path, reason) — nothing given is silently dropped."""
    from .. import parse_file
    from ..errors import TbdError

    records: list[Record] = []
    names: list[str] = []
    failed: list[tuple[str, str]] = []
    for p in paths:
        try:
            records.append(parse_file(p, encoding=encoding, language=language))
            names.append(str(p))
        except TbdError as exc:
            failed.append((str(p), str(exc)))
    return (analyse_records(records, names, use_embeddings=use_embeddings) if records else []), failed
