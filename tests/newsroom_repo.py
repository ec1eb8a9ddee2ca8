"""A newsroom's git repository for the CI tests: a new wire report conflicting with the seeds."""
import subprocess
from pathlib import Path

WIRE = """---
title: "Gantz in Ankara as Israel and Turkey restore security ties"
source: "Wire"
date: 2022-10-26
---
Israeli Defence Minister Benny Gantz arrived in Ankara on Wednesday to meet Turkish Defence Minister Hulusi Akar and restore security ties between the two countries.

It is the first visit to Turkey by an Israeli defence minister in a decade.

Relations hit an all-time low in 2010 when Israeli commandos killed twelve Turkish activists aboard a ship attempting to break a blockade on Gaza.
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout
