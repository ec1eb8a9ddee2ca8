"""Name mentions: people, places and organisations, as written, without titles.

spaCy finds the entities; this module trims each to the name itself, so that
"Defence Minister Benny Gantz's" becomes the mention "Benny Gantz" with tokens
("Benny", "Gantz"), its span pointing exactly at those characters. Titles
("Sen.", "Rep.", "President", "Lt. Gov."), leading articles, possessives and
punctuation are left out; middle initials are kept as written (comparators
ignore them). The small model often mislabels a person as ORG or GPE, so the
label is kept for what it is worth and names are compared by their strings.
"""
from __future__ import annotations

from ..model import NameMention

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}

# words that put a person's office or honorific before the name; stripped from any
# entity when a name follows them ("Rep. Loretta Sanchez", "Sheriff Arpaio")
PERSON_TITLES = frozenset("""
mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr rabbi imam sheikh pope cardinal
bishop archbishop king queen prince princess duke duchess emperor sultan emir president presidents
premier chancellor minister ministers senator senators sen sens rep reps representative representatives
congressman congresswoman congressmember assemblyman assemblywoman councilman councilwoman councilor
councillor delegate gov governor governors lt lieutenant mayor judge magistrate gen col colonel maj capt
captain cmdr commander adm admiral sgt sergeant cpl corporal pvt officer det detective sheriff
speaker chairman chairwoman chairperson spokesman spokeswoman spokesperson ambassador commissioner
superintendent secretary-general vice-president
""".split())
# words that only belong to a title when the entity is a person ("Justice Department" is not
# "Justice" + "Department"): offices and their qualifiers before a person's name
OFFICE_WORDS = frozenset("""
former ex then late acting deputy vice assistant associate chief senior interim incoming outgoing
first prime foreign defence defense finance interior home justice state attorney general surgeon
inspector solicitor majority minority house senate party opposition leader leaders whip secretary
director chair chief executive ceo founder candidate nominee hopeful challenger incumbent aide adviser
advisor lawmaker lawmakers u.s. us federal national democratic republican gop labour labor
conservative liberal treasury economy trade health education energy commerce transportation
agriculture environment environmental intelligence security homeland army navy marine air force
general's judge justice of
""".split())
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "his", "her", "their", "its", "our"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


def _bare(token) -> str:
    return token.lower_.rstrip(".")


def _strip_front(tokens: list, label: str) -> list:
    """Drop leading articles and titles: "the", "Rep.", "Defence Minister", "Lt. Gov."."""
    while tokens and (tokens[0].is_punct or _bare(tokens[0]) in DETERMINERS):
        tokens = tokens[1:]
    # the longest run of title words that still leaves a name behind
    cut = 0
    for i, tok in enumerate(tokens[:-1]):
        word = _bare(tok)
        if word in PERSON_TITLES or label == "PERSON" and word in OFFICE_WORDS:
            cut = i + 1
        elif not tok.is_punct:
            break
    rest = tokens[cut:]
    while rest and rest[0].is_punct:
        rest = rest[1:]
    return rest if rest and any(t.text[:1].isupper() for t in rest) else tokens


def _strip_back(tokens: list) -> list:
    while tokens and (tokens[-1].text in POSSESSIVE or tokens[-1].is_punct and not tokens[-1].text.endswith(".")
                      or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def name_tokens(tokens) -> tuple[str, ...]:
    """The written words of a name: letters kept as written; punctuation, possessives and a
    closing "Jr." or "III" dropped (the span keeps them, as written)."""
    out = []
    for tok in tokens:
        text = tok.text
        for mark in ("’s", "'s"):
            if text.endswith(mark) and len(text) > 2:
                text = text[: -len(mark)]
        if any(ch.isalpha() for ch in text) and text not in POSSESSIVE:
            out.append(text)
    while len(out) > 1 and out[-1].lower().rstrip(".") in SUFFIXES:
        out.pop()
    return tuple(out)


QUOTES = frozenset('"“”‘’\'')


def _cut_unbalanced_quote(tokens: list) -> list:
    """'William "Mo' (a nickname cut in half by the tagger) -> 'William'."""
    marks = [i for i, t in enumerate(tokens) if t.text in QUOTES]
    return tokens[: marks[-1]] if len(marks) % 2 else tokens


def is_title_fragment(ent) -> bool:
    """An office word tagged as a name: "Defence" in "Defence Minister Benny Gantz",
    "State" in "Secretary of State John Kerry"."""
    if not all(_bare(t) in OFFICE_WORDS for t in ent):
        return False
    doc = ent.doc
    if ent.end >= len(doc):
        return False
    following = doc[ent.end]
    return _bare(following) in PERSON_TITLES | OFFICE_WORDS or following.ent_type_ == "PERSON"


def mention_of(ent) -> tuple[list, tuple[str, ...]] | None:
    """The tokens of an entity that make up the name itself, or None when none are left."""
    if is_title_fragment(ent):
        return None
    tokens = _strip_back(_strip_front(_cut_unbalanced_quote(list(ent)), ent.label_))
    if not tokens:
        return None
    words = name_tokens(tokens)
    if not words or not any(w[:1].isupper() for w in words):
        return None
    return tokens, words


def extract(ctx) -> list[NameMention]:
    mentions = []
    for ent in ctx.span.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        found = mention_of(ent)
        if found is None:
            continue
        tokens, words = found
        mentions.append(NameMention(ctx.token_span(tokens[0], tokens[-1]), ent.label_, words))
    return mentions
