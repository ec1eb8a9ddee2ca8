"""What the aligned-difference classifiers share: the gate and the sides.

A classifier (``rules/aligned_*.py``) looks at one difference of an aligned
pair and says what it is (a figure, a date, a name, an office, a state); this
module decides whether the pair is aligned well enough for any difference to
mean "the same fact, told two ways", and how sure that makes us.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import ClassVar

from ..events import same_surname
from ..extract.text import fold
from ..model import Claim, Kind, Observation, Span
from .align import Alignment, Difference, Word
from .base import Rule, side

MIN_COVERAGE = 0.45  # share of the shorter claim's content words matched in the other
MAX_SIDE_WORDS = 4  # a difference longer than this is a rewording, not a changed value


def value_span(claim: Claim, words: tuple[Word, ...], after: tuple[Word, ...] = (), inserted: bool = False) -> Span:
    """The span of the differing words; where one claim adds words ("will" before "travel"), both spans
    reach to the matched word after them ("traveled" against "will travel")."""
    words = (words + after[:1]) if inserted else words
    if not words:
        return Span(claim.start, claim.end, claim.text)
    start, end = words[0].start, words[-1].end
    return Span(start, end, claim.article.text[start:end])


class AlignedRule(Rule):
    """A pair rule that classifies the differences of the pair's word alignment."""

    requires: ClassVar[tuple[str, ...]] = ("alignment",)
    base_confidence: ClassVar[float] = 0.7
    accepts_insertions: ClassVar[bool] = False  # differences with words on one side only
    # a value framed by this many content words may sit in claims that share less (a long sentence listing it)
    strong_frame: ClassVar[int] = 99

    def classify(self, alignment: Alignment, difference: Difference) -> tuple[str, str] | None:
        """(norm of a's value, norm of b's value) when this difference is this rule's kind; else None."""
        raise NotImplementedError

    def compare_aligned(self, alignment: Alignment, similarity: float) -> Iterator[Observation]:
        if alignment.coverage < MIN_COVERAGE / 2 or other_speakers(alignment.a, alignment.b):
            return
        for difference in framed(alignment, self.accepts_insertions):
            if alignment.coverage < MIN_COVERAGE and difference.content_frame < self.strong_frame:
                continue
            norms = self.classify(alignment, difference)
            if norms is None:
                continue
            inserted = not difference.a or not difference.b
            words_a, words_b = self.value_words(difference)
            yield self.observe(
                Kind.DISCREPANCY,
                [side(alignment.a, value_span(alignment.a, words_a, difference.right_words, inserted), norms[0]),
                 side(alignment.b, value_span(alignment.b, words_b, difference.right_b, inserted), norms[1])],
                confidence=self.confidence(alignment, difference, similarity),
                coverage=round(alignment.coverage, 3), similarity=round(similarity, 3),
            )

    def value_words(self, difference: Difference) -> tuple[tuple[Word, ...], tuple[Word, ...]]:
        """The words each side's value spans: the whole difference, unless the rule reads part of it."""
        return difference.a, difference.b

    def confidence(self, alignment: Alignment, difference: Difference, similarity: float) -> float:
        """Higher when the claims match around the value and nowhere else differ in substance."""
        others = alignment.substantive(exclude=difference)
        frame = min(difference.content_frame, 4) / 4
        score = self.base_confidence * (0.55 + 0.25 * alignment.coverage + 0.2 * frame) * 0.85 ** min(others, 4)
        return max(0.05, min(0.99, score))


def other_speakers(a: Claim, b: Claim) -> bool:
    """Both claims credit their words to someone, and not to the same one: a statement and its
    rebuttal ("a total hoax", Trump said / "not a hoax", Strzok said) are not outlets disagreeing."""
    if a.attribution is None or b.attribution is None:
        return False
    names_a, names_b = _names(a.attribution.text), _names(b.attribution.text)
    # one speaker spelt two ways ("Trump said" / "Drump said") is one speaker, and the slip a finding
    return bool(names_a and names_b) and not any(same_surname(x, y) for x in names_a for y in names_b)


def _names(text: str) -> set[str]:
    return {fold(w) for w in re.findall(r"\b[A-Z][\w'’-]+", text)}


def framed(alignment: Alignment, insertions: bool = False) -> Iterable[Difference]:
    """Differences short enough to be a value, sitting in a shared frame, with words on both sides
    (or, with ``insertions``, on at least one)."""
    for d in alignment.differences:
        sides = (d.a or d.b) if insertions else (d.a and d.b)
        if sides and len(d.a) <= MAX_SIDE_WORDS and len(d.b) <= MAX_SIDE_WORDS and d.framed:
            yield d
