from crosscheck.compare.rules.corroborated_claim import CorroboratedClaim, shared_phrase
from crosscheck.model import Kind


def test_close_paraphrases_from_two_sources_corroborate(claim_of):
    a = claim_of("The senator served six years in the Marine Corps reserves.", source_id="a.md")
    b = claim_of("He spent six years in the Marine Corps reserves, records show.", source_id="b.md")
    [obs] = CorroboratedClaim().compare(a, b, 0.8)
    assert obs.kind is Kind.AGREEMENT
    assert obs.detail["phrase"] == "six years in the Marine Corps reserves"


def test_weak_similarity_or_only_function_words_shared_is_not_corroboration(claim_of):
    a = claim_of("The governor signed the budget bill on Friday.", source_id="a.md")
    b = claim_of("The mayor vetoed a zoning bill in the city.", source_id="b.md")
    assert list(CorroboratedClaim().compare(a, b, 0.5)) == []
    assert list(CorroboratedClaim().compare(a, b, 0.9)) == []  # shares only "the ... bill"


def test_shared_phrase_reports_character_ranges():
    a, b = "Prices rose sharply in March.", "In March, prices rose sharply again."
    (sa, ea), (sb, eb), content = shared_phrase(a, b)
    assert a[sa:ea] == "Prices rose sharply" and b[sb:eb] == "prices rose sharply" and content == 3


def test_a_shared_phrase_around_other_years_or_figures_is_not_corroboration():
    from crosscheck.claims import claims_from_text
    from crosscheck.compare.rules.corroborated_claim import CorroboratedClaim

    a = claims_from_text("Price, who has served on the town council since 2009, denied the charges.", source_id="a")[0]
    b = claims_from_text("Price, who has served on the town council since 2011, denied all the charges.",
                         source_id="b")[0]
    assert CorroboratedClaim().compare(a, b, 0.9) == ()
    same = claims_from_text("Price, who has served on the town council since 2009, denied all the charges.",
                            source_id="c")[0]
    assert CorroboratedClaim().compare(a, same, 0.9)
