"""Scale corpus generator: N articles from real ones, with every injected discrepancy logged.

## What it does
Reads the BASIL corpus (events, each reported by three outlets), splits each
article into sentences once (spaCy, cached beside the output), and writes
``N`` articles as generated *events* of six articles each:

* an event is a copy of one BASIL event, moved forward by ``copy`` years (its
  publication dates by 52 weeks per copy, its explicit years by one), with
  the people renamed consistently from a pool of common names (copy 0 keeps
  the real names), so copies read as different stories;
* three "base" articles are windows of 3-5 consecutive sentences (the
  ``--min-sentences``/``--max-sentences`` range) of the three real outlets;
* three further "outlet versions" each re-report one base article: some
  sentences dropped, two swapped, and one or two facts altered in a logged
  way (a number, a quantifier, a date, a negation, a misspelled name), and
  often one house-style change that is *not* a discrepancy ("Sen." ->
  "Senator", "five" -> "5", " -- " -> " — ").

``alterations.json`` beside the articles logs every edit: its kind
(discrepancy or benign), category, the value before and after, and where it
is (file and character offsets) in the base and in the altered article, so a
benchmark run can report recall of the injected discrepancies and false
alarms on the benign ones, at any scale.

## Why it matters
Speed at scale means nothing if the checker stops finding what it should:
measuring recall on the same run keeps optimisations honest.

## Example
``python -m benchmarks.generate --source ../shared/corpora/basil --articles 3000 --out benchmarks/corpora/gen-3000``
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import shutil
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .alterations import DISCREPANCIES, Edit, Names, change_name, style_variant, trim_around

ARTICLES_PER_EVENT = 6  # three base outlets + three re-reported versions
FIRST_NAMES = """James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard
Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Sandra Mark
Margaret Donald Ashley Steven Kimberly Andrew Emily Paul Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian
Melissa George Deborah Timothy Stephanie Ronald Rebecca Jason Laura Edward Helen Jeffrey Sharon Ryan Cynthia""".split()
SURNAMES = """Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson
Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson
Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell
Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales
Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson
Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long
Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher
Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes
Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez""".split()
TITLES = {"Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "President", "Senator", "Representative", "Governor",
          "Judge", "Justice", "Gen", "Lt", "Col", "Sgt", "Rev", "Prof", "Speaker", "Secretary", "Chairman"}
_YEAR = re.compile(r"(?<![\w$.,])(19[5-9]\d|20[0-4]\d)(?![\w,])")


# ---------------------------------------------------------------- the source corpus

@dataclass
class SourceArticle:
    event: str
    outlet: str
    title: str
    date: str  # ISO date
    sentences: list[str]
    people: list[str]  # PERSON entity texts


def _source_fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.md")):
        digest.update(str(path.relative_to(folder)).encode() + str(path.stat().st_size).encode())
    return digest.hexdigest()[:16]


def read_source(folder: Path, cache: Path | None = None) -> list[list[SourceArticle]]:
    """BASIL events as lists of articles split into sentences (spaCy, run once and cached)."""
    key = _source_fingerprint(folder)
    if cache is not None and cache.exists():
        data = json.loads(cache.read_text())
        if data.get("key") == key:
            return [[SourceArticle(**a) for a in event] for event in data["events"]]
    from crosscheck.claims import paragraphs
    from crosscheck.ingest import ingest
    from crosscheck.nlp import load

    nlp = load()
    events: dict[str, list[SourceArticle]] = {}
    for article in ingest([str(folder)]).articles:
        sentences, people = [], []
        for _, text in paragraphs(article):
            doc = nlp(text)
            sentences += [s.text.strip() for s in doc.sents if len(s.text.split()) >= 4]
            people += [e.text for e in doc.ents if e.label_ == "PERSON"]
        event = article.source_id.split("/")[0]
        events.setdefault(event, []).append(SourceArticle(
            event=event, outlet=article.outlet or article.label, title=article.title or "",
            date=(article.date or dt.date(2015, 1, 1)).isoformat(), sentences=sentences, people=people))
    out = [sorted(arts, key=lambda a: a.outlet) for _, arts in sorted(events.items())]
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({"key": key, "events": [[asdict(a) for a in e] for e in out]}))
    return out


# ---------------------------------------------------------------- one generated event

def name_tokens(people: list[str]) -> tuple[list[str], list[str]]:
    """(first names, surnames) among PERSON mentions, titles and initials left out."""
    firsts, lasts = [], []
    for person in people:
        tokens = [t for t in re.findall(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", person) if t not in TITLES]
        if not tokens:
            continue
        lasts.append(tokens[-1])
        if len(tokens) >= 2:
            firsts.append(tokens[0])
    lasts = sorted(set(lasts))
    firsts = sorted(set(firsts) - set(lasts))
    return firsts, lasts


def renamer(people: list[str], rng: random.Random):
    """A consistent substitution of every person's first name and surname, and the new surnames."""
    firsts, lasts = name_tokens(people)
    mapping = dict(zip(lasts, rng.sample(SURNAMES, min(len(lasts), len(SURNAMES)))))
    mapping.update(zip(firsts, rng.sample(FIRST_NAMES, min(len(firsts), len(FIRST_NAMES)))))
    if not mapping:
        return (lambda text: text), []
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(mapping, key=len, reverse=True))) + r")\b")
    return (lambda text: pattern.sub(lambda m: mapping[m.group(1)], text)), sorted(set(mapping[s] for s in lasts))


