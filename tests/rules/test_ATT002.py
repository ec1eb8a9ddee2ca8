"""ATT002 cause-mismatch: two sources give one outcome different causes."""
import pytest

from crosscheck.compare.align import align
from crosscheck.compare.rules.cause_mismatch import CauseMismatch
from crosscheck.model import Kind


def observe(claim_of, text_a, text_b):
    a, b = claim_of(text_a, source_id="a.txt"), claim_of(text_b, source_id="b.txt")
    return list(CauseMismatch().compare_aligned(align(a, b), 0.9))


@pytest.mark.parametrize("text_a, text_b, cause_a, cause_b", [
    ("The flooding was caused by a week of heavy rain, according to the regional weather service.",
     "The flooding was caused by the failure of an upstream dam, according to the regional weather service.",
     "a week of heavy rain", "the failure of an upstream dam"),
    ("The derailment was blamed on a broken rail near the station, investigators said on Friday.",
     "The derailment was blamed on driver fatigue near the station, investigators said on Friday.",
     "a broken rail", "driver fatigue"),
])
def test_one_outcome_two_causes(claim_of, text_a, text_b, cause_a, cause_b):
    [found] = observe(claim_of, text_a, text_b)
    assert found.kind is Kind.DISCREPANCY
    assert [s.value.text for s in found.sides] == [cause_a, cause_b]


@pytest.mark.parametrize("text_a, text_b", [
    # the same cause in more words
    ("The flooding was caused by a week of heavy rain, according to the regional weather service.",
     "The flooding was caused by heavy rain, according to the regional weather service."),
    # the same cause, one word added
    ("The derailment was blamed on a broken rail near the station, investigators said on Friday.",
     "The derailment was blamed on a cracked and broken rail near the station, investigators said on Friday."),
    # no cause named on one side
    ("The flooding was caused by a week of heavy rain, according to the regional weather service.",
     "The flooding spread across the valley, according to the regional weather service."),
    # a speaker's words
    ("“The flooding was caused by a week of heavy rain,” the regional weather service said.",
     "“The flooding was caused by the failure of an upstream dam,” the regional weather service said."),
])
def test_the_same_cause_no_cause_and_quoted_causes_are_left(claim_of, text_a, text_b):
    assert observe(claim_of, text_a, text_b) == []
