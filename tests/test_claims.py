from crosscheck.claims import claims_from_text, is_boilerplate


def test_offsets_point_at_the_claim_text():
    text = "Title line\nThe council approved the budget on Monday. It passed by seven votes to two; two council members abstained from the vote.\n"
    claims = claims_from_text(text, title="Title line")
    assert claims, "no claims"
    for c in claims:
        assert text[c.start:c.end] == c.text
    assert [c.text for c in claims] == [
        "The council approved the budget on Monday.",
        "It passed by seven votes to two",
        "two council members abstained from the vote.",
    ]


def test_captions_credits_and_repeated_headlines_are_not_claims():
    title = "Mayor opens new bridge"
    assert is_boilerplate("Open gallery view The mayor at the bridge. Credit: John Smith/Reuters", title)
    assert is_boilerplate("Mayor opens new bridgeMayor opens new bridge", title)
    assert is_boilerplate("Advertisement", title)
    assert not is_boilerplate("The mayor opened the bridge on Friday, officials said.", title)


def test_attribution_and_quotes_are_recorded_apart_from_the_claim():
    text = "“We will rebuild the school by spring,” the mayor said on Tuesday.\n"
    [c] = claims_from_text(text)
    assert c.attribution is not None and c.attribution.text == "the mayor"
    assert [q.span.text for q in c.facts.quotes] == ["We will rebuild the school by spring"]
    assert c.facts.quotes[0].speaker == "the mayor"
