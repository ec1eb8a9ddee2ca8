"""Wire copies count once: agreements between copies of one text are not corroboration."""
from crosscheck.claims import claims_from_text
from crosscheck.compare.base import side
from crosscheck.compare.rules.corroborated_claim import CorroboratedClaim
from crosscheck.compare.syndication import Copies
from crosscheck.model import Kind

WIRE = (
    "The storm made landfall near Wilmington on Friday morning with winds of 90 miles an hour.\n"
    "More than 400,000 homes lost power across the two Carolinas, the utilities said.\n"
    "Officials ordered the evacuation of three barrier islands before the storm arrived.\n"
    "The governor said the National Guard would help with rescues through the weekend.\n"
)
OWN = (
    "Hurricane winds reached 90 miles an hour when the storm came ashore near Wilmington on Friday.\n"
    "Utilities reported that more than 400,000 customers were without electricity.\n"
    "Officials ordered the evacuation of three barrier islands before the storm arrived.\n"
    "Rescue crews worked through the night in flooded neighbourhoods of New Bern.\n"
)


def test_a_reprint_is_a_copy_and_an_independent_write_up_is_not():
    wire = claims_from_text(WIRE, source_id="ap.txt")
    reprint = claims_from_text(WIRE.replace("Friday morning", "Friday"), source_id="paper.txt")
    own = claims_from_text(OWN, source_id="times.txt")
    copies = Copies(wire + reprint + own)
    assert copies.copied("ap.txt", "paper.txt")
    assert not copies.copied("ap.txt", "times.txt") and not copies.copied("paper.txt", "times.txt")


def test_an_agreement_between_copies_only_leaves_and_one_with_other_words_stays():
    wire = claims_from_text(WIRE, source_id="ap.txt")
    reprint = claims_from_text(WIRE, source_id="paper.txt")
    own = claims_from_text(OWN, source_id="times.txt")
    copies = Copies(wire + reprint + own)
    rule = CorroboratedClaim()
    between_copies = rule.observe(Kind.AGREEMENT, [side(wire[1], None, ""), side(reprint[1], None, "")],
                                  confidence=0.8)
    with_own_words = rule.observe(Kind.AGREEMENT, [side(wire[1], None, ""), side(own[1], None, "")],
                                  confidence=0.8)
    discrepancy = rule.observe(Kind.DISCREPANCY, [side(wire[0], None, ""), side(reprint[0], None, "")],
                               confidence=0.8)
    assert [copies.copies_only(o) for o in (between_copies, with_own_words, discrepancy)] == [True, False, False]


def test_a_run_counts_a_wire_story_and_its_reprint_once(tmp_path):
    import crosscheck

    header = "---\ntitle: Storm\ndate: 2018-09-14\n---\n\n"
    (tmp_path / "ap.md").write_text(header + WIRE, encoding="utf-8")
    (tmp_path / "paper.md").write_text(header + WIRE.replace("Friday morning", "Friday"), encoding="utf-8")
    (tmp_path / "times.md").write_text(header + OWN, encoding="utf-8")
    result = crosscheck.Checker(cache_dir=tmp_path / "cache").run([tmp_path])
    agreeing = [{e.claim.source_id for e in f.evidence} for f in result.findings if f.kind is Kind.AGREEMENT]
    assert agreeing and all(sources - {"ap.md", "paper.md"} for sources in agreeing)
