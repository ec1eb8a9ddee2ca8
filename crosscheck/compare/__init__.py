"""Compare stage: run the rules on linked claim pairs and over the corpus, then
merge their observations into findings.

Observations are pairwise; a finding is what an editor reviews: every claim
that took part in one agreement or conflict about one fact. Sides that share
a claim and value are joined (union-find), so "000 and 002 say 'a decade';
001 says 'over a decade'" is one finding, not two.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..events import EventGroups, bridge_keys, comparable
from ..model import Claim, Evidence, Finding, Kind, Observation, Severity, SkippedPair
from . import registry
from .aligned import AlignedRule
from .anchors import anchor_pairs, cross_source_pairs
from .base import Rule, ScanContext
from .calibration import Calibration
from .syndication import Copies


@dataclass
class CompareResult:
    findings: list[Finding] = field(default_factory=list)
    skipped: list[SkippedPair] = field(default_factory=list)
    compared_pairs: int = 0


def _ordered(a: Claim, b: Claim) -> tuple[Claim, Claim]:
    if b.source_id < a.source_id or (b.source_id == a.source_id and b.start < a.start):
        return b, a  # pure and order-free: the same pair always reads the same way
    return a, b


def run_pair_rules(rules: Sequence[Rule], a: Claim, b: Claim, similarity: float,
                   conflicted: frozenset = frozenset(), context: ScanContext | None = None) -> list[Observation]:
    """All observations on one pair; rules marked ``runs_last`` speak only if nothing conflicts.

    ``conflicted`` holds pairs (claim keys) that a corpus rule already found in conflict;
    ``context`` is the run's analysis, which aligned rules read the pair's alignment from.
    """
    a, b = _ordered(a, b)
    found: list[Observation] = []
    for rule in rules:
        if rule.scope == "pair" and not rule.runs_last:
            if isinstance(rule, AlignedRule):
                if context is not None:
                    found.extend(rule.compare_aligned(context.alignment(a, b), similarity))
            else:
                found.extend(rule.compare(a, b, similarity))
    if (a.key, b.key) not in conflicted and not any(o.kind is Kind.DISCREPANCY for o in found):
        for rule in rules:
            if rule.scope == "pair" and rule.runs_last:
                found.extend(rule.compare(a, b, similarity))
    return found


MAX_BLOCK = 40  # a blocking key shared by more claims of one event is too common to mean "the same fact"


def blocked_pairs(rule: Rule, claims: Sequence[Claim], linked: set[tuple[int, int]],
                  groups: EventGroups | None = None) -> list[tuple[int, int]]:
    """Cross-source pairs that share one of the rule's blocking keys and are not linked already.

    Embedding similarity misses pairs whose sentences differ in everything but
    the fact ("killed nine activists" in a long sentence vs "nine citizens and
    a national were killed in the incident"); a rule may name the facts it
    compares as keys, and claims sharing a key become candidates for that rule.
    With ``groups``, a key is shared within one event group, or across groups
    between claims that also share a bridge key (a year and a participant,
    see ``events.bridge_keys``): in an archive of thousands of stories a key
    like "people killed" is common, but not within one story, and other pairs
    across stories are not compared anyway.
    """
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        keys = set(rule.blocking_keys(claim))
        if groups is None:
            scopes: list[tuple] = [()]
        else:
            scopes = [("event", groups.group_of.get(claim.source_id))]
            scopes += [("bridge", bridge) for bridge, _ in bridge_keys(claim)] if keys else []
        for key in keys:
            for scope in scopes:
                blocks[(scope, key)].append(i)
    return cross_source_pairs(claims, blocks.values(), MAX_BLOCK, linked)


def _unless_copied(found: list[Observation], a: Claim, b: Claim, sentences: Copies) -> list[Observation]:
    """No discrepancy between a sentence and another sentence of an article that carries it word for
    word: a wire copy's sentence is compared with its own copy there, not with its neighbours."""
    if not any(o.kind is Kind.DISCREPANCY for o in found):
        return found
    ka, kb = sentences.key_of[a.key], sentences.key_of[b.key]
    if ka != kb and (sentences.carries(b.source_id, ka) or sentences.carries(a.source_id, kb)):
        return [o for o in found if o.kind is not Kind.DISCREPANCY]
    return found


def blocked_candidates(claims: Sequence, linked: set[tuple[int, int]], groups: EventGroups,
                       rules: Sequence[Rule]) -> list[tuple[int, int]]:
    """The pairs that pair rules' blocking keys make candidates besides the links (``blocked_pairs`` of
    every pair rule that names keys), sorted. ``claims`` need only what ``blocked_pairs`` reads (the Dask
    engine passes stored keys instead of claims)."""
    pairs: set[tuple[int, int]] = set()
    for rule in rules:
        if rule.scope == "pair" and type(rule).blocking_keys is not Rule.blocking_keys:
            pairs.update(blocked_pairs(rule, claims, linked, groups))
    return sorted(pairs)


# ---------------------------------------------------------------- comparison, whole or in parts
#
# ``compare`` is ``compare_part`` over one part that is the whole corpus, with the corpus-wide rules
# beside it; the Dask engine calls ``compare_part`` once per part of whole events and the corpus-wide
# rules in a task of their own. Observations carry an order key (corpus rules, then the links in
# order, then the other candidate pairs in order), so the parts' observations, sorted by key, are
# the whole corpus' in the order ``findings_of`` merges them into the same findings.

# corpus rules whose scans pair claims of one event only (read in their code; others run corpus-wide)
EVENT_LOCAL_SCANS = frozenset({"ATT001", "CNT002", "DAT001", "QUO001"})


# the Facts fields a corpus-wide rule's scan reads (read in its code): the Dask engine's corpus task loads
# every claim with only these (``facts_read``); a corpus-wide rule not listed here gets every fact
SCAN_FACTS = {"NAM001": ("names", "content"), "ROL002": ("names",)}  # ROL002: extract.titles reads the names


def facts_read(rules: Sequence[Rule]) -> tuple[str, ...] | None:
    """The Facts fields the corpus-wide rules' scans read, or None when one of them may read any."""
    fields: set[str] = set()
    for rule in filter(corpus_wide, rules):
        found = SCAN_FACTS.get(type(rule).code)
        if found is None:
            return None
        fields.update(found)
    return tuple(sorted(fields))


def corpus_wide(rule: Rule) -> bool:
    """A corpus rule whose scan reads the whole corpus (NAM001: spellings across events, corpus statistics)."""
    return rule.scope == "corpus" and type(rule).code not in EVENT_LOCAL_SCANS


def scan_corpus_wide(claims: Sequence[Claim], rules: Sequence[Rule], context: ScanContext) -> list[tuple]:
    """The corpus-wide rules' observations over every claim, with their order keys (agreements that
    are only wire copies agreeing left out: ``syndication``)."""
    found = [((0, r, -1, n), o) for r, rule in enumerate(rules) if corpus_wide(rule)
             for n, o in enumerate(rule.scan(claims, context))]
    if not found:
        return found
    named = {s.claim.source_id for _, o in found for s in o.sides}  # whether two are copies: their claims tell
    return told_once(found, Copies(c for c in claims if c.source_id in named))


def told_once(keyed: list[tuple], copies: Copies) -> list[tuple]:
    """(order key, observation) pairs less the agreements that are only wire copies agreeing; ``copies``
    is read from every claim of the articles the observations name (whole articles)."""
    return [(k, o) for k, o in keyed if not copies.copies_only(o)]


def conflicted_pairs(observations) -> frozenset:
    """Claim-key pairs that a corpus rule found in conflict: the pairs ``runs_last`` rules keep quiet on."""
    return frozenset(tuple(sorted((s.claim.key for s in o.sides[:2])))
                     for o in observations if o.kind is Kind.DISCREPANCY and len(o.sides) >= 2)


@dataclass
class ComparedPart:
    """A part's observations with their place in the whole corpus' order, and its skipped pairs by pair."""

    observations: list = field(default_factory=list)  # (order key, Observation)
    skipped: list = field(default_factory=list)  # ((i, j), SkippedPair)
    compared_pairs: int = 0


def corpus_view(size: int, own: Sequence[int], claim_at) -> list[Claim]:
    """The corpus' ``size`` claims as a part's event-local scans see it: its own claims at their corpus
    numbers, a claim without facts everywhere else. A scan then numbers and orders what it finds as
    over the whole corpus (QUO001 orders agreements by claim number), at one reference per claim."""
    from ..model import Article

    view: list = [None] * size
    for i in own:
        view[i] = claim_at(i)
    if len(own) < size:
        blank_article = Article(path="", source_id="\x00blank", text=" ")
        blank = Claim(blank_article, blank_article.source_id, 0, 1)
        view = [blank if c is None else c for c in view]
    return view


def compare_part(part: int, own: Sequence[int], claim_at, links: dict[tuple[int, int], float],
                 blocked: Sequence[tuple[int, int]], groups: EventGroups, rules: Sequence[Rule],
                 conflicted_elsewhere: frozenset = frozenset(), size: int | None = None,
                 read: Sequence[Claim] = (), context: ScanContext | None = None) -> ComparedPart:
    """The comparison of one part of the corpus: its event-local corpus rules (``scan_part``), then its
    pairs (``compare_pairs``). ``own`` are the corpus numbers of its claims (whole events, ascending) of
    ``size`` in all and ``claim_at`` gives a claim by its number; ``links`` (links and nearby pairs) and
    ``blocked`` (``blocked_candidates``) are the corpus pairs whose first claim is its own;
    ``conflicted_elsewhere`` what the corpus-wide rules found in conflict; ``read`` every claim of the
    articles the pairs reach (whole articles), own or not."""
    context = context or ScanContext(same_event=groups.same, event_of=groups.group_of.get)
    scanned = scan_part(part, own, claim_at, rules, context, size, read)
    done = compare_pairs(own, claim_at, links, blocked, groups, rules,
                         conflicted_elsewhere | conflicted_pairs(o for _, o in scanned), read, context)
    done.observations = sorted((*scanned, *done.observations), key=lambda ko: ko[0])
    return done


def scan_part(part: int, own: Sequence[int], claim_at, rules: Sequence[Rule], context: ScanContext,
              size: int | None = None, read: Sequence[Claim] = ()) -> list[tuple]:
    """The event-local corpus rules over one part's claims, with their order keys."""
    view = corpus_view(max(own, default=-1) + 1 if size is None else size, own, claim_at)
    found = [((0, r, part, n), o) for r, rule in enumerate(rules) if rule.scope == "corpus" and not corpus_wide(rule)
             for n, o in enumerate(rule.scan(view, context))]
    return told_once(found, Copies(read)) if found else found


def compare_pairs(own: Sequence[int], claim_at, links: dict[tuple[int, int], float],
                  blocked: Sequence[tuple[int, int]], groups: EventGroups, rules: Sequence[Rule],
                  conflicted: frozenset, read: Sequence[Claim], context: ScanContext) -> ComparedPart:
    """The pair rules over one part's pairs: its links and nearby pairs in order, then its other
    candidates (anchors within its events, and ``blocked``) in order; ``conflicted`` the claim pairs the
    corpus rules found in conflict."""
    claims = [claim_at(i) for i in own]
    out = ComparedPart()
    copies = Copies(read)  # whether an article carries a sentence, or is a copy: its own claims tell

    def compared(a: Claim, b: Claim, sim: float) -> list:
        out.compared_pairs += 1
        return _unless_copied(run_pair_rules(rules, a, b, sim, conflicted, context), a, b, copies)

    for (i, j), sim in sorted(links.items()):
        a, b = claim_at(i), claim_at(j)
        ok, why = comparable(a, b, groups)
        if not ok:
            out.skipped.append(((i, j), SkippedPair(a, b, sim, why)))
            continue
        out.observations.extend(((1, i, j, n), o) for n, o in enumerate(compared(a, b, sim)))
    local = {g: n for n, g in enumerate(own)}
    linked = {(local[i], local[j]) for i, j in links if i in local and j in local}
    # not linked, so their similarity is taken as 0: rules that grade confidence by it stay unsure of them
    pairs = {(own[i], own[j]) for i, j in anchor_pairs(claims, linked, groups, context)} | set(blocked)
    for i, j in sorted(pairs):
        a, b = claim_at(i), claim_at(j)
        if comparable(a, b, groups)[0]:
            out.observations.extend(((2, i, j, n), o) for n, o in enumerate(compared(a, b, 0.0)))
    out.observations = told_once(out.observations, copies)
    return out


def findings_of(observations: Sequence[Observation], calibration: Calibration | None = None) -> list[Finding]:
    """The findings of observations in the corpus' order (sorted by order key): merged, then calibrated
    (``calibration`` maps discrepancy scores to calibrated confidence; None leaves the rules' raw scores)."""
    findings = merge(without_restated(observations))
    return sort_findings(calibration.apply(findings)) if calibration is not None else findings


def compare(claims: Sequence[Claim], links: dict[tuple[int, int], float], groups: EventGroups,
            rules: Sequence[Rule] | None = None, calibration: Calibration | None = None) -> CompareResult:
    """Every rule over the candidate pairs and the corpus: the whole corpus as one part
    (``compare_part``), the corpus-wide rules beside it."""
    rules = list(rules) if rules is not None else registry.active()
    context = ScanContext(same_event=groups.same, event_of=groups.group_of.get)
    wide = scan_corpus_wide(claims, rules, context)
    blocked = blocked_candidates(claims, set(links), groups, rules)
    done = compare_part(0, range(len(claims)), claims.__getitem__, links, blocked, groups, rules,
                        conflicted_pairs(o for _, o in wide), size=len(claims), read=claims, context=context)
    observations = sorted((*wide, *done.observations), key=lambda ko: ko[0])
    return CompareResult(findings_of([o for _, o in observations], calibration), [s for _, s in done.skipped],
                         done.compared_pairs)


# ---------------------------------------------------------------- merging

def _overlaps(x, y) -> bool:
    return x is None or y is None or (x.start < y.end and y.start < x.end)


def without_restated(observations: Sequence[Observation]) -> list[Observation]:
    """Observations another rule already reports leave the stage.

    The aligned classifiers are the general net; when QTY001, CNT001 or DAT001
    report a discrepancy over the same values of the same claims, one finding
    per fact is what an editor wants to review.
    """
    aligned = {code for code, rule in registry.RULES.items() if issubclass(rule, AlignedRule)}
    spans: dict[tuple, list] = defaultdict(list)
    for obs in observations:
        if obs.rule not in aligned and obs.kind is Kind.DISCREPANCY:
            for s in obs.sides:
                spans[s.claim.key].append(s.value)
    kept = [
        obs for obs in observations
        if obs.rule not in aligned
        or not all(any(_overlaps(s.value, v) for v in spans.get(s.claim.key, ())) for s in obs.sides)
    ]
    # two rules reporting the very same values of the same claims ("38-word" / "35-word" by CNT001 and
    # CNT002): the rule listed first in the registry keeps it
    order = {code: n for n, code in enumerate(registry.RULES)}
    first: dict[frozenset, str] = {}
    for obs in sorted(kept, key=lambda o: order.get(o.rule, len(order))):
        if obs.kind is Kind.DISCREPANCY:
            first.setdefault(_values_of(obs), obs.rule)
    return [obs for obs in kept if obs.kind is not Kind.DISCREPANCY or first[_values_of(obs)] == obs.rule]


def _values_of(obs: Observation) -> frozenset:
    return frozenset((s.claim.key, s.value.start if s.value else None, s.value.end if s.value else None)
                     for s in obs.sides)


def _node(side) -> tuple:
    v = side.value
    return (side.claim.source_id, side.claim.start, side.claim.end, v.start if v else -1, v.end if v else -1)


def merge(observations: Sequence[Observation]) -> list[Finding]:
    """Join observations of one rule that share a (claim, value) side into findings."""
    by_rule: dict[str, list[Observation]] = defaultdict(list)
    for obs in observations:
        by_rule[obs.rule].append(obs)
    findings: list[Finding] = []
    for code, group in sorted(by_rule.items()):
        rule = registry.RULES[code]
        parent: dict[tuple, tuple] = {}

        def find(x):
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for obs in group:
            nodes = [_node(s) for s in obs.sides]
            for n in nodes[1:]:
                parent[find(n)] = find(nodes[0])
        components: dict[tuple, list[Observation]] = defaultdict(list)
        for obs in group:
            components[find(_node(obs.sides[0]))].append(obs)
        for members in components.values():
            findings.append(_finding(rule, members))
    return assign_ids(findings)


def _finding(rule: type[Rule], members: list[Observation]) -> Finding:
    sides = {}
    for obs in members:
        for s in obs.sides:
            sides.setdefault(_node(s), s)
    evidence = tuple(
        Evidence(claim=s.claim, value=s.value, norm=s.norm)
        for s in sorted(sides.values(), key=lambda s: (s.claim.source_id, s.claim.start, s.value.start if s.value else -1))
    )
    conflicts = [o for o in members if o.kind is Kind.DISCREPANCY]
    variants = [o for o in members if o.kind is Kind.VARIANT]
    kind = Kind.DISCREPANCY if conflicts else Kind.VARIANT if variants else Kind.AGREEMENT
    chosen = conflicts or members
    severity = max((o.severity for o in chosen), key=lambda s: s.rank)
    confidence = max(o.confidence for o in chosen)
    return Finding(
        id="",
        kind=kind,
        category=rule.category,
        rule=rule.code,
        severity=severity if kind is Kind.DISCREPANCY else Severity.LOW,
        confidence=confidence,
        explanation=explain(kind, evidence, members),
        evidence=evidence,
    )


def _labels(evidence: Sequence[Evidence]) -> str:
    names = sorted({e.claim.article.label for e in evidence})
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def explain(kind: Kind, evidence: Sequence[Evidence], members: Sequence[Observation]) -> str:
    """One line: "001 says 'over a decade'; 000 and 002 say 'a decade'"."""
    groups: dict[str, list[Evidence]] = defaultdict(list)
    for e in evidence:
        groups[e.norm].append(e)
    if kind is Kind.AGREEMENT and len(groups) == 1:
        phrase = next((o.detail.get("phrase") for o in members if o.detail.get("phrase")), None)
        shown = phrase or _short(evidence[0].value_text)
        return f"{_labels(evidence)} agree: '{shown}'"
    parts = []
    for norm, evs in sorted(groups.items(), key=lambda kv: (len(kv[1]), kv[0])):
        verb = "says" if len({e.claim.source_id for e in evs}) == 1 else "say"
        values = sorted({_short(e.value_text) for e in evs})
        parts.append(f"{_labels(evs)} {verb} " + " / ".join(f"'{v}'" for v in values))
    return "; ".join(parts)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def assign_ids(findings: list[Finding]) -> list[Finding]:
    """Content-derived ids: rule, kind, the values compared and the sources involved.

    No offsets, no order: reordering inputs or adding an unrelated article
    changes no id, while editing a claim's words keeps the id (the review
    fingerprint notices the edit) unless the compared values change.
    """
    from dataclasses import replace

    def base(f: Finding) -> str:
        norms = sorted({e.norm for e in f.evidence})
        sources = sorted({e.claim.source_id for e in f.evidence})
        return "\x1f".join([f.rule, f.kind.value, *norms, "\x1e", *sources])

    def claims_key(f: Finding) -> str:
        return "\x1f".join(sorted(f"{e.claim.source_id}\x1d{e.claim.text}\x1d{e.value_text}" for e in f.evidence))

    by_base: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_base[base(f)].append(f)
    out = []
    for key, same in by_base.items():
        if len(same) > 1:  # same rule, values and sources twice: tell them apart by their claims
            same.sort(key=claims_key)
        for n, f in enumerate(same):
            fid = key if n == 0 else key + "\x1c" + claims_key(f)
            out.append(replace(f, id=hashlib.sha1(fid.encode()).hexdigest()[:12]))
    return sort_findings(out)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Discrepancies first, most severe first, then by place in the inputs."""
    def key(f: Finding):
        first = f.evidence[0].claim
        return (f.kind is not Kind.DISCREPANCY, -f.severity.rank, -f.confidence, first.source_id, first.start, f.id)

    return sorted(findings, key=key)
