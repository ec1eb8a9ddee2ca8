"""Probe: which shapes of discrepancy the checker misses, op by op, and why.

## What it does
Generates a small corpus from BASIL (``benchmarks.generate`` with ``alterations.PROBE_OPS``): events of
three real outlets' windows plus three re-reported copies, each copy a rewrite (sentences dropped and
swapped) carrying two or three logged edits of the shapes issue #13 saw missed on unseen news: another
weekday, day of month or year; another office for the same person; a step done against only announced;
a quote's content word changed; a given name spelled another way; a surname with one letter or its first
letter changed; an amount off by one digit; an exact figure rounded. And two edits that must *not* be
flagged: a British spelling and a contraction inside a quote. ``--trim`` (0.5) of the edited sentences
are also shortened by a clause (``alterations.trim_around``), as a rewrite would; the table gives recall
on those ("trimmed") apart from the rest ("verbatim"). BASIL events whose labels are in
``eval/labels/test/`` are left out (that half is never tuned on; only the file names are read).

It runs the checker on the corpus once (``crosscheck.Checker()``, default settings, local engine) and
prints, per op: injected, extracted (a claim holds the altered value), candidates (that claim was linked
to the original's claim), found (a discrepancy finding holds the altered value), recall; for benign ops
how many ended in a discrepancy; and the discrepancies touching no logged edit, per article, split
into those on an edited sentence, those between two real outlets, and those between a copy and another
article on sentences the copy did not edit (false alarms).

For each op it explains every miss with ``crosscheck.explain``
(the same code as ``crosscheck explain FILE:LINE FILE:LINE``, on the same run) and tallies where it was
lost: no claim, never a candidate (cosine, events), compared but aligned coverage under the floor,
compared and no rule fired, a rule observed it but no finding came out; which value pairs were missed
and which found. For ops with recall under ``--weak`` (0.7), ``--examples`` misses are printed with their
``explain`` verdict lines and the CLI command that reproduces them (``crosscheck explain`` run on the
event's folder alone may group events differently from this whole-corpus run).

## Example
``python -m benchmarks.probe --articles 600 --seed 1 --json reports/probe/probe-600-s1.json``
(about 2 minutes on 2 cores with a cold cache, 30 s warm)
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from .alterations import PROBE_OPS
from .recall import ClaimIndex, _overlaps, on_altered_value

ROOT = Path(__file__).resolve().parent.parent
WEAK = 0.7


def default_source() -> Path:
    for base in (ROOT.parent, ROOT.parent.parent, ROOT.parent.parent.parent):
        if (base / "shared" / "corpora" / "basil").is_dir():
            return base / "shared" / "corpora" / "basil"
    return ROOT.parent / "shared" / "corpora" / "basil"


def held_out_events(folder: Path = ROOT / "eval" / "labels" / "test") -> set[str]:
    """Event ids of the test half (file names only: the labels are never read)."""
    return {p.stem for p in folder.glob("*.toml")} if folder.is_dir() else set()


def make_corpus(source: Path, out: Path, articles: int, seed: int, min_sentences: int, max_sentences: int,
                trim: float) -> dict:
    from .generate import generate, read_source

    log = out / "alterations.json"
    wanted = {"articles": articles, "seed": seed, "min_sentences": min_sentences, "max_sentences": max_sentences,
              "ops": sorted(PROBE_OPS), "trim": trim}
    if log.exists():
        data = json.loads(log.read_text())
        if all(data["generator"].get(k) == v for k, v in wanted.items()):
            return data
    events = read_source(source, cache=out.parent / ".source-sentences.json")
    held = held_out_events()
    events = [e for e in events if e[0].event not in held]
    data = generate(events, articles, out, seed=seed, min_sentences=min_sentences, max_sentences=max_sentences,
                    ops=PROBE_OPS, trim=trim)
    data["generator"]["held_out_events"] = sorted(held)
    log.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return data


# ---------------------------------------------------------------- scoring, op by op

def _holding(entry: dict, findings) -> set[int]:
    """Ids of the findings with evidence on the altered value (a whole-claim evidence counts when its claim
    holds the value). Unlike ``recall.score`` a finding naming only the altered article counts too: the
    corpus-wide name scan reports an outlier spelling ('Putan') with the altered article alone."""
    return {id(f) for f in on_altered_value(entry, findings)}


def is_copy(source_id: str) -> bool:
    """A re-reported copy ('nyt-2.md'), not one of the real outlets' windows ('nyt.md')."""
    import re

    return re.search(r"-\d+\.md$", source_id) is not None


