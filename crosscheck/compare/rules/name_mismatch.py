from __future__ import annotations

import re
from functools import lru_cache

from ...extract.name_forms import (
    KNOWN_GIVEN_NAMES,
    NameForm,
    close_spelling,
    first_letter_changed,
    given_compatible,
    name_form,
    same_token,
    sounds_alike,
    spelling_distance,
    token_key,
)
from ...extract.names import PERSON_TITLES
from ...extract.text import fold
from ...model import Article, Claim, Kind, NameMention, Severity
from ..base import Rule, side

PLACE_LABELS = {"GPE", "LOC", "FAC"}
NOT_PEOPLE = PLACE_LABELS | {"NORP"}  # a nationality or group is never a person's name
NOT_PLACES = {"PERSON", "NORP"}  # "Mexican" / "Mexico" are two words, not two places
_WORD = re.compile(r"[\w’'.&-]+")
# words next to a name that say nothing about its role in the sentence
WEAK_NEIGHBOURS = frozenset("and or the a an , of 's ’s".split())
TITLE = "<title>"


def neighbours(claim: Claim, name: NameMention) -> tuple[str, str]:
    """The words just before and after a mention, folded; any title reads as one word."""
    text = claim.article.text
    before = _WORD.findall(text[claim.start:name.span.start])
    after = _WORD.findall(text[name.span.end:claim.end])

    def norm(word: str) -> str:
        key = fold(word).rstrip(".")
        return TITLE if key in PERSON_TITLES else key

    return (norm(before[-1]) if before else "", norm(after[0]) if after else "")


def same_slot(a: Claim, ma: NameMention, b: Claim, mb: NameMention) -> bool:
    """The two names fill the same slot: the same role word before ("in", a title) or after ("event")."""
    (pa, na), (pb, nb) = neighbours(a, ma), neighbours(b, mb)
    return bool(pa and pa == pb and pa not in WEAK_NEIGHBOURS or na and na == nb and na not in WEAK_NEIGHBOURS
                and len(na) > 2)


def context_overlap(a: Claim, ma: NameMention, b: Claim, mb: NameMention) -> tuple[float, int]:
    """Share of content words the claims have in common once the two names are set aside."""
    drop_a = {token_key(t) for t in ma.tokens} | {t.casefold() for t in ma.tokens}
    drop_b = {token_key(t) for t in mb.tokens} | {t.casefold() for t in mb.tokens}
    ca = {w for w in a.facts.content if w not in drop_a}
    cb = {w for w in b.facts.content if w not in drop_b}
    if not ca or not cb:
        return 0.0, 0
    shared = len(ca & cb)
    return shared / min(len(ca), len(cb)), shared


@lru_cache(maxsize=256)
def _folded(article: Article) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(article.text)))


def names_person(article: Article, form: NameForm) -> bool:
    """The article names this person in full somewhere, middle names or a quoted nickname
    allowed ('William "Mo" Cowan' names both William Cowan and Mo Cowan)."""
    if form.given is None:
        return False
    pattern = rf"\b{re.escape(form.given)}(?: [a-z0-9]+){{0,2}} {re.escape(form.last)}\b"
    return re.search(pattern, _folded(article)) is not None


def person_mismatch(a: Claim, ma: NameMention, fa: NameForm, b: Claim, mb: NameMention, fb: NameForm) -> bool:
    """Same surname, given names that cannot be one person's, and neither article names both people."""
    if {ma.label, mb.label} & NOT_PEOPLE or fa.given is None or fb.given is None:
        return False
    if "PERSON" not in (ma.label, mb.label) and not (fa.given in KNOWN_GIVEN_NAMES and fb.given in KNOWN_GIVEN_NAMES):
        return False  # the tagger often calls a person an organisation; a first name tells
    if not (_written_as_name(ma.tokens[0]) and _written_as_name(mb.tokens[0])):
        return False
    if not same_token(fa.last, fb.last):
        # "Peter Varga" / "Peter Barga": the same given name, the surname's first letter changed
        return same_token(fa.given, fb.given) and first_letter_changed(fa.last, fb.last) \
            and not (names_person(a.article, fb) or names_person(b.article, fa))
    if swapped_given_names(fa, fb):
        return True  # "Anna Maria Kowalski" / "Maria Anna Kowalski": each article names one of two orders
    if given_compatible(fa.given, fb.given) or close_spelling(fa.given, fb.given):
        return False  # a nickname, or a misspelling (NAM001 reports those)
    return not (names_person(a.article, fb) or names_person(b.article, fa))


