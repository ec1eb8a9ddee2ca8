"""`crosscheck schema`: the JSON Schema of findings.json."""
from __future__ import annotations

import typer

from . import app


@app.command()
def schema() -> None:
    """Print the JSON Schema (2020-12) of findings.json, for tools that read it."""
    from ..report.schema import render

    typer.echo(render(), nl=False)
