"""Articles for the web tests: many findings at once, and a hostile article.

With the test rule (``number_rule``: "N word" against "M word") and the
bag-of-words embedder (``fake_embedder``), two reports that give different
numbers in each of ``n`` sentences make ``n`` discrepancies, one per sentence.
Each sentence has its own made-up words, so it links only to its counterpart.
"""
from __future__ import annotations

import itertools
import string
from pathlib import Path

from tests.review.fire_articles import article


def _words(n: int) -> list[str]:
    """Distinct made-up words (consonant-vowel syllables), none an English stop word."""
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    out = []
    for a, b, c in itertools.product(syllables, repeat=3):
        out.append(a + b + c)
        if len(out) == n:
            return out
    raise ValueError(n)


def sentences(n: int, numbers: list[int]) -> str:
    words = _words(3 * n)
    lines = []
    for i in range(n):
        w1, w2, w3 = words[3 * i: 3 * i + 3]
        lines.append(f"The {w1} of the {w2} counted {numbers[i]} {w3} in the town, and it was the most in years.")
    return "\n\n".join(lines)


def many_findings(folder: Path, n: int) -> Path:
    """Two reports of one day disagreeing on ``n`` numbers: ``n`` discrepancies."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report-a.md").write_text(article("Town counts", "Town Times", sentences(n, [10 + i for i in range(n)])),
                                        encoding="utf-8")
    (folder / "report-b.md").write_text(article("Town tallies", "Town Herald", sentences(n, [500 + i for i in range(n)])),
                                        encoding="utf-8")
    return folder


FLAG = "__crosscheck_pwned"
# everything an article controls, each trying to run script or to pass for markup
HOSTILE_TITLE = f'<script>window.{FLAG}=1</script><img src=x onerror="window.{FLAG}=2;alert(2)">'
HOSTILE_OUTLET = f'"><svg onload="window.{FLAG}=3">'
HOSTILE_NAME = "evil<b onmouseover=alert(1)>\u202egnp.md"
HOSTILE_BODY = f"""
A fire at a furniture warehouse in Riverside killed 15 people on Monday night, fire officials said.<script>window.{FLAG}=4</script>

The blaze injured 34 firefighters who fought the flames for more than four hours <!-- window.{FLAG}=5 --> [see](javascript:window.{FLAG}=6).

Investigators have not yet determined what caused the fire at the warehouse \u202eredael\u202c <a href="javascript:alert(7)">here</a>.

The warehouse employed 80 workers, according to the company that owns the building.
"""


def hostile(folder: Path) -> Path:
    """The Times report against a hostile copy of the Herald's: two discrepancies, markup everywhere."""
    from tests.review.fire_articles import TIMES

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fire-times.md").write_text(TIMES, encoding="utf-8")
    text = f"---\ntitle: '{HOSTILE_TITLE}'\nsource: '{HOSTILE_OUTLET}'\ndate: 2023-03-14\n---\n{HOSTILE_BODY.strip()}\n"
    (folder / HOSTILE_NAME).write_text(text, encoding="utf-8")
    return folder


assert not set(string.ascii_uppercase) & set("".join(_words(10)))
