"""`crosscheck serve`: the review web app (the logic is in crosscheck/web/)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app, default_paths, execute, fail, warn
from .options import OptionalPathsArg, ReviewerOpt, checker_options
from .review import decisions_path, load_decisions, reviewer_name, valid_articles

PortOpt = Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port to listen on (0: any free one).")]
HostOpt = Annotated[str, typer.Option("--host", help="Address to listen on; anything but 127.0.0.1 lets other "
                                                     "machines in.")]
DecisionsOpt = Annotated[Optional[Path], typer.Option(
    "--decisions", "--reviews", help="The decisions file (default: reviews.toml in the first folder given).",
    show_default=False)]


@app.command()
@checker_options
def serve(paths: OptionalPathsArg = None, port: PortOpt = 8765, host: HostOpt = "127.0.0.1",
          decisions: DecisionsOpt = None, reviewer: ReviewerOpt = None, *, checker) -> None:
    """Check PATHS and serve a local web page to review the discrepancies (prints its URL, opens nothing)."""
    from ..web import app as web_app, board, server

    paths = default_paths(paths)
    where = decisions_path(paths, decisions)
    checked = load_decisions(where).checked
    if host not in web_app.LOOPBACK:
        warn(f"--host {host}: the review page is reachable from other machines")
    result = execute(checker, paths)
    b = board.Board(result, where, reviewer_name(reviewer), frozenset(valid_articles(result.articles, checked)))
    try:
        server.serve(b, host, port, echo=typer.echo)
    except OSError as err:
        raise fail(f"cannot listen on {host}:{port}: {err.strerror or err}")
