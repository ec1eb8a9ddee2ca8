"""Quantities: numbers in digits and words, with units, qualifiers and counted nouns.

The numeric expression is found with regular expressions over the claim's
text (tokenisers split "134-to-63" and "$3.6bn" in unpredictable ways); the
parse then says what the number counts or measures ("nine Turkish *activists*",
"*border apprehensions* ... fell to 400,000") and which words surround it, so
comparators can tell whether two numbers are about the same thing.

What is deliberately *not* a quantity: years and calendar dates ("in 2010",
"March 2"), times of day, identifiers ("No. 2", "Route 66", "F-35"), phone
numbers, and relative dates ("two months later"), which the dates extractor
owns.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..model import Quantity
from ..lexicon.calendar import MONTH_PATTERN
from ..lexicon.numbers import CURRENCY_PREFIX_PATTERN, CURRENCY_PREFIXES, CURRENCY_WORDS
from ..lexicon.numbers import FRACTIONS as _FRACTIONS
from ..lexicon.numbers import ORDINALS as _ORDINALS
from ..lexicon.numbers import SCALES as _SCALES
from ..lexicon.numbers import SMALL as _SMALL
from ..lexicon.numbers import TENS as _TENS
from .text import doc_text, fold

# ---------------------------------------------------------------- vocabulary

_CURRENCIES = {**CURRENCY_PREFIXES, **CURRENCY_WORDS}
# durations: unit and factor into that unit
_DURATIONS = {
    "decade": ("year", 10), "decades": ("year", 10), "century": ("year", 100), "centuries": ("year", 100),
    "year": ("year", 1), "years": ("year", 1), "month": ("month", 1), "months": ("month", 1),
    "fortnight": ("day", 14), "week": ("day", 7), "weeks": ("day", 7), "day": ("day", 1), "days": ("day", 1),
    "hour": ("hour", 1), "hours": ("hour", 1), "minute": ("minute", 1), "minutes": ("minute", 1),
}
_MEASURES = {
    "mile": "mile", "miles": "mile", "kilometer": "km", "kilometers": "km", "kilometre": "km", "kilometres": "km",
    "km": "km", "foot": "foot", "feet": "foot", "meter": "meter", "meters": "meter", "metre": "meter",
    "metres": "meter", "acre": "acre", "acres": "acre", "hectare": "hectare", "hectares": "hectare",
    "ton": "ton", "tons": "ton", "tonne": "tonne", "tonnes": "tonne", "pound": "pound", "pounds": "pound",
    "kilogram": "kg", "kilograms": "kg", "kg": "kg", "gallon": "gallon", "gallons": "gallon",
    "barrel": "barrel", "barrels": "barrel", "degree": "degree", "degrees": "degree",
}
# qualifier phrase -> class; classes are what comparators reason about
QUALIFIERS = {
    "more than": "over", "over": "over", "above": "over", "upwards of": "over", "upward of": "over",
    "in excess of": "over", "north of": "over", "just over": "over", "well over": "over", "exceeding": "over",
    "more than a": "over", "or more": "over", "plus": "over", "at least": "at least", "no fewer than": "at least",
    "no less than": "at least", "a minimum of": "at least", "less than": "under", "fewer than": "under",
    "under": "under", "below": "under", "just under": "almost", "up to": "at most", "as many as": "at most",
    "as much as": "at most", "no more than": "at most", "not more than": "at most", "at most": "at most",
    "a maximum of": "at most", "nearly": "almost", "almost": "almost", "close to": "almost",
    "just shy of": "almost", "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "some": "about", "an estimated": "about", "estimated": "about", "or so": "about", "more or less": "about",
    "an average of": "about", "approx.": "about",
}

# ---------------------------------------------------------------- patterns

_DIG = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
         r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
         r"|seventeen|eighteen|nineteen")
_SCALE = r"hundred|thousand|million|billion|trillion"
_SCALE_TAIL = rf"(?:[ -](?:{_SCALE})\b)*"

_CORE = re.compile(
    rf"""
    (?P<money>(?P<cur>(?i:{CURRENCY_PREFIX_PATTERN}))\s?(?P<mnum>{_DIG})(?:\s?(?P<mabbr>bn|mn|mln|tn|m|b|k)\b)?{_SCALE_TAIL})
  | (?P<dozen>(?:half[ -]a[ -]|a[ -]|half-)dozen|(?P<dnum>{_DIG}|\b(?:{_WORD})) dozen\b|\bdozens\b(?=\s+of\b))
  | (?P<vague>\b(?:tens|hundreds)\s+of\s+(?:thousands|millions)\b|\b(?:hundreds|thousands|millions|billions|scores)\b(?=\s+of\b))
  | (?P<fraction>\b(?P<fnum>one|two|three|four|a)(?:-(?P<fden>half|halves|thirds?|quarters?|fifths?|tenths?)\b
                 |\s(?P<fden2>half|halves|thirds?|quarters?|fifths?|tenths?)\b
                   (?=\s+of\b|\s*[,.;:)]|\s*$|\s+(?:over|since|from|last|this|in|to|compared|versus)\b))
                 |\bhalf\b(?=\s+(?:of|the|its|their|his|her|our)\b)|\bhalved\b)
  | (?P<indef>\ban?\s+(?P<iunit>decade|century|year|month|fortnight|week|day|hundred|thousand|million|billion)\b)
  | (?P<ordinal>\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth
                 |fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)\b
                 |(?<![\w.])\d{{1,3}}(?:st|nd|rd|th)\b)
  | (?P<number>(?<![\w.,$€£/@#:-])(?:{_DIG})(?!\w|,\d|\.\d)|\b(?:{_WORD})\b)
    """,
    re.I | re.X,
)
_NUMTOKEN = rf"(?:\d+|{_WORD})"
_ODDS = re.compile(rf"(?<![\w.,$-])(?P<n>{_NUMTOKEN})(?:-in-|\s+in\s+|\s+out\s+of\s+)(?P<d>{_NUMTOKEN})\b(?!-\w|,\d)", re.I)
_TALLY = re.compile(r"(?<![\w.,$-])(\d{1,4})(?:-to-| to |–|-)(\d{1,4})(?![\w,.]\d|-)")
_TALLY_CUES = {"vote", "votes", "voted", "won", "win", "wins", "lost", "defeated", "margin", "tally", "ruling",
               "decision", "passed", "approved", "rejected", "confirmed", "split", "majority"}
_PHONE = re.compile(r"\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b")
_MONTHS = MONTH_PATTERN
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$", re.I)
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{_MONTHS})\b", re.I)
_TIME_AFTER = re.compile(r"^(?::\d\d|\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|GMT\b|ET\b|EST\b|EDT\b|PT\b|PST\b|BST\b))", re.I)
_ID_BEFORE = re.compile(r"(?:\bNo\.|\bNos\.|#|\bNumber|\bnumber|\bversion|\bv\.|\bpage|\bp\.|\bpp\.)\s*$")
_RELATIVE_AFTER = re.compile(r"^(?:-|\s)?(?:ago|earlier|later|before|after|hence|from now|prior)\b", re.I)
_DECADE_AFTER = re.compile(r"^'?s\b")  # 1970s, 90s
_QUAL_BEFORE = re.compile(
    r"(?:^|(?<=[\s(\"“‘'—–-]))(?P<q>(?:just|well|slightly|far)\s+(?:over|under|more\s+than|less\s+than|fewer\s+than)"
    r"|more\s+than|less\s+than|fewer\s+than|upwards?\s+of|in\s+excess\s+of|north\s+of|at\s+least|at\s+most"
    r"|no\s+(?:fewer|less|more)\s+than|not\s+more\s+than|a\s+(?:minimum|maximum)\s+of|up\s+to|as\s+(?:many|much)\s+as"
    r"|close\s+to|just\s+shy\s+of|an\s+average\s+of|an\s+estimated|estimated|approximately|approx\.|roughly|around"
    r"|about|nearly|almost|some|over|above|under|below|exceeding)\s+$",
    re.I,
)
_COMPARISON_BEFORE = re.compile(r"\b(?:anything|nothing|something|everything|any|none|much|far|significantly|even)\s+$",
                                re.I)
_QUAL_AFTER = re.compile(r"^(?P<q>\s+or\s+(?:more|so)\b|-?plus\b|\+)", re.I)
_SCALE_AFTER = re.compile(rf"^(?:[ -](?:{_SCALE})\b)+", re.I)
_PERCENT_AFTER = re.compile(r"^(?:\s?%|[ -](?:percent|per\s+cent|pct)\b|[ -](?P<pp>percentage[ -]points?)\b)", re.I)
_CURRENCY_AFTER = re.compile(rf"^[ -](?P<c>{'|'.join(sorted(CURRENCY_WORDS, key=len, reverse=True))})\b", re.I)
_AGE_AFTER = re.compile(r"^(?:[ -]years?[ -]old\b|-year-old\b)", re.I)
_DURATION_AFTER = re.compile(
    r"^[ -](?P<d>decades?|century|centuries|years?|months?|fortnight|weeks?|days?|hours?|minutes?)\b(?P<long>-long\b)?",
    re.I,
)
_MEASURE_AFTER = re.compile(
    r"^[ -](?P<m>(?:square\s+)?(?:miles?|kilomet(?:er|re)s?|km|feet|foot|met(?:er|re)s?|acres?|hectares?|tons?|tonnes?"
    r"|pounds?|kilograms?|kg|gallons?|barrels?|degrees?))\b",
    re.I,
)
_RATE_AFTER = re.compile(r"^\s+(?:a|an|per|each)\s+(?P<r>year|month|week|day|hour)\b|^\s+annually\b", re.I)


# ---------------------------------------------------------------- values


def word_value(text: str) -> float | None:
    """'twenty-one' -> 21, 'seven' -> 7, '1,200.5' -> 1200.5."""
    t = text.lower().replace(",", "")
    try:
        return float(t)
    except ValueError:
        pass
    parts = re.split(r"[- ]", t)
    total = 0.0
    for p in parts:
        if p in _TENS:
            total += _TENS[p]
        elif p in _SMALL:
            total += _SMALL[p]
        else:
            return None
    return total


def digit_step(text: str, *, round_figure: bool = False) -> float:
    """Rounding step a written number implies: '3.6' -> 0.1, '400,000' -> 100000, '35' -> 1.

    Trailing zeros round only large figures, or any figure of money or with a
    scale word ('$700 billion'); '240 seats' is a count, exact as stated.
    """
    t = text.replace(",", "")
    if "." in t:
        return 10.0 ** -len(t.split(".", 1)[1])
    if not t.isdigit() or (int(t) < 1000 and not round_figure):
        return 1.0
    zeros = len(t) - len(t.rstrip("0")) if t.strip("0") else 0
    return 10.0 ** zeros


MAX_VALUE = 1e15  # larger "figures" are identifiers or noise
ROUNDING_CAP = 0.05  # a round figure stands for at most 5% either side
ABOUT = 0.10  # "about", "roughly": 10% either side


def interval(value: float, step: float, qualifier: str) -> tuple[float, float]:
    """The values a statement is consistent with, given its rounding and its qualifier.

    A rounded figure covers half a step either side, but never more than 5%
    of its value ("400,000" is 380,000-420,000, "$3.6 billion" is 3.55-3.65
    billion); "about" widens that to 10%; bounds leave one side open.
    """
    half = min(step / 2, abs(value) * ROUNDING_CAP) if step >= 10 else step / 2
    low, high = value - half, value + half
    cls = QUALIFIERS.get(qualifier, qualifier)
    if cls == "about":
        low, high = min(low, value * (1 - ABOUT)), max(high, value * (1 + ABOUT))
    elif cls == "over":
        low, high = value, math.inf
    elif cls == "at least":
        low, high = value - half, math.inf
    elif cls == "under":
        low, high = 0.0, value
    elif cls == "at most":
        low, high = 0.0, value + half
    elif cls == "almost":
        low, high = value * (1 - 2 * ABOUT), value
    return low, high


# ---------------------------------------------------------------- parsing


@dataclass(frozen=True)
class _Raw:
    """A numeric expression before its syntax is read: doc offsets, value and unit."""

    start: int
    end: int
    value: float
    step: float
    unit: str  # "$", "%", "year", "age", "ordinal", "tally", "count" (to be resolved), a measure
    qualifier: str = ""
    vague: tuple[float, float] | None = None  # ("dozens of": 24..99)
    parts: tuple[float, ...] = ()
    noun: str = ""
    hyphen_unit: bool = False  # "48-page", "two-year": the unit is glued to the number


def _qualifier_before(text: str, start: int, floor: int) -> tuple[str, int]:
    """The qualifier phrase right before a number ("more than", "an estimated") and where it starts."""
    lo = max(floor, start - 30)
    m = _QUAL_BEFORE.search(text[lo:start])
    if not m:
        return "", start
    if _COMPARISON_BEFORE.search(text[lo:lo + m.start("q")]):
        return "", start  # "anything less than $5.7 billion" names a threshold, not a hedge
    return " ".join(m.group("q").lower().split()), lo + m.start("q")


def _skip_number(text: str, start: int, end: int, floor: int) -> bool:
    """Digits that are years, dates, times, identifiers or parts of names."""
    token = text[start:end]
    before, after = text[max(floor, start - 12):start], text[end:end + 14]
    plain = token.replace(",", "")
    if re.fullmatch(r"\d{4}", plain) and 1000 <= int(plain) <= 2100 and "," not in token:
        return True  # a year (a count like 1,500 carries its separator)
    if _DECADE_AFTER.match(after) or _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return True
    if _TIME_AFTER.match(after) or _ID_BEFORE.search(before):
        return True
    if re.search(r"[A-Za-z]-?$", before) or re.match(r"^-?[A-Za-z]\b(?!-)", after) and not re.match(r"^-[a-z]{2,}", after):
        return True  # F-35, COVID-19, 4G, 3D
    return False


def _scan(text: str, floor: int, ceiling: int) -> list[_Raw]:
    """Numeric expressions of text[floor:ceiling], in order, not overlapping."""
    found: list[_Raw] = []
    covered = bytearray(max(0, ceiling - floor) + 1)  # characters already read as part of a figure

    def take(a: int, b: int) -> None:
        a, b = max(a, floor), min(b, ceiling)
        covered[a - floor:b - floor] = b"\x01" * max(0, b - a)

    def free(a: int, b: int) -> bool:
        a, b = max(a, floor), min(b, ceiling)
        return not any(covered[a - floor:b - floor])

    for m in _PHONE.finditer(text, floor, ceiling):
        take(m.start(), m.end())
    for m in _ODDS.finditer(text, floor, ceiling):
        n, d = word_value(m.group("n")), word_value(m.group("d"))
        if n is None or not d or n > d or d > 1000 or (m.group("n").isdigit() and len(m.group("n")) == 4):
            continue  # "2 in 2019" is a date, "1 in 0" noise
        found.append(_Raw(m.start(), m.end(), 100.0 * n / d, 2.0, "%"))  # "two in three" ~ 67%
        take(m.start(), m.end())
    for m in _TALLY.finditer(text, floor, ceiling):
        window = text[max(floor, m.start() - 40): m.end() + 20].lower()
        a, b = int(m.group(1)), int(m.group(2))
        if 1000 <= a <= 2100 and 1000 <= b <= 2100:
            take(m.start(), m.end())  # "2009-2016": years, not a tally
            continue
        if set(re.findall(r"[a-z]+", window)) & _TALLY_CUES:
            found.append(_Raw(m.start(), m.end(), float(a), 1.0, "tally", parts=(float(a), float(b)), noun="vote"))
        take(m.start(), m.end())  # any other "10-15" is a range or score: not compared
    for m in _CORE.finditer(text, floor, ceiling):
        if not free(m.start(), m.end()):
            continue
        raw = _parse(text, m, floor, ceiling)
        if raw is not None and free(raw.start, raw.end):
            found.append(raw)
            take(raw.start, raw.end)
    return sorted(found, key=lambda r: r.start)


@dataclass
class _Core:
    """What the numeric core of an expression says before units and qualifiers are read."""

    value: float
    end: int
    step: float = 1.0
    unit: str = "count"
    vague: tuple[float, float] | None = None


def _scaled(value: float, step: float, words: str) -> tuple[float, float]:
    for w in re.findall(_SCALE, words, re.I):
        value, step = value * _SCALES[w.lower()], step * _SCALES[w.lower()]
    return value, step


def _money(m: re.Match, text: str, floor: int, ceiling: int) -> _Core | None:
    value = float(m.group("mnum").replace(",", ""))
    step = digit_step(m.group("mnum"), round_figure=True)
    if m.group("mabbr"):
        scale = _SCALES[m.group("mabbr").lower()]
        value, step = value * scale, step * scale
    value, step = _scaled(value, step, text[m.end("mnum"):m.end()])
    return _Core(value, m.end(), step, _CURRENCIES[m.group("cur").lower()])


def _dozen(m: re.Match, text: str, floor: int, ceiling: int) -> _Core | None:
    t = m.group("dozen").lower()
    if t.startswith("dozens"):
        return _Core(24.0, m.end(), vague=(24.0, 99.0))
    if t.startswith("half"):
        return _Core(6.0, m.end())
    n = word_value(m.group("dnum")) if m.group("dnum") else 1.0
    return None if n is None else _Core(12.0 * n, m.end())


_VAGUE_RANGES = {
    "hundreds": (200, 999), "thousands": (2e3, 9.999e3), "millions": (2e6, 9.999e8), "billions": (2e9, 9.999e11),
    "scores": (40, 99), "tens of thousands": (2e4, 9.999e4), "tens of millions": (2e7, 9.999e7),
    "hundreds of thousands": (2e5, 9.999e5), "hundreds of millions": (2e8, 9.999e8),
}


def _vague(m: re.Match, text: str, floor: int, ceiling: int) -> _Core | None:
    low, high = _VAGUE_RANGES[" ".join(m.group("vague").lower().split())]
    return _Core(float(low), m.end(), vague=(float(low), float(high)))


def _fraction(m: re.Match, text: str, floor: int, ceiling: int) -> _Core | None:
    value = 50.0
    if m.group("fnum"):
        n = 1.0 if m.group("fnum").lower() == "a" else word_value(m.group("fnum"))
        value = 100.0 * n * _FRACTIONS[(m.group("fden") or m.group("fden2")).lower()]
    return _Core(value, m.end(), 2.0, "%")  # "two-thirds" is about 67%: fractions are stated loosely


def _indefinite(m: re.Match, text: str, floor: int, ceiling: int) -> _Core | None:
    """'a decade', 'a year', 'a million'."""
    word, end, rest = m.group("iunit").lower(), m.end(), text[m.end():ceiling]
    if word in _SCALES:
        more = _SCALE_AFTER.match(rest)
        value, step = _scaled(_SCALES[word], _SCALES[word], more.group(0) if more else "")
        return _Core(value, end + (more.end() if more else 0), step)
    if _RELATIVE_AFTER.match(rest) or re.search(r"(?:\d|\b(?:per|once|twice|times|a|each))\s*$",
                                                 text[max(floor, m.start() - 10):m.start()], re.I):
        return None  # "a year ago", "$50,000 a year", "twice a day"
    unit, factor = _DURATIONS[word]
    step = 2.0 * factor / 10 if factor >= 10 else 1.0  # "a decade" is said of 9 to 11 years
    long = re.match(r"^-long\b", rest)
    return _Core(float(factor), end + (long.end() if long else 0), step, unit)


def _ordinal(m: re.Match, text: str, floor: int, ceiling: int) -> _Core | None:
    t, start, rest = m.group("ordinal"), m.start(), text[m.end():ceiling]
    if t[0].isupper() and start > floor and not re.search(r"[.!?\"“]\s*$", text[floor:start]):
        return None  # Second Amendment, Eighth Circuit
    if re.match(r"^[ -](?:centur|amendment|floor|grade|anniversar|birthday)", rest, re.I) \
            or _MONTH_BEFORE.search(text[max(floor, start - 12):start]) or _MONTH_AFTER.match(rest):
        return None  # "19th century", "March 2nd"
    if rest.startswith("-"):
        return None  # "second-largest", "third-party", "second-degree": ranks and kinds, not counts
    value = float(_ORDINALS.get(t.lower()) or int(re.match(r"\d+", t).group()))
    return _Core(value, m.end(), unit="ordinal")


def _plain(m: re.Match, text: str, floor: int, ceiling: int) -> _Core | None:
    """'400,000', '3.6 million', 'twenty-one'."""
    token, start, end = m.group("number"), m.start(), m.end()
    step = 1.0
    if token[0].isdigit():
        if _skip_number(text, start, end, floor):
            return None
        step = digit_step(token, round_figure=bool(_SCALE_AFTER.match(text[end:ceiling])))
    elif token[0].isupper() and start > floor and not re.search(r"[.!?\"“(]\s*$", text[floor:start]):
        return None  # Air Force One, Big Ten
    value = word_value(token)
    if value is None:
        return None
    more = _SCALE_AFTER.match(text[end:ceiling])
    if more:
        value, step = _scaled(value, step, more.group(0))
        end += more.end()
    rest = text[end:ceiling]
    if _DURATION_AFTER.match(rest) and _RELATIVE_AFTER.match(_DURATION_AFTER.sub("", rest, count=1)):
        return None  # "two months later": a relative date
    return _Core(value, end, step)


_READERS = (("money", _money), ("dozen", _dozen), ("vague", _vague), ("fraction", _fraction),
            ("indef", _indefinite), ("ordinal", _ordinal), ("number", _plain))


def _units_after(core: _Core, text: str, ceiling: int) -> tuple[_Core, str, bool]:
    """A count's unit written after it ('4.5 percent', '35 days', '55 miles', '76-year-old'): (core, noun, glued)."""
    rest = text[core.end:ceiling]
    noun, glued = "", False
    pct, cur, age = _PERCENT_AFTER.match(rest), _CURRENCY_AFTER.match(rest), _AGE_AFTER.match(rest)
    dur, meas = _DURATION_AFTER.match(rest), _MEASURE_AFTER.match(rest)
    if pct:
        core.unit = "percentage point" if pct.group("pp") else "%"
        core.end += pct.end()
    elif cur:
        word = cur.group("c").lower()
        core.unit = _CURRENCIES[word]
        if word.startswith("cent"):
            core.value, core.step = core.value / 100, core.step / 100
        core.end += cur.end()
    elif age:
        core.unit, noun = "age", "age"
        core.end += age.end()
    elif dur:
        core.unit, factor = _DURATIONS[dur.group("d").lower()]
        core.value, core.step = core.value * factor, core.step * factor
        if core.vague:
            core.vague = (core.vague[0] * factor, core.vague[1] * factor)
        glued = rest.startswith("-")
        core.end += dur.end()
    elif meas:
        core.unit = _MEASURES[meas.group("m").lower().split()[-1]]
        if meas.group("m").lower().startswith("square"):
            core.unit = "square " + core.unit
        core.end += meas.end()
    return core, noun, glued


def _parse(text: str, m: re.Match, floor: int, ceiling: int) -> _Raw | None:
    """One numeric expression: its core, the unit written after it, and the qualifiers around it."""
    reader = next(read for name, read in _READERS if m.group(name))
    core = reader(m, text, floor, ceiling)
    if core is None:
        return None
    noun, glued = "", False
    if core.unit == "count":
        core, noun, glued = _units_after(core, text, ceiling)
    rate = _RATE_AFTER.match(text[core.end:ceiling])
    if rate and core.unit in ("$", "€", "£", "count"):
        core.unit = f"{core.unit}/{(rate.group('r') or 'year').lower()}"  # "$40 a month"
    qualifier, start = _qualifier_before(text, m.start(), floor)
    after = _QUAL_AFTER.match(text[core.end:ceiling])
    if after and not qualifier:
        qualifier = " ".join(after.group("q").lower().replace("-", " ").replace("+", "plus").split())
        core.end += after.end()
    if core.unit == "count" and re.match(r"^-[a-z]", text[core.end:ceiling]):
        glued = True  # "48-page", "five-term"
    value = core.value
    if not math.isfinite(value) or value > MAX_VALUE or (value == 0 and core.unit == "count"):
        return None  # a 400-digit "number" is noise, not a figure
    return _Raw(start, core.end, float(value), float(core.step), core.unit, qualifier, core.vague, noun=noun,
                hyphen_unit=glued)


# ---------------------------------------------------------------- syntax


def _tokens(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _relative_acts(noun) -> frozenset[str]:
    """Verbs of a clause on the counted noun that say which of the things are counted: "23 steps he took",
    "19 actions the president could take", "12 people killed in the attack"."""
    return frozenset(c.lemma_.lower() for c in noun.children
                     if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB" and c.i > noun.i
                     and c.lemma_.lower() not in ("be", "have"))


def _counted_noun(toks):
    """The noun a number counts: its head ('nine Turkish activists'), or what follows 'of' ('31 of the emergencies')."""
    if not toks:
        return None
    last = toks[-1]
    inside = {t.i for t in toks}
    doc = last.doc
    # glued unit: "48-page indictment" -> page; "five-term congressman" -> term
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.text == "-" and last.i + 2 < len(doc) and doc[last.i + 2].pos_ in ("NOUN", "PROPN"):
        return doc[last.i + 2]
    for tok in toks:
        head = tok.head
        hops = 0
        while (head.i in inside or head.pos_ == "NUM") and hops < 3:
            if head.head.i == head.i:
                break
            head, hops = head.head, hops + 1
        if head.pos_ in ("NOUN", "PROPN") and head.i > tok.i and head.i - last.i <= 4 and head.i not in inside:
            return head
    for tok in reversed(toks):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs and objs[0].pos_ in ("NOUN", "PROPN", "PRON"):
                    return objs[0]
    # "two young sons": the noun after a number in the same phrase
    j = last.i + 1
    while j < len(doc) and j - last.i <= 3 and doc[j].pos_ in ("ADJ", "NOUN", "PROPN", "PUNCT") and doc[j].text != ",":
        if doc[j].pos_ == "NOUN" and (j + 1 >= len(doc) or doc[j + 1].pos_ != "NOUN"):
            return doc[j]
        j += 1
    return None


def _after_a_name(doc, toks, span) -> bool:
    """A number written right after a proper noun, with no comma: part of that name."""
    if not toks or toks[0].i <= span.start or not toks[0].text[0].isdigit():
        return False
    prev = doc[toks[0].i - 1]
    name_like = prev.pos_ == "PROPN" or (prev.text[:1].isupper() and not prev.is_sent_start and prev.is_alpha)
    return name_like and prev.ent_type_ not in ("DATE", "TIME") and prev.idx + len(prev.text) < toks[0].idx


def _described_noun(doc, end: int) -> str:
    """The noun a glued figure, a price or a share describes: '48-page indictment' -> 'indictment', 'two-year
    probe' -> 'probe', 'a $900 sofa' -> 'sofa', 'a 6.5 percent pay rise' -> 'rise'."""
    span = doc.char_span(end - 1, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    unit_tok = span[-1]
    head = unit_tok.head
    if unit_tok.dep_ in ("compound", "amod", "nmod", "npadvmod", "nummod") and head.pos_ == "NOUN" \
            and head.i > unit_tok.i:
        return _lemma(head)
    return ""


def _age_subject(doc, toks):
    """'Pelosi, 76' / 'Hunter, 41, ...': the person whose age a bare number after a comma states."""
    if not toks or len(toks) != 1 or not toks[0].text.isdigit():
        return None
    t = toks[0]
    if t.i < 2 or doc[t.i - 1].text != ",":
        return None
    prev = doc[t.i - 2]
    if prev.pos_ != "PROPN" and prev.ent_type_ != "PERSON":
        return None
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    if nxt is not None and nxt.text not in (",", ".", ";", ")", "—", "–") \
            and nxt.lower_ not in ("of", "who", "and", "was", "is", "has", "had", "said"):
        return None
    # "Senator Chuck Schumer of New York, 66": the age is Schumer's, not New York's
    cur, hops = prev, 0
    while cur.dep_ in ("pobj", "compound") and hops < 4:
        cur, hops = cur.head, hops + 1
        if cur.dep_ == "prep" and cur.head.pos_ == "PROPN":
            return cur.head
    return prev


def _age_owner(doc, toks):
    """Whose age an 'N-year-old' states: 'the 76-year-old Pelosi', 'Tim Ryan, a 43-year-old congressman'."""
    if not toks:
        return None
    last = toks[-1]
    j = last.i + 1
    while j < len(doc) and j - last.i <= 4 and (doc[j].text in ("-", "year", "years", "old") or doc[j].is_punct
                                                  and doc[j].text == "-"):
        j += 1
    noun = None
    while j < len(doc) and j - last.i <= 7 and doc[j].pos_ in ("ADJ", "NOUN", "PROPN", "PUNCT"):
        if doc[j].pos_ in ("NOUN", "PROPN"):
            noun = doc[j]
            if j + 1 >= len(doc) or doc[j + 1].pos_ not in ("NOUN", "PROPN"):
                break
        j += 1
    if noun is None:
        return None
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        return noun.head  # "Tim Ryan, a 43-year-old congressman"
    return noun


_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
_LIGHT_WORDS = {"be", "have", "do", "say", "make", "get", "also", "other", "new", "s", "mr", "ms", "mrs", "accord",
                "tell", "according"}  # say nothing about what a figure is
_CLAUSE_DEPS = {"relcl", "advcl", "ccomp", "conj", "parataxis", "acl"}


def _lemma(tok) -> str:
    return tok.lemma_.lower().replace("defence", "defense").replace("’", "'")


WINDOW = 12  # tokens either side of a figure that may say what it is about
MAX_HOPS = 12  # how far up the parse a word is traced


def _clause_root(tok):
    """Nearest verb (or sentence root) governing a token."""
    cur, hops = tok, 0
    while cur.head.i != cur.i and hops < 8:
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ in _CLAUSE_DEPS | {"ROOT", "xcomp"}:
            return cur
        cur, hops = cur.head, hops + 1
    return cur


def _context(toks, span, taken: set[int]) -> tuple[str, frozenset[str]]:
    """(governing word, content lemmas near the quantity) for telling what it is about.

    The window is the quantity's clause: the words of the nearest governing
    verb's subtree, minus embedded clauses that do not contain the number,
    capped to a dozen tokens either side.
    """
    if not toks:
        return "", frozenset()
    root = _clause_root(toks[0])
    doc = root.doc
    first, last = toks[0].i, toks[-1].i
    # a subtree is a contiguous run of tokens (spaCy's parses are projective): test by its edges
    lo = max(first - WINDOW, span.start, root.left_edge.i)
    hi = min(last + WINDOW, span.end - 1, root.right_edge.i)
    near = {t.i for t in toks}
    words = set()
    for tok in doc[lo:hi + 1]:
        if first <= tok.i <= last or tok.i in taken:
            continue
        # skip embedded clauses that neither hold the number nor hang on it
        anc, skip, hops = tok, False, 0
        while anc.i != root.i and anc.head.i != anc.i and hops < MAX_HOPS:
            if anc.dep_ in _CLAUSE_DEPS and anc.head.i not in near \
                    and not (anc.left_edge.i <= first <= anc.right_edge.i):
                skip = True
                break
            anc, hops = anc.head, hops + 1
        if skip:
            continue
        if tok.pos_ in _CONTENT_POS and tok.is_alpha and not tok.is_stop:
            lemma = _lemma(tok)
            if lemma not in _LIGHT_WORDS:
                words.add(lemma)
    head = ""
    if root.pos_ in ("VERB", "AUX") and root.lemma_.lower() not in ("be", "have"):
        head = root.lemma_.lower()
    return head, frozenset(words)


def _unasserted(toks) -> bool:
    """The figure's verb is a possibility or a purpose, not a fact: "could be diverted", "to divert",
    "lets the governor divert" (a verb in its base form, not after "did")."""
    if not toks:
        return False
    root = _clause_root(toks[0])
    if root.pos_ not in ("VERB", "AUX"):
        return False
    auxiliaries = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" for c in auxiliaries):
        return True
    return root.tag_ == "VB" and not any(c.lemma_.lower() == "do" for c in auxiliaries)


_DISCRETE_MAX = 10_000  # above this a figure is a statistic (a quantity), below it a count of things


OWNER_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_NOT_OWNERS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
OWNER_HOPS = 2  # how far in the parse a named owner may sit from its figure


def _owners(toks, span) -> frozenset[str]:
    """Named things a figure is attached to: 'Gingrich garnered 11 percent', 'Palin (12 percent)'.

    A breadth-first walk of the parse, at most two arcs from the figure,
    stopping at the nearest named people, organisations, places or groups
    (their last word, folded). Two figures attached to different names are not the same
    figure, however alike their sentences.
    """
    if not toks:
        return frozenset()
    seen = {t.i for t in toks}
    frontier = list(toks)
    keys = set()
    for _ in range(OWNER_HOPS):
        nxt = []
        for tok in frontier:
            for other in (tok.head, *tok.children):
                if other.i in seen or not (span.start <= other.i < span.end):
                    continue
                seen.add(other.i)
                nxt.append(other)
                named = other.ent_type_ in OWNER_LABELS or (other.pos_ == "PROPN" and other.ent_type_ not in _NOT_OWNERS)
                if named and other.pos_ in ("PROPN", "NOUN", "ADJ"):
                    keys.add(_owner_key(other))
        if keys:
            break  # the nearest names own the figure, not their neighbours in a list
        frontier = nxt
    return frozenset(k for k in keys if k)


def _owner_key(tok) -> str:
    """The last word of the entity a token belongs to ('Sarah Palin' -> 'palin')."""
    doc = tok.doc
    end = tok.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I" and doc[end + 1].ent_type_ == tok.ent_type_:
        end += 1
    last = doc[end]
    if last.lower_ in ("'s", "’s") and end > tok.i:
        last = doc[end - 1]
    return fold(last.text).strip(".")


MAX_PARTS = 3  # "nine X and a Y" sums; a long list of counts is a list, not one total


def _following_conjuncts(noun) -> list:
    """Nouns coordinated after this one ('citizens' -> 'national'), or [] for long lists."""
    found, cur = [], noun
    while len(found) <= MAX_PARTS:
        nxt = next((c for c in cur.children if c.dep_ == "conj" and c.i > cur.i), None)
        if nxt is None:
            return found
        found.append(nxt)
        cur = nxt
    return []


def _sum_coordination(doc, noun, raws_by_noun):
    """Nouns coordinated with a counted noun, each with its count: 'nine citizens and a dual national'."""
    if noun.dep_ == "conj":
        return []  # only the first noun of a coordination starts a sum
    parts = []
    for conj in _following_conjuncts(noun):
        if conj.pos_ not in ("NOUN", "PROPN"):
            return []
        if conj.i in raws_by_noun:
            parts.append((conj, raws_by_noun[conj.i]))
            continue
        dets = [c for c in conj.children if c.dep_ == "det" and c.lower_ in ("a", "an", "one")]
        if dets:
            parts.append((conj, (dets[0], 1.0)))
        else:
            return []  # "nine citizens and officials": a part without a count, no sum
    return parts


@dataclass(frozen=True)
class _Read:
    """A numeric expression with what the parse says about it."""

    raw: _Raw
    toks: list
    noun_tok: object  # spacy Token or None
    unit: str
    noun: str


def _read(raw: _Raw, toks, doc, span) -> _Read | None:
    """What a figure counts or measures, from the parse; None for figures that are parts of names or say nothing."""
    if raw.unit == "age":
        owner = _age_owner(doc, toks)
        return _Read(raw, toks, owner, "age", _lemma(owner) if owner is not None else "")
    if raw.unit == "ordinal":
        noun_tok = _counted_noun(toks)
        return None if noun_tok is None else _Read(raw, toks, noun_tok, "ordinal", _lemma(noun_tok))
    if raw.unit != "count":
        return _Read(raw, toks, None, raw.unit, raw.noun)
    if _after_a_name(doc, toks, span) and not raw.qualifier:
        return None  # "Guccifer 2.0", "Route 66", "Chapter 11 protection": part of a name
    subject = _age_subject(doc, toks)
    if subject is not None and 0 < raw.value <= 120 and not raw.qualifier:
        return _Read(raw, toks, None, "age", _lemma(subject))  # "Pelosi, 76"
    noun_tok = _counted_noun(toks)
    if noun_tok is None:
        if not toks or not toks[0].text[0].isdigit() or raw.value < 1:
            return None  # a bare number word ("one of them", "the two") says too little
        return _Read(raw, toks, None, "count", "")
    if toks[0].lower_ == "one" and toks[0].i + 1 < len(doc) and doc[toks[0].i + 1].lower_ == "of":
        return None  # "one of the ..."
    if noun_tok.pos_ == "PRON":
        return _Read(raw, toks, noun_tok, "count", "")
    noun = _lemma(noun_tok)
    if noun in _DURATIONS:
        return _Read(raw, toks, None, "count", "")  # "fell to 400,000 last year": a bare figure, not years
    if noun in _CURRENCIES:  # "tens of thousands of dollars"
        return _Read(raw, toks, noun_tok if noun_tok.idx >= raw.end else None, _CURRENCIES[noun], "")
    return _Read(raw, toks, noun_tok, "count", noun)


def _value_end(r: _Read, end: int, summed: bool, text: str) -> int:
    """Where the value span ends: after the unit or counted noun that belongs to it ('nine Turkish activists')."""
    nt = r.noun_tok
    if nt is None or r.unit == "age" or nt.idx < end:
        return end
    if r.unit in ("$", "€", "£"):
        return nt.idx + len(nt.text) if r.raw.unit == "count" else end  # "tens of thousands of dollars"
    if r.raw.hyphen_unit:
        return nt.idx + len(nt.text)  # "48-page", "five-term"
    if r.unit in ("count", "ordinal") and not summed and nt.idx - end <= 40 \
            and not re.search(r"[\"“”'‘’(]", text[end:nt.idx]):
        return nt.idx + len(nt.text)
    return end


def extract(ctx) -> list[Quantity]:
    span = ctx.span
    doc = span.doc
    raws = _scan(doc_text(doc), span.start_char, span.end_char)
    all_tokens = [_tokens(doc, r.start, r.end) for r in raws]
    taken = {t.i for toks in all_tokens for t in toks}
    reads = [r for r in (_read(raw, toks, doc, span) for raw, toks in zip(raws, all_tokens)) if r is not None]
    by_noun = {r.noun_tok.i: (r.toks[0], r.raw.value) for r in reads
               if r.noun_tok is not None and r.unit == "count" and r.toks}
    absorbed: set[int] = set()
    out: list[Quantity] = []
    for r in reads:
        if id(r) in absorbed:
            continue
        raw, noun_tok = r.raw, r.noun_tok
        start, end, value, parts = raw.start, raw.end, raw.value, raw.parts
        if r.unit == "count" and noun_tok is not None and not raw.qualifier and raw.vague is None:
            extra = _sum_coordination(doc, noun_tok, by_noun)
            if extra:  # "nine citizens and a dual national": one count of ten
                parts = (raw.value,) + tuple(v for _, (_, v) in extra)
                value = sum(parts)
                end = max(end, extra[-1][0].idx + len(extra[-1][0].text))
                joined = {c.i for c, _ in extra}
                absorbed.update(id(o) for o in reads if o.noun_tok is not None and o.noun_tok.i in joined)
        end = _value_end(r, end, len(parts) > 1, doc_text(doc))
        head, context = _context(r.toks, span, taken)
        owners = _owners(r.toks + ([noun_tok] if noun_tok is not None and r.unit != "age" else []), span)
        if noun_tok is not None and noun_tok.pos_ != "PRON":
            context = context | {_lemma(noun_tok)}
        if r.unit == "age":
            subject = _age_subject(doc, r.toks)
            if subject is not None:
                context = context | {_lemma(subject)}
                start = min(start, subject.idx)  # "Pelosi, 76": whose age it is belongs to the value
        low, high = raw.vague if raw.vague is not None else interval(value, raw.step, raw.qualifier)
        is_count = (r.unit == "count" and bool(r.noun) and value == int(value) and value < _DISCRETE_MAX
                    and raw.vague is None)
        out.append(Quantity(
            span=ctx.to_span(start, end), value=value, unit=r.unit, noun=r.noun, qualifier=raw.qualifier,
            is_count=is_count, parts=parts if len(parts) > 1 else (), step=raw.step, low=low, high=high,
            head=head, context=context, owners=owners, unasserted=_unasserted(r.toks),
            acts=_relative_acts(noun_tok) if r.unit == "count" and noun_tok is not None else frozenset(),
            describes=_described_noun(doc, end) if raw.hyphen_unit or r.unit in ("$", "%") else "",
        ))
    return out
