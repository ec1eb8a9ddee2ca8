"""QUO001 quote-altered: changed wording inside a shared quotation is a discrepancy;
transcription conventions and different extents of quoting are not."""
import pytest

from crosscheck.claims import claims_from_text
from crosscheck.compare.base import ScanContext
from crosscheck.compare.rules.quote_altered import QuoteAltered
from crosscheck.model import Kind, Severity


def scan(*texts, same_event=True):
    claims = []
    for n, text in enumerate(texts):
        claims += claims_from_text(text, source_id=f"{n}.txt")
    context = ScanContext(same_event=lambda a, b: same_event)
    return list(QuoteAltered().scan(claims, context))


def discrepancies(observations):
    return [o for o in observations if o.kind is Kind.DISCREPANCY]


def variants(observations):
    return [o for o in observations if o.kind is Kind.VARIANT]


def agreements(observations):
    return [o for o in observations if o.kind is Kind.AGREEMENT]


def values(observation):
    out = []
    for s in observation.sides:
        assert s.value is not None
        assert s.claim.article.text[s.value.start:s.value.end] == s.value.text
        out.append(s.value.text)
    return out


def test_changed_word_inside_a_shared_quote_is_a_discrepancy():
    found = scan(
        "“We will rebuild every home that was lost in the flood,” the governor said on Sunday.",
        "“We will rebuild every house that was lost in the flood,” the governor told reporters.",
    )
    [d] = discrepancies(found)
    a, b = values(d)
    assert "home" in a and "house" not in a
    assert "house" in b and "home" not in b
    assert d.severity is Severity.MEDIUM
    assert not agreements(found)


def test_dropped_word_inside_a_shared_quote_is_a_discrepancy():
    [d] = discrepancies(scan(
        "“This is a very difficult day for everyone who works at the plant,” the union leader said.",
        "“This is a difficult day for everyone who works at the plant,” the union leader said.",
    ))
    assert values(d) == ["is a very difficult day", "is a difficult day"]
    assert [s.norm for s in d.sides] == ["is a very difficult day", "is a difficult day"]


def test_same_edit_seen_from_three_sources_uses_the_same_value_span():
    texts = [
        "“Nobody will pay a single dollar for this mistake,” the director said.",
        "“Nobody will pay any single dollar for this mistake,” the director said.",
        "“Nobody will pay any single dollar for this mistake,” the director said.",
    ]
    found = discrepancies(scan(*texts))
    assert len(found) == 2  # source 0 against 1 and against 2; 1 and 2 agree
    spans_of_0 = {(s.value.start, s.value.end) for o in found for s in o.sides if s.claim.source_id == "0.txt"}
    assert len(spans_of_0) == 1  # so the two observations merge into one finding


def test_quoting_a_longer_stretch_is_an_agreement_not_a_discrepancy():
    found = scan(
        "“The airport will reopen on Monday,” the transport minister said.",
        "“The airport will reopen on Monday once the runway has been inspected,” the minister said.",
    )
    assert not discrepancies(found)
    [agree] = agreements(found)
    assert {s.claim.source_id for s in agree.sides} == {"0.txt", "1.txt"}


@pytest.mark.parametrize("first, second", [
    # curly and straight marks and apostrophes
    ("“We don’t negotiate with kidnappers, and we never will,” the minister said.",
     "\"We don't negotiate with kidnappers, and we never will,\" the minister said."),
    # dashes
    ("“We did everything right -- and we still lost the final vote,” the coach said.",
     "“We did everything right — and we still lost the final vote,” the coach said."),
    # case and punctuation
    ("“Frankly, we were surprised by the verdict of the jury,” the lawyer said.",
     "“frankly we were surprised by the verdict of the jury!” the lawyer said."),
    # editorial brackets, adding a word or replacing one
    ("“They will pay [for] the damage to the old bridge,” the mayor said.",
     "“They will pay for the damage to the old bridge,” the mayor said."),
    ("“[The ministry] knew about the leak for many months,” the report said.",
     "“It knew about the leak for many months,” the report said."),
    # an ellipsis marking words left out
    ("“We knew the risks … and we chose to go ahead with the rescue anyway,” the captain said.",
     "“We knew the risks of the mission, and we chose to go ahead with the rescue anyway,” the captain said."),
    # a censored expletive
    ("“This is a f***ing disgrace for the whole league,” the striker said.",
     "“This is a fucking disgrace for the whole league,” the striker said."),
    # contractions
    ("“I’d like to thank the firefighters who saved my house,” the owner said.",
     "“I would like to thank the firefighters who saved my house,” the owner said."),
    ("“We don't have enough beds for all the patients tonight,” the nurse said.",
     "“We do not have enough beds for all the patients tonight,” the nurse said."),
    # number words and British/American spelling
    ("“We lost three players to injury in the first month,” the manager said.",
     "“We lost 3 players to injury in the first month,” the manager said."),
    ("“Our defence of the northern districts has been a success,” the general said.",
     "“Our defense of the northern districts has been a success,” the general said."),
    # the outlet's own words in parentheses, acronyms with or without points
    ("“Now these (regional) inspectors have the power to close any plant,” the minister said.",
     "“Now these inspectors have the power to close any plant,” the minister said."),
    ("“We reported every payment to the I.R.S. and nothing happened,” the treasurer said.",
     "“We reported every payment to the IRS and nothing happened,” the treasurer said."),
    # two spellings of one name are the name rules' business
    ("“We will never negotiate with Moammar Gadhafi or his sons,” the envoy said.",
     "“We will never negotiate with Muammar al-Qaddafi or his sons,” the envoy said."),
])
def test_transcription_conventions_are_never_discrepancies(first, second):
    found = scan(first, second)
    assert not discrepancies(found)
    assert agreements(found), "the same quotation should be reported as an agreement"


