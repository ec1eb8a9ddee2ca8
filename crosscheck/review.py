"""Editors' review decisions: one TOML file next to the articles, keyed by finding id.

An editor looks at a flagged discrepancy and decides: a real conflict
(``confirmed``, with the source judged right when known), not a conflict
(``dismissed``), or not yet (``deferred``). The decision must stick across
runs, so it is keyed by the finding's content-derived id, and it must not be
applied to different text, so it also stores a *fingerprint* of the claims as
they were reviewed (detect-secrets' lesson: identity is what was said, never
where; offsets and line numbers move).

When the same finding comes back with other claim texts, it is "changed since
review" and open again; a decision whose finding is gone is "orphaned". Both
are shown, neither is dropped silently.

The file (``reviews.toml`` beside the articles by default) is deterministic,
sorted and versioned, so it diffs well in a pull request; it is updated in
place with tomlkit (editors' comments survive a save), under a lock (filelock)
so writers at once merge instead of overwriting each other, and atomically
(temporary file + ``os.replace``); a broken file is an error that names the
line, and is never overwritten.

```toml
version = 1

[articles]
checked = ["000_a.txt", "001_b.txt"]

[findings.5e0a1c2d3b4f]
status = "confirmed"
right = "001_b.txt"
note = "Police figure is 15."
reviewer = "ana"
reviewed_at = "2024-05-01T09:30:00Z"
rule = "CNT001"
summary = "000_a says '12'; 001_b says '15'"
fingerprint = "9d1c0b7e2f4a6c88"
```
"""
from __future__ import annotations

import datetime as dt
import enum
import hashlib
import os
import re
import time
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import filelock
import tomlkit
import tomlkit.exceptions
import tomlkit.items

from .extract.text import fold
from .model import Finding, Kind

FORMAT_VERSION = 1
DEFAULT_FILENAME = "reviews.toml"
STATUSES = ("confirmed", "dismissed", "deferred")
# test hook: seconds to sleep between writing the temporary file and renaming it
SLOW_SAVE_ENV = "CROSSCHECK_TEST_SLOW_SAVE"

_ID = re.compile(r"[0-9a-f]{6,40}")
_FIELDS = ("status", "right", "note", "reviewer", "reviewed_at", "rule", "summary", "fingerprint")
_REQUIRED = ("status", "fingerprint")


class DecisionsError(Exception):
    """The decisions file cannot be used as it is; says which line, never a traceback."""

    def __init__(self, path: str | os.PathLike[str], message: str, line: int | None = None):
        self.path, self.line, self.message = str(path), line, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class State(str, enum.Enum):
    """Where a discrepancy stands with the editors."""

    OPEN = "open"  # nobody has reviewed it
    CHANGED = "changed"  # reviewed, but its claims have changed since: open again
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    DEFERRED = "deferred"

    @property
    def is_open(self) -> bool:
        return self in (State.OPEN, State.CHANGED)


@dataclass(frozen=True)
class Decision:
    """One editor's decision about one finding, as stored in the file."""

    finding_id: str
    status: str  # one of STATUSES
    fingerprint: str  # of the claims as they were reviewed
    right: str = ""  # source id judged right (confirmed only; "" = not known)
    note: str = ""
    reviewer: str = ""
    reviewed_at: str = ""  # ISO 8601, UTC
    rule: str = ""  # for people reading the file
    summary: str = ""  # the finding's explanation when it was reviewed


@dataclass(frozen=True)
class Decisions:
    """The whole file: decisions by finding id and the articles already checked."""

    decisions: Mapping[str, Decision] = field(default_factory=dict)
    checked: frozenset[str] = frozenset()  # article source ids `check` does not validate again
    version: int = FORMAT_VERSION

    def get(self, finding_id: str) -> Decision | None:
        return self.decisions.get(finding_id)


# ---------------------------------------------------------------- fingerprints

def normalise_claim(text: str) -> str:
    """Case-, accent-, quote- and whitespace-insensitive: re-wrapping a line is not an edit."""
    return fold(text)


