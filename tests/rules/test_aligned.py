"""The aligned claim diff and its classifiers (DAT002, QTY003, NAM003, ROL001, STA001).

Sentences come from BASIL stories that no label set uses (2010-2b95d2cf, Michael
Steele on Afghanistan; 2011-0ffb34cd and others), each against the same
sentence as a rewrite would print it, with one fact changed or one convention
changed.
"""
import pytest

from crosscheck.compare.align import align
from crosscheck.compare.base import ScanContext
from crosscheck.compare.rules.aligned_date import AlignedDateDifference
from crosscheck.compare.rules.aligned_figure import AlignedFigureDifference
from crosscheck.compare.rules.aligned_name import AlignedNameDifference
from crosscheck.compare.rules.office_mismatch import OfficeMismatch
from crosscheck.compare.rules.state_mismatch import StateMismatch
from crosscheck.model import Kind

STEELE = ("Several prominent conservatives offered swift, negative reactions to Michael Steele on Friday, "
          "after the RNC chairman was caught on camera saying that Afghanistan is a largely unwinnable war.")
STATEMENT = "Steele, seeking to clarify his remarks, issued a statement on Friday afternoon."


def found(rule, claim_of, text_a, text_b):
    a, b = claim_of(text_a, source_id="a.txt"), claim_of(text_b, source_id="b.txt")
    return list(rule.compare_aligned(align(a, b), 0.9))


def values(observations):
    return [sorted(s.value.text for s in o.sides) for o in observations]


def test_alignment_folds_conventions_and_keeps_the_frame(claim_of):
    a = claim_of("The U.S. labour secretary said nine people were hurt.", source_id="a.txt")
    b = claim_of("The US labor secretary said 9 people were hurt.", source_id="b.txt")
    alignment = align(a, b)
    assert alignment.differences == ()
    assert alignment.coverage == 1.0


@pytest.mark.parametrize("text_b, expected", [
    (STEELE.replace("on Friday", "on Thursday"), ["Friday", "Thursday"]),
    (STATEMENT.replace("Friday", "Saturday"), None),
])
def test_another_weekday_in_the_same_frame(claim_of, text_b, expected):
    text_a = STEELE if "conservatives" in text_b else STATEMENT
    obs = found(AlignedDateDifference(), claim_of, text_a, text_b)
    assert [o.kind for o in obs] == [Kind.DISCREPANCY]
    assert values(obs)[0] == (expected or ["Friday", "Saturday"])


def test_another_day_of_the_month_and_the_same_date_written_alike(claim_of):
    a = "Steele told donors in Connecticut on July 1 that the war was of Obama's choosing."
    obs = found(AlignedDateDifference(), claim_of, a, a.replace("July 1", "July 2"))
    assert [o.sides[0].norm for o in obs] == ["july 1"]
    assert found(AlignedDateDifference(), claim_of, a, a.replace("on July 1", "on 1 July")) == []


def test_a_changed_figure_and_a_number_word(claim_of):
    a = "The committee said Steele spent $17,514 on a trip to a Hollywood nightclub."
    obs = found(AlignedFigureDifference(), claim_of, a, a.replace("$17,514", "$1,751"))
    assert values(obs) == [["$1,751", "$17,514"]]
    b = "The committee said nine donors asked for their money back."
    assert found(AlignedFigureDifference(), claim_of, b, b.replace("nine", "9")) == []
    assert found(AlignedFigureDifference(), claim_of, b, b.replace("nine", "19"))[0].kind is Kind.DISCREPANCY


def test_how_many_times_is_a_figure(claim_of):
    a = "Striker Rasmus Hojlund scored twice before being substituted in the 70th minute."
    [obs] = found(AlignedFigureDifference(), claim_of, a, a.replace("twice", "three times"))
    assert values([obs]) == [["three times", "twice"]]
    assert found(AlignedFigureDifference(), claim_of, a, a.replace("twice", "two times")) == []


def test_a_figure_within_what_the_other_states_is_no_difference(claim_of):
    a = "The Clintons paid $43,885,310 in federal taxes over the eight years, the returns show."
    assert found(AlignedFigureDifference(), claim_of, a, a.replace("$43,885,310", "nearly $44 million")) == []
    assert found(AlignedFigureDifference(), claim_of, a, a.replace("$43,885,310", "nearly $40 million"))


