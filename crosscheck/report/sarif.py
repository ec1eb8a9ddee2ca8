"""SARIF 2.1.0 for code-scanning tools: the run's discrepancies as results.

``tool.driver.rules`` is built from the rule registry, with each rule's
docstring as ``fullDescription`` (ruff's ``message/sarif.rs``). Every
discrepancy is a result; reviewed ones carry a ``suppressions`` entry
(dismissed and confirmed: accepted, deferred: under review) so a code-scanning
UI shows them as handled. Invalid new article files are tool execution
notifications. Render only: the CLI writes the file.
"""
from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..compare.base import Rule
from ..gate import Problem, primary_evidence
from ..model import Article, Evidence, Severity
from ..review import Reviewed, ReviewState, State, finding_fingerprint

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "note"}
_SUPPRESSION = {State.CONFIRMED: "accepted", State.DISMISSED: "accepted", State.DEFERRED: "underReview"}


def level(severity: Severity, fail_on: Severity) -> str:
    """Error when it fails the build, else by severity."""
    return "error" if severity.rank >= fail_on.rank else _LEVEL[severity]


def rule_descriptor(rule: type[Rule]) -> dict:
    doc = rule.explain()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": doc, "markdown": doc},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"category": rule.category, "status": rule.status, "tags": [rule.category]},
    }


def uri(path: str) -> str:
    """A relative path as a URI reference (forward slashes, percent-encoded); absolute: file URI."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(path.replace(os.sep, "/"))


def _position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def location(e: Evidence, *, id: int | None = None) -> dict:
    article = e.claim.article
    start = e.value.start if e.value is not None else e.claim.start
    end = e.value.end if e.value is not None else e.claim.end
    start_line, start_col = _position(article.text, start)
    end_line, end_col = _position(article.text, end)
    loc = {
        "physicalLocation": {
            "artifactLocation": {"uri": uri(e.claim.path)},
            "region": {"startLine": start_line, "startColumn": start_col, "endLine": end_line,
                       "endColumn": end_col, "snippet": {"text": e.value_text}},
        },
        "message": {"text": f"{article.label} says '{e.value_text}': {e.claim.text}"},
    }
    if id is not None:
        loc["id"] = id
    return loc


def result(item: Reviewed, rule_index: Mapping[str, int], new: set[str], fail_on: Severity,
           articles: Sequence[Article] = ()) -> dict:
    f = item.finding
    primary = primary_evidence(f, new, articles)
    others = [e for e in f.evidence if e is not primary]
    out = {
        "ruleId": f.rule,
        "level": level(f.severity, fail_on),
        "message": {"text": f.explanation},
        "locations": [location(primary)],
        "partialFingerprints": {"crosscheckFindingId/v1": f.id, "claimsFingerprint/v1": finding_fingerprint(f)},
        "properties": {"category": f.category, "severity": f.severity.value, "confidence": f.confidence,
                       "reviewState": item.state.value},
    }
    if f.rule in rule_index:
        out["ruleIndex"] = rule_index[f.rule]
    if others:
        out["relatedLocations"] = [location(e, id=n) for n, e in enumerate(others, 1)]
    if item.state in _SUPPRESSION and item.decision is not None:
        d = item.decision
        why = f"{d.status} by {d.reviewer or 'an editor'}" + (f": {d.note}" if d.note else "")
        if d.right:
            why += f" (source judged right: {d.right})"
        out["suppressions"] = [{"kind": "external", "status": _SUPPRESSION[item.state], "justification": why}]
    return out


def notification(problem: Problem) -> dict:
    region = {"startLine": problem.line} if problem.line else {}
    physical = {"artifactLocation": {"uri": uri(problem.path)}}
    if region:
        physical["region"] = region
    return {
        "level": "error",
        "message": {"text": problem.message},
        "locations": [{"physicalLocation": physical}],
        "descriptor": {"id": "invalid-article-file"},
    }


def render(state: ReviewState, rules: Mapping[str, type[Rule]], *, new: set[str] | None = None,
           problems: Sequence[Problem] = (), fail_on: Severity = Severity.MEDIUM,
           articles: Sequence[Article] = ()) -> str:
    """The log; each result's primary location is the outlier's claim (``gate.primary_evidence``)."""
    codes = list(rules)
    rule_index = {code: n for n, code in enumerate(codes)}
    new = new or set()
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "crosscheck",
                "version": __version__,
                "rules": [rule_descriptor(rules[c]) for c in codes],
            }},
            "invocations": [{
                "executionSuccessful": not problems,
                "toolExecutionNotifications": [notification(p) for p in problems],
            }],
            "columnKind": "unicodeCodePoints",
            "results": [result(item, rule_index, new, fail_on, articles) for item in state.items],
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
