"""The web app: server-rendered pages over the corpus, each with a JSON twin under ``/api``.

``create_app(db)`` builds it; ``tbdialogue serve`` runs it with uvicorn. Pages are Jinja2
templates (every value escaped), htmx is served from ``/static`` (vendored: it works offline), and
charts are SVG drawn on the server. Who may write: an app that serves only this machine
(127.0.0.1) is one user's and may write; served to a network, uploads and reviews need the token
given at start, and without one the app is read-only.
"""

from __future__ import annotations

import hmac
import os
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import TbdError
from ..export.brief import cite
from ..store import Corpus
from ..store.browse import generation
from ..version import VERSION
from . import charts
from .cache import PageCache, cached_response
from .data import MARK, NotFound

HERE = Path(__file__).parent
#: No inline script or style anywhere: every script and style sheet comes from /static.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
UPLOAD_LIMIT_MB = 50
#: How long the corpus's generation is taken as known (seconds) before it is asked again.
GENERATION_TTL = 0.5
#: Threads that build pages at once, per worker process.
THREADS = max(4, 2 * (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 2)))


class WriteRefused(TbdError):
    """A write (upload, review) that this app may not do."""



def snippet_html(text: str) -> Markup:
    """A search snippet: the text escaped, then the words found marked."""
    return Markup(str(escape(text)).replace(MARK[0], "<mark>").replace(MARK[1], "</mark>"))


def create_app(db: str | None = None, *, token: str | None = None, writable: bool = True) -> FastAPI:
    """The app over the corpus ``db``. ``writable``: uploads and reviews allowed; ``token``: they
    then need it (``X-Token`` header or ``token`` form field)."""
    corpus = Corpus(db, create=True)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        # Pages are built in worker threads; each holds a database connection (SQLite: with its own
        # 64 MB page cache). More threads than a few per core only add memory and lock contention.
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="tbdialogue",
        version=VERSION,
        description="UN treaty-body summary records as data: records, dialogues, questions, search. "
        "Every page has a JSON twin under /api.",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.corpus = corpus
    app.state.token = token
    app.state.writable = writable
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.globals.update(version=VERSION, cite=cite, charts=charts, snippet_html=snippet_html)
    env.globals["needs_token"] = bool(token)
    env.globals["writable"] = writable
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    cache = PageCache()
    app.state.cache = cache
    seen = {"at": 0.0, "generation": None}

    def current_generation() -> tuple:
        """The corpus's generation, asked at most every GENERATION_TTL seconds: a page kept from
        the cache is then sent without waiting for a thread (writes through this app are seen at
        once; a write by another process, such as `tbdialogue ingest`, within the TTL)."""
        now = time.monotonic()
        if seen["generation"] is None or now - seen["at"] >= GENERATION_TTL:
            with corpus.engine.connect() as conn:
                seen["generation"], seen["at"] = generation(conn), now
        return seen["generation"]

    def forget_generation() -> None:
        seen["generation"] = None

    app.state.forget_generation = forget_generation

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        if cache.key(request) is not None:
            response = await cached_response(request, call_next, cache, current_generation())
        else:
            response = await call_next(request)
            if request.method == "POST":
                forget_generation()  # a review or an upload: the next page is built anew
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    def error(request: Request, status: int, message: str) -> Any:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status
        )

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return error(request, 404, str(exc))

    @app.exception_handler(WriteRefused)
    async def refused(request: Request, exc: WriteRefused):
        return error(request, 403, str(exc))

    @app.exception_handler(TbdError)
    async def bad_request(request: Request, exc: TbdError):
        return error(request, 400, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "request not understood"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        return error(request, exc.status_code, message)

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x not in ("query", "body", "path"))
        return error(request, 422, f"{where or 'request'}: {first.get('msg', 'invalid value')}")

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception):  # never a traceback on a page
        return error(request, 500, "internal error: the request could not be completed (please report it)")

    from .api import router as api_router
    from .pages import router as page_router

    app.include_router(api_router)
    app.include_router(page_router)
    return app


#: How ``tbdialogue serve --workers N`` hands its settings to each worker process.
SERVE_ENV = {"db": "TBDIALOGUE_SERVE_DB", "token": "TBDIALOGUE_SERVE_TOKEN", "writable": "TBDIALOGUE_SERVE_WRITABLE"}


def from_environment() -> FastAPI:
    """The app of one worker process of ``tbdialogue serve --workers N`` (uvicorn's factory)."""
    return create_app(
        os.environ.get(SERVE_ENV["db"]) or None,
        token=os.environ.get(SERVE_ENV["token"]) or None,
        writable=os.environ.get(SERVE_ENV["writable"]) == "1",
    )


def check_write(request: Request, given: str | None) -> None:
    """Refuse a write this app may not do: read-only, or a token required and not given."""
    state = request.app.state
    if not state.writable:
        raise WriteRefused("this app is read-only: start it with --token TOKEN to allow uploads and reviews")
    if state.token:
        given = given or request.headers.get("x-token")
        if not given or not hmac.compare_digest(given.encode(), state.token.encode()):
            raise WriteRefused("a write needs the token the app was started with (the token field, or an X-Token header)")


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status)
