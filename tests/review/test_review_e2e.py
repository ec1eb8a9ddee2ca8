"""End to end, with the real embedding model and the real rules: run, review,
gate, a new contradicting article, review it, edit it, orphaned decision."""
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck import review
from crosscheck.cli import app

from .fire_articles import GAZETTE


def crosscheck(cache: Path, *args):
    extra = ["--cache-dir", str(cache)] if args[0] in ("run", "check") or args[:2] == ("review", "set") else []
    return CliRunner().invoke(app, [*args, *extra])


def discrepancies(out: Path) -> dict[str, dict]:
    data = json.loads((out / "findings.json").read_text())
    return {f["id"]: f for f in data["findings"] if f["kind"] == "discrepancy"}


def about(findings: dict[str, dict], value: str) -> str:
    [fid] = [fid for fid, f in findings.items() if any(c["value"].strip() == value or value in c["value"].split()
                                                       for c in f["claims"])]
    return fid


@pytest.mark.slow
def test_review_cycle_end_to_end(newsroom, tmp_path):
    cache = tmp_path / "cache"
    assert crosscheck(cache, "run", "seeds", "--out", "out").exit_code == 0
    found = discrepancies(Path("out"))
    deaths, injuries = about(found, "12"), about(found, "30")
    assert set(found) == {deaths, injuries}, [f["explanation"] for f in found.values()]
    assert {found[deaths]["category"], found[injuries]["category"]} == {"count"}  # the real count rule

    # editors decide through the CLI
    assert crosscheck(cache, "review", "set", injuries, "--status", "dismissed", "--note",
                      "Four more firefighters were treated later.", "--reviewer", "ana").exit_code == 0
    assert crosscheck(cache, "review", "set", deaths, "--status", "confirmed", "--right", "fire-herald.md",
                      "--note", "The coroner confirmed 15 dead.", "--reviewer", "ben").exit_code == 0
    result = crosscheck(cache, "check")
    assert result.exit_code == 0, result.output

    # a new article contradicts the Times on the size of the workforce
    Path("seeds/fire-gazette.md").write_text(GAZETTE, encoding="utf-8")
    result = crosscheck(cache, "check")
    assert result.exit_code == 1, result.output
    [line] = [line for line in result.stdout.splitlines() if line.startswith("seeds/")]
    assert line.startswith("seeds/fire-gazette.md:8: ")
    assert re.search(r"fire-gazette says '60\b", line) and re.search(r"fire-times says '80\b", line), line

    assert crosscheck(cache, "run", "seeds", "--out", "out").exit_code == 0
    workforce = about(discrepancies(Path("out")), "60")
    assert crosscheck(cache, "review", "set", workforce, "--status", "confirmed", "--right", "fire-times",
                      "--note", "Company filing says 80.", "--reviewer", "ana").exit_code == 0
    assert crosscheck(cache, "check").exit_code == 0

    # the Gazette corrects its figure: the conflict is gone, its decision is orphaned
    gazette = Path("seeds/fire-gazette.md")
    gazette.write_text(gazette.read_text().replace("employed 60 workers", "employed 80 workers"))
    result = crosscheck(cache, "check")
    assert result.exit_code == 0, result.output
    assert f"decision {workforce}" in result.stderr and "orphaned" in result.stderr
    assert crosscheck(cache, "run", "seeds", "--out", "out").exit_code == 0
    report = Path("out/report.md").read_text()
    assert "### Orphaned decisions (1)" in report and workforce in report.split("### Orphaned decisions")[1]
    assert set(review.load("seeds/reviews.toml").decisions) == {deaths, injuries, workforce}
