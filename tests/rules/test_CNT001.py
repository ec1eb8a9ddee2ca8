"""CNT001 count-mismatch: counts of the same discrete things, summed over coordination."""
from crosscheck.compare.rules.count_mismatch import CountMismatch
from crosscheck.model import Kind

SIMILARITY = 0.8


def observe(claim_of, text_a, text_b, similarity=SIMILARITY):
    a, b = claim_of(text_a, source_id="a.txt"), claim_of(text_b, source_id="b.txt")
    return list(CountMismatch().compare(a, b, similarity))


def test_different_death_tolls(claim_of):
    found = observe(claim_of, "The bus crash killed 14 passengers on Sunday.",
                    "The bus crash on Sunday killed 15 passengers.")
    assert [o.kind for o in found] == [Kind.DISCREPANCY]
    assert {s.value.text for s in found[0].sides} == {"14 passengers", "15 passengers"}


def test_a_toll_told_with_two_words_for_one_fire(claim_of):
    """"died in the fire" and "the blaze killed": one event noun, one predicate, two counts."""
    found = observe(claim_of, "Fourteen residents died in the fire, officials said on Friday.",
                    "The blaze killed 16 people, according to the local prefect.")
    assert [o.kind for o in found] == [Kind.DISCREPANCY]


def test_a_lower_bound_on_the_same_count_agrees(claim_of):
    found = observe(claim_of, "The storm killed 12 people in the county.",
                    "The storm killed at least 12 people in the county.")
    assert [o.kind for o in found] == [Kind.AGREEMENT]


def test_coordinated_counts_are_summed(claim_of):
    found = observe(claim_of, "Soldiers killed eight protesters in the square on Friday.",
                    "Seven students and two teachers were killed in the square on Friday.")
    assert [o.kind for o in found] == [Kind.DISCREPANCY]
    norms = {s.norm for s in found[0].sides}
    assert norms == {"8", "9 (7 + 2)"}
    assert "Seven students and two teachers" in {s.value.text for s in found[0].sides}


def test_a_sum_that_matches_is_an_agreement(claim_of):
    found = observe(claim_of, "Soldiers killed eight protesters in the square on Friday.",
                    "Seven students and a teacher were killed in the square on Friday.")
    assert [o.kind for o in found] == [Kind.AGREEMENT]


def test_a_whole_that_equals_the_sum_agrees(claim_of):
    found = observe(claim_of, "Ten people were killed when the bus plunged into a ravine on Sunday, police said.",
                    "Nine people and a child were killed when the bus plunged into a ravine on Sunday, police said.")
    assert [o.kind for o in found] == [Kind.AGREEMENT]


def test_the_same_noun_compares_with_its_part_of_a_sum(claim_of):
    found = observe(claim_of, "Seven students were killed in the square on Friday.",
                    "Seven students and a teacher were killed in the square on Friday.")
    assert [o.kind for o in found] == [Kind.AGREEMENT]


def test_page_counts_of_a_report(claim_of):
    found = observe(claim_of, "The inspector general released a 212-page report on Thursday.",
                    "On Thursday the inspector general released a 214-page report.")
    assert [o.kind for o in found] == [Kind.DISCREPANCY]
    assert {s.value.text for s in found[0].sides} == {"212-page", "214-page"}


def test_different_predicates_are_different_counts(claim_of):
    assert observe(claim_of, "The attack on the market killed 12 people, officials said.",
                   "The attack on the market injured 14 people, officials said.") == []
    assert observe(claim_of, "The team won six games in March.", "The team lost seven games in March.") == []


def test_counts_of_different_things_are_not_compared(claim_of):
    found = observe(claim_of, "Democrats picked up six seats in the state senate.",
                    "Democrats have lost nearly 60 seats in the state house over the past decade.")
    assert found == []


def test_large_rounded_figures_are_left_to_qty001(claim_of):
    found = observe(claim_of, "The strike idled 800,000 federal workers.", "The strike idled 850,000 federal workers.")
    assert found == []


def test_the_same_things_picked_out_by_the_same_clause_are_one_count(claim_of):
    """"Measures the state could take" and "measures it took" count one set, whatever verb governs each
    figure ("lay out", "include"), even a light one like "take"."""
    found = observe(claim_of, "The governor will lay out 12 separate measures the state could take on emissions.",
                    "The plan includes 15 measures that the state will take without the legislature.")
    assert [o.kind for o in found] == [Kind.DISCREPANCY]
    assert {s.value.text for s in found[0].sides} == {"12 separate measures", "15 measures"}
    # the same things picked out by other clauses are other sets
    assert observe(claim_of, "The governor will lay out 12 separate measures the state could take on emissions.",
                   "The plan includes 15 measures that the legislature rejected last year.") == []
