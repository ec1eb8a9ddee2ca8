"""``crosscheck.Checker``: the whole checker as one object, for notebooks and scripts.

Like a scikit-learn estimator, ``__init__`` only stores its keyword
arguments (``get_params()`` returns them, ``set_params()`` changes them) and
``run`` validates them, with a message naming the parameter and the values it
allows. ``run`` returns a ``Result`` (``crosscheck/result.py``).

    >>> import crosscheck
    >>> r = crosscheck.Checker(threshold=0.65, rules=["QTY", "DAT001"]).run(["seeds"])
    >>> r.findings_frame()[["rule", "severity", "explanation"]]

Importing this module loads neither torch nor spaCy: they are loaded by
``run``, and only when the cache does not already hold the claims and vectors.
"""
from __future__ import annotations

import inspect
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .claims import DEFAULT_MAX_CLAIMS
from .defaults import DEFAULT_THRESHOLD
from .ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS

if TYPE_CHECKING:
    from .pipeline import Params, Progress
    from .result import Result


class Checker:
    """Cross-check the facts of news articles.

    Parameters (all keyword-only):

    - ``threshold`` (0 < t <= 1, default 0.6): cosine similarity at which two
      claims of different sources are linked and compared.
    - ``rules``: rule codes or code prefixes to run (``["QTY", "DAT001"]``);
      None runs every active rule (``crosscheck rules`` lists them).
    - ``cache_dir``: folder of the claim and embedding caches; None: the
      default (``$CROSSCHECK_CACHE_DIR``, else the user's cache folder,
      ``crosscheck.defaults.cache_dir()``); False: no cache.
    - ``embedder``: a backend name, ``"onnx-int8"`` (quantized ONNX Runtime,
      the default) or ``"torch"`` (fp32 sentence-transformers), or an object
      with ``transform(texts, progress=None)`` returning unit vectors (384
      columns) and ``get_params()``; None: the packaged all-MiniLM-L6-v2
      ``crosscheck.embed.Embedder`` with the default backend, caching in
      ``cache_dir``.
    - ``max_bytes`` (>= 1): files larger than this are skipped.
    - ``max_chars`` (>= 1): characters of each article's body that are checked.
    - ``max_claims`` (>= 1): claims of each article that are checked.
    - ``processes`` (None or >= 1): worker processes for parsing; None: as
      many as the text repays.
    - ``engine``: ``"local"`` (default) or ``"dask"``: claims and embedding
      as one task per publication week on a ``dask.distributed`` cluster
      (``crosscheck/engines/dask.py``); the findings are the same.
    - ``workers`` (dask, >= 1): worker processes of the ``LocalCluster``
      started for the run (default 2); ``scheduler`` (dask): the address of
      an existing cluster instead; ``work_dir`` (dask): folder of the Parquet
      files passed between stages (default: a temporary folder).
    - ``min_confidence`` (0-1, default 0): findings less confident than this
      are left out of ``Result.findings``, the reports and the gate; they are
      kept, and counted, in ``Result.hidden``.
    """

    def __init__(self, *, threshold: float = DEFAULT_THRESHOLD, rules: Sequence[str] | str | None = None,
                 cache_dir: str | os.PathLike[str] | bool | None = None, embedder: object | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS,
                 max_claims: int = DEFAULT_MAX_CLAIMS, processes: int | None = None, engine: str = "local",
                 workers: int | None = None, scheduler: str | None = None,
                 work_dir: str | os.PathLike[str] | None = None, min_confidence: float = 0.0):
        self.threshold = threshold
        self.rules = rules
        self.cache_dir = cache_dir
        self.embedder = embedder
        self.max_bytes = max_bytes
        self.max_chars = max_chars
        self.max_claims = max_claims
        self.processes = processes
        self.engine = engine
        self.workers = workers
        self.scheduler = scheduler
        self.work_dir = work_dir
        self.min_confidence = min_confidence

    @classmethod
    def _param_names(cls) -> list[str]:
        return [p.name for p in inspect.signature(cls.__init__).parameters.values() if p.kind is p.KEYWORD_ONLY]

    def get_params(self) -> dict:
        """The parameters as given (scikit-learn's ``get_params``)."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params) -> "Checker":
        """Change parameters; an unknown name is refused at once."""
        for name, value in params.items():
            if name not in self._param_names():
                raise ValueError(f"Checker has no parameter {name!r} (it has: {', '.join(self._param_names())})")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        changed = {k: v for k, v in self.get_params().items() if v != type(self)().get_params()[k]}
        return f"Checker({', '.join(f'{k}={v!r}' for k, v in changed.items())})"

    def params(self) -> Params:
        """The validated pipeline parameters; a bad value raises ``ParameterError`` naming it."""
        from .defaults import cache_dir
        from .pipeline import Params

        rules = (self.rules,) if isinstance(self.rules, str) else self.rules
        if isinstance(rules, Iterable):
            rules = tuple(rules)
        if self.cache_dir is None:
            folder = str(cache_dir())
        else:
            folder = None if self.cache_dir is False else os.fspath(self.cache_dir)
        params = Params(threshold=self.threshold, max_bytes=self.max_bytes, max_chars=self.max_chars,
                        max_claims=self.max_claims, cache_dir=folder, processes=self.processes,
                        rules=rules, embedder=self.embedder, engine=self.engine, workers=self.workers,
                        scheduler=self.scheduler,
                        work_dir=None if self.work_dir is None else os.fspath(self.work_dir),
                        min_confidence=self.min_confidence)
        params.validate()
        return params

    def run(self, paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str], *,
            progress: Progress | None = None) -> Result:
        """Check the articles under ``paths`` (files or folders, searched recursively).

        Files that cannot be used are skipped and listed in ``Result.warnings``;
        an unexpected error comes out as ``pipeline.StageError`` naming its stage.
        ``progress(stage, done, total)`` is called as the claims and embedding
        stages advance.
        """
        from .pipeline import run

        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        return run(list(paths), self.params(), progress=progress)


def claim_rows(path: str | os.PathLike[str]) -> tuple[list[dict], list]:
    """The claims of one article file as rows (offsets, attribution, facts), and the file's warnings.

    What `crosscheck claims` prints; a file that cannot be read raises ValueError saying why.
    """
    from .claims import extract_claims, limit_claims
    from .ingest import ingest

    ingested = ingest([os.fspath(path)])
    if not ingested.articles:
        raise ValueError(str(ingested.warnings[0]) if ingested.warnings else f"{path}: not readable")
    found, cut = limit_claims(extract_claims(ingested.articles))
    rows = [{
        "line": c.line, "start": c.start, "end": c.end, "text": c.text,
        "attribution": c.attribution.text if c.attribution else None,
        "quotes": [q.span.text for q in c.facts.quotes],
        "quantities": [q.span.text for q in c.facts.quantities],
        "dates": [d.span.text for d in c.facts.dates],
        "names": [n.span.text for n in c.facts.names],
    } for c in found]
    return rows, ingested.warnings + cut
