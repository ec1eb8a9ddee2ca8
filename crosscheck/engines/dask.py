"""The Dask engine: every stage after ingest on a ``dask.distributed`` cluster.

``Params(engine="dask")`` (``crosscheck run --engine dask``) gives the local
engine's findings (README, "Archives on Dask"):

1. ``claims_task``, one per partition of articles (their ISO publication
   week; undated articles: one more): the articles' text read from their
   files, claims and vectors, written as Parquet with the words later stages
   read and each article's ``summary``.
2. ``events_task``: events from the summaries (``events.group_summaries``).
3. ``links_task``: links, clusters and blocking-key pairs from vectors and
   stored words (no claim loaded); ``corpus_task``, beside it: the corpus
   rules that read every claim (NAM001), and the claims in corpus order for
   the result's ``StoredClaims`` and ``StoredArticles``.
4. ``compare_task``, one per part of whole events (``parts_of``):
   ``compare.compare_part``, the function the local engine's ``compare.compare``
   calls once for the whole corpus.
5. ``merge_task``: the observations in the local engine's order, merged
   (``compare.findings_of``, as locally), written for ``StoredRecords``.

- ``workers=N`` starts a ``LocalCluster`` of N single-threaded worker
  processes for the run; ``scheduler="tcp://host:8786"`` uses an existing
  cluster instead (its workers must see the input files and the work folder,
  and the cache folder when there is one).
- The models are loaded once per worker process (``_embedder``, a
  per-process cache; spaCy is cached by ``crosscheck.nlp``) and let go of
  after the claims stage (``_release_models``).
- Memory: the client holds articles' metadata, events and links, not text,
  claims or findings; no task holds the corpus' claims with their facts, nor
  a second copy of its vectors (README, "Archives on Dask").
- A task is pure and writes its files atomically, so when a worker dies the
  scheduler runs its tasks again elsewhere and the answer does not change.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import logging
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from contextlib import ExitStack
from itertools import islice
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from ..claim_cache import dumps_claims, extract_corpus, loads_claims
from ..claims import limit_claims
from ..cluster import Clusterer, ClusterTable
from ..compare import registry
from ..compare.base import Rule
from ..embed import DEFAULT_BACKEND, DIMENSIONS, Embedder
from ..events import (ArticleSummary, EventGroups, bridge_keys_of, comparable, group_summaries, people_of, sentence_key,
                      shared_sentences_of, topic_keys_one, topic_words)
from ..ingest import InputError, ingest, with_text
from ..model import Article, Claim, Facts, Observation, Side, SkippedPair
from ..compare import blocked_candidates, compare_part, conflicted_pairs, corpus_wide, facts_read, scan_corpus_wide
from ..pipeline import Compared, Embedded, Params, Progress, _params_of, assemble, findings_of
from ..result import Result

DEFAULT_WORKERS = 2
ROW_GROUP = 256  # articles per row group of ordered/claims.parquet: what the client reads at once
PART_CLAIMS = 20_000  # claims per comparison task (whole events: a part may hold more)
RECORDS = 512  # findings or not-compared pairs per row group of findings/*.parquet: what the client reads at once
COMPARABLE_FACTS = ("context_years", "entities", "years")  # what events.comparable reads of a claim's facts
WORD_COLUMNS = ["source_id", "years", "context_years", "entities", "names", "content", "blocking"]
SEP = "\x1f"  # between a rule's code and one of its blocking keys in the vectors table
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


def claims_task(name: str, articles: list[Article], digests: list[bytes], base: str, work_dir: str,
                cache_dir: str | None, max_bytes: int, max_chars: int, max_claims: int, embedder: object | None,
                batch_size: int) -> dict:
    """One partition on a worker: its articles' text read from their files (the client keeps none),
    claims (from the cache or parsed here), cut to max_claims, embedded.

    Writes ``claims/NAME.parquet`` (``write_partition``), ``vectors/NAME.parquet`` (one row per claim:
    source id, vector, and the words links and blocking keys read: years, participants, topic names,
    content words, each rule's blocking keys) and ``summaries/NAME.parquet`` (what events are grouped
    from, ``summary``); returns the warnings and each article's claim count.
    """
    import pyarrow as pa

    read, unread = [], []
    for article, digest in zip(articles, digests):
        article, problems = with_text(article, digest, base, max_bytes, max_chars)
        unread.extend(problems)
        if article is not None:
            read.append(article)
    extracted = extract_corpus(read, cache_dir=cache_dir, processes=1)
    claims, cut = limit_claims(extracted.claims, max_claims)
    model = _embedder(embedder, cache_dir, batch_size)
    X = model.transform([c.text for c in claims]) if claims else np.zeros((0, DIMENSIONS), np.float32)
    rows: dict[str, list[int]] = {a.source_id: [] for a in extracted.articles}
    for i, claim in enumerate(claims):
        rows[claim.source_id].append(i)
    root = Path(work_dir)
    write_partition(root / "claims" / f"{name}.parquet",
                    [(a, [claims[i] for i in rows[a.source_id]]) for a in extracted.articles])
    blocking = [r for r in registry.active() if type(r).blocking_keys is not Rule.blocking_keys]
    topics = [topic_words(c) for c in claims]
    strings = pa.list_(pa.string())
    _write_parquet(pa.table({
        "source_id": [c.source_id for c in claims],
        "vector": _vectors_column(X),
        "years": pa.array([sorted(c.facts.years) for c in claims], pa.list_(pa.int64())),
        "context_years": pa.array([sorted(c.facts.context_years) for c in claims], pa.list_(pa.int64())),
        "entities": pa.array([sorted(c.facts.entities) for c in claims], strings),
        "names": pa.array([sorted(names) for names, _ in topics], strings),
        "content": pa.array([sorted(content) for _, content in topics], strings),
        "blocking": pa.array([sorted({f"{type(r).code}{SEP}{k}" for r in blocking for k in r.blocking_keys(c)})
                              for c in claims], strings),
    }), root / "vectors" / f"{name}.parquet")
    summaries = {sid: summary(X[found], [claims[i] for i in found]) for sid, found in rows.items() if found}
    _write_parquet(pa.table({
        "source_id": list(summaries),
        "mean": _vectors_column(np.stack([s.mean for s, _ in summaries.values()]) if summaries
                                else np.zeros((0, DIMENSIONS), np.float32)),
        "people": pa.array([sorted(s.people) for s, _ in summaries.values()], strings),
        "sentences": pa.array([keys for _, keys in summaries.values()], pa.list_(pa.binary())),
    }), root / "summaries" / f"{name}.parquet")
    return {"name": name, "counts": {sid: len(found) for sid, found in rows.items()},
            "failed": unread + extracted.warnings, "cut": cut, "parsed": extracted.parsed,
            "embedded": getattr(model, "n_embedded_", 0), "embed_params": _params_of(model), "pid": os.getpid()}


def _vectors_column(X: np.ndarray):
    import pyarrow as pa

    return pa.FixedSizeListArray.from_arrays(pa.array(np.ascontiguousarray(X, np.float32).ravel(), pa.float32()),
                                             DIMENSIONS)


def write_partition(path: Path, articles: Sequence[tuple[Article, Sequence[Claim]]]) -> None:
    """``claims/NAME.parquet``: one row per (article, its claims), the two pickled apart (claims without
    their article, ``dumps_claims``), and the claims' offsets (start, end, ...: what numbers a claim
    of a finding without loading the claims)."""
    import pyarrow as pa

    _write_parquet(pa.table({
        "source_id": [a.source_id for a, _ in articles],
        "article": [pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL) for a, _ in articles],
        "claims": [dumps_claims(a, found) for a, found in articles],
        "offsets": pa.array([[n for c in found for n in (c.start, c.end)] for _, found in articles],
                            pa.list_(pa.int64())),
    }), path)


def summary(X: np.ndarray, claims: Sequence[Claim]) -> tuple[ArticleSummary, list[bytes]]:
    """What events are grouped from, for one article: its claims' mean vector (computed as
    ``events.group_articles`` computes it) and people, and digests of its long sentences in claim order."""
    keys = (sentence_key(c.text) for c in claims)
    return (ArticleSummary(X.mean(axis=0), people_of(claims)),
            [hashlib.blake2b(k.encode(), digest_size=16).digest() for k in keys if k is not None])


def events_task(names: list[str], dated: list[tuple[str, dt.date | None]], work_dir: str) -> dict[str, int]:
    """Events on a worker, from the claims tasks' summaries (``events.group_summaries``); ``dated``: each
    article's source id and date, in corpus order. Returns each article's event."""
    import pyarrow.parquet as pq

    found: dict[str, tuple[ArticleSummary, list[bytes]]] = {}
    for name in names:
        table = pq.read_table(Path(work_dir) / "summaries" / f"{name}.parquet")
        means = table.column("mean").combine_chunks().flatten().to_numpy().reshape(-1, DIMENSIONS)
        for sid, mean, people, keys in zip(table.column("source_id").to_pylist(), means,
                                           table.column("people").to_pylist(), table.column("sentences").to_pylist()):
            found[sid] = (ArticleSummary(mean, set(people)), keys)
    articles = [Article(path=sid, source_id=sid, text="", date=date) for sid, date in dated]
    return group_summaries(articles, {sid: s for sid, (s, _) in found.items()}, shared_sentences_of(
        (a.source_id, key) for a in articles for key in found.get(a.source_id, (None, ()))[1])).group_of


class Layout:
    """Where each article's claims are: its partition and the corpus index of its first claim."""

    def __init__(self, articles: Sequence[Article], counts: dict[str, int]):
        self.ids = [a.source_id for a in articles]
        self.index = {sid: n for n, sid in enumerate(self.ids)}
        self.part = {a.source_id: partition_key(a) for a in articles}
        self.starts = np.concatenate([[0], np.cumsum([counts[sid] for sid in self.ids])]).astype(np.int64)
        self.first = dict(zip(self.ids, self.starts.tolist()))

    def claims_of(self, sid: str) -> range:
        """The corpus numbers of an article's claims."""
        n = self.index[sid]
        return range(int(self.starts[n]), int(self.starts[n + 1]))

    def article_of(self, i: int) -> str:
        return self.ids[int(np.searchsorted(self.starts, i, side="right")) - 1]


