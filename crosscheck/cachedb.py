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

import os
import sqlite3
from collections.abc import Sequence
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


class BlobStore:
    """sqlite: key -> blob, each entry tagged with the code version that wrote it. A broken file costs
    time, never correctness: reads find nothing, writes are dropped."""

    table = "blobs"

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        return connect(self.path, f"CREATE TABLE IF NOT EXISTS {self.table} (key TEXT PRIMARY KEY, version TEXT, blob BLOB)")

    def get_many(self, keys: Sequence[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        if not keys or not self.path.exists():
            return found
        try:
            con = self._connect()
            with con:
                for i in range(0, len(keys), 500):
                    chunk = list(keys[i: i + 500])
                    marks = ",".join("?" * len(chunk))
                    found.update(con.execute(f"SELECT key, blob FROM {self.table} WHERE key IN ({marks})", chunk))
            con.close()
        except sqlite3.DatabaseError:
            return {}
        return found

    def put_many(self, items: dict[str, bytes], version: str) -> None:
        """Store new entries in one transaction and drop those of other versions (they can never match again)."""
        if not items:
            return
        try:
            con = self._connect()
            with con:
                con.execute(f"DELETE FROM {self.table} WHERE version != ?", (version,))
                con.executemany(f"INSERT OR REPLACE INTO {self.table} (key, version, blob) VALUES (?, ?, ?)",
                                ((k, version, v) for k, v in items.items()))
            con.close()
        except sqlite3.DatabaseError:
            pass