def fingerprint(rule: str, claims: Iterable[tuple[str, str]]) -> str:
    """Hash of the rule and the (source id, normalised text) of every claim; no offsets."""
    parts = sorted({f"{source_id}\x1f{normalise_claim(text)}" for source_id, text in claims})
    digest = hashlib.sha256("\x1e".join([rule, *parts]).encode("utf-8"))
    return digest.hexdigest()[:16]


def finding_fingerprint(finding: Finding) -> str:
    return fingerprint(finding.rule, ((e.claim.source_id, e.claim.text) for e in finding.evidence))


# ---------------------------------------------------------------- review state

@dataclass(frozen=True)
class Reviewed:
    """A discrepancy of this run with its state and the decision that applies (if any)."""

    finding: Finding
    state: State
    decision: Decision | None  # for CHANGED: the decision about the earlier claims


@dataclass(frozen=True)
class ReviewState:
    """Every discrepancy of a run against the decisions file, plus decisions left over."""

    items: tuple[Reviewed, ...] = ()  # in report order: most severe first
    orphaned: tuple[Decision, ...] = ()  # decisions whose finding no longer exists

    def of(self, finding_id: str) -> Reviewed | None:
        return next((r for r in self.items if r.finding.id == finding_id), None)

    def with_state(self, *states: State) -> list[Reviewed]:
        return [r for r in self.items if r.state in states]

    @property
    def open(self) -> list[Reviewed]:
        return [r for r in self.items if r.state.is_open]


def classify(findings: Sequence[Finding], decisions: Decisions, *, hidden: Sequence[Finding] = ()) -> ReviewState:
    """detect-secrets' merge: carry each decision onto the finding it was made about.

    Only discrepancies are reviewed. A decision applies when the finding id and
    the fingerprint of its claims both match; same id with other claims means
    the article was edited: the finding is CHANGED (open), the old decision is
    kept for the editor to see. Decisions about ``hidden`` findings (below the
    run's ``--min-confidence``) are neither shown nor orphaned: the finding exists.
    """
    items = []
    current = set()
    for f in findings:
        if f.kind is not Kind.DISCREPANCY:
            continue
        current.add(f.id)
        decision = decisions.get(f.id)
        if decision is None:
            state = State.OPEN
        elif decision.fingerprint != finding_fingerprint(f):
            state = State.CHANGED
        else:
            state = State(decision.status)
        items.append(Reviewed(f, state, decision))
    current |= {f.id for f in hidden}
    orphaned = tuple(d for fid, d in sorted(decisions.decisions.items()) if fid not in current)
    return ReviewState(items=tuple(items), orphaned=orphaned)


# ---------------------------------------------------------------- changing decisions

