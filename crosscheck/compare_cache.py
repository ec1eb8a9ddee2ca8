"""The compare stage for unchanged input, from the cache: whole, or event by event.

## What it does
``compare`` gives what ``crosscheck.compare.compare`` gives, reading results
from an sqlite cache (``compare.sqlite`` in the cache folder) when what they
depend on is unchanged, at two levels:

- **the whole stage**: one key over everything the comparison reads (every
  claim, the links and nearby pairs with their similarities, the events, the
  rules, the calibration and the code version). A re-run with nothing changed
  reads the findings back and compares nothing.
- **each event**: otherwise the corpus rules scan the whole corpus as in one
  pass (2-3 of BASIL's 8 CPU s), and the pair rules' work, most of the
  stage, is split by event: each event's links, nearby pairs and other
  candidates (anchor pairs within the event, blocking-key pairs whose first
  claim is its own; ``compare.compare_part`` splits pairs the same way). An
  event's key covers its own claims, its pairs (the other claim's record,
  whether it is of the same event, the similarity), the articles those pairs
  reach (whether an article carries a sentence word for word), and the
  conflicts the corpus rules found touching its claims. Event numbers are no
  part of it (they move when an event is added; rules read them only as
  labels). One changed article recomputes its own event and the events whose
  pairs reach it; the others are read back.

A claim's record is its article's claim-cache key (every field extraction
reads, its text included, and the extraction version) with the spans of the
article's claims in this run; the code version hashes the source files of
``compare/``, ``extract/``, ``lexicon/``, ``events.py``, ``model.py``,
``pipeline.py`` and this file, so editing a rule invalidates every entry.
Claims are stored as references (their key), restored from the run's claims,
so cached findings point at this run's claims (paths included). Absolute claim
numbers are not part of any event's key: an article added before an event
leaves the event's entry valid, and its pairs are numbered anew when read.

Entries are written in one transaction per run (``cachedb``: write-ahead
logging, a long busy timeout), so a second run sharing the folder sees an
entry whole or not at all; entries of other code versions are dropped when new
ones are written. A broken or unreadable entry is recomputed, never trusted.
"""
from __future__ import annotations

import functools
import hashlib
import io
import pickle
import platform
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .cachedb import BlobStore
from .claim_cache import _distribution_version, article_key, extraction_version
from .model import Claim

COMPARE_VERSION = 1  # bump for changes the source hash cannot see
HASHED_SOURCES = ("compare", "extract", "lexicon", "events.py", "model.py", "pipeline.py", "compare_cache.py")
LIBRARIES = ("rapidfuzz", "numpy")  # third-party code the rules call


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of what decides the comparison of given claims: the rules' code and data, the extraction's."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"v{COMPARE_VERSION}\0{extraction_version()}\0{platform.python_version()}".encode())
    for lib in LIBRARIES:
        digest.update(f"\0{lib} {_distribution_version(lib)}".encode())
    for name in HASHED_SOURCES:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and p.suffix not in (".pyc", ".pyo")) if path.is_dir() else [path]
        for file in files:
            digest.update(b"\0" + str(file.relative_to(root)).encode() + b"\0")
            try:
                digest.update(file.read_bytes())
            except OSError:
                digest.update(b"?")
    return digest.hexdigest()[:16]


def setup_key(rules: Sequence, calibration) -> bytes:
    """The code version, the rules run (in order) and the calibration."""
    digest = hashlib.sha256(code_version().encode())
    for rule in rules:
        kind = type(rule)
        digest.update(f"\0{kind.__module__}.{kind.__qualname__}:{getattr(kind, 'code', '?')}:"
                      f"{sorted(vars(rule).items())!r}".encode())
    digest.update(b"\0calibration\0" + (b"-" if calibration is None else calibration.to_json().encode()))
    return digest.digest()


class Records:
    """Each claim's record (what comparison may read of it) and its number in this run, by claim key."""

    def __init__(self, claims: Sequence[Claim]):
        version = extraction_version()
        spans: dict[str, list] = {}
        article: dict[str, object] = {}
        for claim in claims:
            spans.setdefault(claim.source_id, []).append((claim.start, claim.end))
            article.setdefault(claim.source_id, claim.article)
        self.article: dict[str, bytes] = {
            sid: hashlib.sha256(f"{article_key(article[sid], version)}\0{spans[sid]!r}".encode()).digest()
            for sid in spans}
        self.index_of = {c.key: i for i, c in enumerate(claims)}
        self.claims = claims

    def claim(self, i: int) -> bytes:
        c = self.claims[i]
        return self.article[c.source_id] + struct.pack("<qq", c.start, c.end)