@pytest.mark.parametrize("text_a, text_b, other", [
    ("The regulator fined the utility Sh4.2 billion for the blackout, its chairman said.",
     "The regulator fined the utility 4.2 billion shillings for the blackout, its chairman said.",
     "The regulator fined the utility Sh4.7 billion for the blackout, its chairman said."),
    ("The Reserve Bank cut its repo rate by 100 basis points to 5.5 percent on Friday.",
     "The Reserve Bank cut its repo rate by one percentage point to 5.5 percent on Friday.",
     "The Reserve Bank cut its repo rate by 50 basis points to 5.5 percent on Friday."),
])
def test_one_sum_or_one_step_written_in_other_units_is_no_difference(claim_of, text_a, text_b, other):
    assert found(AlignedFigureDifference(), claim_of, text_a, text_b) == []
    assert found(AlignedFigureDifference(), claim_of, other, text_a if "Sh" in other else text_b)


def test_one_digit_of_a_long_figure_is_less_sure_than_a_wrong_figure(claim_of):
    a = "The settlement paid $3,412.50 in legal fees to the former aide."
    digit = found(AlignedFigureDifference(), claim_of, a, a.replace("$3,412.50", "$3,312.50"))[0]
    wrong = found(AlignedFigureDifference(), claim_of, a, a.replace("$3,412.50", "$9,000"))[0]
    assert digit.confidence < wrong.confidence


def test_a_misspelt_name_but_not_a_convention(claim_of):
    obs = found(AlignedNameDifference(), claim_of, STEELE, STEELE.replace("Michael Steele", "Michael Steel"))
    assert values(obs) == [["Steel", "Steele"]]
    for variant in ("Mike Steele", "Michael S. Steele", "Michael Stéele"):
        assert found(AlignedNameDifference(), claim_of, STEELE, STEELE.replace("Michael Steele", variant)) == []


def test_a_misspelt_surname_where_the_sentences_go_on_in_other_words(claim_of):
    a = "Prime Minister Erik Holm accepted her resignation and named Jonas Berg as her successor."
    b = "Prime Minister Erik Holm accepted the resignation and appointed Jonas Borg to replace her."
    assert values(found(AlignedNameDifference(), claim_of, a, b)) == [["Berg", "Borg"]]
    same = "Prime Minister Erik Holm accepted the resignation and appointed Jonas Berg to replace her."
    assert found(AlignedNameDifference(), claim_of, a, same) == []


def test_another_office_for_the_same_person(claim_of):
    a = "Finance Minister Jan Kees de Jager told parliament the bailout would cost more."
    obs = found(OfficeMismatch(), claim_of, a, a.replace("Finance", "Foreign"))
    assert [o.sides[0].norm for o in obs] == ["finance"]
    assert found(OfficeMismatch(), claim_of, a, a.replace("Finance Minister", "Minister")) == []


@pytest.mark.parametrize("text_a, text_b", [
    ("The governor lifted the ban on public gatherings in the capital on Monday.",
     "The governor eased the ban on public gatherings in the capital on Monday."),
    ("The ministry cancelled the summit with union leaders that had been planned for Friday.",
     "The ministry postponed the summit with union leaders that had been planned for Friday."),
    ("Biden visited the troops in Kabul on Monday, the White House said.",
     "Biden will visit the troops in Kabul on Monday, the White House said."),
    ("Steele said he would resign before the vote of the committee.",
     "Steele said he would resign after the vote of the committee."),
    ("If they pass this bill, the economy will grow faster next year, Summers said.",
     "If they don't pass this bill, the economy will grow faster next year, Summers said."),
    # a step done, against one announced: the announcing pronoun is no act
    ("The port authority has signed the new labour contract with the dockworkers' union.",
     "The port authority has announced it will sign the new labour contract with the dockworkers' union."),
    # two events in opposite order, no word changed
    ("The protests began after police arrested the union leader and before the governor declared an emergency.",
     "The protests began after the governor declared an emergency and before police arrested the union leader."),
])
def test_a_statement_and_its_contrary(claim_of, text_a, text_b):
    obs = found(StateMismatch(), claim_of, text_a, text_b)
    assert [o.kind for o in obs] == [Kind.DISCREPANCY]


