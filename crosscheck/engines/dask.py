"""The Dask engine: every stage after ingest on a ``dask.distributed`` cluster.

``Params(engine="dask")`` (``crosscheck run --engine dask``) runs the stages
that cost nearly all the time (parsing and embedding: 85-90% of a cold run,
README "Performance") as one task per partition of articles, a partition
being the articles published in one ISO week (undated articles: one more
partition). Each task writes its partition's claims and vectors as Parquet
into the work folder. One more task then reads them back in article order
and runs events, links and comparison with the local engine's code
(``pipeline.compare_corpus``), so both engines give the same findings; the
client receives the findings, links and clusters, and reads claims from
``ordered/claims.parquet`` only when a report or frame asks for them
(``StoredClaims``), so it never holds the corpus' claims or vectors.

- ``workers=N`` starts a ``LocalCluster`` of N single-threaded worker
  processes for the run; ``scheduler="tcp://host:8786"`` uses an existing
  cluster instead (its workers must see the article files' text: the client
  sends it, and the cache folder, when there is one).
- The models are loaded once per worker process (``_embedder``, a
  per-process cache; spaCy is cached by ``crosscheck.nlp``).
- A task is pure and writes its files atomically, so when a worker dies the
  scheduler runs its tasks again elsewhere and the answer does not change.
- Not split yet: events, links and comparison run as ONE task, which holds
  every claim and vector of the corpus (README, "Archives on Dask").
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
from ..pipeline import Embedded, Params, Progress, _params_of, assemble, compare_corpus
from ..result import Result

DEFAULT_WORKERS = 2
ROW_GROUP = 256  # articles per row group of ordered/claims.parquet: what the client reads at once
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


def _write_parquet(table, path: Path, **options) -> None:
    """Write atomically: a task run twice (its worker died) never leaves half a file."""
    import pyarrow.parquet as pq

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, **options)
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
    return {"name": name, "articles": [a.source_id for a in extracted.articles], "failed": extracted.warnings, "cut": cut, "parsed": extracted.parsed,
            "embedded": getattr(model, "n_embedded_", 0), "embed_params": _params_of(model), "pid": os.getpid()}


def _read_partition(work_dir: Path, name: str, articles: dict[str, Article]) -> tuple[dict[str, list], np.ndarray, dict]:
    """The claims of a partition by source id, its vectors in claim order, and its claims table."""
    import pyarrow.parquet as pq

    table = pq.read_table(work_dir / "claims" / f"{name}.parquet").to_pydict()
    claims = {sid: loads_claims(articles[sid], blob) for sid, blob in zip(table["source_id"], table["claims"])}
    vectors = pq.read_table(work_dir / "vectors" / f"{name}.parquet", columns=["vector"]).column("vector")
    X = vectors.combine_chunks().flatten().to_numpy().reshape(-1, DIMENSIONS) if len(vectors) else \
        np.zeros((0, DIMENSIONS), np.float32)
    return claims, X, table


def compare_task(names: list[str], articles: list[Article], work_dir: str, params: Params) -> dict:
    """Events, links and comparison on a worker (``pipeline.compare_corpus``, the local engine's code).

    Reads every partition's claims and vectors back in article order, and
    writes the claims in that order to ``ordered/claims.parquet`` (one row
    per article, row groups of ``ROW_GROUP`` articles) for the client's
    ``StoredClaims``; returns the comparison and the claims per article.
    """
    import pyarrow as pa

    root = Path(work_dir)
    by_id = {a.source_id: a for a in articles}
    per_article: dict[str, list] = {}
    vectors: dict[str, np.ndarray] = {}
    blobs: dict[str, bytes] = {}
    for name in names:
        claims, X, table = _read_partition(root, name, by_id)
        blobs.update(zip(table["source_id"], table["claims"]))
        row = 0
        for sid, found in claims.items():
            per_article[sid], vectors[sid] = found, X[row: row + len(found)]
            row += len(found)
    claims = [c for a in articles for c in per_article[a.source_id]]
    X = np.concatenate([vectors[a.source_id] for a in articles]) if claims else np.zeros((0, DIMENSIONS), np.float32)
    del vectors
    timings: dict[str, float] = {}
    compared = compare_corpus(articles, claims, X, params, timings)
    (root / "ordered").mkdir(exist_ok=True)
    _write_parquet(pa.table({"source_id": [a.source_id for a in articles],
                             "claims": [blobs[a.source_id] for a in articles]}),
                   root / "ordered" / "claims.parquet", row_group_size=ROW_GROUP)
    return {"compared": compared, "counts": [len(per_article[a.source_id]) for a in articles], "timings": timings,
            "pid": os.getpid()}


class StoredClaims(Sequence):
    """The run's claims, in article order, read from ``ordered/claims.parquet`` when asked for.

    The client of a Dask run never holds every claim: a report or frame that
    walks them reads one row group (``ROW_GROUP`` articles) at a time and
    keeps the last few. ``loaded`` counts the claims this object has read.
    """

    KEEP = 4  # row groups kept in memory

    def __init__(self, path: Path, articles: Sequence[Article], counts: Sequence[int], owner: object = None):
        self.path, self.articles = path, list(articles)
        self.starts = np.concatenate([[0], np.cumsum(np.asarray(counts, dtype=np.int64))])
        self.loaded = 0
        self._groups: dict[int, list] = {}  # row group -> its claims, least recently used first
        self._owner = owner  # what keeps the folder alive (a TemporaryDirectory), if anything

    def __len__(self) -> int:
        return int(self.starts[-1])

    def _group(self, g: int) -> list:
        found = self._groups.pop(g, None)
        if found is None:
            import pyarrow.parquet as pq

            table = pq.ParquetFile(self.path).read_row_group(g).to_pydict()
            first = g * ROW_GROUP
            found = [c for k, blob in enumerate(table["claims"])
                     for c in loads_claims(self.articles[first + k], blob)]
            self.loaded += len(found)
            while len(self._groups) >= self.KEEP:
                self._groups.pop(next(iter(self._groups)))
        self._groups[g] = found
        return found

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("claim index out of range")
        article = int(np.searchsorted(self.starts, index, side="right")) - 1
        g = article // ROW_GROUP
        return self._group(g)[index - int(self.starts[g * ROW_GROUP])]

    def __iter__(self):
        for g in range((len(self.articles) + ROW_GROUP - 1) // ROW_GROUP):
            yield from self._group(g)


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
        dashboard_address=":0", env=one_thread, silence_logs=logging.CRITICAL))  # errors reach the user as one line
    return stack.enter_context(Client(cluster))


def run(paths: Sequence[str | os.PathLike[str]], params: Params, progress: Progress | None,
        timings: dict[str, float]) -> Result:
    """Ingest here; claims and vectors, then events, links and comparison, on the cluster."""
    t = time.perf_counter()
    ingested = ingest(list(paths), max_bytes=params.max_bytes, max_chars=params.max_chars)
    timings["ingest"] = time.perf_counter() - t

    t = time.perf_counter()
    parts = partitions(ingested.articles)
    keep = None
    if params.work_dir:
        work_dir = Path(params.work_dir)
    else:  # lives as long as the result's claims, which are read from it
        keep = tempfile.TemporaryDirectory(prefix="crosscheck-dask-")
        work_dir = Path(keep.name)
    for sub in ("claims", "vectors"):
        (work_dir / sub).mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        client = _client(params, stack)
        futures = [client.submit(claims_task, name, members, str(work_dir), params.cache_dir, params.max_claims,
                                 params.embedder, params.batch_size, key=f"claims-{name}", pure=False)
                   for name, members in parts.items()]
        if progress is not None and sys.stderr.isatty():
            from distributed import progress as dask_progress

            dask_progress(futures)
        done = client.gather(futures)
        timings["claims"] = time.perf_counter() - t  # claims and embedding run together on the workers
        timings["embed"] = 0.0  # embedding runs inside the claims tasks
        extracted = {sid for r in done for sid in r["articles"]}
        articles = [a for a in ingested.articles if a.source_id in extracted]  # extraction failed: skipped
        compared = client.submit(compare_task, list(parts), articles, str(work_dir), params, key="compare",
                                 pure=False).result()
    timings.update(compared["timings"])
    position = {a.path: i for i, a in enumerate(ingested.articles)}

    def in_order(kind: str) -> list:
        return sorted((w for r in done for w in r[kind]), key=lambda w: position.get(w.path, -1))

    embed_params = done[0]["embed_params"] if done else _params_of(_embedder(params.embedder, None, params.batch_size))
    claims = StoredClaims(work_dir / "ordered" / "claims.parquet", articles, compared["counts"], owner=keep)
    front = Embedded(articles, claims, None, ingested.warnings + in_order("failed") + in_order("cut"),  # type: ignore[arg-type]
                     {**embed_params, "engine": "dask", "partitions": len(parts)},
                     sum(r["embedded"] for r in done), sum(r["parsed"] for r in done))
    return assemble(front, compared["compared"], params, timings)
