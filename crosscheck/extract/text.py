"""Text normalisation shared by extractors and comparators."""
from __future__ import annotations

import re
import unicodedata

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


_WORD = re.compile(r"[\w']+")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def doc_text(doc) -> str:
    """``doc.text``, joined once per doc: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get("crosscheck_text")
    if text is None:
        text = doc.user_data["crosscheck_text"] = doc.text
    return text


def doc_sents(doc) -> list:
    """``list(doc.sents)``, once per doc: each access re-checks every token for sentence starts."""
    sents = doc.user_data.get("crosscheck_sents")
    if sents is None:
        sents = doc.user_data["crosscheck_sents"] = list(doc.sents)
    return sents
