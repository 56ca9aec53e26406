"""``tbdialogue serve``: the web app and its API over the corpus."""

from __future__ import annotations

import ipaddress
import os

import typer

from .common import command_app, fail
from .corpus_options import db_option

TOKEN_VAR = "TBDIALOGUE_TOKEN"

app = command_app()


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command("serve")
def serve_command(
    db: str | None = db_option(),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    token: str | None = typer.Option(
        None,
        "--token",
        envvar=TOKEN_VAR,
        show_envvar=False,
        help=f"Served to a network, uploads and reviews need this token (or ${TOKEN_VAR}); without it the app is read-only.",
    ),
) -> None:
    """Serve the web app and its JSON API: search, records, dialogues, States, people, reviews.

    Open http://127.0.0.1:8000 in a browser; the API is documented at /docs. On 127.0.0.1 the app
    is yours and may write (upload records, review questions). On any other address reads are open
    to everyone and writes need --token; without a token the app is read-only.
    """
    try:
        import uvicorn

        from ..web import create_app
    except ImportError as exc:
        fail(f"the web app needs the optional packages FastAPI and uvicorn ({exc.name}): pip install 'tbdialogue[web]'")
    local = _loopback(host)
    web = create_app(db, token=None if local else token, writable=local or bool(token))
    where = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    mode = "may write" if local else ("writes need the token" if token else "read-only (no --token)")
    typer.echo(f"serving {web.state.corpus.url.render_as_string(hide_password=True)} at {where} ({mode}); Ctrl-C stops", err=True)
    uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False, workers=1)
    os._exit(0)
