from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import combinations, product

from ...extract.name_forms import (
    KNOWN_GIVEN_NAMES,
    NameForm,
    close_spelling,
    distinct_given_names,
    dropped_letter,
    given_compatible,
    name_form,
    same_token,
    single_for_double,
    spelling_distance,
)
from ...model import Claim, Kind, NameMention, Severity
from ..base import Rule, ScanContext, side

PERSON, PLACE = "person", "place"
MAX_UNRELATED_REFERENCES = 3  # reference sides shown when a spelling is only matched across events
MIN_SHARED_CONTEXT = 2  # content words two claims share around a lone name spelt two ways
MAX_CONTEXTS = 20  # claims per source looked at for that
WEAK_CONTEXT = frozenset({"say", "tell", "also", "year", "time", "people", "new"})
WORD_SHARE = 0.34  # lower-case uses per name use that make a key a common word (one in three)
SHORT_NAME = 4  # four-letter names are only checked for a dropped letter inside one article
COMMON_IN_SOURCES = 10  # a spelling used by this many sources is an established name of its own
MAX_NAME_LENGTH = 30  # longer "names" are tagging accidents; their deletion keys would explode
KIND_OF_LABEL = {"PERSON": PERSON, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}  # ORG and NORP: either
_LOWER_WORD = re.compile(r"(?<![\w.'’-])([a-z]+)(?![\w'’-])")


@dataclass(frozen=True)
class Mention:
    """One name mention of one claim, reduced to its identifying keys."""

    claim: Claim
    name: NameMention
    form: NameForm
    usual: bool = True  # written the way this spelling is most often written (accents and all)

    @property
    def source(self) -> str:
        return self.claim.source_id

    @property
    def norm(self) -> str:
        return " ".join(self.form.keys)


@dataclass(frozen=True)
class Support:
    """Two mentions that plausibly name one entity spelt two ways, and how sure that is."""

    a: Mention  # carries the first spelling
    b: Mention  # carries the second
    confidence: float
    evidence: str  # "full name" or "same story"
    related: bool  # same article or same event


def mentions_of(claims: Sequence[Claim]) -> list[Mention]:
    out = []
    for claim in claims:
        for name in claim.facts.names:
            form = name_form(name.tokens)
            if form.keys:
                out.append(Mention(claim, name, form))
    return out


def deletion_keys(key: str, depth: int) -> set[str]:
    """Every string left after deleting up to ``depth`` letters (SymSpell's blocking key)."""
    keys, frontier = {key}, {key}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        keys |= frontier
    return keys


def candidate_pairs(vocabulary: Iterable[str], min_length: int = 5) -> set[tuple[str, str]]:
    """Pairs of keys within two edits of each other, found without comparing all pairs.

    Keys sharing a deletion key are the only candidates: one deletion each for
    names under eight letters, two for longer ones (their allowed edits).
    """
    buckets: dict[str, list[str]] = defaultdict(list)
    for key in vocabulary:
        if min_length <= len(key) <= MAX_NAME_LENGTH:
            for d in deletion_keys(key, 1 if len(key) < 8 else 2):
                buckets[d].append(key)
    pairs = set()
    for members in buckets.values():
        if len(members) > 1:
            for a, b in combinations(sorted(set(members)), 2):
                pairs.add((a, b))
    return pairs


@dataclass
class CorpusStats:
    """What the whole corpus says about each name key: roles, labels, use as a common word."""

    roles: dict[str, set[str]]
    kinds: dict[str, Counter]
    lower_words: Counter  # how often each word is written in lower case in the claims
    partners: dict[str, set[tuple[str, str]]]  # key -> {(the other part of a full name it is in, source)}

    @classmethod
    def of(cls, mentions: Sequence[Mention], claims: Sequence[Claim]) -> "CorpusStats":
        roles: dict[str, set[str]] = defaultdict(set)
        kinds: dict[str, Counter] = defaultdict(Counter)
        partners: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for m in mentions:
            keys = m.form.keys
            for i, k in enumerate(keys):
                role = "alone" if len(keys) == 1 else "first" if i == 0 else "last" if i == len(keys) - 1 else "mid"
                roles[k].add(role)
                kinds[k][KIND_OF_LABEL.get(m.name.label, "")] += 1
            if m.form.given:
                partners[m.form.last].add((m.form.given, m.source))
                partners[m.form.given].add((m.form.last, m.source))
        lower: Counter = Counter()
        for claim in claims:
            lower.update(_LOWER_WORD.findall(claim.text))
        return cls(roles, kinds, lower, partners)

    def common_word(self, key: str, uses: int) -> bool:
        """A key written in lower case about as often as it is a name ("state", "slate"), unlike a
        name that once turns up as a word ("federal laws trump state laws")."""
        return self.lower_words[key] >= max(1.0, WORD_SHARE * uses)

    def kind(self, key: str) -> str:
        """PERSON or PLACE when the labels of a key agree (at least 80% of 3 or more), else ''."""
        counts = self.kinds.get(key, Counter())
        labelled = {k: n for k, n in counts.items() if k}
        total = sum(counts.values())
        if total >= 3 and labelled:
            best, n = max(labelled.items(), key=lambda kv: kv[1])
            if n / total >= 0.8:
                return best
        return ""


