"""Claims for a whole corpus: every article parsed once, ever, and in parallel.

## What it does
Returns the claims of many articles, in article order, taking each article's
claims from an on-disk cache when the article and the extraction code are
unchanged, and parsing only the others (spaCy ``nlp.pipe`` in one process,
or in several worker processes when there is enough text to repay them).

The cache key of an article is a hash of everything extraction reads (its
text, title, date, outlet... and its source id), plus the *extraction
version*: a hash of the source files of ``claims.py``, ``model.py``,
``nlp.py`` and ``extract/`` and of the spaCy and model versions. Editing any
extractor therefore invalidates every cached claim without anyone having to
remember to bump a number; entries of other versions are pruned when new
ones are written.

## Why it matters
Parsing is the largest cost after embedding. Newsroom CI re-runs the checker
on an archive every time one file is added: a warm run should read claims
and vectors from the cache and not even load spaCy or the embedding model.

## Example
A first run over 297 articles parses 297; adding one article and running
again parses one (``CorpusClaims.parsed == 1``), and a third run parses none.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import importlib.util
import io
import multiprocessing
import os
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .cachedb import BlobStore
from .ingest import IngestWarning
from .model import Article, Claim

EXTRACTION_VERSION = 1  # bump for changes the source hash cannot see (none so far)
HASHED_SOURCES = ("claims.py", "model.py", "nlp.py", "extract", "lexicon")  # relative to this package
NOT_READ_BY_EXTRACTION = ("path", "provenance", "warnings")  # Article fields left out of the key
MIN_CHARS_PER_PROCESS = 200_000  # less text than this per worker: parse in this process
MAX_AUTO_PROCESSES = 8


# ---------------------------------------------------------------- keys

def _package_files() -> list[Path]:
    root = Path(__file__).resolve().parent
    files: list[Path] = []
    for name in HASHED_SOURCES:
        path = root / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def _distribution_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


@functools.lru_cache(maxsize=1)
def extraction_version() -> str:
    """A hash of what decides the claims of a text: the extraction code and the models."""
    from .nlp import MODEL_CANDIDATES

    digest = hashlib.sha256(f"v{EXTRACTION_VERSION}".encode())
    root = Path(__file__).resolve().parent
    for path in _package_files():
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"?")
    model = next((m for m in MODEL_CANDIDATES if importlib.util.find_spec(m) is not None), "none")
    digest.update(f"spacy {_distribution_version('spacy')} {model} {_distribution_version(model)}".encode())
    return digest.hexdigest()[:16]


def article_key(article: Article, version: str) -> str:
    """Cache key of one article's claims: extraction version + every field extraction may read."""
    digest = hashlib.sha256(version.encode())
    for f in dataclasses.fields(article):
        if f.name in NOT_READ_BY_EXTRACTION:
            continue
        value = getattr(article, f.name)
        digest.update(f"\0{f.name}\0{type(value).__name__}\0".encode())
        if isinstance(value, str):  # in slices: a 50 MB text is hashed without a second copy of it
            for i in range(0, len(value), 1 << 20):
                digest.update(value[i: i + (1 << 20)].encode("utf-8", "surrogatepass"))
        else:
            digest.update(repr(value).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


# ---------------------------------------------------------------- (de)serialising

class _ClaimPickler(pickle.Pickler):
    """Pickles an article's claims without the article: it is a reference, restored on load."""

    def __init__(self, file, article: Article):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.article = article

    def persistent_id(self, obj):
        return "article" if obj is self.article else None


class _ClaimUnpickler(pickle.Unpickler):
    def __init__(self, file, article: Article):
        super().__init__(file)
        self.article = article

    def persistent_load(self, pid):
        if pid != "article":
            raise pickle.UnpicklingError(f"unknown reference {pid!r}")
        return self.article


def dumps_claims(article: Article, claims: Sequence[Claim]) -> bytes:
    buffer = io.BytesIO()
    _ClaimPickler(buffer, article).dump(list(claims))
    return buffer.getvalue()


def loads_claims(article: Article, blob: bytes) -> list[Claim]:
    return _ClaimUnpickler(io.BytesIO(blob), article).load()


# ---------------------------------------------------------------- the cache

class ClaimCache(BlobStore):
    """sqlite: article key -> pickled claims (``cachedb.BlobStore``)."""

    table = "claims"


# ---------------------------------------------------------------- parsing

def _by_article(articles: Sequence[Article], claims: Sequence[Claim]) -> list[list[Claim]]:
    slot = {id(a): i for i, a in enumerate(articles)}
    out: list[list[Claim]] = [[] for _ in articles]
    for claim in claims:
        out[slot[id(claim.article)]].append(claim)
    return out


def extract_claims_per_article(articles: list[Article], extract=None, **options
                               ) -> tuple[list[Claim], list[Article], list[IngestWarning]]:
    """Claims of all articles; when that fails, article by article, skipping the ones that fail."""
    if extract is None:
        from .claims import extract_claims as extract
    try:
        return extract(articles, **options), articles, []
    except Exception:
        if os.environ.get("CROSSCHECK_DEBUG"):
            raise
    claims: list[Claim] = []
    kept: list[Article] = []
    warnings: list[IngestWarning] = []
    for article in articles:
        try:
            found = extract([article])
        except Exception as err:
            warnings.append(IngestWarning(
                article.path, f"claims could not be extracted ({type(err).__name__}: {err})", skipped=True))
            continue
        claims.extend(found)
        kept.append(article)
    return claims, kept, warnings


def _parse_here(articles: Sequence[Article]) -> tuple[list[list[Claim] | None], list[IngestWarning]]:
    """Claims of each article (None: its extraction failed), and the warnings saying so."""
    claims, kept, warnings = extract_claims_per_article(list(articles))
    ok = {id(a) for a in kept}
    grouped = iter(_by_article(kept, claims))
    return [next(grouped) if id(a) in ok else None for a in articles], warnings


def _parse_in_worker(articles: list[Article]) -> tuple[list[bytes | None], list[IngestWarning]]:
    """Runs in a worker process: claims of each article, pickled without the article."""
    per_article, warnings = _parse_here(articles)
    return [None if c is None else dumps_claims(a, c) for a, c in zip(articles, per_article)], warnings


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover (not Linux)
        return os.cpu_count() or 1


def choose_processes(articles: Sequence[Article], processes: int | None) -> int:
    """Worker processes for parsing: 1 (this process) unless there is text enough to share out."""
    if processes is not None:
        return max(1, processes)
    chars = sum((len(a.text) if a.body_end is None else a.body_end) - a.body_start for a in articles)
    return max(1, min(available_cores(), MAX_AUTO_PROCESSES, chars // MIN_CHARS_PER_PROCESS))


def _chunks(items: list, size: int) -> list[list]:
    return [items[i: i + size] for i in range(0, len(items), size)]


def _parse_in_pool(articles: list[Article], processes: int, progress: Callable[[int], None] | None,
                   on_parsed: Callable[[list[Claim]], None] | None = None
                   ) -> tuple[list[list[Claim] | None], list[bytes | None], list[IngestWarning]]:
    """Claims of each article and their pickled form (kept for the cache: no second pickling)."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    size = max(1, min(32, len(articles) // (processes * 8)))
    chunks = _chunks(articles, size)
    claims: list[list[Claim] | None] = []
    pickled: list[bytes | None] = []
    warnings: list[IngestWarning] = []
    with context.Pool(processes) as pool:
        for chunk, (blobs, failed) in zip(chunks, pool.imap(_parse_in_worker, chunks)):
            found = [None if b is None else loads_claims(a, b) for a, b in zip(chunk, blobs)]
            claims.extend(found)
            pickled.extend(blobs)
            if on_parsed is not None:
                on_parsed([c for article_claims in found if article_claims for c in article_claims])
            warnings.extend(failed)
            if progress is not None:
                progress(len(chunk))
    return claims, pickled, warnings


@dataclass
class CorpusClaims:
    claims: list[Claim]
    articles: list[Article]  # those whose claims could be extracted, in input order
    warnings: list[IngestWarning]  # one per article whose extraction failed (it is skipped)
    parsed: int  # articles parsed in this run (the others came from the cache)
    processes: int  # worker processes used for parsing (1: this process)


def extract_corpus(articles: Sequence[Article], *, cache_dir: str | os.PathLike[str] | None,
                   processes: int | None = None,
                   progress: Callable[[int], None] | None = None,
                   on_parsed: Callable[[list[Claim]], None] | None = None) -> CorpusClaims:
    """Claims of every article, in article order; only uncached articles are parsed.

    ``on_parsed`` is called, while worker processes parse, with the claims of the articles read from the
    cache and then of each chunk of parsed articles (whole articles): work to do meanwhile (``embed.Prefetch``).
    """
    version = extraction_version()
    keys = [article_key(a, version) for a in articles]
    cache = ClaimCache(Path(cache_dir) / "claims.sqlite") if cache_dir else None
    stored = cache.get_many(keys) if cache else {}
    per_article: list[list[Claim] | None] = []
    for article, key in zip(articles, keys):
        blob = stored.get(key)
        claims = None
        if blob is not None:
            try:
                claims = loads_claims(article, blob)
            except Exception:  # an entry from incompatible code: parse again
                claims = None
        per_article.append(claims)
    if progress is not None and len(articles) - sum(c is None for c in per_article):
        progress(len(articles) - sum(c is None for c in per_article))

    todo = [i for i, c in enumerate(per_article) if c is None]
    workers = choose_processes([articles[i] for i in todo], processes) if todo else 1
    warnings: list[IngestWarning] = []
    if todo:
        pending = [articles[i] for i in todo]
        pickled: list[bytes | None] | None = None
        if workers > 1:
            if on_parsed is not None:
                on_parsed([c for claims in per_article if claims for c in claims])
            parsed, pickled, warnings = _parse_in_pool(pending, workers, progress, on_parsed)
        else:
            parsed = []
            for chunk in _chunks(pending, 16):
                found, failed = _parse_here(chunk)
                parsed.extend(found)
                warnings.extend(failed)
                if progress is not None:
                    progress(len(chunk))
        for i, claims in zip(todo, parsed):
            per_article[i] = claims
        if cache:
            if pickled is None:
                pickled = [None if c is None else dumps_claims(articles[i], c) for i, c in zip(todo, parsed)]
            cache.put_many({keys[i]: blob for i, blob in zip(todo, pickled) if blob is not None}, version)
    kept = [(a, c) for a, c in zip(articles, per_article) if c is not None]
    return CorpusClaims(
        claims=[c for _, claims in kept for c in claims],
        articles=[a for a, _ in kept],
        warnings=warnings,
        parsed=len(todo),
        processes=workers,
    )
