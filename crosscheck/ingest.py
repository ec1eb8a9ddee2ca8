"""Paths -> Articles: find files, decode them, read or infer their metadata.

The decoded text is kept whole (front matter included) so that every claim's
offsets point into exactly what is in the file. Problems with one file never
stop the run: they become one ``IngestWarning`` per file, printed as one line
(``path: problem; skipped``), and every other file is still checked.

What happens to bad input (the README's "Exit codes and bad input" lists it):

- decoded: UTF-8 with or without BOM, UTF-16/UTF-32 with BOM, and any other
  encoding charset-normalizer recognises (Latin-1, Windows-1252, ...); line
  endings become ``\\n``; offsets count characters of the decoded text;
- skipped with a warning: missing paths, unreadable files, files over
  ``--max-bytes``, empty or whitespace-only files, binary data, saved HTML
  pages, crosscheck's own reports, articles not in English, and articles
  whose text repeats another's;
- read in part with a warning: bodies over ``--max-chars`` (the rest is not
  checked) and broken or mistyped front matter (metadata ignored).

The pure functions (``decode``, ``read_metadata``, ``parse_article``) take
bytes or text, never paths, so they are tested without files.
"""
from __future__ import annotations

import codecs
import errno
import datetime as dt
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path

from .lexicon.calendar import MONTH_PATTERN
from .model import Article

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_MAX_CHARS = 100_000  # ten times the longest article in the reference corpora
MAX_FRONT_MATTER_CHARS = 10_000  # real front matter is under 2,000; YAML parsing is slow
SNIFF_CHARS = 65_536  # what binary and language checks look at
MAX_CONTROL_SHARE = 0.05  # more control characters than this: binary, not text
MAX_REPLACEMENT_SHARE = 0.05  # more U+FFFD than this: not text in the declared encoding
LANGUAGE_MIN_WORDS = 30  # fewer words: too short to judge the language, read anyway
MIN_ENGLISH_SHARE = 0.15  # English news prose: 0.23-0.45 of words are these; other languages < 0.12
MIN_LATIN_SHARE = 0.5  # share of letters that are Latin script
MAX_WORD_CHARS = 40  # longer unbroken runs (URLs, base64) are not words of any language

# Frequent English function words that are rare as words in other languages
# written in the Latin script (no "a", "in", "die", "so", "on" alone decides).
ENGLISH_WORDS = frozenset(
    "the of and to is that for it with as was on be by he she his her they their at from this have has had "
    "are were an which or but not will would said been who its also after there more than about into we you "
    "them other when what can could should says our these those while over".split()
)

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (or a Word/OpenDocument file)"),
    (b"\xd0\xcf\x11\xe0", "an old-style Word/Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program (ELF binary)"),
)
_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
REPORT_HEADING = "# crosscheck report\n"  # report/markdown.py's first line: `run . --out reports` must not read it back
_HTML_PAGE = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_WORD = re.compile(r"[^\W\d_]+")
_NOT_LATIN = re.compile("[\u0250-\U0010ffff]")


class InputError(Exception):
    """A problem with the user's input that stops the whole run (bad option value)."""


def _one_line(text: str) -> str:
    """Whitespace collapsed, control characters shown as escapes: one printable line."""
    text = " ".join(str(text).split())
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


@dataclass(frozen=True)
class IngestWarning:
    """A problem with one file: ``path: problem[; skipped]`` on one line."""

    path: str
    message: str
    skipped: bool = False  # the file is not checked at all

    def __str__(self) -> str:
        tail = "; skipped" if self.skipped else ""
        return f"{_one_line(self.path)}: {_one_line(self.message)}{tail}"


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    warnings: list[IngestWarning] = field(default_factory=list)
    digests: dict[str, bytes] = field(default_factory=dict)  # keep_text=False: source id -> text_digest


def merge_warnings(warnings: list[IngestWarning]) -> list[IngestWarning]:
    """One warning per file, problems joined in the order found: CI logs get one line per bad file."""
    by_path: dict[str, IngestWarning] = {}
    for w in warnings:
        old = by_path.get(w.path)
        if old is None:
            by_path[w.path] = w
        elif w.message not in old.message.split("; "):
            by_path[w.path] = IngestWarning(w.path, f"{old.message}; {w.message}", old.skipped or w.skipped)
        elif w.skipped and not old.skipped:
            by_path[w.path] = replace(old, skipped=True)
    return list(by_path.values())


def _debugging() -> bool:
    return bool(os.environ.get("CROSSCHECK_DEBUG"))


# ---------------------------------------------------------------- finding files

