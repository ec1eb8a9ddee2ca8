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
    """The per-run analysis: which articles share an event, and each pair's word alignment.

    One is built for each ``compare()`` call and handed to every rule, so what
    several rules read (aligned words) is computed once and lives exactly as
    long as the run.

    ``same_event(a, b)`` answers for one pair of source ids; ``groups`` numbers
    the events of many sources at once, so a rule can bucket its candidates by
    event and never test all pairs of sources of an archive. With ``event_of``
    (a source id's event, as the pipeline knows it) that costs one lookup per
    source; without it, one ``same_event`` call per source and event.
    """

    def __init__(self, same_event, event_of=None):
        self.same_event = same_event
        self.event_of = event_of
        self._words: dict[tuple, tuple] = {}  # claim key -> aligned words, built once per run
        self._alignments: dict[tuple, object] = {}
        self._artifacts: dict[str, object] = {}  # what several rules read: quote passages, matches

    def artifact(self, name: str, compute):
        """A per-run artifact several rules share (rules declare it by name): computed on first use."""
        if name not in self._artifacts:
            self._artifacts[name] = compute()
        return self._artifacts[name]

    def words(self, claim: Claim):
        """The claim's words as the aligner reads them (``compare.align.words_of``), once per run."""
        from .align import words_of

        found = self._words.get(claim.key)
        if found is None:
            found = self._words[claim.key] = words_of(claim)
        return found

    def alignment(self, a: Claim, b: Claim):
        """The word alignment of two claims, computed once per pair and run whatever rules read it."""
        from .align import align

        key = (a.key, b.key)
        found = self._alignments.get(key)
        if found is None:
            found = self._alignments[key] = align(a, b, self.words(a), self.words(b))
        return found

    def groups(self, sources) -> dict[str, int]:
        """Source id -> event number, for the given source ids."""
        group_of: dict[str, int] = {}
        if self.event_of is not None:
            number: dict = {}
            for source in sources:
                if source not in group_of:
                    group_of[source] = number.setdefault(self.event_of(source), len(number))
            return group_of
        representatives: list[str] = []
        for source in sources:
            if source in group_of:
                continue
            for n, rep in enumerate(representatives):
                if self.same_event(source, rep):
                    group_of[source] = n
                    break
            else:
                group_of[source] = len(representatives)
                representatives.append(source)
        return group_of
