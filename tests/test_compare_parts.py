"""The Dask engine's split of events and comparison gives what the local engine gives.

Events grouped from per-article summaries (``events.group_summaries``) and
comparison run in parts of whole events (``compare.compare_part``, one part
per event here, so every cross-event pair crosses parts) are checked against
``group_articles`` and ``compare.compare`` on the same claims. No cluster:
the functions the engine's tasks call, in this process. The embedding model
is replaced by a bag-of-words embedder; spaCy and the rules are real.
"""
from __future__ import annotations

from collections import Counter

import pytest

from crosscheck.compare import (blocked_candidates, compare_part, conflicted_pairs, registry,
                                scan_corpus_wide)
from crosscheck.compare.base import Rule, ScanContext
from crosscheck.engines.dask import (ClaimRefs, Layout, _Stored, _StoredKeys, light_observations, light_skipped,
                                     parts_of, summary)
from crosscheck.events import group_articles, group_summaries, shared_sentences_of
from crosscheck.model import Facts
from crosscheck.pipeline import Params, _claims_and_vectors, findings_of, link_and_compare, link_claims

from review.conftest import fake_vectors
from review.fire_articles import GAZETTE, HERALD, TIMES

SEEDS = __import__("pathlib").Path(__file__).resolve().parents[1] / "seeds"


class BagOfWords:
    def transform(self, texts, progress=None):
        return fake_vectors(list(texts))


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    fire = tmp_path_factory.mktemp("fire")
    for name, text in (("times.md", TIMES), ("herald.md", HERALD), ("gazette.md", GAZETTE)):
        (fire / name).write_text(text, encoding="utf-8")
    params = Params(embedder=BagOfWords(), cache_dir=None, processes=1)
    return params, _claims_and_vectors([SEEDS, fire], params, None, {})


def test_events_from_summaries_are_the_events_from_claims(front):
    _, f = front
    rows: dict[str, list[int]] = {}
    for i, c in enumerate(f.claims):
        rows.setdefault(c.source_id, []).append(i)
    summaries = {sid: summary(f.X[found], [f.claims[i] for i in found]) for sid, found in rows.items()}
    grouped = group_summaries(f.articles, {sid: s for sid, (s, _) in summaries.items()}, shared_sentences_of(
        (a.source_id, key) for a in f.articles for key in summaries.get(a.source_id, (None, ()))[1]))
    expected = group_articles(f.articles, f.claims, f.X)
    assert grouped == expected
    assert len(set(expected.group_of.values())) >= 2  # seeds and the fire: more than one event


