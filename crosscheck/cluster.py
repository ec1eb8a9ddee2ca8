"""Claim vectors -> cross-source links and clusters.

Method: an exact nearest-neighbour search over unit vectors (cosine = dot
product) finds, for every claim, its closest claims; for each *other* source
we keep the ``per_source`` best neighbours whose cosine similarity is at least
``threshold``. Those links are the candidate pairs the comparators read (the
runner-up matters when a sentence carries several facts). Clusters are the
connected components of the *mutual best* links (each claim is the other's
closest claim in that source), which keeps them tight: linking every kept
pair would chain loosely related claims into a few large blobs.

The search is *blocked*: claims are only searched among claims of the same
event group (``groups``), plus, across groups, among claims that share a
bridge key (an explicit year and a named participant, see
``events.bridge_keys``), because only such pairs may be compared at all. The
cost is the sum of the squared block sizes, near-linear in the number of
events, instead of the square of the corpus; nothing builds an n-by-n matrix
(each block is searched in slices of at most ``MAX_BLOCK_CELLS``
similarities), and the graph holds at most ``n * n_neighbors`` links.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .model import Cluster

DEFAULT_THRESHOLD = 0.6
MAX_BLOCK_CELLS = 4_000_000  # similarities held at once while searching one block (16 MB)
THREADED_BLOCK = 4_096  # blocks of at least this many claims are searched with every BLAS thread
MAX_TOPIC_BLOCK = 2_000  # a topic more claims share ("U.S.") is too broad to point at a related claim


def single_threaded_blas():
    """A context in which numpy's BLAS runs on one thread (small products; busy machines)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def _rank_within_runs(keys: np.ndarray) -> np.ndarray:
    """Position of each element inside its run of equal consecutive keys (keys sorted)."""
    n = len(keys)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    run_start = np.repeat(starts, np.diff(np.r_[starts, n]))
    return np.arange(n) - run_start


def block_neighbours(X: np.ndarray, members: np.ndarray, k: int, member_groups: np.ndarray | None = None,
                     anchored: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, cols, sims): each member's ``k`` most similar other members (global indices).

    With ``member_groups``, members of the same group are not neighbours
    (the search across event groups looks only at other groups); with
    ``anchored``, two members that are both not anchored are not neighbours.
    """
    m = len(members)
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
    if m < 2 or k < 1:
        return empty
    Xb = X[members]
    k = min(k, m - 1)
    step = max(1, MAX_BLOCK_CELLS // m)
    rows, cols, sims = [], [], []
    for r0 in range(0, m, step):
        S = Xb[r0: r0 + step] @ Xb.T
        c = S.shape[0]
        S[np.arange(c), r0 + np.arange(c)] = -np.inf
        if member_groups is not None:
            S[member_groups[r0: r0 + c, None] == member_groups[None, :]] = -np.inf
        if anchored is not None:
            S[~anchored[r0: r0 + c, None] & ~anchored[None, :]] = -np.inf
        idx = np.argpartition(-S, k - 1, axis=1)[:, :k] if k < m - 1 else np.argsort(-S, axis=1)[:, :k]
        top = np.take_along_axis(S, idx, axis=1)
        keep = np.isfinite(top)
        rows.append(np.repeat(members[r0: r0 + c], k)[keep.ravel()])
        cols.append(members[idx][keep])
        sims.append(top[keep])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(sims).astype(np.float32)


def blocks_of(labels: Sequence[int] | np.ndarray) -> list[np.ndarray]:
    """Indices of each label's members, for labels with at least two members."""
    labels = np.asarray(labels)
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    cuts = np.flatnonzero(sorted_labels[1:] != sorted_labels[:-1]) + 1
    return [b for b in np.split(order, cuts) if len(b) >= 2]


Bridges = Iterable[Iterable[tuple[Hashable, bool]]]  # per claim: (key, anchored); read once, in order