# ---------------------------------------------------------------- (de)serialising

class _Pickler(pickle.Pickler):
    """Claims as references (their key): restored from the run's claims."""

    def persistent_id(self, obj):
        return ("claim", *obj.key) if isinstance(obj, Claim) else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, records: Records):
        super().__init__(file)
        self.records = records

    def persistent_load(self, pid):
        if pid[0] != "claim":
            raise pickle.UnpicklingError(f"unknown reference {pid!r}")
        return self.records.claims[self.records.index_of[tuple(pid[1:])]]  # KeyError: not this run's claim


def dumps(value) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def loads(blob: bytes, records: Records):
    return _Unpickler(io.BytesIO(blob), records).load()


class CompareCache(BlobStore):
    """sqlite: key -> pickled comparison, the whole stage's or one event's (``cachedb.BlobStore``)."""

    table = "compared"


# ---------------------------------------------------------------- the stage

@dataclass
class CompareStats:
    """What a cached comparison did: whether the whole stage was read back, and how many events were compared."""

    whole: bool = False  # the whole stage came from the cache
    events: int = 0  # events (parts) of the run
    compared: int = 0  # events compared in this run; the others were read from the cache


def whole_key(setup: bytes, records: Records, links: dict, groups) -> str:
    import numpy as np

    digest = hashlib.sha256(b"whole\0" + setup)
    for c in records.claims:
        digest.update(records.article[c.source_id])
        digest.update(struct.pack("<qq", c.start, c.end))
    items = sorted(links.items())
    digest.update(np.asarray([p for p, _ in items], dtype=np.int64).tobytes())
    digest.update(np.asarray([s for _, s in items], dtype=np.float64).tobytes())
    digest.update(repr(sorted((sid, groups.group_of.get(sid)) for sid in records.article)).encode())
    return "whole:" + digest.hexdigest()


def compare(claims: Sequence[Claim], links: dict[tuple[int, int], float], groups, rules: Sequence | None = None,
            calibration=None, cache_dir: str | Path | None = None, stats: CompareStats | None = None):
    """``crosscheck.compare.compare`` with results read from (and written to) the cache in ``cache_dir``."""
    from .compare import compare as compare_here, registry

    if cache_dir is None:
        return compare_here(claims, links, groups, rules, calibration)
    stats = stats if stats is not None else CompareStats()
    rules = list(rules) if rules is not None else registry.active()
    cache = CompareCache(Path(cache_dir) / "compare.sqlite")
    records = Records(claims)
    setup = setup_key(rules, calibration)
    whole = whole_key(setup, records, links, groups)
    blob = cache.get_many([whole]).get(whole)
    if blob is not None:
        try:
            result = loads(blob, records)
            stats.whole = True
            return result
        except Exception:  # an entry this code cannot read: compare again
            pass
    result, entries = _in_parts(claims, links, groups, rules, calibration, cache, setup, records, stats)
    entries[whole] = dumps(result)
    cache.put_many(entries, code_version())
    return result


