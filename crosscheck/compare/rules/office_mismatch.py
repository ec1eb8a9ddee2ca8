"""ROL001: the same person given another office."""
from __future__ import annotations

from ...extract.name_forms import token_key
from ...lexicon.roles import AFFILIATIONS, OFFICES, PORTFOLIOS, RANKS, TITLE_ABBREVIATIONS
from ...model import Severity
from ..aligned import AlignedRule


class OfficeMismatch(AlignedRule):
    """The same person is given a different office or title.

    ## What it does
    Aligns two claims word by word (``compare.align``) and reports a
    discrepancy where the differing words are, or qualify, an office ("Finance
    Minister" / "Foreign Minister", "spokesman" / "chief of staff") and the
    person's name is among the matched words next to them.

    ## Why it matters
    A wrong title misleads readers about who acted with what authority, and it
    is a typical slip when one outlet rewrites another's copy.

    ## Example
    "Finance Minister Jan Kees de Jager said" against "Foreign Minister Jan
    Kees de Jager said".
    """

    code = "ROL001"
    name = "office-mismatch"
    category = "state"
    severity = Severity.MEDIUM
    base_confidence = 0.65

    accepts_insertions = True  # "Vice" added before "President Joe Biden"

    def classify(self, alignment, difference):
        ka = [_office_key(w.text) for w in difference.a]
        kb = [_office_key(w.text) for w in difference.b]
        office_next = bool(difference.right_words) and _office_key(difference.right_words[0].text) in OFFICES
        if not ka or not kb:  # words on one side only: another step of the office that follows
            if not office_next or not all(k in RANKS for k in ka + kb):
                return None
        else:
            office_here = any(k in OFFICES for k in ka) and any(k in OFFICES for k in kb)
            # office words only: "Secretary of State" / "Attorney General", not "BOSTON" / "Massachusetts"
            modifiers = all(_office_key(w.text) in OFFICES | PORTFOLIOS | RANKS | AFFILIATIONS | {"of"}
                            for w in difference.a + difference.b)
            if not (office_here or office_next) or not modifiers:
                return None
        if sorted(ka) == sorted(kb) or set(ka) ^ set(kb) <= AFFILIATIONS:
            return None  # a party or caucus side is an affiliation, not another office
        if ka == ["leader"] or kb == ["leader"]:
            return None  # "the Russian leader" is any office's holder: "the Russian president" too
        near = difference.left_words[-3:] + difference.right_words[:4]
        if not any(w.name_like and token_key(w.text) not in OFFICES for w in near):
            return None  # no named person next to the office: not one person's title
        return " ".join(ka), " ".join(kb)


def _office_key(word: str) -> str:
    """"Sen." is "senator"."""
    key = token_key(word)
    return TITLE_ABBREVIATIONS.get(key, key)
