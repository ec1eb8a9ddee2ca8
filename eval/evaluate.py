"""`make eval`: run the checker on every labelled set and score it.

Sets: ``seeds`` (the five reference articles), ``dev`` (the six BASIL events
labelled in ``../shared/eval/basil``), ``tune`` and ``test`` (our own labels in
``eval/labels/``, split by event once, with a fixed seed; see
``eval/labels/README.md``), and ``synth-tune`` and ``synth-test``: stories
written as wire stories, wire copies, rewrites and previews in other domains
and labelled by their writers (``eval/synth/``), the shape of the unseen news
BASIL lacks. Tune only on seeds, dev, tune and synth-tune; the test halves are
for measuring. Each BASIL event is run on its own folder (the three files share
basenames across events), with one loaded model for all; ``--embedder``
picks the embedding backend (``torch`` or ``onnx-int8``), so the sets can be
scored under each and the findings written by each (``--out``) compared.

Prints, per set: recall by kind and by category, unlabelled discrepancies per
event, must_not violations; then a precision-recall table of discrepancies over
confidence thresholds and a calibration table (predicted confidence against the
observed share of findings on a label), pooled over the sets named by
``--calibrate`` (tune data by default).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"


def _load_scorer():
    spec = importlib.util.spec_from_file_location("crosscheck_eval_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Event:
    name: str
    folder: Path
    gold: Path


@dataclass
class Tally:
    events: int = 0
    must: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # kind -> [found, total]
    by_category: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    unlabelled: list = field(default_factory=list)  # per event
    must_not: int = 0
    scored: list = field(default_factory=list)  # (confidence, on_label) per discrepancy finding
    missed: list = field(default_factory=list)  # (event, item id) of missed must discrepancies


def sets(only: list[str] | None) -> dict[str, list[Event]]:
    basil = SHARED / "corpora" / "basil"
    out = {
        "seeds": [Event("seeds", ROOT / "seeds", SHARED / "eval" / "seeds-gold.toml")],
        "dev": [Event(p.stem, basil / p.stem, p) for p in sorted((SHARED / "eval" / "basil").glob("*.toml"))],
        "tune": [Event(p.stem, basil / p.stem, p) for p in sorted((HERE / "labels" / "tune").glob("*.toml"))],
        "test": [Event(p.stem, basil / p.stem, p) for p in sorted((HERE / "labels" / "test").glob("*.toml"))],
        **{f"synth-{half}": _synthetic(half) for half in ("tune", "test")},
    }
    return {k: v for k, v in out.items() if not only or k in only}


def _synthetic(half: str) -> list[Event]:
    """Multi-outlet coverage written and labelled for us (wire copies, rewrites, previews)."""
    folder = HERE / "synth" / half
    return [Event(p.stem, folder / p.stem, p) for p in sorted(folder.glob("*.toml"))]


def run_event(checker, event: Event, out_dir: Path) -> dict:
    from crosscheck.report import findings_json

    result = checker(event.folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{event.name}.json"
    path.write_text(findings_json.render(result), encoding="utf-8")
    return json.loads(path.read_text(encoding="utf-8"))


def score_event(score, gold: dict, findings: list[dict], tally: Tally, event: str) -> None:
    must, optional, must_not = gold.get("must", []), gold.get("optional", []), gold.get("must_not", [])
    tally.events += 1
    for item in must:
        hit = any(score.finding_matches(item, f) for f in findings)
        tally.must[item["kind"]][0] += hit
        tally.must[item["kind"]][1] += 1
        if item["kind"] == "discrepancy":
            tally.by_category[item.get("category", "?")][0] += hit
            tally.by_category[item.get("category", "?")][1] += 1
            if not hit:
                tally.missed.append((event, item["id"]))
    tally.must_not += sum(any(score.violates(item, f) for f in findings) for item in must_not)
    labelled = [i for i in must + optional if i["kind"] == "discrepancy"]
    unlabelled = 0
    for f in findings:
        if f.get("kind") != "discrepancy":
            continue
        on_label = any(score.finding_matches(i, f) for i in labelled)
        unlabelled += not on_label
        tally.scored.append((float(f.get("confidence", 0.0)), on_label, f.get("rule")))
    tally.unlabelled.append(unlabelled)


def fmt(pair) -> str:
    found, total = pair
    return f"{found}/{total}" + (f" ({found / total:.2f})" if total else "")


def print_tally(name: str, tally: Tally) -> None:
    kinds = ", ".join(f"{k} {fmt(v)}" for k, v in sorted(tally.must.items(), reverse=True))
    cats = ", ".join(f"{k} {fmt(v)}" for k, v in sorted(tally.by_category.items()))
    n = max(tally.events, 1)
    print(f"{name:<5} events {tally.events:>2} | {kinds}")
    print(f"      discrepancy recall by category: {cats}")
    print(f"      unlabelled discrepancies {sum(tally.unlabelled)} ({sum(tally.unlabelled) / n:.2f} per event; "
          f"per event {tally.unlabelled}) | must_not violated {tally.must_not}")


def precision_recall(scored: list, total_must: int, thresholds=(0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)) -> None:
    print("      min confidence | flagged | on a label | precision")
    for t in thresholds:
        kept = [on for c, on, _ in scored if c >= t]
        if kept:
            print(f"      {t:>14.1f} | {len(kept):>7} | {sum(kept):>10} | {sum(kept) / len(kept):.2f}")


def calibration_table(scored: list, bins=(0.0, 0.4, 0.55, 0.7, 0.85, 1.01)) -> None:
    print("      predicted confidence | findings | observed share on a label")
    for lo, hi in zip(bins, bins[1:]):
        inside = [on for c, on, _ in scored if lo <= c < hi]
        if inside:
            print(f"      [{lo:.2f}, {min(hi, 1.0):.2f}) {'':>8} | {len(inside):>8} | {sum(inside) / len(inside):.2f}")


def main(argv: list[str] | None = None) -> int:
    from crosscheck.embed import BACKENDS, DEFAULT_BACKEND

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", help="which sets (default: all): seeds dev tune test synth-tune synth-test")
    ap.add_argument("--out", type=Path, default=ROOT / "reports" / "eval")
    ap.add_argument("--calibrate", default="seeds,dev,tune,synth-tune", help="sets pooled for the confidence tables")
    ap.add_argument("--missed", action="store_true", help="list missed must discrepancies (not for the test set)")
    ap.add_argument("--embedder", choices=BACKENDS, default=None,
                    help=f"embedding backend (default: the package default, {DEFAULT_BACKEND})")
    ap.add_argument("--fit-calibration", action="store_true",
                    help="refit crosscheck/compare/calibration.json on the --calibrate sets (never on test)")
    args = ap.parse_args(argv)

    from crosscheck.compare import calibration
    from crosscheck.pipeline import Params, run

    score = _load_scorer()
    pooled_sets = args.calibrate.split(",")
    if args.fit_calibration and {"test", "synth-test"} & set(pooled_sets):
        ap.error("the test half is never tuned on: leave it out of --calibrate")
    # raw scores (the shipped calibration is applied below, so it can be refitted); embedder None: the default
    params = Params(calibrate=False, embedder=args.embedder)
    shipped = calibration.default()

    def checker(folder: Path):
        return run([str(folder)], params)

    tallies: dict[str, Tally] = {}
    for name, events in sets(args.sets or None).items():
        tally = tallies.setdefault(name, Tally())
        for event in events:
            data = run_event(checker, event, args.out / name)
            gold = tomllib.loads(event.gold.read_text(encoding="utf-8"))
            score_event(score, gold, data["findings"], tally, event.name)
    print()
    for name, tally in tallies.items():
        print_tally(name, tally)
        if args.missed and name != "test":
            for event, item in tally.missed:
                print(f"      missed {event}: {item}")
    pooled = [s for name in pooled_sets if name in tallies for s in tallies[name].scored]
    if args.fit_calibration and pooled:
        from crosscheck.compare.registry import RULES

        fitted = calibration.fit([c for c, _, _ in pooled], [on for _, on, _ in pooled], rules=sorted(RULES),
                                 fitted_on=f"{args.calibrate}: {len(pooled)} discrepancies")
        calibration.TABLE.write_text(fitted.to_json(), encoding="utf-8")
        shipped = fitted
        print(f"\nwrote {calibration.TABLE}")
    for name, tally in tallies.items():
        if tally.scored:
            print(f"\nconfidence on {name} ({len(tally.scored)} discrepancies; calibrated on {shipped.fitted_on or 'nothing'}):")
            calibrated = [(shipped(c) if rule in shipped.rules else c, on, rule) for c, on, rule in tally.scored]
            precision_recall(calibrated, 0)
            calibration_table(calibrated)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
