"""The command line: parse options, call the library, write files atomically.

Exit status: 0 success; 1 the checked articles have open findings (``check``);
2 bad usage or unusable input (one line on stderr, never a traceback).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__

app = typer.Typer(
    name="crosscheck",
    help="Cross-check facts across news articles: where sources disagree, and where they corroborate.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

PathsArg = Annotated[list[Path], typer.Argument(help="Article files (.txt, .md) or folders (searched recursively).")]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Folder for report.md and findings.json.")]
ThresholdOpt = Annotated[float, typer.Option(
    "--threshold", "-t", min=0.0, max=1.0,
    help="Cosine similarity at which two claims from different sources are linked (0-1).")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", min=1, help="Skip files larger than this many bytes.")]
CacheOpt = Annotated[Path, typer.Option("--cache-dir", help="Folder of the embedding cache.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the embedding cache.")]


def fail(message: str, code: int = EXIT_USAGE) -> "typer.Exit":
    typer.echo(f"crosscheck: error: {message}", err=True)
    return typer.Exit(code)


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, then rename: never a half-written report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _progress():
    """A stage-aware progress bar on stderr (only when it is a terminal)."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=stage, unit="item", leave=False, file=sys.stderr)
        bar.n = done
        bar.refresh()

    return update


def execute(paths: list[Path], threshold: float, max_bytes: int, cache_dir: Path, no_cache: bool = False):
    from .ingest import InputError
    from .pipeline import Params, run

    params = Params(threshold=threshold, max_bytes=max_bytes, cache_dir=None if no_cache else str(cache_dir))
    try:
        result = run([str(p) for p in paths], params, progress=_progress())
    except InputError as err:
        raise fail(str(err))
    for warning in result.warnings:
        typer.echo(f"crosscheck: warning: {warning}", err=True)
    if not result.articles:
        raise fail("no readable articles in " + ", ".join(str(p) for p in paths))
    return result


@app.command()
def run(
    paths: PathsArg,
    out: OutOpt = Path("reports"),
    threshold: ThresholdOpt = 0.6,
    max_bytes: MaxBytesOpt = 5_000_000,
    cache_dir: CacheOpt = Path(".cache/crosscheck"),
    no_cache: NoCacheOpt = False,
) -> None:
    """Check articles and write OUT/report.md and OUT/findings.json."""
    from .report import findings_json, markdown

    result = execute(paths, threshold, max_bytes, cache_dir, no_cache)
    write_atomic(out / "findings.json", findings_json.render(result))
    write_atomic(out / "report.md", markdown.render(result))
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
    from .claims import extract_claims
    from .ingest import InputError, ingest
    from .report.escape import plain

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


@app.command()
def rules(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List every rule: code, name, category, status and summary."""
    from .compare.registry import RULES

    rows = [{"code": r.code, "name": r.name, "category": r.category, "status": r.status, "summary": r.summary()}
            for r in RULES.values()]
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    for r in rows:
        typer.echo(f"{r['code']}  {r['name']:<28} {r['category']:<14} {r['summary']}")


@app.command()
def rule(
    code: Annotated[str, typer.Argument(help="A rule code (QTY001) or name (quantity-mismatch).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Explain one rule: what it does, why it matters, an example."""
    from .compare.registry import get

    try:
        r = get(code)
    except KeyError as err:
        raise fail(str(err.args[0]))
    if as_json:
        typer.echo(json.dumps({"code": r.code, "name": r.name, "category": r.category, "status": r.status,
                               "explanation": r.explain()}, indent=2))
        return
    typer.echo(f"# {r.name} ({r.code})\n\ncategory: {r.category} · status: {r.status}\n\n{r.explain()}")


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"crosscheck {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Cross-check facts across news articles."""


def entry() -> None:
    """Console entry point: usage errors exit 2 with one line, never a traceback."""
    try:  # typer >= 0.26 vendors click
        from typer._click import exceptions as click
    except ImportError:  # pragma: no cover
        from click import exceptions as click

    try:
        code = app(standalone_mode=False)
    except getattr(click, "NoArgsIsHelpError", ()) as err:
        typer.echo(err.ctx.get_help())
        sys.exit(EXIT_USAGE)
    except click.UsageError as err:
        command = err.ctx.command_path if err.ctx else "crosscheck"
        typer.echo(f"crosscheck: error: {' '.join(err.format_message().split())} (see `{command} --help`)", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as err:
        typer.echo(f"crosscheck: error: {' '.join(err.format_message().split())}", err=True)
        sys.exit(EXIT_USAGE)
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("crosscheck: interrupted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
