"""DAT002: the same event dated differently, word for word."""
from __future__ import annotations

from ...lexicon.calendar import MONTHS, WEEKDAYS
from ...model import Kind, Severity
from ..align import key_of
from ..aligned import AlignedRule, other_speakers
from ..base import side
from .date_mismatch import LIGHT_VERBS, STATEMENT_VERBS

# statement verbs keyed as the aligner keys words, with the irregular past tenses stems do not reach
STATEMENT_KEYS = frozenset(key_of(v)[0] for v in STATEMENT_VERBS | {"said", "told", "wrote", "spoke"})


SAME_SENTENCE = 0.8  # aligned coverage at which two claims are one sentence told twice


def stated_on(difference) -> bool:
    """The date is when someone said something ("said Sunday", "announced Thursday"): people say and
    announce things again and again, so two such dates are rarely one statement (DAT001's rule too)."""
    near = [w.key for w in (*difference.left_words[-2:], *difference.a, *difference.b, *difference.right_words[:1])]
    return any(k in STATEMENT_KEYS for k in near)


def one_statement(alignment, difference) -> bool:
    """The same sentence with only the date changed: a wire copy and its rewrite date one statement
    ("the White House said on Friday" / "... said on Sunday"), whatever people say again later."""
    return alignment.coverage >= SAME_SENTENCE and alignment.substantive(exclude=difference) == 0


def dates_other_words(alignment, difference) -> bool:
    """Only stop words ("in") stand between the date and words that differ on both sides ("who took
    office in 2023" / "vetoed a similar bill in 2024"): the dates date two acts, not one."""
    n = alignment.differences.index(difference)
    neighbours = ((alignment.differences[n - 1], difference.left_words) if n > 0 else (None, ()),
                  (alignment.differences[n + 1], difference.right_words) if n + 1 < len(alignment.differences)
                  else (None, ()))
    return any(other is not None and frame and not any(w.content for w in frame)
               and any(w.content for w in other.a) and any(w.content for w in other.b)
               for other, frame in neighbours)


def date_part(word) -> str | None:
    """Which part of a date a word writes: "weekday", "month", "year", or None."""
    if word.key in WEEKDAYS or word.key.rstrip("s") in WEEKDAYS:
        return "weekday"
    if word.key in MONTHS and word.capital and len(word.key) > 3:
        return "month"
    if word.number is not None and word.text.isdigit() and len(word.text) == 4 and 1900 <= word.number <= 2100:
        return "year"
    return None


class AlignedDateDifference(AlignedRule):
    """Two sources give a different weekday, day, month or year in the same sentence frame.

    ## What it does
    Aligns two claims word by word (``compare.align``) and reports a
    discrepancy where the words around a date match and the date itself does
    not: another weekday ("announced on Monday" / "announced on Tuesday"),
    another day of the month ("on March 3" / "on March 4"), another month or
    another year ("since 2002" / "since 2003"). A date with only stop words
    between it and words that differ on both sides ("who took office in
    2023" / "vetoed a similar bill in 2024") dates another act: no finding.

    ## Why it matters
    Wrong days are among the most common slips between wire copies and
    rewrites, and they are invisible to a reader who sees one version.

    ## Example
    "Lauten apologized on Saturday" against "Lauten apologized on Friday":
    Saturday vs Friday.
    """

    code = "DAT002"
    name = "aligned-date-difference"
    category = "date"
    severity = Severity.MEDIUM
    base_confidence = 0.8
    strong_frame = 2  # "apologized on Friday for" inside a long sentence listing other facts

    def classify(self, alignment, difference):
        if stated_on(difference) and not one_statement(alignment, difference):
            return None
        if dates_other_words(alignment, difference):
            return None
        parts_a = [(date_part(w), w) for w in difference.a if date_part(w)]
        parts_b = [(date_part(w), w) for w in difference.b if date_part(w)]
        if len(parts_a) == 1 and len(parts_b) == 1 and parts_a[0][0] == parts_b[0][0]:
            a, b = parts_a[0][1], parts_b[0][1]
            if a.key.rstrip("s") != b.key.rstrip("s"):
                return a.key, b.key
        days_a = [w for w in difference.a if w.number is not None and 1 <= w.number <= 31 and w.text.isdigit()]
        days_b = [w for w in difference.b if w.number is not None and 1 <= w.number <= 31 and w.text.isdigit()]
        after_month = difference.left_words and date_part(difference.left_words[-1]) == "month"
        if len(difference.a) == len(difference.b) == 1 and days_a and days_b and after_month:
            month = difference.left_words[-1].key
            return f"{month} {days_a[0].key}", f"{month} {days_b[0].key}"
        return None

    def compare_aligned(self, alignment, similarity):
        found = list(super().compare_aligned(alignment, similarity))
        yield from found
        if not found:
            yield from self._same_act_other_weekday(alignment, similarity)

    def _same_act_other_weekday(self, alignment, similarity):
        """One weekday in each claim, dating the same act ("apologize Saturday" / "on Friday apologized"),
        wherever the sentences put it: paraphrases move a date around its verb."""
        a, b = alignment.a, alignment.b
        da = [m for m in a.facts.dates if m.granularity == "weekday"]
        db = [m for m in b.facts.dates if m.granularity == "weekday"]
        if len(da) != 1 or len(db) != 1 or other_speakers(a, b):
            return
        x, y = da[0], db[0]
        if x.key == y.key or not x.verb or x.verb != y.verb or x.verb in LIGHT_VERBS | STATEMENT_VERBS:
            return
        if x.negated != y.negated or {x.tense, y.tense} == {"past", "future"}:
            return
        shared = {w.key for w in alignment.words_a if w.content} & {w.key for w in alignment.words_b if w.content}
        if len(shared - {x.key, y.key}) < MIN_SHARED_WORDS:
            return
        yield self.observe(
            Kind.DISCREPANCY, [side(a, x.span, x.key), side(b, y.span, y.key)],
            confidence=self.base_confidence * 0.6, verb=x.verb, shared=len(shared),
        )


MIN_SHARED_WORDS = 3  # content words the two claims share besides the dates: one act of one story