def now_utc() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def decide(decisions: Decisions, finding: Finding, status: str, *, note: str = "", right: str = "",
           reviewer: str = "", when: str | None = None) -> Decisions:
    """A copy of ``decisions`` with the editor's decision about ``finding``."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)} (got {status!r})")
    if finding.kind is not Kind.DISCREPANCY:
        raise ValueError(f"finding {finding.id} is an agreement; only discrepancies are reviewed")
    if right and status != "confirmed":
        raise ValueError("the source judged right can only be given for a confirmed conflict")
    if right and right not in finding.sources:
        raise ValueError(f"{right!r} is not one of the finding's sources ({', '.join(finding.sources)})")
    decision = Decision(
        finding_id=finding.id, status=status, fingerprint=finding_fingerprint(finding), right=right,
        note=_clean(note), reviewer=_clean(reviewer), reviewed_at=when or now_utc(),
        rule=finding.rule, summary=_clean(finding.explanation),
    )
    return replace(decisions, decisions={**decisions.decisions, finding.id: decision})


def record_checked(decisions: Decisions, source_ids: Iterable[str]) -> Decisions:
    """Articles that `check` need not validate again (they passed, or were grandfathered)."""
    return replace(decisions, checked=decisions.checked | frozenset(source_ids))


def prune(decisions: Decisions, state: ReviewState) -> Decisions:
    """Drop orphaned decisions (their finding no longer exists in this run)."""
    gone = {d.finding_id for d in state.orphaned}
    return replace(decisions, decisions={k: v for k, v in decisions.decisions.items() if k not in gone})


def _clean(text: str) -> str:
    """Text a TOML file can hold: no lone surrogates, no NUL; trailing blanks trimmed."""
    text = text.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(text) else text
    return text.replace("\x00", "").strip()


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


# ---------------------------------------------------------------- reading

UPGRADES: dict[int, Callable[[dict], dict]] = {
    # version N -> function turning a version-N document into a version-(N+1) one.
    # None yet: version 1 is the first format. Add one per format change, never edit one.
}


def upgrade(data: dict) -> dict:
    """Bring a parsed document up to FORMAT_VERSION, one step at a time (ValueError if it cannot)."""
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError(f"'version' must be a whole number (this crosscheck writes {FORMAT_VERSION})")
    if version > FORMAT_VERSION:
        raise ValueError(f"written by a newer crosscheck (format version {version}, this one reads "
                         f"up to {FORMAT_VERSION}); upgrade crosscheck")
    while version < FORMAT_VERSION:
        step = UPGRADES.get(version)
        if step is None:
            raise ValueError(f"format version {version} is unknown; cannot upgrade it")
        data = step(data)
        version = data["version"]
    return data


def parse(text: str, path: str | os.PathLike[str] = DEFAULT_FILENAME) -> Decisions:
    """TOML text -> Decisions, or a DecisionsError naming the line of the first problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        m = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line = int(m.group(1)) if m else getattr(err, "lineno", None)
        reason = message[: m.start()].strip() if m else message
        column = f" (column {m.group(2)})" if m else ""
        raise DecisionsError(path, f"not valid TOML: {reason}{column}; fix the file by hand or restore it "
                                   "from version control (it was not changed)", line) from None
    lines = text.splitlines()
    locate = _Locator(path, lines)
    if "version" not in data:
        raise DecisionsError(path, f"no 'version' field (expected `version = {FORMAT_VERSION}` at the top)", 1)
    try:
        data = upgrade(data)
    except ValueError as err:
        raise DecisionsError(path, str(err), locate.key(None, "version")) from None
    for key in data:
        if key not in ("version", "articles", "findings"):
            raise DecisionsError(path, f"unknown field {key!r} (expected version, [articles], [findings.ID])",
                                 locate.key(None, key))
    checked = _parse_articles(data.get("articles", {}), locate)
    findings = data.get("findings", {})
    if not isinstance(findings, dict):
        raise DecisionsError(path, "'findings' must be tables: [findings.ID]", locate.key(None, "findings"))
    decisions = {fid: _parse_decision(fid, table, locate) for fid, table in findings.items()}
    return Decisions(decisions=decisions, checked=checked, version=FORMAT_VERSION)


def _parse_articles(table: object, locate: "_Locator") -> frozenset[str]:
    if not isinstance(table, dict):
        raise DecisionsError(locate.path, "'articles' must be a table: [articles]", locate.key(None, "articles"))
    for key in table:
        if key != "checked":
            raise DecisionsError(locate.path, f"unknown field {key!r} in [articles] (expected 'checked')",
                                 locate.key("articles", key))
    checked = table.get("checked", [])
    if not isinstance(checked, list) or not all(isinstance(s, str) for s in checked):
        raise DecisionsError(locate.path, "'checked' must be a list of article names (strings)",
                             locate.key("articles", "checked"))
    return frozenset(checked)


