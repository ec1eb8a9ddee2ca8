"""`crosscheck.Checker` and `Result`: parameters, validation, frames, Parquet and reports.

The embedding model is replaced by a bag-of-words embedder passed as
``embedder=`` (the parameter under test); spaCy and the rules are real.
"""
import json
import subprocess
import sys

import pandas as pd
import pytest

import crosscheck
from crosscheck.pipeline import ParameterError

from review.conftest import fake_vectors
from review.fire_articles import HERALD, TIMES


class BagOfWords:
    def __init__(self):
        self.calls = 0

    def transform(self, texts, progress=None):
        self.calls += 1
        return fake_vectors(list(texts))

    def get_params(self):
        return {"model_name": "bag-of-words"}


@pytest.fixture(scope="module")
def fire(tmp_path_factory):
    folder = tmp_path_factory.mktemp("news")
    (folder / "times.md").write_text(TIMES, encoding="utf-8")
    (folder / "herald.md").write_text(HERALD, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def result(fire):
    return crosscheck.Checker(embedder=BagOfWords(), cache_dir=False).run([fire])


def test_init_only_stores_keyword_parameters():
    checker = crosscheck.Checker(threshold=5, rules="nonsense", max_claims=-1)  # validated at run, not here
    assert checker.get_params() == {"threshold": 5, "rules": "nonsense", "cache_dir": None, "embedder": None,
                                     "max_bytes": 5_000_000, "max_chars": 100_000, "max_claims": -1,
                                     "processes": None, "engine": "local", "workers": None, "scheduler": None,
                                     "work_dir": None, "min_confidence": 0.0}
    assert vars(checker) == checker.get_params()
    with pytest.raises(TypeError):
        crosscheck.Checker(0.7)
    assert checker.set_params(threshold=0.7).threshold == 0.7
    with pytest.raises(ValueError, match="no parameter 'treshold'"):
        checker.set_params(treshold=0.7)
    assert repr(crosscheck.Checker(threshold=0.7)) == "Checker(threshold=0.7)"


@pytest.mark.parametrize("params, message", [
    ({"threshold": 0}, "threshold must be a number above 0 and at most 1 (got 0)"),
    ({"threshold": 1.5}, "threshold must be a number above 0 and at most 1 (got 1.5)"),
    ({"threshold": "high"}, "threshold must be a number above 0 and at most 1 (got 'high')"),
    ({"max_bytes": 0}, "max_bytes must be a whole number of at least 1 (got 0)"),
    ({"max_chars": 2.5}, "max_chars must be a whole number of at least 1 (got 2.5)"),
    ({"max_claims": True}, "max_claims must be a whole number of at least 1 (got True)"),
    ({"processes": 0}, "processes must be a whole number of at least 1 (got 0)"),
    ({"rules": ["QTY", "XYZ9"]}, "rules: no active rule code starts with 'XYZ9'"),
    ({"rules": []}, "rules must be rule codes or code prefixes"),
    ({"rules": 7}, "rules must be rule codes or code prefixes"),
    ({"embedder": "minilm"}, "embedder must be one of torch, onnx-int8 (got 'minilm')"),
    ({"embedder": 7}, "embedder must have a transform(texts) method"),
])
def test_run_refuses_a_bad_parameter_by_name(fire, params, message):
    with pytest.raises(ParameterError) as caught:
        crosscheck.Checker(cache_dir=False, **params).run([fire])
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_run_uses_the_given_embedder_and_reports_discrepancies(result):
    assert [a.source_id for a in result.articles] == ["herald.md", "times.md"]
    assert result.params["embed"] == {"model_name": "bag-of-words"}
    explanations = [f.explanation for f in result.findings if f.kind.value == "discrepancy"]
    assert any("12" in e and "15" in e for e in explanations), explanations


def test_claims_frame_rows_are_the_claims(result, fire):
    frame = result.claims_frame()
    assert list(frame.columns) == ["claim", "source_id", "path", "line", "start", "end", "text", "attribution",
                                   "event", "cluster"]
    assert len(frame) == len(result.claims) > 0
    assert frame["claim"].tolist() == list(range(len(frame)))
    for row in frame.itertuples():
        text = (fire / row.source_id).read_text(encoding="utf-8")
        assert text[row.start:row.end] == row.text
        assert text.count("\n", 0, row.start) + 1 == row.line
    clustered = frame.dropna(subset=["cluster"])
    assert clustered.groupby("cluster")["source_id"].nunique().min() >= 2  # clusters span sources


def test_links_frame_pairs_claims_of_different_sources(result):
    links, claims = result.links_frame(), result.claims_frame()
    assert list(links.columns) == ["claim_a", "claim_b", "source_a", "source_b", "similarity"]
    assert len(links) == len(result.links) > 0
    assert (links["claim_a"] < links["claim_b"]).all()
    assert (links["source_a"] != links["source_b"]).all()
    assert (links["source_a"] == claims.loc[links["claim_a"], "source_id"].to_numpy()).all()
    assert links["similarity"].between(0.6, 1.0 + 1e-6).all()


def test_findings_and_evidence_frames_match_the_findings_json(result):
    findings, evidence, claims = result.findings_frame(), result.evidence_frame(), result.claims_frame()
    data = json.loads(result.render(["json"])["json"])["findings"]
    assert findings["id"].tolist() == [f["id"] for f in data]
    assert findings[["rule", "severity", "explanation"]].to_dict("records") == [
        {k: f[k] for k in ("rule", "severity", "explanation")} for f in data]
    assert findings["sources"].map(len).tolist() == [len({c["source_id"] for c in f["claims"]}) for f in data]
    assert len(evidence) == sum(len(f["claims"]) for f in data)
    for row in evidence.itertuples():
        claim = claims.loc[row.claim]
        assert claim.source_id == row.source_id
        assert claim.start <= row.value_start <= row.value_end <= claim.end
    flat = [(f["id"], c["start"]) for f in data for c in f["claims"]]
    assert list(zip(evidence["finding_id"], claims.loc[evidence["claim"], "start"])) == flat


def test_rules_selects_codes_by_prefix(fire):
    only = crosscheck.Checker(embedder=BagOfWords(), cache_dir=False, rules=["cnt"]).run([fire])
    assert only.findings and {f.rule[:3] for f in only.findings} == {"CNT"}
    assert all(code.startswith("CNT") for code in only.params["rules"])


def test_to_parquet_round_trips_every_frame(result, tmp_path):
    written = result.to_parquet(tmp_path / "tables")
    assert sorted(p.name for p in written) == ["claims.parquet", "evidence.parquet", "findings.parquet",
                                               "links.parquet"]
    for path in written:
        expected = getattr(result, f"{path.stem}_frame")()
        read = pd.read_parquet(path)
        if path.stem == "findings":  # list columns come back as arrays
            read["sources"] = read["sources"].map(list)
            read["claims"] = read["claims"].map(list)
        pd.testing.assert_frame_equal(read, expected, check_dtype=False)
    assert [p.name for p in (tmp_path / "tables").iterdir() if p.name.endswith(".tmp")] == []


def test_every_frame_is_written_a_row_group_at_a_time(result, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    from crosscheck import result as module

    monkeypatch.setattr(module, "FRAME_ROWS", 2)
    findings, path, links, _ = result.to_parquet(tmp_path / "tables")
    assert len(result.links) > 2 and pq.ParquetFile(links).metadata.num_row_groups == -(-len(result.links) // 2)
    pd.testing.assert_frame_equal(pd.read_parquet(links), result.links_frame())
    assert path.name == "claims.parquet" and len(result.claims) > 4 and len(result.findings) > 4
    assert pq.ParquetFile(path).metadata.num_row_groups == -(-len(result.claims) // 2)
    assert pq.ParquetFile(findings).metadata.num_row_groups == -(-len(result.findings) // 2)
    evidence = pd.read_parquet(tmp_path / "tables" / "evidence.parquet")
    pd.testing.assert_frame_equal(evidence, result.evidence_frame())
    expected = result.claims_frame()
    assert expected["attribution"].isna().any() and expected["attribution"].notna().any()
    pd.testing.assert_frame_equal(pd.read_parquet(path), expected)  # dtypes included


def test_write_report_writes_each_format(result, tmp_path):
    written = result.write_report(tmp_path / "out", formats=("md", "json", "sarif"))
    assert [p.name for p in written] == ["report.md", "findings.json", "findings.sarif"]
    data = json.loads((tmp_path / "out" / "findings.json").read_text())
    assert len(data["findings"]) == len(result.findings) and set(data["review"]["states"]) == {
        f.id for f in result.findings if f.kind.value == "discrepancy"}
    assert (tmp_path / "out" / "report.md").read_text().startswith("# crosscheck report")
    sarif = json.loads((tmp_path / "out" / "findings.sarif").read_text())
    assert len(sarif["runs"][0]["results"]) == data["summary"]["discrepancies"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["findings.json", "findings.sarif", "report.md"]


def test_write_report_refuses_unknown_formats_and_names_the_unwritable_file(result, tmp_path):
    with pytest.raises(ValueError, match="formats must be some of md, json, sarif, html"):
        result.write_report(tmp_path, formats=("md", "pdf"))
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "blocker").write_text("a file where the folder should be")
    with pytest.raises(OSError) as caught:
        result.write_report(tmp_path / "blocker" / "out")
    assert caught.value.filename == str(tmp_path / "blocker" / "out" / "report.md")


def test_write_report_keeps_the_old_file_when_writing_fails(result, tmp_path, monkeypatch):
    """The report is renamed into place: a failure half-way leaves the previous report whole."""
    result.write_report(tmp_path, formats=("md",))
    before = (tmp_path / "report.md").read_text()
    import crosscheck.files as files

    def torn(handle_path, write):
        write(handle_path.with_name(".report.md.torn.tmp"))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "replace_atomic", torn)
    monkeypatch.setattr(type(result), "render", lambda self, formats, decisions=None: {"md": "# half"})
    with pytest.raises(OSError, match="No space left"):
        result.write_report(tmp_path, formats=("md",))
    assert (tmp_path / "report.md").read_text() == before


def test_import_loads_neither_torch_nor_spacy_nor_pandas():
    code = ("import sys, crosscheck; crosscheck.Checker(); "
            "print(sorted(m for m in ('torch', 'spacy', 'pandas', 'sentence_transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
