"""The whole pipeline on the five reference articles, with the real embedding model.

Assertions are on behaviour an editor relies on, checked against the articles'
own text: the conflicts are found with the right values, spelling conventions
are not conflicts, ids do not depend on file order, offsets point into files.
"""
from pathlib import Path

import pytest

from crosscheck.pipeline import Params, run
from crosscheck.extract.text import fold

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    return run([str(SEEDS)], Params(cache_dir=str(cache))), cache


def stem(claim):
    return Path(claim.source_id).name[:3]


def findings(result, kind, category=None):
    return [f for f in result.findings if f.kind.value == kind and (category is None or f.category == category)]


def has_sides(finding, side_a, side_b):
    """side = (article prefixes, predicate on the folded value)."""
    def match(side, e):
        prefixes, pred = side
        return stem(e.claim) in prefixes and pred(fold(e.value_text))
    ev = finding.evidence
    return any(match(side_a, x) and match(side_b, y) for x in ev for y in ev if x is not y)


def test_decade_against_over_a_decade(result):
    r, _ = result
    assert any(has_sides(f, (("000", "002"), lambda v: "decade" in v and "over" not in v),
                         (("001",), lambda v: "over a decade" in v))
               for f in findings(r, "discrepancy", "quantity"))


def test_misspelt_first_name_and_surname(result):
    r, _ = result
    names = findings(r, "discrepancy", "name")
    assert any(has_sides(f, (("001",), lambda v: "mevlot" in v), (("002", "004"), lambda v: "mevlut" in v)) for f in names)
    assert any(has_sides(f, (("004",), lambda v: "cavosoglu" in v), (("001", "002", "004"), lambda v: "cavusoglu" in v))
               for f in names)


def test_nine_killed_against_nine_plus_one(result):
    r, _ = result
    assert any(has_sides(f, (("002",), lambda v: "nine" in v), (("003",), lambda v: "nine" in v or "dual" in v))
               for f in findings(r, "discrepancy", "count"))


def test_corroborated_fourteen_years_and_quote(result):
    r, _ = result
    agreements = findings(r, "agreement")
    assert any(has_sides(f, (("001",), lambda v: True), (("002",), lambda v: True))
               and all("14 years" in e.claim.text for e in f.evidence) for f in agreements)
    assert any({stem(e.claim) for e in f.evidence} >= {"001", "002"}
               and all("process that will take time" in e.claim.text for e in f.evidence) for f in agreements)


def test_transliteration_and_spelling_conventions_are_never_conflicts(result):
    r, _ = result
    from crosscheck.extract.text import strip_accents

    for f in findings(r, "discrepancy"):
        values = {strip_accents(e.value_text).casefold() for e in f.evidence}
        assert len(values) > 1, f"discrepancy whose values differ only by accents: {f.explanation}"
        for us, uk in (("defense", "defence"), ("traveled", "travelled")):
            assert len({v.replace(uk, us) for v in values}) > 1, f.explanation


def test_pairs_about_different_events_are_reported_not_compared(result):
    r, _ = result
    assert r.skipped, "no cross-event pair was set aside"
    assert all("different events" in s.reason for s in r.skipped)
    for s in r.skipped:
        assert not r.groups.same(s.a.source_id, s.b.source_id)


def test_ids_do_not_depend_on_file_order(result):
    r, cache = result
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    reordered = run(list(reversed(files)), Params(cache_dir=str(cache)))
    assert sorted(f.id for f in reordered.findings) == sorted(f.id for f in r.findings)


def test_every_offset_points_at_its_text(result):
    r, _ = result
    for f in r.findings:
        for e in f.evidence:
            text = e.claim.article.text
            assert text[e.claim.start:e.claim.end] == e.claim.text
            if e.value is not None:
                assert text[e.value.start:e.value.end] == e.value.text
                if f.category != "attribution":  # a resolved speaker may stand in an earlier sentence
                    assert e.claim.start <= e.value.start and e.value.end <= e.claim.end


def test_a_second_run_embeds_nothing(result):
    _, cache = result
    again = run([str(SEEDS)], Params(cache_dir=str(cache)))
    assert again.embedded == 0
