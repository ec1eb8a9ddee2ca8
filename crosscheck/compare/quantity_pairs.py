"""Number-to-number alignment between two similar claims, shared by the quantity rules.

Two linked claims are only similar sentences; a number in one is about the
same thing as a number in the other only when

* their units agree (dollars with dollars, durations with durations, a count
  of seats with a count of seats, the age of the same person), and
* their surroundings agree: the content words of the clause around each
  number overlap (see ``Quantity.context``), or the figures are close and
  share specific words, or the claims pair off every other figure and leave
  exactly these two.

Each quantity is aligned with at most one quantity of the other claim, best
evidence first, so a claim with three figures is compared figure by figure,
never all against all.
"""
from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..extract.quantities import QUALIFIERS
from ..lexicon.numbers import SCALES
from ..lexicon.roles import EVENT_NOUNS
from ..lexicon.spelling import american
from ..lexicon.verbs import SAME_PREDICATE
from ..model import Claim, Quantity
from .align import words_of

# what the quantities' relation is, once aligned
EQUAL = "equal"  # the same figure, compatible qualifiers ("about $60,000" / "$60,000")
QUALIFIER = "qualifier"  # the same figure, qualifiers that say different things ("a decade" / "over a decade")
COMPATIBLE = "compatible"  # different figures that rounding or a bound reconciles ("$1.4bn" / "$1.375bn")
CONFLICT = "conflict"  # figures that cannot both be right ("$3.5bn" / "$3.6bn")

# qualifier classes that contradict each other when attached to the same figure
_CLASH = {
    frozenset({"", "over"}), frozenset({"about", "over"}), frozenset({"almost", "over"}),
    frozenset({"under", "over"}), frozenset({"at most", "over"}), frozenset({"", "under"}),
    frozenset({"about", "under"}), frozenset({"at least", "under"}), frozenset({"", "almost"}),
    frozenset({"at least", "almost"}), frozenset({"at least", "at most"}),
}
_PREFIX = {"over": ">", "at least": ">=", "under": "<", "at most": "<=", "almost": "<~"}
MAX_FIGURES = 24
MAX_CLOSE_RATIO = 1.1  # "close figures": within a tenth of each other
MIN_SHARED_CLOSE = 2  # content words close figures must share
MIN_SHARED_STRONG = 3  # a strong overlap needs this many shared words, not just a high ratio of few
MAX_STRUCTURAL_RATIO = 1.5
MAX_PRICE_RATIO = 3.0  # "$900" / "$1,900": a digit slipped, not another purchase
MAX_SAME_ACT_RATIO = 1.25  # one act's amount told twice: "$3 billion" / "$3.6 billion", not "$20 million" / "$30 million"
MAX_CHANGE_RATIO = 2.0  # "halved" / "by a third": one change, not "fell 5%" / "fell 40%"
STRONG_OVERLAP = 0.6  # Jaccard overlap of two clauses' content words that says "same thing"
# words too common around figures to say what a figure is about
_GENERIC = frozenset("""
include total amount number figure sum estimate percent money fund funding cost pay spend give get take make
put bring reach come go use add say tell report show accord also year month day week time people thing way
part lot official
""".split())


def qualifier_class(q: Quantity) -> str:
    return QUALIFIERS.get(q.qualifier, q.qualifier)


def context_words(q: Quantity) -> frozenset[str]:
    """A figure's clause words; nouns of one kind of event read alike ("died in the fire" / "the blaze killed")."""
    return frozenset(EVENT_NOUNS.get(american(w), american(w)) for w in q.context if w not in _GENERIC)


# ---------------------------------------------------------------- units and values

_MONTHS_PER = {"year": 12.0, "month": 1.0}


def common_scale(a: Quantity, b: Quantity) -> tuple[float, float] | None:
    """Factors that bring both quantities to one unit, or None when they measure different things."""
    if a.unit == b.unit:
        if a.unit == "count":
            return (1.0, 1.0) if _nouns_compatible(a, b) else None
        if a.unit in ("age", "ordinal"):
            return (1.0, 1.0) if a.noun and a.noun == b.noun else None
        return 1.0, 1.0
    if a.unit in _MONTHS_PER and b.unit in _MONTHS_PER:
        return _MONTHS_PER[a.unit], _MONTHS_PER[b.unit]
    return None




