"""The role a date plays in its sentence, read from spaCy's parse.

Two dates can only be compared when they date the same thing. The role is
what says so: the word the date attaches to ("led ... since 2002": *lead*;
"the June 25 election": *election*), the nearest verb with its particle
("step down"), its tense, the doer (active subject or passive "by" agent)
and the patient, the core nouns of the event (subject, object, the noun a
participle modifies) and those of its prepositional phrases, and the names
and numbers of its clause. Everything here is a pure function of parsed
tokens; ``cache`` only shares work among the dates of one claim.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from .text import fold

GENERIC_NOUNS = frozenset(
    "year month day week time people thing way today yesterday tomorrow weekend decade period "
    "morning afternoon evening night date part end beginning start middle".split()
)
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would", "'d"})
FUTURE_VERBS = frozenset({"expect", "schedule", "set", "slate", "plan", "due", "intend", "aim", "poise", "prepare"})


@dataclass(frozen=True)
class Role:
    """What a date dates in its sentence: the word it attaches to, the verb, the nouns, the agent."""

    head: str = ""
    verb: str = ""
    nouns: frozenset[str] = frozenset()
    obliques: frozenset[str] = frozenset()
    agent: tuple[str, ...] = ()
    tense: str = ""
    negated: bool = False
    attributive: bool = False
    verb_governed: bool = False  # the date attaches to the verb itself, so the verb's tense dates it
    names: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    objects: tuple[str, ...] = ()
    subject_kind: str = ""
    office: str = ""


def _nearest_verb(tok):
    """The verb that governs tok (itself if a verb); a root auxiliary counts ("has been part")."""
    for _ in range(12):
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ in ("ROOT", "conj", "ccomp", "relcl", "advcl")):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _governor(tok):
    """The word a date phrase attaches to, through coordination and prepositions."""
    for _ in range(6):
        if tok.dep_ != "conj" or tok.head is tok:
            break
        tok = tok.head
    gov = tok.head
    for _ in range(5):
        if gov.pos_ not in ("ADP", "SCONJ") or gov.head is gov:
            break
        gov = gov.head
    return gov


def _tense(verb) -> str:
    """'past', 'future', 'present' or '' for the clause of a verb ("is expected to announce": future)."""
    if verb is None:
        return ""
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "ccomp", "conj") and chain[-1].head is not chain[-1] and len(chain) < 4:
        chain.append(chain[-1].head)
    for v in chain:
        auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in FUTURE_AUX for a in auxes):
            return "future"
        if v is not verb and (v.lemma_.lower() in FUTURE_VERBS or (v.lemma_.lower() == "go" and v.tag_ == "VBG")):
            return "future"
    for v in chain:
        auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        if v.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return "past"
        if v.tag_ == "VBN" and any(a.lower_ in ("has", "have", "had", "'s", "'ve") for a in auxes):
            return "past"
        if v.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "present"
    return ""


def _name_tokens(tok) -> tuple[str, ...]:
    """Folded proper-name tokens of a noun phrase ("Edward Brooke" -> ("edward", "brooke"))."""
    if tok.pos_ != "PROPN":
        return ()
    parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
    names = [fold(t.text) for t in sorted(parts, key=lambda t: t.i) if t.is_alpha]
    for conj in tok.children:
        if conj.dep_ == "conj":
            names.extend(_name_tokens(conj))
    return tuple(names)


def _subject(verb):
    """A verb's subject: its own, a relative clause's antecedent, or that of the verb it hangs from."""
    t = verb
    for _ in range(4):
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            s = subjects[0]
            return t.head if s.tag_ in ("WP", "WDT") and t.dep_ == "relcl" else s
        if t.dep_ in ("relcl", "acl") and t.head is not t:
            return t.head
        if t.dep_ in ("conj", "xcomp", "advcl") and t.head is not t:
            t = t.head
            continue
        break
    return None


def _doer_tokens(tok) -> tuple[str, ...]:
    """Who did it: proper-name tokens, or a common noun's lemma ("companies" -> "company"); pronouns say nothing."""
    if tok.pos_ == "PROPN":
        return _name_tokens(tok)
    if tok.pos_ == "NOUN" and tok.lemma_.lower() not in GENERIC_NOUNS:
        return (fold(tok.lemma_),)
    return ()


def _kind_of_subject(tok) -> str:
    """'name', 'noun', 'pronoun' or '' (no subject found)."""
    if tok is None:
        return ""
    if tok.pos_ == "PRON" or tok.tag_ in ("WP", "WDT"):
        return "pronoun"
    return "name" if tok.pos_ == "PROPN" else "noun"


