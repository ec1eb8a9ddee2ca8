"""STA001: a statement and its contrary in the same frame: done / planned, lifted / eased, before / after."""
from __future__ import annotations

from ...extract.quotes import PRONOUNS
from ...lexicon.roles import OPPOSITES, ORDER_WORDS, PLANNED
from ...lexicon.spelling import stem
from ...lexicon.verbs import AUXILIARIES
from ...model import Kind, Severity
from ..align import NEGATIONS, Word, key_of
from ..aligned import MIN_COVERAGE, AlignedRule, value_span
from ..base import side


def _key(word: str) -> str:
    return key_of(word)[0]  # lexicon words keyed as the aligner keys the claims' words


OPPOSITE_KEYS: dict[str, frozenset[str]] = {}
for _word, _partners in OPPOSITES.items():
    OPPOSITE_KEYS[_key(_word)] = OPPOSITE_KEYS.get(_key(_word), frozenset()) | {_key(y) for y in _partners}
PLANNED_KEYS = frozenset(_key(w) for w in PLANNED)


def negated(words) -> bool:
    return any(w.key in NEGATIONS or w.key.endswith("n't") for w in words)


NEGATIVE_SUBJECTS = frozenset("nobody nothing none neither".split())
ORDER_KEYS = {_key(word): relation for word, relation in ORDER_WORDS.items()}
MIN_ORDER_COVERAGE = MIN_COVERAGE  # the claims tell one sequence (words moved across it do not match)
MIN_EVENT_WORDS = 2  # content words an ordered event must share across the claims ("arrested", "leader")
ORDER_OVERLAP = 0.6  # of the two events' content words
EVENT_WORDS = 6  # words after "before" / "after" that name the event


def ordered_events(words: tuple[Word, ...]) -> list[tuple[tuple[Word, ...], str, frozenset[str]]]:
    """(the order word and its event's words, "before" or "after", the event's content keys) of a claim,
    outside quotations: "after police arrested the union leader" -> after, {police, arrested, union, leader}."""
    out = []
    for i, w in enumerate(words):
        relation = ORDER_KEYS.get(w.key)
        if relation is None or w.in_quote:
            continue
        event = []
        for nxt in words[i + 1: i + 1 + EVENT_WORDS]:
            if nxt.key in ORDER_KEYS or nxt.key == "and" and event:
                break
            event.append(nxt)
        keys = frozenset(x.key for x in event if x.content and x.number is None)
        if keys:
            out.append(((w, *event), relation, keys))
    return out


def _negative_subject(alignment) -> bool:
    """Whether a claim denies through its subject ("No one ... is above the law" says what "he is
    not above the law" says): a negation added elsewhere then restates, not reverses."""
    for words in (alignment.words_a, alignment.words_b):
        keys = [w.key for w in words]
        if NEGATIVE_SUBJECTS & set(keys) or any(x == "no" and y in ("one", "1") for x, y in zip(keys, keys[1:])):
            return True
    return False


class StateMismatch(AlignedRule):
    """Two sources report the same step in opposite states or directions.

    ## What it does
    Aligns two claims word by word (``compare.align``) and reports a
    discrepancy where the differing words in a shared frame are
    opposites from the lexicon ("lifted" / "eased", "before" / "after",
    "rose" / "fell", "approved" / "rejected"), a step reported as done
    against one only planned ("signed" / "will sign", "visited" / "plans to
    visit"), or the same predicate with and without a negation.

    ## Why it matters
    A ban lifted is not a ban eased, and a bill signed is not a bill about to
    be signed: readers act on the state a report gives.

    ## Example
    "Biden visited Kabul on Monday" against "Biden will visit Kabul on Monday".
    """

    code = "STA001"
    name = "state-mismatch"
    category = "polarity"
    severity = Severity.MEDIUM
    base_confidence = 0.6
    accepts_insertions = True  # "will" or "not" added to the same predicate

    def compare_aligned(self, alignment, similarity: float):
        found = list(super().compare_aligned(alignment, similarity))
        return found or self._opposite_order(alignment, similarity)

    def _opposite_order(self, alignment, similarity: float):
        """One event placed after a thing by one claim and before it by the other, in the same frame."""
        if alignment.coverage < MIN_ORDER_COVERAGE:
            return []
        for word_a, relation_a, event_a in ordered_events(alignment.words_a):
            for word_b, relation_b, event_b in ordered_events(alignment.words_b):
                if relation_a != relation_b and len(event_a & event_b) >= MIN_EVENT_WORDS \
                        and len(event_a & event_b) >= ORDER_OVERLAP * len(event_a | event_b):
                    return [self.observe(
                        Kind.DISCREPANCY,
                        [side(alignment.a, value_span(alignment.a, word_a), relation_a),
                         side(alignment.b, value_span(alignment.b, word_b), relation_b)],
                        confidence=self.base_confidence * (0.6 + 0.4 * alignment.coverage),
                        coverage=round(alignment.coverage, 3), similarity=round(similarity, 3),
                    )]
        return []

    def classify(self, alignment, difference):
        edge = (*difference.a, *difference.b, *difference.left_words[-1:], *difference.right_words[:1])
        if any(w.in_quote for w in edge):
            return None  # a speaker's words: one speaker's claim and another's rebuttal, or QUO001's to compare
        ka, kb = [w.key for w in difference.a], [w.key for w in difference.b]
        for x in ka:
            if OPPOSITE_KEYS.get(x, frozenset()) & set(kb):
                return x, next(y for y in kb if y in OPPOSITE_KEYS[x])
        rest_a = [w for w in difference.a if w.key not in NEGATIONS and not w.key.endswith("n't")]
        rest_b = [w for w in difference.b if w.key not in NEGATIONS and not w.key.endswith("n't")]
        if negated(difference.a) != negated(difference.b) and not _negative_subject(alignment):
            if {stem(w.key) for w in rest_a if w.content} == {stem(w.key) for w in rest_b if w.content}:
                return ("not " if negated(difference.a) else "") + " ".join(ka), \
                       ("not " if negated(difference.b) else "") + " ".join(kb)
        plan_a, plan_b = set(ka) & PLANNED_KEYS, set(kb) & PLANNED_KEYS
        requested = bool(difference.left_words) and difference.left_words[-1].key == "to"
        if bool(plan_a) != bool(plan_b) and not requested:  # "urged him to consider cancelling" / "to cancel"
            # "signed" / "announced it will sign": the acts are the words besides the plan words and the
            # pronoun that announces ("it"); "he announced" / "on" differ in more than a plan
            verbs_a = {stem(k) for k in ka if k not in PLANNED_KEYS | PRONOUNS | AUXILIARIES}
            verbs_b = {stem(k) for k in kb if k not in PLANNED_KEYS | PRONOUNS | AUXILIARIES}
            if negated(difference.a) or negated(difference.b) or verbs_a - {"to"} != verbs_b - {"to"}:
                return None  # the same verb, once with "will" or "plans to" and once without
            next_word = difference.right_words[0] if difference.right_words else None
            if verbs_a or next_word is not None and next_word.content:
                shown = "" if verbs_a or next_word is None else f" {next_word.key}"
                return " ".join(ka) + shown, " ".join(kb) + shown
        return None
