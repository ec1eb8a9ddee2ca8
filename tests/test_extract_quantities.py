"""The quantity extractor: values, units, qualifiers, counted nouns, sums and offsets."""
import math

import pytest

from crosscheck.extract.quantities import digit_step, interval, word_value


def quantities(claim_of, text):
    claim = claim_of(text)
    for q in claim.facts.quantities:
        # offsets always point at the text they carry
        assert claim.article.text[q.span.start:q.span.end] == q.span.text
        assert claim.start <= q.span.start < q.span.end <= claim.end
    return claim.facts.quantities


def only(claim_of, text):
    found = quantities(claim_of, text)
    assert len(found) == 1, [q.span.text for q in found]
    return found[0]


@pytest.mark.parametrize("text, value", [
    ("twenty-one", 21), ("seven", 7), ("1,250", 1250), ("3.75", 3.75), ("ninety nine", 99), ("abc", None),
])
def test_word_value(text, value):
    assert word_value(text) == value


def test_rounding_step_follows_the_written_precision():
    assert digit_step("3.6") == pytest.approx(0.1)
    assert digit_step("400,000") == 100_000
    assert digit_step("35") == 1
    assert digit_step("240") == 1  # small whole numbers are exact counts


def test_interval_allows_rounding_and_qualifiers():
    assert interval(1.4e9, 1e8, "") == pytest.approx((1.35e9, 1.45e9))
    low, high = interval(30, 1, "at least")
    assert low == 29.5 and math.isinf(high)
    low, high = interval(250_000, 10_000, "more than")
    assert low == 250_000 and math.isinf(high)
    low, high = interval(60_000, 10_000, "about")
    assert low == pytest.approx(54_000) and high == pytest.approx(66_000)


def test_money_with_scale_words_and_qualifier(claim_of):
    found = quantities(claim_of, "The council approved roughly $2.3 billion for road repairs and $450,000 for parks.")
    assert [q.span.text for q in found] == ["roughly $2.3 billion", "$450,000"]
    big, small = found
    assert big.value == pytest.approx(2.3e9) and big.unit == "$" and big.qualifier == "roughly"
    assert small.value == 450_000 and small.qualifier == "" and not small.is_count


def test_percent_and_fractions(claim_of):
    found = quantities(claim_of, "Unemployment fell to 4.5 percent, and two-thirds of voters backed the plan.")
    assert [(q.span.text, q.unit) for q in found] == [("4.5 percent", "%"), ("two-thirds", "%")]
    assert found[1].value == pytest.approx(66.67, abs=0.01)


@pytest.mark.parametrize("text, span, value, qualifier", [
    ("Unemployment in the port city nearly halved over the past decade, official figures show.",
     "nearly halved", 50.0, "nearly"),
    ("Unemployment in the port city fell by a third over the past decade, official figures show.",
     "a third", 33.33, ""),
    ("Exports from the region fell by a quarter in the spring, the customs office said.",
     "a quarter", 25.0, ""),
])
def test_a_change_told_as_a_fraction(claim_of, text, span, value, qualifier):
    q = only(claim_of, text)
    assert (q.span.text, q.unit, q.qualifier) == (span, "%", qualifier)
    assert q.value == pytest.approx(value, abs=0.01)


def test_a_price_says_what_it_prices(claim_of):
    found = quantities(claim_of, "She spent the money on a $900 sofa, a $2,000 cruise and a used truck.")
    assert [(q.span.text, q.describes) for q in found] == [("$900", "sofa"), ("$2,000", "cruise")]


def test_a_third_term_is_an_ordinal_not_a_fraction(claim_of):
    q = only(claim_of, "He won a third term over the objections of his own party.")
    assert (q.value, q.unit) == (3, "ordinal")


def test_a_figures_verb_says_whether_it_is_a_fact(claim_of):
    """"has cut $716 million" is a fact; "would cut", "could be diverted", "to divert" are not."""
    assert not only(claim_of, "The governor has cut $716 million from the state's Medicaid budget.").unasserted
    assert only(claim_of, "His opponent's plan would cut Medicaid by $800 million.").unasserted
    assert only(claim_of, "Of that, $3 billion could be diverted with help from the emergency declaration.").unasserted
    assert only(claim_of, "The declaration enables the president to divert $3.6 billion to the wall.").unasserted


def test_counts_name_what_they_count(claim_of):
    q = only(claim_of, "Police arrested nine Kenyan protesters outside the embassy on Friday.")
    assert (q.value, q.unit, q.noun, q.is_count, q.head) == (9, "count", "protester", True, "arrest")
    assert q.span.text == "nine Kenyan protesters"


def test_large_rounded_figures_are_statistics_not_counts(claim_of):
    q = only(claim_of, "The storm left 40,000 homes without power.")
    assert q.value == 40_000 and q.noun == "home" and not q.is_count


def test_hyphenated_units(claim_of):
    found = quantities(claim_of, "The inspector general released a 212-page report on the 62-year-old director.")
    page, age = found
    assert (page.span.text, page.value, page.noun, page.is_count) == ("212-page", 212, "page", True)
    assert (age.span.text, age.value, age.unit, age.noun) == ("62-year-old", 62, "age", "director")


