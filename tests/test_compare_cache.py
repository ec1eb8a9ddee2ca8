"""The compare stage's cache (``crosscheck.compare_cache``): what it reads back is what comparing gives.

Work is counted, never timed: pair-rule calls (``compare.run_pair_rules``) and
events compared (``CompareStats``). The embedding model is replaced by a
bag-of-words embedder; spaCy and the rules are real.
"""
from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

import crosscheck.compare as compare_module
from crosscheck import compare_cache
from crosscheck.compare import calibration, registry
from crosscheck.compare_cache import CompareStats
from crosscheck.pipeline import Params, _claims_and_vectors, link_claims, run

from review.conftest import fake_vectors
from review.fire_articles import GAZETTE, HERALD, TIMES, article

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# an event of its own, named so that it comes before every other article
FLOOD = article("Flood closes bridge in Easton", "Easton Post", """
    Floodwater closed the Main Street bridge in Easton on Tuesday, county officials said.
    The river rose 14 feet above its usual level after three days of rain.
    About 200 residents were moved to a school gym overnight.
""", date="2021-06-02")


class BagOfWords:
    def transform(self, texts, progress=None):
        return fake_vectors(list(texts))


def write_corpus(folder: Path, herald: str = HERALD, flood: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    for name, text in (("times.md", TIMES), ("herald.md", herald), ("gazette.md", GAZETTE)):
        (folder / name).write_text(text, encoding="utf-8")
    if flood:
        (folder / "0000_flood.md").write_text(FLOOD, encoding="utf-8")
    return [folder]


def inputs(paths):
    """(claims, links and nearby pairs, events) of a corpus, as the pipeline hands them to the compare stage."""
    params = Params(embedder=BagOfWords(), cache_dir=None, processes=1)
    front = _claims_and_vectors(paths, params, None, {})
    groups, clusterer = link_claims(front.articles, front.claims, front.X, params.threshold)
    return front.claims, {**clusterer.nearby_, **clusterer.links_}, groups


def seen(result) -> list:
    """Every finding's id, values and offsets, in order."""
    return [(f.id, f.kind, f.rule, f.severity, f.confidence, f.explanation,
             [(e.claim.source_id, e.claim.start, e.claim.end, e.value and (e.value.start, e.value.end), e.norm)
              for e in f.evidence]) for f in result.findings]


@pytest.fixture
def pair_calls(monkeypatch):
    calls = [0]
    original = compare_module.run_pair_rules

    def counted(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(compare_module, "run_pair_rules", counted)
    return calls


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return inputs(write_corpus(tmp_path_factory.mktemp("base")))


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """The same corpus with one number of one article changed."""
    herald = HERALD.replace("injured 34 firefighters", "injured 36 firefighters")
    assert herald != HERALD
    return inputs(write_corpus(tmp_path_factory.mktemp("changed"), herald=herald))


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """The same corpus with an article of another event before every other one (every claim renumbered)."""
    return inputs(write_corpus(tmp_path_factory.mktemp("added"), flood=True))


def plain(claims, links, groups, rules=None, cal=calibration.default()):
    return compare_module.compare(claims, links, groups, rules, cal)


def cached(inputs_, folder, rules=None, cal=calibration.default()) -> tuple:
    stats = CompareStats()
    return compare_cache.compare(*inputs_, rules, cal, cache_dir=folder, stats=stats), stats


def test_a_warm_run_reads_every_finding_back_and_compares_nothing(tmp_path, pair_calls):
    paths = write_corpus(tmp_path / "corpus")
    params = Params(embedder=BagOfWords(), cache_dir=str(tmp_path / "cache"), processes=1)
    cold = run(paths, params)
    cold_calls = pair_calls[0]
    warm = run(paths, Params(embedder=BagOfWords(), cache_dir=str(tmp_path / "cache"), processes=1))
    assert cold_calls > 20 and pair_calls[0] == cold_calls  # the warm run called no pair rule
    assert seen(warm) == seen(cold) and len(cold.findings) > 5
    assert warm.findings == cold.findings and warm.hidden == cold.hidden and warm.skipped == cold.skipped
    assert warm.findings[0].evidence[0].claim is warm.claims[warm.claims.index(warm.findings[0].evidence[0].claim)]
    uncached = run(paths, Params(embedder=BagOfWords(), cache_dir=None, processes=1))
    assert seen(uncached) == seen(cold) and uncached.skipped == cold.skipped
    assert (tmp_path / "cache" / "compare.sqlite").exists()


def test_comparing_event_by_event_gives_the_findings_of_one_pass(base, tmp_path):
    expected = plain(*base)
    first, stats = cached(base, tmp_path)
    assert not stats.whole and stats.events >= 2 and stats.compared == stats.events
    assert seen(first) == seen(expected) and first.skipped == expected.skipped
    assert first.compared_pairs == expected.compared_pairs > 0
    again, stats = cached(base, tmp_path)
    assert stats.whole and seen(again) == seen(expected) and again.skipped == expected.skipped


def test_each_event_is_read_back_when_only_the_whole_entry_is_missing(base, tmp_path, pair_calls):
    cached(base, tmp_path)
    con = sqlite3.connect(tmp_path / "compare.sqlite")
    with con:
        con.execute("DELETE FROM compared WHERE key LIKE 'whole:%'")
    con.close()
    calls = pair_calls[0]
    result, stats = cached(base, tmp_path)
    assert not stats.whole and stats.compared == 0 and pair_calls[0] == calls
    assert seen(result) == seen(plain(*base))


def test_one_changed_article_recomputes_only_the_events_its_claims_take_part_in(base, changed, tmp_path, pair_calls):
    cached(base, tmp_path)
    cold_calls = pair_calls[0]
    pair_calls[0] = 0
    result, stats = cached(changed, tmp_path)
    assert not stats.whole and 1 <= stats.compared < stats.events
    assert 0 < pair_calls[0] < cold_calls
    expected = plain(*changed)
    assert seen(result) == seen(expected) and result.skipped == expected.skipped
    assert any("36" in f.explanation for f in result.findings)  # the new number is reported, not the cached one


def test_claims_renumbered_by_an_earlier_article_keep_their_events_cached(base, added, tmp_path):
    cached(base, tmp_path)
    result, stats = cached(added, tmp_path)
    assert not stats.whole and stats.compared < stats.events
    assert added[0][0].source_id == "0000_flood.md"  # first: every other claim moved
    expected = plain(*added)
    assert seen(result) == seen(expected) and result.skipped == expected.skipped


def test_other_rules_or_calibration_invalidate_every_entry(base, tmp_path):
    cached(base, tmp_path)
    some = registry.active(select={"QTY"})
    result, stats = cached(base, tmp_path, rules=some)
    assert not stats.whole and stats.compared == stats.events
    assert seen(result) == seen(plain(*base, rules=some))
    assert {f.rule for f in result.findings} <= {type(r).code for r in some}
    raw, stats = cached(base, tmp_path, cal=None)
    assert not stats.whole and stats.compared == stats.events
    assert seen(raw) == seen(plain(*base, cal=None))


def test_other_links_miss_the_whole_entry(base, tmp_path):
    claims, links, groups = base
    cached(base, tmp_path)
    fewer = dict(sorted(links.items())[1:])
    result, stats = cached((claims, fewer, groups), tmp_path)
    assert not stats.whole and stats.compared >= 1
    assert seen(result) == seen(plain(claims, fewer, groups))


def test_editing_a_rule_changes_the_code_version(tmp_path, monkeypatch):
    package = Path(compare_cache.__file__).resolve().parent
    copy = tmp_path / "crosscheck"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(compare_cache, "__file__", str(copy / "compare_cache.py"))
    compare_cache.code_version.cache_clear()
    try:
        before = compare_cache.code_version()
        rule = copy / "compare" / "rules" / "quantity_mismatch.py"
        rule.write_text(rule.read_text() + "\n# edited\n")
        compare_cache.code_version.cache_clear()
        assert compare_cache.code_version() != before
        (copy / "lexicon" / "extra.txt").write_text("a word list\n")
        compare_cache.code_version.cache_clear()
        assert len({before, compare_cache.code_version()}) == 2
    finally:
        compare_cache.code_version.cache_clear()


def test_a_broken_entry_is_compared_again(base, tmp_path):
    cached(base, tmp_path)
    con = sqlite3.connect(tmp_path / "compare.sqlite")
    with con:
        con.execute("UPDATE compared SET blob = ?", (b"not a pickle",))
    con.close()
    result, stats = cached(base, tmp_path)
    assert not stats.whole and stats.compared == stats.events
    assert seen(result) == seen(plain(*base))
    _, stats = cached(base, tmp_path)
    assert stats.whole  # rewritten


def test_two_runs_sharing_the_cache_folder_both_finish_and_agree(base, tmp_path):
    expected = seen(plain(*base))
    results: list = []

    def one() -> None:
        results.append(seen(cached(base, tmp_path)[0]))

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected, expected]
    _, stats = cached(base, tmp_path)
    assert stats.whole
