"""Logged edits of one sentence: discrepancies a cross-checker should find, and
style variants it must not report.

Each function takes a sentence (and a random generator) and returns an
``Edit`` (a replacement of one character range) or ``None`` when the sentence
offers nothing to alter. The replaced range always covers the compared value,
so the log can say where the value is in both versions ("12" -> "more than
12", "was" -> "was not", "Harper" -> "Haprer").
"""
from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    start: int  # range replaced in the sentence
    end: int
    after: str  # replacement text
    kind: str  # "discrepancy" or "benign"
    category: str  # quantity, name, date, polarity, style
    op: str  # which alteration made it

    def apply(self, sentence: str) -> str:
        return sentence[: self.start] + self.after + sentence[self.end:]


NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

_NUMERAL = re.compile(r"(?<![\w.,:/#-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w,:/-]|\.\d)")
_NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b(?= [a-z])")
_YEAR = re.compile(r"(?<![\w$.,])(19[5-9]\d|20[0-4]\d)(?![\w,])")
_MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2})\b(?![\d,]\d)")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
_QUALIFIED = re.compile(
    r"\b(at least|more than|over|nearly|almost|about|around|roughly|approximately|fewer than|less than|up to)"
    r" (?=[$]?\d|(?:" + "|".join(NUMBER_WORDS) + r")\b)"
)
_BARE_COUNT = re.compile(r"(?<![\w$.,:/-])(\d{2,}|" + "|".join(NUMBER_WORDS) + r") (?=[a-z]+s\b)")
_AUX = re.compile(r"\b(is|was|are|were|will|would|could|should|can|must)\b (?!not\b)(?=[a-z])")
_NEGATED = re.compile(r"\b(is|was|are|were|will|would|could|should|can|must|did|does|do|has|have|had) not\b"
                      r"|\b(is|was|are|were|wo|would|could|should|ca|must|did|does|do|has|have|had)n[’']t\b")

CONTRAST = {
    "at least": ["fewer than", "nearly"], "more than": ["fewer than", "nearly"], "over": ["nearly", "fewer than"],
    "nearly": ["more than", "at least"], "almost": ["more than", "over"], "about": ["more than", "fewer than"],
    "around": ["more than", "fewer than"], "roughly": ["more than", "fewer than"],
    "approximately": ["more than", "fewer than"], "fewer than": ["more than", "at least"],
    "less than": ["more than", "at least"], "up to": ["more than", "at least"],
}
UNCONTRACT = {"wo": "will", "ca": "can"}


def _digits(n: float, template: str, decimals: str) -> str:
    if decimals:
        return f"{n:.{len(decimals) - 1}f}"
    return f"{int(n):,}" if "," in template or n >= 10_000 else str(int(n))


def change_number(sentence: str, rng: random.Random) -> Edit | None:
    """A count or amount changes: '12 people' -> '15 people', 'five' -> 'eight'."""
    found = [m for m in _NUMERAL.finditer(sentence) if not _YEAR.fullmatch(m.group(0))
             and not _MONTH_DAY.search(sentence[max(0, m.start() - 10): m.end()])]
    words = list(_NUMBER_WORD.finditer(sentence))
    if not found and not words:
        return None
    m = rng.choice(found + words)
    if m.re is _NUMBER_WORD:
        after = rng.choice([w for w in NUMBER_WORDS if w != m.group(1)])
        return Edit(m.start(), m.end(), after, "discrepancy", "quantity", "number-word")
    whole, decimals = m.group(1), m.group(2) or ""
    value = float(whole.replace(",", "") + decimals)
    if value == 0:
        return None
    for _ in range(10):
        factor = rng.choice([0.5, 0.7, 0.8, 1.25, 1.5, 2.0])
        new = value * factor if decimals else max(1, round(value * factor)) if value >= 4 else value + rng.choice([1, 2, 3])
        text = _digits(new, whole, decimals)
        if text != m.group(0):
            return Edit(m.start(), m.end(), text, "discrepancy", "quantity", "number")
    return None


def change_qualifier(sentence: str, rng: random.Random) -> Edit | None:
    """How much is claimed changes: 'at least 12' -> 'fewer than 12', '12 people' -> 'more than 12 people'."""
    qualified = list(_QUALIFIED.finditer(sentence))
    if qualified:
        m = rng.choice(qualified)
        if rng.random() < 0.5:
            end = m.end()
            number = re.match(r"[$]?[\d,.]+|\w+", sentence[end:])
            stop = end + (number.end() if number else 0)
            return Edit(m.start(), stop, sentence[end:stop], "discrepancy", "quantity", "drop-qualifier")
        return Edit(m.start(1), m.end(1), rng.choice(CONTRAST[m.group(1)]), "discrepancy", "quantity", "contrast-qualifier")
    bare = [m for m in _BARE_COUNT.finditer(sentence) if not _YEAR.fullmatch(m.group(1))]
    if not bare:
        return None
    m = rng.choice(bare)
    qualifier = rng.choice(["more than", "nearly", "at least"])
    return Edit(m.start(1), m.end(1), f"{qualifier} {m.group(1)}", "discrepancy", "quantity", "add-qualifier")


