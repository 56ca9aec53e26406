"""Ingest into a real database, on SQLite and on PostgreSQL: identity, versions, history, failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tbdialogue import parse_file
from tbdialogue.store import Corpus
from tbdialogue.store.identity import content_hash
from tbdialogue.store.schema import paragraphs, record_versions, records, sources

from .conftest import SAMPLE, shared_path
from .store_data import P24_NEW, P24_OLD, corrected_copy, retyped_copy


@pytest.fixture
def corpus(db_url):
    c = Corpus(db_url)
    yield c
    c.close()


def _count(corpus: Corpus, table) -> int:
    with corpus.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_sample_and_excerpts_then_blacklist_in_kyrgyzstan(corpus):
    excerpts = shared_path("corpus", "excerpts")
    report = corpus.ingest([SAMPLE, excerpts], jobs=2)
    assert report.errors == []
    assert report.new == 16 and report.files == 16
    result = corpus.search("blacklist", state="Kyrgyzstan", count=True)
    assert {h.id for h in result.hits} == {"CMW/C/SR.537/p8", "CMW/C/SR.537/p31", "CMW/C/SR.537/p40"}
    assert result.total == 3
    for hit in result.hits:
        assert "**blacklist**" in hit.snippet.lower()
        assert hit.symbol == "CMW/C/SR.537" and hit.state_party == "Kyrgyzstan" and hit.date == "2023-11-30"
    p40 = next(h for h in result.hits if h.number == 40)
    assert p40.speaker == "A representative of Kyrgyzstan" and p40.side == "state"


def test_stored_record_reads_back_as_parsed(corpus):
    corpus.ingest([SAMPLE])
    parsed = parse_file(SAMPLE)
    assert corpus.record("CMW/C/SR.537").to_dict() == parsed.to_dict()


def test_reingest_changes_nothing(corpus):
    corpus.ingest([SAMPLE])
    before = {t.name: _count(corpus, t) for t in (records, record_versions, paragraphs, sources)}
    again = corpus.ingest([SAMPLE])
    assert again.skipped == 1 and again.new == 0  # same bytes: not even parsed
    reparsed = corpus.ingest([SAMPLE], reparse=True)
    assert reparsed.unchanged == 1 and reparsed.new == reparsed.new_versions == 0
    assert {t.name: _count(corpus, t) for t in (records, record_versions, paragraphs, sources)} == before


def test_other_bytes_same_content_is_the_same_version(corpus, tmp_path):
    """Typography differs (as between a PDF and a DOCX of one record): no new version, one more source."""
    retyped = retyped_copy(tmp_path)
    assert retyped.read_bytes() != SAMPLE.read_bytes()
    assert content_hash(parse_file(retyped)) == content_hash(parse_file(SAMPLE))
    corpus.ingest([SAMPLE])
    report = corpus.ingest([retyped])
    assert report.unchanged == 1 and report.new_versions == 0
    assert _count(corpus, record_versions) == 1 and _count(corpus, sources) == 2


def test_corrected_reissue_is_a_new_version_and_history_shows_the_paragraph(corpus, tmp_path):
    corpus.ingest([SAMPLE])
    report = corpus.ingest([corrected_copy(tmp_path)])
    assert report.new_versions == 1 and report.new == 0
    [history] = corpus.history("CMW/C/SR.537")
    assert [v.version for v in history.versions] == [1, 2]
    assert [v.current for v in history.versions] == [False, True]
    [change] = history.versions[1].changes
    assert change.kind == "changed" and change.old_id == change.new_id == "CMW/C/SR.537/p24"
    assert P24_OLD in change.old_text and P24_NEW in change.new_text
    assert history.versions[1].fields == {}
    # Search sees the current version only; the earlier one is kept and readable.
    assert [h.id for h in corpus.search('"capacities, budgets"').hits] == ["CMW/C/SR.537/p24"]
    ids = [h.id for h in corpus.search("corruption", limit=100).hits]
    assert len(ids) == len(set(ids))  # the old version's paragraphs are not in the index
    assert P24_OLD in corpus.record("CMW/C/SR.537", version=1).paragraph_by_number(24).text
    assert P24_NEW in corpus.record("CMW/C/SR.537").paragraph_by_number(24).text


def test_earlier_issue_ingested_later_does_not_become_current(corpus, tmp_path):
    """Versions are ordered by distribution date when both are known, not by ingest order."""
    corrected = corrected_copy(tmp_path)
    later = corrected.read_text("utf-8").replace("5 December 2023", "12 December 2023")
    corrected.write_text(later, "utf-8")
    corpus.ingest([corrected])
    corpus.ingest([SAMPLE])  # the original, issued earlier, arrives second
    [history] = corpus.history("CMW/C/SR.537")
    assert [(v.version, v.current, v.distribution_date) for v in history.versions] == [
        (1, True, "2023-12-12"),
        (2, False, "2023-12-05"),
    ]
    assert P24_NEW in corpus.record("CMW/C/SR.537").paragraph_by_number(24).text


def test_failures_are_reported_and_the_batch_goes_on(corpus, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "binary.pdf").write_bytes(b"\x00\x01\x02garbage" * 50)
    (folder / "press.txt").write_text("Press release\n\nThe Secretary-General welcomed the decision today.\n")
    (folder / "good.md").write_bytes(SAMPLE.read_bytes())
    report = corpus.ingest([folder, tmp_path / "missing-folder"], jobs=2)
    assert report.new == 1
    failed = {Path(e.path).name: e.reason for e in report.errors}
    assert set(failed) == {"empty.txt", "binary.pdf", "press.txt", "missing-folder"}
    assert all(reason and "\n" not in reason for reason in failed.values())
    assert corpus.search("blacklist").hits


def test_plain_tables_are_readable_without_tbdialogue(corpus):
    """Other tools (Datasette, pandas) read the tables directly: plain SQL, citable ids as stored."""
    corpus.ingest([SAMPLE])
    with corpus.engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT p.cid, s.name, s.side FROM paragraphs p "
                "JOIN record_versions v ON v.id = p.version_id AND v.is_current "
                "JOIN turns t ON t.version_id = p.version_id AND t.idx = p.turn_idx "
                "JOIN speakers s ON s.id = t.speaker_id WHERE p.number = 24"
            )
        ).one()
    assert tuple(row) == ("CMW/C/SR.537/p24", "Ms. Dzumhur", "committee")


def test_copies_and_a_correction_in_one_batch(corpus, tmp_path):
    """One ingest run holding the record twice and its corrected reissue: one record, two versions."""
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.md").write_bytes(SAMPLE.read_bytes())
    (folder / "b.md").write_bytes(SAMPLE.read_bytes())
    corrected_copy(folder)
    report = corpus.ingest([folder], jobs=1)
    assert report.errors == []
    assert (report.new, report.new_versions, report.unchanged) == (1, 1, 1)
    assert _count(corpus, records) == 1 and _count(corpus, record_versions) == 2
    assert _count(corpus, sources) == 2  # one row per distinct file content: a.md and b.md are one
    ids = [h.id for h in corpus.search("corruption", limit=100).hits]
    assert len(ids) == len(set(ids)) == 2  # paragraphs 24 and 32 of the current version only
