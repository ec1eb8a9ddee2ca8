"""The editor's report: summary, open discrepancies (most severe first), what
the editors decided about the rest, agreements, and what could not be checked.

Laid out by a Jinja2 template (``templates/report.md.j2``); this module
prepares what it shows. Every value the template prints goes through
``escape.md`` (Jinja's ``finalize``) unless one of the filters here already
escaped it, so no article can inject markdown, HTML or control codes.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

import jinja2
from markupsafe import Markup

from ..model import Evidence, Finding, Kind
from ..review import Decision, Decisions, Reviewed, ReviewState, State
from ..pipeline import RunResult
from .escape import code, md
from .words import bold, plural, sentence

MAX_CLAIM_CHARS = 400


def highlighted(e: Evidence) -> str:
    """The claim with the compared value in bold (escaped around it)."""
    text, start = e.claim.text, e.claim.start
    if e.value is None or not (e.claim.start <= e.value.start < e.value.end <= e.claim.end):
        return md(_clip(text))
    a, b = e.value.start - start, e.value.end - start
    before, value, after = text[:a], text[a:b], text[b:]
    if not value.strip():
        return md(_clip(text))
    core = value.strip()  # "** 12**" would not render bold: spaces go outside the markers
    lead = value[: len(value) - len(value.lstrip())]
    before, value, after = before + lead, core, value[len(lead) + len(core):] + after
    if len(before) > MAX_CLAIM_CHARS // 2:
        before = "…" + before[-MAX_CLAIM_CHARS // 2:]
    if len(after) > MAX_CLAIM_CHARS // 2:
        after = after[: MAX_CLAIM_CHARS // 2] + "…"
    gap_before = " " if before[-1:].isspace() and before.strip() else ""
    gap_after = " " if after[:1].isspace() and after.strip() else ""
    left, inner, right = md(before) + gap_before, md(value), gap_after + md(after)
    if not _renders_bold(left[-1:], inner, right[:1]):
        return md(_clip(text))  # the markers would show as literal asterisks: no highlight rather than noise
    return f"{left}**{inner}**{right}"


def _punct(ch: str) -> bool:
    return bool(ch) and unicodedata.category(ch)[0] in "PS"


def _renders_bold(before: str, inner: str, after: str) -> bool:
    """CommonMark flanking rules: would ``**inner**`` between these characters be bold?"""
    first, last = inner[:1], inner[-1:]
    opens = first and not first.isspace() and (not _punct(first) or not before or before.isspace() or _punct(before))
    closes = last and not last.isspace() and (not _punct(last) or not after or after.isspace() or _punct(after))
    return bool(opens and closes)


def _clip(text: str, limit: int = MAX_CLAIM_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def where(e: Evidence, *, in_table: bool = False) -> str:
    return code(f"{e.claim.path}:{e.claim.line}", in_table=in_table)


def source_label(article) -> str:
    """``000 (Shafaq News)``; just ``002`` when the outlet is unknown (not ``002 (002)``)."""
    if article.outlet and article.outlet != article.label:
        return f"{md(article.label)} ({md(article.outlet)})"
    return md(article.label)


SHORT_CLAIM_CHARS = 100  # claims in the folded list of pairs not compared


def events_not_compared(result: RunResult) -> list[tuple[list[list[str]], list, str]]:
    """Similar claims of different events, one entry per pair of events: the articles of each
    event (labels), the pairs, the range of their similarities."""
    group_of = result.groups.group_of if result.groups is not None else {}

    def event(c):
        return group_of.get(c.source_id, c.source_id)

    by_events: dict[tuple, list] = {}
    for s in result.skipped:
        by_events.setdefault(tuple(sorted((event(s.a), event(s.b)), key=str)), []).append(s)
    out = []
    for key, pairs in by_events.items():
        claims = [c for s in pairs for c in (s.a, s.b)]
        sides = [sorted({c.article.label for c in claims if event(c) == group}) for group in key]
        low, high = min(s.similarity for s in pairs), max(s.similarity for s in pairs)
        spread = f"{low:.2f}" if f"{low:.2f}" == f"{high:.2f}" else f"{low:.2f}–{high:.2f}"
        out.append((sides, pairs, Escaped(spread)))
    return out


def _by(d: Decision) -> str:
    who = md(d.reviewer) if d.reviewer else "an editor"
    when = f" on {md(d.reviewed_at[:10])}" if d.reviewed_at else ""
    return f"{who}{when}"


def review_note(item: Reviewed) -> str:
    """What the editors said about a finding, as one paragraph (empty when unreviewed)."""
    d = item.decision
    if d is None:
        return ""
    if item.state is State.CHANGED:
        return (f"> **Changed since review.** It was {_decided(d, d.status)} The claims now read "
                "differently, so that decision does not apply until someone reviews it again.")
    if item.state is State.CONFIRMED:
        right = f" Source judged right: {code(d.right)}." if d.right else " Which source is right is not known."
        return f"> {_decided(d, 'Confirmed')}{right}"
    return f"> {_decided(d, d.status.capitalize())}"


def _decided(d: Decision, status: str) -> str:
    """``**Confirmed** by ana on 2024-05-01: the note.`` with one full stop, whatever the note ends in."""
    note = f": {md(sentence(d.note))}" if d.note else "."
    return f"**{status}** by {_by(d)}{note}"


AGREEMENT_LABELS = {
    "quantity": "same figure", "count": "same count", "date": "same date", "name": "same name",
    "quote": "same quotation", "attribution": "same speaker", "polarity": "same polarity",
    "corroboration": "same statement",
}


def agreement_label(f: Finding) -> str:
    """What an agreement is, in words: the rule that found it is named for the mismatch it looks for
    (QTY001 "quantity mismatch"), so its code would read as a conflict."""
    return AGREEMENT_LABELS.get(f.category, f"same {f.category}")


def priority(f: Finding) -> float:
    """Severity × confidence (high 3, medium 2, low 1): a sure medium outranks a doubtful high."""
    return f.severity.rank * f.confidence


def ranked(items) -> list[Reviewed]:
    """Most pressing first; ties keep the findings' order (stable sort)."""
    return sorted(items, key=lambda item: -priority(item.finding))