def change_date(sentence: str, rng: random.Random) -> Edit | None:
    """A date moves: 'Sunday' -> 'Tuesday', 'July 4' -> 'July 7', 'in 2010' -> 'in 2011'."""
    options: list[Callable[[], Edit | None]] = []
    for m in _WEEKDAY.finditer(sentence):
        options.append(lambda m=m: Edit(m.start(), m.end(), rng.choice([d for d in WEEKDAYS if d != m.group(1)]),
                                        "discrepancy", "date", "weekday"))
    for m in _MONTH_DAY.finditer(sentence):
        day = int(m.group(2))
        if 1 <= day <= 31:
            new = day + rng.choice([-3, -2, 2, 3, 5]) if day > 5 else day + rng.choice([2, 3, 5])
            new = min(max(new, 1), 28)
            if new != day:
                options.append(lambda m=m, new=new: Edit(m.start(2), m.end(2), str(new), "discrepancy", "date", "day"))
    for m in _YEAR.finditer(sentence):
        if re.search(r"\b(in|since|until|by|of|from)\s$", sentence[: m.start()]):
            options.append(lambda m=m: Edit(m.start(), m.end(), str(int(m.group(0)) + rng.choice([-1, 1])),
                                            "discrepancy", "date", "year"))
    return rng.choice(options)() if options else None


def change_polarity(sentence: str, rng: random.Random) -> Edit | None:
    """A statement is negated, or its negation dropped: 'was' -> 'was not', "didn't" -> 'did'."""
    negated = _NEGATED.search(sentence)
    if negated:
        aux = negated.group(1) or negated.group(2)
        return Edit(negated.start(), negated.end(), UNCONTRACT.get(aux, aux), "discrepancy", "polarity", "drop-negation")
    m = _AUX.search(sentence)
    if not m or '"' in sentence[: m.start()] and sentence[: m.start()].count('"') % 2:
        return None
    return Edit(m.start(1), m.end(1), f"{m.group(1)} not", "discrepancy", "polarity", "add-negation")


def misspell(name: str, rng: random.Random) -> str | None:
    """'Harper' -> 'Harpar' / 'Harrper' / 'Hraper': a spelling another outlet could print."""
    if len(name) < 4 or not name.isalpha():
        return None
    for _ in range(10):
        i = rng.randrange(1, len(name) - 1)
        op = rng.choice(["vowel", "double", "swap"])
        if op == "vowel" and name[i] in "aeiou":
            new = name[:i] + rng.choice([v for v in "aeiou" if v != name[i]]) + name[i + 1:]
        elif op == "double" and name[i].isalpha() and name[i] not in "aeiou":
            new = name[:i] + (name[i] if name[i] != name[i + 1] else "") + name[i:]
        elif op == "swap" and name[i] != name[i + 1]:
            new = name[:i] + name[i + 1] + name[i] + name[i + 2:]
        else:
            continue
        if new.casefold() != name.casefold():
            return new
    return None


def change_name(sentence: str, rng: random.Random, people: list[str]) -> Edit | None:
    """A person's name is misspelled: 'Harper' -> 'Harpar'."""
    spots = [m for name in people for m in re.finditer(rf"\b{re.escape(name)}\b", sentence)]
    rng.shuffle(spots)
    for m in spots:
        new = misspell(m.group(0), rng)
        if new:
            return Edit(m.start(), m.end(), new, "discrepancy", "name", "misspelling")
    return None


STYLE_SWAPS = [
    (re.compile(r"(?<=\d) percent\b"), "%"),
    (re.compile(r"\bSen\.(?= [A-Z])"), "Senator"),
    (re.compile(r"\bRep\.(?= [A-Z])"), "Representative"),
    (re.compile(r"\bGov\.(?= [A-Z])"), "Governor"),
    (re.compile(r" -- "), " — "),
    (re.compile(r"\bU\.S\.(?= )"), "US"),
    (re.compile(r"\bdefense\b"), "defence"),
    (re.compile(r"\bcenter\b"), "centre"),
    (re.compile(r"\blabor\b"), "labour"),
    (re.compile(r"\bfavor\b"), "favour"),
    (re.compile(r"\borganization\b"), "organisation"),
]
DIGITS = {w: str(i) for i, w in enumerate(NUMBER_WORDS[:8], start=2)}


def style_variant(sentence: str, rng: random.Random) -> Edit | None:
    """A change of house style only ('Sen.' -> 'Senator', 'five' -> '5'): must never be reported."""
    options = [(m, new) for rx, new in STYLE_SWAPS for m in rx.finditer(sentence)]
    options += [(m, DIGITS[m.group(1)]) for m in _NUMBER_WORD.finditer(sentence) if m.group(1) in DIGITS]
    if not options:
        return None
    m, new = rng.choice(options)
    return Edit(m.start(), m.end(), new, "benign", "style", "style")


DISCREPANCIES: dict[str, Callable[..., Edit | None]] = {
    "number": change_number,
    "qualifier": change_qualifier,
    "date": change_date,
    "polarity": change_polarity,
}
