"""Killing a process while it writes the decisions file leaves the previous file intact."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck import review
from crosscheck.cli import app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def reviewed_once(newsroom, fake_embedder, number_rule):
    """findings.json for the fire reports, and a decisions file holding one decision."""
    runner = CliRunner()
    assert runner.invoke(app, ["run", "seeds", "--out", "out", "--no-cache"]).exit_code == 0
    data = json.loads(Path("out/findings.json").read_text())
    first, second = [f["id"] for f in data["findings"] if f["kind"] == "discrepancy"]
    result = runner.invoke(app, ["review", "set", first, "--status", "dismissed", "--note", "first decision",
                                 "--findings", "out/findings.json"])
    assert result.exit_code == 0, result.output
    return first, second


def test_sigkill_between_writing_and_renaming_keeps_the_old_file(reviewed_once):
    first, second = reviewed_once
    path = Path("seeds/reviews.toml")
    before = path.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT), review.SLOW_SAVE_ENV: "60"}
    child = subprocess.Popen(
        [sys.executable, "-m", "crosscheck", "review", "set", second, "--status", "confirmed", "--note",
         "second decision", "--findings", "out/findings.json"], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tmp = path.with_name(f".reviews.toml.{child.pid}.tmp")
    deadline = time.monotonic() + 60
    while not tmp.exists() and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    assert tmp.exists(), "the child never started writing"
    time.sleep(0.2)  # the temporary file is complete; the child sleeps before the rename
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)

    assert child.returncode == -signal.SIGKILL
    assert path.read_bytes() == before  # untouched
    assert set(review.load(path).decisions) == {first}
    assert second in tmp.read_text()  # the kill came after the new text was written, before the rename

    # the next save works and clears the dead writer's leftover
    review.update(path, lambda d: d)
    assert not tmp.exists()
    assert [p.name for p in path.parent.glob(".reviews.toml.*")] == []
