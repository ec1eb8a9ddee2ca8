"""Dates: absolute and relative mentions resolved to intervals, with their role.

A date mention is found by surface patterns over the claim's text (spaCy's
DATE entities also cover durations like "a decade" and miss "mid May"), then
resolved to an inclusive interval of days:

- absolute: "March 2, 2008" (day), "March 2008" (month), "2010" (year),
  "the 1990s" (decade), "late 2015" / "mid May" (part of a month or year);
- yearless: "June 25", "in March" take the year that puts them nearest the
  publication date (tense breaks ties), or the year named next to them;
- weekdays: "on Wednesday" is the last such day on or before publication for
  past tense, the next one for future tense; otherwise it stays a weekday;
- relative: "yesterday", "last year", "earlier this month", "two weeks ago",
  resolved against the publication date; "the following month", "two months
  later" against the date named just before them;
- ranges: "from 1966 to 1978", "1966-78", "between 2009 and 2016".

Without a publication date a relative mention keeps only its ``key``
("last year", "wednesday"), which still compares with an equal key. A
yearless day or month keeps a ``key`` like ``--06-25`` (ISO 8601 without a
year) that compares with another yearless date.

Each mention also records its role in the claim: the trigger word ("since",
"in") here, the governing word, verb, doer and nouns from ``date_roles``.
Comparators align dates by role, never all pairs.

Durations ("for 20 years", "a decade", "the past two years") are not dates.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ..model import DateMention
from .date_roles import Role, role_of
from ..lexicon import numbers
from ..lexicon.calendar import MONTHS, SEASONS, WEEKDAYS
from .text import doc_text

# ---------------------------------------------------------------- vocabulary

NUMBER_WORDS = {**numbers.SMALL, "a": 1, "an": 1, "a couple of": 2}  # "a year ago", "two days later"

# words just before a date that say what the date does in the sentence
TRIGGERS = frozenset(
    "since in on from until till through thru by before after during between at of for "
    "starting beginning ending effective around about circa".split()
)
APPROXIMATE = frozenset("around about approximately roughly circa c. sometime some".split())
# a bare month name is also a modal ("May"), a verb ("March") or a first name ("June"):
# it counts as a date only after one of these words
MONTH_LEADS = TRIGGERS | {"early", "mid", "late", "last", "next", "this", "past", "and", "or", "to", "-"}
# a number word before "N years ago" that makes it a bound, not a date
BOUND_WORDS = frozenset("more over than nearly almost under least just".split())
# a determiner before "last year" makes it "the last year": a duration ("his last year": final)
DETERMINERS = frozenset("the a an his her its their our my your this that these those past".split())

# ---------------------------------------------------------------- patterns

_ABBREVIATED = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_MONTH = (r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)(?!\w)"
          rf"|{_ABBREVIATED}\.|{_ABBREVIATED}(?=\s+\d))")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!\w)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:%])"
_YEAR_DIGITS = r"(?:1[6-9]\d\d|20\d\d)"
_YEAR = rf"(?<![\w$£€.,/:])(?<!\d[-–]){_YEAR_DIGITS}(?![\w%]|[.,:]\d)"
_PART = r"(?:(?i:early|mid|late)[-\s]+|(?i:the\s+)?(?i:beginning|start|end|middle)\s+of\s+(?:the\s+)?)"
_SHORT_DECADE = r"['’]\d0"  # "the '90s"
_UNIT = r"(?:day|week|month|year|decade)s?"
_COUNT = r"(?:\d{1,3}|a couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"


def _g(name: str, pattern: str) -> str:
    return f"(?P<{name}>{pattern})"


_FULL_DECADE = r"(?<![\w$])(?:1[6-9]\d0|20\d0)"
_SEASON = r"(?i:spring|summer|fall|autumn|winter)"
_YEAR_END = _YEAR_DIGITS + r"(?![\w%])|\d\d(?![\w%])"  # "1966-1978", "1966-78"
_WEEKDAY_REL = r"(?i:last|next|this past|this|past)"
_TIME_OF_DAY = r"morning|afternoon|evening|night"
_REL_DAY = r"(?i:yesterday|today|tonight|tomorrow)"
_REL_PART = r"(?i:earlier|later|early|late|mid)[-\s]+"
_REL = r"(?i:last|next|this past|this)"
_REL_UNIT = r"(?i:week|weekend|month|year)"
_ANY_COUNT = "(?i:" + _COUNT + ")"
_ANY_UNIT = "(?i:" + _UNIT + ")"
_ANCHOR_DIR = r"(?i:following|next|previous|preceding|prior)"
_ANCHOR_UNIT = r"(?i:day|week|month|year)"
_LATER = r"(?i:later|earlier)"
_FISCAL = r"(?i:fiscal\s+(?:year\s+)?|FY\s?)"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((kind, re.compile(rx)) for kind, rx in (
    # "Wednesday, Jan. 30, 2013": the weekday is absorbed by the day
    ("date", _WEEKDAY + r",?\s+" + _g("month", _MONTH) + r"\s+" + _g("day", _DAY)
     + r"(?:,?\s+" + _g("year", _YEAR) + ")?"),
    ("date", _g("month", _MONTH) + r"\s+" + _g("day", _DAY) + r"\s*(?:-|–|to|through)\s*" + _g("day2", _DAY)
     + r"(?:,?\s+" + _g("year", _YEAR) + ")?"),
    ("date", _g("month", _MONTH) + r"\s+" + _g("day", _DAY) + r"(?:,?\s+" + _g("year", _YEAR) + ")?"),
    ("date", r"(?<!\d)" + _g("day", _DAY) + r"\s+(?:of\s+)?" + _g("month", _MONTH) + r"(?:,?\s+" + _g("year", _YEAR) + ")?"),
    ("month", _g("part", _PART) + "?" + _g("month", _MONTH) + r"(?:\s+of|,)?\s+" + _g("year", _YEAR)),
    ("month", _g("part", _PART) + "?" + _g("month", _MONTH) + r"(?![\w-])"),
    ("season", _g("part", _PART) + r"?(?:the\s+)?" + _g("season", _SEASON) + r"(?:\s+of)?,?\s+" + _g("year", _YEAR)),
    ("decade", _g("part", _PART) + "?" + _g("decade", _FULL_DECADE) + r"'?s\b"),
    ("decade", _g("part", _PART) + "?" + _g("decade2", _SHORT_DECADE) + r"s\b"),
    ("year", _g("year", _YEAR) + r"\s*(?:-|–|—|/)\s*" + _g("year2", _YEAR_END)),
    ("year", _g("part", _PART) + "?" + _FISCAL + "?" + _g("year", _YEAR)),
    ("weekday", r"(?:" + _g("rel", _WEEKDAY_REL) + r"\s+)?" + _g("weekday", _WEEKDAY)
     + r"(?:\s+" + _g("tod", _TIME_OF_DAY) + ")?"),
    ("relday", r"\b" + _g("relday", _REL_DAY) + r"\b"),
    ("relunit", r"(?<![\w-])" + _g("part", _REL_PART) + "?" + _g("rel", _REL) + r"\s+" + _g("unit", _REL_UNIT) + r"\b"),
    ("ago", r"(?<![\w-])" + _g("count", _ANY_COUNT) + r"\s+" + _g("unit", _ANY_UNIT) + r"\s+(?i:ago)\b"),
    ("anchored", r"\b(?i:the)\s+" + _g("dir", _ANCHOR_DIR) + r"\s+" + _g("unit", _ANCHOR_UNIT) + r"\b"),
    ("anchored", r"(?<![\w-])" + _g("count", _ANY_COUNT) + r"\s+" + _g("unit", _ANY_UNIT) + r"\s+" + _g("dir", _LATER) + r"\b"),
))

_WORD = re.compile(r"[\w.'’]+")


# ---------------------------------------------------------------- records

@dataclass(frozen=True)
class Phrase:
    """A matched date phrase (doc offsets) and its parsed parts, before resolution."""

    start: int
    end: int
    kind: str  # key of PATTERNS: "date", "month", "year", "weekday", "relunit", ...
    groups: dict


@dataclass(frozen=True)
class Value:
    """A resolved date: an inclusive interval, or a key when it cannot be placed."""

    start: dt.date | None
    end: dt.date | None
    granularity: str
    relative: bool
    key: str = ""
    explicit_year: bool = False
    endpoints: tuple[tuple[dt.date, dt.date], ...] = ()


# ---------------------------------------------------------------- calendar helpers

def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def part_of(lo: dt.date, hi: dt.date, part: str) -> tuple[dt.date, dt.date]:
    """Early/mid/late part of an interval: generous halves, so "early May" and "May 12" never clash."""
    n = (hi - lo).days + 1
    if part == "early":
        return lo, lo + dt.timedelta(days=(n - 1) // 2)
    if part == "late":
        return lo + dt.timedelta(days=n // 2), hi
    if part == "mid":
        return lo + dt.timedelta(days=n // 4), lo + dt.timedelta(days=(3 * n) // 4 - 1)
    return lo, hi


def _part_word(raw: str | None) -> str:
    words = (raw or "").lower().replace("-", " ").split()
    words = [w for w in words if w not in ("the", "of")]
    if not words:
        return ""
    return {"early": "early", "beginning": "early", "start": "early", "earlier": "earlier",
            "late": "late", "end": "late", "later": "later", "mid": "mid", "middle": "mid"}.get(words[0], "")


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def nearest_year(month: int, day: int | None, pub: dt.date, tense: str) -> int:
    """The year that puts a yearless month/day nearest the publication date.

    Past tense makes dates after publication unlikely (and future tense dates
    before it), so those are penalised rather than forbidden.
    """
    def cost(year: int) -> int:
        first, last = month_bounds(year, month)
        if day:
            first = last = dt.date(year, month, min(day, last.day))
        if last < pub:
            return (pub - last).days * (3 if tense == "future" else 1)
        if first > pub:
            return (first - pub).days * (3 if tense == "past" else 1)
        return 0

    return min((pub.year - 1, pub.year, pub.year + 1), key=lambda y: (cost(y), abs(y - pub.year)))


REFERENCE_YEAR = 2000  # a leap year: it holds every yearless day


def floating_key(lo: dt.date, hi: dt.date) -> str:
    """ISO 8601 without a year ("--06-25/--06-25") for a yearless interval."""
    return f"--{lo:%m-%d}/--{hi:%m-%d}"


def floating_interval(key: str) -> tuple[dt.date, dt.date] | None:
    """The reference-year interval of a ``floating_key``; None for other keys."""
    m = re.fullmatch(r"--(\d\d)-(\d\d)/--(\d\d)-(\d\d)", key)
    if not m:
        return None
    a, b, c, d = (int(x) for x in m.groups())
    return dt.date(REFERENCE_YEAR, a, b), dt.date(REFERENCE_YEAR, c, d)


def _count(raw: str) -> int | None:
    raw = " ".join(raw.lower().split())
    return int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)


def _unit(raw: str) -> str:
    return raw.lower().rstrip("s")


def _day_number(raw: str) -> int:
    return int(re.match(r"\d+", raw).group())


# ---------------------------------------------------------------- resolution

def resolve(p: Phrase, pub: dt.date | None, tense: str, year_hint: int | None = None,
            anchor: Value | None = None) -> Value | None:
    """Resolve one phrase; None when the phrase turns out not to be a date ("February 30")."""
    g = p.groups
    part = _part_word(g.get("part"))
    if p.kind in ("date", "month"):
        return _resolve_month_day(g, part, pub, tense, year_hint)
    if p.kind == "season":
        year = int(g["year"])
        first, last = SEASONS[g["season"].lower()]
        lo = month_bounds(year, first)[0]
        hi = month_bounds(year + 1 if last < first else year, last)[1]
        return Value(*part_of(lo, hi, part), "season", False, "", True)
    if p.kind == "decade":
        if g.get("decade"):
            start = int(g["decade"])
        else:
            two = int(g["decade2"][1:])
            start = (2000 if two <= 20 else 1900) + two
        return Value(*part_of(dt.date(start, 1, 1), dt.date(start + 9, 12, 31), part), "decade", False, "", True)
    if p.kind == "year":
        return _resolve_year(g, part)
    if p.kind == "weekday":
        return _resolve_weekday(g, pub, tense)
    if p.kind == "relday":
        word = g["relday"].lower()
        if pub is None:
            return Value(None, None, "day", True, word)
        d = pub + dt.timedelta(days={"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word])
        return Value(d, d, "day", True, word)
    if p.kind == "relunit":
        return _resolve_relunit(g, part, pub)
    if p.kind == "ago":
        return _resolve_ago(g, pub)
    if p.kind == "anchored":
        return _resolve_anchored(g, anchor)
    return None


def _resolve_year(g: dict, part: str) -> Value | None:
    year = int(g["year"])
    if not g.get("year2"):
        return Value(*part_of(*year_bounds(year), part), "year" if not part else "part", False, "", True)
    raw = g["year2"]
    year2 = int(raw) if len(raw) == 4 else (year // 100) * 100 + int(raw)
    if len(raw) == 2 and year2 < year:
        year2 += 100
    if not 0 < year2 - year <= 50:
        return None  # "2010/2009", "1999-2077": not a span of years
    return Value(dt.date(year, 1, 1), dt.date(year2, 12, 31), "range", False, "", True,
                 endpoints=(year_bounds(year), year_bounds(year2)))


def _resolve_month_day(g: dict, part: str, pub: dt.date | None, tense: str, year_hint: int | None) -> Value | None:
    month = MONTHS[g["month"].lower().rstrip(".")]
    day = _day_number(g["day"]) if g.get("day") else None
    day2 = _day_number(g["day2"]) if g.get("day2") else None
    explicit = bool(g.get("year"))
    year = int(g["year"]) if explicit else year_hint
    if year is None and pub is not None:
        year = nearest_year(month, day, pub, tense)
    ref = year if year is not None else REFERENCE_YEAR
    lo, hi = month_bounds(ref, month)
    endpoints: tuple = ()
    if day is not None:
        if day > hi.day or (day2 is not None and not day < day2 <= hi.day):
            return None
        lo = hi = dt.date(ref, month, day)
        gran = "day"
        if day2 is not None:
            hi = dt.date(ref, month, day2)
            gran, endpoints = "range", ((lo, lo), (hi, hi))
    else:
        lo, hi = part_of(lo, hi, part)
        gran = "month" if not part else "part"
    if year is None:
        return Value(None, None, gran, False, floating_key(lo, hi))
    return Value(lo, hi, gran, False, "", explicit or year_hint is not None, endpoints)


def _resolve_weekday(g: dict, pub: dt.date | None, tense: str) -> Value:
    name = g["weekday"].lower()
    rel = " ".join((g.get("rel") or "").lower().split())
    if pub is None:
        return Value(None, None, "weekday", True, name)
    wd = WEEKDAYS.index(name)
    back = (pub.weekday() - wd) % 7  # days back to the last such weekday (0: the publication day)
    ahead = (wd - pub.weekday()) % 7
    if rel in ("last", "past", "this past"):
        d = pub - dt.timedelta(days=back or 7)
    elif rel == "next":
        d = pub + dt.timedelta(days=ahead or 7)
    elif tense == "past":
        d = pub - dt.timedelta(days=back)
    elif tense == "future":
        d = pub + dt.timedelta(days=ahead)
    elif back == 0:
        d = pub
    else:
        return Value(None, None, "weekday", True, name)  # "meets Thursday": which Thursday is unclear
    return Value(d, d, "weekday", True, name)


def _resolve_relunit(g: dict, part: str, pub: dt.date | None) -> Value:
    rel = " ".join(g["rel"].lower().split())
    unit = g["unit"].lower()
    key = " ".join(x for x in ((g.get("part") or "").strip(" -").lower(), rel, unit) if x)
    gran = "day" if unit == "weekend" else unit
    if pub is None:
        return Value(None, None, gran, True, key)
    shift = {"last": -1, "this past": -1, "this": 0, "next": 1}[rel]
    if unit in ("week", "weekend"):
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=shift)
        lo, hi = (monday, monday + dt.timedelta(days=6))
        if unit == "weekend":
            lo = monday + dt.timedelta(days=5)
        elif shift == -1:  # "last week" is also said of the past seven days
            lo, hi = pub - dt.timedelta(days=13), pub - dt.timedelta(days=1)
    elif unit == "month":
        lo, hi = month_bounds(*add_months(pub.year, pub.month, shift))
    else:
        lo, hi = year_bounds(pub.year + shift)
    day = dt.timedelta(days=1)
    if part == "earlier":  # before the day of writing: what happened that day is "today", not "earlier this week"
        hi = max(lo, min(hi, pub - day))
    elif part == "later":
        lo = min(hi, max(lo, pub + day))
    else:
        lo, hi = part_of(lo, hi, part)
    return Value(lo, hi, gran, True, key)


_DAYS_IN_UNIT = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3652}


def _resolve_ago(g: dict, pub: dt.date | None) -> Value | None:
    n, unit = _count(g["count"]), _unit(g["unit"])
    if n is None:
        return None
    key = f"{n} {unit} ago"
    if pub is None:
        return Value(None, None, unit, True, key)
    days = _DAYS_IN_UNIT[unit]
    centre = pub - dt.timedelta(days=n * days)
    slack = dt.timedelta(days=days // 2)  # "two years ago" is not to the day
    return Value(centre - slack, centre + slack, unit, True, key)


# the unit of an anchored phrase needs an anchor at least this fine
_ANCHOR_GRANULARITY = {
    "day": ("day", "weekday"), "week": ("day", "weekday"), "month": ("day", "weekday", "month"),
    "year": ("day", "weekday", "month", "part", "year"), "decade": ("year", "decade"),
}


def _resolve_anchored(g: dict, anchor: Value | None) -> Value | None:
    unit = _unit(g["unit"])
    n = _count(g["count"]) if g.get("count") else 1
    if n is None:
        return None
    sign = -1 if g["dir"].lower() in ("previous", "preceding", "prior", "earlier") else 1
    key = f"{n} {unit} {'before' if sign < 0 else 'after'}"
    if anchor is None or anchor.granularity not in _ANCHOR_GRANULARITY[unit]:
        return Value(None, None, unit, True, key)
    floating = anchor.start is None
    base = floating_interval(anchor.key)[0] if floating else anchor.start
    if base is None:
        return Value(None, None, unit, True, key)
    if unit in ("day", "week"):
        d = base + dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
        lo, hi = (d, d) if unit == "day" else (d - dt.timedelta(days=3), d + dt.timedelta(days=3))
    elif unit == "month":
        lo, hi = month_bounds(*add_months(base.year, base.month, sign * n))
    else:
        step = 10 if unit == "decade" else 1
        lo = year_bounds(base.year + sign * n * step)[0]
        hi = year_bounds(base.year + sign * n * step + step - 1)[1]
    if floating:
        if unit not in ("day", "week", "month") or lo.year != REFERENCE_YEAR or hi.year != REFERENCE_YEAR:
            return Value(None, None, unit, True, key)
        return Value(None, None, "day" if unit == "day" else unit, False, floating_key(lo, hi))
    return Value(lo, hi, "day" if unit == "day" else unit, True, key)


# ---------------------------------------------------------------- scanning

def scan(text: str, start: int = 0, end: int | None = None) -> list[Phrase]:
    """Non-overlapping date phrases in text[start:end], longest first at each place."""
    end = len(text) if end is None else end
    window = text[start:end]
    found = []
    for kind, rx in PATTERNS:
        for m in rx.finditer(window):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            found.append(Phrase(start + m.start(), start + m.end(), kind, groups))
    found.sort(key=lambda p: (p.start, p.start - p.end))
    chosen: list[Phrase] = []
    taken_until = -1
    for p in found:
        if p.start >= taken_until and _plausible(text, p):
            chosen.append(p)
            taken_until = p.end
    return chosen


def words_before(text: str, pos: int, floor: int = 0, n: int = 4) -> list[tuple[str, int]]:
    """Up to n (lower-cased word, start) just before pos, nearest first, stopping at punctuation."""
    lo = max(floor, pos - 60)
    found = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text, lo, pos)]
    out: list[tuple[str, int]] = []
    edge = pos
    for word, s, e in reversed(found):
        if text[e:edge].strip() or len(out) == n:
            break
        out.append((word.rstrip(".") if word not in ("c.", "no.") else word, s))
        edge = s
    return out


def _plausible(text: str, p: Phrase) -> bool:
    """Reject matches that are not dates: "May" the modal, "the last year", "Section 1983"."""
    before = [w for w, _ in words_before(text, p.start, n=2)]
    w1 = before[0] if before else ""
    w2 = before[1] if len(before) > 1 else ""
    g = p.groups
    if p.kind == "month" and not g.get("year") and not g.get("part"):
        return w1 in MONTH_LEADS
    if p.kind == "relunit" and not g.get("part") and w1 in DETERMINERS:
        return False
    if p.kind in ("ago", "anchored") and g.get("count"):
        if w1 in BOUND_WORDS or (w1 == "than" and w2 in BOUND_WORDS):
            return False
    if p.kind == "year" and not g.get("part") and not g.get("year2"):
        if w1 in NOT_YEAR_LEADS:
            return False
        if re.match(r"\s*(gmt|utc|hours|hrs|local time|[ecmp][sd]?t\b|bst\b|cet\b)", text[p.end:p.end + 14], re.I):
            return False
        if _STREET.match(text, p.end):
            return False
    return True


# "1600 Pennsylvania Avenue": a house number
_STREET = re.compile(r"\s+(?:[A-Z][\w.'’-]*\s+){1,2}(?:Avenue|Ave\.|Street|St\.|Road|Rd\.|Boulevard|Blvd\.?|Drive|Lane|Place|Court)\b")
# words before a four-digit number that make it a number, not a year ("Section 1983", "Flight 2020")
NOT_YEAR_LEADS = frozenset(
    "no no. number section flight route room highway interstate article chapter form model version "
    "vision agenda windows page pages resolution bill code exit ward district precinct gate "
    "suite unit building apartment lot item rule".split()
)


# ---------------------------------------------------------------- assembling mentions

_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|until|till|through|thru|and)\s*")
_LIST_JOIN = re.compile(r"\s*,?\s*(?:and|or|&)\s*")
_RANGEABLE = {"date", "month", "year", "decade", "season"}
# a span told with two verbs: "beginning in 2009 and continuing through 2016"
_OPENED_BEFORE = re.compile(r"(?i)\b(?:beginning|starting|began|started)\s+$")
_CONTINUED = re.compile(r"(?i),?\s+and\s+(?:continuing|lasting|running|ending|going|continued|lasted|ran|ended)"
                        r"\s+(?:through|until|till|to|into|in)\s+")
_SPAN_TRIGGERS = ("from", "between", "")


@dataclass
class _Draft:
    """A mention being assembled: value span (trigger included), phrase, value, role."""

    start: int
    end: int
    phrase: Phrase
    value: Value
    role: Role
    trigger: str = ""
    approximate: bool = False
    coordinated: bool = False


def _trigger(text: str, p: Phrase, floor: int) -> tuple[str, bool, int]:
    """(trigger word, approximate?, start of the value span) of a phrase."""
    words = words_before(text, p.start, floor)
    trigger, approximate, start = "", False, p.start
    i = 0
    if i < len(words) and words[i][0] == "the":
        i += 1
    while i < len(words) and (words[i][0] in APPROXIMATE or words[i][0] == "least"):
        approximate = True
        start = words[i][1]
        i += 1 + (words[i][0] == "least" and i + 1 < len(words) and words[i + 1][0] == "at")
    if i < len(words) and words[i][0] in TRIGGERS:
        trigger, start = words[i][0], words[i][1]
        if [w for w, _ in words[i + 1:i + 3]] == ["least", "at"]:
            approximate = True
    elif i < len(words) and words[i][0] == "as" and len(words) > i + 1 and words[i + 1][0] in ("early", "late"):
        approximate = True
    if trigger == "" and approximate:
        trigger = "in"  # "around 2002" dates a point like "in 2002"
    return trigger, approximate, start


def extract(ctx) -> list[DateMention]:
    span = ctx.span
    doc = span.doc
    text = doc_text(doc)
    pub = ctx.article.date
    phrases = scan(text, span.start_char, span.end_char)
    if not phrases:
        return []
    date_tokens = {t.i for p in phrases for t in (doc.char_span(p.start, p.end, alignment_mode="expand") or ())}
    drafts: list[_Draft] = []
    roles: dict = {}
    for p in phrases:
        if _counts_things(doc, p):
            continue
        role = role_of(doc, p.start, p.end, date_tokens, roles)
        anchor = _anchor(doc, p, pub) if p.kind == "anchored" else None
        value = resolve(p, pub, _resolving_tense(p, role), anchor=anchor)
        if value is None:
            continue
        trigger, approximate, start = _trigger(text, p, span.start_char)
        if text.startswith(("'s ", "’s "), p.end):
            trigger, start = "", p.start  # "after Tuesday's talks": the date is the talks', "after" is not its
        drafts.append(_Draft(start, p.end, p, value, role, trigger, approximate))
    drafts = _mark_lists(text, _join_ranges(text, drafts, pub, lambda a, b: role_of(doc, a, b, date_tokens, roles)))
    return [_mention(ctx, d) for d in drafts]


def _counts_things(doc, p: Phrase) -> bool:
    """A bare four-digit number that counts a plural noun ("got 1996 votes") is no year."""
    if p.kind != "year" or p.groups.get("part") or p.groups.get("year2"):
        return False
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    return span is not None and any(t.dep_ == "nummod" and t.head.tag_ in ("NNS", "NNPS") for t in span)


def _resolving_tense(p: Phrase, role: Role) -> str:
    """The tense that places a yearless date or a weekday; a noun's date ("an election in June") has none."""
    return role.tense if role.verb_governed or p.kind == "weekday" else ""