def shift_years(text: str, years: int) -> str:
    return _YEAR.sub(lambda m: str(int(m.group(1)) + years), text) if years else text


@dataclass
class GenArticle:
    source_id: str
    outlet: str
    title: str
    date: dt.date
    sentences: list[str]
    origin: list[int] = field(default_factory=list)  # index of each sentence in the base article
    base: "GenArticle | None" = None
    edits: dict[int, Edit] = field(default_factory=dict)  # position in sentences -> edit applied
    cuts: dict[int, int] = field(default_factory=dict)  # position -> characters cut from an edited sentence's start
    text: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)  # offsets of each sentence in text


def op_edits(sentences: list[str], rng: random.Random, ops: dict, names: Names, tally: dict[str, int],
             wanted: int) -> dict[int, Edit]:
    """Up to ``wanted`` edits by the named ``ops``, one per sentence, the least used ops tried first
    (``tally`` counts each op's edits over the corpus, so rare shapes get their share)."""
    edits: dict[int, Edit] = {}
    order = sorted(ops, key=lambda op: (tally.get(op, 0), rng.random()))
    for op in order:
        if len(edits) >= wanted:
            break
        for i in rng.sample(range(len(sentences)), len(sentences)):
            if i in edits:
                continue
            edit = ops[op](sentences[i], rng, names)
            if edit is not None:
                edits[i] = edit
                tally[op] = tally.get(op, 0) + 1
                break
    return edits


def re_report(base: GenArticle, source_id: str, outlet: str, rng: random.Random,
              people: list[str], min_sentences: int, *, ops: dict | None = None, names: Names | None = None,
              tally: dict[str, int] | None = None, trim: float = 0.0) -> GenArticle:
    """Another outlet's version of a base article: dropped and swapped sentences, altered facts.

    With ``ops`` (name -> edit function taking sentence, rng and ``names``), two or three edits by those ops
    replace the default mix of discrepancies and style changes; with ``trim``, that share of the edited
    sentences is also shortened around the edit (``alterations.trim_around``), as a rewrite would.
    """
    positions = list(range(len(base.sentences)))
    sentences = list(base.sentences)
    if ops is not None:
        edits = op_edits(sentences, rng, ops, names or Names(), tally if tally is not None else {},
                         rng.choice([2, 3]))
        return _rewrite(base, source_id, outlet, rng, sentences, edits, min_sentences, trim=trim)
    edits: dict[int, Edit] = {}
    wanted = rng.choice([1, 1, 2])
    kinds = list(DISCREPANCIES) + ["name"]
    rng.shuffle(kinds)
    for kind in kinds:
        if len(edits) >= wanted:
            break
        for i in rng.sample(positions, len(positions)):
            if i in edits:
                continue
            edit = change_name(sentences[i], rng, people) if kind == "name" else DISCREPANCIES[kind](sentences[i], rng)
            if edit is not None:
                edits[i] = edit
                break
    if rng.random() < 0.6:
        for i in rng.sample(positions, len(positions)):
            edit = None if i in edits else style_variant(sentences[i], rng)
            if edit is not None:
                edits[i] = edit
                break
    return _rewrite(base, source_id, outlet, rng, sentences, edits, min_sentences)


