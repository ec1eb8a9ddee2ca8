"""Typed records that flow one way through the pipeline.

Article -> Claim (with Facts) -> Cluster -> Observation -> Finding.

Offsets are half-open character offsets into ``Article.text`` (the decoded
file, front matter included), so every span can be found again in the file.
Texts are derived from offsets, never stored apart from them (spaCy's lesson:
one text, many spans).
"""
from __future__ import annotations

import bisect
import datetime as dt
import enum
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


class Kind(str, enum.Enum):
    DISCREPANCY = "discrepancy"
    AGREEMENT = "agreement"
    VARIANT = "variant"  # the same statement in other wording (a quote with "that" added): listed, never gated


class Severity(str, enum.Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return {"high": 3, "medium": 2, "low": 1}[self.value]


@dataclass(frozen=True)
class Article:
    """One decoded input file and what is known about it."""

    path: str  # as given on the command line (or found under a given folder)
    source_id: str  # stable id: path relative to the folder it was found in
    text: str  # the whole decoded file; every offset points into it
    body_start: int = 0  # first character after front matter / title line
    body_end: int | None = None  # end of the part that is checked (None: the end of text; see --max-chars)
    title: str | None = None
    outlet: str | None = None
    date: dt.date | None = None
    url: str | None = None
    # where each metadata field came from: "front matter", "inferred" or "unknown"
    provenance: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    short_label: str = ""  # set by ingest.assign_labels

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        i = self.text.find("\n")
        while i >= 0:  # per line, not per character: a 50 MB article is read in bounded time
            starts.append(i + 1)
            i = self.text.find("\n", i + 1)
        return starts

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect.bisect_right(self._line_starts, offset)

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    @property
    def label(self) -> str:
        """Short name used in explanations ("001", "2016-79bf99c6/fox"): unique in its run."""
        return self.short_label or self.stem

    @property
    def stem(self) -> str:
        name = self.source_id.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0] if "." in name else name


