"""Wire copies: articles that print one text, whose agreement is one source told twice.

A wire story and its reprints share most of their sentences word for word. Their discrepancies
are real (a reprint that changed a day), but their agreements are not corroboration: the same
text agreeing with itself. Articles are copies of each other when at least half of the shorter
one's sentences (claims) are printed word for word in the other; the comparison then counts them
once, through the agreements each has with other sources' own words.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations

from ..extract.text import fold
from ..model import Claim, Kind, Observation

MIN_COPIED_SHARE = 0.5  # of the shorter article's sentences, printed word for word in the other
MIN_COPIED_SENTENCES = 2
MAX_PRINTERS = 20  # a sentence printed by more articles than this is a template, not a copy


def sentence_key(claim: Claim) -> str:
    return " ".join(fold(claim.text).split())


def copied_articles(claims: Iterable[Claim]) -> frozenset[frozenset[str]]:
    """Pairs of source ids whose articles print one text (see the module docstring)."""
    sentences: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        sentences[claim.source_id].add(sentence_key(claim))
    printers: dict[str, list[str]] = defaultdict(list)
    for source, keys in sentences.items():
        for key in keys:
            printers[key].append(source)
    shared: Counter[tuple[str, str]] = Counter()
    for sources in printers.values():
        if 2 <= len(sources) <= MAX_PRINTERS:
            shared.update(combinations(sorted(sources), 2))
    return frozenset(
        frozenset(pair) for pair, n in shared.items()
        if n >= MIN_COPIED_SENTENCES and n >= MIN_COPIED_SHARE * min(len(sentences[pair[0]]), len(sentences[pair[1]]))
    )


def copies_only(obs: Observation, copied: frozenset[frozenset[str]]) -> bool:
    """Whether an observation is an agreement all of whose sides are copies of one text."""
    if obs.kind is not Kind.AGREEMENT:
        return False
    sources = sorted({s.claim.source_id for s in obs.sides})
    return len(sources) >= 2 and all(frozenset(p) in copied for p in combinations(sources, 2))
