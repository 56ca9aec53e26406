"""Full-text search on SQLite (FTS5) and PostgreSQL (tsvector): stemming in three languages, the
query language, filters, facets, snippets — and the two backends agree."""

from __future__ import annotations

import pytest

from tbdialogue import parse_file
from tbdialogue.store import Corpus, StoreError

from .conftest import SAMPLE, shared_path
from .store_data import with_gold_questions

QUERIES = [
    "blacklist",
    "migrants -Russia",
    '"human rights"',
    "human rights",
    "detention OR custody",
    "migra*",
    "droits",
    "derechos",
    "Kyrgyz citizens abroad",
    '"Russian Federation" blacklist',
    "(quota OR quotas) labour",
    "Détention",
]


@pytest.fixture(scope="module")
def excerpts():
    return shared_path("corpus", "excerpts")


@pytest.fixture
def corpus(db_url, excerpts):
    c = Corpus(db_url)
    c.ingest([SAMPLE, excerpts])
    yield c
    c.close()


def ids(result) -> set[str]:
    return {h.id for h in result.hits}


def test_stems_in_each_language(corpus):
    # English: "banned" and "ban" share a stem; French "droit" finds "droits"; Spanish "derecho" finds "derechos".
    assert "CMW/C/SR.537/p8" in ids(corpus.search("ban", limit=100))
    fr = corpus.search("droit", language="fr", limit=100)
    assert fr.hits and all(h.language == "fr" for h in fr.hits)
    assert any("**droits**" in h.snippet for h in fr.hits)
    es = corpus.search("derecho", language="es", limit=100)
    assert ids(es) == {"CMW/C/SR.142/p2", "CCPR/C/SR.2576/p2"}


def test_case_and_accents_are_ignored(corpus):
    assert ids(corpus.search("NEO-ZELANDAISE", limit=100)) == ids(corpus.search("néo-zélandaise", limit=100)) != set()
    turkiye = ids(corpus.search("Turkiye"))
    assert turkiye == ids(corpus.search("Türkiye")) == ids(corpus.search("TÜRKIYE")) and "CMW/C/SR.537/p35" in turkiye


def test_query_language(corpus):
    words = ids(corpus.search("human rights", limit=500))
    phrase = ids(corpus.search('"human rights"', limit=500))
    assert phrase and phrase <= words
    either = ids(corpus.search("blacklist OR quota", limit=500))
    assert either == ids(corpus.search("blacklist", limit=500)) | ids(corpus.search("quota", limit=500))
    without = ids(corpus.search("migrants -Russia", limit=500))
    assert without == ids(corpus.search("migrants", limit=500)) - ids(corpus.search("Russia", limit=500))
    assert ids(corpus.search("migra*", limit=500)) >= ids(corpus.search("migration", limit=500))


def test_filters(corpus):
    committee = corpus.search("information", side="committee", limit=500)
    assert committee.hits and all(h.side == "committee" for h in committee.hits)
    assert ids(corpus.search("information", speaker="Dzumhur", limit=500)) == {"CMW/C/SR.537/p24", "CMW/C/SR.537/p25"}
    assert {h.date[:4] for h in corpus.search("committee", year="2013-2017", limit=500).hits} <= {
        "2013",
        "2016",
        "2017",
    }
    assert {h.body for h in corpus.search("committee", body="cerd", limit=500).hits} == {"CERD"}


def test_state_filter_takes_names_in_three_languages_and_codes(corpus):
    expected = ids(corpus.search("blacklist", state="Kyrgyzstan"))
    assert expected == {"CMW/C/SR.537/p8", "CMW/C/SR.537/p31", "CMW/C/SR.537/p40"}
    assert ids(corpus.search("blacklist", state="KGZ")) == expected
    assert ids(corpus.search("blacklist", state="Kirghizistan")) == expected
    assert ids(corpus.search("blacklist", state="Belgium")) == set()
    with pytest.raises(StoreError, match="unknown State party"):
        corpus.search("blacklist", state="Narnia")
    with pytest.raises(StoreError, match="cannot read the year"):
        corpus.search("blacklist", year="last year")


def test_facets_count_every_hit(corpus):
    result = corpus.search("committee", count=True, facets=True, limit=5)
    assert len(result.hits) == 5 and result.total > 5
    for name in ("body", "language", "year"):
        assert sum(n for _, n in result.facets[name]) == result.total
    assert dict(result.facets["language"]).keys() <= {"en", "fr", "es"}