def test_comparison_in_parts_of_one_event_gives_the_local_findings(front):
    params, f = front
    local = link_and_compare(f, params, {})
    claims = f.claims
    groups, clusterer = link_claims(f.articles, claims, f.X, params.threshold)
    links = {**clusterer.nearby_, **clusterer.links_}
    rules = registry.active()
    blocked = blocked_candidates(claims, set(links), groups, rules)
    wide = scan_corpus_wide(claims, rules, ScanContext(same_event=groups.same, event_of=groups.group_of.get))

    counts = Counter(c.source_id for c in claims)
    layout = Layout(f.articles, {a.source_id: counts[a.source_id] for a in f.articles})
    pieces = parts_of(f.articles, counts, groups, most=1)
    part_of = {sid: n for n, piece in enumerate(pieces) for sid in piece}
    assert len(pieces) == len(set(groups.group_of.values())) >= 2
    observations, skipped, crossing = list(wide), [], 0
    for n, own in enumerate(pieces):
        mine = {(i, j): s for (i, j), s in links.items() if part_of[layout.article_of(i)] == n}
        mine_blocked = [(i, j) for i, j in blocked if part_of[layout.article_of(i)] == n]
        crossing += sum(part_of[layout.article_of(j)] != n for i, j in mine)
        index = [layout.first[sid] + k for sid in own for k in range(counts[sid])]
        reached = set(own) | {layout.article_of(j) for _, j in (*mine, *mine_blocked)}
        done = compare_part(n, index, claims.__getitem__, mine, mine_blocked, groups, rules,
                            conflicted_pairs(o for _, o in wide), size=len(claims),
                            read=[c for c in claims if c.source_id in reached])
        observations += done.observations
        skipped += done.skipped
    assert crossing  # some pairs join claims of two parts
    shown, hidden = findings_of([o for _, o in sorted(observations, key=lambda ko: ko[0])], params)
    assert [f.id for f in shown] == [f.id for f in local.findings] and len(shown) > 5
    assert shown == local.findings and hidden == local.hidden
    assert [s for _, s in sorted(skipped, key=lambda ks: ks[0])] == local.skipped

    # what the engine's tasks send the client: claims by reference, rebuilt there without facts
    refs = ClaimRefs({a.source_id: a for a in f.articles})
    light = sorted(light_observations(observations), key=lambda ko: ko[0])
    shown, hidden = findings_of([refs.observation(o) for _, o in light], params)
    assert [seen(x) for x in shown] == [seen(x) for x in local.findings]
    assert [seen(x) for x in hidden] == [seen(x) for x in local.hidden]
    assert {e.claim.facts for x in shown for e in x.evidence} == {Facts()}
    assert len(refs.claims) == len({e.claim.key for x in (*local.findings, *local.hidden) for e in x.evidence})
    rebuilt = [refs.skipped(s) for _, s in sorted(light_skipped(skipped), key=lambda ks: ks[0])]
    assert [(s.a.key, s.b.key, s.a.text, s.similarity, s.reason) for s in rebuilt] == \
        [(s.a.key, s.b.key, s.a.text, s.similarity, s.reason) for s in local.skipped]


def seen(finding) -> tuple:
    """What the reports show of a finding: everything but the claims' facts."""
    return (finding.id, finding.kind, finding.rule, finding.severity, finding.confidence, finding.explanation,
            [(e.claim.key, e.claim.text, e.claim.line, e.claim.attribution, e.value, e.norm) for e in finding.evidence])


def test_blocked_pairs_from_stored_keys_are_the_claims_blocked_pairs(front):
    # the Dask links task finds blocking-key pairs from the keys the claims tasks stored, no claim loaded
    params, f = front
    groups, clusterer = link_claims(f.articles, f.claims, f.X, params.threshold)
    linked = set(clusterer.nearby_) | set(clusterer.links_)
    rules = registry.active()
    keyed = [r for r in rules if type(r).blocking_keys is not Rule.blocking_keys]
    stored = [_Stored(c.source_id, c.facts.years, c.facts.context_years, c.facts.entities,
                      {type(r).code: sorted(set(r.blocking_keys(c))) for r in keyed}) for c in f.claims]
    expected = blocked_candidates(f.claims, linked, groups, rules)
    assert expected  # the fire articles share a blocking key their sentences do not link
    assert blocked_candidates(stored, linked, groups, [_StoredKeys(type(r).code) for r in keyed]) == expected
    # the links task stores one shared placeholder for each claim without blocking keys
    from crosscheck.engines.dask import _NO_KEYS

    placeheld = [s if any(s.blocking.values()) else _NO_KEYS for s in stored]
    assert 0 < placeheld.count(_NO_KEYS) < len(placeheld)
    assert blocked_candidates(placeheld, linked, groups, [_StoredKeys(type(r).code) for r in keyed]) == expected


