"""A whole run over the seeds plus the hostile corpus: exit 0, one warning line per bad file,
the seeds' findings untouched, every surviving file checked and nothing injected into the report.
"""
import contextlib
import io
import json
import os
import re

import pytest
from markdown_it import MarkdownIt

import hostile_corpus as hc
from conftest import SEEDS
from crosscheck import cli
from crosscheck import ingest as ingest_module
from crosscheck.ingest import decode

pytestmark = pytest.mark.slow


def invoke(args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile-run")
    corpus = base / "corpus"
    expect = hc.build(corpus)
    cache = base / "cache"
    mp = pytest.MonkeyPatch()
    if not hc.chmod_blocks_reading(corpus / "locked.txt"):  # root: simulate the permission error
        real = ingest_module.read_bytes

        def read_bytes(path, max_bytes):
            if os.path.basename(path) == "locked.txt":
                raise PermissionError(13, "Permission denied", path)
            return real(path, max_bytes)

        mp.setattr(ingest_module, "read_bytes", read_bytes)
    results = {}
    real_execute = cli.execute

    def keep_result(*args, **kwargs):
        result = real_execute(*args, **kwargs)
        results[len(results)] = result
        return result

    mp.setattr(cli, "execute", keep_result)
    mp.setattr("crosscheck.cli.run.execute", keep_result)
    try:
        seeds_only = invoke(["run", SEEDS, "--out", base / "seeds-out", "--cache-dir", cache])
        combined = invoke(["run", SEEDS, corpus, corpus / "missing.txt", "--out", base / "all-out", "--cache-dir", cache])
    finally:
        mp.undo()
    return {
        "expect": expect + [hc.Expect("missing.txt", "no such file or folder", True)],
        "corpus": corpus,
        "seeds": (seeds_only, json.loads((base / "seeds-out" / "findings.json").read_text())),
        "all": (combined, json.loads((base / "all-out" / "findings.json").read_text()),
                (base / "all-out" / "report.md").read_text(), results[1]),
        "cache": cache,
        "base": base,
    }


def test_both_runs_exit_0_without_a_traceback(runs):
    (code, out, err), _ = runs["seeds"]
    assert code == 0 and "crosscheck: warning" not in err
    (code, out, err), *_ = runs["all"]
    assert code == 0 and "Traceback" not in err and "crosscheck: error" not in err
    assert re.fullmatch(r"\d+ articles?, \d+ claims?, \d+ clusters?: \d+ discrepanc(y|ies), \d+ agreements? -> .*\n", out)


def test_exactly_one_warning_line_per_bad_file_with_its_message(runs):
    (_, _, err), *_ = runs["all"]
    lines = [line for line in err.splitlines() if line.startswith("crosscheck: ")]
    assert all(line.startswith("crosscheck: warning: ") for line in lines)
    bad = [e for e in runs["expect"] if e.warning is not None]
    assert len(lines) == len(bad)
    for e in bad:
        mine = [line for line in lines if f"/{e.name}: " in line]
        assert len(mine) == 1, (e.name, mine)
        assert e.warning in mine[0] and mine[0].endswith("; skipped") == e.skipped, mine[0]


def test_seed_findings_are_identical_with_and_without_the_hostile_corpus(runs):
    _, alone = runs["seeds"]
    _, combined, *_ = runs["all"]
    seed_ids = {s["source_id"] for s in alone["sources"]}
    assert len(seed_ids) == 5
    from_seeds = [f for f in combined["findings"] if {c["source_id"] for c in f["claims"]} <= seed_ids]
    assert from_seeds == alone["findings"]
    assert not [f for f in combined["findings"]
                if {c["source_id"] for c in f["claims"]} & seed_ids
                and not {c["source_id"] for c in f["claims"]} <= seed_ids], "a seed finding took in a hostile file"


def test_every_readable_file_is_a_source_and_no_skipped_one_is(runs):
    _, combined, _, result = runs["all"]
    _, alone = runs["seeds"]
    expected = {s["source_id"] for s in alone["sources"]} | {e.name for e in runs["expect"] if not e.skipped}
    assert {s["source_id"] for s in combined["sources"]} == expected
    assert combined["summary"]["articles"] == len(expected) == len(result.articles)
    assert len(combined["warnings"]) == len([e for e in runs["expect"] if e.warning])


def test_metadata_survives_encodings_boms_and_bad_front_matter(runs):
    _, combined, *_ = runs["all"]
    sources = {s["source_id"]: s for s in combined["sources"]}
    assert sources["utf8-bom.md"]["title"] == "Bridge reopens after repairs"  # the BOM did not hide the front matter
    assert (sources["utf8-bom.md"]["outlet"], sources["utf8-bom.md"]["date"]) == ("Valley Courier", "2021-05-04")
    assert sources["latin1.txt"]["title"] == "Café owner rebuilds after fire"
    assert sources["windows-1252.txt"]["title"] == "Council approves “road tax” plan"
    assert sources["utf16.txt"]["title"] == "Library extends opening hours"
    assert sources["wrong-types.md"]["date"] is None and sources["wrong-types.md"]["title"] is None
    assert sources["broken-front-matter.md"]["title"] is None


def _claims_of(result, source_id):
    return [c.text for c in result.claims if c.source_id == source_id]


def test_claims_of_hostile_files_are_what_a_reader_sees(runs):
    *_, result = runs["all"]
    corpus = runs["corpus"]
    files = {e.name: e.on_disk or e.name for e in runs["expect"]}
    for claim in result.claims:  # offsets point at exactly the claim in the decoded file
        if claim.source_id in files:
            assert decode((corpus / files[claim.source_id]).read_bytes())[claim.start:claim.end] == claim.text
    assert _claims_of(result, "r\\xe9sum\\xe9 of the week.txt")  # a file name that is not UTF-8
    assert any("José Muñoz" in t for t in _claims_of(result, "latin1.txt"))
    assert any("€40 a year" in t for t in _claims_of(result, "windows-1252.txt"))
    assert any("2,000 students" in t for t in _claims_of(result, "utf16.txt"))
    assert len(_claims_of(result, "mixed-endings.txt")) == 4
    assert _claims_of(result, "repeated-sentence.txt") == [hc.REPEATED_SENTENCE.strip()]
    long_line = _claims_of(result, "one-long-line.txt")
    assert long_line == ["A water main broke downtown on Tuesday, flooding three streets."]
    tricks = " ".join(_claims_of(result, "markdown-tricks.md"))
    assert "1,900" not in tricks and "$50 million" not in tricks and "| Friday |" not in tricks
    assert "arrested two men" in tricks


def test_report_shows_hostile_text_as_text(runs):
    *_, report, result = runs["all"]
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(report)
    inline = [c for t in tokens if t.type == "inline" for c in t.children or []]
    assert not {c.type for c in inline} & {"link_open", "image", "html_inline"}
    # the only HTML is the report's own collapsible sections (dismissed findings, not-compared pairs)
    own = re.compile(r"^(<details>|</details>|<summary>\d+ findings? judged not to be (a conflict|conflicts)</summary>"
                     r"|<summary>The \d+ pairs?</summary>)$")
    html = [line for t in tokens if t.type == "html_block" for line in t.content.splitlines() if line.strip()]
    assert all(own.match(line.strip()) for line in html), html
    assert "\x1b" not in report and "<script" not in report and "](javascript:" not in report
    texts = [c.content for c in inline if c.type == "text"]
    assert "Hackers hit city payment page <script>alert(1)</script> | # pwned" in texts
    assert "javascript:alert(document.cookie)" in texts
    lines = ["".join(c.content for c in t.children if c.type == "text") for t in tokens if t.type == "inline"]
    claim = "Attackers inserted <script>steal()</script> code into the city's parking payment page"
    assert any(claim in line for line in lines), "the adversarial claim should be shown (as text)"
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "Files skipped or read with problems" in headings
    disc = [f for f in result.findings if f.kind.value == "discrepancy"]
    numbered = [h for h in headings if re.match(r"\d+\. ", h)]
    assert 0 < len(numbered) <= len(disc)  # dismissed ones are collapsed, not numbered
    assert all(f.id in report for f in disc)


def test_strict_gives_exit_4_and_still_writes_the_report(runs, tmp_path):
    (tmp_path / "storm.txt").write_text(hc.STORM)
    (tmp_path / "fair.txt").write_text(hc.GOOD.format(title="Fair draws crowd", n=5_000, p=3))
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    code, _, err = invoke(["run", tmp_path, "--out", out, "--cache-dir", runs["cache"], "--strict"])
    assert code == cli.EXIT_PARTIAL == 4
    assert [line for line in err.splitlines() if line.startswith("crosscheck:")] == [
        f"crosscheck: warning: {tmp_path}/empty.txt: empty file; skipped"]
    assert json.loads((out / "findings.json").read_text())["summary"]["articles"] == 2
    code, _, _ = invoke(["run", tmp_path, "--out", out, "--cache-dir", runs["cache"]])
    assert code == 0


def test_unwritable_output_is_one_line_exit_2(runs, tmp_path):
    (tmp_path / "storm.txt").write_text(hc.STORM)
    (tmp_path / "blocker").write_text("a file where the output folder should be")
    code, _, err = invoke(["run", tmp_path / "storm.txt", "--out", tmp_path / "blocker" / "out",
                           "--cache-dir", runs["cache"]])
    assert code == cli.EXIT_USAGE
    lines = [line for line in err.splitlines() if line.startswith("crosscheck:")]
    assert lines == [f"crosscheck: error: cannot write {tmp_path}/blocker/out/findings.json: Not a directory"]
