"""STA002 planned-versus-done: one source reports as done what another reports as planned, in other words."""
import pytest

from crosscheck.claims import claims_from_text
from crosscheck.compare.align import align
from crosscheck.compare.rules.planned_done import PlannedVersusDone


def observe(text_a, text_b):
    a = claims_from_text(text_a, source_id="a.txt")[0]
    b = claims_from_text(text_b, source_id="b.txt")[0]
    return list(PlannedVersusDone().compare_aligned(align(a, b), 0.5))


@pytest.mark.parametrize("planned, done", [
    ("The governor is expected to sign the budget bill into law at a ceremony in the capital on Friday.",
     "On Friday afternoon the governor signed the budget bill, ending a three-week standoff with lawmakers."),
    ("The club's owner vowed to sell the stadium site to a housing developer before the end of the season.",
     "Angry supporters marched through the town centre on Saturday after the owner sold the stadium site "
     "for an undisclosed sum."),
    # "would" in reported speech reports a "will"
    ("The minister told reporters in the capital that her department would close the coastal road to heavy trucks "
     "once the storm repairs began.",
     "The minister, who closed the coastal road to heavy trucks on Monday, flew to the flooded valley on Tuesday "
     "to meet residents and local officials."),
])
def test_a_step_planned_in_one_source_and_done_in_another(planned, done):
    [found] = observe(planned, done)
    assert {s.norm for s in found.sides} == {"planned", "done"}
    assert [s.value.text for s in found.sides if s.norm == "done"] in (["signed"], ["sold"], ["closed"])


@pytest.mark.parametrize("text_a, text_b", [
    # a possibility is not a plan
    ("The governor could sign the budget bill into law on Friday, aides said.",
     "On Friday afternoon the governor signed the budget bill, ending a three-week standoff with lawmakers."),
    # "would" not reporting anyone's words is a condition, not a plan
    ("The governor would sign the budget bill into law on Friday if lawmakers removed the tax rise.",
     "On Friday afternoon the governor signed the budget bill, ending a three-week standoff with lawmakers."),
    # another object: another step
    ("The governor is expected to sign the budget bill into law at a ceremony on Friday.",
     "The governor signed an order closing the state parks for the winter on Friday."),
    # a negated past is not a step done
    ("The governor is expected to sign the budget bill into law at a ceremony on Friday.",
     "The governor never signed the budget bill on Friday, his office said."),
])
def test_possibilities_other_objects_and_negations_are_not_planned_against_done(text_a, text_b):
    assert observe(text_a, text_b) == []


def test_two_sentences_that_align_are_left_to_sta001():
    text = "The governor signed the budget bill into law at a ceremony in the capital on Friday."
    assert observe(text.replace("signed", "will sign"), text) == []


def test_acts_of_one_kind_at_one_occasion_are_one_step():
    """"will unveil" and "presented" are one step when both place it on one day at one place."""
    [found] = observe(
        "On Tuesday, in a statement to the House of Commons, the chancellor will unveil his plan for the railways.",
        "The chancellor, who presented the rail plan in the House of Commons on Tuesday, said fares would rise.")
    assert {s.norm: s.value.text for s in found.sides} == {"planned": "unveil", "done": "presented"}


@pytest.mark.parametrize("text_a, text_b", [
    # one kind of act, one day, but another place: another occasion
    ("On Tuesday, in a statement to the House of Commons, the chancellor will unveil his plan for the railways.",
     "The mayor, who presented the housing plan at City Hall in Leeds on Tuesday, said rents would fall."),
    # one occasion, but acts of other kinds
    ("On Tuesday, in a statement to the House of Commons, the chancellor will unveil his plan for the railways.",
     "The chancellor, who testified before MPs in the House of Commons on Tuesday, said fares would rise."),
])
def test_other_occasions_and_other_kinds_of_act_are_not_one_step(text_a, text_b):
    assert observe(text_a, text_b) == []
