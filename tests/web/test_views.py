"""What the pages derive from a run: consensus, source agreement, marked text, etags (no HTTP, no model)."""
from crosscheck.model import Article, Claim, Evidence, Kind, Span
from crosscheck.review import Decisions, State, classify, decide
from crosscheck.web import views
from crosscheck.web.render import inert, shown


def test_consensus_marks_the_lone_source_against_several(make_finding):
    f = make_finding("aaaa01", [("a.md", "It took a decade.", "a decade"), ("b.md", "It took over a decade.", "over a decade"),
                                ("c.md", "It took a decade.", "a decade")])
    rows = views.consensus(f)
    assert [(p.value, p.sources, p.outlier) for p in rows] == [
        ("a decade", ("a.md", "c.md"), False), ("over a decade", ("b.md",), True)]


def test_consensus_marks_nobody_when_one_source_stands_against_one(make_finding):
    f = make_finding("aaaa02", [("a.md", "12 people died.", "12"), ("b.md", "15 people died.", "15")])
    assert [p.outlier for p in views.consensus(f)] == [False, False]


def test_agreement_counts_sides_of_a_discrepancy_and_agreements(make_finding):
    three = make_finding("aaaa03", [("a.md", "a decade", "a decade"), ("b.md", "over a decade", "over a decade"),
                                    ("c.md", "a decade", "a decade")])
    both = make_finding("aaaa04", [("a.md", "in March", "in March"), ("b.md", "in March", "in March")],
                        kind=Kind.AGREEMENT)
    pairs = views.agreement([three, both])
    assert pairs["a.md", "c.md"] == views.Pair(agree=1, differ=0)
    assert pairs["a.md", "b.md"] == pairs["b.md", "a.md"] == views.Pair(agree=1, differ=1)
    assert pairs["b.md", "c.md"] == views.Pair(agree=0, differ=1)
    m = views.matrix([e.claim.article for e in three.evidence], [three, both])
    cells = {(c.row, c.col): c for c in m.cells}
    assert cells[0, 0].pair is None and cells[0, 2].shade != cells[1, 2].shade  # agreeing pair, differing pair


def test_article_segments_cover_the_text_and_anchor_each_claim():
    text = "First claim here. Middle words. Second claim there.\n"
    a = Article(path="x.md", source_id="x.md", text=text)
    c1 = Claim(article=a, source_id="x.md", start=0, end=17)
    c2 = Claim(article=a, source_id="x.md", start=32, end=51)
    from crosscheck.model import Finding, Severity

    finding = Finding("ffff01", Kind.DISCREPANCY, "count", "TST001", Severity.LOW, 0.5, "x",
                      (Evidence(c1, None, "1"), Evidence(c2, None, "2")))
    segments = views.article_segments(a, [finding])
    assert "".join(s.text for s in segments) == text
    assert [(s.anchor, s.text) for s in segments if s.mark] == [("c-0", "First claim here."),
                                                                 ("c-32", "Second claim there.")]
    inner = Claim(article=a, source_id="x.md", start=6, end=31)  # overlaps the first: both keep their anchors
    again = Finding("ffff02", Kind.DISCREPANCY, "count", "TST001", Severity.LOW, 0.5, "x", (Evidence(inner, None, "3"),))
    segments = views.article_segments(a, [finding, again])
    assert "".join(s.text for s in segments) == text
    assert [s.anchor for s in segments if s.anchor] == ["c-0", "c-6", "c-32"]
    assert [s.mark for s in segments] == ["claim", "claim", "claim", "", "claim", ""]


def test_claim_in_paragraph_highlights_the_value_and_keeps_only_its_paragraph():
    text = "Other paragraph.\n\nBefore. Police said 12 people died. After.\n\nNext paragraph."
    a = Article(path="x.md", source_id="x.md", text=text)
    start = text.index("Police")
    claim = Claim(article=a, source_id="x.md", start=start, end=text.index(" After"))
    at = text.index("12")
    segments = views.claim_in_paragraph(Evidence(claim, Span(at, at + 2, "12"), "12"))
    assert "".join(s.text for s in segments) == "Before. Police said 12 people died. After."
    assert [s.text for s in segments if s.mark == "value"] == ["12"]


def test_etag_changes_when_a_decision_is_saved_and_next_open_skips_decided(make_finding):
    f1 = make_finding("bbbb01", [("a.md", "12 died", "12"), ("b.md", "15 died", "15")])
    f2 = make_finding("bbbb02", [("a.md", "3 hurt", "3"), ("b.md", "4 hurt", "4")])
    f3 = make_finding("bbbb03", [("a.md", "7 cars", "7"), ("b.md", "8 cars", "8")])
    before = views.etag(f1, None)
    decided = decide(Decisions(), f2, "dismissed", note="same")
    assert views.etag(f1, decided.get("bbbb01")) == before
    assert views.etag(f2, decided.get("bbbb02")) != views.etag(f2, None)
    state = classify([f1, f2, f3], decided)
    assert [r.state for r in views.queue_order(state.items)] == [State.OPEN, State.OPEN, State.DISMISSED]
    assert views.next_open(state.items, "bbbb01") == "bbbb03"
    assert views.next_open(state.items, "bbbb03") == "bbbb01"
    assert views.next_open(classify([f1], Decisions()).items, "bbbb01") is None


def test_shown_escapes_markup_and_shows_invisible_characters():
    html = str(shown('<script>x</script> "a" & b \u202eevil\u200b'))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&#34;a&#34;" in html and "&amp;" in html
    assert "\u202e" not in html and "U+202E" in html and "U+200B" in html
    assert inert("a\u202eb") == "aU+202Eb"


def test_matrix_keeps_the_sources_with_most_facts_past_its_limit(make_finding):
    findings = [make_finding(f"cccc{i:02d}", [(f"s{i}.md", "12 died", "12"), (f"s{i + 1}.md", "15 died", "15")])
                for i in range(0, 60, 2)]
    busy = make_finding("cccc99", [("s0.md", "3 hurt", "3"), ("s2.md", "4 hurt", "4")])
    articles = [Article(path=f"s{i}.md", source_id=f"s{i}.md", text="x") for i in range(70)]
    m = views.matrix(articles, findings + [busy])
    assert len(m.sources) == views.MAX_SOURCES and m.of == 70 and len(m.cells) == views.MAX_SOURCES ** 2
    kept = [a.source_id for a in m.sources]
    assert kept[:3] == ["s0.md", "s1.md", "s2.md"] and "s65.md" not in kept  # in a finding beats in none