def _mention(ctx, d: _Draft) -> DateMention:
    v, r = d.value, d.role
    return DateMention(
        span=ctx.to_span(d.start, d.end), start=v.start, end=v.end, granularity=v.granularity,
        relative=v.relative, key=v.key, trigger=d.trigger, explicit_year=v.explicit_year,
        endpoints=v.endpoints, approximate=d.approximate, coordinated=d.coordinated,
        head=r.head, verb=r.verb, nouns=r.nouns, obliques=r.obliques, agent=r.agent, names=r.names, numbers=r.numbers,
        objects=r.objects, subject_kind=r.subject_kind, office=r.office, tense=r.tense,
        negated=r.negated, attributive=r.attributive,
    )


def _join_ranges(text: str, drafts: list[_Draft], pub: dt.date | None, role_at) -> list[_Draft]:
    """Merge "from X to Y", "between X and Y", "X until Y" into one range mention."""
    out: list[_Draft] = []
    i = 0
    while i < len(drafts):
        d = drafts[i]
        joined = _range(text, d, drafts[i + 1], pub, role_at) if i + 1 < len(drafts) else None
        if joined is not None:
            out.append(joined)
            i += 2
        else:
            out.append(d)
            i += 1
    return out


def _range(text: str, d: _Draft, nxt: _Draft, pub: dt.date | None, role_at) -> _Draft | None:
    """One range from two dates, or None; ``role_at(start, end)`` gives the role of a stretch of text."""
    if d.phrase.kind not in _RANGEABLE or nxt.phrase.kind not in _RANGEABLE or d.value.endpoints or nxt.value.endpoints:
        return None
    start, role = d.start, d.role
    joiner = text[d.phrase.end:nxt.phrase.start]
    opened = _OPENED_BEFORE.search(text, max(0, d.start - 12), d.start)
    if opened and _CONTINUED.fullmatch(joiner):
        # "instances beginning in 2009 and continuing through 2016": the span dates the instances
        start, role = opened.start(), role_at(opened.start(), d.phrase.end)
    elif not _RANGE_JOIN.fullmatch(joiner):
        return None
    else:
        joiner = joiner.strip()
        if joiner == "and" and d.trigger != "between":
            return None
        if joiner not in ("and", "-", "–", "—") and d.trigger not in _SPAN_TRIGGERS:
            return None
    first, second = d.value, nxt.value
    if not first.explicit_year and nxt.phrase.groups.get("year") and d.phrase.kind in ("date", "month"):
        hint = int(nxt.phrase.groups["year"])
        first = resolve(d.phrase, pub, _resolving_tense(d.phrase, d.role), year_hint=hint) or first
    if first.start is None or second.start is None or first.start > second.end:
        return None
    value = Value(first.start, second.end, "range", first.relative or second.relative, "",
                  first.explicit_year and second.explicit_year,
                  ((first.start, first.end), (second.start, second.end)))
    trigger = d.trigger if d.trigger in ("from", "between") else "from"
    return _Draft(start, nxt.end, d.phrase, value, role, trigger, d.approximate or nxt.approximate)


