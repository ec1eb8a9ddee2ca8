"""The Dask engine: claims and embedding on a ``dask.distributed`` cluster.

``Params(engine="dask")`` (``crosscheck run --engine dask``) runs the stages
that cost nearly all the time (parsing and embedding: 85-90% of a cold run,
README "Performance") as one task per partition of articles, a partition
being the articles published in one ISO week (undated articles: one more
partition). Each task writes its partition's claims and vectors as Parquet
into the work folder; the client reads them back in article order and runs
events, links and comparison exactly as the local engine does
(``pipeline.link_and_compare``), so both engines give the same findings.

- ``workers=N`` starts a ``LocalCluster`` of N single-threaded worker
  processes for the run; ``scheduler="tcp://host:8786"`` uses an existing
  cluster instead (its workers must see the article files' text: the client
  sends it, and the cache folder, when there is one).
- The models are loaded once per worker process (``_embedder``, a
  per-process cache; spaCy is cached by ``crosscheck.nlp``).
- A task is pure and writes its files atomically, so when a worker dies the
  scheduler runs its tasks again elsewhere and the answer does not change.
"""
from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

import numpy as np

from ..claim_cache import dumps_claims, extract_corpus, loads_claims
from ..claims import limit_claims
from ..embed import DEFAULT_BACKEND, DIMENSIONS, Embedder
from ..ingest import InputError, ingest
from ..model import Article
from ..pipeline import Embedded, Params, Progress, _params_of

DEFAULT_WORKERS = 2
_EMBEDDERS: dict[tuple, Embedder] = {}  # per worker process: the model is loaded once, not once per task


def partition_key(article: Article) -> str:
    """The partition of an article: its publication week, or ``undated``."""
    if article.date is None:
        return "undated"
    year, week, _ = article.date.isocalendar()
    return f"week-{year:04d}-{week:02d}"


def partitions(articles: Sequence[Article]) -> dict[str, list[Article]]:
    """Articles by partition key, each partition in article (source id) order."""
    out: dict[str, list[Article]] = {}
    for article in articles:
        out.setdefault(partition_key(article), []).append(article)
    return dict(sorted(out.items()))


def _embedder(embedder: object | None, cache_dir: str | None, batch_size: int):
    """This worker's embedder: built, and its model loaded, once per process for each setting."""
    if embedder is not None and not isinstance(embedder, str):
        return embedder  # an object the caller gave: shipped to the worker as it is
    key = (embedder or DEFAULT_BACKEND, cache_dir, batch_size)
    found = _EMBEDDERS.get(key)
    if found is None:
        found = _EMBEDDERS[key] = Embedder(cache_dir=cache_dir, batch_size=batch_size, backend=key[0])
    return found


def _write_parquet(table, path: Path) -> None:
    """Write atomically: a task run twice (its worker died) never leaves half a file."""
    import pyarrow.parquet as pq

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def claims_task(name: str, articles: list[Article], work_dir: str, cache_dir: str | None, max_claims: int,
                embedder: object | None, batch_size: int) -> dict:
    """One partition on a worker: claims (from the cache or parsed here), cut to max_claims, embedded.

    Writes ``claims/NAME.parquet`` (one row per article: its claims pickled
    without the article) and ``vectors/NAME.parquet`` (one row per claim:
    source id, offsets, vector); returns the warnings and counts.
    """
    import pyarrow as pa

    extracted = extract_corpus(articles, cache_dir=cache_dir, processes=1)
    claims, cut = limit_claims(extracted.claims, max_claims)
    model = _embedder(embedder, cache_dir, batch_size)
    X = model.transform([c.text for c in claims]) if claims else np.zeros((0, DIMENSIONS), np.float32)
    by_article: dict[str, list] = {a.source_id: [] for a in extracted.articles}
    for claim in claims:
        by_article[claim.source_id].append(claim)
    root = Path(work_dir)
    _write_parquet(pa.table({
        "source_id": [a.source_id for a in extracted.articles],
        "claims": [dumps_claims(a, by_article[a.source_id]) for a in extracted.articles],
    }), root / "claims" / f"{name}.parquet")
    _write_parquet(pa.table({
        "source_id": [c.source_id for c in claims],
        "start": pa.array([c.start for c in claims], pa.int64()),
        "end": pa.array([c.end for c in claims], pa.int64()),
        "vector": pa.FixedSizeListArray.from_arrays(pa.array(X.ravel(), pa.float32()), DIMENSIONS),
    }), root / "vectors" / f"{name}.parquet")
    return {"name": name, "failed": extracted.warnings, "cut": cut, "parsed": extracted.parsed,
            "embedded": getattr(model, "n_embedded_", 0), "embed_params": _params_of(model), "pid": os.getpid()}


