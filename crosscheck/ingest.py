"""Paths -> Articles: find files, decode them, read or infer their metadata.

The decoded text is kept whole (front matter included) so that every claim's
offsets point into exactly what is in the file. Problems with one file never
stop the run: they become one-line ``IngestWarning`` messages naming the file.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .model import Article

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
DEFAULT_MAX_BYTES = 5_000_000


class InputError(Exception):
    """A problem with the user's input that stops the whole run (bad path, no articles)."""


@dataclass(frozen=True)
class IngestWarning:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    warnings: list[IngestWarning] = field(default_factory=list)


# ---------------------------------------------------------------- finding files

def discover(paths: list[str | os.PathLike[str]]) -> tuple[list[tuple[str, str]], list[IngestWarning]]:
    """Expand files and folders into (path as given, stable source id) pairs.

    Folders are walked recursively without following symlinked folders (no
    loops); the source id of a file found in a folder is its path relative to
    that folder, so ids do not depend on where the folder lives.
    """
    found: list[tuple[str, str]] = []
    warnings: list[IngestWarning] = []
    seen: set[str] = set()
    for given in paths:
        given = os.fspath(given)
        if not os.path.lexists(given):
            raise InputError(f"{given}: no such file or folder")
        if os.path.isdir(given):
            for root, dirs, files in os.walk(given, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES):
                        continue
                    full = os.path.join(root, name)
                    rel = os.path.relpath(full, given).replace(os.sep, "/")
                    real = os.path.realpath(full)
                    if real in seen:
                        continue
                    seen.add(real)
                    found.append((full, rel))
        else:
            real = os.path.realpath(given)
            if real not in seen:
                seen.add(real)
                found.append((given, os.path.basename(given)))
    ids = [sid for _, sid in found]
    if len(set(ids)) != len(ids):  # two inputs share a name: fall back to the paths
        found = [(p, os.path.normpath(p).replace(os.sep, "/").lstrip("./") or p) for p, _ in found]
    return found, warnings


# ---------------------------------------------------------------- decoding

