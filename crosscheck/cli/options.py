"""Every option the commands share, declared once.

The checker's own options (threshold, limits, cache) are not repeated in each
command: ``checker_options`` adds them to a command's signature and hands the
command one ``crosscheck.Checker`` built from them, so their names, help and
defaults (the library's) live here only.
"""
from __future__ import annotations

import enum
import functools
import inspect
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperArgument, TyperGroup

from ..claims import DEFAULT_MAX_CLAIMS
from ..defaults import DEFAULT_THRESHOLD
from ..ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS
from ..model import Severity
from ..review import STATUSES

EXIT_PARTIAL = 4  # --strict: some input file was skipped

Status = enum.Enum("Status", {s: s for s in STATUSES}, type=str)  # confirmed, dismissed, deferred

# ---------------------------------------------------------------- articles and files

PathsArg = Annotated[list[Path], typer.Argument(
    metavar="PATHS", help="Article files (.txt, .md) or folders (searched recursively).")]
OptionalPathsArg = Annotated[Optional[list[Path]], typer.Argument(
    metavar="PATHS", help="Article files or folders (default: seeds/, when the current folder has one).",
    show_default=False)]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Folder for report.md and findings.json.")]
ReviewsOpt = Annotated[Optional[Path], typer.Option(
    "--reviews", help="The decisions file (default: reviews.toml in the first folder given).", show_default=False)]
FindingsOpt = Annotated[Optional[Path], typer.Option(
    "--findings", help="Take the findings from this findings.json (written by `crosscheck run`) instead of "
                       "running the checker; its articles must not have changed since.", show_default=False)]
SarifOpt = Annotated[Optional[Path], typer.Option(
    "--sarif", help="Also write the results as SARIF 2.1.0 to this file.", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]

# ---------------------------------------------------------------- review and gate

ReviewerOpt = Annotated[Optional[str], typer.Option(
    "--reviewer", envvar="CROSSCHECK_REVIEWER", help="Who decides (default: $CROSSCHECK_REVIEWER, else the login name).",
    show_default=False)]
StatusOpt = Annotated[Status, typer.Option("--status", "-s", case_sensitive=False, help="The decision.")]
StatusFilterOpt = Annotated[Optional[list[Status]], typer.Option(
    "--status", "-s", case_sensitive=False, help="Only these statuses (repeatable).", show_default=False)]
FailOnOpt = Annotated[Severity, typer.Option(
    "--fail-on", case_sensitive=False, help="Fail on open discrepancies of this severity or above.")]
StrictOpt = Annotated[bool, typer.Option(
    "--strict", help=f"Exit {EXIT_PARTIAL} when any input file was skipped (the report is still written).")]

# ---------------------------------------------------------------- the checker's options

ThresholdOpt = Annotated[float, typer.Option(
    "--threshold", "-t", min=0.0, max=1.0,
    help="Cosine similarity at which two claims from different sources are linked (0-1).")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", min=1, help="Skip files larger than this many bytes.")]
MaxCharsOpt = Annotated[int, typer.Option(
    "--max-chars", min=1, help="Check at most this many characters of each article (the rest is named in a warning).")]
MaxClaimsOpt = Annotated[int, typer.Option(
    "--max-claims", min=1, help="Check at most this many claims of each article (repeated sentences count once).")]
CacheOpt = Annotated[Optional[Path], typer.Option(
    "--cache-dir", help="Folder of the claim and embedding caches (default: $CROSSCHECK_CACHE_DIR, else the user's "
                        "cache folder, e.g. ~/.cache/crosscheck).", show_default=False)]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the claim and embedding caches.")]
EmbedderOpt = Annotated[Optional[str], typer.Option(
    "--embedder", help="Embedding backend: onnx-int8 (all-MiniLM-L6-v2 quantized, run by onnxruntime; the "
                       "default) or torch (the same model in fp32, sentence-transformers).", show_default=False)]

MinConfidenceOpt = Annotated[float, typer.Option(
    "--min-confidence", min=0.0, max=1.0, help="Leave findings less confident than this (0-1) out of the reports and "
                                                "the gate; the report says how many were hidden.")]

# where the run happens (`run` only)
EngineOpt = Annotated[str, typer.Option(
    "--engine", help="local: this machine's processes; dask: claims and embedding as one task per publication week "
                     "on a dask.distributed cluster (same findings).")]
WorkersOpt = Annotated[Optional[int], typer.Option(
    "--workers", min=1, help="--engine dask: start a local cluster of this many worker processes (default 2).",
    show_default=False)]
SchedulerOpt = Annotated[Optional[str], typer.Option(
    "--scheduler", help="--engine dask: address of an existing cluster's scheduler (tcp://host:8786).",
    show_default=False)]
WorkDirOpt = Annotated[Optional[Path], typer.Option(
    "--work-dir", help="--engine dask: folder of the Parquet files between stages (default: a temporary folder).",
    show_default=False)]

_CHECKER_OPTIONS = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
                    for name, annotation, default in (
                        ("threshold", ThresholdOpt, DEFAULT_THRESHOLD), ("max_bytes", MaxBytesOpt, DEFAULT_MAX_BYTES),
                        ("max_chars", MaxCharsOpt, DEFAULT_MAX_CHARS), ("max_claims", MaxClaimsOpt, DEFAULT_MAX_CLAIMS),
                        ("cache_dir", CacheOpt, None), ("no_cache", NoCacheOpt, False),
                        ("embedder", EmbedderOpt, None), ("min_confidence", MinConfidenceOpt, 0.0))]


def checker_options(command):
    """Give ``command`` the checker's options; it receives them as ``checker`` (a ``crosscheck.Checker``)."""
    signature = inspect.signature(command, eval_str=True)
    own = [p for name, p in signature.parameters.items() if name != "checker"]

    @functools.wraps(command)
    def with_checker(**kwargs):
        from ..api import Checker

        options = {p.name: kwargs.pop(p.name) for p in _CHECKER_OPTIONS}
        no_cache = options.pop("no_cache")
        checker = Checker(**{**options, "cache_dir": False if no_cache else options["cache_dir"]})
        return command(checker=checker, **kwargs)

    params = own + _CHECKER_OPTIONS
    with_checker.__signature__ = signature.replace(parameters=params)  # typer reads this, not the wrapped one
    with_checker.__annotations__ = {p.name: p.annotation for p in params}
    return with_checker


# ---------------------------------------------------------------- help text

def _hide_type(param) -> None:
    param.display_type_rich = lambda ctx: None


def _no_type_column(command) -> None:
    """Flags take no value and PATHS names itself: no `<bool>` or `<list[Path]>` beside them in --help."""
    if getattr(command, "_plain_metavars", False):
        return
    for param in command.params:
        if getattr(param, "is_flag", False) or isinstance(param, TyperArgument):
            _hide_type(param)
    make_help_option = command.get_help_option

    def get_help_option(ctx):
        option = make_help_option(ctx)
        if option is not None:
            _hide_type(option)
        return option

    command.get_help_option = get_help_option
    command._plain_metavars = True


class Group(TyperGroup):
    """A command group whose --help shows a value's type only for options that take a value."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_type_column(self)

    def get_command(self, ctx, cmd_name):
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _no_type_column(command)
        return command
