"""The probe's alteration ops (issue #13's missed shapes) on real sentences of unlabelled BASIL events.

Each op must change only the value it claims to change, in the logged place, and leave alone sentences
that do not offer that shape; the benign ops must change only spelling or contraction, inside a quote.
"""
import random

import pytest

from benchmarks.alterations import (
    PROBE_OPS, Names, change_amount_digit, change_day_of_month, change_given_name, change_office,
    change_quote_word, change_surname_initial, change_surname_letter, change_weekday, change_year,
    done_to_announced, quote_contraction, quote_spelling, round_amount, trim_around,
)


def edited(fn, sentence, names=Names(), seed=0):
    edit = fn(sentence, random.Random(seed), names)
    assert edit is not None, f"{fn.__name__} found nothing in {sentence!r}"
    before = sentence[edit.start:edit.end]
    assert before != edit.after
    return edit, before, edit.apply(sentence)


def test_weekday_becomes_another_weekday():
    s = "On Thursday, Mr. McConnell accused Democrats of engaging in “obstructionist tactics” to block a well-qualified nominee."
    edit, before, after = edited(change_weekday, s)
    assert before == "Thursday" and edit.after in {"Monday", "Tuesday", "Wednesday", "Friday", "Saturday", "Sunday"}
    assert (edit.op, edit.category, edit.kind) == ("weekday", "date", "discrepancy")
    assert change_weekday("Her opposition also puts her at odds with her father.", random.Random(0)) is None


def test_day_of_month_moves_by_a_day_or_two_and_only_the_day():
    s = ("Ferguson has endured more than a week of unrest since the August 9 death of 18-year-old Michael Brown, "
         "who was shot by Ferguson Police Officer Darren Wilson.")
    for seed in range(5):
        edit, before, after = edited(change_day_of_month, s, seed=seed)
        assert before == "9" and 1 <= abs(int(edit.after) - 9) <= 2 and "August " + edit.after + " death" in after
        assert edit.op == "day-of-month"
    edit, before, _ = edited(change_day_of_month, "The summit opened on 3 March in Brussels.")
    assert before == "3" and edit.after in {"2", "4", "5"}


def test_year_changes_but_not_inside_an_amount():
    s = ("The change marks a shift in efforts to stop the importation of elephant tusks and hides, overriding a 2014 ban "
         "imposed by the Obama administration.")
    edit, before, after = edited(change_year, s)
    assert before == "2014" and edit.after != "2014" and abs(int(edit.after) - 2014) <= 3 and edit.op == "year"
    assert change_year("The firm paid $2014 in fees.", random.Random(0)) is None


def test_office_of_a_named_person_swaps_within_its_group():
    s = 'Also on the Republican side, Sen. Susan Collins of Maine said she was "hopeful" for a "constructive debate" with Democrats.'
    edit, before, after = edited(change_office, s)
    assert before == "Sen." and edit.after in {"Rep.", "Gov."}
    assert edit.after + " Susan Collins" in after and (edit.op, edit.category) == ("office", "role")
    edit, before, _ = edited(change_office, "Secretary of State John Kerry met the Iranian foreign minister in Geneva.")
    assert before == "Secretary of State" and edit.after in {"Defense Secretary", "Treasury Secretary", "Attorney General",
                                                             "Homeland Security Secretary", "Commerce Secretary"}
    # "Vice President Pence" is not "President" + "Pence"
    for seed in range(5):
        edit, before, _ = edited(change_office, "Trump said he fired Flynn for lying to Vice President Pence.", seed=seed)
        assert before == "Vice President"
    assert change_office("The president spoke to reporters.", random.Random(0)) is None