def _is_passive(verb) -> bool:
    """"was appointed", "an election set for June 25", "was arrested and charged"."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    if verb.tag_ == "VBN" and verb.dep_ == "acl":
        return True
    return verb.tag_ == "VBN" and verb.dep_ == "conj" and verb.head is not verb and _is_passive(verb.head)


def _by_agent(verb):
    """The agent of a passive verb ("appointed by Patrick")."""
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


# holding one of these is serving: "was president from 2006 to 2012" = "served from 2006 to 2012"
OFFICES = frozenset(
    "president chairman chairwoman chair leader head mayor governor senator congressman congresswoman "
    "representative minister premier secretary director chief ceo commissioner ambassador speaker coach "
    "manager captain member judge justice prosecutor editor dean chancellor sheriff king queen pope whip".split()
)


RANKS = frozenset("vice deputy lieutenant assistant acting associate chief interim executive".split())


def event_verb(verb) -> str:
    """The verb that names the event: with its particle, and "be" + an office read as "serve"."""
    if verb.lemma_.lower() == "be" and _office_noun(verb) is not None:
        return "serve"
    return verb_lemma(verb)


def _office_noun(verb):
    """The office a verb says someone held: "was governor", "served as lieutenant governor"."""
    lemma = verb.lemma_.lower()
    for c in verb.children:
        if lemma == "be" and c.dep_ == "attr" and c.lemma_.lower() in OFFICES:
            return c
        if c.dep_ == "prep" and c.lower_ == "as" and lemma in ("serve", "be", "work", "act"):
            for g in c.children:
                if g.dep_ == "pobj" and g.lemma_.lower() in OFFICES:
                    return g
    return None


def office_title(verb) -> str:
    """ "lieutenant governor", "governor", "" : ranks and common-noun compounds kept, places dropped."""
    noun = _office_noun(verb) if verb is not None else None
    if noun is None:
        return ""
    words = [c for c in noun.children if (c.dep_ == "compound" and c.pos_ == "NOUN")
             or (c.dep_ in ("amod", "compound") and c.lower_ in RANKS)]
    return " ".join(t.lemma_.lower() for t in sorted(words + [noun], key=lambda t: t.i))


LEMMA_FIXES = {"slat": "slate"}  # the small English model lemmatises "slated" as "slat"
PARTICLES = frozenset("down up out off over back away in".split())


def verb_lemma(verb) -> str:
    """Lemma with its particle: "step down" is not "step", "pick up" is not "pick"."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt" or (
        c.dep_ == "advmod" and c.i == verb.i + 1 and c.lower_ in PARTICLES)), "")
    lemma = LEMMA_FIXES.get(verb.lemma_.lower(), verb.lemma_.lower())
    return f"{lemma}_{particle}" if particle else lemma


def _noun_lemmas(tok, skip: set[int]) -> set[str]:
    """A noun and its compounds as folded lemmas ("the hospital board" -> {"hospital", "board"})."""
    if tok is None or tok.i in skip or tok.pos_ not in ("NOUN", "PROPN"):
        return set()
    out = set()
    for t in [tok] + [c for c in tok.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]:
        lemma = fold(t.lemma_ if t.pos_ == "NOUN" else t.text)
        if t.is_alpha and t.i not in skip and lemma not in GENERIC_NOUNS:
            out.add(lemma)
    return out


def _nouns_near(gov, verb, skip: set[int]) -> tuple[frozenset[str], frozenset[str]]:
    """(core, oblique) nouns of the dated event: its governor, subject and object; then its prepositional phrases."""
    core: set[str] = _noun_lemmas(gov, skip)
    oblique: set[str] = set()
    if verb is not None:
        arguments = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd")]
        if verb.dep_ == "conj" and not any(c.dep_ == "dobj" for c in arguments):
            # "joined the administration in 2009 and quit this month": quit what the first verb took
            arguments += [c for c in verb.head.children if c.dep_ == "dobj"]
        if verb.dep_ in ("acl", "relcl"):
            arguments.append(verb.head)
        arguments.append(_subject(verb))
        for c in arguments:
            core |= _noun_lemmas(c, skip)
        for c in verb.children:  # "stepped down from the board"
            if c.dep_ == "prep" and c.i not in skip:
                for g in c.children:
                    if g.dep_ == "pobj":
                        oblique |= _noun_lemmas(g, skip)
    return frozenset(core), frozenset(oblique - core)


