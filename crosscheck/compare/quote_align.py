"""The same quotation in different sources, found and aligned word by word.

Shared by the quotation rules (QUO001 quote-altered, ATT001
attribution-mismatch). A *passage* is one whole quotation of one article
(the quote pieces of its claims put back together). Passages are matched
across sources through an inverted index of three-word shingles, so the
work grows with the number of quotations, not with their pairs; each
candidate pair is then aligned on normalised word keys (difflib's longest-block-first matching, which a repeated phrase does not pull off course as an LCS alignment can).

Normalisation makes transcription conventions equal before anything is
compared: case, curly/straight marks, dashes and punctuation (words only
are compared), contractions ("I'd like" = "I would like"), censored
expletives ("f***ing" = "fucking"), editorial brackets and parentheses
("pay [for] it", "these (local) supervisors"), ellipses marking an
omission, number words, acronyms ("F.B.I." = "FBI"), British/American
spelling, words written together or apart ("e-mail" = "email") and
spellings of one name ("Moammar Gadhafi" / "Muammar al-Qaddafi": the name
rules' business, not a changed quote).

An alignment is cut into *segments*: runs of shared stretches ("anchors")
separated by small gaps. The gaps inside a segment are the candidate
edits; what lies before the first or after the last anchor is only a
different extent of quoting (one outlet quoting a longer stretch) and
never an edit.
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher  # longest-block-first anchors (_blocks); rapidfuzz aligns by LCS

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..extract.names import OFFICE_WORDS, PERSON_TITLES
from ..events import same_surname
from ..extract.text import fold
from ..lexicon import numbers
from ..lexicon.spelling import abbreviates, american, stem
from ..model import Article, Claim, Span

TITLES = PERSON_TITLES | OFFICE_WORDS  # a title added or dropped in a quote is a low-severity edit

SHINGLE = 3  # words per index key
MAX_PASSAGE_CHARS = 4000  # words beyond this are not aligned (bounds difflib's quadratic worst case)
MAX_POSTINGS = 200  # a shingle quoted this often is a stock phrase, not evidence of one quote
MIN_ANCHORED = 4  # shared words a segment needs to count as the same quotation
MIN_ANCHOR_SHARE = 0.6  # share of a segment's words (shorter side) that must be shared
LONG_MATCH = 8  # shared words that make the same quotation whatever else each quotes
MIN_COVER = 0.8  # share of the shorter quotation a shorter match must cover
MAX_GAP = 8  # words on one side of a gap; a longer gap splits the alignment into segments
MIN_EDIT_CONTEXT = 6  # shared words next to an edit (left + right anchors) to report it

STOP = frozenset(
    "a an the of to in on at by for and or but is are was were be been am has have had do does did it its "
    "this that these those with as from i we you he she they me us him her them my our your his their "
    "not no so if then than there here will would can could should shall may might must 's 'd".split()
)
# one of these added or dropped is a cleaned-up transcript more than a changed statement: low severity
# ("just" and "really" are not: "just a bunch of malarkey" says more than "a bunch of malarkey")
FILLERS = frozenset({"and", "but", "so", "that", "oh", "well", "um", "uh", "er", "ah", "look", "the", "a", "an"})
# words whose adding, dropping or changing changes what was said, though they are short and common
SUBSTANTIVE = frozenset("not no never nor will would can could should shall may might must".split())
# how two quotations' words differ at one gap (judge_gap)
CONVENTION, WORDING, SLIP, EDIT = "convention", "wording", "slip", "edit"
NAME_VARIANT_RATIO = 0.6
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "van", "von", "de", "da", "di", "du", "la", "le", "del",
                            "der", "den", "ten", "ter", "st"})
NUMBER_WORDS = {word: str(value) for word, value in numbers.WORDS.items()}
IRREGULAR = {
    "won't": ("will", "not"), "can't": ("can", "not"), "cannot": ("can", "not"), "shan't": ("shall", "not"),
    "ain't": ("is", "not"), "gonna": ("going", "to"), "wanna": ("want", "to"), "gotta": ("got", "to"),
    "let's": ("let", "us"), "okay": ("ok",), "'til": ("until",), "till": ("until",),
}
SUFFIXES = (("n't", ("not",)), ("'ll", ("will",)), ("'re", ("are",)), ("'ve", ("have",)), ("'m", ("am",)),
            ("'d", ("'d",)), ("'s", ("'s",)))
AMBIGUOUS = {"'d": {"would", "had"}, "'s": {"is", "has", "us"}}

_TOKEN = re.compile(r"\.\.\.|…|[\[\]()]|%|&|(?:[A-Za-z]\.){2,}|[\w*]+(?:['’][\w*]+)*")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}")


@dataclass(frozen=True, slots=True)
class Token:
    """One compared word: its key and where it is written."""

    key: str
    start: int  # article offsets of the written word (words expanded from one share them)
    end: int
    claim: int | None  # index of the claim whose quote piece holds it
    editorial: bool = False  # inside [brackets]: the outlet's words, not the speaker's
    ellipsis: bool = False  # "…": words left out here
    sentence_end: bool = False  # written word ends a sentence
    capital: bool = False  # written word starts with a capital letter
    name_like: bool = False  # capitalised but not the first word of a sentence


@dataclass(frozen=True)
class Passage:
    """One whole quotation in one article, with the claims its pieces belong to."""

    article: Article
    span: Span
    tokens: tuple[Token, ...]
    pieces: dict  # claim index -> the claim's quote piece (Span)
    speaker: str | None
    speaker_span: Span | None
    speaker_kind: str
    speaker_resolved: bool = False

    @property
    def source_id(self) -> str:
        return self.article.source_id

    @functools.cached_property
    def keys(self) -> list[str]:
        return [t.key for t in self.tokens]

    @functools.cached_property
    def size(self) -> int:
        """Words of the speaker's (no ellipses, no editorial insertions)."""
        return sum(1 for t in self.tokens if not t.editorial and not t.ellipsis)


