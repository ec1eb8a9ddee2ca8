"""QTY002: the same figure, hedged differently ("$250,000" vs "more than $250,000")."""
from __future__ import annotations

from ...model import Claim, Kind, Severity
from ..base import Rule, side
from ..quantity_pairs import QUALIFIER, align, norm


class QualifierMismatch(Rule):
    """Two sources give the same figure with qualifiers that say different things.

    ## What it does
    For aligned figures with the same value, compares their qualifiers by
    class: exact, about ("about", "roughly", "approximately", "some", "an
    estimated"), over ("over", "more than"), at least, under ("less than",
    "fewer than"), at most ("up to", "as many as") and almost ("nearly",
    "almost"). Classes that contradict each other — "over" against an exact
    figure, "about" or "almost"; "under" against "over" — are a discrepancy.
    Synonyms within a class, and "about" against a plain figure, are not.

    ## Why it matters
    "Converted $250,000" and "converted more than $250,000" differ in what
    the reader learns; a careful desk settles which the record supports.

    ## Example
    "the first visit by a defense minister in a decade" and "the first visit
    by a defense minister in over a decade".
    """

    code = "QTY002"
    name = "qualifier-mismatch"
    category = "quantity"
    severity = Severity.MEDIUM

    def compare(self, a: Claim, b: Claim, similarity: float):
        return [
            self.observe(Kind.DISCREPANCY, [side(a, p.a.span, norm(p.a)), side(b, p.b.span, norm(p.b))],
                         confidence=p.confidence, evidence=p.evidence)
            for p in align(a, b, similarity)
            if p.relation == QUALIFIER
        ]