def _in_parts(claims, links, groups, rules, calibration, cache: CompareCache, setup: bytes, records: Records,
              stats: CompareStats):
    """``compare.compare`` with the pair rules' work event by event, each event read from the cache when its
    key is found; returns the result and the new entries.

    The corpus rules scan the whole corpus, as in one pass (cheap next to the pairs: 2-3 of BASIL's 8 CPU s),
    and what they found in conflict enters the key of each event with a claim in it. Pairs go to the event
    of their first claim (``compare.compare_part`` splits them the same way) and run through
    ``compare.compare_pairs``. Observations carry ``compare``'s order keys ((0, rule, part, n) for the
    scans, (1, i, j, n) for links, (2, i, j, n) for the other candidates): the order of one pass.
    """
    from .compare import (CompareResult, blocked_candidates, compare_pairs, conflicted_pairs, findings_of,
                          scan_corpus_wide, scan_part)
    from .compare.base import ScanContext

    context = ScanContext(same_event=groups.same, event_of=groups.group_of.get)
    # the corpus rules over the whole corpus at once, as ``compare.compare`` runs them
    observations = [*scan_corpus_wide(claims, rules, context),
                    *scan_part(0, range(len(claims)), claims.__getitem__, rules, context, len(claims), claims)]
    conflicted = conflicted_pairs(o for _, o in observations)
    blocked = blocked_candidates(claims, set(links), groups, rules)

    # one part per event, parts in order of their first claim
    part_of_event: dict = {}
    owns: list[list[int]] = []
    part_of: list[int] = []
    for i, c in enumerate(claims):
        event = groups.group_of.get(c.source_id)
        if event not in part_of_event:
            part_of_event[event] = len(owns)
            owns.append([])
        part_of.append(part_of_event[event])
        owns[part_of[-1]].append(i)
    part_links: list[dict] = [{} for _ in owns]
    for (i, j), sim in links.items():
        part_links[part_of[i]][(i, j)] = sim
    part_blocked: list[list] = [[] for _ in owns]
    for i, j in sorted(blocked):
        part_blocked[part_of[i]].append((i, j))
    conflicted_of: dict[tuple, list] = {}
    for pair in conflicted:
        for key in set(pair):
            conflicted_of.setdefault(key, []).append(pair)
    event_of = [groups.group_of.get(c.source_id) for c in claims]

    claims_of: dict[str, list[Claim]] = {}
    for c in claims:
        claims_of.setdefault(c.source_id, []).append(c)
    keys: list[str] = []
    read_sources: list[set[str]] = []
    for n, own in enumerate(owns):
        # the articles the part's pairs read (whether one carries the other's sentence: ``_unless_copied``)
        sources = sorted({claims[i].source_id for i in own}
                         | {claims[j].source_id for _, j in (*part_links[n], *part_blocked[n])})
        read_sources.append(set(sources))
        event = event_of[own[0]]  # its number is no part of the key: only which pairs join one event
        digest = hashlib.sha256(b"event\0" + setup)
        for i in own:
            digest.update(records.claim(i))
        digest.update(b"\0links")
        for (i, j), sim in sorted(part_links[n].items()):
            digest.update(records.claim(i) + records.claim(j) + struct.pack("<d?", float(sim), event_of[j] == event))
        digest.update(b"\0blocked")
        for i, j in part_blocked[n]:
            digest.update(records.claim(i) + records.claim(j) + struct.pack("<?", event_of[j] == event))
        digest.update(b"\0read")
        for sid in sources:
            digest.update(sid.encode("utf-8", "surrogatepass") + b"\0" + records.article[sid])
        digest.update(repr(sorted({p for i in own for p in conflicted_of.get(claims[i].key, ())})).encode())
        keys.append("event:" + digest.hexdigest())

    stored = cache.get_many(keys)
    stats.events = len(owns)
    entries: dict[str, bytes] = {}
    skipped: list = []
    compared_pairs = 0
    for n, own in enumerate(owns):
        done = None
        blob = stored.get(keys[n])
        if blob is not None:
            try:
                done = _from_entry(loads(blob, records), records)
            except Exception:  # unreadable, or a claim not of this run: compare again
                done = None
        if done is None:
            stats.compared += 1
            read = [c for sid in sorted(read_sources[n]) for c in claims_of[sid]]
            part = compare_pairs(own, claims.__getitem__, part_links[n], part_blocked[n], groups, rules,
                                 conflicted, read, context)
            done = (part.observations, part.skipped, part.compared_pairs)
            entries[keys[n]] = dumps(_to_entry(done, claims))
        observations.extend(done[0])
        skipped.extend(done[1])
        compared_pairs += done[2]
    observations.sort(key=lambda ko: ko[0])
    findings = findings_of([o for _, o in observations], calibration)
    return CompareResult(findings, [s for _, s in sorted(skipped, key=lambda ks: ks[0])], compared_pairs), entries


def _to_entry(done: tuple, claims: Sequence[Claim]) -> tuple:
    """An event's output with claim numbers as claim keys (numbers move when an earlier article changes)."""
    observations, skipped, compared = done
    return ([(k[0], claims[k[1]].key, claims[k[2]].key, k[3], o) for k, o in observations],
            [(claims[i].key, claims[j].key, s) for (i, j), s in skipped], compared)


def _from_entry(entry: tuple, records: Records) -> tuple[list, list, int]:
    stored, stored_skipped, compared = entry
    at = records.index_of
    return ([((kind, at[a], at[b], n), o) for kind, a, b, n, o in stored],
            [((at[a], at[b]), s) for a, b, s in stored_skipped], compared)
