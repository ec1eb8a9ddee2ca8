"""QTY001: two sources give different figures for the same amount."""
from __future__ import annotations

from ...model import Claim, Severity
from ..base import Rule
from ..quantity_pairs import figure_observations


class QuantityMismatch(Rule):
    """Two sources give different figures for the same amount.

    ## What it does
    Aligns the figures of two similar claims one to one (same unit, same
    surroundings: see ``compare.quantity_pairs``) and reports a discrepancy
    when two aligned figures cannot both be right, after allowing for the
    rounding each states ("$1.4 billion" covers "$1.375 billion") and for
    bounds ("at least 30" covers 31). Aligned figures that agree are reported
    as agreements. Figures each dated by a closed year or span of years with
    none in common ("for 2014" / "from 2007 through 2014") are two figures,
    never a conflict. Counts of discrete things are left to CNT001.

    ## Why it matters
    A wrong amount of money, a wrong duration or a wrong statistic is the
    kind of error readers quote back; when outlets disagree, at least one of
    them needs a correction.

    ## Example
    "Trump would also seek to unlock money from the military construction
    budget, to the tune of $3.5 billion" and "enables the president to divert
    $3.6 billion from military construction projects": $3.5 billion vs
    $3.6 billion.
    """

    code = "QTY001"
    name = "quantity-mismatch"
    category = "quantity"
    severity = Severity.HIGH

    def compare(self, a: Claim, b: Claim, similarity: float):
        return figure_observations(self, a, b, similarity, counts=False)  # counts are CNT001's