def test_a_comma_against_and_is_a_wording_variant_not_a_discrepancy():
    found = scan(
        "“We need nurses, doctors, the equipment to treat them all,” the hospital chief said.",
        "“We need nurses, doctors and the equipment to treat them all,” the hospital chief said.",
    )
    assert discrepancies(found) == []
    [d] = variants(found)
    assert d.severity is Severity.LOW
    assert any("and the equipment" in v for v in values(d))


def test_paraphrase_is_not_a_quote_conflict():
    found = scan(
        "“We will not raise taxes on working families this year,” the minister said.",
        "The minister said the government would not raise taxes on working families this year.",
    )
    assert found == []


def test_different_quotes_sharing_a_stock_phrase_are_not_matched():
    found = scan(
        "“At the end of the day, we are going to win this case in court,” the lawyer said.",
        "“At the end of the day, the voters will decide who governs this city,” the candidate said.",
    )
    assert found == []


def test_quotes_from_different_events_are_not_compared():
    found = scan(
        "“We will rebuild every home that was lost in the flood,” the governor said on Sunday.",
        "“We will rebuild every house that was lost in the flood,” the governor said.",
        same_event=False,
    )
    assert found == []


def test_a_sentence_left_out_between_two_quoted_sentences_is_not_an_edit():
    found = scan(
        "“The water is safe to drink. We tested it twice this week. Schools will open on Monday,” the mayor said.",
        "“The water is safe to drink. Schools will open on Monday,” the mayor said.",
    )
    assert not discrepancies(found)


def test_quote_split_over_two_claims_still_aligns_with_one_claim():
    found = scan(
        "“The wall will cost more than we were told. It will also take longer to build,” the senator said.",
        "“The wall will cost far more than we were told,” the senator said.",
    )
    [d] = discrepancies(found)
    assert any("far more" in v for v in values(d))


def test_a_short_fragment_quoted_by_two_sources_is_an_agreement():
    found = scan(
        "The opposition called the new budget “deeply irresponsible” on Tuesday evening.",
        "Opposition leaders said the budget was “deeply irresponsible” and promised to vote against it.",
    )
    [agree] = agreements(found)
    assert values(agree) == ["deeply irresponsible", "deeply irresponsible"]


def test_a_fragment_quoted_inside_a_longer_quotation_is_an_agreement():
    found = scan(
        "The minister described the floods as a “national tragedy” on Sunday.",
        "“This is a national tragedy and we will rebuild every town,” the minister said.",
    )
    [agree] = agreements(found)
    assert values(agree) == ["national tragedy", "national tragedy"]


def test_a_quoted_name_alone_is_not_a_quotation():
    assert scan("The crowd chanted “Mexico!” outside the stadium for an hour.",
                "Fans chanted “Mexico!” as the team bus arrived at the stadium.") == []


def test_a_dropped_that_is_a_wording_variant_but_a_changed_pronoun_is_a_discrepancy():
    found = scan(
        "“I want people to know that there is still hope for the valley,” the farmer said.",
        "“I want people to know there is still hope for the valley,” the farmer said.",
    )
    assert discrepancies(found) == [] and len(variants(found)) == 1
    [changed] = discrepancies(scan(
        "“It was a mistake. He should resign before the next session,” the senator said.",
        "“It was a mistake. She should resign before the next session,” the senator said.",
    ))
    assert changed.severity is Severity.MEDIUM


def test_an_aside_left_out_without_an_ellipsis_is_a_wording_variant():
    found = scan(
        "“The board sought to, however clumsily, hide the losses from investors,” the regulator said.",
        "“The board sought to hide the losses from investors,” the regulator said.",
    )
    assert discrepancies(found) == []
    [d] = variants(found)
    assert d.severity is Severity.LOW
    assert any("however clumsily" in v for v in values(d))


