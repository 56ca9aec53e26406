"""The web app and its API (issue 12): every page and its JSON twin on SQLite and on a real
PostgreSQL; review in place; upload with the command line's refusals; who may write; every record
text escaped; no inline script; never a traceback."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT, SAMPLE, require_extra, run_cli

require_extra("fastapi", "web")

from fastapi.testclient import TestClient  # noqa: E402

from tbdialogue.web import create_app  # noqa: E402

PDF = ROOT / "tests" / "fixtures" / "formats" / "CMW-C-SR.537.pdf"
KEY = "CMW/37/KGZ"
EVIL = '<script>alert(1)</script>"onmouseover="alert(2)"<a href="javascript:alert(3)">x</a>'

PAGES = [
    "/",
    "/search?q=blacklist",
    "/search?q=migrant&body=CMW&state=Kyrgyzstan&year=2023&language=en&side=state",
    "/records/CMW/C/SR.537",
    "/dialogues",
    f"/dialogues/{KEY}",
    f"/dialogues/{KEY}?status=unanswered",
    f"/dialogues/{KEY}?status=check",
    "/states/KGZ",
    "/states/Kyrgyzstan",
    "/people/Ms.%20Dzumhur",
    "/upload",
    "/docs",
]
API = [
    "/api/home",
    "/api/search?q=blacklist",
    "/api/records/CMW/C/SR.537",
    "/api/dialogues",
    f"/api/dialogues/{KEY}",
    "/api/states/KGZ",
    "/api/people/Ms.%20Dzumhur",
    "/openapi.json",
]


@pytest.fixture
def corpus_url(db_url):
    done = run_cli("ingest", str(SAMPLE), "--db", db_url, "--analyze", "-q", "--errors", "/dev/null")
    assert done.returncode == 0, done.stderr.decode()
    return db_url


@pytest.fixture
def client(corpus_url):
    app = create_app(corpus_url)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.corpus.close()


def no_traceback(text: str) -> None:
    assert "Traceback" not in text and 'File "' not in text and "/work/" not in text


def test_every_page_and_its_json_twin(client):
    for url in PAGES:
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        assert r.headers["content-type"].startswith("text/html")
        no_traceback(r.text)
    for url in API:
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        assert r.headers["content-type"].startswith("application/json")


def test_the_dialogue_page_shows_the_questions_and_its_twin_the_same(client):
    page = client.get(f"/dialogues/{KEY}").text
    data = client.get(f"/api/dialogues/{KEY}").json()
    assert len(data["questions"]) == 36 and data["summary"].startswith("36 questions")
    assert page.count('class="question ') == 36
    assert data["summary"] in page
    q1 = data["questions"][0]
    assert q1["id"] == "CMW/C/SR.537/q1" and q1["answers"][0]["id"] == "CMW/C/SR.537/p32"
    assert q1["quote"] in page and "CMW/C/SR.537, para. 32" in page
    unanswered = client.get(f"/api/dialogues/{KEY}?status=unanswered").json()["questions"]
    assert unanswered and all(q["shown_as"] == "unanswered" for q in unanswered)


def test_the_record_page_has_anchors_events_and_turns(client):
    page = client.get("/records/CMW/C/SR.537").text
    assert 'id="p24"' in page and "10.10 a.m." in page and "Ms. Dzumhur" in page
    assert 'href="https://undocs.org/CMW/C/SR.537"' in page
    record = client.get("/api/records/CMW/C/SR.537").json()
    assert record["record"]["symbol"] == "CMW/C/SR.537" and record["dialogue"] == KEY


def test_exports_and_briefs_download(client):
    for fmt in ("json", "akn", "tei", "jsonl"):
        r = client.get(f"/export/{fmt}/CMW/C/SR.537")
        assert r.status_code == 200 and "attachment" in r.headers["content-disposition"], fmt
    for fmt in ("md", "html", "docx"):
        r = client.get(f"/briefs/{fmt}/{KEY}")
        assert r.status_code == 200 and r.content, fmt
    assert client.get("/export/pdf/CMW/C/SR.537").status_code == 400


def test_review_in_place_through_htmx(client):
    data = client.get(f"/api/dialogues/{KEY}").json()
    q = data["questions"][0]
    form = {
        "dialogue": KEY, "record": "CMW/C/SR.537", "language": "en", "question": q["id"],
        "question_text": q["question"], "reviewer": "Test Reviewer", "decision": "reject",
    }  # fmt: skip
    r = client.post("/reviews", data=form, headers={"HX-Request": "true"})
    assert r.status_code == 200, r.text[:300]
    assert r.text.startswith("<article") and "Reviewed: reject by Test Reviewer on " in r.text
    assert ": unanswered. The tool found: answered." in r.text
    after = client.get(f"/api/dialogues/{KEY}").json()["questions"][0]
    assert after["shown_as"] == "unanswered" and after["status"] == "answered"  # the automatic result kept
    # Without htmx: a redirect back to the question.
    r = client.post("/reviews", data={**form, "decision": "confirm"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/dialogues/CMW/37/KGZ")
    # A change needs a status; the one-line reason comes back, nothing stored.
    r = client.post("/reviews", data={**form, "decision": "change"})
    assert r.status_code == 400 and "a change needs correct_status" in r.text
    # The API takes the same decision as JSON.
    r = client.post("/api/reviews", json={**form, "decision": "change", "status": "partial", "answers": "CMW/C/SR.537/p36"})
    assert r.status_code == 200 and r.json()["shown_as"] == "partial"


def test_upload_parses_stores_and_shows(client):
    with open(PDF, "rb") as fh:
        r = client.post("/upload", files={"file": ("CMW-C-SR.537.pdf", fh, "application/pdf")}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/records/CMW/C/SR.537"
    r = client.post("/upload", files={"file": ("picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")})
    assert r.status_code == 400 and "picture.png" in r.text
    no_traceback(r.text)
    r = client.post("/api/upload", files={"file": ("notes.txt", b"Just some notes, not a record.", "text/plain")})
    assert r.status_code == 400 and r.json()["error"]


def test_writes_need_the_token_when_served_to_a_network(corpus_url):
    app = create_app(corpus_url, token="s3cret", writable=True)
    form = {"dialogue": KEY, "record": "CMW/C/SR.537", "language": "en", "question": "CMW/C/SR.537/q1",
            "question_text": "x", "reviewer": "R", "decision": "confirm"}  # fmt: skip
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/reviews", data=form)
        assert r.status_code == 403 and "token" in r.text
        assert c.post("/api/reviews", json=form).status_code == 403
        assert c.get(f"/dialogues/{KEY}").status_code == 200  # reads stay open
        assert c.post("/reviews", data={**form, "token": "wrong"}).status_code == 403
        r = c.post("/reviews", data=form, headers={"X-Token": "s3cret"}, follow_redirects=False)
        assert r.status_code == 303
        r = c.post("/api/reviews", json={**form, "token": None}, headers={"X-Token": "s3cret"})
        assert r.status_code == 200 and r.json()["reviewed"].startswith("confirm by R on ")
    app.state.corpus.close()
    app = create_app(corpus_url, writable=False)
    with TestClient(app, raise_server_exceptions=False) as c:
        assert c.post("/reviews", data=form).status_code == 403
        assert "Upload" not in c.get("/").text
    app.state.corpus.close()


@pytest.mark.parametrize("backend", ["sqlite"])
def test_record_text_is_escaped_everywhere(corpus_url):
    from tbdialogue import parse_file
    from tbdialogue.store import Corpus

    record = parse_file(SAMPLE)
    record.symbol = "CMW/C/SR.999"
    record.meeting = 999
    record.paragraphs[23].text = EVIL + " " + record.paragraphs[23].text
    record.turns[8].speaker.name = "Ms. " + EVIL
    record.place = EVIL
    record.source.path = EVIL + ".pdf"
    with Corpus(corpus_url) as corpus:
        corpus.add([record])
    app = create_app(corpus_url)
    with TestClient(app, raise_server_exceptions=False) as c:
        for url in ["/records/CMW/C/SR.999", "/search?q=alert", f"/dialogues/{KEY}", "/states/KGZ", "/people/" + "Ms.%20" + EVIL]:
            r = c.get(url)
            assert r.status_code in (200, 404), url
            assert "<script>alert" not in r.text and '"onmouseover="' not in r.text and 'href="javascript:' not in r.text, url
            no_traceback(r.text)
    app.state.corpus.close()


def test_no_inline_script_and_a_strict_csp(client):
    for url in PAGES[:-1]:
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert not re.search(r"<script(?![^>]*\bsrc=)", r.text), url
        assert " style=" not in r.text and "<style" not in r.text, url


def test_hostile_queries_and_filters_are_one_line_errors(client):
    for url in [
        "/search?q=" + "(" * 50,
        "/search?q=%22unclosed",
        "/search?q=x&state=Narnia",
        "/search?q=x&year=20x3",
        "/search?q=x&side=martians",
        "/search?q=x%27;DROP%20TABLE%20paragraphs;--",
        "/search?q=x&body=%27%20OR%201=1",
        "/dialogues/NOPE/1/XXX",
        "/states/Narnia",
        "/people/Nobody%20Here",
        "/records/CMW/C/SR.1",
        "/search?q=x&page=0",
    ]:
        r = client.get(url)
        assert r.status_code in (200, 400, 404, 422), (url, r.status_code)
        no_traceback(r.text)
        if r.status_code != 200:
            assert re.search(r'<p class="error" role="alert">[^<\n]+</p>', r.text), url
    r = client.get("/api/search?q=x&state=Narnia")
    assert r.status_code == 400 and r.json()["error"].startswith("unknown State party")
    assert client.get("/api/nothing").json() == {"error": "no page at /api/nothing", "status": 404}
    assert client.get("/api/records/CMW/C/SR.537").status_code == 200  # the corpus survived


def test_an_unexpected_error_is_a_page_without_traceback(client, monkeypatch):
    from tbdialogue.web import data

    def boom(*a, **k):
        raise RuntimeError("secret detail /work/main/src")

    monkeypatch.setattr(data, "home", boom)
    r = client.get("/")
    assert r.status_code == 500 and "internal error" in r.text
    no_traceback(r.text)
    assert "secret detail" not in r.text


def test_pages_are_kept_until_the_corpus_changes(client, corpus_url):
    first = client.get(f"/dialogues/{KEY}")
    tag = first.headers["etag"]
    again = client.get(f"/dialogues/{KEY}")
    assert again.text == first.text and again.headers["etag"] == tag
    assert client.app.state.cache.hits >= 1
    assert client.get(f"/dialogues/{KEY}", headers={"If-None-Match": tag}).status_code == 304
    # A write in another process (an ingest) changes the generation: the page is built again.
    before = client.get("/").headers["etag"]
    record = ROOT / "tests" / "fixtures" / "languages" / "ru-record.txt"
    done = run_cli("ingest", str(record), "--db", corpus_url, "-q", "--errors", "/dev/null", env={"TBDIALOGUE_LANGUAGES": str(record.parent)})
    assert done.returncode == 0, done.stderr.decode()
    assert client.get("/").headers["etag"] != before
    # A review through the app is shown at once.
    q = client.get(f"/api/dialogues/{KEY}").json()["questions"][1]
    form = {"dialogue": KEY, "record": "CMW/C/SR.537", "language": "en", "question": q["id"],
            "question_text": q["question"], "reviewer": "Cache Test", "decision": "reject"}  # fmt: skip
    assert client.post("/reviews", data=form, follow_redirects=False).status_code == 303
    after = client.get(f"/dialogues/{KEY}")
    assert after.headers["etag"] != tag and "Reviewed: reject by Cache Test" in after.text


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_serve_command_serves_and_says_where(corpus_url, workers):
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx2 as httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "tbdialogue", "serve", "--db", corpus_url, "--port", str(port), "--workers", workers],
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "TBDIALOGUE_DEBUG"},
    )
    try:
        for _ in range(150):
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/dialogues", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        assert r.status_code == 200 and r.json()["dialogues"][0]["key"] == KEY
    finally:
        proc.terminate()
        proc.wait(15)
    assert f"at http://127.0.0.1:{port} (may write)" in proc.stderr.read().decode()


def test_the_serve_command_refuses_a_bad_database_in_one_line(tmp_path):
    done = run_cli("serve", "--db", str(tmp_path / "no" / "such" / "folder.db"))
    assert done.returncode == 2
    assert done.stderr.decode().count("\n") == 1 and "does not exist" in done.stderr.decode()


def test_the_serve_command_refuses_a_port_in_use_in_one_line(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = run_cli("serve", "--db", str(tmp_path / "c.db"), "--port", str(port))
    err = done.stderr.decode()
    assert done.returncode == 2 and err.count("\n") == 1 and f"port {port} on 127.0.0.1 is already in use" in err
    done = run_cli("serve", "--db", str(tmp_path / "c.db"), "--host", "no-such-host.invalid")
    assert done.returncode == 2 and "not an address of this machine" in done.stderr.decode()
