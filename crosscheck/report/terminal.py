"""A finding as a terminal card for the interactive review: the claims side by
side (stacked when the terminal is narrow), the compared values highlighted,
each article's metadata and file:line. Render only; article text is passed
through ``escape.plain`` word by word, so no article can send escape codes.
"""
from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Evidence
from ..review import Reviewed, State
from .escape import plain
from .words import sentence

MIN_COLUMN = 28  # narrower than this, claims are stacked instead of side by side
GUTTER = " │ "
BOLD_YELLOW = "\x1b[1;33m"  # for the compared value
DIM = "\x1b[2m"
RESET = "\x1b[0m"
MARK = ("[[", "]]")  # the compared value, without colour


@dataclass(frozen=True)
class Piece:
    text: str
    marked: bool  # part of the compared value


Line = list[Piece]


def _words(e: Evidence) -> list[list[Piece]]:
    """The claim as words; each word a list of pieces (a value may start mid-word: "$12m")."""
    text, base = e.claim.text, e.claim.start
    if e.value is not None and e.claim.start <= e.value.start < e.value.end <= e.claim.end:
        a, b = e.value.start - base, e.value.end - base
    else:
        a = b = 0
    words: list[list[Piece]] = []
    current: list[Piece] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if current:
                words.append(current)
                current = []
            continue
        marked = a <= i < b
        if current and current[-1].marked == marked:
            current[-1] = Piece(current[-1].text + ch, marked)
        else:
            current.append(Piece(ch, marked))
    if current:
        words.append(current)
    return [[Piece(plain(p.text), p.marked) for p in w if plain(p.text)] for w in words if any(plain(p.text) for p in w)]


def _merge(pieces: Sequence[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for p in pieces:
        if out and out[-1].marked == p.marked:
            out[-1] = Piece(out[-1].text + p.text, p.marked)
        elif p.text:
            out.append(p)
    return out


def _width(pieces: Sequence[Piece], color: bool) -> int:
    merged = _merge(pieces)
    extra = 0 if color else sum(len(MARK[0]) + len(MARK[1]) for p in merged if p.marked)
    return sum(len(p.text) for p in merged) + extra


def _units(words: list[list[Piece]]) -> list[list[Piece]]:
    """Words joined into units that should not be split: a marked value of several words."""
    units: list[list[Piece]] = []
    for word in words:
        if units and units[-1][-1].marked and word[0].marked:
            units[-1] = units[-1] + [Piece(" ", True)] + word
        else:
            units.append(list(word))
    return units


def wrap(words: list[list[Piece]], width: int, color: bool) -> list[Line]:
    """Greedy wrap on visible width, keeping a several-word value on one line when it fits."""
    pieces_of: list[list[Piece]] = []
    for unit in _units(words):
        if _width(unit, color) <= width:
            pieces_of.append(unit)
        else:  # too long for one line: fall back to its words
            pieces_of += [list(w) for w in _split_unit(unit)]
    lines: list[Line] = []
    line: Line = []
    for unit in pieces_of:
        if line and _width(line + [Piece(" ", False)] + unit, color) > width:
            lines.append(_merge(line))
            line = []
        if line:
            line.append(Piece(" ", line[-1].marked and unit[0].marked))
        while not line and _width(unit, color) > width:  # one word longer than the line: cut it
            head, unit = _cut(unit, width, color)
            lines.append(head)
        line += unit
    if line:
        lines.append(_merge(line))
    return lines or [[]]


def _split_unit(unit: list[Piece]) -> list[list[Piece]]:
    words: list[list[Piece]] = [[]]
    for p in unit:
        if p.text == " ":
            words.append([])
        else:
            words[-1].append(p)
    return [w for w in words if w]


def _cut(word: list[Piece], width: int, color: bool) -> tuple[Line, list[Piece]]:
    flat = [(ch, p.marked) for p in word for ch in p.text]
    budget = width if color else width - (len(MARK[0]) + len(MARK[1]))
    budget = max(1, budget)
    head, rest = flat[:budget], flat[budget:]

    def pieces(chars):
        out: list[Piece] = []
        for ch, m in chars:
            if out and out[-1].marked == m:
                out[-1] = Piece(out[-1].text + ch, m)
            else:
                out.append(Piece(ch, m))
        return out

    return pieces(head), pieces(rest)


def paint(line: Line, color: bool) -> str:
    """Merge pieces into text: marked runs in colour, or between [[ and ]]."""
    out, i = [], 0
    while i < len(line):
        marked, run = line[i].marked, ""
        while i < len(line) and line[i].marked == marked:
            run += line[i].text
            i += 1
        out.append(_style(run, marked, color))
    return "".join(out)


def _style(text: str, marked: bool, color: bool) -> str:
    if not marked or not text:
        return text
    return f"{BOLD_YELLOW}{text}{RESET}" if color else f"{MARK[0]}{text}{MARK[1]}"


def _fit(text: str, width: int) -> str:
    text = plain(text)
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def header(e: Evidence, n: int, width: int) -> list[str]:
    """Who said it: number, file:line, outlet and date, title."""
    a = e.claim.article
    meta = " · ".join(x for x in (a.outlet, a.date.isoformat() if a.date else None) if x) or "outlet and date unknown"
    lines = [_fit(f"[{n}] {e.claim.path}:{e.claim.line}", width), _fit(meta, width)]
    lines.append(_fit(f"“{a.title}”", width) if a.title else _fit("(no title)", width))
    if e.claim.attribution is not None:
        lines.append(_fit(f"said by: {e.claim.attribution.text}", width))
    return lines


def columns(evidence: Sequence[Evidence], width: int, color: bool) -> list[str]:
    """The claims side by side, or stacked when each column would be too narrow."""
    n = len(evidence)
    col = (width - len(GUTTER) * (n - 1)) // max(1, n)
    if n > 1 and col >= MIN_COLUMN:
        blocks = []
        for i, e in enumerate(evidence, 1):
            meta = [[Piece(t, False)] for t in header(e, i, col)]
            blocks.append(meta + [[]] + wrap(_words(e), col, color))
        height = max(len(b) for b in blocks)
        out = []
        for row in range(height):
            cells = []
            for b in blocks:
                line = b[row] if row < len(b) else []
                cells.append(paint(line, color) + " " * max(0, col - _width(line, color)))
            out.append(GUTTER.join(cells).rstrip())
        return out
    out = []
    for i, e in enumerate(evidence, 1):
        out += header(e, i, width)
        out += ["  " + paint(line, color) for line in wrap(_words(e), max(10, width - 2), color)]
        out.append("")
    return out[:-1]


def card(item: Reviewed, position: int, total: int, *, width: int = 100, color: bool = False) -> str:
    f = item.finding
    title = f" {position}/{total} · {f.severity.value} · {f.category} · {f.rule} · finding {f.id} "
    lines = [_fit("─" * 2 + title + "─" * max(2, width - len(title) - 2), width)]
    lines += textwrap.wrap(plain(f.explanation), width) or [""]
    if item.state is State.CHANGED and item.decision is not None:
        d = item.decision
        said = sentence(f"Changed since review: was {d.status} by {d.reviewer or 'an editor'}"
                        + (f": {d.note}" if d.note else ""))
        lines += textwrap.wrap(plain(f"{said} The claims now read differently."), width)
    lines.append("")
    lines += columns(f.evidence, width, color)
    return "\n".join(lines) + "\n"
