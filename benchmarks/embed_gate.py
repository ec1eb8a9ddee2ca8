"""The quality gate of the int8 backend: how far its vectors, links and findings move from fp32.

    python -m benchmarks.embed_gate --corpus ../shared/corpora/basil [--json reports/bench/embed_gate.json]  (make gate)

On one corpus, with the claims of the pipeline's own claim stage:

* both floors: seconds to embed the unique claim texts with each backend, no cache;
* cosine between the fp32 (torch) and int8 vectors of the same claim: mean, lowest, percentiles;
* links (the cluster stage's candidate pairs) under fp32 at the default threshold, against int8
  at a range of thresholds: kept, lost, new; the int8 threshold whose links differ least;
* findings: every finding only one backend reports (int8 at the default threshold and at the
  best one), with its rule and explanation, so each change can be judged.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402

from crosscheck import compare as compare_stage  # noqa: E402
from crosscheck.claims import limit_claims  # noqa: E402
from crosscheck.cluster import DEFAULT_THRESHOLD  # noqa: E402
from crosscheck.embed import Embedder, load_model  # noqa: E402
from crosscheck.pipeline import extract_corpus, link_claims  # noqa: E402
from crosscheck.ingest import ingest  # noqa: E402

THRESHOLDS = (0.57, 0.58, 0.59, 0.6, 0.61, 0.62)


def embed_timed(texts: list[str], backend: str) -> tuple[np.ndarray, float]:
    load_model(backend=backend).encode(["Models are loaded before anything is timed."])
    t = time.perf_counter()
    X = Embedder(cache_dir=None, backend=backend).encode(texts)
    return X, time.perf_counter() - t


def findings_of(claims, articles, X: np.ndarray, threshold: float):
    groups, clusterer = link_claims(articles, claims, X, threshold)
    found = compare_stage.compare(claims, {**clusterer.nearby_, **clusterer.links_}, groups).findings
    return set(clusterer.links_), {f.id: f for f in found}


def describe(f) -> dict:
    return {"id": f.id, "rule": f.rule, "kind": f.kind.value, "explanation": f.explanation,
            "sources": list(f.sources)}


def gate(corpus: Path, cache: str | None) -> dict:
    articles = ingest([str(corpus)]).articles
    extracted = extract_corpus(articles, cache_dir=cache)
    articles, (claims, _) = extracted.articles, limit_claims(extracted.claims)
    texts = sorted({c.text for c in claims})
    if not texts:
        raise SystemExit(f"embed_gate: no claims in {corpus}")
    row = {t: i for i, t in enumerate(texts)}
    fp32, fp32_s = embed_timed(texts, "torch")
    int8, int8_s = embed_timed(texts, "onnx-int8")
    cosine = (fp32 * int8).sum(axis=1)
    Xf = fp32[[row[c.text] for c in claims]]
    Xi = int8[[row[c.text] for c in claims]]

    base_links, base_findings = findings_of(claims, articles, Xf, DEFAULT_THRESHOLD)
    sweep, changed = [], {}
    for threshold in THRESHOLDS:
        links, found = findings_of(claims, articles, Xi, threshold)
        only_fp32 = sorted(set(base_findings) - set(found))
        only_int8 = sorted(set(found) - set(base_findings))
        sweep.append({"threshold": threshold, "links": len(links), "kept": len(links & base_links),
                      "lost": len(base_links - links), "new": len(links - base_links),
                      "findings": len(found), "findings_only_fp32": len(only_fp32), "findings_only_int8": len(only_int8)})
        changed[threshold] = {"only_fp32": [describe(base_findings[i]) for i in only_fp32],
                              "only_int8": [describe(found[i]) for i in only_int8]}
    best = min(sweep, key=lambda s: (s["lost"] + s["new"], abs(s["threshold"] - DEFAULT_THRESHOLD)))
    return {
        "corpus": str(corpus), "articles": len(articles), "claims": len(claims), "unique_texts": len(texts),
        "floor_fp32_s": round(fp32_s, 2), "floor_int8_s": round(int8_s, 2), "speedup": round(fp32_s / int8_s, 2),
        "cosine": {"mean": round(float(cosine.mean()), 4), "min": round(float(cosine.min()), 4),
                   "p1": round(float(np.percentile(cosine, 1)), 4), "p50": round(float(np.median(cosine)), 4)},
        "fp32": {"threshold": DEFAULT_THRESHOLD, "links": len(base_links), "findings": len(base_findings)},
        "int8_sweep": sweep, "best_int8_threshold": best["threshold"],
        "changed_findings": {"default": changed[DEFAULT_THRESHOLD], "best": changed[best["threshold"]]},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.embed_gate", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--json", type=Path, default=Path("reports/bench/embed_gate.json"))
    parser.add_argument("--cache-dir", default=None, help="claim cache to read and fill (default: none, parse all)")
    args = parser.parse_args(argv)
    figures = gate(args.corpus, args.cache_dir)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(figures, indent=2) + "\n")
    c = figures["cosine"]
    print(f"{figures['corpus']}: {figures['claims']} claims, {figures['unique_texts']} unique texts")
    print(f"floor: fp32 {figures['floor_fp32_s']} s, int8 {figures['floor_int8_s']} s (x{figures['speedup']})")
    print(f"cosine fp32 vs int8: mean {c['mean']}, min {c['min']}, 1st percentile {c['p1']}")
    print(f"fp32 at {DEFAULT_THRESHOLD}: {figures['fp32']['links']} links, {figures['fp32']['findings']} findings")
    for s in figures["int8_sweep"]:
        print(f"int8 at {s['threshold']}: {s['links']} links (kept {s['kept']}, lost {s['lost']}, new {s['new']}); "
              f"{s['findings']} findings ({s['findings_only_fp32']} only under fp32, {s['findings_only_int8']} only under int8)")
    for side, items in figures["changed_findings"]["default"].items():
        for f in items:
            print(f"  {side} {f['rule']} {f['kind']}: {f['explanation']}")
    print(f"figures: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