def bridge_blocks(bridges: Bridges, groups: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """(members, anchored) of each key held by claims of two or more groups, one of them anchored."""
    holders: dict[Hashable, dict[int, bool]] = defaultdict(dict)
    for i, keys in enumerate(bridges):
        for key, anchored in keys:
            holders[key][i] = holders[key].get(i, False) or bool(anchored)
    out = []
    for key in sorted(holders, key=repr):
        held = holders[key]
        if len(held) < 2 or not any(held.values()):
            continue
        idx = np.fromiter(held, dtype=np.int64, count=len(held))
        if len(np.unique(groups[idx])) >= 2:
            out.append((idx, np.fromiter(held.values(), dtype=bool, count=len(held))))
    return out


class Clusterer:
    def __init__(self, *, threshold: float = DEFAULT_THRESHOLD, n_neighbors: int = 30, per_source: int = 2):
        self.threshold = threshold
        self.n_neighbors = n_neighbors
        self.per_source = per_source

    def get_params(self) -> dict:
        return {"threshold": self.threshold, "n_neighbors": self.n_neighbors, "per_source": self.per_source}

    def _validate(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")
        if self.n_neighbors < 1 or self.per_source < 1:
            raise ValueError("n_neighbors and per_source must be at least 1")

    def _search(self, X: np.ndarray, searches: list[tuple[np.ndarray, np.ndarray | None, np.ndarray | None]],
                k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(rows, cols, sims) of each block member's k nearest members (see ``block_neighbours``) that are
        at the threshold: ``_select`` keeps no other, and drops none for them (a neighbour under the
        threshold is never more similar than one at it, so ranks of those at it stay the same)."""
        def at_threshold(found: tuple[np.ndarray, np.ndarray, np.ndarray]) -> tuple:
            keep = found[2] >= self.threshold
            return found if keep.all() else tuple(x[keep] for x in found)

        small = [s for s in searches if len(s[0]) < THREADED_BLOCK]
        with single_threaded_blas():  # thousands of small products: thread hand-offs would cost more than them
            found = [at_threshold(block_neighbours(X, b, k, g, a)) for b, g, a in small]
        found += [at_threshold(block_neighbours(X, b, k, g, a)) for b, g, a in searches if len(b) >= THREADED_BLOCK]
        if not found:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
        return tuple(np.concatenate(parts) for parts in zip(*found))  # type: ignore[return-value]

    def candidates(self, X: np.ndarray, groups: np.ndarray,
                   bridges: Bridges | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(rows, cols, sims) of every claim's nearest claims within its group and across bridges."""
        searches = [(b, None, None) for b in blocks_of(groups)]
        if bridges is not None:
            searches += [(b, groups[b], anchored) for b, anchored in bridge_blocks(bridges, groups)]
        return self._search(X, searches, self.n_neighbors)

    def _select(self, I: np.ndarray, J: np.ndarray, S: np.ndarray, source_code: np.ndarray,
                n_sources: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each claim's n_neighbors nearest, then those at the threshold in other sources, per_source each."""
        # one entry per (claim, neighbour): a pair found in two blocks keeps its best similarity
        order = np.lexsort((-S, J, I))
        I, J, S = I[order], J[order], S[order]
        first = np.r_[True, (I[1:] != I[:-1]) | (J[1:] != J[:-1])] if len(I) else np.zeros(0, bool)
        I, J, S = I[first], J[first], S[first]
        order = np.lexsort((J, -S, I))  # each claim's neighbours, most similar first
        I, J, S = I[order], J[order], S[order]
        keep = (_rank_within_runs(I) < self.n_neighbors) & (S >= self.threshold) & (source_code[I] != source_code[J])
        I, J, S = I[keep], J[keep], S[keep]
        by_source = np.lexsort((J, -S, source_code[J], I))  # best first within each (claim, other source)
        I, J, S = I[by_source], J[by_source], S[by_source]
        capped = _rank_within_runs(I * n_sources + source_code[J]) < self.per_source
        return I[capped], J[capped], S[capped]

    @staticmethod
    def _pairs(I: np.ndarray, J: np.ndarray, S: np.ndarray) -> dict[tuple[int, int], float]:
        links: dict[tuple[int, int], float] = {}
        for i, j, sim in zip(np.minimum(I, J).tolist(), np.maximum(I, J).tolist(), S.tolist()):
            if sim > links.get((i, j), -1.0):
                links[(i, j)] = sim
        return dict(sorted(links.items()))

    def fit(self, X: np.ndarray, sources: Sequence[str], groups: Sequence[int] | None = None,
            bridges: Bridges | None = None, topics: Iterable[Iterable[Hashable]] | None = None) -> "Clusterer":
        """Link each claim to its best matches in other sources; label components.

        ``groups`` (one label per claim; default: one group) limits the search
        to claims of the same group; ``bridges`` (one set of ``(key, anchored)``
        per claim) also searches, across groups, claims that share a key and
        of which at least one holds it anchored. ``topics`` (one set of keys
        per claim, e.g. the participants it names) finds, across groups,
        similar claims about the same topic: ``nearby_``, the pairs a report
        lists as "not compared because the events differ".
        """
        self._validate()
        X = np.asarray(X, dtype=np.float32)
        n = X.shape[0]
        groups_arr = np.zeros(n, dtype=np.int64) if groups is None else np.asarray(groups)
        source_code = np.unique([str(s) for s in sources], return_inverse=True)[1].astype(np.int64).ravel() \
            if n else np.zeros(0, np.int64)
        n_sources = int(source_code.max()) + 1 if n else 1
        I, J, S = self._select(*self.candidates(X, groups_arr, bridges), source_code, n_sources)
        self.links_ = self._pairs(I, J, S)
        # each claim's best neighbour in each other source: the first of its (claim, source) run
        first = _rank_within_runs(I * n_sources + source_code[J]) == 0
        best = set(zip(I[first].tolist(), J[first].tolist()))
        mutual = {(i, j): sim for (i, j), sim in self.links_.items() if (i, j) in best and (j, i) in best}
        self.labels_ = self._components(n, mutual)
        self.nearby_: dict[tuple[int, int], float] = {}
        if topics is not None:
            searches = [(b, groups_arr[b], None) for b, _ in bridge_blocks(  # topics read once: may be lazy
                (((key, True) for key in keys) for keys in topics), groups_arr) if len(b) <= MAX_TOPIC_BLOCK]
            nearby = self._pairs(*self._select(*self._search(X, searches, self.per_source), source_code, n_sources))
            self.nearby_ = {pair: sim for pair, sim in nearby.items() if pair not in self.links_}
        return self

    @staticmethod
    def _components(n: int, links: dict[tuple[int, int], float]) -> np.ndarray:
        if n == 0:
            return np.zeros(0, dtype=int)
        if not links:
            return np.arange(n)
        rows, cols = zip(*links)
        graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
        _, labels = connected_components(graph, directed=False)
        return labels

    def clusters(self, sources: Sequence[str]) -> list[Cluster]:
        """Multi-source clusters, numbered in order of their first claim."""
        members: dict[int, list[int]] = {}
        for i, label in enumerate(self.labels_):
            members.setdefault(int(label), []).append(i)
        sims: dict[int, list[float]] = {}
        for (i, j), sim in self.links_.items():
            if self.labels_[i] == self.labels_[j]:
                sims.setdefault(int(self.labels_[i]), []).append(sim)
        out = []
        for label, idx in sorted(members.items(), key=lambda kv: kv[1][0]):
            if len({sources[i] for i in idx}) < 2:
                continue
            out.append(Cluster(id=len(out), members=tuple(idx), similarity=float(np.mean(sims.get(label, [0.0])))))
        return out


class ClusterTable(Sequence):
    """Clusters as three arrays (members, where each cluster's members start, similarities): the same
    Sequence of ``Cluster`` as ``Clusterer.clusters`` gives, at 8 bytes a member instead of an object
    per cluster. The Dask engine's client holds an archive's clusters so."""

    def __init__(self, clusters: Sequence[Cluster]):
        if any(c.id != k for k, c in enumerate(clusters)):
            raise ValueError("clusters must be numbered 0, 1, ... in order")
        self.starts = np.cumsum([0, *(len(c.members) for c in clusters)]).astype(np.int64)
        self.members = np.fromiter((i for c in clusters for i in c.members), np.int64, int(self.starts[-1]))
        self.similarity = np.fromiter((c.similarity for c in clusters), np.float64, len(clusters))

    def __len__(self) -> int:
        return len(self.similarity)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[n] for n in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError("cluster index out of range")
        return Cluster(id=k, members=tuple(self.members[self.starts[k]: self.starts[k + 1]].tolist()),
                       similarity=float(self.similarity[k]))
