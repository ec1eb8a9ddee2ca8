"""The whole run: ingest -> claims -> embed -> cluster -> compare.

``run`` is what the CLI, the tests and the benchmark call. It records the
parameters of every stage and the wall time of each, so a findings file says
how it was made.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from . import compare as compare_stage
from .cluster import DEFAULT_THRESHOLD, Clusterer
from .embed import Embedder
from .claim_cache import extract_corpus
from .events import EventGroups, bridge_keys, claim_groups, group_articles
from .ingest import DEFAULT_MAX_BYTES, IngestWarning, InputError, ingest
from .model import Article, Claim, Cluster, Finding, SkippedPair


@dataclass
class Params:
    threshold: float = DEFAULT_THRESHOLD
    max_bytes: int = DEFAULT_MAX_BYTES
    cache_dir: str | None = ".cache/crosscheck"
    batch_size: int = 64
    processes: int | None = None  # parsing worker processes; None: as many as the text repays


@dataclass
class RunResult:
    articles: list[Article]
    claims: list[Claim]
    clusters: list[Cluster]
    links: dict[tuple[int, int], float]  # candidate pairs (claim indices) and their similarity
    findings: list[Finding]
    skipped: list[SkippedPair]
    warnings: list[IngestWarning]
    groups: EventGroups
    params: dict
    timings: dict[str, float] = field(default_factory=dict)
    embedded: int = 0  # claim texts embedded by the model in this run (not cached)
    parsed: int = 0  # articles parsed in this run (not cached)


Progress = Callable[[str, int, int], None]  # (stage, done, total)


def run(paths: Sequence[str | os.PathLike[str]], params: Params | None = None,
        progress: Progress | None = None) -> RunResult:
    params = params or Params()
    if not 0.0 < params.threshold <= 1.0:
        raise InputError(f"--threshold must be between 0 and 1 (got {params.threshold})")
    timings: dict[str, float] = {}

    t = time.perf_counter()
    ingested = ingest(list(paths), max_bytes=params.max_bytes)
    articles = ingested.articles
    timings["ingest"] = time.perf_counter() - t

    t = time.perf_counter()
    done = [0]

    def tick_claims(n: int) -> None:
        done[0] += n
        if progress:
            progress("claims", done[0], len(articles))

    extracted = extract_corpus(articles, cache_dir=params.cache_dir, processes=params.processes,
                               progress=tick_claims)
    claims = extracted.claims
    timings["claims"] = time.perf_counter() - t

    t = time.perf_counter()
    embedder = Embedder(cache_dir=params.cache_dir, batch_size=params.batch_size)
    embedded = [0]

    def tick_embed(n: int) -> None:
        embedded[0] += n
        if progress:
            progress("embed", embedded[0], len(claims))

    X = embedder.transform([c.text for c in claims], progress=tick_embed) if claims else np.zeros((0, 384), np.float32)
    timings["embed"] = time.perf_counter() - t

    t = time.perf_counter()
    groups = group_articles(articles, claims, X)
    clusterer = Clusterer(threshold=params.threshold).fit(
        X, [c.source_id for c in claims], groups=claim_groups(claims, groups),
        bridges=[bridge_keys(c) for c in claims],
    )
    clusters = clusterer.clusters([c.source_id for c in claims])
    timings["cluster"] = time.perf_counter() - t

    t = time.perf_counter()
    compared = compare_stage.compare(claims, clusterer.links_, groups)
    timings["compare"] = time.perf_counter() - t

    return RunResult(
        articles=articles,
        claims=claims,
        clusters=clusters,
        links=clusterer.links_,
        findings=compared.findings,
        skipped=compared.skipped,
        warnings=ingested.warnings,
        groups=groups,
        params={"embed": embedder.get_params(), "cluster": clusterer.get_params(), "max_bytes": params.max_bytes},
        timings=timings,
        embedded=getattr(embedder, "n_embedded_", 0),
        parsed=extracted.parsed,
    )
