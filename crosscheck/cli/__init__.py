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

from .. import __version__

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
    from ..ingest import InputError
    from ..pipeline import Params, run

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


EXIT_INVALID_INPUT, EXIT_DECISIONS = 3, 5  # `check`: invalid new article files; unreadable decisions file
from . import rules as _rules, run as _run  # noqa: E402,F401  (registers commands)
from . import check as _check, review as _review  # noqa: E402,F401  (registers commands)


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
