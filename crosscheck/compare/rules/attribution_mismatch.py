from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ...extract.quotes import ARTICLES, LEAD_WORDS
from ...extract.text import fold
from ...model import Claim, Kind, Observation, Severity
from .. import quote_align as qa
from ..base import Rule, ScanContext, side

MIN_SHARED_WORDS = 7  # a shorter shared stretch may be a stock phrase two people both used ("no one is above the law")
NAMED = {"person", "org", "group"}
_NAME_JOINERS = {"and", "of", "&"}
_PLURAL_HEADS = {"people", "police", "staff", "aides", "officials", "sources"}


@dataclass(frozen=True)
class SpeakerKey:
    """What is compared of a speaker: its kind and its name words, or a description's head noun."""

    kind: str
    words: frozenset[str]  # name words (no titles), or the description's head noun
    plural: bool = False

    @property
    def norm(self) -> str:
        return " ".join(sorted(self.words)) or self.kind


def speaker_key(name: str | None, kind: str) -> SpeakerKey | None:
    """None for an unknown or pronoun speaker: those never conflict."""
    if not name or kind in ("", "pronoun"):
        return None
    words = [w.strip("'.") for w in re.split(r"[^\w'.]+", fold(name).replace("’", "'")) if w.strip("'.")]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    if kind in NAMED:
        dropped = ARTICLES if kind == "org" else LEAD_WORDS  # "Justice Department" / "State Department"
        kept = frozenset(w for w in words if w not in dropped and w not in _NAME_JOINERS)
        return SpeakerKey(kind, kept) if kept else None
    head = _head_noun(words)
    if not head:
        return None
    plural = head in _PLURAL_HEADS or (head.endswith("s") and not head.endswith(("ss", "us", "is")))
    return SpeakerKey("nominal", frozenset({head.rstrip("s") if plural else head}), plural)


def _head_noun(words: Sequence[str]) -> str:
    """"a senior official at the ministry" -> "official"."""
    for n, w in enumerate(words):
        if w in ("for", "of", "at", "with", "in", "from") and n:
            return words[n - 1]
    return words[-1] if words else ""


def _similar(a: str, b: str) -> bool:
    """Spelling variants of one name are the name rule's business, not a different speaker."""
    return a == b or (min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= 80)


def _within(words: frozenset[str], other: frozenset[str]) -> bool:
    return all(any(_similar(x, y) for y in other) for x in words)


def conflict(a: SpeakerKey, b: SpeakerKey) -> Severity | None:
    """How far two known speakers of the same words clearly differ (None: they may be the same)."""
    if a.kind == "org" and b.kind == "org":
        # one body named in more or fewer words ("the Justice Department's press office"); two portfolios
        # of one kind of body ("Interior Ministry" / "Defence Ministry") are two bodies
        if _within(a.words, b.words) or _within(b.words, a.words):
            return None
        return Severity.LOW
    if a.kind in NAMED and b.kind in NAMED:
        if any(_similar(x, y) for x in a.words for y in b.words):
            return None
        if "org" in (a.kind, b.kind):
            return Severity.LOW  # a spokesperson's words are often credited to the body itself
        return Severity.MEDIUM
    if a.kind == "nominal" and b.kind == "nominal":
        # "a senior official" vs "the official": the same; one official vs "sources": worth a look
        return Severity.LOW if a.plural != b.plural else None
    return None  # a description against a name: the described may well be the named


class AttributionMismatch(Rule):
    """The same quotation is credited to different speakers.

    ## What it does
    For quotations that two sources of one event both carry (the same
    matching as quote-altered, with at least seven shared words), compares the
    speakers the sources credit. Two different named people conflict; a
    named person against a named organisation, or one described source
    against several ("the senior official" / "the sources"), is a
    low-severity conflict. Pronouns ("he said") are first resolved to the
    named speaker they stand for when that is unambiguous; unresolved
    pronouns and unknown speakers never conflict, nor do a description and a
    name ("a spokesman" / "Sean Spicer"), nor two forms of one name
    ("Mr. Fox" / "Vicente Fox").

    ## Why it matters
    Putting words in the wrong mouth is one of the most damaging errors an
    outlet can make; when two outlets disagree on who said a sentence, at
    most one of them is right.

    ## Example
    "'We will not leave until the ceasefire holds,' Ms. Okafor said" against
    "'We will not leave until the ceasefire holds,' said Mr. Ibekwe".
    """

    code = "ATT001"
    name = "attribution-mismatch"
    category = "attribution"
    scope = "corpus"
    severity = Severity.MEDIUM

    def scan(self, claims: Sequence[Claim], context: ScanContext) -> Iterator[Observation]:
        for match in qa.run_matches(claims, context):
            if match.anchored < MIN_SHARED_WORDS:
                continue
            obs = self.observe_match(claims, match)
            if obs is not None:
                yield obs

    def observe_match(self, claims: Sequence[Claim], match: qa.Match) -> Observation | None:
        a, b = match.a, match.b
        ka, kb = speaker_key(a.speaker, a.speaker_kind), speaker_key(b.speaker, b.speaker_kind)
        if ka is None or kb is None or a.speaker_span is None or b.speaker_span is None:
            return None
        severity = conflict(ka, kb)
        if severity is None:
            return None
        if a.speaker_resolved or b.speaker_resolved:
            severity = Severity.LOW  # "he said": who "he" is was inferred from earlier paragraphs
        ca, cb = _main_claims(match)
        if ca is None or cb is None:
            return None
        return self.observe(
            Kind.DISCREPANCY,
            [side(claims[ca], a.speaker_span, ka.norm), side(claims[cb], b.speaker_span, kb.norm)],
            severity=severity,
            confidence=0.8 if severity is Severity.MEDIUM else 0.5,
        )


def _main_claims(match: qa.Match) -> tuple[int | None, int | None]:
    """In each passage, the claim holding most of the shared words."""
    pairs: Counter[tuple[int | None, int | None]] = Counter()
    for seg in match.segments:
        for i, j, size in seg.anchors:
            for k in range(size):
                pairs[(match.a.tokens[i + k].claim, match.b.tokens[j + k].claim)] += 1
    best = [p for p, _ in sorted(pairs.items(), key=lambda kv: (-kv[1], str(kv[0]))) if None not in p]
    return best[0] if best else (None, None)
