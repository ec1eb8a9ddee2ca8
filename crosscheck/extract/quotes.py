"""Quotations and who is credited with them.

Quotation marks are paired over the whole paragraph, not the sentence, since
quotes often run over several sentences; each claim gets the part of a quote
that lies inside it (``Quote.span``), the whole quotation it belongs to
(``Quote.passage``) and the speaker named where the quote runs.

A quote's speaker is the subject of a speech verb standing right next to it
("..., Sen. Maria Lopez said"), never a name inside a quote. Speakers are
recorded as a short name with titles stripped ("Mr. Calderón" ->
"Calderón") and a kind: ``person``/``org``/``group`` (named: "Pelosi and
Schumer" is a group), ``nominal`` ("a senior official", "the sources") or
``pronoun`` ("he", "they", "who").

``resolve_speakers`` then replaces "he"/"she"/"they" by the nearest
preceding speaker of the same article (a person for "he"/"she"; a
description or an organisation for "they"), but only when nothing but
quotes and reported speech lies in between: no other person or
organisation named outside quotes, no other pronoun speaker, no plain
narration. A wrong speaker is worse than an unknown one.

Quoted bits of one or two words are not quotations (scare quotes, titles);
``fragments`` keeps them apart for matching the same word choice across
sources.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import Claim, Quote, Span
from .names import OFFICE_WORDS, PERSON_TITLES
from .text import doc_sents, doc_text, fold

SPEECH_VERBS = {
    "say", "tell", "add", "state", "announce", "write", "declare", "note", "explain", "claim",
    "insist", "argue", "warn", "report", "acknowledge", "admit", "deny", "confirm", "reply",
    "respond", "continue", "ask", "predict", "vow", "promise", "stress", "comment", "tweet",
    "counter", "retort", "quip", "recall", "remark", "concede", "assert", "contend", "testify",
    "complain", "joke", "boast", "lament", "urge", "plead", "shout", "exclaim", "observe",
    "conclude", "suggest", "charge", "allege", "post", "emphasize", "emphasise", "recount", "scoff",
}
MIN_QUOTE_WORDS = 3  # shorter quoted bits are scare quotes ("exhilarated"), kept as words only
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "who", "which", "that",
            "this", "one", "someone", "somebody", "anyone", "everyone", "nobody"}
NAMED_LABELS = {"PERSON": "person", "ORG": "org", "GPE": "org", "NORP": "org", "FAC": "org"}
ARTICLES = frozenset({"the", "a", "an"})
LEAD_WORDS = PERSON_TITLES | OFFICE_WORDS | ARTICLES | {"former", "then", "acting", "outgoing", "incoming"}
# an attribution is taken for a quote only when it stands this close to the quote's marks
MAX_ATTRIBUTION_GAP = 8

_OPENERS, _CLOSERS, _AMBIGUOUS = "“„«", "”»", '"'
_OPEN_CONTEXT = "([{—–-/:;“‘'\""
_SINGLE = re.compile(r"‘([^’‘]{12,})’(?![a-z])")


# ---------------------------------------------------------------- quotation marks

def _mark_roles(text: str) -> list[tuple[int, str]]:
    """(index, "open"|"close") for every double quotation mark, straight ones by context."""
    roles = []
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            roles.append((i, "open"))
        elif ch in _CLOSERS:
            roles.append((i, "close"))
        elif ch == _AMBIGUOUS:
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            if (prev.isspace() or prev in _OPEN_CONTEXT) and not nxt.isspace():
                roles.append((i, "open"))
            elif prev.isspace() and nxt.isspace():
                roles.append((i, "toggle"))
            else:
                roles.append((i, "close"))
    return roles


def quote_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted words, marks excluded, whitespace trimmed.

    Curly and straight marks are paired by role, so a quote opened with one
    kind and closed with the other ("Then we’ll win”) is still one quote; a
    quote left open runs to the end of the paragraph (the convention for a
    quote continued in the next paragraph).
    """
    ranges: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, role in _mark_roles(text):
        if role == "toggle":
            role = "close" if open_at is not None else "open"
        if role == "open":
            if open_at is not None and text[open_at:i].strip():
                ranges.append((open_at, i))  # a new quote opens: the old one was never closed
            open_at = i + 1
        elif open_at is not None:
            ranges.append((open_at, i))
            open_at = None
    if open_at is not None:
        ranges.append((open_at, len(text)))
    doubles = [_trimmed(text, a, b) for a, b in ranges]
    singles = [
        _trimmed(text, m.start(1), m.end(1)) for m in _SINGLE.finditer(text)
        if not any(a <= m.start() < b for a, b in doubles)
    ]
    return sorted(r for r in doubles + singles if r[1] > r[0])


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in _OPENERS + _AMBIGUOUS):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in _CLOSERS + _AMBIGUOUS):
        b -= 1
    return a, b


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’*]\w+)*", text))


