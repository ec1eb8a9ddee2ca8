"""`crosscheck review`: editors decide about flagged discrepancies.

`crosscheck review [PATHS]` walks the open findings in a terminal;
`review set`, `review list`, `review baseline` and `review prune` are for
scripts. Decisions go to the decisions file (default: reviews.toml in the
first folder given), which `run` and `check` read.
"""
from __future__ import annotations

import getpass
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import EXIT_DECISIONS, app, default_paths, execute, fail
from .options import (FindingsOpt, Group, JsonOpt, OptionalPathsArg, ReviewerOpt, ReviewsOpt, StatusFilterOpt,
                      StatusOpt, checker_options)


class _InteractiveByDefault(Group):
    """`crosscheck review seeds/` means `crosscheck review interactive seeds/`."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["interactive", *args]
        return super().parse_args(ctx, args)


review_app = typer.Typer(
    cls=_InteractiveByDefault,
    help="Record editors' decisions about discrepancies: confirmed (a real conflict), dismissed (not a conflict) "
         "or deferred. Without a subcommand: the interactive review (`review interactive`).",
    add_completion=False,
)
app.add_typer(review_app, name="review")


# ---------------------------------------------------------------- shared steps

def decisions_path(paths: list[Path] | None, reviews: Path | None, loaded=None) -> Path:
    from ..review import default_path

    if reviews is not None:
        return reviews
    if paths:
        return default_path(paths)
    if loaded is not None and loaded.articles:  # findings file: beside its articles
        a = loaded.articles[0]
        root = a.path[: -len(a.source_id)] if a.path.endswith(a.source_id) else os.path.dirname(a.path)
        return Path(root or ".") / "reviews.toml"
    return default_path(default_paths(None))


def load_decisions(path: Path):
    from ..review import DecisionsError, load

    try:
        return load(path)
    except DecisionsError as err:
        raise fail(str(err), EXIT_DECISIONS)


def gather(paths: list[Path] | None, findings: Path | None, checker):
    """(articles, findings) from a findings.json, or by running the checker on PATHS."""
    if findings is not None:
        if paths:
            raise fail("give either article PATHS or --findings, not both")
        from ..findings_file import FindingsFileError, load

        try:
            return load(findings)
        except FindingsFileError as err:
            raise fail(str(err))
    return execute(checker, default_paths(paths))


def valid_articles(articles, checked: frozenset[str]) -> set[str]:
    """Source ids that may be recorded as checked: already checked, or new and valid."""
    from ..gate import validate

    files = [(a.path, a.source_id) for a in articles]
    new = {sid for _, sid in files if sid not in checked}
    bad = {p.path for p in validate(files, new)}
    return {a.source_id for a in articles if a.path not in bad}


def reviewer_name(reviewer: str | None) -> str:
    if reviewer:
        return reviewer
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers): leave it empty
        return ""


def find(findings, finding_id: str):
    """A discrepancy by id or by a unique id prefix (at least 4 characters)."""
    from ..model import Kind

    wanted = finding_id.strip().lower()
    exact = [f for f in findings if f.id == wanted]
    matches = exact or ([f for f in findings if f.id.startswith(wanted)] if len(wanted) >= 4 else [])
    if not matches:
        raise fail(f"no finding {finding_id!r} in this run; `crosscheck check` lists the open ones")
    if len(matches) > 1:
        raise fail(f"{finding_id!r} matches several findings ({', '.join(f.id for f in matches)}); give more of the id")
    if matches[0].kind is not Kind.DISCREPANCY:
        raise fail(f"finding {matches[0].id} is an agreement; only discrepancies are reviewed")
    return matches[0]


def resolve_source(finding, given: str | None) -> str:
    """--right accepts a source id, a path, or a file stem; returns the source id."""
    if not given:
        return ""
    for e in finding.evidence:
        c = e.claim
        if given in (c.source_id, c.path, c.article.label) or os.path.normpath(given) == os.path.normpath(c.path):
            return c.source_id
    raise fail(f"--right {given!r} is not one of the finding's sources ({', '.join(finding.sources)})")


# ---------------------------------------------------------------- commands

@review_app.command("interactive")
@checker_options
def interactive(paths: OptionalPathsArg = None, findings: FindingsOpt = None, reviews: ReviewsOpt = None,
                reviewer: ReviewerOpt = None,
                again: Annotated[bool, typer.Option("--deferred", help="Also walk the deferred findings again.")] = False,
                *, checker) -> None:
    """Walk the open discrepancies, most severe first, and decide each with one key.

    Each decision is written to the decisions file at once: quit (q, Ctrl-C)
    whenever you like. Findings whose claims changed since they were reviewed
    come up again, with the earlier decision shown.
    """
    from .. import review as lib
    from .session import Console, run_session

    if not sys.stdin.isatty():
        raise fail("the interactive review needs a terminal; in scripts use `crosscheck review set`")
    loaded = gather(paths, findings, checker)
    path = decisions_path(paths, reviews, loaded)
    decisions = load_decisions(path)
    state = lib.classify(loaded.findings, decisions, hidden=getattr(loaded, "hidden", ()))
    queue = state.open + (state.with_state(lib.State.DEFERRED) if again else [])
    save = saver(path, reviewer_name(reviewer), valid_articles(loaded.articles, decisions.checked))
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    console = Console(write=_write, key=typer.getchar, line=input,
                      width=min(shutil.get_terminal_size().columns, 160), color=color)
    if run_session(queue, console, save, str(path)).quit:
        raise typer.Exit(0)


def saver(path: Path, reviewer: str, keep: set[str]):
    """Record one decision (and the valid articles as checked) in the decisions file, at once."""
    from .. import review as lib

    def save(finding, status: str, right: str, note: str) -> None:
        try:
            lib.update(path, lambda d: lib.record_checked(
                lib.decide(d, finding, status, note=note, right=right, reviewer=reviewer), keep))
        except lib.DecisionsError as err:
            raise fail(f"{err}; this decision was not saved", EXIT_DECISIONS)
        except ValueError as err:
            raise fail(str(err))

    return save


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


@review_app.command("set")
@checker_options
def set_decision(
    finding_id: Annotated[str, typer.Argument(metavar="ID", help="Finding id (or a unique prefix of it).")],
    status: StatusOpt,
    note: Annotated[str, typer.Option("--note", "-n", help="Why: the editor's note.")] = "",
    right: Annotated[Optional[str], typer.Option(
        "--right", help="For confirmed: the source judged right (source id, path or file stem).")] = None,
    paths: OptionalPathsArg = None, findings: FindingsOpt = None, reviews: ReviewsOpt = None,
    reviewer: ReviewerOpt = None, *, checker,
) -> None:
    """Record one decision without the terminal UI (for scripts)."""
    loaded = gather(paths, findings, checker)
    path = decisions_path(paths, reviews, loaded)
    keep = valid_articles(loaded.articles, load_decisions(path).checked)
    finding = find(loaded.findings, finding_id)
    source = resolve_source(finding, right)
    saver(path, reviewer_name(reviewer), keep)(finding, status.value, source, note)
    typer.echo(f"{finding.id}: {status.value} -> {path}")


@review_app.command("list")
def list_decisions(paths: OptionalPathsArg = None, status: StatusFilterOpt = None, reviews: ReviewsOpt = None,
                   as_json: JsonOpt = False) -> None:
    """List the recorded decisions (from the decisions file; nothing is run)."""
    from ..report.escape import plain

    path = decisions_path(paths, reviews)
    if not path.exists():
        typer.echo(f"crosscheck: no decisions file at {plain(str(path))}: nothing has been reviewed yet", err=True)
    wanted = {s.value for s in status or ()}
    rows = [d for _, d in sorted(load_decisions(path).decisions.items()) if not wanted or d.status in wanted]
    if as_json:
        typer.echo(json.dumps([d.__dict__ for d in rows], ensure_ascii=False, indent=2))
    for d in [] if as_json else rows:
        right = f" right={d.right}" if d.right else ""
        note = f" — {plain(d.note)}" if d.note else ""
        typer.echo(f"{d.finding_id}  {d.status:<9} {d.rule:<7} {plain(d.reviewer) or '-'} {d.reviewed_at or '-'}"
                   f"{right}  {plain(d.summary)}{note}")


@review_app.command("baseline")
def baseline(paths: OptionalPathsArg = None, reviews: ReviewsOpt = None) -> None:
    """Record every article under PATHS as already checked, so `check` validates only files added later.

    For adopting crosscheck in a repository whose articles have no front matter.
    """
    from ..ingest import InputError, discover
    from ..review import record_checked, update

    paths = default_paths(paths)
    try:
        files, _ = discover([str(p) for p in paths])
    except InputError as err:
        raise fail(str(err))
    path = decisions_path(paths, reviews)
    load_decisions(path)
    update(path, lambda d: record_checked(d, (sid for _, sid in files)))
    typer.echo(f"{len(files)} articles recorded as checked -> {path}")


@review_app.command("prune")
@checker_options
def prune(paths: OptionalPathsArg = None, findings: FindingsOpt = None, reviews: ReviewsOpt = None, *,
          checker) -> None:
    """Remove orphaned decisions: those whose finding no longer exists in a run over PATHS."""
    from .. import review as lib

    loaded = gather(paths, findings, checker)
    path = decisions_path(paths, reviews, loaded)
    state = lib.classify(loaded.findings, load_decisions(path), hidden=getattr(loaded, "hidden", ()))
    lib.update(path, lambda d: lib.prune(d, lib.classify(loaded.findings, d, hidden=getattr(loaded, "hidden", ()))))
    for d in state.orphaned:
        typer.echo(f"removed {d.finding_id} ({d.rule}, {d.status}): {d.summary}")
    typer.echo(f"{len(state.orphaned)} orphaned decisions removed -> {path}")
