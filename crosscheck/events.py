"""Which articles report the same events, and which claim pairs may be compared.

A folder often holds articles on several events and years. Two similar claims
are only compared when they plausibly describe the same event: their articles
were grouped into one event (close in content, sharing named people, with
compatible publication dates), or the two claims share an explicit year and
a named participant (two articles recalling the same past event).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .model import Article, Claim

DOC_SIMILARITY = 0.8  # cosine of mean claim vectors for "same story"
MAX_DAYS_APART = 14  # publication dates further apart: different events


@dataclass
class EventGroups:
    """Article source id -> event group number, with the reasons groups were split."""

    group_of: dict[str, int]

    def same(self, a: str, b: str) -> bool:
        return self.group_of.get(a) == self.group_of.get(b)


def _people(claims: Sequence[Claim]) -> set[str]:
    surnames = set()
    for claim in claims:
        for name in claim.facts.names:
            if name.label == "PERSON" and name.tokens:
                surnames.add(name.tokens[-1].casefold())
    return surnames


def dates_compatible(a: Article, b: Article) -> bool:
    if a.date is None or b.date is None:
        return True
    return abs((a.date - b.date).days) <= MAX_DAYS_APART


def group_articles(articles: Sequence[Article], claims: Sequence[Claim], X: np.ndarray,
                   *, doc_similarity: float = DOC_SIMILARITY) -> EventGroups:
    """Single-linkage grouping of articles into events (nearest neighbours, no all-pairs)."""
    ids = [a.source_id for a in articles]
    by_id = {a.source_id: a for a in articles}
    rows: dict[str, list[int]] = {sid: [] for sid in ids}
    for i, c in enumerate(claims):
        rows.setdefault(c.source_id, []).append(i)
    present = [sid for sid in ids if rows[sid]]
    parent = {sid: sid for sid in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    if len(present) >= 2:
        from sklearn.neighbors import NearestNeighbors

        docs = np.stack([X[rows[sid]].mean(axis=0) for sid in present])
        docs /= np.linalg.norm(docs, axis=1, keepdims=True) + 1e-12
        people = {sid: _people([claims[i] for i in rows[sid]]) for sid in present}
        k = min(len(present), 16)
        dist, idx = NearestNeighbors(n_neighbors=k, metric="cosine", algorithm="brute").fit(docs).kneighbors(docs)
        for i, sid in enumerate(present):
            for d, j in zip(dist[i], idx[i]):
                other = present[int(j)]
                if other == sid or 1.0 - d < doc_similarity:
                    continue
                if not dates_compatible(by_id[sid], by_id[other]):
                    continue
                if people[sid] and people[other] and not (people[sid] & people[other]):
                    continue
                parent[find(sid)] = find(other)
    roots = sorted({find(sid) for sid in ids})
    number = {root: n for n, root in enumerate(roots)}
    return EventGroups({sid: number[find(sid)] for sid in ids})


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