def test_done_becomes_announced_or_expected_and_participles_are_left_alone():
    s = ('Trump issued an apology at the time and described the contents of the "Access Hollywood" recording as '
         '“locker room banter.”')
    edit, before, after = edited(done_to_announced, s)
    assert before == "issued" and after.startswith("Trump ") and " issue an apology at the time" in after
    assert edit.after.split()[0] in {"announced", "promised", "vowed", "pledged"} and edit.op == "done-announced"
    assert edit.category == "state"
    edit, before, after = edited(done_to_announced, "Arkansas Gov. Asa Hutchinson (R) signed a revised version of the bill.")
    assert before == "signed" and after.endswith(" sign a revised version of the bill.")
    edit, before, after = edited(done_to_announced, "The Senate has approved the measure.")
    assert (before, edit.after) == ("has approved", "is expected to approve")
    # a participle after a noun, a passive, a quote: nothing to change
    assert done_to_announced("A Fox News poll released Wednesday shows Obama leading Romney, 49 percent to 44 percent, "
                             "in Florida.", random.Random(0)) is None
    assert done_to_announced("The bill was signed by the governor.", random.Random(0)) is None
    assert done_to_announced("He had “tapes” of discussions with recently fired FBI Director James Comey.",
                             random.Random(0)) is None
    assert done_to_announced('"We signed the deal," he said.', random.Random(0)) is None


def test_quote_word_changes_a_content_word_inside_the_quote_only():
    s = '"I have not heard people in the Republican Party admit yet that they have a problem," he said.'
    edit, before, after = edited(change_quote_word, s)
    assert (before, edit.after) == ("problem", "crisis") and (edit.op, edit.category) == ("quote-word", "quote")
    s = "“So, you have the company that is absolutely typical of the entire American work force,” Justice Alito said."
    edit, before, _ = edited(change_quote_word, s)
    assert (before, edit.after) == ("absolutely", "probably")
    assert change_quote_word("Officials were very concerned about the storm.", random.Random(0)) is None


def test_given_name_is_spelled_another_way_before_its_surname():
    names = Names(firsts=("Katherine", "Dick"), lasts=("Clark", "Durbin"))
    edit, before, after = edited(change_given_name, "Rep. Katherine Clark of Massachusetts said she would vote no.", names)
    assert before == "Katherine" and edit.after in {"Kathryn", "Catherine"} and edit.op == "given-name"
    s = 'Democratic Illinois Sen. Dick Durbin countered that Obama "is a phone call away and you know it."'
    edit, before, after = edited(change_given_name, s, names)
    assert before == "Dick" and edit.after[0] == "D" and edit.after != "Dick" and edit.after + " Durbin" in after


def test_surname_letter_and_initial():
    names = Names(lasts=("Gattine",))
    s = ("In a recording of the message obtained by the Press Herald, the governor identified himself and went on to "
         "curse out Gattine.")
    for seed in range(6):
        edit, before, _ = edited(change_surname_letter, s, names, seed=seed)
        after = edit.after
        assert before == "Gattine" and after[0] == "G" and edit.op == "surname-letter"
        assert len(after) == len(before) and sum(x != y for x, y in zip(before, after)) == 1 or after == "Gatine"
        edit, before, _ = edited(change_surname_initial, s, names, seed=seed)
        assert edit.after[1:] == "attine" and edit.after[0] not in "G" and edit.op == "surname-initial"
    assert change_surname_letter("The governor spoke.", random.Random(0), names) is None


def test_amount_digit_changes_one_significant_digit_and_keeps_the_rest():
    s = ("In January 2012, the New York State Workers’ Compensation Board ordered Healthalicious to pay $88,000 for not "
         "carrying workers’ compensation insurance.")
    for seed in range(5):
        edit, before, _ = edited(change_amount_digit, s, seed=seed)
        assert before == "88,000" and len(edit.after) == 6 and edit.after[0] == "8"
        assert sum(x != y for x, y in zip(before, edit.after)) == 1 and edit.op == "amount-digit"
    edit, before, _ = edited(change_amount_digit, "She was ordered to repay $3,412.50 to the county.")
    assert before == "3,412.50" and edit.after[0] == "3" and edit.after.endswith(".50" if edit.after[3:] != before[3:] else "")
    # years are not amounts
    assert change_amount_digit("Her father offered support for gay marriage in 2009.", random.Random(0)) is None


