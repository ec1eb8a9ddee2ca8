"""`crosscheck serve`: the review web app (the logic is in crosscheck/web/)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..ingest import DEFAULT_MAX_BYTES
from . import CacheOpt, EmbedderOpt, MaxBytesOpt, NoCacheOpt, ThresholdOpt, app, execute, fail, warn
from .review import ReviewerOpt, ReviewPathsArg, decisions_path, load_decisions, reviewer_name, valid_articles


@app.command()
def serve(
    paths: ReviewPathsArg = None,
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port to listen on (0: any free one).")] = 8765,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; anything but 127.0.0.1 lets other "
                                                      "machines in.")] = "127.0.0.1",
    decisions: Annotated[Optional[Path], typer.Option(
        "--decisions", "--reviews", help="The decisions file (default: reviews.toml in the first folder given).",
        show_default=False)] = None,
    reviewer: ReviewerOpt = None,
    threshold: ThresholdOpt = 0.6,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    embedder: EmbedderOpt = None,
) -> None:
    """Check PATHS and serve a local web page to review the discrepancies (prints its URL, opens nothing)."""
    from ..web import app as web_app, board, server

    paths = paths or [Path("seeds")]
    where = decisions_path(paths, decisions)
    checked = load_decisions(where).checked
    if host not in web_app.LOOPBACK:
        warn(f"--host {host}: the review page is reachable from other machines")
    result = execute(paths, threshold, max_bytes, cache_dir, no_cache, embedder=embedder)
    b = board.Board(result, where, reviewer_name(reviewer), frozenset(valid_articles(result.articles, checked)))
    try:
        server.serve(b, host, port, echo=typer.echo)
    except OSError as err:
        raise fail(f"cannot listen on {host}:{port}: {err.strerror or err}")
