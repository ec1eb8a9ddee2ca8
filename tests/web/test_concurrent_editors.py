"""Two editors at once: five `crosscheck review set` processes and two saves from the page, none lost."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from crosscheck import review
from crosscheck.report import findings_json
from crosscheck.web import server
from tests.web import corpus
from tests.web.conftest import checked_board

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = int(os.environ.get("WEB_ROUNDS", "20"))


@pytest.mark.slow
def test_five_review_set_processes_and_two_page_saves_lose_nothing(tmp_path, monkeypatch, fake_embedder, number_rule):
    board = checked_board(corpus.many_findings(tmp_path / "news", 8))
    ids = sorted(f.id for f in board.result.findings if f.kind.value == "discrepancy")[:7]
    assert len(ids) == 7
    findings_file = tmp_path / "findings.json"
    findings_file.write_text(findings_json.render(board.result), encoding="utf-8")
    # widen the window between reading the file and replacing it, in the processes and in the server
    monkeypatch.setenv(review.SLOW_SAVE_ENV, "0.15")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    running = server.start(board)
    lost = []
    try:
        for n in range(ROUNDS):
            board.decisions_path.unlink(missing_ok=True)
            procs = [subprocess.Popen(
                [sys.executable, "-m", "crosscheck", "review", "set", fid, "--status", "dismissed", "--note", f"cli {n}",
                 "--findings", str(findings_file), "--reviews", str(board.decisions_path)],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for fid in ids[:5]]
            codes = []

            def page_save(fid: str) -> None:
                with httpx.Client(base_url=running.base, timeout=60) as c:
                    codes.append(c.post(f"/api/findings/{fid}/decision", json={"status": "deferred"},
                                        headers={"X-Crosscheck-Token": running.token}).status_code)

            threads = [threading.Thread(target=page_save, args=(fid,)) for fid in ids[5:]]
            for t in threads:
                t.start()
            errors = [p.communicate(timeout=120)[1] for p in procs]
            for t in threads:
                t.join(timeout=120)
            assert [p.returncode for p in procs] == [0] * 5, errors
            assert codes == [200, 200]
            saved = review.load(board.decisions_path).decisions
            if set(saved) != set(ids):
                lost.append((n, sorted(set(ids) - set(saved))))
    finally:
        running.stop()
    assert not lost, f"decisions lost in {len(lost)} of {ROUNDS} rounds: {lost[:3]}"