def test_round_gives_the_exact_figure_rounded():
    s = ("Mr. Christie, 52, honed his political technique, and developed a YouTube following, during a remarkable run of "
         "137 town-hall-style meetings across New Jersey.")
    edit, before, after = edited(round_amount, s)
    assert (before, edit.after) == ("137", "140") and edit.op == "round"
    edit, before, _ = edited(round_amount, "From 2007 through 2014 the couple paid $43,885,310 in federal taxes.")
    assert (before, edit.after) == ("43,885,310", "44,000,000")
    assert round_amount("Officials counted 250 ballots.", random.Random(0)) is None


def test_british_spelling_inside_a_quote_is_benign_and_outside_a_quote_untouched():
    s = "“I deeply and profoundly regret my reaction and I apologize to all involved,” Mr. Etheridge said in a statement."
    edit, before, after = edited(quote_spelling, s)
    assert (before, edit.after) == ("apologize", "apologise") and edit.kind == "benign"
    assert edit.op == "quote-spelling"
    s = ("“I’m sure there will be some who will not be happy, but others will be eager to see the program put on a "
         "stronger financial footing for the long term.”")
    edit, before, _ = edited(quote_spelling, s)
    assert (before, edit.after) == ("program", "programme")
    assert quote_spelling("The organization will apologize to its members.", random.Random(0)) is None


def test_contraction_inside_a_quote_is_benign_both_ways():
    edit, before, after = edited(quote_contraction, "“I will not resign,” he said after a reconciliation meeting with Gattine.")
    assert (before, edit.after) == ("will not", "won’t") and edit.kind == "benign" and edit.op == "quote-contraction"
    edit, before, after = edited(quote_contraction, "“It’s not a birther bill,” Ms. Townsend said.")
    assert (before, edit.after) == ("It’s", "It is") and after == "“It is not a birther bill,” Ms. Townsend said."
    assert quote_contraction("He said it is not a birther bill.", random.Random(0)) is None


def test_every_probe_op_is_one_shape_with_its_own_name():
    sentence = "Sen. Paul Brandt said on Monday, March 3, that he “will not” support the $1,250 plan signed in 2014."
    names = Names(firsts=("Paul",), lasts=("Brandt",))
    for name, fn in PROBE_OPS.items():
        edit = fn(sentence, random.Random(1), names)
        if edit is not None:
            assert edit.op == name


def test_trim_leaves_out_a_clause_and_keeps_the_value_where_it_says():
    s = ("The White House on Friday said that Mr. Obama agreed with Ms. Rice’s assessment, saying he had raised the same "
         "concerns several times.")
    at = s.index("Friday")
    cut, text = trim_around(s, at, at + len("Friday"), random.Random(0))
    assert (cut, text) == (0, "The White House on Friday said that Mr. Obama agreed with Ms. Rice’s assessment.")
    s = "On Thursday, Mr. McConnell accused Democrats of engaging in “obstructionist tactics” to block a nominee."
    at = s.index("McConnell")
    cut, text = trim_around(s, at, at + len("McConnell"), random.Random(0))
    assert text == "Mr. McConnell accused Democrats of engaging in “obstructionist tactics” to block a nominee."
    assert text[at - cut: at - cut + len("McConnell")] == "McConnell"
    # a main clause is not an opener to drop, and nothing inside a quote is cut
    s = ("But all the original decisions remain in the Constitution, including in the copies authorized by Congress' "
         "Joint Committee on Printing and used in Thursday's reading.")
    at = s.index("Thursday")
    assert trim_around(s, at, at + 8, random.Random(0)) is None
    s = "“We will not resign, and we will win,” he said."
    assert trim_around(s, 3, 7, random.Random(0)) is None


