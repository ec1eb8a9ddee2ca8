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


# ---------------------------------------------------------------- shapes the unseen set showed (issue #13)
#
# Each takes (sentence, rng, names) where ``names`` is a ``Names`` of the event's people; the ones that do
# not need names ignore it. One function, one op, so a benchmark can score recall shape by shape.

@dataclass(frozen=True)
class Names:
    firsts: tuple[str, ...] = ()  # given names among the event's PERSON mentions
    lasts: tuple[str, ...] = ()  # surnames


def _open_quotes(sentence: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly pairs, or straight ones taken in pairs)."""
    spans = [(m.start(1), m.end(1)) for m in re.finditer(r"“([^“”]+)”", sentence)]
    spans += [(m.start(1), m.end(1)) for m in re.finditer(r'"([^"]+)"', sentence)]
    return spans


def _in_quotes(sentence: str, m: re.Match) -> bool:
    return any(a <= m.start() and m.end() <= b for a, b in _open_quotes(sentence))


def _not_in_quotes(sentence: str, m: re.Match) -> bool:
    return not any(a < m.end() and m.start() < b for a, b in _open_quotes(sentence))


def change_weekday(sentence: str, rng: random.Random, names: Names | None = None) -> Edit | None:
    """Another weekday: 'said Tuesday' -> 'said Thursday'."""
    spots = list(_WEEKDAY.finditer(sentence))
    if not spots:
        return None
    m = rng.choice(spots)
    return Edit(m.start(), m.end(), rng.choice([d for d in WEEKDAYS if d != m.group(1)]), "discrepancy", "date", "weekday")


def change_day_of_month(sentence: str, rng: random.Random, names: Names | None = None) -> Edit | None:
    """Another day of the month: 'on March 3' -> 'on March 4' (also '3 March' -> '4 March')."""
    spots = [(m, 2) for m in _MONTH_DAY.finditer(sentence)]
    spots += [(m, 1) for m in re.finditer(r"\b(\d{1,2}) (?:" + "|".join(MONTHS) + r")\b", sentence)]
    spots = [(m, g) for m, g in spots if 1 <= int(m.group(g)) <= 31]
    if not spots:
        return None
    m, g = rng.choice(spots)
    day = int(m.group(g))
    new = day + rng.choice([-1, 1, 2]) if 1 < day < 28 else (day + 1 if day == 1 else day - 1)
    return Edit(m.start(g), m.end(g), str(new), "discrepancy", "date", "day-of-month")


def change_year(sentence: str, rng: random.Random, names: Names | None = None) -> Edit | None:
    """Another year: 'in 1998' -> 'in 2001', 'the 2012 election' -> 'the 2008 election'."""
    spots = [m for m in _YEAR.finditer(sentence) if not re.search(r"[$#]\s?$", sentence[: m.start()])]
    if not spots:
        return None
    m = rng.choice(spots)
    return Edit(m.start(), m.end(), str(int(m.group(0)) + rng.choice([-3, -2, -1, 1, 2, 3])),
                "discrepancy", "date", "year")


# Offices that stand before a person's name, in groups of offices one could be confused with.
OFFICE_GROUPS = [
    ["Sen.", "Rep.", "Gov."],
    ["Senator", "Representative", "Governor"],
    ["Secretary of State", "Defense Secretary", "Treasury Secretary", "Attorney General",
     "Homeland Security Secretary", "Commerce Secretary"],
    ["President", "Vice President"],
    ["House Speaker", "House Majority Leader", "House Minority Leader"],
    ["Senate Majority Leader", "Senate Minority Leader"],
    ["Finance Minister", "Foreign Minister", "Defence Minister", "Prime Minister"],
    ["Judge", "Justice"],
    ["Chief of Staff", "Press Secretary", "National Security Adviser"],
]
_OFFICE = re.compile(
    r"(?<![\w.])(" + "|".join(sorted((re.escape(o) for g in OFFICE_GROUPS for o in g), key=len, reverse=True))
    + r")(?= (?:[A-Z]\. )?[A-Z][a-z]+)")


def change_office(sentence: str, rng: random.Random, names: Names | None = None) -> Edit | None:
    """The same person with another office: 'Secretary of State Kerry' -> 'Defense Secretary Kerry', 'Sen.' -> 'Rep.'."""
    spots = [m for m in _OFFICE.finditer(sentence)
             if not (m.group(1) == "President" and sentence[max(0, m.start() - 5): m.start()] == "Vice ")]
    if not spots:
        return None
    m = rng.choice(spots)
    group = next(g for g in OFFICE_GROUPS if m.group(1) in g)
    return Edit(m.start(), m.end(), rng.choice([o for o in group if o != m.group(1)]), "discrepancy", "role", "office")


# A step reported as done, and the same step only announced or expected.
DONE_VERBS = {
    "signed": "sign", "approved": "approve", "passed": "pass", "vetoed": "veto", "ordered": "order",
    "launched": "launch", "fired": "fire", "confirmed": "confirm", "released": "release", "lifted": "lift",
    "rejected": "reject", "blocked": "block", "canceled": "cancel", "cancelled": "cancel", "suspended": "suspend",
    "withdrew": "withdraw", "dropped": "drop", "endorsed": "endorse", "nominated": "nominate", "imposed": "impose",
    "repealed": "repeal", "issued": "issue", "filed": "file", "closed": "close", "ended": "end",
    "pardoned": "pardon", "banned": "ban", "introduced": "introduce", "appointed": "appoint", "resigned": "resign",
}
_DONE = re.compile(r"(?<![\w-])(?:(has|have|had) )?(" + "|".join(DONE_VERBS) + r")\b(?= (?:the |a |an |his |her |"
                   r"their |its |[A-Z0-9]))")
# the verb follows its subject (a name, a pronoun, an adverb after one), not a noun it modifies ('a poll released')
_SUBJECT_BEFORE = re.compile(r"(?:\b[A-Z][\w.’']*\)?|\b(?:he|she|they|we|it|I|who))(?:\s+\w+ly)?\s+$")
_PASSIVE = re.compile(r"\b(was|were|is|are|be|been|being|get|got)\s+(?:\w+ly\s+)?$")


def done_to_announced(sentence: str, rng: random.Random, names: Names | None = None) -> Edit | None:
    """A step done becomes a step announced: 'signed the bill' -> 'announced plans to sign the bill',
    'has approved' -> 'is expected to approve'."""
    spots = [m for m in _DONE.finditer(sentence) if not _PASSIVE.search(sentence[: m.start()])
             and (m.group(1) or _SUBJECT_BEFORE.search(sentence[: m.start()])) and _not_in_quotes(sentence, m)]
    if not spots:
        return None
    m = rng.choice(spots)
    base = DONE_VERBS[m.group(2)]
    if m.group(1):
        after = {"has": "is expected to", "have": "are expected to", "had": "was expected to"}[m.group(1)] + " " + base
    else:
        after = rng.choice(["announced plans to", "promised to", "vowed to", "pledged to"]) + " " + base
    return Edit(m.start(), m.end(), after, "discrepancy", "state", "done-announced")


# A content word of a quote and a near-synonym that says something else (stronger, weaker, more certain).
QUOTE_SHIFTS = {
    "concerned": "alarmed", "worried": "terrified", "disappointed": "furious", "angry": "annoyed",
    "think": "know", "believe": "know", "hope": "expect", "want": "demand", "may": "will", "might": "will",
    "should": "must", "could": "would", "some": "many", "many": "some", "most": "all", "all": "most",
    "always": "often", "never": "rarely", "good": "great", "great": "good", "bad": "disastrous",
    "important": "essential", "difficult": "impossible", "wrong": "illegal", "serious": "grave",
    "dangerous": "deadly", "happy": "thrilled", "proud": "pleased", "sad": "devastated", "big": "huge",
    "problem": "crisis", "mistake": "crime", "likely": "certain", "possible": "likely", "strong": "overwhelming",
    "clear": "undeniable", "safe": "secure", "fair": "generous", "unfair": "illegal", "weak": "failing",
    "soon": "now", "everyone": "most people", "nothing": "little", "fully": "partly", "totally": "largely",
    "very": "extremely", "really": "somewhat", "absolutely": "probably", "support": "welcome",
}
_QUOTE_WORD = re.compile(r"\b(" + "|".join(QUOTE_SHIFTS) + r")\b")


def change_quote_word(sentence: str, rng: random.Random, names: Names | None = None) -> Edit | None:
    """A content word inside a quote changes substance: '"very concerned"' -> '"very alarmed"'."""
    spots = [m for m in _QUOTE_WORD.finditer(sentence) if _in_quotes(sentence, m)]
    if not spots:
        return None
    m = rng.choice(spots)
    return Edit(m.start(), m.end(), QUOTE_SHIFTS[m.group(1)], "discrepancy", "quote", "quote-word")


# Given names another outlet could spell another way (not nicknames: the same name, other letters).
GIVEN_VARIANTS = [
    ["Katherine", "Kathryn", "Catherine"], ["Steven", "Stephen"], ["Jon", "John"], ["Sara", "Sarah"],
    ["Philip", "Phillip"], ["Jeffrey", "Geoffrey"], ["Alan", "Allan", "Allen"], ["Ann", "Anne"], ["Eric", "Erik"],
    ["Carl", "Karl"], ["Mark", "Marc"], ["Brian", "Bryan"], ["Sean", "Shawn"], ["Neil", "Neal"],
    ["Teresa", "Theresa"], ["Rebecca", "Rebekah"], ["Nicholas", "Nicolas"], ["Elizabeth", "Elisabeth"],
    ["Lindsey", "Lindsay"], ["Matthew", "Mathew"], ["Michelle", "Michele"], ["Deborah", "Debra"],
    ["Christopher", "Kristopher"], ["Frederick", "Frederic"], ["Louis", "Lewis"], ["Dennis", "Denis"],
    ["Mitch", "Mich"], ["Hillary", "Hilary"], ["Joseph", "Josef"], ["Marco", "Marko"], ["Ted", "Tedd"],
    ["Chuck", "Chuk"], ["Rand", "Randd"], ["Barack", "Barak"], ["Donald", "Donnald"], ["Bernie", "Berny"],
    ["Nancy", "Nancie"], ["Mike", "Mik"], ["Kevin", "Kevan"], ["Scott", "Scot"], ["Jeb", "Jebb"],
    ["Ben", "Benn"], ["Lindsey", "Lyndsey"], ["Robert", "Roberto"], ["Eliot", "Elliott", "Elliot"],
]
_VARIANT_OF = {}
for _group in GIVEN_VARIANTS:
    for _name in _group:
        _VARIANT_OF.setdefault(_name, [n for n in _group if n != _name])
_RESPELL = [("ph", "f"), ("f", "ph"), ("ck", "k"), ("k", "c"), ("c", "k"), ("y", "ie"), ("ie", "y"), ("i", "y"),
            ("th", "t"), ("ll", "l"), ("nn", "n"), ("tt", "t"), ("rr", "r"), ("ss", "s"), ("l", "ll"), ("n", "nn")]


def given_name_variant(name: str, rng: random.Random) -> str | None:
    """'Katherine' -> 'Kathryn': a listed variant, else one sound-alike respelling after the first letter."""
    if name in _VARIANT_OF:
        return rng.choice(_VARIANT_OF[name])
    options = [name[: i] + new + name[i + len(old):] for old, new in _RESPELL
               for i in range(1, len(name)) if name.startswith(old, i)]
    options = [o for o in options if o.casefold() != name.casefold()]
    return rng.choice(options) if options else None


def change_given_name(sentence: str, rng: random.Random, names: Names) -> Edit | None:
    """A given name spelled another way before the surname: 'Katherine Smith' -> 'Kathryn Smith'."""
    spots = [m for first in names.firsts for m in re.finditer(rf"\b{re.escape(first)}(?= [A-Z][a-z]+)", sentence)]
    rng.shuffle(spots)
    for m in spots:
        new = given_name_variant(m.group(0), rng)
        if new:
            return Edit(m.start(), m.end(), new, "discrepancy", "name", "given-name")
    return None


_CONSONANTS = "bcdfghjklmnprstvwz"


def _surname_spots(sentence: str, names: Names) -> list[re.Match]:
    return [m for last in names.lasts if len(last) >= 4 and last.isalpha()
            for m in re.finditer(rf"\b{re.escape(last)}\b", sentence)]


def _surname_spot(sentence: str, rng: random.Random, names: Names) -> re.Match | None:
    spots = _surname_spots(sentence, names)
    return rng.choice(spots) if spots else None


def change_surname_letter(sentence: str, rng: random.Random, names: Names) -> Edit | None:
    """One letter of a surname changed or a double letter made single: 'Rutte' -> 'Rute', 'Harper' -> 'Harber'."""
    m = _surname_spot(sentence, rng, names)
    if m is None:
        return None
    name = m.group(0)
    doubles = [i for i in range(1, len(name) - 1) if name[i] == name[i + 1]]
    if doubles and rng.random() < 0.5:
        i = rng.choice(doubles)
        new = name[:i] + name[i + 1:]
    else:
        i = rng.randrange(1, len(name))
        pool = "aeiou" if name[i] in "aeiou" else _CONSONANTS
        new = name[:i] + rng.choice([c for c in pool if c != name[i].lower()]) + name[i + 1:]
    return Edit(m.start(), m.end(), new, "discrepancy", "name", "surname-letter")


def change_surname_initial(sentence: str, rng: random.Random, names: Names) -> Edit | None:
    """A surname's first letter changed: 'Harper' -> 'Carper'."""
    m = _surname_spot(sentence, rng, names)
    if m is None:
        return None
    name = m.group(0)
    first = rng.choice([c for c in "BCDFGHKLMNPRSTW" if c != name[0]])
    return Edit(m.start(), m.end(), first + name[1:], "discrepancy", "name", "surname-initial")


