"""Quotation extraction: marks paired over the paragraph, speakers named, pronouns resolved safely."""
from crosscheck.claims import claims_from_text
from crosscheck.extract.quotes import quote_ranges


def quotes_of(text: str):
    claims = claims_from_text(text)
    found = [q for c in claims for q in c.facts.quotes]
    for q in found:  # offsets are exact: every span is the article's own text
        assert text[q.span.start:q.span.end] == q.span.text
        assert text[q.passage.start:q.passage.end] == q.passage.text
        if q.speaker_span is not None:
            assert text[q.speaker_span.start:q.speaker_span.end] == q.speaker_span.text
    return found


def test_mixed_straight_and_curly_marks_make_one_quote():
    text = 'Then we will appeal the ruling and we will win,” the lawyer said. "We expect a hearing in May.”'
    ranges = quote_ranges('"' + text)
    assert [('"' + text)[a:b] for a, b in ranges] == [
        "Then we will appeal the ruling and we will win,", "We expect a hearing in May.",
    ]


def test_doubled_opening_mark_and_unclosed_quote():
    text = '""We have lost a great friend," the coach said. "He will be missed by everyone'
    assert [text[a:b] for a, b in quote_ranges(text)] == [
        "We have lost a great friend,", "He will be missed by everyone",
    ]


def test_scare_quotes_are_not_quotations():
    assert quotes_of("The minister called the report “misleading” and said it would be withdrawn.") == []


def test_titles_are_stripped_from_named_speakers():
    [q] = quotes_of("“We will not close the hospital while I am in office,” Sen. Maria Lopez said on Friday.")
    assert q.speaker == "Maria Lopez"
    assert q.speaker_kind == "person"
    assert q.speaker_span.text == "Maria Lopez"


def test_an_organisation_keeps_the_words_that_say_which_one():
    """"the Interior Ministry" is not "the Justice Ministry": only the article goes."""
    [claim] = claims_from_text("The government ordered 1,240 residents to leave on Monday, the Interior Ministry said.")
    assert claim.attribution.text == "Interior Ministry"


def test_descriptions_keep_their_words():
    [q] = quotes_of("“The talks will continue next week in Geneva,” a senior diplomat said.")
    assert q.speaker == "a senior diplomat"
    assert q.speaker_kind == "nominal"


def test_a_quote_continuing_after_the_attribution_keeps_the_speaker():
    found = quotes_of("“We know the risks of the mission,” Ms. Lopez said. “We accept them all the same.”")
    assert [q.speaker for q in found] == ["Lopez", "Lopez"]


def test_a_new_quote_after_other_narration_does_not_inherit_the_speaker():
    found = quotes_of('The host asked Ms. Lopez, "Were you told about the leak in advance?" '
                      'Her reply: "Nobody in my office was ever informed about it."')
    assert found[0].speaker == "The host"
    assert found[1].speaker is None


def test_pronoun_speaker_is_resolved_to_the_preceding_named_speaker():
    text = ("Mayor Linda Chavez said the city would open four emergency shelters on Tuesday.\n"
            "“We are asking every resident in the low districts to stay home tonight,” she added.\n")
    [q] = quotes_of(text)
    assert q.speaker == "Linda Chavez"
    assert q.speaker_kind == "person"
    assert q.speaker_resolved
    assert q.speaker_span.text == "Linda Chavez"


def test_pronoun_speaker_stays_unresolved_when_another_person_was_named_in_between():
    text = ("Mayor Linda Chavez said the city would open four emergency shelters on Tuesday.\n"
            "The decision followed a call with Governor Tom Reyes about the rising river.\n"
            "“We are asking every resident in the low districts to stay home tonight,” she added.\n")
    [q] = quotes_of(text)
    assert q.speaker == "she"
    assert q.speaker_kind == "pronoun"
    assert not q.speaker_resolved


def test_plural_pronoun_is_not_resolved_to_a_single_named_person():
    text = ("Mayor Linda Chavez said the city would open four emergency shelters on Tuesday.\n"
            "“Nobody should try to drive through the flooded underpasses tonight,” they said.\n")
    [q] = quotes_of(text)
    assert q.speaker_kind == "pronoun"


def test_quote_running_over_two_sentences_is_one_passage_in_two_claims():
    text = "“The bridge is safe. It will reopen to traffic on Monday morning,” the engineer said.\n"
    claims = claims_from_text(text)
    assert len(claims) == 2
    pieces = [q for c in claims for q in c.facts.quotes]
    assert [q.span.text for q in pieces] == ["The bridge is safe", "It will reopen to traffic on Monday morning"]
    assert len({(q.passage.start, q.passage.end) for q in pieces}) == 1
    assert {q.speaker for q in pieces} == {"the engineer"}


def test_plural_pronoun_is_resolved_to_a_described_source():
    text = ("A senior police official said the suspects had crossed the border on Friday night.\n"
            "“We expect more arrests in the coming days across the region,” they added.\n")
    [q] = quotes_of(text)
    assert q.speaker == "A senior police official"
    assert q.speaker_kind == "nominal"
    assert q.speaker_resolved


def test_pronoun_speaker_stays_unresolved_after_plain_narration():
    text = ("Senator Ruth Alvarez said the bill would pass both chambers by the spring.\n"
            "“We have the votes in both chambers right now,” she added.\n"
            "The governor spent most of his speech on Friday praising the state police.\n"
            "“We will not back down on border funding this year,” he said.\n")
    first, second = quotes_of(text)
    assert first.speaker == "Ruth Alvarez" and first.speaker_resolved
    assert second.speaker == "he" and not second.speaker_resolved
