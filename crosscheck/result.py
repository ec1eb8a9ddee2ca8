"""What one run found, as records, pandas frames, Parquet files and reports.

``Result`` is what ``Checker.run`` (and ``pipeline.run``) return. Its fields
are the typed records of the run (``crosscheck/model.py``); its methods give
the same facts as tables for notebooks (pandas is imported only when a frame
is asked for) and write the reports the command line writes.

Frames, one row per:

- ``claims_frame()``: claim. ``claim`` (int, the claim's number, used by the
  other frames), ``source_id``, ``path``, ``line``, ``start``, ``end``
  (half-open character offsets into the decoded file), ``text``,
  ``attribution`` (who said it, or None), ``event`` (event group of its
  article), ``cluster`` (multi-source cluster id, or <NA>).
- ``links_frame()``: candidate pair the rules compared (each claim's best
  matches in other sources). ``claim_a``, ``claim_b`` (claim numbers,
  ``claim_a < claim_b``), ``source_a``, ``source_b``, ``similarity`` (cosine).
- ``findings_frame()``: finding. ``id``, ``kind`` (discrepancy/agreement),
  ``category``, ``rule``, ``severity``, ``confidence``, ``explanation``,
  ``sources`` (list of source ids), ``claims`` (list of claim numbers).
- ``evidence_frame()``: claim of a finding. ``finding_id``, ``claim``,
  ``source_id``, ``line``, ``value`` (the compared span's text),
  ``value_start``, ``value_end``, ``norm`` (the normalised value compared).
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from .files import replace_atomic, write_atomic

if TYPE_CHECKING:  # annotations only: reading a result needs neither numpy nor pandas
    import pandas as pd

    from .events import EventGroups
    from .ingest import IngestWarning
    from .model import Article, Claim, Cluster, Finding, SkippedPair
    from .review import Decisions

REPORT_FILES = {"md": "report.md", "json": "findings.json", "sarif": "findings.sarif", "html": "report.html"}
FRAMES = ("findings", "claims", "links", "evidence")
CLAIM_COLUMNS = ("claim", "source_id", "path", "line", "start", "end", "text", "attribution", "event", "cluster")
FRAME_ROWS = 4_096  # claims or findings of a frame written at a time (to_parquet): what it holds at once


def _column_types() -> dict:
    import pyarrow as pa

    text, number = pa.string(), pa.int64()
    return {**dict.fromkeys(("source_id", "path", "text", "attribution", "id", "kind", "category", "rule",
                             "severity", "explanation", "finding_id", "value", "norm"), text),
            **dict.fromkeys(("source_a", "source_b"), text),
            **dict.fromkeys(("claim", "line", "start", "end", "event", "cluster", "value_start", "value_end",
                             "claim_a", "claim_b"), number),
            "confidence": pa.float64(), "similarity": pa.float64(), "sources": pa.list_(text),
            "claims": pa.list_(number)}


@dataclass
class Result:
    """Articles, claims, links and findings of one run, and how the run was made (``params``, ``timings``)."""

    articles: list[Article]
    claims: list[Claim]
    clusters: list[Cluster]
    findings: list[Finding]
    skipped: list[SkippedPair]
    warnings: list[IngestWarning]
    groups: EventGroups
    params: dict
    timings: dict[str, float] = field(default_factory=dict)
    links: dict[tuple[int, int], float] = field(default_factory=dict)  # candidate pairs (claim indices) -> similarity
    embedded: int = 0  # claim texts embedded by the model in this run (not cached)
    parsed: int = 0  # articles parsed in this run (not cached)
    # findings below the run's min_confidence: out of the reports and the gate, counted in both
    hidden: list[Finding] = field(default_factory=list)
    vectors: object = field(default=None, repr=False)  # the claims' unit embedding vectors (numpy, one row per claim)

    # ------------------------------------------------------------ frames

    def _claim_numbers(self) -> dict[tuple[str, int, int], int]:
        """The numbers of the claims that findings show (every claim is walked, only those are kept)."""
        shown = {e.claim.key for f in self.findings for e in f.evidence}
        return {c.key: n for n, c in enumerate(self.claims) if c.key in shown}

    def claims_frame(self) -> pd.DataFrame:
        """One row per claim; the row's ``claim`` number is what links and findings refer to."""
        return self._claims_frame_of(enumerate(self.claims), self.cluster_of())

    def cluster_of(self):
        """Each claim's cluster id by claim number, -1 for none (an array: 8 bytes a claim)."""
        import numpy as np

        found = np.full(len(self.claims), -1, np.int64)
        for c in self.clusters:
            found[list(c.members)] = c.id
        return found

    def _claims_frame_of(self, numbered: Iterable[tuple[int, Claim]], cluster_of) -> pd.DataFrame:
        """The claims frame's rows of these (number, claim) pairs, built column by column."""
        import pandas as pd

        columns: dict[str, list] = {k: [] for k in CLAIM_COLUMNS}
        for n, c in numbered:
            for name, value in zip(CLAIM_COLUMNS, (
                    n, c.source_id, c.path, c.line, c.start, c.end, c.text,
                    c.attribution.text if c.attribution else None, self.groups.group_of.get(c.source_id),
                    int(cluster_of[n]) if cluster_of[n] >= 0 else None)):
                columns[name].append(value)
        frame = pd.DataFrame(columns, columns=list(CLAIM_COLUMNS))
        return frame.astype({"claim": "int64", "line": "int64", "start": "int64", "end": "int64",
                             "event": "Int64", "cluster": "Int64"})

    def _write_pieces(self, name: str, path: Path, rows: int | None = None) -> None:
        """A frame as Parquet, ``rows`` claims, links or findings at a time (a row group each): a large
        run's frame is never whole in memory; ``pandas.read_parquet`` gives the frame."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = rows or FRAME_ROWS
        if name == "claims":
            cluster_of = self.cluster_of()
            items, piece = enumerate(self.claims), lambda chunk: self._claims_frame_of(chunk, cluster_of)
        elif name == "links":
            a, b, similarity = self._link_arrays()
            source = self._claim_sources()
            items = iter(range(len(a)))

            def piece(chunk):
                at = np.fromiter(chunk, np.int64)
                return self._links_frame_of(a[at], b[at], similarity[at], source)
        else:
            items, piece = self._numbered_findings(), getattr(self, f"_{name}_frame_of")
        frame = piece(islice(items, rows))
        schema = pa.Schema.from_pandas(frame, preserve_index=False)  # explicit types: a piece without
        types = _column_types()
        schema = pa.schema([pa.field(f.name, types[f.name]) for f in schema],  # attributions is still text
                           metadata=schema.metadata)
        with pq.ParquetWriter(path, schema) as writer:
            while True:
                writer.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False))
                frame = piece(islice(items, rows))
                if not len(frame):
                    break

    def links_frame(self) -> pd.DataFrame:
        """One row per candidate pair of claims from different sources, with its cosine similarity."""
        return self._links_frame_of(*self._link_arrays(), self._claim_sources())

    def _links_frame_of(self, a, b, similarity, source) -> pd.DataFrame:
        """The links frame's rows of these pairs (arrays), ``source`` each claim's source id by number."""
        import pandas as pd

        frame = pd.DataFrame({"claim_a": a, "claim_b": b, "source_a": source[a], "source_b": source[b],
                              "similarity": similarity},
                             columns=["claim_a", "claim_b", "source_a", "source_b", "similarity"])
        return frame.astype({"claim_a": "int64", "claim_b": "int64", "similarity": "float64"})

    def _link_arrays(self):
        """The links as (claim_a, claim_b, similarity) arrays, pairs ascending: no Python object per link
        when the links are stored as arrays (the Dask engine's)."""
        import numpy as np

        arrays = getattr(self.links, "arrays", None)
        if arrays is not None:
            return arrays()
        pairs = sorted(self.links)
        return (np.fromiter((a for a, _ in pairs), np.int64, len(pairs)),
                np.fromiter((b for _, b in pairs), np.int64, len(pairs)),
                np.fromiter((self.links[p] for p in pairs), np.float64, len(pairs)))

    def _claim_sources(self):
        """Each claim's source id by claim number (an array); stored claims give theirs without being loaded."""
        import numpy as np

        source_ids = getattr(self.claims, "source_ids", None)
        if source_ids is not None:
            return source_ids()
        return np.asarray([c.source_id for c in self.claims], dtype=object)

    def _numbered_findings(self) -> Iterable[tuple[Finding, list[int | None]]]:
        """Each finding with the number of each of its claims (None: not a claim of the run); stored
        findings (the Dask engine's) carry their numbers, others are numbered by walking the claims."""
        numbered = getattr(self.findings, "numbered", None)
        if numbered is not None:
            yield from numbered()
            return
        number = self._claim_numbers()
        for f in self.findings:
            yield f, [number.get(e.claim.key) for e in f.evidence]

    def findings_frame(self) -> pd.DataFrame:
        """One row per finding (as in findings.json), with the numbers of its claims."""
        return self._findings_frame_of(self._numbered_findings())

    def _findings_frame_of(self, numbered: Iterable[tuple[Finding, list]]) -> pd.DataFrame:
        import pandas as pd

        rows = [{
            "id": f.id, "kind": f.kind.value, "category": f.category, "rule": f.rule, "severity": f.severity.value,
            "confidence": float(f.confidence), "explanation": f.explanation, "sources": list(f.sources),
            "claims": [n for n in numbers if n is not None],
        } for f, numbers in numbered]
        return pd.DataFrame(rows, columns=["id", "kind", "category", "rule", "severity", "confidence",
                                           "explanation", "sources", "claims"]).astype({"confidence": "float64"})

    def evidence_frame(self) -> pd.DataFrame:
        """One row per claim of each finding: which span of it was compared."""
        return self._evidence_frame_of(self._numbered_findings())

    def _evidence_frame_of(self, numbered: Iterable[tuple[Finding, list]]) -> pd.DataFrame:
        import pandas as pd

        rows = [{
            "finding_id": f.id, "claim": n, "source_id": e.claim.source_id,
            "line": e.claim.line, "value": e.value_text,
            "value_start": e.value.start if e.value else e.claim.start,
            "value_end": e.value.end if e.value else e.claim.end, "norm": e.norm,
        } for f, numbers in numbered for e, n in zip(f.evidence, numbers)]
        frame = pd.DataFrame(rows, columns=["finding_id", "claim", "source_id", "line", "value", "value_start",
                                            "value_end", "norm"])
        return frame.astype({"claim": "Int64", "line": "int64", "value_start": "int64", "value_end": "int64"})

    # ------------------------------------------------------------ files

    def to_parquet(self, folder: str | os.PathLike[str]) -> list[Path]:
        """Write each frame as FOLDER/<frame>.parquet (pyarrow), atomically; returns the paths."""
        folder = Path(folder)
        written = []
        for name in FRAMES:  # each written a row group at a time
            path = folder / f"{name}.parquet"
            replace_atomic(path, lambda tmp, name=name: self._write_pieces(name, tmp))
            written.append(path)
        return written

    def write_report(self, folder: str | os.PathLike[str], formats: Iterable[str] = ("md", "json"), *,
                     decisions: Decisions | None = None) -> list[Path]:
        """Write the reports `crosscheck run` writes (report.md, findings.json; findings.sarif) into FOLDER.

        ``decisions`` (``crosscheck.review.load(path)``) marks what editors
        have reviewed; without it every discrepancy is open. Each file is
        written to a temporary file and renamed, so a reader never sees half
        of one; an OSError names the report that could not be written.
        Returns the paths written.
        """
        formats = list(formats)
        unknown = [f for f in formats if f not in REPORT_FILES]
        if unknown or not formats:
            raise ValueError(f"formats must be some of {', '.join(REPORT_FILES)} (got {', '.join(map(repr, formats))})")
        texts = self.render(formats, decisions)
        written = []
        for fmt, text in texts.items():
            path = Path(folder) / REPORT_FILES[fmt]
            try:
                write_atomic(path, text)
            except OSError as err:  # name the report, not the temporary file or a parent folder
                raise OSError(err.errno, err.strerror or str(err), str(path)) from err
            written.append(path)
        return written

    def render(self, formats: Iterable[str], decisions: Decisions | None = None) -> dict[str, str]:
        """The text of each report format, all rendered before any is written."""
        from .review import Decisions

        state = self.review_state(decisions if decisions is not None else Decisions())
        out: dict[str, str] = {}
        for fmt in formats:
            if fmt == "json":
                from .report import findings_json

                review = {"states": {r.finding.id: r.state.value for r in state.items},
                          "orphaned": [d.finding_id for d in state.orphaned]}
                out[fmt] = findings_json.render(self, {"review": review})
            elif fmt == "md":
                from .report import markdown

                out[fmt] = markdown.render(self, state)
            elif fmt == "sarif":
                from .compare.registry import RULES
                from .report import sarif

                out[fmt] = sarif.render(state, RULES, articles=self.articles)
            elif fmt == "html":
                from .web.export import render_file

                out[fmt] = render_file(self, state)
        return out

    def review_state(self, decisions: Decisions):
        """The discrepancies shown against the editors' decisions; a decision about a hidden finding is not orphaned."""
        from .review import classify

        return classify(self.findings, decisions, hidden=self.hidden)

    @property
    def min_confidence(self) -> float:
        return float(self.params.get("min_confidence", 0.0))

    def claims_at(self, location: str) -> list[int]:
        """Numbers of the claims at ``"FILE:LINE"`` or ``"FILE:LINE:COL"`` (``explain.LocationError`` if none)."""
        from .explain import claims_at, parse_location

        return claims_at(self, parse_location(location))

    def explain(self, claim_a: int | Claim, claim_b: int | Claim):
        """Why two claims (numbers in ``claims``, or the Claim records) were or were not flagged:
        an ``explain.PairExplanation`` (``.summary`` in one line, ``.to_dict()`` for JSON)."""
        from .explain import explain_pair

        number = self._claim_numbers()

        def index(c) -> int:
            if isinstance(c, int) and not isinstance(c, bool):
                return c
            if getattr(c, "key", None) in number:
                return number[c.key]
            raise ValueError(f"not a claim of this run: {c!r}")

        return explain_pair(self, index(claim_a), index(claim_b))

    def summary(self) -> str:
        """One line: how many articles, claims, clusters, discrepancies and agreements (and hidden findings)."""
        from .report.words import plural

        disc = sum(f.kind.value == "discrepancy" for f in self.findings)
        hidden = (f" ({plural(len(self.hidden), 'finding')} below confidence {self.min_confidence:g} hidden)"
                  if self.hidden else "")
        return (f"{plural(len(self.articles), 'article')}, {plural(len(self.claims), 'claim')}, "
                f"{plural(len(self.clusters), 'cluster')}: {plural(disc, 'discrepancy')}, "
                f"{plural(sum(f.kind.value == 'agreement' for f in self.findings), 'agreement')}{hidden}")
