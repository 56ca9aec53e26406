"""The web app in a real browser: Debian's chromium driven by Playwright (no browser download).

The dialogue page shows the sample's questions; a review click updates the status through htmx;
uploading a fixture PDF works; no page logs a console error or breaks its Content-Security-Policy;
axe-core finds no WCAG 2.1 A/AA violation on the main pages. Screenshots of the home, record,
dialogue and State pages are saved in ``test-artifacts/screenshots`` for people to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest

from .conftest import ROOT, SAMPLE, require_extra, run_cli

require_extra("fastapi", "web")
require_extra("playwright", "dev")

CHROMIUM = os.environ.get("TBDIALOGUE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
AXE = ROOT / "tests" / "vendor" / "axe-4.14.1.min.js"
SHOTS = ROOT / "test-artifacts" / "screenshots"
PDF = ROOT / "tests" / "fixtures" / "formats" / "CMW-C-SR.537.pdf"
PAGES = {
    "home": "/",
    "record": "/records/CMW/C/SR.537",
    "dialogue": "/dialogues/CMW/37/KGZ",
    "state": "/states/KGZ",
    "search": "/search?q=migrant+workers",
    "upload": "/upload",
}


def _browser_missing() -> None:
    reason = "chromium is not installed (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}: required under CI=true")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from tbdialogue.web import create_app

    folder = tmp_path_factory.mktemp("web")
    db = f"sqlite:///{folder / 'corpus.db'}"
    done = run_cli("ingest", str(SAMPLE), "--db", db, "--analyze", "-q", "--errors", "/dev/null")
    assert done.returncode == 0, done.stderr.decode()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(db)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    app.state.corpus.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        _browser_missing()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems = []  # console errors and CSP violations
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    yield pg
    context.close()


def test_main_pages_render_without_errors_and_are_saved(server, page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, url in PAGES.items():
        response = page.goto(server + url)
        assert response.status == 200, url
        assert "Traceback" not in page.content()
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)
    assert page.problems == []


def test_the_dialogue_page_shows_the_questions(server, page):
    page.goto(server + PAGES["dialogue"])
    assert page.locator("article.question").count() == 36
    assert "36 questions" in page.locator(".summary").inner_text()
    page.get_by_role("link", name="Unanswered").click()
    page.wait_for_load_state()
    statuses = page.locator("article.question .badge").all_inner_texts()
    assert statuses and {s.lower() for s in statuses} == {"unanswered"}


def test_a_review_updates_the_status_in_place(server, page):
    page.goto(server + PAGES["dialogue"])
    first = page.locator("article.question").first
    assert first.locator(".badge").inner_text().lower() == "answered"
    first.locator("summary", has_text="Review this question").click()
    first.get_by_label("Reject: not answered").check()
    first.get_by_label("Your name").fill("Browser Test")
    with page.expect_response(lambda r: r.url.endswith("/reviews") and r.request.method == "POST") as resp:
        first.get_by_role("button", name="Save the review").click()
    assert resp.value.status == 200
    updated = page.locator("article.question").first
    updated.locator(".reviewed").wait_for()
    assert updated.locator(".badge").inner_text().lower() == "unanswered"
    assert "Reviewed: reject by Browser Test" in updated.inner_text()
    assert page.url.endswith(PAGES["dialogue"])  # no page load: htmx swapped the question in place
    assert page.problems == []


def test_upload_of_a_pdf_shows_the_record(server, page):
    page.goto(server + "/upload")
    page.set_input_files("#file", str(PDF))
    page.get_by_role("button", name="Upload and analyse").click()
    page.wait_for_url("**/records/CMW/C/SR.537")
    assert page.locator("h1").inner_text().startswith("CMW/C/SR.537")
    page.goto(server + "/upload")
    page.set_input_files("#file", {"name": "image.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n" + b"\0" * 64})
    page.get_by_role("button", name="Upload and analyse").click()
    alert = page.get_by_role("alert")
    assert "image.png" in alert.inner_text() and "Traceback" not in page.content()


def test_no_accessibility_violations(server, page):
    source = AXE.read_text("utf-8")
    found = {}
    for name, url in PAGES.items():
        page.goto(server + url)
        page.evaluate(source)  # through the DevTools protocol: the page's CSP stays as it is
        result = page.evaluate(
            "async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations"
            ".map(v => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target}`)"
        )
        if result:
            found[name] = result
    assert found == {}


def test_keyboard_reaches_the_content_and_focus_is_visible(server, page):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert skip.evaluate("el => el === document.activeElement")
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
