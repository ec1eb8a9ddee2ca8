from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from ...extract.text import fold
from ...lexicon.calendar import MONTHS, WEEKDAYS
from ...extract.quotes import SPEECH_VERBS
from ...lexicon.roles import ANTONYMS
from ...lexicon.spelling import stem
from ...lexicon.verbs import AUXILIARIES, IRREGULAR
from ...model import Claim, Kind, Observation, Severity, Span
from ..align import STOPWORDS
from ..base import Rule, side

NEGATORS = frozenset({"not", "never"})
DO_SUPPORT = frozenset({"do", "does", "did"})
ARTICLES = frozenset({"the", "a", "an"})
IGNORED = NEGATORS | DO_SUPPORT | AUXILIARIES | ARTICLES
# a difference in any of these changes time, mood or condition: not a plain contradiction
BLOCKERS = frozenset({
    "will", "would", "could", "can", "may", "might", "should", "must", "shall", "if", "unless",
    "whether", "until", "yet", "expected", "likely", "plan", "plans", "planned", "want", "wants", "wanted",
    "intend", "intends", "try", "tried", "tries", "only", "no", "nor", "without", "fail", "failed",
    "refuse", "refused", "said", "says", "say", "told", "according", "reportedly", "allegedly",
    "immediately", "publicly", "formally", "officially", "fully", "entirely", "necessarily",
})
MAX_OTHER_WORDS = 2  # other words that may differ (besides the predicate), and at most
MAX_OTHER_SHARE = 0.2  # this share of the shorter claim
MIN_WORDS = 3

_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class Word:
    key: str
    start: int  # article offsets of the written word
    end: int
    capital: bool


def words_of(claim: Claim) -> list[Word]:
    """The claim's words, folded, with "didn't" written as "did not" (both at one offset)."""
    return list(_words(claim.text, claim.start))


@functools.lru_cache(maxsize=1 << 16)  # a claim is read once per pair it is in
def _words(text: str, offset: int) -> tuple[Word, ...]:
    out = []
    for m in _WORD.finditer(text):
        w = fold(m.group()).replace("’", "'")
        start, end = offset + m.start(), offset + m.end()
        keys = [w]
        if w.endswith("n't"):
            keys = [{"wo": "will", "ca": "can", "sha": "shall"}.get(w[:-3], w[:-3]), "not"]
        elif w in ("cannot",):
            keys = ["can", "not"]
        for k in keys:
            out.append(Word(k, start, end, m.group()[:1].isupper() and m.start() > 0))
    return tuple(out)


def is_form_of(word: str, lemma: str) -> bool:
    """"approved" is a form of "approve", "rose" of "rise" (no parser at compare time)."""
    if word == lemma or word in IRREGULAR.get(lemma, ()):
        return True
    stem = lemma[:-1] if lemma.endswith(("e", "y")) else lemma
    return len(stem) >= 3 and word.startswith(stem) and len(word) <= len(lemma) + 3 \
        and word[len(stem):] in ("", "e", "s", "es", "ed", "d", "ing", "ied", "ies", "ted", "ting", "ned",
                                 "ning", "ped", "ping", "red", "ring", "ded", "ding")


@dataclass(frozen=True)
class Contrast:
    """Where the two claims differ: the predicate in each, and how."""

    x_value: Span
    y_value: Span
    x_norm: str
    y_norm: str


def _predicate_at(words: Sequence[Word], lemma: str) -> list[int]:
    return [n for n, w in enumerate(words) if is_form_of(w.key, lemma)]


def _phrase(claim: Claim, words: Sequence[Word], n: int) -> Span:
    """The predicate word with the negation and auxiliaries just before it ("did not approve")."""
    first = n
    while first > 0 and n - first < 3 and words[first - 1].key in NEGATORS | DO_SUPPORT | AUXILIARIES:
        first -= 1
    start, end = words[first].start, words[n].end
    return Span(start, end, claim.article.text[start:end])


