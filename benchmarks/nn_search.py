"""The per-block nearest-neighbour search: ours (numpy) against scikit-learn's NearestNeighbors.

    python -m benchmarks.nn_search ../shared/corpora/basil [--repeat 5]

Runs the checker once (claims and vectors from the cache after the first
time), then times the cluster stage's ``Clusterer.fit`` on the same vectors,
events and bridges two ways: with ``cluster.block_neighbours`` as it is, and
with each event block searched by ``sklearn.neighbors.NearestNeighbors``
(brute force, cosine metric; bridge blocks, which mask pairs of one event or
of two unanchored claims, have no scikit-learn equivalent and stay as they
are). Prints the best wall time of each, the number of blocks, and whether
links, their similarities, nearby pairs and cluster labels are identical.
"""
from __future__ import annotations

import argparse
import time
from unittest import mock

import numpy as np

from crosscheck import cluster
from crosscheck.events import bridge_keys, claim_groups, group_articles, topic_keys

_ours = cluster.block_neighbours


def sklearn_block_neighbours(X, members, k, member_groups=None, anchored=None):
    """``block_neighbours`` through NearestNeighbors where the block has no mask."""
    if member_groups is not None or anchored is not None:
        return _ours(X, members, k, member_groups, anchored)
    from sklearn.neighbors import NearestNeighbors

    m = len(members)
    if m < 2 or k < 1:
        return _ours(X, members, k)
    k = min(k, m - 1)
    Xb = X[members]
    dist, idx = NearestNeighbors(n_neighbors=k + 1, algorithm="brute", metric="cosine").fit(Xb).kneighbors(Xb)
    rows = np.repeat(np.arange(m), k + 1).reshape(m, k + 1)
    keep = idx != rows  # drop each member itself (not always first: duplicates tie at distance 0)
    keep[keep.sum(axis=1) > k, -1] = False  # self not among the k + 1: drop the farthest instead
    return (members[rows[keep]], members[idx[keep]], (1.0 - dist[keep]).astype(np.float32))


def fit(X, claims, articles, threshold):
    groups = group_articles(articles, claims, X)
    return cluster.Clusterer(threshold=threshold).fit(
        X, [c.source_id for c in claims], groups=claim_groups(claims, groups),
        bridges=[bridge_keys(c) for c in claims], topics=topic_keys(claims))


def best_of(repeat, X, claims, articles, threshold):
    times, fitted = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        fitted = fit(X, claims, articles, threshold)
        times.append(time.perf_counter() - t)
    return min(times), fitted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import crosscheck
    from crosscheck.embed import Embedder

    checker = crosscheck.Checker()
    result = checker.run([args.corpus])
    X = Embedder(cache_dir=checker.params().cache_dir).transform([c.text for c in result.claims])
    threshold = result.params["cluster"]["threshold"]
    blocks = cluster.blocks_of(claim_groups(result.claims, group_articles(result.articles, result.claims, X)))

    ours_s, ours = best_of(args.repeat, X, result.claims, result.articles, threshold)
    with mock.patch.object(cluster, "block_neighbours", sklearn_block_neighbours):
        sk_s, sk = best_of(args.repeat, X, result.claims, result.articles, threshold)

    same_pairs = set(ours.links_) == set(sk.links_)
    max_diff = max((abs(ours.links_[p] - sk.links_[p]) for p in set(ours.links_) & set(sk.links_)), default=0.0)
    print(f"corpus: {args.corpus}: {len(result.claims):,} claims, {len(blocks):,} event blocks "
          f"(largest {max(map(len, blocks), default=0):,})")
    print(f"Clusterer.fit, best of {args.repeat}: numpy {ours_s:.3f} s, sklearn NearestNeighbors {sk_s:.3f} s "
          f"({sk_s / ours_s:.2f}x)")
    print(f"links: {len(ours.links_):,} vs {len(sk.links_):,}; same pairs: {same_pairs}; "
          f"only ours: {len(set(ours.links_) - set(sk.links_))}, only sklearn: {len(set(sk.links_) - set(ours.links_))}; "
          f"largest similarity difference: {max_diff:.2e}")
    print(f"nearby pairs same: {set(ours.nearby_) == set(sk.nearby_)}; "
          f"cluster labels same: {bool(np.array_equal(ours.labels_, sk.labels_))}")


if __name__ == "__main__":
    main()
