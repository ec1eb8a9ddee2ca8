import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_loading_the_model_prints_no_progress_bar():
    """CI logs and pre-commit hooks show stderr; a progress bar on every run is noise."""
    probe = "from crosscheck.embed import load_model; print(load_model().get_sentence_embedding_dimension())"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.stdout.split() == ["384"]
    assert "Loading weights" not in done.stderr and "it/s" not in done.stderr, done.stderr
