"""`make bench-scale`: a generated archive through the Dask engine on a 2-worker LocalCluster.

Generates ``--articles`` articles (``benchmarks.generate``, reused when the
folder exists), runs ``Checker(engine="dask", workers=2)`` on them from an
empty cache, and samples the resident memory and CPU time of this process
(the client) and of every process it started (the cluster's nannies and
workers) ten times a second. Prints and writes ``reports/bench/scale-N.json``:
wall time, CPU seconds (client, and all processes), time per 10,000 articles,
peak RSS of the client (in all, and in each phase: claims and events, links
to merge, the result's frames) and of each worker, the load average. While it runs,
``reports/bench/scale-N.partial.json`` holds the figures so far every 30
seconds (elapsed time, partitions written, peaks), so a run stopped early
still says how far it got. Peaks are kept per phase for the workers too.
``--work DIR`` keeps the Dask work folder (to profile a task on it); ``--cache DIR`` keeps the claim and embedding cache between runs, so a run
after the first measures the stages after parsing without parsing again.

    python -m benchmarks.bench_scale --articles 10000
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil  # a dependency of dask.distributed

MB = 1 << 20


class PeakRSS:
    """Peak resident memory of this process and of each of its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.1, phase=lambda: ""):
        self.interval = interval
        self.phase = phase  # the run's phase now: the client's peak is kept per phase too
        self.me = psutil.Process()
        self.peaks: dict[int, int] = {}  # pid -> peak bytes
        self.client_by_phase: dict[str, int] = {}  # phase -> the client's peak bytes in it
        self.by_phase: dict[str, dict[int, int]] = {}  # phase -> pid -> peak bytes in it (every process)
        self.cpu: dict[int, float] = {}  # pid -> CPU seconds (user + system) at its last sample
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            for proc in [self.me, *self.me.children(recursive=True)]:
                try:
                    rss = proc.memory_info().rss
                    times = proc.cpu_times()
                except psutil.Error:
                    continue
                self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0), rss)
                self.cpu[proc.pid] = times.user + times.system
                phase = self.phase()
                in_phase = self.by_phase.setdefault(phase, {})
                in_phase[proc.pid] = max(in_phase.get(proc.pid, 0), rss)
                if proc is self.me:
                    self.client_by_phase[phase] = max(self.client_by_phase.get(phase, 0), rss)
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakRSS":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def client_mb(self) -> float:
        return self.peaks.get(self.me.pid, 0) / MB

    def client_by_phase_mb(self) -> dict[str, int]:
        return {phase: round(peak / MB) for phase, peak in self.client_by_phase.items()}

    def workers_by_phase_mb(self, n: int) -> dict[str, list[int]]:
        """Per phase, the ``n`` largest peaks of the started processes (the workers), largest first."""
        return {phase: sorted((round(b / MB) for pid, b in peaks.items() if pid != self.me.pid), reverse=True)[:n]
                for phase, peaks in self.by_phase.items()}

    def cpu_s(self) -> tuple[float, float]:
        """CPU seconds of the client, and of the client and every process it started (as last sampled)."""
        return self.cpu.get(self.me.pid, 0.0), sum(self.cpu.values())

    def others_mb(self) -> list[float]:
        """Peaks of the started processes, largest first (the workers, then helpers such as a resource tracker)."""
        return sorted((peak / MB for pid, peak in self.peaks.items() if pid != self.me.pid), reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_scale", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--basil", type=Path, default=Path("../shared/corpora/basil"))
    parser.add_argument("--corpora", type=Path, default=Path("benchmarks/corpora"))
    parser.add_argument("--out", type=Path, default=Path("reports/bench"))
    parser.add_argument("--cache", type=Path, default=None,
                        help="a claim and embedding cache kept between runs (default: an empty one, removed after)")
    parser.add_argument("--work", type=Path, default=None, help="the Dask work folder, kept after the run")
    args = parser.parse_args(argv)

    from benchmarks import generate
    from crosscheck import Checker

    corpus = args.corpora / f"gen-{args.articles}"
    if not corpus.is_dir():
        t = time.perf_counter()
        generate.main(["--source", str(args.basil), "--articles", str(args.articles), "--out", str(corpus)])
        print(f"generated {args.articles:,} articles in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    scratch = Path(tempfile.mkdtemp(prefix="crosscheck-scale-"))
    if args.work:
        shutil.rmtree(args.work, ignore_errors=True)  # the phases are read from what the run writes there
    args.out.mkdir(parents=True, exist_ok=True)
    partial = args.out / f"scale-{args.articles}.partial.json"
    load_before = [round(x, 1) for x in psutil.getloadavg()]
    try:
        checker = Checker(engine="dask", workers=args.workers, cache_dir=args.cache or scratch / "cache",
                          work_dir=args.work or scratch / "work")
        work = args.work or scratch / "work"

        def phase() -> str:  # from what the run has written so far
            if (work / "result").exists():
                return "result frames"
            return "links, comparison, merge" if (work / "ordered").exists() else "claims, events"

        with PeakRSS(phase=phase) as rss:
            t = time.perf_counter()
            stop = threading.Event()

            def report_progress() -> None:
                while not stop.wait(30):
                    row = {"articles": args.articles, "elapsed_s": round(time.perf_counter() - t),
                           "partitions_written": len(list((work / "claims").glob("*.parquet"))),
                           "stage": "compare" if (work / "ordered").exists() else "claims",
                           "client_cpu_s": round(rss.cpu_s()[0]), "all_cpu_s": round(rss.cpu_s()[1]),
                           "client_peak_rss_mb": round(rss.client_mb()),
                           "client_peak_rss_mb_by_phase": rss.client_by_phase_mb(),
                           "worker_peak_rss_mb": [round(x) for x in rss.others_mb()[: args.workers]],
                           "worker_peak_rss_mb_by_phase": rss.workers_by_phase_mb(args.workers),
                           "load_average": [round(x, 1) for x in psutil.getloadavg()]}
                    partial.write_text(json.dumps(row, indent=2) + "\n")

            reporter = threading.Thread(target=report_progress, daemon=True)
            reporter.start()
            result = checker.run([corpus])
            wall = time.perf_counter() - t
            stop.set()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    n = len(result.articles)
    client_cpu, all_cpu = rss.cpu_s()
    row = {
        "articles": n, "claims": len(result.claims), "findings": len(result.findings), "workers": args.workers,
        "partitions": result.params["embed"].get("partitions"), "parts": result.params["embed"].get("parts"),
        "wall_s": round(wall, 1), "s_per_10000_articles": round(wall * 10_000 / max(n, 1), 1),
        "client_cpu_s": round(client_cpu, 1), "all_cpu_s": round(all_cpu, 1),
        "stages_s": {k: round(v, 1) for k, v in result.timings.items()},
        "client_peak_rss_mb": round(rss.client_mb()),
        "client_peak_rss_mb_by_phase": rss.client_by_phase_mb(),
        "worker_peak_rss_mb": [round(x) for x in rss.others_mb()[: args.workers]],
        "worker_peak_rss_mb_by_phase": rss.workers_by_phase_mb(args.workers),
        "cache": "given (warm after its first run)" if args.cache else "empty",
        "load_average_before_after": [load_before, [round(x, 1) for x in psutil.getloadavg()]],
    }
    (args.out / f"scale-{args.articles}.json").write_text(json.dumps(row, indent=2) + "\n")
    print(json.dumps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
