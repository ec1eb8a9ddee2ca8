"""Bad input at the ingest stage: each hostile file gives its one-line warning, or decodes right.

No model is loaded here; the whole-run checks are in test_hostile_run.py.
"""
import codecs
import os

import pytest

import hostile_corpus as hc
from crosscheck import ingest as ingest_module
from crosscheck.claims import MAX_PARAGRAPH_CHARS, paragraphs
from crosscheck.ingest import (
    IngestWarning, decode, ingest, language_problem, merge_warnings, parse_article, read_metadata,
)


def only_warning(result, name):
    lines = [str(w) for w in result.warnings if os.path.basename(w.path) == name]
    assert len(lines) == 1, f"{name}: expected one warning line, got {lines}"
    assert "\n" not in lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    expect = hc.build(root)
    return root, expect


@pytest.fixture(scope="module")
def ingested(corpus):
    root, _ = corpus
    real_read_bytes = ingest_module.read_bytes

    def read_bytes(path, max_bytes):  # chmod 000 does not stop root: simulate it
        if os.path.basename(path) == "locked.txt":
            raise PermissionError(13, "Permission denied", path)
        return real_read_bytes(path, max_bytes)

    mp = pytest.MonkeyPatch()
    mp.setattr(ingest_module, "read_bytes", read_bytes)
    try:
        return ingest([root, root / "missing.txt"])
    finally:
        mp.undo()


def test_every_bad_file_gives_exactly_one_warning_line_and_good_files_none(corpus, ingested):
    _, expect = corpus
    for e in expect:
        lines = [str(w) for w in ingested.warnings if os.path.basename(w.path) == e.name]
        if e.warning is None:
            assert lines == [], f"{e.name} should be read without a warning"
        elif e.name == "repeated-sentence.txt":
            continue  # repetition is noticed after parsing (test_hostile_run)
        else:
            assert len(lines) == 1 and e.warning in lines[0], (e.name, lines)
            assert lines[0].endswith("; skipped") == e.skipped, lines[0]
    assert only_warning(ingested, "missing.txt").endswith("missing.txt: no such file or folder; skipped")


def test_skipped_files_are_not_articles_and_the_rest_are(corpus, ingested):
    _, expect = corpus
    ids = {a.source_id for a in ingested.articles}
    assert ids == {e.name for e in expect if not e.skipped}
    for a in ingested.articles:  # names that are not UTF-8 are shown escaped, so reports can be written
        a.path.encode("utf-8"), a.source_id.encode("utf-8")


def test_chmod_000_file_is_unreadable_when_not_root(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(hc.STORM)
    path.chmod(0)
    try:
        if not hc.chmod_blocks_reading(path):
            pytest.skip("running as root: chmod 000 does not block reading (simulated in the corpus tests)")
        result = ingest([path])
        assert not result.articles
        assert only_warning(result, "locked.txt").endswith("cannot read (Permission denied); skipped")
    finally:
        path.chmod(0o644)


def test_latin1_and_windows_1252_are_decoded_by_detection():
    assert decode(hc.LATIN1.encode("latin-1")) == hc.LATIN1
    assert decode(hc.CP1252.encode("cp1252")) == hc.CP1252


def test_byte_order_marks_decide_the_encoding_and_are_dropped():
    assert decode(hc.UTF16.encode("utf-16")) == hc.UTF16
    assert decode(codecs.BOM_UTF16_BE + hc.UTF16.encode("utf-16-be")) == hc.UTF16
    assert decode(hc.UTF16.encode("utf-32")) == hc.UTF16
    text = decode(codecs.BOM_UTF8 + hc.BOM_FRONT_MATTER.encode())
    assert text == hc.BOM_FRONT_MATTER
    meta, _, origin, warnings = read_metadata(text, "b.md")
    assert meta["title"] == "Bridge reopens after repairs" and origin["title"] == "front matter" and not warnings


def test_truncated_utf16_keeps_what_decodes():
    text = decode(hc.UTF16.encode("utf-16")[:-1])
    assert text.startswith("Library extends opening hours")


def test_mixed_line_endings_become_newlines():
    text = decode(hc.MIXED_ENDINGS.encode())
    assert "\r" not in text
    assert text.splitlines()[3].startswith("Doctors said")


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b" \n\t\r\n", "no text (whitespace only)"),
    (b"\x89PNG\r\n\x1a\n" + bytes(300), "binary file (a PNG image), not text"),
    (b"PK\x03\x04" + bytes(100), "binary file (a zip archive (or a Word/OpenDocument file)), not text"),
    (b"text\x00\x00\x00\x00" * 50, "binary file (NUL bytes), not text"),
    (bytes(range(1, 32)) * 40, "binary file (control characters), not text"),
])
def test_what_cannot_be_decoded_gets_a_short_reason(data, reason):
    with pytest.raises(ValueError) as err:
        decode(data)
    assert str(err.value) == reason


