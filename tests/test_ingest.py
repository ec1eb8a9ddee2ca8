import datetime as dt

from crosscheck.ingest import ingest, read_metadata


def test_front_matter_gives_metadata_and_body_offset():
    text = '---\ntitle: "A title"\nsource: "fox"\ndate: 2016-11-30\nurl: "http://x"\n---\n\nBody sentence here.\n'
    meta, body_start, origin, warnings = read_metadata(text, "a.md")
    assert meta == {"title": "A title", "outlet": "fox", "date": dt.date(2016, 11, 30), "url": "http://x"}
    assert text[body_start:].strip() == "Body sentence here."
    assert origin["date"] == "front matter" and not warnings


def test_inferred_title_date_line_and_outlet_prefix():
    text = "Headline without a period\nShafaq News/ Minister Gantz traveled to Ankara on Wednesday.\n"
    meta, body_start, origin, _ = read_metadata(text, "a.txt")
    assert meta["title"] == "Headline without a period" and origin["title"] == "inferred"
    assert meta["outlet"] == "Shafaq News"
    assert text[body_start:].startswith("Minister Gantz")
    text = " date 2022-10-26 Israel and Turkey are expected to restore ties.\n"
    meta, body_start, _, _ = read_metadata(text, "b.txt")
    assert meta["date"] == dt.date(2022, 10, 26)
    assert text[body_start:].startswith("Israel and Turkey")


def test_dateline_with_wire_service():
    text = "Storm hits coast\nMIAMI, Florida (AP) — A storm hit the coast on Monday, officials said.\n"
    meta, body_start, _, _ = read_metadata(text, "c.txt")
    assert meta["outlet"] == "AP"
    assert text[body_start:].startswith("A storm hit")


def test_broken_front_matter_is_a_warning_naming_the_line(tmp_path):
    (tmp_path / "bad.md").write_text("---\ntitle: [unclosed\n---\nBody text of the article goes here.\n")
    result = ingest([tmp_path])
    assert len(result.articles) == 1
    assert any("front matter is not valid YAML" in str(w) and "bad.md" in str(w) for w in result.warnings)


def test_wrong_type_date_is_unknown_with_warning(tmp_path):
    (tmp_path / "d.md").write_text("---\ntitle: T\ndate: yesterday\n---\nBody text of the article goes here.\n")
    result = ingest([tmp_path])
    assert result.articles[0].date is None
    assert any("not a YYYY-MM-DD date" in str(w) for w in result.warnings)


def test_source_ids_are_relative_to_the_folder(tmp_path):
    (tmp_path / "ev1").mkdir()
    (tmp_path / "ev1" / "fox.md").write_text("Title here\nSome body text that is long enough.\n")
    (tmp_path / "top.txt").write_text("Another title\nMore body text that is long enough.\n")
    result = ingest([tmp_path])
    assert sorted(a.source_id for a in result.articles) == ["ev1/fox.md", "top.txt"]


def test_labels_are_the_shortest_unique_name(tmp_path):
    from crosscheck.ingest import assign_labels
    from crosscheck.model import Article

    def art(sid):
        return Article(path=sid, source_id=sid, text="x")

    assert [a.label for a in assign_labels([art("000_aa.txt"), art("001_bb.txt")])] == ["000", "001"]
    assert [a.label for a in assign_labels([art("000_aa.txt"), art("000_bb.txt")])] == ["000_aa", "000_bb"]
    assert [a.label for a in assign_labels([art("e1/fox.md"), art("e2/fox.md")])] == ["e1/fox", "e2/fox"]


def test_dateline_with_a_filing_date_is_not_part_of_the_first_claim():
    for line in ("MANILA, March 3 (Reuters) - A quake struck on Monday.",
                 "GENEVA, 4 March 2025 — A quake struck on Monday.",
                 "KYIV, Ukraine, Sept. 12 (AP) -- A quake struck on Monday."):
        meta, body_start, _, _ = read_metadata(f"Quake strikes\n{line}\n", "w.txt")
        assert f"Quake strikes\n{line}\n"[body_start:].startswith("A quake struck"), line
    meta, _, _, _ = read_metadata("Quake strikes\nMANILA, March 3 (Reuters) - A quake struck.\n", "w.txt")
    assert meta["outlet"] == "Reuters"
