"""What the pages show, derived from a run: pure functions, no HTTP, no templates.

The web app and the one-file HTML export both render these, so a finding
looks the same in either.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Article, Evidence, Finding, Kind
from ..review import Decision, Reviewed, State, finding_fingerprint

PARAGRAPH_CHARS = 1200  # of context shown around a claim on the finding page
MAX_SOURCES = 40  # in the agreement matrix: 1,600 cells is still a picture


# ---------------------------------------------------------------- review state

def etag(finding: Finding, decision: Decision | None) -> str:
    """What the page saw: the finding's claims and the decision then on file.

    A save is refused (409) when either has changed since, so one editor never
    overwrites another's decision without having seen it.
    """
    d = decision
    seen = [finding_fingerprint(finding)] + ([d.status, d.right, d.note, d.reviewer, d.reviewed_at, d.fingerprint]
                                             if d else ["-"])
    return hashlib.sha256("\x1f".join(seen).encode("utf-8")).hexdigest()[:16]


def queue_order(items: Sequence[Reviewed]) -> list[Reviewed]:
    """Open findings first, each part in report order (most severe first)."""
    return sorted(items, key=lambda r: not r.state.is_open)


def next_open(items: Sequence[Reviewed], after: str) -> str | None:
    """The next open finding after ``after`` in queue order, wrapping round; None when none is open."""
    order = queue_order(items)
    ids = [r.finding.id for r in order]
    start = ids.index(after) + 1 if after in ids else 0
    for r in order[start:] + order[:start]:
        if r.state.is_open and r.finding.id != after:
            return r.finding.id
    return None


@dataclass(frozen=True)
class Filters:
    category: str = ""
    rule: str = ""
    source: str = ""
    status: str = ""  # a State value; "open" also matches "changed"

    def keep(self, item: Reviewed) -> bool:
        f = item.finding
        return ((not self.category or f.category == self.category)
                and (not self.rule or f.rule == self.rule)
                and (not self.source or self.source in f.sources)
                and (not self.status or item.state.value == self.status
                     or (self.status == "open" and item.state.is_open)))


def status_counts(items: Iterable[Reviewed]) -> dict[str, int]:
    n = Counter(r.state.value for r in items)
    return {s.value: n.get(s.value, 0) for s in State}


# ---------------------------------------------------------------- consensus

@dataclass(frozen=True)
class Position:
    """One value of a compared fact and the sources that state it."""

    value: str  # as the first of them wrote it
    sources: tuple[str, ...]  # source ids
    outlier: bool  # fewer sources than every other value, while another value has several


def consensus(finding: Finding) -> list[Position]:
    """value -> sources for one fact, most-backed value first, the lone dissenter marked.

    A source is an outlier only when the others outnumber it: with one source
    against one, nobody can tell which is odd, so neither is marked.
    """
    groups: dict[str, list[Evidence]] = defaultdict(list)
    for e in finding.evidence:
        groups[e.norm].append(e)
    rows = []
    for norm, evidence in groups.items():
        sources = tuple(dict.fromkeys(e.claim.source_id for e in evidence))
        rows.append((evidence[0].value_text, sources))
    rows.sort(key=lambda r: -len(r[1]))
    sizes = [len(s) for _, s in rows]
    fewest, most = min(sizes), max(sizes)
    lone = sizes.count(fewest) == 1 and most > fewest and len(rows) > 1
    return [Position(value, sources, lone and len(sources) == fewest) for value, sources in rows]


# ---------------------------------------------------------------- source agreement

@dataclass(frozen=True)
class Pair:
    agree: int
    differ: int

    @property
    def total(self) -> int:
        return self.agree + self.differ


def agreement(findings: Iterable[Finding]) -> dict[tuple[str, str], Pair]:
    """For each pair of sources: facts they state alike and facts they state differently.

    A discrepancy finding counts as agreement for the sources on the same side
    of it (two against one: the two agree) and as a difference across sides.
    """
    agree: Counter = Counter()
    differ: Counter = Counter()
    for f in findings:
        norms: dict[str, set[str]] = defaultdict(set)
        for e in f.evidence:
            norms[e.claim.source_id].add(e.norm)
        ids = sorted(norms)
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                if f.kind is not Kind.DISCREPANCY or norms[a] & norms[b]:  # a wording variant states the same
                    agree[a, b] += 1
                else:
                    differ[a, b] += 1
    pairs = {}
    for key in set(agree) | set(differ):
        pairs[key] = pairs[key[::-1]] = Pair(agree[key], differ[key])
    return pairs


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    pair: Pair | None  # None on the diagonal and for pairs never compared

    @property
    def shade(self) -> str:
        """Fill colour: green where a pair agrees, red where it differs, grey when never compared."""
        if self.pair is None or self.pair.total == 0:
            return "#eeeeee"
        share = self.pair.differ / self.pair.total
        red, green = int(60 + 180 * share), int(170 - 110 * share)
        return f"#{red:02x}{green:02x}{70:02x}"


@dataclass(frozen=True)
class Matrix:
    sources: tuple[Article, ...]
    cells: tuple[Cell, ...]
    size: int  # pixels per cell
    margin: int  # pixels for the labels
    of: int = 0  # sources there were to show (more than shown when past MAX_SOURCES)

    @property
    def width(self) -> int:
        return self.margin + self.size * len(self.sources) + 8


def matrix(articles: Sequence[Article], findings: Iterable[Finding], size: int = 44) -> Matrix:
    """The sources × sources matrix; past MAX_SOURCES, the sources with the most compared facts."""
    findings = list(findings)
    of = len(articles)
    if of > MAX_SOURCES:
        n = Counter(s for f in findings for s in f.sources)
        keep = {a.source_id for a in sorted(articles, key=lambda a: -n[a.source_id])[:MAX_SOURCES]}
        articles = [a for a in articles if a.source_id in keep]
    pairs = agreement(findings)
    ids = [a.source_id for a in articles]
    cells = tuple(Cell(i, j, None if i == j else pairs.get((a, b))) for i, a in enumerate(ids) for j, b in enumerate(ids))
    margin = 16 + 7 * max((len(a.label) for a in articles), default=4)
    return Matrix(tuple(articles), cells, size, min(margin, 220), of)


# ---------------------------------------------------------------- text with marks

@dataclass(frozen=True)
class Segment:
    text: str
    mark: str = ""  # "" plain, "claim" a claim with a finding, "value" the compared value
    anchor: str = ""  # element id, for links to a claim's offset
    finding: str = ""  # the finding a marked claim belongs to (its first)


def article_segments(article: Article, findings: Iterable[Finding]) -> list[Segment]:
    """The whole article text, every claim of a discrepancy marked and anchored at its offset.

    Claims may overlap, so the text is cut at every claim's start and end: each
    piece is marked when some claim covers it, and anchored when one starts there.
    """
    spans = sorted({(e.claim.start, e.claim.end, f.id) for f in findings if f.kind is Kind.DISCREPANCY
                    for e in f.evidence if e.claim.source_id == article.source_id})
    text = article.text
    starts = {}
    for start, _, fid in spans:
        starts.setdefault(start, fid)
    cuts = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        cover = next((fid for s, e, fid in spans if s <= a and b <= e), "")
        if a in starts:
            out.append(Segment(text[a:b], "claim", f"c-{a}", starts[a]))
        elif cover:
            out.append(Segment(text[a:b], "claim", "", cover))
        else:
            out.append(Segment(text[a:b]))
    return out


def claim_in_paragraph(e: Evidence) -> list[Segment]:
    """The claim's paragraph (clipped), the claim marked and the compared value highlighted within it."""
    text, claim = e.claim.article.text, e.claim
    start = text.rfind("\n\n", 0, claim.start)
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", claim.end)
    end = len(text) if end < 0 else end
    clipped_start, clipped_end = claim.start - PARAGRAPH_CHARS // 2 > start, claim.end + PARAGRAPH_CHARS // 2 < end
    start = max(start, claim.start - PARAGRAPH_CHARS // 2)
    end = min(end, claim.end + PARAGRAPH_CHARS // 2)
    value = e.value if e.value is not None and claim.start <= e.value.start < e.value.end <= claim.end else None
    cuts = [(start, claim.start, ""), (claim.start, value.start if value else claim.end, "claim")]
    if value:
        cuts += [(value.start, value.end, "value"), (value.end, claim.end, "claim")]
    cuts.append((claim.end, end, ""))
    out = [Segment(text[a:b], mark) for a, b, mark in cuts if b > a]
    if clipped_start:
        out.insert(0, Segment("…"))
    if clipped_end:
        out.append(Segment("…"))
    return out
