"""The interface every comparator (rule) implements.

A rule is a small, independent checker with a code, a kebab-case name and a
category, documented by its docstring (sections ``## What it does``,
``## Why it matters``, ``## Example``). Pair rules look at two similar claims
from different sources; corpus rules look at every claim at once (names are
misspelt across clusters, not only inside one). Rules are pure: they read
``Claim.facts`` and return ``Observation`` records, never touching files.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from ..model import Claim, Kind, Observation, Severity, Side, Span

DOC_SECTIONS = ("## What it does", "## Why it matters", "## Example")


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    scope: ClassVar[str] = "pair"  # "pair" or "corpus"
    severity: ClassVar[Severity] = Severity.MEDIUM
    status: ClassVar[str] = "stable"  # or "preview", "removed"
    # pair rules that only speak when no other rule found a discrepancy in the pair
    runs_last: ClassVar[bool] = False

    def compare(self, a: Claim, b: Claim, similarity: float) -> Iterable[Observation]:
        """Observations about two similar claims from different sources."""
        return ()

    def blocking_keys(self, claim: Claim) -> Iterable[str]:
        """Keys naming the facts this pair rule compares; claims sharing one become candidates
        even when their sentences are not similar enough to be linked."""
        return ()

    def scan(self, claims: Sequence[Claim], context: "ScanContext") -> Iterable[Observation]:
        """Observations over the whole corpus (corpus rules only)."""
        return ()

    @classmethod
    def explain(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.explain().splitlines()[0] if cls.__doc__ else cls.name

    # helpers for subclasses ---------------------------------------------------

    def observe(self, kind: Kind, sides: Sequence[Side], *, severity: Severity | None = None,
                confidence: float = 0.8, **detail) -> Observation:
        return Observation(
            rule=self.code, kind=kind, sides=tuple(sides), severity=severity or self.severity,
            confidence=round(float(confidence), 3), detail=detail,
        )


def side(claim: Claim, value: Span | None, norm: str) -> Side:
    return Side(claim=claim, value=value, norm=norm)


class ScanContext:
    """What corpus rules may know beyond the claims: which articles share an event."""

    def __init__(self, same_event):
        self.same_event = same_event
