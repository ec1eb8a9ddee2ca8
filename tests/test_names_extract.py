"""Name mentions: the name itself, without titles, articles, possessives or punctuation, at exact offsets."""
import pytest


def names(claim):
    return [(n.span.text, n.tokens) for n in claim.facts.names]


def test_offsets_point_at_exactly_the_name(claim_of):
    claim = claim_of("Defence Minister Benny Gantz's visit to Ankara was postponed on Monday.")
    for n in claim.facts.names:
        assert claim.article.text[n.span.start:n.span.end] == n.span.text
    assert ("Benny Gantz", ("Benny", "Gantz")) in names(claim)


@pytest.mark.parametrize("sentence, name, tokens", [
    ("Lt. Gov. Timothy Murray said the state would appeal the ruling.", "Timothy Murray", ("Timothy", "Murray")),
    ("Secretary of State John Kerry met the delegation in Geneva on Friday.", "John Kerry", ("John", "Kerry")),
    ("House Majority Leader Steny H. Hoyer of Maryland called the vote a mistake.", "Steny H. Hoyer",
     ("Steny", "H.", "Hoyer")),
    ("Sen. Chris Dodd, a Connecticut Democrat, announced his retirement on Wednesday.", "Chris Dodd",
     ("Chris", "Dodd")),
    ("President Recep Tayyip Erdoğan’s spokesman denied the report on Tuesday.", "Recep Tayyip Erdoğan",
     ("Recep", "Tayyip", "Erdoğan")),
    ("Special counsel Robert S. Mueller III delivered his report on Friday.", "Robert S. Mueller III",
     ("Robert", "S.", "Mueller")),
])
def test_titles_and_possessives_are_not_part_of_the_name(claim_of, sentence, name, tokens):
    assert (name, tokens) in names(claim_of(sentence))


def test_office_words_tagged_as_organisations_are_not_names(claim_of):
    found = [text for text, _ in names(claim_of("Secretary of State John Kerry met the delegation in Geneva on Friday."))]
    assert "State" not in found
    found = [text for text, _ in names(claim_of("Defence Minister Benny Gantz's visit to Ankara was postponed."))]
    assert "Defence" not in found


def test_organisations_keep_their_own_words(claim_of):
    assert ("Justice Department", ("Justice", "Department")) in names(
        claim_of("The lawsuit was filed by the Justice Department's civil rights division last week."))
    assert ("Defense Department", ("Defense", "Department")) in names(
        claim_of("The Defense Department said the troops would stay in the region."))


def test_hyphenated_and_dotted_names_keep_their_letters(claim_of):
    assert ("Alexandria Ocasio-Cortez", ("Alexandria", "Ocasio", "Cortez")) in names(
        claim_of("Rep. Alexandria Ocasio-Cortez posted the video on Sunday evening."))
    assert ("F.E.C.", ("F.E.C.",)) in names(claim_of("The F.E.C. fined the campaign $20,000 for the late filings."))


def test_a_nickname_cut_in_half_by_the_tagger_is_dropped(claim_of):
    found = names(claim_of('Former Chief of Staff William "Mo" Cowan was sworn in on Tuesday.'))
    assert all('"' not in text for text, _ in found)
    assert ("William", ("William",)) in found
