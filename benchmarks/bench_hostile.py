"""Peak memory (RSS) of crosscheck on a 50 MB article, skipped and read.

Writes a 50 MB file of varied English news prose (deterministic) next to one
ordinary article, then runs ``python -m crosscheck run`` on the pair twice in
fresh processes and reads each process's peak RSS from ``os.wait4``:

1. default limits: the 50 MB file is over ``--max-bytes`` (5 MB) and is
   skipped with a warning before it is read;
2. ``--max-bytes 60000000``: the file is read and decoded whole, and the
   other caps (``--max-chars``, ``--max-claims``, the paragraph and token
   limits) bound the parsing and embedding.

Prints one line per run and, with ``--json``, a JSON object; exits 1 when a
run fails or its peak RSS reaches the budget (1 GB). Timings are printed,
never asserted.

    python benchmarks/bench_hostile.py [--size BYTES] [--budget-mb 1024] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = 50_000_000
BUDGET_MB = 1024

CITIES = ["Port Avery", "Millbrook", "Eastham", "Carver Falls", "Lindenfield", "Oakridge", "Harlow", "Westmere"]
PEOPLE = ["Maria Lopez", "James Carter", "Aisha Rahman", "Tom Becker", "Ingrid Holm", "Samuel Okafor"]
NOUNS = ["residents", "homes", "businesses", "students", "workers", "passengers", "patients", "visitors"]
EVENTS = ["the storm", "the fire", "the flood", "the strike", "the power cut", "the rail closure"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TEMPLATES = [
    "Officials in {city} said on {day} that {n:,} {noun} had been affected by {event}.",
    "{person}, a spokesperson for the council, said the repairs would cost about ${m} million.",
    "More than {n:,} {noun} were moved to shelters after {event}, the fire service said.",
    "The mayor of {city} said on {day} that schools would stay closed until {day2}.",
    "{event} cut services to {n:,} {noun} across {city}, according to a statement.",
    "\"We expect most {noun} to be back to normal within {k} days,\" {person} said.",
]


def write_prose(path: Path, size: int, seed: int = 7) -> None:
    """``size`` bytes of varied sentences in paragraphs (few exact repeats, so no shortcut applies)."""
    rng = random.Random(seed)
    written = 0
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("Storm damage across the region\n")
        while written < size:
            sentences = []
            for _ in range(rng.randint(2, 5)):
                sentences.append(rng.choice(TEMPLATES).format(
                    city=rng.choice(CITIES), day=rng.choice(DAYS), day2=rng.choice(DAYS), person=rng.choice(PEOPLE),
                    noun=rng.choice(NOUNS), event=rng.choice(EVENTS), n=rng.randint(2, 90_000),
                    m=round(rng.uniform(0.1, 40), 1), k=rng.randint(2, 30)))
            paragraph = " ".join(sentences) + "\n"
            written += len(paragraph.encode())
            handle.write(paragraph)
    with open(path, "r+b") as handle:  # exactly ``size`` bytes, ending at a line end
        handle.truncate(size - 1)
        handle.seek(size - 1)
        handle.write(b"\n")


def measure(args: list[str], env: dict[str, str]) -> dict:
    """Run one command in a fresh process; its exit code, wall time, peak RSS and stderr."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    stderr = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    peak_mb = usage.ru_maxrss / 1024  # Linux reports kilobytes
    warnings = [line for line in stderr.splitlines() if line.startswith("crosscheck:")]
    return {"exit_code": proc.returncode, "wall_s": round(wall, 1), "peak_rss_mb": round(peak_mb, 1),
            "messages": warnings}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=SIZE, help="bytes of the generated article (default 50 MB)")
    parser.add_argument("--budget-mb", type=float, default=BUDGET_MB, help="peak RSS allowed per run")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    options = parser.parse_args()

    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    with tempfile.TemporaryDirectory(prefix="crosscheck-bench-hostile-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        write_prose(folder / "huge.txt", options.size)
        (folder / "small.txt").write_text(
            "Bridge reopens after repairs\nThe Old Mill bridge reopened to traffic on Tuesday after eight months "
            "of repairs that cost $4.2 million, the county said.\nEngineers replaced the steel deck, and the weight "
            "limit was raised to 40 tonnes, officials said.\n")
        base = [sys.executable, "-m", "crosscheck", "run", str(folder), "--cache-dir", str(Path(tmp) / "cache")]
        runs = {
            "skipped (default --max-bytes)": base + ["--out", str(Path(tmp) / "out-skip")],
            f"read (--max-bytes {options.size + 10_000_000})": base + [
                "--out", str(Path(tmp) / "out-read"), "--max-bytes", str(options.size + 10_000_000)],
        }
        figures = {}
        for name, args in runs.items():
            figures[name] = result = measure(args, env)
            print(f"{name}: peak RSS {result['peak_rss_mb']:.0f} MB, {result['wall_s']:.1f} s, "
                  f"exit {result['exit_code']}")
            for message in result["messages"]:
                print(f"    {message}")
    if options.json:
        print(json.dumps({"size_bytes": options.size, "budget_mb": options.budget_mb, "runs": figures}, indent=2))
    failed = [n for n, r in figures.items() if r["exit_code"] != 0 or r["peak_rss_mb"] >= options.budget_mb]
    if failed:
        print(f"over budget or failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