def test_paraphrase_with_other_words_is_not_a_difference(claim_of):
    b = ("Conservatives were quick to condemn Michael Steele on Friday after the party chairman "
         "was filmed calling Afghanistan a war of Obama's choosing.")
    for rule in (AlignedDateDifference(), AlignedFigureDifference(), AlignedNameDifference(), OfficeMismatch(),
                 StateMismatch()):
        assert found(rule, claim_of, STEELE, b) == []


def test_the_run_analysis_aligns_each_pair_once(claim_of):
    a, b = claim_of(STEELE, source_id="a.txt"), claim_of(STEELE.replace("Friday", "Monday"), source_id="b.txt")
    context = ScanContext(same_event=lambda x, y: True)
    first = context.alignment(a, b)
    assert context.alignment(a, b) is first
    assert context.words(a) is context.words(a)


def test_a_statement_and_its_rebuttal_by_another_speaker_are_not_outlets_disagreeing(claim_of):
    trump = "“The investigation is a total hoax,” Trump said on Tuesday."
    strzok = "“The investigation is not a hoax,” Strzok said on Tuesday."
    assert found(StateMismatch(), claim_of, trump, strzok) == []
    same_speaker = "“The investigation is not a hoax,” President Trump said on Tuesday."
    assert found(StateMismatch(), claim_of, trump, same_speaker) == []  # words inside quotes are QUO001's


@pytest.mark.parametrize("text_a, text_b", [
    # the same order told from the other end
    ("The protests began after police arrested the union leader.",
     "Police arrested the union leader before the protests began."),
    # a plan word against another word, not a plan against its step done
    ("Rep. Blake Farenthold is resigning from Congress, he announced Friday in a statement and a video.",
     "Rep. Blake Farenthold is resigning from Congress on Friday in a statement and a video."),
])
def test_the_same_order_and_other_words_are_no_contrary(claim_of, text_a, text_b):
    assert found(StateMismatch(), claim_of, text_a, text_b) == []


def test_what_someone_is_urged_to_do_is_neither_planned_nor_done(claim_of):
    a = "Top Democrats on Friday pressured President Trump to consider cancelling his summit with Putin."
    b = "Top Democrats on Friday pressured President Trump to cancel his summit with Putin."
    assert found(StateMismatch(), claim_of, a, b) == []


def test_a_negation_restating_a_negative_subject_is_no_contrary(claim_of):
    a = "The President works for the people, and he is not above the law, the senator said on Sunday."
    b = "No one, including the president, is above the law, the senator said on Sunday."
    assert found(StateMismatch(), claim_of, a, b) == []
    assert found(StateMismatch(), claim_of, a, a.replace("is not above", "is above"))


def test_an_affiliation_is_not_an_office(claim_of):
    a = "Senate Minority Leader Chuck Schumer said the vote would fail."
    assert found(OfficeMismatch(), claim_of, a, a.replace("Minority", "Democratic")) == []


def test_the_day_someone_said_something_is_not_the_date_of_the_event(claim_of):
    a = "Hatch announced Thursday that he would retire at the end of his term."
    b = "Hatch, the longest-serving Republican, announced Sunday in a video that he will retire in January."
    assert found(AlignedDateDifference(), claim_of, a, b) == []


def test_one_sentence_told_twice_dates_one_statement(claim_of):
    a = "The mayor's office said on Friday that the bridge would reopen to traffic next month."
    assert values(found(AlignedDateDifference(), claim_of, a, a.replace("Friday", "Sunday"))) == [["Friday", "Sunday"]]


def test_the_same_act_on_another_weekday_wherever_the_sentence_puts_it(claim_of):
    a = "The mayor of Riverside had to apologize Saturday for a Facebook post about the flood victims."
    b = "Riverside's mayor on Friday apologized for a Facebook post that mocked the flood victims."
    obs = found(AlignedDateDifference(), claim_of, a, b)
    assert [sorted(s.norm for s in o.sides) for o in obs] == [["friday", "saturday"]]
    other_act = "Riverside's mayor on Friday deleted a Facebook post that mocked the flood victims."
    assert found(AlignedDateDifference(), claim_of, a, other_act) == []


def test_an_abbreviated_name_is_a_convention(claim_of):
    a = "Gov. Asa Hutchinson of Arkansas signed the bill on Thursday."
    assert found(AlignedNameDifference(), claim_of, a, a.replace("Arkansas", "Ark.")) == []