def _rewrite(base: GenArticle, source_id: str, outlet: str, rng: random.Random, sentences: list[str],
             edits: dict[int, Edit], min_sentences: int, trim: float = 0.0) -> GenArticle:
    """Drop some unedited sentences, maybe swap two, apply the edits (and trim that share of the edited
    sentences around their edit)."""
    positions = list(range(len(sentences)))
    altered = {i: e.apply(sentences[i]) for i, e in edits.items()}
    cuts: dict[int, int] = {}
    for i, e in sorted(edits.items()) if trim else ():
        if rng.random() < trim:
            done = trim_around(altered[i], e.start, e.start + len(e.after), rng)
            if done is not None:
                cuts[i], altered[i] = done
    kept = [i for i in positions if i in edits or rng.random() > 0.15]
    while len(kept) < min(min_sentences, len(positions)):
        kept = sorted(set(kept) | {rng.choice(positions)})
    if len(kept) >= 3 and rng.random() < 0.5:
        a = rng.randrange(1, len(kept))
        kept[a - 1], kept[a] = kept[a], kept[a - 1]
    return GenArticle(
        source_id=source_id, outlet=outlet, title=base.title,
        date=base.date + dt.timedelta(days=rng.choice([0, 0, 1, 2])),
        sentences=[altered[i] if i in edits else sentences[i] for i in kept],
        origin=kept, base=base, edits={p: edits[i] for p, i in enumerate(kept) if i in edits},
        cuts={p: cuts[i] for p, i in enumerate(kept) if i in cuts},
    )


def make_event(number: int, source: list[SourceArticle], copy: int, rng: random.Random, *,
               min_sentences: int, max_sentences: int, versions: int, ops: dict | None = None,
               tally: dict[str, int] | None = None, trim: float = 0.0) -> list[GenArticle]:
    people = [p for a in source for p in a.people]
    if copy == 0:
        rename, surnames = (lambda text: text), name_tokens(people)[1]
    else:
        rename, surnames = renamer(people, rng)
    folder = f"e{number:05d}-{source[0].event}"
    bases = []
    for article in source:
        length = rng.randint(min_sentences, max_sentences)
        start = rng.randint(0, max(0, len(article.sentences) - length))
        window = article.sentences[start: start + length]
        if len(window) < min(3, min_sentences):
            continue
        bases.append(GenArticle(
            source_id=f"{folder}/{article.outlet}.md", outlet=article.outlet,
            title=shift_years(rename(article.title), copy),
            date=dt.date.fromisoformat(article.date) + dt.timedelta(weeks=52 * copy),
            sentences=[shift_years(rename(s), copy) for s in window],
        ))
    names = None
    if ops is not None:
        firsts, lasts = name_tokens([rename(p) for p in people])
        names = Names(tuple(firsts), tuple(lasts))
    out = list(bases)
    for v in range(versions if bases else 0):
        base = bases[v % len(bases)]
        outlet = f"{base.outlet}-{v // len(bases) + 2}"
        out.append(re_report(base, f"{folder}/{outlet}.md", outlet, rng, surnames, min_sentences,
                             ops=ops, names=names, tally=tally, trim=trim))
    return out


