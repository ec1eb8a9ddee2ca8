"""The machine-readable findings file (the contract ``shared/eval/score.py`` reads)."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .. import __version__
from ..model import Finding, Kind

if TYPE_CHECKING:  # the pipeline's imports (scipy, sklearn) are not needed to read or write this format
    from ..pipeline import RunResult

FORMAT_VERSION = 1
SCHEMA_VERSION = 1  # of the JSON Schema `crosscheck schema` prints (report/schema.py); every file names it


def finding_dict(f: Finding) -> dict:
    return {
        "id": f.id,
        "kind": f.kind.value,
        "category": f.category,
        "rule": f.rule,
        "severity": f.severity.value,
        "confidence": f.confidence,
        "explanation": f.explanation,
        "claims": [
            {
                "source": e.claim.path,
                "source_id": e.claim.source_id,
                "text": e.claim.text,
                "start": e.claim.start,
                "end": e.claim.end,
                "line": e.claim.line,
                "value": e.value_text,
                "value_start": e.value.start if e.value else e.claim.start,
                "value_end": e.value.end if e.value else e.claim.end,
                "attribution": e.claim.attribution.text if e.claim.attribution else None,
            }
            for e in f.evidence
        ],
    }


def article_dict(a) -> dict:
    return {
        "source": a.path, "source_id": a.source_id, "title": a.title, "outlet": a.outlet,
        "date": a.date.isoformat() if a.date else None, "url": a.url,
        "metadata_from": dict(a.provenance),
    }


def to_dict(result: RunResult, extra: dict | None = None) -> dict:
    findings = result.findings
    data = {
        "schema_version": SCHEMA_VERSION,
        "format_version": FORMAT_VERSION,
        "tool": {"name": "crosscheck", "version": __version__},
        "params": result.params,
        "summary": {
            "articles": len(result.articles),
            "claims": len(result.claims),
            "clusters": len(result.clusters),
            "discrepancies": sum(f.kind is Kind.DISCREPANCY for f in findings),
            "agreements": sum(f.kind is Kind.AGREEMENT for f in findings),
            "not_compared": len(result.skipped),
            "hidden": len(result.hidden),  # findings below params.min_confidence, left out of this file
        },
        "sources": [article_dict(a) for a in result.articles],
        "findings": [finding_dict(f) for f in findings],
        "not_compared": [
            {"reason": s.reason, "similarity": round(s.similarity, 3),
             "claims": [{"source": c.path, "text": c.text, "start": c.start, "end": c.end, "line": c.line} for c in (s.a, s.b)]}
            for s in result.skipped
        ],
        "warnings": [str(w) for w in result.warnings],
    }
    if extra:
        data.update(extra)
    return data


def render(result: RunResult, extra: dict | None = None) -> str:
    return json.dumps(to_dict(result, extra), ensure_ascii=False, indent=2) + "\n"