def test_saved_html_page_is_skipped_but_markdown_with_html_is_read():
    page = ("<!DOCTYPE html>\n<html><body><p>" + hc.STORM + "</p></body></html>").encode()
    article, warnings = parse_article(page, "page.txt", "page.txt")
    assert article is None
    assert [str(w) for w in warnings] == [
        "page.txt: a saved web page (HTML), not article text (save the article as text or markdown); skipped"]
    article, warnings = parse_article(hc.MARKDOWN.encode(), "m.md", "m.md")
    assert article is not None and not warnings


def test_other_languages_are_skipped_and_english_news_is_not():
    assert language_problem(hc.GERMAN).startswith("not English (")
    russian = "Городской совет в понедельник утвердил новый бюджет после долгих дебатов. " * 5
    assert language_problem(russian) == "not English (mostly non-Latin script)"
    for text in (hc.STORM, hc.LATIN1, hc.CP1252, hc.MARKDOWN, hc.MIXED_ENDINGS):
        assert language_problem(text) is None
    assert language_problem("Hola amigos") is None  # too short to tell: read


def test_english_is_judged_on_words_not_pasted_blobs():
    blob = "QUJD" * 30_000
    assert language_problem(hc.STORM + blob) is None


def test_broken_and_mistyped_front_matter_is_one_warning_and_the_body_is_read():
    article, warnings = parse_article(hc.WRONG_TYPES.encode(), "w.md", "w.md")
    assert article is not None and article.date is None and article.title is None
    merged = merge_warnings(warnings)
    assert [str(w) for w in merged] == [
        "w.md: front matter field 'title' is a list, not text, ignored; "
        "front matter date 'yesterday' is not a YYYY-MM-DD date, date unknown"]
    assert article.text[article.body_start:].startswith("The ferry company")


@pytest.mark.parametrize("front, message", [
    ("date: 2020-13-45", "front matter cannot be read (ValueError), metadata ignored"),  # PyYAML's own ValueError
    ("title: [unclosed", "front matter is not valid YAML (line 2), metadata ignored"),
    ("- just\n- a list", "front matter is not a mapping of fields, metadata ignored"),
    ("a: " + "[" * 3000 + "]" * 3000, "front matter cannot be read (RecursionError), metadata ignored"),
    ("a: " + "x" * 10_001, "front matter is over 10,000 characters, metadata ignored"),
    ("date: 2016", "front matter date 2016 is not a YYYY-MM-DD date, date unknown"),
    ("a: &x [1]\nb: &y [*x, *x, *x, *x]\ndate: &z [*y, *y, *y, *y]", "front matter date a list is not a YYYY-MM-DD date"),
])
def test_front_matter_problems_never_raise(front, message):
    text = f"---\n{front}\n---\nThe ferry company said on Thursday that it would add a second crossing.\n"
    meta, body_start, _, warnings = read_metadata(text, "f.md")
    assert [w.message for w in warnings][0].startswith(message)
    assert text[body_start:].startswith("The ferry company")


