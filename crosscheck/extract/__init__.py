"""Fact extraction: one parsed claim -> ``Facts``.

Each extractor is a pure function of a ``ClaimContext`` (the claim's spaCy
span, its article, and the offset that maps span offsets back into the
article). Comparators only ever read the resulting ``Facts``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article, Facts, Span
from .text import doc_text, fold

_YEAR = re.compile(r"(?<![\d,.$])\b(1[6-9]\d\d|20\d\d)\b(?![\d,])")
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "WORK_OF_ART"}
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"}


@dataclass(frozen=True)
class ClaimContext:
    """A claim's spaCy span and the mapping of its offsets into the article."""

    span: object  # spacy.tokens.Span
    article: Article
    offset: int  # article offset of span.doc's first character

    def to_span(self, doc_start: int, doc_end: int) -> Span:
        start, end = self.offset + doc_start, self.offset + doc_end
        return Span(start, end, self.article.text[start:end])

    def token_span(self, first, last) -> Span:
        """Model span covering spaCy tokens first..last (inclusive)."""
        return self.to_span(first.idx, last.idx + len(last.text))


def extract_facts(ctx: ClaimContext) -> Facts:
    from . import dates, names, quantities, quotes

    span = ctx.span
    negated: set[str] = set()
    predicates: set[str] = set()
    for tok in span:
        if tok.pos_ in ("VERB", "AUX", "ADJ") and tok.dep_ in ("ROOT", "ccomp", "xcomp", "conj", "advcl", "relcl", "acomp"):
            if any(child.dep_ == "neg" for child in tok.children):
                negated.add(tok.lemma_.lower())
            elif tok.pos_ == "VERB":
                predicates.add(tok.lemma_.lower())
    content = frozenset(
        tok.lemma_.lower() for tok in span if tok.pos_ in CONTENT_POS and not tok.is_stop and tok.is_alpha
    )
    entities = frozenset(fold(ent.text) for ent in span.ents if ent.label_ in ENTITY_LABELS)
    years = frozenset(int(m.group(1)) for m in _YEAR.finditer(span.text))
    return Facts(
        quantities=tuple(quantities.extract(ctx)),
        dates=tuple(dates.extract(ctx)),
        names=tuple(names.extract(ctx)),
        quotes=tuple(quotes.extract(ctx)),
        fragments=tuple(quotes.fragments(ctx)),
        negated=frozenset(negated),
        predicates=frozenset(predicates),
        content=content,
        entities=entities,
        years=years,
        context_years=frozenset(int(m.group(1)) for m in _YEAR.finditer(doc_text(span.doc))) if len(doc_text(span.doc)) < 20_000 else years,
    )
