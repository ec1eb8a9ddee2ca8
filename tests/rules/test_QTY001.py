"""QTY001 quantity-mismatch: different figures for the same amount; equal figures agree."""
import pytest

from crosscheck.compare.rules.quantity_mismatch import QuantityMismatch
from crosscheck.model import Kind

SIMILARITY = 0.8


def observe(claim_of, text_a, text_b, similarity=SIMILARITY):
    a, b = claim_of(text_a, source_id="a.txt"), claim_of(text_b, source_id="b.txt")
    return list(QuantityMismatch().compare(a, b, similarity))


def values(obs):
    return sorted(s.value.text for s in obs.sides)


def test_different_amounts_for_the_same_budget_line(claim_of):
    found = observe(claim_of, "The council approved $2.3 billion for road repairs on Tuesday.",
                    "On Tuesday the council approved $2.5 billion for road repairs.")
    assert [o.kind for o in found] == [Kind.DISCREPANCY]
    assert values(found[0]) == ["$2.3 billion", "$2.5 billion"]
    assert {s.norm for s in found[0].sides} == {"$2.3 billion", "$2.5 billion"}


def test_equal_amounts_agree_with_the_same_norm(claim_of):
    found = observe(claim_of, "The strike at the port lasted 35 days, the union said.",
                    "Dockworkers ended a strike at the port that lasted 35 days.")
    assert [o.kind for o in found] == [Kind.AGREEMENT]
    assert len({s.norm for s in found[0].sides}) == 1


def test_rounding_at_the_stated_precision_is_agreement(claim_of):
    found = observe(claim_of, "The bill includes $1.4 billion for border fencing.",
                    "The bill includes $1.375 billion for border fencing.")
    assert [o.kind for o in found] == [Kind.AGREEMENT]


def test_a_lower_bound_covers_a_larger_figure(claim_of):
    found = observe(claim_of, "Donors gave more than $2 million to the hospital's cancer wing.",
                    "Donors gave $2.4 million to the hospital's cancer wing.")
    assert all(o.kind is Kind.AGREEMENT for o in found)


def test_years_and_months_are_one_scale(claim_of):
    found = observe(claim_of, "The former treasurer was sentenced to 24 months in prison for fraud.",
                    "The former treasurer was sentenced to two years in prison for fraud.")
    assert [o.kind for o in found] == [Kind.AGREEMENT]


def test_ages_of_the_same_person_are_compared(claim_of):
    found = observe(claim_of, "Ms. Okafor, 54, resigned from the hospital board on Monday.",
                    "The 55-year-old Okafor resigned from the hospital board on Monday.")
    assert [o.kind for o in found] == [Kind.DISCREPANCY]


def test_figures_are_aligned_one_to_one(claim_of):
    found = observe(claim_of, "The plan includes $4 billion for highways and $1.2 billion for transit.",
                    "The plan sets aside $4 billion for highways and $1.5 billion for transit.")
    kinds = sorted((o.kind.value, tuple(values(o))) for o in found)
    assert kinds == [("agreement", ("$4 billion", "$4 billion")),
                     ("discrepancy", ("$1.2 billion", "$1.5 billion"))]


def test_different_subjects_are_not_compared(claim_of):
    found = observe(claim_of, "It was the first trip to China by a U.S. defense secretary in nine years.",
                    "It was the first visit to China by an American president in six years.")
    assert found == []


def test_unrelated_amounts_in_one_story_are_not_compared(claim_of):
    found = observe(claim_of, "The mayor requested $5.7 million for new fire trucks.",
                    "The council will use about $3.6 million from the parks budget to repair the stadium.")
    assert found == []


def test_years_are_never_quantities(claim_of):
    found = observe(claim_of, "The company was founded in 1998 and moved its headquarters to Ohio.",
                    "Founded in 2001, the company moved its headquarters to Ohio.")
    assert found == []


def test_money_and_people_are_different_units(claim_of):
    found = observe(claim_of, "The fund paid out $5 million to flood victims.",
                    "The fund helped 5 million flood victims.")
    assert found == []


def test_counts_are_left_to_cnt001(claim_of):
    found = observe(claim_of, "The bus crash killed 14 passengers on Sunday.",
                    "The bus crash on Sunday killed 15 passengers.")
    assert found == []


def test_structure_pairs_the_last_figure_left(claim_of):
    found = observe(claim_of,
                    "Visitors to the park fell to 400,000 last year from a peak of 1.2 million in 1999.",
                    "There were roughly 520,000 visitors to the park last year, well below the 1.2 million of 1999.")
    kinds = sorted((o.kind.value, tuple(values(o))) for o in found)
    assert ("discrepancy", ("400,000", "roughly 520,000 visitors")) in kinds
    assert all("1.2 million" in v for k, vs in kinds if k == "agreement" for v in vs)


def test_figures_of_different_candidates_are_not_compared(claim_of):
    found = observe(claim_of, "In the poll, Senator Jane Ortiz garnered 11 percent of likely voters.",
                    "Among likely voters, Reyes (12 percent) and Ortiz (10 percent) trailed the governor.")
    assert [(o.kind, sorted(s.value.text for s in o.sides)) for o in found] == [
        (Kind.DISCREPANCY, ["10 percent", "11 percent"])]