@pytest.mark.parametrize("seed,trim", [(1, 0.0), (2, 1.0)])
def test_the_generator_spreads_probe_ops_and_logs_them_exactly(tmp_path, seed, trim):
    import json

    from benchmarks.generate import SourceArticle, generate

    event = [
        SourceArticle("summit", "ap", "Summit ends", "2019-03-05", [
            "Secretary of State John Kerry met the Iranian foreign minister in Geneva on Monday, March 3.",
            "“We are very concerned about the program,” Kerry said, adding that it is not a good deal.",
            "The Senate has approved a $3,412.50 payment to each of 1,287 families in 2014.",
            "President Barack Obama signed the order on Tuesday.",
        ], ["John Kerry", "Kerry", "Barack Obama"]),
        SourceArticle("summit", "wire", "Summit closes", "2019-03-05", [
            "Kerry said on Monday the talks were “difficult but useful.”",
            "Sen. Paul Brandt called the deal “a serious mistake” and said he doesn't support it.",
            "Brandt introduced a bill in 2013 to block the 7,450 jobs plan.",
        ], ["Kerry", "Paul Brandt", "Brandt"]),
    ]
    out = tmp_path / "gen"
    data = generate([event], 30, out, seed=seed, min_sentences=3, max_sentences=4, ops=PROBE_OPS, trim=trim)
    assert any(e["trimmed"] for e in data["alterations"]) == bool(trim)
    ops = {e["op"] for e in data["alterations"]}
    assert ops <= set(PROBE_OPS) and len(ops) >= 6
    for entry in data["alterations"]:
        original = (out / entry["original"]["source_id"]).read_text(encoding="utf-8")
        altered = (out / entry["altered"]["source_id"]).read_text(encoding="utf-8")
        assert original[entry["original"]["start"]:entry["original"]["end"]] == entry["before"]
        assert altered[entry["altered"]["start"]:entry["altered"]["end"]] == entry["after"]
    assert json.loads((out / "alterations.json").read_text())["generator"]["ops"] == sorted(PROBE_OPS)


def test_probe_scores_each_op_and_counts_a_one_sided_name_finding(claim_of):
    """score_ops: found when a discrepancy holds the altered value, even one naming the altered article alone;
    a benign edit inside a discrepancy counts as flagged; findings elsewhere are unmatched."""
    from types import SimpleNamespace

    from benchmarks.probe import score_ops, unmatched_kinds
    from crosscheck.model import Evidence, Finding, Kind, Severity, Span

    base = claim_of("Mr. Putin met Sen. Paul Brandt on Tuesday.", source_id="e1/ap.md")
    altered = claim_of("Mr. Putan met Rep. Paul Brandt on Tuesday.", source_id="e1/ap-2.md")
    other = claim_of("The talks lasted 12 hours.", source_id="e1/wire.md")

    def at(claim, word):
        i = claim.article.text.index(word)
        return {"source_id": claim.source_id, "start": i, "end": i + len(word),
                "sentence_start": claim.start, "sentence_end": claim.end}

    log = [
        {"id": "a1", "kind": "discrepancy", "category": "name", "op": "surname-letter", "before": "Putin",
         "after": "Putan", "original": at(base, "Putin"), "altered": at(altered, "Putan")},
        {"id": "a2", "kind": "discrepancy", "category": "role", "op": "office", "before": "Sen.", "after": "Rep.",
         "original": at(base, "Sen."), "altered": at(altered, "Rep.")},
    ]
    i = altered.article.text.index("Putan")
    name = Finding("f1", Kind.DISCREPANCY, "name", "NAM001", Severity.MEDIUM, 0.8, "",
                   (Evidence(altered, Span(i, i + 5, "Putan"), "Putan"),))
    elsewhere = Finding("f2", Kind.DISCREPANCY, "quantity", "QTY001", Severity.MEDIUM, 0.8, "",
                        (Evidence(other, None, "12"), Evidence(base, None, "Tuesday")))
    result = SimpleNamespace(claims=[base, altered, other], links={(0, 1): 0.9}, findings=[name, elsewhere])
    table, missed, unmatched = score_ops(log, result)
    assert table["surname-letter"]["found"] == 1 and table["surname-letter"]["recall"] == 1.0
    assert table["office"]["found"] == 0 and table["office"]["candidates"] == 1
    assert [m["id"] for m in missed] == ["a2"] and missed[0]["claims_altered"] == [1]
    assert unmatched == [elsewhere]
    assert unmatched_kinds(unmatched, log) == ["between real outlets"]