def test_age_after_a_name(claim_of):
    q = only(claim_of, "Ms. Okafor, 54, resigned from the board on Monday.")
    assert (q.value, q.unit, q.noun) == (54, "age", "okafor")
    assert q.span.text == "Okafor, 54"


def test_vote_tallies(claim_of):
    q = only(claim_of, "The measure passed the Senate by a vote of 68 to 31 late on Thursday.")
    assert (q.unit, q.parts) == ("tally", (68.0, 31.0))
    q = only(claim_of, "The measure passed on a 68-to-31 vote.")
    assert (q.unit, q.parts, q.span.text) == ("tally", (68.0, 31.0), "68-to-31")


@pytest.mark.parametrize("text, phrase, value, unit, qualifier", [
    ("The reactor has been offline for more than a decade.", "more than a decade", 10, "year", "more than"),
    ("She spent six months in Geneva before the talks.", "six months", 6, "month", ""),
    ("The trial lasted nearly 90 minutes on Monday.", "nearly 90 minutes", 90, "minute", "nearly"),
    ("He faces up to 20 years in prison if convicted.", "up to 20 years", 20, "year", "up to"),
    ("An estimated 2,000 residents fled the flooding.", "An estimated 2,000 residents", 2000, "count", "an estimated"),
    ("Fewer than 50 patients were enrolled in the trial.", "Fewer than 50 patients", 50, "count", "fewer than"),
    ("A dozen volunteers cleared the beach on Sunday.", "A dozen volunteers", 12, "count", ""),
    ("The union represents some 4,500 nurses in the state.", "some 4,500 nurses", 4500, "count", "some"),
    ("The road will be closed for a week while crews work.", "a week", 7, "day", ""),
])
def test_numbers_words_durations_and_qualifiers(claim_of, text, phrase, value, unit, qualifier):
    q = only(claim_of, text)
    assert (q.span.text, q.value, q.unit, q.qualifier) == (phrase, value, unit, qualifier)


def test_vague_plurals_are_ranges(claim_of):
    q = only(claim_of, "Dozens of residents gathered outside city hall.")
    assert (q.low, q.high, q.is_count) == (24, 99, False)


def test_ordinals_that_count(claim_of):
    q = only(claim_of, "The governor was sworn in for a third term on Monday.")
    assert (q.value, q.unit, q.noun, q.span.text) == (3, "ordinal", "term", "third term")


def test_coordinated_counts_are_summed_and_keep_their_parts(claim_of):
    q = only(claim_of, "Four firefighters and a paramedic were injured in the blaze.")
    assert (q.value, q.parts, q.noun, q.head) == (5, (4.0, 1.0), "firefighter", "injure")
    assert q.span.text == "Four firefighters and a paramedic"


@pytest.mark.parametrize("text", [
    "The law was signed on March 2 and took effect in 2019 after a long debate.",
    "The hearing starts at 3 p.m. in the old courthouse downtown.",
    "The F-35 program and COVID-19 relief were both discussed at length.",
    "Hoyer kept the No. 2 job in the caucus after the vote.",
    "Call the hotline at 555-123-4567 for more information about the recall.",
    "Two weeks later, the mayor resigned from office.",
    "The bill covers spending from 2009-2016 in the region.",
    "Republicans refused to accept anything less than repeal of the law.",
])
def test_dates_times_identifiers_and_relative_dates_are_not_quantities(claim_of, text):
    assert quantities(claim_of, text) == ()


def test_comparisons_are_not_qualifiers(claim_of):
    q = only(claim_of, "The mayor would not accept anything less than $5 million for the park.")
    assert q.qualifier == "" and q.value == 5e6


def test_context_holds_the_clause_words(claim_of):
    q = only(claim_of, "The ministry diverted $3 billion from military construction projects.")
    assert {"divert", "military", "construction", "project"} <= q.context


def test_odds_read_as_shares(claim_of):
    found = quantities(claim_of, "He said there is a two-in-three chance of winning and one in five voters is undecided.")
    assert [(q.span.text, round(q.value, 1), q.unit) for q in found] == [
        ("two-in-three", 66.7, "%"), ("one in five", 20.0, "%")]


def test_round_money_covers_its_rounding(claim_of):
    q = only(claim_of, "Critics said the law took $700 billion from the pension fund.")
    assert q.low <= 716e9 <= q.high
    q = only(claim_of, "The club has 700 members in the city.")
    assert (q.low, q.high) == (699.5, 700.5)


def test_figures_know_the_names_they_belong_to(claim_of):
    found = quantities(claim_of, "In the poll, Senator Jane Ortiz garnered 11 percent, while Mayor Tom Reyes earned 9 percent.")
    assert [sorted(q.owners) for q in found] == [["ortiz"], ["reyes"]]


@pytest.mark.parametrize("text", [
    "He exchanged messages with Guccifer 2.0 before the election.",
    "The company filed for Chapter 11 protection last spring.",
    "She considered a third-party run and a second-degree charge was filed.",
])
def test_names_and_kinds_with_numbers_are_not_quantities(claim_of, text):
    assert quantities(claim_of, text) == ()


def test_absurd_numbers_are_dropped_not_crashed_on(claim_of):
    found = quantities(claim_of, "They said the fund paid $" + "9" * 400 + " to 12 retirees last spring.")
    assert [q.span.text for q in found] == ["12 retirees"]
