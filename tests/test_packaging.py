"""Installable beside other torch users: a torch range in the metadata, the exact CPU wheel only in
the Makefile, installed before the package so pip never resolves another torch."""
import re
import tomllib

from conftest import ROOT


def test_torch_is_a_range_in_the_metadata_and_exact_in_the_makefile():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    torch = [d for d in deps if re.match(r"torch\b", d)]
    assert torch == ["torch>=2.2"]
    make = (ROOT / "Makefile").read_text()
    exact, package = make.index("pip install --quiet torch==2.13.0"), make.index("pip install --quiet -e '.[test]'")
    assert exact < package
