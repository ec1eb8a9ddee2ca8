"""Why two claims were or were not flagged: the run's own reasons, pair by pair.

An editor asks "why did it not flag these two sentences?"; the answer is
somewhere along the pipeline: one claim was never extracted, the two were
never candidates (cosine under the threshold, cut by the per-source cap,
different events, no shared anchor or blocking key), or they were compared
and no rule saw a difference. ``explain_pair`` walks that path for one pair
of claims of a finished run (``Result``) and returns a typed record
(``PairExplanation``) holding each step's verdict and the numbers behind it;
``report/explain.py`` renders it for a terminal and ``to_dict`` for JSON.

Nothing here decides differently from the run: candidates come from the
run's links and the same ``comparable``, ``anchor_pairs`` and
``blocked_pairs`` calls ``compare()`` makes, rule verdicts from calling each
rule on the pair exactly as ``compare()`` orders and calls it, and "flagged"
from the run's findings.
"""
from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from .ingest import InputError
from .model import Claim, Finding, Kind

if TYPE_CHECKING:
    from .result import Result


class LocationError(InputError, ValueError):
    """A FILE:LINE that names no file, no line or no claim: the message says which, in one line."""


# ---------------------------------------------------------------- locations

@dataclass(frozen=True)
class Location:
    """``FILE:LINE`` or ``FILE:LINE:COL`` as given (1-based line and column)."""

    path: str
    line: int
    column: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" + (f":{self.column}" if self.column is not None else "")


_TAIL = re.compile(r":(\d+)(?::(\d+))?$")


def parse_location(text: str) -> Location:
    """``FILE:LINE[:COL]``; a file name may itself contain colons (the numbers are read from the right)."""
    m = _TAIL.search(text)
    if not m or m.start() == 0:
        raise LocationError(f"{text}: expected FILE:LINE or FILE:LINE:COL")
    path, line, column = text[:m.start()], int(m.group(1)), m.group(2)
    if column is not None and not os.path.exists(path) and os.path.exists(f"{path}:{line}"):
        path, line, column = f"{path}:{line}", int(column), None  # "a:3:5" is file "a:3", line 5
    if line < 1 or (column is not None and int(column) < 1):
        raise LocationError(f"{text}: lines and columns count from 1")
    if not os.path.exists(path):
        raise LocationError(f"{path}: no such file")
    if os.path.isdir(path):
        raise LocationError(f"{path}: is a folder; give FILE:LINE")
    location = Location(path, line, int(column) if column is not None else None)
    try:
        with open(path, "rb") as f:  # a line past the end is refused before the (slow) run
            lines = count_lines(f.read())
    except OSError as err:
        raise LocationError(f"{path}: cannot read it ({err.strerror or err})")
    if line > lines:
        raise LocationError(f"{location}: line out of range (the file has {lines} lines)")
    return location


_BREAK = re.compile(r"\r\n|\r|\n")
_BREAK_BYTES = re.compile(rb"\r\n|\r|\n")


def count_lines(text: str | bytes) -> int:
    """Lines as an editor numbers them (CRLF, CR and LF each end one, as ingest normalises them);
    a final line break ends the last line, it does not start one."""
    breaks = list((_BREAK_BYTES if isinstance(text, bytes) else _BREAK).finditer(text))
    return len(breaks) + (0 if not text or (breaks and breaks[-1].end() == len(text)) else 1)


def _line_bounds(text: str, line: int) -> tuple[int, int] | None:
    """Character offsets [start, end) of a 1-based line, None past the end."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    end = text.find("\n", start)
    return start, len(text) if end < 0 else end


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def claims_at(result: Result, location: Location) -> list[int]:
    """Numbers of the run's claims covering ``location`` (a line may hold several; a column picks one)."""
    article = next((a for a in result.articles if _same_file(a.path, location.path)), None)
    if article is None:
        why = next((str(w) for w in result.warnings if _same_file(w.path, location.path)), None) \
            if os.path.exists(location.path) else None
        raise LocationError(f"{location.path}: not among the checked articles" + (f" ({why})" if why else
                            " (crosscheck reads .txt and .md files)"))
    bounds = _line_bounds(article.text, location.line)
    if bounds is None or location.line > count_lines(article.text):
        raise LocationError(f"{location}: line out of range (the file has {count_lines(article.text)} lines)")
    start, end = bounds
    if location.column is not None:
        if location.column > end - start + 1:
            raise LocationError(f"{location}: column out of range (line {location.line} has {end - start} characters)")
        start = end = start + location.column - 1
    found = [n for n, c in enumerate(result.claims) if c.source_id == article.source_id
             and c.start <= max(start, end - 1) and c.end > start]
    if not found:
        lines = sorted({c.line for c in result.claims if c.source_id == article.source_id})
        near = sorted(lines, key=lambda n: (abs(n - location.line), n))[:3]
        hint = f"; claims start on lines {', '.join(map(str, sorted(near)))}" if near else "; the file has no claims"
        raise LocationError(f"{location}: no claim {'at this column' if location.column else 'on this line'}{hint}")
    return found


