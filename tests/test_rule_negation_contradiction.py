"""POL001 negation-contradiction: one source negates or reverses what the other asserts."""
import pytest

from crosscheck.compare.rules.negation_contradiction import NegationContradiction, is_form_of
from crosscheck.model import Kind, Severity


def compare(claim_of, first: str, second: str):
    a = claim_of(first, source_id="a.txt")
    b = claim_of(second, source_id="b.txt")
    return list(NegationContradiction().compare(a, b, 0.85))


@pytest.mark.parametrize("first, second, values", [
    ("The regional council approved the wind farm plan on Monday.",
     "The regional council did not approve the wind farm plan on Monday.",
     {"approved", "did not approve"}),
    ("The city council didn't renew the contract with the bus operator.",
     "The city council renewed the contract with the bus operator.",
     {"didn't renew", "renewed"}),
    ("The regional council approved the wind farm plan on Monday.",
     "The regional council rejected the wind farm plan on Monday.",
     {"approved", "rejected"}),
    ("Shares of the carmaker rose 4 percent in early trading.",
     "Shares of the carmaker fell 4 percent in early trading.",
     {"rose", "fell"}),
    ("The ministry confirmed the report about the missing engineers.",
     "The ministry denied the report about the missing engineers.",
     {"confirmed", "denied"}),
    ("The incumbent senator won the primary by a wide margin.",
     "The incumbent senator lost the primary by a wide margin.",
     {"won", "lost"}),
    ("Police said the driver was armed when officers stopped the car.",
     "Police said the driver was not armed when officers stopped the car.",
     {"was armed", "was not armed"}),
    ("Engineers said the new bridge is safe for heavy trucks.",
     "Engineers said the new bridge is not safe for heavy trucks.",
     {"is safe", "is not safe"}),
    ("The results beat analysts' forecasts for the third quarter in a row.",
     "The results missed analysts' forecasts for the third quarter in a row.",
     {"beat", "missed"}),
])
def test_opposite_polarity_is_a_high_severity_discrepancy(claim_of, first, second, values):
    [obs] = compare(claim_of, first, second)
    assert obs.kind is Kind.DISCREPANCY
    assert obs.severity is Severity.HIGH
    assert {s.value.text for s in obs.sides} == values
    for s in obs.sides:
        assert s.claim.article.text[s.value.start:s.value.end] == s.value.text
    assert len({s.norm for s in obs.sides}) == 2


@pytest.mark.parametrize("first, second", [
    # a future or modal statement is not the opposite of a past one
    ("The council approved the budget plan for the harbour.", "The council will not approve the budget plan for the harbour."),
    # someone else is the subject
    ("The council approved the budget plan for the harbour.", "Residents did not approve of the council's budget plan for the harbour."),
    # a different participant
    ("Shares of the carmaker rose 4 percent on Tuesday.", "Shares of the airline fell 4 percent on Tuesday."),
    # "not immediately" is no comment yet, not a denial
    ("The ministry confirmed the report about the missing engineers.",
     "The ministry did not immediately confirm the report about the missing engineers."),
    # a condition
    ("The council approved the plan for the harbour on Monday.",
     "If the council does not approve the plan for the harbour, the project will stall."),
    # both negated, or neither: they agree
    ("The council did not approve the harbour plan on Monday.", "The council did not approve the harbour plan."),
    ("The senator lost the primary by a wide margin.", "The senator did not win the primary by a wide margin."),
    # "not only" adds, it does not deny
    ("The storm damaged homes along the coast on Sunday.",
     "The storm damaged not only homes along the coast on Sunday."),
    # too little shared apart from the verb
    ("World oil prices rose sharply overnight.", "World oil prices fell."),
])
def test_no_contradiction_without_the_same_statement(claim_of, first, second):
    assert compare(claim_of, first, second) == []


def test_verb_forms_are_recognised_without_a_parser():
    assert is_form_of("approved", "approve")
    assert is_form_of("denied", "deny")
    assert is_form_of("rose", "rise")
    assert not is_form_of("denounced", "deny")
    assert not is_form_of("approach", "approve")