def different_kinds(u: str, v: str, stats: CorpusStats) -> bool:
    ku, kv = stats.kind(u), stats.kind(v)
    return bool(ku and kv and ku != kv)


def roles_compatible(u: str, v: str, stats: CorpusStats) -> bool:
    """Both keys are used in the same place in full names (or one only stands alone).

    "Obama" (a surname) and "Osama" (a given name) are not one name misspelt.
    """
    ru, rv = stats.roles.get(u, set()) - {"alone"}, stats.roles.get(v, set()) - {"alone"}
    return not ru or not rv or bool(ru & rv)


def different_people(u: str, v: str, stats: CorpusStats, sources: set[str]) -> bool:
    """u and v belong to differently named people in these sources: surnames with other given
    names ("Al Green", "Marjorie Greene"), given names with other surnames ("Malia Obama", "Maria Cino")."""
    pu = {p for p, s in stats.partners.get(u, ()) if s in sources}
    pv = {p for p, s in stats.partners.get(v, ()) if s in sources}
    if not pu or not pv:
        return False
    return not any(given_compatible(x, y) or x == y for x in pu for y in pv)


def frame(form: NameForm, index: int) -> tuple[str, ...] | None:
    """Where a key sits in a full name and what surrounds it: ("first", "cavusoglu") for "Mevlut"."""
    keys = form.keys
    if len(keys) < 2:
        return None
    if index == 0:
        return ("first", keys[-1])
    if index == len(keys) - 1:
        return ("last", keys[0])
    return ("mid", keys[0], keys[-1])


