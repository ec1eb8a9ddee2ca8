import datetime as dt

import numpy as np

from crosscheck.events import MAX_DAYS_APART, candidate_neighbours, same_surname, share_people


def test_documents_are_searched_only_among_documents_published_near_them():
    day = dt.date(2021, 3, 1)
    dates = [day, day + dt.timedelta(days=3), day + dt.timedelta(days=200), day + dt.timedelta(days=400), None]
    docs = np.tile(np.array([[1.0, 0.0]], dtype=np.float32), (len(dates), 1))  # all alike
    pairs = {(i, j) for i, j, _ in candidate_neighbours(dates, docs, k=10)}
    assert (0, 1) in pairs and (1, 0) in pairs
    assert not {(0, 2), (2, 0), (0, 3), (3, 0), (2, 3), (3, 2)} & pairs
    assert {(4, 0), (4, 2), (4, 3)} <= pairs  # an undated article may belong to any event


def test_window_pairs_never_reach_beyond_two_windows():
    rng = np.random.default_rng(1)
    dates = [dt.date(2020, 1, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 365, size=200)]
    docs = rng.normal(size=(200, 8)).astype(np.float32)
    for i, j, _ in candidate_neighbours(dates, docs, k=5):
        assert abs((dates[i] - dates[j]).days) < 2 * MAX_DAYS_APART


def test_a_misspelled_surname_still_counts_as_the_same_person():
    assert same_surname("keating", "keatign") and same_surname("reid", "ried")
    assert not same_surname("smith", "jones") and not same_surname("lee", "lei")
    assert share_people({"harper", "nolan"}, {"harpar"})
    assert not share_people({"harper"}, {"okafor"})
