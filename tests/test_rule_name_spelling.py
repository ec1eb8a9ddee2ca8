"""NAM001 name-spelling: one entity spelt two ways anywhere in the corpus; conventions never conflict."""
import random

import pytest

from crosscheck.compare import merge
from crosscheck.compare.base import ScanContext
from crosscheck.compare.rules.name_spelling import NameSpelling
from crosscheck.model import Article, Claim, Facts, Kind, NameMention, Span

ONE_EVENT = ScanContext(same_event=lambda a, b: True)
NO_EVENT = ScanContext(same_event=lambda a, b: a == b)


def scan(claims, context=ONE_EVENT):
    return [o for o in NameSpelling().scan(claims, context) if o.kind is Kind.DISCREPANCY]


def agreements(claims, context=ONE_EVENT):
    return [o for o in NameSpelling().scan(claims, context) if o.kind is Kind.AGREEMENT]


def findings(claims, context=ONE_EVENT):
    return [f for f in merge(scan(claims, context)) if f.kind is Kind.DISCREPANCY]


def spellings(observation):
    return {s.norm for s in observation.sides}


def test_misspelt_given_name_with_the_same_surname(claim_of):
    claims = [
        claim_of("German Foreign Minister Sigmar Gabriel arrived in Warsaw on Monday for talks.", source_id="a.txt"),
        claim_of("Sigmar Gabriel, Germany's foreign minister, said the talks went well.", source_id="b.txt"),
        claim_of("Foreign Minister Sigmer Gabriel told reporters the talks were constructive.", source_id="c.txt"),
    ]
    [obs] = scan(claims)
    assert spellings(obs) == {"sigmar gabriel", "sigmer gabriel"}
    assert obs.detail["reference"] == "sigmar" and obs.detail["variant"] == "sigmer"
    assert {s.value.text for s in obs.sides} == {"Sigmar Gabriel", "Sigmer Gabriel"}
    [finding] = findings(claims)
    assert finding.category == "name"
    assert finding.explanation.startswith("c says 'Sigmer Gabriel'; a and b say 'Sigmar Gabriel'")


def test_a_doubled_letter_written_once_in_a_short_surname(claim_of):
    """Four letters are too few for a one-letter difference ("Iran" / "Iraq"), not for "Rutte" / "Rute"."""
    claims = [
        claim_of("Dutch Prime Minister Mark Rutte visited the flooded village on Sunday.", source_id="a.txt"),
        claim_of("Prime Minister Mark Rute pledged 50 million euros to rebuild homes and roads.", source_id="b.txt"),
    ]
    [obs] = scan(claims)
    assert spellings(obs) == {"mark rutte", "mark rute"}
    other_people = [
        claim_of("Dutch Prime Minister Mark Rutte visited the flooded village on Sunday.", source_id="a.txt"),
        claim_of("Prime Minister Mark Rube pledged 50 million euros to rebuild homes and roads.", source_id="b.txt"),
    ]
    assert scan(other_people) == []


def test_one_side_per_source_and_spelling(claim_of):
    claims = [
        claim_of("Foreign Minister Sigmar Gabriel arrived in Warsaw on Monday for talks.", source_id="a.txt"),
        claim_of("Sigmar Gabriel later met the Polish prime minister.", source_id="a.txt"),
        claim_of("Foreign Minister Sigmer Gabriel told reporters the talks were constructive.", source_id="c.txt"),
    ]
    [obs] = scan(claims)
    assert sorted((s.claim.source_id, s.norm) for s in obs.sides) == [
        ("a.txt", "sigmar gabriel"), ("c.txt", "sigmer gabriel")]


