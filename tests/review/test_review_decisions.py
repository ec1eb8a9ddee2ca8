"""The decisions library: fingerprints, the file format, review states."""
import os
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscheck import review
from crosscheck.model import Kind
from crosscheck.review import Decision, Decisions, DecisionsError, State

KILLED_12 = ("times.md", "The fire killed 12 people on Monday, officials said.", "12")
KILLED_15 = ("herald.md", "The fire killed 15 people on Monday, officials said.", "15")


@pytest.fixture
def deaths(make_finding):
    return make_finding("a1b2c3d4e5f6", [KILLED_12, KILLED_15])


# ---------------------------------------------------------------- fingerprints

def test_fingerprint_ignores_case_spacing_and_order_but_not_words():
    base = review.fingerprint("CNT001", [("a.md", "The fire killed 12 people."), ("b.md", "It killed 15.")])
    assert review.fingerprint("CNT001", [("b.md", "It  killed\n15."), ("a.md", "the fire killed 12 people.")]) == base
    assert review.fingerprint("CNT001", [("a.md", "The blaze killed 12 people."), ("b.md", "It killed 15.")]) != base
    assert review.fingerprint("CNT002", [("a.md", "The fire killed 12 people."), ("b.md", "It killed 15.")]) != base
    assert review.fingerprint("CNT001", [("c.md", "The fire killed 12 people."), ("b.md", "It killed 15.")]) != base


def test_fingerprint_has_no_offsets(make_finding):
    """The same claims at other places in the files (a paragraph added above) keep their fingerprint."""
    moved = make_finding("a1b2c3d4e5f6", [("times.md", "Lead paragraph.\n" + KILLED_12[1], "12"), KILLED_15])
    trimmed = moved.evidence[0].claim
    from dataclasses import replace

    shifted = replace(trimmed, start=len("Lead paragraph.\n"))
    moved = replace(moved, evidence=(replace(moved.evidence[0], claim=shifted), moved.evidence[1]))
    original = make_finding("a1b2c3d4e5f6", [KILLED_12, KILLED_15])
    assert review.finding_fingerprint(moved) == review.finding_fingerprint(original)


# ---------------------------------------------------------------- states

def test_states_open_reviewed_changed_and_orphaned(make_finding, deaths):
    decisions = review.decide(Decisions(), deaths, "dismissed", note="Different counts at different times.")
    gone = make_finding("ffffffffffff", [("a.md", "It cost 9 dollars.", "9"), ("b.md", "It cost 8 dollars.", "8")])
    decisions = review.decide(decisions, gone, "confirmed")
    injuries = make_finding("0e75b45c75b4", [("times.md", "It injured 30 firefighters.", "30"),
                                            ("herald.md", "It injured 34 firefighters.", "34")])

    state = review.classify([deaths, injuries], decisions)
    assert [(r.finding.id, r.state) for r in state.items] == [("a1b2c3d4e5f6", State.DISMISSED),
                                                            ("0e75b45c75b4", State.OPEN)]
    assert [d.finding_id for d in state.orphaned] == ["ffffffffffff"]

    edited = make_finding("a1b2c3d4e5f6", [("times.md", "Officials said the fire killed 12 people.", "12"), KILLED_15])
    state = review.classify([edited], decisions)
    assert state.items[0].state is State.CHANGED and state.items[0].state.is_open
    assert state.items[0].decision.note == "Different counts at different times."
    assert [r.finding.id for r in state.open] == ["a1b2c3d4e5f6"]


def test_agreements_are_not_reviewed(make_finding):
    agree = make_finding("123456abcdef", [KILLED_12, ("herald.md", KILLED_12[1], "12")], kind=Kind.AGREEMENT)
    assert review.classify([agree], Decisions()).items == ()
    with pytest.raises(ValueError, match="agreement"):
        review.decide(Decisions(), agree, "dismissed")


