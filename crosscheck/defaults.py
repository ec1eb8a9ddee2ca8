"""The defaults every entry point shares (library, CLI, benchmarks), defined once.

Kept free of heavy imports: ``import crosscheck`` reads this module.
"""
from __future__ import annotations

DEFAULT_THRESHOLD = 0.6  # cosine similarity at which claims of different sources are linked (README, "cluster")

CACHE_ENV = "CROSSCHECK_CACHE_DIR"


def cache_dir():
    """The cache folder: ``$CROSSCHECK_CACHE_DIR``, else the user's cache folder for crosscheck.

    (``~/.cache/crosscheck`` on Linux, ``~/Library/Caches/crosscheck`` on
    macOS, ``%LOCALAPPDATA%\\crosscheck\\Cache`` on Windows, as platformdirs
    says), never the folder the command runs in. Read at each call, so the
    variable can be set after import.
    """
    import os
    from pathlib import Path

    given = os.environ.get(CACHE_ENV, "").strip()
    if given:
        return Path(given).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("crosscheck", appauthor=False))
