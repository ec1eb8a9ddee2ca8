import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# the tests' caches (and those of the commands they run) go to a folder removed at exit, not the user's
_CACHE = tempfile.TemporaryDirectory(prefix="crosscheck-test-cache-")
os.environ.setdefault("CROSSCHECK_CACHE_DIR", _CACHE.name)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def claim_of():
    """Turn one real sentence into a Claim (with its facts), as a rule sees it."""
    from crosscheck.claims import claims_from_text

    def make(text: str, source_id: str = "a.txt", date=None):
        found = claims_from_text(text, source_id=source_id, date=date)
        assert len(found) == 1, f"expected one claim, got {[c.text for c in found]}"
        return found[0]

    return make