def test_both_quote_rules_share_one_reading_of_the_passages(monkeypatch):
    """QUO001 and ATT001 each align the corpus's quotations; the run's analysis builds the passages once."""
    from crosscheck.compare import quote_align
    from crosscheck.compare.rules.attribution_mismatch import AttributionMismatch

    built = []
    rebuild = quote_align.passages
    monkeypatch.setattr(quote_align, "passages", lambda claims: built.append(len(claims)) or rebuild(claims))
    claims = claims_from_text("“We will rebuild every home that was lost in the flood,” the governor said. "
                              "She said she was “heartbroken” by the damage.", source_id="0.txt")
    claims += claims_from_text("“We will rebuild every house that was lost in the flood. We are heartbroken by the "
                               "damage,” the mayor said.", source_id="1.txt")
    context = ScanContext(same_event=lambda a, b: True)
    found = list(AttributionMismatch().scan(claims, context)) + list(QuoteAltered().scan(claims, context))
    assert discrepancies(found)
    assert built == [len(claims)]
    list(QuoteAltered().scan(claims, ScanContext(same_event=lambda a, b: True)))  # a new run builds its own
    assert built == [len(claims), len(claims)]


def test_words_added_before_the_closing_word_of_the_shorter_quotation_are_an_edit():
    # the closing word anchors the alignment though no three-word phrase does
    [d] = discrepancies(scan(
        "“I know the club is under a lot of pressure to sell the ground, but the fans deserve a say,” "
        "the supporters’ chairman said.",
        "“I know the club is under pressure,” the chairman told the meeting, to applause.",
    ))
    a, b = values(d)
    assert "a lot of" in a and "a lot of" not in b


def test_different_opening_words_of_the_same_quotation_are_an_edit():
    [d] = discrepancies(scan(
        "The coach replied: “As the referee very well knows, the rules on handballs changed last summer.”",
        "“I believe the referee very well knows the rules on handballs changed last summer,” the coach said.",
    ))
    a, b = values(d)
    assert a.startswith("As") and b.startswith("I believe")


def test_same_opening_filler_words_swapped_are_a_wording_variant():
    found = scan(
        "“And the referee very well knows the rules on handballs changed last summer,” the coach said.",
        "“So the referee very well knows the rules on handballs changed last summer,” the coach said.",
    )
    assert discrepancies(found) == [] and len(variants(found)) == 1


@pytest.mark.parametrize("first, second", [
    # a function word dropped, an inflection, a title abbreviated: no content word changes
    ("“There is no rationale for closing the library on weekends,” the councillor said.",
     "“There is no rationale closing the library on weekends,” the councillor said."),
    ("“We want every family in this town to pay their taxes on time,” the mayor said.",
     "“We want every family in this town to pay taxes on time,” the mayor said."),
    ("“The volunteers were in the square every Sunday handing out soup,” the priest said.",
     "“The volunteers were in the squares every Sunday handing out soup,” the priest said."),
])
def test_function_words_and_inflections_are_wording_variants(first, second):
    found = scan(first, second)
    assert discrepancies(found) == [] and len(variants(found)) == 1


def test_a_title_and_its_abbreviation_are_the_same_word():
    found = scan(
        "“Sen. Marlow respects the committee and will answer every question,” his spokesman said.",
        "“Senator Marlow respects the committee and will answer every question,” his spokesman said.",
    )
    assert discrepancies(found) == [] and variants(found) == [] and agreements(found)


def test_a_modal_or_negation_added_is_still_an_edit():
    [d] = discrepancies(scan(
        "“The factory will close before the end of the year,” the company said in a statement.",
        "“The factory might close before the end of the year,” the company said in a statement.",
    ))
    assert d.severity is Severity.MEDIUM


def test_a_short_quotation_with_one_word_changed_inside_a_longer_one_is_an_edit():
    found = scan(
        "“We are here to protect the river as opposed to exploit its resources and be good stewards of it,” "
        "the mayor said.",
        "The mayor said the town should protect the river rather than “manage its resources.”",
    )
    [d] = discrepancies(found)
    assert sorted(values(d)) == ["exploit its resources", "manage its resources"]


def test_a_short_quotation_differing_by_a_figure_or_a_name_is_not_a_quote_edit():
    assert discrepancies(scan(
        "“There is a two-in-three chance that we win the league this season,” the coach said.",
        "The coach gave his side “a one-in-three chance” of winning the league.",
    )) == []
    assert discrepancies(scan(
        "“We will always stand with the American people in this fight,” the ambassador said.",
        "The ambassador promised to stand with “the Ukrainian people” in the fight.",
    )) == []