# ---------------------------------------------------------------- observations between tasks: claims by reference
#
# A finding's evidence needs of a claim its article, offsets and attribution (the reports read its text,
# line and speaker), never its facts; tasks write observations and not-compared pairs with each claim as
# such a reference, and the merge task rebuilds one claim per reference on its article.

def claim_ref(claim: Claim) -> tuple:
    """What a finding keeps of a claim: source id, offsets, attribution."""
    return (claim.source_id, claim.start, claim.end, claim.attribution)


def light_observations(keyed: Sequence[tuple]) -> list[tuple]:
    """(order key, Observation) pairs with claims by reference, and of ``detail`` only what merging reads
    (the phrase an agreement is explained by)."""
    return [(key, (o.rule, o.kind, tuple((claim_ref(s.claim), s.value, s.norm) for s in o.sides), o.severity,
                   o.confidence, o.detail.get("phrase"))) for key, o in keyed]


def light_skipped(keyed: Sequence[tuple]) -> list[tuple]:
    return [(key, (claim_ref(s.a), claim_ref(s.b), s.similarity, s.reason)) for key, s in keyed]


_NO_FACTS = Facts()


class ClaimRefs:
    """The claims of findings and not-compared pairs: one per reference, on its article, without facts
    (``claim_ref``)."""

    def __init__(self, articles: dict[str, Article]):
        self.articles = articles
        self.claims: dict[tuple, Claim] = {}

    def claim(self, ref: tuple) -> Claim:
        found = self.claims.get(ref[:3])
        if found is None:
            sid, start, end, attribution = ref
            found = self.claims[ref[:3]] = Claim(self.articles[sid], sid, start, end, attribution, _NO_FACTS)
        return found

    def observation(self, light: tuple) -> Observation:
        rule, kind, sides, severity, confidence, phrase = light
        return Observation(rule, kind, tuple(Side(self.claim(ref), value, norm) for ref, value, norm in sides),
                           severity, confidence, {"phrase": phrase} if phrase else {})

    def skipped(self, light: tuple) -> SkippedPair:
        a, b, similarity, reason = light
        return SkippedPair(self.claim(a), self.claim(b), similarity, reason)


