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
# /work/shared beside the repository (a worktree sits one folder deeper: look upwards)
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "schemas").is_dir()), ROOT.parent / "shared")
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="session")
def claim_of():
    """Turn one real sentence into a Claim (with its facts), as a rule sees it."""
    from crosscheck.claims import claims_from_text

    def make(text: str, source_id: str = "a.txt", date=None):
        found = claims_from_text(text, source_id=source_id, date=date)
        assert len(found) == 1, f"expected one claim, got {[c.text for c in found]}"
        return found[0]

    return make


FINDINGS_DOCUMENTS_VALIDATED = [0]  # how many findings documents the hook below has validated


@pytest.fixture(autouse=True)
def findings_json_validates(monkeypatch):
    """Every findings.json any test produces (renderer, `crosscheck run`, benchmarks) must match
    `crosscheck schema`: the hook validates each document as it is built."""
    from crosscheck.report import findings_json, schema

    build = findings_json.to_dict

    def validated(*args, **kwargs):
        data = build(*args, **kwargs)
        import json

        schema.validate(json.loads(json.dumps(data)))
        FINDINGS_DOCUMENTS_VALIDATED[0] += 1
        return data

    monkeypatch.setattr(findings_json, "to_dict", validated)
