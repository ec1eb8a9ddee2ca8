"""Anchor candidates: claims of one event that share a rare word are compared, whatever their cosine.

Sentence embeddings rank a short sentence about one item far from a long one
listing several ("a $900 sofa" against "...spent the funds on a $900 sofa, a
$2,000 cruise and..."), and a one-letter change in a name moves the vector
little but the rest of a paraphrase moves it a lot. Two claims of one event
that share a named thing, a figure or a rare long word are likely about one
fact; the aligned rules then decide, word by word, whether they state it
differently.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..events import EventGroups
from ..model import Claim
from .base import ScanContext

MAX_SHARING = 12  # an anchor in more claims of one event than this is the story's topic, not one fact
LONG_WORD = 8


def anchor_keys(claim: Claim, context: ScanContext) -> set[str]:
    """A claim's anchors: figures, names, rare long words, what it counts ("actions counted"
    for "lay out 19 separate actions" and "23 executive actions") and what it prices ("a $900 sofa")."""
    keys = set()
    for w in context.words(claim):
        if w.number is not None:
            if w.number >= 10 or w.key[:1] == "$" or "%" in w.key:
                keys.add(w.key)
        elif (w.name_like and len(w.key) >= 4) or (w.content and len(w.key) >= LONG_WORD):
            keys.add(w.key)
    keys.update(f"{q.noun}s counted" for q in claim.facts.quantities if q.is_count and q.noun)
    keys.update(f"{q.describes} priced" for q in claim.facts.quantities if q.unit == "$" and q.describes)
    return keys


def anchor_pairs(claims: Sequence[Claim], linked: set[tuple[int, int]], groups: EventGroups,
                 context: ScanContext) -> list[tuple[int, int]]:
    """Cross-source pairs of one event sharing an anchor word, not linked already."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        event = groups.group_of.get(claim.source_id)
        for key in anchor_keys(claim, context):
            blocks[(event, key)].append(i)
    return cross_source_pairs(claims, blocks.values(), MAX_SHARING, linked)


def cross_source_pairs(claims: Sequence[Claim], blocks, most: int, linked: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs (i < j) of claims from different sources within each block of at most ``most`` claims,
    not linked already: the candidate step shared by anchors and rules' blocking keys."""
    pairs: set[tuple[int, int]] = set()
    for members in blocks:
        if len(members) > most:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                i_, j_ = min(i, j), max(i, j)
                if claims[i_].source_id != claims[j_].source_id and (i_, j_) not in linked:
                    pairs.add((i_, j_))
    return sorted(pairs)
