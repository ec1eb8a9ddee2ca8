"""The compare stage: blocking keys find pairs embeddings miss; corpus conflicts silence corroboration."""
from crosscheck.claims import claims_from_text
from crosscheck.compare import blocked_pairs, compare
from crosscheck.compare.rules.corroborated_claim import CorroboratedClaim
from crosscheck.compare.rules.count_mismatch import CountMismatch
from crosscheck.events import EventGroups, comparable


def test_counts_of_the_same_victims_are_candidates_without_a_link():
    a = claims_from_text("Relations collapsed in 2014 when soldiers killed six Kenyan activists near the border.\n",
                         source_id="a.txt")
    b = claims_from_text("Soldiers opened fire on a boat near the border in 2014. "
                         "Six Kenyan citizens and a Somali guide were killed in the shooting.\n", source_id="b.txt")
    claims = a + b
    pairs = blocked_pairs(CountMismatch(), claims, linked=set())
    assert (0, 2) in pairs  # the two counts of the killed, though the sentences differ
    groups = EventGroups({"a.txt": 0, "b.txt": 1})  # different stories...
    assert comparable(claims[0], claims[2], groups)[0]  # ...recalling the same year's killing
    result = compare(claims, {}, groups, rules=[CountMismatch()])
    [finding] = [f for f in result.findings if f.kind.value == "discrepancy"]
    assert sorted(e.value_text for e in finding.evidence) == ["Six Kenyan citizens and a Somali guide", "six Kenyan activists"]


def test_claims_without_a_shared_year_from_different_stories_stay_apart():
    a = claims_from_text("Police said the storm killed six people in the town.\n", source_id="a.txt")[0]
    b = claims_from_text("The fire killed eight people in the town, police said.\n", source_id="b.txt")[0]
    ok, why = comparable(a, b, EventGroups({"a.txt": 0, "b.txt": 1}))
    assert not ok and "different events" in why


def test_no_corroboration_for_a_pair_a_corpus_rule_found_in_conflict():
    from crosscheck.compare.base import Rule, side
    from crosscheck.model import Kind

    class Conflict(Rule):
        code, name, category, scope = "TST001", "test-conflict", "date", "corpus"

        def scan(self, claims, context):
            yield self.observe(Kind.DISCREPANCY, [side(claims[0], None, "x"), side(claims[1], None, "y")])

    claims = (claims_from_text("The senator has led the committee since 2002.\n", source_id="a.txt")
              + claims_from_text("The senator has led the committee since 2003.\n", source_id="b.txt"))
    from crosscheck.compare import registry

    registry.RULES["TST001"] = Conflict
    try:
        result = compare(claims, {(0, 1): 0.95}, EventGroups({"a.txt": 0, "b.txt": 0}),
                         rules=[Conflict(), CorroboratedClaim()])
    finally:
        del registry.RULES["TST001"]
    assert [f.rule for f in result.findings] == ["TST001"]


def test_a_sentence_an_article_carries_word_for_word_is_compared_with_its_copy_only():
    from crosscheck.compare.rules.quantity_mismatch import QuantityMismatch

    shared = "The survey found that 77 percent of voters back the new stadium plan."
    other = "A second poll last month found that 74 percent of voters back the plan."
    a = claims_from_text(f"{shared}\n", source_id="a.txt")
    b = claims_from_text(f"{shared}\n{other}\n", source_id="b.txt")
    claims = a + b  # 0: a's copy, 1: b's copy, 2: b's other poll
    groups = EventGroups({"a.txt": 0, "b.txt": 0})
    result = compare(claims, {(0, 1): 1.0, (0, 2): 0.8}, groups, rules=[QuantityMismatch()])
    assert not [f for f in result.findings if f.kind.value == "discrepancy"]
    # without the copy in b, the two figures are compared as one fact
    alone = a + claims_from_text(f"{other}\n", source_id="b.txt")
    result = compare(alone, {(0, 1): 0.8}, groups, rules=[QuantityMismatch()])
    assert [f.kind.value for f in result.findings] == ["discrepancy"]


def test_the_same_values_reported_by_two_rules_are_one_finding():
    from crosscheck.compare import without_restated
    from crosscheck.compare.rules.attribute_count_mismatch import AttributeCountMismatch
    from crosscheck.compare.rules.count_mismatch import CountMismatch as Count
    from crosscheck.compare.base import side
    from crosscheck.model import Kind, Span

    claims = (claims_from_text("The chief justice administered the 38-word oath at noon.\n", source_id="a.txt")
              + claims_from_text("The president took the 35-word oath at noon.\n", source_id="b.txt"))

    def value(claim, text):
        start = claim.text.index(text) + claim.start
        return Span(start, start + len(text), text)

    sides = [side(claims[0], value(claims[0], "38-word"), "38"), side(claims[1], value(claims[1], "35-word"), "35")]
    both = [AttributeCountMismatch().observe(Kind.DISCREPANCY, sides), Count().observe(Kind.DISCREPANCY, sides)]
    assert [o.rule for o in without_restated(both)] == ["CNT001"]