def _mark_lists(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """Dates in a list ("since 2003 and 2007") may date different things: mark them, share the trigger."""
    for a, b in zip(drafts, drafts[1:]):
        if b.start != b.phrase.start and b.trigger != a.trigger:
            continue  # "in 2009 and since 2012" is no list; "in 2009 and in 2012" is
        joiner = text[a.end:b.start]
        if _LIST_JOIN.fullmatch(joiner) or (joiner.strip() == "," and a.phrase.kind == b.phrase.kind):
            a.coordinated = b.coordinated = True
            if a.phrase.kind == b.phrase.kind and not b.trigger:
                b.trigger = a.trigger
    return drafts


ANCHOR_WINDOW = 600  # characters back, within the paragraph, to look for the date an anchored phrase counts from


def _anchor(doc, p: Phrase, pub: dt.date | None) -> Value | None:
    """The last date named before an anchored phrase ("the following month") in its paragraph."""
    for q in reversed(scan(doc_text(doc), max(0, p.start - ANCHOR_WINDOW), p.start)):
        if q.kind == "anchored":
            continue
        v = resolve(q, pub, "")
        if v is not None and not v.endpoints and (v.start is not None or v.key.startswith("--")):
            return v
    return None


# ---------------------------------------------------------------- labels

def describe(m: DateMention) -> str:
    """Short normalised label of a mention's date: '2002', '2008-03', '1966..1978', 'wednesday'."""
    if m.start is None or m.end is None:
        return m.key
    if m.endpoints:
        return "..".join(_label(lo, hi) for lo, hi in m.endpoints)
    return _label(m.start, m.end)


def _label(lo: dt.date, hi: dt.date) -> str:
    if lo == hi:
        return lo.isoformat()
    if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31):
        return str(lo.year) if lo.year == hi.year else f"{lo.year}..{hi.year}"
    if lo.day == 1 and (lo.year, lo.month) == (hi.year, hi.month) and hi.day == calendar.monthrange(hi.year, hi.month)[1]:
        return f"{lo:%Y-%m}"
    return f"{lo.isoformat()}..{hi.isoformat()}"