def _read_claims(root: Path, wanted: Sequence[str], part_of: dict[str, str],
                 facts: Sequence[str] | None = None) -> dict[str, list]:
    """The claims of the wanted articles (source ids), on their articles, read from their partitions;
    with ``facts``, keeping only those fields of their facts (``_slim``), on their article without its
    text (what ``events.comparable`` reads of another event's claim is its facts and date)."""
    import pyarrow.parquet as pq

    wanted = set(wanted)
    words: dict[str, str] = {}
    out: dict[str, list] = {}
    for name in sorted({part_of[sid] for sid in wanted}):
        table = pq.read_table(root / "claims" / f"{name}.parquet", columns=["source_id", "article", "claims"])
        for sid, article, blob in zip(*(table.column(c).to_pylist() for c in ("source_id", "article", "claims"))):
            if sid in wanted:
                article = pickle.loads(article)
                if facts is not None:
                    article = replace(article, text=_TextLength(len(article.text)))
                out[sid] = _slim(loads_claims(article, blob), facts, words)
    return out


class _TextLength:
    """An article's text where only its length is read (a claim checks its offsets against it): any other
    use fails loudly instead of reading an empty text."""

    __slots__ = ("length",)

    def __init__(self, length: int):
        self.length = length

    def __len__(self) -> int:
        return self.length


def _slim(claims: list[Claim], facts: Sequence[str] | None, words: dict[str, str]) -> list[Claim]:
    """The claims with only these fields of their facts (None: all), their strings shared (``_shared``)."""
    if facts is None:
        return claims
    return [replace(c, facts=Facts(**{k: _shared(getattr(c.facts, k), words) for k in facts})) for c in claims]


def _write_ordered(root: Path, ids: Sequence[str], part_of: dict[str, str], row_group: int) -> Path:
    """``ordered/claims.parquet``: the partitions' rows in corpus order (articles ``ids``), written a row
    group at a time; the last ``_Partitions.KEEP`` partitions read are kept (corpus order is mostly
    publication order), so no task holds the corpus' claims at once."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = root / "ordered" / "claims.parquet"
    path.parent.mkdir(exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partitions = _Partitions(root)
    with pq.ParquetWriter(tmp, pa.schema([("source_id", pa.string()), ("article", pa.binary()),
                                          ("claims", pa.binary())])) as writer:
        for first in range(0, len(ids), row_group):
            chunk = ids[first: first + row_group]
            rows = [partitions.row(part_of[sid], sid) for sid in chunk]
            writer.write_table(pa.table({"source_id": list(chunk), "article": [r[0] for r in rows],
                                         "claims": [r[1] for r in rows]}), row_group_size=row_group)
    os.replace(tmp, path)
    return path


class _Partitions:
    """Rows of the claims partitions by source id, read when asked for; the last ``KEEP`` partitions kept."""

    KEEP = 64

    def __init__(self, root: Path):
        self.root = root
        self._rows: dict[str, dict[str, tuple[bytes, bytes]]] = {}  # least recently used first

    def row(self, name: str, sid: str) -> tuple[bytes, bytes]:
        import pyarrow.parquet as pq

        found = self._rows.pop(name, None)
        if found is None:
            table = pq.read_table(self.root / "claims" / f"{name}.parquet").to_pydict()
            found = {s: (a, c) for s, a, c in zip(table["source_id"], table["article"], table["claims"])}
            while len(self._rows) >= self.KEEP:
                self._rows.pop(next(iter(self._rows)))
        self._rows[name] = found
        return found[sid]


def _read_vectors(root: Path, names: Sequence[str], ids: Sequence[str]):
    """Every partition's vectors table, put in corpus order (articles ``ids``, claims in article order):
    the vectors as one array, filled a partition at a time (never a second copy of them), and the stored
    words as a table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    article = {sid: n for n, sid in enumerate(ids)}
    words, found = [], []  # per partition: its words, and the corpus article number of each of its rows
    for name in names:
        words.append(pq.read_table(root / "vectors" / f"{name}.parquet", columns=WORD_COLUMNS))
        found.append(np.fromiter((article.get(sid, -1) for sid in words[-1].column("source_id").to_pylist()),
                                 dtype=np.int64, count=len(words[-1])))
    rows = np.concatenate([np.zeros(0, np.int64), *found])
    # claims in article order, and inside an article in the order the partition stores them (its claim order)
    order = np.argsort(rows, kind="stable")
    order = order[rows[order] >= 0]
    position = np.empty(len(rows), dtype=np.int64)
    position[order] = np.arange(len(order))
    X = np.empty((len(order), DIMENSIONS), dtype=np.float32)
    first = 0
    for name, at in zip(names, found):
        if len(at):
            vectors = pq.read_table(root / "vectors" / f"{name}.parquet", columns=["vector"]).column("vector")
            mine = position[first: first + len(at)]
            kept = at >= 0
            X[mine[kept]] = vectors.combine_chunks().flatten().to_numpy().reshape(-1, DIMENSIONS)[kept]
            del vectors
        first += len(at)
    table = pa.concat_tables(words) if words else pa.table({c: [] for c in WORD_COLUMNS})
    return X, table.take(pa.array(order, pa.int64()))


