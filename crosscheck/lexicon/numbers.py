"""Number words, ordinals, fractions and scales, and reading a written figure."""
from __future__ import annotations

import re

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
WORDS = {**SMALL, **TENS}  # a number written as one word ("nine" = 9)
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
MULTIPLICATIVES = {"twice": 2, "thrice": 3}  # how many times ("scored twice" / "scored three times")
FRACTIONS = {"half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4, "quarters": 1 / 4,
             "fifth": 1 / 5, "fifths": 1 / 5, "tenth": 1 / 10, "tenths": 1 / 10}

# currencies: a prefix before the figure ("Sh4.2 billion", "Rs 500") or a word after it ("4.2 billion
# shillings"), each to one unit, so a sum written either way is one sum
CURRENCY_PREFIXES = {"$": "$", "us$": "$", "€": "€", "£": "£", "¥": "¥", "₹": "INR", "rs": "INR", "rs.": "INR",
                     "₦": "NGN", "₩": "KRW", "r$": "BRL", "sh": "KES", "ksh": "KES", "tk": "BDT"}
CURRENCY_WORDS = {"dollars": "$", "dollar": "$", "euros": "€", "euro": "€", "cents": "$", "cent": "$",
                  "pounds": "£", "yen": "¥", "rupees": "INR", "rupee": "INR", "naira": "NGN", "reais": "BRL",
                  "shillings": "KES", "shilling": "KES", "taka": "BDT"}
# a regex alternation of the prefixes, longest first, symbols escaped ("US$" before "$")
CURRENCY_PREFIX_PATTERN = "|".join((r"\b" if p[0].isalpha() else "") + re.escape(p)
                                   for p in sorted(CURRENCY_PREFIXES, key=len, reverse=True))

_FIGURE = re.compile(rf"(?i:{CURRENCY_PREFIX_PATTERN})?\s?(\d{{1,3}}(?:,\d{{3}})+|\d+)(\.\d+)?%?")


def figure(text: str) -> float | None:
    """The value of a figure written in digits ("$3,412.50" -> 3412.5, "45%" -> 45), else None."""
    m = _FIGURE.fullmatch(text.strip())
    if not m:
        return None
    return float(m.group(1).replace(",", "") + (m.group(2) or ""))

