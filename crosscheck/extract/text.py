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
