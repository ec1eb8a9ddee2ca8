"""Articles -> Claims: paragraphs, sentences, claim units, and their facts.

Each article body is parsed once (spaCy ``nlp.pipe`` over paragraphs), split
into sentences, and sentences carrying several independent facts (clauses
joined by a semicolon) into several claims. Lines that are not claims —
photo captions and credits, repeated headlines, boilerplate, markdown
furniture — are skipped.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .extract import ClaimContext, extract_facts
from .extract.quotes import resolve_speakers, speaker
from .extract.text import fold
from .model import Article, Claim

MIN_WORDS = 4
MAX_PARAGRAPH_CHARS = 20_000  # longer "paragraphs" are cut into pieces before parsing

_CAPTION = re.compile(
    r"^(open gallery view|photo:|image:|caption:|file photo|pictured:|watch:|video:|listen:|"
    r"read more|related:|recommended:|advertisement|click here|sign up|subscribe|follow us|share this|"
    r"this (story|article) (has been|was) (updated|corrected)|copyright|©|all rights reserved)",
    re.I,
)
_CREDIT = re.compile(
    r"(\bcredit:|\bphoto(graph)? by\b|\(ap photo|\bgetty images\b|/\s*(reuters|afp|ap|epa)\b|"
    r"\b(reuters|afp|epa|ap) photo\b)",
    re.I,
)
_MARKUP_LINE = re.compile(r"^\s*(#{1,6}\s|[|>]|[-*_]{3,}\s*$|<[a-z!/]|!\[|\[[^\]]*\]\([^)]*\)\s*$)", re.I)


def is_boilerplate(line: str, title: str | None) -> bool:
    """True for lines that carry no checkable claim of the article's own."""
    stripped = line.strip()
    if not stripped:
        return True
    if _CAPTION.match(stripped) or _CREDIT.search(stripped) or _MARKUP_LINE.match(stripped):
        return True
    if title:
        t = fold(title)
        rest = fold(stripped).replace(t, "")
        if t and len(rest.strip(" .:-")) < 3:
            return True  # the headline again (possibly several times)
    return False


def paragraphs(article: Article) -> Iterator[tuple[int, str]]:
    """(offset, text) of each non-boilerplate line of the body."""
    text = article.text
    pos = article.body_start
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        if line.strip() and not is_boilerplate(line, article.title):
            for offset in range(0, len(line), MAX_PARAGRAPH_CHARS):
                yield pos + offset, line[offset: offset + MAX_PARAGRAPH_CHARS]
        pos = end + 1


_DASHES = {"–", "—", "--"}
MIN_UNIT_WORDS = 4
MIN_LEAD_WORDS = 8


def _words(doc, a: int, b: int) -> int:
    return sum(1 for t in doc[a:b] if t.is_alpha)


def _has_verb(doc, a: int, b: int) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in doc[a:b])


def _cut_points(sent) -> list[tuple[int, int]]:
    """(end of one unit, start of the next) token indices inside a sentence.

    A sentence that carries several facts is cut where a fact ends: at a
    semicolon between clauses, around a dash-delimited aside ("– the first
    visit in 15 years –"), after a long opening phrase ("In the first visit
    in over a decade, ..."), and before a closing appositive ("..., the first
    state visit in 14 years.").
    """
    doc, start, end = sent.doc, sent.start, sent.end
    cuts: list[tuple[int, int]] = []
    for tok in sent:
        if tok.text == ";" and _has_verb(doc, start, tok.i) and _has_verb(doc, tok.i + 1, end):
            cuts.append((tok.i, tok.i + 1))
    dashes = [t.i for t in sent if t.text in _DASHES]
    for a, b in zip(dashes[::2], dashes[1::2]):
        if _words(doc, a + 1, b) >= MIN_UNIT_WORDS and _words(doc, start, a) >= MIN_UNIT_WORDS:
            cuts.append((a, a + 1))
            cuts.append((b, b + 1))
    first = doc[start]
    if first.pos_ == "ADP" and first.dep_ == "prep":
        last = max(t.i for t in first.subtree)
        if last + 1 < end and doc[last + 1].text == "," and _words(doc, start, last + 1) >= MIN_LEAD_WORDS \
                and _has_verb(doc, last + 2, end):
            cuts.append((last + 1, last + 2))
    commas = [t.i for t in sent if t.text == ","]
    if commas:
        c = commas[-1]
        tail = [t for t in doc[c + 1:end] if not t.is_punct]
        if tail and tail[0].pos_ == "DET" and not _has_verb(doc, c + 1, end) \
                and len(tail) >= MIN_UNIT_WORDS and _words(doc, start, c) >= MIN_UNIT_WORDS:
            cuts.append((c, c + 1))
    return sorted(set(cuts))


def _claim_units(sent):
    """Token ranges of the claim units of one sentence."""
    start = sent.start
    for cut_end, next_start in _cut_points(sent):
        if cut_end > start:
            yield start, cut_end
        start = max(start, next_start)
    yield start, sent.end


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].is_space or doc[start].is_punct and doc[start].text not in "\"“‘'("):
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return start, end


def claims_from_doc(article: Article, offset: int, doc) -> Iterator[Claim]:
    for sent in doc.sents:
        for a, b in _claim_units(sent):
            a, b = _trim(doc, a, b)
            span = doc[a:b]
            if sum(1 for t in span if t.is_alpha) < MIN_WORDS:
                continue
            ctx = ClaimContext(span=span, article=article, offset=offset)
            start = offset + span.start_char
            end = offset + span.end_char
            yield Claim(
                article=article,
                source_id=article.source_id,
                start=start,
                end=end,
                attribution=speaker(ctx),
                facts=extract_facts(ctx),
            )


def extract_claims(articles: Iterable[Article], *, batch_size: int = 64, progress=None) -> list[Claim]:
    """Parse every article once and return its claims, in article order."""
    from . import nlp as nlp_module

    nlp = nlp_module.load()
    jobs = [(text, (article, offset)) for article in articles for offset, text in paragraphs(article)]
    claims: list[Claim] = []
    for doc, (article, offset) in nlp.pipe(jobs, as_tuples=True, batch_size=batch_size):
        claims.extend(claims_from_doc(article, offset, doc))
        if progress is not None:
            progress(1)
    return resolve_speakers(claims)


def count_paragraphs(articles: Iterable[Article]) -> int:
    return sum(1 for article in articles for _ in paragraphs(article))


def claims_from_text(text: str, *, source_id: str = "a.txt", date=None, title: str | None = None) -> list[Claim]:
    """Claims of a text given directly (tests, notebooks): one article, no file."""
    article = Article(path=source_id, source_id=source_id, text=text, date=date, title=title)
    return extract_claims([article])
