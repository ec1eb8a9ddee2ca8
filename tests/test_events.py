import numpy as np

from crosscheck.claims import claims_from_text
from crosscheck.events import group_articles


def test_articles_printing_the_same_long_sentence_are_one_story():
    shared = "Attackers took the card details of 1,200 residents from the city's parking payment page on Friday."
    a = claims_from_text(f"{shared}\nThe mayor called an emergency meeting of the council.\n", source_id="a.txt")
    b = claims_from_text(f"{shared}\nA new football stadium will open in the spring.\n", source_id="b.txt")
    c = claims_from_text("Farmers expect a record harvest of wheat this summer across the region.\n", source_id="c.txt")
    claims = a + b + c
    X = np.eye(len(claims), dtype=np.float32)  # no two claims alike: only the shared text can group
    articles = [claims[0].article, b[0].article, c[0].article]
    groups = group_articles(articles, claims, X)
    assert groups.same("a.txt", "b.txt")
    assert not groups.same("a.txt", "c.txt")
