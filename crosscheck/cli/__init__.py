"""The command line: parse options, call the library, write files atomically.

Exit status (README, "Exit codes and bad input"): 0 success, bad files
skipped with one warning line each; 1 the checked articles have open findings
(``check``); 2 bad usage, or no readable article (or no PATHS and no
seeds/ folder here); 4 ``--strict`` and some file
was skipped (the report is still written); 70 an internal error (a bug): one
line naming the stage, the traceback only with CROSSCHECK_DEBUG=1; 130
interrupted. Never a traceback otherwise.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from .. import __version__
from ..files import write_atomic  # noqa: F401  (the commands write through it)

from .options import Group

app = typer.Typer(
    name="crosscheck",
    cls=Group,
    help="Cross-check facts across news articles: where sources disagree, and where they corroborate.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug, reported in one line
EXIT_INTERRUPTED = 130
DEBUG_ENV = "CROSSCHECK_DEBUG"
DEFAULT_FOLDER = Path("seeds")  # checked when no PATHS are given, if the current folder has it


def fail(message: str, code: int = EXIT_USAGE) -> "typer.Exit":
    from ..report.escape import plain

    typer.echo(f"crosscheck: error: {plain(message)}", err=True)
    return typer.Exit(code)


def warn(message: object) -> None:
    """One line on stderr; article-controlled text (file names, values) made inert."""
    from ..report.escape import plain

    typer.echo(f"crosscheck: warning: {plain(str(message))}", err=True)


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


def execute(checker, paths: list[Path]):
    """Run ``checker`` on PATHS: one warning line per skipped file; no readable article is a usage error."""
    from ..ingest import InputError

    try:
        result = checker.run([str(p) for p in paths], progress=_progress())
    except InputError as err:
        raise fail(str(err))
    report_run(result, paths)
    return result


def report_run(result, paths: list[Path]) -> None:
    for warning in result.warnings:
        warn(warning)
    if not result.articles:
        raise fail("no readable articles in " + ", ".join(str(p) for p in paths))


def default_paths(paths: list[Path] | None) -> list[Path]:
    """PATHS as given, else seeds/ when the current folder has one, else a one-line error."""
    if paths:
        return paths
    if DEFAULT_FOLDER.is_dir():
        return [DEFAULT_FOLDER]
    raise fail(f"no PATHS given and no {DEFAULT_FOLDER}/ folder here; name the article files or folders to check")


def skipped_any(result) -> bool:
    return any(getattr(w, "skipped", False) for w in result.warnings)


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
from .options import EXIT_PARTIAL  # noqa: E402,F401  (4: --strict and some input file was skipped)
from . import rules as _rules, run as _run  # noqa: E402,F401  (registers commands)
from . import check as _check, review as _review  # noqa: E402,F401  (registers commands)
from . import schema as _schema  # noqa: E402,F401  (registers `crosscheck schema`)
from . import serve as _serve  # noqa: E402,F401  (registers `serve`)
from . import explain as _explain  # noqa: E402,F401  (registers `crosscheck explain`)


def _internal_error(err: BaseException) -> str:
    """One line saying where an unexpected error happened, for a bug report."""
    from ..pipeline import StageError
    from ..report.escape import plain

    stage = "the command"
    if isinstance(err, StageError):
        stage = f"the {err.stage} stage"
        err = err.__cause__ or err
    if isinstance(err, MemoryError):
        return (f"crosscheck: error: out of memory in {stage}; lower --max-bytes, --max-chars or --max-claims "
                f"(set {DEBUG_ENV}=1 for the traceback)")
    detail = plain(f"{type(err).__name__}: {err}")[:300]
    return (f"crosscheck: internal error in {stage}: {detail} (a bug in crosscheck; "
            f"set {DEBUG_ENV}=1 for the traceback)")


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status: one line on stderr for any error, never a traceback."""
    try:  # typer >= 0.26 vendors click
        from typer._click import exceptions as click
    except ImportError:  # pragma: no cover
        from click import exceptions as click

    try:
        code = app(args=argv, prog_name="crosscheck", standalone_mode=False)
    except getattr(click, "NoArgsIsHelpError", ()) as err:
        typer.echo(err.ctx.get_help())
        return EXIT_USAGE
    except click.UsageError as err:
        command = err.ctx.command_path if err.ctx else "crosscheck"
        typer.echo(f"crosscheck: error: {' '.join(err.format_message().split())} (see `{command} --help`)", err=True)
        return EXIT_USAGE
    except click.ClickException as err:
        typer.echo(f"crosscheck: error: {' '.join(err.format_message().split())}", err=True)
        return EXIT_USAGE
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("crosscheck: interrupted", err=True)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `crosscheck claims x | head`: the reader left, nothing is wrong
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_OK
    except Exception as err:  # the last resort: a bug meets an input nobody foresaw
        if os.environ.get(DEBUG_ENV):
            raise
        typer.echo(_internal_error(err), err=True)
        return EXIT_INTERNAL
    return code if isinstance(code, int) else EXIT_OK


def entry() -> None:
    """Console entry point (``crosscheck``, ``python -m crosscheck``)."""
    sys.exit(main())
