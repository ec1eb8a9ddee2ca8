"""CNT002 attribute-count-mismatch: the same described thing counted differently anywhere in an event."""
from crosscheck.compare.base import ScanContext
from crosscheck.compare.rules.attribute_count_mismatch import AttributeCountMismatch
from crosscheck.model import Kind


def scan(claim_of, texts_by_source, same_event=True):
    claims = [claim_of(text, source_id=sid) for sid, texts in texts_by_source.items() for text in texts]
    return list(AttributeCountMismatch().scan(claims, ScanContext(same_event=lambda a, b: same_event)))


def test_two_lengths_of_one_report(claim_of):
    found = scan(claim_of, {
        "a.txt": ["Investigators detailed the payments in a 212-page report released on Thursday."],
        "b.txt": ["“The pattern of abuse was systematic,” the 214-page report concludes."],
    })
    assert [o.kind for o in found] == [Kind.DISCREPANCY]
    assert {s.value.text for s in found[0].sides} == {"212-page", "214-page"}


def test_the_same_length_is_no_finding(claim_of):
    assert scan(claim_of, {
        "a.txt": ["Investigators detailed the payments in a 212-page report released on Thursday."],
        "b.txt": ["“The pattern of abuse was systematic,” the 212-page report concludes."],
    }) == []


def test_an_article_with_two_such_things_is_left_out(claim_of):
    assert scan(claim_of, {
        "a.txt": ["The committee released a 212-page report on Monday.",
                  "A second, 40-page report on the agency followed on Tuesday."],
        "b.txt": ["Lawmakers read the 214-page report over the weekend."],
    }) == []


def test_different_events_are_not_compared(claim_of):
    assert scan(claim_of, {
        "a.txt": ["Investigators detailed the payments in a 212-page report released on Thursday."],
        "b.txt": ["“The pattern of abuse was systematic,” the 214-page report concludes."],
    }, same_event=False) == []


def test_figures_of_different_named_owners_are_not_compared(claim_of):
    assert scan(claim_of, {
        "a.txt": ["Ortiz, a five-term congressman, denied the charges on Tuesday."],
        "b.txt": ["Reyes, a four-term congressman, was also named in the filing."],
    }) == []