def discover(paths: list[str | os.PathLike[str]]) -> tuple[list[tuple[str, str]], list[IngestWarning]]:
    """Expand files and folders into (path as given, stable source id) pairs.

    Folders are walked recursively without following symlinked folders (no
    loops; each is named in a warning); the source id of a file found in a
    folder is its path relative to that folder, so ids do not depend on where
    the folder lives. A path that does not exist is a warning, not an error:
    CI passes lists of changed files, deleted ones included.
    """
    found: list[tuple[str, str]] = []
    warnings: list[IngestWarning] = []
    seen: set[str] = set()
    for given in paths:
        given = os.fspath(given)
        if not os.path.lexists(given):
            warnings.append(IngestWarning(given, "no such file or folder", skipped=True))
            continue
        if os.path.isdir(given):
            def unreadable(err: OSError) -> None:
                where = err.filename or given
                warnings.append(IngestWarning(str(where), f"cannot list folder ({err.strerror or err})", skipped=True))

            for root, dirs, files in os.walk(given, followlinks=False, onerror=unreadable):
                for d in sorted(dirs):
                    if not d.startswith(".") and os.path.islink(os.path.join(root, d)):
                        warnings.append(IngestWarning(
                            os.path.join(root, d), "link to a folder, not followed (it may loop)", skipped=True))
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(root, d)))
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

def _declared(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


WEB_DEFAULT_ENCODING = "cp1252"  # the web's default single-byte encoding (WHATWG: "latin1" means windows-1252)
PLAUSIBILITY_MARGIN = 0.01  # charset-normalizer "chaos" within this of the best: as plausible


def _detected(data: bytes) -> str:
    """Decode with the encoding charset-normalizer finds most plausible.

    Western single-byte encodings often tie (the same bytes are good
    Windows-1250 and Windows-1252 text, "Muñoz" or "Muńoz"); among the
    candidates charset-normalizer finds as plausible as its best, the web's
    default encoding wins.
    """
    from charset_normalizer import from_bytes

    try:
        results = from_bytes(data)
        best = results.best()
        if best is not None:
            best = next((m for m in results if WEB_DEFAULT_ENCODING in m.could_be_from_charset
                         and m.chaos <= best.chaos + PLAUSIBILITY_MARGIN), best)
            return str(best)
    except Exception:  # the detector is third-party code fed arbitrary bytes
        pass
    raise ValueError("not text in any known encoding (binary data?)")


def decode(data: bytes) -> str:
    """Bytes -> text: a BOM's encoding, else UTF-8, else what charset-normalizer detects.

    Line endings become ``\\n``. Raises ValueError with a short reason when the
    bytes are not text (empty, whitespace only, binary, undecodable).
    """
    if not data:
        raise ValueError("empty file")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ValueError(f"binary file ({kind}), not text")
    declared = _declared(data)
    if declared:
        text = data.decode(declared, errors="replace")
        if text.count("\ufffd") > MAX_REPLACEMENT_SHARE * max(len(text), 1):
            raise ValueError(f"not valid {declared.removesuffix('-sig').upper()} text despite its byte-order mark")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detected(data).removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text or text.isspace():
        raise ValueError("no text (whitespace only)")
    sample = text[:SNIFF_CHARS]
    controls = len(_CONTROL.findall(sample))
    if controls > MAX_CONTROL_SHARE * len(sample):
        kind = "NUL bytes" if "\x00" in sample else "control characters"
        raise ValueError(f"binary file ({kind}), not text")
    if sample.count("\ufffd") > MAX_REPLACEMENT_SHARE * len(sample):
        raise ValueError("not text in any known encoding (binary data?)")
    return text


def looks_like_html_page(text: str) -> bool:
    """A saved web page (doctype, <html>, <head> or <body> near the top), not article text."""
    return _HTML_PAGE.search(text, 0, 4096) is not None


def language_problem(text: str) -> str | None:
    """Why ``text`` does not look like English, or None (also when too short to tell).

    Cheap on purpose: the share of frequent English function words among
    the words, and the share of letters in the Latin script. Claims parsed
    by an English model from another language are noise, not facts.
    """
    sample = text[:SNIFF_CHARS]
    if not sample.isascii():  # (ASCII text is all Latin; the counts below run in C, not per character)
        letters = sum(map(str.isalpha, sample))
        if letters >= LANGUAGE_MIN_WORDS * 4:
            latin = sum(map(str.isalpha, _NOT_LATIN.sub("", sample)))
            if latin < MIN_LATIN_SHARE * letters:
                return "not English (mostly non-Latin script)"
    tokens = [token for token in sample.lower().split() if len(token) <= MAX_WORD_CHARS]
    words = _WORD.findall(" ".join(tokens))
    if len(words) < LANGUAGE_MIN_WORDS:
        return None
    share = sum(map(ENGLISH_WORDS.__contains__, words)) / len(words)
    if share < MIN_ENGLISH_SHARE:
        return f"not English ({share:.0%} of words are common English words)"
    return None


# ---------------------------------------------------------------- metadata

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
# matched with ``pattern.match(text, pos)``: anchored at pos, no copy of the text
_DATE_LINE = re.compile(r"\s*date[:\s]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)
# "ANKARA, Turkey (AP) —", "WASHINGTON —", "ANKARA, Turkey, ...", "MANILA, March 3 (Reuters) -",
# "GENEVA, 4 March 2025 -": the date of a dateline is the day the story was filed, not a claim
_DATELINE_DATE = rf"(?i:(?:{MONTH_PATTERN})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:{MONTH_PATTERN})\.?)(?:,?\s+\d{{4}})?"
_DATELINE = re.compile(
    r"\s*([A-Z]{2,}(?:[ .'\-][A-Z]{2,})*(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?)"
    rf"(?:,?\s+{_DATELINE_DATE}\b)?\s*"
    r"(?:\(([^)]{1,40})\))?\s*(?:[—–―]|--?|,)\s+"
)
_OUTLET_PREFIX = re.compile(r"\s*([A-Z][\w&.' ]{1,40}?)/\s+")
_LEADING_SPACE = re.compile(r"\s*")


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


def _describe(value: object) -> str:
    """A short, safe description of a front matter value (never a huge repr)."""
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:39] + "…")
    if isinstance(value, (bool, int, float)):
        return repr(value)
    return f"a {type(value).__name__}"


