"""The CI gate: which article files are new, whether they are fit to check, and
which open findings fail the build.

"New" means: not listed in the decisions file's ``[articles] checked``. An
article is listed there when an editor saves a review with it in the run and
it passed validation (``crosscheck review``), or when a repository adopts
crosscheck and grandfathers what it already has (``crosscheck review
baseline``). So a pull request that adds an article gets it validated, and
an old article without front matter is not failed for it.

A new file must be UTF-8 text, start with YAML front matter that parses,
have a title, and not repeat an article that is already there.

``check`` is the whole gate as one call (discover, validate, run, classify);
`crosscheck check` renders its ``GateResult``.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .extract.text import words
from .ingest import DEFAULT_MAX_BYTES, parse_article, read_metadata
from .model import Article, Evidence, Finding, Severity
from .review import Decisions, Reviewed, ReviewState

if TYPE_CHECKING:
    from .api import Checker
    from .result import Result

SHINGLE_WORDS = 5  # word n-grams compared for near-duplicates
NEAR_DUPLICATE = 0.8  # share of a new article's n-grams found in another article


@dataclass(frozen=True)
class Problem:
    """One reason a new article file cannot be checked."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass(frozen=True)
class _Read:
    path: str
    source_id: str
    text: str | None  # None when the file could not be decoded
    body: str  # normalised body (front matter and title removed)
    url: str | None


def new_source_ids(files: Sequence[tuple[str, str]], checked: frozenset[str]) -> set[str]:
    return {sid for _, sid in files if sid not in checked}


