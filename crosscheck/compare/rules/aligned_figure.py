"""QTY003: the same figure written with another value, word for word."""
from __future__ import annotations

from ...lexicon.numbers import SCALES
from ...model import Severity
from ..aligned import AlignedRule
from .aligned_date import date_part


def figures(words) -> list:
    return [w for w in words if w.number is not None and date_part(w) is None]


APPROXIMATE = frozenset({"roughly", "about", "approximately", "around", "some", "estimated"})
BELOW = frozenset({"nearly", "almost", "just under", "under"})
# words that say "not quite": before a quantifier that admits no exception, they change what is stated
SHORT_OF = frozenset({"nearly", "almost", "virtually", "practically", "essentially", "largely", "mostly"})
# quantifiers that admit no exception ("all gun sales", "every state")
UNIVERSAL = frozenset({"all", "every", "everyone", "everybody", "everything", "entire", "none", "each"})


def hedged_universal(difference) -> tuple[str, str] | None:
    """("nearly all", "all") when one claim adds "nearly" before an "all" both claims write."""
    added = difference.a or difference.b
    if (difference.a and difference.b) or not added or len(added) > 2 or not difference.right_words:
        return None
    quantifier = difference.right_words[0]
    if quantifier.key not in UNIVERSAL or not all(w.key in SHORT_OF for w in added):
        return None
    hedged = " ".join(w.text.lower() for w in added) + " " + quantifier.text.lower()
    return (hedged, quantifier.text.lower()) if difference.a else (quantifier.text.lower(), hedged)


def stated(difference, side_words, figure) -> tuple[float, float]:
    """The values a written figure allows: its scale word ("$44 million"), and its qualifier ("nearly")."""
    after = list(side_words[side_words.index(figure) + 1:]) + list(difference.right_words[:1])
    value = figure.number * next((SCALES[w.key] for w in after[:1] if w.key in SCALES), 1.0)
    if after[:1] and after[0].text.lower() == "basis":
        value /= 100  # "100 basis points" is "one percentage point"
    before = {w.key for w in side_words[:side_words.index(figure)]} | {w.key for w in difference.left_words[-1:]}
    if before & BELOW:
        return value * 0.9, value
    if before & APPROXIMATE:
        return value * 0.99, value * 1.01
    return value, value


class AlignedFigureDifference(AlignedRule):
    """Two sources give a different figure in the same sentence frame.

    ## What it does
    Aligns two claims word by word (``compare.align``) and reports a
    discrepancy where the words around a figure match and the figure does not:
    "a $900 sofa" / "a $1,200 sofa", "nine people" / "10 people". Number words
    and digits are one key ("nine" = "9"), so only a changed value differs. A
    figure that is a rounding of the other ("$3,400" / "$3,412.50") is
    reported with low severity.

    ## Why it matters
    Paraphrases keep the frame of a fact and change its value when one outlet
    copied a figure wrong; QTY001 compares figures by what they measure, this
    rule catches the ones whose frame is all that tells what they measure.

    A hedge one claim adds before a quantifier that admits no exception is a
    changed value too: "background checks for nearly all gun sales" against
    "for all gun sales" (figures' own hedges are QTY002's).

    ## Example
    "paid $3,412.50 in fees" against "paid $3,312.50 in fees".
    """

    code = "QTY003"
    name = "aligned-figure-difference"
    category = "quantity"
    severity = Severity.HIGH
    base_confidence = 0.8
    strong_frame = 2  # "earned $139 million in" / "earned roughly $141 million in"
    accepts_insertions = True  # "nearly" added before "all"

    def classify(self, alignment, difference):
        if not difference.a or not difference.b:
            return hedged_universal(difference)
        fa, fb = figures(difference.a), figures(difference.b)
        if len(fa) != 1 or len(fb) != 1:
            return None
        a, b = fa[0], fb[0]
        if a.number == b.number or ("%" in a.key) != ("%" in b.key) or (a.key[:1] == "$") != (b.key[:1] == "$"):
            return None
        (low_a, high_a), (low_b, high_b) = stated(difference, difference.a, a), stated(difference, difference.b, b)
        if low_a <= high_b and low_b <= high_a:
            return None  # "$43,885,310" is "nearly $44 million"
        return a.key, b.key

    def confidence(self, alignment, difference, similarity):
        score = super().confidence(alignment, difference, similarity)
        if not difference.a or not difference.b:
            return score
        a, b = figures(difference.a)[0].number, figures(difference.b)[0].number
        if max(a, b) and abs(a - b) / max(a, b) < 0.05:
            score *= 0.6  # a rounding of the other figure, or a slip in one digit of a long one
        return score
