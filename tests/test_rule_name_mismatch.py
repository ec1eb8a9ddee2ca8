"""NAM002 name-mismatch: aligned claims that put a different person or place in the same slot."""
import pytest

from crosscheck.claims import claims_from_text
from crosscheck.compare.rules.name_mismatch import NameMismatch
from crosscheck.model import Article, Claim, Facts, Kind, NameMention, Span


def compare(a, b, similarity=0.8):
    return list(NameMismatch().compare(a, b, similarity))


def test_same_surname_different_given_name_in_the_same_slot(claim_of):
    a = claim_of("The party elected Representative Joyce Beatty of Ohio as caucus chair on Wednesday.", source_id="a.txt")
    b = claim_of("The party elected Rep. Karen Beatty of Ohio as caucus chair on Wednesday.", source_id="b.txt")
    [obs] = compare(a, b)
    assert obs.kind is Kind.DISCREPANCY
    assert [(s.value.text, s.norm) for s in obs.sides] == [("Joyce Beatty", "joyce beatty"),
                                                          ("Karen Beatty", "karen beatty")]
    assert obs.detail["slot"] == "person"


def test_the_same_given_names_in_swapped_order(claim_of):
    a = claim_of("Emergency coordinator Anna Maria Kowalski said rescue teams had reached all the villages.",
                 source_id="a.txt")
    b = claim_of("Emergency coordinator Maria Anna Kowalski said rescue teams had reached all the villages.",
                 source_id="b.txt")
    [obs] = compare(a, b)
    assert [s.value.text for s in obs.sides] == ["Anna Maria Kowalski", "Maria Anna Kowalski"]


def test_a_given_name_spelt_another_way_in_another_slot(claim_of):
    """'Katherine' / 'Kathryn' sound alike: one person's name spelt two ways, wherever the sentence puts it."""
    a = claim_of("Mayor Alan Brooks on Tuesday named Katherine Doyle, a 20-year veteran of the force, as the "
                 "city's new police chief.", source_id="a.txt")
    b = claim_of("Kathryn Doyle, who has served on the force for two decades, was named police chief by Mayor "
                 "Alan Brooks on Tuesday.", source_id="b.txt")
    [obs] = compare(a, b)
    assert [s.value.text for s in obs.sides] == ["Katherine Doyle", "Kathryn Doyle"]
    # a name and its feminine, or short names that sound alike, still need the same slot
    c = claim_of("Danielle Doyle, who has served on the force for two decades, was named police chief by Mayor "
                 "Alan Brooks on Tuesday.", source_id="c.txt")
    assert compare(claim_of(a.text.replace("Katherine", "Daniel"), source_id="a.txt"), c) == []


def test_a_surname_with_its_first_letter_changed_under_the_same_given_name(claim_of):
    a = claim_of("The fire started in the rear carriage, the company's spokesman, Peter Varga, said on Monday.",
                 source_id="a.txt")
    b = claim_of("The fire began in the rear carriage, company spokesman Peter Barga said on Monday.",
                 source_id="b.txt")
    [obs] = compare(a, b)
    assert [s.norm for s in obs.sides] == ["peter varga", "peter barga"]
    other = claim_of("The fire began in the rear carriage, company spokesman Anna Barga said on Monday.",
                     source_id="b.txt")
    assert compare(a, other) == []  # another given name too: another person, not a slip


def test_close_but_different_place_in_the_same_slot(claim_of):
    a = claim_of("The candidate held a town hall in Bradford on Thursday night.", source_id="a.txt")
    b = claim_of("The candidate held a town hall in Bedford on Thursday night.", source_id="b.txt")
    [obs] = compare(a, b)
    assert {s.value.text for s in obs.sides} == {"Bradford", "Bedford"}
    assert obs.detail["slot"] == "place"


