"""One-line renderings for CI logs: grep-able ``path:line: CODE message`` lines
and GitHub Actions workflow commands (annotations on the pull request diff)."""
from __future__ import annotations

from collections.abc import Sequence

from ..gate import Problem, column_of, primary_evidence
from ..model import Article, Severity
from ..review import Reviewed, ReviewState, State
from .escape import plain
from .words import plural


def finding_message(item: Reviewed) -> str:
    f = item.finding
    extra = ""
    if item.state is State.CHANGED and item.decision is not None:
        extra = f"; changed since review (was {item.decision.status})"
    return f"{plain(f.explanation)} [{f.severity.value} {f.category}, finding {f.id}{extra}]"


def finding_line(item: Reviewed, new: set[str], articles: Sequence[Article] = ()) -> str:
    """``seeds/new.md:4: CNT001 new says '15'; old says '12' [high count, finding 5e0a1c2d3b4f]``, at the outlier."""
    e = primary_evidence(item.finding, new, articles)
    return f"{plain(e.claim.path)}:{e.claim.line}: {item.finding.rule} {finding_message(item)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def finding_annotation(item: Reviewed, new: set[str], fail_on: Severity, articles: Sequence[Article] = ()) -> str:
    """``::error file=...,line=...,col=...,title=...::message`` at the outlier (error when it fails the build)."""
    e = primary_evidence(item.finding, new, articles)
    level = "error" if item.finding.severity.rank >= fail_on.rank else "warning"
    title = f"{item.finding.rule} {item.finding.category} conflict"
    return (f"::{level} file={_prop(e.claim.path)},line={e.claim.line},col={column_of(e)},title={_prop(title)}"
            f"::{_data(finding_message(item))}")


def problem_annotation(problem: Problem) -> str:
    line = f",line={problem.line}" if problem.line else ""
    return f"::error file={_prop(problem.path)}{line},title=invalid article file::{_data(problem.message)}"


def gate_summary(state: ReviewState, failing: Sequence[Reviewed], fail_on: Severity) -> str:
    """The last line of ``check``: ``crosscheck: fail: 1 open discrepancy (...)``."""
    reviewed = len(state.items) - len(state.open)
    changed = len(state.with_state(State.CHANGED))
    return (f"crosscheck: {'fail' if failing else 'ok'}: {plural(len(state.open), 'open discrepancy')} "
            f"({len(failing)} at or above {fail_on.value}, {changed} changed since review), {reviewed} reviewed, "
            f"{plural(len(state.orphaned), 'orphaned decision')}")
