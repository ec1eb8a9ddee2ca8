"""`crosscheck explain FILE:LINE FILE:LINE [PATHS...]`: why two claims were or were not flagged."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app, execute, fail
from .options import checker_options

LocationArg = Annotated[str, typer.Argument(help="FILE:LINE or FILE:LINE:COL of a claim.", show_default=False)]
ContextArg = Annotated[Optional[list[Path]], typer.Argument(
    metavar="[PATHS]...", help="Articles or folders to check with them (default: the two files' folders, as events "
                               "are found over the folder).", show_default=False)]
AloneOpt = Annotated[bool, typer.Option("--alone", help="Check the two files alone, not their folders.")]
JsonLinesOpt = Annotated[bool, typer.Option("--json", help="One JSON line per pair of claims.")]


@app.command()
@checker_options
def explain(first: LocationArg, second: LocationArg, paths: ContextArg = None, alone: AloneOpt = False,
            as_json: JsonLinesOpt = False, *, checker) -> None:
    """Why the claims at two places were or were not flagged: their facts, the link, the alignment, each rule."""
    from ..explain import LocationError, explain_locations, parse_location
    from ..report import explain as text
    from ..report.escape import json_line

    try:
        where = [parse_location(first), parse_location(second)]
        files = [Path(w.path) for w in where]
        run_on = files + list(paths or []) if paths or alone else list(dict.fromkeys(f.parent for f in files))
        found = explain_locations(execute(checker, run_on), *where)
    except LocationError as err:
        raise fail(str(err))
    for n, pair in enumerate(found, 1):
        header = f"pair {n} of {len(found)} (give FILE:LINE:COL for one claim)\n" if len(found) > 1 else ""
        typer.echo(json_line(pair.to_dict()) if as_json else ("\n" if n > 1 else "") + header + text.render(pair))
