"""The Dask engine (crosscheck/engines/dask.py): same findings as the local engine, a lost worker included."""
from __future__ import annotations

import datetime as dt
import gc
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from crosscheck.cli import main
from crosscheck.engines.dask import partition_key, partitions
from crosscheck.model import Article, Claim, Facts
from crosscheck.pipeline import ParameterError, Params

BASIL = Path("/work/shared/corpora/basil")
# six events from four years: several publication-week partitions, and events that bridge years
EVENTS = ("2010-2b95d2cf", "2012-08bb9bee", "2014-22b6e900", "2016-1b96a5db", "2016-79bf99c6", "2018-01c59743")


def article(sid: str, date: dt.date | None) -> Article:
    return Article(path=sid, source_id=sid, text="Some text.", date=date)


def test_partitions_are_publication_weeks_and_undated_articles_have_their_own():
    found = partitions([article("a", dt.date(2016, 11, 28)), article("b", dt.date(2016, 12, 4)),
                        article("c", dt.date(2016, 12, 5)), article("d", None), article("e", None)])
    assert {k: [a.source_id for a in v] for k, v in found.items()} == {
        "week-2016-48": ["a", "b"], "week-2016-49": ["c"], "undated": ["d", "e"]}
    assert partition_key(article("x", dt.date(2021, 1, 2))) == "week-2020-53"  # ISO weeks cross the new year


def test_the_client_ingests_metadata_and_a_task_reads_the_same_article_again(tmp_path, monkeypatch):
    from crosscheck.ingest import ingest, with_text

    for name, body in (("a.md", "The council approved the plan on Monday."), ("b.md", "Five people were hurt."),
                       ("c.md", "The council approved the plan on Monday.")):  # c: a copy of a, dropped
        (tmp_path / name).write_text(f"---\ntitle: {name}\ndate: 2020-01-02\n---\n{body}\n")
    monkeypatch.chdir(tmp_path)
    whole, meta = ingest(["."]), ingest(["."], keep_text=False)
    assert [a.source_id for a in meta.articles] == [a.source_id for a in whole.articles] == ["a.md", "b.md"]
    assert {a.text for a in meta.articles} == {""} and {a.title for a in meta.articles} == {None}
    assert meta.warnings == whole.warnings
    assert [with_text(a, meta.digests[a.source_id], str(tmp_path), 10_000)[0] for a in meta.articles] == whole.articles
    (tmp_path / "b.md").write_text("Changed since.\n")
    article, warnings = with_text(meta.articles[1], meta.digests["b.md"], str(tmp_path), 10_000)
    assert article is None and warnings[0].skipped and "changed" in warnings[0].message


def test_links_as_arrays_read_as_the_local_dict():
    from crosscheck.engines.dask import Links

    local = {(0, 9): 0.65, (1, 2): 0.7, (1, 5): 0.61, (3, 4): 0.9}
    links = Links({pair: local[pair] for pair in reversed(local)})
    assert list(links.items()) == list(local.items()) and len(links) == 4
    assert (1, 5) in links and (1, 3) not in links and (5, 1) not in links and (8, 8) not in links
    assert links[(3, 4)] == 0.9 and links.get((2, 1)) is None


@pytest.mark.parametrize("given, message", [
    ({"engine": "spark"}, "engine must be one of local, dask"),
    ({"workers": 2}, "need engine='dask'"),
    ({"engine": "dask", "workers": 0}, "workers must be a whole number of at least 1"),
    ({"engine": "dask", "workers": 2, "scheduler": "tcp://x:8786"}, "not both"),
])
def test_engine_parameters_are_checked(given, message):
    with pytest.raises(ParameterError, match=message):
        Params(cache_dir=None, **given).validate()