def test_an_intensifier_added_inside_a_quotation_is_an_edit_not_a_filler():
    found = scan(
        "“With all due respect, that is just a bunch of nonsense about the budget,” the mayor said.",
        "“With all due respect, that is a bunch of nonsense about the budget,” the mayor said.",
    )
    assert len(discrepancies(found)) == 1 and variants(found) == []


def test_a_word_added_after_shared_opening_stop_words_is_an_edit():
    # "that's" alone is no anchor, but beside "a waste of money" it shows where both quotations begin
    [d] = discrepancies(scan(
        'The mayor answered: "With all due respect, that\'s simply a waste of money. We will not pay."',
        'Asked about the stadium, the mayor said: "That\'s a waste of money."',
    ))
    assert [s.norm for s in d.sides] == ["that 's simply a waste", "that 's a waste"]


def test_shared_opening_stop_words_without_a_change_are_no_edit():
    found = scan(
        'The mayor answered: "With all due respect, that\'s a waste of money. We will not pay."',
        'Asked about the stadium, the mayor said: "That\'s a waste of money."',
    )
    assert not discrepancies(found) and not variants(found)


def test_one_short_sentence_quoted_by_both_among_other_sentences_is_an_agreement():
    # Nixon, 17 November 1973: two outlets quote different sentences around the same short one
    found = scan(
        'Nixon told the editors: "People have got to know whether or not their president is a crook. '
        'Well, I am not a crook."',
        'The president insisted: "I am not a crook. I have earned everything I have got."',
    )
    [a] = agreements(found)
    assert {s.claim.source_id for s in a.sides} == {"0.txt", "1.txt"}
    assert not discrepancies(found)


def test_a_short_phrase_inside_different_sentences_is_not_one_quotation():
    found = scan(
        'The senator said: "We are not a crook nation and we never will be."',
        'The governor said: "Nobody here is a crook nation, believe me."',
    )
    assert not agreements(found) and not discrepancies(found)


def test_a_whole_quotation_too_short_to_align_is_matched_like_a_fragment():
    found = scan(
        "An angry Trump threatened to “spill the beans” about Heidi Cruz.",
        "After threatening to “spill the beans” on the senator's wife, Trump went quiet.",
    )
    [a] = agreements(found)
    assert values(a) == ["spill the beans", "spill the beans"]
    assert not discrepancies(found)


def test_a_changed_content_word_is_the_value_without_the_words_around_it():
    # the words around it are written with each outlet's own apostrophes: not part of what changed
    [d] = discrepancies(scan(
        "“She says she wants to run the city like she's running her company,” the councillor said.",
        "“She says she wants to run the city like she’s run her company,” the councillor said.",
    ))
    assert values(d) == ["running", "run"]


def test_a_negation_added_by_the_same_speaker_is_a_quote_edit():
    [d] = discrepancies(scan(
        "“The investigation is a total hoax,” Trump said on Tuesday.",
        "“The investigation is not a total hoax,” President Trump said on Tuesday.",
    ))
    assert "not" in values(d)[1]


def test_a_short_quotation_framed_end_to_end_by_the_same_speakers_longer_one_is_an_edit():
    found = scan(
        '"Unemployment is firmly anchored within our target range, and the board judged that there is room to cut '
        'rates," Moreau-Diallo said.',
        'Governor Claire Moreau Diallo told journalists that "unemployment is broadly stable within our target range".',
    )
    [d] = discrepancies(found)
    assert sorted(values(d)) == ["broadly stable", "firmly anchored"]


def test_a_short_quotation_framed_end_to_end_by_another_speaker_is_not_one_quotation():
    assert discrepancies(scan(
        'Trying to turn the rival\'s words against him, Ortiz said, "Yes it is a land grab -- a land grab on '
        'behalf of the people."',
        '"It is a land grab for the working people," said councillor Ana Reyes, who leads the housing committee.',
    )) == []


def test_one_sentence_a_speaker_ends_alike_with_a_word_changed_and_a_lead_in_quoted_by_one():
    found = scan(
        '"What have you people been building, Maria? You have been building a car park for tourists," Ortega said.',
        '"At the town hall, what have you people been planning, Maria?" Ortega asked.',
    )
    [d] = discrepancies(found)
    assert sorted(values(d)) == ["building, Maria", "planning, Maria"]


def test_a_shared_sentence_tail_from_two_speakers_is_not_one_quotation():
    assert discrepancies(scan(
        '"What have you people been building, Maria? You have been building a car park," Ortega said.',
        '"At the town hall, what have you people been planning, Maria?" asked councillor Ana Reyes.',
    )) == []
