"""One place for spelling conventions: the British spellings and the American ones they fold to."""
import pytest

from crosscheck.claims import claims_from_text
from crosscheck.compare import compare
from crosscheck.events import EventGroups
from crosscheck.lexicon.spelling import american


@pytest.mark.parametrize("british, us", [
    ("learnt", "learned"), ("towards", "toward"), ("whilst", "while"), ("programme", "program"),
    ("organisation", "organization"), ("travelled", "traveled"), ("defence", "defense"), ("centre", "center"),
    ("colour", "color"), ("mum", "mom"),
])
def test_british_spellings_fold_to_american(british, us):
    assert american(british) == us


def test_a_british_and_an_american_copy_of_one_text_differ_in_nothing():
    uk = ("“My mum learnt about it on the radio whilst driving towards the centre,” said Olena Kovalenko, "
          "a teacher from Kharkiv.\nThe defence ministry said the programme would be expanded.\n")
    us = ("“My mom learned about it on the radio while driving toward the center,” said Olena Kovalenko, "
          "a teacher from Kharkiv.\nThe defense ministry said the program would be expanded.\n")
    claims = claims_from_text(uk, source_id="uk.txt") + claims_from_text(us, source_id="us.txt")
    links = {(i, j): 0.95 for i in range(len(claims)) for j in range(i + 1, len(claims))
             if claims[i].source_id != claims[j].source_id}
    result = compare(claims, links, EventGroups({"uk.txt": 0, "us.txt": 0}))
    assert [f for f in result.findings if f.kind.value in ("discrepancy", "variant")] == []