@pytest.mark.parametrize("first, second, values", [
    ("The city council approved the riverside stadium plan on Monday night after a four-hour debate.",
     "The city council narrowly rejected the plan for a riverside stadium on Monday night after four hours of debate.",
     ["approved", "rejected"]),
    ("Mayor Linda Okafor, who has backed the project since 2023, called the vote a victory.",
     "Linda Okafor, the mayor, has opposed the project since it was first proposed in 2023.",
     ["has backed", "has opposed"]),
    ("The club's owner confirmed that construction would begin in the autumn.",
     "The owner of the club denied that building work would start in the autumn.",
     ["confirmed", "denied"]),
    ("The regional government lifted the ban on public gatherings in the capital on Tuesday, officials said.",
     "On Tuesday the regional government eased the ban on public gatherings in the capital, according to officials.",
     ["lifted", "eased"]),
    ("The governor vetoed the budget bill passed by the state legislature on Friday.",
     "On Friday the governor signed the budget bill that the state legislature passed.",
     ["vetoed", "signed"]),
    # a step not taken in one, taken in the other
    ("The candidate has not released his tax returns for 2010, his aides acknowledged.",
     "On Tuesday the candidate released his tax returns for 2010 to reporters in Boston.",
     ["has not released", "released"]),
    # one doer named first and described two ways; one doer, the clauses around each predicate alike
    ("NORDRAIL, a smaller union representing cleaning and catering staff, rejected the offer and said it would strike.",
     "NORDRAIL, which represents cleaning and catering workers, also accepted the offer, the ministry said.",
     ["rejected", "accepted"]),
    ("Japan also lifted a ban on beef imports from Brazil that it imposed in 2019 after a case of mad cow disease.",
     "Japan agreed on Monday to ease curbs on beef imports from Brazil, as the two governments signed a farm pact.",
     ["lifted", "ease"]),
])
def test_opposite_predicates_in_paraphrases_conflict_with_less_confidence(claim_of, first, second, values):
    [obs] = compare(claim_of, first, second)
    assert obs.kind is Kind.DISCREPANCY
    assert [s.value.text for s in obs.sides] == values
    assert obs.confidence <= 0.45


@pytest.mark.parametrize("first, second", [
    # two doers
    ("Shares in the carmaker's parent company rose sharply in early trading in Tokyo on Tuesday.",
     "Shares in the airline fell sharply in early trading in Tokyo on Tuesday, dealers said."),
    # a participle describing something else
    ("Police took possession of a van covered in stickers criticizing Democratic officials on Friday.",
     "Speaking on Friday, Mr. Trump praised law enforcement officials for quickly arresting a suspect."),
    # one topic, two statements
    ("Schiff said his committee had begun searching for witnesses and documents to confirm the report.",
     "Both the White House and lawyers for the president vigorously denied the report on Friday."),
    # a statement not made is no contrary statement
    ("The minister did not say whether the new bridge over the river would open on Saturday.",
     "The minister said the new bridge over the river would open on Saturday, his office confirmed."),
    # the asserted side denies it too, further on
    ("The source insisted that the White House never offered Sestak the job of Secretary of the Navy.",
     "Many speculated that the White House offered Sestak the job of Secretary of the Navy, but Bauer said that was never the case."),
    # the names mentioned last before the predicates differ: two doers
    ("Reyes, while saying he personally supports the new stadium plan, said the council should decide.",
     "\"It is a clear choice,\" said Ana Ortiz of the Neighbourhood Alliance, which opposes the new stadium plan."),
])
def test_opposite_predicates_of_other_statements_do_not_conflict(claim_of, first, second):
    assert compare(claim_of, first, second) == []


def test_one_named_voter_for_and_against_one_measure_is_a_contradiction(claim_of):
    """The same senator, described otherwise, casting one vote on one measure on opposite sides."""
    [obs] = compare(claim_of,
                    "Councillor Marta Soler of Girona was the only Socialist to vote for the budget, saying the city needed it.",
                    "Among its critics was Councillor Marta Soler, a Socialist from Girona who voted against the budget.")
    assert obs.kind is Kind.DISCREPANCY
    assert {s.value.text for s in obs.sides} == {"vote for", "voted against"}
    assert obs.confidence < 0.5  # worded otherwise: read as a paraphrase


@pytest.mark.parametrize("first, second", [
    # two voters
    ("Councillor Marta Soler voted for the budget on Tuesday.",
     "Councillor Jordi Puig voted against the budget on Tuesday."),
    # two measures
    ("Councillor Marta Soler voted for the budget on Tuesday.",
     "Councillor Marta Soler voted against the tram extension on Tuesday."),
    # a hedge before the vote
    ("Councillor Marta Soler is expected to vote for the budget on Tuesday.",
     "Councillor Marta Soler voted against the budget on Tuesday."),
])
def test_votes_of_other_voters_measures_or_hedged_are_not_a_contradiction(claim_of, first, second):
    assert compare(claim_of, first, second) == []