def unmatched_kinds(unmatched: list, log: list[dict]) -> list[str]:
    """Where the discrepancies touching no logged value sit: on an edited sentence (beside the value), between
    two real outlets (they may differ for real), or between a copy and another article on sentences the
    copy did not edit (a false alarm: the copy's sentence is the original's, at most reordered or trimmed)."""
    edited = defaultdict(list)
    for entry in log:
        a = entry["altered"]
        edited[a["source_id"]].append((a["sentence_start"], a["sentence_end"]))
    kinds = []
    for f in unmatched:
        claims = [e.claim for e in f.evidence]
        if any(_overlaps(c.start, c.end, s0, s1) for c in claims for s0, s1 in edited.get(c.source_id, ())):
            kinds.append("on an edited sentence, beside the edited value")
        elif not any(is_copy(s) for s in f.sources):
            kinds.append("between real outlets")
        else:
            kinds.append("copy against another article, on unedited sentences (false alarm)")
    return kinds


def score_ops(log: list[dict], result) -> tuple[dict[str, dict], list[dict], list]:
    """Per op: injected, extracted, candidates, found; the missed entries (with their claims); unmatched findings."""
    from crosscheck.model import Kind

    index = ClaimIndex(result.claims)
    linked: dict[int, set[int]] = defaultdict(set)
    for i, j in result.links:
        linked[i].add(j)
        linked[j].add(i)
    discrepancies = [f for f in result.findings if f.kind is Kind.DISCREPANCY]
    by_source = defaultdict(list)
    for f in discrepancies:
        for s in f.sources:
            by_source[s].append(f)
    table: dict[str, dict] = {}
    missed, matched = [], set()
    for entry in log:
        row = table.setdefault(entry["op"], {"kind": entry["kind"], "category": entry["category"], "injected": 0,
                                             "extracted": 0, "candidates": 0, "found": 0, "trimmed": 0,
                                             "found_trimmed": 0, "rules": Counter()})
        ids = _holding(entry, by_source.get(entry["altered"]["source_id"], []))
        hit = bool(ids)
        matched |= ids
        altered, original = index.covering(entry["altered"]), index.covering(entry["original"])
        row["injected"] += 1
        row["extracted"] += bool(altered and original)
        row["candidates"] += any(linked[i] & original for i in altered)
        row["found"] += hit
        row["trimmed"] += bool(entry.get("trimmed"))
        row["found_trimmed"] += bool(entry.get("trimmed")) and hit
        for f in discrepancies:
            if id(f) in ids:
                row["rules"][f.rule] += 1
        if not hit and entry["kind"] == "discrepancy":
            missed.append({**entry, "claims_altered": sorted(altered), "claims_original": sorted(original)})
    for row in table.values():
        row["recall"] = round(row["found"] / row["injected"], 3) if row["injected"] else None
    unmatched = [f for f in discrepancies if id(f) not in matched]
    return table, missed, unmatched


# ---------------------------------------------------------------- why a miss was missed

def _line_of(path: Path, offset: int) -> int:
    return path.read_text(encoding="utf-8")[:offset].count("\n") + 1


def diagnose(entry: dict, result, run) -> tuple[str, object | None]:
    """(where the miss was lost, the explanation of the pair that carries the two values, if any)."""
    from crosscheck.explain import explain_pair

    if not entry["claims_altered"]:
        return "no claim holds the altered value", None
    if not entry["claims_original"]:
        return "no claim holds the original value", None
    pairs = [(i, j) for i in entry["claims_original"] for j in entry["claims_altered"]]
    best = None
    for i, j in pairs:  # the pair that got furthest: compared first, then the highest cosine
        e = explain_pair(result, i, j, run)
        rank = (bool(e.candidate.compared_by), e.candidate.similarity or 0.0)
        if best is None or rank > best[0]:
            best = (rank, e)
    e = best[1]
    c, a = e.candidate, e.alignment
    if not c.comparable:
        return f"never compared: {c.comparable_reason}", e
    if not c.compared_by:
        sim = c.similarity or 0.0
        why = "cosine under the threshold" if sim < c.threshold else "cosine over the threshold but not linked"
        return f"never a candidate ({why})", e
    observed = [r.code for r in e.rules if r.reached and any(o.kind == "discrepancy" for o in r.observations)]
    if observed:
        return f"observed by {','.join(sorted(set(observed)))} but no finding involving both", e
    if a.coverage < a.min_coverage:
        return f"compared; aligned coverage under {a.min_coverage:.0%}", e
    return "compared; no rule fired", e


