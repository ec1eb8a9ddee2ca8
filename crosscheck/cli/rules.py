"""`crosscheck rules` and `crosscheck rule CODE`: the registry, explained by docstrings."""
from __future__ import annotations

import json
from typing import Annotated

import typer

from . import app, fail
from .options import JsonOpt

@app.command()
def rules(as_json: JsonOpt = False) -> None:
    """List every rule: code, name, category, status and summary."""
    from ..compare.registry import RULES

    rows = [{"code": r.code, "name": r.name, "category": r.category, "status": r.status, "summary": r.summary()}
            for r in RULES.values()]
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    for r in rows:
        typer.echo(f"{r['code']}  {r['name']:<28} {r['category']:<14} {r['summary']}")


@app.command()
def rule(
    code: Annotated[str, typer.Argument(metavar="CODE", help="A rule code (QTY001) or name (quantity-mismatch).")],
    as_json: JsonOpt = False,
) -> None:
    """Explain one rule: what it does, why it matters, an example."""
    from ..compare.registry import get

    try:
        r = get(code)
    except KeyError as err:
        raise fail(str(err.args[0]))
    if as_json:
        typer.echo(json.dumps({"code": r.code, "name": r.name, "category": r.category, "status": r.status,
                               "explanation": r.explain()}, indent=2))
        return
    typer.echo(f"# {r.name} ({r.code})\n\ncategory: {r.category} · status: {r.status}\n\n{r.explain()}")
