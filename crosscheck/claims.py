"""Articles -> Claims: paragraphs, sentences, claim units, and their facts.

Each article body is parsed once (spaCy ``nlp.pipe`` over paragraphs), split
into sentences, and sentences carrying several independent facts (clauses
joined by a semicolon) into several claims. Lines that are not claims —
photo captions and credits, repeated headlines, boilerplate, markdown
furniture — are skipped.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence

from .extract import ClaimContext, extract_facts
from .extract.quotes import resolve_speakers, speaker
from .extract.text import doc_sents, fold
from .model import Article, Claim

MIN_WORDS = 4
MAX_PARAGRAPH_CHARS = 5_000  # longer lines are cut (at a sentence end if there is one) before parsing
MAX_TOKEN_CHARS = 100  # longer runs without a space (base64, minified code) are blanked before parsing
MAX_SENTENCE_TOKENS = 300  # longer "sentences" are run-on text, not a claim an editor can check
DEFAULT_MAX_CLAIMS = 1_000  # per article; a long article has 100-200

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
# Never shown by a markdown renderer: HTML comments and script/style blocks (unclosed: to the end).
_HIDDEN = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)", re.S | re.I)
_LONG_TOKEN = re.compile(r"\S{%d,}" % (MAX_TOKEN_CHARS + 1))
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


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


def _visible(line: str, pos: int, hidden: list[tuple[int, int]]) -> str:
    """``line`` (at article offset ``pos``) with hidden regions and overlong runs blanked, same length."""
    end = pos + len(line)
    i = bisect.bisect_right(hidden, (pos, pos))
    if i and hidden[i - 1][1] > pos:
        i -= 1
    parts, cursor = [], pos
    while i < len(hidden) and hidden[i][0] < end:
        a, b = max(hidden[i][0], pos), min(hidden[i][1], end)
        if a > cursor:
            parts.append(line[cursor - pos: a - pos])
        parts.append(" " * (b - max(a, cursor)))
        cursor = max(cursor, b)
        i += 1
    parts.append(line[cursor - pos:])
    return _LONG_TOKEN.sub(lambda m: " " * len(m.group()), "".join(parts))


def _pieces(line: str) -> Iterator[tuple[int, str]]:
    """(offset in line, text) pieces of at most MAX_PARAGRAPH_CHARS, cut at a sentence end when possible."""
    pos = 0
    while len(line) - pos > MAX_PARAGRAPH_CHARS:
        window_start, limit = pos + MAX_PARAGRAPH_CHARS // 2, pos + MAX_PARAGRAPH_CHARS
        ends = [m.end() for m in _SENTENCE_END.finditer(line, window_start, limit)]
        cut = ends[-1] if ends else line.rfind(" ", window_start, limit) + 1 or limit
        yield pos, line[pos:cut]
        pos = cut
    yield pos, line[pos:]


def paragraphs(article: Article) -> Iterator[tuple[int, str]]:
    """(offset, text to parse) of each non-boilerplate line of the checked body.

    The text to parse has exactly the length of the article text at offset,
    so parse offsets are article offsets; only what no reader sees (HTML
    comments, script blocks) and overlong unbroken runs are blanked. Long
    lines are cut into pieces; a piece that repeats an earlier one of the
    same article is parsed once.
    """
    text = article.text
    stop = len(text) if article.body_end is None else article.body_end
    hidden = [(m.start(), m.end()) for m in _HIDDEN.finditer(text, article.body_start, stop)]
    seen: set[str] = set()
    pos = article.body_start
    while pos < stop:
        nl = text.find("\n", pos, stop)
        end = stop if nl < 0 else nl
        line = _visible(text[pos:end], pos, hidden)
        if line.strip():
            for offset, piece in _pieces(line):
                key = " ".join(piece.split())
                if key and key not in seen and not is_boilerplate(piece, article.title):
                    seen.add(key)
                    yield pos + offset, piece
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
    for sent in doc_sents(doc):
        if len(sent) > MAX_SENTENCE_TOKENS:
            continue
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


REPEATS_WORTH_A_WARNING = 10


def limit_claims(claims: Sequence[Claim], max_per_article: int = DEFAULT_MAX_CLAIMS) -> tuple[list[Claim], list]:
    """Each article's claims once each, at most ``max_per_article`` of them (the first).

    A scraped page that repeats a sentence thousands of times states it once;
    an endless article would otherwise cost minutes of embedding. Returns the
    kept claims and one ``IngestWarning`` per article that lost claims to
    heavy repetition or to the cap.
    """
    from .ingest import IngestWarning

    kept: list[Claim] = []
    seen: dict[str, set[str]] = {}
    repeats: dict[str, int] = {}
    counts: dict[str, int] = {}
    paths: dict[str, str] = {}
    for claim in claims:
        texts = seen.setdefault(claim.source_id, set())
        key = " ".join(claim.text.split())
        if key in texts:
            repeats[claim.source_id] = repeats.get(claim.source_id, 0) + 1
            continue
        texts.add(key)
        counts[claim.source_id] = counts.get(claim.source_id, 0) + 1
        paths[claim.source_id] = claim.path
        if counts[claim.source_id] <= max_per_article:
            kept.append(claim)
    warnings = []
    for source_id, path in paths.items():
        if repeats.get(source_id, 0) >= REPEATS_WORTH_A_WARNING:
            warnings.append(IngestWarning(path, "the same sentences repeat many times, each checked once"))
        if counts[source_id] > max_per_article:
            warnings.append(IngestWarning(
                path, f"article has {counts[source_id]:,} claims, only the first {max_per_article:,} are checked "
                      f"(--max-claims)"))
    return kept, warnings