# ---------------------------------------------------------------- speakers

@dataclass(frozen=True)
class Speaker:
    """Who a quotation is credited to, as found in the paragraph."""

    name: str  # titles stripped for named speakers ("Calderón"); as written otherwise
    kind: str  # "person", "org", "nominal" or "pronoun"
    start: int  # doc character offsets of the mention
    end: int


def normalise_name(tokens, organisation: bool = False) -> list:
    """Drop leading titles, articles and "former" and a trailing possessive; of an organisation's
    name only the article ("the Interior Ministry" is not "the Justice Ministry")."""
    lead = ARTICLES if organisation else LEAD_WORDS
    toks = [t for t in tokens if not t.is_punct or t.text in ("-", "'", "’", ".")]
    while toks and (toks[0].lower_.rstrip(".") in lead):
        toks = toks[1:]
    while toks and toks[-1].lower_ in ("'s", "’s", "'", "’", ".", "-"):
        toks = toks[:-1]
    return toks


def _entity_of(tok):
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _phrase(subj) -> tuple[list, str]:
    """The words naming a speaker and their kind, from the subject token of a speech verb."""
    if subj.lower_ in PRONOUNS:
        return [subj], "pronoun"
    # "his spokesman, Sean Spicer, said": the name in apposition is the speaker
    candidates = [subj] + [c for c in subj.children if c.dep_ == "appos"]
    for tok in candidates:
        ent = _entity_of(tok)
        if ent is not None and ent.label_ in NAMED_LABELS:
            toks = normalise_name(list(ent), organisation=ent.label_ != "PERSON")
            if any(c.dep_ == "conj" for c in tok.children):
                return _conjoined(tok)  # "Pelosi and Schumer said"
            if toks:
                return toks, NAMED_LABELS[ent.label_]
    if subj.pos_ == "PROPN" and subj.text[:1].isupper():
        left = [t for c in subj.children if c.i < subj.i and c.dep_ in ("compound", "flat") for t in c.subtree]
        toks = normalise_name(sorted(left + [subj], key=lambda t: t.i))
        if toks:
            return toks, "person"
    keep = [subj]
    for child in subj.children:
        if child.i < subj.i and child.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod", "quantmod"):
            keep.extend(child.subtree)
        elif child.i > subj.i and child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "with", "in", "from"):
            keep.extend(child.subtree)
    toks = sorted(set(keep), key=lambda t: t.i)
    return toks, "nominal"


def _conjoined(first) -> tuple[list, str]:
    """All speakers of "Pelosi and Schumer said" (a group: it never conflicts as one person)."""
    heads, stack = [], [first]
    while stack:
        tok = stack.pop()
        heads.append(tok)
        stack.extend(c for c in tok.children if c.dep_ == "conj")
    toks = []
    for head in sorted(heads, key=lambda t: t.i):
        ent = _entity_of(head)
        toks.extend(normalise_name(list(ent), organisation=ent.label_ != "PERSON") if ent is not None else [head])
    return toks, "group"


def _text_of(toks, kind: str) -> str:
    """The words of a speaker phrase; separate names of a group joined by "and"."""
    out = toks[0].text
    for prev, tok in zip(toks, toks[1:]):
        if tok.i == prev.i + 1:
            out += prev.whitespace_ + tok.text
        else:
            out += (" and " if kind == "group" else " ") + tok.text
    return out