def contrast(x: Claim, y: Claim, lemma_x: str, lemma_y: str, negated_x: bool) -> Contrast | None:
    """The two predicates' phrases when x and y differ only there (and in negation)."""
    wx, wy = words_of(x), words_of(y)
    px, py = _predicate_at(wx, lemma_x), _predicate_at(wy, lemma_y)
    if len(px) != 1 or len(py) != 1:
        return None  # the verb twice, or not found: too unclear to call
    if negated_x:
        before = {w.key for w in wx[max(0, px[0] - 3): px[0]]}
        if not before & NEGATORS or any(w.key in NEGATORS for w in wy):
            return None
    elif any(w.key in NEGATORS for w in (*wx, *wy)):
        return None
    kx = [(n, w.key) for n, w in enumerate(wx) if w.key not in IGNORED]
    ky = [(n, w.key) for n, w in enumerate(wy) if w.key not in IGNORED]
    if min(len(kx), len(ky)) < MIN_WORDS:
        return None
    others: list[Word] = []
    ops = Indel.opcodes([k for _, k in kx], [k for _, k in ky])
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        others += [wx[n] for n, _ in kx[i1:i2] if n != px[0]]
        others += [wy[n] for n, _ in ky[j1:j2] if n != py[0]]
    if any(w.key in BLOCKERS or w.capital or w.key.isdigit() for w in others):
        return None
    if len(others) > MAX_OTHER_WORDS or len(others) > MAX_OTHER_SHARE * min(len(kx), len(ky)):
        return None
    return Contrast(
        x_value=_phrase(x, wx, px[0]), y_value=_phrase(y, wy, py[0]),
        x_norm=("not " if negated_x else "") + lemma_x, y_norm=lemma_y,
    )


CONDITIONS = frozenset({"if", "unless", "whether", "until", "should"})
NOT_DOERS = NEGATORS | frozenset(WEEKDAYS) | frozenset(MONTHS)  # "On Tuesday the candidate", "has not"
PARAPHRASE_OBJECT_WORDS = 8  # words after a predicate that name what it acts on
PARAPHRASE_SUBJECT_WORDS = 5  # words before it that name who acts
MIN_PARAPHRASE_SHARED = 3  # content words two paraphrases share besides their predicates
MIN_PARAPHRASE_SHARE = 0.4  # and this share of the shorter one's
MIN_DOER_SHARE = 0.7  # of the shorter description of who acts, when neither is within the other


def _content(words: Sequence[Word]) -> set[str]:
    return {stem(w.key.removesuffix("'s")) for w in words if w.key not in STOPWORDS and not w.key.isdigit()}


def _quoted(claim: Claim, offset: int) -> bool:
    return any(q.span.start <= offset < q.span.end for q in claim.facts.quotes)


def same_doer(doers_x: set[str], doers_y: set[str]) -> bool:
    """One set of words before the predicates within the other, or most of them shared in a longer
    description ("SITRAF, a union representing station and maintenance staff, rejected" / "SITRAF, which
    represents station and maintenance workers, accepted")."""
    shared = len(doers_x & doers_y)
    return doers_x <= doers_y or doers_y <= doers_x \
        or shared >= MIN_PARAPHRASE_SHARED and shared >= MIN_DOER_SHARE * min(len(doers_x), len(doers_y))


DOER_LABELS = frozenset({"PERSON", "ORG"})  # names that cast votes; places and parties often describe them