def test_empty_date_is_simply_unknown():
    meta, _, _, warnings = read_metadata("---\ntitle: T\ndate:\n---\nBody.\n", "a.md")
    assert meta["date"] is None and not warnings


def test_front_matter_only_is_no_article():
    article, warnings = parse_article(b"---\ntitle: Nothing here\n---\n\n", "a.md", "a.md")
    assert article is None and str(warnings[-1]) == "a.md: no article text; skipped"


def test_duplicates_keep_the_first_by_source_id_and_name_it(tmp_path):
    (tmp_path / "b.txt").write_text(hc.STORM)
    (tmp_path / "a.txt").write_text(hc.STORM.replace("\n", "  \n"))  # same words, other spacing
    result = ingest([tmp_path / "b.txt", tmp_path / "a.txt"])
    assert [a.source_id for a in result.articles] == ["a.txt"]
    assert only_warning(result, "b.txt") == f"{tmp_path}/b.txt: same text as {tmp_path}/a.txt, checked once; skipped"


def test_articles_come_back_in_source_id_order_whatever_the_argument_order(tmp_path):
    for name, n in (("c.txt", 1), ("a.txt", 2), ("b.txt", 3)):
        (tmp_path / name).write_text(hc.GOOD.format(title=f"Fair {n}", n=n * 1000, p=n))
    forward = ingest([tmp_path / "c.txt", tmp_path / "a.txt", tmp_path / "b.txt"])
    backward = ingest([tmp_path / "b.txt", tmp_path / "a.txt", tmp_path / "c.txt"])
    assert [a.source_id for a in forward.articles] == [a.source_id for a in backward.articles] == ["a.txt", "b.txt", "c.txt"]


def test_file_names_with_spaces_unicode_and_leading_dashes(tmp_path):
    names = ["with spaces.txt", "ünïcödé Ωμέγα.txt", "-rf.md", "--help.txt"]
    for i, name in enumerate(names):
        (tmp_path / name).write_text(hc.GOOD.format(title=f"Fair number {i}", n=i + 100, p=i))
    result = ingest([tmp_path])
    assert sorted(a.source_id for a in result.articles) == sorted(names)
    assert not result.warnings


def test_control_characters_in_a_file_name_stay_on_one_printable_line(tmp_path):
    name = "evil\x1b[31m\nname.txt"
    (tmp_path / name).write_bytes(b"")
    line = only_warning(ingest([tmp_path]), name)
    assert "\x1b" not in line and "\n" not in line
    assert line.endswith("evil\\x1b[31m name.txt: empty file; skipped")