def test_accents_never_make_a_second_spelling_inside_a_finding(claim_of):
    claims = [
        claim_of("Istanbul Mayor Ekrem İmamoğlu was detained by police on Wednesday morning.", source_id="a.txt"),
        claim_of("Ekrem Imamoglu, the mayor of Istanbul, was detained on Wednesday.", source_id="b.txt"),
        claim_of("Police detained Istanbul's mayor, Ekrem Imamoglu, at his home.", source_id="c.txt"),
        claim_of("Istanbul Mayor Ekrem Imamaglu was taken into custody on Wednesday.", source_id="d.txt"),
    ]
    [finding] = findings(claims)
    values = [e.value_text for e in finding.evidence]
    assert "Ekrem Imamaglu" in values and "Ekrem Imamoglu" in values
    assert "Ekrem İmamoğlu" not in values  # the same spelling with accents is not another side
    assert finding.explanation == "d says 'Ekrem Imamaglu'; b and c say 'Ekrem Imamoglu'"


def test_misspelt_surname_alone_in_the_same_article(claim_of):
    claims = [
        claim_of("Jair Bolsonaro won the presidential runoff on Sunday.", source_id="a.txt"),
        claim_of("Bolsanaro promised to cut taxes and loosen gun laws.", source_id="a.txt"),
    ]
    [obs] = scan(claims, NO_EVENT)
    assert spellings(obs) == {"bolsanaro", "jair bolsonaro"}
    assert obs.detail["variant"] == "bolsanaro"


def test_lone_given_names_spelt_differently_in_one_event(claim_of):
    claims = [
        claim_of("He and his wife, Allison, have two young daughters.", source_id="a.txt"),
        claim_of("He was joined by his wife, Alison, and their two young daughters.", source_id="b.txt"),
    ]
    [obs] = scan(claims)
    assert spellings(obs) == {"allison", "alison"}
    assert scan(claims, NO_EVENT) == []  # two unrelated stories: two people, as far as anyone knows


def test_lone_names_in_other_articles_need_a_shared_context(claim_of):
    claims = [
        claim_of("His wife, Allison, was at his side when he conceded.", source_id="a.txt"),
        claim_of("Alison said the campaign had raised more money than expected.", source_id="b.txt"),
    ]
    assert scan(claims) == []


def test_full_names_match_across_unrelated_stories_with_less_confidence(claim_of):
    claims = [
        claim_of("Foreign Minister Sigmar Gabriel arrived in Warsaw on Monday for talks.", source_id="a.txt"),
        claim_of("Foreign Minister Sigmer Gabriel told reporters the talks were constructive.", source_id="c.txt"),
    ]
    [related] = scan(claims)
    [unrelated] = scan(claims, NO_EVENT)
    assert unrelated.confidence < related.confidence


TRUMP_STORY = [
    "President Trump signed the order on Friday afternoon.",
    "Trump told reporters the deal was fair.",
    "Critics said Trump had reversed course twice.",
    "The White House said Trump would travel to Ohio.",
    "Officials said Trump would sign a second order next week.",
]


def test_a_short_name_with_a_dropped_letter_inside_one_article(claim_of):
    claims = [claim_of(text, source_id="a.txt") for text in TRUMP_STORY]
    claims.append(claim_of("Tump announced late Friday that he had suspended the decision.", source_id="a.txt"))
    claims.append(claim_of("Federal laws trump state laws, the judge wrote in the ruling.", source_id="b.txt"))
    [obs] = scan(claims)
    assert spellings(obs) == {"trump", "tump"}  # one use as a verb does not make "Trump" a common word


def test_short_names_are_never_matched_across_articles_or_by_a_changed_letter(claim_of):
    claims = [claim_of(text, source_id="a.txt") for text in TRUMP_STORY]
    claims.append(claim_of("Tump announced late Friday that he had suspended the decision.", source_id="b.txt"))
    assert scan(claims) == []
    iran = [claim_of(text.replace("Trump", "Iran"), source_id="a.txt") for text in TRUMP_STORY[1:3]]
    iran += [claim_of("Iran rejected the proposal on Monday.", source_id="a.txt"),
             claim_of("Iraq closed its border crossing on Tuesday.", source_id="a.txt")]
    assert scan(iran) == []


