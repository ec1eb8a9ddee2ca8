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

from . import claims as claims_stage
from . import compare as compare_stage
from .cluster import DEFAULT_THRESHOLD, Clusterer
from .claim_cache import extract_claims_per_article, extract_corpus  # noqa: F401  (re-exported)
from .embed import DEFAULT_BACKEND, Embedder, check_backend
from .events import EventGroups, bridge_keys, claim_groups, group_articles, topic_keys
from .ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, IngestWarning, InputError, ingest, merge_warnings
from .model import Article, Claim, Cluster, Finding, SkippedPair


@dataclass
class Params:
    threshold: float = DEFAULT_THRESHOLD
    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int = DEFAULT_MAX_CHARS  # of each article's body; the rest is not checked
    max_claims: int = claims_stage.DEFAULT_MAX_CLAIMS  # per article
    cache_dir: str | None = ".cache/crosscheck"
    batch_size: int = 64
    processes: int | None = None  # parsing worker processes; None: as many as the text repays
    embedder: str = DEFAULT_BACKEND  # embed.BACKENDS: "torch" (fp32) or "onnx-int8"


@dataclass
class RunResult:
    articles: list[Article]
    claims: list[Claim]
    clusters: list[Cluster]
    findings: list[Finding]
    skipped: list[SkippedPair]
    warnings: list[IngestWarning]
    groups: EventGroups
    params: dict
    timings: dict[str, float] = field(default_factory=dict)
    links: dict[tuple[int, int], float] = field(default_factory=dict)  # candidate pairs (claim indices) -> similarity
    embedded: int = 0  # claim texts embedded by the model in this run (not cached)
    parsed: int = 0  # articles parsed in this run (not cached)


Progress = Callable[[str, int, int], None]  # (stage, done, total)
STAGES = ("ingest", "claims", "embed", "cluster", "compare")


class StageError(RuntimeError):
    """An unexpected error (a bug) inside one stage; the CLI names the stage instead of a traceback."""

    def __init__(self, stage: str):
        super().__init__(stage)
        self.stage = stage


def run(paths: Sequence[str | os.PathLike[str]], params: Params | None = None,
        progress: Progress | None = None) -> RunResult:
    """Every stage on ``paths``; an unexpected error comes out as a StageError naming its stage."""
    timings: dict[str, float] = {}  # a stage's entry appears when it finishes
    try:
        return _run(paths, params or Params(), progress, timings)
    except (InputError, StageError, KeyboardInterrupt):
        raise
    except Exception as err:
        raise StageError(next((s for s in STAGES if s not in timings), "report")) from err


def link_claims(articles: Sequence[Article], claims: Sequence[Claim], X: np.ndarray,
                threshold: float = DEFAULT_THRESHOLD) -> tuple[EventGroups, Clusterer]:
    """The cluster stage: events, then each claim's nearest claims in other sources of its event."""
    groups = group_articles(articles, claims, X)
    clusterer = Clusterer(threshold=threshold).fit(
        X, [c.source_id for c in claims], groups=claim_groups(claims, groups),
        bridges=[bridge_keys(c) for c in claims], topics=topic_keys(claims),
    )
    return groups, clusterer


def _run(paths: Sequence[str | os.PathLike[str]], params: Params, progress: Progress | None,
         timings: dict[str, float]) -> RunResult:
    if not 0.0 < params.threshold <= 1.0:
        raise InputError(f"--threshold must be between 0 and 1 (got {params.threshold})")
    for name, value in (("--max-bytes", params.max_bytes), ("--max-chars", params.max_chars),
                        ("--max-claims", params.max_claims)):
        if value < 1:
            raise InputError(f"{name} must be at least 1 (got {value})")
    try:
        check_backend(params.embedder)
    except ValueError as err:
        raise InputError(str(err)) from None

    t = time.perf_counter()
    ingested = ingest(list(paths), max_bytes=params.max_bytes, max_chars=params.max_chars)
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
    articles, failed = extracted.articles, extracted.warnings
    claims, cut = claims_stage.limit_claims(extracted.claims, params.max_claims)
    timings["claims"] = time.perf_counter() - t

    t = time.perf_counter()
    embedder = Embedder(cache_dir=params.cache_dir, batch_size=params.batch_size, backend=params.embedder)
    embedded = [0]

    def tick_embed(n: int) -> None:
        embedded[0] += n
        if progress:
            progress("embed", embedded[0], len(claims))

    X = embedder.transform([c.text for c in claims], progress=tick_embed) if claims else np.zeros((0, 384), np.float32)
    timings["embed"] = time.perf_counter() - t

    t = time.perf_counter()
    groups, clusterer = link_claims(articles, claims, X, params.threshold)
    clusters = clusterer.clusters([c.source_id for c in claims])
    timings["cluster"] = time.perf_counter() - t

    t = time.perf_counter()
    compared = compare_stage.compare(claims, {**clusterer.nearby_, **clusterer.links_}, groups)
    timings["compare"] = time.perf_counter() - t

    return RunResult(
        articles=articles,
        claims=claims,
        clusters=clusters,
        links=clusterer.links_,
        findings=compared.findings,
        skipped=compared.skipped,
        warnings=merge_warnings(ingested.warnings + failed + cut),
        groups=groups,
        params={"embed": embedder.get_params(), "cluster": clusterer.get_params(), "max_bytes": params.max_bytes,
                "max_chars": params.max_chars, "max_claims": params.max_claims},
        timings=timings,
        embedded=getattr(embedder, "n_embedded_", 0),
        parsed=extracted.parsed,
    )
