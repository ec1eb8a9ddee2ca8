"""`crosscheck check`: the CI gate (``crosscheck.gate.check``), rendered as lines, annotations and SARIF."""
from __future__ import annotations

import os
from pathlib import Path

import typer

from ..model import Severity
from . import (EXIT_FINDINGS, EXIT_INVALID_INPUT, EXIT_OK, _progress, app, default_paths, fail, report_run,
               write_atomic)
from .options import FailOnOpt, OptionalPathsArg, ReviewsOpt, SarifOpt, checker_options
from .review import decisions_path, load_decisions


@app.command()
@checker_options
def check(paths: OptionalPathsArg = None, fail_on: FailOnOpt = Severity.MEDIUM, sarif: SarifOpt = None,
          reviews: ReviewsOpt = None, *, checker) -> None:
    """CI gate: validate new article files, check all articles, fail on unreviewed discrepancies.

    Prints one `path:line: CODE message` line per open discrepancy (and GitHub
    annotations when GITHUB_ACTIONS=true). New files are those not listed as
    checked in the decisions file. Exit status: 0 nothing open at or above
    --fail-on; 1 open discrepancies; 2 usage error; 3 invalid new article files
    (nothing checked); 5 the decisions file cannot be read.
    """
    from .. import gate
    from ..ingest import InputError
    from ..report.words import plural

    paths = default_paths(paths)
    where = decisions_path(paths, reviews)
    decisions = load_decisions(where)
    try:
        outcome = gate.check(paths, checker=checker, decisions=decisions, fail_on=fail_on, progress=_progress())
    except InputError as err:
        raise fail(str(err))
    if outcome.problems:
        report_problems(outcome.problems, sarif)
        raise typer.Exit(EXIT_INVALID_INPUT)
    report_run(outcome.result, paths)
    if outcome.result.hidden:
        typer.echo(f"crosscheck: note: {plural(len(outcome.result.hidden), 'finding')} below --min-confidence "
                   f"{outcome.result.min_confidence:g} hidden (not gated)", err=True)
    report_findings(outcome, sarif, where)
    raise typer.Exit(EXIT_OK if outcome.passed else EXIT_FINDINGS)


def _annotate() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def report_problems(problems, sarif: Path | None) -> None:
    from ..compare.registry import RULES
    from ..report import lines, sarif as sarif_report
    from ..report.words import plural
    from ..review import ReviewState

    for p in problems:
        if _annotate():
            typer.echo(lines.problem_annotation(p))
        typer.echo(str(p))
    if sarif:
        write_atomic(sarif, sarif_report.render(ReviewState(), RULES, problems=problems))
    typer.echo(f"crosscheck: {plural(len(problems), 'problem')} in new article files; nothing was checked", err=True)


def report_findings(outcome, sarif: Path | None, where: Path) -> None:
    """Print the open findings (and write SARIF), the orphaned decisions and the verdict."""
    from ..compare.registry import RULES
    from ..report import lines, sarif as sarif_report

    state, new, fail_on, failing = outcome.state, outcome.new, outcome.fail_on, outcome.failing
    articles = outcome.result.articles
    for item in state.open:
        if _annotate():
            typer.echo(lines.finding_annotation(item, new, fail_on, articles))
        typer.echo(lines.finding_line(item, new, articles))
    if sarif:
        write_atomic(sarif, sarif_report.render(state, RULES, new=new, fail_on=fail_on, articles=articles))
    for d in state.orphaned:
        typer.echo(f"crosscheck: note: {where}: decision {d.finding_id} ({d.rule}, {d.status}) matches no finding "
                   "(orphaned; `crosscheck review prune` removes it)", err=True)
    typer.echo(lines.gate_summary(state, failing, fail_on), err=True)
