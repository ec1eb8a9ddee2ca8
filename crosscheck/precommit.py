"""The pre-commit hook (``crosscheck-pre-commit``, declared in ``.pre-commit-hooks.yaml``).

pre-commit passes the staged article files; an article is only worth checking
against the others, so the hook runs ``crosscheck check`` on the folders that
hold them (all their articles, the decisions file beside them) and blocks the
commit on what ``check`` fails on: a staged article bringing a conflict no
editor has reviewed, or a staged article that is not a valid article file.
Options given before the files (the hook's ``args``) go to ``check``.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Sequence

# `check` options that take a value: the word after them is not a file
VALUE_OPTIONS = ("--fail-on", "--reviews", "--threshold", "-t", "--max-bytes", "--sarif", "--cache-dir")


def split(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """(options for `check`, files) from the hook's command line."""
    options: list[str] = []
    files: list[str] = []
    words = iter(argv)
    for word in words:
        if word.startswith("-") and not files:
            options.append(word)
            if word in VALUE_OPTIONS:
                options.append(next(words, ""))
        else:
            files.append(word)
    return options, files


def folders(files: Sequence[str]) -> list[str]:
    """The folders holding ``files``, each once, in order ("." for the top of the repository)."""
    seen: dict[str, None] = {}
    for f in files:
        seen.setdefault(os.path.dirname(os.path.normpath(f)) or ".", None)
    return list(seen)


def main(argv: Sequence[str] | None = None) -> int:
    from .cli import main as crosscheck

    options, files = split(sys.argv[1:] if argv is None else argv)
    if not files:
        return 0  # no article staged: nothing to check
    return crosscheck(["check", *folders(files), *options])


def entry() -> None:
    sys.exit(main())
