"""The GitHub composite action (action.yml), tested offline: its YAML, its inputs and outputs, and
its shell steps run in a temporary newsroom repository with a new conflicting article."""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT, SARIF_SCHEMA, SEEDS
from newsroom_repo import WIRE, git

ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
STEPS = ACTION["runs"]["steps"]
CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def step(step_id: str) -> dict:
    return next(s for s in STEPS if s.get("id") == step_id)


def named(word: str) -> dict:
    return next(s for s in STEPS if word in s.get("name", ""))


def test_inputs_outputs_and_references():
    assert ACTION["runs"]["using"] == "composite"
    for name, spec in ACTION["inputs"].items():
        assert spec["description"] and "default" in spec, name
    assert ACTION["inputs"]["torch-index-url"]["default"] == CPU_INDEX
    assert ACTION["inputs"]["fail-on"]["default"] == "medium"
    ids = {s["id"] for s in STEPS if "id" in s}
    text = (ROOT / "action.yml").read_text()
    assert set(re.findall(r"\binputs\.([\w-]+)", text)) <= set(ACTION["inputs"])
    assert set(re.findall(r"\bsteps\.([\w-]+)\.outputs", text)) <= ids
    for name, spec in ACTION["outputs"].items():
        m = re.fullmatch(r"\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}", spec["value"])
        assert m and m.group(1) in ids, name
        assert f"{m.group(2)}=" in step(m.group(1))["run"] or f"{m.group(2)}<<" in step(m.group(1))["run"], name
    for s in STEPS:  # third-party actions pinned to a major version; shell steps are bash that parses
        if "uses" in s:
            assert re.fullmatch(r"[\w-]+/[\w/-]+@v\d+", s["uses"]), s["uses"]
        else:
            assert s["shell"] == "bash"
            subprocess.run(["bash", "-n"], input=s["run"], text=True, check=True)


def test_torch_comes_from_the_cpu_index_and_pip_is_cached_on_the_actions_own_file():
    install = named("Install")["run"]
    torch_line = next(line for line in install.splitlines() if "--index-url" in line)
    assert '--index-url "$TORCH_INDEX_URL" -r "$GITHUB_ACTION_PATH/requirements/action.txt"' in torch_line
    pins = [line for line in (ROOT / "requirements" / "action.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")]
    assert pins == ["torch==2.13.0"]  # only torch comes from the CPU index
    assert "requirements/action.txt" in step("pip-cache")["run"]
    cache = named("Restore the pip cache")
    assert cache["uses"].startswith("actions/cache@") and "steps.pip-cache.outputs.key" in cache["with"]["key"]
    assert not any(s.get("with", {}).get("cache") for s in STEPS if "setup-python" in s.get("uses", ""))


def test_sarif_is_uploaded_even_when_the_check_fails():
    upload = named("SARIF")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["if"].startswith("always()") and "steps.check.outputs.sarif-file" in upload["with"]["sarif_file"]


def test_the_documented_workflow_uses_the_action():
    doc = (ROOT / "docs" / "ci.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", doc, re.S)
    workflow = yaml.safe_load(blocks[0])
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["check"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    used = next(s for s in steps if "crosscheck" in s.get("uses", ""))
    assert set(used.get("with", {})) <= set(ACTION["inputs"])


# ---------------------------------------------------------------- the shell steps, in a newsroom

@pytest.fixture
def newsroom_repo(tmp_path) -> Path:
    """A newsroom's repository: articles/ holds the seeds and their decisions, one commit."""
    repo = tmp_path / "newsroom"
    shutil.copytree(SEEDS, repo / "articles")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.name=ed", "-c", "user.email=ed@example.org", "add", ".")
    git(repo, "-c", "user.name=ed", "-c", "user.email=ed@example.org", "commit", "-qm", "articles")
    return repo


def run_step(step_id: str, repo: Path, tmp: Path, event: dict, **inputs) -> tuple[subprocess.CompletedProcess, dict]:
    """Run one `run:` step as the runner would: its env (inputs filled in), GITHUB_* files, cwd = the workspace."""
    s = step(step_id)
    output = tmp / f"output-{step_id}"
    output.write_text("")
    (tmp / "event.json").write_text(json.dumps(event))
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(tmp), "PYTHONPATH": str(ROOT),
           "GITHUB_ACTIONS": "true", "GITHUB_ACTION_PATH": str(ROOT), "GITHUB_OUTPUT": str(output),
           "GITHUB_EVENT_PATH": str(tmp / "event.json"), "RUNNER_TEMP": str(tmp)}
    defaults = {name: str(spec["default"]) for name, spec in ACTION["inputs"].items()} | inputs
    for key, value in s.get("env", {}).items():
        env[key] = re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: defaults[m.group(1)], str(value))
    done = subprocess.run(["bash", "-c", s["run"]], cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    return done, _outputs(output.read_text())


def _outputs(text: str) -> dict:
    out, lines = {}, iter(text.splitlines())
    for line in lines:
        if "<<" in line and "=" not in line.split("<<")[0]:
            key, end = line.split("<<")
            out[key] = "\n".join(iter(lambda: next(lines), end))
        elif "=" in line:
            key, value = line.split("=", 1)
            out[key] = value
    return out


def test_pip_cache_key_step_runs_offline(newsroom_repo, tmp_path):
    done, out = run_step("pip-cache", newsroom_repo, tmp_path, {})
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"[0-9a-f]{16}", out["key"]) and out["dir"]


