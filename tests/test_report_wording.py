"""The report reads right (issue 11): one full stop after a note, counts that agree with their
nouns, a source named once, a compact not-compared section, agreements labelled as agreements."""
import re
import tomllib
from pathlib import Path

import synthetic
from crosscheck.events import EventGroups
from crosscheck.model import Kind, SkippedPair
from crosscheck.report import markdown
from crosscheck.report.words import noun, plural, sentence
from crosscheck.review import Decision, Decisions, classify, finding_fingerprint

ROOT = Path(__file__).resolve().parents[1]


def test_plural_and_sentence():
    assert [plural(n, "finding") for n in (0, 1, 2)] == ["0 findings", "1 finding", "2 findings"]
    assert plural(1, "open discrepancy") == "1 open discrepancy" and noun(3, "discrepancy") == "discrepancies"
    assert noun(2, "day") == "days" and noun(2, "pair") == "pairs"
    assert sentence("Police figure is 15.") == "Police figure is 15."
    assert sentence("Police figure is 15") == "Police figure is 15."
    assert sentence('He said "no."') == 'He said "no."' and sentence("Really?") == "Really?"
    assert sentence("") == ""


def _two_sources(outlet_a=None, outlet_b=None):
    a = synthetic.article("000.md", "It killed 12 people.\n", outlet=outlet_a)
    b = synthetic.article("002.md", "It killed 15 people.\n", outlet=outlet_b)
    f = synthetic.finding(Kind.DISCREPANCY, [synthetic.claim_over(a), synthetic.claim_over(b)], [(10, 12), (10, 12)],
                          ["12", "15"], "000 says '12'; 002 says '15'", rule="CNT001")
    return synthetic.result([a, b], [f])


def _report_with(result, status, note, right=""):
    f = result.findings[0]
    d = Decision(f.id, status, finding_fingerprint(f), right=right, note=note, reviewer="ana",
                 reviewed_at="2026-11-21T10:00:00Z")
    return markdown.render(result, classify(result.findings, Decisions(decisions={f.id: d})))


def test_a_note_ending_in_a_full_stop_gets_no_second_one():
    result = _two_sources()
    for status in ("confirmed", "dismissed", "deferred"):
        report = _report_with(result, status, "Police figure is 15.")
        assert "15.." not in report and "Police figure is 15." in report
    report = _report_with(result, "confirmed", "Police figure is 15", right="002.md")
    assert "> **Confirmed** by ana on 2026-11-21: Police figure is 15. Source judged right: `002.md`." in report
    assert not re.search(r"[^.]\.\.(?!\.)", report)


def test_counts_agree_with_their_nouns():
    result = _two_sources()
    report = _report_with(result, "dismissed", "same event")
    assert "<summary>1 finding judged not to be a conflict</summary>" in report
    assert "**1** discrepancy, **0** agreements" in report and "**2** articles" in report
    assert "**0** open discrepancies" in report and "**0** orphaned decisions" in report
    assert not re.search(r"\b1\*?\*? (findings|discrepancies|agreements|articles|claims|pairs)\b", report)


def test_a_source_without_an_outlet_is_named_once():
    report = markdown.render(_two_sources(outlet_a="Shafaq News"))
    assert "| 000 (Shafaq News) |" in report
    assert "| 002 |" in report and "002 (002)" not in report


def test_the_seed_decisions_name_no_internal_file():
    """Decisions are shown to readers of the report: no notes about files outside the articles."""
    data = tomllib.loads((ROOT / "seeds" / "reviews.toml").read_text(encoding="utf-8"))
    articles = {p.name for p in (ROOT / "seeds").iterdir()}
    for fid, d in data["findings"].items():
        for field in ("note", "reviewer", "summary"):
            for name in re.findall(r"[\w./-]+\.(?:toml|json|py|md|txt|yaml)\b", d.get(field, "")):
                assert name in articles, f"{fid} {field} names {name}"


def test_not_compared_is_a_count_and_one_line_per_pair_of_events():
    arts = [synthetic.article(f"00{i}.md", "\n".join(f"Claim {j} of article {i} about NATO and Turkey."
                                                    for j in range(4)) + "\n") for i in range(4)]
    claims = [synthetic.claim_over(a, 0, 40) for a in arts]
    pairs = [SkippedPair(claims[a], claims[b], 0.6 + n / 100, "the articles report different events")
             for n, (a, b) in enumerate([(0, 2), (1, 2), (0, 3), (1, 3), (0, 2), (2, 3), (1, 2), (0, 3)])]
    result = synthetic.result(arts, [])
    result.skipped = pairs
    result.groups = EventGroups({"000.md": 0, "001.md": 0, "002.md": 1, "003.md": 2})
    report = markdown.render(result)
    section = report[report.index("### Similar claims not compared"):report.index("### Claims no other source")]
    head, folded = section.split("<details>")
    assert "8 pairs of similar claims" in head and "(3 pairs of events)" in head
    assert re.findall(r"(?m)^- .*$", head) == ["- 000, 001 · 002: 4 pairs, similarity 0.60–0.66",
                                               "- 000, 001 · 003: 3 pairs, similarity 0.62–0.67",
                                               "- 002 · 003: 1 pair, similarity 0.65"]
    assert "<summary>The 8 pairs</summary>" in folded and len(re.findall(r"(?m)^- 0\.\d\d ", folded)) == 8


def test_agreements_do_not_carry_mismatch_rule_codes():
    a = synthetic.article("000.md", "It was the first visit in a decade.\n")
    b = synthetic.article("002.md", "The first visit in a decade, officials said.\n")
    f = synthetic.finding(Kind.AGREEMENT, [synthetic.claim_over(a), synthetic.claim_over(b)], [(25, 33), (16, 24)],
                          ["a decade", "a decade"], "000 and 002 agree: 'a decade'", rule="QTY001")
    f = f.__class__(**{**f.__dict__, "category": "quantity"})
    report = markdown.render(synthetic.result([a, b], [f]))
    agreements = report[report.index("## Agreements"):report.index("## Not checked")]
    assert "QTY001" not in agreements
    assert re.search(r"(?m)^- \*\*2 sources\*\* \(000, 002\) · same figure · `[0-9a-f]{12}`: 000 and 002 agree", agreements)


def test_the_template_escapes_every_value_it_prints():
    """autoescape is off (markdown, not HTML), but Jinja's finalize runs escape.md on any value a
    filter has not already escaped: a template that forgets a filter still prints inert text."""
    from crosscheck.report.escape import md

    hostile = "# [x](javascript:alert(1)) <b>*y*</b>"
    assert markdown._ENV.from_string("{{ x }}").render(x=hostile) == md(hostile)
    assert markdown._ENV.from_string("{{ x | md }}").render(x=hostile) == md(hostile)  # not escaped twice
    assert markdown._ENV.from_string("{{ n }} {{ s }}").render(n=12, s="CNT001") == "12 CNT001"