def test_symlink_loop_and_unlistable_folder_are_warnings(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(hc.STORM)
    os.symlink("..", tmp_path / "sub" / "up")
    os.symlink("self.txt", tmp_path / "self.txt")  # a link to itself
    result = ingest([tmp_path])
    assert [a.source_id for a in result.articles] == ["sub/a.txt"]
    assert "link to a folder, not followed" in only_warning(result, "up")
    assert "cannot read (Too many levels of symbolic links); skipped" in only_warning(result, "self.txt")


def test_a_path_that_does_not_exist_is_a_skip_not_a_crash(tmp_path):
    result = ingest([tmp_path / "nope.txt"])
    assert not result.articles
    assert only_warning(result, "nope.txt") == f"{tmp_path}/nope.txt: no such file or folder; skipped"


def test_size_limit_skips_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:
        handle.truncate(hc.FIFTY_MB)  # sparse: the size is what counts
    monkeypatch.setattr("builtins.open", None)  # reading it would fail loudly
    result = ingest([path])
    monkeypatch.undo()
    assert only_warning(result, "big.txt").endswith(
        "big.txt: file is 50,000,000 bytes, over the limit of 5,000,000 (--max-bytes); skipped")


def test_max_chars_bounds_the_checked_body_at_a_line_end():
    body = "".join(f"Line {i} says the storm closed {i} roads in the county.\n" for i in range(3000))
    article, warnings = parse_article(body.encode(), "long.txt", "long.txt", max_chars=10_000)
    assert article.body_end is not None and article.body_end - article.body_start <= 10_000
    assert article.text[article.body_end] == "\n"
    assert [str(w) for w in warnings] == [
        f"long.txt: article is {len(body):,} characters, only the first {article.body_end:,} are checked (--max-chars)"]
    assert all(offset + len(text) <= article.body_end for offset, text in paragraphs(article))


def test_unexpected_error_on_one_file_is_a_warning_for_that_file(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(hc.STORM)
    (tmp_path / "b.txt").write_text(hc.LATIN1)
    real = ingest_module.parse_article

    def flaky(data, path, source_id, **kw):
        if path.endswith("b.txt"):
            raise RuntimeError("boom")
        return real(data, path, source_id, **kw)

    monkeypatch.setattr(ingest_module, "parse_article", flaky)
    monkeypatch.delenv("CROSSCHECK_DEBUG", raising=False)
    result = ingest([tmp_path])
    assert [a.source_id for a in result.articles] == ["a.txt"]
    assert only_warning(result, "b.txt").endswith("b.txt: unexpected error while reading (RuntimeError: boom); skipped")
    monkeypatch.setenv("CROSSCHECK_DEBUG", "1")
    with pytest.raises(RuntimeError):
        ingest([tmp_path])


def test_warnings_merge_to_one_per_file_and_skipped_wins():
    merged = merge_warnings([IngestWarning("a", "one"), IngestWarning("b", "x"), IngestWarning("a", "two", True),
                             IngestWarning("a", "one")])
    assert [str(w) for w in merged] == ["a: one; two; skipped", "b: x"]


# ---------------------------------------------------------------- what is parsed

def _article(text, **kw):
    from crosscheck.model import Article
    return Article(path="a.md", source_id="a.md", text=text, **kw)


def _assert_pieces_are_article_text(article):
    for offset, piece in paragraphs(article):
        original = article.text[offset: offset + len(piece)]
        assert len(original) == len(piece)
        assert all(p == o or p == " " for p, o in zip(piece, original))


def test_a_200000_character_line_is_cut_at_sentence_ends():
    sentences = [f"The storm damaged {i} houses in district {i % 17}, the council said. " for i in range(3000)]
    line = "".join(sentences)[:200_000]
    article = _article(line)
    pieces = list(paragraphs(article))
    assert sum(len(p) for _, p in pieces) == len(line)
    assert all(len(p) <= MAX_PARAGRAPH_CHARS for _, p in pieces)
    assert all(p.endswith("said. ") for _, p in pieces[:-1])
    _assert_pieces_are_article_text(article)


def test_html_comments_scripts_and_unbroken_blobs_are_not_parsed():
    text = ("Intro line that is long enough to keep.\n<!-- hidden note: 1,900 cards -->\n"
            "The mayor <!-- inline --> said 12 people were hurt.\n<script>\nvar claim = 'The city paid $50 million.';\n"
            "</script>\nA blob " + "Qm9i" * 100 + " ends here.\n")
    article = _article(text)
    parsed = " ".join(p for _, p in paragraphs(article))
    assert "1,900" not in parsed and "inline" not in parsed and "$50 million" not in parsed and "Qm9i" not in parsed
    assert "The mayor" in parsed and "said 12 people were hurt." in parsed and "ends here." in parsed
    _assert_pieces_are_article_text(article)


def test_repeated_paragraphs_are_parsed_once():
    text = "Water supply cut\n" + ("The supply will be restored by Friday evening, the company said.\n" * 500)
    assert len(list(paragraphs(_article(text, body_start=17)))) == 1


def test_a_report_from_an_earlier_run_is_not_read_back_as_an_article():
    import synthetic
    from crosscheck.report import markdown

    report = markdown.render(synthetic.adversarial_result(["The storm killed 12 people on Monday, officials said."]))
    article, warnings = parse_article(report.encode(), "reports/report.md", "reports/report.md")
    assert article is None
    assert [str(w) for w in warnings] == [
        "reports/report.md: a crosscheck report from an earlier run, not an article; skipped"]