# "key: plain or quoted scalar" lines only: no nesting, anchors, tags or block scalars
_FLAT_YAML = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\n|[A-Za-z_][\w.-]*[ \t]*:(?:[ \t]+[^\n\[\]{}&*!|>%@`#]*)?\n)*")


def _load_yaml(text: str):
    """PyYAML's safe loader; libyaml's parser for flat front matter (~10x faster on big archives).

    Anything else (nesting, anchors, errors) goes to the pure-Python parser,
    whose limits and messages the warnings rely on.
    """
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None and _FLAT_YAML.fullmatch(text + "\n"):
        try:
            return yaml.load(text, Loader=fast)
        except Exception:
            pass
    return yaml.safe_load(text)


def _front_matter(text: str, path: str, warnings: list[IngestWarning]) -> tuple[dict, int]:
    m = _FRONT_MATTER.match(text)
    if not m:
        if text.startswith("---\n"):
            warnings.append(IngestWarning(path, "front matter starts with '---' but never ends, read as text"))
        return {}, 0
    if len(m.group(1)) > MAX_FRONT_MATTER_CHARS:
        warnings.append(IngestWarning(path, f"front matter is over {MAX_FRONT_MATTER_CHARS:,} characters, metadata ignored"))
        return {}, m.end()
    import yaml

    try:
        data = _load_yaml(m.group(1))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        warnings.append(IngestWarning(path, f"front matter is not valid YAML{where}, metadata ignored"))
        return {}, m.end()
    except Exception as err:  # PyYAML raises ValueError for "date: 2020-13-45", RecursionError for deep nesting
        warnings.append(IngestWarning(path, f"front matter cannot be read ({type(err).__name__}), metadata ignored"))
        return {}, m.end()
    if data is None:
        return {}, m.end()
    if not isinstance(data, dict):
        warnings.append(IngestWarning(path, "front matter is not a mapping of fields, metadata ignored"))
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
        if value is None or value == "" or meta[field_name] is not None:
            continue
        if isinstance(value, (str, int, float)) and str(value).strip():
            meta[field_name] = " ".join(str(value).split())
            origin[field_name] = "front matter"
        else:
            warnings.append(IngestWarning(path, f"front matter field '{key}' is {_describe(value)}, not text, ignored"))
    if data.get("date") is not None:
        date = _as_date(data["date"])
        if date is None:
            warnings.append(IngestWarning(
                path, f"front matter date {_describe(data['date'])} is not a YYYY-MM-DD date, date unknown"))
        else:
            meta["date"], origin["date"] = date, "front matter"

    lead = _LEADING_SPACE.match(text, body_start).end()
    first_nl = text.find("\n", lead)
    first_line = text[lead: first_nl if first_nl >= 0 else min(len(text), lead + 1000)].strip()
    if meta["title"] is None and first_line and _looks_like_headline(first_line) and first_nl >= 0:
        meta["title"], origin["title"] = first_line, "inferred"
        body_start = first_nl + 1
    elif meta["title"] is not None and first_line.strip("# ").strip() == meta["title"]:
        body_start = (first_nl + 1) if first_nl >= 0 else len(text)

    # inline markers at the head of the body: "date 2022-10-26", "Outlet/", datelines
    m = _DATE_LINE.match(text, body_start)
    if m:
        if meta["date"] is None:
            meta["date"], origin["date"] = _as_date(m.group(1)), "inferred"
        body_start = m.end()
    m = _OUTLET_PREFIX.match(text, body_start)
    if m:
        if meta["outlet"] is None:
            meta["outlet"], origin["outlet"] = m.group(1).strip(), "inferred"
        body_start = m.end()
    m = _DATELINE.match(text, body_start)
    if m:
        if meta["outlet"] is None and m.group(2):
            meta["outlet"], origin["outlet"] = m.group(2).strip(), "inferred"
        body_start = m.end()
    return meta, body_start, origin, warnings


def _looks_like_headline(line: str) -> bool:
    return 3 <= len(line) <= 200 and not line.endswith((".", ":", ",", ";")) and len(line.split()) >= 2


def checked_end(text: str, body_start: int, max_chars: int) -> int:
    """Where the checked part of a body ends: at most ``max_chars`` in, at a line end or space."""
    limit = body_start + max_chars
    if len(text) <= limit:
        return len(text)
    floor = body_start + max_chars // 2
    for sep in ("\n", " "):
        cut = text.rfind(sep, floor, limit)
        if cut >= 0:
            return cut
    return limit


# ---------------------------------------------------------------- reading

def parse_article(data: bytes, path: str, source_id: str, *,
                  max_chars: int = DEFAULT_MAX_CHARS) -> tuple[Article | None, list[IngestWarning]]:
    """Bytes of one file -> an Article (or None) and the file's warnings. No I/O."""
    try:
        text = decode(data)
    except ValueError as err:
        return None, [IngestWarning(path, str(err), skipped=True)]
    if text.startswith(REPORT_HEADING):
        return None, [IngestWarning(path, "a crosscheck report from an earlier run, not an article", skipped=True)]
    if looks_like_html_page(text):
        return None, [IngestWarning(path, "a saved web page (HTML), not article text (save the article as text or markdown)",
                                    skipped=True)]
    meta, body_start, origin, warnings = read_metadata(text, path)
    if not any(ch.isalpha() for ch in text[body_start: body_start + SNIFF_CHARS]):
        return None, warnings + [IngestWarning(path, "no article text", skipped=True)]
    problem = language_problem(text[body_start:body_start + SNIFF_CHARS])
    if problem:
        return None, warnings + [IngestWarning(path, problem, skipped=True)]
    body_end = checked_end(text, body_start, max_chars)
    if body_end < len(text):
        warnings.append(IngestWarning(
            path, f"article is {len(text) - body_start:,} characters, only the first {body_end - body_start:,} "
                  "are checked (--max-chars)"))
    article = Article(
        path=path,
        source_id=source_id,
        text=text,
        body_start=body_start,
        body_end=None if body_end == len(text) else body_end,
        title=meta["title"],
        outlet=meta["outlet"],
        date=meta["date"],
        url=meta["url"],
        provenance=tuple(sorted(origin.items())),
        warnings=tuple(str(w) for w in warnings),
    )
    return article, warnings


class _TooLarge(Exception):
    pass


def read_bytes(path: str, max_bytes: int) -> bytes:
    """The bytes of a regular file; raises OSError, or _TooLarge(size) over ``max_bytes``."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise OSError(0, "not a regular file: a device, pipe or socket")
    if info.st_size > max_bytes:
        raise _TooLarge(info.st_size)
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while we looked
        raise _TooLarge(len(data))
    return data


def read_article(path: str, source_id: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 max_chars: int = DEFAULT_MAX_CHARS) -> tuple[Article | None, list[IngestWarning]]:
    try:
        data = read_bytes(path, max_bytes)
    except _TooLarge as err:
        size = err.args[0]
        return None, [IngestWarning(path, f"file is {size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)",
                                    skipped=True)]
    except OSError as err:
        reason = err.strerror or str(err)
        if err.errno == errno.ENOENT and os.path.islink(path):
            reason = "broken link"
        return None, [IngestWarning(path, f"cannot read ({reason})", skipped=True)]
    return parse_article(data, shown(path), shown(source_id), max_chars=max_chars)


def with_text(article: Article, digest: bytes, base: str, max_bytes: int,
              max_chars: int = DEFAULT_MAX_CHARS) -> tuple[Article | None, list[IngestWarning]]:
    """An article ingested without its text (``keep_text=False``), read and parsed again from its file
    (``base``: the folder a relative path is relative to): the ingested article, with its label; None
    and a warning if the file changed."""
    try:
        found = parse_article(read_bytes(os.path.join(base, article.path), max_bytes), article.path,
                              article.source_id, max_chars=max_chars)[0]
    except (OSError, _TooLarge):
        found = None
    if found is None or text_digest(found.text) != digest:
        return None, [IngestWarning(article.path, "changed or unreadable while being checked", skipped=True)]
    return replace(found, short_label=article.short_label), []


def shown(name: str) -> str:
    """A file name as text that can be written anywhere: bytes that are not UTF-8 become ``\\xNN``."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def content_key(article: Article) -> str:
    """What makes two articles the same: the words of their checked text."""
    end = article.body_end if article.body_end is not None else len(article.text)
    words = " ".join(article.text[article.body_start:end].split())
    return hashlib.sha1(words.encode("utf-8", "surrogatepass")).hexdigest()


def text_digest(text: str) -> bytes:
    """What tells that a file read again is the file ingested (``ingest(keep_text=False)``)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def drop_duplicates(articles: list[Article],
                    keys: dict[str, str] | None = None) -> tuple[list[Article], list[IngestWarning]]:
    """Keep the first article (by source id) of each set with the same text (``keys``: each one's
    ``content_key`` by source id, when the articles no longer hold their text).

    A copy of an article would corroborate every one of its own claims.
    """
    kept: dict[str, Article] = {}
    warnings: list[IngestWarning] = []
    for article in articles:
        key = content_key(article) if keys is None else keys[article.source_id]
        first = kept.setdefault(key, article)
        if first is not article:
            warnings.append(IngestWarning(article.path, f"same text as {first.path}, checked once", skipped=True))
    return list(kept.values()), warnings


def ingest(paths: list[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES,
           max_chars: int = DEFAULT_MAX_CHARS, keep_text: bool = True) -> IngestResult:
    """Read every article under ``paths``; bad files become warnings, not errors.

    Articles come back sorted by source id, so the order paths are given in
    changes nothing downstream. ``keep_text=False`` (the Dask engine's client,
    whose memory must not grow with the archive's text) keeps of each article
    its path, source id, date and label only, with ``text=""``, and its
    ``text_digest`` in ``digests`` (``with_text`` gives the whole article).
    """
    found, warnings = discover(paths)
    result = IngestResult(warnings=list(warnings))
    keys: dict[str, str] | None = None if keep_text else {}
    for path, source_id in found:
        try:
            article, problems = read_article(path, source_id, max_bytes=max_bytes, max_chars=max_chars)
        except Exception as err:  # a bug meeting an odd file must not take down the other files
            if _debugging():
                raise
            article, problems = None, [IngestWarning(path, f"unexpected error while reading ({type(err).__name__}: {err})",
                                                      skipped=True)]
        result.warnings.extend(problems)
        if article is not None and keys is not None:
            keys[article.source_id] = content_key(article)
            result.digests[article.source_id] = text_digest(article.text)
            article = Article(path=article.path, source_id=article.source_id, text="", date=article.date)
        if article is not None:
            result.articles.append(article)
    result.articles.sort(key=lambda a: a.source_id)
    result.articles, duplicates = drop_duplicates(result.articles, keys)
    result.articles = assign_labels(result.articles)
    result.warnings = merge_warnings(result.warnings + duplicates)
    return result


def assign_labels(articles: list[Article]) -> list[Article]:
    """Give each article the shortest label that is unique in this run.

    "000_87aa058232375e85.txt" reads as "000" when no other file starts so;
    BASIL's many "fox.md" files read as "2016-79bf99c6/fox".
    """
    def candidates(a: Article) -> list[str]:
        stem = a.stem
        path = a.source_id.rsplit(".", 1)[0] if "." in a.source_id.rsplit("/", 1)[-1] else a.source_id
        return [re.split(r"[_\s]", stem, maxsplit=1)[0] or stem, stem, path]

    for level in range(3):
        labels = [candidates(a)[level] for a in articles]
        if len(set(labels)) == len(labels):
            return [replace(a, short_label=label) for a, label in zip(articles, labels)]
    return [replace(a, short_label=a.source_id) for a in articles]


def with_source_id(article: Article, source_id: str) -> Article:
    return replace(article, source_id=source_id)


def relative_display(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path
