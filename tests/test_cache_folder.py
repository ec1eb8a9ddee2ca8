"""Where the caches live, and two runs sharing one cache folder."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from crosscheck.defaults import CACHE_ENV, cache_dir

ROOT = Path(__file__).resolve().parent.parent


def test_cache_folder_is_the_users_unless_the_variable_says_otherwise(monkeypatch, tmp_path):
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "crosscheck"
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "elsewhere"))
    assert cache_dir() == tmp_path / "elsewhere"
    monkeypatch.setenv(CACHE_ENV, "~/cc")
    assert cache_dir() == Path.home() / "cc"


def test_checker_and_params_read_the_variable_at_run_time(monkeypatch, tmp_path):
    from crosscheck import Checker
    from crosscheck.pipeline import Params

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "a"))
    assert Checker().params().cache_dir == str(tmp_path / "a")
    assert Params().cache_dir == str(tmp_path / "a")
    assert Checker(cache_dir=tmp_path / "b").params().cache_dir == str(tmp_path / "b")
    assert Checker(cache_dir=False).params().cache_dir is None


_HAMMER = textwrap.dedent("""
    import sys
    import numpy as np
    from pathlib import Path
    from crosscheck.claim_cache import ClaimCache
    from crosscheck.compare_cache import CompareCache
    from crosscheck.embed import EmbeddingCache

    folder, me = Path(sys.argv[1]), sys.argv[2]
    claims, vectors = ClaimCache(folder / "claims.sqlite"), EmbeddingCache(folder / "embeddings.sqlite")
    compared = CompareCache(folder / "compare.sqlite")
    for n in range(150):
        keys = [f"{me}-{n}-{k}" for k in range(20)]
        claims.put_many({k: k.encode() for k in keys}, "v1")
        vectors.put_many({k: np.full(384, n, np.float32) for k in keys})
        compared.put_many({k: k.encode() for k in keys}, "v1")
        assert set(claims.get_many(keys)) == set(keys), ("claims", n)
        assert set(vectors.get_many(keys)) == set(keys), ("vectors", n)
        assert compared.get_many(keys) == {k: k.encode() for k in keys}, ("compared", n)
    print("ok")
""")


def test_two_processes_writing_one_cache_folder_lose_nothing(tmp_path):
    """The three caches written and read back by two processes at once: no entry lost, no error."""
    runs = [subprocess.Popen([sys.executable, "-c", _HAMMER, str(tmp_path), name], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    outs = [r.communicate(timeout=300) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outs
    assert [o[0].strip() for o in outs] == ["ok", "ok"]
    from crosscheck.claim_cache import ClaimCache
    from crosscheck.embed import EmbeddingCache

    every = [f"{me}-{n}-{k}" for me in "ab" for n in range(150) for k in range(20)]
    assert len(ClaimCache(tmp_path / "claims.sqlite").get_many(every)) == 6000
    assert len(EmbeddingCache(tmp_path / "embeddings.sqlite").get_many(every)) == 6000
    from crosscheck.compare_cache import CompareCache

    assert len(CompareCache(tmp_path / "compare.sqlite").get_many(every)) == 6000


_HOLD = textwrap.dedent("""
    import sqlite3, sys, time
    con = sqlite3.connect(sys.argv[1], isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    con.execute(sys.argv[2])
    print("holding", flush=True)
    time.sleep(float(sys.argv[3]))
    con.execute("COMMIT")
""")


@pytest.mark.parametrize("name, insert", [
    ("embeddings.sqlite", "INSERT INTO vectors VALUES ('other-run', x'00000000')"),
    # the claim cache opens its file the same way (cachedb.connect); the sleep is paid once
])
def test_a_run_waits_for_another_runs_long_write_instead_of_dropping_its_entries(tmp_path, name, insert):
    """Another run holds the write lock for 6 s (a large commit on a slow disk): reads go on, writes wait.

    (sqlite's default busy timeout is 5 s: past it the write failed and the entries were silently dropped.)
    """
    import numpy as np

    from crosscheck.claim_cache import ClaimCache
    from crosscheck.embed import EmbeddingCache

    path = tmp_path / name
    cache = EmbeddingCache(path) if name.startswith("emb") else ClaimCache(path)
    entry = (lambda k: np.ones(384, np.float32)) if name.startswith("emb") else (lambda k: b"x")
    put = (lambda items: cache.put_many(items)) if name.startswith("emb") else (lambda items: cache.put_many(items, "v1"))
    put({"before": entry("before")})
    other = subprocess.Popen([sys.executable, "-c", _HOLD, str(path), insert, "6"], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "holding"
        assert set(cache.get_many(["before"])) == {"before"}  # reading is not blocked by the other writer
        put({"mine": entry("mine")})  # waits for the other run's commit
    finally:
        other.wait(timeout=60)
    assert set(cache.get_many(["before", "mine", "other-run"])) == {"before", "mine", "other-run"}


_CHECK_SEEDS = textwrap.dedent("""
    import json, sys
    import crosscheck
    r = crosscheck.Checker().run([sys.argv[1]])
    print(json.dumps({"findings": sorted(f.id for f in r.findings), "parsed": r.parsed, "embedded": r.embedded}))
""")


@pytest.mark.slow
def test_two_runs_at_once_share_the_cache_and_leave_the_working_folder_clean(tmp_path):
    """Two checkers on seeds/ at once with one cache folder, from an unrelated folder.

    Both give the same findings; a third run finds everything cached (parses
    and embeds nothing); no `.cache` appears in the folder they ran in.
    """
    import json

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, CACHE_ENV: str(tmp_path / "shared-cache"), "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-c", _CHECK_SEEDS, str(ROOT / "seeds")]
    runs = [subprocess.Popen(args, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outs = [r.communicate(timeout=900) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outs
    first, second = (json.loads(o[0]) for o in outs)
    assert first["findings"] == second["findings"] and first["findings"]
    third = json.loads(subprocess.run(args, cwd=work, env=env, capture_output=True, text=True, check=True).stdout)
    assert (third["findings"], third["parsed"], third["embedded"]) == (first["findings"], 0, 0)
    assert list(work.iterdir()) == []