# ---------------------------------------------------------------- the template

class Escaped(str):
    """Text already made inert for markdown (a filter's output): printed as it is."""

    __slots__ = ()


def _inert(value: object) -> object:
    """Jinja's ``finalize``: every value the template prints is escaped for markdown (escape.md)
    unless a filter already made it safe; numbers pass as they are."""
    if type(value) is Escaped or isinstance(value, Markup) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value  # Markup: a macro's output, marked `safe` where it is called
    text = str(value)
    return text if _INERT.fullmatch(text) else md(text)


# words md() leaves as they are (ids, codes, severities, "unknown", "8 pairs", dates): not escaped again
_INERT = re.compile(r"[^\W_]+(?:(?:, |; | |-|·)[^\W_]+)*")


def _safe(fn):
    return lambda *args, **kwargs: Escaped(fn(*args, **kwargs))


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("crosscheck.report", "templates"),
    autoescape=False,  # markdown, not HTML: escaping is escape.md's, through _inert
    finalize=_inert, undefined=jinja2.StrictUndefined,
    trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False,
)
_ENV.filters.update(
    md=_safe(md), code=_safe(code), cell=_safe(lambda t: code(t, in_table=True)),
    highlighted=_safe(highlighted), where=_safe(where), label=_safe(source_label),
    where_claim=_safe(lambda c: where(Evidence(c, None, ""))), clip=lambda t, n: _clip(t, n),
    bold=_safe(lambda n, word: bold(n, word)), plural=lambda n, word: plural(n, word),
    note=_safe(review_note), by=_safe(_by), agreement_label=agreement_label, fixed=lambda x: Escaped(f"{x:.2f}"), g=lambda x: Escaped(f"{x:g}"),
)


def render(result: RunResult, reviews: ReviewState | None = None) -> str:
    """The markdown report: open discrepancies first, then what the editors decided (templates/report.md.j2)."""
    state = reviews if reviews is not None else result.review_state(Decisions())
    discrepancies = [f for f in result.findings if f.kind is Kind.DISCREPANCY]
    counts = Counter((f.category, f.severity.value) for f in discrepancies)
    n = Counter(r.state.value for r in state.items)
    confirmed, deferred = ranked(state.with_state(State.CONFIRMED)), ranked(state.with_state(State.DEFERRED))
    reviewed, start = [], len(state.open)
    for title, items in (("Confirmed", confirmed), ("Deferred", deferred)):
        if items:
            reviewed.append((title, items, start))
            start += len(items)
    in_findings = {e.claim.key for f in result.findings for e in f.evidence}
    cluster_of = result.cluster_of()
    return _ENV.get_template("report.md.j2").render(
        result=result, state=state, discrepancies=discrepancies, open_items=ranked(state.open),
        variants=[f for f in result.findings if f.kind is Kind.VARIANT],
        agreements=[(f, sorted({e.claim.article.label for e in f.evidence})) for f in result.findings
                    if f.kind is Kind.AGREEMENT],
        n={s.value: n[s.value] for s in State},
        categories=[(c, {sev: counts[(c, sev)] for sev in ("high", "medium", "low")})
                    for c in sorted({c for c, _ in counts})],
        confirmed=confirmed, deferred=deferred, dismissed=state.with_state(State.DISMISSED), reviewed=reviewed,
        not_compared=events_not_compared(result) if result.skipped else [],
        short=SHORT_CLAIM_CHARS,
        single=Counter(c.source_id for n, c in enumerate(result.claims)
                       if cluster_of[n] < 0 and c.key not in in_findings),
        unknown_dates=[a for a in result.articles if a.date is None],
    )
