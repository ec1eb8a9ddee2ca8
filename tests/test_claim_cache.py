import dataclasses
import datetime as dt

import pytest

from crosscheck import claim_cache
from crosscheck.claim_cache import (ClaimCache, article_key, dumps_claims, extract_corpus, extraction_version,
                                    loads_claims)
from crosscheck.claims import extract_claims
from crosscheck.model import Article

FLOOD = ("The flood displaced more than 3,000 families in the valley on Tuesday.\n"
         "Officials said 14 bridges were closed; rail services did not resume until Friday.\n")
FIRE = "The fire burned 1,200 acres near the town before crews contained it on Sunday.\n"


def article(source_id: str, text: str, date=dt.date(2023, 5, 2)) -> Article:
    return Article(path=f"/news/{source_id}", source_id=source_id, text=text, date=date)


def test_claims_survive_the_cache_round_trip_and_point_at_the_callers_article():
    a = article("flood.md", FLOOD)
    claims = extract_claims([a])
    copy = article("flood.md", FLOOD)  # an equal article read again in a later run
    restored = loads_claims(copy, dumps_claims(a, claims))
    assert restored == claims
    assert all(c.article is copy for c in restored)
    assert [c.text for c in restored] == [c.text for c in claims]


def test_the_key_changes_with_what_extraction_reads_and_not_with_where_the_file_lives():
    v = extraction_version()
    a = article("flood.md", FLOOD)
    assert article_key(a, v) == article_key(dataclasses.replace(a, path="/elsewhere/flood.md"), v)
    assert article_key(a, v) != article_key(dataclasses.replace(a, text=FLOOD + "More rain fell.\n"), v)
    assert article_key(a, v) != article_key(dataclasses.replace(a, date=dt.date(2023, 5, 9)), v)
    assert article_key(a, v) != article_key(a, v + "x")


def test_the_extraction_version_follows_the_extraction_code(monkeypatch):
    before = extraction_version()
    assert before == extraction_version()
    monkeypatch.setattr(claim_cache, "EXTRACTION_VERSION", claim_cache.EXTRACTION_VERSION + 1)
    extraction_version.cache_clear()
    try:
        assert extraction_version() != before
    finally:
        monkeypatch.undo()
        extraction_version.cache_clear()


def test_the_extraction_version_hashes_every_package_module_the_extraction_imports():
    """A vocabulary edit (a currency, a month name) must re-extract cached claims."""
    import ast
    from pathlib import Path

    hashed = {f.resolve() for f in claim_cache._package_files()}
    for path in sorted(hashed):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.ImportFrom) and node.level):
                continue
            base = path.parent
            for _ in range(node.level - 1):
                base = base.parent
            modules = [node.module] if node.module else [alias.name for alias in node.names]
            for module in set(modules) - {"ingest"}:  # claims.py takes only the warning class from ingest
                target = base.joinpath(*module.split("."))
                files = sorted(target.rglob("*.py")) if target.is_dir() else [target.with_suffix(".py")]
                missing = [f for f in files if f.is_file() and f.resolve() not in hashed]
                assert not missing, f"{path.name} imports {module}, which the extraction version does not hash"


def test_a_second_run_parses_nothing_and_an_edited_article_is_parsed_again(tmp_path):
    flood, fire = article("flood.md", FLOOD), article("fire.md", FIRE)
    first = extract_corpus([flood, fire], cache_dir=tmp_path)
    assert first.parsed == 2
    again = extract_corpus([article("flood.md", FLOOD), article("fire.md", FIRE)], cache_dir=tmp_path)
    assert again.parsed == 0
    assert again.claims == first.claims
    edited = article("fire.md", FIRE.replace("1,200", "1,500"))
    third = extract_corpus([article("flood.md", FLOOD), edited], cache_dir=tmp_path)
    assert third.parsed == 1
    assert any("1,500" in c.text for c in third.claims)


def test_an_unreadable_cache_entry_is_parsed_again(tmp_path):
    flood = article("flood.md", FLOOD)
    extract_corpus([flood], cache_dir=tmp_path)
    key = article_key(flood, extraction_version())
    ClaimCache(tmp_path / "claims.sqlite").put_many({key: b"not a pickle"}, extraction_version())
    result = extract_corpus([flood], cache_dir=tmp_path)
    assert result.parsed == 1 and result.claims == extract_claims([flood])


@pytest.mark.parametrize("processes", [2])
def test_parsing_in_worker_processes_gives_the_same_claims_in_the_same_order(processes):
    articles = [article(f"{i}.md", text) for i, text in enumerate([FLOOD, FIRE, FLOOD.upper(), FIRE * 2])]
    here = extract_corpus(articles, cache_dir=None, processes=1)
    pooled = extract_corpus(articles, cache_dir=None, processes=processes)
    assert pooled.processes == processes
    assert pooled.claims == here.claims
    assert all(c.article is a for a in articles for c in pooled.claims if c.source_id == a.source_id)