_AMOUNT = re.compile(r"(?<![\w.,:/-])([$£€]?)(\d{1,3}(?:,\d{3})+|\d{3,})(\.\d+)?(?![\w,:/-]|\.\d)")


def _amounts(sentence: str) -> list[re.Match]:
    """Figures of three digits or more that are not years ('1898', '2016' without a currency sign or comma)."""
    return [m for m in _AMOUNT.finditer(sentence)
            if m.group(1) or m.group(3) or not re.fullmatch(r"1[6-9]\d\d|20\d\d", m.group(2))]


def change_amount_digit(sentence: str, rng: random.Random, names: Names | None = None) -> Edit | None:
    """One digit of an amount changed: '$3,412.50' -> '$3,312.50', '1,250 troops' -> '1,350 troops'."""
    spots = _amounts(sentence)
    if not spots:
        return None
    m = rng.choice(spots)
    whole = m.group(2) + (m.group(3) or "")
    positions = [i for i, ch in enumerate(whole) if ch.isdigit()][1:3]  # the second or third significant digit
    i = rng.choice(positions)
    new = whole[:i] + rng.choice([d for d in "0123456789" if d != whole[i]]) + whole[i + 1:]
    return Edit(m.start(2), m.end(), new, "discrepancy", "quantity", "amount-digit")


