"""Fixtures for the web app tests: a checked corpus, a Board over it, the app and its token."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.conftest import fake_embedder, make_finding, newsroom, number_rule  # noqa: F401  (shared)


def checked_board(folder: Path, decisions: Path | None = None):
    """Run the checker on ``folder`` (no cache) and wrap the result in a Board, as `crosscheck serve` does."""
    from crosscheck import Checker
    from crosscheck.web.board import Board, check

    result = check([folder], Checker(cache_dir=False))
    return Board(result, decisions or folder / "reviews.toml", "tester",
                 frozenset(a.source_id for a in result.articles))


@pytest.fixture
def client_for():
    """A TestClient over a Board, with the token; cookies are not set unless the test enters."""
    from starlette.testclient import TestClient

    from crosscheck.web.app import create_app

    def make(board, token: str = "t0ken-for-tests", port: int = 8765):
        return TestClient(create_app(board, token, port), base_url="http://127.0.0.1:8765"), token

    return make
