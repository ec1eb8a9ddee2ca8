"""The editor's report: summary, open discrepancies (ranked by severity × confidence), what
the editors decided about the rest, agreements, and what could not be checked.
Every piece of article text goes through
``escape.md`` so no article can inject markdown, HTML or control codes.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence

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


def priority(f: Finding) -> float:
    """Severity × confidence (high 3, medium 2, low 1): a sure medium outranks a doubtful high."""
    return f.severity.rank * f.confidence


def ranked(items: Sequence[Reviewed]) -> list[Reviewed]:
    """Most pressing first; ties keep the findings' order (stable sort)."""
    return sorted(items, key=lambda item: -priority(item.finding))


def finding_block(n: int, f: Finding, decision_note: str = "") -> list[str]:
    lines = [
        f"### {n}. {f.severity.value} · confidence {f.confidence:.2f} · {f.category} · {f.rule} · `{f.id}`",
        "",
        md(f.explanation),
        "",
    ]
    if decision_note:
        lines += [decision_note, ""]
    lines += ["| source | claim | where |", "| --- | --- | --- |"]
    for e in f.evidence:
        lines.append(f"| {source_label(e.claim.article)} | {highlighted(e)} | {where(e, in_table=True)} |")
    lines.append("")
    return lines


def summary(result: RunResult, state: ReviewState | None = None) -> list[str]:
    disc = [f for f in result.findings if f.kind is Kind.DISCREPANCY]
    agree = [f for f in result.findings if f.kind is Kind.AGREEMENT]
    lines = ["## Summary", "", "| source | title | outlet | date | url |", "| --- | --- | --- | --- | --- |"]
    for a in result.articles:
        lines.append(
            f"| {code(a.source_id, in_table=True)} | {md(a.title or 'unknown')} | {md(a.outlet or 'unknown')} | "
            f"{a.date.isoformat() if a.date else 'unknown'} | {md(a.url or 'unknown')} |"
        )
    lines += [
        "",
        f"- {bold(len(result.articles), 'article')}, {bold(len(result.claims), 'claim')}, "
        f"{bold(len(result.clusters), 'cluster')} spanning two or more sources",
        f"- {bold(len(disc), 'discrepancy')}, {bold(len(agree), 'agreement')}, "
        f"{bold(len(result.skipped), 'similar pair')} not compared (different events)",
    ]
    if result.hidden:
        lines.append(f"- {bold(len(result.hidden), 'finding')} below confidence {result.min_confidence:g} hidden "
                     "(`--min-confidence`)")
    if state is not None:
        lines += review_summary(state)
    if disc:
        counts = Counter((f.category, f.severity.value) for f in disc)
        cats = sorted({c for c, _ in counts})
        lines += ["", "| category | high | medium | low |", "| --- | --- | --- | --- |"]
        for c in cats:
            lines.append(f"| {c} | {counts[(c, 'high')]} | {counts[(c, 'medium')]} | {counts[(c, 'low')]} |")
    lines.append("")
    return lines


def not_checked(result: RunResult) -> list[str]:
    lines = ["## Not checked", ""]
    if result.skipped:
        lines += not_compared(result)
    in_findings = {e.claim.key for f in result.findings for e in f.evidence}
    clustered = {result.claims[i].key for c in result.clusters for i in c.members}
    single = Counter(c.source_id for c in result.claims if c.key not in clustered and c.key not in in_findings)
    lines += ["### Claims no other source makes", ""]
    for a in result.articles:
        lines.append(f"- {code(a.source_id)}: {single.get(a.source_id, 0)} single-source claims")
    unknown = [a for a in result.articles if a.date is None]
    if unknown:
        lines += ["", "### Articles with unknown publication dates", "",
                  "Relative dates in these articles (\"on Wednesday\", \"last year\") could not be resolved.", ""]
        lines += [f"- {code(a.source_id)}" for a in unknown]
    if result.warnings:
        lines += ["", "### Files skipped or read with problems", ""]
        lines += [f"- {md(str(w))}" for w in result.warnings]
    lines.append("")
    return lines


SHORT_CLAIM_CHARS = 100  # claims in the folded list of pairs not compared


def not_compared(result: RunResult) -> list[str]:
    """Similar claims of different events: a count, one line per pair of events, the pairs folded."""
    skipped = result.skipped
    group_of = result.groups.group_of if result.groups is not None else {}

    def event(c):
        return group_of.get(c.source_id, c.source_id)

    by_events: dict[tuple, list] = {}
    for s in skipped:
        by_events.setdefault(tuple(sorted((event(s.a), event(s.b)), key=str)), []).append(s)
    lines = ["### Similar claims not compared because the events differ", "",
             f"{plural(len(skipped), 'pair')} of similar claims from articles that report different events "
             f"({plural(len(by_events), 'pair')} of events); similar is not the same fact, so they were not "
             "compared.", ""]
    for key, pairs in by_events.items():
        claims = [c for s in pairs for c in (s.a, s.b)]
        sides = [sorted({c.article.label for c in claims if event(c) == group}) for group in key]
        low, high = min(s.similarity for s in pairs), max(s.similarity for s in pairs)
        spread = f"{low:.2f}" if f"{low:.2f}" == f"{high:.2f}" else f"{low:.2f}–{high:.2f}"
        lines.append(f"- {', '.join(md(x) for x in sides[0])} · {', '.join(md(x) for x in sides[1])}: "
                     f"{plural(len(pairs), 'pair')}, similarity {spread}")
    lines += ["", "<details>", f"<summary>The {plural(len(skipped), 'pair')}</summary>", ""]
    for s in skipped:
        lines.append(f"- {s.similarity:.2f} {where(Evidence(s.a, None, ''))} “{md(_clip(s.a.text, SHORT_CLAIM_CHARS))}” · "
                     f"{where(Evidence(s.b, None, ''))} “{md(_clip(s.b.text, SHORT_CLAIM_CHARS))}”")
    lines += ["", "</details>", ""]
    return lines


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


