"""--min-confidence / Checker(min_confidence=): findings below it leave the reports and the gate, counted.

The fire reports differ on deaths (12/15, high) and firefighters hurt (30/34,
medium); the test rule gives both confidence 0.9, the real rules their own.
"""
import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

import crosscheck
from crosscheck import review
from crosscheck.cli import app
from crosscheck.model import Kind, Severity
from crosscheck.pipeline import ParameterError
from crosscheck.report import markdown

from .fire_articles import HERALD, TIMES


def invoke(*args):
    return CliRunner().invoke(app, [*args, "--no-cache"])


@pytest.mark.usefixtures("fake_embedder", "number_rule")
def test_check_does_not_gate_on_hidden_findings_and_says_how_many(newsroom):
    assert invoke("check").exit_code == 1
    hidden = invoke("check", "--min-confidence", "0.95")  # both findings are at 0.9
    assert hidden.exit_code == 0, hidden.output
    assert "crosscheck: note: 2 findings below --min-confidence 0.95 hidden (not gated)" in hidden.stderr
    assert "crosscheck: ok: 0 open discrepancies" in hidden.stderr
    kept = invoke("check", "--min-confidence", "0.9")  # at the bar is kept
    assert kept.exit_code == 1 and "hidden" not in kept.stderr


@pytest.mark.usefixtures("fake_embedder", "number_rule")
def test_run_report_and_json_count_the_hidden(newsroom):
    out = invoke("run", "seeds", "--out", "out", "--min-confidence", "0.95")
    assert out.exit_code == 0, out.output
    assert ": 0 discrepancies, 1 agreement (2 findings below confidence 0.95 hidden) ->" in out.stdout
    data = json.loads(Path("out/findings.json").read_text())
    assert data["summary"]["hidden"] == 2 and data["params"]["min_confidence"] == 0.95
    assert [f["kind"] for f in data["findings"]] == ["agreement"] and data["findings"][0]["confidence"] >= 0.95
    assert "- **2** findings below confidence 0.95 hidden (`--min-confidence`)" in Path("out/report.md").read_text()


@pytest.mark.usefixtures("fake_embedder", "number_rule")
def test_a_decision_about_a_hidden_finding_is_not_orphaned(newsroom):
    from crosscheck.pipeline import Params, run

    full = run(["seeds"], Params(cache_dir=None))
    deaths = next(f for f in full.findings if "'12'" in f.explanation)
    review.update(Path("seeds/reviews.toml"), lambda d: review.decide(d, deaths, "dismissed"))
    hidden = run(["seeds"], Params(cache_dir=None, min_confidence=0.95))
    state = hidden.review_state(review.load("seeds/reviews.toml"))
    assert state.items == () and state.orphaned == ()
    assert "Orphaned decisions" not in markdown.render(hidden, state)


@pytest.mark.parametrize("value", ["1.5", "-0.1", "nan"])
def test_a_bad_min_confidence_is_one_line_and_exit_2(value, tmp_path):
    from crosscheck.cli import main

    (tmp_path / "a.md").write_text(TIMES)
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["run", str(tmp_path), "--no-cache", "--out", str(tmp_path / "out"), f"--min-confidence={value}"])
    assert code == 2
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and "min-confidence" in lines[0].replace("_", "-"), lines


@pytest.mark.parametrize("value", [1.01, -1, math.nan, "high", True])
def test_checker_validates_min_confidence_at_run(value, tmp_path):
    with pytest.raises(ParameterError, match=r"min_confidence must be a number from 0 to 1"):
        crosscheck.Checker(min_confidence=value).params()


def test_real_rules_split_at_the_bar(tmp_path, monkeypatch):
    """With the real rules: the shown and hidden findings partition the full run at the bar."""
    from .conftest import fake_vectors

    class BagOfWords:
        def transform(self, texts, progress=None):
            return fake_vectors(list(texts))

    (tmp_path / "times.md").write_text(TIMES)
    (tmp_path / "herald.md").write_text(HERALD)
    full = crosscheck.Checker(embedder=BagOfWords(), cache_dir=False).run([tmp_path])
    confidences = sorted({f.confidence for f in full.findings})
    assert len(confidences) >= 2, [(f.rule, f.confidence) for f in full.findings]
    bar = (confidences[0] + confidences[1]) / 2
    cut = crosscheck.Checker(embedder=BagOfWords(), cache_dir=False, min_confidence=bar).run([tmp_path])
    assert all(f.confidence >= bar for f in cut.findings) and all(f.confidence < bar for f in cut.hidden)
    assert sorted(f.id for f in cut.findings + cut.hidden) == sorted(f.id for f in full.findings)
    assert len(cut.hidden) == sum(f.confidence < bar for f in full.findings) >= 1


def test_report_ranks_by_severity_times_confidence():
    """A sure medium (2 × 0.9 = 1.8) comes before a doubtful high (3 × 0.4 = 1.2), which beats a low (1 × 0.95)."""
    from dataclasses import replace

    from synthetic import adversarial_result

    base = adversarial_result(["Twelve people died.", "The fire started at 9 pm."])
    disc = [f for f in base.findings if f.kind is Kind.DISCREPANCY]
    assert len(disc) == 2
    first, second = disc
    third = replace(second, id="third0000000")
    findings = [replace(first, severity=Severity.HIGH, confidence=0.4),
                replace(second, severity=Severity.MEDIUM, confidence=0.9),
                replace(third, severity=Severity.LOW, confidence=0.95)]
    text = markdown.render(replace(base, findings=findings))
    order = [text.index(f"`{f.id}`") for f in (findings[1], findings[0], findings[2])]
    assert order == sorted(order), text
    assert "### 1. medium · confidence 0.90 ·" in text and "### 3. low · confidence 0.95 ·" in text
