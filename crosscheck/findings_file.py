"""Read a findings.json written by ``crosscheck run`` back into Findings.

Lets an editor review what a run (a CI job, a colleague) found without
running the model again. The articles are read again from their paths, and
every claim's text must still be at its offsets: a findings file older than
its articles is refused, never shown against different text.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass

from .ingest import assign_labels, read_article
from .model import Article, Claim, Evidence, Finding, Kind, Severity, Span
from .report.findings_json import FORMAT_VERSION


class FindingsFileError(Exception):
    """The findings file cannot be used (unreadable, another format, or older than its articles)."""


@dataclass(frozen=True)
class Loaded:
    articles: list[Article]
    findings: list[Finding]


def load(path: str | os.PathLike[str]) -> Loaded:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as err:
        raise FindingsFileError(f"{path}: cannot read: {err.strerror or err}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise FindingsFileError(f"{path}: not a findings.json file ({err})") from None
    if not isinstance(data, dict) or data.get("format_version") != FORMAT_VERSION:
        raise FindingsFileError(f"{path}: not a findings.json of format version {FORMAT_VERSION}; "
                                "run `crosscheck run` again")
    try:
        read = [_article(s["source"], s["source_id"], path) for s in data["sources"]]
        # the run's short labels ("003"), which explanations use and --right accepts
        articles = {a.source_id: a for a in assign_labels(read)}
        findings = [_finding(f, articles, path) for f in data["findings"]]
    except (KeyError, TypeError, ValueError) as err:
        raise FindingsFileError(f"{path}: malformed findings file ({err!r})") from None
    return Loaded(list(articles.values()), findings)


def _article(source: str, source_id: str, findings_path) -> Article:
    article, problems = read_article(source, source_id)
    if article is None:
        why = str(problems[0]) if problems else f"{source}: cannot read"
        raise FindingsFileError(f"{findings_path}: article {why}")
    return article


def _finding(f: dict, articles: dict[str, Article], findings_path) -> Finding:
    evidence = []
    for c in f["claims"]:
        article = articles[c["source_id"]]
        start, end = int(c["start"]), int(c["end"])
        if article.text[start:end] != c["text"]:
            raise FindingsFileError(f"{findings_path}: {article.path} changed since the findings were written; "
                                    "run `crosscheck run` again (or review without --findings)")
        claim = Claim(article=article, source_id=c["source_id"], start=start, end=end)
        vs, ve = int(c["value_start"]), int(c["value_end"])
        value = None if (vs, ve) == (start, end) else Span(vs, ve, article.text[vs:ve])
        evidence.append(Evidence(claim=claim, value=value, norm=c["value"]))
    return Finding(
        id=f["id"], kind=Kind(f["kind"]), category=f["category"], rule=f["rule"], severity=Severity(f["severity"]),
        confidence=float(f["confidence"]), explanation=f["explanation"], evidence=tuple(evidence),
    )
