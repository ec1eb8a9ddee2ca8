"""ROL002: one person given two offices by two sources of one event, or the same office by both."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from itertools import combinations

from ...extract.name_forms import given_compatible, token_key
from ...extract.titles import Title, titles
from ...lexicon.roles import EXCLUSIVE_OFFICES
from ...model import Claim, Kind, Observation, Severity
from ..base import Rule, ScanContext, side


def _conflict(a: Title, b: Title) -> bool:
    """Two offices one person cannot hold at once as written: another step of one office ("Vice
    President" / "President"), another office of one kind ("Finance Minister" / "Foreign
    Minister"), or two offices of which a person holds one ("Sen." / "Rep.")."""
    if a.head == b.head:
        return a.rank != b.rank or bool(a.portfolio and b.portfolio and a.portfolio != b.portfolio)
    return any(a.head in family and b.head in family for family in EXCLUSIVE_OFFICES)


def _same(a: Title, b: Title) -> bool:
    return a.head == b.head and a.rank == b.rank and (a.portfolio == b.portfolio or not a.portfolio or
                                                      not b.portfolio)


class TitleMismatch(Rule):
    """A named person is given another office by another source of the same event.

    ## What it does
    Reads each person's title where an article writes it next to the name
    ("Foreign Minister Mevlut Cavusoglu", "Sen. John McCain", "Robert F.
    Bauer, the White House counsel"; ``extract.titles``), whatever the rest
    of the sentence says, and compares the titles one event's sources give
    one person. Another office of the same kind ("Finance Minister" /
    "Foreign Minister"), another step of it ("Vice President" / "President")
    or another of offices a person holds one at a time ("Sen." / "Rep.",
    "CEO" / "president") is a discrepancy, unless a source itself uses both
    titles. Two sources giving the same office is an agreement. Tenure words
    ("former"), whose office ("White House", "Chick-fil-A") and a title one
    source leaves less specific ("minister" / "Foreign Minister") never
    conflict. A surname that two people of the event share is only read
    with a given name.

    Someone's own post with a portfolio ("his former communications
    director, Lauren Greene" / "Farenthold's former communications
    director, Michael Rekola") given to one person by one source and to
    another by another, neither source naming both in it, is a discrepancy
    too (another person in the role), at lower confidence: a post may change
    hands, but two sources of one story rarely mean two holders.

    ## Why it matters
    A wrong title misleads readers about who acted with what authority, and
    the sentences that carry titles rarely match word for word.

    ## Example
    "CEO Dan Cathy said" against "Chick-fil-A president Dan Cathy said".
    """

    code = "ROL002"
    name = "title-mismatch"
    category = "state"
    scope = "corpus"
    severity = Severity.MEDIUM

    def scan(self, claims: Sequence[Claim], context: ScanContext) -> Iterator[Observation]:
        found = [t for claim in claims for t in titles(claim)]
        group_of = context.groups(t.claim.source_id for t in found)
        by_event: dict[int, list[Title]] = defaultdict(list)
        for t in found:
            by_event[group_of[t.claim.source_id]].append(t)
        for event in sorted(by_event):
            people = _by_person(by_event[event])
            for _, held in sorted(people.items()):
                yield from self._compare(held)
            yield from self._holders(people)

    def _holders(self, people: dict[str, list[Title]]) -> Iterator[Observation]:
        """One specific office given to one person by one source and to another by another."""
        by_role: dict[str, dict[str, dict[str, Title]]] = defaultdict(lambda: defaultdict(dict))
        for person, held in sorted(people.items()):
            for t in held:
                if t.owned and (t.portfolio or " " in t.head):
                    by_role[("former " if t.former else "") + t.norm][t.claim.source_id].setdefault(person, t)
        for role, sources in sorted(by_role.items()):
            for sa, sb in combinations(sorted(sources), 2):
                a, b = sources[sa], sources[sb]
                if set(a) & set(b) or len(a) != 1 or len(b) != 1:
                    continue  # a source naming both, or several holders: no one person to set against another
                (x,), (y,) = a.values(), b.values()
                yield self.observe(Kind.DISCREPANCY, [side(x.claim, x.span, " ".join(x.name.tokens)),
                                                      side(y.claim, y.span, " ".join(y.name.tokens))],
                                   confidence=0.5, holder=role)

    def _compare(self, held: list[Title]) -> Iterator[Observation]:
        by_source: dict[str, list[Title]] = defaultdict(list)
        for t in held:
            by_source[t.claim.source_id].append(t)
        for sa, sb in combinations(sorted(by_source), 2):
            ta, tb = by_source[sa], by_source[sb]
            same = next(((x, y) for x in ta for y in tb if _same(x, y)), None)
            if same is not None:
                x, y = same
                yield self.observe(Kind.AGREEMENT, [side(x.claim, x.span, x.norm), side(y.claim, y.span, y.norm)],
                                   confidence=0.8, phrase=x.norm)
                continue
            clash = next(((x, y) for x in ta for y in tb if _conflict(x, y)
                          and not any(_same(y, z) for z in ta) and not any(_same(x, z) for z in tb)), None)
            if clash is not None:
                x, y = clash
                yield self.observe(Kind.DISCREPANCY,
                                   [side(x.claim, x.span, x.norm), side(y.claim, y.span, y.norm)],
                                   confidence=0.7)


def _by_person(held: Sequence[Title]) -> dict[str, list[Title]]:
    """Titles grouped by the person they belong to: by surname, and by given name too where two
    people of the event share the surname ("President Clinton" is not "Secretary Clinton")."""
    givens: dict[str, set[str]] = defaultdict(set)
    for t in held:
        if len(t.name.tokens) > 1:
            givens[token_key(t.name.tokens[-1])].add(token_key(t.name.tokens[0]))
    out: dict[str, list[Title]] = defaultdict(list)
    for t in held:
        surname = token_key(t.name.tokens[-1])
        known = sorted(givens[surname])
        shared = any(not given_compatible(x, y) for x, y in combinations(known, 2))
        if not shared:
            out[surname].append(t)
        elif len(t.name.tokens) > 1:
            given = token_key(t.name.tokens[0])
            first = next(g for g in known if given_compatible(g, given))
            out[f"{surname}|{first}"].append(t)
    return out