def heads_agree(a: Quantity, b: Quantity) -> bool:
    """Both figures are what one predicate reports ('killed nine' / 'nine were killed')."""
    if not a.head or not b.head or a.head in _GENERIC or b.head in _GENERIC:
        return False
    return a.head == b.head or any(a.head in s and b.head in s for s in SAME_PREDICATE)


def heads_clash(a: Quantity, b: Quantity) -> bool:
    """Counts governed by different predicates ('killed 12' / 'injured 14') are not the same count."""
    return a.unit == "count" and bool(a.head) and bool(b.head) and not heads_agree(a, b) \
        and a.head not in _GENERIC and b.head not in _GENERIC


# words whose swap turns one figure into another ("two-in-three chance of holding the House" /
# "one-in-three chance of losing it"): when one side has one and the other the other, no comparison
_OPPOSITES = [tuple(p.split()) for p in (
    "win lose", "hold lose", "keep lose", "gain lose", "rise fall", "increase decrease", "increase cut",
    "raise cut", "support oppose", "approve reject", "favor oppose", "pass fail", "buy sell", "import export",
    "profit loss", "surplus deficit", "minimum maximum", "high low", "republican democrat",
    "republicans democrats", "male female", "man woman", "men women", "yes no",
)]


def opposite_frames(a: Quantity, b: Quantity) -> bool:
    """One figure's clause says 'win' where the other's says 'lose'."""
    wa, wb = a.context, b.context
    for x, y in _OPPOSITES:
        if (x in wa and y in wb and y not in wa and x not in wb) or (y in wa and x in wb and x not in wa and y not in wb):
            return True
    return False


def owners_clash(a: Quantity, b: Quantity) -> bool:
    """Figures attached to different names ('Gingrich, 11 percent' / 'Palin, 12 percent')."""
    own = {a.noun, b.noun}  # the counted noun is no owner of itself ("27th Congressional District")
    owners_a, owners_b = a.owners - own, b.owners - own
    return bool(owners_a) and bool(owners_b) and not (owners_a & owners_b)


def _nouns_compatible(a: Quantity, b: Quantity) -> bool:
    """Counts of the same things; a bare figure ('fell to 400,000') may count anything its clause names."""
    if not a.noun or not b.noun or a.noun == b.noun:
        return True
    # different words for the counted people/things, with the same predicate: "killed nine activists" /
    # "nine citizens and a dual national were killed"
    return heads_agree(a, b)


def _equal_values(x: float, y: float) -> bool:
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9)


def relation(a: Quantity, b: Quantity, scale: tuple[float, float]) -> str:
    fa, fb = scale
    if a.unit == "tally" or b.unit == "tally":
        return EQUAL if a.parts == b.parts else CONFLICT
    if _equal_values(a.value * fa, b.value * fb):
        pair = frozenset({qualifier_class(a), qualifier_class(b)})
        return QUALIFIER if pair in _CLASH else EQUAL
    if max(a.low * fa, b.low * fb) < min(a.high * fa, b.high * fb):
        return COMPATIBLE
    return CONFLICT


def ratio(a: Quantity, b: Quantity, scale: tuple[float, float]) -> float:
    x, y = abs(a.value * scale[0]), abs(b.value * scale[1])
    if min(x, y) == 0:
        return math.inf
    return max(x, y) / min(x, y)


def significant_digits(value: float) -> int:
    """'250,000' -> 2, '$8 billion' -> 1, '1.375' -> 4: how specific a figure is."""
    digits = f"{value:.6g}".replace(".", "").replace("-", "").split("e")[0].strip("0")
    return len(digits)


def is_specific(q: Quantity) -> bool:
    """A figure unlikely to recur by chance in one story ('$5.7 billion', '134-to-63', '41')."""
    if q.unit == "tally":
        return True
    return significant_digits(q.value) >= 2 and q.value >= 10


# ---------------------------------------------------------------- alignment