def validate(files: Sequence[tuple[str, str]], new: set[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Problem]:
    """Problems with the new files among ``files`` ((path, source id) pairs), one per line.

    Every file is read, because a new article is compared against all of them
    for duplicates; only new ones are held to the rules.
    """
    problems: list[Problem] = []
    read: list[_Read] = []
    for path, sid in files:
        is_new = sid in new
        found, item = _read_one(path, sid, strict=is_new, max_bytes=max_bytes)
        if is_new:
            problems += found
        if item is not None and (not is_new or not found):
            read.append(item)
    problems += _duplicates(read, new)
    return problems


def _read_one(path: str, sid: str, *, strict: bool, max_bytes: int) -> tuple[list[Problem], _Read | None]:
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            return [Problem(path, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")], None
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as err:
        return [Problem(path, f"cannot read: {err.strerror or err}")], None
    if strict:
        problems = _text_problems(path, data)
        if problems:
            return problems, None
    article, warnings = parse_article(data, path, sid)
    if article is None:  # what `run` would skip (a web page, not English, no text...) cannot be checked
        reasons = [w.message.split(";")[0] for w in warnings if getattr(w, "skipped", True)]
        return [Problem(path, f"{reasons[-1] if reasons else 'not an article'}; crosscheck would skip it")], None
    text = article.text
    meta, body_start, _origin, front_matter = read_metadata(text, path)
    problems = _metadata_problems(path, text, meta, front_matter) if strict else []
    body = " ".join(words(text[body_start:]))
    return problems, _Read(path, sid, text, body, meta.get("url"))


def _text_problems(path: str, data: bytes) -> list[Problem]:
    """Readable UTF-8 text (a byte-order mark is tolerated), not empty, not binary."""
    if not data.strip():
        return [Problem(path, "empty file")]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return [Problem(path, "binary file (NUL bytes), not text", line)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return [Problem(path, f"not UTF-8 text (byte 0x{data[err.start]:02X} cannot be decoded); "
                              "save the file as UTF-8", line)]
    controls = [i for i, ch in enumerate(text) if (ord(ch) < 32 and ch not in "\n\r\t") or ch == "\x7f"]
    if controls:
        line = text.count("\n", 0, controls[0]) + 1
        return [Problem(path, f"control character U+{ord(text[controls[0]]):04X} in the text", line)]
    return []


_LINE_IN_WARNING = re.compile(r" \(line (\d+)\)")


def _metadata_problems(path: str, text: str, meta: dict, warnings) -> list[Problem]:
    """Front matter present and valid (ingest's own reading of it), and a title."""
    problems: list[Problem] = []
    if not text.startswith("---"):
        problems.append(Problem(path, "no front matter: start the file with a '---' block holding at least "
                                      "'title: ...' (and 'date:', 'source:' when known)", 1))
    for warning in warnings:
        message = warning.message.split(";")[0]
        m = _LINE_IN_WARNING.search(message)
        problems.append(Problem(path, _LINE_IN_WARNING.sub("", message), int(m.group(1)) if m else 1))
    if not problems and not meta.get("title"):
        problems.append(Problem(path, "no title: add 'title: ...' to the front matter", 1))
    return problems


def _shingles(body: str) -> set[int]:
    tokens = body.split()
    grams = (" ".join(tokens[i: i + SHINGLE_WORDS]) for i in range(max(0, len(tokens) - SHINGLE_WORDS + 1)))
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") for g in grams}


def _duplicates(read: Sequence[_Read], new: set[str]) -> list[Problem]:
    """A new article repeating another: same text, same url, or mostly the same sentences.

    When two new files repeat each other only the later one (by name) is reported.
    """
    order = sorted(read, key=lambda r: (r.source_id in new, r.source_id))  # checked ones first
    problems: list[Problem] = []
    seen_text: dict[str, _Read] = {}
    seen_url: dict[str, _Read] = {}
    index: dict[int, set[int]] = defaultdict(set)
    shingles: list[set[int]] = []
    for n, r in enumerate(order):
        grams = _shingles(r.body)
        shingles.append(grams)
        if r.source_id in new:
            problem = _duplicate_of(r, grams, seen_text, seen_url, index, order)
            if problem:
                problems.append(problem)
        digest = hashlib.sha256(r.body.encode()).hexdigest()
        seen_text.setdefault(digest, r)
        if r.url:
            seen_url.setdefault(r.url.strip().rstrip("/"), r)
        for g in grams:
            index[g].add(n)
    return problems


def _duplicate_of(r: _Read, grams: set[int], seen_text, seen_url, index, order) -> Problem | None:
    if not r.body:
        return None
    same = seen_text.get(hashlib.sha256(r.body.encode()).hexdigest())
    if same is not None:
        return Problem(r.path, f"duplicate of {same.path} (the same text)")
    if r.url and r.url.strip().rstrip("/") in seen_url:
        other = seen_url[r.url.strip().rstrip("/")]
        return Problem(r.path, f"duplicate of {other.path} (the same url: {r.url})")
    if not grams:
        return None
    counts: dict[int, int] = defaultdict(int)
    for g in grams:
        for n in index.get(g, ()):
            counts[n] += 1
    if not counts:
        return None
    best, shared = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
    share = shared / len(grams)
    if share >= NEAR_DUPLICATE:
        return Problem(r.path, f"near-duplicate of {order[best].path} ({share:.0%} of its text is the same)")
    return None


# ---------------------------------------------------------------- findings that fail the build

def blocking(state: ReviewState, fail_on: Severity) -> list[Reviewed]:
    """Open (unreviewed or changed) discrepancies at or above ``fail_on``."""
    return [r for r in state.open if r.finding.severity.rank >= fail_on.rank]


def primary_evidence(finding: Finding, new: set[str], articles: Sequence[Article] = ()) -> Evidence:
    """Where to point CI, SARIF and the ``check`` line: a claim of the outlier.

    The outlier is the side of the conflict the fewest sources support
    ("001 says 'over a decade'; 000 and 002 say 'a decade'": 001). For a name,
    when the sides tie, the spelling the articles use less often is the typo
    (``articles``: every article of the run, else those of the finding). Still
    tied: the side with a new article (it brought the conflict), then the side
    of the first claim. Within the side, a new article's claim first.
    """
    sides: dict[str, list[Evidence]] = defaultdict(list)
    for e in finding.evidence:
        sides[e.norm].append(e)
    corpus = articles or list({id(e.claim.article): e.claim.article for e in finding.evidence}.values())
    shared = set.intersection(*(_words_of(evs) for evs in sides.values()))

    def weight(norm: str) -> tuple:
        evidence = sides[norm]
        support = len({e.claim.source_id for e in evidence})
        uses = _uses(_words_of(evidence) - shared, corpus) if finding.category == "name" else 0
        brought = not any(e.claim.source_id in new for e in evidence)
        return (support, uses, brought, len(evidence), finding.evidence.index(evidence[0]))

    side = sides[min(sides, key=weight)]
    return next((e for e in side if e.claim.source_id in new), side[0])


def _words_of(evidence: Sequence[Evidence]) -> set[str]:
    return {w for e in evidence for w in words(e.value_text)}


def _uses(forms: set[str], articles: Sequence[Article]) -> int:
    """How often the articles write the most common of these words ("Mevlut": 2, "Mevlot": 1)."""
    counts = [_word_counts(a.text) for a in articles]
    return max((sum(c[w] for c in counts) for w in forms), default=0)


@functools.lru_cache(maxsize=512)
def _word_counts(text: str) -> Counter[str]:
    return Counter(words(text))


def column_of(evidence: Evidence) -> int:
    """1-based column of the compared value (or the claim) on its line."""
    article = evidence.claim.article
    offset = evidence.value.start if evidence.value is not None else evidence.claim.start
    line_start = article.text.rfind("\n", 0, offset) + 1
    return offset - line_start + 1


# ---------------------------------------------------------------- the whole gate

@dataclass
class GateResult:
    """What the gate found. ``problems``: new files unfit to check (then nothing was run);
    otherwise ``result`` of the run, its review ``state`` and the ``failing`` open discrepancies."""

    new: set[str]
    fail_on: Severity
    problems: list[Problem] = field(default_factory=list)
    result: Result | None = None
    state: ReviewState = field(default_factory=ReviewState)
    failing: list[Reviewed] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems and not self.failing


def check(paths: Sequence[str | os.PathLike[str]], *, checker: Checker, decisions: Decisions,
          fail_on: Severity = Severity.MEDIUM, progress=None) -> GateResult:
    """Discover the articles, validate the new ones, run ``checker`` on all, classify with ``decisions``.

    A path that cannot be searched raises ``ingest.InputError``, a bad
    parameter ``pipeline.ParameterError``; files the run skips are in
    ``result.warnings``.
    """
    from .ingest import discover

    checker.params()  # validate before reading anything
    paths = [os.fspath(p) for p in paths]
    files, _ = discover(paths)
    new = new_source_ids(files, decisions.checked)
    problems = validate(files, new, max_bytes=checker.max_bytes)
    if problems:
        return GateResult(new, fail_on, problems)
    result = checker.run(paths, progress=progress)
    state = result.review_state(decisions)
    return GateResult(new, fail_on, result=result, state=state, failing=blocking(state, fail_on))
