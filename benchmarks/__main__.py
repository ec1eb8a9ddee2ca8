"""`make bench`: measure the checker on real and generated corpora and print one table.

Each corpus is measured in its own process (``benchmarks.run``), so peak RSS
is that corpus's own; figures go to ``reports/bench/<corpus>.json`` and,
together, to ``reports/bench/results.json`` and ``results.csv``. Generated
corpora (``benchmarks.generate``) are written under ``benchmarks/corpora/``
(git-ignored) when missing. ``benchmarks/bench_hostile.py`` runs last when
present.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("ingest", "claims", "embed", "cluster", "compare", "report")


def machine() -> str:
    try:
        with open("/proc/meminfo") as handle:
            mem_gib = int(handle.readline().split()[1]) / 2**20
    except OSError:
        mem_gib = float("nan")
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem_gib:.0f} GiB, Python {platform.python_version()}"


def ensure_generated(basil: Path, folder: Path, articles: int, args) -> Path:
    out = folder / f"gen-{articles}"
    log = out / "alterations.json"
    wanted = {"articles": articles, "seed": args.seed, "min_sentences": args.min_sentences,
              "max_sentences": args.max_sentences}
    if log.exists():
        made = json.loads(log.read_text())["generator"]
        if all(made.get(k) == v for k, v in wanted.items()):
            return out
    subprocess.run([sys.executable, "-m", "benchmarks.generate", "--source", str(basil), "--articles", str(articles),
                    "--out", str(out), "--seed", str(args.seed), "--min-sentences", str(args.min_sentences),
                    "--max-sentences", str(args.max_sentences)], check=True, cwd=ROOT)
    return out


def measure(name: str, corpus: Path, out: Path, extra: list[str], reuse: bool) -> dict | None:
    target = out / f"{name}.json"
    if not (reuse and target.exists()):
        print(f"bench: measuring {name} ({corpus}) ...", file=sys.stderr, flush=True)
        done = subprocess.run([sys.executable, "-m", "benchmarks.run", str(corpus), "--name", name,
                               "--json", str(target), *extra], cwd=ROOT)
        if done.returncode != 0:
            print(f"bench: {name} failed (exit {done.returncode})", file=sys.stderr)
            return None
    return json.loads(target.read_text())


def _s(x) -> str:
    return "" if x is None else f"{x:.1f}" if x >= 10 else f"{x:.2f}"


def _pct(x) -> str:
    return "" if x is None else f"{100 * x:.1f}%"


def row(f: dict) -> dict:
    cold, stages = f["cold"], f["cold"]["stages_s"]
    r = f.get("recall") or {}
    return {
        "corpus": f["corpus"], "articles": f["articles"], "claims": f["claims"], "unique_texts": f["unique_claim_texts"],
        **{f"{s}_s": stages.get(s) for s in STAGES},
        "total_s": cold["total_s"], "claims_per_s": f["claims_per_s"],
        "peak_rss_mb": f["peak_rss_mb"]["self"], "worker_rss_mb": f["peak_rss_mb"]["children"],
        "floor_s": f["floor"]["floor_s"], "floor_estimated": f["floor"]["estimated"], "overhead": f["overhead"],
        "cpu_overhead": f.get("cpu_overhead"), "parse_cpu_share": f.get("parse_cpu_share"),
        "floor_int8_s": (f.get("floor_int8") or {}).get("floor_s"),
        "cold_torch_s": (f.get("cold_by_backend") or {}).get("torch", {}).get("total_s"),
        "cold_int8_s": (f.get("cold_by_backend") or {}).get("onnx-int8", {}).get("total_s"),
        "overhead_torch": (f.get("overhead_by_backend") or {}).get("torch"),
        "overhead_int8": (f.get("overhead_by_backend") or {}).get("onnx-int8"),
        "warm_s": (f.get("warm") or {}).get("total_s"), "warm_fraction": f.get("warm_fraction"),
        "candidate_recall": r.get("candidate_recall"), "recall": r.get("recall"),
        "benign_flagged": r.get("benign_flagged"), "benign": r.get("benign"),
        "load_before": f["load_before"][0], "load_after": f["load_after"][0],
    }


def print_table(rows: list[dict]) -> None:
    head = ["corpus", "articles", "claims", *STAGES, "total s", "claims/s", "RSS MB", "floor s", "overhead",
            "cpu ovh", "parse", "warm", "cand.rec", "recall", "load",
            "int8 floor", "cold torch", "cold int8", "torch/floor", "int8/floor"]
    lines = [head]
    for r in rows:
        lines.append([r["corpus"], str(r["articles"]), str(r["claims"]), *(_s(r[f"{s}_s"]) for s in STAGES),
                      _s(r["total_s"]), _s(r["claims_per_s"]), str(r["peak_rss_mb"]),
                      _s(r["floor_s"]) + ("*" if r["floor_estimated"] else ""),
                      "" if r["overhead"] is None else f"{r['overhead']:.2f}",
                      "" if r["cpu_overhead"] is None else f"{r['cpu_overhead']:.2f}",
                      "" if r["parse_cpu_share"] is None else f"{r['parse_cpu_share']:.2f}", _pct(r["warm_fraction"]),
                      _pct(r["candidate_recall"]), _pct(r["recall"]), f"{r['load_before']:.1f}",
                      _s(r["floor_int8_s"]), _s(r["cold_torch_s"]), _s(r["cold_int8_s"]),
                      "" if r["overhead_torch"] is None else f"{r['overhead_torch']:.2f}",
                      "" if r["overhead_int8"] is None else f"{r['overhead_int8']:.2f}"])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    for n, line in enumerate(lines):
        print("  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(line, widths))))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def print_peers(figures: list[dict]) -> None:
    measured = [f for f in figures if "community_detection" in f]
    if not measured:
        return
    print("\nclustering (same embeddings, both timed from the same state): ours vs peers, seconds (ours / peer)")
    for f in measured:
        ours = f["ours"]["cluster_s"]
        cd, pm, ag = f["community_detection"], f["paraphrase_mining"], f.get("agglomerative")
        parts = [f"{f['corpus']}: ours {ours:.2f}",
                 f"community_detection {cd['cluster_s']:.2f} ({ours / cd['cluster_s']:.2f})",
                 f"paraphrase_mining {pm['cluster_s']:.2f} ({ours / pm['cluster_s']:.2f})"]
        parts.append(f"agglomerative {ag['cluster_s']:.2f} ({ours / ag['cluster_s']:.2f})" if ag else "agglomerative: too big")
        print("  " + "; ".join(parts))
        both = f["ours"]["cluster_s"] + f["ours"]["compare_s"]
        peer = cd["cluster_s"] + cd["compare_s"]
        line = f"    cluster+compare {both:.2f}s vs community_detection+pairwise {peer:.2f}s ({both / peer:.2f})"
        r_ours, r_cd = f.get("recall"), cd.get("recall")
        if r_ours and r_cd:
            line += (f"; candidate recall {_pct(r_ours['candidate_recall'])} vs {_pct(r_cd['candidate_recall'])}, "
                     f"recall {_pct(r_ours['recall'])} vs {_pct(r_cd['recall'])}, "
                     f"false alarms on style edits {r_ours['benign_flagged']} vs {r_cd['benign_flagged']}")
        print(line)


def print_scaling(figures: list[dict]) -> None:
    gen = sorted((f for f in figures if f["corpus"].startswith("gen-")), key=lambda f: f["articles"])
    for small, big in zip(gen, gen[1:]):
        print(f"\n{small['corpus']} -> {big['corpus']}: articles x{big['articles'] / small['articles']:.2f}, "
              f"claims x{big['claims'] / small['claims']:.2f}, time x{big['cold']['total_s'] / small['cold']['total_s']:.2f}, "
              f"peak RSS {small['peak_rss_mb']['self']} -> {big['peak_rss_mb']['self']} MB")


def run_hostile() -> None:
    script = ROOT / "benchmarks" / "bench_hostile.py"
    if script.exists():
        print("\nbench_hostile:", flush=True)
        done = subprocess.run([sys.executable, str(script)], cwd=ROOT)
        if done.returncode != 0:
            print(f"bench: bench_hostile exited {done.returncode}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--basil", type=Path, default=ROOT.parent / "shared" / "corpora" / "basil")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--sizes", type=int, nargs="*", default=[3000, 10000, 30000])
    parser.add_argument("--corpora", type=Path, default=ROOT / "benchmarks" / "corpora")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "bench")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--min-sentences", type=int, default=3)
    parser.add_argument("--max-sentences", type=int, default=5)
    parser.add_argument("--floor-sample", type=int, default=5000,
                        help="corpora with more unique claims embed this many for the floor, scaled up")
    parser.add_argument("--peers-max-articles", type=int, default=10000,
                        help="peers (quadratic) only on corpora up to this many articles")
    parser.add_argument("--only", nargs="*", help="measure only these corpora (seeds, basil, gen-N)")
    parser.add_argument("--reuse", action="store_true", help="reuse reports/bench/<corpus>.json when present")
    parser.add_argument("--no-hostile", action="store_true")
    args = parser.parse_args(argv)

    plan: list[tuple[str, Path, list[str]]] = []
    if args.seeds.is_dir():
        plan.append(("seeds", args.seeds, ["--peers", "--both-backends"]))
    if args.basil.is_dir():
        plan.append(("basil", args.basil, ["--peers", "--add-one", "--bracket-floor", "--both-backends"]))
        for size in args.sizes:
            extra = ["--peers"] if size <= args.peers_max_articles else []
            if size > 3000:
                extra += ["--floor-sample", str(args.floor_sample)]
            plan.append((f"gen-{size}", args.corpora / f"gen-{size}", extra))
    else:
        print(f"bench: no BASIL corpus at {args.basil}; generated corpora skipped", file=sys.stderr)
    if args.only:
        plan = [p for p in plan if p[0] in args.only]

    figures = []
    for name, corpus, extra in plan:
        if name.startswith("gen-"):
            ensure_generated(args.basil, args.corpora, int(name[4:]), args)
        f = measure(name, corpus, args.out, extra, args.reuse)
        if f is not None:
            figures.append(f)
    if not figures:
        return 1
    rows = [row(f) for f in figures]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps({"machine": machine(), "corpora": figures}, indent=2) + "\n")
    with open(args.out / "results.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"machine: {machine()}")
    print("overhead = end-to-end wall / floor wall (Embedder.encode of the unique claim texts, no cache); cpu ovh = the "
          "same with CPU-seconds; int8 floor = the same texts with the onnx-int8 backend; cold torch / cold int8 = "
          "end-to-end cold run with each backend, and each / the fp32 floor; parse = CPU-seconds of spaCy nlp.pipe alone / CPU-seconds of the floor; warm = warm re-run / cold run; load = 1-minute load average at the start; "
          "* floor from a sample\n")
    print_table(rows)
    print_peers(figures)
    print_scaling(figures)
    print(f"\nfigures: {args.out / 'results.json'}, {args.out / 'results.csv'}")
    if not args.no_hostile:
        run_hostile()
    return 0


if __name__ == "__main__":
    sys.exit(main())
