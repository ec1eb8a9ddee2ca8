"""One checked run and its decisions file, as the web app reads and changes them.

The run is computed once when the server starts; the decisions are read
from ``reviews.toml`` on every request, so what another editor (another
browser, ``crosscheck review set``) saved shows at once. Every save goes
through ``review.update``, the function ``crosscheck review`` uses: the same
file format and states, and the same protection against concurrent writers.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import review
from ..model import Article, Finding, Kind
from ..api import Checker
from ..result import Result
from . import views

MAX_NOTE = 5000  # characters: a note, not an article
FIELDS = {"status", "note", "right", "etag", "reviewer"}


def check(paths: Sequence[str | os.PathLike[str]], checker: Checker | None = None, progress=None) -> Result:
    """The one call into the checker (tests; `crosscheck serve` runs it through the CLI's options)."""
    return (checker or Checker()).run([str(p) for p in paths], progress=progress)


class BadRequest(ValueError):
    """400: the request body cannot be a decision (one line saying why)."""


class NotFound(LookupError):
    """404: no discrepancy with this id in the run."""


class Conflict(RuntimeError):
    """409: the finding or its decision changed since the page showed it."""


@dataclass
class Board:
    result: Result
    decisions_path: Path
    reviewer: str = ""
    checked_ok: frozenset[str] = frozenset()  # articles a save records as checked (as `review set` does)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self.findings = {f.id: f for f in self.result.findings}
        self.articles = list(self.result.articles)
        self.article_index = {a.source_id: n for n, a in enumerate(self.articles)}

    # ------------------------------------------------------------ reading

    def state(self) -> review.ReviewState:
        """Every discrepancy with its state, against the decisions file as it is now."""
        return self.result.review_state(review.load(self.decisions_path))

    def discrepancy(self, finding_id: str) -> Finding:
        f = self.findings.get(finding_id)
        if f is None or f.kind is not Kind.DISCREPANCY:
            raise NotFound(f"no discrepancy {finding_id!r} in this run")
        return f

    def event_of(self, finding: Finding) -> int:
        return self.result.groups.group_of.get(finding.evidence[0].claim.source_id, 0)

    def event_articles(self, event: int | None) -> list[Article]:
        group = self.result.groups.group_of
        return [a for a in self.articles if event is None or group.get(a.source_id, 0) == event]

    def events(self) -> list[int]:
        return sorted({self.event_of(f) for f in self.result.findings})

    # ------------------------------------------------------------ deciding

    def decide(self, finding_id: str, body: object) -> review.Decision:
        """Validate ``body`` and save the decision; raise BadRequest, NotFound or Conflict."""
        finding = self.discrepancy(finding_id)
        status, note, right, seen, reviewer = _parse(body, finding)
        self._unchanged_on_disk(finding)

        def change(decisions: review.Decisions) -> review.Decisions:
            if seen and views.etag(finding, decisions.get(finding.id)) != seen:
                current = decisions.get(finding.id)
                who = f" by {current.reviewer or 'someone'} at {current.reviewed_at}" if current else ""
                raise Conflict(f"finding {finding.id} was decided{who} since this page loaded it; reload to see it")
            try:
                decided = review.decide(decisions, finding, status, note=note, right=right,
                                        reviewer=reviewer or self.reviewer)
            except ValueError as err:
                raise BadRequest(str(err)) from None
            return review.record_checked(decided, self.checked_ok)

        with self._lock:  # one save at a time from this server; review.update guards against other processes
            saved = review.update(self.decisions_path, change)
        return saved.decisions[finding.id]

    def _unchanged_on_disk(self, finding: Finding) -> None:
        """The claims are still what the page showed: an article edited since the check is refused."""
        from ..ingest import read_article

        for source_id in finding.sources:
            first = next(e.claim for e in finding.evidence if e.claim.source_id == source_id)
            now, _ = read_article(first.path, source_id)
            if now is None or any(now.text[e.claim.start:e.claim.end] != e.claim.text
                                  for e in finding.evidence if e.claim.source_id == source_id):
                raise Conflict(f"{first.path} changed since it was checked; restart `crosscheck serve` to check it again")


def _parse(body: object, finding: Finding) -> tuple[str, str, str, str, str]:
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object such as {\"status\": \"dismissed\", \"note\": \"...\"}")
    unknown = sorted(set(body) - FIELDS)
    if unknown:
        raise BadRequest(f"unknown field {unknown[0]!r}; expected {', '.join(sorted(FIELDS))}")
    values = {}
    for name in FIELDS:
        value = body.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise BadRequest(f"{name} must be a string")
        values[name] = value
    status = values["status"]
    if status not in review.STATUSES:
        raise BadRequest(f"status must be one of {', '.join(review.STATUSES)} (got {status!r})")
    if len(values["note"]) > MAX_NOTE:
        raise BadRequest(f"note is longer than {MAX_NOTE} characters")
    right = values["right"]
    if right:
        labels = {e.claim.article.label: e.claim.source_id for e in finding.evidence}
        right = labels.get(right, right)
        if right not in finding.sources:
            raise BadRequest(f"right must be one of the finding's sources ({', '.join(finding.sources)})")
    return status, values["note"], right, values["etag"], values["reviewer"][:200]