def _named(x: Claim, before_x: Sequence[Word], y: Claim, before_y: Sequence[Word],
           actors_first: bool = False) -> tuple[set[str], set[str]]:
    """The name mentioned last before each of two predicates ("South Korea also lifted" / "South Korea
    agreed on Tuesday to ease": South Korea both times; "SITRAF, a union representing station staff,
    rejected" / "SITRAF, which represents station workers, accepted"), with ``actors_first`` the last
    person or organisation ("Rosa Delgado, a Democrat from Yuma, voted"), or nothing to compare when
    either has none."""
    def last_name(claim: Claim, words: Sequence[Word]) -> set[str]:
        end = words[-1].end if words else claim.start
        names = [m for m in claim.facts.names if m.span.end <= end and m.label not in ("DATE", "TIME")]
        actors = [m for m in names if m.label in DOER_LABELS] if actors_first else []
        return {fold(" ".join((actors or names)[-1].tokens))} if names else set()

    nx, ny = last_name(x, before_x), last_name(y, before_y)
    return (nx, ny) if nx and ny else ({"?x"}, {"?y"})


def _one_statement(cx: set[str], cy: set[str]) -> bool:
    """Enough content words in common, of the shorter, to be one statement told two ways."""
    shared = len(cx & cy)
    return shared >= MIN_PARAPHRASE_SHARED and shared >= MIN_PARAPHRASE_SHARE * min(len(cx), len(cy))


def paraphrased_contrast(x: Claim, y: Claim, lemma_x: str, lemma_y: str, negated_x: bool = False) -> Contrast | None:
    """Opposite predicates in two claims worded otherwise, acting on one thing: "The club's owner
    confirmed that construction would begin" / "The owner of the club denied that building work would
    start". Neither predicate may be negated, hedged, planned or quoted; the words before them (who
    acts) must be one set, or one within the other."""
    wx, wy = words_of(x), words_of(y)
    px, py = _predicate_at(wx, lemma_x), _predicate_at(wy, lemma_y)
    if len(px) != 1 or len(py) != 1:
        return None
    (i,), (j,) = px, py
    if negated_x and (lemma_x in SPEECH_VERBS or not {w.key for w in wx[max(0, i - 3): i]} & NEGATORS
                      or {w.key for w in wx[:i]} & CONDITIONS):
        return None  # "did not say whether" against "said", or "if the council does not approve": no contrary
    if negated_x and any(w.key in NEGATORS for w in wy):
        return None  # "speculated that the White House offered ..., Bauer said that was never the case"
    if not _one_act_told_two_ways(x, wx, i, y, wy, j, negated_x):
        return None
    return Contrast(x_value=_phrase(x, wx, i), y_value=_phrase(y, wy, j),
                    x_norm=("not " if negated_x else "") + lemma_x, y_norm=lemma_y)


# a predicate followed by one of these takes a side: "voted for" / "voted against", "argued for" / "argued against"
SIDES = {"for": "against", "against": "for"}


def opposite_sides(x: Claim, y: Claim, lemma: str) -> Contrast | None:
    """One predicate taking opposite sides in two claims about one act: "the only Democrat to vote for
    the bill" / "a Democrat from Yuma who voted against the bill"; worded otherwise, read as a paraphrase."""
    wx, wy = words_of(x), words_of(y)
    px = [n for n in _predicate_at(wx, lemma) if n + 1 < len(wx) and wx[n + 1].key in SIDES]
    py = [n for n in _predicate_at(wy, lemma) if n + 1 < len(wy) and wy[n + 1].key in SIDES]
    if len(px) != 1 or len(py) != 1:
        return None
    (i,), (j,) = px, py
    if SIDES[wx[i + 1].key] != wy[j + 1].key or not _one_act_told_two_ways(x, wx, i + 1, y, wy, j + 1, False, sides=True):
        return None
    x_value, y_value = _phrase(x, wx, i), _phrase(y, wy, j)
    return Contrast(
        x_value=Span(x_value.start, wx[i + 1].end, x.article.text[x_value.start:wx[i + 1].end]),
        y_value=Span(y_value.start, wy[j + 1].end, y.article.text[y_value.start:wy[j + 1].end]),
        x_norm=f"{lemma} {wx[i + 1].key}", y_norm=f"{lemma} {wy[j + 1].key}",
    )


