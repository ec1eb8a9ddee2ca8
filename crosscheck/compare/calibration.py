"""Confidence that means something: a rule's score mapped to the share of such findings that were right.

Rules score their discrepancies by how well the evidence lines up (frames,
coverage, roles); those scores rank well but are not probabilities. An
isotonic regression (scikit-learn), fitted on labelled tune data (seeds, the
dev events and our tune half, never the test half), maps a score to the
observed share of discrepancies at that score that fall on a hand label.
``make calibrate`` refits it and writes ``calibration.json`` beside this
module; ``make eval`` prints predicted against observed precision.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..model import Finding, Kind

TABLE = Path(__file__).with_name("calibration.json")
FLOOR, CEILING = 0.05, 0.99  # never certain either way: labels are few and not exhaustive


@dataclass(frozen=True)
class Calibration:
    """A monotone map from raw score to calibrated confidence, as the points of a step line."""

    scores: tuple[float, ...]
    confidences: tuple[float, ...]
    fitted_on: str = ""
    rules: frozenset[str] = frozenset()  # codes whose scores it was fitted on; other rules keep their own

    def __call__(self, score: float) -> float:
        if not self.scores:
            return score
        return round(float(np.interp(score, self.scores, self.confidences)), 3)

    def apply(self, findings: Sequence[Finding]) -> list[Finding]:
        """Discrepancies with calibrated confidence; agreements are left as scored."""
        return [replace(f, confidence=self(f.confidence)) if f.kind is Kind.DISCREPANCY and f.rule in self.rules else f
                for f in findings]

    def to_json(self) -> str:
        return json.dumps({"fitted_on": self.fitted_on, "rules": sorted(self.rules), "scores": list(self.scores),
                           "confidences": list(self.confidences)}, indent=2) + "\n"


def fit(scores: Sequence[float], correct: Sequence[bool], rules: Sequence[str], fitted_on: str = "") -> Calibration:
    """Isotonic regression of "on a label" on the raw score of the discrepancies the given rules reported."""
    from sklearn.isotonic import IsotonicRegression

    if len(scores) < 2:
        raise ValueError("calibration needs at least two labelled discrepancies")
    iso = IsotonicRegression(y_min=FLOOR, y_max=CEILING, out_of_bounds="clip")
    iso.fit(np.asarray(scores, float), np.asarray(correct, float))
    return Calibration(tuple(round(float(x), 4) for x in iso.X_thresholds_),
                       tuple(round(float(y), 4) for y in iso.y_thresholds_), fitted_on, frozenset(rules))


def default() -> Calibration:
    """The shipped table; identity when none has been fitted."""
    if not TABLE.exists():
        return Calibration((), ())
    data = json.loads(TABLE.read_text(encoding="utf-8"))
    return Calibration(tuple(data["scores"]), tuple(data["confidences"]), data.get("fitted_on", ""),
                       frozenset(data.get("rules", ())))
