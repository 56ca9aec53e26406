"""Questions found at ingest are found per dialogue: the records of one review analysed together, so
that a question answered at the next meeting is not called "unanswered"."""

from __future__ import annotations

from tbdialogue.store import Corpus
from tbdialogue.store.analysis import groups_of

from .conftest import SAMPLE


def _next_meeting(folder):
    """A stand-in for the next meeting of the same dialogue: the sample renumbered as the 538th."""
    text = SAMPLE.read_text("utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "537.md").write_text(text, "utf-8")
    (folder / "538.md").write_text(
        text.replace("537th meeting", "538th meeting").replace("30 November 2023", "1 December 2023"), "utf-8"
    )
    return folder


def test_ingest_analyse_takes_the_dialogue_as_a_whole(db_url, tmp_path):
    corpus = Corpus(db_url)
    try:
        corpus.ingest([SAMPLE])  # stored earlier, without analysis
        report = corpus.ingest([_next_meeting(tmp_path / "in")], jobs=2, analyse=True)
        assert report.errors == [] and report.new == 1 and report.skipped == 1  # 537.md: the same bytes
        analysis = report.analysis
        assert analysis.dialogues == 1 and analysis.records == 2
        with corpus.engine.connect() as conn:
            groups, dialogues = groups_of(conn, report.version_ids)
        assert dialogues == 1 and len(groups) == 1 and len(groups[0]) == 2  # both meetings
        first = corpus.record("CMW/C/SR.537").questions
        second = corpus.record("CMW/C/SR.538").questions
        assert first and second
        # Questions of the 537th answered only in the 538th are linked there, not "unanswered".
        elsewhere = [q for q in first if q.answers_elsewhere]
        assert elsewhere and all(a.startswith("CMW/C/SR.538/p") for q in elsewhere for a in q.answers_elsewhere)
        stored = corpus.questions(state="Kyrgyzstan")
        assert len(stored) == len(first) + len(second) == sum(analysis.questions.values())
        open_ = corpus.search("know", status="unanswered", limit=200).hits
        asked_in = {q.paragraph for q in stored if q.status == "unanswered"}
        assert {h.id for h in open_} <= asked_in
        # Analysing again replaces the questions; it does not add to them.
        again = corpus.analyse(state="KGZ")
        assert again.records == 2 and len(corpus.questions(state="Kyrgyzstan")) == len(stored)
    finally:
        corpus.close()