def _speech_verbs(doc, start: int, end: int):
    """(verb, subject-token) pairs in tokens start..end: "X said", "according to X"."""
    for tok in doc[start:end]:
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.dep_ != "expl":
                    yield tok, child
                    break
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            for child in doc[tok.i + 1].children:
                if child.dep_ == "pobj":
                    yield tok, child
                    break


def speaker(ctx) -> Span | None:
    """The claim's attribution: who "said" it, or the object of "according to X"."""
    span = ctx.span
    quoted = [(a, b) for a, b, _ in paragraph_quotes(span.doc)]
    for verb, subj in _speech_verbs(span.doc, span.start, span.end):
        if _inside(quoted, verb.idx) or _inside(quoted, subj.idx):
            continue  # “People said, ‘...’,” he said: the quoted "said" is not the claim's
        toks, _ = _phrase(subj)
        toks = [t for t in toks if span.start <= t.i < span.end]
        if toks:
            return ctx.token_span(toks[0], toks[-1])
    return None


def _inside(ranges, idx: int) -> bool:
    return any(a <= idx < b for a, b in ranges)


def _gap_words(doc, a: int, b: int) -> int:
    return sum(1 for t in doc_text(doc)[a:b].split() if any(ch.isalnum() for ch in t))


def _quote_speaker(doc, ranges, q_start: int, q_end: int) -> Speaker | None:
    """The speech verb next to the quote: its subject, not a name inside any quote."""
    sents = [s for s in doc_sents(doc) if s.end_char > q_start and s.start_char < q_end + 3]
    best = None
    for sent in sents:
        for verb, subj in _speech_verbs(doc, sent.start, sent.end):
            if _inside(ranges, verb.idx) or _inside(ranges, subj.idx):
                continue
            near = min(verb.idx, subj.idx), max(verb.idx + len(verb), subj.idx + len(subj))
            gap = _gap_words(doc, q_end, near[0]) if near[0] >= q_end else _gap_words(doc, near[1], q_start)
            if near[0] < q_end and near[1] > q_start:
                gap = 0
            if gap > MAX_ATTRIBUTION_GAP or (best is not None and gap >= best[0]):
                continue
            toks, kind = _phrase(subj)
            if toks:
                best = (gap, Speaker(_text_of(toks, kind), kind, toks[0].idx, toks[-1].idx + len(toks[-1])))
    return best[1] if best else None


def _only_quoted(doc, ranges, q_start: int, q_end: int) -> bool:
    """Whether the sentences a quote runs over hold nothing but quoted words."""
    sents = [s for s in doc_sents(doc) if s.end_char > q_start and s.start_char < q_end]
    for sent in sents:
        for tok in sent:
            if (tok.is_alpha or tok.like_num) and not _inside(ranges, tok.idx):
                return False
    return True


def paragraph_quotes(doc) -> list[tuple[int, int, Speaker | None]]:
    """The paragraph's quotations (doc character ranges) and their speakers, computed once."""
    cached = doc.user_data.get("crosscheck_quotes")
    if cached is not None:
        return cached
    ranges = [r for r in quote_ranges(doc_text(doc)) if _word_count(doc_text(doc)[r[0]:r[1]]) >= MIN_QUOTE_WORDS]
    cached = []
    previous: Speaker | None = None
    for q_start, q_end in ranges:
        found = _quote_speaker(doc, ranges, q_start, q_end)
        if found is None and previous is not None and _only_quoted(doc, ranges, q_start, q_end):
            found = previous  # "“A,” Pelosi said. “B.”": B is Pelosi's too
        cached.append((q_start, q_end, found))
        previous = found
    doc.user_data["crosscheck_quotes"] = cached
    return cached


