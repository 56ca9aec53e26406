"""Pages kept while the corpus does not change.

A page is a function of the corpus's content, and the corpus changes only by writes (ingest,
analysis, review, upload). The app knows the database's generation — the newest version, question
and review ids, three index lookups, asked again every half second — and a page built at the same
generation is sent again as it was, with an ETag (a browser that has it gets 304). A write through
the app is seen by the next request; a write by another process (`tbdialogue ingest`) within half
a second.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

#: What is kept: at most this many pages, and this many bytes in all.
MAX_PAGES = 2000
MAX_BYTES = 200_000_000
#: Paths never kept: static files (served by their own handler), the OpenAPI pages, downloads.
SKIP = ("/static/", "/docs", "/openapi.json", "/export/", "/briefs/", "/upload")


class PageCache:
    def __init__(self, max_pages: int = MAX_PAGES, max_bytes: int = MAX_BYTES) -> None:
        self.pages: OrderedDict[tuple, tuple[tuple, int, bytes, list[tuple[bytes, bytes]]]] = OrderedDict()
        self.bytes = 0
        self.max_pages = max_pages
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(request: Request) -> tuple | None:
        if request.method != "GET" or request.url.path.startswith(SKIP):
            return None
        return (request.url.path, request.url.query, bool(request.headers.get("hx-request")))

    def get(self, key: tuple, generation: tuple) -> tuple[int, bytes, list[tuple[bytes, bytes]]] | None:
        found = self.pages.get(key)
        if found is None or found[0] != generation:
            self.misses += 1
            return None
        self.pages.move_to_end(key)
        self.hits += 1
        return found[1], found[2], found[3]

    def put(self, key: tuple, generation: tuple, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
        old = self.pages.pop(key, None)
        if old is not None:
            self.bytes -= len(old[2])
        self.pages[key] = (generation, status, body, headers)
        self.bytes += len(body)
        while self.pages and (len(self.pages) > self.max_pages or self.bytes > self.max_bytes):
            _, dropped = self.pages.popitem(last=False)
            self.bytes -= len(dropped[2])


def etag(key: tuple, generation: tuple) -> str:
    return '"' + hashlib.blake2b(repr((key, generation)).encode(), digest_size=12).hexdigest() + '"'


async def cached_response(request: Request, call_next: Any, cache: PageCache, generation: tuple) -> Response:
    """The page from the cache, or built and kept (a 200 only); 304 when the browser has it."""
    key = cache.key(request)
    if key is None:
        return await call_next(request)
    tag = etag(key, generation)
    if request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers={"ETag": tag})
    found = cache.get(key, generation)
    if found is not None:
        status, body, headers = found
        response = Response(body, status_code=status)
        response.raw_headers = list(headers)
        return response
    response = await call_next(request)
    if response.status_code != 200:
        return response
    body = b"".join([chunk async for chunk in response.body_iterator])
    response.headers["ETag"] = tag
    headers = [(k, v) for k, v in response.raw_headers if k.lower() != b"content-length"]
    headers.append((b"content-length", str(len(body)).encode()))
    cache.put(key, generation, response.status_code, body, headers)
    out = Response(body, status_code=response.status_code)
    out.raw_headers = headers
    return out
