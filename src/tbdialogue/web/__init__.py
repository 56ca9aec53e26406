"""The web app and its API (``tbdialogue serve``): pages over the corpus, each with a JSON twin.

Needs the optional ``web`` extra (FastAPI, Jinja2, uvicorn, python-multipart)."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