_OTHER_CLAUSES = frozenset({"conj", "ccomp", "advcl", "relcl", "parataxis", "acl", "csubj"})


MAX_CLAUSE_TOKENS = 120  # a longer "clause" is a run-on list; its first words are enough


def _clause_tokens(verb, skip: set[int]) -> list:
    """Tokens of a verb's own clause (not of clauses hanging from it), date tokens left out."""
    out = []
    stack = [verb]
    while stack and len(out) < MAX_CLAUSE_TOKENS:
        tok = stack.pop()
        if tok.i not in skip:
            out.append(tok)
        stack.extend(itertools.islice((c for c in tok.children if c.dep_ not in _OTHER_CLAUSES), MAX_CLAUSE_TOKENS))
    return out


def _clause_names(tokens) -> frozenset[str]:
    """Folded proper-name tokens of a clause."""
    return frozenset(fold(t.text) for t in tokens if t.pos_ == "PROPN" and t.is_alpha)


def _clause_numbers(tokens) -> frozenset[str]:
    """Numbers stated in a clause ("earned $13.17 million": "13.17"), to tell one figure's year from another's."""
    out = set()
    for t in tokens:
        if t.pos_ == "NUM" and any(ch.isdigit() for ch in t.text):
            out.add(t.lower_.replace(",", ""))
    return frozenset(out)


def _object_names(verb) -> tuple[str, ...]:
    """Proper names the verb acts on: "met Putin", "met with Putin"."""
    out: list[str] = []
    for c in verb.children:
        if c.dep_ == "dobj":
            out.extend(_name_tokens(c))
        elif c.dep_ == "prep" and c.lower_ == "with":
            for obj in c.children:
                if obj.dep_ == "pobj":
                    out.extend(_name_tokens(obj))
    return tuple(out)


def role_of(doc, start: int, end: int, skip: set[int] = frozenset(), cache: dict | None = None) -> Role:
    """The role of the date phrase at doc chars [start, end).

    ``skip`` holds the token indices of every date in the claim (never a
    participant); ``cache`` shares the work among dates of one event.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return Role()
    inside = {t.i for t in span}
    root = next((t for t in span if t.head.i not in inside or t.head is t), span[0])
    gov = root if root.head is root else _governor(root)
    if gov.pos_ == "PROPN" and gov.dep_ in ("nsubj", "nsubjpass") and gov.head is not gov:
        gov = gov.head  # "Smith on Monday resigned": a date does not modify a name
    attributive = root.dep_ in ("compound", "nummod", "nmod", "amod", "poss") \
        and gov.pos_ in ("NOUN", "PROPN") and gov.i > root.i
    cache = {} if cache is None else cache
    if gov.i not in cache:
        cache[gov.i] = _event_role(gov, skip if skip else inside)
    return replace(cache[gov.i], attributive=attributive)


def _event_role(gov, skip: set[int]) -> Role:
    """Everything about a date's role that depends only on the word it attaches to."""
    verb = _nearest_verb(gov)
    subject = _subject(verb) if verb is not None else None
    passive = verb is not None and _is_passive(verb)
    doer = _by_agent(verb) if passive else subject
    patients = (_name_tokens(subject) if passive and subject is not None else ()) + \
        (_object_names(verb) if verb is not None else ())
    clause = _clause_tokens(verb if verb is not None else gov, skip)
    if gov.pos_ in ("VERB", "AUX"):
        head_word = event_verb(gov)
    elif gov.dep_ == "attr" and gov.lemma_.lower() in OFFICES:
        head_word = "serve"  # "was president from 2006 to 2012"
    else:
        head_word = gov.lemma_.lower() if gov.pos_ == "NOUN" else ""  # a name ("Meet the Press") is no role
    core, oblique = _nouns_near(gov, verb, skip)
    return Role(
        head=head_word,
        verb=event_verb(verb) if verb is not None else "",
        nouns=core,
        obliques=oblique,
        agent=_doer_tokens(doer) if doer is not None else (),
        tense=_tense(verb),
        negated=verb is not None and any(c.dep_ == "neg" for c in verb.children),
        verb_governed=gov.pos_ in ("VERB", "AUX"),
        names=_clause_names(clause),
        numbers=_clause_numbers(clause),
        objects=patients,
        subject_kind=_kind_of_subject(doer),
        office=office_title(verb),
    )
