"""Anchor candidates: claims of one event that share a name, a figure, a rare word or what they
count are compared whatever their sentence cosine."""
from crosscheck.claims import claims_from_text
from crosscheck.compare import compare
from crosscheck.compare.anchors import anchor_keys, anchor_pairs
from crosscheck.compare.base import ScanContext
from crosscheck.events import EventGroups

LONG = ("The ministry will lay out 19 separate measures the cabinet could adopt without a vote in "
        "parliament, officials who were briefed on the plan said on Monday.")
SHORT = "Because the bill needs a vote, the government is adding 23 emergency measures that take effect at once."


def _claims(*texts):
    claims = []
    for n, text in enumerate(texts):
        claims += claims_from_text(text, source_id=f"{n}.txt")
    return claims


def test_claims_counting_the_same_thing_share_an_anchor():
    a, b = _claims(LONG, SHORT)
    context = ScanContext(same_event=lambda x, y: True)
    assert "measures counted" in anchor_keys(a, context) & anchor_keys(b, context)


def test_anchor_pairs_are_cross_source_within_one_event_and_skip_linked_pairs():
    claims = _claims(LONG, SHORT)
    context = ScanContext(same_event=lambda x, y: True)
    one_event = EventGroups({"0.txt": 0, "1.txt": 0})
    assert anchor_pairs(claims, set(), one_event, context) == [(0, 1)]
    assert anchor_pairs(claims, {(0, 1)}, one_event, context) == []
    two_events = EventGroups({"0.txt": 0, "1.txt": 1})
    assert anchor_pairs(claims, set(), two_events, ScanContext(same_event=two_events.same)) == []


def test_an_anchor_pair_reaches_the_pair_rules_without_a_link():
    # two sentences too different to be linked, one name in common
    claims = _claims(
        "Police said the driver, Tomasz Kowalczyk, 34, was arrested at the scene after the crash on the ring road.",
        "Kowalczyk had been drinking, according to a charge sheet filed in the district court on Friday.",
    )
    assert compare(claims, {}, EventGroups({"0.txt": 0, "1.txt": 0})).compared_pairs == 1
    assert compare(claims, {}, EventGroups({"0.txt": 0, "1.txt": 1})).compared_pairs == 0


def test_one_item_of_a_priced_list_told_alone_is_compared_and_its_price_checked():
    """"...spent the money on a $900 sofa, a $2,000 cruise and..." against "she bought a $1,900 sofa"."""
    listing = ("Prosecutors say the former treasurer of the Riverside Food Bank spent the charity's money on a "
               "$900 sofa, a $2,000 cruise to the Bahamas, season tickets for the hockey team and a used truck.")
    alone = "According to the indictment, she bought a $1,900 sofa with donated money."
    a, b = _claims(listing, alone)
    context = ScanContext(same_event=lambda x, y: True)
    assert "sofa priced" in anchor_keys(a, context) & anchor_keys(b, context)
    result = compare([a, b], {}, EventGroups({"0.txt": 0, "1.txt": 0}))
    [finding] = [f for f in result.findings if f.rule == "QTY001"]
    assert sorted(e.value.text for e in finding.evidence) == ["$1,900", "$900"]