@dataclass(frozen=True)
class Pairing:
    """Two quantities judged to be about the same thing, and how they relate."""

    a: Quantity
    b: Quantity
    relation: str
    evidence: str  # "context", "close figures", "same figure", "structure"
    confidence: float


def _part_view(q: Quantity, other: Quantity) -> Quantity:
    """'nine citizens and a dual national' read against 'nine citizens': compare the citizens only."""
    if q.parts and not other.parts and other.noun and other.noun == q.noun and other.value != q.value:
        # "ten people" / "nine people and a child" agree as a whole; "nine citizens" is the first part
        first = q.parts[0]
        return replace(q, value=first, low=first - 0.5, high=first + 0.5, parts=())
    return q


def _candidate(a: Quantity, b: Quantity, similarity: float, topic: Callable[[], int]) -> tuple[float, Pairing] | None:
    scored = _score(_part_view(a, b), _part_view(b, a), similarity, topic)
    if scored is None:
        return None
    weight, p = scored
    return weight, replace(p, a=a, b=b)


@dataclass(frozen=True)
class _Overlap:
    """How much two figures' surroundings have in common."""

    shared: frozenset[str]  # shared content words, plus "#noun" when both count the same noun
    ratio: float  # Jaccard overlap of the two context word sets


_SAME_NOUN = "#noun"


def _overlap(a: Quantity, b: Quantity) -> _Overlap:
    wa, wb = context_words(a), context_words(b)
    union = wa | wb
    shared = wa & wb
    if a.unit == "count" and a.noun and a.noun == b.noun:
        shared = shared | {_SAME_NOUN}
    return _Overlap(frozenset(shared), len(wa & wb) / len(union) if union else 0.0)


def _score(a: Quantity, b: Quantity, similarity: float, topic: Callable[[], int] = lambda: 0) -> tuple[float, Pairing] | None:
    """How strongly two figures are the same thing (higher first), and how they relate; None if they are not."""
    scale = common_scale(a, b)
    if scale is None or owners_clash(a, b) or opposite_frames(a, b):
        return None
    rel = relation(a, b, scale)
    same_noun = bool(a.noun) and a.noun == b.noun
    if heads_clash(a, b) and not (rel in (EQUAL, QUALIFIER) and same_noun) and not (same_noun and a.acts & b.acts):
        return None  # "killed 12" / "injured 14"; but "left 800,000 employees unpaid" / "forced 800,000 employees"
    ov = _overlap(a, b)
    if rel in (EQUAL, QUALIFIER):
        return _pair_same_figure(a, b, rel, ov, similarity)
    return _pair_different_figures(a, b, rel, ov, ratio(a, b, scale), topic)


def _pair_same_figure(a: Quantity, b: Quantity, rel: str, ov: _Overlap, similarity: float):
    """Specific figures ('$5.7 billion') align on their own; round ones ('six') need words in common."""
    if rel == EQUAL and a.unit == "count" and a.value == 1:
        return None  # "one problem", "one way": not worth an agreement
    # a specific figure, or one ordinal of the same noun ("Texas' 27th Congressional District" / "the 27th
    # District of Texas"), aligns on its own
    needed = 0 if is_specific(a) or (a.unit == "ordinal" and a.noun and a.noun == b.noun) else 1
    if rel == QUALIFIER and not is_specific(a) and ov.ratio < STRONG_OVERLAP and not heads_agree(a, b):
        needed = 2  # a qualifier conflict on a round figure wants firmer ground
    if len(ov.shared) < needed:
        return None
    confidence = min(1.0, 0.6 + 0.4 * ov.ratio + 0.1 * similarity)
    return 3.0 + ov.ratio, Pairing(a, b, rel, "same figure", round(confidence, 3))


