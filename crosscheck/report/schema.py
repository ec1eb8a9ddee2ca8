"""The JSON Schema (2020-12) of ``findings.json``: the contract other tools read.

One place describes every field; ``crosscheck schema`` prints it, the tests
validate every findings file they produce against it, and the README's table
of finding fields is generated from its descriptions (``python -m
crosscheck.report.schema README.md`` rewrites it; a test checks it).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from .findings_json import FORMAT_VERSION, SCHEMA_VERSION

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:crosscheck:schema:findings:{SCHEMA_VERSION}"


def _s(description: str, type_: str | list[str] = "string", **more) -> dict:
    return {"type": type_, "description": description, **more}


_OFFSET = {"type": "integer", "minimum": 0}

CLAIM = {
    "type": "object",
    "additionalProperties": False,
    "required": ["source", "source_id", "text", "start", "end", "line", "value", "value_start", "value_end",
                 "attribution"],
    "properties": {
        "source": _s("path of the article file as given (or found under a given folder)"),
        "source_id": _s("stable article id: the path relative to the folder it was found in; "
                        "decisions (`--right`) name sources by it"),
        "text": _s("the claim's text, exactly `start`..`end` of the decoded file"),
        "start": {**_OFFSET, "description": "character offset of the claim into the decoded file"},
        "end": {**_OFFSET, "description": "character offset where the claim ends (exclusive)"},
        "line": {"type": "integer", "minimum": 1, "description": "1-based line of `start`"},
        "value": _s("the span carrying the compared fact (the whole claim when no narrower span)"),
        "value_start": {**_OFFSET, "description": "character offset of `value`"},
        "value_end": {**_OFFSET, "description": "character offset where `value` ends (exclusive)"},
        "attribution": _s("who the claim is attributed to (\"a senior official\"), or null", ["string", "null"]),
    },
}


def finding_schema() -> dict:
    from ..compare.registry import RULES

    categories = sorted({rule.category for rule in RULES.values()})
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "kind", "category", "rule", "severity", "confidence", "explanation", "claims"],
        "properties": {
            "id": _s("stable id, derived from the rule, the compared values and the sources (not from offsets "
                     "or file order)", pattern="^[0-9a-f]{6,40}$"),
            "kind": _s("`discrepancy` or `agreement`", enum=["discrepancy", "agreement"]),
            "category": _s(", ".join(f"`{c}`" for c in categories), enum=categories),
            "rule": _s("the rule code, e.g. `QTY002`; `crosscheck rule QTY002` explains it",
                       pattern="^[A-Z]{3}[0-9]{3}$"),
            "severity": _s("`high`, `medium` or `low`", enum=["high", "medium", "low"]),
            "confidence": _s("0–1", "number", minimum=0, maximum=1),
            "explanation": _s("one line: `001 says 'over a decade'; 000 and 002 say 'a decade'`"),
            "claims": {"type": "array", "minItems": 1, "items": CLAIM,
                       "description": "the claims the finding compares, each with"},
        },
    }


def schema() -> dict:
    """The whole document: run metadata, sources, findings, pairs not compared, warnings, review states."""
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "title": "crosscheck findings.json",
        "description": "What `crosscheck run` found: discrepancies and agreements between news articles.",
        "type": "object",
        "required": ["schema_version", "format_version", "tool", "params", "summary", "sources", "findings",
                     "not_compared", "warnings"],
        "additionalProperties": False,
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION, "description": "version of this schema"},
            "format_version": {"const": FORMAT_VERSION, "description": "version of the file format"},
            "tool": {"type": "object", "required": ["name", "version"],
                     "properties": {"name": {"const": "crosscheck"}, "version": {"type": "string"}}},
            "params": {"type": "object", "description": "the parameters of the run (threshold, model, limits)"},
            "summary": {"type": "object", "required": ["articles", "claims", "clusters", "discrepancies",
                                                       "agreements", "not_compared"],
                        "additionalProperties": {"type": "integer", "minimum": 0}},
            "sources": {"type": "array", "items": {
                "type": "object", "required": ["source", "source_id", "title", "outlet", "date", "url"],
                "properties": {
                    "source": {"type": "string"}, "source_id": {"type": "string"},
                    "title": {"type": ["string", "null"]}, "outlet": {"type": ["string", "null"]},
                    "date": {"type": ["string", "null"], "format": "date"}, "url": {"type": ["string", "null"]},
                    "metadata_from": {"type": "object", "additionalProperties": {
                        "enum": ["front matter", "inferred", "unknown"]}},
                }}},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "not_compared": {"type": "array", "items": {
                "type": "object", "required": ["reason", "similarity", "claims"],
                "properties": {
                    "reason": {"type": "string"}, "similarity": {"type": "number"},
                    "claims": {"type": "array", "minItems": 2, "maxItems": 2, "items": {
                        "type": "object", "required": ["source", "text", "start", "end", "line"],
                        "properties": {k: CLAIM["properties"][k] for k in ("source", "text", "start", "end", "line")},
                    }},
                }}},
            "warnings": {"type": "array", "items": {"type": "string"},
                         "description": "files skipped or read with problems, one line each"},
            "review": {"type": "object", "description": "the editors' decisions applied to this run",
                       "required": ["states", "orphaned"],
                       "properties": {
                           "states": {"type": "object", "additionalProperties": {
                               "enum": ["open", "changed", "confirmed", "dismissed", "deferred"]}},
                           "orphaned": {"type": "array", "items": {"type": "string"}}}},
        },
        "$defs": {"finding": finding_schema()},
    }


def render() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


def validate(data: object) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` is not a valid findings document (tests, tools)."""
    import jsonschema

    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(data)


# ---------------------------------------------------------------- the README's table

TABLE_START = "<!-- findings-fields: generated from `crosscheck schema`; python -m crosscheck.report.schema README.md -->"
TABLE_END = "<!-- /findings-fields -->"


def readme_table() -> str:
    """Markdown table of a finding's fields, and of each claim's, from the schema's descriptions."""
    finding = finding_schema()["properties"]
    rows = ["| field | meaning |", "| --- | --- |"]
    for name, spec in finding.items():
        if name == "claims":
            continue
        rows.append(f"| `{name}` | {spec['description']} |")
    rows.append(f"| `claims[]` | {finding['claims']['description']}: |")
    rows += [f"| `claims[].{name}` | {spec['description']} |" for name, spec in CLAIM["properties"].items()]
    return "\n".join(rows)


def with_table(readme: str) -> str:
    """``readme`` with the text between the table markers replaced by the generated table."""
    pattern = re.compile(re.escape(TABLE_START) + r".*?" + re.escape(TABLE_END), re.S)
    if not pattern.search(readme):
        raise ValueError("the README has no findings-fields markers")
    return pattern.sub(lambda _: f"{TABLE_START}\n{readme_table()}\n{TABLE_END}", readme)


if __name__ == "__main__":  # python -m crosscheck.report.schema README.md
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(with_table(path.read_text(encoding="utf-8")), encoding="utf-8")
