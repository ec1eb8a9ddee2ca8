"""The interactive review loop: one card per open finding, one key per decision.

Every decision is handed to ``save`` (which writes the decisions file) before
the next card is shown, so leaving at any moment — ``q``, Ctrl-C, Ctrl-D, a
closed terminal — loses nothing that was decided. Terminal I/O comes in
through ``Console`` so the loop can also be driven by a test.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..model import Finding
from ..report.escape import plain
from ..report.terminal import card
from ..review import Reviewed

KEYS = {"c": "confirmed", "d": "dismissed", "l": "deferred"}
HELP = (
    "  c  confirm: a real conflict (then: which source is right, and a note)\n"
    "  d  dismiss: not a conflict (then: why)\n"
    "  l  later: defer the decision (then: a note)\n"
    "  s  skip for now (nothing is written)\n"
    "  q  quit (decisions made so far are already saved)\n"
)
PROMPT = "[c]onfirm  [d]ismiss  [l]ater  [s]kip  [q]uit  [?]help > "

Save = Callable[[Finding, str, str, str], None]  # (finding, status, right source id, note)


@dataclass
class Console:
    write: Callable[[str], None]  # text as is, no newline added
    key: Callable[[], str]  # one key press; KeyboardInterrupt / EOFError to leave
    line: Callable[[str], str]  # a line of text after a prompt; same exceptions
    width: int = 100
    color: bool = False


@dataclass
class Outcome:
    decided: Counter = field(default_factory=Counter)
    skipped: int = 0
    quit: bool = False  # left before the end (q, Ctrl-C, Ctrl-D)


class _Leave(Exception):
    pass


def _read_key(console: Console) -> str:
    try:
        return console.key()
    except (KeyboardInterrupt, EOFError):
        raise _Leave from None


def _read_line(console: Console, prompt: str) -> str:
    try:
        return console.line(prompt)
    except (KeyboardInterrupt, EOFError):
        raise _Leave from None


def ask_right(console: Console, finding: Finding) -> str:
    """Which source is right: a digit, or Enter/0 for "not known"."""
    sources = [e.claim.source_id for e in finding.evidence]
    choices = list(dict.fromkeys(sources))
    listing = "  ".join(f"[{n}] {plain(sid)}" for n, sid in enumerate(choices, 1))
    console.write(f"Which source is right? {listing}  [0/Enter] not known > ")
    while True:
        k = _read_key(console)
        if k in ("\r", "\n", "0"):
            console.write("not known\n")
            return ""
        if k.isdigit() and 1 <= int(k) <= len(choices):
            console.write(f"{plain(choices[int(k) - 1])}\n")
            return choices[int(k) - 1]
        if k in ("q", "\x1b"):
            raise _Leave


def decide_one(console: Console, item: Reviewed, save: Save) -> str | None:
    """Keys until one decision (returns its status), a skip (None), or leaving (_Leave)."""
    while True:
        console.write(PROMPT)
        k = _read_key(console).lower()
        console.write(k.strip() + "\n")
        if k == "q":
            raise _Leave
        if k in ("s", "n", " ", "\r", "\n"):
            return None
        if k == "?":
            console.write(HELP)
            continue
        status = KEYS.get(k)
        if status is None:
            console.write(f"unknown key; press ? for help\n")
            continue
        right = ask_right(console, item.finding) if status == "confirmed" else ""
        question = "Why is it not a conflict?" if status == "dismissed" else "Note"
        note = _read_line(console, f"{question} (Enter for none): ")
        save(item.finding, status, right, note.strip())
        return status


def run_session(queue: Sequence[Reviewed], console: Console, save: Save, where: str) -> Outcome:
    outcome = Outcome()
    if not queue:
        console.write("Nothing to review: every discrepancy has a decision.\n")
        return outcome
    for n, item in enumerate(queue, 1):
        console.write("\n" + card(item, n, len(queue), width=console.width, color=console.color) + "\n")
        try:
            status = decide_one(console, item, save)
        except _Leave:
            outcome.quit = True
            break
        if status is None:
            outcome.skipped += 1
        else:
            outcome.decided[status] += 1
            console.write(f"saved: {status} -> {where}\n")
    done = sum(outcome.decided.values())
    parts = ", ".join(f"{v} {k}" for k, v in sorted(outcome.decided.items())) or "no decisions"
    left = len(queue) - done
    console.write(f"\n{'Stopped' if outcome.quit else 'Done'}: {parts} saved in {where}; {left} still open.\n")
    return outcome
