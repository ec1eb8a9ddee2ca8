"""Date extraction: spans, intervals, granularity, relative resolution, roles."""
import datetime as dt

import pytest

from crosscheck.claims import claims_from_text
from crosscheck.extract.dates import describe, floating_interval, nearest_year, part_of

D = dt.date
WED = D(2021, 3, 17)  # a Wednesday


def dates_of(text, date=None):
    found = [m for c in claims_from_text(text, date=date) for m in c.facts.dates]
    for m in found:  # every value span is a slice of the article text
        assert m.span.text == text[m.span.start:m.span.end]
    return found


def only(text, date=None):
    [m] = dates_of(text, date)
    return m


@pytest.mark.parametrize("text, phrase, start, end, granularity, trigger", [
    ("The company was founded in 1998 by two engineers.", "in 1998", D(1998, 1, 1), D(1998, 12, 31), "year", "in"),
    ("The bridge finally opened on March 2, 2008, after years of delays.", "on March 2, 2008",
     D(2008, 3, 2), D(2008, 3, 2), "day", "on"),
    ("Crime rates fell sharply in the 1990s across the region.", "in the 1990s", D(1990, 1, 1), D(1999, 12, 31),
     "decade", "in"),
    ("The paper mill closed in late 2015 after the merger.", "in late 2015", D(2015, 7, 2), D(2015, 12, 31),
     "part", "in"),
    ("Construction resumed in March 2008, according to the filing.", "in March 2008", D(2008, 3, 1), D(2008, 3, 31),
     "month", "in"),
    ("She has run the regional water agency since 2011.", "since 2011", D(2011, 1, 1), D(2011, 12, 31), "year", "since"),
    ("The strike ended in the spring of 2011, the union said.", "in the spring of 2011", D(2011, 3, 1), D(2011, 5, 31),
     "season", "in"),
])
def test_absolute_dates_resolve_to_intervals(text, phrase, start, end, granularity, trigger):
    m = only(text)
    assert (m.span.text, m.start, m.end, m.granularity, m.trigger) == (phrase, start, end, granularity, trigger)
    assert not m.relative and m.explicit_year


@pytest.mark.parametrize("text, phrase, first, last", [
    ("He represented the district in Congress from 1987 to 1999.", "from 1987 to 1999", 1987, 1999),
    ("She chaired the hospital board between 2009 and 2016.", "between 2009 and 2016", 2009, 2016),
    ("The program ran from 2000 until 2006 before funding dried up.", "from 2000 until 2006", 2000, 2006),
    ("He was the town's mayor in 1994-2002, records show.", "in 1994-2002", 1994, 2002),
    ("He was the town's mayor in 1994-02, records show.", "in 1994-02", 1994, 2002),
    ("The audit found payments beginning in 2009 and continuing through 2016.",
     "beginning in 2009 and continuing through 2016", 2009, 2016),
])
def test_ranges_keep_both_ends(text, phrase, first, last):
    m = only(text)
    assert m.span.text == phrase and m.granularity == "range"
    assert m.endpoints == ((D(first, 1, 1), D(first, 12, 31)), (D(last, 1, 1), D(last, 12, 31)))
    assert describe(m) == f"{first}..{last}"


def test_months_without_a_year_take_the_nearest_year_to_publication():
    m = only("The state will hold its primary in mid May, officials said.", D(2019, 1, 30))
    assert m.span.text == "in mid May" and (m.start, m.end) == (D(2019, 5, 8), D(2019, 5, 23))
    assert not m.explicit_year
    past = only("Home prices fell sharply in December, the report said.", D(2013, 1, 10))
    assert (past.start, past.end) == (D(2012, 12, 1), D(2012, 12, 31))
    day = only("Voters go to the polls on Nov. 8 to pick a new governor.", D(2016, 10, 1))
    assert (day.span.text, day.start) == ("on Nov. 8", D(2016, 11, 8))


def test_a_year_named_with_the_second_end_of_a_range_dates_the_first():
    m = only("The museum was closed from March to May 2008 for repairs.")
    assert m.endpoints == ((D(2008, 3, 1), D(2008, 3, 31)), (D(2008, 5, 1), D(2008, 5, 31)))


@pytest.mark.parametrize("text, phrase, start, end", [
    ("The mayor resigned yesterday amid the scandal.", "yesterday", D(2021, 3, 16), D(2021, 3, 16)),
    ("The factory shut down last year after losing its contract.", "last year", D(2020, 1, 1), D(2020, 12, 31)),
    ("The director quit earlier this month to join a rival studio.", "earlier this month", D(2021, 3, 1),
     D(2021, 3, 16)),  # before the day of writing, which would be "today"
    ("The tabloid published a story earlier this week about the senator.", "earlier this week", D(2021, 3, 15),
     D(2021, 3, 16)),
    ("The board will meet later this week to vote on the budget.", "later this week", D(2021, 3, 18),
     D(2021, 3, 21)),
    ("The new rules take effect next month, the agency said.", "next month", D(2021, 4, 1), D(2021, 4, 30)),
    ("The council voted on Monday to raise parking fees.", "on Monday", D(2021, 3, 15), D(2021, 3, 15)),
    ("The council will vote on Friday on the parking fees.", "on Friday", D(2021, 3, 19), D(2021, 3, 19)),
    ("The suspect was arrested two weeks ago in Ohio.", "two weeks ago", D(2021, 2, 28),
     D(2021, 3, 6)),
])
def test_relative_dates_resolve_against_the_publication_date(text, phrase, start, end):
    m = only(text, WED)
    assert (m.span.text, m.start, m.end) == (phrase, start, end)
    assert m.relative


