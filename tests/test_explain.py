"""`crosscheck explain` and `Result.explain`: the reasons printed are the run's own.

Fast tests embed with a bag of words (``fake_vectors``: cosine = shared
words); the slow test uses the real model on two reports of a council vote
(not a labelled story): one pair flagged, one never a candidate, one linked
with no rule firing, each checked against the run's links and findings.
"""
import json
import re
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import crosscheck
from crosscheck.cli import app, main
from crosscheck.explain import LocationError, count_lines, parse_location
from crosscheck.model import Kind

from review.conftest import fake_vectors


class BagOfWords:
    def transform(self, texts, progress=None):
        return fake_vectors(list(texts))


def article(title: str, lines: list[str], date: str = "2024-05-15") -> str:
    return f"---\ntitle: {title}\nsource: {title}\ndate: {date}\n---\n" + "\n".join(lines) + "\n"


# six claims over lines 6-8 of two files; a.md:8 and b.md:8 share 8 of 11 words (cosine 0.64 > 0.6) yet each
# has two closer claims in the other file, so the cap of two links per source drops their link
S = "Firefighters battled the burning warehouse blaze overnight beside the old river docks downtown"
CAPPED = {
    "a.md": [S + ".", S.replace("overnight", "yesterday") + ".", S.replace("burning", "huge").replace("old", "busy") + "."],
    "b.md": [S + ".", S.replace("downtown", "uptown") + ".",
             S.replace("warehouse", "factory").replace("river", "harbour") + "."],
}


@pytest.fixture(scope="module")
def capped(tmp_path_factory):
    folder = tmp_path_factory.mktemp("capped")
    for name, lines in CAPPED.items():
        (folder / name).write_text(article(name, lines))
    return folder, crosscheck.Checker(embedder=BagOfWords(), cache_dir=False).run([folder])


def test_the_per_source_cap_is_named_with_the_closer_claims(capped):
    folder, result = capped
    [i], [j] = result.claims_at(f"{folder / 'a.md'}:8"), result.claims_at(f"{folder / 'b.md'}:8")
    e = result.explain(i, j)
    sim = float(np.dot(*fake_vectors([result.claims[i].text, result.claims[j].text])))
    assert e.candidate.similarity == pytest.approx(sim, abs=1e-5) and sim >= 0.6
    assert (min(i, j), max(i, j)) not in result.links and not e.candidate.linked
    # the claims it names as closer are the ones the run did link
    closer = [int(n) for n in re.findall(r"#(\d+) \(line", e.candidate.link_reason)]
    assert "cut by the cap of 2 links per source" in e.candidate.link_reason and len(closer) == 4
    assert all((min(i, k), max(i, k)) in result.links for k in closer[:2])
    assert all((min(j, k), max(j, k)) in result.links for k in closer[2:])


def test_linked_agrees_with_the_run_for_every_cross_source_pair(capped):
    _, result = capped
    for i, a in enumerate(result.claims):
        for j, b in enumerate(result.claims):
            if i < j and a.source_id != b.source_id:
                e = result.explain(i, j)
                assert e.candidate.linked == ((i, j) in result.links)
                assert e.candidate.link_reason.startswith("linked" if e.candidate.linked else "not linked")
                involved = [f for f in result.findings if {a.key, b.key} <= {x.claim.key for x in f.evidence}]
                assert e.flagged == any(f.kind is Kind.DISCREPANCY for f in involved)
                assert sorted(r.id for r in e.findings) == sorted(f.id for f in involved)


@pytest.mark.parametrize("given, message", [
    ("{d}/missing.md:3", "{d}/missing.md: no such file"),
    ("{d}/a.md", "{d}/a.md: expected FILE:LINE or FILE:LINE:COL"),
    ("{d}/a.md:0", "{d}/a.md:0: lines and columns count from 1"),
    ("{d}/a.md:9", "{d}/a.md:9: line out of range (the file has 8 lines)"),
    ("{d}:3", "{d}: is a folder; give FILE:LINE"),
])
def test_bad_locations_are_refused_before_the_run(capped, given, message):
    folder, _ = capped
    with pytest.raises(LocationError) as err:
        parse_location(given.format(d=folder))
    assert str(err.value) == message.format(d=folder)


def test_a_line_without_a_claim_and_a_column_past_the_line(capped):
    folder, result = capped
    with pytest.raises(LocationError, match=r"a.md:2: no claim on this line; claims start on lines 6, 7, 8$"):
        result.claims_at(f"{folder / 'a.md'}:2")  # front matter
    with pytest.raises(LocationError, match=r"a.md:6:200: column out of range \(line 6 has 95 characters\)"):
        result.claims_at(f"{folder / 'a.md'}:6:200")
    assert result.claims_at(f"{folder / 'a.md'}:6:5") == result.claims_at(f"{folder / 'a.md'}:6")


def test_a_file_with_a_colon_in_its_name(tmp_path):
    odd = tmp_path / "a:3"
    odd.write_text("one\ntwo\nthree\nfour\nfive\n")
    assert parse_location(f"{odd}:5") == parse_location(f"{tmp_path / 'a'}:3:5")
    assert parse_location(f"{odd}:5").path == str(odd)
    assert count_lines("a\nb\n") == count_lines("a\nb") == count_lines(b"a\r\nb\r\n") == count_lines(b"a\rb") == 2
    assert count_lines("") == 0


@pytest.fixture
def bag_of_words_model(monkeypatch):
    """The command's embedder, replaced by the bag of words (no model in fast tests)."""
    from crosscheck.embed import Embedder

    monkeypatch.setattr(Embedder, "transform", lambda self, texts, progress=None: fake_vectors(list(texts)))


