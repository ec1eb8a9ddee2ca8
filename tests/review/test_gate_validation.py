"""Validation of new article files before the gate checks them."""
from pathlib import Path

import pytest

from crosscheck import gate
from crosscheck.ingest import discover

from .fire_articles import GAZETTE, HERALD, TIMES, article

ROOT = Path(__file__).resolve().parents[2]
BASIL = ROOT.parent / "shared" / "corpora" / "basil"


def problems_in(folder: Path, checked=frozenset()):
    files, _ = discover([str(folder)])
    return [str(p) for p in gate.validate(files, gate.new_source_ids(files, frozenset(checked)))]


def write(folder: Path, name: str, content) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_good_new_articles_pass(tmp_path):
    write(tmp_path, "times.md", TIMES)
    write(tmp_path, "herald.md", HERALD)
    write(tmp_path, "gazette.md", GAZETTE)
    assert problems_in(tmp_path) == []


def test_the_reference_seeds_pass_once_recorded_but_not_as_new_files():
    """The five reference seeds have no front matter: the gate must not fail on them once grandfathered."""
    seeds = ROOT / "seeds"
    files, _ = discover([str(seeds)])
    names = {sid for _, sid in files}
    assert problems_in(seeds, checked=names) == []
    assert any("no front matter" in p for p in problems_in(seeds))


@pytest.mark.parametrize("content, expected", [
    (b"---\ntitle: A fire\n---\nThe fire killed 12 people.\nThe caf\xe9 burned.\n",
     "bad.md:5: not UTF-8 text (byte 0xE9 cannot be decoded); save the file as UTF-8"),
    (b"---\ntitle: A fire\n---\nThe fire\x00killed 12 people.\n", "bad.md:4: binary file (NUL bytes), not text"),
    (b"  \n\n", "bad.md: empty file"),
    ("The fire killed 12 people, officials said on Monday.\nIt started at night.\n", "bad.md:1: no front matter"),
    ("---\ntitle: [A fire\ndate: 2023-03-14\n---\nThe fire killed 12 people.\n",
     "bad.md:3: front matter is not valid YAML"),
    ("---\ntitle: A fire\ndate: 2023-03-14\nThe fire killed 12 people.\n", "bad.md:1: front matter starts with '---' but never ends"),
    ("---\nsource: Riverside Times\ndate: 2023-03-14\n---\nthe fire killed 12 people, officials said.\n",
     "bad.md:1: no title: add 'title: ...' to the front matter"),
    ("---\ntitle: A fire\ndate: March the 14th\n---\nThe fire killed 12 people.\n",
     "bad.md:1: front matter date 'March the 14th' is not a YYYY-MM-DD date"),
    ("---\n- title\n- date\n---\nThe fire killed 12 people.\n", "bad.md:1: front matter is not a mapping of fields"),
])
def test_each_problem_is_one_line_naming_the_file(tmp_path, content, expected):
    write(tmp_path, "times.md", TIMES)
    write(tmp_path, "bad.md", content)
    found = problems_in(tmp_path)
    assert len(found) == 1, found
    assert found[0].startswith(str(tmp_path / expected.split(":")[0]))
    assert found[0].replace(str(tmp_path) + "/", "").startswith(expected), found[0]
    assert "\n" not in found[0]


def test_a_headline_line_is_a_title_too(tmp_path):
    write(tmp_path, "a.md", "---\nsource: Riverside Times\n---\nWarehouse fire kills 12\nThe fire killed 12 people.\n")
    assert problems_in(tmp_path) == []


def test_only_new_files_are_held_to_the_rules(tmp_path):
    write(tmp_path, "old.txt", "The fire killed 12 people, officials said on Monday.\n")
    write(tmp_path, "new.md", "The fire killed 15 people, officials said on Monday.\n")
    assert [p.split("/")[-1] for p in problems_in(tmp_path, checked={"old.txt"})] == [
        "new.md:1: no front matter: start the file with a '---' block holding at least 'title: ...' "
        "(and 'date:', 'source:' when known)"]


def test_a_copy_of_an_article_is_a_duplicate(tmp_path):
    write(tmp_path, "times.md", TIMES)
    write(tmp_path, "times-copy.md", TIMES.replace("title: Warehouse fire kills 12 in Riverside", "title: Copy"))
    assert [p.split("/")[-1] for p in problems_in(tmp_path, checked={"times.md"})] == [
        f"times-copy.md: duplicate of {tmp_path}/times.md (the same text)".split("/")[-1]]


def test_two_new_copies_report_only_the_later_one(tmp_path):
    write(tmp_path, "a.md", TIMES)
    write(tmp_path, "b.md", TIMES)
    found = problems_in(tmp_path)
    assert len(found) == 1 and found[0].startswith(str(tmp_path / "b.md")) and "duplicate of" in found[0]


def test_a_lightly_edited_copy_is_a_near_duplicate(tmp_path):
    write(tmp_path, "times.md", TIMES)
    edited = TIMES.replace("on Monday night", "late on Monday").replace("Riverside Times", "Wire copy")
    write(tmp_path, "wire.md", edited)
    found = problems_in(tmp_path, checked={"times.md"})
    assert len(found) == 1 and "near-duplicate of" in found[0] and "times.md" in found[0]


def test_the_same_url_is_a_duplicate(tmp_path):
    url = "url: https://example.com/news/fire\n"
    write(tmp_path, "times.md", TIMES.replace("date:", url + "date:"))
    write(tmp_path, "herald.md", HERALD.replace("date:", url + "date:"))
    found = problems_in(tmp_path, checked={"times.md"})
    assert len(found) == 1 and "the same url" in found[0]


def test_reports_of_one_event_are_not_duplicates(tmp_path):
    """Two outlets on the same fire share sentences, but are two articles."""
    write(tmp_path, "times.md", TIMES)
    write(tmp_path, "herald.md", HERALD)
    write(tmp_path, "gazette.md", GAZETTE)
    assert problems_in(tmp_path, checked={"times.md"}) == []


@pytest.mark.skipif(not BASIL.is_dir(), reason="BASIL corpus not found at ../shared/corpora/basil")
def test_no_basil_article_is_taken_for_a_duplicate():
    """297 articles, three outlets per event: precision of the duplicate check on real news."""
    files, _ = discover([str(BASIL)])
    assert len(files) > 200
    dupes = [p for p in gate.validate(files, {sid for _, sid in files}) if "duplicate" in p.message]
    assert dupes == []


@pytest.mark.parametrize("content, reason", [
    ("---\ntitle: Incendie\n---\nL'incendie a tué douze personnes dans l'entrepôt lundi soir, selon les pompiers.\n"
     "Les enquêteurs n'ont pas encore déterminé la cause du sinistre, qui a duré plus de quatre heures.\n"
     "Le propriétaire de l'entrepôt a promis de reconstruire le bâtiment dans les prochains mois.\n",
     "not English"),
    ("<!doctype html>\n<html><head><title>Fire</title></head><body><p>The fire killed 12 people.</p></body></html>\n",
     "a saved web page"),
])
def test_a_new_file_that_run_would_skip_is_invalid(tmp_path, content, reason):
    write(tmp_path, "times.md", TIMES)
    write(tmp_path, "odd.md", content)
    found = problems_in(tmp_path, checked={"times.md"})
    assert len(found) == 1 and reason in found[0] and found[0].endswith("crosscheck would skip it"), found