def test_a_date_inside_the_differing_words_of_a_statement_is_not_the_event_date(claim_of):
    a = "Hatch announced Sunday that he would retire from the Senate at the end of his term."
    b = "Hatch tweeted on Thursday that he would retire from the Senate at the end of his term."
    assert found(AlignedDateDifference(), claim_of, a, b) == []


@pytest.mark.parametrize("text_a, text_b", [
    # another step of the office, a word on one side only
    ("Vice President Joe Biden toured the flooded towns on Saturday.",
     "President Joe Biden toured the flooded towns on Saturday."),
    # abbreviated titles are read as their offices
    ("The bill was introduced by Sen. Maria Cantwell of Washington last week.",
     "The bill was introduced by Rep. Maria Cantwell of Washington last week."),
    ("Justice Anthony Kennedy wrote the opinion for the majority.",
     "Judge Anthony Kennedy wrote the opinion for the majority."),
    # an affiliation beside another office is still another office
    ("House Speaker Paul Ryan said the vote would be held on Friday.",
     "House Majority Leader Paul Ryan said the vote would be held on Friday."),
])
def test_other_offices_in_the_same_frame(claim_of, text_a, text_b):
    assert len(found(OfficeMismatch(), claim_of, text_a, text_b)) == 1


def test_a_tenure_word_added_is_not_another_office(claim_of):
    a = "President Jimmy Carter arrived in Pyongyang on Tuesday."
    assert found(OfficeMismatch(), claim_of, a, a.replace("President", "Former President")) == []


def test_a_name_after_an_abbreviated_title_is_a_name_not_a_sentence_start(claim_of):
    a = "She did not address Mr. Trump directly in the speech on Thursday night."
    assert values(found(AlignedNameDifference(), claim_of, a, a.replace("Trump", "Wrump"))) == [["Trump", "Wrump"]]


def test_one_speaker_spelt_two_ways_is_compared(claim_of):
    a = "“We will not raise taxes on the middle class,” Kowalczyk said on Monday."
    assert found(AlignedNameDifference(), claim_of, a, a.replace("Kowalczyk", "Kowalczik"))


def test_a_promise_is_not_a_deed(claim_of):
    a = "The mayor signed the order closing the bridge to trucks on Monday."
    b = "The mayor vowed to sign the order closing the bridge to trucks on Monday."
    assert [o.kind for o in found(StateMismatch(), claim_of, a, b)] == [Kind.DISCREPANCY]


def test_a_misspelt_name_opening_the_sentence(claim_of):
    a = "Boehner was back at the White House on Tuesday for a second round of talks on the budget."
    assert values(found(AlignedNameDifference(), claim_of, a, a.replace("Boehner", "Poehner"))) == [
        ["Boehner", "Poehner"]]
    b = "Negotiators were back at the White House on Tuesday for a second round of talks on the budget."
    assert found(AlignedNameDifference(), claim_of, b, b.replace("Negotiators", "Lawmakers")) == []


@pytest.mark.parametrize("text_a, text_b, expected", [
    ('Officials say he showed "a great concern for the middle class" during the meeting on Monday.',
     'Officials say he showed "a good concern for the middle class" during the meeting on Monday.',
     ["good", "great"]),
    ("The senator took several jabs at the governor, whom he called a “dangerous demagogue” in the speech.",
     "The senator took several jabs at the governor, whom he called a “deadly demagogue” in the speech.",
     ["dangerous", "deadly"]),
])
def test_a_word_changed_inside_a_short_quotation(claim_of, text_a, text_b, expected):
    from crosscheck.compare.rules.aligned_quote import AlignedQuoteDifference

    assert values(found(AlignedQuoteDifference(), claim_of, text_a, text_b)) == [expected]


def test_outside_quotation_marks_or_only_an_inflection_is_not_a_quote_change(claim_of):
    from crosscheck.compare.rules.aligned_quote import AlignedQuoteDifference

    a = "The senator took several jabs at the governor, whom he called a dangerous demagogue in the speech."
    assert found(AlignedQuoteDifference(), claim_of, a, a.replace("dangerous", "deadly")) == []
    q = "Critics said the plan offered “a real solution” to the crisis, the report said on Friday."
    assert found(AlignedQuoteDifference(), claim_of, q, q.replace("a real solution", "real solutions")) == []


