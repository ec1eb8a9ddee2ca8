"""Measure one corpus in one process and write its figures as JSON.

Order of work (each corpus gets its own process, so peak RSS is its own):

1. load both models (spaCy and the embedding model) and warm them up, so
   model loading is excluded from every figure below;
2. **cold run**: the whole pipeline with an empty cache, then the reports
   rendered and written; wall seconds per stage, peak RSS;
3. **floor**: ``Embedder.encode`` (no cache, fp32 torch) of the same claim texts, and the
   **int8 floor** (the onnx-int8 backend, the same texts); the
   overhead ratio is cold end-to-end time / floor (``--bracket-floor``: the
   floor is also measured before the cold run, and the mean used); and the
   **parse floor**: CPU seconds of spaCy's ``nlp.pipe`` alone over the same
   paragraphs, as a share of the embedding floor's CPU seconds (the part of
   the overhead that is the parser model's own);
3b. ``--both-backends``: a second cold run with the other embedding backend,
   on its own empty cache; each backend's end-to-end / fp32 floor;
4. **warm run**: the same corpus again with the cache the cold run filled;
5. **one more article** (``--add-one``): the corpus plus one new article,
   counting the articles parsed and texts embedded;
6. **recall** of the logged alterations (generated corpora);
7. **peers** on the same embeddings (``--peers``).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from crosscheck.embed import BACKENDS, DEFAULT_BACKEND, Embedder, load_model  # noqa: E402
from crosscheck.pipeline import Params, RunResult, run  # noqa: E402


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest child (parsing workers), MB."""
    return {
        "self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def load_models() -> None:
    from crosscheck.nlp import load

    nlp = load()
    list(nlp.pipe(["Models are loaded before anything is timed."]))
    for backend in BACKENDS:  # the int8 export, when missing, is made here too, outside every figure
        load_model(backend=backend).encode(["Models are loaded before anything is timed."])


def write_reports(result: RunResult, out: Path) -> float:
    from crosscheck.report import findings_json, markdown

    t = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    (out / "findings.json").write_text(findings_json.render(result), encoding="utf-8")
    (out / "report.md").write_text(markdown.render(result), encoding="utf-8")
    return time.perf_counter() - t


def timed_run(paths: list[str], cache: Path, out: Path, processes: int | None,
              embedder: str = DEFAULT_BACKEND) -> tuple[RunResult, dict]:
    cpu, wall = cpu_seconds(), time.perf_counter()
    result = run(paths, Params(cache_dir=str(cache), processes=processes, embedder=embedder))
    stages = dict(result.timings)
    stages["report"] = write_reports(result, out)
    return result, {
        "stages_s": {k: round(v, 3) for k, v in stages.items()},
        "total_s": round(time.perf_counter() - wall, 3),
        "cpu_s": round(cpu_seconds() - cpu, 3),
        "parsed": result.parsed,
        "embedded": result.embedded,
    }


def floor(texts: list[str], sample: int | None, backend: str = "torch") -> dict:
    """Seconds to embed the texts with no cache (or a random sample, scaled up); "torch" is plain fp32."""
    chosen = texts if not sample or sample >= len(texts) else random.Random(0).sample(texts, sample)
    cpu, wall = cpu_seconds(), time.perf_counter()
    Embedder(cache_dir=None, backend=backend).encode(chosen)
    seconds, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    scale = len(texts) / max(1, len(chosen))
    return {"texts": len(texts), "measured_texts": len(chosen), "measured_s": round(seconds, 3),
            "floor_s": round(seconds * scale, 3), "cpu_s": round(cpu * scale, 3), "estimated": len(chosen) < len(texts)}


def parse_floor(articles, sample: int | None) -> dict:
    """CPU seconds of spaCy's ``nlp.pipe`` alone over the articles' paragraphs (or a sample, scaled up).

    What parsing costs before any fact is extracted: set against the embedding
    floor's CPU seconds it says how much of the overhead is the spaCy model's own.
    """
    from crosscheck.claims import paragraphs
    from crosscheck.nlp import load

    chosen = articles if not sample or sample >= len(articles) else random.Random(0).sample(articles, sample)
    texts = [text for article in chosen for _, text in paragraphs(article)]
    total = sum(len(text) for article in articles for _, text in paragraphs(article))
    cpu = cpu_seconds()
    for _ in load().pipe(texts, batch_size=64):
        pass
    cpu = cpu_seconds() - cpu
    scale = total / max(1, sum(len(t) for t in texts))
    return {"articles": len(chosen), "cpu_s": round(cpu * scale, 3), "estimated": len(chosen) < len(articles)}


def extra_article(corpus: Path, folder: Path) -> Path:
    """A new article for the corpus: one of its articles with its last paragraph rewritten."""
    sample = sorted(corpus.rglob("*.md"))[0]
    text = sample.read_text(encoding="utf-8").rstrip("\n")
    text += "\n\nA spokesman said on Thursday that the committee would publish its findings within 30 days.\n"
    path = folder / "added-article.md"
    path.write_text(text, encoding="utf-8")
    return path


def measure(corpus: Path, name: str, work: Path, *, floor_sample: int | None, warm: bool, add_one: bool,
            peers: bool, processes: int | None, bracket_floor: bool = False, both_backends: bool = False) -> dict:
    import numpy as np

    from benchmarks import peers as peer_methods
    from benchmarks import recall

    import torch

    figures: dict = {"corpus": name, "path": str(corpus), "cores": os.cpu_count(), "torch_threads": torch.get_num_threads(),
                     "load_before": [round(x, 2) for x in os.getloadavg()]}
    t = time.perf_counter()
    load_models()
    figures["model_load_s"] = round(time.perf_counter() - t, 3)
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)

    before = None
    if bracket_floor:  # the floor before and after the cold run: load drifting on a shared machine averages out
        from crosscheck.claim_cache import extract_corpus
        from crosscheck.ingest import ingest

        parsed = extract_corpus(ingest([str(corpus)]).articles, cache_dir=None, processes=processes)
        before = floor(sorted({c.text for c in parsed.claims}), floor_sample)
    result, cold = timed_run([str(corpus)], cache, work / "out", processes)
    figures["cold"] = cold
    figures["peak_rss_mb"] = {k: round(v) for k, v in peak_rss_mb().items()}
    texts = sorted({c.text for c in result.claims})
    figures.update(articles=len(result.articles), claims=len(result.claims), unique_claim_texts=len(texts),
                   links=len(result.links), findings=len(result.findings))
    figures["claims_per_s"] = round(len(result.claims) / cold["total_s"], 1) if cold["total_s"] else None

    figures["floor"] = floor(texts, floor_sample)
    if before is not None:
        after = figures["floor"]
        figures["floor_before"], figures["floor_after"] = before, after
        figures["floor"] = {**after, "floor_s": round((before["floor_s"] + after["floor_s"]) / 2, 3),
                            "cpu_s": round((before["cpu_s"] + after["cpu_s"]) / 2, 3)}
    figures["floor_int8"] = floor(texts, floor_sample, "onnx-int8")
    figures["parse_floor"] = parse_floor(result.articles, 300)
    if figures["floor"]["cpu_s"]:
        figures["parse_cpu_share"] = round(figures["parse_floor"]["cpu_s"] / figures["floor"]["cpu_s"], 3)
    figures["embed_share"] = round(cold["stages_s"]["embed"] / cold["total_s"], 4) if cold["total_s"] else None
    figures["overhead"] = round(cold["total_s"] / figures["floor"]["floor_s"], 3) if figures["floor"]["floor_s"] else None
    # CPU-seconds ratio: less sensitive than wall time to other processes sharing the machine
    figures["cpu_overhead"] = round(cold["cpu_s"] / figures["floor"]["cpu_s"], 3) if figures["floor"]["cpu_s"] else None

    # cold end-to-end with each backend (each on an empty cache), set against the same fp32 floor
    figures["embedder"] = DEFAULT_BACKEND
    figures["cold_by_backend"] = {DEFAULT_BACKEND: cold}
    if both_backends:
        for backend in BACKENDS:
            if backend != DEFAULT_BACKEND:
                _, other = timed_run([str(corpus)], work / f"cache-{backend}", work / f"out-{backend}", processes, backend)
                figures["cold_by_backend"][backend] = other
    if figures["floor"]["floor_s"]:
        figures["overhead_by_backend"] = {b: round(c["total_s"] / figures["floor"]["floor_s"], 3)
                                          for b, c in figures["cold_by_backend"].items()}

    if warm:
        _, again = timed_run([str(corpus)], cache, work / "out-warm", processes)
        figures["warm"] = again
        figures["warm_fraction"] = round(again["total_s"] / cold["total_s"], 4)
    if add_one:
        extra = extra_article(corpus, work)
        _, added = timed_run([str(corpus), str(extra)], cache, work / "out-added", processes)
        figures["added_one"] = added

    log = recall.load_log(corpus)
    if log is not None:
        ours = recall.score(log, result.claims, result.links, result.findings)
        figures["recall"] = ours.as_dict()
    if peers:
        X = Embedder(cache_dir=str(cache)).transform([c.text for c in result.claims])
        threshold = result.params["cluster"]["threshold"]
        figures["ours_in_run"] = {"cluster_s": cold["stages_s"]["cluster"], "compare_s": cold["stages_s"]["compare"]}
        figures["ours"] = peer_methods.ours_again(np.asarray(X), result.claims, result.articles, threshold)
        base = peer_methods.community_baseline(np.asarray(X), result.claims, result.groups, threshold)
        figures["community_detection"] = {k: base[k] for k in ("cluster_s", "compare_s", "communities", "pairs")}
        if log is not None:
            figures["community_detection"]["recall"] = recall.score(log, result.claims, base["links"],
                                                                    base["findings"]).as_dict()
        figures["paraphrase_mining"] = peer_methods.paraphrase_mining(X, top_k=result.params["cluster"]["n_neighbors"])
        figures["agglomerative"] = peer_methods.agglomerative(X, threshold)
    figures["peak_rss_mb_all_steps"] = {k: round(v) for k, v in peak_rss_mb().items()}
    figures["load_after"] = [round(x, 2) for x in os.getloadavg()]
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--name", required=True)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--floor-sample", type=int, default=None,
                        help="embed a random sample of this many texts for the floor and scale up")
    parser.add_argument("--no-warm", action="store_true")
    parser.add_argument("--add-one", action="store_true")
    parser.add_argument("--peers", action="store_true")
    parser.add_argument("--processes", type=int, default=None)
    parser.add_argument("--both-backends", action="store_true",
                        help="a second cold run with the other embedding backend (its own empty cache)")
    parser.add_argument("--bracket-floor", action="store_true",
                        help="measure the floor before and after the cold run too, and use the mean")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix=f"crosscheck-bench-{args.name}-") as work:
        figures = measure(args.corpus, args.name, Path(work), floor_sample=args.floor_sample, warm=not args.no_warm,
                          add_one=args.add_one, peers=args.peers, processes=args.processes,
                          bracket_floor=args.bracket_floor, both_backends=args.both_backends)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