class _Stored:
    """What ``compare.blocked_pairs`` reads of a claim, from the vectors table: source, years, participants,
    and each rule's blocking keys as the claims task computed them."""

    __slots__ = ("source_id", "facts", "blocking")

    def __init__(self, source_id, years, context_years, entities, blocking):
        self.source_id = source_id
        self.facts = SimpleNamespace(years=frozenset(years), context_years=frozenset(context_years),
                                     entities=frozenset(entities))
        self.blocking = blocking


class _StoredKeys(Rule):
    """A rule's blocking keys as stored (``claims_task``): ``blocked_pairs`` of claims not loaded."""

    def __init__(self, code: str):
        self.code = code

    def blocking_keys(self, claim) -> list[str]:
        return claim.blocking.get(self.code, [])


_NO_KEYS = _Stored("", (), (), (), {})  # a claim without blocking keys: blocked_pairs reads nothing else of it


def _rows(table, columns: Sequence[str], batch: int = 4_096):
    """The table's rows, as tuples of ``columns``, a batch at a time: no column of the whole table is
    turned into Python objects at once."""
    for piece in table.select(list(columns)).to_batches(max_chunksize=batch):
        found = piece.to_pydict()
        yield from zip(*(found[c] for c in columns))


def links_task(names: list[str], ids: list[str], group_of: dict[str, int], work_dir: str, params: Params) -> dict:
    """Links and the other candidate pairs on a worker, from vectors and stored words: no claim is loaded.

    The same search as the local engine (``pipeline.link_claims``: ``Clusterer.fit``, events given) and
    the same blocking-key pairs (``compare.blocked_pairs``); writes the vectors in corpus order
    (``ordered/vectors.npy``); returns links, nearby pairs, clusters, blocked pairs and the clusterer's
    parameters. The stored words are read a batch of rows at a time, as the search walks its bridge and
    topic keys (each walked once), and a claim without blocking keys is one shared placeholder.
    """
    import pyarrow.compute as pc

    t = time.perf_counter()
    X, table = _read_vectors(Path(work_dir), names, ids)
    ordered = Path(work_dir) / "ordered"
    ordered.mkdir(exist_ok=True)
    tmp = ordered / f".vectors.{os.getpid()}.npy"
    np.save(tmp, X)  # the vectors in corpus order, which the client maps instead of reading (Result.vectors)
    os.replace(tmp, ordered / "vectors.npy")
    sources = [sys.intern(s) for s in table.column("source_id").to_pylist()]
    groups = EventGroups(group_of)
    counted = pc.value_counts(pc.list_flatten(table.column("content"))) if len(table) else None
    frequency = dict(zip(counted.field("values").to_pylist(), counted.field("counts").to_pylist())) \
        if counted is not None else {}
    clusterer = Clusterer(threshold=params.threshold).fit(
        X, sources, groups=np.asarray([group_of.get(s, -1) for s in sources], dtype=np.int64),
        bridges=(bridge_keys_of(*keys) for keys in _rows(table, ("years", "context_years", "entities"))),
        topics=(topic_keys_one(*words, frequency) for words in _rows(table, ("names", "content"))))
    del X, frequency
    clusters = clusterer.clusters(sources)
    linked = set(clusterer.nearby_) | set(clusterer.links_)
    stored = []
    for sid, years, context_years, entities, keys in _rows(table, ("source_id", "years", "context_years", "entities",
                                                                   "blocking")):
        if not keys:
            stored.append(_NO_KEYS)
            continue
        by_rule: dict[str, list[str]] = {}
        for key in keys:
            code, _, value = key.partition(SEP)
            by_rule.setdefault(code, []).append(value)
        stored.append(_Stored(sid, years, context_years, entities, by_rule))
    del table
    rules = params.active_rules() or registry.active()
    blocked = blocked_candidates(stored, linked, groups, [_StoredKeys(type(r).code) for r in rules
                                                          if type(r).blocking_keys is not Rule.blocking_keys])
    del stored, linked
    _write_pairs(ordered / "pairs.parquet", clusterer.nearby_, clusterer.links_, blocked)
    return {"links": Links(clusterer.links_), "clusters": ClusterTable(clusters),
            "cluster_params": clusterer.get_params(),
            "seconds": time.perf_counter() - t, "pid": os.getpid()}


