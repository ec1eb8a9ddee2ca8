"""`crosscheck run --html`: the finding pages as one self-contained, read-only HTML file.

For editors without a server: the queue, every discrepancy with its claims
in their paragraphs, the consensus tables, the source agreement plot and the
marked articles, linked by anchors. The stylesheet is inlined and allowed by
its hash in the page's Content-Security-Policy; there is no script at all.
"""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from markupsafe import Markup

from ..result import Result
from ..review import ReviewState
from . import views
from .board import Board
from .render import STATIC, FileLinks, render, rule_text


def render_file(result: Result, state: ReviewState) -> str:
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; base-uri 'none'; form-action 'none'"
    board = Board(result, Path("reviews.toml"))
    counts = views.status_counts(state.items)
    items = views.queue_order(state.items)
    return render(
        "export.html", links=FileLinks(), board=board, css=Markup(css), csp=csp, items=items, counts=counts,
        reviewed=sum(v for k, v in counts.items() if k not in ("open", "changed")), total=len(state.items),
        rules={r.finding.rule: rule_text(r.finding) for r in items},
        matrix=views.matrix(board.articles, result.findings),
        articles=[(n, a, views.article_segments(a, result.findings)) for n, a in enumerate(board.articles)],
    )