def round_amount(sentence: str, rng: random.Random, names: Names | None = None) -> Edit | None:
    """An exact figure given rounded: '$3,412.50' -> '$3,400', '1,287 people' -> '1,300 people'."""
    options = []
    for m in _amounts(sentence):
        value = float(m.group(2).replace(",", "") + (m.group(3) or ""))
        digits = len(str(int(value)))
        step = 10 ** max(1, digits - 2)
        rounded = int(round(value / step) * step)
        if rounded and rounded != value:
            text = f"{rounded:,}" if "," in m.group(2) or rounded >= 10_000 else str(rounded)
            options.append(Edit(m.start(2), m.end(), text, "discrepancy", "quantity", "round"))
    return rng.choice(options) if options else None


# Spellings that differ only by convention; -ize/-ise is handled by rule.
BRITISH = {"favor": "favour", "favorite": "favourite", "honor": "honour", "labor": "labour", "color": "colour",
           "behavior": "behaviour", "neighbor": "neighbour", "center": "centre", "defense": "defence",
           "offense": "offence", "license": "licence", "traveled": "travelled", "canceled": "cancelled",
           "program": "programme", "judgment": "judgement", "gray": "grey", "theater": "theatre",
           "humor": "humour", "rumor": "rumour", "endeavor": "endeavour", "fulfill": "fulfil"}