def cosine_band(e) -> str:
    sim = e.candidate.similarity if e is not None else None
    if sim is None:
        return "-"
    return f"{sim:.2f}"


def example_lines(entry: dict, e, corpus: Path) -> list[str]:
    from crosscheck.report.escape import plain

    o, a = entry["original"], entry["altered"]
    lines = [f"  {entry['id']} {entry['before']!r} -> {entry['after']!r}"]
    if e is None:
        path = Path(a["source_id"])
        lines.append(f"    altered: {plain(path.read_text(encoding='utf-8')[a['sentence_start']:a['sentence_end']])}")
        return lines
    for label, view in (("A", e.a), ("B", e.b)):
        lines.append(f"    {label} {_rel(view.path)}:{view.line}: “{plain(view.text)}”")
    lines.append(f"    $ (cd {corpus} && python -m crosscheck explain {_rel(e.a.path)}:{e.a.line}:{_col(e.a)} "
                 f"{_rel(e.b.path)}:{e.b.line}:{_col(e.b)})")
    lines.append(f"    verdict: {plain(e.summary)}")
    c = e.candidate
    sim = "-" if c.similarity is None else f"{c.similarity:.3f}"
    lines.append(f"    cosine {sim}: {plain(c.link_reason)}; anchors: {plain(c.anchor_reason)}; "
                 f"compared as: {', '.join(c.compared_by) or 'not compared'}")
    al = e.alignment
    diffs = "; ".join(f"{d.a!r}/{d.b!r}{'' if d.framed else ' (unframed)'}" for d in al.differences[:4])
    lines.append(f"    alignment {al.coverage:.0%} (floor {al.min_coverage:.0%}): {diffs or 'no differences'}")
    for r in e.rules:
        if r.reached and (r.observations or _telling(r.verdict)):
            obs = "; ".join(f"{ob.kind} {' / '.join(ob.values)}" for ob in r.observations)
            lines.append(f"    {r.code}: {plain(r.verdict)}" + (f" [{obs}]" if obs else ""))
    return lines


def _rel(path: str) -> str:
    return path[2:] if path.startswith("./") else path


def _col(view) -> int:
    text = Path(view.path).read_text(encoding="utf-8")
    return view.start - (text.rfind("\n", 0, view.start) + 1) + 1


def _telling(verdict: str) -> bool:
    """Rule verdicts worth printing: anything but the plain 'nothing to compare' ones."""
    boring = ("no observation", "silent", "not applicable", "no ", "nothing")
    return not verdict.startswith(boring)


# ---------------------------------------------------------------- output

def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


