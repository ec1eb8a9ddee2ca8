"""ROL003: one tie between two people told the other way round ("Doyle's deputy" / "Brandt's deputy")."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ...extract.name_forms import same_token, token_key
from ...extract.text import fold
from ...lexicon.roles import RELATIONS
from ...model import Claim, Kind, Observation, Severity, Span
from ..base import Rule, side

_NAME = r"([A-Z][\w'’-]+)"
_RELATION = "|".join(sorted(RELATIONS))
# "Brandt's deputy", "Mr. Brandt’s deputy"; "deputy to Brandt", "successor to Mr. Brandt"
_POSSESSED = re.compile(rf"\b{_NAME}['’]s ({_RELATION})\b")
_TO = re.compile(rf"\b({_RELATION}) (?:to|of) (?:(?:Mr|Mrs|Ms|Dr)\.? )?{_NAME}")


def ties(claim: Claim) -> list[tuple[str, str, Span]]:
    """(relation, the person it is tied to, where it is written) for each tie the claim writes."""
    text, out = claim.text, []
    for m in _POSSESSED.finditer(text):
        out.append((m.group(2).lower(), token_key(m.group(1)), _span(claim, m)))
    for m in _TO.finditer(text):
        out.append((m.group(1).lower(), token_key(m.group(2)), _span(claim, m)))
    return out


def _span(claim: Claim, m: re.Match) -> Span:
    start, end = claim.start + m.start(), claim.start + m.end()
    return Span(start, end, claim.article.text[start:end])


def _mentions(claim: Claim, key: str) -> bool:
    return any(same_token(token_key(w), key) for w in re.findall(r"[\w'’-]+", fold(claim.text)))


class RelationInverted(Rule):
    """The same two people, and one source ties them the other way round.

    ## What it does
    Reads ties between people written as "X's deputy" or "deputy to X"
    (deputy, successor, predecessor, aide, assistant, mentor and the like:
    ``lexicon.roles.RELATIONS``) in two linked claims. When both claims
    name the same tie, name both people, and tie it to a different one of
    them ("she was Mr. Brandt's deputy" / "Brandt worked as Doyle's
    deputy"), it reports a discrepancy. A tie to someone the other claim
    never names is another fact, not a reversal.

    ## Why it matters
    Who served under whom, who succeeded whom: a tie told backwards keeps
    every name and word right and still gets the fact wrong.

    ## Example
    "Ms. Doyle was best known for her work on the 2018 Vickers campaign, on
    which she was Mr. Brandt's deputy" against "She ran the 2018 Vickers
    campaign, where Brandt worked as Doyle's deputy": 'Brandt's deputy' /
    'Doyle's deputy'.
    """

    code = "ROL003"
    name = "relation-inverted"
    category = "polarity"
    scope = "pair"
    severity = Severity.MEDIUM
    base_confidence = 0.6

    def compare(self, a: Claim, b: Claim, similarity: float) -> Iterator[Observation]:
        for relation, person_a, span_a in ties(a):
            for other_relation, person_b, span_b in ties(b):
                if relation != other_relation or same_token(person_a, person_b):
                    continue
                if not all(_mentions(c, p) for c in (a, b) for p in (person_a, person_b)):
                    continue  # tied to someone the other claim never names: another fact
                yield self.observe(
                    Kind.DISCREPANCY, [side(a, span_a, f"{person_a}'s {relation}"),
                                       side(b, span_b, f"{person_b}'s {relation}")],
                    confidence=self.base_confidence * min(1.0, similarity / 0.8),
                )
                return