def _one_act_told_two_ways(x: Claim, wx: Sequence[Word], i: int, y: Claim, wy: Sequence[Word], j: int,
                           negated_x: bool, sides: bool = False) -> bool:
    """The predicates at wx[i] and wy[j] (with ``sides``, the side words after them) are one act:
    neither hedged, negated (but x's when ``negated_x``), quoted or a participle; acting on one thing,
    by one doer, in claims that tell one statement (for sides: by the same named doer)."""
    for words, n, claim, negation_allowed in ((wx, i, x, negated_x), (wy, j, y, False)):
        verb = n - 1 if sides else n
        before = words[max(0, verb - 3): verb]
        if any((w.key in BLOCKERS and not _limits_a_noun(words, k, verb)) or (w.key in NEGATORS and not negation_allowed)
               for k, w in enumerate(before, start=max(0, verb - 3))) \
                or _quoted(claim, words[verb].start) or words[verb].key.endswith("ing"):
            return False  # hedged, negated, quoted, or a participle ("stickers criticizing officials")
    if not (_content(wx[i + 1: i + 1 + PARAPHRASE_OBJECT_WORDS]) & _content(wy[j + 1: j + 1 + PARAPHRASE_OBJECT_WORDS])
            - NOT_DOERS):
        return False  # not one thing acted on (a day is when, not what)
    if sides:
        named_x, named_y = _named(x, wx[:i], y, wy[:j], actors_first=True)
        return named_x == named_y  # one named voter, one thing voted on: one vote
    before_x = wx[max(0, i - PARAPHRASE_SUBJECT_WORDS): i]
    before_y = wy[max(0, j - PARAPHRASE_SUBJECT_WORDS): j]
    doers_x, doers_y = _content(before_x) - NOT_DOERS, _content(before_y) - NOT_DOERS
    if doers_x and doers_y and not same_doer(doers_x, doers_y) and not same_doer(*_named(x, wx[:i], y, wy[:j])):
        return False  # "shares of the carmaker rose" / "shares of the airline fell": two doers
    predicates = {stem(wx[i].key), stem(wy[j].key)}
    window_x = wx[max(0, i - PARAPHRASE_SUBJECT_WORDS): i + 1 + PARAPHRASE_OBJECT_WORDS]
    window_y = wy[max(0, j - PARAPHRASE_SUBJECT_WORDS): j + 1 + PARAPHRASE_OBJECT_WORDS]
    return _one_statement(_content(wx) - predicates, _content(wy) - predicates) \
        or _one_statement(_content(window_x) - predicates, _content(window_y) - predicates)


def _limits_a_noun(words: Sequence[Word], k: int, verb: int) -> bool:
    """"only" before a noun and "to" ("the only Democrat to vote for") picks out the doer, not the act."""
    return words[k].key == "only" and k + 2 < verb and words[k + 2].key == "to"


def bare_negation(x: Claim, y: Claim) -> Contrast | None:
    """x is y word for word with one "not"/"never" added ("The suspect was not armed")."""
    wx, wy = words_of(x), words_of(y)
    negators = [n for n, w in enumerate(wx) if w.key in NEGATORS]
    if len(negators) != 1 or any(w.key in NEGATORS for w in wy):
        return None
    n = negators[0]
    if [w.key for w in wx[:n] + wx[n + 1:]] != [w.key for w in wy] or len(wy) < MIN_WORDS + 1:
        return None
    if n == 0 or n + 1 >= len(wx) or wx[n + 1].key in BLOCKERS:
        return None  # "not only", "not immediately": not a plain denial
    x_start, x_end = wx[n - 1].start, wx[n + 1].end
    y_start, y_end = wy[n - 1].start, wy[n].end
    return Contrast(
        x_value=Span(x_start, x_end, x.article.text[x_start:x_end]),
        y_value=Span(y_start, y_end, y.article.text[y_start:y_end]),
        x_norm="not " + wx[n + 1].key, y_norm=wy[n].key,
    )


