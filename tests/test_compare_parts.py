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
