import numpy as np
import pytest

from crosscheck import cluster
from crosscheck.cluster import Clusterer


def brute_force_links(X, sources, *, threshold, n_neighbors, per_source):
    """The documented semantics, computed the slow way with a full similarity matrix."""
    S = X @ X.T
    links = {}
    for i in range(len(X)):
        order = sorted((j for j in range(len(X)) if j != i), key=lambda j: (-S[i, j], j))[:n_neighbors]
        kept = {}
        for j in order:
            if S[i, j] < threshold or sources[j] == sources[i] or kept.get(sources[j], 0) >= per_source:
                continue
            kept[sources[j]] = kept.get(sources[j], 0) + 1
            key = (min(i, j), max(i, j))
            links[key] = max(links.get(key, -1.0), float(S[i, j]))
    return links


def unit_vectors_with_paraphrases(n_topics=40, per_topic=5, dim=32, seed=0):
    rng = np.random.default_rng(seed)
    topics = rng.normal(size=(n_topics, dim))
    X = np.repeat(topics, per_topic, axis=0) + 0.35 * rng.normal(size=(n_topics * per_topic, dim))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    sources = [f"s{rng.integers(4)}.md" for _ in range(len(X))]
    return X.astype(np.float32), sources


@pytest.mark.parametrize("cells", [cluster.MAX_BLOCK_CELLS, 500])  # 500: the block is searched in slices
def test_search_in_one_group_finds_exactly_the_brute_force_links(monkeypatch, cells):
    monkeypatch.setattr(cluster, "MAX_BLOCK_CELLS", cells)
    X, sources = unit_vectors_with_paraphrases()
    model = Clusterer(threshold=0.6, n_neighbors=6, per_source=2).fit(X, sources)
    expected = brute_force_links(X, sources, threshold=0.6, n_neighbors=6, per_source=2)
    assert model.links_.keys() == expected.keys()
    assert all(abs(model.links_[k] - expected[k]) < 1e-5 for k in expected)


def test_claims_of_different_event_groups_are_linked_only_through_a_shared_bridge_key():
    v = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]], dtype=np.float32)
    sources = ["a.md", "b.md", "c.md", "d.md"]
    groups = [0, 1, 0, 1]  # claims 0/1 and 2/3 are identical but their articles report different events
    assert Clusterer().fit(v, sources, groups=groups).links_ == {}
    bridges = [{((2019, "acme"), True)}, {((2019, "acme"), True)}, {((2019, "acme"), True)}, {((2020, "acme"), True)}]
    links = Clusterer().fit(v, sources, groups=groups, bridges=bridges).links_
    assert set(links) == {(0, 1)}
    # a year only the paragraphs name (not anchored on either side) bridges nothing
    weak = [{((2019, "acme"), False)}, {((2019, "acme"), False)}, set(), set()]
    assert Clusterer().fit(v, sources, groups=groups, bridges=weak).links_ == {}
    half = [{((2019, "acme"), True)}, {((2019, "acme"), False)}, set(), set()]
    assert set(Clusterer().fit(v, sources, groups=groups, bridges=half).links_) == {(0, 1)}


def test_each_claim_keeps_at_most_per_source_links_to_one_other_source():
    X = np.tile(np.array([[1.0, 0.0]], dtype=np.float32), (8, 1))  # all alike, ties broken by index
    sources = ["a.md"] * 3 + ["b.md"] * 5
    links = Clusterer(per_source=2).fit(X, sources).links_
    # claim 2 picks two of b's claims, and no b claim picks it back (each prefers a's claims 0 and 1)
    assert sorted(j for i, j in links if i == 2) == [3, 4]
    assert sorted(i for i, j in links if j == 7) == [0, 1]


def test_groups_of_one_claim_and_empty_input_give_no_links():
    X = np.eye(3, dtype=np.float32)
    assert Clusterer().fit(X, ["a", "b", "c"], groups=[0, 1, 2]).links_ == {}
    empty = Clusterer().fit(np.zeros((0, 3), np.float32), [])
    assert empty.links_ == {} and len(empty.labels_) == 0


def test_similar_claims_of_other_events_are_found_as_nearby_only_through_a_shared_topic():
    v = np.array([[1.0, 0.0], [0.99, 0.14], [0.0, 1.0]], dtype=np.float32)
    sources, groups = ["a.md", "b.md", "c.md"], [0, 1, 2]
    assert Clusterer().fit(v, sources, groups=groups, topics=[{"acme"}, {"zenith"}, {"acme"}]).nearby_ == {}
    model = Clusterer().fit(v, sources, groups=groups, topics=[{"acme"}, {"acme"}, {"acme"}])
    assert model.links_ == {} and set(model.nearby_) == {(0, 1)}  # claim 2 is not similar to either


def test_candidates_under_the_threshold_are_cut_per_block_and_the_selection_is_the_same():
    # groups and bridge keys: a claim's candidates come from several blocks, most of them under the threshold
    X, sources = unit_vectors_with_paraphrases(n_topics=30, per_topic=6, seed=3)
    rng = np.random.default_rng(3)
    groups = rng.integers(0, 6, len(X))
    bridges = [{((int(rng.integers(3)), "x"), bool(rng.integers(2)))} for _ in range(len(X))]
    model = Clusterer(threshold=0.6, n_neighbors=8, per_source=2)
    I, J, S = model.candidates(X, groups, bridges)
    searches = [(b, None, None) for b in cluster.blocks_of(groups)]
    searches += [(b, groups[b], a) for b, a in cluster.bridge_blocks(bridges, groups)]
    uncut = tuple(np.concatenate(p) for p in zip(*(cluster.block_neighbours(X, b, 8, g, a) for b, g, a in searches)))
    assert (S >= 0.6).all() and (uncut[2] < 0.6).sum() > len(S)  # the cut drops most candidates
    code = np.unique(sources, return_inverse=True)[1]
    kept, expected = model._select(I, J, S, code, code.max() + 1), model._select(*uncut, code, code.max() + 1)
    assert len(expected[0]) > 20
    for a, b in zip(kept, expected):
        np.testing.assert_array_equal(a, b)


def test_a_cluster_table_reads_as_the_clusters_it_was_made_of():
    X, sources = unit_vectors_with_paraphrases()
    clusters = Clusterer(threshold=0.6, n_neighbors=6, per_source=2).fit(X, sources).clusters(sources)
    table = cluster.ClusterTable(clusters)
    assert len(clusters) > 5 and len(table) == len(clusters)
    assert list(table) == clusters and table[-1] == clusters[-1] and table[1:3] == clusters[1:3]
    assert table.members.nbytes == 8 * sum(len(c.members) for c in clusters)
    with pytest.raises(IndexError):
        table[len(clusters)]
    assert list(cluster.ClusterTable([])) == []
