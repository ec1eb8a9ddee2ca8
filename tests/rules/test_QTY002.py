"""QTY002 qualifier-mismatch: the same figure, hedged in ways that say different things."""
import pytest

from crosscheck.compare.rules.qualifier_mismatch import QualifierMismatch
from crosscheck.model import Kind

SIMILARITY = 0.8


def observe(claim_of, text_a, text_b, similarity=SIMILARITY):
    a, b = claim_of(text_a, source_id="a.txt"), claim_of(text_b, source_id="b.txt")
    return list(QualifierMismatch().compare(a, b, similarity))


@pytest.mark.parametrize("text_a, text_b, shown", [
    ("It is the museum's first major renovation in a decade.",
     "It is the museum's first major renovation in over a decade.", {"a decade", "over a decade"}),
    ("The hospital laid off 300 workers last month, the union said.",
     "The hospital laid off more than 300 workers last month, the union said.",
     {"300 workers", "more than 300 workers"}),
    ("The charity raised about $45,000 at its spring gala.",
     "The charity raised more than $45,000 at its spring gala.", {"about $45,000", "more than $45,000"}),
    ("Nearly 90 minutes passed before firefighters reached the warehouse.",
     "More than 90 minutes passed before firefighters reached the warehouse.",
     {"Nearly 90 minutes", "More than 90 minutes"}),
])
def test_conflicting_qualifiers_on_the_same_figure(claim_of, text_a, text_b, shown):
    found = observe(claim_of, text_a, text_b)
    assert [o.kind for o in found] == [Kind.DISCREPANCY]
    assert {s.value.text for s in found[0].sides} == shown
    assert len({s.norm for s in found[0].sides}) == 2


@pytest.mark.parametrize("text_a, text_b", [
    ("Over 500 homes were damaged by the tornado.", "More than 500 homes were damaged by the tornado."),
    ("The trail runs about 40 miles along the coast.", "The trail runs roughly 40 miles along the coast."),
    ("The hearing lasted nearly three hours on Monday.", "The hearing lasted almost three hours on Monday."),
    ("The agency fined the bank about $2 million.", "The agency fined the bank $2 million."),
    ("An estimated 800 people attended the vigil.", "Some 800 people attended the vigil."),
])
def test_synonymous_qualifiers_are_not_a_mismatch(claim_of, text_a, text_b):
    assert observe(claim_of, text_a, text_b) == []


def test_a_threshold_is_not_a_hedge(claim_of):
    found = observe(claim_of, "The governor requested $5 million for the new bridge.",
                    "The governor would not accept anything less than $5 million for the new bridge.")
    assert found == []


def test_the_same_round_figure_about_different_things_is_not_compared(claim_of):
    found = observe(claim_of, "More than 200 officers were deployed downtown on Saturday.",
                    "Police arrested 200 protesters downtown on Saturday.")
    assert found == []
