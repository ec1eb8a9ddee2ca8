"""DAT001 date-mismatch: conflicts, agreements, and the pairs it must leave alone."""
import datetime as dt

from crosscheck.claims import claims_from_text
from crosscheck.compare.base import ScanContext
from crosscheck.compare.rules.date_mismatch import DateMismatch
from crosscheck.model import Kind, Severity

D = dt.date


def observe(claim_of, text_a, text_b, date_a=None, date_b=None):
    a = claim_of(text_a, source_id="a.md", date=date_a)
    b = claim_of(text_b, source_id="b.md", date=date_b)
    return list(DateMismatch().compare(a, b, 0.8))


def values(obs):
    return tuple(s.value.text for s in obs.sides)


# ---------------------------------------------------------------- discrepancies

def test_a_year_off_with_the_same_verb_and_subject_is_a_discrepancy(claim_of):
    [obs] = observe(claim_of, "Gomez has run the regional water agency since 2011.",
                    "Gomez has run the regional water agency since 2012, and critics say it shows.")
    assert obs.kind is Kind.DISCREPANCY and obs.severity is Severity.HIGH
    assert values(obs) == ("since 2011", "since 2012")
    assert [s.norm for s in obs.sides] == ["since 2011", "since 2012"]


def test_a_term_shifted_by_one_year_with_synonymous_verbs_is_a_discrepancy(claim_of):
    [obs] = observe(claim_of, "The judge, Harold Baxter, held the seat from 1975 to 1983.",
                    "He succeeded Harold Baxter, who served from 1976 to 1984.")
    assert obs.kind is Kind.DISCREPANCY
    assert values(obs) == ("from 1975 to 1983", "from 1976 to 1984")


def test_a_fire_that_broke_out_and_one_that_started_on_other_days(claim_of):
    friday = dt.date(2025, 2, 14)
    [obs] = observe(claim_of, "The fire broke out on Thursday at the nursing home in Lyon, officials said.",
                    "The fire at the nursing home in Lyon started on Wednesday, officials said.", friday, friday)
    assert obs.kind is Kind.DISCREPANCY
    assert values(obs) == ("on Thursday", "on Wednesday")


def test_relative_dates_conflict_once_placed_against_publication(claim_of):
    [obs] = observe(claim_of, "Ortiz stepped down from the hospital board last year, filings show.",
                    "Ortiz quit the hospital board earlier this month to run for mayor.",
                    D(2019, 2, 20), D(2019, 2, 21))
    assert obs.kind is Kind.DISCREPANCY and obs.severity is Severity.MEDIUM
    assert values(obs) == ("last year", "earlier this month")


def test_part_of_a_month_against_a_day_outside_it(claim_of):
    [obs] = observe(claim_of, "The state will hold its presidential primary in early June.",
                    "The presidential primary will be held on June 24, officials said.",
                    D(2014, 1, 15), D(2014, 1, 15))
    assert obs.kind is Kind.DISCREPANCY
    assert values(obs) == ("in early June", "on June 24")


def test_weekdays_without_publication_dates_compare_by_name(claim_of):
    [obs] = observe(claim_of, "The two foreign ministers will meet in Brussels on Thursday.",
                    "The two foreign ministers will meet in Brussels on Friday, diplomats said.")
    assert obs.kind is Kind.DISCREPANCY
    assert [s.norm for s in obs.sides] == ["thursday", "friday"]


# ---------------------------------------------------------------- agreements

def test_a_year_and_a_month_within_it_agree(claim_of):
    [obs] = observe(claim_of, "The battery factory opened in 2015 near the river.",
                    "The battery factory opened in November 2015, the company said.")
    assert obs.kind is Kind.AGREEMENT


def test_last_year_agrees_with_the_month_it_covers(claim_of):
    [obs] = observe(claim_of, "Rebels shot down the cargo plane last year near the border.",
                    "Rebels shot down the cargo plane in November 2015 near the border.",
                    D(2016, 5, 1), D(2016, 5, 2))
    assert obs.kind is Kind.AGREEMENT and values(obs) == ("last year", "in November 2015")


def test_the_same_day_named_two_ways_agrees_with_one_norm(claim_of):
    [obs] = observe(claim_of, "Turnout is expected to be low in the June 25 runoff election.",
                    "Both candidates are campaigning hard for a runoff election set for June 25.",
                    D(2013, 1, 30), D(2013, 1, 30))
    assert obs.kind is Kind.AGREEMENT
    assert obs.sides[0].norm == obs.sides[1].norm == "2013-06-25"