def _parse_decision(fid: str, table: object, locate: "_Locator") -> Decision:
    where = f"finding {fid}"
    if not _ID.fullmatch(fid):
        raise DecisionsError(locate.path, f"{fid!r} is not a finding id (6-40 lowercase hex digits)",
                             locate.table(fid))
    if not isinstance(table, dict):
        raise DecisionsError(locate.path, f"{where}: expected a table [findings.{fid}]", locate.table(fid))
    for key in table:
        if key not in _FIELDS:
            raise DecisionsError(locate.path, f"{where}: unknown field {key!r} (fields: {', '.join(_FIELDS)})",
                                 locate.key(fid, key))
    for key in _REQUIRED:
        if key not in table:
            raise DecisionsError(locate.path, f"{where}: missing {key!r}", locate.table(fid))
    for key, value in table.items():
        if not isinstance(value, str):
            raise DecisionsError(locate.path, f"{where}: {key!r} must be a string", locate.key(fid, key))
    status = table["status"]
    if status not in STATUSES:
        raise DecisionsError(locate.path, f"{where}: status {status!r} is not one of {', '.join(STATUSES)}",
                             locate.key(fid, "status"))
    if table.get("right") and status != "confirmed":
        raise DecisionsError(locate.path, f"{where}: 'right' is only for confirmed findings (status is {status})",
                             locate.key(fid, "right"))
    if not table["fingerprint"]:
        raise DecisionsError(locate.path, f"{where}: empty fingerprint", locate.key(fid, "fingerprint"))
    if table.get("reviewed_at"):
        try:
            dt.datetime.fromisoformat(table["reviewed_at"].replace("Z", "+00:00"))
        except ValueError:
            raise DecisionsError(locate.path, f"{where}: reviewed_at {table['reviewed_at']!r} is not an ISO 8601 "
                                              "time (e.g. 2024-05-01T09:30:00Z)",
                                 locate.key(fid, "reviewed_at")) from None
    return Decision(finding_id=fid, **{k: table.get(k, "") for k in _FIELDS})


class _Locator:
    """Line numbers of tables and keys, for error messages (tomllib gives none for values)."""

    def __init__(self, path, lines: list[str]):
        self.path, self.lines = str(path), lines

    def _header(self, line: str) -> str | None:
        m = re.match(r"\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$", line)
        return re.sub(r"[\s\"']", "", m.group(1)) if m else None

    def table(self, fid: str) -> int | None:
        for n, line in enumerate(self.lines, 1):
            if self._header(line) == f"findings.{fid}":
                return n
        return None

    def key(self, table: str | None, key: str) -> int | None:
        """Line of ``key = ...`` inside ``[table]`` (a finding id, "articles") or at the top level."""
        wanted = None if table is None else (table if table == "articles" else f"findings.{table}")
        current = None
        for n, line in enumerate(self.lines, 1):
            header = self._header(line)
            if header is not None:
                current = header
                if table is None and (header == key or header.startswith(key + ".")):
                    return n
                continue
            if current == wanted and re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
                return n
        return self.table(table) if table not in (None, "articles") else None


def load(path: str | os.PathLike[str]) -> Decisions:
    """The decisions in ``path``; an absent file is an empty set of decisions."""
    text = _read_text(Path(path))
    return Decisions() if text is None else parse(text, path)