class NameSpelling(Rule):
    """One person, place or organisation is spelt two ways.

    ## What it does
    Looks at every name mention in the corpus (not only in linked claims) and
    reports names spelt two close ways: one letter apart for names of five to
    seven letters, two for longer ones ("Mevlot" / "Mevlut", "Vincente Fox" /
    "Vicente Fox", "Paris Island" / "Parris Island"). The two spellings must
    plausibly name one entity: inside full names whose other part matches
    ("Reince Preibus" / "Reince Priebus"), or standing alone in the same
    article, or in articles on the same event that say something alike
    around the name ("his wife, Stacy" / "his wife, Stacey"). Four-letter
    names count only for a doubled letter written once ("Rutte" / "Rute")
    and for a rare dropped letter inside one article ("Tump" / "Trump"). Candidates come from SymSpell-style deletion keys, never from
    comparing all pairs of names.

    Differences of convention are never reported: accents and
    transliteration ("Çavuşoğlu" / "Cavusoglu", "Sergei" / "Sergey"),
    British and American spelling, middle initials, nicknames ("Tim" /
    "Timothy"), abbreviations, hyphens, plurals and demonyms. Nor are
    different entities with close names: two common given names ("Mark" /
    "Mary"), a surname and a given name ("Obama" / "Osama"), surnames carried
    by differently named people ("Al Green" / "Marjorie Taylor Greene"),
    common words ("State" / "Slate"), or two spellings each used by several
    sources.

    A person's full name (given name and surname) written alike, conventions
    aside, by two or more sources of one event is an agreement.

    ## Why it matters
    A misspelt name is the most visible error a story can print, and when
    outlets disagree on a spelling at least one of them is wrong. The
    spelling used most often is given as the likely reference.

    ## Example
    001 writes "Foreign Minister Mevlot Çavuşoğlu"; 002 writes "Foreign
    Minister Mevlut Cavusoglu": one finding, "001 says 'Mevlot Çavuşoğlu';
    002 says 'Mevlut Cavusoglu'", with one side per source and spelling.
    """

    code = "NAM001"
    name = "name-spelling"
    category = "name"
    scope = "corpus"
    severity = Severity.MEDIUM

    def scan(self, claims: Sequence[Claim], context: ScanContext):
        mentions = mentions_of(claims)
        if not mentions:
            return []
        surfaces = _usual_surfaces(mentions)
        mentions = [replace(m, usual=m.name.span.text == surfaces[m.norm]) for m in mentions]
        stats = CorpusStats.of(mentions, claims)
        by_key: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            for k in set(m.form.keys):
                by_key[k].append(m)
        uses = {k: len(ms) for k, ms in by_key.items()}
        supported: dict[tuple[str, str], list[Support]] = {}
        for u, v in sorted(candidate_pairs(by_key, min_length=SHORT_NAME)):
            if stats.common_word(u, uses[u]) or stats.common_word(v, uses[v]):
                continue  # common words ("State" / "Slate") differ by meaning, not spelling
            if close_spelling(u, v) or single_for_double(u, v):  # "Rutte" / "Rute": four letters, but a slip
                support = supporting_pairs(u, v, by_key, stats, context)
            elif short_slip(u, v, uses):
                support = same_story_pairs(u, v, by_key, stats, context, same_source_only=True)
            else:
                continue
            if support:
                supported[(u, v)] = support
        return [*(self._observation(u, v, support, uses)
                  for (u, v), support in sorted(best_explanations(supported, uses).items())),
                *self._agreements(mentions, context)]

    def _agreements(self, mentions: Sequence[Mention], context: ScanContext):
        """A person's full name (given name and surname) written alike by sources of one event."""
        group_of = context.groups(m.source for m in mentions)
        by_name: dict[tuple[int, str], dict[str, Mention]] = defaultdict(dict)
        for m in sorted(mentions, key=lambda m: (m.source, _preference(m))):
            if m.name.label == "PERSON" and m.usual and len(m.form.keys) >= 2:
                by_name[(group_of[m.source], m.norm)].setdefault(m.source, m)
        for (_, norm), seen in sorted(by_name.items()):
            if len(seen) >= 2:
                first = next(iter(seen.values()))
                yield self.observe(Kind.AGREEMENT, [side(m.claim, m.name.span, norm) for m in seen.values()],
                                   confidence=0.8, phrase=first.name.span.text)

    def _observation(self, u: str, v: str, support: list[Support], uses: dict[str, int]):
        chosen: dict[tuple[str, str], Mention] = {}
        for s in support:
            for m, spelling in ((s.a, u), (s.b, v)):
                slot = (m.source, spelling)
                if not m.usual:
                    continue  # one written form per spelling: accents are not a second spelling
                if slot not in chosen or _preference(m) < _preference(chosen[slot]):
                    chosen[slot] = m
        reference = max((u, v), key=lambda k: (uses[k], k))
        if not any(s.related for s in support):
            chosen = _nearest_references(chosen, reference)
        norms = {spelling: fullest_form(support, spelling) for spelling in (u, v)}
        sides = [side(m.claim, m.name.span, norms[slot[1]]) for slot, m in sorted(chosen.items())]
        best = max(support, key=lambda s: s.confidence)
        return self.observe(
            Kind.DISCREPANCY, sides, confidence=best.confidence,
            reference=reference, variant=v if reference == u else u, evidence=best.evidence,
        )


def fullest_form(support: Sequence[Support], spelling: str) -> str:
    """How a spelling is written in full, to group "Hutchinson" with "Asa Hutchinson" in explanations."""
    forms = Counter(m.norm for s in support for m in (s.a, s.b) if spelling in m.form.keys)
    return max(forms.items(), key=lambda kv: (len(kv[0].split()), kv[1], kv[0]))[0]


def _nearest_references(chosen: dict[tuple[str, str], Mention], reference: str,
                        keep: int = MAX_UNRELATED_REFERENCES) -> dict[tuple[str, str], Mention]:
    """Across unrelated stories, the variant's sides and only the few reference sides nearest in time."""
    variants = {slot: m for slot, m in chosen.items() if slot[1] != reference}
    dates = [m.claim.article.date for m in variants.values() if m.claim.article.date]

    def distance(m: Mention) -> int:
        d = m.claim.article.date
        return min((abs((d - x).days) for x in dates), default=0) if d else 10**6

    references = sorted(((slot, m) for slot, m in chosen.items() if slot[1] == reference),
                        key=lambda item: (distance(item[1]), item[0]))
    return {**variants, **dict(references[:keep])}


