"""The whole run: ingest -> claims -> embed -> cluster -> compare.

``run`` is the engine behind ``crosscheck.Checker`` (which the CLI calls);
tests and the benchmark call it directly with ``Params``. It records the
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
from .cluster import Clusterer
from .claim_cache import extract_claims_per_article, extract_corpus  # noqa: F401  (re-exported)
from .defaults import DEFAULT_THRESHOLD, cache_dir
from .embed import BACKENDS, DEFAULT_BACKEND, Embedder, Prefetch
from .events import EventGroups, bridge_keys, claim_groups, group_articles, topic_keys
from .ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, InputError, ingest, merge_warnings
from .model import Article, Claim
from .result import Result

RunResult = Result  # the name the tests and the benchmark know


ENGINES = ("local", "dask")


class ParameterError(InputError, ValueError):
    """A parameter out of its range: the message names the parameter and what it allows."""


@dataclass
class Params:
    threshold: float = DEFAULT_THRESHOLD
    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int = DEFAULT_MAX_CHARS  # of each article's body; the rest is not checked
    max_claims: int = claims_stage.DEFAULT_MAX_CLAIMS  # per article
    cache_dir: str | None = field(default_factory=lambda: str(cache_dir()))  # None: no cache
    batch_size: int = 64
    processes: int | None = None  # parsing worker processes; None: as many as the text repays
    rules: tuple[str, ...] | None = None  # rule codes or code prefixes to run; None: every active rule
    # an embed.BACKENDS name ("torch" fp32, "onnx-int8"), or any object with transform(texts); None: the default backend
    embedder: object | None = None
    engine: str = "local"  # ENGINES: "local" (this process) or "dask" (crosscheck/engines/dask.py)
    workers: int | None = None  # dask: workers of the LocalCluster started for the run (None: 2)
    scheduler: str | None = None  # dask: address of an existing cluster's scheduler (instead of a LocalCluster)
    work_dir: str | None = None  # dask: folder of the Parquet files between stages (None: a temporary folder)
    calibrate: bool = True  # discrepancy confidence through compare/calibration.json; False: the rules' raw scores
    min_confidence: float = 0.0  # findings below it are kept apart (Result.hidden), out of reports and the gate

    def validate(self) -> None:
        """Raise ParameterError for the first value out of its range."""
        def whole(name: str, value, low: int = 1) -> None:
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
                raise ParameterError(f"{name} must be a whole number of at least {low} (got {value!r})")

        if isinstance(self.threshold, bool) or not isinstance(self.threshold, (int, float, np.floating)) \
                or not 0.0 < self.threshold <= 1.0:
            raise ParameterError(f"threshold must be a number above 0 and at most 1 (got {self.threshold!r})")
        if isinstance(self.min_confidence, bool) or not isinstance(self.min_confidence, (int, float, np.floating)) \
                or not 0.0 <= self.min_confidence <= 1.0:
            raise ParameterError(f"min_confidence must be a number from 0 to 1 (got {self.min_confidence!r})")
        for name in ("max_bytes", "max_chars", "max_claims", "batch_size"):
            whole(name, getattr(self, name))
        if self.processes is not None:
            whole("processes", self.processes)
        if self.engine not in ENGINES:
            raise ParameterError(f"engine must be one of {', '.join(ENGINES)} (got {self.engine!r})")
        if self.workers is not None:
            whole("workers", self.workers)
        if self.engine != "dask" and (self.workers is not None or self.scheduler or self.work_dir):
            raise ParameterError("workers, scheduler and work_dir need engine='dask'")
        if self.workers is not None and self.scheduler:
            raise ParameterError("give workers (a local cluster) or scheduler (an existing one), not both")
        if self.rules is not None:
            self._validate_rules()
        if isinstance(self.embedder, str):
            if self.embedder not in BACKENDS:
                raise ParameterError(f"embedder must be one of {', '.join(BACKENDS)} (got {self.embedder!r})")
        elif self.embedder is not None and not callable(getattr(self.embedder, "transform", None)):
            raise ParameterError(f"embedder must have a transform(texts) method returning unit vectors "
                                 f"(got {type(self.embedder).__name__})")

    def _validate_rules(self) -> None:
        from .compare import registry

        if not isinstance(self.rules, tuple) or not self.rules \
                or not all(isinstance(r, str) and r.strip() for r in self.rules):
            raise ParameterError(f"rules must be rule codes or code prefixes such as 'QTY' or 'DAT001', or None "
                                 f"for every rule (got {self.rules!r})")
        unknown = [r for r in self.rules if not registry.active(select={r.strip().upper()})]
        if unknown:
            raise ParameterError(f"rules: no active rule code starts with {', '.join(map(repr, unknown))} "
                                 "(`crosscheck rules` lists them)")

    def active_rules(self) -> list | None:
        """The rule instances to run (None: every active rule)."""
        from .compare import registry

        return None if self.rules is None else registry.active(select={r.strip().upper() for r in self.rules})


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


def _params_of(embedder) -> dict:
    get_params = getattr(embedder, "get_params", None)
    return get_params() if callable(get_params) else {"class": type(embedder).__name__}


def _run(paths: Sequence[str | os.PathLike[str]], params: Params, progress: Progress | None,
         timings: dict[str, float]) -> RunResult:
    params.validate()
    if params.engine != "dask":
        return link_and_compare(_claims_and_vectors(paths, params, progress, timings), params, timings)
    from .engines.dask import run as run_on_dask

    result = run_on_dask(paths, params, progress, timings)
    if params.work_dir:  # the last stage's output beside the claims and vectors
        result.to_parquet(os.path.join(params.work_dir, "result"))
    return result


@dataclass
class Embedded:
    """What the stages up to embedding produce, whatever engine ran them."""

    articles: list[Article]
    claims: list[Claim]
    X: np.ndarray
    warnings: list  # IngestWarnings of ingest, failed extraction and cut claims, in that order
    embed_params: dict
    embedded: int = 0
    parsed: int = 0


def _claims_and_vectors(paths: Sequence[str | os.PathLike[str]], params: Params, progress: Progress | None,
                        timings: dict[str, float]) -> Embedded:
    """The local engine: ingest, claims (in worker processes when the text repays them) and embedding here."""
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

    embedder = params.embedder
    if embedder is None or isinstance(embedder, str):
        embedder = Embedder(cache_dir=params.cache_dir, batch_size=params.batch_size,
                            backend=embedder or DEFAULT_BACKEND)
    # claims of parsed articles are embedded while worker processes parse the others (claims' time includes it)
    prefetch = Prefetch(embedder) if isinstance(embedder, Embedder) else None

    def parsed(found: list[Claim]) -> None:
        prefetch.add(c.text for c in claims_stage.limit_claims(found, params.max_claims)[0])

    try:
        extracted = extract_corpus(articles, cache_dir=params.cache_dir, processes=params.processes,
                                   progress=tick_claims, on_parsed=parsed if prefetch else None)
    finally:
        known = prefetch.close() if prefetch else {}
    articles, failed = extracted.articles, extracted.warnings
    claims, cut = claims_stage.limit_claims(extracted.claims, params.max_claims)
    timings["claims"] = time.perf_counter() - t

    t = time.perf_counter()
    embedded = [0]

    def tick_embed(n: int) -> None:
        embedded[0] += n
        if progress:
            progress("embed", embedded[0], len(claims))

    more = {"known": known} if known else {}  # (an embedder's transform replaced in tests takes no ``known``)
    X = embedder.transform([c.text for c in claims], progress=tick_embed, **more) if claims \
        else np.zeros((0, 384), np.float32)
    del known, more
    timings["embed"] = time.perf_counter() - t
    n_embedded = getattr(embedder, "n_embedded_", 0) + (prefetch.embedded if prefetch else 0)

    return Embedded(articles, claims, X, ingested.warnings + failed + cut, _params_of(embedder),
                    n_embedded, extracted.parsed)


@dataclass
class Compared:
    """What events, links and comparison produce (``compare_corpus``), whatever process ran them."""

    groups: EventGroups
    clusters: list
    links: dict[tuple[int, int], float]
    findings: list  # shown: confidence at least the run's min_confidence
    hidden: list
    skipped: list
    cluster_params: dict


def compare_corpus(articles: Sequence[Article], claims: Sequence[Claim], X: np.ndarray, params: Params,
                   timings: dict[str, float]) -> Compared:
    """Events, links and comparison over the whole corpus in this process (the local engine; the Dask
    engine runs the same ``compare.compare_part`` per part of whole events)."""
    t = time.perf_counter()
    groups, clusterer = link_claims(articles, claims, X, params.threshold)
    clusters = clusterer.clusters([c.source_id for c in claims])
    timings["cluster"] = time.perf_counter() - t

    t = time.perf_counter()
    rules = params.active_rules()
    from .compare import calibration

    from .compare_cache import compare as compare_cached

    compared = compare_cached(claims, {**clusterer.nearby_, **clusterer.links_}, groups, rules,
                              calibration.default() if params.calibrate else None, cache_dir=params.cache_dir)
    timings["compare"] = time.perf_counter() - t
    shown, hidden = shown_and_hidden(compared.findings, params)
    return Compared(groups, clusters, clusterer.links_, shown, hidden, compared.skipped, clusterer.get_params())


def assemble(front: Embedded, compared: Compared, params: Params, timings: dict[str, float]) -> RunResult:
    """The run's Result from the front stages' output and the comparison's."""
    rules = params.active_rules()
    return Result(
        articles=front.articles,
        claims=front.claims,
        clusters=compared.clusters,
        links=compared.links,
        findings=compared.findings,
        hidden=compared.hidden,
        skipped=compared.skipped,
        warnings=merge_warnings(front.warnings),
        groups=compared.groups,
        params={"embed": front.embed_params, "cluster": compared.cluster_params, "max_bytes": params.max_bytes,
                "max_chars": params.max_chars, "max_claims": params.max_claims, "min_confidence": params.min_confidence,
                **({"rules": sorted(type(r).code for r in rules)} if rules is not None else {})},
        timings=timings,
        embedded=front.embedded,
        parsed=front.parsed,
        vectors=front.X,
    )


def link_and_compare(front: Embedded, params: Params, timings: dict[str, float]) -> RunResult:
    """Events, links and comparison over the whole corpus in this process (the local engine)."""
    return assemble(front, compare_corpus(front.articles, front.claims, front.X, params, timings), params, timings)


# ---------------------------------------------------------------- the findings a run shows

def shown_and_hidden(findings: Sequence, params: Params) -> tuple[list, list]:
    """(shown, hidden): findings at least the run's min_confidence, and the others."""
    return ([f for f in findings if f.confidence >= params.min_confidence],
            [f for f in findings if f.confidence < params.min_confidence])


def findings_of(observations: Sequence, params: Params) -> tuple[list, list]:
    """(shown, hidden) findings of observations in the corpus' order (``compare.findings_of``): what the
    Dask engine makes of its parts' observations, as ``compare_corpus`` does of the whole corpus'."""
    from .compare import calibration

    return shown_and_hidden(compare_stage.findings_of(observations, calibration.default() if params.calibrate
                                                      else None), params)