def test_decide_checks_status_and_the_source_judged_right(deaths):
    with pytest.raises(ValueError, match="status"):
        review.decide(Decisions(), deaths, "ignored")
    with pytest.raises(ValueError, match="confirmed"):
        review.decide(Decisions(), deaths, "dismissed", right="herald.md")
    with pytest.raises(ValueError, match="not one of the finding's sources"):
        review.decide(Decisions(), deaths, "confirmed", right="other.md")
    d = review.decide(Decisions(), deaths, "confirmed", right="herald.md", note=" police figure ", reviewer="ana",
                      when="2024-05-01T09:30:00Z").get(deaths.id)
    assert (d.status, d.right, d.note, d.reviewer, d.rule) == ("confirmed", "herald.md", "police figure", "ana", "TST001")
    assert d.fingerprint == review.finding_fingerprint(deaths)
    assert d.summary == deaths.explanation


def test_prune_drops_only_orphans(make_finding, deaths):
    gone = make_finding("ffffffffffff", [("a.md", "It cost 9 dollars.", "9"), ("b.md", "It cost 8 dollars.", "8")])
    decisions = review.decide(review.decide(Decisions(), deaths, "dismissed"), gone, "dismissed")
    pruned = review.prune(decisions, review.classify([deaths], decisions))
    assert set(pruned.decisions) == {deaths.id}


# ---------------------------------------------------------------- file format

def test_render_is_sorted_deterministic_and_round_trips(make_finding, deaths):
    other = make_finding("0e75b45c75b4", [("times.md", "It injured 30 firefighters.", "30"),
                                         ("herald.md", "It injured 34 firefighters.", "34")])
    one = review.decide(review.decide(Decisions(checked=frozenset({"b.md", "a.md"})), deaths, "dismissed",
                                      note='He said "no"\nthen left', when="2024-05-01T09:30:00Z"),
                        other, "deferred", when="2024-05-02T10:00:00Z")
    two = review.decide(review.decide(Decisions(checked=frozenset({"a.md", "b.md"})), other, "deferred",
                                      when="2024-05-02T10:00:00Z"),
                        deaths, "dismissed", note='He said "no"\nthen left', when="2024-05-01T09:30:00Z")
    text = review.render(one)
    assert text == review.render(two)
    assert text.index("[findings.0e75b45c75b4]") < text.index("[findings.a1b2c3d4e5f6]")
    assert "version = 1\n" in text and text.endswith("\n")
    assert review.parse(text) == one
    assert tomllib.loads(text)["findings"]["a1b2c3d4e5f6"]["note"] == 'He said "no"\nthen left'


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.text(), reviewer=st.text(max_size=30))
def test_any_note_survives_the_file(deaths, note, reviewer):  # the fixture is read only
    decisions = review.decide(Decisions(), deaths, "dismissed", note=note, reviewer=reviewer)
    back = review.parse(review.render(decisions)).get(deaths.id)
    assert back.note == review._clean(note) and back.reviewer == review._clean(reviewer)


def test_save_and_load(tmp_path, deaths):
    path = tmp_path / "seeds" / "reviews.toml"
    assert review.load(path) == Decisions()
    decisions = review.decide(Decisions(), deaths, "dismissed", note="same event, later toll")
    review.save(path, decisions)
    assert review.load(path) == decisions
    assert [p.name for p in path.parent.iterdir()] == ["reviews.toml"]  # no temporary file left


def test_save_keeps_the_file_permissions(tmp_path, deaths):
    path = tmp_path / "reviews.toml"
    review.save(path, Decisions())
    os.chmod(path, 0o640)
    review.save(path, review.decide(Decisions(), deaths, "dismissed"))
    assert path.stat().st_mode & 0o777 == 0o640


