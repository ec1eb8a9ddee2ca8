"""Recall of the generator's logged alterations, from a run's findings and links.

An injected discrepancy counts as *found* when a discrepancy finding holds a
claim of the altered article whose value (or, for whole-claim evidence, the
claim) overlaps the altered value, together with a claim of another article.
It counts as a *candidate* when the clustering linked a claim overlapping the
altered value to a claim overlapping the original value in the base article:
no rule can find a conflict between claims that were never paired, so
candidate recall bounds finding recall from above. A benign (style) edit
that ends up in a discrepancy finding is a false alarm.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crosscheck.model import Claim, Finding, Kind


def load_log(corpus: Path) -> list[dict] | None:
    path = corpus / "alterations.json"
    return json.loads(path.read_text())["alterations"] if path.exists() else None


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


class ClaimIndex:
    """Claims by source id, to find those covering a logged character range."""

    def __init__(self, claims: Sequence[Claim]):
        self.by_source: dict[str, list[tuple[int, Claim]]] = defaultdict(list)
        for i, c in enumerate(claims):
            self.by_source[c.source_id].append((i, c))

    def covering(self, where: Mapping) -> set[int]:
        return {i for i, c in self.by_source.get(where["source_id"], ())
                if _overlaps(c.start, c.end, where["start"], where["end"])}


@dataclass
class Recall:
    injected: int = 0
    extracted: int = 0  # the altered value lies in some claim of the altered article
    candidates: int = 0  # ... and that claim was paired with the original's claim
    found: int = 0  # ... and a discrepancy finding holds it
    found_same_category: int = 0
    by_category: dict[str, list[int]] = field(default_factory=dict)  # category -> [injected, found]
    benign: int = 0
    benign_flagged: int = 0  # false alarms on style-only edits
    discrepancies: int = 0  # discrepancy findings in the run
    unmatched_discrepancies: int = 0  # touching no logged alteration

    def as_dict(self) -> dict:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        return {
            "injected": self.injected, "extracted": self.extracted, "candidates": self.candidates,
            "found": self.found, "found_same_category": self.found_same_category,
            "candidate_recall": ratio(self.candidates, self.injected), "recall": ratio(self.found, self.injected),
            "recall_same_category": ratio(self.found_same_category, self.injected),
            "by_category": {k: {"injected": v[0], "found": v[1], "recall": ratio(v[1], v[0])}
                            for k, v in sorted(self.by_category.items())},
            "benign": self.benign, "benign_flagged": self.benign_flagged,
            "discrepancies": self.discrepancies, "unmatched_discrepancies": self.unmatched_discrepancies,
        }


def on_altered_value(entry: Mapping, findings: Iterable[Finding]) -> Iterator[Finding]:
    """The findings with evidence on the altered value (a whole-claim evidence counts when its claim
    holds it), once for each such evidence."""
    where = entry["altered"]
    for f in findings:
        for e in f.evidence:
            c = e.claim
            if c.source_id != where["source_id"]:
                continue
            start, end = (e.value.start, e.value.end) if e.value is not None else (c.start, c.end)
            if _overlaps(start, end, where["start"], where["end"]):
                yield f


def _flagged(entry: Mapping, findings: Iterable[Finding]) -> tuple[bool, bool, set[int]]:
    """(found, found with the logged category, ids of the findings that found it)."""
    hit, same, ids = False, False, set()
    for f in on_altered_value(entry, findings):
        if len(f.sources) >= 2:
            hit = True
            same = same or f.category == entry["category"]
            ids.add(id(f))
    return hit, same, ids


def score(log: Sequence[Mapping], claims: Sequence[Claim], links: Iterable[tuple[int, int]],
          findings: Sequence[Finding]) -> Recall:
    index = ClaimIndex(claims)
    linked: dict[int, set[int]] = defaultdict(set)
    for i, j in links:
        linked[i].add(j)
        linked[j].add(i)
    discrepancies = [f for f in findings if f.kind is Kind.DISCREPANCY]
    by_source: dict[str, list[Finding]] = defaultdict(list)
    for f in discrepancies:
        for s in f.sources:
            by_source[s].append(f)
    result = Recall(discrepancies=len(discrepancies))
    matched: set[int] = set()
    for entry in log:
        near = by_source.get(entry["altered"]["source_id"], [])
        hit, same, ids = _flagged(entry, near)
        if entry["kind"] == "benign":
            result.benign += 1
            result.benign_flagged += hit
            continue
        result.injected += 1
        counts = result.by_category.setdefault(entry["category"], [0, 0])
        counts[0] += 1
        altered = index.covering(entry["altered"])
        original = index.covering(entry["original"])
        result.extracted += bool(altered)
        result.candidates += any(linked[i] & original for i in altered)
        result.found += hit
        result.found_same_category += same
        counts[1] += hit
        matched |= ids
    result.unmatched_discrepancies = sum(id(f) not in matched for f in discrepancies)
    return result
