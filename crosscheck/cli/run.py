"""`crosscheck run` and `crosscheck claims`."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import EXIT_PARTIAL, app, execute, fail, skipped_any, warn
from .options import (EngineOpt, JsonOpt, OutOpt, PathsArg, ReviewsOpt, SchedulerOpt, StrictOpt, WorkDirOpt,
                      WorkersOpt, checker_options)
from .review import decisions_path, load_decisions


@app.command()
@checker_options
def run(paths: PathsArg, out: OutOpt = Path("reports"), strict: StrictOpt = False, reviews: ReviewsOpt = None,
        html: Annotated[bool, typer.Option("--html", help="Also write OUT/report.html: the finding pages of "
                                                          "`crosscheck serve` in one read-only file.")] = False,
        engine: EngineOpt = "local", workers: WorkersOpt = None, scheduler: SchedulerOpt = None,
        work_dir: WorkDirOpt = None, *, checker) -> None:
    """Check articles and write OUT/report.md and OUT/findings.json (with the editors' decisions)."""
    from ..report.escape import plain

    decisions = load_decisions(decisions_path(paths, reviews))
    checker.set_params(engine=engine, workers=workers, scheduler=scheduler, work_dir=work_dir)
    result = execute(checker, paths)
    try:
        written = result.write_report(out, formats=("json", "md", "html") if html else ("json", "md"),
                                      decisions=decisions)
    except OSError as err:
        raise fail(f"cannot write {err.filename}: {err.strerror or err}")
    typer.echo(plain(f"{result.summary()} -> {written[1]}, {written[0]}"))
    if strict and skipped_any(result):
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def claims(file: Annotated[Path, typer.Argument(metavar="FILE", help="One article file.")],
           as_json: JsonOpt = False) -> None:
    """Show the claims extracted from FILE, with offsets, attribution and quotes (for debugging)."""
    from ..api import claim_rows
    from ..report.escape import json_line, plain

    if file.is_dir():
        raise fail(f"{file}: is a folder; `claims` takes one file")
    try:
        rows, warnings = claim_rows(file)
    except ValueError as err:
        raise fail(str(err))
    for warning in warnings:
        warn(warning)
    for row in rows:
        if as_json:
            typer.echo(json_line(row))
        else:
            extra = f"  [said by: {plain(row['attribution'])}]" if row["attribution"] else ""
            typer.echo(f"{plain(str(file))}:{row['line']} [{row['start']}:{row['end']}] {plain(row['text'])}{extra}")
