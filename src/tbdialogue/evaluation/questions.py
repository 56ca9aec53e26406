"""Measure question extraction and answer linking against annotated gold files; calibrate the linker.

A gold file (``tests/gold/*.questions.json``, written by hand following docs/annotation.md) names
the records of one dialogue and lists every atomic question with its status and answering
paragraphs. Matching rules (docs/annotation.md §3): a predicted question matches a gold one in the
same paragraph when the Dice coefficient of their word sets is at least 0.5, one-to-one, greedily
from the best overlap down. Links are (question, paragraph id) pairs.

The same run scores the full linker and two baselines on the same extracted questions:
order-only (the k-th of n questions of a batch gets the paragraph at relative position k/n of the
reply that follows) and lexical-only (BM25 alone, with its own calibrated thresholds).

Calibration chooses the weights and thresholds that maximise answer-link F1 (plus half the F1 of
``unanswered``) subject to a precision of ``unanswered`` of at least 0.9 — telling a user that a
question went unanswered when it was answered is the worst error — then the ``answered``/``partial``
threshold that maximises status accuracy. Cross-validation (leave one asker's turn out) shows how
much of that is fitted to the questions it is measured on.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from ..analyse import load_embedder
from ..analyse.dialogue import Dialogue, group_dialogues
from ..analyse.embed import Embedder
from ..analyse.link import Decision, LinkParams, Scored, calibrated_params, decide_all, generic_stems, score_dialogue
from ..errors import TbdError, UnreadableInput
from ..lexicon.cues import thesaurus_switched_off
from ..model import Record
from ..pipeline import parse_file


class NeedsNumpy(TbdError):
    """Calibration and cross-validation need numpy, which the ``embeddings`` extra installs."""


def numpy():
    """numpy, imported on first use: the runtime path (parse, questions) never needs it."""
    try:
        import numpy as np
    except ImportError:
        raise NeedsNumpy(
            "evaluating the linker calibrates it with numpy, which is not installed: "
            "pip install 'tbdialogue[embeddings]' (it brings numpy)"
        ) from None
    return np


MATCH_THRESHOLD = 0.5
MIN_UNANSWERED_PRECISION = 0.9
_WORDS = re.compile(r"\w+", re.UNICODE)


# ----------------------------------------------------------------------------- gold files


@dataclass
class GoldQuestion:
    id: str
    paragraph: str  # citable paragraph id
    text: str
    status: str
    answers: frozenset[str]
    turn: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class GoldSet:
    path: Path
    records: list[Path]
    questions: list[GoldQuestion]
    expected_warnings: list[str] = field(default_factory=list)
    #: Only some questions of the records are in the gold (reviewed ones): predictions that match no
    #: gold question are not scored (question precision is then meaningless and not reported).
    partial: bool = False


def load_gold(path: Path) -> GoldSet:
    """Read a gold file; paths of its records are relative to the gold file."""
    try:
        raw = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableInput(f"cannot read gold file {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise UnreadableInput(f"{path}: not JSON ({exc.msg} at line {exc.lineno}); see docs/annotation.md") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), list) or not raw.get("records"):
        raise UnreadableInput(f"{path}: a gold file needs 'records' and 'questions' (see docs/annotation.md)")
    records = [(path.parent / r).resolve() for r in raw["records"]]
    for r in records:
        if not r.exists():
            raise UnreadableInput(f"{path}: record {r} named in the gold file does not exist")
    qs: list[GoldQuestion] = []
    for n, q in enumerate(raw["questions"], start=1):
        try:
            status = q["status"]
            if status not in ("answered", "partial", "unanswered"):
                raise KeyError("status")
            qs.append(
                GoldQuestion(
                    q.get("id", f"q{n}"),
                    q["paragraph"],
                    q["text"],
                    status,
                    frozenset(q.get("answers", [])),
                    q.get("turn"),
                    q.get("start"),
                    q.get("end"),
                )
            )
        except (KeyError, TypeError) as exc:
            raise UnreadableInput(f"{path}: question {n} lacks a valid {exc}") from None
    return GoldSet(path, records, qs, list(raw.get("expected_warnings", [])))


# ----------------------------------------------------------------------------- matching and scores


def _wordset(text: str) -> set[str]:
    return {w.lower() for w in _WORDS.findall(text)}


def dice(a: str, b: str) -> float:
    x, y = _wordset(a), _wordset(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x or y else 0.0


def match_questions(pred: Sequence[tuple[str, str]], gold: Sequence[GoldQuestion]) -> dict[int, int]:
    """Predicted index → gold index, one-to-one, greedy from the best overlap down."""
    pairs = []
    for i, (pid, text) in enumerate(pred):
        for j, g in enumerate(gold):
            if g.paragraph == pid:
                d = dice(text, g.text)
                if d >= MATCH_THRESHOLD:
                    pairs.append((d, i, j))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out: dict[int, int] = {}
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            out[i] = j
            used_p.add(i)
            used_g.add(j)
    return out


def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Scores:
    q_tp: int = 0
    q_pred: int = 0
    q_gold: int = 0
    l_tp: int = 0
    l_pred: int = 0
    l_gold: int = 0
    status_ok: int = 0
    status_n: int = 0
    un_tp: int = 0
    un_pred: int = 0
    un_gold: int = 0
    trusted: int = 0  # shown answered or partial with high confidence
    trusted_right: int = 0  # ... and answered or partial in the gold
    check: int = 0  # shown "check" (linked, low confidence)
    check_silent: int = 0  # ... and unanswered in the gold
    silences_caught: int = 0  # gold unanswered, shown unanswered or "check": not lost

    def add(self, o: Scores) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(o, k))

    @property
    def questions(self) -> tuple[float, float, float]:
        return _prf(self.q_tp, self.q_pred, self.q_gold)

    @property
    def links(self) -> tuple[float, float, float]:
        return _prf(self.l_tp, self.l_pred, self.l_gold)

    @property
    def status_accuracy(self) -> float:
        return self.status_ok / self.status_n if self.status_n else 0.0

    @property
    def unanswered(self) -> tuple[float, float, float]:
        return _prf(self.un_tp, self.un_pred, self.un_gold)

    @property
    def trusted_precision(self) -> float | None:
        """Of the answers shown with high confidence, the share that were answers."""
        return self.trusted_right / self.trusted if self.trusted else None

    @property
    def silence_recall(self) -> float | None:
        """Of the unanswered questions, the share shown unanswered or "check" (none lost)."""
        return self.silences_caught / self.un_gold if self.un_gold else None

    def to_dict(self) -> dict:
        qp, qr, qf = self.questions
        lp, lr, lf = self.links
        up, ur, uf = self.unanswered
        r3 = lambda x: round(x, 3)  # noqa: E731
        return {
            "questions": {
                "precision": r3(qp),
                "recall": r3(qr),
                "f1": r3(qf),
                "matched": self.q_tp,
                "predicted": self.q_pred,
                "gold": self.q_gold,
            },
            "links": {
                "precision": r3(lp),
                "recall": r3(lr),
                "f1": r3(lf),
                "correct": self.l_tp,
                "predicted": self.l_pred,
                "gold": self.l_gold,
            },
            "status_accuracy": r3(self.status_accuracy),
            "status": {"correct": self.status_ok, "total": self.status_n},
            "trusted_answers": {
                "precision": None if self.trusted_precision is None else r3(self.trusted_precision),
                "correct": self.trusted_right,
                "shown": self.trusted,
            },
            "check": {"shown": self.check, "of_which_unanswered": self.check_silent},
            "silences": {
                "recall": None if self.silence_recall is None else r3(self.silence_recall),
                "caught": self.silences_caught,
                "gold": self.un_gold,
            },
            "unanswered": {
                "precision": r3(up),
                "recall": r3(ur),
                "f1": r3(uf),
                "correct": self.un_tp,
                "predicted": self.un_pred,
                "gold": self.un_gold,
            },
        }


@dataclass
class Prediction:
    paragraph: str
    text: str
    status: str
    links: frozenset[str]
    confidence: str = "high"


def score_predictions(preds: Sequence[Prediction], gold: Sequence[GoldQuestion]) -> Scores:
    m = match_questions([(p.paragraph, p.text) for p in preds], gold)
    s = Scores(q_tp=len(m), q_pred=len(preds), q_gold=len(gold))
    s.l_gold = sum(len(g.answers) for g in gold)
    s.l_pred = sum(len(p.links) for p in preds)
    s.un_gold = sum(1 for j in m.values() if gold[j].status == "unanswered")
    for i, j in m.items():
        p, g = preds[i], gold[j]
        s.l_tp += len(p.links & g.answers)
        s.status_n += 1
        s.status_ok += p.status == g.status
        if p.status == "unanswered":
            s.un_pred += 1
            s.un_tp += g.status == "unanswered"
        elif p.confidence == "high":
            s.trusted += 1
            s.trusted_right += g.status != "unanswered"
        else:
            s.check += 1
            s.check_silent += g.status == "unanswered"
        if g.status == "unanswered" and (p.status == "unanswered" or p.confidence != "high"):
            s.silences_caught += 1
    return s


# ----------------------------------------------------------------------------- methods

Method = Callable[[Sequence[Scored]], list[Decision]]


def _para_id(d: Dialogue, sc: Scored) -> str:
    return d.records[sc.record].paragraphs[sc.question.paragraph - 1].id


def predict(d: Dialogue, scored: Sequence[Scored], method: Method) -> list[Prediction]:
    out = []
    for sc, dec in zip(scored, method(scored), strict=True):
        out.append(
            Prediction(
                _para_id(d, sc),
                sc.question.text,
                dec.status,
                frozenset(c.slot.paragraph.id for c in dec.links),
                dec.confidence,
            )
        )
    return out


def order_only(scored: Sequence[Scored]) -> list[Decision]:
    """Baseline: answers follow the order of the questions."""
    return [_order_only(sc) for sc in scored]


def _order_only(sc: Scored) -> Decision:
    if not sc.reply:
        return Decision("unanswered", [], 0.0, [])
    slot = sc.reply[min(len(sc.reply) - 1, sc.rank * len(sc.reply) // max(1, sc.batch))]
    cand = next((c for c in sc.candidates if c.slot.position == slot.position), None)
    return Decision("answered", [cand] if cand else [], 1.0, [])


def by_params(params: LinkParams) -> Method:
    return lambda scored: decide_all(scored, params)


# ----------------------------------------------------------------------------- calibration

FULL = ("bm25", "embedding", "overlap", "order", "mutual")
NO_EMBEDDINGS = ("bm25", "overlap", "order", "mutual")
LEXICAL = ("bm25",)
_GRID = {
    "bm25": (0.0, 0.5, 1.0, 1.5, 2.0),
    "embedding": (0.0, 0.25, 0.5, 1.0, 1.5, 2.0),
    "overlap": (0.0, 0.1, 0.25, 0.5),
    "order": (0.0, 0.05, 0.1, 0.2),
}
_RATIOS = (0.6, 0.75, 0.9, 1.0)
_MUTUAL = (0.0, 0.25, 0.5, 1.0)


@dataclass
class Labelled:
    """A scored question matched to its gold question (calibration works on these)."""

    scored: Scored
    gold: GoldQuestion
    dialogue: Dialogue


def _arrays(items: Sequence[Labelled]):
    np = numpy()

    rows, qid, pid, gold_link = [], [], [], []
    slot_ids: dict[tuple[int, int], int] = {}
    for k, it in enumerate(items):
        for c in it.scored.candidates:
            rows.append((c.bm25, c.embedding, c.overlap, c.order))
            qid.append(k)
            pid.append(slot_ids.setdefault((id(it.dialogue), c.slot.position), len(slot_ids)))
            gold_link.append(c.slot.paragraph.id in it.gold.answers)
    F = np.asarray(rows, dtype=np.float64).reshape(-1, 4)
    return F, np.asarray(qid, dtype=np.int64), np.asarray(pid, dtype=np.int64), np.asarray(gold_link, dtype=bool)


def calibrate(items: Sequence[Labelled], use: Sequence[str] = FULL, l_gold_extra: int = 0) -> LinkParams:
    """Weights and thresholds that fit the labelled questions best (see the module's docstring).

    ``l_gold_extra`` counts gold links of gold questions that were not extracted (missed anyway).
    """
    np = numpy()

    if not items:
        return LinkParams()
    F, qid, pid, gl = _arrays(items)
    n_slots = int(pid.max()) + 1 if len(pid) else 0
    nq = len(items)
    g_un = np.asarray([it.gold.status == "unanswered" for it in items])
    g_status = [it.gold.status for it in items]
    l_gold = sum(len(it.gold.answers) for it in items) + l_gold_extra
    names = ["bm25", "embedding", "overlap", "order"]
    grids = [(_GRID[n] if n in use else (0.0,)) for n in names]
    best_key: tuple | None = None
    best: LinkParams | None = None
    for *w, mu in itertools.product(*grids, _MUTUAL if "mutual" in use else (0.0,)):
        if not any(w):
            continue
        s = _adjusted(F, pid, n_slots, np.asarray(w), mu)
        top = np.zeros(nq)
        if len(s):
            np.maximum.at(top, qid, s)
        cuts = np.unique(top)
        thresholds = [float(x) for x in (cuts[:-1] + cuts[1:]) / 2] + [float(cuts[-1]) + 1e-6, float(cuts[0]) / 2]
        for ratio in _RATIOS:
            close = s >= ratio * top[qid] if len(s) else np.zeros(0, dtype=bool)
            for t in thresholds:
                if t <= 0:
                    continue
                link = close & (s >= t)
                tp = int(np.sum(link & gl))
                pred = int(np.sum(link))
                _, _, lf = _prf(tp, pred, l_gold)
                un = top < t
                u_tp, u_pred = int(np.sum(un & g_un)), int(np.sum(un))
                up, _, uf = _prf(u_tp, u_pred, int(np.sum(g_un)))
                feasible = up >= MIN_UNANSWERED_PRECISION or u_pred == 0
                # Prefer: feasible; then link F1 + F1(unanswered)/2; then the simpler, then the wider margin.
                key = (feasible, round(lf + 0.5 * uf, 6), -sum(x > 0 for x in w) - (mu > 0), ratio, -t)
                if best_key is None or key > best_key:
                    best_key = key
                    best = LinkParams(
                        *(float(x) for x in w), t_link=round(t, 4), t_answered=round(t, 4), ratio=ratio, mutual=mu
                    )
    assert best is not None
    # The answered/partial threshold: the cut above t_link that maximises status accuracy.
    w = np.asarray([best.w_bm25, best.w_embedding, best.w_overlap, best.w_order])
    s = _adjusted(F, pid, n_slots, w, best.mutual)
    top = np.zeros(nq)
    if len(s):
        np.maximum.at(top, qid, s)
    cuts = sorted({float(x) for x in top if x >= best.t_link})
    options = (
        [best.t_link]
        + [(a + b) / 2 for a, b in zip(cuts, cuts[1:], strict=False)]
        + ([cuts[-1] + 1e-6] if cuts else [])
    )
    best_acc, best_t = -1.0, best.t_link
    for t in options:
        acc = sum(
            (("answered" if top[k] >= t else "partial" if top[k] >= best.t_link else "unanswered") == g_status[k])
            for k in range(nq)
        )
        if acc > best_acc:
            best_acc, best_t = acc, t
    chosen = LinkParams(
        best.w_bm25,
        best.w_embedding,
        best.w_overlap,
        best.w_order,
        best.t_link,
        round(best_t, 4),
        best.ratio,
        best.mutual,
    )
    return replace(chosen, t_high=calibrate_trust(items, chosen))


#: The trusted answers must be right this often: of the questions shown "answered" (or "partial")
#: with high confidence, at most one in ten may be a silence.
MIN_TRUSTED_PRECISION = 0.9


def calibrate_trust(items: Sequence[Labelled], params: LinkParams) -> float:
    """The score from which a link on fewer than two informative words is trusted.

    Objective, in this order: (1) no silence trusted on weak evidence — the score is above every
    weak link of an unanswered question — and the precision of all trusted answers (a question shown
    "answered" or "partial" with high confidence must have been answered: gold answered or partial)
    at least MIN_TRUSTED_PRECISION; (2) then as many trusted answers as possible; (3) then the higher
    score. Links on two informative words are trusted whatever their score; when they alone miss the
    precision, nothing more is trusted."""
    by_dialogue: dict[int, list[Labelled]] = {}
    for it in items:
        by_dialogue.setdefault(id(it.dialogue), []).append(it)
    rows: list[tuple[bool, float, bool]] = []  # (trusted on its words, top score, really answered)
    for group in by_dialogue.values():
        scored = [it.scored for it in group]
        for it, dec in zip(group, decide_all(scored, replace(params, t_high=math.inf)), strict=True):
            if dec.links:
                rows.append((dec.confidence == "high", dec.best, it.gold.status != "unanswered"))
    weak_scores = sorted({s for strong, s, _ in rows if not strong})
    best_key, best_t = None, math.inf
    for t in [math.inf, *weak_scores]:
        trusted = [ok for strong, s, ok in rows if strong or s >= t]
        right = sum(trusted)
        precision = right / len(trusted) if trusted else 1.0
        silent = any(not ok for strong, s, ok in rows if not strong and s >= t)
        feasible = precision >= MIN_TRUSTED_PRECISION and not silent
        key = (feasible, right if feasible else -len(trusted), t)
        if best_key is None or key > best_key:
            best_key, best_t = key, t
    return best_t if best_t == math.inf else math.floor(best_t * 1e4) / 1e4  # never above the score it admits


def _adjusted(F, pid, n_slots: int, w, mu: float):
    """Vectorised ``link.adjusted_scores``."""
    np = numpy()

    if not len(F):
        return np.zeros(0)
    s = F @ w
    if not mu:
        return s
    best_for = np.zeros(n_slots)
    np.maximum.at(best_for, pid, s)
    return s - mu * (best_for[pid] - s)


# ----------------------------------------------------------------------------- the evaluation run


@dataclass
class GoldRun:
    gold: GoldSet
    dialogue: Dialogue
    scored: list[Scored]
    labelled: list[Labelled]
    missed_gold_links: int  # links of gold questions that no extracted question matched


def check_gold(gold: GoldSet, records: Sequence[Record]) -> None:
    """Refuse a gold file that does not fit its records, rather than score it silently wrong: a
    question in a paragraph the parser does not have, a span that is not the paragraph's text, an
    answer that is not a paragraph of the records, a status that contradicts the answers."""
    paras = {p.id: p.text for r in records for p in r.paragraphs}
    hint = "citable ids and texts as `tbdialogue parse` gives them; see docs/annotation.md"
    for q in gold.questions:
        where = f"{gold.path}: question {q.id}"
        text = paras.get(q.paragraph)
        if text is None:
            raise UnreadableInput(f"{where}: paragraph {q.paragraph} is not in the records named ({hint})")
        if q.start is not None and q.end is not None:
            if text[q.start : q.end] != q.text:
                raise UnreadableInput(f"{where}: its text is not the paragraph's text[{q.start}:{q.end}] ({hint})")
        elif q.text not in text:
            raise UnreadableInput(f"{where}: its text is not in paragraph {q.paragraph} ({hint})")
        missing = sorted(a for a in q.answers if a not in paras)
        if missing:
            raise UnreadableInput(f"{where}: answer {missing[0]} is not a paragraph of the records named ({hint})")
        if (q.status == "unanswered") != (not q.answers):
            raise UnreadableInput(
                f"{where}: status {q.status!r} with {len(q.answers)} answer(s); "
                "'unanswered' has no answers, 'answered' and 'partial' have at least one"
            )


def prepare(gold: GoldSet, embedder: Embedder | None, parse: Callable[[Path], Record]) -> GoldRun:
    return prepare_records(gold, [parse(p) for p in gold.records], embedder)


def prepare_records(gold: GoldSet, records: Sequence[Record], embedder: Embedder | None) -> GoldRun:
    check_gold(gold, records)
    dialogues = group_dialogues(list(records), [r.symbol or str(i) for i, r in enumerate(records)])
    if len(dialogues) != 1:
        raise UnreadableInput(f"{gold.path}: its records do not form one dialogue (same body, session, State party)")
    d = dialogues[0]
    scored = score_dialogue(d, embedder)
    m = match_questions([(_para_id(d, sc), sc.question.text) for sc in scored], gold.questions)
    labelled = [Labelled(scored[i], gold.questions[j], d) for i, j in m.items()]
    matched = set(m.values())
    missed = sum(len(g.answers) for j, g in enumerate(gold.questions) if j not in matched)
    return GoldRun(gold, d, scored, labelled, missed)


def _score(run: GoldRun, preds: list[Prediction]) -> Scores:
    """The predictions scored against the run's gold; for a partial gold (reviewed questions only),
    only the predictions that match a gold question."""
    if run.gold.partial:
        matched = match_questions([(p.paragraph, p.text) for p in preds], run.gold.questions)
        preds = [p for i, p in enumerate(preds) if i in matched]
    return score_predictions(preds, run.gold.questions)


def reviewed_gold(dialogues: Sequence[Sequence[Record]], where: str) -> list[tuple[GoldSet, list[Record]]]:
    """Gold sets made of the reviewed questions of stored dialogues (the latest review of each):
    the reviewer's status and answering paragraphs are the gold."""
    out: list[tuple[GoldSet, list[Record]]] = []
    for records in dialogues:
        qs = [
            GoldQuestion(
                q.id, q.paragraph_id or "", q.text, q.review.status, frozenset(q.review.answers), None, q.start, q.end
            )
            for rec in records
            for q in rec.questions or []
            if q.review is not None
        ]
        if qs:
            name = f"{where} ({', '.join(r.symbol or '?' for r in records)}: {len(qs)} reviewed questions)"
            out.append((GoldSet(Path(name), [], qs, [], partial=True), list(records)))
    return out


def run_method(runs: Sequence[GoldRun], method: Method) -> Scores:
    total = Scores()
    for r in runs:
        total.add(_score(r, predict(r.dialogue, r.scored, method)))
    return total


def cross_validate(runs: Sequence[GoldRun], use: Sequence[str]) -> Scores:
    """Leave one asker's turn out: calibrate on the other questions, decide the held-out ones."""
    items = [it for r in runs for it in r.labelled]
    groups = sorted({(id(it.dialogue), it.scored.record, it.scored.question.turn) for it in items})
    decided: dict[int, Decision] = {}
    for g in groups:
        train = [it for it in items if (id(it.dialogue), it.scored.record, it.scored.question.turn) != g]
        params = calibrate(train, use)
        for r in runs:
            for sc, dec in zip(r.scored, decide_all(r.scored, params), strict=True):
                if (id(r.dialogue), sc.record, sc.question.turn) == g:
                    decided[id(sc)] = dec
    total = Scores()
    for r in runs:
        preds = []
        for sc in r.scored:
            dec = decided.get(id(sc)) or Decision("unanswered", [], 0.0, [])
            preds.append(
                Prediction(
                    _para_id(r.dialogue, sc),
                    sc.question.text,
                    dec.status,
                    frozenset(c.slot.paragraph.id for c in dec.links),
                    dec.confidence,
                )
            )
        total.add(_score(r, preds))
    return total


# ----------------------------------------------------------------------------- the shipped calibration

MODES = {"full": FULL, "no_embeddings": NO_EMBEDDINGS, "lexical": LEXICAL}


def calibrate_modes(runs: Sequence[GoldRun]) -> dict[str, LinkParams]:
    """Calibrate the full linker, the linker without embeddings and the lexical-only baseline."""
    items = [it for r in runs for it in r.labelled]
    missed = sum(r.missed_gold_links for r in runs)
    return {mode: calibrate(items, use, missed) for mode, use in MODES.items()}


def calibration_toml(params: dict[str, LinkParams], runs: Sequence[GoldRun], embedder_name: str | None) -> str:
    """The text of ``calibration.toml`` (written by ``tbdialogue eval --write-calibration``)."""
    gold = [r.gold.path.name for r in runs if not r.gold.partial]
    if any(r.gold.partial for r in runs):
        gold.append("reviewed questions of the corpus (--from-db)")
    nq = sum(len(r.gold.questions) for r in runs)
    lines = [
        "# Linker weights and thresholds, calibrated on annotated data by",
        "#   tbdialogue eval "
        + " ".join(f"tests/gold/{g}" for g in gold if g.endswith(".json"))
        + (" --from-db DB" if any(r.gold.partial for r in runs) else "")
        + " --write-calibration FILE",
        "# Do not edit by hand: re-run the command (a test checks that this file is what it writes).",
        "# Objective: answer-link F1 + F1(unanswered)/2, with a precision of 'unanswered' of at least",
        f"# {MIN_UNANSWERED_PRECISION}; then the answered/partial threshold that maximises status accuracy.",
        "",
        "[provenance]",
        f"gold = {json.dumps(gold)}",
        f"questions = {nq}",
        f"embedder = {json.dumps(embedder_name or 'none')}",
    ]
    for mode, p in params.items():
        lines += ["", f"[{mode}.params]"]
        for k, v in asdict(p).items():
            lines.append(f"{k} = {v!r}" if not isinstance(v, float) else f"{k} = {v:.6g}")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- the report


@dataclass
class EvalReport:
    gold: list[Path]
    runs: list[GoldRun]
    methods: dict[str, Scores]
    params: dict[str, LinkParams]
    calibrated: dict[str, LinkParams]
    embedder: str | None
    warnings: list[tuple[str, list[str], list[str]]]  # gold file, expected codes, found codes
    calibration_toml: str
    thesaurus: bool = True

    def to_dict(self) -> dict:
        return {
            "gold": [str(g) for g in self.gold],
            "development_set": True,
            "thesaurus": self.thesaurus,
            "embedder": self.embedder,
            "methods": {k: v.to_dict() for k, v in self.methods.items()},
            "shipped_params": {k: asdict(v) for k, v in self.params.items()},
            "recalibrated_params": {k: asdict(v) for k, v in self.calibrated.items()},
            "warnings": [{"gold": g, "expected": e, "found": f} for g, e, f in self.warnings],
        }

    def text(self) -> str:
        nq = sum(len(r.gold.questions) for r in self.runs)
        nl = sum(len(g.answers) for r in self.runs for g in r.gold.questions)
        lines = [
            f"gold: {', '.join(str(g) for g in self.gold)} ({len(self.runs)} dialogue(s), "
            f"{sum(len(r.dialogue.records) for r in self.runs)} record(s), {nq} questions, {nl} answer links)",
            f"embeddings: {self.embedder or 'none'}" + ("" if self.thesaurus else "; thesaurus switched off"),
            "",
        ]
        full = next(iter(self.methods.values()))
        qp, qr, qf = full.questions
        lines.append(
            f"questions: precision {qp:.3f}  recall {qr:.3f}  F1 {qf:.3f}  ({full.q_tp} matched, {full.q_pred} predicted, {full.q_gold} gold)"
        )
        if any(r.gold.partial for r in self.runs):
            lines.append(
                "  (reviewed questions are only some of each record's: question precision counts the matched ones only)"
            )
        lines.append("")
        lines.append(
            f"{'method':36} {'link P':>7} {'link R':>7} {'link F1':>8} {'status':>7} {'unans P':>8} {'unans R':>8}"
        )
        for name, s in self.methods.items():
            lp, lr, lf = s.links
            up, ur, _ = s.unanswered
            lines.append(f"{name:36} {lp:7.3f} {lr:7.3f} {lf:8.3f} {s.status_accuracy:7.3f} {up:8.3f} {ur:8.3f}")
        lines.append("")
        lines.append(
            "trust: 'trusted P' = of the questions shown answered or partial with high confidence, the share "
            "answered in the gold; 'check' = shown with low confidence; 'silences R' = of the gold's unanswered "
            "questions, the share shown unanswered or 'check' (not lost)"
        )
        lines.append(f"{'method':36} {'trusted':>8} {'trusted P':>10} {'check':>6} {'silences R':>11}")
        for name, s in self.methods.items():
            tp = "—" if s.trusted_precision is None else f"{s.trusted_precision:.3f}"
            sr = "—" if s.silence_recall is None else f"{s.silence_recall:.3f}"
            lines.append(f"{name:36} {s.trusted:8d} {tp:>10} {s.check:6d} {sr:>11}")
        lines.append("")
        for g, exp, found in self.warnings:
            ok = "ok" if set(exp) <= set(found) else "MISSING " + ", ".join(sorted(set(exp) - set(found)))
            label = Path(g).name if str(g).endswith(".json") else g
            lines.append(f"completeness warnings for {label}: expected {exp or '—'}, found {found or '—'}: {ok}")
        lines.append("")
        if any(self.params[m] != self.calibrated[m] for m in self.params):
            lines.append(
                "note: the shipped calibration differs from a recalibration on these gold files (--write-calibration)"
            )
        if any(not r.gold.partial for r in self.runs):
            lines.append(
                "Gold files: development-set figures where the linker was tuned on them (tests/gold/); "
                "held-out figures only on gold it was not tuned on. They are not a general accuracy."
            )
        if any(r.gold.partial for r in self.runs):
            lines.append("Reviewed questions: figures on the questions reviewers decided, as decided.")
        return "\n".join(lines)


def evaluate_gold(
    paths: Sequence[Path],
    *,
    use_embeddings: bool = True,
    cross_validation: bool = False,
    thesaurus: bool = True,
    reviewed: Sequence[tuple[GoldSet, list[Record]]] = (),
) -> EvalReport:
    """Score the shipped linker and both baselines on gold files (the ``tbdialogue eval`` command);
    ``thesaurus=False`` measures them with the profiles' thesaurus switched off."""
    if not thesaurus:
        with thesaurus_switched_off():
            generic_stems.cache_clear()
            try:
                report = evaluate_gold(
                    paths, use_embeddings=use_embeddings, cross_validation=cross_validation, reviewed=reviewed
                )
            finally:
                generic_stems.cache_clear()
        report.thesaurus = False
        return report
    golds = [load_gold(Path(p)) for p in paths]
    embedder, _ = load_embedder(use_embeddings)
    runs = [prepare(g, embedder, parse_file) for g in golds]  # checks each gold file against its records
    runs += [prepare_records(g, records, embedder) for g, records in reviewed]
    if not runs:
        raise UnreadableInput("no gold to evaluate against: give gold files, or reviewed questions in the corpus")
    numpy()  # a gold file's own errors first, then what is missing to score it
    mode = "full" if embedder is not None else "no_embeddings"
    shipped = {m: calibrated_params(m) for m in MODES}
    methods: dict[str, Scores] = {}
    methods["full linker" if mode == "full" else "linker (no embeddings)"] = run_method(runs, by_params(shipped[mode]))
    methods["baseline: lexical-only"] = run_method(runs, by_params(shipped["lexical"]))
    methods["baseline: order-only"] = run_method(runs, order_only)
    if cross_validation:
        # The order-only baseline has nothing calibrated: its cross-validated figures are its own.
        methods["full, leave-one-turn-out CV"] = cross_validate(runs, MODES[mode])
        methods["lexical-only, leave-one-turn-out CV"] = cross_validate(runs, MODES["lexical"])
    calibrated = calibrate_modes(runs)
    warnings = [(str(r.gold.path), r.gold.expected_warnings, [w.code for w in r.dialogue.warnings]) for r in runs]
    name = embedder.name if embedder is not None else None
    return EvalReport(
        [Path(p) for p in paths] + [g.path for g, _ in reviewed],
        runs,
        methods,
        shipped,
        calibrated,
        name,
        warnings,
        calibration_toml(calibrated, runs, name),
    )