@dataclass(frozen=True)
class Span:
    """A half-open character span into one article's text."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"bad span {self.start}:{self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span text length {len(self.text)} != {self.end - self.start}")


@dataclass(frozen=True)
class Quantity:
    span: Span
    value: float  # as stated, after scaling words ("2.5 billion" -> 2.5e9)
    unit: str  # "$", "%", "year", "count", ...
    noun: str  # lemma of what is counted/measured ("activist", "page", "year")
    qualifier: str  # "", "over", "about", "at least", ...
    is_count: bool  # a number of discrete things (people, pages), not an amount
    parts: tuple[float, ...] = ()  # summed coordinated counts ("nine X and a Y")
    step: float = 1.0  # rounding step of the figure as written ("3.6 billion": 1e8)
    low: float = float("-inf")  # the values the statement is consistent with, given
    high: float = float("inf")  # its rounding and its qualifier ("more than 250,000": 250000..inf)
    head: str = ""  # lemma of the governing verb ("kill", "repay"), "" if none
    context: frozenset[str] = frozenset()  # content lemmas of the quantity's clause
    owners: frozenset[str] = frozenset()  # named things the figure is attached to ("gingrich")
    describes: str = ""  # noun a glued figure or a price describes ("48-page indictment", "a $900 sofa")
    acts: frozenset[str] = frozenset()  # verbs of a clause on the counted noun ("steps he took" -> "take")
    unasserted: bool = False  # its verb is a possibility or a purpose ("would cut", "to divert"), not a fact


@dataclass(frozen=True)
class DateMention:
    span: Span
    start: dt.date | None  # resolved interval, inclusive; None when unresolved
    end: dt.date | None
    granularity: str  # "day", "weekday", "month", "part", "season", "year", "decade", "range", "week"
    relative: bool  # resolved against the publication date
    key: str  # normalised surface for comparison when unresolved ("wednesday")
    trigger: str = ""  # preposition or word before it ("since", "in", "on")
    explicit_year: bool = False  # the year is written out (not inferred or relative)
    endpoints: tuple[tuple[dt.date, dt.date], ...] = ()  # a range's two ends ("from 1966 to 1978")
    approximate: bool = False  # "around 2002", "since at least 2002"
    coordinated: bool = False  # one of a list ("since 2003 and 2007"): which date goes with what is unclear
    # the date's role in its sentence, to align it with the date that plays the same role elsewhere
    head: str = ""  # lemma of the word the date attaches to ("lead", "election")
    verb: str = ""  # lemma of the nearest governing verb
    nouns: frozenset[str] = frozenset()  # core nouns of the dated event: governor, subject, object ("seat")
    obliques: frozenset[str] = frozenset()  # nouns of its prepositional phrases ("from the board")
    agent: tuple[str, ...] = ()  # who did it: folded name tokens ("edward", "brooke") or noun lemma ("company",)
    names: frozenset[str] = frozenset()  # folded proper-name tokens anywhere in the date's clause
    objects: tuple[str, ...] = ()  # proper names the verb acts on ("met Putin": ("putin",))
    subject_kind: str = ""  # "name", "noun", "pronoun" or "" (none found)
    office: str = ""  # the office held, when the event is holding one ("lieutenant governor")
    numbers: frozenset[str] = frozenset()  # other numbers in the date's clause ("earned $13.17 million")
    tense: str = ""  # "past", "present", "future" or ""
    negated: bool = False
    attributive: bool = False  # the date premodifies a noun ("the 2010 election"): it names the event


@dataclass(frozen=True)
class NameMention:
    span: Span
    label: str  # spaCy entity label: PERSON, ORG, GPE, ...
    tokens: tuple[str, ...]  # name tokens without titles ("Mevlut", "Cavusoglu")


@dataclass(frozen=True)
class Quote:
    span: Span  # the quoted words inside this claim, without the quotation marks
    speaker: str | None  # attribution, titles stripped ("Calderón", "the senior official")
    passage: Span | None = None  # the whole quotation this piece belongs to
    speaker_span: Span | None = None  # where the speaker is named (may lie in an earlier claim)
    speaker_kind: str = ""  # "person", "org", "group", "nominal", "pronoun" ("" when unknown)
    speaker_resolved: bool = False  # the sentence says "he"/"they"; speaker is who that stands for


@dataclass(frozen=True)
class Facts:
    """What comparators read: extracted once per claim, compared many times."""

    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    names: tuple[NameMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    negated: frozenset[str] = frozenset()  # lemmas of negated verbs/predicates
    predicates: frozenset[str] = frozenset()  # lemmas of non-negated verbs
    content: frozenset[str] = frozenset()  # content lemmas, for overlap tests
    entities: frozenset[str] = frozenset()  # folded entity strings (participants)
    years: frozenset[int] = frozenset()  # explicit years named in the claim
    context_years: frozenset[int] = frozenset()  # years named in the claim's paragraph
    fragments: tuple[Span, ...] = ()  # quoted words too few to be a quotation ("“exhilarated”")


@dataclass(frozen=True)
class Claim:
    """A checkable statement: a span of an article with its extracted facts."""

    article: Article = field(repr=False, compare=False, hash=False)
    source_id: str
    start: int
    end: int
    attribution: Span | None = None  # who said it ("a senior official")
    facts: Facts = field(default_factory=Facts, repr=False)

    def __post_init__(self) -> None:
        if not (0 <= self.start < self.end <= len(self.article.text)):
            raise ValueError(f"claim {self.start}:{self.end} outside {self.source_id}")

    @property
    def text(self) -> str:
        return self.article.text[self.start:self.end]

    @property
    def line(self) -> int:
        return self.article.line_of(self.start)

    @property
    def path(self) -> str:
        return self.article.path

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.source_id, self.start, self.end)


@dataclass(frozen=True)
class Cluster:
    """Claims from two or more sources that say nearly the same thing."""

    id: int
    members: tuple[int, ...]  # indices into the claim list
    similarity: float  # mean similarity of the linked pairs


@dataclass(frozen=True)
class Side:
    """One claim's part in an observation: the claim and the span compared."""

    claim: Claim
    value: Span | None  # None: the whole claim is the value
    norm: str  # normalised value, used to group sides that say the same


@dataclass(frozen=True)
class Observation:
    """What one rule saw in one place: sides that agree or differ."""

    rule: str
    kind: Kind
    sides: tuple[Side, ...]
    severity: Severity = Severity.MEDIUM
    confidence: float = 0.8
    detail: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Evidence:
    claim: Claim
    value: Span | None
    norm: str

    @property
    def value_text(self) -> str:
        return self.value.text if self.value is not None else self.claim.text


@dataclass(frozen=True)
class Finding:
    id: str
    kind: Kind
    category: str
    rule: str
    severity: Severity
    confidence: float
    explanation: str
    evidence: tuple[Evidence, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({e.claim.source_id for e in self.evidence}))


@dataclass(frozen=True)
class SkippedPair:
    """Two similar claims that were not compared, and why."""

    a: Claim
    b: Claim
    similarity: float
    reason: str
