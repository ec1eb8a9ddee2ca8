"""NAM003: a name in the same sentence frame written another way, or another name."""
from __future__ import annotations

from rapidfuzz.distance import OSA

from ...extract.name_forms import is_initial, same_token, token_key
from ...lexicon.roles import OFFICES
from ...lexicon.spelling import abbreviates
from ...model import Severity
from ..aligned import AlignedRule
from .aligned_date import date_part


def name_words(words) -> list | None:
    """The words when all are names (capitalised inside a sentence), initials left out; else None."""
    if not words or not all(w.name_like and date_part(w) is None for w in words):
        return None  # "Tuesday" is capitalised, and DAT002's
    return [w for w in words if not is_initial(w.text)]


def _name_for_a_first_word(difference) -> bool:
    """One word for one, a name on one side, and on the other a capitalised word that opens the
    sentence: a capital there proves nothing, so the name's place makes it one. Two such words that
    both open their sentences are names when one is written as a name elsewhere and they differ by a slip."""
    if len(difference.a) != 1 or len(difference.b) != 1:
        return False
    x, y = difference.a[0], difference.b[0]
    if x.sentence_start and y.sentence_start and (x.named_elsewhere or y.named_elsewhere):
        # "Holder also described" / "Hobder also described": the article names Holder elsewhere
        return x.capital and y.capital and x.number is None and y.number is None \
            and spelling_slip(x.key, y.key) and not (date_part(x) or date_part(y))
    if x.name_like == y.name_like:
        return False
    first = y if x.name_like else x
    return first.capital and first.sentence_start and first.number is None and date_part(first) is None


def _leading_names(words) -> list | None:
    """The names that open a difference ("Berg" of "Berg as"), when other words follow them."""
    run = []
    for w in words:
        if not (w.name_like and date_part(w) is None):
            break
        run.append(w)
    return name_words(run) if run and len(run) < len(words) else None


def _names(difference) -> tuple[list | None, list | None]:
    if _name_for_a_first_word(difference):
        return list(difference.a), list(difference.b)  # "Boehner was back" / "Poehner was back"
    na, nb = name_words(difference.a), name_words(difference.b)
    if (na is None or nb is None) and difference.left_words and difference.left_words[-1].name_like:
        # "named Jonas Berg as her successor" / "appointed Jonas Borg to replace her": the surname
        # goes on from a given name both share, and the sentences go on in other words after it
        la, lb = na or _leading_names(difference.a), nb or _leading_names(difference.b)
        if la and lb:
            return la, lb
    return na, nb


def spelling_slip(a: str, b: str) -> bool:
    """One name misspelt: a letter or two changed, added or swapped, not a different name."""
    shortest = min(len(a), len(b))
    if shortest < 4:
        return False
    return OSA.distance(a, b) <= (1 if shortest < 7 else 2)


class AlignedNameDifference(AlignedRule):
    """A name in the same sentence frame is spelled differently, or is another name.

    ## What it does
    Aligns two claims word by word (``compare.align``) and looks at names
    (capitalised words inside a sentence) that differ while the words around
    them match. Conventions are not differences: accents, romanisations,
    nicknames, middle initials, British spellings (``extract.name_forms``).
    A word that opens both sentences counts as a name when the article
    writes it capitalised mid-sentence too ("said Holder").
    A name one or two letters apart ("Rutte" / "Rute"), or the same given
    names in swapped order, is a misspelling (high confidence); a different
    name in the same place ("Lauren Greene" / "Michael Rekola" as the
    communications director) is another actor for the same role.

    ## Why it matters
    Misspelt names are the commonest correction in news, and a different
    person credited with the same act or office is a factual conflict.

    ## Example
    "Dutch Prime Minister Mark Rutte said" against "Dutch Prime Minister
    Mark Rute said": Rutte vs Rute.
    """

    code = "NAM003"
    name = "aligned-name-difference"
    category = "name"
    severity = Severity.MEDIUM
    base_confidence = 0.75

    def classify(self, alignment, difference):
        na, nb = _names(difference)
        if not na or not nb or len(na) > 3 or len(nb) > 3:
            return None
        ka, kb = [token_key(w.text) for w in na], [token_key(w.text) for w in nb]
        if any(k in OFFICES for k in ka + kb):
            return None  # an office, not a name: ROL001's
        if len(ka) == len(kb) and all(same_token(x, y) or abbreviates(x, y) for x, y in zip(ka, kb)):
            return None
        if sorted(ka) == sorted(kb) or self._slip(ka, kb):
            return " ".join(w.text for w in na), " ".join(w.text for w in nb)
        if alignment.coverage >= 0.75 and alignment.substantive(exclude=difference) == 0:
            return " ".join(w.text for w in na), " ".join(w.text for w in nb)  # another actor in the same frame
        return None

    def value_words(self, difference):
        na, nb = _names(difference)
        return (tuple(na), tuple(nb)) if na and nb else (difference.a, difference.b)

    @staticmethod
    def _slip(ka, kb) -> bool:
        if len(ka) != len(kb):
            return False
        differing = [(x, y) for x, y in zip(ka, kb) if not same_token(x, y)]
        return len(differing) == 1 and spelling_slip(*differing[0])

    def confidence(self, alignment, difference, similarity):
        score = super().confidence(alignment, difference, similarity)
        na, nb = _names(difference)
        ka, kb = [token_key(w.text) for w in na], [token_key(w.text) for w in nb]
        return score if sorted(ka) == sorted(kb) or self._slip(ka, kb) else score * 0.6