class Links(Mapping):
    """The links (claim pair -> similarity, pairs ascending) as three arrays: what the local engine's dict
    says, at 24 bytes a link instead of a dict entry's 200 or so on the client."""

    def __init__(self, links: dict[tuple[int, int], float]):
        pairs = sorted(links)
        self.a = np.fromiter((a for a, _ in pairs), np.int64, len(pairs))
        self.b = np.fromiter((b for _, b in pairs), np.int64, len(pairs))
        self.similarity = np.fromiter((links[p] for p in pairs), np.float64, len(pairs))

    def __getitem__(self, pair: tuple[int, int]) -> float:
        a, b = pair
        low, high = np.searchsorted(self.a, a, "left"), np.searchsorted(self.a, a, "right")
        k = low + int(np.searchsorted(self.b[low:high], b))
        if k < high and self.b[k] == b:
            return float(self.similarity[k])
        raise KeyError(pair)

    def __iter__(self):
        return zip(self.a.tolist(), self.b.tolist())

    def __len__(self) -> int:
        return len(self.a)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(first claims, second claims, similarities), pairs ascending: ``Result.links_frame`` without a
        Python object per link."""
        return self.a, self.b, self.similarity


def _write_pairs(path: Path, nearby: dict, links: dict, blocked: Sequence[tuple[int, int]]) -> None:
    """``ordered/pairs.parquet``: every pair the comparison reads (nearby pairs, then links, then blocked
    pairs), which each comparison task reads its own of (``_read_pairs``) instead of the client sending them."""
    import pyarrow as pa

    def column(pairs, k: int) -> np.ndarray:
        return np.fromiter((p[k] for p in pairs), dtype=np.int64, count=len(pairs))

    _write_parquet(pa.table({
        "i": np.concatenate([column(nearby, 0), column(links, 0), column(blocked, 0)]),
        "j": np.concatenate([column(nearby, 1), column(links, 1), column(blocked, 1)]),
        "similarity": np.fromiter((*nearby.values(), *links.values(), *(0.0 for _ in blocked)), dtype=np.float64,
                                  count=len(nearby) + len(links) + len(blocked)),
        "blocked": np.repeat([False, True], [len(nearby) + len(links), len(blocked)]),
    }), path)


def _read_pairs(path: Path, own: Sequence[int]) -> tuple[dict[tuple[int, int], float], list[tuple[int, int]]]:
    """A part's pairs (``compare_part``'s ``links`` and ``blocked``): those whose first claim is its own."""
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    i, j = table.column("i").to_numpy(), table.column("j").to_numpy()
    mine = np.isin(i, np.asarray(own, dtype=np.int64))
    blocked = table.column("blocked").to_numpy(zero_copy_only=False)
    similarity = table.column("similarity").to_numpy()
    linked, kept = mine & ~blocked, mine & blocked
    links = dict(zip(zip(i[linked].tolist(), j[linked].tolist()), similarity[linked].tolist()))
    return links, list(zip(i[kept].tolist(), j[kept].tolist()))


def corpus_task(ids: list[str], part_of: dict[str, str], counts: list[int], group_of: dict[str, int],
                work_dir: str, params: Params, row_group: int = 256) -> dict:
    """The corpus rules that read the whole corpus (``compare.corpus_wide``: NAM001) over every claim,
    on a worker; writes ``ordered/claims.parquet`` (the claims in corpus order, for ``StoredClaims``).

    The claims are read from that file a row group at a time, each time a rule walks them
    (``StoredClaims``), with only the facts the rules read (``compare.facts_read``): what the task
    holds is what the rules keep (NAM001: the claims that name someone, their names and content
    words), not every claim."""
    from ..compare.base import ScanContext

    t = time.perf_counter()
    path = _write_ordered(Path(work_dir), ids, part_of, row_group)
    rules = params.active_rules() or registry.active()
    observations = []
    if any(map(corpus_wide, rules)):
        groups = EventGroups(group_of)
        observations = scan_corpus_wide(StoredClaims(path, None, counts, facts=facts_read(rules)), rules,
                                        ScanContext(same_event=groups.same, event_of=groups.group_of.get))
    _write_keyed(Path(work_dir) / "observations" / "corpus.parquet", light_observations(observations))
    return {"conflicted": conflicted_pairs(o for _, o in observations),
            "seconds": time.perf_counter() - t, "pid": os.getpid()}


def compare_task(part: int, own: list[str], layout: Layout, group_of: dict[str, int], conflicted: frozenset,
                 work_dir: str, params: Params) -> dict:
    """One part's comparison on a worker (``compare.compare_part``): its pairs read from
    ``ordered/pairs.parquet``, and the claims of its events (``own`` articles) and of the articles its
    cross-event pairs reach, read, articles included, from the partitions.

    Most cross-event pairs are nearby pairs of other events, only reported as not compared; they reach
    most of the corpus. The claims of other events are therefore read first with only the facts
    ``events.comparable`` reads, and again whole only for the articles of pairs it lets be compared:
    only those pairs' rules, and wire copies among their articles (``read``), look further."""
    t = time.perf_counter()
    root, groups = Path(work_dir), EventGroups(group_of)
    own_index = [n for sid in own for n in layout.claims_of(sid)]
    links, blocked = _read_pairs(root / "ordered" / "pairs.parquet", own_index)
    claims = _read_claims(root, own, layout.part)
    claims.update(_read_claims(root, sorted({layout.article_of(j) for _, j in (*links, *blocked)} - set(own)),
                               layout.part, facts=COMPARABLE_FACTS))  # slim: comparable reads no more
    at = {layout.first[sid] + k: c for sid, found in claims.items() for k, c in enumerate(found)}
    mine = set(own)
    compared = sorted({at[j].source_id for i, j in (*links, *blocked)
                       if at[j].source_id not in mine and comparable(at[i], at[j], groups)[0]})
    claims = {sid: claims[sid] for sid in own}
    claims.update(_read_claims(root, compared, layout.part))
    at.update((layout.first[sid] + k, c) for sid in compared for k, c in enumerate(claims[sid]))
    done = compare_part(part, own_index, at.__getitem__, links, blocked, groups,
                        params.active_rules() or registry.active(), conflicted, size=int(layout.starts[-1]),
                        read=[c for found in claims.values() for c in found])
    _write_keyed(root / "observations" / f"part-{part}.parquet", light_observations(done.observations))
    _write_keyed(root / "skipped" / f"part-{part}.parquet",  # sorted: the merge task merges the parts' as read
                 sorted(light_skipped(done.skipped), key=lambda kr: kr[0]))
    return {"seconds": time.perf_counter() - t, "pid": os.getpid()}


def _write_keyed(path: Path, keyed: Sequence[tuple]) -> None:
    """(order key, record) pairs: the keys as lists of numbers, each record pickled."""
    import pyarrow as pa

    path.parent.mkdir(exist_ok=True)
    _write_parquet(pa.table({"key": pa.array([list(k) for k, _ in keyed], pa.list_(pa.int64())),
                             "record": pa.array([pickle.dumps(r, pickle.HIGHEST_PROTOCOL) for _, r in keyed],
                                                pa.binary())}), path)