def extract(ctx) -> list[Quote]:
    doc = ctx.span.doc
    c_start, c_end = ctx.span.start_char, ctx.span.end_char
    quotes = []
    for q_start, q_end, who in paragraph_quotes(doc):
        start, end = max(q_start, c_start), min(q_end, c_end)
        if end <= start:
            continue
        start, end = _trimmed_piece(doc_text(doc), start, end)
        if end <= start or _word_count(doc_text(doc)[start:end]) < 1:
            continue
        quotes.append(Quote(
            span=ctx.to_span(start, end),
            speaker=who.name if who else None,
            passage=ctx.to_span(q_start, q_end),
            speaker_span=ctx.to_span(who.start, who.end) if who else None,
            speaker_kind=who.kind if who else "",
        ))
    return quotes


def fragments(ctx) -> list[Span]:
    """Words in quotation marks too few to be a quotation ("a “historic challenge”")."""
    doc = ctx.span.doc
    cached = doc.user_data.get("crosscheck_fragments")
    if cached is None:
        cached = [r for r in quote_ranges(doc_text(doc)) if 0 < _word_count(doc_text(doc)[r[0]:r[1]]) < MIN_QUOTE_WORDS]
        doc.user_data["crosscheck_fragments"] = cached
    out = []
    for q_start, q_end in cached:
        if ctx.span.start_char <= q_start and q_end <= ctx.span.end_char:
            start, end = _trimmed_piece(doc_text(doc), q_start, q_end)
            if end > start:
                out.append(ctx.to_span(start, end))
    return out


def _trimmed_piece(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _OPENERS + _AMBIGUOUS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in " ,.;:" + _CLOSERS + _AMBIGUOUS):
        end -= 1
    return start, end


# ---------------------------------------------------------------- pronoun speakers

SINGULAR_PRONOUNS = {"he", "she", "him", "her"}
PLURAL_PRONOUNS = {"they", "them"}
MAX_ANTECEDENT_CHARS = 1500  # about three paragraphs
BLOCKING_LABELS = {"PERSON", "ORG"}  # names that, mentioned in between, make a pronoun ambiguous


@dataclass(frozen=True)
class _Mention:
    at: int  # article offset
    kind: str  # speaker kind; "mention": a person named without speaking; "narration": a claim
    # that neither quotes nor reports speech (after it, the last speaker is no longer the topic)
    name: str
    span: Span


def surname_key(name: str) -> str:
    words = fold(name).replace("’", "'").split()
    return words[-1].strip(".'") if words else ""


def _compatible(pronoun: str, antecedent: _Mention) -> bool:
    if pronoun in SINGULAR_PRONOUNS:
        return antecedent.kind == "person" or (antecedent.kind == "nominal" and not _plural(antecedent.name))
    if pronoun in PLURAL_PRONOUNS:
        return antecedent.kind in ("org", "nominal")
    return False


def _plural(phrase: str) -> bool:
    words = fold(phrase).split()
    head = words[-1] if words else ""
    return head.endswith("s") and not head.endswith("ss") or head in ("people", "police", "staff")


def _attribution_kind(claim: Claim, span: Span) -> tuple[str, str]:
    """Kind and name of a claim's attribution ("Mr. Trump asserted that ..." -> person, Trump)."""
    if fold(span.text) in PRONOUNS:
        return "pronoun", span.text
    for n in claim.facts.names:
        if span.start <= n.span.start and n.span.end <= span.end and n.tokens:
            kind = NAMED_LABELS.get(n.label, "")
            if kind:
                return kind, " ".join(n.tokens)
    return "nominal", span.text


class _SpanIndex:
    """Spans of one article, sorted, for quick "does this overlap any of them" questions."""

    def __init__(self, spans: Sequence[Span]):
        self.spans = sorted(spans, key=lambda sp: (sp.start, sp.end))
        self.starts = [sp.start for sp in self.spans]
        self.reach = []  # furthest end among spans[: k + 1]
        furthest = -1
        for sp in self.spans:
            furthest = max(furthest, sp.end)
            self.reach.append(furthest)

    def overlaps(self, span: Span) -> bool:
        k = bisect.bisect_left(self.starts, span.end) - 1
        return k >= 0 and self.reach[k] > span.start

    def holds(self, offset: int) -> bool:
        k = bisect.bisect_right(self.starts, offset) - 1
        return k >= 0 and self.reach[k] > offset