def test_figures_far_apart_need_more_than_shared_topic_words(claim_of):
    found = observe(claim_of, "The governor has cut $716 million from the state's Medicaid budget.",
                    "His opponent's plan would cut Medicaid by $800 million over ten years.")
    assert found == []


def test_a_round_figure_agrees_with_the_precise_one(claim_of):
    found = observe(claim_of, "Critics say the governor cut $700 million from the Medicaid budget.",
                    "The governor cut $716 million from the Medicaid budget.")
    assert [o.kind for o in found] == [Kind.AGREEMENT]


def test_opposite_outcomes_are_not_compared(claim_of):
    found = observe(claim_of, "The coach gave his team a two-in-three chance of winning the title.",
                    "The coach said there was a one-in-three chance of losing the title.")
    assert found == []


def test_a_few_shared_words_are_not_a_strong_overlap(claim_of):
    found = observe(claim_of, "But there is a one-in-three chance, the coach said.",
                    "He put it at a two-in-three chance, the coach said.")
    assert found == []


def test_one_act_told_in_sentences_built_otherwise(claim_of):
    """The same predicate on the same topic, figures within a quarter: one amount, told twice."""
    found = observe(claim_of, "Of that, $4 billion could be diverted under the new spending agreement.",
                    "The spending agreement, aides said, lets the governor divert $4.8 billion from highway projects.")
    assert [o.kind for o in found] == [Kind.DISCREPANCY]
    assert values(found[0]) == ["$4 billion", "$4.8 billion"]


@pytest.mark.parametrize("text_b", [
    # the same act, figures too far apart to be one amount misreported
    "The spending agreement, aides said, lets the governor divert $6 billion from highway projects.",
    # figures within a quarter, another act
    "The spending agreement, aides said, lets the governor borrow $4.8 billion for highway projects.",
])
def test_other_acts_and_distant_figures_are_not_one_amount(claim_of, text_b):
    found = observe(claim_of, "Of that, $4 billion could be diverted under the new spending agreement.", text_b)
    assert [o.kind for o in found] == []


def test_nearly_halved_against_fell_by_a_third(claim_of):
    found = observe(claim_of, "Unemployment in the port city nearly halved over the past decade, official figures show.",
                    "Unemployment in the port city fell by a third over the past decade, official figures show.")
    assert [o.kind for o in found] == [Kind.DISCREPANCY]
    assert values(found[0]) == ["a third", "nearly halved"]


@pytest.mark.parametrize("text_a, text_b, expected", [
    # one change of one subject, told in sentences built otherwise
    ("On Monday the brewer reported that its first-half net profit nearly halved, to 1.2 billion crowns.",
     "The brewer said on Monday that its net profit fell by a third in the first half, hit by higher barley prices.",
     ["a third", "nearly halved"]),
    # one share, the noun it describes named alike: "a 6.5 percent pay rise" / "a 4.5 percent rise"
    ("Under the deal, nurses at the regional hospital trust will receive a 6.5 percent pay rise over two years.",
     "The agreement gives the hospital trust's nurses a 4.5 percent rise over two years, the union said.",
     ["4.5 percent", "6.5 percent"]),
])
def test_one_change_told_as_two_shares(claim_of, text_a, text_b, expected):
    found = [o for o in observe(claim_of, text_a, text_b) if o.kind is Kind.DISCREPANCY]
    assert [values(o) for o in found] == [expected]


@pytest.mark.parametrize("text_b", [
    # a share of something else, the same noun described
    "The agreement gives the trust's porters a 4.5 percent rise in overtime pay, the union said.",
    # figures too far apart to be one change misreported
    "The agreement gives the hospital trust's nurses a 15 percent rise over two years, the union said.",
])
def test_shares_of_other_things_are_not_one_change(claim_of, text_b):
    found = observe(claim_of, "Under the deal, nurses at the regional hospital trust will receive a 6.5 percent "
                              "pay rise over two years.", text_b)
    assert [o.kind for o in found if o.kind is Kind.DISCREPANCY] == []


def test_one_ordinal_of_the_same_noun_agrees_though_the_sentences_differ(claim_of):
    """The counted noun read as an owner ('Illinois’ 18th Congressional District') must not part them."""
    found = observe(claim_of, "“It’s been an honor and privilege to serve the constituents of Illinois’ 18th Congressional District.”",
                    "In May, Mr. Schock, who represented the 18th District of Illinois, said he would not run again.", 0.4)
    assert [o.kind for o in found] == [Kind.AGREEMENT]
    assert values(found[0]) == ["18th Congressional District", "18th District"]


def test_rates_for_one_year_and_for_a_span_of_years_are_two_figures(claim_of):
    """'for 2014' / 'from 2007 through 2014': a closed period each, none in common."""
    assert observe(claim_of, "The couple's effective federal tax rate for 2014 was 35.7 percent, the returns show.",
                   "From 2007 through 2014 the couple paid an effective federal tax rate of 31.55 percent, the returns show.") == []
    [obs] = observe(claim_of, "The couple's effective federal tax rate for 2014 was 35.7 percent, the returns show.",
                    "The couple's effective federal tax rate in 2014 was 33.7 percent, the returns show.")
    assert obs.kind is Kind.DISCREPANCY