def decode(data: bytes) -> str:
    """Bytes -> text. UTF-8 (with or without BOM) first, then a detected encoding.

    Raises ValueError with a short reason when the bytes are not text.
    """
    if not data.strip():
        raise ValueError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        if b"\x00" in data[:8192]:
            raise ValueError("binary file (NUL bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            best = from_bytes(data).best()
            if best is None:
                raise ValueError("not text in any known encoding") from None
            text = str(best)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ValueError("no text (whitespace only)")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\t")
    if controls > 0.05 * min(len(text), 8192):
        raise ValueError("binary file (control characters), not text")
    return text


# ---------------------------------------------------------------- metadata

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_DATE_LINE = re.compile(r"\A\s*date[:\s]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)
# "ANKARA, Turkey (AP) —", "WASHINGTON —", "ANKARA, Turkey, ..."
_DATELINE = re.compile(
    r"\A\s*([A-Z]{2,}(?:[ .'\-][A-Z]{2,})*(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?)\s*"
    r"(?:\(([^)]{1,40})\))?\s*(?:[—–―]|--?|,)\s+"
)
_OUTLET_PREFIX = re.compile(r"\A\s*([A-Z][\w&.' ]{1,40}?)/\s+")


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def _front_matter(text: str, path: str, warnings: list[IngestWarning]) -> tuple[dict, int]:
    m = _FRONT_MATTER.match(text)
    if not m:
        if text.startswith("---\n"):
            warnings.append(IngestWarning(path, "front matter starts with '---' but never ends; read as text"))
        return {}, 0
    import yaml

    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        warnings.append(IngestWarning(path, f"front matter is not valid YAML{where}; metadata ignored"))
        return {}, m.end()
    if data is None:
        return {}, m.end()
    if not isinstance(data, dict):
        warnings.append(IngestWarning(path, "front matter is not a mapping of fields; metadata ignored"))
        return {}, m.end()
    return data, m.end()


def read_metadata(text: str, path: str) -> tuple[dict, int, dict, list[IngestWarning]]:
    """Metadata from front matter when present, else inferred from the text.

    Returns (fields, body_start, provenance, warnings).
    """
    warnings: list[IngestWarning] = []
    data, body_start = _front_matter(text, path, warnings)
    meta: dict = {"title": None, "outlet": None, "date": None, "url": None}
    origin = {k: "unknown" for k in meta}
    for key, field_name in (("title", "title"), ("source", "outlet"), ("outlet", "outlet"), ("url", "url")):
        value = data.get(key)
        if value is None or meta[field_name] is not None:
            continue
        if isinstance(value, (str, int, float)) and str(value).strip():
            meta[field_name] = str(value).strip()
            origin[field_name] = "front matter"
        else:
            warnings.append(IngestWarning(path, f"front matter field '{key}' is not text; ignored"))
    if "date" in data:
        date = _as_date(data.get("date"))
        if date is None:
            warnings.append(IngestWarning(path, f"front matter date {str(data.get('date'))!r} is not a YYYY-MM-DD date; date unknown"))
        else:
            meta["date"], origin["date"] = date, "front matter"

    body = text[body_start:]
    lead = len(body) - len(body.lstrip())
    first_nl = body.find("\n", lead)
    first_line = body[lead: first_nl if first_nl >= 0 else len(body)].strip()
    if meta["title"] is None and first_line and _looks_like_headline(first_line) and first_nl >= 0:
        meta["title"], origin["title"] = first_line, "inferred"
        body_start += first_nl + 1
    elif meta["title"] is not None and first_line.strip("# ").strip() == meta["title"]:
        body_start += (first_nl + 1) if first_nl >= 0 else len(body)

    # inline markers at the head of the body: "date 2022-10-26", "Outlet/", datelines
    head = text[body_start:]
    m = _DATE_LINE.match(head)
    if m:
        if meta["date"] is None:
            meta["date"], origin["date"] = _as_date(m.group(1)), "inferred"
        body_start += m.end()
        head = text[body_start:]
    m = _OUTLET_PREFIX.match(head)
    if m:
        if meta["outlet"] is None:
            meta["outlet"], origin["outlet"] = m.group(1).strip(), "inferred"
        body_start += m.end()
        head = text[body_start:]
    m = _DATELINE.match(head)
    if m:
        if meta["outlet"] is None and m.group(2):
            meta["outlet"], origin["outlet"] = m.group(2).strip(), "inferred"
        body_start += m.end()
    return meta, body_start, origin, warnings


def _looks_like_headline(line: str) -> bool:
    return 3 <= len(line) <= 200 and not line.endswith((".", ":", ",", ";")) and len(line.split()) >= 2


# ---------------------------------------------------------------- reading

def read_article(path: str, source_id: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Article | None, list[IngestWarning]]:
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            return None, [IngestWarning(path, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes); skipped")]
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        return None, [IngestWarning(path, f"cannot read: {err.strerror or err}; skipped")]
    try:
        text = decode(data)
    except ValueError as err:
        return None, [IngestWarning(path, f"{err}; skipped")]
    meta, body_start, origin, warnings = read_metadata(text, path)
    article = Article(
        path=path,
        source_id=source_id,
        text=text,
        body_start=body_start,
        title=meta["title"],
        outlet=meta["outlet"],
        date=meta["date"],
        url=meta["url"],
        provenance=tuple(sorted(origin.items())),
        warnings=tuple(str(w) for w in warnings),
    )
    return article, warnings


def ingest(paths: list[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestResult:
    """Read every article under ``paths``; bad files become warnings, not errors."""
    found, warnings = discover(paths)
    result = IngestResult(warnings=list(warnings))
    for path, source_id in found:
        article, problems = read_article(path, source_id, max_bytes=max_bytes)
        result.warnings.extend(problems)
        if article is not None:
            result.articles.append(article)
    return result


def with_source_id(article: Article, source_id: str) -> Article:
    return replace(article, source_id=source_id)


def relative_display(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path