def _read_partition(work_dir: Path, name: str, articles: dict[str, Article]) -> tuple[dict[str, list], np.ndarray]:
    """The claims of a partition by source id, and its vectors in claim order."""
    import pyarrow.parquet as pq

    table = pq.read_table(work_dir / "claims" / f"{name}.parquet").to_pydict()
    claims = {sid: loads_claims(articles[sid], blob) for sid, blob in zip(table["source_id"], table["claims"])}
    vectors = pq.read_table(work_dir / "vectors" / f"{name}.parquet", columns=["vector"]).column("vector")
    X = vectors.combine_chunks().flatten().to_numpy().reshape(-1, DIMENSIONS) if len(vectors) else \
        np.zeros((0, DIMENSIONS), np.float32)
    return claims, X


def _client(params: Params, stack: ExitStack):
    from distributed import Client, LocalCluster

    if params.scheduler:
        try:
            return stack.enter_context(Client(params.scheduler))
        except (OSError, ValueError) as err:  # unreachable, refused, or not an address: the user's input
            raise InputError(f"cannot use the Dask scheduler at {params.scheduler}: {err}") from None
    one_thread = {k: "1" for k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
    cluster = stack.enter_context(LocalCluster(
        n_workers=params.workers or DEFAULT_WORKERS, threads_per_worker=1, processes=True,
        dashboard_address=None, env=one_thread, silence_logs=logging.ERROR))
    return stack.enter_context(Client(cluster))


def claims_and_vectors(paths: Sequence[str | os.PathLike[str]], params: Params, progress: Progress | None,
                       timings: dict[str, float]) -> Embedded:
    """Ingest here, claims and vectors on the cluster, read back in article order (``pipeline.Embedded``)."""
    t = time.perf_counter()
    ingested = ingest(list(paths), max_bytes=params.max_bytes, max_chars=params.max_chars)
    timings["ingest"] = time.perf_counter() - t

    t = time.perf_counter()
    parts = partitions(ingested.articles)
    with ExitStack() as stack:
        work_dir = Path(params.work_dir) if params.work_dir else Path(stack.enter_context(
            tempfile.TemporaryDirectory(prefix="crosscheck-dask-")))
        for sub in ("claims", "vectors"):
            (work_dir / sub).mkdir(parents=True, exist_ok=True)
        client = _client(params, stack)
        futures = [client.submit(claims_task, name, members, str(work_dir), params.cache_dir, params.max_claims,
                                 params.embedder, params.batch_size, key=f"claims-{name}", pure=False)
                   for name, members in parts.items()]
        if progress is not None and sys.stderr.isatty():
            from distributed import progress as dask_progress

            dask_progress(futures)
        done = client.gather(futures)
        timings["claims"] = time.perf_counter() - t  # claims and embedding run together on the workers
        t = time.perf_counter()
        by_id = {a.source_id: a for a in ingested.articles}
        per_article: dict[str, list] = {}
        vectors: dict[str, list[np.ndarray]] = {}
        for name in parts:
            claims, X = _read_partition(work_dir, name, by_id)
            per_article.update(claims)
            row = 0
            for sid, found in claims.items():
                vectors[sid] = [X[row: row + len(found)]]
                row += len(found)
    articles = [a for a in ingested.articles if a.source_id in per_article]  # extraction failed: skipped
    claims = [c for a in articles for c in per_article[a.source_id]]
    X = np.concatenate([v for a in articles for v in vectors[a.source_id]]) if claims else \
        np.zeros((0, DIMENSIONS), np.float32)
    position = {a.path: i for i, a in enumerate(ingested.articles)}

    def in_order(kind: str) -> list:
        return sorted((w for r in done for w in r[kind]), key=lambda w: position.get(w.path, -1))

    timings["embed"] = time.perf_counter() - t  # reading the partitions back
    embed_params = done[0]["embed_params"] if done else _params_of(_embedder(params.embedder, None, params.batch_size))
    return Embedded(articles, claims, X, ingested.warnings + in_order("failed") + in_order("cut"),
                    {**embed_params, "engine": "dask", "partitions": len(parts)},
                    sum(r["embedded"] for r in done), sum(r["parsed"] for r in done))
