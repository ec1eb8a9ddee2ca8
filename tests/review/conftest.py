"""Fixtures for the review and CI-gate tests.

``fake_embedder`` replaces the embedding model with a bag-of-words hash so the
gate's logic is tested in seconds; the e2e test (slow) uses the real model.
``number_rule`` replaces the rule registry with AGR001 plus a small test-only
rule, so these tests do not move when the real comparators are tuned.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

from crosscheck.model import Kind, Severity, Span
from .fire_articles import HERALD, TIMES
from .number_rule import NumberDiffers

_STOP = set("the a an and of to in on at by for was were is are has have had that this with from said says".split())


def fake_vectors(texts) -> np.ndarray:
    """Unit bag-of-words vectors over letters only: "killed 12" and "killed 15" embed alike."""
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for i, text in enumerate(texts):
        for word in re.findall(r"[a-z]+", text.lower()):
            if len(word) > 2 and word not in _STOP:
                out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % 384] += 1.0
        norm = np.linalg.norm(out[i])
        if norm == 0:
            out[i, int(hashlib.md5(text.encode()).hexdigest(), 16) % 384] = 1.0
        else:
            out[i] /= norm
    return out


@pytest.fixture
def fake_embedder(monkeypatch):
    from crosscheck.embed import Embedder

    def transform(self, texts, progress=None):
        self.n_embedded_ = len(texts)
        return fake_vectors(list(texts))

    monkeypatch.setattr(Embedder, "transform", transform)


@pytest.fixture
def number_rule(monkeypatch):
    from crosscheck.compare import registry
    from crosscheck.compare.rules.corroborated_claim import CorroboratedClaim

    monkeypatch.setattr(registry, "RULES", {"AGR001": CorroboratedClaim, "TST001": NumberDiffers})


@pytest.fixture
def newsroom(tmp_path, monkeypatch) -> Path:
    """A repository folder with seeds/ holding the two fire reports; the working directory."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "fire-times.md").write_text(TIMES, encoding="utf-8")
    (seeds / "fire-herald.md").write_text(HERALD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def make_finding():
    """A Finding built by hand (no spaCy, no model): for the decisions library."""
    from crosscheck.model import Article, Claim, Evidence, Finding

    def make(fid: str, claims: list[tuple[str, str, str]], *, rule: str = "TST001", kind: Kind = Kind.DISCREPANCY,
             severity: Severity = Severity.MEDIUM) -> Finding:
        evidence = []
        for source_id, text, value in claims:
            doc = Article(path=f"seeds/{source_id}", source_id=source_id, text=text)
            at = text.index(value)
            evidence.append(Evidence(Claim(article=doc, source_id=source_id, start=0, end=len(text)),
                                     Span(at, at + len(value), value), value))
        explanation = "; ".join(f"{sid.split('.')[0]} says '{value}'" for sid, _, value in claims)
        return Finding(id=fid, kind=kind, category="count", rule=rule, severity=severity, confidence=0.9,
                       explanation=explanation, evidence=tuple(evidence))

    return make
