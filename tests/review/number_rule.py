"""A small test-only discrepancy rule, standing in for the real count rule in the review tests."""
import re

from crosscheck.compare.base import Rule, side
from crosscheck.model import Kind, Severity, Span

_NUMBER = re.compile(r"\b(\d+)\s+([a-z]+)")


class NumberDiffers(Rule):
    """Two claims give different numbers before the same word (test-only rule).

    ## What it does
    Reports a discrepancy when two linked claims say "N word" and "M word"
    with N != M.

    ## Why it matters
    It stands in for the real count rule in the review tests, so they test
    the review machinery and not the rule's tuning.

    ## Example
    "killed 12 people" and "killed 15 people".
    """

    code = "TST001"
    name = "number-differs"
    category = "count"
    severity = Severity.MEDIUM

    def compare(self, a, b, similarity):
        found = []
        for ma in _NUMBER.finditer(a.text):
            for mb in _NUMBER.finditer(b.text):
                if ma.group(2) == mb.group(2) and ma.group(1) != mb.group(1):
                    severity = Severity.HIGH if ma.group(2) in ("people", "dead") else Severity.MEDIUM
                    found.append(self.observe(Kind.DISCREPANCY, [_side(a, ma), _side(b, mb)], severity=severity,
                                              confidence=0.9))
        return found


def _side(claim, m):
    start, end = claim.start + m.start(1), claim.start + m.end(1)
    return side(claim, Span(start, end, claim.article.text[start:end]), m.group(1))