def test_snippets_mark_the_matches(corpus):
    [hit] = corpus.search("Istanbul summit").hits
    assert "**summit**" in hit.snippet and "**Istanbul**" in hit.snippet
    assert hit.text.startswith("At its 2021 summit")


def test_questions_are_stored_and_listed(db_url):
    """Analysis results (here: the hand-annotated gold questions) are stored and queried."""
    record = with_gold_questions(parse_file(SAMPLE))
    corpus = Corpus(db_url)
    try:
        [stored] = corpus.add([record])
        assert stored.status == "new" and stored.current
        open_ = corpus.questions(state="Kyrgyzstan", status="unanswered")
        gold_open = [q for q in record.questions if q.status == "unanswered"]
        assert [q.id for q in open_] == [q.id for q in gold_open] and open_
        assert all(q.symbol == "CMW/C/SR.537" and q.paragraph.startswith("CMW/C/SR.537/p") for q in open_)
        answered = corpus.questions(status="answered")
        assert answered and all(q.answers for q in answered)
        assert corpus.record("CMW/C/SR.537").questions == record.questions
        stats = corpus.stats()
        assert sum(stats["questions"].values()) == len(record.questions) and stats["analysed"] == 1
        hits = corpus.search("information", status="unanswered", limit=100).hits
        asked_in = {q.paragraph for q in open_}
        assert hits and {h.id for h in hits} <= asked_in
        [dialogue] = corpus.dialogue("Kyrgyzstan")
        assert (dialogue.body, dialogue.session, dialogue.state_code) == ("CMW", 37, "KGZ")
        assert [r["symbol"] for r in dialogue.records] == ["CMW/C/SR.537"]
        assert dialogue.questions["unanswered"] == len(gold_open)
    finally:
        corpus.close()


def test_sqlite_and_postgresql_find_the_same_paragraphs(tmp_path, pg_server, excerpts):
    lite = Corpus(f"sqlite:///{tmp_path / 'c.db'}")
    pg = Corpus(pg_server.new_database())
    try:
        for c in (lite, pg):
            c.ingest([SAMPLE, excerpts])
        for q in QUERIES:
            assert ids(lite.search(q, limit=500)) == ids(pg.search(q, limit=500)), q
            assert lite.search(q, count=True).total == pg.search(q, count=True).total, q
        for flt in ({"state": "KGZ"}, {"side": "state"}, {"year": "2013-2017"}, {"language": "fr"}):
            assert ids(lite.search("committee OR migrants", limit=500, **flt)) == ids(
                pg.search("committee OR migrants", limit=500, **flt)
            ), flt
    finally:
        lite.close()
        pg.close()


def test_a_phrase_is_marked_only_where_it_occurs(corpus):
    [hit] = [h for h in corpus.search('blacklist OR "entry ban"', state="KGZ").hits if h.number == 8]
    assert "**blacklist**" in hit.snippet and "**banned**" not in hit.snippet
    hits = corpus.search('"Russian Federation"', limit=50).hits
    assert hits and all("**Russian** **Federation**" in h.snippet for h in hits)


def test_a_word_found_too_often_is_ranked_among_the_newest_matches(corpus):
    """With a count limit (the web's search), a word in more paragraphs than the limit is ranked among
    the most recently stored matches only: a bounded cost, said on the page (``capped``)."""
    from sqlalchemy import select

    from tbdialogue.store.schema import paragraphs

    everything = corpus.search("committee", limit=1000, count=True)
    assert everything.total > 8 and not everything.capped
    bounded = corpus.search("committee", limit=1000, count=True, count_limit=5)
    assert bounded.capped and bounded.total == 5
    with corpus.engine.connect() as conn:
        row_of = dict(conn.execute(select(paragraphs.c.cid, paragraphs.c.id)).all())
    newest = sorted((h.id for h in everything.hits), key=lambda cid: row_of[cid])[-5:]
    assert [h.id for h in bounded.hits] == [h.id for h in everything.hits if h.id in newest]
    page2 = corpus.search("committee", limit=3, offset=3, count=True, count_limit=5)
    assert [h.id for h in page2.hits] == [h.id for h in bounded.hits][3:]
    # Below the limit, nothing changes.
    assert ids(corpus.search("blacklist", count=True, count_limit=1000)) == ids(corpus.search("blacklist"))