def print_table(table: dict[str, dict], articles: int, unmatched: list, log: list[dict]) -> None:
    head = ["op", "kind", "injected", "extracted", "candidates", "found", "recall", "verbatim", "trimmed",
            "rules that found it"]
    rows = []
    for op in PROBE_OPS:
        r = table.get(op)
        if r is None:
            rows.append([op, "-", "0"] + [""] * 7)
            continue
        benign = r["kind"] == "benign"
        verbatim, found_verbatim = r["injected"] - r["trimmed"], r["found"] - r["found_trimmed"]
        rows.append([op, "benign" if benign else r["category"], str(r["injected"]), str(r["extracted"]),
                     str(r["candidates"]), f"{r['found']} flagged" if benign else str(r["found"]),
                     "" if benign else _ratio(r["found"], r["injected"]),
                     "" if benign else f"{_ratio(found_verbatim, verbatim)} ({verbatim})",
                     "" if benign else f"{_ratio(r['found_trimmed'], r['trimmed'])} ({r['trimmed']})",
                     ", ".join(f"{k} {v}" for k, v in r["rules"].most_common(3))])
    disc = [r for r in table.values() if r["kind"] == "discrepancy"]
    total = {k: sum(r[k] for r in disc) for k in ("injected", "extracted", "candidates", "found", "trimmed",
                                                   "found_trimmed")}
    rows.append(["all discrepancies", "", str(total["injected"]), str(total["extracted"]), str(total["candidates"]),
                 str(total["found"]), _ratio(total["found"], total["injected"]),
                 f"{_ratio(total['found'] - total['found_trimmed'], total['injected'] - total['trimmed'])} "
                 f"({total['injected'] - total['trimmed']})",
                 f"{_ratio(total['found_trimmed'], total['trimmed'])} ({total['trimmed']})", ""])
    widths = [max(len(row[i]) for row in rows + [head]) for i in range(len(head))]
    for n, row in enumerate([head] + rows):
        print("  ".join(c.ljust(w) if i in (0, 1, 9) else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if n == 0:
            print("  ".join("-" * w for w in widths))
    print("(verbatim: the edited sentence otherwise as the original; trimmed: a clause of it also left out; "
          "(n) edits of each)")
    by_rule = Counter(f.rule for f in unmatched)
    print(f"\nunlabelled discrepancies (touching no logged edit): {len(unmatched)} over {articles} articles = "
          f"{len(unmatched) / max(1, articles):.2f} per article; by rule: "
          + ", ".join(f"{k} {v}" for k, v in by_rule.most_common()))
    for kind, n in Counter(unmatched_kinds(unmatched, log)).most_common():
        print(f"  {n:4d}  {kind}")


def print_diagnosis(op: str, row: dict, records: list[dict], found_pairs: Counter, examples: list[list[str]]) -> None:
    print(f"\n## {op}: recall {_ratio(row['found'], row['injected'])} ({row['found']}/{row['injected']}); "
          f"where the {len(records)} misses were lost:")
    for where, n in Counter(x["where"] for x in records).most_common():
        print(f"  {n:4d}  {where}")
    agreed = Counter(x["agreement"] for x in records if x["agreement"])
    if agreed:
        print(f"  of them reported as an agreement of the two claims: "
              + ", ".join(f"{rule} {n}" for rule, n in agreed.most_common()))
    cos = sorted(x["cosine"] for x in records if x["cosine"] is not None)
    if cos:
        print(f"  cosine of the pair holding the two values: median {cos[len(cos) // 2]:.2f}, min {cos[0]:.2f}, "
              f"max {cos[-1]:.2f}; aligned coverage median "
              f"{sorted(x['coverage'] for x in records if x['coverage'] is not None)[len(cos) // 2]:.0%}")
    missed_pairs = Counter(_shape(x["before"], x["after"]) for x in records)
    print("  missed: " + ", ".join(f"{k} x{n}" if n > 1 else k for k, n in missed_pairs.most_common(8)))
    if found_pairs:
        print("  found:  " + ", ".join(f"{k} x{n}" if n > 1 else k for k, n in found_pairs.most_common(8)))
    for lines in examples:
        print("\n".join(lines))


def _shape(before: str, after: str) -> str:
    return f"{before!r}->{after!r}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.probe", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", type=Path, default=default_source())
    parser.add_argument("--out", type=Path, help="corpus folder (default benchmarks/corpora/probe-N-sSEED)")
    parser.add_argument("--min-sentences", type=int, default=4)
    parser.add_argument("--max-sentences", type=int, default=7)
    parser.add_argument("--trim", type=float, default=0.5,
                        help="share of edited sentences also shortened by a clause, as a rewrite would")
    parser.add_argument("--weak", type=float, default=WEAK, help="explain the misses of ops with recall under this")
    parser.add_argument("--examples", type=int, default=3, help="misses printed per weak op")
    parser.add_argument("--cache-dir", type=Path, help="claim and vector cache (default: the checker's)")
    parser.add_argument("--embedder", help="embedding backend (default: the checker's)")
    parser.add_argument("--json", type=Path, help="write the table, the tallies and every miss's diagnosis here")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if not args.source.is_dir():
        print(f"probe: no BASIL corpus at {args.source}", file=sys.stderr)
        return 2
    out = (args.out or ROOT / "benchmarks" / "corpora" / f"probe-{args.articles}-s{args.seed}").resolve()
    data = make_corpus(args.source, out, args.articles, args.seed, args.min_sentences, args.max_sentences, args.trim)
    g = data["generator"]
    print(f"corpus: {out} ({g['articles']} articles, {g['events']} events, {len(data['alterations'])} logged edits, "
          f"seed {g['seed']}; test-half events left out: {len(g.get('held_out_events', []))})", flush=True)

    import crosscheck
    from crosscheck.explain import RunView

    started = time.perf_counter()
    settings = {"cache_dir": args.cache_dir, "embedder": args.embedder}
    checker = crosscheck.Checker(**{k: v for k, v in settings.items() if v is not None})
    here = os.getcwd()
    os.chdir(out)  # claim paths relative to the corpus, as `crosscheck explain` run there would print them
    try:
        result = checker.run(["."])
        run_s = time.perf_counter() - started
        table, missed, unmatched = score_ops(data["alterations"], result)
        print(f"run: {len(result.articles)} articles, {len(result.claims)} claims, {len(result.links)} links, "
              f"{len(result.findings)} findings in {run_s:.0f}s\n")
        print_table(table, len(result.articles), unmatched, data["alterations"])

        ops = [op for op in PROBE_OPS if op in table and table[op]["kind"] == "discrepancy"]
        weak = {op for op in ops if table[op]["found"] < args.weak * table[op]["injected"]}
        found_pairs: dict[str, Counter] = defaultdict(Counter)
        for entry in data["alterations"]:
            if entry["kind"] == "discrepancy" and entry["id"] not in {m["id"] for m in missed}:
                found_pairs[entry["op"]][_shape(entry["before"], entry["after"])] += 1
        run = RunView(result)
        rng = random.Random(args.seed)
        diagnoses: dict[str, list[dict]] = {}
        print(f"\nwhere the misses were lost, op by op (ops with recall under {args.weak:g} with "
              f"{args.examples} examples each: the pair of claims holding the original and the altered value, "
              f"as `crosscheck explain` sees it in this run)")
        for op in sorted(ops, key=lambda o: (o not in weak, list(PROBE_OPS).index(o))):
            misses = [m for m in missed if m["op"] == op]
            if not misses:
                continue
            shown = {m["id"] for m in rng.sample(misses, min(args.examples, len(misses)))} if op in weak else set()
            records, examples = [], []
            for m in misses:
                where, e = diagnose(m, result, run)
                agreement = next((f.rule for f in (e.findings if e is not None else ()) if f.kind == "agreement"), None)
                records.append({"id": m["id"], "before": m["before"], "after": m["after"],
                                "trimmed": m.get("trimmed", False), "where": where, "agreement": agreement,
                                "cosine": None if e is None else e.candidate.similarity,
                                "coverage": None if e is None else e.alignment.coverage,
                                "summary": None if e is None else e.summary,
                                "explain": None if e is None else e.to_dict()})
                if m["id"] in shown:
                    examples.append(example_lines(m, e, out))
            diagnoses[op] = records
            print_diagnosis(op, table[op], records, found_pairs[op], examples)
        if unmatched:
            kinds = unmatched_kinds(unmatched, data["alterations"])
            print(f"\nthe unlabelled discrepancies (up to 12):")
            picked = sorted(zip(kinds, unmatched), key=lambda kf: ("false alarm" not in kf[0], kf[0]))[:12]
            for kind, f in picked:
                texts = " | ".join(e.claim.text[:110] for e in f.evidence[:2])
                print(f"  [{kind.split(' (')[0].split(',')[0]}] {f.rule}: {f.explanation[:160]}\n      {texts}")
    finally:
        os.chdir(here)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "generator": g, "run_s": run_s,
            "table": {op: {**r, "rules": dict(r["rules"])} for op, r in table.items()},
            "unmatched": [{"rule": f.rule, "explanation": f.explanation, "sources": list(f.sources)} for f in unmatched],
            "diagnoses": diagnoses}, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
