"""The aligned claim diff: two claims about one fact, lined up word by word.

Two outlets telling the same fact write the same frame around it and differ in
the value: "met on Monday" / "met on Tuesday", "a $900 sofa" / "a $1,200 sofa",
"Foreign Minister Rutte" / "Finance Minister Rutte". Aligning the two claims'
words (rapidfuzz's Indel alignment: the longest common subsequence of word
keys) leaves the frame as matched runs and the values as the *differences*
between them. A difference counts when it sits in a frame: matched words on
both sides (or a long run on one), and the claims share enough of their words
that they can be about one fact. What a difference *is* (a number, a weekday,
a name, an office, a negation) is decided by the classifiers in
``compare/rules/aligned_*.py``; this module only aligns and measures.

Word keys fold what is a convention, not a fact (lexicon): case, accents,
British and American spelling, number words ("nine" = "9"), "percent" = "%",
"U.S." = "US", so a convention never becomes a difference.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rapidfuzz.distance import Indel

from ..lexicon import numbers, spelling
from ..lexicon.roles import ABBREVIATED_TITLES
from ..model import Claim

_TOKEN = re.compile(
    r"(?:[$€£]\s?)?\d+(?:,\d{3})*(?:\.\d+)?(?:%|(?=\s?percent))?"  # figures, money, percentages ("2009," is 2009)
    r"|(?:[A-Za-z]\.){2,}"  # U.S., D.C.
    r"|[^\W\d_](?:[\w]|['’](?=\w))*"  # words, with inner apostrophes
)
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
STOPWORDS = frozenset("""
a an the of to in on at by for and or but is are was were be been being has have had do does did it its
that this these those with as from he she they his her their him them we our us you your i my me
said says say told tells will would could should may might can also who whom which what when where than
then there here so such just about into over after before up out off s 's
""".split()) - NEGATIONS


@dataclass(frozen=True, slots=True)
class Word:
    """One aligned word of a claim: its text, where it is, and its comparison key."""

    text: str
    start: int  # article offsets
    end: int
    key: str
    capital: bool  # written with a capital letter
    sentence_start: bool  # first word of its sentence (capitalised whatever it is)
    number: float | None  # the figure it states, if it is one
    in_quote: bool
    in_name: bool = False  # inside a name the entity tagger found ("Boehner was back": a name, though first)
    named_elsewhere: bool = False  # opens its sentence, and the article writes it capitalised mid-sentence

    @property
    def content(self) -> bool:
        return self.key not in STOPWORDS

    @property
    def name_like(self) -> bool:
        return self.capital and (not self.sentence_start or self.in_name) and self.number is None


_CURRENCY_START = re.compile(rf"(?i:{numbers.CURRENCY_PREFIX_PATTERN})\s?\d")  # money, whatever its currency


def key_of(text: str) -> tuple[str, float | None]:
    """A word's comparison key and, for a figure, its value; names are not stemmed ("Steele" / "Steel")."""
    value = numbers.figure(text)
    if value is not None:
        unit = "$" if _CURRENCY_START.match(text) else ("%" if text.endswith("%") else "")
        return f"{unit}{value:g}", value
    word = spelling.fold_word(text).replace(".", "")  # "U.S." = "US"
    if word in numbers.WORDS or word in numbers.MULTIPLICATIVES:
        value = float(numbers.WORDS[word] if word in numbers.WORDS else numbers.MULTIPLICATIVES[word])
        return f"{value:g}", value
    word = spelling.american(word)
    return (spelling.stem(word) if len(word) >= 5 and not text[:1].isupper() else word), None


def _starts_sentence(gap: str, previous: str) -> bool:
    """Whether the word after ``gap`` (the text since the ``previous`` word) opens a sentence or a
    quotation, where a capital says nothing about a name."""
    marks = gap.strip()
    if not marks:
        return False
    if re.search(r"[.!?]", marks):  # a period after a title or an initial ends nothing: "Mr. Trump", "F. Bauer"
        return not (marks == "." and (previous.lower() in ABBREVIATED_TITLES or len(previous) == 1
                                      and previous.isupper()))
    if ":" in marks or marks[-1] in "“‘":
        return True
    return marks[-1] in "\"'" and not re.search(r"[,;”’]", marks)  # a straight mark opening a quotation


def words_of(claim: Claim) -> tuple[Word, ...]:
    """The claim's words with keys; "percent" after a figure is folded into it."""
    text = claim.text
    quotes = [(q.span.start, q.span.end) for q in claim.facts.quotes] + [(f.start, f.end) for f in claim.facts.fragments]
    names = [(n.span.start, n.span.end) for n in claim.facts.names if n.label == "PERSON"]
    out: list[Word] = []
    previous_end = -1
    for m in _TOKEN.finditer(text):
        raw = m.group()
        key, value = key_of(raw)
        if key == "percent" and out and out[-1].number is not None and "%" not in out[-1].key:
            last = out.pop()
            out.append(Word(last.text + text[last.end - claim.start:m.end()], last.start, claim.start + m.end(),
                            last.key + "%", last.capital, last.sentence_start, last.number, last.in_quote))
            previous_end = m.end()
            continue
        start = claim.start + m.start()
        gap = text[previous_end:m.start()] if previous_end >= 0 else ""
        sentence_start = previous_end < 0 or _starts_sentence(gap, out[-1].text if out else "")
        capital = raw[:1].isupper()
        out.append(Word(raw, start, claim.start + m.end(), key, capital, sentence_start, value,
                        any(s <= start < e for s, e in quotes), any(s <= start < e for s, e in names),
                        capital and sentence_start and _LEAD_WORD.match(raw).group() in _capitalised_mid_sentence(claim.article.text)))
        previous_end = m.end()
    return tuple(out)