def _read_keyed(paths: Sequence[Path]) -> list[tuple]:
    """The (order key, record) pairs of these files, sorted by key (stable: files in the order given)."""
    return sorted((kr for path in paths for kr in _keyed(path)), key=lambda kr: kr[0])


def _keyed(path: Path, batch: int = 4_096):
    """A file's (order key, record) pairs in its order, read a batch at a time."""
    import pyarrow.parquet as pq

    for piece in pq.ParquetFile(path).iter_batches(batch_size=batch):
        found = piece.to_pydict()
        yield from ((tuple(k), pickle.loads(r)) for k, r in zip(found["key"], found["record"]))


def merge_task(parts: int, layout: Layout, work_dir: str, params: Params, chunk: int) -> dict:
    """The observations of the corpus task and of every comparison part, in the local engine's order,
    merged on a worker (``pipeline.findings_of``); writes the shown and hidden findings and the
    not-compared pairs as ``findings/*.parquet`` (``write_records``), which the client reads
    ``chunk`` at a time (``StoredRecords``). Returns how many findings are shown and hidden."""
    root = Path(work_dir)
    observations = _read_keyed([root / "observations" / "corpus.parquet",
                                *(root / "observations" / f"part-{n}.parquet" for n in range(parts))])
    skipped = [root / "skipped" / f"part-{n}.parquet" for n in range(parts)]

    def in_order():  # each part's pairs are sorted: merged as they are read, never all held
        return heapq.merge(*map(_keyed, skipped), key=lambda kr: kr[0])

    named = {ref[0] for _, o in observations for ref, _, _ in o[2]} | {r[0] for _, s in in_order() for r in s[:2]}
    articles, number = _read_articles(root, named, layout)
    refs = ClaimRefs(articles)
    shown, hidden = findings_of([refs.observation(o) for _, o in observations], params)
    del observations
    out = root / "findings"
    out.mkdir(exist_ok=True)
    found = {"shown": len(shown), "hidden": len(hidden), "pid": os.getpid()}
    for name, findings in (("shown", shown), ("hidden", hidden)):
        write_records(out / f"{name}.parquet", ((f, [number.get(e.claim.key) for e in f.evidence]) for f in findings),
                      chunk)
    del shown, hidden, refs
    pairs = (ClaimRefs(articles).skipped(s) for _, s in in_order())  # a claim object per pair: none kept
    write_records(out / "skipped.parquet", ((p, [number.get(c.key) for c in (p.a, p.b)]) for p in pairs), chunk)
    return found