def render(article: GenArticle, rng: random.Random) -> None:
    """Front matter and paragraphs of one or two sentences; records where each sentence is."""
    head = f"---\ntitle: {json.dumps(article.title)}\nsource: {json.dumps(article.outlet)}\ndate: {article.date.isoformat()}\n---\n\n"
    text, spans = head, []
    i = 0
    while i < len(article.sentences):
        group = article.sentences[i: i + rng.choice([1, 1, 2])]
        for j, sentence in enumerate(group):
            if j:
                text += " "
            spans.append((len(text), len(text) + len(sentence)))
            text += sentence
        text += "\n\n"
        i += len(group)
    article.text, article.spans = text, spans


def log_entries(article: GenArticle) -> list[dict]:
    out = []
    base = article.base
    for position, edit in sorted(article.edits.items()):
        b_start, b_end = base.spans[article.origin[position]]
        a_start, a_end = article.spans[position]
        before = base.sentences[article.origin[position]][edit.start: edit.end]
        at = a_start + edit.start - article.cuts.get(position, 0)  # the value, in a sentence maybe trimmed
        out.append({
            "kind": edit.kind, "category": edit.category, "op": edit.op,
            "trimmed": position in article.cuts,
            "event": article.source_id.split("/")[0], "before": before, "after": edit.after,
            "original": {"source_id": base.source_id, "start": b_start + edit.start, "end": b_start + edit.end,
                         "sentence_start": b_start, "sentence_end": b_end},
            "altered": {"source_id": article.source_id, "start": at, "end": at + len(edit.after),
                        "sentence_start": a_start, "sentence_end": a_end},
        })
    return out


# ---------------------------------------------------------------- the corpus

def generate(source: list[list[SourceArticle]], articles: int, out: Path, *, seed: int = 1,
             min_sentences: int = 3, max_sentences: int = 5, versions: int = 3, ops: dict | None = None,
             trim: float = 0.0) -> dict:
    """Write ``articles`` articles and ``alterations.json`` under ``out``; return the log.

    ``ops`` (name -> edit function, e.g. ``alterations.PROBE_OPS``): the re-reported copies carry edits by
    these ops only, each op's share balanced over the corpus; ``trim``: the share of edited sentences also
    shortened around their edit (a rewrite that leaves a clause out)."""
    tally: dict[str, int] = {}
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written, log, number, sentences = 0, [], 0, 0
    while written < articles:
        rng = random.Random(seed * 1_000_003 + number)
        event = source[number % len(source)]
        generated = make_event(number, event, number // len(source), rng, min_sentences=min_sentences,
                               max_sentences=max_sentences, versions=versions, ops=ops,
                               tally=tally, trim=trim)[: articles - written]
        for article in generated:
            render(article, rng)
        for article in generated:
            if article.base is not None and not any(article.base is g for g in generated):
                article.edits.clear()  # its base was cut off at the corpus size: nothing to compare with
            path = out / article.source_id
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(article.text, encoding="utf-8")
            log += log_entries(article)
            sentences += len(article.sentences)
        written += len(generated)
        number += 1
    for i, entry in enumerate(log):
        entry["id"] = f"a{i:06d}"
    data = {
        "generator": {"articles": written, "events": number, "sentences": sentences, "seed": seed,
                      "min_sentences": min_sentences, "max_sentences": max_sentences, "versions": versions,
                      **({"ops": sorted(ops), "trim": trim} if ops is not None else {})},
        "counts": _counts(log),
        "alterations": log,
    }
    (out / "alterations.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return data


def _counts(log: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in log:
        key = f"{entry['kind']}/{entry['category']}"
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=Path("../shared/corpora/basil"))
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--min-sentences", type=int, default=3)
    parser.add_argument("--max-sentences", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.source.is_dir():
        print(f"generate: no source corpus at {args.source}", file=sys.stderr)
        return 2
    source = read_source(args.source, cache=args.out.parent / ".source-sentences.json")
    data = generate(source, args.articles, args.out, seed=args.seed,
                    min_sentences=args.min_sentences, max_sentences=args.max_sentences)
    g = data["generator"]
    print(f"{g['articles']} articles ({g['events']} events, {g['sentences']} sentences), "
          f"{len(data['alterations'])} logged alterations -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
