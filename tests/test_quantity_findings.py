"""Quantity rules inside the whole pipeline: linked claims, merged findings, explanations and values."""
import pytest

from crosscheck import pipeline
from crosscheck.model import Kind

ARTICLES = {
    "a.txt": "The new library is the first major public building opened in Springfield in a decade.\n"
             "The council approved $2.3 billion for road repairs on Tuesday.\n",
    "b.txt": "The new library is the first major public building opened in Springfield in over a decade.\n"
             "On Tuesday the council approved $2.5 billion for road repairs.\n",
    "c.txt": "The new library is the first major public building to open in Springfield in a decade.\n"
             "The council on Tuesday approved $2.5 billion for repairs to roads.\n",
}


@pytest.mark.slow
def test_quantity_findings_merge_across_sources(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text)
    result = pipeline.run([tmp_path], pipeline.Params(cache_dir=str(tmp_path / ".cache")))
    by_rule = {(f.rule, f.kind): f for f in result.findings if f.rule in ("QTY001", "QTY002")}

    qualifier = by_rule[("QTY002", Kind.DISCREPANCY)]
    assert qualifier.explanation == "b says 'over a decade'; a and c say 'a decade'"
    assert {e.value_text for e in qualifier.evidence} == {"a decade", "over a decade"}

    amount = by_rule[("QTY001", Kind.DISCREPANCY)]
    assert {(e.claim.source_id, e.value_text) for e in amount.evidence} == {
        ("a.txt", "$2.3 billion"), ("b.txt", "$2.5 billion"), ("c.txt", "$2.5 billion")}
    assert amount.explanation == "a says '$2.3 billion'; b and c say '$2.5 billion'"
