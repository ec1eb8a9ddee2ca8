"""The sqlite file behind each cache, opened so that runs sharing the folder do not trip over each other.

Two runs may share one cache folder (two CI jobs on one runner, a notebook
and a terminal). sqlite serialises their writers; what matters is that
neither gives up: a busy timeout long enough to wait for the other run's
commit (a losing writer would silently drop its entries, and the next run
would redo the work), and write-ahead logging so that readers never wait for
a writer nor block it. Each ``put_many`` is one transaction, so an entry is
in the cache whole or not at all.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

BUSY_TIMEOUT_S = 120.0  # another run's largest commit (BASIL's vectors) takes well under a second


def connect(path: Path, schema: str) -> sqlite3.Connection:
    """Open (creating) the cache database at ``path`` with ``schema`` (a CREATE TABLE IF NOT EXISTS)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    try:
        con.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError:  # a file system without shared memory (some network mounts): keep rollback
        pass
    con.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable at checkpoints, never corrupt
    con.execute(schema)
    return con
