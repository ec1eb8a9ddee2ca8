from __future__ import annotations

import re
from difflib import SequenceMatcher

from ...extract.text import fold
from ...model import Claim, Kind, Severity
from ..base import Rule, side

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
STOP = frozenset("a an the of to in on at by for and or but is are was were be been has have had it its "
                 "that this with as from he she they his her their said says will would".split())


def shared_phrase(a: str, b: str) -> tuple[tuple[int, int], tuple[int, int], int] | None:
    """Character ranges of the longest run of words two texts share, and its content-word count."""
    wa, wb = list(_WORD.finditer(a)), list(_WORD.finditer(b))
    ka, kb = [fold(m.group()) for m in wa], [fold(m.group()) for m in wb]
    match = SequenceMatcher(None, ka, kb, autojunk=False).find_longest_match(0, len(ka), 0, len(kb))
    if match.size == 0:
        return None
    content = sum(1 for w in ka[match.a: match.a + match.size] if w not in STOP)
    ra = (wa[match.a].start(), wa[match.a + match.size - 1].end())
    rb = (wb[match.b].start(), wb[match.b + match.size - 1].end())
    return ra, rb, content


def _years(claim: Claim) -> set[int]:
    return set(claim.facts.years) | {d.start.year for d in claim.facts.dates if d.explicit_year and d.start}


def _other_values(a: Claim, b: Claim) -> bool:
    """The claims name years or figures, none in common: a shared phrase around other values
    ("on the council since 2009" / "of the council since 2011") corroborates nothing."""
    years_a, years_b = _years(a), _years(b)
    if years_a and years_b and not years_a & years_b:
        return True
    values_a = {q.value for q in a.facts.quantities}
    values_b = {q.value for q in b.facts.quantities}
    return bool(values_a and values_b and not values_a & values_b)


class CorroboratedClaim(Rule):
    """Two sources make the same claim in nearly the same words.

    ## What it does
    Reports an agreement when two claims from different sources are close
    paraphrases (cosine similarity at least ``min_similarity``), share a run of
    at least two content words, do not name different years or figures (a
    shared phrase around other values is not the same fact), and no other rule
    found a discrepancy between them.

    ## Why it matters
    Corroboration is the other half of a cross-check: an editor wants to know
    which facts several outlets report independently, not only where they
    disagree.

    ## Example
    "Blumenthal served six years in the reserves" and "he spent six years in
    the reserves" are one corroborated claim from two sources.
    """

    code = "AGR001"
    name = "corroborated-claim"
    category = "corroboration"
    severity = Severity.LOW
    runs_last = True
    min_similarity = 0.72
    min_shared_words = 2

    def compare(self, a: Claim, b: Claim, similarity: float):
        if similarity < self.min_similarity or _other_values(a, b):
            return ()
        shared = shared_phrase(a.text, b.text)
        if shared is None or shared[2] < self.min_shared_words:
            return ()
        (sa, ea), _, _ = shared
        phrase = " ".join(a.text[sa:ea].split())
        return (self.observe(Kind.AGREEMENT, [side(a, None, "claim"), side(b, None, "claim")],
                             confidence=min(1.0, similarity), phrase=phrase),)