@dataclass(frozen=True)
class Gap:
    """Words between two anchors: a[i1:i2] in one passage, b[j1:j2] in the other."""

    i1: int
    i2: int
    j1: int
    j2: int
    verdict: str  # CONVENTION, WORDING, SLIP or EDIT (judge_gap)
    context: int  # shared words in the anchors on both sides

    @property
    def trivial(self) -> bool:
        return self.verdict == CONVENTION

    @property
    def minor(self) -> bool:
        return self.verdict in (WORDING, SLIP)


@dataclass(frozen=True)
class Segment:
    """A run of shared stretches with the gaps between them."""

    anchors: tuple[tuple[int, int, int], ...]  # (i, j, size) blocks
    gaps: tuple[Gap, ...]

    @property
    def anchored(self) -> int:
        return sum(size for _, _, size in self.anchors)

    @property
    def edits(self) -> tuple[Gap, ...]:
        return tuple(g for g in self.gaps if not g.trivial)


@dataclass(frozen=True)
class Match:
    """Two passages from different sources that quote the same words."""

    a: Passage
    b: Passage
    segments: tuple[Segment, ...]

    @property
    def anchored(self) -> int:
        return sum(s.anchored for s in self.segments)


# ---------------------------------------------------------------- normalising

@functools.lru_cache(maxsize=65536)
def word_keys(word: str) -> tuple[str, ...]:
    """Comparison keys of one written word: folded, contractions expanded, numbers as digits."""
    w = fold(word).replace("’", "'").strip("'")
    if not w:
        return ()
    if w in IRREGULAR:
        return IRREGULAR[w]
    for suffix, expansion in SUFFIXES:
        if w.endswith(suffix) and len(w) > len(suffix):
            return (*word_keys(w[: -len(suffix)]), *expansion)
    return (NUMBER_WORDS.get(w, w),)


def tokenize(article: Article, span: Span, claim_at: Callable[[int], int | None]) -> tuple[Token, ...]:
    text = span.text
    out: list[Token] = []
    bracket = False
    for m in _TOKEN.finditer(text):
        raw = m.group()
        start, end = span.start + m.start(), span.start + m.end()
        if raw in "[(":
            bracket = True  # "[W]e", "pay [for] it", "these (local) supervisors": the outlet's words
            continue
        if raw in "])":
            bracket = False
            continue
        if raw in ("...", "…"):
            out.append(Token("…", start, end, claim_at(start), ellipsis=True))
            continue
        if raw == "%":
            keys: tuple[str, ...] = ("percent",)
        elif raw == "&":
            keys = ("and",)
        elif not raw.strip("*"):
            continue  # markdown emphasis, not a word
        elif _ACRONYM.fullmatch(raw):
            keys = (raw.replace(".", "").lower(),)  # "F.B.I." = "FBI"
        else:
            keys = word_keys(raw)
        after = text[m.end(): m.end() + 1]
        ends = after in (".", "!", "?") and text[m.end(): m.end() + 3] != "..."
        capital = raw[:1].isupper()
        name_like = capital and bool(out) and not out[-1].sentence_end and not out[-1].ellipsis
        for k in keys:
            out.append(Token(k, start, end, claim_at(start), editorial=bracket, sentence_end=ends,
                             capital=capital, name_like=name_like))
    return tuple(out)


def _capped(span: Span) -> Span:
    """A passage's first MAX_PASSAGE_CHARS: quotations that long are documents, not quotes."""
    if span.end - span.start <= MAX_PASSAGE_CHARS:
        return span
    return Span(span.start, span.start + MAX_PASSAGE_CHARS, span.text[:MAX_PASSAGE_CHARS])


def passages(claims: Sequence[Claim]) -> list[Passage]:
    """Every quotation of every article, rebuilt from its claims' quote pieces."""
    groups: dict[tuple[str, int, int], list[tuple[int, object]]] = defaultdict(list)
    for idx, claim in enumerate(claims):
        for q in claim.facts.quotes:
            if q.passage is not None:
                groups[(claim.source_id, q.passage.start, q.passage.end)].append((idx, q))
    out = []
    for (_, _, _), members in sorted(groups.items()):
        article = claims[members[0][0]].article
        span = members[0][1].passage
        pieces = {idx: q.span for idx, q in members}

        def claim_at(offset: int, pieces=pieces) -> int | None:
            for idx, piece in pieces.items():
                if piece.start <= offset < piece.end:
                    return idx
            return None

        named = next((q for _, q in members if q.speaker), None)
        out.append(Passage(
            article=article, span=span, tokens=tokenize(article, _capped(span), claim_at), pieces=pieces,
            speaker=named.speaker if named else None,
            speaker_span=named.speaker_span if named else None,
            speaker_kind=named.speaker_kind if named else "",
            speaker_resolved=named.speaker_resolved if named else False,
        ))
    return out