def review_summary(state: ReviewState) -> list[str]:
    n = Counter(r.state for r in state.items)
    return [
        f"- {bold(n[State.OPEN] + n[State.CHANGED], 'open discrepancy')} ({n[State.CHANGED]} changed since review), "
        f"**{n[State.CONFIRMED]}** confirmed, **{n[State.DISMISSED]}** dismissed, **{n[State.DEFERRED]}** deferred, "
        f"{bold(len(state.orphaned), 'orphaned decision')}",
    ]


def reviewed_sections(state: ReviewState, start: int) -> list[str]:
    """Confirmed and deferred in full; dismissed collapsed, each with its reason; orphaned decisions."""
    lines = ["## Reviewed discrepancies", ""]
    confirmed = ranked(state.with_state(State.CONFIRMED))
    deferred = ranked(state.with_state(State.DEFERRED))
    dismissed = state.with_state(State.DISMISSED)
    if not (confirmed or deferred or dismissed):
        lines += ["No reviewed discrepancies.", ""]
    n = start
    for title, items in (("Confirmed", confirmed), ("Deferred", deferred)):
        if items:
            lines += [f"### {title} ({len(items)})", ""]
            for item in items:
                n += 1
                lines += finding_block(n, item.finding, review_note(item))
    if dismissed:
        lines += [f"### Dismissed ({len(dismissed)})", "", "<details>",
                  f"<summary>{plural(len(dismissed), 'finding')} judged not to be "
                  f"{'a conflict' if len(dismissed) == 1 else 'conflicts'}</summary>", ""]
        for item in dismissed:
            d, f = item.decision, item.finding
            reason = md(d.note) if d and d.note else "no reason given"
            lines.append(f"- `{f.id}` {f.rule} {md(f.explanation)} — dismissed by {_by(d)}: {reason}")
        lines += ["", "</details>", ""]
    if state.orphaned:
        lines += [f"### Orphaned decisions ({len(state.orphaned)})", "",
                  "Decisions whose finding no longer exists: the article was edited or removed, or the rules "
                  "changed. `crosscheck review prune` removes them from the decisions file.", ""]
        for d in state.orphaned:
            note = f": {md(d.note)}" if d.note else ""
            lines.append(f"- `{d.finding_id}` {md(d.rule)} {d.status} by {_by(d)}{note} (was: {md(d.summary)})")
        lines.append("")
    return lines


AGREEMENT_LABELS = {
    "quantity": "same figure", "count": "same count", "date": "same date", "name": "same name",
    "quote": "same quotation", "attribution": "same speaker", "polarity": "same polarity",
    "corroboration": "same statement",
}


def agreement_label(f: Finding) -> str:
    """What an agreement is, in words: the rule that found it is named for the mismatch it looks for
    (QTY001 "quantity mismatch"), so its code would read as a conflict."""
    return AGREEMENT_LABELS.get(f.category, f"same {f.category}")


def render(result: RunResult, reviews: ReviewState | None = None) -> str:
    """The markdown report: open discrepancies first, then what the editors decided."""
    state = reviews if reviews is not None else result.review_state(Decisions())
    lines = ["# crosscheck report", ""]
    lines += summary(result, state)
    agree = [f for f in result.findings if f.kind is Kind.AGREEMENT]
    open_items = ranked(state.open)
    lines += ["## Open discrepancies", ""]
    if not open_items:
        lines += ["No open discrepancies." if state.items else "No discrepancies found.", ""]
    for n, item in enumerate(open_items, 1):
        lines += finding_block(n, item.finding, review_note(item))
    lines += reviewed_sections(state, len(open_items))
    lines += ["## Agreements", ""]
    if not agree:
        lines += ["No corroborated facts found.", ""]
    for f in agree:
        sources = sorted({e.claim.article.label for e in f.evidence})
        lines.append(f"- **{len(sources)} sources** ({', '.join(md(s) for s in sources)}) · {agreement_label(f)} · "
                     f"`{f.id}`: {md(f.explanation)}")
        for e in f.evidence:
            lines.append(f"  - {where(e)} {highlighted(e)}")
    lines.append("")
    lines += not_checked(result)
    return "\n".join(lines)
