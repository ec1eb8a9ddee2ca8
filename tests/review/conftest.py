"""Fixtures for the review and CI-gate tests.

``fake_embedder`` replaces the embedding model with a bag-of-words hash so the
gate's logic is tested in seconds; the e2e test (slow) uses the real model.
``number_rule`` replaces the rule registry with AGR001 plus a small test-only
rule, so these tests do not move when the real comparators are tuned.
"""
from __future__ import annotations

import hashlib
import re
import textwrap
from pathlib import Path

import numpy as np
import pytest

from crosscheck.compare.base import Rule, side
from crosscheck.model import Kind, Severity, Span

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


_NUMBER = re.compile(r"\b(\d+)\s+([a-z]+)")


class NumberDiffers(Rule):
    """Two claims give different numbers before the same word (test-only rule).

    ## What it does
    Reports a discrepancy when two linked claims say "N word" and "M word"
    with N != M.

    ## Why it matters
    It stands in for the real count rule in the review tests, so they test
    the review machinery and not the rule's tuning.

    ## Example
    "killed 12 people" and "killed 15 people".
    """

    code = "TST001"
    name = "number-differs"
    category = "count"
    severity = Severity.MEDIUM

    def compare(self, a, b, similarity):
        found = []
        for ma in _NUMBER.finditer(a.text):
            for mb in _NUMBER.finditer(b.text):
                if ma.group(2) == mb.group(2) and ma.group(1) != mb.group(1):
                    severity = Severity.HIGH if ma.group(2) in ("people", "dead") else Severity.MEDIUM
                    found.append(self.observe(Kind.DISCREPANCY, [_side(a, ma), _side(b, mb)], severity=severity,
                                              confidence=0.9))
        return found


def _side(claim, m):
    start, end = claim.start + m.start(1), claim.start + m.end(1)
    return side(claim, Span(start, end, claim.article.text[start:end]), m.group(1))


@pytest.fixture
def number_rule(monkeypatch):
    from crosscheck.compare import registry
    from crosscheck.compare.rules.corroborated_claim import CorroboratedClaim

    monkeypatch.setattr(registry, "RULES", {"AGR001": CorroboratedClaim, "TST001": NumberDiffers})


def article(title: str, outlet: str, body: str, date: str = "2023-03-14", front_matter: bool = True) -> str:
    body = textwrap.dedent(body).strip() + "\n"
    if not front_matter:
        return f"{title}\n{body}"
    return f"---\ntitle: {title}\nsource: {outlet}\ndate: {date}\n---\n{body}"


# Two reports of one fire that differ on two numbers (deaths: high, firefighters hurt: medium).
TIMES = article("Warehouse fire kills 12 in Riverside", "Riverside Times", """
    A fire at a furniture warehouse in Riverside killed 12 people on Monday night, fire officials said.
    The blaze injured 30 firefighters who fought the flames for more than four hours.
    Investigators have not yet determined what caused the fire at the warehouse.
    The warehouse employed 80 workers, according to the company that owns the building.
""")
HERALD = article("Deadly blaze at Riverside furniture warehouse", "Valley Herald", """
    A fire at a furniture warehouse in Riverside killed 15 people on Monday night, fire officials said.
    The blaze injured 34 firefighters who fought the flames for more than four hours.
    Investigators have not yet determined what caused the fire at the warehouse.
""")
# A later report that contradicts the Times on the size of the workforce only.
GAZETTE = article("Riverside warehouse owner vows to rebuild", "Evening Gazette", """
    The owner of the Riverside furniture warehouse destroyed by fire on Monday night vowed to rebuild.
    Investigators have not yet determined what caused the fire at the warehouse.
    The warehouse employed 60 workers, according to the company that owns the building.
""")


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