@pytest.mark.parametrize("first, second", [
    ("President Recep Tayyip Erdoğan spoke to reporters in Ankara on Friday.",
     "President Recep Tayyip Erdogan spoke to reporters in Ankara on Friday."),  # diacritics
    ("Russian Foreign Minister Sergei Lavrov rejected the proposal on Tuesday.",
     "Russian Foreign Minister Sergey Lavrov rejected the proposal on Tuesday."),  # transliteration
    ("Kazakh Foreign Minister Yerlan Nurtayev arrived in Seoul for a three-day visit.",
     "Kazakh Foreign Minister Erlan Nurtayev arrived in Seoul for a three-day visit."),  # transliteration
    ("Libyan leader Muammar Gaddafi was killed near Sirte in October.",
     "Libyan leader Moammar Qaddafi was killed near Sirte in October."),  # transliteration
    ("The British Defence Ministry said the jets were grounded.",
     "The British Defense Ministry said the jets were grounded."),  # British / American
    ("The Labour Party won the by-election in Hartlepool.",
     "The Labor Party won the by-election in Hartlepool."),  # British / American
    ("House Majority Leader Steny H. Hoyer called the vote a mistake.",
     "House Majority Leader Steny Hoyer called the vote a mistake."),  # middle initial
    ("Sen. Tim Kaine of Virginia introduced the resolution on Monday.",
     "Senator Timothy Kaine of Virginia introduced the resolution on Monday."),  # nickname and title
    ("Mayor Bill de Blasio announced the plan at City Hall.",
     "Mayor William de Blasio announced the plan at City Hall."),  # nickname
    ("The F.B.I. opened an investigation into the leak last year.",
     "The FBI opened an investigation into the leak last year."),  # abbreviation
    ("Shares of Procter & Gamble fell 3 percent on Monday.",
     "Shares of Procter and Gamble fell 3 percent on Monday."),  # ampersand
    ("Rep. Alexandria Ocasio-Cortez posted the video on Sunday evening.",
     "Rep. Alexandria Ocasio Cortez posted the video on Sunday evening."),  # hyphenation
    ("The Obamas arrived in Hawaii on Friday for their vacation.",
     "Obama's plane landed in Hawaii on Friday for the vacation."),  # plural and possessive
    ("Israel closed the crossing into Gaza on Monday after the attack.",
     "Israeli troops closed the crossing into Gaza on Monday after the attack."),  # name and demonym
])
def test_conventions_are_never_spelling_conflicts(claim_of, first, second):
    claims = [claim_of(first, source_id="a.txt"), claim_of(second, source_id="b.txt")]
    assert scan(claims) == []


def test_people_sharing_a_name_token_are_not_merged(claim_of):
    claims = [
        claim_of("Former President Bill Clinton spoke at the convention on Tuesday.", source_id="a.txt"),
        claim_of("Hillary Clinton accepted the nomination on Thursday night.", source_id="b.txt"),
        claim_of("Prime Minister Benjamin Netanyahu met Benny Gantz on Sunday.", source_id="c.txt"),
    ]
    assert scan(claims) == []


def test_two_people_with_close_surnames_are_not_one_name_misspelt(claim_of):
    claims = [
        claim_of("Rep. Al Green of Texas filed the articles of impeachment.", source_id="a.txt"),
        claim_of("Rep. Marjorie Taylor Greene of Georgia voted against the measure.", source_id="b.txt"),
        claim_of("Mr. Green said the vote was a matter of conscience.", source_id="a.txt"),
        claim_of("Ms. Greene called the effort a sham and a waste of time.", source_id="b.txt"),
    ]
    assert scan(claims) == []


def test_a_surname_and_a_given_name_are_not_one_name_misspelt(claim_of):
    claims = [
        claim_of("Barack Obama announced that Osama bin Laden had been killed.", source_id="a.txt"),
        claim_of("Obama said the operation was carried out by a small team.", source_id="b.txt"),
        claim_of("Osama had lived in the compound for five years.", source_id="b.txt"),
    ]
    assert scan(claims) == []