# ---------------------------------------------------------------- the record

@dataclass(frozen=True)
class ClaimView:
    """One claim as the run saw it: where, what, who said it, and its extracted facts."""

    number: int  # index in Result.claims
    path: str
    source_id: str
    line: int
    start: int
    end: int
    text: str
    attribution: str | None
    event: int | None
    quantities: tuple[dict, ...]
    dates: tuple[dict, ...]
    names: tuple[dict, ...]
    quotes: tuple[dict, ...]
    negated: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """Whether the pair reached the rules, and by which door."""

    similarity: float | None  # cosine of the run's embedding vectors
    threshold: float
    linked: bool  # in the run's links (Result.links)
    link_reason: str  # why linked, or why not
    same_event: bool
    comparable: bool  # events.comparable
    comparable_reason: str  # events.comparable's reason when not
    anchors: tuple[str, ...]  # anchor words both claims hold (compare.anchors.anchor_keys)
    anchored: bool  # the pair is one of compare.anchors.anchor_pairs
    anchor_reason: str
    blocking: tuple[tuple[str, tuple[str, ...]], ...]  # (rule code, keys both claims share)
    blocked_for: tuple[str, ...]  # rules for which the pair is one of compare.blocked_pairs
    compared_by: tuple[str, ...]  # "link", "anchor", "blocking key of CNT001": how the run compared it


@dataclass(frozen=True)
class DifferenceView:
    """One aligned difference: the words of each claim between matched words (its frame)."""

    a: str
    b: str
    before: str  # matched words just before (claim a's)
    after: str  # matched words just after
    framed: bool  # sits in a frame and is short enough to be one value (compare.aligned.framed)


@dataclass(frozen=True)
class AlignmentView:
    coverage: float  # share of the shorter claim's content words matched in the other
    min_coverage: float  # below it the aligned rules say nothing
    matched: int  # words in matched runs
    differences: tuple[DifferenceView, ...]


@dataclass(frozen=True)
class ObservationView:
    kind: str
    severity: str
    confidence: float  # the rule's raw score (findings carry it calibrated, compare.calibration)
    values: tuple[str, ...]  # the compared span of each side
    norms: tuple[str, ...]


@dataclass(frozen=True)
class RuleVerdict:
    """What one registered rule says about the pair, and why."""

    code: str
    name: str
    scope: str  # "pair" or "corpus"
    reached: bool  # the run gave this rule the pair (pair rules) / scanned the corpus (corpus rules)
    verdict: str  # one line
    observations: tuple[ObservationView, ...] = ()
    findings: tuple[str, ...] = ()  # ids of the run's findings of this rule that involve both claims


@dataclass(frozen=True)
class FindingRef:
    id: str
    rule: str
    kind: str
    severity: str
    confidence: float
    explanation: str
    hidden: bool  # below the run's min_confidence


