import datetime as dt

import numpy as np
import pytest

from crosscheck.claims import claims_from_text
from crosscheck.events import MAX_DAYS_APART, candidate_neighbours, group_articles, same_surname, share_people


def test_articles_printing_the_same_long_sentence_are_one_story():
    shared = "Attackers took the card details of 1,200 residents from the city's parking payment page on Friday."
    a = claims_from_text(f"{shared}\nThe mayor called an emergency meeting of the council.\n", source_id="a.txt")
    b = claims_from_text(f"{shared}\nA new football stadium will open in the spring.\n", source_id="b.txt")
    c = claims_from_text("Farmers expect a record harvest of wheat this summer across the region.\n", source_id="c.txt")
    claims = a + b + c
    X = np.eye(len(claims), dtype=np.float32)  # no two claims alike: only the shared text can group
    articles = [claims[0].article, b[0].article, c[0].article]
    groups = group_articles(articles, claims, X)
    assert groups.same("a.txt", "b.txt")
    assert not groups.same("a.txt", "c.txt")


def test_documents_are_searched_only_among_documents_published_near_them():
    day = dt.date(2021, 3, 1)
    dates = [day, day + dt.timedelta(days=3), day + dt.timedelta(days=200), day + dt.timedelta(days=400), None]
    docs = np.tile(np.array([[1.0, 0.0]], dtype=np.float32), (len(dates), 1))  # all alike
    pairs = {(i, j) for i, j, _ in candidate_neighbours(dates, docs, k=10)}
    assert (0, 1) in pairs and (1, 0) in pairs
    assert not {(0, 2), (2, 0), (0, 3), (3, 0), (2, 3), (3, 2)} & pairs
    assert {(4, 0), (4, 2), (4, 3)} <= pairs  # an undated article may belong to any event


def test_window_pairs_never_reach_beyond_two_windows():
    rng = np.random.default_rng(1)
    dates = [dt.date(2020, 1, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 365, size=200)]
    docs = rng.normal(size=(200, 8)).astype(np.float32)
    for i, j, _ in candidate_neighbours(dates, docs, k=5):
        assert abs((dates[i] - dates[j]).days) < 2 * MAX_DAYS_APART


def test_a_misspelled_surname_still_counts_as_the_same_person():
    assert same_surname("keating", "keatign") and same_surname("reid", "ried")
    assert not same_surname("smith", "jones") and not same_surname("lee", "lei")
    assert share_people({"harper", "nolan"}, {"harpar"})
    assert not share_people({"harper"}, {"okafor"})


def test_bridge_keys_link_exactly_the_claims_of_different_events_that_may_be_compared():
    import itertools

    from crosscheck.events import EventGroups, bridge_keys, comparable
    from crosscheck.model import Article, Claim, Facts

    def claim(source, years, context, entities):
        article = Article(path=source, source_id=source, text="A claim about something that happened.")
        facts = Facts(years=frozenset(years), context_years=frozenset(context), entities=frozenset(entities))
        return Claim(article=article, source_id=source, start=0, end=10, facts=facts)

    claims = [claim(f"{i}.md", y, c, e) for i, (y, c, e) in enumerate(itertools.product(
        [(), (2010,), (2011,)], [(), (2010,), (2010, 2011)], [(), ("acme",), ("acme", "zenith"), ("zenith",)]))]
    groups = EventGroups({c.source_id: n for n, c in enumerate(claims)})  # every article its own event

    def bridged(a, b):
        ka, kb = dict(bridge_keys(a)), dict(bridge_keys(b))
        return any(ka[k] or kb[k] for k in ka.keys() & kb.keys())

    for a, b in itertools.combinations(claims, 2):
        assert bridged(a, b) == comparable(a, b, groups)[0], (a.facts, b.facts)


def test_write_ups_of_one_day_naming_the_same_people_are_one_story_though_less_alike():
    from dataclasses import replace

    a = claims_from_text("Mike Huckabee urged supporters to eat at the chain after Dan Cathy spoke.\n",
                         source_id="a.txt", date=dt.date(2012, 8, 1))
    b = claims_from_text("Dan Cathy thanked Mike Huckabee for the day of appreciation at the restaurants.\n",
                         source_id="b.txt", date=dt.date(2012, 8, 1))
    X = np.array([[1.0, 0.0], [0.7, np.sqrt(1 - 0.49)]], dtype=np.float32)  # cosine 0.7, under DOC_SIMILARITY
    assert group_articles([a[0].article, b[0].article], a + b, X).same("a.txt", "b.txt")
    later = [replace(c, article=replace(c.article, date=dt.date(2012, 8, 6))) for c in b]
    assert not group_articles([a[0].article, later[0].article], a + later, X).same("a.txt", "b.txt")


@pytest.mark.parametrize("cosine, same", [(0.62, True), (0.55, False)])
def test_one_days_write_ups_naming_the_same_people_join_at_the_link_threshold(cosine, same):
    # a write-up that adds a second topic (the candidate's health report beside her tax returns) is
    # less alike on average, as alike as two claims that are linked
    assert _one_story(cosine, dt.date(2015, 7, 31),
                      "Hillary Clinton released her tax returns and a doctor's letter, Nick Merrill said.",
                      "Hillary Clinton paid a combined rate of 45.8 percent, her spokesman Nick Merrill said.") is same


def _one_story(cosine: float, date: dt.date, text_a: str, text_b: str) -> bool:
    """Whether two one-sentence articles of one day, their mean vectors at ``cosine``, are one story."""
    a = claims_from_text(text_a + "\n", source_id="a.txt", date=date)
    b = claims_from_text(text_b + "\n", source_id="b.txt", date=date)
    X = np.array([[1.0, 0.0], [cosine, np.sqrt(1 - cosine ** 2)]], dtype=np.float32)
    return group_articles([a[0].article, b[0].article], a + b, X).same("a.txt", "b.txt")


@pytest.mark.parametrize("cosine, same", [(0.95, True), (0.8, False)])
def test_near_copies_naming_other_people_are_one_story_with_a_wrong_name(cosine, same):
    """One outlet names spokesman Ali Karimi, the other Reza Tehrani, in otherwise the same report:
    the other name is a discrepancy to find, not a second story; less alike, it is another story."""
    assert _one_story(cosine, dt.date(2025, 8, 1),
                      "Troops were deployed to the northern border, spokesman Ali Karimi said on Thursday.",
                      "Troops were deployed to the northern border, spokesman Reza Tehrani said on Thursday.") is same
