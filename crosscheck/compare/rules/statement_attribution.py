"""ATT003: one statement credited to one body by one source and to another body by a second."""
from __future__ import annotations

import re

from ...extract.text import fold
from ...lexicon.roles import BODIES
from ...model import Claim, Kind, Severity
from ..aligned import MIN_COVERAGE, AlignedRule
from ..base import side
from .attribution_mismatch import SpeakerKey, conflict

MIN_SIMILARITY = 0.8  # the statements read alike as sentences, not only word by word
_LEAD = frozenset({"the", "a", "an", "in", "of", "at", "for"})  # not what tells two bodies apart


def body_key(claim: Claim) -> SpeakerKey | None:
    """The body a claim credits its statement to ("South Korea's Foreign Ministry"), or None for a person,
    a pronoun or a description that names no body ("a senior official")."""
    if claim.attribution is None:
        return None
    words = [w.removesuffix("'s") for w in re.findall(r"[\w']+", fold(claim.attribution.text).replace("’", "'"))]
    if not words or words[-1] not in BODIES and not any(w in BODIES for w in words[-3:]):
        return None
    return SpeakerKey("org", frozenset(w for w in words if w not in _LEAD))


class StatementAttribution(AlignedRule):
    """One statement, in other words or the same, credited to different bodies.

    ## What it does
    Aligns two claims that read alike (sentence similarity at least 0.8 and
    at least 45% of the shorter claim's content words matched) and, when both
    credit what they say to a body (a ministry, an office, an agency, a
    company: the head noun of the attribution) and neither body's name is
    within the other's ("the Foreign Ministry" / "South Korea's Foreign
    Ministry" are one), reports a discrepancy between the two attributions.
    Quotations are ATT001's; a person and a body are not compared (a
    spokesperson speaks for the body).

    ## Why it matters
    Who announced something is part of the fact: a state visit announced by
    the foreign ministry and one announced by the president's office carry
    different weight, and one of the two sources has it wrong.

    ## Example
    "South Korea's Foreign Ministry said in a statement that Kazakhstan's
    president would make a state visit to Seoul in October" against "The
    presidential office in Seoul said Kazakhstan's president would pay a
    state visit to South Korea in October".
    """

    code = "ATT003"
    name = "statement-attribution"
    category = "attribution"
    severity = Severity.LOW
    base_confidence = 0.45

    def classify(self, alignment, difference):
        return None  # not a classifier of one difference: it compares who the claims credit

    def compare_aligned(self, alignment, similarity: float):
        a, b = alignment.a, alignment.b
        if alignment.coverage < MIN_COVERAGE or similarity < MIN_SIMILARITY or a.facts.quotes or b.facts.quotes:
            return []
        ka, kb = body_key(a), body_key(b)
        if ka is None or kb is None or conflict(ka, kb) is None:
            return []
        return [self.observe(
            Kind.DISCREPANCY,
            [side(a, a.attribution, ka.norm), side(b, b.attribution, kb.norm)],
            confidence=self.base_confidence * (0.6 + 0.4 * alignment.coverage),
            coverage=round(alignment.coverage, 3), similarity=round(similarity, 3),
        )]