class NegationContradiction(Rule):
    """Two sources say the same thing, except that one says the opposite.

    ## What it does
    Compares two linked claims that are worded alike. When one negates the
    main verb the other asserts ("approved" / "did not approve"; "was armed"
    / "was not armed"), or uses
    its opposite from a small table of general antonyms ("rose" / "fell",
    "confirmed" / "denied", "won" / "lost"), and every other word is the
    same (at most two other words differ, none of them a name, a number, a
    modal such as "will" or a condition such as "if"), it reports a
    contradiction.

    ## Why it matters
    A flipped polarity reverses the fact: it is the gravest disagreement two
    reports can have, and an easy one to miss among similar sentences.

    ## Example
    "The regional council approved the wind farm plan on Monday" against
    "The regional council did not approve the wind farm plan on Monday":
    the values compared are "approved" and "did not approve".

    Claims worded otherwise are read too, with half the confidence: opposite
    predicates, neither negated, hedged, planned, quoted or a participle, acting on one
    thing (a content word in common within the words after each), with the
    same doer (the content words before one predicate within those before
    the other), in claims that share three other content words and two
    fifths of the shorter one's ("The club's owner confirmed that
    construction would begin in the autumn" / "The owner of the club denied
    that building work would start in the autumn"). A predicate negated in
    one paraphrase and asserted in the other is read the same way, unless it
    is a speech verb ("did not say whether"), sits under a condition, or the
    asserting claim holds a negation of its own. One predicate taking opposite
    sides ("the only Democrat to vote for the bill" / "a Democrat from Yuma
    who voted against the bill") is a contrary when the same person or
    organisation is named last before both and the thing after the side word
    is one.
    """

    code = "POL001"
    name = "negation-contradiction"
    category = "polarity"
    scope = "pair"
    severity = Severity.HIGH

    def compare(self, a: Claim, b: Claim, similarity: float) -> Iterator[Observation]:
        found = (self._negation(a, b) or self._negation(b, a) or self._antonym(a, b)
                 or self._bare_negation(a, b) or self._bare_negation(b, a))
        confidence = min(0.9, similarity)
        if found is None:
            found = (self._antonym(a, b, paraphrase=True) or self._negation(a, b, paraphrase=True)
                     or self._negation(b, a, paraphrase=True) or self._opposite_sides(a, b))
            confidence = 0.5 * confidence  # worded otherwise: the opposite may be read into other facts
        if found is None:
            return
        x, y, c = found
        yield self.observe(
            Kind.DISCREPANCY,
            [side(x, c.x_value, c.x_norm), side(y, c.y_value, c.y_norm)],
            confidence=confidence,
        )

    def _negation(self, x: Claim, y: Claim, paraphrase: bool = False):
        fx, fy = x.facts, y.facts
        for lemma in sorted((fx.negated & fy.predicates) - fx.predicates - fy.negated):
            c = (paraphrased_contrast(x, y, lemma, lemma, negated_x=True) if paraphrase
                 else contrast(x, y, lemma, lemma, negated_x=True))
            if c is not None:
                return x, y, c
        return None

    def _opposite_sides(self, a: Claim, b: Claim):
        for lemma in sorted(a.facts.predicates & b.facts.predicates):
            c = opposite_sides(a, b, lemma)
            if c is not None:
                return a, b, c
        return None

    def _bare_negation(self, x: Claim, y: Claim):
        c = bare_negation(x, y)
        return (x, y, c) if c is not None else None

    def _antonym(self, a: Claim, b: Claim, paraphrase: bool = False):
        fa, fb = a.facts, b.facts
        negated = fa.negated | fb.negated
        for la in sorted(fa.predicates - fb.predicates - fb.negated):
            for lb in sorted(fb.predicates - fa.predicates - fa.negated):
                if frozenset((la, lb)) not in ANTONYMS or {la, lb} & negated:
                    continue
                c = paraphrased_contrast(a, b, la, lb) if paraphrase else contrast(a, b, la, lb, negated_x=False)
                if c is not None:
                    return a, b, c
        return None