def swapped_given_names(fa: NameForm, fb: NameForm) -> bool:
    """The same given names in another order before the same surname."""
    return len(fa.keys) == len(fb.keys) >= 3 and fa.keys != fb.keys and sorted(fa.keys) == sorted(fb.keys) \
        and fa.keys[-1] == fb.keys[-1]


def _written_as_name(token: str) -> bool:
    """A given name is a capitalised word, not an acronym ("U.S") or an initial."""
    return len(token) > 1 and token[0].isupper() and token[1:].islower() and token.isalpha()


def place_mismatch(ma: NameMention, fa: NameForm, mb: NameMention, fb: NameForm) -> bool:
    """Two place names one word apart, that word spelt close but not the same ("Norfolk" / "Norwalk")."""
    if not (ma.label in PLACE_LABELS or mb.label in PLACE_LABELS) or {ma.label, mb.label} & NOT_PLACES:
        return False
    if len(fa.keys) != len(fb.keys):
        return False
    differing = [(x, y) for x, y in zip(fa.keys, fb.keys) if not same_token(x, y)]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    if close_spelling(x, y):
        return False  # one letter off: NAM001 reports misspellings over the whole corpus
    shortest = min(len(x), len(y))
    return shortest >= 5 and x[0] == y[0] and spelling_distance(x, y) <= 2 and spelling_distance(x, y) / max(len(x), len(y)) <= 0.3


class NameMismatch(Rule):
    """Two sources put a different person or place in the same slot of one claim.

    ## What it does
    Compares the names of two linked claims (close paraphrases from
    different sources). It reports a mismatch when, with the rest of the
    claims aligned (at least ``min_overlap`` of their other content words in
    common, and the same role word next to the name: a title, "in", "event"),
    one names a person with the same surname but another given name
    ("vice chair Loretta Sanchez" / "vice chair Linda T. Sánchez") or the
    same given names in swapped order ("Anna Maria" / "Maria Anna"), or the
    same given name before a surname with its first letter changed ("Peter
    Varga" / "Peter Barga"), or a
    place whose name is close but not the same ("in Norfolk" / "in
    Norwalk"). Middle initials, nicknames ("Chris Dodd" / "Christopher J.
    Dodd"), accents and spelling conventions are never mismatches, nor are
    two people both named in one of the articles (they are two people, not
    one person named two ways).

    ## Why it matters
    Naming the wrong person or town is a factual error even when every
    name is spelt correctly; only a side-by-side reading of the two
    accounts shows it.

    ## Example
    fox: "Rep. Loretta Sanchez won the competition for vice Democratic Caucus
    chairman, defeating fellow California congresswoman Barbara Lee."
    nyt: "Representative Linda T. Sánchez of California defeated another
    California Democrat, Representative Barbara Lee, to become vice
    chairwoman."
    """

    code = "NAM002"
    name = "name-mismatch"
    category = "name"
    scope = "pair"
    severity = Severity.MEDIUM
    min_overlap = 0.4
    min_shared_words = 2

    def compare(self, a: Claim, b: Claim, similarity: float):
        found = []
        for ma in a.facts.names:
            fa = name_form(ma.tokens)
            for mb in b.facts.names:
                fb = name_form(mb.tokens)
                if not fa.keys or not fb.keys:
                    continue
                kind = ("person" if person_mismatch(a, ma, fa, b, mb, fb)
                        else "place" if place_mismatch(ma, fa, mb, fb) else None)
                # a given name spelt another way ("Katherine" / "Kathryn Doyle") is one person's, whatever slot
                respelt = kind == "person" and sounds_alike(fa.given, fb.given)
                if kind is None or not (respelt or same_slot(a, ma, b, mb)):
                    continue
                overlap, shared = context_overlap(a, ma, b, mb)
                if overlap < self.min_overlap or shared < self.min_shared_words:
                    continue
                confidence = min(0.9, 0.5 + overlap * 0.4 + (similarity - 0.6))
                found.append(self.observe(
                    Kind.DISCREPANCY,
                    [side(a, ma.span, " ".join(fa.keys)), side(b, mb.span, " ".join(fb.keys))],
                    confidence=confidence, slot=kind, overlap=round(overlap, 2),
                ))
        return found