# ---------------------------------------------------------------- equivalence

def _censored_match(a: str, b: str) -> bool:
    """"f***ing" matches "fucking": asterisks stand for the letters left out."""
    if "*" not in a or "*" in b or not a.strip("*"):
        return False
    pattern = "".join(r"\w+" if ch == "*" else re.escape(ch) for ch in re.sub(r"\*+", "*", a))
    return re.fullmatch(pattern, b) is not None


def _spelling_variant(a: str, b: str) -> bool:
    """British/American spellings ("defence"/"defense", "favour"/"favor")."""
    if not a.isalpha() or not b.isalpha():
        return False
    return american(a) == american(b)


def same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    for x, y in ((a, b), (b, a)):
        if x in AMBIGUOUS and y in AMBIGUOUS[x]:
            return True
        if _censored_match(x, y):
            return True
    return _spelling_variant(a, b)


def _one_slip(a: str, b: str) -> bool:
    """One letter changed, added or dropped in a long word (a typo rather than another word)."""
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    return Levenshtein.distance(a, b) == 1


def _same_title(a: str, b: str) -> bool:
    """A title and its abbreviation ("Sen." / "Senator", "Gov." / "Governor")."""
    return a in PERSON_TITLES and b in PERSON_TITLES and abbreviates(a, b)


def _same_content(ka: Sequence[str], kb: Sequence[str]) -> bool:
    """Whether two gaps differ only in inflection or in function words added or dropped
    ("rationale for gutting" / "rationale gutting", "looks forward" / "I look forward"), not in a
    content word, a negation, a modal, or one function word put for another ("he" / "she")."""
    def content(keys):
        return sorted(stem(k) for k in keys if k not in STOP or k in SUBSTANTIVE)

    def function(keys):  # "'s" read as "is" or "has", "'d" as "would" or "had": either way the same
        folded = {"'s": "is", "has": "is", "'d": "would", "had": "would"}
        return [folded.get(k, k) for k in keys if k in STOP and k not in SUBSTANTIVE]

    fa, fb = function(ka), function(kb)
    shorter, longer = sorted((Counter(fa), Counter(fb)), key=lambda c: c.total())
    return content(ka) == content(kb) and not shorter - longer  # only added on one side


def judge_gap(a: Sequence[Token], b: Sequence[Token]) -> str:
    """What the words in a gap on each side make of it: CONVENTION (no change), WORDING (a variant:
    no content word changes), SLIP (a one-letter slip) or EDIT (the words changed)."""
    if any(t.editorial or t.ellipsis for t in (*a, *b)):
        return CONVENTION  # the outlet marked its own edit: brackets or an ellipsis
    ka, kb = [t.key for t in a], [t.key for t in b]
    if _name_only(a) and _name_only(b) and min(len("".join(ka)), len("".join(kb))) >= 4 and \
            fuzz.ratio("".join(ka), "".join(kb)) >= 100 * NAME_VARIANT_RATIO:
        return CONVENTION  # "Moammar Gadhafi" / "Muammar al-Qaddafi": a name's spelling, the name rule's
    return judge_keys(ka, kb)


def judge_keys(ka: Sequence[str], kb: Sequence[str]) -> str:
    """judge_gap on the words' keys alone (``word_keys``: contractions expanded, numbers as digits)."""
    if len(ka) == len(kb) and all(same_word(x, y) or _same_title(x, y) for x, y in zip(ka, kb)):
        return CONVENTION
    if ka and kb and "".join(ka) == "".join(kb):
        return CONVENTION  # "e mail" / "email"
    if ka and kb and all(k in FILLERS for k in (*ka, *kb)):
        return WORDING  # "And the vice president" / "So the vice president"
    if not ka or not kb:
        inserted = ka or kb
        if len(inserted) == 1 and (inserted[0] in FILLERS or inserted[0] in TITLES):
            return WORDING  # "James Bond, the president" / "James Bond and the president"
    if _same_content(ka, kb):
        return WORDING
    if len(ka) == len(kb) == 1 and _one_slip(ka[0], kb[0]):
        return SLIP
    return EDIT


_ASIDE_MARKS = frozenset(",—–―-(")


def _aside(p: Passage, i1: int, i2: int) -> bool:
    """Whether words i1..i2 of a passage are set off by commas, dashes or parentheses."""
    if i1 == 0 or i2 >= len(p.tokens) or i2 <= i1:
        return False
    text = p.article.text
    before = text[p.tokens[i1 - 1].end: p.tokens[i1].start]
    after = text[p.tokens[i2 - 1].end: p.tokens[i2].start]
    return bool(_ASIDE_MARKS & set(before)) and bool(_ASIDE_MARKS & set(after))


