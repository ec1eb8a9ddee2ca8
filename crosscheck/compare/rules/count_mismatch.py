"""CNT001: two sources count the same discrete things differently."""
from __future__ import annotations

from ...model import Claim, Severity
from ..base import Rule
from ..quantity_pairs import figure_observations


class CountMismatch(Rule):
    """Two sources count the same discrete things differently.

    ## What it does
    Compares exact counts of discrete things — people killed, pages, seats,
    votes — between two similar claims, once each count is aligned with the
    count of the same things in the other claim (same counted noun or same
    predicate, same surroundings). Coordinated counts are summed first:
    "nine citizens and a dual national were killed" counts ten. Counts that
    differ are a discrepancy; equal counts an agreement. Large rounded
    figures ("800,000 workers") are statistics, left to QTY001.

    ## Why it matters
    A death toll or a vote count that differs between outlets is either an
    error or a story that moved on; an editor has to know which.

    ## Example
    "Commandos killed nine activists aboard the ship" and "Nine citizens and
    a dual national were killed in the raid": 9 vs 10 killed.
    """

    code = "CNT001"
    name = "count-mismatch"
    category = "count"
    severity = Severity.HIGH

    def blocking_keys(self, claim: Claim):
        """Who was counted doing what: ("kill", "turkish") for "killed nine Turkish activists"."""
        for q in claim.facts.quantities:
            if q.is_count and q.head:
                for owner in q.owners:
                    yield f"{q.head}|{owner}"

    def compare(self, a: Claim, b: Claim, similarity: float):
        return figure_observations(self, a, b, similarity, counts=True)
