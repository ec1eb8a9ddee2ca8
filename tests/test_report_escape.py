"""Nothing in an article can add markdown structure, HTML, links or terminal codes to what an editor sees.

The markdown report is rendered with a CommonMark parser (markdown-it-py, GFM
tables on) and its tokens inspected: adversarial claim text must come out
as text, in the cell or paragraph it was put in.
"""
import json
import re

import pytest
from markdown_it import MarkdownIt

import synthetic
from crosscheck.model import Kind
from crosscheck.report import findings_json, markdown
from crosscheck.report.escape import code, json_line, md, plain

ADVERSARIAL = [
    "<script>alert(1)</script> was found in the page",
    "see [the notice](javascript:alert(document.cookie)) for details",
    "![x](http://evil.example/pixel.png) tracked readers",
    "| a | b | split the table",
    "# not a heading, 12 people",
    "## nor this",
    "- not a list item",
    "1. not a numbered item",
    "```\ncode fence``` and `ticks`",
    "\x1b[31mRED\x1b[0m alert \x1b]8;;http://evil\x07link\x1b]8;;\x07",
    "\u202eevil bidi override\u202c and zero\u200bwidth",
    "<!-- hidden --> comment and <img src=x onerror=alert(1)>",
    "&lt;script&gt; entity and &#60;b&#62;",
    "**bold** _em_ ~~strike~~ $x^2$ math",
    "www.evil.example and https://evil.example/path",
    "line one\nline two\r\n===",
    "trailing backslash \\",
    "> quoted",
    "<https://autolink.example>",
]

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def inline_text(token) -> str:
    """The text a reader sees in one inline token."""
    return "".join(c.content for c in token.children or [] if c.type in ("text", "code_inline"))


def inline_types(tokens) -> set[str]:
    return {c.type for t in tokens if t.type == "inline" for c in t.children or []}


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_md_renders_as_exactly_its_text(text):
    tokens = PARSER.parse(md(text))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert inline_types(tokens) <= {"text"}
    assert inline_text(tokens[1]) == plain(text)


@pytest.mark.parametrize("text", ADVERSARIAL + ["a`b``c", "`", "x|y", "   "])
@pytest.mark.parametrize("in_table", [False, True])
def test_code_renders_as_exactly_its_text(text, in_table):
    source = code(text, in_table=in_table)
    if in_table:
        tokens = PARSER.parse(f"| h |\n| --- |\n| {source} |\n")
        cells = [t for t in tokens if t.type == "inline"]
        assert len(cells) == 2
        inline = cells[1]
    else:
        tokens = PARSER.parse(source)
        inline = tokens[1]
    assert [c.type for c in inline.children] == ["code_inline"]
    assert inline.children[0].content.strip() == plain(text).strip()


def test_plain_leaves_no_terminal_control_sequence():
    out = plain("\x1b[31mred\x1b[0m \x9b31m \x07bell \r\rcarriage\u202e \x00nul")
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u202e]", out)
    assert out == "[31mred[0m 31m bell carriage nul"


def test_json_line_escapes_controls_but_keeps_text_readable():
    line = json_line({"text": "Muñoz \x1b[31m \x9b \u202e"})
    assert "\n" not in line and not re.search(r"[\x00-\x1f\x7f-\x9f\u202e]", line)
    assert "Muñoz" in line and json.loads(line)["text"] == "Muñoz \x1b[31m \x9b \u202e"


def _tables(tokens):
    """Rows of cells (inline tokens) of each table, in order."""
    tables, rows, row = [], None, None
    for t in tokens:
        if t.type == "table_open":
            rows = []
        elif t.type == "tr_open":
            row = []
        elif t.type == "inline" and row is not None:
            row.append(t)
        elif t.type == "tr_close":
            rows.append(row)
            row = None
        elif t.type == "table_close":
            tables.append(rows)
    return tables


def test_adversarial_claims_titles_and_file_names_stay_text_in_the_report():
    texts = [t for t in ADVERSARIAL if t.strip()]
    result = synthetic.adversarial_result(texts, file_names=("-rf `x` | <b>.txt", "#1 [a](b).md"),
                                          title="<script>x</script> | # T")
    report = markdown.render(result)
    tokens = PARSER.parse(report)

    # structure: only the report's own headings, no links, images, HTML, emphasis from articles
    headings = [inline_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
    disc = [f for f in result.findings if f.kind is Kind.DISCREPANCY]
    assert sum(bool(re.match(r"\d+\. ", h)) for h in headings) == len(disc)
    assert headings[:4] == ["crosscheck report", "Summary", "Open discrepancies", "1. medium · confidence 0.80 · corroboration · ZZZ001 · " +
                            disc[0].id]
    types = inline_types(tokens)
    assert not types & {"link_open", "image", "html_inline", "em_open", "s_open"}
    assert "strong_open" in types  # the compared values are still highlighted
    assert not any(t.type in ("html_block", "fence", "code_block", "blockquote_open", "hr") for t in tokens)
    assert "\x1b" not in report and "\u202e" not in report

    # tables: sources (a row per article), categories, then a row per claim of each finding
    tables = _tables(tokens)
    assert len(tables) == 2 + len(disc)
    summary, categories, *finding_tables = tables
    assert [inline_text(c) for c in categories[1]] == ["corroboration", "0", str(len(disc)), "0"]
    assert len(summary) == 1 + len(result.articles) and all(len(r) == 5 for r in summary)
    assert inline_text(summary[1][0]) == "-rf `x` | <b>.txt"
    assert inline_text(summary[1][1]) == "<script>x</script> | # T"
    for rows, f in zip(finding_tables, disc):
        assert len(rows) == 1 + len(f.evidence) and all(len(r) == 3 for r in rows)
        for row, e in zip(rows[1:], f.evidence):
            assert inline_text(row[1]) == plain(e.claim.text)
            assert inline_text(row[2]) == plain(f"{e.claim.path}:{e.claim.line}")

    # explanations are paragraphs of exactly their text
    paragraphs = [inline_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "paragraph_open"]
    for f in disc:
        assert plain(f.explanation) in paragraphs


def test_report_counts_equal_the_json_counts():
    result = synthetic.adversarial_result(ADVERSARIAL)
    data = json.loads(findings_json.render(result))
    report = markdown.render(result)
    n_disc = len(re.findall(r"(?m)^### \d+\. ", report))
    n_agree = len(re.findall(r"(?m)^- \*\*\d+ sources\*\*", report))
    assert n_disc == data["summary"]["discrepancies"] and n_agree == data["summary"]["agreements"]
    assert n_disc + n_agree == len(data["findings"])
    assert f"**{n_disc}** discrepancies, **{n_agree}** agreements" in report
