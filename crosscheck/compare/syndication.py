"""Wire copies: articles that print one text, whose agreement is one source told twice.

A wire story and its reprints share most of their sentences word for word. Their discrepancies
are real (a reprint that changed a day), but their agreements are not corroboration: the same
text agreeing with itself. Articles are copies of each other when at least half of the shorter
one's sentences (claims) are printed word for word in the other; the comparison then counts them
once, through the agreements each has with other sources' own words.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from ..extract.text import fold
from ..model import Claim, Kind, Observation

MIN_COPIED_SHARE = 0.5  # of the shorter article's sentences, printed word for word in the other
MIN_COPIED_SENTENCES = 2


def sentence_key(claim: Claim) -> str:
    return " ".join(fold(claim.text).split())


class Copies:
    """Which articles print one text, read from the claims of whole articles: whether two articles are
    copies depends on those two alone, so every engine and every part of a run agrees on it."""

    def __init__(self, claims: Iterable[Claim]):
        self._sentences: dict[str, set[str]] = defaultdict(set)
        self.key_of: dict = {}  # claim key -> sentence key
        for claim in claims:
            self.key_of[claim.key] = key = sentence_key(claim)
            self._sentences[claim.source_id].add(key)

    def carries(self, source: str, key: str) -> bool:
        """Whether the article ``source`` prints the sentence ``key`` word for word."""
        return key in self._sentences.get(source, ())

    def copied(self, a: str, b: str) -> bool:
        sa, sb = self._sentences.get(a, set()), self._sentences.get(b, set())
        shared = len(sa & sb)
        return shared >= MIN_COPIED_SENTENCES and shared >= MIN_COPIED_SHARE * min(len(sa), len(sb))

    def copies_only(self, obs: Observation) -> bool:
        """Whether an observation is an agreement all of whose sides are copies of one text."""
        if obs.kind is not Kind.AGREEMENT:
            return False
        sources = sorted({s.claim.source_id for s in obs.sides})
        return len(sources) >= 2 and all(self.copied(a, b) for a, b in combinations(sources, 2))
