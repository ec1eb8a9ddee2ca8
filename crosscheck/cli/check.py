"""`crosscheck check`: the CI gate."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import (EXIT_FINDINGS, EXIT_INVALID_INPUT, EXIT_OK, CacheOpt, MaxBytesOpt, NoCacheOpt, ThresholdOpt, app,
               execute, fail, write_atomic)
from .review import DEFAULT_PATHS, ReviewPathsArg, ReviewsOpt, decisions_path, load_decisions

FailOnOpt = Annotated[str, typer.Option(
    "--fail-on", help="Fail on open discrepancies of this severity or above: high, medium or low.")]
SarifOpt = Annotated[Optional[Path], typer.Option(
    "--sarif", help="Also write the results as SARIF 2.1.0 to this file.", show_default=False)]


@app.command()
def check(
    paths: ReviewPathsArg = None,
    fail_on: FailOnOpt = "medium",
    sarif: SarifOpt = None,
    reviews: ReviewsOpt = None,
    threshold: ThresholdOpt = 0.6,
    max_bytes: MaxBytesOpt = 5_000_000,
    cache_dir: CacheOpt = Path(".cache/crosscheck"),
    no_cache: NoCacheOpt = False,
) -> None:
    """CI gate: validate new article files, check all articles, fail on unreviewed discrepancies.

    Prints one `path:line: CODE message` line per open discrepancy (and GitHub
    annotations when GITHUB_ACTIONS=true). New files are those not listed as
    checked in the decisions file. Exit status: 0 nothing open at or above
    --fail-on; 1 open discrepancies; 2 usage error; 3 invalid new article files
    (nothing checked); 4 the decisions file cannot be read.
    """
    from .. import gate, review
    from ..compare.registry import RULES
    from ..ingest import InputError, discover
    from ..model import Severity
    from ..report import lines, sarif as sarif_report

    try:
        threshold_severity = Severity(fail_on)
    except ValueError:
        raise fail(f"--fail-on must be high, medium or low (got {fail_on!r})") from None
    paths = paths or DEFAULT_PATHS
    decisions = load_decisions(decisions_path(paths, reviews))
    try:
        files, _ = discover([str(p) for p in paths])
    except InputError as err:
        raise fail(str(err))
    new = gate.new_source_ids(files, decisions.checked)
    problems = gate.validate(files, new, max_bytes=max_bytes)
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    if problems:
        for p in problems:
            typer.echo(lines.problem_annotation(p) if annotate else str(p))
            if annotate:
                typer.echo(str(p))
        if sarif:
            write_atomic(sarif, sarif_report.render(review.ReviewState(), RULES, problems=problems))
        typer.echo(f"crosscheck: {len(problems)} problems in new article files; nothing was checked", err=True)
        raise typer.Exit(EXIT_INVALID_INPUT)

    result = execute(paths, threshold, max_bytes, cache_dir, no_cache)
    state = review.classify(result.findings, decisions)
    failing = gate.blocking(state, threshold_severity)
    for item in state.open:
        if annotate:
            typer.echo(lines.finding_annotation(item, new, threshold_severity))
        typer.echo(lines.finding_line(item, new))
    if sarif:
        write_atomic(sarif, sarif_report.render(state, RULES, new=new, fail_on=threshold_severity))
    _summary(state, failing, fail_on, decisions_path(paths, reviews))
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


def _summary(state, failing, fail_on: str, where: Path) -> None:
    from ..review import State

    for d in state.orphaned:
        typer.echo(f"crosscheck: note: {where}: decision {d.finding_id} ({d.rule}, {d.status}) matches no finding "
                   "(orphaned; `crosscheck review prune` removes it)", err=True)
    reviewed = len(state.items) - len(state.open)
    changed = len(state.with_state(State.CHANGED))
    verdict = "fail" if failing else "ok"
    typer.echo(f"crosscheck: {verdict}: {len(state.open)} open discrepancies ({len(failing)} at or above {fail_on}, "
               f"{changed} changed since review), {reviewed} reviewed, {len(state.orphaned)} orphaned decisions",
               err=True)
