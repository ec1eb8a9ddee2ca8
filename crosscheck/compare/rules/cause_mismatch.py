"""ATT002: two sources give one outcome different causes."""
from __future__ import annotations

from ...lexicon.roles import CAUSE_MARKERS
from ...lexicon.spelling import stem
from ...model import Kind, Severity
from ..align import Word, key_of
from ..aligned import MIN_COVERAGE, AlignedRule, value_span
from ..base import side

MARKER_KEYS = tuple(tuple(key_of(w)[0] for w in marker.split()) for marker in CAUSE_MARKERS)
MAX_CAUSE_WORDS = 8  # a cause longer than this is an account, not a named cause


def _after_marker(difference) -> bool:
    keys = tuple(w.key for w in difference.left_words)
    return any(keys[-len(marker):] == marker for marker in MARKER_KEYS) \
        and not any(w.in_quote for w in difference.left_words[-1:])


def causes(alignment) -> tuple[tuple[Word, ...], tuple[Word, ...]] | None:
    """The two claims' differing words right after one cause marker ("caused by", "because of"), with
    the differences that follow across one matched function word ("a week | of | heavy rain")."""
    differences = alignment.differences
    for k, first in enumerate(differences):
        if not (first.a and first.b) or not _after_marker(first):
            continue
        words_a, words_b = list(first.a), list(first.b)
        current = first
        for nxt in differences[k + 1:]:
            bridge = current.right_words[:current.right]
            if current.right > 1 or any(w.content for w in bridge) or not (nxt.a and nxt.b):
                break
            words_a += [*bridge, *nxt.a]
            words_b += [*current.right_b[:current.right], *nxt.b]
            current = nxt
        if len(words_a) <= MAX_CAUSE_WORDS and len(words_b) <= MAX_CAUSE_WORDS:
            return tuple(words_a), tuple(words_b)
    return None


class CauseMismatch(AlignedRule):
    """Two sources give the same outcome different causes.

    ## What it does
    Aligns two claims word by word (``compare.align``) and, where both name
    a cause with the same marker ("caused by", "because of", "due to",
    "blamed on", "triggered by"), reads the words after it up to where the
    shared frame resumes. When the two causes share no content word, outside
    quotations, it reports a discrepancy; the same cause in more or fewer
    words ("heavy rain" / "a week of heavy rain") is no difference of words
    on both sides, and is left.

    ## Why it matters
    Why something happened is often the news: a flood blamed on rain and one
    blamed on a failed dam lead readers, and officials, to different places.

    ## Example
    "The flooding was caused by a week of heavy rain, according to the
    weather service" against "The flooding was caused by the failure of an
    upstream dam, according to the weather service".
    """

    code = "ATT002"
    name = "cause-mismatch"
    category = "attribution"
    severity = Severity.MEDIUM
    base_confidence = 0.5

    def classify(self, alignment, difference):
        return None  # not a classifier of one difference: a cause spans several

    def compare_aligned(self, alignment, similarity: float):
        if alignment.coverage < MIN_COVERAGE:
            return []
        found = causes(alignment)
        if found is None:
            return []
        cause_a, cause_b = found
        content_a = {stem(w.key) for w in cause_a if w.content and w.number is None}
        content_b = {stem(w.key) for w in cause_b if w.content and w.number is None}
        if not content_a or not content_b or content_a & content_b:
            return []
        return [self.observe(
            Kind.DISCREPANCY,
            [side(alignment.a, value_span(alignment.a, cause_a), " ".join(w.key for w in cause_a if w.content)),
             side(alignment.b, value_span(alignment.b, cause_b), " ".join(w.key for w in cause_b if w.content))],
            confidence=self.base_confidence * (0.6 + 0.4 * alignment.coverage),
            coverage=round(alignment.coverage, 3), similarity=round(similarity, 3),
        )]