_LEAD_WORD = re.compile(r"\w*")
_MID_SENTENCE_CAPITAL = re.compile(r"(?:(?<=[a-z] )|(?<=[a-z], )|(?<=, ))([A-Z]\w*)")


@lru_cache(maxsize=64)  # one scan per article, not one per sentence-opening word of each claim
def _capitalised_mid_sentence(text: str) -> frozenset[str]:
    """Words the article writes with a capital after a lower-case word or a comma ("said Holder"):
    names, though the tagger leaves them untagged where they open a sentence."""
    return frozenset(_MID_SENTENCE_CAPITAL.findall(text))


@dataclass(frozen=True, slots=True)
class Difference:
    """Words of one claim set against the words of the other, between matched runs."""

    a: tuple[Word, ...]  # may be empty: words only the other claim has
    b: tuple[Word, ...]
    left: int  # matched words just before
    right: int  # matched words just after
    left_words: tuple[Word, ...]  # those matched words, in claim a
    right_words: tuple[Word, ...]
    left_b: tuple[Word, ...] = ()  # the matched words before and after, in claim b
    right_b: tuple[Word, ...] = ()

    @property
    def framed(self) -> bool:
        """Matched words on both sides, or a run of three on one: the value sits in a shared frame."""
        return (self.left >= 1 and self.right >= 1) or self.left >= 3 or self.right >= 3

    @property
    def content_frame(self) -> int:
        return sum(w.content for w in self.left_words[-3:]) + sum(w.content for w in self.right_words[:3])


@dataclass(frozen=True)
class Alignment:
    """Two claims aligned word by word."""

    a: Claim
    b: Claim
    words_a: tuple[Word, ...]
    words_b: tuple[Word, ...]
    differences: tuple[Difference, ...]
    matched: int  # words in matched runs

    @cached_property
    def coverage(self) -> float:
        """Share of the shorter claim's content words that are matched in the other."""
        content_a = sum(w.content for w in self.words_a)
        content_b = sum(w.content for w in self.words_b)
        unmatched_a = sum(w.content for d in self.differences for w in d.a)
        unmatched_b = sum(w.content for d in self.differences for w in d.b)
        shorter = min(content_a, content_b)
        if shorter == 0:
            return 0.0
        matched = min(content_a - unmatched_a, content_b - unmatched_b)
        return matched / shorter

    def substantive(self, exclude: Difference | None = None) -> int:
        """Other differences with content words on both sides: the claims say other things too."""
        return sum(
            1 for d in self.differences
            if d is not exclude and any(w.content for w in d.a) and any(w.content for w in d.b)
        )


def align(a: Claim, b: Claim, words_a: tuple[Word, ...] | None = None,
          words_b: tuple[Word, ...] | None = None) -> Alignment:
    wa = words_a if words_a is not None else words_of(a)
    wb = words_b if words_b is not None else words_of(b)
    ops = Indel.opcodes([w.key for w in wa], [w.key for w in wb])
    blocks: list[tuple[str, int, int, int, int]] = []
    for op in ops:  # join runs of inserts and deletes into one replaced stretch
        if op.tag != "equal" and blocks and blocks[-1][0] == "diff":
            _, i1, _, j1, _ = blocks[-1]
            blocks[-1] = ("diff", i1, op.src_end, j1, op.dest_end)
        else:
            blocks.append(("equal" if op.tag == "equal" else "diff", op.src_start, op.src_end,
                           op.dest_start, op.dest_end))
    differences = []
    matched = 0
    for n, (tag, i1, i2, j1, j2) in enumerate(blocks):
        if tag == "equal":
            matched += i2 - i1
            continue
        before = blocks[n - 1] if n > 0 else None
        after = blocks[n + 1] if n + 1 < len(blocks) else None
        left = before[2] - before[1] if before else 0
        right = after[2] - after[1] if after else 0
        left_words, left_b = (wa[before[1]:before[2]], wb[before[3]:before[4]]) if before else ((), ())
        right_words, right_b = (wa[after[1]:after[2]], wb[after[3]:after[4]]) if after else ((), ())
        cut = _clause_cut(a, b, wa, wb, i1, i2, j1, j2) if i2 - i1 > 1 and j2 - j1 > 1 else None
        if cut is not None:  # "since 2009, denied the charges" / "since 2011, pleaded not guilty"
            p, q = cut
            differences.append(Difference(wa[i1:p], wb[j1:q], left, 1, left_words, (), left_b, ()))
            differences.append(Difference(wa[p:i2], wb[q:j2], 0, right, (), right_words, (), right_b))
            continue
        differences.append(Difference(wa[i1:i2], wb[j1:j2], left, right, left_words, right_words, left_b, right_b))
    return Alignment(a, b, wa, wb, tuple(differences), matched)


CLAUSE_MARKS = ",;:(—–"
MAX_BEFORE_MARK = 3  # words of a value before the clause mark that ends it on both sides


def _clause_cut(a: Claim, b: Claim, wa, wb, i1: int, i2: int, j1: int, j2: int) -> tuple[int, int] | None:
    """Where a long difference splits at the same clause mark on both sides, a few words in: the words
    before it are a value framed by the matched words and the mark, the rest another difference."""
    def mark_after(claim: Claim, words, start: int, end: int) -> tuple[int, str] | None:
        for k in range(start, min(end, start + MAX_BEFORE_MARK)):
            follows = claim.article.text[words[k].end: words[k].end + 2].lstrip(" ")[:1]
            if follows and follows in CLAUSE_MARKS:
                return k + 1, follows
        return None

    ma, mb = mark_after(a, wa, i1, i2), mark_after(b, wb, j1, j2)
    if ma is None or mb is None or ma[1] != mb[1] or (ma[0] == i2 and mb[0] == j2):
        return None
    return ma[0], mb[0]
