"""The README's notebook line works from any folder once the project is installed."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_installed_package_checks_seeds_from_an_unrelated_folder(tmp_path):
    """pip-installed (a copy of the project, so the checkout gains no build files), run where no crosscheck is:

    the findings frame comes back, the cache goes to the user's cache folder
    (XDG_CACHE_HOME here), and nothing but the articles is in the folder it ran in.
    """
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", ".cache", "reports", "eval",
                                                                "tests", "benchmarks", "__pycache__", "*.egg-info"))
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", str(site), str(source)], check=True, capture_output=True)
    work = tmp_path / "newsroom"
    shutil.copytree(ROOT / "seeds", work / "seeds", ignore=shutil.ignore_patterns("reviews.toml"))
    env = {k: v for k, v in os.environ.items() if k not in ("CROSSCHECK_CACHE_DIR", "PYTHONPATH")}
    env.update(PYTHONPATH=str(site), XDG_CACHE_HOME=str(tmp_path / "xdg"), HF_HUB_OFFLINE="1")
    code = ("import crosscheck; r = crosscheck.Checker().run(['seeds']); print(r.findings_frame().shape); "
            "print(crosscheck.__file__); print(len(r.findings))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=work, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    shape, where, count = proc.stdout.splitlines()[-3:]
    assert Path(where).is_relative_to(site)
    assert shape == f"({count}, 9)" and int(count) > 0
    assert {"claims.sqlite", "embeddings.sqlite"} <= {p.name for p in (tmp_path / "xdg" / "crosscheck").iterdir()}
    assert sorted(p.name for p in work.iterdir()) == ["seeds"]
