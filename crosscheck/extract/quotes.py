"""Quotations and who is credited with them.

Quotation marks are paired over the whole paragraph, not the sentence, since
quotes often run over several sentences; each claim gets the part of a quote
that lies inside it, credited to the speaker named anywhere the quote runs.
"""
from __future__ import annotations

import re

from ..model import Quote, Span

SPEECH_VERBS = {
    "say", "tell", "add", "state", "announce", "write", "declare", "note", "explain", "claim",
    "insist", "argue", "warn", "report", "acknowledge", "admit", "deny", "confirm", "reply",
    "respond", "continue", "ask", "predict", "vow", "promise", "stress", "comment", "tweet",
}
# curly pairs, straight double quotes, and long single-quoted passages
_QUOTE = re.compile(r"“([^”“]+)(?:”|$)|\"([^\"]+)(?:\"|$)|‘([^’‘]{12,})’(?![a-z])")
MIN_QUOTE_WORDS = 3  # shorter quoted bits are scare quotes ("exhilarated"), kept as words only


def _speaker_tokens(doc, start: int, end: int):
    """Tokens of the subject of a speech verb between token indices start..end."""
    for tok in doc[start:end]:
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return list(child.subtree)
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            for child in doc[tok.i + 1].children:
                if child.dep_ == "pobj":
                    return list(child.subtree)
    return None


def speaker(ctx) -> Span | None:
    """The subject of a speech verb ("X said"), or the object of "according to X"."""
    toks = _speaker_tokens(ctx.span.doc, ctx.span.start, ctx.span.end)
    if not toks:
        return None
    return ctx.token_span(toks[0], toks[-1])


def paragraph_quotes(doc) -> list[tuple[int, int]]:
    """Character ranges (inside the doc) of the quoted words, marks excluded."""
    cached = doc.user_data.get("crosscheck_quotes")
    if cached is None:
        cached = []
        for m in _QUOTE.finditer(doc.text):
            group = next(g for g in (1, 2, 3) if m.group(g) is not None)
            cached.append((m.start(group), m.end(group)))
        doc.user_data["crosscheck_quotes"] = cached
    return cached


def _quote_speaker(doc, q_start: int, q_end: int) -> str | None:
    first = doc.char_span(q_start, q_end, alignment_mode="expand")
    if first is None:
        return None
    sents = [s for s in doc.sents if s.end_char > q_start and s.start_char < q_end + 3]
    for sent in sents:
        toks = _speaker_tokens(doc, sent.start, sent.end)
        if toks:
            # a subject inside the quote itself is not the speaker
            inside = [t for t in toks if q_start <= t.idx < q_end]
            if not inside:
                return doc.text[toks[0].idx: toks[-1].idx + len(toks[-1].text)]
    return None


def extract(ctx) -> list[Quote]:
    doc = ctx.span.doc
    c_start, c_end = ctx.span.start_char, ctx.span.end_char
    quotes = []
    for q_start, q_end in paragraph_quotes(doc):
        start, end = max(q_start, c_start), min(q_end, c_end)
        if end <= start:
            continue
        piece = doc.text[start:end]
        lead = len(piece) - len(piece.lstrip())
        tail = piece.rstrip(" ,.;:")
        start, end = start + lead, start + len(tail)
        if end <= start or len(doc.text[start:end].split()) < MIN_QUOTE_WORDS:
            continue
        quotes.append(Quote(ctx.to_span(start, end), _quote_speaker(doc, q_start, q_end)))
    return quotes