def _read_articles(root: Path, wanted: set[str], layout: Layout) -> tuple[dict[str, Article], dict[tuple, int]]:
    """The wanted articles (text included) from their partitions, and the corpus number of each of
    their claims by key (from the stored offsets: no claim is loaded)."""
    import pyarrow.parquet as pq

    articles: dict[str, Article] = {}
    number: dict[tuple, int] = {}
    for name in sorted({layout.part[sid] for sid in wanted}):
        table = pq.read_table(root / "claims" / f"{name}.parquet", columns=["source_id", "article", "offsets"])
        for sid, article, offsets in zip(*(table.column(c).to_pylist() for c in ("source_id", "article", "offsets"))):
            if sid in wanted:
                articles[sid] = pickle.loads(article)
                first = layout.first[sid]
                number.update(((sid, offsets[2 * k], offsets[2 * k + 1]), first + k) for k in range(len(offsets) // 2))
    return articles, number


def write_records(path: Path, numbered: Iterable[tuple[object, list]], chunk: int) -> None:
    """Records (findings, not-compared pairs), each with its claims' corpus numbers, ``chunk`` to a row
    group: a chunk's records pickled as one list, so an article its claims are on is stored once in it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    schema = pa.schema([("count", pa.int64()), ("records", pa.binary()), ("numbers", pa.binary())])
    numbered = iter(numbered)
    with pq.ParquetWriter(tmp, schema) as writer:
        while piece := list(islice(numbered, chunk)):
            writer.write_table(pa.table({
                "count": [len(piece)],
                "records": [pickle.dumps([r for r, _ in piece], pickle.HIGHEST_PROTOCOL)],
                "numbers": [pickle.dumps([n for _, n in piece], pickle.HIGHEST_PROTOCOL)]}, schema=schema))
    os.replace(tmp, path)


def parts_of(articles: Sequence[Article], counts: dict[str, int], groups: EventGroups,
             most: int) -> list[list[str]]:
    """Whole events in parts of about ``most`` claims, events in order of their first publication date
    (so a part reads few week partitions); each part's articles in corpus order."""
    events: dict[int, list[Article]] = {}
    for a in articles:
        events.setdefault(groups.group_of[a.source_id], []).append(a)
    order = sorted(events, key=lambda e: (min((a.date for a in events[e] if a.date), default=dt.date.max), e))
    position = {a.source_id: n for n, a in enumerate(articles)}
    parts: list[list[str]] = [[]]
    size = 0
    for e in order:
        n = sum(counts[a.source_id] for a in events[e])
        if parts[-1] and size + n > most:
            parts.append([])
            size = 0
        parts[-1].extend(a.source_id for a in events[e])
        size += n
    return [sorted(p, key=position.__getitem__) for p in parts if p]


def _shared(value, words: dict[str, str]):
    """An equal value whose strings are the ones in ``words`` (added when new): the same words in the
    facts of thousands of claims are held once. Strings, tuples, frozensets and dataclasses of them."""
    kind = type(value)
    if kind is str:
        return words.setdefault(value, value)
    if kind is tuple or kind is frozenset:
        return kind([_shared(v, words) for v in value])
    names = _INIT_FIELDS.get(kind)
    if names is None:
        names = _INIT_FIELDS[kind] = tuple(f.name for f in fields(value) if f.init) if is_dataclass(value) else ()
    return kind(**{n: _shared(getattr(value, n), words) for n in names}) if names else value


_INIT_FIELDS: dict[type, tuple[str, ...]] = {}  # a dataclass' fields set by its __init__ (other types: none)


class _RowGroups(Sequence):
    """Items of a Parquet file read a row group at a time when asked for, the last ``KEEP`` groups kept:
    the client of a Dask run walks a corpus-sized sequence without holding it."""

    KEEP = 4  # row groups kept in memory

    def __init__(self, path: Path, firsts: np.ndarray, owner: object = None):
        self.path = path
        self.firsts = firsts  # the index of each row group's first item, and the number of items at the end
        self._groups: dict[int, list] = {}  # row group -> its items, least recently used first
        self._owner = owner  # what keeps the folder alive (a TemporaryDirectory), if anything

    def _load(self, g: int) -> list:
        raise NotImplementedError

    def _group(self, g: int) -> list:
        found = self._groups.pop(g, None)
        if found is None:
            found = self._load(g)
            while len(self._groups) >= self.KEEP:
                self._groups.pop(next(iter(self._groups)))
        self._groups[g] = found
        return found

    def _read(self, g: int, columns: Sequence[str]) -> dict[str, list]:
        import pyarrow.parquet as pq

        return pq.ParquetFile(self.path).read_row_group(g, columns=list(columns)).to_pydict()

    def __len__(self) -> int:
        return int(self.firsts[-1])

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("index out of range")
        g = int(np.searchsorted(self.firsts, index, side="right")) - 1
        return self._group(g)[index - int(self.firsts[g])]

    def __iter__(self):
        for g in range(len(self.firsts) - 1):
            yield from self._group(g)


def _group_starts(path: Path) -> np.ndarray:
    """The first row of each row group of a Parquet file, and its number of rows at the end."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    return np.cumsum([0] + [meta.row_group(g).num_rows for g in range(meta.num_row_groups)])


class StoredClaims(_RowGroups):
    """The run's claims, in article order, read from ``ordered/claims.parquet`` a row group
    (``ROW_GROUP`` articles) at a time; ``loaded`` counts the claims read. Without ``articles`` the
    claims are put on the articles the file stores; with ``facts`` they keep only those fields of
    their facts (what the corpus-wide rules read: ``compare.facts_read``)."""

    def __init__(self, path: Path, articles: Sequence[Article] | None, counts: Sequence[int], owner: object = None,
                 facts: Sequence[str] | None = None):
        self.facts = facts  # the Facts fields the claims keep (None: all)
        self._words: dict[str, str] = {}  # one string object for each string of those facts
        self.articles = None if articles is None else list(articles)  # None: the file's
        self.group_starts = _group_starts(path)  # the row groups as the writer cut them (articles)
        self.counts = np.asarray(counts, dtype=np.int64)  # each article's claims
        starts = np.concatenate([[0], np.cumsum(self.counts)])
        super().__init__(path, starts[self.group_starts], owner)
        self.loaded = 0

    def source_ids(self) -> np.ndarray:
        """Each claim's source id, by claim number, from the file's source id column: no claim is loaded."""
        import pyarrow.parquet as pq

        ids = pq.read_table(self.path, columns=["source_id"]).column("source_id").to_pylist()
        return np.repeat(np.asarray(ids, dtype=object), self.counts)

    def _load(self, g: int) -> list:
        table = self._read(g, ["claims"] if self.articles is not None else ["article", "claims"])
        first = int(self.group_starts[g])
        articles = self.articles[first: first + len(table["claims"])] if self.articles is not None else \
            [pickle.loads(blob) for blob in table["article"]]
        found = [c for article, blob in zip(articles, table["claims"]) for c in loads_claims(article, blob)]
        found = _slim(found, self.facts, self._words)
        self.loaded += len(found)
        return found


class StoredArticles(_RowGroups):
    """The run's articles, text included, read from ``ordered/claims.parquet`` a row group at a time."""

    def __init__(self, path: Path, owner: object = None):
        super().__init__(path, _group_starts(path), owner)

    def _load(self, g: int) -> list:
        return [pickle.loads(blob) for blob in self._read(g, ["article"])["article"]]


class StoredRecords(_RowGroups):
    """Findings or not-compared pairs written by ``write_records``, read a chunk at a time; ``numbered()``
    gives each with the corpus numbers of its claims (what the frames show) without walking the claims."""

    KEEP = 2

    def __init__(self, path: Path, owner: object = None):
        import pyarrow.parquet as pq

        counts = pq.read_table(path, columns=["count"]).column("count").to_numpy()
        super().__init__(path, np.concatenate([[0], np.cumsum(counts)]).astype(np.int64), owner)

    def _load(self, g: int) -> list:
        return pickle.loads(self._read(g, ["records"])["records"][0])

    def numbered(self):
        for g in range(len(self.firsts) - 1):
            yield from zip(self._group(g), pickle.loads(self._read(g, ["numbers"])["numbers"][0]))


def _forget_models() -> None:
    """On a worker: drop the parser and embedding models the claims tasks loaded."""
    import gc

    from .. import nlp

    _EMBEDDERS.clear()
    nlp.load.cache_clear()
    gc.collect()


def _release_models(client, own_cluster: bool) -> None:
    """After the claims stage no task needs spaCy or the embedding model (about 1 GB a worker): the run's
    own LocalCluster restarts its worker processes (the surest way to give that memory back), and the
    workers of a cluster given by ``--scheduler`` drop the models."""
    if own_cluster:
        client.restart()
    else:
        client.run(_forget_models)


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
    """Ingest here, keeping each article's metadata only; everything else on the cluster, through the work
    folder; the result reads articles, claims and findings back from there when asked for."""
    t = time.perf_counter()
    ingested = ingest(list(paths), max_bytes=params.max_bytes, max_chars=params.max_chars, keep_text=False)
    timings["ingest"] = time.perf_counter() - t

    t = time.perf_counter()
    parts = partitions(ingested.articles)
    keep = None
    if params.work_dir:
        work_dir = Path(params.work_dir)
    else:  # lives as long as the result's claims, which are read from it
        keep = tempfile.TemporaryDirectory(prefix="crosscheck-dask-")
        work_dir = Path(keep.name)
    for sub in ("claims", "vectors", "summaries"):
        (work_dir / sub).mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        client = _client(params, stack)
        done = _windowed(client, claims_task, [
            (f"claims-{name}", (name, members, [ingested.digests[a.source_id] for a in members], os.getcwd(),
                                str(work_dir), params.cache_dir, params.max_bytes, params.max_chars, params.max_claims,
                                params.embedder, params.batch_size))
            for name, members in parts.items()], progress, "claims")
        _release_models(client, own_cluster=not params.scheduler)
        timings["claims"] = time.perf_counter() - t  # claims and embedding run together on the workers
        timings["embed"] = 0.0  # embedding runs inside the claims tasks

        t = time.perf_counter()
        counts = {sid: n for r in done for sid, n in r["counts"].items()}
        articles = [a for a in ingested.articles if a.source_id in counts]  # extraction failed: skipped
        groups = EventGroups(client.submit(events_task, list(parts), [(a.source_id, a.date) for a in articles],
                                           str(work_dir), key="events", pure=False).result())
        layout = Layout(articles, counts)
        group_future = client.scatter([groups.group_of], broadcast=True)[0]  # a list: a dict would be scattered by key
        linked = client.submit(links_task, list(parts), layout.ids, group_future, str(work_dir), params, key="links",
                               pure=False)
        wide = client.submit(corpus_task, layout.ids, layout.part, [counts[sid] for sid in layout.ids], group_future,
                             str(work_dir), params, ROW_GROUP, key="corpus", pure=False)
        linked, wide = linked.result(), wide.result()  # the two tasks run side by side
        timings["cluster"] = time.perf_counter() - t

        t = time.perf_counter()
        pieces = parts_of(articles, counts, groups, PART_CLAIMS)
        conflicted = client.scatter([wide.pop("conflicted")], broadcast=True)[0]
        layout_future = client.scatter([layout], broadcast=True)[0]
        futures = [client.submit(compare_task, n, own, layout_future, group_future, conflicted, str(work_dir), params,
                                 key=f"compare-{n}", pure=False) for n, own in enumerate(pieces)]
        _progress(futures, progress)
        client.gather(futures)
        del futures
        client.submit(merge_task, len(pieces), layout_future, str(work_dir), params, RECORDS,
                      key="merge", pure=False).result()
    timings["compare"] = time.perf_counter() - t
    position = {a.path: i for i, a in enumerate(ingested.articles)}

    def in_order(kind: str) -> list:
        return sorted((w for r in done for w in r[kind]), key=lambda w: position.get(w.path, -1))

    embed_params = done[0]["embed_params"] if done else _params_of(_embedder(params.embedder, None, params.batch_size))
    ordered = work_dir / "ordered" / "claims.parquet"
    claims = StoredClaims(ordered, None, [counts[sid] for sid in layout.ids], owner=keep)
    vectors = np.load(work_dir / "ordered" / "vectors.npy", mmap_mode="r")  # read from disk when asked for
    warnings = ingested.warnings + in_order("failed") + in_order("cut")
    front = Embedded(StoredArticles(ordered, owner=keep), claims, vectors, warnings,  # type: ignore[arg-type]
                     {**embed_params, "engine": "dask", "partitions": len(parts), "parts": len(pieces)},
                     sum(r["embedded"] for r in done), sum(r["parsed"] for r in done))
    stored = {name: StoredRecords(work_dir / "findings" / f"{name}.parquet", owner=keep)
              for name in ("shown", "hidden", "skipped")}
    return assemble(front, Compared(groups, linked["clusters"], linked["links"], stored["shown"], stored["hidden"],
                                    stored["skipped"], linked["cluster_params"]), params, timings)


def _windowed(client, task, calls: Sequence[tuple[str, tuple]], progress: Progress | None, stage: str,
              per_thread: int = 3) -> list:
    """``task(*args)`` for each (key, args) of ``calls``, the results in order, with only a few tasks
    (``per_thread`` per worker thread) submitted at a time: the scheduler, in the client's process on a
    LocalCluster, holds the arguments (the articles' text) of those alone, and forgets each task when its
    result arrives. A task whose worker dies runs again elsewhere, as when all are submitted at once."""
    from distributed import as_completed

    results: list = [None] * len(calls)
    waiting = iter(enumerate(calls))
    number: dict[str, int] = {}

    def submit_next():
        for n, (key, args) in waiting:
            number[key] = n
            return client.submit(task, *args, key=key, pure=False)
        return None

    window = max(2, per_thread * sum(client.nthreads().values()))
    running = as_completed([f for f in (submit_next() for _ in range(window)) if f is not None])
    for done, future in enumerate(running, 1):
        results[number.pop(future.key)] = future.result()
        future.release()
        if progress is not None:
            progress(stage, done, len(calls))
        following = submit_next()
        if following is not None:
            running.add(following)
    return results


def _progress(futures: list, progress: Progress | None) -> None:
    if progress is not None and futures and sys.stderr.isatty():
        from distributed import progress as dask_progress

        dask_progress(futures)