def test_a_lone_name_is_not_matched_with_a_word_inside_a_longer_name(claim_of):
    claims = [
        claim_of("The president flew from the District of Columbia to Miami on Friday.", source_id="a.txt"),
        claim_of("He will meet the leaders of Colombia and Peru at the summit.", source_id="b.txt"),
    ]
    assert scan(claims) == []


def test_given_names_of_differently_named_people_are_not_merged(claim_of):
    claims = [
        claim_of("Malia Obama started her internship in New York this summer.", source_id="a.txt"),
        claim_of("Maria Cino, a Republican strategist, said the convention would go on.", source_id="b.txt"),
        claim_of("Malia was seen at a concert on Saturday night.", source_id="a.txt"),
        claim_of("Maria said the hurricane would not disrupt the schedule.", source_id="b.txt"),
    ]
    assert scan(claims) == []


def test_two_common_given_names_are_two_names(claim_of):
    claims = [
        claim_of("Maria Lopez, a nurse, said the clinic had run out of vaccines.", source_id="a.txt"),
        claim_of("Mario Lopez, a nurse, said the clinic had run out of vaccines.", source_id="b.txt"),
    ]
    assert scan(claims) == []


def _claim(article: Article, start: int, end: int, label: str = "PERSON") -> Claim:
    text = article.text[start:end]
    mention = NameMention(Span(start, end, text), label, tuple(text.split()))
    return Claim(article=article, source_id=article.source_id, start=start, end=end, facts=Facts(names=(mention,)))


def test_thousands_of_names_are_scanned_without_comparing_all_pairs(monkeypatch):
    from crosscheck.compare.rules import name_spelling

    examined = []
    blocked = name_spelling.candidate_pairs
    monkeypatch.setattr(name_spelling, "candidate_pairs", lambda *a, **k: examined.append(blocked(*a, **k)) or examined[-1])
    rng = random.Random(7)

    def word() -> str:
        return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(3, 4))).title()

    names = sorted({f"{word()} {word()}" for _ in range(5000)}) + ["Kalosa Beruvon", "Kalosa Beruvan"]
    article = Article(path="big.txt", source_id="big.txt", text="\n".join(names))
    claims, pos = [], 0
    for name in names:
        claims.append(_claim(article, pos, pos + len(name)))
        pos += len(name) + 1
    found = scan(claims, NO_EVENT)
    assert any(spellings(o) == {"kalosa beruvon", "kalosa beruvan"} for o in found)
    # the pairs compared come from shared deletion keys: a few per name, not the 12 million of all pairs
    assert examined and sum(len(pairs) for pairs in examined) < 5 * len(names)


def test_words_written_in_lower_case_as_often_as_names_are_common_words(claim_of):
    from crosscheck.compare.rules.name_spelling import CorpusStats, mentions_of

    claims = [claim_of("The State Department said the embassy would reopen on Monday."),
              claim_of("The state said the embassy would reopen on Monday."),
              claim_of("Federal laws trump state laws, the judge wrote in the ruling.")]
    claims += [claim_of(text) for text in TRUMP_STORY]
    stats = CorpusStats.of(mentions_of(claims), claims)
    assert stats.common_word("state", 1)
    assert not stats.common_word("trump", 5)
    assert not stats.common_word("cavusoglu", 1)


def test_a_full_name_written_alike_by_two_sources_of_one_event_is_an_agreement(claim_of):
    claims = [
        claim_of("Oklahoma Attorney General Scott Pruitt joined the lawsuit on Thursday.", source_id="a.txt"),
        claim_of("The suit was filed by Scott Pruitt and his Nebraska counterpart.", source_id="b.txt"),
        claim_of("Pruitt said the state had been harmed.", source_id="c.txt"),
    ]
    [obs] = agreements(claims)
    assert {s.claim.source_id for s in obs.sides} == {"a.txt", "b.txt"}  # a surname alone is no full name
    assert {s.value.text for s in obs.sides} == {"Scott Pruitt"}
    assert agreements(claims, NO_EVENT) == []  # only sources of one event corroborate each other
