"""A finding as a terminal card for the interactive review: the claims side by
side (stacked when the terminal is narrow), the compared values highlighted,
each article's metadata and file:line. Render only.

Laid out by rich (columns, wrapping, widths in terminal cells, colour), from
``Text`` objects only: rich never reads markup or emoji codes in article text,
and the text itself is passed through ``escape.plain`` first, so no article can
send escape codes.
"""
from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..model import Evidence
from ..review import Reviewed, State
from .escape import plain
from .words import sentence

MIN_COLUMN = 28  # narrower than this, claims are stacked instead of side by side
VALUE_STYLE = "bold yellow"  # the compared value, in colour
MARK = ("[[", "]]")  # the compared value, without colour
# joins a value's words while rich lays the card out (rich breaks lines at any whitespace), so a
# value that fits on a line is not split; a private-use character, made a space again afterwards
_KEEP = "\ue000"


def claim_text(e: Evidence, width: int, color: bool) -> Text:
    """The claim, its compared value highlighted (kept on one line when it fits in ``width``)."""
    text = e.claim.text
    if e.value is None or not (e.claim.start <= e.value.start < e.value.end <= e.claim.end):
        return Text(plain(text).replace(_KEEP, ""))
    a, b = e.value.start - e.claim.start, e.value.end - e.claim.start
    before, value, after = (plain(part).replace(_KEEP, "") for part in (text[:a], text[a:b], text[b:]))
    out = Text(before + (" " if before and (text[a - 1: a].isspace() or text[a:b][:1].isspace()) else ""))
    marked = value if color else f"{MARK[0]}{value}{MARK[1]}"
    if cell_len(marked) <= width:
        marked = marked.replace(" ", _KEEP)
    out.append(marked, style=VALUE_STYLE if color else None)
    if after:
        out.append((" " if text[b: b + 1].isspace() or text[a:b][-1:].isspace() else "") + after)
    return out


def _line(text: str) -> Text:
    """One line of metadata, cut with an ellipsis rather than wrapped."""
    return Text(plain(text), no_wrap=True, overflow="ellipsis")


def header(e: Evidence, n: int) -> list[Text]:
    """Who said it: number, file:line, outlet and date, title."""
    a = e.claim.article
    meta = " · ".join(x for x in (a.outlet, a.date.isoformat() if a.date else None) if x) or "outlet and date unknown"
    lines = [_line(f"[{n}] {e.claim.path}:{e.claim.line}"), _line(meta),
             _line(f"“{a.title}”" if a.title else "(no title)")]
    if e.claim.attribution is not None:
        lines.append(_line(f"said by: {e.claim.attribution.text}"))
    return lines


def columns(evidence: Sequence[Evidence], width: int, color: bool) -> RenderableType:
    """The claims side by side, or stacked when each column would be too narrow."""
    n = len(evidence)
    col = (width - 3 * (n - 1)) // max(1, n)  # " │ " between columns
    if n > 1 and col >= MIN_COLUMN:
        table = Table(box=box.MINIMAL, show_header=False, show_edge=False, pad_edge=False, padding=(0, 1),
                      expand=False)
        for _ in evidence:
            table.add_column(width=col, overflow="fold")
        table.add_row(*(Group(*header(e, i), Text(""), claim_text(e, col, color))
                        for i, e in enumerate(evidence, 1)))
        return table
    blocks: list[RenderableType] = []
    for i, e in enumerate(evidence, 1):
        if blocks:
            blocks.append(Text(""))
        blocks += header(e, i)
        blocks.append(Padding(claim_text(e, max(10, width - 2), color), (0, 0, 0, 2)))
    return Group(*blocks)


def card(item: Reviewed, position: int, total: int, *, width: int = 100, color: bool = False) -> str:
    f = item.finding
    title = f"── {position}/{total} · {f.severity.value} · {f.category} · {f.rule} · finding {f.id} "
    parts: list[RenderableType] = [_line(title + "─" * max(2, width - cell_len(title))), Text(plain(f.explanation))]
    if item.state is State.CHANGED and item.decision is not None:
        d = item.decision
        said = sentence(f"Changed since review: was {d.status} by {d.reviewer or 'an editor'}"
                        + (f": {d.note}" if d.note else ""))
        parts.append(Text(plain(f"{said} The claims now read differently.")))
    parts += [Text(""), columns(f.evidence, width, color)]
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=color, color_system="standard" if color else None,
                      markup=False, emoji=False, highlight=False, legacy_windows=False)
    console.print(Group(*parts))
    lines = [line.rstrip() for line in out.getvalue().replace(_KEEP, " ").splitlines()]
    return "\n".join(lines) + "\n"
