"""STA002: one source reports a step as done, another as only planned, in other words."""
from __future__ import annotations

from ...lexicon.calendar import WEEKDAYS
from ...lexicon.verbs import ACT_CLASSES, IRREGULAR
from ...lexicon.spelling import stem
from ...model import Kind, Severity
from ..align import NEGATIONS, Word
from ..aligned import MIN_COVERAGE, AlignedRule, value_span
from ..base import side
from .state_mismatch import PLANNED_KEYS, _key

# words that announce a step as planned, not merely possible ("would", "could", "may" are not plans)
PLAN_MARKERS = frozenset(_key(w) for w in """
will plans planned intends intended expected scheduled set vowed pledged promised going
""".split())
MIN_SHARED_OBJECT = 2  # content words the acts' objects share ("the Fifth Amendment" / "her Fifth Amendment right")
REPORTED_SPEECH = frozenset(_key(w) for w in "said told announced added stated promised pledged vowed confirmed".split())
WOULD = _key("would")

REACH = 3  # words between a plan word ("plans", "will") and its verb, or before a done verb
OBJECT_WORDS = 5  # words after the verb that name what it acts on
PAST_FORMS = {form: lemma for lemma, forms in IRREGULAR.items() for form in forms}
ACT_CLASS = {stem(verb): min(c) for c in ACT_CLASSES for verb in c}  # an act's stem -> its class's name
MIN_SHARED_NAMES = 2  # name words two claims of one occasion share besides its day ("Council on Foreign Relations")


def _act(word: Word) -> str:
    return stem(PAST_FORMS.get(word.key, word.key))


def planned(words: tuple[Word, ...]) -> list[tuple[int, str]]:
    """(index, act) of each verb a plan word governs: "plans to invoke", "will be pleading", and "would"
    after a past verb of saying, where it reports a "will" ("she said her ministry would suspend")."""
    out = []
    for i, w in enumerate(words):
        reported_will = w.key == WOULD and any(b.key in REPORTED_SPEECH for b in words[:i])
        if (w.key not in PLAN_MARKERS and not reported_will) or w.in_quote:
            continue
        for j in range(i + 1, min(i + 1 + REACH, len(words))):
            nxt = words[j]
            if nxt.key in PLANNED_KEYS or nxt.key in ("to", "be", "have", "the"):
                continue
            if nxt.content and nxt.number is None and not nxt.capital:
                out.append((j, _act(nxt)))
            break
    return out


def done(words: tuple[Word, ...]) -> list[tuple[int, str]]:
    """(index, act) of each verb written in the past with no plan word, modal or negation before it."""
    out = []
    for i, w in enumerate(words):
        text = w.text.lower()
        if not (text.endswith("ed") and len(text) > 4 or text in PAST_FORMS) or w.capital or w.in_quote:
            continue
        before = words[max(0, i - REACH): i]
        if any(b.key in PLANNED_KEYS or b.key in NEGATIONS or b.key.endswith("n't") or b.key in ("to", "be")
               for b in before):
            continue
        out.append((i, _act(w)))
    return out


def _object(words: tuple[Word, ...], i: int) -> set[str]:
    return {w.key for w in words[i + 1: i + 1 + OBJECT_WORDS] if w.content and w.number is None}


def _names(words: tuple[Word, ...]) -> set[str]:
    return {w.key for w in words if w.name_like and w.content and w.key not in WEEKDAYS}


def _days(claim) -> set:
    """The days a claim dates its content to: resolved when the article's date allows, else as written."""
    return {(m.start, m.end) if m.start else m.key for m in claim.facts.dates if m.granularity in ("day", "weekday")}


def same_occasion(alignment) -> bool:
    """Two claims placed on one day with the same names around it ("on Wednesday ... at the Council on
    Foreign Relations"): whatever each says was done there is one step, told as planned or as done."""
    return (bool(_days(alignment.a) & _days(alignment.b))
            and len(_names(alignment.words_a) & _names(alignment.words_b)) >= MIN_SHARED_NAMES)


def same_kind(act: str, other: str) -> bool:
    return act == other or ACT_CLASS.get(act, act) == ACT_CLASS.get(other, other)


class PlannedVersusDone(AlignedRule):
    """One source reports as done what another reports as only planned, in other words.

    ## What it does
    Reads each claim's planned acts (the verb after "plans to", "will",
    "is expected to", "vowed to"; not "would" or "could") and done acts
    (the same verb in the past, with no plan word, modal or negation before
    it), outside quotations, and reports a discrepancy where one claim plans
    the act another reports done on the same object (two content words in
    common): "plans to invoke the Fifth Amendment"
    against "invoked her Fifth Amendment right". Acts of one kind
    (outline / deliver / present, testify / appear, visit / travel) are one
    step when the two claims place it at one occasion: the same day and two
    names in common ("will outline his approach ... on Wednesday at the
    Council on Foreign Relations" / "delivered his speech at the Council on
    Foreign Relations ... on Wednesday"). STA001 finds the same
    conflict when the two sentences align word by word; this rule reads
    paraphrases.

    ## Why it matters
    A bill signed is not a bill about to be signed, and a preview that
    outlived the event misleads as much as a wrong fact.

    ## Example
    "Lerner plans to invoke the Fifth Amendment during her testimony" and
    "She then invoked her Fifth Amendment right against self-incrimination":
    planned vs done.
    """

    code = "STA002"
    name = "planned-versus-done"
    category = "polarity"
    severity = Severity.MEDIUM

    def classify(self, alignment, difference):
        return None  # not a classifier of aligned differences: it reads the words of claims that do not align

    def compare_aligned(self, alignment, similarity: float):
        if alignment.coverage >= MIN_COVERAGE:
            return []  # sentences that align are STA001's
        a, b, wa, wb = alignment.a, alignment.b, alignment.words_a, alignment.words_b
        for (x, wx), (y, wy) in ((a, wa), (b, wb)), ((b, wb), (a, wa)):
            plans = planned(wx)
            done_acts = done(wy) if plans else []
            for i, act in plans:
                for j, other in done_acts:
                    if not same_kind(act, other):
                        continue
                    if len(_object(wx, i) & _object(wy, j)) >= MIN_SHARED_OBJECT or same_occasion(alignment):
                        first, second = (wx[i], wy[j]) if x is a else (wy[j], wx[i])
                        return [self.observe(
                            Kind.DISCREPANCY,
                            [side(a, value_span(a, (first,)), "planned" if x is a else "done"),
                             side(b, value_span(b, (second,)), "done" if x is a else "planned")],
                            confidence=0.5 + 0.2 * similarity,
                        )]
        return []
