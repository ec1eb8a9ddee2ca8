"""The pre-commit hook, tried as a newsroom would: `pre-commit try-repo <clone> crosscheck --files
new.md` in a git repository holding only articles fails on a new conflicting article and passes once
an editor has recorded a decision. The hook is `language: system`, so it runs offline."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SEEDS
from crosscheck import precommit
from newsroom_repo import WIRE, git

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())


def test_the_hook_is_declared_for_staged_articles():
    (hook,) = HOOKS
    assert hook["id"] == "crosscheck" and hook["language"] == "system"
    assert re.search(hook["files"], "articles/new.md") and re.search(hook["files"], "a/b.txt")
    assert not re.search(hook["files"], "style.css")
    assert re.search(hook["exclude"], "requirements.txt") and not re.search(hook["exclude"], "articles/x.md")
    scripts = (ROOT / "pyproject.toml").read_text()
    assert f'{hook["entry"]} = "crosscheck.precommit:entry"' in scripts


def test_files_become_their_folders_and_options_go_to_check():
    assert precommit.split(["--fail-on", "high", "a/x.md", "a/y.md", "b.txt"]) == (
        ["--fail-on", "high"], ["a/x.md", "a/y.md", "b.txt"])
    assert precommit.folders(["a/x.md", "a/y.md", "b.txt", "./a/z.md"]) == ["a", "."]
    assert precommit.main([]) == 0


@pytest.fixture
def hook_env(tmp_path) -> dict:
    """PATH holding `crosscheck-pre-commit` as pip installs it (a console script), for this checkout."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "crosscheck-pre-commit"
    script.write_text(f"#!{sys.executable}\nfrom crosscheck.precommit import entry\nentry()\n")
    script.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}:{Path(sys.executable).parent}:{os.environ.get('PATH', '/usr/bin:/bin')}",
            "PYTHONPATH": str(ROOT), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
            "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "GIT_AUTHOR_NAME": "ed", "GIT_AUTHOR_EMAIL": "e@x",
            "GIT_COMMITTER_NAME": "ed", "GIT_COMMITTER_EMAIL": "e@x"}


@pytest.fixture
def clone(tmp_path, hook_env) -> Path:
    """A local clone of crosscheck, holding this checkout's hook file."""
    path = tmp_path / "crosscheck-clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(path)], check=True, env=hook_env)
    shutil.copy(ROOT / ".pre-commit-hooks.yaml", path / ".pre-commit-hooks.yaml")
    git(path, "add", ".pre-commit-hooks.yaml")
    subprocess.run(["git", "-C", str(path), "commit", "-qm", "hook", "--allow-empty"], check=True, env=hook_env)
    return path


@pytest.mark.slow
def test_try_repo_blocks_a_new_conflict_until_it_is_dismissed(tmp_path, clone, hook_env):
    newsroom = tmp_path / "newsroom"
    shutil.copytree(SEEDS, newsroom)  # only articles (and the editors' decisions)
    subprocess.run(["git", "init", "-q", "-b", "main", str(newsroom)], check=True, env=hook_env)
    git(newsroom, "add", ".")
    subprocess.run(["git", "-C", str(newsroom), "commit", "-qm", "articles"], check=True, env=hook_env)
    (newsroom / "new.md").write_text(WIRE)
    git(newsroom, "add", "new.md")

    def try_repo():
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(clone), "crosscheck",
                               "--files", "new.md"], cwd=newsroom, env=hook_env, capture_output=True, text=True,
                              timeout=600)

    blocked = try_repo()
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "Failed" in blocked.stdout and "- exit code: 1" in blocked.stdout
    assert "new.md:10: CNT001" in blocked.stdout
    ids = re.findall(r"finding ([0-9a-f]{12})\]", blocked.stdout)
    assert ids
    for fid in ids:
        subprocess.run([sys.executable, "-m", "crosscheck", "review", "set", fid, "--status", "dismissed", "--note",
                        "checked with the desk", "."], cwd=newsroom, env=hook_env, check=True, capture_output=True)
    passed = try_repo()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