# ---------------------------------------------------------------- precision: what must not be reported

def test_dates_with_different_roles_in_one_claim_are_not_crossed(claim_of):
    obs = observe(claim_of, "Baxter, who served as mayor from 1975 to 1983, died on Sunday at 88.",
                  "Baxter, first elected mayor in 1975, died on Sunday at his home.",
                  D(2020, 6, 9), D(2020, 6, 9))
    assert [o.kind for o in obs] == [Kind.AGREEMENT]
    assert values(obs[0]) == ("on Sunday", "on Sunday")


def test_joining_and_leaving_are_different_events(claim_of):
    obs = observe(claim_of, "Lee joined the law firm in 2009 and left it last year.",
                  "Lee left the law firm in 2012 to teach.", D(2013, 4, 2), D(2013, 4, 2))
    assert [(o.kind, values(o)) for o in obs] == [(Kind.AGREEMENT, ("last year", "in 2012"))]


def test_different_subjects_are_never_aligned(claim_of):
    assert observe(claim_of, "Gomez has run the regional water agency since 2011.",
                   "Ruiz has run the regional water agency's legal office since 2014.") == []


def test_a_relative_date_that_cannot_be_placed_never_conflicts(claim_of):
    assert observe(claim_of, "Ortiz stepped down from the hospital board last year.",
                   "Ortiz stepped down from the hospital board in 2015.") == []


def test_dates_in_a_list_are_not_compared(claim_of):
    assert observe(claim_of, "Smith and Jones have served on the school board since 2003 and 2007.",
                   "Smith has served on the school board since 2004.") == []


def test_hedged_dates_do_not_conflict(claim_of):
    assert observe(claim_of, "The copper mine opened around 1990, residents recall.",
                   "The copper mine opened in 1992 after a long fight.") == []


def test_the_same_verb_about_different_things_is_no_conflict(claim_of):
    assert observe(claim_of, "Food prices rose in 2015, the report found.",
                   "Wages rose in 2016, the report found.") == []


def test_a_date_that_names_an_event_is_not_a_claim_about_its_date(claim_of):
    assert observe(claim_of, "Voters rejected the tax measure in the 2010 referendum.",
                   "Voters approved a similar measure in the 2012 referendum.") == []


def test_passive_patient_and_active_agent_are_different_roles(claim_of):
    assert observe(claim_of, "Rivera was appointed to lead the commission on Wednesday.",
                   "Last week Rivera appointed Chen to lead the transit commission.",
                   D(2018, 3, 8), D(2018, 3, 8)) == []


def test_what_happened_and_what_is_planned_are_different_events(claim_of):
    assert observe(claim_of, "The board adopted the resolution on Tuesday.",
                   "The board will approve the resolution's final wording in October.",
                   D(2010, 7, 14), D(2010, 7, 14)) == []


def test_a_preview_and_a_report_of_one_meeting_on_other_days(claim_of):
    """'will meet next Monday' in a preview against 'met on Tuesday' in the report: one meeting, two days."""
    [obs] = observe(claim_of, "The prime minister will meet the union's leaders at his office next Monday.",
                    "The prime minister met the union's leaders at his office on Tuesday.",
                    D(2025, 5, 16), D(2025, 5, 21))
    assert obs.kind is Kind.DISCREPANCY
    assert values(obs) == ("next Monday", "on Tuesday")


def test_different_statements_on_different_days_are_not_a_conflict(claim_of):
    assert observe(claim_of, "The senator said on Sunday that the bill was dead.",
                   "The senator said on Saturday that the bill could still pass.",
                   D(2012, 2, 20), D(2012, 2, 20)) == []


def test_weekdays_from_articles_written_days_apart_do_not_conflict(claim_of):
    assert observe(claim_of, "The president and the speaker met at the White House on Sunday.",
                   "The president and the speaker met at the White House on Thursday evening.",
                   D(2012, 12, 10), D(2012, 12, 14)) == []


# ---------------------------------------------------------------- corpus scan

def test_scan_pairs_dated_claims_of_one_event_across_sources_without_links():
    a = claims_from_text("Gomez has run the regional water agency since 2011. The budget grew.", source_id="a.md")
    b = claims_from_text("Critics note that Gomez has run the regional water agency since 2012.", source_id="b.md")
    claims = a + b
    found = list(DateMismatch().scan(claims, ScanContext(lambda x, y: True)))
    assert [(o.kind, values(o)) for o in found] == [(Kind.DISCREPANCY, ("since 2011", "since 2012"))]
    assert list(DateMismatch().scan(claims, ScanContext(lambda x, y: x == y))) == []


def test_a_yearless_day_compares_with_a_dated_one_by_month_and_day(claim_of):
    [obs] = observe(claim_of, "The trade summit opened in Geneva on June 3.",
                    "The trade summit opened in Geneva on June 5, 2014.", None, D(2014, 6, 6))
    assert obs.kind is Kind.DISCREPANCY and values(obs) == ("on June 3", "on June 5, 2014")


def test_event_groups_follow_the_same_event_test(claim_of):
    from crosscheck.compare.rules.date_mismatch import event_groups

    claims = [claim_of("The dam was finished in 1936 after five years.", source_id=s) for s in ("a", "b", "c", "d")]
    groups = event_groups(claims, lambda x, y: {x, y} <= {"a", "c"} or {x, y} <= {"b", "d"})
    assert groups == {"a": 0, "b": 1, "c": 0, "d": 1}


def test_holding_an_office_is_serving_but_different_offices_are_different_terms(claim_of):
    [obs] = observe(claim_of, "Ruiz was mayor of the city from 1994 to 2002.",
                    "Ruiz, who served as mayor from 1995 to 2002, died on Friday.")
    assert obs.kind is Kind.DISCREPANCY and values(obs) == ("from 1994 to 2002", "from 1995 to 2002")
    assert observe(claim_of, "Ruiz was deputy mayor of the city from 1990 to 1994.",
                   "Ruiz, who served as mayor from 1995 to 2002, died on Friday.") == []


def test_the_day_an_event_happened_against_the_day_of_an_act_in_it(claim_of):
    day = dt.date(2024, 3, 6)
    a = "Nine people were killed in the blast at the central market on Tuesday, police said."
    b = "The explosion at the central market, which police said killed ten people, happened on Wednesday."
    obs = observe(claim_of, a, b, day, day)
    assert [o.kind for o in obs] == [Kind.DISCREPANCY]
    other = "The market, which police said had reopened, was busy on Wednesday."
    assert [o for o in observe(claim_of, a, other, day, day) if o.kind is Kind.DISCREPANCY] == []


def test_a_veto_struck_down_on_another_weekday_is_a_discrepancy(claim_of):
    """'vetoed' and 'struck down' name one act: the days conflict."""
    [obs] = observe(claim_of, "Governor Tamsin Okafor vetoed the state budget bill on Monday.",
                    "Governor Tamsin Okafor struck down the state budget bill on Tuesday, her fifth veto.",
                    D(2021, 3, 10), D(2021, 3, 10))
    assert obs.kind is Kind.DISCREPANCY and values(obs) == ("on Monday", "on Tuesday")


def test_this_weeks_act_and_the_same_act_in_another_year_are_two_acts(claim_of):
    assert observe(claim_of, "Governor Tamsin Okafor vetoed the budget bill on Monday.",
                   "Governor Tamsin Okafor vetoed a similar budget bill in 2019.",
                   D(2021, 3, 10), D(2021, 3, 10)) == []


def test_taking_office_is_not_taking_place(claim_of):
    assert observe(claim_of, "Mayor Ibsen, who took office in 2017, faces voters in May.",
                   "Mayor Ibsen closed the harbour tunnel in 2018 after the flood.",
                   D(2021, 3, 10), D(2021, 3, 10)) == []


def test_one_announcement_of_one_thing_on_two_days_is_a_discrepancy(claim_of):
    [obs] = observe(claim_of, "The fisheries ministry announced a ban on trawling in the bay on Monday.",
                    "The fisheries ministry on Tuesday announced a ban on trawling in the bay.",
                    D(2023, 6, 7), D(2023, 6, 7))
    assert obs.kind is Kind.DISCREPANCY and values(obs) == ("on Monday", "on Tuesday")


def test_announcements_of_different_things_on_two_days_do_not_conflict(claim_of):
    assert observe(claim_of, "The ministry announced new rules on Monday.",
                   "The ministry announced a hiring freeze on Tuesday.", D(2023, 6, 7), D(2023, 6, 7)) == []