@pytest.mark.parametrize("first, second", [
    ("Sen. Chris Dodd of Connecticut said he would not seek re-election this year.",
     "Senator Christopher J. Dodd of Connecticut said he would not seek re-election this year."),
    ("Sen. Ted Kennedy of Massachusetts led the fight for the health care bill.",
     "Senator Edward M. Kennedy of Massachusetts led the fight for the health care bill."),
    ("Lt. Gov. Tim Murray of Massachusetts said he would not run for governor.",
     "Lt. Governor Timothy Murray of Massachusetts said he would not run for governor."),
    ("House Majority Leader Steny H. Hoyer of Maryland said the vote would be held on Friday.",
     "House Majority Leader Steny Hoyer of Maryland said the vote would be held on Friday."),
    ("Representative Linda Sánchez of California won the vice chair race by two votes.",
     "Rep. Linda Sanchez of California won the vice chair race by two votes."),
    ("The Department of Defense said the soldiers would return in the spring.",
     "The Defense Department said the soldiers would return in the spring."),
    ("The Defence Ministry in London said the soldiers would return in the spring.",
     "The Defense Ministry in London said the soldiers would return in the spring."),
])
def test_name_forms_of_one_person_or_body_are_never_mismatches(claim_of, first, second):
    assert compare(claim_of(first, source_id="a.txt"), claim_of(second, source_id="b.txt")) == []


def test_two_people_named_in_one_article_are_two_people_not_a_mismatch():
    text_a = ("Bill Clinton and Hillary Clinton arrived in Iowa on Monday.\n"
              "Hillary Clinton spoke at a rally in Des Moines on Tuesday evening.\n")
    a = next(c for c in claims_from_text(text_a, source_id="a.txt") if c.text.startswith("Hillary"))
    [b] = claims_from_text("Bill Clinton spoke at a rally in Des Moines on Tuesday evening.\n", source_id="b.txt")
    assert compare(a, b) == []


def test_a_surname_alone_is_no_mismatch(claim_of):
    a = claim_of("Representative Linda Sanchez of California won the vice chair race by two votes.", source_id="a.txt")
    b = claim_of("Ms. Sanchez of California won the vice chair race by two votes.", source_id="b.txt")
    assert compare(a, b) == []


def test_names_in_different_slots_or_different_claims_are_no_mismatch(claim_of):
    a = claim_of("Hillary Clinton campaigned in Ohio on Monday with union leaders.", source_id="a.txt")
    b = claim_of("Bill Clinton was paid $500,000 for a speech in Moscow in 2010.", source_id="b.txt")
    assert compare(a, b) == []
    a = claim_of("Sasha Obama and her sister went to the beach on Sunday.", source_id="a.txt")
    b = claim_of("Her sister, Malia Obama, went to the beach on Sunday.", source_id="b.txt")
    assert compare(a, b) == []


def test_a_nationality_and_a_country_are_not_two_places(claim_of):
    a = claim_of("He became the first Mexican president to address the assembly in Spanish.", source_id="a.txt")
    b = claim_of("He became the first president of Mexico to address the assembly in Spanish.", source_id="b.txt")
    assert compare(a, b) == []


def test_a_quoted_nickname_names_the_same_person():
    text_a = ('The governor picked his former chief of staff, William "Mo" Cowan, on Wednesday.\n'
              "William Cowan will hold the seat until the special election in June.\n")
    a = claims_from_text(text_a, source_id="a.txt")[1]
    [b] = claims_from_text("Mo Cowan will hold the seat until the special election in June.\n", source_id="b.txt")
    assert compare(a, b) == []


def _claim_with(text: str, name: str, label: str, source_id: str):
    article = Article(path=source_id, source_id=source_id, text=text)
    start = text.index(name)
    mention = NameMention(Span(start, start + len(name), name), label, tuple(name.split()))
    content = frozenset(w.lower().strip(".,") for w in text.split() if len(w) > 3)
    return Claim(article=article, source_id=source_id, start=0, end=len(text),
                 facts=Facts(names=(mention,), content=content))


def test_people_the_tagger_calls_organisations_are_still_compared_by_their_first_names():
    a = _claim_with("Rep. Karen Bass of California won the caucus vote on Tuesday.", "Karen Bass", "ORG", "a.txt")
    b = _claim_with("Rep. Linda Bass of California won the caucus vote on Tuesday.", "Linda Bass", "ORG", "b.txt")
    [obs] = compare(a, b)
    assert obs.detail["slot"] == "person"
    c = _claim_with("The Bank of America Tower in Charlotte was sold on Tuesday.", "Bank of America Tower", "ORG", "c.txt")
    d = _claim_with("The Bank of Canada Tower in Charlotte was sold on Tuesday.", "Bank of Canada Tower", "ORG", "d.txt")
    assert compare(c, d) == []
