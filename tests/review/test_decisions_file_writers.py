"""The decisions file: comments an editor adds survive a save (tomlkit), and writers at once
merge instead of overwriting each other (filelock, then re-read, change, temporary file, rename)."""
import json
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck import review
from crosscheck.cli import app

from .fire_articles import article

ROOT = Path(__file__).resolve().parents[2]

# Two reports differing on five figures: five discrepancies of the test rule.
FIGURES = ("people", "firefighters", "trucks", "workers", "hours")
A = article("Riverside fire", "Riverside Times", "\n".join(
    f"Officials said the Riverside warehouse fire involved {n} {word} on Monday night." for n, word in
    zip((12, 30, 9, 80, 4), FIGURES)))
B = article("Riverside blaze", "Valley Herald", "\n".join(
    f"Officials said the Riverside warehouse fire involved {n} {word} on Monday night." for n, word in
    zip((15, 34, 11, 60, 6), FIGURES)))


@pytest.fixture
def five_findings(newsroom, fake_embedder, number_rule):
    for p in Path("seeds").iterdir():
        p.unlink()
    Path("seeds/a.md").write_text(A, encoding="utf-8")
    Path("seeds/b.md").write_text(B, encoding="utf-8")
    result = CliRunner().invoke(app, ["run", "seeds", "--out", "out", "--no-cache"])
    assert result.exit_code == 0, result.output
    ids = [f["id"] for f in json.loads(Path("out/findings.json").read_text())["findings"]
           if f["kind"] == "discrepancy"]
    assert len(ids) == 5
    return ids


def test_comments_survive_review_set(five_findings):
    first, second = five_findings[:2]
    path = Path("seeds/reviews.toml")
    review.update(path, lambda d: d)  # a fresh file, as `crosscheck review` writes it
    text = path.read_text()
    text = text.replace("version = 1\n", "version = 1  # do not edit by hand, says the desk\n")
    text += textwrap.dedent("""
        # Ana, 2024-05-02: the coroner's figure comes out on Friday; decide then.
        [findings.%s]
        status = "deferred"  # until Friday
        fingerprint = "0123456789abcdef"
        """ % first)
    path.write_text(text)
    result = CliRunner().invoke(app, ["review", "set", second, "--status", "dismissed", "--note", "same toll",
                                      "--findings", "out/findings.json"])
    assert result.exit_code == 0, result.output
    after = path.read_text()
    for comment in ("# do not edit by hand, says the desk", "# Ana, 2024-05-02: the coroner's figure comes out",
                    "# until Friday", "# crosscheck review decisions"):
        assert comment in after
    data = tomllib.loads(after)["findings"]
    assert data[second]["status"] == "dismissed" and data[first]["status"] == "deferred"
    # changing the commented decision keeps its comments too
    result = CliRunner().invoke(app, ["review", "set", first, "--status", "confirmed", "--findings",
                                      "out/findings.json"])
    assert result.exit_code == 0, result.output
    after = path.read_text()
    assert "# Ana, 2024-05-02" in after and "# until Friday" in after
    assert tomllib.loads(after)["findings"][first]["status"] == "confirmed"
    assert review.load(path).get(first).fingerprint != "0123456789abcdef"


@pytest.mark.slow
def test_five_writers_at_once_lose_no_decision(five_findings):
    """Five `crosscheck review set` processes started together, each on its own finding, several
    times; each writer pauses between writing its temporary file and renaming it, so without the
    lock the last rename would silently drop the others' decisions."""
    path = Path("seeds/reviews.toml")
    env = {**os.environ, "PYTHONPATH": str(ROOT), review.SLOW_SAVE_ENV: "0.3"}
    for attempt in range(3):
        path.unlink(missing_ok=True)
        children = [subprocess.Popen([sys.executable, "-m", "crosscheck", "review", "set", fid, "--status",
                                      "dismissed", "--note", f"writer {n}", "--findings", "out/findings.json"],
                                     env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                    for n, fid in enumerate(five_findings)]
        for child in children:
            _, err = child.communicate(timeout=120)
            assert child.returncode == 0, err.decode()
        saved = review.load(path).decisions
        assert set(saved) == set(five_findings), f"attempt {attempt}: lost {set(five_findings) - set(saved)}"
        assert sorted(d.note for d in saved.values()) == [f"writer {n}" for n in range(5)]
        assert [p.name for p in path.parent.glob(".reviews.toml.*")] == []