def _name_only(tokens: Sequence[Token]) -> bool:
    """Capitalised words inside a sentence, with particles ("Muammar al-Qaddafi")."""
    return any(t.name_like for t in tokens) and all(t.name_like or t.key in NAME_PARTICLES for t in tokens)


def _whole_sentences(tokens: Sequence[Token], i1: int, i2: int) -> bool:
    """Whether tokens[i1:i2] are whole sentences (an outlet skipped a sentence between two)."""
    return i1 > 0 and i2 > i1 and tokens[i1 - 1].sentence_end and tokens[i2 - 1].sentence_end


# ---------------------------------------------------------------- aligning

def _is_anchor(keys: Sequence[str], i: int, size: int) -> bool:
    if size >= 3:
        return True
    return size == 2 and any(k not in STOP for k in keys[i: i + size])


def _blocks(ka: Sequence[str], kb: Sequence[str], a_from: int = 0, a_to: int | None = None):
    """Anchor blocks (i, j, size) of kb aligned against ka[a_from:a_to]."""
    window = ka[a_from:a_to]
    return [(blk.a + a_from, blk.b, blk.size)
            for blk in SequenceMatcher(None, window, kb, autojunk=False).get_matching_blocks()
            if blk.size and _is_anchor(window, blk.a, blk.size)]


def _best_diagonal(ka: Sequence[str], kb: Sequence[str]) -> int | None:
    """The offset i - j on which most shared shingles lie."""
    where: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(ka) - SHINGLE + 1):
        where[tuple(ka[i: i + SHINGLE])].append(i)
    votes: Counter[int] = Counter()
    for j in range(len(kb) - SHINGLE + 1):
        for i in where.get(tuple(kb[j: j + SHINGLE]), ()):
            votes[i - j] += 1
    if not votes:
        return None
    return min(votes, key=lambda d: (-votes[d], abs(d)))


def _anchor_blocks(ka: Sequence[str], kb: Sequence[str]) -> list[tuple[int, int, int]]:
    """Anchors of the best alignment: the whole passages, or the longer one's window
    around the shorter one when a repeated phrase would pull difflib off course
    ("end up in the Supreme Court ... win at the Supreme Court")."""
    full = _blocks(ka, kb)
    best = full
    if len(ka) > len(kb) + 2 * MAX_GAP or len(kb) > len(ka) + 2 * MAX_GAP:
        d = _best_diagonal(ka, kb)
        if d is not None:
            if len(ka) > len(kb):
                lo = max(0, d - MAX_GAP)
                windowed = _blocks(ka, kb, lo, d + len(kb) + MAX_GAP)
            else:
                lo = max(0, -d - MAX_GAP)
                windowed = [(i, j, n) for j, i, n in _blocks(kb, ka, lo, -d + len(ka) + MAX_GAP)]
            if sum(n for _, _, n in windowed) > sum(n for _, _, n in full):
                best = sorted(windowed)
    return best


def harmonised(ka: Sequence[str], kb: Sequence[str]) -> list[str]:
    """ka with each word that has an equivalent spelling in kb written as kb writes it
    ("'d" -> "would", "f***ing" -> "fucking", "defence" -> "defense")."""
    vocabulary = set(kb)
    by_canon: dict[str, set[str]] = defaultdict(set)
    for w in vocabulary:
        by_canon[american(w)].add(w)
    censored = [w for w in vocabulary if "*" in w]
    expanded = {full: short for short, fulls in AMBIGUOUS.items() for full in fulls}
    out = []
    for k in ka:
        if k not in vocabulary:
            same = {w for w in by_canon.get(american(k), ()) if _spelling_variant(k, w)}
            same |= AMBIGUOUS.get(k, set()) & vocabulary
            if k in expanded and expanded[k] in vocabulary:
                same.add(expanded[k])
            if "*" in k:
                same |= {w for w in vocabulary if _censored_match(k, w)}
            same |= {w for w in censored if _censored_match(w, k)}
            if len(same) == 1:
                k = same.pop()
        out.append(k)
    return out


MAX_EDGE_WORDS = 3  # words each quotation gives before (after) the shared stretch, read as one substitution


def _edge_word(ka: Sequence[str], kb: Sequence[str], i: int, j: int, step: int) -> tuple[int, int] | None:
    """(i, j) of a quotation's closing (step 1) or opening (step -1) word that the other quotation
    gives a few words further out, the shared stretch ending (step 1) or starting at (i, j).

    "I know you're under duress" / "I know you're under a lot of duress to make up ...": the word
    that closes one quotation is the anchor three-word shingles cannot give.
    """
    for one, other, x, y, flipped in ((ka, kb, i, j, False), (kb, ka, j, i, True)):
        edge = len(one) - 1 if step > 0 else 0
        outside = len(one) - x if step > 0 else x  # words of this quotation beyond the shared stretch
        if not 0 < outside <= MAX_GAP or one[edge] in STOP or not one[edge].isalnum():
            continue
        first = y if step > 0 else y - 1
        for at in range(first, first + step * (MAX_GAP + 1), step):
            if 0 <= at < len(other) and other[at] == one[edge]:
                return (at, edge) if flipped else (edge, at)
    return None