def _pair_different_figures(a: Quantity, b: Quantity, rel: str, ov: _Overlap, r: float,
                            topic: Callable[[], int] = lambda: 0):
    """Different figures are the same thing told twice only on strong evidence, or when close and on topic."""
    same_noun = bool(a.noun) and a.noun == b.noun
    strong = ov.ratio >= STRONG_OVERLAP and len(ov.shared) >= MIN_SHARED_STRONG
    # counts reported by the same predicate: "killed nine activists" / "nine citizens and a national were killed";
    # or of the same things picked out by the same clause: "19 actions the president could take" / "23 actions
    # that will be taken" (a light verb such as "take" is enough there: the clause says which actions)
    same_predicate = a.unit == "count" and (heads_agree(a, b) and (same_noun or len(ov.shared - {a.head, b.head}) >= 1)
                                            or same_noun and bool(a.acts & b.acts))
    if strong or same_predicate:
        return 2.0 + ov.ratio, Pairing(a, b, rel, "context", round(min(0.9, 0.5 + 0.4 * ov.ratio), 3))
    # the price of one named thing: "a $900 sofa" / "a $1,900 sofa" (one item of a list, told alone)
    if a.unit == "$" and a.describes and a.describes == b.describes and r <= MAX_PRICE_RATIO:
        return 1.5 + ov.ratio, Pairing(a, b, rel, "same object", 0.6)
    if r <= MAX_CLOSE_RATIO and len(ov.shared) >= MIN_SHARED_CLOSE:
        confidence = min(0.8, 0.4 + 0.3 * ov.ratio + 0.1 * len(ov.shared))
        return 1.0 + ov.ratio, Pairing(a, b, rel, "close figures", round(confidence, 3))
    # one change told as two shares of its subject: "net profit nearly halved" / "net profit fell by a third",
    # "a 6.5 percent pay rise" / "a 5.5 percent rise" for the same drivers
    if a.unit == "%" and r <= MAX_CHANGE_RATIO and (heads_agree(a, b) or a.describes and a.describes == b.describes) \
            and len(ov.shared - {a.head, b.head, a.describes}) >= MIN_SHARED_CLOSE:
        return 0.75 + ov.ratio, Pairing(a, b, rel, "same change", 0.55)
    # an amount one act moves, told in two sentences built otherwise: "$3 billion could be diverted with
    # help from the emergency declaration" / "the emergency declaration enables the president to divert
    # $3.6 billion": the same predicate, figures within a quarter, the claims' topic in common, and both
    # figures facts or both possibilities ("has cut $716 billion" / "would cut by $800 billion": two amounts)
    if a.unit != "count" and heads_agree(a, b) and r <= MAX_SAME_ACT_RATIO and a.unasserted == b.unasserted \
            and topic() >= MIN_SHARED_CLOSE:
        return 0.5 + ov.ratio, Pairing(a, b, rel, "same act", 0.5)
    return None


def shared_topic(a: Claim, b: Claim) -> int:
    """Content words, not figures or their scales, that two claims have in common anywhere."""
    def keys(claim: Claim) -> set[str]:
        return {w.key for w in words_of(claim) if w.content and w.number is None and w.key not in SCALES}

    return len(keys(a) & keys(b))


def align(a: Claim, b: Claim, similarity: float) -> list[Pairing]:
    """One-to-one pairs of quantities of two claims that are about the same thing, best evidence first."""
    qa, qb = a.facts.quantities, b.facts.quantities
    if not qa or not qb or len(qa) > MAX_FIGURES or len(qb) > MAX_FIGURES:
        return []  # a claim with dozens of figures is a table or a list, not one statement to check
    scored = []
    topic = functools.cache(lambda: shared_topic(a, b))  # read only for a pair that may be one act's amount
    for x in qa:
        for y in qb:
            found = _candidate(x, y, similarity, topic)
            if found is not None:
                scored.append(found)
    scored.sort(key=lambda sp: (-sp[0], sp[1].a.span.start, sp[1].b.span.start))
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen: list[Pairing] = []
    for _, p in scored:
        if id(p.a) in used_a or id(p.b) in used_b:
            continue
        chosen.append(p)
        used_a.add(id(p.a))
        used_b.add(id(p.b))
    chosen.extend(_structural(qa, qb, chosen, used_a, used_b))
    return chosen