def test_cli_bad_engine_is_one_line(capsys, tmp_path):
    (tmp_path / "a.txt").write_text("The council approved the plan on Monday.\n")
    assert main(["run", str(tmp_path), "--engine", "spark", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["crosscheck: error: engine must be one of local, dask (got 'spark')"]


def square(x: int) -> int:
    time.sleep(0.01 * (x % 3))  # results arrive out of order
    return x * x


def test_claims_tasks_are_submitted_a_few_at_a_time_and_forgotten_when_their_result_arrives():
    from distributed import Client, LocalCluster

    from crosscheck.engines.dask import _windowed

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        submitted, received, most = [], [], []
        submit = client.submit

        def counting_submit(*args, **kwargs):
            submitted.append(kwargs["key"])
            most.append(len(submitted) - len(received))
            return submit(*args, **kwargs)

        client.submit = counting_submit
        results = _windowed(client, square, [(f"sq-{x}", (x,)) for x in range(30)],
                            lambda stage, done, total: received.append((stage, done, total)), "claims", per_thread=2)
        assert results == [x * x for x in range(30)]  # in the order of the calls
        assert received == [("claims", n, 30) for n in range(1, 31)]
        assert len(submitted) == 30 and max(most) == 4  # two per worker thread in flight, never more
        deadline = time.monotonic() + 10
        while cluster.scheduler.tasks and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not cluster.scheduler.tasks  # each task forgotten once its result arrived


# ---------------------------------------------------------------- same answer (slow: models, a cluster)

@pytest.fixture(scope="module")
def subset(tmp_path_factory) -> Path:
    if not BASIL.is_dir():
        pytest.skip("BASIL corpus not present")
    root = tmp_path_factory.mktemp("basil6") / "basil"
    for event in EVENTS:
        shutil.copytree(BASIL / event, root / event)
    return root


def cli(*args: str) -> dict:
    """Run the command line in a fresh process (as a user would) and return its findings.json."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-m", "crosscheck", "run", *args], capture_output=True, text=True, env=env,
                          cwd=Path(__file__).resolve().parents[1], timeout=1800)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "distributed" not in done.stderr  # no cluster log noise
    out = Path(args[args.index("--out") + 1])
    return json.loads((out / "findings.json").read_text())


@pytest.fixture(scope="module")
def local_findings(subset, tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("local")
    return cli(str(subset), "--cache-dir", str(tmp / "cache"), "--out", str(tmp / "out"))


@pytest.mark.slow
def test_dask_engine_on_two_workers_writes_the_local_findings(subset, local_findings, tmp_path):
    # each engine starts from its own empty cache: every claim is parsed and embedded on a worker
    found = cli(str(subset), "--engine", "dask", "--workers", "2", "--cache-dir", str(tmp_path / "cache"),
                "--work-dir", str(tmp_path / "work"), "--out", str(tmp_path / "out"))
    assert len(local_findings["findings"]) > 20
    assert [f["id"] for f in found["findings"]] == [f["id"] for f in local_findings["findings"]]
    assert found["findings"] == local_findings["findings"]  # values, claims, offsets, explanations
    assert found["summary"] == local_findings["summary"]
    weeks = {dt.date.fromisoformat(a["date"]).isocalendar()[:2] if a["date"] else None for a in found["sources"]}
    assert len(list((tmp_path / "work" / "claims").glob("*.parquet"))) == len(weeks) >= 6  # one task per week
    assert found["params"]["embed"]["engine"] == "dask"
    assert {p.name for p in (tmp_path / "work" / "result").glob("*.parquet")} >= {"findings.parquet", "claims.parquet"}


def claims_alive() -> list[Claim]:
    return [o for o in gc.get_objects() if isinstance(o, Claim)]


@pytest.mark.slow
def test_a_worker_killed_mid_run_changes_nothing(subset, local_findings, tmp_path, monkeypatch):
    from distributed import Client, LocalCluster

    from crosscheck import Checker
    from crosscheck.engines import dask as engine
    from crosscheck.report import findings_json

    monkeypatch.setattr(engine, "PART_CLAIMS", 100)  # comparison in several parts: pairs cross them
    monkeypatch.setattr(engine, "ROW_GROUP", 2)  # the claims the client reads: two articles at a time,
    monkeypatch.setattr(engine.StoredClaims, "KEEP", 1)  # and keeps
    monkeypatch.setattr(engine, "RECORDS", 8)  # findings and not-compared pairs: eight at a time
    before = {id(c) for c in claims_alive()}

    work = tmp_path / "work"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        pids = list(client.run(os.getpid).values())
        killed: dict = {}

        def kill_when_one_partition_is_written() -> None:
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline and not list((work / "claims").glob("*.parquet")):
                time.sleep(0.05)
            killed["written_before"] = len(list((work / "claims").glob("*.parquet")))
            os.kill(pids[0], signal.SIGKILL)

        killer = threading.Thread(target=kill_when_one_partition_is_written)
        killer.start()
        result = Checker(engine="dask", scheduler=cluster.scheduler_address, work_dir=work,
                         cache_dir=tmp_path / "cache").run([subset])
        killer.join()
        survivors = list(client.run(os.getpid).values())
    partitions_written = len(list((work / "claims").glob("*.parquet")))
    assert 1 <= killed["written_before"] < partitions_written  # killed in the middle of the run
    assert pids[0] not in survivors  # the worker is gone (the nanny started a new process)
    found = json.loads(findings_json.render(result))
    assert found["findings"] == local_findings["findings"]
    assert found["summary"] == local_findings["summary"]
    assert result.params["embed"]["parts"] >= 3

    # the client holds no corpus-sized list: articles, claims, findings and not-compared pairs are read back
    # from the work folder a row group at a time (writing the frames there walked every claim)
    assert result.claims.loaded >= len(result.claims) == local_findings["summary"]["claims"]
    assert all(isinstance(x, engine._RowGroups) for x in (result.articles, result.findings, result.skipped))
    assert len(result.findings.firsts) > 4  # several row groups of 8 findings
    gc.collect()
    held = [c for c in claims_alive() if id(c) not in before]
    assert len(held) < len(result.claims) / 4
    # a finding's claims carry no facts (what the reports read of them is their article and offsets)
    assert {e.claim.facts for f in (*result.findings, *result.hidden) for e in f.evidence} == {Facts()}
    import pandas as pd

    for name in ("findings", "evidence", "claims"):  # written a row group at a time: the same frames
        read = pd.read_parquet(work / "result" / f"{name}.parquet")
        if name == "findings":  # list columns come back as arrays
            read = read.assign(sources=read["sources"].map(list), claims=read["claims"].map(list))
        assert read.equals(getattr(result, f"{name}_frame")())
    assert result.claims_frame()["text"].tolist() == [c.text for c in result.claims]
    assert result.vectors.shape == (len(result.claims), 384)  # mapped from the work folder, for explain
    (i, j), sim = next(iter(result.links.items()))
    assert abs(float(result.vectors[i] @ result.vectors[j]) - sim) < 1e-5


def test_an_unreachable_scheduler_is_one_line(capsys, tmp_path):
    import dask

    (tmp_path / "a.txt").write_text("The council approved the plan on Monday.\n")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code = main(["run", str(tmp_path), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--no-cache",
                     "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and err[0].startswith("crosscheck: error: cannot use the Dask scheduler at tcp://127.0.0.1:9")
