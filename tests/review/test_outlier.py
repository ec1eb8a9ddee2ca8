"""CI points at the outlier: the minority side of a quantity, the typo of a name (issue 11)."""
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck import gate
from crosscheck.cli import app
from crosscheck.model import Article, Claim, Evidence, Finding, Kind, Severity, Span
from crosscheck.report import lines, sarif
from crosscheck.review import Reviewed, State

from .fire_articles import GAZETTE, article
from .test_cli_check import SCHEMA, crosscheck, open_lines

# A second new report agreeing with the Gazette: 60 workers against the Times' 80.
COURIER = article("Riverside warehouse staff wait for news", "Riverside Courier", """
    Staff of the burned Riverside furniture warehouse are waiting to hear about their jobs.
    The warehouse employed 60 workers, according to the company that owns the building.
""")


@pytest.mark.usefixtures("fake_embedder", "number_rule")
def test_check_line_annotation_and_sarif_point_at_the_minority_side(newsroom):
    assert crosscheck("review", "baseline").exit_code == 0  # the Times and the Herald are old
    Path("seeds/fire-gazette.md").write_text(GAZETTE, encoding="utf-8")
    Path("seeds/fire-courier.md").write_text(COURIER, encoding="utf-8")
    result = crosscheck("check", "--sarif", "out.sarif", env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1, result.output
    workers = next(f for f in open_lines(result.stdout) if "'80'" in f["message"])
    # two new articles say 60, the old Times says 80: the Times is the outlier, though it is not new
    assert (workers["path"], workers["line"]) == ("seeds/fire-times.md", "9")
    assert Path("seeds/fire-times.md").read_text().splitlines()[8].startswith("The warehouse employed 80 workers")
    annotation = next(a for a in result.stdout.splitlines() if a.startswith("::") and "'80'" in a)
    assert annotation.startswith("::error file=seeds/fire-times.md,line=9,col=24,")
    log = json.loads(Path("out.sarif").read_text())
    jsonschema = pytest.importorskip("jsonschema")
    assert SCHEMA.is_file(), SCHEMA
    jsonschema.validate(log, json.loads(SCHEMA.read_text()))
    res = next(r for r in log["runs"][0]["results"] if "'80'" in r["message"]["text"])
    region = res["locations"][0]["physicalLocation"]
    assert region["artifactLocation"]["uri"] == "seeds/fire-times.md"
    assert (region["region"]["startLine"], region["region"]["snippet"]["text"]) == (9, "80")
    assert {loc["physicalLocation"]["artifactLocation"]["uri"] for loc in res["relatedLocations"]} == {
        "seeds/fire-gazette.md", "seeds/fire-courier.md"}


def _article(source_id: str, text: str) -> Article:
    return Article(path=f"news/{source_id}", source_id=source_id, text=text)


def _evidence(a: Article, value: str, nth: int = 0) -> Evidence:
    at = -1
    for _ in range(nth + 1):
        at = a.text.index(value, at + 1)
    start = a.text.rfind("\n", 0, at) + 1
    end = a.text.find("\n", at)
    return Evidence(Claim(article=a, source_id=a.source_id, start=start, end=end if end >= 0 else len(a.text)),
                    Span(at, at + len(value), value), value.lower())


def _name_finding(typo: Evidence, right: Evidence) -> Finding:
    evidence = tuple(sorted((typo, right), key=lambda e: e.claim.source_id))
    return Finding("ab12cd34ef56", Kind.DISCREPANCY, "name", "NAM001", Severity.MEDIUM, 0.9,
                   "explanation", evidence)


def test_a_name_finding_points_at_the_typo_not_the_correct_spelling():
    # 001 writes "Mevlot" once; 002 and 004 write "Mevlut": the finding pairs 001 with 002 only
    old = _article("001.md", "Ankara talks\nForeign Minister Mevlot Cavusoglu visited Israel.\n")
    new = _article("002.md", "Visit\nForeign Minister Mevlut Cavusoglu travelled to Israel.\nMevlut Cavusoglu spoke.\n")
    other = _article("004.md", "Russia\nMevlut Cavusoglu told reporters.\n")
    finding = _name_finding(_evidence(old, "Mevlot Cavusoglu"), _evidence(new, "Mevlut Cavusoglu"))
    # the correct spelling is in the new article, and still the typo is reported
    for articles in ((old, new, other), ()):
        e = gate.primary_evidence(finding, {"002.md"}, articles)
        assert (e.claim.path, e.claim.line, e.value_text) == ("news/001.md", 2, "Mevlot Cavusoglu")
    item = Reviewed(finding, State.OPEN, None)
    assert lines.finding_line(item, {"002.md"}, (old, new, other)).startswith("news/001.md:2: NAM001 ")
    assert lines.finding_annotation(item, {"002.md"}, Severity.MEDIUM).startswith("::error file=news/001.md,line=2,")


def test_a_typo_inside_one_article_is_found_by_how_often_each_form_is_written():
    a = _article("004.md", "Minister\nMevlut Cavusoglu spoke.\nLater Cavosoglu said more.\nCavusoglu left.\n")
    finding = _name_finding(_evidence(a, "Cavosoglu"), _evidence(a, "Mevlut Cavusoglu"))
    assert gate.primary_evidence(finding, set()).claim.line == 3
    flipped = _name_finding(_evidence(a, "Mevlut Cavusoglu"), _evidence(a, "Cavosoglu"))
    assert gate.primary_evidence(flipped, set()).claim.line == 3  # not the order of the evidence


def test_a_tie_points_at_the_new_article():
    old = _article("a.md", "Fire\nIt killed 12 people.\n")
    new = _article("b.md", "Fire\nIt killed 15 people.\n")
    f = Finding("ab12cd34ef56", Kind.DISCREPANCY, "count", "CNT001", Severity.HIGH, 0.9, "x",
                (_evidence(old, "12"), _evidence(new, "15")))
    assert gate.primary_evidence(f, {"b.md"}).claim.source_id == "b.md"
    assert gate.primary_evidence(f, {"a.md"}).claim.source_id == "a.md"
    log = json.loads(sarif.render(_state(f), {}, new={"b.md"}))
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news/b.md"


def _state(f):
    from crosscheck.review import ReviewState

    return ReviewState(items=(Reviewed(f, State.OPEN, None),))
