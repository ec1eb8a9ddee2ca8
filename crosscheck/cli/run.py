"""`crosscheck run` and `crosscheck claims`."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import (EXIT_PARTIAL, CacheOpt, EmbedderOpt, MaxBytesOpt, MaxCharsOpt, MaxClaimsOpt, MinConfidenceOpt, NoCacheOpt,
               OutOpt, PathsArg, StrictOpt, ThresholdOpt, app, execute, fail, skipped_any, warn, write_atomic)
from ..claims import DEFAULT_MAX_CLAIMS
from ..ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS
from .review import ReviewsOpt, decisions_path, load_decisions

@app.command()
def run(
    paths: PathsArg,
    out: OutOpt = Path("reports"),
    threshold: ThresholdOpt = 0.6,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
    max_claims: MaxClaimsOpt = DEFAULT_MAX_CLAIMS,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    strict: StrictOpt = False,
    reviews: ReviewsOpt = None,
    embedder: EmbedderOpt = None,
    min_confidence: MinConfidenceOpt = 0.0,
) -> None:
    """Check articles and write OUT/report.md and OUT/findings.json (with the editors' decisions)."""
    from ..report import findings_json, markdown
    from ..report.escape import plain
    from ..report.words import plural

    decisions = load_decisions(decisions_path(paths, reviews))
    result = execute(paths, threshold, max_bytes, cache_dir, no_cache, max_chars=max_chars, max_claims=max_claims,
                     embedder=embedder, min_confidence=min_confidence)
    state = result.review_state(decisions)
    review_info = {"states": {r.finding.id: r.state.value for r in state.items},
                   "orphaned": [d.finding_id for d in state.orphaned]}
    reports = {out / "findings.json": findings_json.render(result, {"review": review_info}),
               out / "report.md": markdown.render(result, state)}
    for path, text in reports.items():
        try:
            write_atomic(path, text)
        except OSError as err:
            raise fail(f"cannot write {path}: {err.strerror or err}")
    disc = sum(f.kind.value == "discrepancy" for f in result.findings)
    hidden = f" ({plural(len(result.hidden), 'finding')} below confidence {min_confidence:g} hidden)" \
        if result.hidden else ""
    typer.echo(plain(
        f"{len(result.articles)} articles, {len(result.claims)} claims, {len(result.clusters)} clusters: "
        f"{disc} discrepancies, {len(result.findings) - disc} agreements{hidden} -> {out / 'report.md'}, "
        f"{out / 'findings.json'}"
    ))
    if strict and skipped_any(result):
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def claims(
    file: Annotated[Path, typer.Argument(help="One article file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines instead of a table.")] = False,
) -> None:
    """Show the claims extracted from FILE, with offsets, attribution and quotes (for debugging)."""
    from ..claims import extract_claims, limit_claims
    from ..ingest import ingest
    from ..report.escape import json_line, plain

    if file.is_dir():
        raise fail(f"{file}: is a folder; `claims` takes one file")
    ingested = ingest([str(file)])
    if not ingested.articles:
        raise fail(str(ingested.warnings[0]) if ingested.warnings else f"{file}: not readable")
    found, cut = limit_claims(extract_claims(ingested.articles))
    for warning in ingested.warnings + cut:
        warn(warning)
    for c in found:
        row = {
            "line": c.line, "start": c.start, "end": c.end, "text": c.text,
            "attribution": c.attribution.text if c.attribution else None,
            "quotes": [q.span.text for q in c.facts.quotes],
            "quantities": [q.span.text for q in c.facts.quantities],
            "dates": [d.span.text for d in c.facts.dates],
            "names": [n.span.text for n in c.facts.names],
        }
        if as_json:
            typer.echo(json_line(row))
        else:
            extra = f"  [said by: {plain(row['attribution'])}]" if row["attribution"] else ""
            typer.echo(f"{plain(str(file))}:{c.line} [{c.start}:{c.end}] {plain(c.text)}{extra}")
