"""One-line renderings for CI logs: grep-able ``path:line: CODE message`` lines
and GitHub Actions workflow commands (annotations on the pull request diff)."""
from __future__ import annotations

from ..gate import Problem, column_of, primary_evidence
from ..model import Severity
from ..review import Reviewed, State
from .escape import plain


def finding_message(item: Reviewed) -> str:
    f = item.finding
    extra = ""
    if item.state is State.CHANGED and item.decision is not None:
        extra = f"; changed since review (was {item.decision.status})"
    return f"{plain(f.explanation)} [{f.severity.value} {f.category}, finding {f.id}{extra}]"


def finding_line(item: Reviewed, new: set[str]) -> str:
    """``seeds/new.md:4: CNT001 new says '15'; old says '12' [high count, finding 5e0a1c2d3b4f]``."""
    e = primary_evidence(item.finding, new)
    return f"{plain(e.claim.path)}:{e.claim.line}: {item.finding.rule} {finding_message(item)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def finding_annotation(item: Reviewed, new: set[str], fail_on: Severity) -> str:
    """``::error file=...,line=...,col=...,title=...::message`` (error when it fails the build)."""
    e = primary_evidence(item.finding, new)
    level = "error" if item.finding.severity.rank >= fail_on.rank else "warning"
    title = f"{item.finding.rule} {item.finding.category} conflict"
    return (f"::{level} file={_prop(e.claim.path)},line={e.claim.line},col={column_of(e)},title={_prop(title)}"
            f"::{_data(finding_message(item))}")


def problem_annotation(problem: Problem) -> str:
    line = f",line={problem.line}" if problem.line else ""
    return f"::error file={_prop(problem.path)}{line},title=invalid article file::{_data(problem.message)}"
