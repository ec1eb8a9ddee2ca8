"""Make article text inert in markdown and terminals."""
from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def plain(text: str) -> str:
    """One line of printable text: control characters (ANSI escapes included) removed."""
    text = _CONTROL.sub("", text.replace("\x1b", ""))
    return " ".join(text.split())


def md(text: str) -> str:
    """Escape text for inline markdown: no structure, links, HTML or control codes."""
    text = plain(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)