_BRITISH = re.compile(r"\b(" + "|".join(BRITISH) + r"|[a-z]{3,}iz(?:e|es|ed|ing|ation|ations))\b")


def quote_spelling(sentence: str, rng: random.Random, names: Names | None = None) -> Edit | None:
    """British spelling of a word inside a quote ('organize' -> 'organise', 'favor' -> 'favour'): not a discrepancy."""
    spots = [m for m in _BRITISH.finditer(sentence) if _in_quotes(sentence, m) and m.group(1) not in ("size", "seize")]
    if not spots:
        return None
    m = rng.choice(spots)
    word = m.group(1)
    new = BRITISH.get(word) or re.sub(r"iz(?=e|es|ed|ing|ation|ations$)", "is", word, count=1)
    return Edit(m.start(), m.end(), new, "benign", "style", "quote-spelling")


CONTRACTIONS = {"do not": "don't", "does not": "doesn't", "did not": "didn't", "is not": "isn't",
                "are not": "aren't", "was not": "wasn't", "were not": "weren't", "will not": "won't",
                "cannot": "can't", "would not": "wouldn't", "could not": "couldn't", "have not": "haven't",
                "has not": "hasn't", "it is": "it's", "I am": "I'm", "we are": "we're", "they are": "they're",
                "you are": "you're", "that is": "that's", "I will": "I'll", "we will": "we'll", "I have": "I've",
                "we have": "we've", "there is": "there's", "let us": "let's", "he is": "he's", "she is": "she's"}
