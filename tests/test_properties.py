"""Property-based checks: no input makes ingest or claim splitting raise, offsets always point at
the claim, the report counts what the JSON holds, and finding ids do not depend on input order.

Example counts are modest: spaCy parses each generated text, and the last
property runs the whole pipeline (marked slow).
"""
import json
import re

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import synthetic
from crosscheck.claims import MAX_PARAGRAPH_CHARS, extract_claims, limit_claims, paragraphs
from crosscheck.ingest import decode, parse_article, read_metadata
from crosscheck.report import findings_json, markdown

WORDS = ("The storm killed 12 people in the town on Monday , officials said . About 3,000 homes lost power ; "
         "the mayor said “ we will rebuild ” — and the council agreed … It cost $ 4.2 million in 2019 "
         "Mr. O'Neill ( AP ) -- at least n't # | < > [ ] ( ) ` * _ ~ --- ### > - 1. 50% Port Avery").split()
NEWLINES = st.sampled_from(["\n", "\r\n", "\r", "\n\n", " "])
word_soup = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6), NEWLINES), max_size=120).map(" ".join)
front_matter = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["title: [unclosed", "date: yesterday", "date: 2020-13-45", "- a\n- b", "title: {a: 1}",
                     "date: 2021-02-03", "source: 12", "a: &x [1]\nb: [*x, *x]", "date:", "? [a]\n: b"]),
)
articles_text = st.one_of(word_soup, st.builds(lambda fm, body: f"---\n{fm}\n---\n{body}", front_matter, word_soup))
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1", "cp1252"])

BOMS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"---\n"]
raw_bytes = st.one_of(st.binary(max_size=3000),
                      st.builds(lambda bom, rest: bom + rest, st.sampled_from(BOMS), st.binary(max_size=3000)))

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PARSED = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(raw_bytes)
def test_decode_only_ever_refuses_with_a_reason(data):
    try:
        text = decode(data)
    except ValueError as err:
        assert str(err) and "\n" not in str(err)
    else:
        assert "\r" not in text and text.strip()
        text.encode("utf-8")  # no lone surrogates: the reports can always be written


@FAST
@given(raw_bytes)
def test_parse_article_never_raises_on_bytes(data):
    article, warnings = parse_article(data, "x.txt", "x.txt")
    assert all("\n" not in str(w) for w in warnings)
    if article is None:
        assert any(w.skipped for w in warnings)
    else:
        assert 0 <= article.body_start <= len(article.text)
        assert article.body_end is None or article.body_start <= article.body_end <= len(article.text)


@FAST
@given(articles_text, encodings)
@example("\ufeff\ufeffThe storm killed 12 people.", "utf-8-sig")
@example("\ufeffThe storm killed 12 people.\r\n", "utf-8")
@example("Café owner José Muñoz said the façade cost £250,000.", "utf-16")
def test_text_in_any_supported_encoding_decodes_to_itself(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    assume(encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32") or text.isascii())  # single-byte: detected, not declared
    try:
        decoded = decode(data)
    except ValueError:
        return  # empty, whitespace or control characters: refused with a reason
    if encoding in ("utf-8", "latin-1", "cp1252"):  # no BOM written: a leading U+FEFF reads as one
        text = text.removeprefix("\ufeff")
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert decoded == expected


@FAST
@given(articles_text)
def test_metadata_never_raises_and_the_body_is_inside_the_text(text):
    meta, body_start, origin, warnings = read_metadata(text, "x.md")
    assert 0 <= body_start <= len(text)
    assert set(meta) == set(origin) == {"title", "outlet", "date", "url"}
    assert all("\n" not in str(w) for w in warnings)


@FAST
@given(articles_text)
def test_parsed_pieces_are_the_article_text_with_only_blanks_added(text):
    article, _ = parse_article(text.encode(), "x.md", "x.md", max_chars=2_000)
    assume(article is not None)
    end = article.body_end if article.body_end is not None else len(article.text)
    for offset, piece in paragraphs(article):
        assert article.body_start <= offset and offset + len(piece) <= end
        assert len(piece) <= MAX_PARAGRAPH_CHARS
        original = article.text[offset: offset + len(piece)]
        assert all(p == o or p == " " for p, o in zip(piece, original))


@PARSED
@given(articles_text, encodings)
def test_claims_never_raise_and_their_offsets_point_at_their_text(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    article, _ = parse_article(data, "x.txt", "x.txt")
    assume(article is not None)
    claims, _ = limit_claims(extract_claims([article]), 50)
    decoded = decode(data)
    for c in claims:
        assert decoded[c.start:c.end] == c.text
        assert c.start >= article.body_start and c.text == c.text.strip() and c.text
        for q in c.facts.quantities + c.facts.dates + c.facts.names:
            assert decoded[q.span.start:q.span.end] == q.span.text
    assert len({" ".join(c.text.split()) for c in claims}) == len(claims)  # repeats are checked once


adversarial = st.lists(
    st.one_of(st.text(min_size=1, max_size=60),
              st.sampled_from(["<script>x</script>", "](javascript:alert(1))", "| a | b |", "# h", "`x`", "\x1b[31m",
                               "- item", "1. item", "**b**", "<!-- c -->", "\n\n# heading\n"])),
    min_size=1, max_size=6,
).map(lambda parts: [p for p in parts if p.strip()])


@FAST
@given(adversarial)
def test_report_counts_and_ids_equal_the_json(texts):
    assume(texts)
    result = synthetic.adversarial_result(texts)
    data = json.loads(findings_json.render(result))
    report = markdown.render(result)
    headings = re.findall(r"(?m)^### \d+\. .*`([0-9a-f]{12})`$", report)
    agreements = re.findall(r"(?m)^- \*\*\d+ sources\*\* .* · `([0-9a-f]{12})`: ", report)
    assert len(headings) == data["summary"]["discrepancies"]
    assert len(agreements) == data["summary"]["agreements"]
    assert sorted(headings + agreements) == sorted(f["id"] for f in data["findings"])


@pytest.mark.slow
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(7)))
def test_finding_ids_do_not_depend_on_input_order(order, seed_run):
    paths, cache, expected = seed_run
    from crosscheck.pipeline import Params, run

    result = run([paths[i] for i in order], Params(cache_dir=cache))
    assert sorted(f.id for f in result.findings) == expected


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    import hostile_corpus as hc
    from conftest import SEEDS
    from crosscheck.pipeline import Params, run

    extra = tmp_path_factory.mktemp("order")
    (extra / "storm.txt").write_text(hc.STORM)
    (extra / "storm-wire.txt").write_text(hc.STORM.replace("about 300 residents", "about 350 residents"))
    articles = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md"))  # not seeds/reviews.toml
    paths = [str(p) for p in articles] + [str(extra / "storm.txt"), str(extra / "storm-wire.txt")]
    cache = str(tmp_path_factory.mktemp("cache"))
    findings = run(paths, Params(cache_dir=cache)).findings
    assert findings
    return paths, cache, sorted(f.id for f in findings)