def test_a_value_before_the_same_clause_mark_is_framed_though_the_clauses_then_differ(claim_of):
    a = claim_of("Price, who has served on the council since 2009, denied the charges in court on Monday.",
                 source_id="a.txt")
    b = claim_of("Price, who has served on the council since 2011, pleaded not guilty on Monday.",
                 source_id="b.txt")
    [value] = [d for d in align(a, b).differences if [w.text for w in d.a] == ["2009"]]
    assert [w.text for w in value.b] == ["2011"] and value.framed
    assert values(found(AlignedDateDifference(), claim_of, a.text, b.text)) == [["2009", "2011"]]


def test_a_leader_is_no_office_of_its_own(claim_of):
    a = "The Russian president, Vladimir Putin, told reporters in Helsinki that he had wanted Trump to win."
    assert found(OfficeMismatch(), claim_of, a, a.replace("president", "leader")) == []


# 2011-a28a0329 (HuffPost on the House reading the Constitution)
VETTED = ("Lawmakers swear to abide by the Constitution, and virtually all legislation is vetted for "
          "constitutional support by government lawyers.")


def test_a_hedge_added_before_a_quantifier_without_exception(claim_of):
    obs = found(AlignedFigureDifference(), claim_of, VETTED, VETTED.replace("virtually all", "all"))
    assert [o.kind for o in obs] == [Kind.DISCREPANCY]
    assert [s.norm for s in obs[0].sides] == ["virtually all", "all"]
    assert values(obs) == [["all", "virtually all"]]
    # the same hedge on both sides, a hedge before a word that admits exceptions, or another word added: nothing
    assert found(AlignedFigureDifference(), claim_of, VETTED, VETTED.replace("virtually all", "nearly all")) == []
    most = VETTED.replace("virtually all", "most")
    assert found(AlignedFigureDifference(), claim_of, most, most.replace("most", "virtually most")) == []
    bare = VETTED.replace("virtually all", "all")
    assert found(AlignedFigureDifference(), claim_of, bare, bare.replace("all", "indeed all")) == []


def test_years_after_different_acts_with_only_a_stop_word_between_are_two_acts(claim_of):
    """'who took office in 2023' / 'vetoed a similar bill in 2024': the years date two acts."""
    a = "Mayor Ibsen, who took office in 2017, is expected to seek a second term next spring."
    b = "Mayor Ibsen closed the harbour tunnel in 2018 and is expected to run again next spring."
    assert found(AlignedDateDifference(), claim_of, a, b) == []
    assert values(found(AlignedDateDifference(), claim_of, a, a.replace("2017", "2016"))) == [["2016", "2017"]]


def test_a_misspelt_name_that_opens_both_sentences_is_found_when_the_article_names_it_elsewhere(claim_of):
    """The tagger leaves a sentence's first word untagged; 'said Holder' elsewhere shows it is a name."""
    from crosscheck.claims import claims_from_text

    text = ("Holder also described how the port's cranes stood idle for a week. "
            "The strike ended on Friday, said Holder, the union's secretary.")
    a = claims_from_text(text, source_id="a.txt")[0]
    b = claims_from_text(text.replace("Holder also", "Hobder also"), source_id="b.txt")[0]
    assert values(AlignedNameDifference().compare_aligned(align(a, b), 0.9)) == [["Hobder", "Holder"]]
    plain = "Prices also rose for a week after the port's cranes stood idle, the union said."
    assert found(AlignedNameDifference(), claim_of, plain, plain.replace("Prices also", "Prizes also")) == []


@pytest.mark.parametrize("done, planned", [
    ("Last year the mayor had signed a pledge backed by the transit union to protect night buses.",
     "Last year the mayor was expected to sign a pledge backed by the transit union to protect night buses."),
    ("Auditors have confirmed the ledger's authenticity.", "Auditors are expected to confirm the ledger's authenticity."),
])
def test_a_step_done_with_an_auxiliary_against_one_expected_is_a_state_conflict(claim_of, done, planned):
    [obs] = found(StateMismatch(), claim_of, done, planned)
    assert obs.kind is Kind.DISCREPANCY and "expected" in obs.sides[1].value.text
