"""`crosscheck check`: the CI gate."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..ingest import DEFAULT_MAX_BYTES
from ..model import Severity
from . import (EXIT_FINDINGS, EXIT_INVALID_INPUT, EXIT_OK, CacheOpt, EmbedderOpt, MaxBytesOpt, MinConfidenceOpt,
               NoCacheOpt, ThresholdOpt, app, execute, fail, write_atomic)
from .review import DEFAULT_PATHS, ReviewPathsArg, ReviewsOpt, decisions_path, load_decisions

FailOnOpt = Annotated[Severity, typer.Option(
    "--fail-on", case_sensitive=False, help="Fail on open discrepancies of this severity or above.")]
SarifOpt = Annotated[Optional[Path], typer.Option(
    "--sarif", help="Also write the results as SARIF 2.1.0 to this file.", show_default=False)]


@app.command()
def check(
    paths: ReviewPathsArg = None,
    fail_on: FailOnOpt = Severity.MEDIUM,
    sarif: SarifOpt = None,
    reviews: ReviewsOpt = None,
    threshold: ThresholdOpt = 0.6,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    embedder: EmbedderOpt = None,
    min_confidence: MinConfidenceOpt = 0.0,
) -> None:
    """CI gate: validate new article files, check all articles, fail on unreviewed discrepancies.

    Prints one `path:line: CODE message` line per open discrepancy (and GitHub
    annotations when GITHUB_ACTIONS=true). New files are those not listed as
    checked in the decisions file. Exit status: 0 nothing open at or above
    --fail-on; 1 open discrepancies; 2 usage error; 3 invalid new article files
    (nothing checked); 5 the decisions file cannot be read.
    """
    from .. import gate
    from ..ingest import InputError, discover
    from ..report.words import plural

    paths = paths or DEFAULT_PATHS
    where = decisions_path(paths, reviews)
    decisions = load_decisions(where)
    try:
        files, _ = discover([str(p) for p in paths])
    except InputError as err:
        raise fail(str(err))
    new = gate.new_source_ids(files, decisions.checked)
    problems = gate.validate(files, new, max_bytes=max_bytes)
    if problems:
        report_problems(problems, sarif)
        raise typer.Exit(EXIT_INVALID_INPUT)
    result = execute(paths, threshold, max_bytes, cache_dir, no_cache, embedder=embedder,
                     min_confidence=min_confidence)
    state = result.review_state(decisions)
    if result.hidden:
        typer.echo(f"crosscheck: note: {plural(len(result.hidden), 'finding')} below --min-confidence "
                   f"{min_confidence:g} hidden (not gated)", err=True)
    failing = report_findings(state, new, fail_on, sarif, where, result.articles)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


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


def report_findings(state, new: set[str], fail_on: Severity, sarif: Path | None, where: Path, articles=()) -> list:
    """Print the open findings (and write SARIF); return those that fail the build."""
    from ..compare.registry import RULES
    from ..gate import blocking
    from ..report import lines, sarif as sarif_report

    failing = blocking(state, fail_on)
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
    return failing
