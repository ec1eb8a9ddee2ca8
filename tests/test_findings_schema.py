"""findings.json has a JSON Schema (2020-12): `crosscheck schema` prints it, every output names its
version and validates (tests/conftest.py validates every document the tests build), and the README's
table of finding fields is generated from it."""
import copy
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import synthetic
from conftest import FINDINGS_DOCUMENTS_VALIDATED, ROOT, SEEDS
from crosscheck.cli import app
from crosscheck.report import findings_json, schema


def _document():
    return json.loads(findings_json.render(synthetic.adversarial_result(["It killed 12 people.", "Nine died."])))


def test_schema_command_prints_a_2020_12_schema():
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(printed)
    assert printed == schema.schema()
    claim = printed["$defs"]["finding"]["properties"]["claims"]["items"]
    assert "source_id" in claim["required"]


def test_every_output_names_its_schema_version_and_validates():
    before = FINDINGS_DOCUMENTS_VALIDATED[0]
    data = _document()
    assert FINDINGS_DOCUMENTS_VALIDATED[0] == before + 1  # the conftest hook saw it
    assert data["schema_version"] == schema.SCHEMA_VERSION == schema.schema()["properties"]["schema_version"]["const"]
    schema.validate(data)


@pytest.mark.parametrize("break_it", [
    lambda d: d.pop("schema_version"),
    lambda d: d["findings"][0].update(kind="contradiction"),
    lambda d: d["findings"][0]["claims"][0].pop("source_id"),
    lambda d: d["findings"][0]["claims"][0].update(start=-1),
    lambda d: d["findings"][0].update(rule="qty1"),
    lambda d: d["findings"][0].update(surprise=True),
])
def test_the_schema_rejects_what_readers_could_not_use(break_it):
    data = copy.deepcopy(_document())
    break_it(data)
    with pytest.raises(jsonschema.ValidationError):
        schema.validate(data)


def test_the_readme_table_is_generated_from_the_schema():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert schema.with_table(readme) == readme, "run: python -m crosscheck.report.schema README.md"
    table = readme[readme.index(schema.TABLE_START):readme.index(schema.TABLE_END)]
    fields = set(schema.finding_schema()["properties"]) - {"claims"} | {"claims[]"} | {f"claims[].{k}" for k in schema.CLAIM["properties"]}
    assert {f for f in fields if f"| `{f}` |" in table} == fields  # source_id included


@pytest.mark.slow
def test_the_seeds_run_validates_against_the_printed_schema(tmp_path):
    """`crosscheck run seeds --out o && crosscheck schema > s.json`: o/findings.json validates against s.json."""
    env = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "crosscheck"]
    subprocess.run([*cmd, "run", str(SEEDS), "--out", str(tmp_path / "o"), "--cache-dir", str(tmp_path / "cache")],
                   check=True, cwd=ROOT, env=env, capture_output=True)
    printed = subprocess.run([*cmd, "schema"], check=True, cwd=ROOT, env=env, capture_output=True, text=True).stdout
    (tmp_path / "s.json").write_text(printed)
    data = json.loads((tmp_path / "o" / "findings.json").read_text())
    jsonschema.Draft202012Validator(json.loads(printed), format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["findings"] and data["schema_version"] == 1