def _structural(qa, qb, chosen: list[Pairing], used_a: set[int], used_b: set[int]) -> list[Pairing]:
    """Two claims that agree on one figure and each have exactly one other figure of that kind.

    "Arrests fell to 400,000 last year from 1.6 million in 2000" and "roughly
    520,000 arrests last year, a third of the 1.6 million in 2000": once the
    1.6 million pair off, 400,000 and 520,000 are the same figure told twice.
    """
    anchors = [p for p in chosen if p.relation == EQUAL]
    if not anchors:
        return []
    out = []
    for anchor in anchors:
        left = [x for x in qa if id(x) not in used_a and common_scale(x, anchor.a) is not None]
        right = [y for y in qb if id(y) not in used_b and common_scale(y, anchor.b) is not None]
        if len(left) != 1 or len(right) != 1:
            continue
        x, y = left[0], right[0]
        scale = common_scale(x, y)
        if scale is None or ratio(x, y, scale) > MAX_STRUCTURAL_RATIO:
            continue
        if not (context_words(x) & context_words(y)):
            continue
        out.append(Pairing(x, y, relation(x, y, scale), "structure", 0.6))
        used_a.add(id(x))
        used_b.add(id(y))
    return out


# ---------------------------------------------------------------- how sides read


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def _scaled(value: float) -> str:
    for word, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if abs(value) >= size:
            return f"{_number(round(value / size, 6))} {word}"
    return _number(value)


def norm(q: Quantity) -> str:
    """What a side says, normalised: sides that say the same read the same ('10 year', '>10 year')."""
    prefix = _PREFIX.get(qualifier_class(q), "")
    unit = q.unit
    if unit in ("$", "€", "£") or unit.split("/")[0] in ("$", "€", "£"):
        cur, _, per = unit.partition("/")
        body = f"{cur}{_scaled(q.value)}" + (f" a {per}" if per else "")
    elif unit in ("%", "percentage point"):
        body = f"{round(q.value, 1):g}{'%' if unit == '%' else ' points'}"
    elif unit == "month" and q.value % 12 == 0:
        body = f"{_number(q.value / 12)} year"
    elif unit == "tally":
        body = "-".join(_number(p) for p in q.parts)
    elif unit == "age":
        body = f"age {_number(q.value)}"
    elif unit == "ordinal":
        body = f"#{_number(q.value)} {q.noun}"
    elif unit == "count":
        body = _scaled(q.value)
        if q.parts:
            body += " (" + " + ".join(_number(p) for p in q.parts) + ")"
    else:
        body = f"{_scaled(q.value)} {unit}"
    return prefix + body


PERIODS = frozenset({"year", "range", "decade"})  # granularities that say which period a figure covers
OPEN_TRIGGERS = frozenset({"since", "until", "by", "before", "after"})  # "since 2007" runs to the day of writing


def different_periods(a: Claim, b: Claim) -> bool:
    """Both claims date their figures by a closed year or span of years ("for 2014", "from 2007 through
    2014"), and by no period in common."""
    def periods(claim: Claim) -> set[tuple]:
        return {(m.start, m.end) for m in claim.facts.dates
                if m.granularity in PERIODS and m.start is not None and m.trigger not in OPEN_TRIGGERS
                and (m.granularity != "range" or m.endpoints)}

    pa, pb = periods(a), periods(b)
    return bool(pa and pb) and not pa & pb


def figure_observations(rule, a: Claim, b: Claim, similarity: float, *, counts: bool) -> list:
    """Agreements and conflicts between aligned figures: counts of things (CNT001) or amounts (QTY001)."""
    from ..model import Kind
    from .base import side

    out = []
    for p in align(a, b, similarity):
        if (p.a.is_count and p.b.is_count) != counts:
            continue
        if p.relation == CONFLICT:
            if different_periods(a, b):
                continue  # "for 2014" / "from 2007 through 2014": two figures, not one told twice
            kind = Kind.DISCREPANCY
        elif p.relation in (EQUAL, COMPATIBLE):
            kind = Kind.AGREEMENT
        else:
            continue
        out.append(rule.observe(kind, [side(a, p.a.span, norm(p.a)), side(b, p.b.span, norm(p.b))],
                                confidence=p.confidence, evidence=p.evidence))
    return out
