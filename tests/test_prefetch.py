"""Embedding while worker processes parse (``embed.Prefetch``): each text embedded once, the same vectors.

The model is replaced by a bag-of-words encoder that records what it is given;
spaCy and the parsing pool are real. Work is counted, never timed.
"""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from crosscheck.embed import Embedder, Prefetch
from crosscheck.pipeline import Params, run

from review.conftest import fake_vectors

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


class Recording(Embedder):
    """An Embedder whose model is a bag of words; ``seen`` lists every text it embedded."""

    def __init__(self, **options):
        super().__init__(**options)
        self.seen: list[str] = []
        self.lock = threading.Lock()
        self.first = threading.Event()

    def encode(self, texts, progress=None):
        with self.lock:
            self.seen.extend(texts)
        self.first.set()
        return fake_vectors(list(texts))


def test_texts_handed_over_are_embedded_once_and_not_again_by_transform():
    embedder = Recording(cache_dir=None)
    prefetch = Prefetch(embedder)
    prefetch.add(["one claim", "two claims", "one claim"])
    assert embedder.first.wait(60)  # the thread embedded them
    known = prefetch.close()
    assert sorted(known) == ["one claim", "two claims"] and prefetch.embedded == 2
    X = embedder.transform(["two claims", "three claims", "one claim"], known=known)
    assert sorted(embedder.seen) == ["one claim", "three claims", "two claims"]  # each once
    assert embedder.n_embedded_ == 1
    assert np.array_equal(X, fake_vectors(["two claims", "three claims", "one claim"]))


def test_close_leaves_texts_not_yet_embedded_to_transform():
    embedder = Recording(cache_dir=None)
    gate = threading.Event()
    encode = embedder.encode

    def slow(texts, progress=None):
        gate.wait(60)
        return encode(texts, progress)

    embedder.encode = slow
    prefetch = Prefetch(embedder)
    prefetch.SLICE = 2
    prefetch.add([f"claim number {n}" for n in range(7)])
    closing = threading.Thread(target=prefetch.close)
    closing.start()
    gate.set()
    closing.join(60)
    known = prefetch.close()
    assert len(known) <= 2 and prefetch.embedded == len(known)  # at most the slice it was embedding
    texts = [f"claim number {n}" for n in range(7)]
    embedder.transform(texts, known=known)
    assert sorted(embedder.seen) == sorted(texts)


def test_a_run_with_parsing_workers_embeds_each_text_once_and_gives_the_same_vectors(tmp_path):
    overlapped = Recording(cache_dir=None)
    result = run([SEEDS], Params(embedder=overlapped, cache_dir=None, processes=2))
    texts = {c.text for c in result.claims}
    assert sorted(overlapped.seen) == sorted(texts)  # every text once, whether in the thread or after parsing
    assert result.embedded == len(texts)
    assert np.array_equal(result.vectors, fake_vectors([c.text for c in result.claims]))
    alone = run([SEEDS], Params(embedder=Recording(cache_dir=None), cache_dir=None, processes=1))
    assert [f.id for f in alone.findings] == [f.id for f in result.findings] and result.findings
