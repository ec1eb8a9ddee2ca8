"""DAT001 date-mismatch: two sources date the same thing differently."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ...extract.dates import describe, floating_interval
from ...lexicon.calendar import WEEKDAYS
from ...extract.text import words
from ...lexicon.roles import EVENT_NOUNS
from ...lexicon.verbs import DATED_EVENT_CLASSES
from ...model import Claim, DateMention, Kind, Observation, Severity
from ..base import Rule, ScanContext, side

# verbs that say little about which event a date belongs to ("is on June 25", "set for June 25")
LIGHT_VERBS = frozenset(
    "be have do make take get give go come set put become remain seem appear happen occur "
    "expect plan schedule slate".split()
)
# People say and announce things again and again: "said Sunday" and "said Saturday", "announced
# Thursday" and "announced Friday" are rarely one statement. Such dates may agree, never conflict.
STATEMENT_VERBS = frozenset(
    "say tell add note explain comment write ask answer speak insist argue claim suggest warn remark "
    "announce declare state reveal unveil acknowledge admit tweet post report testify".split()
)
# of those, verbs that make one thing public once: "announced a ban" on two days is one announcement misdated
ANNOUNCING_VERBS = frozenset("announce declare unveil reveal".split())
# triggers that date the same kind of thing: a point, a start, an end, a bound
TRIGGER_FAMILY = {
    "since": "since", "from": "since", "starting": "since", "beginning": "since", "effective": "since",
    "until": "until", "till": "until", "through": "until", "thru": "until", "ending": "until",
    "by": "by", "before": "before", "after": "after",
}
FAMILY_LABEL = {"since": "since ", "until": "until ", "by": "by ", "before": "before ", "after": "after "}

MAX_BUCKET = 300  # dated claims of one event sharing one role key beyond this are too common to pair on it


def family(m: DateMention) -> str:
    """What the date does: 'range', 'since', 'until', 'by', 'before', 'after' or 'at' (a point)."""
    if m.endpoints and TRIGGER_FAMILY.get(m.trigger, "since") == "since":
        return "range"
    return TRIGGER_FAMILY.get(m.trigger, "at")


def verbs_related(a: str, b: str) -> bool:
    return bool(a and b) and (a == b or any(a in c and b in c for c in DATED_EVENT_CLASSES))


def content_verb(m: DateMention) -> str:
    return m.verb if m.verb and m.verb not in LIGHT_VERBS else ""


@dataclass(frozen=True)
class Link:
    """Evidence that two dates play the same role.

    ``predicate``: 2 when the dated events are named alike (the same or a
    synonymous verb, "quit"/"left"; the same noun, "an election in June"), 1
    when only a noun the date premodifies matches ("the 2010 election": the
    date names which election, so it is weak evidence of the same event).
    ``participants``: shared named agent and shared nouns around the event.
    """

    predicate: int
    participants: int
    setting: int = 0  # shared nouns of prepositional phrases ("from the board"): ranks pairings only

    @property
    def strength(self) -> int:
        return self.predicate + self.participants + self.setting

    @property
    def same_role(self) -> bool:
        """Enough to say both dates date one event: it is named alike and has a participant in common."""
        return self.predicate >= 2 and self.participants >= 1


def link(x: DateMention, y: DateMention) -> Link | None:
    """How two dates relate by role; None when they cannot date the same thing.

    Same trigger family is required; different named agents ("Hoyer" and
    "Pelosi"), negation on one side only, or two unrelated content verbs
    ("joined in 2009" and "left last year") rule a pairing out.
    """
    if family(x) != family(y) or x.negated != y.negated:
        return None
    if _different_doers(x, y):
        return None
    if {x.tense, y.tense} == {"past", "future"} and not _preview_and_report(x, y):
        return None  # what happened and what is planned are two events
    if x.objects and y.objects and not set(x.objects) & set(y.objects):
        return None  # "met Putin on Monday", "met Macron on Tuesday"
    if x.office and y.office and x.office != y.office:
        return None  # "lieutenant governor from 1993 to 1996", "governor from 1996 to 2007"
    vx, vy = content_verb(x), content_verb(y)
    attributive = x.attributive or y.attributive
    if vx and vy and not verbs_related(vx, vy) and not attributive:
        return None
    agents = set(x.agent) | set(y.agent)
    if x.head and x.head == y.head and x.head not in LIGHT_VERBS:
        predicate = 1 if attributive else 2
    elif vx and vy and verbs_related(vx, vy) and _dates_the_verb(x) and _dates_the_verb(y):
        predicate = 2
    elif _names_event_of(x, y, agents) or _names_event_of(y, x, agents):
        predicate = 1 if attributive else 2
    elif _event_happened(x, y) or _event_happened(y, x):
        return Link(2, 1)  # the event itself is the participant both dates share
    else:
        return None
    shared = (x.nouns & y.nouns) - agents - {x.head, y.head}
    named = 1 if set(x.agent) & (set(y.agent) | y.names) or set(y.agent) & x.names else 0
    participants = min(2, len(shared)) + named
    setting = 1 if ((x.nouns | x.obliques) & (y.nouns | y.obliques)) - agents - shared - {x.head, y.head} else 0
    return Link(predicate, participants, setting)


PREVIEW_DAYS = 7  # a planned day and a reported one this close may be one event, previewed and reported


def _preview_and_report(x: DateMention, y: DateMention) -> bool:
    """A day planned in one ("will meet next Monday") and a day reported in the other ("met on
    Tuesday"), both resolved and within a week: a preview and a report of one event, if the roles agree."""
    days = ("day", "weekday")
    if x.granularity not in days or y.granularity not in days or not (x.start and y.start):
        return False
    return abs((x.start - y.start).days) <= PREVIEW_DAYS


HAPPEN_VERBS = frozenset({"happen", "occur", "take"})  # "the blast happened", "the attack took place"
TAKE_HAPPENS = frozenset({"place", "effect"})  # "took place", "took effect"; not "took office"


def _happens(m: DateMention) -> bool:
    """The date says when something happened: "happened", "occurred", "took place" (not "took office")."""
    return m.verb in HAPPEN_VERBS and (m.verb != "take" or bool(TAKE_HAPPENS & (m.nouns | m.obliques)))


def _event_happened(x: DateMention, y: DateMention) -> bool:
    """y dates when its event noun happened ("the blast happened on Wednesday"), and x dates an act
    that noun is part of ("nine were killed in the blast on Tuesday"): both date the event."""
    if not _happens(y) or content_verb(x) == "" or not _dates_the_verb(y):
        return False
    event = _events((set(y.agent) | y.nouns) - y.names)
    return bool(event & _events(x.nouns | x.obliques))


def _events(nouns) -> set[str]:
    """Nouns with those of one event class read alike ("blast" / "explosion")."""
    return {EVENT_NOUNS.get(n, n) for n in nouns}


def _dates_the_verb(m: DateMention) -> bool:
    """The date attaches to the verb itself ("quit earlier this month"), not to a noun ("his appearance Sunday")."""
    return bool(m.verb) and m.head == m.verb


def _names_event_of(x: DateMention, y: DateMention, agents: set[str]) -> bool:
    """x dates a noun ("an election in June") that y dates through a light verb ("an election set for June 25")."""
    if not x.head or x.head in LIGHT_VERBS or x.head == x.verb or x.head not in y.nouns - agents:
        return False
    return _dates_the_verb(y) and not content_verb(y)


def _different_doers(x: DateMention, y: DateMention) -> bool:
    """Both say who did it, and not the same one ("Pelosi has led" / "Hoyer has led").

    A doer that the other side names elsewhere in its clause does not count as
    different: a parser may take "senator" for the subject of "Brooke held".
    """
    if not (x.agent and y.agent) or set(x.agent) & set(y.agent):
        return False
    return not (set(x.agent) & (y.names | y.nouns) or set(y.agent) & (x.names | x.nouns))


def align(xs: Sequence[DateMention], ys: Sequence[DateMention]) -> list[tuple[DateMention, DateMention, Link]]:
    """One-to-one pairing of dates by role, strongest evidence first; dates with no counterpart stay out."""
    candidates = []
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            found = link(x, y)
            if found is not None:
                candidates.append((-found.strength, i, j, found))
    candidates.sort(key=lambda t: t[:3])
    used_x: set[int] = set()
    used_y: set[int] = set()
    pairs = []
    for _, i, j, found in candidates:
        if i in used_x or j in used_y:
            continue
        used_x.add(i)
        used_y.add(j)
        pairs.append((xs[i], ys[j], found))
    return pairs


def role_keys(m: DateMention) -> set[tuple[str, str]]:
    """Index keys under which two dates that may play one role meet (see ``link``).

    The same head word, related verbs, or a head noun that the other date's
    light verb takes ("an election in June" / "an election set for June 25").
    """
    keys: set[tuple[str, str]] = set()
    if m.head and m.head not in LIGHT_VERBS:
        keys.add(("head", m.head))
    verb = content_verb(m)
    if verb:
        keys.add(("verb", verb))
        keys.update(("class", str(i)) for i, c in enumerate(DATED_EVENT_CLASSES) if verb in c)
        keys.update(("event", n) for n in _events((m.nouns | m.obliques) - m.names))  # see _event_happened
    elif _dates_the_verb(m):
        keys.update(("head", n) for n in m.nouns)
        if _happens(m):
            keys.update(("event", n) for n in _events((set(m.agent) | m.nouns) - m.names))
    return keys


def event_groups(claims: Sequence[Claim], same_event) -> dict[str, int]:
    """Source id -> event number, from the pairwise ``same_event`` test (one call per source and group)."""
    return ScanContext(same_event).groups(c.source_id for c in claims)


# ---------------------------------------------------------------- verdicts

@dataclass(frozen=True)
class Verdict:
    agree: bool
    norms: tuple[str, str]
    exact: bool  # compared as resolved calendar intervals (not weekday names or keys)


def _overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _gap_days(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    return max((b[0] - a[1]).days, (a[0] - b[1]).days)


def _weekday_name(m: DateMention) -> str:
    if m.key in WEEKDAYS:
        return m.key
    if m.start is not None and m.start == m.end:
        return WEEKDAYS[m.start.weekday()]
    return ""


def _in_reference_year(m: DateMention) -> tuple[dt.date, dt.date] | None:
    """A resolved day or month moved into the reference year, to compare with a yearless date."""
    if m.start is None or m.end is None or m.start.year != m.end.year or (m.end - m.start).days > 31:
        return None
    try:
        return m.start.replace(year=2000), m.end.replace(year=2000)
    except ValueError:
        return None


def _this_week_and_another_year(x: DateMention, y: DateMention) -> bool:
    """x is a day told relative to the article ("on Friday"), y a whole other year ("in 2024"):
    no writer mistakes this week for another year, so the two date two events (two vetoes)."""
    return (x.relative and x.granularity in ("day", "weekday") and y.granularity == "year"
            and not y.start <= x.start <= y.end)


def verdict(x: DateMention, y: DateMention) -> Verdict | None:
    """Agree or conflict for two aligned dates; None when they cannot be compared."""
    prefix = FAMILY_LABEL.get(family(x), "")
    wx, wy = x.key in WEEKDAYS, y.key in WEEKDAYS
    if wx and wy:
        if x.key == y.key:
            return Verdict(True, (x.key, y.key), False)
        if x.start and y.start and abs((x.start - y.start).days) > 6:
            return None  # two weekdays in different weeks: the resolution guessed, not the sources
        return Verdict(False, (x.key, y.key), False)
    if x.start is not None and y.start is not None:
        if _this_week_and_another_year(x, y) or _this_week_and_another_year(y, x):
            return None
        if x.endpoints or y.endpoints:
            if not (x.endpoints and y.endpoints):
                return None
            agree = all(_overlap(a, b) for a, b in zip(x.endpoints, y.endpoints))
        else:
            agree = _overlap((x.start, x.end), (y.start, y.end))
            if not agree and (x.relative or y.relative) and x.start == x.end and y.start == y.end \
                    and _gap_days((x.start, x.end), (y.start, y.end)) <= 1:
                return None  # a day off against a publication date: time zones, late editions
        return Verdict(agree, (prefix + describe(x), prefix + describe(y)), True)
    if wx or wy:
        names = (_weekday_name(x), _weekday_name(y))
        if not all(names):
            return None
        return Verdict(names[0] == names[1], names, False)
    fx = floating_interval(x.key) if x.start is None else _in_reference_year(x)
    fy = floating_interval(y.key) if y.start is None else _in_reference_year(y)
    if (x.start is None or y.start is None) and fx and fy and (x.key.startswith("--") or y.key.startswith("--")):
        return Verdict(_overlap(fx, fy), (prefix + (x.key or describe(x)), prefix + (y.key or describe(y))), False)
    if x.start is None and y.start is None and x.key and x.key == y.key:
        return Verdict(True, (prefix + x.key, prefix + y.key), False)
    return None  # an unplaced relative date never conflicts with a placed one


class DateMismatch(Rule):
    """Two sources give different dates for the same thing.

    ## What it does
    Looks at every pair of claims from different sources of one event whose
    dates may play the same role (claims that state one date often differ
    too much in wording to be linked by embedding similarity). Dates are
    paired one to one by role: the same trigger ("since", "from ... to",
    "in"/"on"); the same or a synonymous verb the date attaches to
    ("quit"/"left", "held the seat"/"served") or the same dated noun ("an
    election in June"/"an election set for June 25"); and a participant in
    common (the subject, or a noun the verb takes). Different subjects,
    named objects or offices ("lieutenant governor"/"governor"), a negation
    on one side only, a past event against a planned one, or two unrelated
    verbs ("joined in 2009"/"left last year") rule a pairing out. Each date is an interval of days (relative dates placed
    against the article's publication date); paired dates whose intervals do
    not overlap are a discrepancy, overlapping ones ("in 2015"/"in November
    2015") an agreement. Never reported as conflicts: a relative date that
    cannot be placed against a placed one, dates in a list ("since 2003 and
    2007"), hedged dates ("around 2002"), statements ("said Sunday"/"said
    Saturday": people speak more than once; but an announcement of one
    thing by one doer is one act), different figures dated
    differently ("earned $30 million in 2014"/"$13 million in 2013"), a day
    of the article's week against another year ("vetoed the bill on Friday"/
    "vetoed a similar bill in 2024": two vetoes), and relative dates or plans
    from articles written days apart.

    ## Why it matters
    Dates are easy to get wrong when rewriting a wire story: a year off
    ("since 2002" against "since 2003"), a term shifted by one ("1966 to 1978"
    against "1967 to 1979"), a weekday confused, "last year" for "earlier this
    month". Such slips are cheap to check and embarrassing to print.

    ## Example
    "Gomez has run the water agency since 2011" and "Gomez has run the water
    agency since 2012": a discrepancy ('since 2011' / 'since 2012'). "the June
    25 runoff election" and "a runoff election set for June 25": an agreement.
    "Lee joined the firm in 2009" and "Lee left the firm in 2012": nothing,
    joining and leaving are two events.
    """

    code = "DAT001"
    name = "date-mismatch"
    category = "date"
    scope = "corpus"
    severity = Severity.MEDIUM

    def scan(self, claims: Sequence[Claim], context: ScanContext) -> Iterable[Observation]:
        """Compare every pair of claims from different sources of one event whose dates may share a role."""
        dated = [i for i, c in enumerate(claims) if c.facts.dates]
        group_of = context.groups(claims[i].source_id for i in dated)
        buckets: dict[tuple, list[int]] = defaultdict(list)
        for i in dated:
            keys = {key for m in claims[i].facts.dates for key in role_keys(m)}
            for key in keys:
                buckets[(group_of[claims[i].source_id], *key)].append(i)
        pairs: set[tuple[int, int]] = set()
        for members in buckets.values():
            if len(members) > MAX_BUCKET:
                continue  # a word shared by hundreds of dated claims tells nothing about roles
            for n, i in enumerate(members):
                for j in members[n + 1:]:
                    if claims[i].source_id != claims[j].source_id:
                        pairs.add((i, j))
        out: list[Observation] = []
        for i, j in sorted(pairs):
            a, b = claims[i], claims[j]
            if (b.source_id, b.start) < (a.source_id, a.start):
                a, b = b, a
            out.extend(self.compare(a, b, 0.0))
        return out

    def compare(self, a: Claim, b: Claim, similarity: float) -> Iterable[Observation]:
        """Observations on the aligned dates of two claims (the similarity of the claims is not needed)."""
        out = []
        for x, y, found_link in align(a.facts.dates, b.facts.dates):
            found = verdict(x, y)
            if found is None or x.coordinated or y.coordinated:
                continue
            if not (found_link.same_role or (found.agree and _same_date_same_event(x, y, found_link, found))):
                continue
            if not found.agree and (x.approximate or y.approximate or _statement(x, found_link)
                                    or _statement(y, found_link)
                                    or _different_days_of_writing(a, b, x, y)
                                    or _different_figures(x, y) or _doer_unmentioned(x, b, y, found_link)
                                    or _doer_unmentioned(y, a, x, found_link)):
                continue
            norms = found.norms
            if found.agree and norms[0] != norms[1] and not found.exact:
                norms = (norms[0], norms[0])
            kind = Kind.AGREEMENT if found.agree else Kind.DISCREPANCY
            out.append(self.observe(
                kind, [side(a, x.span, norms[0]), side(b, y.span, norms[1])],
                severity=self._severity(x, y), confidence=self._confidence(x, y, found_link, found),
            ))
        return out

    @staticmethod
    def _severity(x: DateMention, y: DateMention) -> Severity:
        stated = all(m.explicit_year and not m.relative for m in (x, y))
        return Severity.HIGH if stated else Severity.MEDIUM

    @staticmethod
    def _confidence(x: DateMention, y: DateMention, found_link: Link, found: Verdict) -> float:
        base = 0.9 if not (x.relative or y.relative) else 0.75
        if not found.exact:
            base = 0.65
        return min(0.95, base + 0.02 * max(0, found_link.strength - 2))


MAX_DAYS_BETWEEN_ARTICLES = 2


def _different_figures(x: DateMention, y: DateMention) -> bool:
    """"earned $30 million in 2014" and "earned $13 million in 2013": two figures, two years, no conflict."""
    return bool(x.numbers and y.numbers and not x.numbers & y.numbers)


def _doer_unmentioned(x: DateMention, other: Claim, y: DateMention, found_link: Link) -> bool:
    """x names who did it, and the other claim never mentions them.

    "Zimmer issued a statement on Sunday" and "in a statement issued
    Thursday, Sheridan said": the second never mentions Zimmer, so the two
    statements need not be one. A pronoun ("he left the administration last
    year") may stand for the name, but then the event must share more than
    one participant ("the Patrick administration") to be taken as the same.
    """
    if x.subject_kind != "name" or not x.agent or set(x.agent) & set(words(other.text)):
        return False
    return y.subject_kind != "pronoun" or found_link.participants < 2


def _statement(m: DateMention, found_link: Link) -> bool:
    """Said, told, announced: people speak again and again, so such dates never conflict; but an
    announcement of one named thing by one doer ("the ministry announced a ban on trawling") is one act."""
    verbs = {m.verb, m.head} & STATEMENT_VERBS
    return bool(verbs) and not (verbs <= ANNOUNCING_VERBS and found_link.participants >= 2)


def _different_days_of_writing(a: Claim, b: Claim, x: DateMention, y: DateMention) -> bool:
    """Articles written days apart, about relative dates or plans.

    Relative dates ("on Thursday", "last week") are placed against each
    article's own date, and articles days apart often report different
    meetings of the same people; plans ("will leave at the end of February")
    change between one day's story and the next. No conflict is drawn.
    """
    if not (x.relative and y.relative) and "future" not in (x.tense, y.tense):
        return False
    da, db = a.article.date, b.article.date
    if da is None or db is None or abs((da - db).days) <= MAX_DAYS_BETWEEN_ARTICLES:
        return False
    # but a preview's day for the event and the report's, the report written once the day was past,
    # are one event's two days ("will meet next Monday" / "met on Tuesday")
    for (plan, plan_date), (done, done_date) in (((x, da), (y, db)), ((y, db), (x, da))):
        if plan.tense == "future" and done.tense == "past" and _preview_and_report(plan, done) \
                and plan_date < done_date and plan.start <= done_date:
            return False
    return True


def _same_date_same_event(x: DateMention, y: DateMention, found_link: Link, found: Verdict) -> bool:
    """An agreement with no shared participant, but no coincidence either.

    The same calendar day or month named outright for the same dated noun
    ("the June 25 election" / "an election set for June 25"), or exactly the
    same date for the same event verb ("arraigned Thursday morning" twice).
    """
    if x.start is None or (x.start, x.end) != (y.start, y.end):
        return found_link.predicate >= 2 and not found.exact and found.norms[0] == found.norms[1]
    if found_link.predicate >= 2:
        return True
    return not x.relative and not y.relative and {x.granularity, y.granularity} <= {"day", "month"}
