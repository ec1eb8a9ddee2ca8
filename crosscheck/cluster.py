"""Claim vectors -> cross-source links and clusters.

Method: a nearest-neighbour search over unit vectors (scikit-learn,
cosine) finds, for every claim, its closest claims; for each *other* source
we keep the ``per_source`` best neighbours whose cosine similarity is at least
``threshold``. Those links are the candidate pairs the comparators read (the
runner-up matters when a sentence carries several facts). Clusters are the
connected components of the *mutual best* links (each claim is the other's
closest claim in that source), which keeps them tight: linking every kept
pair would chain loosely related claims into a few large blobs. Nothing
builds an n-by-n matrix, and the graph holds at most
``n * per_source * sources`` links.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .model import Cluster

DEFAULT_THRESHOLD = 0.6


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

    def neighbours(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(similarities, indices) of each row's nearest rows, itself excluded."""
        from sklearn.neighbors import NearestNeighbors

        n = X.shape[0]
        k = min(self.n_neighbors + 1, n)
        nn = NearestNeighbors(n_neighbors=k, metric="cosine", algorithm="brute").fit(X)
        dist, idx = nn.kneighbors(X)
        return 1.0 - dist, idx

    def fit(self, X: np.ndarray, sources: Sequence[str]) -> "Clusterer":
        """Link each claim to its best matches in other sources; label components."""
        self._validate()
        n = X.shape[0]
        links: dict[tuple[int, int], float] = {}
        best: dict[tuple[int, str], int] = {}
        if n >= 2:
            sims, idx = self.neighbours(X)
            for i in range(n):
                kept: dict[str, int] = {}
                for sim, j in zip(sims[i], idx[i]):
                    j = int(j)
                    if j == i or sim < self.threshold or sources[j] == sources[i]:
                        continue
                    if kept.get(sources[j], 0) >= self.per_source:
                        continue
                    best.setdefault((i, sources[j]), j)
                    kept[sources[j]] = kept.get(sources[j], 0) + 1
                    key = (i, j) if i < j else (j, i)
                    links[key] = max(links.get(key, 0.0), float(sim))
        self.links_ = links
        mutual = {key: sim for key, sim in links.items()
                  if best.get((key[0], sources[key[1]])) == key[1] and best.get((key[1], sources[key[0]])) == key[0]}
        self.labels_ = self._components(n, mutual)
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
