"""ROL002 title-mismatch: the offices one event's sources give one person, read next to the name."""
import pytest

from crosscheck.claims import claims_from_text
from crosscheck.compare.base import ScanContext
from crosscheck.compare.rules.title_mismatch import TitleMismatch
from crosscheck.extract.titles import titles
from crosscheck.model import Kind


def scan(*texts):
    claims = []
    for n, text in enumerate(texts):
        claims += claims_from_text(text, source_id=f"{n}.txt")
    return list(TitleMismatch().scan(claims, ScanContext(same_event=lambda a, b: True)))


def kinds(found):
    return sorted(o.kind.value for o in found)


@pytest.mark.parametrize("text, norm", [
    ("Foreign Minister Mevlut Cavusoglu met his Greek counterpart in Ankara on Tuesday.", "foreign minister"),
    ("The bill was drafted by Sen. Maria Cantwell and two colleagues.", "senator"),
    ("Secretary of State John Kerry flew to Geneva for the talks.", "state secretary"),
    ("Attorney General Loretta Lynch said the inquiry would continue.", "attorney general"),
    ("The memo was written by Robert F. Bauer, the White House counsel, in May.", "counsel"),
    ("Cathi Herrod, president of the Center for Arizona Policy, welcomed the vote.", "president"),
    ("Former Arkansas Gov. Mike Huckabee urged supporters to eat there.", "governor"),
    ("The company's chief, CEO Mary Barra, apologised to the families.", "chief executive"),
    ("Vice President Joe Biden laughed at the question.", "vice president"),
    ("Mr. Trump's lawyer, John Dowd, said the president had done nothing wrong.", "lawyer"),
    ("The Ohio attorney general, Mike DeWine, joined the suit.", "attorney general"),
])
def test_a_title_is_read_next_to_the_name(text, norm):
    [title] = [t for c in claims_from_text(text) for t in titles(c)]
    assert title.norm == norm
    assert title.claim.article.text[title.span.start:title.span.end] == title.span.text


def test_a_title_before_a_comma_is_read_only_as_an_appositive():
    # the office ends a leading phrase; the name opens the main clause
    assert [t for c in claims_from_text("After meeting the president, Joe Biden said he was hopeful.")
            for t in titles(c)] == []


def test_attorney_and_lawyer_set_off_by_a_comma_are_the_same_office():
    found = scan("The request went to Clinton attorney David Kendall on Tuesday.",
                 "Mrs. Clinton's lawyer, David Kendall, said she would not sit for an interview.")
    assert kinds(found) == ["agreement"]


def test_no_title_without_an_office_word_next_to_the_name():
    assert [t for c in claims_from_text("Mr. Cathy said on Monday that he had no regrets.") for t in titles(c)] == []
    assert [t for c in claims_from_text("Critics of Dan Cathy, who runs the chain, protested.") for t in titles(c)] == []


@pytest.mark.parametrize("first, second", [
    ("Finance Minister Jan Kees de Jager said the deal was fair.", "The talks were led by Foreign Minister Jan Kees de Jager."),
    ("Vice President Joe Biden visited the plant on Friday.", "President Joe Biden visited the plant on Friday."),
    ("The measure was filed by Sen. Tom Cotton of Arkansas.", "Rep. Tom Cotton said he would press ahead with the measure."),
    ("The boycott began after CEO Dan Cathy spoke to a radio host.", "Chick-fil-A president Dan Cathy defended the remarks."),
    ("Transport Minister Raul Pérez said the driver had worked 16 hours.",
     "Interior Minister Raul Pérez said the driver had been at the wheel for 16 hours."),
])
def test_another_office_for_one_person_is_a_discrepancy(first, second):
    [found] = scan(first, second)
    assert found.kind is Kind.DISCREPANCY
    assert {s.claim.source_id for s in found.sides} == {"0.txt", "1.txt"}


@pytest.mark.parametrize("first, second", [
    # tenure, whose office and a less specific title are not another office
    ("Former Arkansas Gov. Mike Huckabee called for the rally.", "Gov. Mike Huckabee spoke at the rally."),
    ("Robert F. Bauer, the White House counsel, wrote the memo.", "Counsel Robert Bauer wrote the memo in May."),
    ("Foreign Minister Sergei Lavrov met the envoy in Moscow.", "Minister Sergei Lavrov met the envoy in Moscow."),
])
def test_the_same_office_told_two_ways_is_an_agreement(first, second):
    assert kinds(scan(first, second)) == ["agreement"]


def test_a_source_that_uses_both_titles_is_not_contradicted():
    found = scan("Chick-fil-A president Dan Cathy, the chain's CEO, spoke.", "CEO Dan Cathy spoke on the radio.")
    assert Kind.DISCREPANCY not in {o.kind for o in found}


def test_two_people_sharing_a_surname_are_kept_apart():
    found = scan("Former President Bill Clinton campaigned in Ohio on Monday.",
                 "Secretary of State Hillary Clinton flew to Beijing on Monday.")
    assert found == []


def test_a_spelling_convention_is_the_same_office():
    found = scan("Defence Minister Benny Gantz arrived in Ankara on Monday.",
                 "Defense Minister Benny Gantz arrived in Ankara on Monday.")
    assert kinds(found) == ["agreement"]


def test_someones_post_given_to_two_people_is_a_discrepancy():
    found = scan("The governor's press secretary, Dana Whitfield, resigned on Friday after the audit was published.",
                 "Her press secretary, Michael Dunn, stepped down on Friday after the audit was published.")
    [obs] = [o for o in found if o.kind is Kind.DISCREPANCY]
    assert [s.value.text for s in obs.sides] == ["governor's press secretary, Dana Whitfield", "press secretary, Michael Dunn"]
    assert obs.confidence <= 0.5


@pytest.mark.parametrize("first, second", [
    # nobody's own post: two holders over time
    ("Trump fired Secretary of State Rex Tillerson earlier this year.",
     "The letter went to Secretary of State Mike Pompeo on Thursday."),
    # a former holder and the present one
    ("The governor's former press secretary, Dana Whitfield, resigned on Friday after the audit was published.",
     "Her press secretary, Michael Dunn, stepped down on Friday after the audit was published."),
    # one source names both in the post
    ("The governor's press secretary, Dana Whitfield, resigned on Friday, and her press secretary, Michael Dunn, stayed.",
     "Her press secretary, Michael Dunn, stepped down on Friday after the audit was published."),
])
def test_posts_that_change_hands_or_are_nobodys_own_are_left(first, second):
    assert [o for o in scan(first, second) if o.kind is Kind.DISCREPANCY] == []
