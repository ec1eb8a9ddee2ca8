"""The command line on bad input: one line per problem, documented exit codes, never a traceback.

These runs stop before the embedding model is needed (no readable article,
usage errors, failures injected into a stage); whole runs are in
test_hostile_run.py.
"""
import json
import os

import pytest

import hostile_corpus as hc
from crosscheck import pipeline
from crosscheck.cli import EXIT_INTERNAL, EXIT_USAGE, main


def run_cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err.splitlines()


@pytest.fixture
def bad_only(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (folder / "german.txt").write_text(hc.GERMAN)
    return folder


def test_no_readable_article_is_exit_2_with_one_line_per_file(capsys, bad_only, tmp_path):
    code, out, err = run_cli(capsys, "run", bad_only, tmp_path / "gone.txt", "--out", tmp_path / "out")
    assert code == EXIT_USAGE
    assert err == [
        f"crosscheck: warning: {tmp_path}/gone.txt: no such file or folder; skipped",
        f"crosscheck: warning: {bad_only}/empty.txt: empty file; skipped",
        f"crosscheck: warning: {bad_only}/german.txt: not English (2% of words are common English words); skipped",
        f"crosscheck: warning: {bad_only}/picture.txt: binary file (a PNG image), not text; skipped",
        f"crosscheck: error: no readable articles in {bad_only}, {tmp_path}/gone.txt",
    ]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args, message", [
    (["run"], "crosscheck: error: Missing argument 'PATHS'."),
    (["run", "x.txt", "--max-chars", "0"], "crosscheck: error: Invalid value for '--max-chars'"),
    (["run", "x.txt", "--max-claims", "-5"], "crosscheck: error: Invalid value for '--max-claims'"),
    (["run", "x.txt", "--max-bytes", "lots"], "crosscheck: error: Invalid value for '--max-bytes'"),
    (["run", "x.txt", "--no-such-option"], "crosscheck: error: No such option: --no-such-option"),
])
def test_usage_errors_are_exit_2_in_one_line(capsys, args, message):
    code, _, err = run_cli(capsys, *args)
    assert code == EXIT_USAGE and len(err) == 1 and err[0].startswith(message)


def test_a_file_named_like_an_option_is_read_after_double_dash(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-rf.txt").write_text(hc.STORM)
    code, out, err = run_cli(capsys, "claims", "--json", "--", "-rf.txt")
    assert code == 0 and err == []
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and rows[0]["text"].startswith("A powerful storm flooded the coastal town of Port Avery")
    for row in rows:
        assert hc.STORM[row["start"]:row["end"]] == row["text"]


def test_claims_on_a_bad_file_is_exit_2_naming_the_problem(capsys, tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"\x00" * 500)
    code, _, err = run_cli(capsys, "claims", tmp_path / "blob.txt")
    assert code == EXIT_USAGE
    assert err == [f"crosscheck: error: {tmp_path}/blob.txt: binary file (NUL bytes), not text; skipped"]


def test_terminal_output_carries_no_control_sequences(capsys, tmp_path):
    name = "x\x1b[2J\x1b[31m.txt"
    (tmp_path / name).write_text("The \x1b[31mmayor\x1b[0m said on Friday that 12 roads were closed by the flood.\n")
    code, out, err = run_cli(capsys, "claims", tmp_path / name)
    assert code == 0 and err == []
    assert "\x1b" not in out
    assert out.startswith(f"{tmp_path}/x[2J[31m.txt:1 [0:73] The [31mmayor[0m said on Friday that 12 roads were closed")
    code, out, _ = run_cli(capsys, "claims", "--json", tmp_path / name)
    assert "\x1b" not in out and json.loads(out)["text"].startswith("The \x1b[31mmayor")


def _break(monkeypatch, target, error):
    def broken(*args, **kwargs):
        raise error
    monkeypatch.setattr(target, broken)


def test_an_unexpected_error_is_one_line_naming_the_stage_exit_70(capsys, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(hc.STORM)
    monkeypatch.delenv("CROSSCHECK_DEBUG", raising=False)
    _break(monkeypatch, "crosscheck.pipeline.ingest", KeyError("surprise\nsecond line"))
    code, _, err = run_cli(capsys, "run", tmp_path, "--out", tmp_path / "out")
    assert code == EXIT_INTERNAL == 70
    assert err == ["crosscheck: internal error in the ingest stage: KeyError: 'surprise\\nsecond line' "
                   "(a bug in crosscheck; set CROSSCHECK_DEBUG=1 for the traceback)"]


def test_an_error_in_a_later_stage_names_that_stage(capsys, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(hc.STORM)
    monkeypatch.delenv("CROSSCHECK_DEBUG", raising=False)
    _break(monkeypatch, "crosscheck.pipeline.Embedder.transform", RuntimeError("no vectors"))
    code, _, err = run_cli(capsys, "run", tmp_path, "--out", tmp_path / "out", "--no-cache")
    assert code == EXIT_INTERNAL
    assert err == ["crosscheck: internal error in the embed stage: RuntimeError: no vectors "
                   "(a bug in crosscheck; set CROSSCHECK_DEBUG=1 for the traceback)"]


def test_out_of_memory_says_which_limits_to_lower(capsys, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(hc.STORM)
    monkeypatch.delenv("CROSSCHECK_DEBUG", raising=False)
    _break(monkeypatch, "crosscheck.pipeline.ingest", MemoryError())
    code, _, err = run_cli(capsys, "run", tmp_path)
    assert code == EXIT_INTERNAL
    assert err == ["crosscheck: error: out of memory in the ingest stage; lower --max-bytes, --max-chars or "
                   "--max-claims (set CROSSCHECK_DEBUG=1 for the traceback)"]


def test_debug_env_gives_the_traceback(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(hc.STORM)
    monkeypatch.setenv("CROSSCHECK_DEBUG", "1")
    _break(monkeypatch, "crosscheck.pipeline.ingest", KeyError("surprise"))
    with pytest.raises(pipeline.StageError) as err:
        main(["run", str(tmp_path)])
    assert isinstance(err.value.__cause__, KeyError)


def test_one_article_failing_in_the_claims_stage_is_skipped_not_fatal(tmp_path, monkeypatch):
    from crosscheck import claims as claims_stage

    (tmp_path / "a.txt").write_text(hc.STORM)
    (tmp_path / "b.txt").write_text(hc.LATIN1)
    real = claims_stage.claims_from_doc

    def flaky(article, offset, doc):
        if article.source_id == "b.txt":
            raise IndexError("odd sentence")
        return real(article, offset, doc)

    monkeypatch.setattr(claims_stage, "claims_from_doc", flaky)
    monkeypatch.delenv("CROSSCHECK_DEBUG", raising=False)
    from crosscheck.ingest import ingest

    articles = ingest([tmp_path]).articles
    claims, kept, warnings = pipeline.extract_claims_per_article(articles)
    assert [a.source_id for a in kept] == ["a.txt"] and {c.source_id for c in claims} == {"a.txt"}
    assert [str(w) for w in warnings] == [
        f"{tmp_path}/b.txt: claims could not be extracted (IndexError: odd sentence); skipped"]


def test_the_console_entry_point_exits_with_the_code_and_no_traceback(bad_only, tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "crosscheck", "run", str(bad_only), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == EXIT_USAGE
    assert proc.stderr.splitlines()[-1] == f"crosscheck: error: no readable articles in {bad_only}"
    assert "Traceback" not in proc.stderr and len(proc.stderr.splitlines()) == 4
