"""ATT001 attribution-mismatch: the same words credited to clearly different speakers."""
from crosscheck.claims import claims_from_text
from crosscheck.compare.base import ScanContext
from crosscheck.compare.rules.attribution_mismatch import AttributionMismatch, conflict, speaker_key
from crosscheck.model import Kind, Severity

QUOTE = "“We will not leave this square until the ceasefire holds,”"


def scan(*texts):
    claims = []
    for n, text in enumerate(texts):
        claims += claims_from_text(text, source_id=f"{n}.txt")
    return list(AttributionMismatch().scan(claims, ScanContext(same_event=lambda a, b: True)))


def test_two_different_named_people_conflict():
    [obs] = scan(f"{QUOTE} Amina Okafor said on Saturday.", f"{QUOTE} said Daniel Ibekwe, a protest organiser.")
    assert obs.kind is Kind.DISCREPANCY
    assert obs.severity is Severity.MEDIUM
    assert sorted(s.value.text for s in obs.sides) == ["Amina Okafor", "Daniel Ibekwe"]
    for s in obs.sides:
        assert s.claim.article.text[s.value.start:s.value.end] == s.value.text


def test_two_forms_of_one_name_do_not_conflict():
    assert scan(f"{QUOTE} Ms. Okafor said.", f"{QUOTE} Amina Okafor told reporters.") == []


def test_pronoun_or_unknown_speaker_never_conflicts():
    assert scan(f"{QUOTE} she said.", f"{QUOTE} Amina Okafor said.") == []
    assert scan(QUOTE + " The crowd cheered loudly.", f"{QUOTE} Amina Okafor said.") == []


def test_one_official_described_two_ways_does_not_conflict():
    assert scan(f"{QUOTE} a senior official said.", f"{QUOTE} the official said.") == []


def test_one_official_against_several_sources_is_low_severity_at_most():
    found = scan(f"{QUOTE} the senior official said.", f"{QUOTE} the sources said.")
    assert all(o.severity is Severity.LOW for o in found)


def test_a_description_against_a_name_does_not_conflict():
    assert scan(f"{QUOTE} a spokesman for the movement said.", f"{QUOTE} Daniel Ibekwe said.") == []


def test_a_resolved_pronoun_conflicts_with_low_severity():
    first = ("Amina Okafor said the protest would go on through the weekend.\n"
             f"{QUOTE} she added.\n")
    [obs] = scan(first, f"{QUOTE} said Daniel Ibekwe.")
    assert obs.severity is Severity.LOW
    assert sorted(s.value.text for s in obs.sides) == ["Amina Okafor", "Daniel Ibekwe"]


def test_a_short_stock_phrase_is_not_enough_to_compare_speakers():
    assert scan("“No one is above the law,” Amina Okafor said.", "“No one is above the law,” Daniel Ibekwe said.") == []


def test_speaker_keys_and_conflicts():
    person = speaker_key("Vicente Fox", "person")
    assert conflict(person, speaker_key("Fox", "person")) is None
    assert conflict(person, speaker_key("Fox", "org")) is None
    assert conflict(person, speaker_key("Felipe Calderón", "person")) is Severity.MEDIUM
    assert conflict(person, speaker_key("the Interior Ministry", "org")) is Severity.LOW
    assert conflict(speaker_key("Cavusoglu", "person"), speaker_key("Çavuşoğlu", "person")) is None
    assert speaker_key("he", "pronoun") is None
    assert speaker_key(None, "") is None
    assert conflict(speaker_key("a senior official", "nominal"), speaker_key("the official", "nominal")) is None
    assert conflict(speaker_key("the senior official", "nominal"), speaker_key("the sources", "nominal")) \
        is Severity.LOW


def test_one_statement_credited_to_two_ministries_conflicts():
    """A portfolio word names which body spoke: "the Interior Ministry" is not "the Defence Ministry"."""
    [obs] = scan(f"{QUOTE} the Interior Ministry said in a statement.",
                 f"{QUOTE} the Defence Ministry said in a statement.")
    assert sorted(s.value.text for s in obs.sides) == ["Defence Ministry", "Interior Ministry"]
    assert scan(f"{QUOTE} the Interior Ministry said in a statement.",
                f"{QUOTE} the ministry said in a statement.") == []
