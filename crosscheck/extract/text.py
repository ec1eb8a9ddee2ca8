"""Text normalisation shared by extractors and comparators."""
from __future__ import annotations

import re

from ..lexicon.spelling import fold, strip_accents  # noqa: F401  (the extractors' import)

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