def _preference(m: Mention) -> tuple:
    """The side shown for a source's spelling: the usual writing, the fullest name, then the first."""
    return (not m.usual, -len(m.form.keys), m.claim.start, m.name.span.start)


def _usual_surfaces(mentions: Sequence[Mention]) -> dict[str, str]:
    """The most common way each spelling is written, so accents never make a second side."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        counts[m.norm][m.name.span.text] += 1
    return {norm: c.most_common(1)[0][0] for norm, c in counts.items()}


def supporting_pairs(u: str, v: str, by_key: dict[str, list[Mention]], stats: CorpusStats,
                     context: ScanContext) -> list[Support]:
    """Mention pairs that plausibly name one entity spelt u in one and v in the other.

    Work is bounded by pairs of sources, not of mentions: each source
    contributes its preferred mention per spelling and role.
    """
    if different_kinds(u, v, stats) or _both_common(u, v, by_key):
        return []
    framed_u, framed_v = _by_frame(by_key[u], u), _by_frame(by_key[v], v)
    context_u, context_v = contexts_by_source(by_key[u]), contexts_by_source(by_key[v])
    found: list[Support] = []
    for f in sorted(framed_u.keys() & framed_v.keys()):
        if f[0] == "first" and distinct_given_names(u, v):
            continue
        for (su, a), (sv, b) in product(framed_u[f].items(), framed_v[f].items()):
            if _demonym_and_name(a, b):
                continue
            related = su == sv or context.same_event(su, sv)
            if not distinctive(f, stats) and not (
                    related and (su == sv or shared_context(context_u[su], context_v[sv]))):
                continue  # "Michael McCaul" / "Michael McFaul": a common first name says little
            found.append(Support(a, b, 0.85 if related else 0.7, "full name", related))
    if not found:
        found = same_story_pairs(u, v, by_key, stats, context)
    if any(s.related for s in found):  # seen within one event: leave other events out
        found = [s for s in found if s.related]
    return found


def _by_frame(mentions: Sequence[Mention], key: str) -> dict[tuple, dict[str, Mention]]:
    """frame -> source -> the source's preferred mention of the key in that frame."""
    out: dict[tuple, dict[str, Mention]] = defaultdict(dict)
    for m in mentions:
        f = frame(m.form, m.form.keys.index(key))
        if f is not None:
            best = out[f].get(m.source)
            if best is None or _preference(m) < _preference(best):
                out[f][m.source] = m
    return out


def _both_common(u: str, v: str, by_key: dict[str, list[Mention]]) -> bool:
    """Both spellings in many sources: two established names, not a slip of the keyboard."""
    return all(len({m.source for m in by_key[k]}) >= COMMON_IN_SOURCES for k in (u, v))


def best_explanations(supported: dict[tuple[str, str], list[Support]],
                      uses: dict[str, int]) -> dict[tuple[str, str], list[Support]]:
    """For each rarer spelling, only its best-supported reference.

    "Cowen", written beside "Cowan" in the same article, is a misspelling of
    "Cowan", not also of "Michael Cohen" from elsewhere in the event.
    """
    def variant(pair: tuple[str, str]) -> str:
        return min(pair, key=lambda k: (uses[k], k))

    best: dict[str, float] = defaultdict(float)
    for pair, support in supported.items():
        best[variant(pair)] = max(best[variant(pair)], max(s.confidence for s in support))
    return {pair: support for pair, support in supported.items()
            if max(s.confidence for s in support) >= best[variant(pair)]}


def distinctive(f: tuple[str, ...], stats: CorpusStats) -> bool:
    """Whether the rest of a full name identifies one entity across unrelated stories.

    A surname does ("Gillibrand"); a common given name ("Michael McFaul" /
    "Michael McCaul") or a common word ("Paris Island" / "Parris Island") does not.
    """
    role, *others = f
    if any(stats.lower_words[k] for k in others):
        return False
    return not (role == "last" and others[0] in KNOWN_GIVEN_NAMES)