def _article_mentions(claims: Sequence[Claim]) -> list[_Mention]:
    """Speakers (of quotes, or of reported speech) and other people named, in article order."""
    quoted = _SpanIndex([q.passage for c in claims for q in c.facts.quotes if q.passage is not None])
    speakers: dict[tuple[int, int], _Mention] = {}
    for claim in claims:
        for q in claim.facts.quotes:
            if q.speaker_span is not None and q.speaker:
                key = (q.speaker_span.start, q.speaker_span.end)
                speakers.setdefault(key, _Mention(q.speaker_span.start, q.speaker_kind, q.speaker, q.speaker_span))
    taken = _SpanIndex([m.span for m in speakers.values()])
    for claim in claims:
        a = claim.attribution
        # words inside a quotation are not the narrator's; a quote's speaker is already counted
        if a is not None and not quoted.holds(a.start) and not taken.overlaps(a):
            kind, name = _attribution_kind(claim, a)
            speakers[(a.start, a.end)] = _Mention(a.start, kind, name, a)
    mentions = list(speakers.values())
    for claim in claims:
        if not claim.facts.quotes and claim.attribution is None:
            at = Span(claim.start, claim.start, "")
            mentions.append(_Mention(claim.start, "narration", "", at))
    taken = _SpanIndex([m.span for m in speakers.values()])
    for claim in claims:
        for n in claim.facts.names:
            # spaCy's small model often labels a surname ORG ("Trump spent ..."): both may be a "he"
            if n.label in BLOCKING_LABELS and not quoted.holds(n.span.start) and not taken.overlaps(n.span):
                mentions.append(_Mention(n.span.start, "mention", " ".join(n.tokens), n.span))
    return sorted(mentions, key=lambda m: (m.at, m.kind != "narration", m.kind == "mention"))


def antecedents(claims: Sequence[Claim]) -> dict[int, _Mention]:
    """Pronoun speaker offset -> the named speaker it stands for, where unambiguous."""
    out: dict[int, _Mention] = {}
    last: _Mention | None = None
    others: set[str] = set()  # people named since `last` spoke, other than `last`
    for m in _article_mentions(claims):
        if m.kind == "pronoun":
            pronoun = fold(m.name)
            if pronoun not in SINGULAR_PRONOUNS | PLURAL_PRONOUNS:
                continue  # "who said", "I said": no third person to resolve
            if (last is not None and not others and m.at - last.at <= MAX_ANTECEDENT_CHARS
                    and _compatible(pronoun, last)):
                out[m.at] = last
            else:
                last = None  # someone else may be speaking now: later pronouns stay unresolved
            continue
        if m.kind == "narration":
            last = None  # the story moved on ("Trump spent most of his speech ..."): "he" may be anyone
            continue
        if m.kind == "mention":
            if last is None or surname_key(m.name) != surname_key(last.name):
                others.add(surname_key(m.name))
            continue
        last, others = m, set()
    return out


def resolve_speakers(claims: Sequence[Claim]) -> list[Claim]:
    """Claims with pronoun speakers ("he said") replaced by the named speaker they stand for."""
    by_article: dict[str, list[Claim]] = {}
    for c in claims:
        by_article.setdefault(c.source_id, []).append(c)
    resolved: dict[str, dict[int, _Mention]] = {
        sid: antecedents(sorted(cs, key=lambda c: c.start)) for sid, cs in by_article.items()
    }
    out = []
    for c in claims:
        table = resolved[c.source_id]
        if table and any(q.speaker_kind == "pronoun" for q in c.facts.quotes):
            quotes = tuple(_resolved(q, table) for q in c.facts.quotes)
            c = replace(c, facts=replace(c.facts, quotes=quotes))
        out.append(c)
    return out


def _resolved(q: Quote, table: dict[int, _Mention]) -> Quote:
    if q.speaker_kind != "pronoun" or q.speaker_span is None or q.speaker_span.start not in table:
        return q
    m = table[q.speaker_span.start]
    return replace(q, speaker=m.name, speaker_span=m.span, speaker_kind=m.kind, speaker_resolved=True)
