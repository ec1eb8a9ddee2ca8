"""ATT003 statement-attribution: one statement credited to one body by one source and to another by a second."""
import pytest

from crosscheck.compare.align import align
from crosscheck.compare.rules.statement_attribution import StatementAttribution
from crosscheck.model import Kind


def observe(claim_of, text_a, text_b, similarity=0.9):
    a, b = claim_of(text_a, source_id="a.txt"), claim_of(text_b, source_id="b.txt")
    return list(StatementAttribution().compare_aligned(align(a, b), similarity))


@pytest.mark.parametrize("text_a, text_b, body_a, body_b", [
    ("Chile's Foreign Ministry said in a statement that Peru's president would make a state visit to Santiago in May.",
     "The presidential palace in Santiago said Peru's president would pay a state visit to Chile in May.",
     "Chile's Foreign Ministry", "The presidential palace"),
    ("The Interior Ministry said 40 people had been detained after the clashes in the port city.",
     "The Defence Ministry said 40 people had been detained after the clashes in the port city.",
     "Interior Ministry", "Defence Ministry"),
])
def test_one_statement_two_bodies(claim_of, text_a, text_b, body_a, body_b):
    found = observe(claim_of, text_a, text_b)
    assert [o.kind for o in found] == [Kind.DISCREPANCY]
    assert [s.value.text for s in found[0].sides][0] == body_a


@pytest.mark.parametrize("text_a, text_b", [
    # one body named in more or fewer words
    ("The Interior Ministry said 40 people had been detained after the clashes in the port city.",
     "Turkey's Interior Ministry said 40 people had been detained after the clashes in the port city."),
    # a person and a body: a spokesman speaks for the ministry
    ("The Interior Ministry said 40 people had been detained after the clashes in the port city.",
     "Interior Minister Ali Kaya said 40 people had been detained after the clashes in the port city."),
    # statements that do not read alike
    ("The Interior Ministry said 40 people had been detained after the clashes in the port city.",
     "The Defence Ministry said troops would stay in the port city until the end of the month."),
])
def test_one_body_a_person_or_another_statement_is_no_conflict(claim_of, text_a, text_b):
    assert observe(claim_of, text_a, text_b) == []
