"""The scale-corpus generator: its edits and, above all, its log must be exact."""
import json
import random

from benchmarks.alterations import change_number, change_polarity, change_qualifier, misspell, style_variant
from benchmarks.generate import SourceArticle, generate

EVENT = [
    SourceArticle("storm", "ap", "Storm hits coast", "2022-09-28", [
        "The storm killed at least 12 people in three counties on Wednesday.",
        "Governor Maria Ortega said 4,000 homes were without power.",
        "Rescue crews were searching the flooded streets of Port Alder.",
        "Officials said the bridge would reopen on Friday.",
        "Schools in the region will stay closed until Monday, Ortega said.",
    ], ["Maria Ortega", "Ortega"]),
    SourceArticle("storm", "wire", "Storm hits the coast", "2022-09-29", [
        "At least 12 people died when the storm reached the coast.",
        "Sen. Paul Brandt called the damage severe and said 30 percent of roads were closed.",
        "Power was restored to 1,500 homes overnight.",
        "The state did not request federal aid on Thursday.",
    ], ["Paul Brandt"]),
]


def test_numbers_qualifiers_negations_and_names_change_in_the_logged_place():
    rng = random.Random(3)
    sentence = "Officials said 14 bridges were closed on Monday."
    edit = change_number(sentence, rng)
    assert sentence[edit.start:edit.end] == "14" and edit.after != "14" and edit.after.isdigit()
    edit = change_qualifier("The storm killed at least 12 people.", rng)
    assert edit.category == "quantity" and "12" in edit.apply("The storm killed at least 12 people.")
    assert edit.apply("The storm killed at least 12 people.") != "The storm killed at least 12 people."
    assert change_polarity("The mayor was present.", rng).apply("The mayor was present.") == "The mayor was not present."
    assert change_polarity("He didn't vote.", rng).apply("He didn't vote.") == "He did vote."
    assert misspell("Ortega", rng) not in (None, "Ortega")
    style = style_variant("Sen. Paul Brandt spoke.", rng)
    assert style.kind == "benign" and style.apply("Sen. Paul Brandt spoke.") == "Senator Paul Brandt spoke."


def test_every_logged_alteration_points_at_its_value_in_both_files(tmp_path):
    data = generate([EVENT], 18, tmp_path / "gen", seed=5, min_sentences=3, max_sentences=5)
    assert data["generator"]["articles"] == 18
    assert len(list((tmp_path / "gen").rglob("*.md"))) == 18
    log = data["alterations"]
    assert log and any(e["kind"] == "discrepancy" for e in log)
    for entry in log:
        original = (tmp_path / "gen" / entry["original"]["source_id"]).read_text(encoding="utf-8")
        altered = (tmp_path / "gen" / entry["altered"]["source_id"]).read_text(encoding="utf-8")
        assert original[entry["original"]["start"]:entry["original"]["end"]] == entry["before"]
        assert altered[entry["altered"]["start"]:entry["altered"]["end"]] == entry["after"]
        assert entry["before"] != entry["after"]
        assert entry["altered"]["source_id"] != entry["original"]["source_id"]
    assert json.loads((tmp_path / "gen" / "alterations.json").read_text())["alterations"] == log


def test_copies_of_one_event_are_renamed_and_moved_to_other_years(tmp_path):
    generate([EVENT], 12, tmp_path / "gen", seed=5, min_sentences=5, max_sentences=5)
    first = (tmp_path / "gen" / "e00000-storm" / "ap.md").read_text(encoding="utf-8")
    second = (tmp_path / "gen" / "e00001-storm" / "ap.md").read_text(encoding="utf-8")
    assert "date: 2022-09-28" in first and "date: 2023-09-27" in second
    assert "Ortega" in first and "Ortega" not in second


def test_recall_counts_an_alteration_found_only_when_a_discrepancy_covers_its_value(claim_of):
    from benchmarks.recall import score
    from crosscheck.model import Evidence, Finding, Kind, Severity, Span

    base = claim_of("The storm killed 12 people on Wednesday.", source_id="ap.md")
    altered = claim_of("The storm killed 15 people on Wednesday.", source_id="ap-2.md")
    at = altered.text.index("15")
    log = [{"kind": "discrepancy", "category": "quantity", "before": "12", "after": "15",
            "original": {"source_id": "ap.md", "start": at, "end": at + 2},
            "altered": {"source_id": "ap-2.md", "start": at, "end": at + 2}}]

    def finding(kind, value_start):
        value = Span(value_start, value_start + 2, altered.text[value_start:value_start + 2])
        return Finding("x", kind, "quantity", "QTY001", Severity.HIGH, 0.9, "",
                       (Evidence(base, Span(at, at + 2, "12"), "12"), Evidence(altered, value, "15")))

    assert score(log, [base, altered], [], []).as_dict()["recall"] == 0.0
    found = score(log, [base, altered], [(0, 1)], [finding(Kind.DISCREPANCY, at)]).as_dict()
    assert found["candidate_recall"] == 1.0 and found["recall"] == 1.0 and found["unmatched_discrepancies"] == 0
    assert score(log, [base, altered], [(0, 1)], [finding(Kind.AGREEMENT, at)]).as_dict()["recall"] == 0.0
    elsewhere = score(log, [base, altered], [(0, 1)], [finding(Kind.DISCREPANCY, 0)]).as_dict()
    assert elsewhere["recall"] == 0.0 and elsewhere["unmatched_discrepancies"] == 1
