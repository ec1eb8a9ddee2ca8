"""``crosscheck explain``'s text: one pair's explanation as indented lines.

Render only (the reasons are computed in ``crosscheck/explain.py``); every
piece of article text (claims, values, names, paths) goes through
``escape.plain`` so an article cannot send terminal control codes.
"""
from __future__ import annotations

from ..explain import ClaimView, PairExplanation
from .escape import plain
from .words import plural


def _q(text: str) -> str:
    return f"'{plain(text)}'"


def _facts(c: ClaimView) -> list[str]:
    parts = []
    if c.quantities:
        parts.append("quantities: " + "; ".join(
            f"{_q(q['text'])} ({q['value']:g} {plain(q['unit'])} {plain(q['noun'])}"
            f"{', ' + plain(q['qualifier']) if q['qualifier'] else ''})" for q in c.quantities))
    if c.dates:
        parts.append("dates: " + "; ".join(
            f"{_q(d['text'])} ({d['granularity']}, {d['from'] or 'unresolved'}"
            f"{'..' + d['to'] if d['to'] and d['to'] != d['from'] else ''})" for d in c.dates))
    if c.names:
        parts.append("names: " + "; ".join(f"{_q(n['text'])} ({n['label']})" for n in c.names))
    if c.quotes:
        parts.append("quotes: " + "; ".join(
            f"{_q(q['text'])}" + (f" (said by {plain(q['speaker'])})" if q["speaker"] else "") for q in c.quotes))
    if c.negated:
        parts.append("negated: " + ", ".join(plain(w) for w in c.negated))
    return [f"    {p}" for p in parts] or ["    no quantities, dates, names, quotes or negations"]


def _claim(label: str, c: ClaimView) -> list[str]:
    event = f", event {c.event}" if c.event is not None else ""
    lines = [f"{label} #{c.number}  {plain(c.path)}:{c.line} [{c.start}:{c.end}]{event}", f"    “{plain(c.text)}”"]
    if c.attribution:
        lines.append(f"    said by: {plain(c.attribution)}")
    return lines + _facts(c)


def render(e: PairExplanation) -> str:
    c = e.candidate
    sim = "unknown" if c.similarity is None else f"{c.similarity:.3f}"
    lines = _claim("claim A", e.a) + _claim("claim B", e.b)
    lines += [f"verdict: {plain(e.summary)}", "candidate:",
              f"    cosine {sim}, threshold {c.threshold:g}: {plain(c.link_reason)}",
              "    events: " + ("same event" if c.same_event else
                                "different events" + ("" if c.comparable else f": {plain(c.comparable_reason)}") +
                                ("; compared anyway: they share a year and a participant" if c.comparable else "")),
              f"    anchors: {plain(c.anchor_reason)}"]
    for code, keys in c.blocking:
        used = "candidate" if code in c.blocked_for else "not a candidate (key too common or pair already linked)"
        lines.append(f"    blocking keys of {code}: {', '.join(_q(k) for k in keys)}: {used}")
    lines.append("    compared as: " + (", ".join(c.compared_by) if c.compared_by else "not compared"))
    a = e.alignment
    lines.append(f"alignment: {a.coverage:.0%} of the shorter claim's content words matched "
                 f"(aligned rules need {a.min_coverage:.0%}), {plural(a.matched, 'word')} matched")
    if not a.differences:
        lines.append("    no differences")
    for d in a.differences:
        frame = "value-sized, framed" if d.framed else "not framed as one value"
        lines.append(f"    {_q(d.a) if d.a else '(nothing)'} / {_q(d.b) if d.b else '(nothing)'}   "
                     f"between {_q(d.before) if d.before else '(start)'} and {_q(d.after) if d.after else '(end)'}"
                     f"  [{frame}]")
    lines.append("rules (scores are the rules' own; a finding's confidence is calibrated from them):")
    for r in e.rules:
        lines.append(f"    {r.code} {r.name}: {plain(r.verdict)}")
        for o in r.observations:
            lines.append(f"        {o.kind} {o.severity}, score {o.confidence:.2f}: " + " / ".join(_q(v) for v in o.values))
        if r.findings:
            lines.append(f"        finding{'s' if len(r.findings) > 1 else ''} {', '.join(r.findings)}")
    return "\n".join(lines)
