"""Calibrated confidence: an isotonic map fitted on labelled tune data, applied to discrepancies only."""
import json

import pytest

from crosscheck.compare import calibration
from crosscheck.model import Kind
from tests.synthetic import article, claim_over, finding


def test_fit_maps_scores_to_the_observed_share_right():
    scores = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    right = [False, False, False, True, False, True, True, True]
    fitted = calibration.fit(scores, right, rules=["QTY001"])
    mapped = [fitted(s) for s in scores]
    assert mapped == sorted(mapped)  # monotone: a higher score is never less sure
    assert fitted(0.2) == calibration.FLOOR and fitted(0.9) == calibration.CEILING
    assert fitted(0.55) == pytest.approx(0.5, abs=0.01)  # one of the two around 0.5-0.6 was right


def test_the_shipped_table_is_monotone_bounded_and_names_what_it_was_fitted_on():
    data = json.loads(calibration.TABLE.read_text())
    assert "test" not in data["fitted_on"].split(":")[0]  # never fitted on the test half
    assert data["scores"] == sorted(data["scores"]) and data["confidences"] == sorted(data["confidences"])
    assert all(calibration.FLOOR <= c <= calibration.CEILING for c in data["confidences"])


def test_only_discrepancies_of_fitted_rules_are_recalibrated():
    a = article("a.txt", "The fire killed 12 people.")
    b = article("b.txt", "The fire killed 15 people.")
    claims = [claim_over(a), claim_over(b)]
    table = calibration.Calibration((0.0, 1.0), (0.2, 0.4), rules=frozenset({"QTY001"}))
    disc = finding(Kind.DISCREPANCY, claims, [None, None], ["12", "15"], "a says 12; b says 15", rule="QTY001")
    foreign = finding(Kind.DISCREPANCY, claims, [None, None], ["12", "15"], "a says 12; b says 15", rule="TST001")
    agree = finding(Kind.AGREEMENT, claims, [None, None], ["12", "12"], "a and b agree")
    out = table.apply([disc, agree, foreign])
    assert out[0].confidence == pytest.approx(0.2 + 0.2 * disc.confidence, abs=0.001)
    assert out[1].confidence == agree.confidence
    assert out[2].confidence == foreign.confidence  # a rule the table was not fitted on keeps its score


def test_fit_refuses_too_little_data():
    with pytest.raises(ValueError, match="at least two"):
        calibration.fit([0.5], [True], rules=["QTY001"])
