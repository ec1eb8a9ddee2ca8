"""Which articles report the same events, and which claim pairs may be compared.

A folder often holds articles on several events and years. Two similar claims
are only compared when they plausibly describe the same event: their articles
were grouped into one event (close in content, sharing named people, with
compatible publication dates), or the two claims share an explicit year and
a named participant (two articles recalling the same past event).

Nothing here compares all pairs: articles are searched among articles
published within a few weeks of them, ``bridge_keys`` tell the claim search
which claims of other events it may link, and ``topic_keys`` which similar
claims of other events to list as not compared.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .extract.text import fold
from .model import Article, Claim

DOC_SIMILARITY = 0.75  # cosine of mean claim vectors for "same story"
MAX_DAYS_APART = 14  # publication dates further apart: different events
NEAR_DAYS, NEAR_SIMILARITY, MIN_SHARED_PEOPLE = 1, 0.6, 2  # same_day_same_people: as close as two linked claims
NEIGHBOURS = 15  # nearest documents examined per document
SAME_STORY_SIMILARITY = 0.9  # articles this close are one story even when the people they name differ
RARE_WORDS = 2  # a claim's rarest content words that join its topics


@dataclass
class EventGroups:
    """Article source id -> event group number, with the reasons groups were split."""

    group_of: dict[str, int]

    def same(self, a: str, b: str) -> bool:
        return self.group_of.get(a) == self.group_of.get(b)


def people_of(claims: Sequence[Claim]) -> set[str]:
    surnames = set()
    for claim in claims:
        for name in claim.facts.names:
            if name.label == "PERSON" and name.tokens:
                surnames.add(fold(name.tokens[-1]))
    return surnames


def same_surname(a: str, b: str) -> bool:
    """Equal, or one slip apart ('keating'/'keatign', 'reid'/'ried'): a misspelled name
    is a discrepancy to report inside one event, not a sign of two different events."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    from rapidfuzz.distance import OSA

    return OSA.distance(a, b, score_cutoff=1) <= 1


def share_people(a: set[str], b: set[str]) -> bool:
    return bool(a & b) or any(same_surname(x, y) for x in a for y in b)


def same_day_same_people(a: Article, b: Article, people_a: set[str], people_b: set[str], sim: float) -> bool:
    """Two articles of a day that name the same people and are close in content are one story, though
    outlets that write it up independently fall below DOC_SIMILARITY ("CEO Dan Cathy" and Mike
    Huckabee in three write-ups of one Chick-fil-A day at 0.69-0.75)."""
    if a.date is None or b.date is None or abs((a.date - b.date).days) > NEAR_DAYS:
        return False
    return sim >= NEAR_SIMILARITY and len(people_a & people_b) >= MIN_SHARED_PEOPLE


def dates_compatible(a: Article, b: Article) -> bool:
    if a.date is None or b.date is None:
        return True
    return abs((a.date - b.date).days) <= MAX_DAYS_APART


