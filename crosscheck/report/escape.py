"""Make article text inert in markdown and terminals.

Everything an article controls — claim text, titles, outlets, urls, file
names, front matter values — passes through one of these before an editor
sees it, so no article can add headings, links, HTML, table cells or
terminal colours to a report:

- ``plain``: one printable line for a terminal (no ANSI escapes, no bidi tricks);
- ``md``: inline markdown text (every markdown/HTML special escaped);
- ``code``: an inline code span for names (paths, ids) that cannot close early;
- ``json_line``: one JSON line, with control characters escaped.
"""
from __future__ import annotations

import functools
import json
import re

# C0/C1 controls (ESC and CSI included), zero-width and bidi-override characters,
# line/paragraph separators: nothing a terminal or renderer should act on.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>$])")
# block structure at the start of a line: list items ("- ", "1. ", "1) "), setext/thematic rules, tables
_MD_LINE_START = re.compile(r"^(?:(\d{1,9})([.)])|([-=:]))")
# GFM autolinks ("https://...", "www...."): made plain text, never clickable
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(:)(?=//)|\b(www)(\.)")


def plain(text: str) -> str:
    """One line of printable text: control characters (ANSI escapes included) removed."""
    text = _CONTROL.sub("", str(text))
    return " ".join(text.split())


@functools.lru_cache(maxsize=8192)
def md(text: str) -> str:
    """Escape text for inline markdown: no structure, links, HTML, math or control codes.

    Memoised: a report repeats claims, labels and explanations (BASIL's not-compared pairs
    name the same claims again and again)."""
    text = plain(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda m: "\\:" if m.group(1) else f"{m.group(2)}\\.", text)
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text)


@functools.lru_cache(maxsize=8192)
def code(text: str, *, in_table: bool = False) -> str:
    """An inline code span showing ``text`` literally (CommonMark: a fence longer than any backtick run inside)."""
    text = plain(text)
    if in_table:
        text = text.replace("|", "\\|")  # GFM splits cells on | even inside code spans
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def json_line(obj: object) -> str:
    """Compact JSON on one line, non-ASCII kept readable but every control character escaped."""
    text = json.dumps(obj, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