def test_update_reads_the_file_again_before_writing(tmp_path, make_finding, deaths):
    """Two sessions: a decision saved by the other one in the meantime is kept."""
    path = tmp_path / "reviews.toml"
    other = make_finding("0e75b45c75b4", [("times.md", "It injured 30 firefighters.", "30"),
                                         ("herald.md", "It injured 34 firefighters.", "34")])
    review.save(path, review.decide(Decisions(), other, "deferred"))
    review.update(path, lambda d: review.decide(d, deaths, "dismissed"))
    assert set(review.load(path).decisions) == {other.id, deaths.id}


GOOD = """version = 1

[articles]
checked = ["a.md"]

[findings.a1b2c3d4e5f6]
status = "dismissed"
fingerprint = "0123456789abcdef"
"""


@pytest.mark.parametrize("broken, line, message", [
    (GOOD.replace('status = "dismissed"', 'status = dismissed'), 7, "not valid TOML"),
    (GOOD.replace('status = "dismissed"', 'status = "maybe"'), 7, "status 'maybe' is not one of"),
    (GOOD.replace('status = "dismissed"', 'stauts = "dismissed"'), 7, "unknown field 'stauts'"),
    (GOOD.replace('fingerprint = "0123456789abcdef"\n', ''), 6, "missing 'fingerprint'"),
    (GOOD.replace("version = 1", "version = 7"), 1, "newer crosscheck"),
    (GOOD.replace("version = 1\n", ""), 1, "no 'version'"),
    (GOOD.replace('checked = ["a.md"]', 'checked = "a.md"'), 4, "list of article names"),
    (GOOD.replace("[findings.a1b2c3d4e5f6]", "[findings.not-an-id]"), 6, "not a finding id"),
    (GOOD + 'right = "a.md"\n', 9, "'right' is only for confirmed"),
    (GOOD + 'reviewed_at = "yesterday"\n', 9, "not an ISO 8601"),
    (GOOD + "note = 3\n", 9, "'note' must be a string"),
    (GOOD + "\n[extra]\nkey = 1\n", 10, "unknown field 'extra'"),
])
def test_a_broken_file_is_an_error_naming_the_line(tmp_path, broken, line, message):
    path = tmp_path / "reviews.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DecisionsError) as err:
        review.load(path)
    assert err.value.line == line, str(err.value)
    assert message in str(err.value)
    assert str(err.value).startswith(f"{path}:{line}: ")


def test_a_broken_file_is_never_overwritten(tmp_path, deaths):
    path = tmp_path / "reviews.toml"
    path.write_text(GOOD.replace('status = "dismissed"', 'status = "dismis'), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(DecisionsError):
        review.update(path, lambda d: review.decide(d, deaths, "confirmed"))
    assert path.read_bytes() == before


def test_not_utf8_is_an_error_naming_the_line(tmp_path):
    path = tmp_path / "reviews.toml"
    path.write_bytes(GOOD.replace('"a.md"', '"caf\xe9.md"').encode("latin-1"))
    with pytest.raises(DecisionsError, match=r"reviews.toml:4: not UTF-8"):
        review.load(path)


def test_the_good_file_parses():
    d = review.parse(GOOD)
    assert d.checked == {"a.md"}
    assert d.get("a1b2c3d4e5f6") == Decision("a1b2c3d4e5f6", "dismissed", "0123456789abcdef")


def test_upgrade_steps_through_registered_upgrades(monkeypatch):
    """The mechanism for a future format: version N documents pass through UPGRADES[N]."""
    monkeypatch.setattr(review, "FORMAT_VERSION", 2)
    monkeypatch.setitem(review.UPGRADES, 1, lambda data: {**data, "version": 2, "upgraded": True})
    assert review.upgrade({"version": 1})["upgraded"] is True
    with pytest.raises(ValueError, match="unknown"):
        review.upgrade({"version": 0})


def test_default_path_is_beside_the_articles(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.md").write_text("x")
    assert review.default_path([tmp_path / "seeds"]) == tmp_path / "seeds" / "reviews.toml"
    assert review.default_path([tmp_path / "seeds" / "a.md"]) == tmp_path / "seeds" / "reviews.toml"
