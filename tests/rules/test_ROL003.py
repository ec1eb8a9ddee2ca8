"""ROL003 relation-inverted: one tie between two people told the other way round."""
import pytest

from crosscheck.compare.rules.relation_inverted import RelationInverted
from crosscheck.model import Kind


def observe(claim_of, text_a, text_b, similarity=0.85):
    a, b = claim_of(text_a, source_id="a.txt"), claim_of(text_b, source_id="b.txt")
    return list(RelationInverted().compare(a, b, similarity))


@pytest.mark.parametrize("text_a, text_b, values", [
    ("Ms. Okafor is best known for running the 2019 Lagos port inquiry, on which she was Mr. Adeyemi's deputy.",
     "She led the 2019 Lagos port inquiry, where Adeyemi served as Okafor's deputy.",
     ["Adeyemi's deputy", "Okafor's deputy"]),
    ("Lindqvist, who took over the club in June, was named successor to Berg after a long search.",
     "Berg, Lindqvist's successor, took over the club in June after a long search.",
     ["successor to Berg", "Lindqvist's successor"]),
])
def test_the_same_two_people_tied_the_other_way_round(claim_of, text_a, text_b, values):
    [obs] = observe(claim_of, text_a, text_b)
    assert obs.kind is Kind.DISCREPANCY
    assert [s.value.text for s in obs.sides] == values


@pytest.mark.parametrize("text_a, text_b", [
    # the same tie, told the same way (one in each grammar)
    ("On the inquiry she was Mr. Adeyemi's deputy, Ms. Okafor said.",
     "Okafor served as deputy to Adeyemi on the inquiry."),
    # tied to someone the other claim never names: another fact
    ("On the inquiry Okafor was Adeyemi's deputy.", "On the inquiry Okafor was Bello's deputy."),
    # two ties of different kinds
    ("Okafor, Adeyemi's deputy, led the inquiry.", "Adeyemi, Okafor's successor, led the inquiry."),
])
def test_the_same_tie_or_another_fact_is_no_inversion(claim_of, text_a, text_b):
    assert observe(claim_of, text_a, text_b) == []