def _nearest(Q: np.ndarray, I: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(similarities, positions in I) of each row of Q's k most similar rows of I."""
    S = Q @ I.T
    k = min(k, I.shape[0])
    idx = np.argpartition(-S, k - 1, axis=1)[:, :k] if k < I.shape[0] else np.tile(np.arange(I.shape[0]), (len(Q), 1))
    return np.take_along_axis(S, idx, axis=1), idx


def candidate_neighbours(dates: Sequence[dt.date | None], docs: np.ndarray, k: int,
                         window_days: int = MAX_DAYS_APART) -> list[tuple[int, int, float]]:
    """(i, j, similarity): each document's k nearest documents among those it may share an event with.

    Documents are searched only among documents published within about
    ``window_days`` of them (and undated ones), in date buckets of
    ``window_days``: an archive of many years costs what its busiest weeks
    cost, not the square of its size.
    """
    n = len(dates)
    undated = np.array([i for i, d in enumerate(dates) if d is None], dtype=np.int64)
    buckets: dict[int, list[int]] = {}
    for i, d in enumerate(dates):
        if d is not None:
            buckets.setdefault(d.toordinal() // window_days, []).append(i)
    searches: list[tuple[np.ndarray, np.ndarray]] = []  # (queries, index)
    for b, members in sorted(buckets.items()):
        near = [j for nb in (b - 1, b, b + 1) for j in buckets.get(nb, ())]
        searches.append((np.asarray(members), np.concatenate([np.asarray(near, dtype=np.int64), undated])))
    if len(undated):
        searches.append((undated, np.arange(n)))
    from .cluster import single_threaded_blas

    with single_threaded_blas():
        return _search(docs, searches, k)


def _search(docs: np.ndarray, searches: list[tuple[np.ndarray, np.ndarray]], k: int) -> list[tuple[int, int, float]]:
    found = []
    for queries, index in searches:
        for q0 in range(0, len(queries), 1024):
            qs = queries[q0: q0 + 1024]
            sims, pos = _nearest(docs[qs], docs[index], k + 1)
            for row, i in enumerate(qs.tolist()):
                for sim, j in zip(sims[row].tolist(), index[pos[row]].tolist()):
                    if j != i:
                        found.append((i, j, sim))
    return found


def group_articles(articles: Sequence[Article], claims: Sequence[Claim], X: np.ndarray,
                   *, doc_similarity: float = DOC_SIMILARITY) -> EventGroups:
    """Single-linkage grouping of articles into events (nearest neighbours in date windows, no all-pairs)."""
    rows: dict[str, list[int]] = {a.source_id: [] for a in articles}
    for i, c in enumerate(claims):
        rows.setdefault(c.source_id, []).append(i)
    present = [a.source_id for a in articles if rows[a.source_id]]
    summaries = {sid: ArticleSummary(X[rows[sid]].mean(axis=0), people_of([claims[i] for i in rows[sid]]))
                 for sid in present}
    shared = shared_sentences(claims) if len(present) >= 2 else []
    return group_summaries(articles, summaries, shared, doc_similarity=doc_similarity)


@dataclass
class ArticleSummary:
    """What grouping needs of one article's claims: their mean vector and the people they name (surnames)."""

    mean: np.ndarray
    people: set[str]


def group_summaries(articles: Sequence[Article], summaries: dict[str, ArticleSummary],
                    shared: Sequence[Sequence[str]], *, doc_similarity: float = DOC_SIMILARITY) -> EventGroups:
    """``group_articles`` from per-article summaries (``summaries``: the articles with claims) and the
    groups of articles that print one long sentence (``shared``): no claim or claim vector is needed."""
    ids = [a.source_id for a in articles]
    by_id = {a.source_id: a for a in articles}
    present = [sid for sid in ids if sid in summaries]
    parent = {sid: sid for sid in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    if len(present) >= 2:
        docs = np.stack([summaries[sid].mean for sid in present])
        docs /= np.linalg.norm(docs, axis=1, keepdims=True) + 1e-12
        people = {sid: summaries[sid].people for sid in present}
        dates = [by_id[sid].date for sid in present]
        for i, j, sim in candidate_neighbours(dates, docs, NEIGHBOURS):
            sid, other = present[i], present[j]
            if sim < doc_similarity and not same_day_same_people(by_id[sid], by_id[other], people[sid],
                                                                 people[other], sim):
                continue
            if not dates_compatible(by_id[sid], by_id[other]):
                continue
            if people[sid] and people[other] and not share_people(people[sid], people[other]) \
                    and sim < SAME_STORY_SIMILARITY:
                continue  # near-identical copy naming another person is one story with a wrong name
            parent[find(sid)] = find(other)
        for group in shared:  # wire copy: a verbatim sentence is one story
            for sid in group[1:]:
                if dates_compatible(by_id[group[0]], by_id[sid]):
                    parent[find(sid)] = find(group[0])
    roots = sorted({find(sid) for sid in ids})
    number = {root: n for n, root in enumerate(roots)}
    return EventGroups({sid: number[find(sid)] for sid in ids})


MIN_SHARED_WORDS = 8  # shorter shared sentences are boilerplate more often than copy
MAX_SHARING = 20  # a sentence in more articles than this is a template, not a story


def sentence_key(text: str) -> str | None:
    """A claim's sentence as ``shared_sentences`` matches it, or None when it is too short to mean copy."""
    words = fold(text).split()
    return " ".join(words) if len(words) >= MIN_SHARED_WORDS else None


def shared_sentences(claims: Sequence[Claim]) -> list[list[str]]:
    """Articles that print the same long sentence word for word (hashing, no pairs)."""
    return shared_sentences_of((c.source_id, sentence_key(c.text)) for c in claims)


def shared_sentences_of(keys: Iterable[tuple[str, str | bytes | None]]) -> list[list[str]]:
    """``shared_sentences`` from (source id, sentence key) in claim order; a key may be a digest of one."""
    by_text: dict[str | bytes, set[str]] = {}
    for sid, key in keys:
        if key is not None:
            by_text.setdefault(key, set()).add(sid)
    return [sorted(s) for s in by_text.values() if 1 < len(s) <= MAX_SHARING]


def claim_groups(claims: Sequence[Claim], groups: EventGroups) -> np.ndarray:
    """The event group of each claim's article (claims are linked only inside a group)."""
    return np.asarray([groups.group_of.get(c.source_id, -1) for c in claims], dtype=np.int64)


def bridge_keys(claim: Claim) -> frozenset[tuple[tuple[int, str], bool]]:
    """((year, participant), anchored) keys: claims of different events that may still be compared.

    Mirrors ``comparable``: two claims of different events share a participant
    and a year that at least one of them names itself (anchored) while the
    other names it or its paragraph does.
    """
    facts = claim.facts
    return bridge_keys_of(facts.years, facts.context_years, facts.entities)


def bridge_keys_of(years: Iterable[int], context_years: Iterable[int],
                   entities: Iterable[str]) -> frozenset[tuple[tuple[int, str], bool]]:
    """``bridge_keys`` from a claim's years, its paragraph's years and its participants."""
    years = set(years)
    return frozenset(((y, e), y in years) for y in years | set(context_years) for e in entities)


def topic_words(claim: Claim) -> tuple[frozenset[str], frozenset[str]]:
    """The participants a claim names (entities, people by surname) and its content words: what ``topic_keys`` reads."""
    facts = claim.facts
    names = set(facts.entities) | {fold(n.tokens[-1]) for n in facts.names if n.label == "PERSON" and n.tokens}
    return frozenset(names), facts.content


def topic_keys(claims: Sequence[Claim], rare_words: int = RARE_WORDS) -> list[frozenset[tuple[str, str]]]:
    """What each claim is about, for finding similar claims of *other* events: the
    participants it names (entities, people by surname) and its rarest content
    words in this corpus (an inverted index on the words that tell claims apart:
    a repeated sentence shares them, while common words would make every claim
    a candidate)."""
    return topic_keys_of([topic_words(c) for c in claims], rare_words)


def topic_keys_of(words: Sequence[tuple[Iterable[str], Iterable[str]]],
                  rare_words: int = RARE_WORDS) -> list[frozenset[tuple[str, str]]]:
    """``topic_keys`` from each claim's (names, content words) (``topic_words``)."""
    frequency = Counter(word for _, content in words for word in content)
    return [topic_keys_one(names, content, frequency, rare_words) for names, content in words]


def topic_keys_one(names: Iterable[str], content: Iterable[str], frequency: Mapping[str, int],
                   rare_words: int = RARE_WORDS) -> frozenset[tuple[str, str]]:
    """One claim's topic keys, given how many claims of the corpus use each content word."""
    rare = sorted(content, key=lambda w: (frequency.get(w, 0), w))[:rare_words]
    return frozenset({("name", n) for n in names} | {("word", w) for w in rare})


def comparable(a: Claim, b: Claim, groups: EventGroups) -> tuple[bool, str]:
    """Whether two claims may describe the same event, and if not, why not."""
    if groups.same(a.source_id, b.source_id):
        return True, ""
    # a year one claim names and the other's paragraph names ("a 2010 raid ... Nine were killed")
    shared_years = (a.facts.years & (b.facts.years | b.facts.context_years)) | (b.facts.years & a.facts.context_years)
    shared_names = a.facts.entities & b.facts.entities
    if shared_years and shared_names:
        return True, ""
    why = "the articles report different events"
    if a.article.date and b.article.date and not dates_compatible(a.article, b.article):
        why += f" (published {a.article.date} and {b.article.date})"
    return False, why
