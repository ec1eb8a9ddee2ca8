"""Run results built by hand (no model): what the renderers see, with any text we like in it."""
from __future__ import annotations

from crosscheck.compare import assign_ids
from crosscheck.events import EventGroups
from crosscheck.ingest import IngestWarning
from crosscheck.model import Article, Claim, Evidence, Finding, Kind, Severity, Span
from crosscheck.pipeline import RunResult


def article(source_id: str, body: str, *, title=None, outlet=None, url=None) -> Article:
    return Article(path=f"news/{source_id}", source_id=source_id, text=body, title=title, outlet=outlet, url=url)


def claim_over(a: Article, start: int = 0, end: int | None = None) -> Claim:
    return Claim(article=a, source_id=a.source_id, start=start, end=len(a.text) if end is None else end)


def finding(kind: Kind, claims: list[Claim], values: list[tuple[int, int] | None], norms: list[str],
            explanation: str, rule: str = "AGR001") -> Finding:
    evidence = []
    for c, v, norm in zip(claims, values, norms):
        span = None if v is None else Span(c.start + v[0], c.start + v[1], c.text[v[0]:v[1]])
        evidence.append(Evidence(claim=c, value=span, norm=norm))
    return Finding(id="", kind=kind, category="corroboration", rule=rule, severity=Severity.MEDIUM,
                   confidence=0.8, explanation=explanation, evidence=tuple(evidence))


def result(articles: list[Article], findings: list[Finding], warnings: list[IngestWarning] = ()) -> RunResult:
    claims = sorted({e.claim.key: e.claim for f in findings for e in f.evidence}.values(), key=lambda c: c.key)
    return RunResult(articles=articles, claims=claims, clusters=[], findings=assign_ids(findings), skipped=[],
                     warnings=list(warnings), groups=EventGroups({a.source_id: 0 for a in articles}), params={})


def adversarial_result(texts: list[str], file_names: tuple[str, str] = ("a.txt", "b.txt"),
                       title: str | None = None) -> RunResult:
    """One discrepancy and one agreement per text, between two articles quoting it."""
    body = "\n".join(texts) + "\n"
    a = article(file_names[0], body, title=title, outlet=title, url=title)
    b = article(file_names[1], body, title=title)
    findings = []
    offset = 0
    for text in texts:
        start, offset = offset, offset + len(text) + 1
        if not text:
            continue
        ca, cb = claim_over(a, start, start + len(text)), claim_over(b, start, start + len(text))
        half = (0, max(1, len(text) // 2))
        findings.append(finding(Kind.DISCREPANCY, [ca, cb], [half, None], ["x" + text, "y" + text],
                                f"{a.label} says '{text}'; {b.label} says '{text[::-1]}'", rule="ZZZ001"))
        findings.append(finding(Kind.AGREEMENT, [ca, cb], [None, half], [text, text], f"agree: '{text}'"))
    return result([a, b], findings, [IngestWarning(f"news/{t[:30]}", t[:60], True) for t in texts])
