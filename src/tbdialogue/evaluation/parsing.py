"""Measure the parser against records with expected values (``expected.jsonl``).

Conventions (``shared/README.md``): an expected speaker named "The Chair" is whoever presides and is
compared with the turn whose role is "Chair"; other names are compared as printed. ``null`` for
``state_party`` and ``part`` means "there is none", so the parser must give null too; for every
other field ``null`` means "not shown", and the field is not scored. ``chair_note`` is informative.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import TbdError, UnreadableInput
from ..model import Record
from ..parse.events import OPENING
from ..pipeline import parse_file

#: Fields scored, in report order. "called_to_order" is the time of the opening event.
FIELDS = (
    "language", "body", "symbol", "session", "meeting", "part", "date", "time", "place",
    "chair", "state_party", "documents", "called_to_order",
)  # fmt: skip
NULL_IS_A_VALUE = frozenset({"state_party", "part"})


@dataclass
class FieldScore:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class Mismatch:
    record: str
    field: str
    expected: object
    got: object


@dataclass
class Report:
    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    turns: FieldScore = field(default_factory=FieldScore)
    sequences: FieldScore = field(default_factory=FieldScore)
    mismatches: list[Mismatch] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    records: int = 0

    def to_dict(self) -> dict:
        return {
            "records": self.records,
            "fields": {
                k: {"correct": v.correct, "total": v.total, "accuracy": v.accuracy} for k, v in self.fields.items()
            },
            "speaker_turns": {
                "correct": self.turns.correct,
                "total": self.turns.total,
                "accuracy": self.turns.accuracy,
            },
            "speaker_sequences": {
                "correct": self.sequences.correct,
                "total": self.sequences.total,
                "accuracy": self.sequences.accuracy,
            },
            "mismatches": [m.__dict__ for m in self.mismatches],
            "failures": [{"record": r, "error": e} for r, e in self.failures],
        }


def _norm(value: object) -> object:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", " ".join(value.split())).replace("’", "'")
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value


def got_value(record: Record, name: str) -> object:
    if name == "called_to_order":
        return next((e.time for e in record.events if e.kind in OPENING), None)
    return getattr(record, name)


def speaker_matches(expected: dict, turn_speaker) -> bool:
    if expected.get("name") == "The Chair":
        return turn_speaker.role == "Chair"
    return all(_norm(expected.get(key)) == _norm(getattr(turn_speaker, key)) for key in ("name", "role", "affiliation"))


def score(report: Report, rid: str, expected: dict, record: Record) -> None:
    report.records += 1
    for name in FIELDS:
        exp = expected.get(name)
        if exp is None and name not in NULL_IS_A_VALUE:
            continue
        got = got_value(record, name)
        fs = report.fields[name]
        fs.total += 1
        if _norm(exp) == _norm(got):
            fs.correct += 1
        else:
            report.mismatches.append(Mismatch(rid, name, exp, got))
    exp_speakers = expected.get("speakers") or []
    got_turns = record.turns
    all_ok = len(exp_speakers) == len(got_turns)
    for i, exp in enumerate(exp_speakers):
        report.turns.total += 1
        if i < len(got_turns) and speaker_matches(exp, got_turns[i].speaker):
            report.turns.correct += 1
        else:
            all_ok = False
            got = got_turns[i].speaker.model_dump() if i < len(got_turns) else None
            report.mismatches.append(Mismatch(rid, f"speakers[{i}]", exp, got))
    if len(got_turns) > len(exp_speakers):
        report.mismatches.append(
            Mismatch(rid, "speakers[extra]", None, [t.speaker.name for t in got_turns[len(exp_speakers) :]])
        )
    report.sequences.total += 1
    report.sequences.correct += int(all_ok)


def find_text(directory: Path, rid: str) -> Path:
    for ext in (".txt", ".md", ".pdf", ".docx", ".html", ".doc"):
        p = directory / f"{rid}{ext}"
        if p.exists():
            return p
    raise UnreadableInput(f"no file named {rid}.txt (or .md, .pdf, .docx, .html) beside the expected values")


def load_expected(path: Path) -> list[dict]:
    rows = []
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableInput(f"cannot read {path}: {exc}") from None
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UnreadableInput(f"{path}:{n}: not a JSON line ({exc.msg})") from None
        if not isinstance(row, dict) or "id" not in row:
            raise UnreadableInput(f"{path}:{n}: each line must be a JSON object with an 'id'")
        rows.append(row)
    return rows


def evaluate(expected_path: Path) -> Report:
    """Parse every record listed in ``expected_path`` and score it."""
    report = Report()
    directory = expected_path.parent
    for row in load_expected(expected_path):
        rid = str(row["id"])
        try:
            record = parse_file(find_text(directory, rid))
        except TbdError as exc:
            report.failures.append((rid, str(exc)))
            report.sequences.total += 1
            continue
        score(report, rid, row, record)
    return report
