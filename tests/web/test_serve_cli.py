"""`crosscheck serve seeds` as an editor starts it, in a temporary newsroom folder (real model, real server)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from crosscheck import review

ROOT = Path(__file__).resolve().parents[2]


def crosscheck(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "crosscheck", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


def start_serve(*args: str, cwd: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "crosscheck", "serve", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            raise AssertionError(f"serve exited {proc.returncode}: {proc.stderr.read()}")
        found = re.search(r"(http://\S+/\?token=\S+)", line)
        if found:
            return proc, found.group(1)
    proc.kill()
    raise AssertionError("serve printed no URL")


@pytest.fixture
def newsroom(tmp_path) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds", ignore=shutil.ignore_patterns("reviews.toml"))
    return tmp_path


@pytest.mark.slow
def test_serve_seeds_lists_every_discrepancy_and_saves_what_check_honours(newsroom):
    assert crosscheck("review", "baseline", "seeds", cwd=newsroom).returncode == 0  # the seeds have no front matter
    ran = crosscheck("run", "seeds", "--out", "out", "--html", cwd=newsroom)
    assert ran.returncode == 0, ran.stderr
    expected = {f["id"] for f in json.loads((newsroom / "out/findings.json").read_text())["findings"]
                if f["kind"] == "discrepancy"}
    proc, url = start_serve("seeds", "--port", "0", cwd=newsroom)
    try:
        base, token = url.split("/?token=")
        assert base.startswith("http://127.0.0.1:")
        listed = httpx.get(f"{base}/api/findings").json()["findings"]
        assert {f["id"] for f in listed if f["kind"] == "discrepancy"} == expected
        fid = sorted(expected)[0]
        refused = httpx.post(f"{base}/api/findings/{fid}/decision", json={"status": "dismissed"})
        assert refused.status_code == 403
        assert review.load(newsroom / "seeds/reviews.toml").decisions == {}
        saved = httpx.post(f"{base}/api/findings/{fid}/decision", json={"status": "dismissed", "note": "web"},
                           headers={"X-Crosscheck-Token": token})
        assert saved.status_code == 200, saved.text
        assert review.load(newsroom / "seeds/reviews.toml").get(fid).note == "web"
        gate = crosscheck("check", "seeds", cwd=newsroom)
        assert gate.returncode == 1 and fid not in gate.stdout
        assert all(other in gate.stdout for other in expected - {fid})
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    html = (newsroom / "out/report.html").read_text()
    assert all(f'id="f-{fid}"' in html for fid in expected) and "<script" not in html


def test_serve_warns_when_it_listens_beyond_this_machine_and_refuses_a_taken_port(newsroom, monkeypatch):
    """Runs the command in-process up to listening (the checker and uvicorn replaced)."""
    import socket

    from typer.testing import CliRunner

    from crosscheck.cli import app
    from crosscheck.web import server

    calls = []
    monkeypatch.chdir(newsroom)
    monkeypatch.setattr("crosscheck.cli.serve.execute", lambda *a, **k: _tiny_result())
    monkeypatch.setattr(server, "serve", lambda board, host, port, echo: calls.append((host, port, str(board.decisions_path))))
    out = CliRunner().invoke(app, ["serve", "seeds", "--host", "0.0.0.0", "--port", "0"])
    assert out.exit_code == 0 and calls == [("0.0.0.0", 0, "seeds/reviews.toml")]
    assert "warning: --host 0.0.0.0: the review page is reachable from other machines" in out.output
    out = CliRunner().invoke(app, ["serve", "seeds", "--port", "0", "--decisions", "elsewhere.toml"])
    assert "warning" not in out.output and out.exit_code == 0 and calls[-1][2] == "elsewhere.toml"
    Path("broken.toml").write_text("version = 1\n[findings.zz\n")
    out = CliRunner().invoke(app, ["serve", "seeds", "--decisions", "broken.toml"])
    assert out.exit_code == 5 and "broken.toml:2" in out.output and len(calls) == 2

    monkeypatch.undo()
    monkeypatch.chdir(newsroom)
    monkeypatch.setattr("crosscheck.cli.serve.execute", lambda *a, **k: _tiny_result())
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        out = CliRunner().invoke(app, ["serve", "seeds", "--port", str(taken.getsockname()[1])])
    finally:
        taken.close()
    assert out.exit_code == 2 and "cannot listen on 127.0.0.1:" in out.output and "Traceback" not in out.output


def _tiny_result():
    from tests.synthetic import adversarial_result

    return adversarial_result(["12 people died"])
