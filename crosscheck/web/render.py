"""Jinja2 pages, for the web app and for the one-file HTML export.

Autoescape is on for every template, and article-controlled text goes
through ``shown``, which also makes invisible characters visible: a bidi
override or a zero-width space in an article appears as a marked code point
(``U+202E``) instead of silently reordering what the editor reads.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from ..model import Finding
from . import views

HERE = Path(__file__).resolve().parent
TEMPLATES, STATIC = HERE / "templates", HERE / "static"

# C0/C1 controls except tab and newline, zero-width and bidi controls, line/paragraph separators
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def shown(text: object) -> Markup:
    """HTML-escaped text with every invisible or direction-changing character shown as its code point."""
    escaped = str(escape(str(text)))
    return Markup(_INVISIBLE.sub(lambda m: f'<span class="ctl" title="hidden character">U+{ord(m.group()):04X}</span>',
                                 escaped))


def inert(text: object) -> str:
    """Plain text (for SVG, where markup may not go): invisible characters written as their code points."""
    return _INVISIBLE.sub(lambda m: f"U+{ord(m.group()):04X}", str(text))


class ServerLinks:
    """URLs of the web app's pages."""

    static = False

    def finding(self, finding_id: str) -> str:
        return f"/finding/{finding_id}"

    def article(self, n: int, offset: int | None = None) -> str:
        return f"/article/{n}" + (f"#c-{offset}" if offset is not None else "")

    def event(self, n: int) -> str:
        return f"/event/{n}"

    def queue(self) -> str:
        return "/"

    def plot(self, event: int | None = None) -> str:
        return "/plot" + (f"?event={event}" if event is not None else "")


class FileLinks(ServerLinks):
    """Anchors inside the one-file export."""

    static = True

    def finding(self, finding_id: str) -> str:
        return f"#f-{finding_id}"

    def article(self, n: int, offset: int | None = None) -> str:
        return f"#a{n}-c-{offset}" if offset is not None else f"#a{n}"

    def event(self, n: int) -> str:
        return f"#e{n}"

    def queue(self) -> str:
        return "#queue"

    def plot(self, event: int | None = None) -> str:
        return "#plot"


@functools.cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(shown=shown, inert=inert)
    env.globals.update(consensus=views.consensus, claim_in_paragraph=views.claim_in_paragraph)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def rule_text(finding: Finding) -> str:
    """What ``crosscheck rule CODE`` prints about the finding's rule."""
    from ..compare.registry import get

    try:
        r = get(finding.rule)
    except KeyError:
        return ""
    return r.explain()
