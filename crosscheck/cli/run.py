"""`crosscheck run` and `crosscheck claims`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from . import CacheOpt, MaxBytesOpt, NoCacheOpt, OutOpt, PathsArg, ThresholdOpt, app, execute, fail, write_atomic
from .review import ReviewsOpt, decisions_path, load_decisions

@app.command()
def run(
    paths: PathsArg,
    out: OutOpt = Path("reports"),
    threshold: ThresholdOpt = 0.6,
    max_bytes: MaxBytesOpt = 5_000_000,
    cache_dir: CacheOpt = Path(".cache/crosscheck"),
    no_cache: NoCacheOpt = False,
    reviews: ReviewsOpt = None,
) -> None:
    """Check articles and write OUT/report.md and OUT/findings.json (with the editors' decisions)."""
    from ..report import findings_json, markdown
    from ..review import classify

    decisions = load_decisions(decisions_path(paths, reviews))
    result = execute(paths, threshold, max_bytes, cache_dir, no_cache)
    state = classify(result.findings, decisions)
    review_info = {"states": {r.finding.id: r.state.value for r in state.items},
                   "orphaned": [d.finding_id for d in state.orphaned]}
    write_atomic(out / "findings.json", findings_json.render(result, {"review": review_info}))
    write_atomic(out / "report.md", markdown.render(result, state))
    disc = sum(f.kind.value == "discrepancy" for f in result.findings)
    typer.echo(
        f"{len(result.articles)} articles, {len(result.claims)} claims, {len(result.clusters)} clusters: "
        f"{disc} discrepancies, {len(result.findings) - disc} agreements -> {out / 'report.md'}, {out / 'findings.json'}"
    )


@app.command()
def claims(
    file: Annotated[Path, typer.Argument(help="One article file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines instead of a table.")] = False,
) -> None:
    """Show the claims extracted from FILE, with offsets, attribution and quotes (for debugging)."""
    from ..claims import extract_claims
    from ..ingest import InputError, ingest
    from ..report.escape import plain

    if file.is_dir():
        raise fail(f"{file}: is a folder; `claims` takes one file")
    try:
        ingested = ingest([str(file)])
    except InputError as err:
        raise fail(str(err))
    if not ingested.articles:
        raise fail(str(ingested.warnings[0]) if ingested.warnings else f"{file}: not readable")
    for warning in ingested.warnings:
        typer.echo(f"crosscheck: warning: {warning}", err=True)
    for c in extract_claims(ingested.articles):
        row = {
            "line": c.line, "start": c.start, "end": c.end, "text": c.text,
            "attribution": c.attribution.text if c.attribution else None,
            "quotes": [q.span.text for q in c.facts.quotes],
            "quantities": [q.span.text for q in c.facts.quantities],
            "dates": [d.span.text for d in c.facts.dates],
            "names": [n.span.text for n in c.facts.names],
        }
        if as_json:
            typer.echo(json.dumps(row, ensure_ascii=False))
        else:
            extra = f"  [said by: {plain(row['attribution'])}]" if row["attribution"] else ""
            typer.echo(f"{file}:{c.line} [{c.start}:{c.end}] {plain(c.text)}{extra}")
