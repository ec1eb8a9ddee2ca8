"""Installable beside other torch users: a torch range in the metadata, the exact CPU wheel only in
the Makefile, installed before the package so pip never resolves another torch."""
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile

import pytest

from conftest import ROOT


def test_torch_is_a_range_in_the_metadata_and_exact_in_the_makefile():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    torch = [d for d in deps if re.match(r"torch\b", d)]
    assert torch == ["torch>=2.2"]
    make = (ROOT / "Makefile").read_text()
    exact, package = make.index("pip install --quiet torch==2.13.0"), make.index("pip install --quiet -e '.[test]'")
    assert exact < package


@pytest.mark.slow
def test_a_wheel_holds_the_report_template_and_the_hook_entry(tmp_path):
    """`pip install <clone>` (not editable) must carry the Jinja2 template, or the report cannot render."""
    src = tmp_path / "src"
    for name in ("crosscheck", "pyproject.toml", "README.md"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, src / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(tmp_path / "dist"), str(src)], check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("crosscheck-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        entry_points = z.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "crosscheck/report/templates/report.md.j2" in names
    assert "crosscheck-pre-commit = crosscheck.precommit:entry" in entry_points