@pytest.mark.usefixtures("bag_of_words_model")
def test_cli_errors_are_one_line_and_exit_2(capped, capsys):
    folder, _ = capped
    for args in ([f"{folder}/a.md:99", f"{folder}/b.md:6"], [f"{folder}/a.md:2", f"{folder}/b.md:6", "--alone"],
                 [f"{folder}/a.md:6", f"{folder}/a.md:6:3", "--alone"]):
        code = main(["explain", *args, "--no-cache"])
        err = capsys.readouterr().err.strip().splitlines()
        assert code == 2 and len(err) == 1 and err[0].startswith("crosscheck: error: "), (args, err)
    assert "name the same claim" in err[0]


@pytest.mark.usefixtures("bag_of_words_model")
def test_article_text_is_inert_in_the_terminal_and_in_json(tmp_path, capsys):
    evil = "The mayor said \x1b[31mthe bridge\x1b]8;;http://x\x07 would close on Tuesday\u202e for repairs."
    (tmp_path / "a.md").write_text(article("A", [evil]))
    (tmp_path / "b.md").write_text(article("B", [evil.replace("Tuesday", "Friday")]))
    code = main(["explain", f"{tmp_path}/a.md:6", f"{tmp_path}/b.md:6", "--no-cache"])
    out = capsys.readouterr().out
    assert code == 0 and "claim A #" in out and "verdict: " in out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", out)
    code = main(["explain", f"{tmp_path}/a.md:6", f"{tmp_path}/b.md:6", "--no-cache", "--json"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0 and len(lines) == 1 and not re.search(r"[\x00-\x1f\x7f\u202e]", lines[0])
    data = json.loads(lines[0])
    assert "\x1b[31m" in data["a"]["text"] and data["candidate"]["linked"] is True  # JSON keeps the text exact


COUNCIL = {
    "dispatch.md": article("Council votes to close Harbor Street bridge", [
        "The city council voted 7-2 on Tuesday to close the Harbor Street bridge for repairs.",
        "Repairs are expected to cost $4.2 million, according to the public works department.",
        "Mayor Linda Okafor said the closure would last about six months.",
        "Local businesses near the bridge have complained about lost customers.",
    ]),
    "ledger.md": article("Harbor Street bridge to close for six months", [
        "The city council voted 7-2 on Wednesday to close the Harbor Street bridge for repairs.",
        "The repair work will cost $4.2 million, the public works department said.",
        "Mayor Linda Okafor said the closure would last about six months.",
        "A new ferry service will carry commuters across the river during the closure.",
    ]),
}


@pytest.mark.slow
def test_flagged_never_a_candidate_and_compared_without_a_rule_firing(tmp_path, monkeypatch):
    from crosscheck.embed import Embedder

    for name, text in COUNCIL.items():
        (tmp_path / name).write_text(text)
    result = crosscheck.Checker().run([tmp_path])
    a, b = tmp_path / "dispatch.md", tmp_path / "ledger.md"

    def pair(line):
        [i], [j] = result.claims_at(f"{a}:{line}"), result.claims_at(f"{b}:{line}")
        return i, j, result.explain(i, j)

    def involving(i, j):
        return [f for f in result.findings
                if {result.claims[i].key, result.claims[j].key} <= {e.claim.key for e in f.evidence}]

    # Tuesday / Wednesday: flagged, and DAT002 says so with the two weekdays
    i, j, e = pair(6)
    assert e.flagged and e.candidate.linked and (i, j) in result.links
    dat002 = next(r for r in e.rules if r.code == "DAT002")
    assert [o.values for o in dat002.observations] == [("Tuesday", "Wednesday")]
    flagged_by = {f.rule for f in involving(i, j) if f.kind is Kind.DISCREPANCY}
    assert flagged_by and e.summary.startswith("flagged: ") and any(code in e.summary for code in flagged_by)
    if "DAT002" not in flagged_by:  # the stage keeps one finding per fact: a dedicated rule's, named in the verdict
        assert dat002.findings == () and "not a finding of its own: " in dat002.verdict
        assert all(code in dat002.verdict for code in flagged_by)
    assert any(d.a == "Tuesday" and d.b == "Wednesday" and d.framed for d in e.alignment.differences)

    # businesses complaining / a ferry service: never a candidate, by the model's own cosine
    i, j, e = pair(9)
    cosine = float(np.dot(*Embedder(cache_dir=None).transform([result.claims[i].text, result.claims[j].text])))
    assert e.candidate.similarity == pytest.approx(cosine, abs=1e-4) and cosine < 0.6
    assert (i, j) not in result.links and not involving(i, j) and e.candidate.compared_by == ()
    assert e.summary.startswith(f"not flagged: never a candidate pair (not linked: cosine {cosine:.3f} is below "
                                "the threshold 0.6; anchors: no anchor word")

    # the cost in other words: linked, compared, no rule sees a difference
    i, j, e = pair(7)
    assert e.candidate.linked and (i, j) in result.links
    assert not any(f.kind is Kind.DISCREPANCY for f in involving(i, j))
    assert not any(o.kind == "discrepancy" for r in e.rules for o in r.observations)
    assert e.summary.startswith("not flagged: compared (as link), and no rule found a difference")

    proc = CliRunner().invoke(app, ["explain", f"{a}:6", f"{b}:6"])
    assert proc.exit_code == 0, proc.output
    assert "verdict: flagged: " in proc.stdout and "DAT002 aligned-date-difference: 1 observation (discrepancy)" in proc.stdout
    assert re.search(r"discrepancy medium, score 0\.\d\d: 'Tuesday' / 'Wednesday'", proc.stdout)
    assert re.search(r"'Tuesday' / 'Wednesday'\s+between '7 2 on' and 'to close the'\s+\[value-sized, framed\]", proc.stdout)
