"""Spelling conventions: what two ways of writing one word differ in, never a fact.

Accents and transliteration ("Çavuşoğlu" / "Cavusoglu"), typographic quotes
and dashes, British and American spelling ("defence" / "defense",
"labour" / "labor", "organise" / "organize"). Every extractor and comparator
folds words through here, so they all agree on what is a convention.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# letters that NFKD does not decompose into ASCII
_EXTRA_FOLDS = str.maketrans({
    "ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d",
    "’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
    "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-",
})


def strip_accents(text: str) -> str:
    """'Çavuşoğlu' -> 'Cavusoglu': transliteration is not a spelling conflict."""
    if text.isascii():  # nothing to fold (most words): skip the per-character work
        return text
    text = text.translate(_EXTRA_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Case-, accent- and whitespace-insensitive key."""
    return " ".join(strip_accents(text).casefold().split())



def fold_word(text: str) -> str:
    """One written word as a key: folded, typographic apostrophes straightened, possessive kept."""
    return fold(text).strip("'")


_BRITISH_WORDS = {
    "programme": "program", "programmes": "programs", "grey": "gray", "tyre": "tire", "tyres": "tires",
    "cheque": "check", "plough": "plow", "aluminium": "aluminum", "mould": "mold", "sceptic": "skeptic",
    "sceptical": "skeptical", "storey": "story", "draught": "draft", "pyjamas": "pajamas",
    "judgement": "judgment", "ageing": "aging", "whisky": "whiskey", "kerb": "curb", "jewellery": "jewelry",
    "gaol": "jail", "moustache": "mustache", "enrolment": "enrollment", "fulfil": "fulfill",
    "skilful": "skillful", "wilful": "willful", "instalment": "installment", "practise": "practice",
    "mum": "mom", "arse": "ass", "cosy": "cozy", "anaesthetic": "anesthetic", "paediatric": "pediatric",
    "encyclopaedia": "encyclopedia", "manoeuvre": "maneuver", "manoeuvres": "maneuvers", "foetus": "fetus",
    "oestrogen": "estrogen", "diarrhoea": "diarrhea", "archaeology": "archeology", "haemorrhage": "hemorrhage",
    "leukaemia": "leukemia", "anaemia": "anemia", "orthopaedic": "orthopedic", "analyse": "analyze",
    "paralyse": "paralyze", "catalyse": "catalyze",
    # past tenses in -t and words British English keeps longer
    "learnt": "learned", "burnt": "burned", "dreamt": "dreamed", "spelt": "spelled", "spoilt": "spoiled",
    "leapt": "leaped", "knelt": "kneeled", "smelt": "smelled", "spilt": "spilled", "whilst": "while",
    "amongst": "among", "towards": "toward", "afterwards": "afterward", "upwards": "upward",
    "downwards": "downward", "forwards": "forward", "backwards": "backward", "mums": "moms",
    "mummy": "mommy", "maths": "math",
}
_OUR_EXCEPTIONS = frozenset({"contour", "detour", "velour", "paramour", "troubadour", "flour", "amour"})
_CONVENTION_RULES = (
    # -our -> -or: labour, harbour, honourable, favourite, neighbours
    (re.compile(r"^(?P<stem>[a-z]{2,}[^aeiou])our(?P<end>s|ed|ing|able|ably|ite|ites|ful|less|er|ers)?$"),
     r"\g<stem>or\g<end>"),
    # -ise/-isation -> -ize/-ization (organise, privatisation), -yse -> -yze
    (re.compile(r"^(?P<stem>[a-z]{3,})is(?P<end>e|ed|es|ing|ation|ations)$"), r"\g<stem>iz\g<end>"),
    (re.compile(r"^(?P<stem>[a-z]{3,})ys(?P<end>e|ed|es|ing)$"), r"\g<stem>yz\g<end>"),
    # -tre/-bre -> -ter/-ber (centre, theatre, fibre), with plural
    (re.compile(r"^(?P<stem>[a-z]{2,}[tb])re(?P<end>s|d)?$"), r"\g<stem>er\g<end>"),
    # -ogue -> -og (catalogue, dialogue)
    (re.compile(r"^(?P<stem>[a-z]{2,})ogue(?P<end>s)?$"), r"\g<stem>og\g<end>"),
    # doubled l before a suffix: travelled, cancelling, counsellor (not -eller: Mueller, Keller)
    (re.compile(r"^(?P<stem>[a-z]{2,}[aeiou])ll(?P<end>ed|ing|or|ors)$"), r"\g<stem>l\g<end>"),
    # -ence -> -ense: defence, offence, licence, pretence
    (re.compile(r"^(?P<stem>def|off|lic|pret)ence(?P<end>s|less)?$"), r"\g<stem>ense\g<end>"),
)


@lru_cache(maxsize=65536)
def american(word: str) -> str:
    """The American spelling of a folded word ("defence" -> "defense"); other words unchanged."""
    if word in _BRITISH_WORDS:
        return _BRITISH_WORDS[word]
    if word in _OUR_EXCEPTIONS:
        return word
    for pattern, repl in _CONVENTION_RULES:
        if pattern.match(word):
            return pattern.sub(repl, word)
    return word


def stem(word: str) -> str:
    """A crude stem for matching inflections of one word ("apologized" / "apologize" / "apologizes")."""
    for end in ("ing", "ed", "es", "s", "d", "e"):
        if word.endswith(end) and len(word) - len(end) >= 3:
            return word[: -len(end)]
    return word


def abbreviates(a: str, b: str) -> bool:
    """One is the other cut short ("Ark." / "Arkansas", "Sen." / "Senate"): a convention, not a misspelling."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 2 and long_.startswith(short) and len(long_) - len(short) >= 3  # "Steel" is no cut