def test_without_a_publication_date_relative_dates_keep_a_key():
    weekday = only("The council voted on Monday to raise parking fees.")
    assert (weekday.start, weekday.key, weekday.granularity) == (None, "monday", "weekday")
    year = only("The factory shut down last year after losing its contract.")
    assert (year.start, year.key) == (None, "last year")
    yearless = only("The runoff is set for June 25, the election board said.")
    assert yearless.start is None and floating_interval(yearless.key) == (D(2000, 6, 25), D(2000, 6, 25))


def test_the_following_month_is_placed_after_the_date_named_before_it():
    text = "The plant was sold in June 2014. It closed the following month, putting 300 people out of work."
    later = dates_of(text)[-1]
    assert later.span.text == "the following month" and (later.start, later.end) == (D(2014, 7, 1), D(2014, 7, 31))


@pytest.mark.parametrize("text", [
    "He served on the city council for 20 years.",
    "It was the first visit by a foreign leader in a decade.",
    "Over the past two years the company doubled its sales.",
    "Sales have grown in the last year, the chief executive said.",
    "He was sued under Section 1983 of the civil rights law.",
    "May I ask whether the mayor will attend the hearing?",
    "The mayor won with 2,014 votes in the recount.",
    "The challenger got 1996 votes in the recount.",
    "The crash happened more than a year ago, officials said.",
])
def test_durations_and_numbers_are_not_dates(text):
    assert dates_of(text, WED) == []


def test_a_list_of_dates_shares_its_trigger_and_is_marked():
    first, second = dates_of("Two of the board members have served since 2003 and 2007.")
    assert (first.span.text, second.span.text) == ("since 2003", "2007")
    assert first.coordinated and second.coordinated and second.trigger == "since"


def test_hedged_dates_are_marked_approximate():
    assert only("The mine opened around 1990, residents recall.").approximate
    assert only("The feud goes back to at least 2004, court papers show.").approximate


def test_role_names_the_verb_the_doer_and_the_patient():
    m = only("Gomez has run the regional water agency since 2011.")
    assert (m.head, m.verb, m.agent) == ("run", "run", ("gomez",))
    assert "agency" in m.nouns
    passive = only("Rivera was appointed to the board on Wednesday by the governor.", WED)
    assert passive.agent == ("governor",) and passive.objects == ("rivera",)
    noun = only("Turnout was low in the March 3 special election.", WED)
    assert noun.attributive and noun.head == "election"


def test_helpers():
    assert nearest_year(12, None, D(2013, 1, 10), "past") == 2012
    assert nearest_year(1, 15, D(2012, 12, 20), "future") == 2013
    assert part_of(D(2015, 1, 1), D(2015, 12, 31), "early") == (D(2015, 1, 1), D(2015, 7, 2))


@pytest.mark.parametrize("text", [
    "The deadline is February 30, the notice said.",
    "The flight left at 1900 GMT with 200 people aboard.",
    "He counted 1776 ballots by hand.",
    "Protesters gathered outside 1600 Pennsylvania Avenue in the rain.",
])
def test_impossible_or_numeric_dates_are_dropped(text):
    assert dates_of(text, WED) == []


def test_a_run_on_list_of_dates_reads_each_clause_once(monkeypatch):
    from crosscheck.extract import date_roles

    read = []
    role = date_roles._event_role
    monkeypatch.setattr(date_roles, "_event_role", lambda gov, skip: read.append(gov.i) or role(gov, skip))
    text = "The board met " + ", ".join(f"on March {d % 28 + 1}, {1990 + d % 30}" for d in range(40)) + ". " \
        + " ".join(f"The board met on May {d % 28 + 1}, {1990 + d % 30}." for d in range(300))
    found = dates_of(text, WED)
    assert len(found) == 340 and all(m.coordinated for m in found[:40]) and not found[40].coordinated
    # one reading of "met" serves the 40 dates of the run-on list; then one per sentence
    assert len(read) == 1 + 300


def test_a_possessive_weekday_dates_its_noun_not_the_preposition_before_it():
    m = only("The minister spoke to reporters after Tuesday's talks with the drivers' union.", WED)
    assert (m.span.text, m.trigger, m.head, m.start) == ("Tuesday", "", "talk", D(2021, 3, 16))