def _edge_block(ka: Sequence[str], kb: Sequence[str], i: int, j: int, step: int) -> tuple[int, int, int] | None:
    """A run of two or more shared words, stop words included, that both quotations give within
    MAX_EDGE_WORDS before (step -1) or after (step 1) the shared stretch ending (starting) at (i, j).

    "that's just a bunch of malarkey" / "That's a bunch of malarkey": "that's" alone is no anchor,
    but next to one it shows where both quotations begin, and "just" is what one of them adds.
    """
    reach = MAX_EDGE_WORDS + 2
    if step < 0:
        a_lo, b_lo = max(0, i - reach), max(0, j - reach)
        wa, wb = ka[a_lo:i], kb[b_lo:j]
    else:
        a_lo, b_lo = i, j
        wa, wb = ka[i:i + reach], kb[j:j + reach]
    found = [blk for blk in SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks() if blk.size >= 2]
    if not found:
        return None
    blk = found[-1] if step < 0 else found[0]
    gap_a = len(wa) - (blk.a + blk.size) if step < 0 else blk.a
    gap_b = len(wb) - (blk.b + blk.size) if step < 0 else blk.b
    if max(gap_a, gap_b) > MAX_EDGE_WORDS or gap_a == gap_b == 0:
        return None
    return a_lo + blk.a, b_lo + blk.b, blk.size