def test_no_changed_article_means_no_check(newsroom_repo, tmp_path):
    head = git(newsroom_repo, "rev-parse", "HEAD").strip()
    (newsroom_repo / "README.txt.bak").write_text("not an article")
    done, out = run_step("changed", newsroom_repo, tmp_path, {"before": head})
    assert done.returncode == 0, done.stderr
    assert out["count"] == "0" and out["files"] == ""
    assert ACTION["runs"]["steps"][STEPS.index(step("check"))]["if"] == "steps.changed.outputs.count != '0'"


@pytest.mark.slow
def test_a_new_conflicting_article_fails_with_annotations_at_the_outliers(newsroom_repo, tmp_path):
    repo = newsroom_repo
    base = git(repo, "rev-parse", "HEAD").strip()
    (repo / "articles" / "gantz-ankara-wire.md").write_text(WIRE)
    git(repo, "add", ".")
    git(repo, "-c", "user.name=ed", "-c", "user.email=ed@example.org", "commit", "-qm", "wire report")
    event = {"pull_request": {"base": {"sha": base}}}

    done, changed = run_step("changed", repo, tmp_path, event, path="articles")
    assert done.returncode == 0, done.stderr
    assert changed == {"count": "1", "files": "articles/gantz-ankara-wire.md"}

    done, out = run_step("check", repo, tmp_path, event, path="articles")
    assert done.returncode == 1, done.stderr
    assert out["exit-code"] == "1" and int(out["open"]) >= 2 and out["sarif-file"] == "crosscheck.sarif"
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    at = {re.search(r"title=(\w+)", a).group(1): re.match(r"::error file=([^,]+),line=(\d+),", a).groups()
          for a in annotations}
    # twelve against nine and nine-plus-one: three sides, one source each; the new article brought it
    assert at["CNT001"] == ("articles/gantz-ankara-wire.md", "10")
    # 'a decade' now has three sources (000, 002 and the wire), 'over a decade' one: 001 is the outlier
    assert at["QTY002"] == ("articles/001_746c09757db0ec1c.txt", "1")
    sarif = json.loads((repo / "crosscheck.sarif").read_text())
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text()))
    primary = {r["ruleId"]: r["locations"][0]["physicalLocation"] for r in sarif["runs"][0]["results"]}
    assert (primary["QTY002"]["artifactLocation"]["uri"], primary["QTY002"]["region"]["startLine"]) == (
        "articles/001_746c09757db0ec1c.txt", 1)
    # the editors decide; the same steps then pass
    for fid in re.findall(r"finding ([0-9a-f]{12})\]", done.stdout):
        subprocess.run([sys.executable, "-m", "crosscheck", "review", "set", fid, "--status", "dismissed",
                        "--note", "checked by the desk", "articles"], cwd=repo, check=True, capture_output=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    done, out = run_step("check", repo, tmp_path, event, path="articles")
    assert done.returncode == 0, done.stdout + done.stderr
    assert out["exit-code"] == "0" and out["open"] == "0"