_EXPAND = {v: k for k, v in CONTRACTIONS.items()}
_CONTRACTIBLE = re.compile(r"\b(" + "|".join(map(re.escape, sorted(CONTRACTIONS, key=len, reverse=True))) + r")\b(?! not\b)"
                           r"|(?<!\w)(" + "|".join(map(re.escape, sorted(_EXPAND, key=len, reverse=True)))
                           .replace("'", "['’]") + r")(?!\w)", re.IGNORECASE)


def quote_contraction(sentence: str, rng: random.Random, names: Names | None = None) -> Edit | None:
    """A contraction made or undone inside a quote ('do not' -> "don't", "it's" -> 'it is'): not a discrepancy."""
    spots = [m for m in _CONTRACTIBLE.finditer(sentence) if _in_quotes(sentence, m)]
    if not spots:
        return None
    m = rng.choice(spots)
    text = m.group(0)
    if m.group(1):
        key = next(k for k in CONTRACTIONS if k.casefold() == text.casefold())
        new = CONTRACTIONS[key]
        if "’" in sentence or "“" in sentence:
            new = new.replace("'", "’")
    else:
        key = next(k for k in _EXPAND if k.casefold() == text.replace("’", "'").casefold())
        new = _EXPAND[key]
    if text[0].isupper() and new[0].islower():
        new = new[0].upper() + new[1:]
    return Edit(m.start(), m.end(), new, "benign", "style", "quote-contraction")


# The probe's ops, by name: one shape each (benchmarks/probe.py scores recall op by op).
PROBE_OPS: dict[str, Callable[[str, random.Random, Names], Edit | None]] = {
    "weekday": change_weekday,
    "day-of-month": change_day_of_month,
    "year": change_year,
    "office": change_office,
    "done-announced": done_to_announced,
    "quote-word": change_quote_word,
    "given-name": change_given_name,
    "surname-letter": change_surname_letter,
    "surname-initial": change_surname_initial,
    "amount-digit": change_amount_digit,
    "round": round_amount,
    "quote-spelling": quote_spelling,
    "quote-contraction": quote_contraction,
}


# ---------------------------------------------------------------- a rewrite around the edit

_BOUNDARY = re.compile(r", | -- | — |; ")
_LEAD_OPENERS = {"On", "In", "At", "After", "Before", "Last", "Earlier", "Later", "But", "And", "Still", "However",
                 "Meanwhile", "Since", "During", "While", "When", "As", "Then", "Now", "Yet", "Also", "So", "Instead",
                 "By", "For", "Under", "Asked", "Speaking", "Although", "Though", "If", "Because", "Today",
                 "Yesterday", "This", "That", "Separately", "Previously", "Recently"}
_TAIL_OPENERS = re.compile(r"(?:which|who|and|but|while|as|after|before|when|according|saying|adding|including|"
                           r"although|though|because|where|despite|amid|even|with|in|citing|calling|noting)\b")


def trim_around(sentence: str, start: int, end: int, rng: random.Random) -> tuple[int, str] | None:
    """Another outlet's shorter sentence holding the value at ``start:end``: a leading adverbial clause
    and/or a trailing subordinate or coordinate clause left out ('On Thursday, X said ..., adding that ...'
    -> 'X said ...'). Returns (characters cut from the start, the new sentence), or None when no clause
    outside quotes can go."""
    quotes = _open_quotes(sentence)
    inside = lambda i: any(a <= i < b for a, b in quotes)  # noqa: E731
    bounds = [m for m in _BOUNDARY.finditer(sentence) if not inside(m.start())]
    cut, stop = 0, len(sentence)
    leads = [m.end() for m in bounds if m.end() <= start and m.end() < 0.6 * len(sentence)
             and sentence.split(" ", 1)[0] in _LEAD_OPENERS and len(sentence[: m.end()].split()) <= 5
             and '"' not in sentence[: m.end()]
             and "“" not in sentence[: m.end()]]
    tails = [m.start() for m in bounds if m.start() >= end and _TAIL_OPENERS.match(sentence, m.end())
             and not any(a < m.start() for a, b in quotes if b > m.start())]
    if leads:
        cut = leads[0]
    if tails and (not leads or rng.random() < 0.5):
        stop = rng.choice(tails)
    if cut == 0 and stop == len(sentence):
        return None
    text = sentence[cut:stop].rstrip(" ,;—-")
    if stop < len(sentence):
        text += "."
    if len(text.split()) < 6:
        return None
    return cut, text[0].upper() + text[1:]