def _completed(ka: Sequence[str], kb: Sequence[str], blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The anchor blocks with what the quotations' own edges add.

    A closing (opening) word of one quotation that the other quotes a few words further on is one
    more anchor; when both quotations end (begin) within MAX_EDGE_WORDS of the shared stretch with
    different words, a zero-size block marks where both end (begin), so the substituted words
    are a gap like any other ("As the vice president very well knows" / "I think the vice
    president very well knows").
    """
    if not blocks:
        return blocks
    i, j, n = blocks[-1]
    tail = _edge_word(ka, kb, i + n, j + n, 1)
    after = _edge_block(ka, kb, i + n, j + n, 1) if tail is None else None
    if after is not None:
        blocks = [*blocks, after]
    elif tail is None and 0 < len(ka) - (i + n) <= MAX_EDGE_WORDS and 0 < len(kb) - (j + n) <= MAX_EDGE_WORDS:
        blocks = [*blocks, (len(ka), len(kb), 0)]
    elif tail is not None:
        blocks = [*blocks, (*tail, 1)]
    i, j, _ = blocks[0]
    head = _edge_word(ka, kb, i, j, -1)
    before = _edge_block(ka, kb, i, j, -1) if head is None else None
    if before is not None:
        blocks = [before, *blocks]
    elif head is None and 0 < i <= MAX_EDGE_WORDS and 0 < j <= MAX_EDGE_WORDS:
        blocks = [(0, 0, 0), *blocks]
    elif head is not None:
        blocks = [(*head, 1), *blocks]
    return blocks


def align(a: Passage, b: Passage) -> Match | None:
    """Segments of shared wording between two passages, or None when they share none."""
    segments = []
    run: list[tuple[int, int, int]] = []
    ka = harmonised(a.keys, b.keys)
    for bi, bj, bn in _completed(ka, b.keys, _anchor_blocks(ka, b.keys)):
        if run:
            pi, pj, ps = run[-1]
            if max(bi - (pi + ps), bj - (pj + ps)) > MAX_GAP:
                segments.append(run)
                run = []
        run.append((bi, bj, bn))
    if run:
        segments.append(run)
    kept = tuple(seg for seg in (_segment(a, b, r) for r in segments) if seg is not None)
    return Match(a, b, kept) if kept else None


def _sentence_bounds(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Whether tokens[start:end] is whole sentences, an opening filler aside ("Well, I am ...")."""
    while start > 0 and tokens[start - 1].key in FILLERS and not tokens[start - 1].sentence_end:
        start -= 1
    return (start == 0 or tokens[start - 1].sentence_end) and (end == len(tokens) or tokens[end - 1].sentence_end)


def _same_sentences(a: Passage, b: Passage, i1: int, j1: int, i2: int, j2: int) -> bool:
    """Whether a[i1:i2] and b[j1:j2] are whole sentences in both quotations, with a word beyond
    stop words: "I have not broken any laws." quoted by two outlets that quote different
    sentences around it is still one quotation, however short against the rest."""
    return _sentence_bounds(a.tokens, i1, i2) and _sentence_bounds(b.tokens, j1, j2) \
        and any(t.key not in STOP for t in a.tokens[i1:i2])


def _one_sentence_led_in(a: Passage, b: Passage, i1: int, j1: int, i2: int, j2: int) -> bool:
    """a[i1:i2] is a whole sentence and b[j1:j2] ends one, or the other way round: one sentence, one
    outlet quoting the words that lead into it too ("What have you guys been debating, John?" /
    "In the House of Representatives, what have you guys been doing, John?")."""
    ends = (i2 == len(a.tokens) or a.tokens[i2 - 1].sentence_end) and (j2 == len(b.tokens) or b.tokens[j2 - 1].sentence_end)
    return ends and (_sentence_bounds(a.tokens, i1, i2) or _sentence_bounds(b.tokens, j1, j2))


def _same_speaker(a: Passage, b: Passage) -> bool:
    """Both quotations credited to one named person ("Achieng-Owino" / "Rehema Achieng Owino")."""
    if not a.speaker or not b.speaker:
        return False
    words_a = {fold(w) for w in re.findall(r"[A-Z][a-z]{2,}", a.speaker)}
    words_b = {fold(w) for w in re.findall(r"[A-Z][a-z]{2,}", b.speaker)}
    return any(same_surname(x, y) for x in words_a for y in words_b)


def _segment(a: Passage, b: Passage, run: list[tuple[int, int, int]]) -> Segment | None:
    anchored = sum(s for _, _, s in run)
    shared = [blk for blk in run if blk[2]]  # without the zero-size marks of where both quotations end
    if not shared:
        return None
    first_i, first_j, _ = shared[0]
    last_i, last_j, last_s = shared[-1]
    span_a, span_b = last_i + last_s - first_i, last_j + last_s - first_j
    if anchored < MIN_ANCHORED or anchored < MIN_ANCHOR_SHARE * min(span_a, span_b):
        return None
    # the shorter quotation read whole: the shared words cover it, or frame it end to end with words
    # changed inside ("inflation is firmly anchored within our target range" / "... broadly stable ...")
    shorter_span = span_a if a.size <= b.size else span_b
    if anchored < LONG_MATCH and anchored < MIN_COVER * min(a.size, b.size) \
            and not (shorter_span >= min(a.size, b.size) and _same_speaker(a, b)) \
            and not _same_sentences(a, b, first_i, first_j, last_i + last_s, last_j + last_s) \
            and not (anchored >= MIN_EDIT_CONTEXT and _same_speaker(a, b)
                     and _one_sentence_led_in(a, b, first_i, first_j, last_i + last_s, last_j + last_s)):
        return None  # a stock phrase shared by two different quotes ("not going to pay")
    gaps = []
    for (pi, pj, ps), (ni, nj, ns) in zip(run, run[1:]):
        i1, i2, j1, j2 = pi + ps, ni, pj + ps, nj
        ga, gb = a.tokens[i1:i2], b.tokens[j1:j2]
        verdict = judge_gap(ga, gb)
        if verdict != CONVENTION and (not ga and _whole_sentences(b.tokens, j1, j2)
                                      or not gb and _whole_sentences(a.tokens, i1, i2)):
            verdict = CONVENTION  # a sentence left out between two quoted sentences
        elif verdict == EDIT and (not ga and _aside(b, j1, j2) or not gb and _aside(a, i1, i2)):
            verdict = WORDING  # "sought to, however ham-handedly, collude" / "sought to collude"
        gaps.append(Gap(i1, i2, j1, j2, verdict, ps + ns))
    return Segment(tuple(run), tuple(gaps))


def _shingles(keys: Sequence[str]) -> set[tuple[str, ...]]:
    return {tuple(keys[i: i + SHINGLE]) for i in range(len(keys) - SHINGLE + 1)}


def run_passages(claims: Sequence[Claim], context) -> list[Passage]:
    """``passages`` of the run, built once in the run's analysis object however many rules read them."""
    return context.artifact("quote passages", lambda: passages(claims))


def run_matches(claims: Sequence[Claim], context) -> list[Match]:
    """``matches`` of the run, computed once in the run's analysis object for the rules that share it."""
    def compute() -> list[Match]:
        group_of = context.groups(c.source_id for c in claims)
        return list(matches(claims, context.same_event, group_of, run_passages(claims, context)))

    return context.artifact("quote matches", compute)


def matches(claims: Sequence[Claim], same_event: Callable[[str, str], bool],
            group_of: dict[str, int] | None = None, found: list[Passage] | None = None) -> Iterator[Match]:
    """Aligned pairs of passages from different sources of one event.

    With ``group_of`` (source id -> event number) shingles are indexed per
    event: a stock phrase is judged by how often one story quotes it, so an
    archive of thousands of stories neither pairs passages across stories
    nor loses a quotation that many other stories also quote.
    """
    found = passages(claims) if found is None else found
    index: dict[tuple, list[int]] = defaultdict(list)
    for n, p in enumerate(found):
        event = group_of.get(p.source_id) if group_of is not None else None
        for sh in _shingles([t.key for t in p.tokens if not t.editorial and not t.ellipsis]):
            index[(event, sh)].append(n)
    candidates: set[tuple[int, int]] = set()
    for posting in index.values():
        if len(posting) > MAX_POSTINGS:
            continue
        for x in range(len(posting)):
            for y in range(x + 1, len(posting)):
                m, n = posting[x], posting[y]
                if found[m].source_id != found[n].source_id:
                    candidates.add((m, n))
    aligned = []
    for m, n in sorted(candidates):
        a, b = found[m], found[n]
        if not same_event(a.source_id, b.source_id):
            continue
        match = align(a, b)
        if match is not None:
            aligned.append(match)
    yield from exclusive(aligned)


def _covered(match: Match) -> tuple[set[int], set[int]]:
    ia, ib = set(), set()
    for seg in match.segments:
        for i, j, size in seg.anchors:
            ia.update(range(i, i + size))
            ib.update(range(j, j + size))
    return ia, ib


def exclusive(aligned: Sequence[Match]) -> list[Match]:
    """Each stretch of a quotation matched once per other source, by its best match.

    "We're the ones who are offering a plan to save Medicare" matches one
    passage of the other outlet word for word; its weaker alignment with the
    same outlet's "We're the ones who are not raiding Medicare" is a parallel
    sentence, not a second version of the same words.
    """
    covered: dict[tuple[str, int, str], set[int]] = defaultdict(set)
    kept = []
    for match in sorted(aligned, key=lambda m: (-m.anchored, m.a.source_id, m.a.span.start, m.b.source_id,
                                                 m.b.span.start)):
        ia, ib = _covered(match)
        key_a = (match.a.source_id, match.a.span.start, match.b.source_id)
        key_b = (match.b.source_id, match.b.span.start, match.a.source_id)
        if len(ia & covered[key_a]) > len(ia) / 2 or len(ib & covered[key_b]) > len(ib) / 2:
            continue
        covered[key_a] |= ia
        covered[key_b] |= ib
        kept.append(match)
    return sorted(kept, key=lambda m: (m.a.source_id, m.a.span.start, m.b.source_id, m.b.span.start))


# ---------------------------------------------------------------- short quoted fragments

MIN_FRAGMENT_LETTERS = 5  # a quoted fragment needs one content word this long ("exhilarated")
MAX_FRAGMENT_SITES = 50  # a fragment quoted more often than this is a slogan, not a finding


@dataclass(frozen=True)
class FragmentSite:
    """Where a short quoted fragment's words are quoted: as a fragment, or inside a quotation."""

    claim: int
    span: Span
    alone: bool  # quoted on its own (not inside a longer quotation)

    def source(self, claims: Sequence[Claim]) -> str:
        return claims[self.claim].source_id


def _fragment_keys(span: Span) -> tuple[str, ...]:
    """Keys of a fragment worth matching: one with a common word of its own, not only a name
    ("“exhilarated”", "“politically motivated”"; not "“Mexico!”" or "“in Vietnam”")."""
    words = [m.group() for m in _TOKEN.finditer(span.text) if m.group() not in "[]()…" and m.group() != "..."]
    if not any(len(w) >= MIN_FRAGMENT_LETTERS and w.isalpha() and w[0].islower() and w.lower() not in STOP
               for w in words):
        return ()
    return tuple(k for w in words for k in word_keys(w))


def fragment_pairs(claims: Sequence[Claim], same_event: Callable[[str, str], bool],
                   group_of: dict[str, int] | None = None,
                   found: list[Passage] | None = None) -> Iterator[tuple[FragmentSite, FragmentSite]]:
    """Pairs of sites from different sources of one event quoting the same short fragment,
    at least one of them on its own ("a “historic challenge”" / "... is a historic challenge.”").
    With ``group_of`` (source id -> event number) sites are paired, and counted, per event."""
    found = passages(claims) if found is None else found
    sites: dict[tuple[str, ...], list[FragmentSite]] = defaultdict(list)
    for idx, claim in enumerate(claims):
        for span in claim.facts.fragments:
            keys = _fragment_keys(span)
            if keys:
                sites[keys].append(FragmentSite(idx, span, alone=True))
    for p in found:  # a whole quotation too short to align ("spill the beans") is matched like a fragment
        keys = _fragment_keys(p.span) if p.size < MIN_ANCHORED and p.tokens else ()
        if keys and p.tokens[0].claim is not None:
            start, end = p.tokens[0].start, p.tokens[-1].end  # the words, without the closing comma
            sites[keys].append(FragmentSite(p.tokens[0].claim, Span(start, end, p.article.text[start:end]), alone=True))
    if not sites:
        return
    lengths = {len(k) for k in sites}
    alone = {(site.claim, site.span.start, site.span.end) for found_at in sites.values() for site in found_at}
    for p in found:
        keys = p.keys
        for n in lengths:
            for i in range(len(keys) - n + 1):
                window = tuple(keys[i: i + n])
                if window in sites and p.tokens[i].claim is not None:
                    start, end = p.tokens[i].start, p.tokens[i + n - 1].end
                    if (p.tokens[i].claim, start, end) in alone:
                        continue  # the short quotation itself
                    sites[window].append(FragmentSite(p.tokens[i].claim, Span(start, end, p.article.text[start:end]),
                                                      alone=False))
    for keys in sorted(sites):
        by_event: dict = defaultdict(list)
        for site in sites[keys]:
            by_event[group_of.get(site.source(claims)) if group_of is not None else None].append(site)
        for event_sites in by_event.values():
            if len(event_sites) > MAX_FRAGMENT_SITES:
                continue
            yield from _site_pairs(event_sites, claims, same_event)


def _site_pairs(found: Sequence[FragmentSite], claims: Sequence[Claim], same_event: Callable[[str, str], bool]
                ) -> Iterator[tuple[FragmentSite, FragmentSite]]:
    for x in range(len(found)):
        for y in range(x + 1, len(found)):
            a, b = found[x], found[y]
            sa, sb = a.source(claims), b.source(claims)
            if sa != sb and (a.alone or b.alone) and same_event(sa, sb):
                yield a, b


MIN_ALTERED_FRAGMENT = 3  # words of a fragment that may be read as one word changed
MAX_SHORT_QUOTE = MIN_ANCHORED + 2  # a whole quotation this short is read like a fragment


def altered_fragments(claims: Sequence[Claim], same_event: Callable[[str, str], bool],
                      group_of: dict[str, int], found: list[Passage]
                      ) -> Iterator[tuple[FragmentSite, FragmentSite, str, str]]:
    """A short fragment one source quotes on its own, which another source of the event quotes with
    one word changed ("“steward its resources”" / "... to husband its resources and ..."): the
    two sites and the two words. The word changed is a lower-case content word, not an inflection
    or a convention, and the words kept hold a long content word."""
    by_event: dict[int, list[Passage]] = defaultdict(list)
    for p in found:
        by_event[group_of.get(p.source_id, -1)].append(p)
    for idx, claim in enumerate(claims):
        short = [q.span for q in claim.facts.quotes if q.passage is not None
                 and len(q.passage.text.split()) <= MAX_SHORT_QUOTE]  # "“steward its resources.”": too short to align
        for span in (*claim.facts.fragments, *short):
            keys = _fragment_keys(span)
            if len(keys) < MIN_ALTERED_FRAGMENT:
                continue
            for p in by_event[group_of.get(claim.source_id, -1)]:
                if p.source_id == claim.source_id or not same_event(p.source_id, claim.source_id):
                    continue
                yield from _one_word_off(claims, idx, span, keys, p)


def _one_word_off(claims, idx: int, span: Span, keys: tuple[str, ...], p: Passage):
    n = len(keys)
    for i in range(len(p.tokens) - n + 1):
        window = p.tokens[i: i + n]
        if window[0].claim is None or any(t.editorial or t.ellipsis for t in window):
            continue
        off = [k for k in range(n) if window[k].key != keys[k]]
        if len(off) != 1:
            continue
        k = off[0]
        mine, theirs = keys[k], window[k].key
        kept = [keys[x] for x in range(n) if x != k]
        if mine in STOP or theirs in STOP or window[k].capital or not (mine + theirs).isalpha() \
                or judge_keys([mine], [theirs]) != EDIT:
            continue  # figures are the quantity rules', names the name rules
        if not any(len(w) >= MIN_FRAGMENT_LETTERS and w not in STOP for w in kept):
            continue
        start, end = window[0].start, window[-1].end
        yield (FragmentSite(idx, span, alone=True),
               FragmentSite(window[0].claim, Span(start, end, p.article.text[start:end]), alone=False),
               mine, theirs)
        return


# ---------------------------------------------------------------- reporting helpers

def claim_for(tokens: Sequence[Token], i1: int, i2: int) -> int | None:
    """The claim holding words tokens[i1:i2] (for an empty range: the word after, else before)."""
    for t in tokens[i1:i2]:
        if t.claim is not None:
            return t.claim
    for k in (i2, i1 - 1):
        if 0 <= k < len(tokens) and tokens[k].claim is not None:
            return tokens[k].claim
    return None


def value_range(tokens: Sequence[Token], i1: int, i2: int, claim: int, lo: int, hi: int,
                context: int = 2, most: int = 4) -> tuple[int, int]:
    """Token range of an edit with a little context, kept within the claim and tokens[lo:hi].

    At least ``context`` written words on each side, more while the next word continues a capitalised name
    ("at the Supreme Court"), at most ``most``.
    """
    def word_count(a: int, b: int) -> int:
        return len({t.start for t in tokens[a:b]})

    left = i1
    while left > lo and tokens[left - 1].claim == claim and (
            word_count(left, i1) < context or tokens[left - 1].start == tokens[left].start):
        left -= 1
    right = i2
    while right < hi and tokens[right].claim == claim and (
            word_count(i2, right) < context or tokens[right].start == tokens[right - 1].start
            or (word_count(i2, right) < most and _capitalised(tokens, right))):
        right += 1
    return left, right


def _capitalised(tokens: Sequence[Token], k: int) -> bool:
    """Whether word k is a capitalised word continuing a name (not a piece of an expanded word)."""
    return tokens[k].capital and (k == 0 or tokens[k].start != tokens[k - 1].start)


def written(article: Article, tokens: Sequence[Token], left: int, right: int) -> Span | None:
    """The article span of tokens[left:right] (None when empty)."""
    if right <= left:
        return None
    start, end = tokens[left].start, tokens[right - 1].end
    return Span(start, end, article.text[start:end])


def norm_of(tokens: Sequence[Token], left: int, right: int) -> str:
    return " ".join(t.key for t in tokens[left:right] if not t.ellipsis)
