"""``tbdialogue serve``: the web app and its API over the corpus."""

from __future__ import annotations

import contextlib
import errno
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


def _check_port(host: str, port: int) -> None:
    """A port that cannot be listened on is one line before anything starts (uvicorn would log it)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        fail(f"cannot listen on {host!r}: not an address of this machine (e.g. 127.0.0.1 or 0.0.0.0)")
    family, kind, proto, _, addr = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(addr)
        except PermissionError:
            fail(f"port {port} needs administrator rights: give a port above 1023, e.g. --port 8000")
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                fail(f"port {port} on {host} is already in use (another server?): give another --port, e.g. --port {port + 1}")
            fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")


def _multiprocess(uvicorn, host: str, port: int, workers: int) -> None:
    """``uvicorn.run(…, workers=N)``, with TCP_NODELAY on the listening socket: the workers' own
    connections do not get it (a kept-alive connection then waited 40 ms per response for the
    delayed ACK), and on Linux accepted connections inherit it from the listening socket."""
    import socket

    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(
        "tbdialogue.web.app:from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
    )
    sock = config.bind_socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    with contextlib.suppress(KeyboardInterrupt):
        Multiprocess(config, sockets=[sock]).run()


@app.command("serve")
def serve_command(
    db: str | None = db_option(),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(
        1, "--workers", min=1, max=64, help="Worker processes (one per core serves more readers at once)."
    ),
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
    from ..web.app import SERVE_ENV

    _check_port(host, port)
    local = _loopback(host)
    token = None if local else token
    writable = local or bool(token)
    web = create_app(db, token=token, writable=writable)  # opened here: a bad --db is one line before serving
    where = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    mode = "may write" if local else ("writes need the token" if token else "read-only (no --token)")
    url = web.state.corpus.url.render_as_string(hide_password=False)
    shown = web.state.corpus.url.render_as_string(hide_password=True)
    typer.echo(f"serving {shown} at {where} ({mode}); Ctrl-C stops", err=True)
    if workers == 1:
        uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False)
    else:
        web.state.corpus.close()
        os.environ.update({SERVE_ENV["db"]: url, SERVE_ENV["token"]: token or "", SERVE_ENV["writable"]: "1" if writable else ""})
        _multiprocess(uvicorn, host, port, workers)
    os._exit(0)
