"""A named person's office, as the article writes it next to the name.

"Foreign Minister Mevlut Cavusoglu", "Sen. John McCain", "Chick-fil-A president Dan Cathy",
"Robert F. Bauer, the White House counsel", "Cathi Herrod, president of the Center for Arizona
Policy". Read from the text around a name mention, so it needs no parse of its own: the office
is the title word next to the name (its *head*), with the words that say which office of its
kind (*portfolio*: "foreign", "finance") and which step of it (*rank*: "vice", "deputy");
words that say when ("former") or whose ("Chick-fil-A", "White House") are left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon.roles import (
    COMPOUND_OFFICES,
    HONORIFICS,
    OFFICES,
    PORTFOLIOS,
    RANKS,
    SAME_OFFICE,
    TENURE,
    FORMER,
    TITLE_ABBREVIATIONS,
)
from ..lexicon.spelling import american
from ..model import Claim, NameMention, Span
from .names import PERSON_TITLES
from .text import fold

HEADS = (OFFICES | PERSON_TITLES | {"ceo", "founder", "manager", "counsel", "chief executive"}) - HONORIFICS \
    - RANKS - TENURE - {"former", "first", "of"}
MAX_TITLE_WORDS = 5
_WORD = re.compile(r"[\w’'&.-]+")
_APPOSITIVE = re.compile(r"(?:\s+of\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?,\s+(?:(?:the|a|an)\s+)?")
_APPOSITIVE_STOP = frozenset("who which that was is had has and or with whose after when".split())


@dataclass(frozen=True)
class Title:
    """One person's office as one claim writes it."""

    claim: Claim
    name: NameMention
    span: Span  # the title and the name, as written
    head: str  # the office ("minister", "representative", "chief executive")
    portfolio: frozenset[str]  # which office of its kind ("foreign")
    rank: frozenset[str]  # which step of it ("vice", "deputy")
    former: bool = False  # held no longer: "former Gov.", "ex-minister"
    owned: bool = False  # someone's post: "his communications director", "Farenthold's chief of staff"

    @property
    def norm(self) -> str:
        return " ".join([*sorted(self.rank), *sorted(self.portfolio), self.head])


def _key(word: str) -> str:
    w = fold(word).strip(".’'").replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return TITLE_ABBREVIATIONS.get(w, american(w))  # "Defence Minister" is "Defense Minister"


def _head(words: list[str]) -> str | None:
    """The office that the last of ``words`` (keys, in reading order) ends."""
    if not words or words[-1] not in HEADS and " ".join(words[-2:]) not in COMPOUND_OFFICES:
        return None
    head = " ".join(words[-2:]) if " ".join(words[-2:]) in COMPOUND_OFFICES else words[-1]
    return SAME_OFFICE.get(head, head)


def _title(claim: Claim, name: NameMention, start: int, end: int, words: list[str], owned: bool = False) -> Title | None:
    former = any(w in FORMER for w in words)
    words = [w for w in words if w not in TENURE]
    head = _head(words)
    if head is None:
        return None
    qualifiers = words[: -len(head.split())] if head in COMPOUND_OFFICES else words[:-1]
    text = claim.article.text
    return Title(claim, name, Span(start, end, text[start:end]), head,
                 frozenset(w for w in qualifiers if w in PORTFOLIOS), frozenset(w for w in qualifiers if w in RANKS),
                 former, owned)


def _owner_word(word: str) -> bool:
    return word.lower() in _OWNERS or word.endswith(("'s", "’s"))


_POSSESSIVE = frozenset("his her their its our the".split())
_OWNERS = _POSSESSIVE - {"the"}


def _word_before(text: str, lo: int, start: int) -> list[str]:
    """The word just before ``start`` (none at ``lo``), as a list to add to others."""
    before = list(_WORD.finditer(text, lo, start))
    return [before[-1].group()] if before else []


def _possessed(words: list[str]) -> bool:
    """Whether a title follows a possessive or "the" (``words``: the word before it and its owners,
    "Ohio", "Chick-fil-A"): a title set off by a comma before the name is an appositive only then
    ("his former communications director, Lauren Greene", "The Ohio attorney general, Mike DeWine")."""
    return any(_owner_word(w) or w.lower() == "the" for w in words)


def _before(claim: Claim, name: NameMention) -> Title | None:
    """"Foreign Minister Mevlut Cavusoglu", "Secretary of State John Kerry"."""
    text = claim.article.text
    taken: list[re.Match] = []
    edge = name.span.start
    comma = False  # "Mrs. Clinton's lawyer, David Kendall": the title set off before the name
    for m in reversed(list(_WORD.finditer(text, claim.start, name.span.start))[-MAX_TITLE_WORDS:]):
        between = text[m.end(): edge]
        if between.strip() == "," and not taken and not comma:
            comma = True
        elif between.strip():
            break  # a comma or a quotation mark ends the title
        key = _key(m.group())
        titled = key in HEADS or key in PORTFOLIOS or key in RANKS or key in TENURE or key == "of"
        if not (titled or m.group()[:1].isupper() and taken):
            break
        taken.insert(0, m)
        edge = m.start()
    first = taken[0].start() if taken else edge
    owners = []
    while taken and _key(taken[0].group()) not in HEADS | PORTFOLIOS | RANKS | TENURE:
        owners.append(taken.pop(0).group())  # "Chick-fil-A president": whose office, not which
    preceding = _word_before(text, claim.start, first) + owners
    if comma and taken and not (_possessed(preceding)
                                and text[name.span.end: name.span.end + 1] in ("", ",", ".", ";", ")")):
        return None  # "After meeting the president, Joe Biden said": no title of his
    words = [_key(m.group()) for m in taken]
    if "of" in words:  # "Secretary of State": the head comes first
        at = words.index("of")
        words = [*words[at + 1:], *words[:at]]
    owned = any(_owner_word(w) for w in preceding + [m.group() for m in taken[:1]])  # "the governor's press secretary"
    return _title(claim, name, taken[0].start(), name.span.end, words, owned) if words else None


def _after(claim: Claim, name: NameMention) -> Title | None:
    """"Robert F. Bauer, the White House counsel", "Cathi Herrod, president of the Center"."""
    text = claim.article.text
    m = _APPOSITIVE.match(text, name.span.end, claim.end)
    if m is None:
        return None
    words: list[str] = []
    end = m.end()
    for w in _WORD.finditer(text, m.end(), claim.end):
        if text[end: w.start()].strip() or len(words) >= MAX_TITLE_WORDS:
            return None
        key = _key(w.group())
        if key in _APPOSITIVE_STOP:
            return None
        words.append(key)
        end = w.end()
        after = text[end: end + 5]
        if _head(words) and (after[:1] in ("", ",", ".", ";", ":", ")") or after.startswith((" of ", " for "))):
            owned = bool(words) and words[0] in _OWNERS  # "Lauren Greene, his former communications director"
            return _title(claim, name, name.span.start, end, [x for x in words if x not in _OWNERS], owned)
    return None


def titles(claim: Claim) -> list[Title]:
    """The office each named person of a claim is given next to the name."""
    out = []
    for name in claim.facts.names:
        if name.label != "PERSON" or not name.tokens:
            continue
        out.extend(t for t in (_before(claim, name), _after(claim, name)) if t is not None)
    return out