def test_corpus_wide_rules_find_the_same_in_claims_with_only_the_facts_they_read(front):
    from dataclasses import replace

    from crosscheck.compare import facts_read
    from crosscheck.engines.dask import _shared

    params, f = front
    groups, _ = link_claims(f.articles, f.claims, f.X, params.threshold)
    rules = registry.active()
    read = facts_read(rules)
    assert read == ("content", "names")  # NAM001's and ROL002's
    words: dict[str, str] = {}
    slim = [replace(c, facts=Facts(**{k: _shared(getattr(c.facts, k), words) for k in read})) for c in f.claims]
    assert [c.facts.names for c in slim] == [c.facts.names for c in f.claims]
    assert len(words) < sum(len(c.facts.content) for c in f.claims)  # a word of many claims is held once
    context = ScanContext(same_event=groups.same, event_of=groups.group_of.get)
    full = light_observations(scan_corpus_wide(f.claims, rules, context))
    assert len(full) >= 3 and {o[0] for _, o in full} <= {"NAM001", "ROL002"}
    assert light_observations(scan_corpus_wide(slim, rules, context)) == full

    class EveryFact(Rule):  # a corpus-wide rule nobody listed: its scan may read any fact
        code, name, category, scope = "ZZZ999", "every-fact", "test", "corpus"

    assert facts_read([*rules, EveryFact()]) is None


def test_ordered_claims_are_written_a_row_group_at_a_time_and_read_back_on_their_stored_articles(
        front, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    from crosscheck.engines import dask as engine

    _, f = front
    by_article: dict[str, list] = {}
    for c in f.claims:
        by_article.setdefault(c.source_id, []).append(c)
    # two partitions that alternate along the corpus order, and one partition kept: every switch re-reads
    part_of = {a.source_id: f"p{n % 2}" for n, a in enumerate(f.articles)}
    (tmp_path / "claims").mkdir()
    for name in ("p0", "p1"):
        engine.write_partition(tmp_path / "claims" / f"{name}.parquet",
                               [(a, by_article.get(a.source_id, [])) for a in f.articles if part_of[a.source_id] == name])
    monkeypatch.setattr(engine._Partitions, "KEEP", 1)
    ids = [a.source_id for a in f.articles]
    path = engine._write_ordered(tmp_path, ids, part_of, row_group=2)
    assert pq.ParquetFile(path).metadata.num_row_groups == -(-len(ids) // 2) >= 3
    assert pq.read_table(path, columns=["source_id"]).column(0).to_pylist() == ids
    stored = engine.StoredClaims(path, None, [len(by_article.get(sid, [])) for sid in ids])
    assert len(stored) == len(f.claims) > 50
    assert [(c.key, c.text, c.facts, c.attribution) for c in stored] == \
        [(c.key, c.text, c.facts, c.attribution) for c in f.claims]
    assert all(c.article == a for c, a in zip(stored, (c.article for c in f.claims)))
    assert stored[len(stored) - 1].key == f.claims[-1].key  # by number too
    # a comparison task's own articles, read by source id from their partitions, articles included
    wanted = ids[1::3]
    read = engine._read_claims(tmp_path, wanted, part_of)
    assert {sid: [c.key for c in found] for sid, found in read.items()} == \
        {sid: [c.key for c in by_article.get(sid, [])] for sid in wanted}


def test_a_part_reads_the_pairs_whose_first_claim_is_its_own(tmp_path):
    import numpy as np

    from crosscheck.engines.dask import _read_pairs, _write_pairs

    sim = float(np.float32(0.61234567))  # a similarity as the search gives it: a float32 value
    nearby = {(0, 5): 0.7, (3, 9): sim, (6, 7): 0.8}
    links = {(0, 2): 0.9, (4, 8): sim, (1, 3): 0.75}
    blocked = [(0, 7), (3, 4), (5, 6)]
    _write_pairs(tmp_path / "pairs.parquet", nearby, links, blocked)
    found, kept = _read_pairs(tmp_path / "pairs.parquet", [0, 1, 3])
    assert found == {(0, 5): 0.7, (3, 9): sim, (0, 2): 0.9, (1, 3): 0.75}
    assert list(found) == [(0, 5), (3, 9), (0, 2), (1, 3)]  # nearby pairs first, then links (in their order)
    assert kept == [(0, 7), (3, 4)]
    assert _read_pairs(tmp_path / "pairs.parquet", [2]) == ({}, [])