def _demonym_and_name(a: Mention, b: Mention) -> bool:
    """A nationality or group ("Texans") and a place or person ("Texas") are two words, not two spellings."""
    return (a.name.label == "NORP") != (b.name.label == "NORP")


def short_slip(u: str, v: str, uses: dict[str, int]) -> bool:
    """A short name with a letter dropped, once or twice, beside a name used often ("Tump" / "Trump").

    Short names are crowded ("Iran" / "Iraq", "Mali" / "Bali"): only a dropped
    letter counts, only when the slip is rare and the name it slips from common,
    and only inside one article.
    """
    if min(len(u), len(v)) != SHORT_NAME or same_token(u, v) or not dropped_letter(u, v):
        return False
    rare, common = sorted((u, v), key=lambda k: uses[k])
    return uses[rare] <= 2 and uses[common] >= 5 * uses[rare]


def same_story_pairs(u: str, v: str, by_key: dict[str, list[Mention]], stats: CorpusStats,
                     context: ScanContext, *, same_source_only: bool = False) -> list[Support]:
    """A name that stands alone in one story and is spelt otherwise in the same event.

    A lone name is matched with another lone name ("Stacy" / "Stacey") or with
    the surname of a person's full name ("Cowen" / "William Cowan"), never with
    a word inside a longer name ("Colombia" / "District of Columbia").
    """
    if distinct_given_names(u, v) or not roles_compatible(u, v, stats) or spelling_distance(u, v) > 1:
        return []  # a lone name two letters off is too often another name
    per_source_u, per_source_v = _by_source(by_key[u], u), _by_source(by_key[v], v)
    context_u, context_v = contexts_by_source(by_key[u]), contexts_by_source(by_key[v])
    found = []
    for (su, (a, a_alone, a_surname)), (sv, (b, b_alone, b_surname)) in product(per_source_u.items(),
                                                                               per_source_v.items()):
        if not (a_alone and (b_alone or b_surname) or b_alone and a_surname) or _demonym_and_name(a, b):
            continue
        if su != sv and same_source_only:
            continue
        if su != sv and not (context.same_event(su, sv) and shared_context(context_u[su], context_v[sv])):
            continue
        found.append(Support(a, b, 0.75 if su == sv else 0.65, "same story", True))
    if not found:
        return []
    sources = {s.a.source for s in found} | {s.b.source for s in found}
    if different_people(u, v, stats, sources):
        return []
    if _both_established(u, v, by_key, sources):
        return []
    return found


def contexts_by_source(mentions: Sequence[Mention]) -> dict[str, list[frozenset[str]]]:
    """source -> the content words of (up to MAX_CONTEXTS) claims naming the key, names left out."""
    out: dict[str, list[frozenset[str]]] = defaultdict(list)
    for m in mentions:
        if len(out[m.source]) < MAX_CONTEXTS:
            names = {t.casefold() for n in m.claim.facts.names for t in n.tokens}
            out[m.source].append(frozenset(m.claim.facts.content - names - WEAK_CONTEXT))
    return out


def shared_context(contexts_u: Sequence[frozenset[str]], contexts_v: Sequence[frozenset[str]]) -> bool:
    """Two stories say something alike where they name it ("his wife, Stacy, and two young sons" /
    "his wife, Stacey, and their two young sons"): a lone name in another article needs that much."""
    return any(len(cu & cv) >= MIN_SHARED_CONTEXT for cu in contexts_u for cv in contexts_v)


def _by_source(mentions: Sequence[Mention], key: str) -> dict[str, tuple[Mention, bool, bool]]:
    """source -> (its preferred mention, whether the key stands alone there, whether it ends a person's name)."""
    out: dict[str, tuple[Mention, bool, bool]] = {}
    for m in mentions:
        best, alone, surname = out.get(m.source, (None, False, False))
        if best is None or _preference(m) < _preference(best):
            best = m
        alone = alone or len(m.form.keys) == 1
        surname = surname or m.name.label == "PERSON" and len(m.form.keys) > 1 and m.form.last == key
        out[m.source] = (best, alone, surname)
    return out


def _both_established(u: str, v: str, by_key: dict[str, list[Mention]], sources: set[str]) -> bool:
    """Each spelling is used by two or more of these sources: two names, not a slip."""
    su = {m.source for m in by_key[u] if m.source in sources}
    sv = {m.source for m in by_key[v] if m.source in sources}
    return len(su) >= 2 and len(sv) >= 2