def _read_text(path: Path) -> str | None:
    """The file's text; None when there is no file; a DecisionsError when it cannot be read as UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise DecisionsError(path, f"cannot read: {err.strerror or err}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise DecisionsError(path, "not UTF-8 text; restore it from version control (it was not changed)",
                             line) from None


# ---------------------------------------------------------------- writing

HEADER = """\
# crosscheck review decisions: one [findings.ID] table per reviewed discrepancy.
# Written by `crosscheck review`; comments added by hand are kept.
# status: confirmed = a real conflict (right = the source judged right, if known)
#         dismissed = not a conflict; deferred = seen, decision postponed
# fingerprint: the claims as reviewed; if they change, the finding is open again.
# [articles] checked: articles `crosscheck check` does not validate again.
"""
LOCK_TIMEOUT = 60.0  # seconds a writer waits for another one to finish


def render(decisions: Decisions, previous: str | None = None) -> str:
    """TOML text of ``decisions``: ``previous`` (the file as it is) updated in place with tomlkit, so
    editors' comments and layout survive; without it a fresh file (header, sorted ids, fixed field order).

    Ids already in the file keep their place; new ones are added in sorted order after them.
    """
    doc = tomlkit.parse(previous if previous is not None else HEADER + f"version = {FORMAT_VERSION}\n")
    doc["version"] = FORMAT_VERSION
    if not isinstance(doc.get("articles"), dict):
        doc["articles"] = tomlkit.table()
    doc["articles"]["checked"] = _checked(doc["articles"].get("checked"), decisions.checked)
    if not isinstance(doc.get("findings"), dict):
        if not decisions.decisions:
            return tomlkit.dumps(doc)
        doc["findings"] = tomlkit.table(is_super_table=True)
    tables = doc["findings"]
    for fid in [k for k in tables if k not in decisions.decisions]:
        del tables[fid]
    for fid in sorted(decisions.decisions):
        d = decisions.decisions[fid]
        table = tables[fid] if fid in tables else tomlkit.table()
        for name in _FIELDS:
            value = _clean(getattr(d, name)) if _has_surrogate(getattr(d, name)) else getattr(d, name)
            if value or name in _REQUIRED:
                if table.get(name) != value:
                    table[name] = value
            elif name in table:
                del table[name]
        if fid not in tables:
            tables[fid] = table
    text = tomlkit.dumps(doc)
    return text if text.endswith("\n") else text + "\n"


def _checked(current, checked: frozenset[str]):
    """The [articles] checked array: kept as written (comments too), gone names removed, new ones added sorted."""
    if not isinstance(current, tomlkit.items.Array):
        current = tomlkit.array()
    if not len(current):
        current.multiline(True)  # one name a line, so additions diff well
    for i in reversed(range(len(current))):
        if current[i] not in checked:
            del current[i]
    for sid in sorted(checked - set(current)):
        at = next((i for i, x in enumerate(current) if x > sid), len(current))
        current.insert(at, sid)
    return current


def _lock(path: Path) -> filelock.FileLock:
    """One writer at a time for this file, across processes: an OS lock (filelock) on a file in the
    temporary folder, named by the decisions file's path, so nothing is left beside the articles."""
    key = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return filelock.FileLock(Path(tempfile.gettempdir()) / f"crosscheck-reviews-{key}.lock",
                             timeout=LOCK_TIMEOUT, mode=0o666)


def _locked(path: Path):
    try:
        return _lock(path).acquire()
    except filelock.Timeout:
        raise DecisionsError(path, f"another crosscheck has been writing this file for {LOCK_TIMEOUT:.0f} s; "
                                   "try again when it is done") from None


def save(path: str | os.PathLike[str], decisions: Decisions) -> None:
    """Write ``decisions`` over the file, keeping its comments (under the lock; see ``update``)."""
    path = Path(path)
    with _locked(path):
        previous = _read_text(path)
        try:
            text = render(decisions, previous)
        except tomlkit.exceptions.ParseError:
            text = render(decisions)  # the file was not TOML at all: replaced, as `save` is told to
        _write(path, text)


def _write(path: Path, text: str) -> None:
    """Write atomically: a temporary file beside ``path``, fsync, then ``os.replace``.

    A crash or kill at any moment leaves either the old file or the new one,
    never a mix. The file keeps its permissions.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o666  # the umask applies
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        pause = os.environ.get(SLOW_SAVE_ENV)
        if pause:
            time.sleep(float(pause))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    _remove_stale_temporaries(path)


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files left by a writer that was killed (its process is gone)."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        pid = leftover.name[len(path.name) + 2: -len(".tmp")]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            leftover.unlink(missing_ok=True)
        except OSError:  # alive, or not ours to ask about: leave it
            pass


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def update(path: str | os.PathLike[str], change: Callable[[Decisions], Decisions]) -> Decisions:
    """Lock the file, read it as it is now, apply ``change``, write it back (temporary file + rename).

    Several writers at once (five ``crosscheck review set`` in parallel, two
    review sessions) each merge their change into what the others saved: the
    lock makes read-change-write one step. A file that does not parse raises
    before anything is written; comments in it are kept.
    """
    path = Path(path)
    with _locked(path):
        text = _read_text(path)
        changed = change(parse(text, path) if text is not None else Decisions())
        _write(path, render(changed, text))
    return changed


def default_path(paths: Sequence[str | os.PathLike[str]]) -> Path:
    """``reviews.toml`` in the first folder given (or the folder of the first file)."""
    if not paths:
        return Path(DEFAULT_FILENAME)
    first = Path(paths[0])
    return (first if first.is_dir() else first.parent) / DEFAULT_FILENAME