@dataclass(frozen=True)
class PairExplanation:
    """Why two claims were or were not flagged; ``summary`` is the answer in one line."""

    a: ClaimView
    b: ClaimView
    flagged: bool  # a discrepancy of the run involves both claims
    summary: str
    candidate: Candidate
    alignment: AlignmentView
    rules: tuple[RuleVerdict, ...]
    findings: tuple[FindingRef, ...] = field(default=())  # the run's findings that involve both claims

    def to_dict(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------- building it

def _claim_view(result: Result, n: int) -> ClaimView:
    c = result.claims[n]
    f = c.facts
    return ClaimView(
        number=n, path=c.path, source_id=c.source_id, line=c.line, start=c.start, end=c.end, text=c.text,
        attribution=c.attribution.text if c.attribution else None,
        event=result.groups.group_of.get(c.source_id) if result.groups is not None else None,
        quantities=tuple({"text": q.span.text, "value": q.value, "unit": q.unit, "noun": q.noun,
                          "qualifier": q.qualifier} for q in f.quantities),
        dates=tuple({"text": d.span.text, "from": d.start.isoformat() if d.start else None,
                     "to": d.end.isoformat() if d.end else None, "granularity": d.granularity,
                     "relative": d.relative} for d in f.dates),
        names=tuple({"text": m.span.text, "label": m.label} for m in f.names),
        quotes=tuple({"text": q.span.text, "speaker": q.speaker} for q in f.quotes),
        negated=tuple(sorted(f.negated)),
    )


def _similarity(result: Result, i: int, j: int) -> float | None:
    if result.vectors is None or len(result.vectors) <= max(i, j):
        return None
    return float(result.vectors[i] @ result.vectors[j])


def _closer(result: Result, i: int, j: int, sim: float) -> list[tuple[int, float]]:
    """Claims of j's source, of i's event, that i is more similar to than to j (the per-source cap keeps the best)."""
    a, b = result.claims[i], result.claims[j]
    event = result.groups.group_of.get(a.source_id)
    out = []
    for k, c in enumerate(result.claims):
        if k != j and c.source_id == b.source_id and result.groups.group_of.get(c.source_id) == event:
            s = _similarity(result, i, k)
            if s is not None and s > sim:
                out.append((k, s))
    return sorted(out, key=lambda x: -x[1])


def _link_reason(result: Result, i: int, j: int, sim: float | None, linked: bool, comparable: tuple[bool, str]) -> str:
    a, b = result.claims[i], result.claims[j]
    cluster = result.params.get("cluster", {})
    threshold = cluster.get("threshold", 0.6)
    per_source = cluster.get("per_source", 2)
    shown = "unknown" if sim is None else f"{sim:.3f}"
    if a.source_id == b.source_id:
        return "not linked: both claims are in one article, and only claims of different sources are compared"
    if linked:
        return f"linked: cosine {shown} >= threshold {threshold:g}, among each other's {per_source} best matches"
    if not comparable[0]:
        return f"not linked: {comparable[1]}, so the claims were not searched against each other"
    if sim is None:
        return "not linked (the run kept no vectors to say why)"
    if sim < threshold:
        return f"not linked: cosine {shown} is below the threshold {threshold:g}"
    over_a, over_b = _closer(result, i, j, sim), _closer(result, j, i, sim)
    if len(over_a) >= per_source and len(over_b) >= per_source:
        def best(over):
            return ", ".join(f"#{k} (line {result.claims[k].line}, {s:.3f})" for k, s in over[:per_source])

        return (f"not linked: cosine {shown} >= threshold {threshold:g}, but cut by the cap of {per_source} links per "
                f"source: claim #{i}'s best in {b.source_id} are {best(over_a)}; claim #{j}'s best in "
                f"{a.source_id} are {best(over_b)}")
    return (f"not linked: cosine {shown} >= threshold {threshold:g}, but neither claim has the other among its "
            f"{cluster.get('n_neighbors', 30)} nearest claims")


class RunView:
    """What explaining pairs of one run needs from the whole run, computed once for all its pairs:
    the rules it ran, its analysis context, and the anchor and blocked candidate pairs compare() formed."""

    def __init__(self, result: Result):
        from .compare import registry
        from .compare.base import ScanContext

        self.result = result
        codes = result.params.get("rules")
        self.rules = registry.active(select=set(codes)) if codes is not None else registry.active()
        self.context = ScanContext(same_event=result.groups.same, event_of=result.groups.group_of.get)
        self.links = set(result.links)
        self._anchored: set | None = None
        self._blocked: dict[str, set] = {}

    def anchored(self) -> set[tuple[int, int]]:
        from .compare.anchors import anchor_pairs

        if self._anchored is None:
            self._anchored = set(anchor_pairs(self.result.claims, self.links, self.result.groups, self.context))
        return self._anchored

    def blocked(self, rule) -> set[tuple[int, int]]:
        from .compare import blocked_pairs

        code = type(rule).code
        if code not in self._blocked:
            self._blocked[code] = set(blocked_pairs(rule, self.result.claims, self.links, self.result.groups))
        return self._blocked[code]


def _candidate(result: Result, i: int, j: int, run: RunView) -> Candidate:
    from .compare.anchors import MAX_SHARING, anchor_keys
    from .compare.base import Rule
    from .events import comparable

    a, b = result.claims[i], result.claims[j]
    groups, rules, context = result.groups, run.rules, run.context
    pair = (min(i, j), max(i, j))
    sim = _similarity(result, i, j)
    linked = pair in result.links
    if linked:
        sim = float(result.links[pair])
    ok = comparable(a, b, groups) if a.source_id != b.source_id else (False, "both claims are in one article")
    same_event = groups.same(a.source_id, b.source_id)

    shared = sorted(anchor_keys(a, context) & anchor_keys(b, context))
    anchored = False
    if linked:
        anchor_reason = "already linked"
    elif a.source_id == b.source_id:
        anchor_reason = "one article"
    elif not same_event:
        anchor_reason = "anchors pair claims of one event only"
    elif not shared:
        anchor_reason = "no anchor word (a figure, a name, a long rare word) in both claims"
    else:
        anchored = pair in run.anchored()
        if anchored:
            anchor_reason = f"paired by the anchor {', '.join(repr(k) for k in shared)}"
        else:
            event = groups.group_of.get(a.source_id)
            holders = {k: sum(k in anchor_keys(c, context) for c in result.claims
                              if groups.group_of.get(c.source_id) == event) for k in shared}
            anchor_reason = "every shared anchor is the story's topic (in more than " \
                            f"{MAX_SHARING} claims of the event: " + \
                            ", ".join(f"{k!r} in {n}" for k, n in holders.items()) + ")"

    blocking, blocked_for = [], []
    for rule in rules:
        if rule.scope != "pair" or type(rule).blocking_keys is Rule.blocking_keys:
            continue
        keys = tuple(sorted(set(rule.blocking_keys(a)) & set(rule.blocking_keys(b)), key=str))
        if keys:
            blocking.append((type(rule).code, tuple(map(str, keys))))
            if pair in run.blocked(rule):
                blocked_for.append(type(rule).code)
    compared_by = []
    if ok[0]:
        compared_by = (["link"] if linked else []) + (["anchor"] if anchored else []) + \
                      [f"blocking key of {code}" for code in blocked_for]
    threshold = result.params.get("cluster", {}).get("threshold", 0.6)
    return Candidate(similarity=sim, threshold=threshold, linked=linked,
                     link_reason=_link_reason(result, i, j, sim, linked, ok), same_event=same_event,
                     comparable=ok[0], comparable_reason=ok[1], anchors=tuple(shared), anchored=anchored,
                     anchor_reason=anchor_reason, blocking=tuple(blocking), blocked_for=tuple(blocked_for),
                     compared_by=tuple(compared_by))


def _words(words) -> str:
    return " ".join(w.text for w in words)


def _alignment_view(alignment, a: Claim) -> AlignmentView:
    """The run aligns the pair in source order; shown with claim A's words first."""
    from .compare.aligned import MIN_COVERAGE, framed

    value_sized = {id(d) for d in framed(alignment, insertions=True)}
    swap = alignment.a.key != a.key
    return AlignmentView(
        coverage=round(alignment.coverage, 3), min_coverage=MIN_COVERAGE, matched=alignment.matched,
        differences=tuple(DifferenceView(a=_words(d.b if swap else d.a), b=_words(d.a if swap else d.b),
                                         before=_words((d.left_b if swap else d.left_words)[-3:]),
                                         after=_words((d.right_b if swap else d.right_words)[:3]),
                                         framed=id(d) in value_sized)
                          for d in alignment.differences))


def _observation_view(o, a: Claim) -> ObservationView:
    """Claim A's side first."""
    sides = sorted(o.sides, key=lambda s: s.claim.key != a.key)
    return ObservationView(kind=o.kind.value, severity=o.severity.value, confidence=o.confidence,
                           values=tuple(s.value.text if s.value else s.claim.text for s in sides),
                           norms=tuple(s.norm for s in sides))


def _involves(f: Finding, a: Claim, b: Claim) -> bool:
    keys = {e.claim.key for e in f.evidence}
    return a.key in keys and b.key in keys


def _aligned_reason(rule, alignment, a: Claim) -> str:
    """Why an aligned rule saw nothing: the coverage gate, no value-sized difference, or none of its kind."""
    from .compare.aligned import MAX_SIDE_WORDS, MIN_COVERAGE, framed

    if alignment.coverage < MIN_COVERAGE:
        return (f"no observation: the claims share {alignment.coverage:.0%} of their content words, under the "
                f"{MIN_COVERAGE:.0%} an aligned rule needs to take them for one fact")
    candidates = list(framed(alignment, rule.accepts_insertions))
    if not alignment.differences:
        return "no observation: the two claims have the same words"
    if not candidates:
        return (f"no observation: no difference sits between matched words with at most {MAX_SIDE_WORDS} words "
                "on each side")
    pairs = [(d.a, d.b) if alignment.a.key == a.key else (d.b, d.a) for d in candidates[:4]]
    shown = "; ".join(" / ".join(f"'{_words(w)}'" if w else "(nothing)" for w in pair) for pair in pairs)
    return f"no observation: it classifies none of the framed differences as its kind ({shown})"


def _rule_verdicts(result: Result, a: Claim, b: Claim, candidate: Candidate, rules, alignment,
                   findings: list[Finding]) -> tuple[RuleVerdict, ...]:
    from .compare import _ordered
    from .compare.aligned import AlignedRule

    first, second = _ordered(a, b)
    similarity = candidate.similarity if candidate.linked else 0.0
    if similarity is None:
        similarity = 0.0
    verdicts: list[RuleVerdict] = []
    found_conflict: list[str] = []
    deferred = []
    for rule in rules:
        cls = type(rule)
        involving = tuple(f.id for f in findings if f.rule == cls.code and _involves(f, a, b))
        if rule.scope == "corpus":
            if involving:
                kinds = {f.kind.value for f in findings if f.id in involving}
                verdict = f"{' and '.join(sorted(kinds))}: a finding of the whole-corpus scan involves both claims"
            else:
                one = any(f.rule == cls.code and ({a.key, b.key} & {e.claim.key for e in f.evidence})
                          for f in findings)
                verdict = "no finding of the corpus scan involves both claims" + \
                          (" (one of them is in a finding of this rule)" if one else "")
            verdicts.append(RuleVerdict(cls.code, cls.name, "corpus", True, verdict, findings=involving))
            continue
        if rule.runs_last:
            deferred.append((rule, involving))
            continue
        if isinstance(rule, AlignedRule):
            observed = list(rule.compare_aligned(alignment, similarity))
            reached = bool(candidate.compared_by)  # every pair rule reads every candidate pair
            reason = _aligned_reason(rule, alignment, a) if not observed else ""
        else:
            observed = list(rule.compare(first, second, similarity))
            reached = bool(candidate.compared_by)
            reason = "no observation" if not observed else ""
        if any(o.kind is Kind.DISCREPANCY for o in observed):
            found_conflict.append(cls.code)
        others = tuple(sorted({f.rule for f in findings if f.rule != cls.code and f.kind is Kind.DISCREPANCY
                               and _involves(f, a, b)}))
        verdicts.append(_pair_verdict(cls, reached, observed, reason, involving, a, others))
    for rule, involving in deferred:  # as run_pair_rules: only when nothing conflicts
        cls = type(rule)
        reached = bool(candidate.compared_by)
        conflicted = [f.rule for f in findings if f.kind is Kind.DISCREPANCY and _involves(f, a, b)]
        if found_conflict or conflicted:
            verdicts.append(RuleVerdict(cls.code, cls.name, "pair", reached,
                                        f"silent: it speaks only when no rule finds a discrepancy, and "
                                        f"{', '.join(sorted(set(found_conflict + conflicted)))} did", findings=involving))
            continue
        observed = list(rule.compare(first, second, similarity))
        verdicts.append(_pair_verdict(cls, reached, observed, "no observation", involving, a))
    return tuple(verdicts)


def _pair_verdict(cls, reached: bool, observed, reason: str, involving, a: Claim,
                  others: tuple[str, ...] = ()) -> RuleVerdict:
    if observed:
        kinds = sorted({o.kind.value for o in observed})
        reason = f"{len(observed)} observation{'s' if len(observed) != 1 else ''} ({', '.join(kinds)})"
        if reached and not involving and others:  # compare.without_restated: one finding per fact
            reason += f"; not a finding of its own: {', '.join(others)} already report{'s' if len(others) == 1 else ''} it"
    if not reached:
        reason += " (the run did not give this rule the pair)"
    return RuleVerdict(cls.code, cls.name, "pair", reached, reason,
                       tuple(_observation_view(o, a) for o in observed), involving)


def _summary(a: Claim, b: Claim, candidate: Candidate, rules: tuple[RuleVerdict, ...],
             refs: tuple[FindingRef, ...]) -> tuple[bool, str]:
    from .compare import MAX_BLOCK

    disc = [r for r in refs if r.kind == Kind.DISCREPANCY.value]
    if disc:
        f = disc[0]
        hidden = " (hidden below the run's --min-confidence)" if f.hidden else ""
        return True, f"flagged: {f.rule} discrepancy {f.id}{hidden}: {f.explanation}"
    agreed = [r for r in refs if r.kind == Kind.AGREEMENT.value]
    tail = f"; {agreed[0].rule} counts them as agreeing: {agreed[0].explanation}" if agreed else ""
    if a.source_id == b.source_id:
        return False, "not flagged: both claims are in one article; only claims of different sources are compared"
    if not candidate.comparable:
        return False, f"not flagged: never compared, {candidate.comparable_reason}"
    if not candidate.compared_by:
        blocking = "no shared blocking key"
        if candidate.blocking:
            blocking = (f"blocking keys shared ({', '.join(code for code, _ in candidate.blocking)}) but held by more "
                        f"than {MAX_BLOCK} claims, too common to mean one fact")
        return False, (f"not flagged: never a candidate pair ({candidate.link_reason}; anchors: "
                       f"{candidate.anchor_reason}; {blocking})")
    observed = [r for r in rules if r.reached and any(o.kind == Kind.DISCREPANCY.value for o in r.observations)]
    if observed:
        return False, (f"not flagged: compared (as {', '.join(candidate.compared_by)}); "
                       f"{', '.join(r.code for r in observed)} observed a difference, but no discrepancy "
                       f"involving both claims came out of the merge{tail}")
    return False, f"not flagged: compared (as {', '.join(candidate.compared_by)}), and no rule found a difference{tail}"


def explain_pair(result: Result, i: int, j: int, run: RunView | None = None) -> PairExplanation:
    """Why claims ``i`` and ``j`` (numbers in ``result.claims``) were or were not flagged.

    ``run`` (a ``RunView`` of ``result``) shares the run-wide work between the pairs of one question.
    """
    n = len(result.claims)
    for k in (i, j):
        if isinstance(k, bool) or not isinstance(k, int) or not 0 <= k < n:
            raise ValueError(f"claim numbers run from 0 to {n - 1} (got {k!r})")
    if i == j:
        raise ValueError("both claims are the same claim")
    run = run if run is not None else RunView(result)
    rules, context = run.rules, run.context
    a, b = result.claims[i], result.claims[j]
    candidate = _candidate(result, i, j, run)
    from .compare import _ordered

    alignment = context.alignment(*_ordered(a, b))
    every = list(result.findings) + list(result.hidden)
    hidden = {f.id for f in result.hidden}
    refs = tuple(FindingRef(f.id, f.rule, f.kind.value, f.severity.value, f.confidence, f.explanation, f.id in hidden)
                 for f in every if _involves(f, a, b))
    verdicts = _rule_verdicts(result, a, b, candidate, rules, alignment, every)
    flagged, summary = _summary(a, b, candidate, verdicts, refs)
    return PairExplanation(a=_claim_view(result, i), b=_claim_view(result, j), flagged=flagged, summary=summary,
                           candidate=candidate, alignment=_alignment_view(alignment, a), rules=verdicts, findings=refs)


def explain_locations(result: Result, first: Location, second: Location) -> list[PairExplanation]:
    """Every pair of a claim at ``first`` and a claim at ``second`` (a line may hold several claims)."""
    left, right = claims_at(result, first), claims_at(result, second)
    pairs = [(i, j) for i in left for j in right if i != j]
    if not pairs:
        raise LocationError(f"{first} and {second} name the same claim")
    run = RunView(result)
    return [explain_pair(result, i, j, run) for i, j in pairs]
