"""CNT002: one described thing, two counts ("48-page indictment" / "47-page indictment"), anywhere in an event."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ...model import Claim, Kind, Quantity, Severity
from ..base import Rule, ScanContext, side
from ..quantity_pairs import norm, owners_clash


def _attribute_key(q: Quantity) -> tuple[str, str] | None:
    """('page', 'indictment') for '48-page indictment'; None for figures that describe nothing."""
    if not (q.is_count and q.describes and q.noun) or q.qualifier or q.parts:
        return None
    return q.noun, q.describes


class AttributeCountMismatch(Rule):
    """Articles on one event give different counts as an attribute of the same thing.

    ## What it does
    Collects figures glued to a unit that describe a noun — "a 48-page
    indictment", "a 12-member panel" — across all claims, and reports a
    discrepancy when two sources reporting the same event (see ``events``)
    give different counts for the same unit and noun, even where the two
    sentences are too different to be linked. A source that itself gives
    two different counts for the key (two panels, two letters) is left out,
    as are figures attached to different names.

    ## Why it matters
    The length of an indictment or the size of a panel is stated in passing,
    in sentences that otherwise say different things; sentence similarity
    never brings them together, yet both cannot be right.

    ## Example
    "Among the allegations named in the 48-page indictment ..." and "'The
    goal of the conspiracy ...', the 47-page indictment says": 48 vs 47
    pages.
    """

    code = "CNT002"
    name = "attribute-count-mismatch"
    category = "count"
    scope = "corpus"
    severity = Severity.MEDIUM
    confidence = 0.5

    def scan(self, claims: Sequence[Claim], context: ScanContext):
        mentions: dict[tuple[str, str], dict[str, list[tuple[Claim, Quantity]]]] = defaultdict(lambda: defaultdict(list))
        for claim in claims:
            for q in claim.facts.quantities:
                key = _attribute_key(q)
                if key is not None:
                    mentions[key][claim.source_id].append((claim, q))
        out = []
        event = context.groups(sorted({sid for per_source in mentions.values() for sid in per_source}))
        for key in sorted(mentions):
            by_source = {sid: found for sid, found in mentions[key].items()
                         if len({q.value for _, q in found}) == 1}  # one value per article, or it is ambiguous
            by_event: dict[int, list[str]] = defaultdict(list)  # pairs within an event only: no all-pairs
            for sid in sorted(by_source):
                by_event[event[sid]].append(sid)
            for sa, sb in ((sa, sb) for sources in by_event.values()
                           for i, sa in enumerate(sources) for sb in sources[i + 1:]):
                (ca, qa), (cb, qb) = by_source[sa][0], by_source[sb][0]
                if qa.value == qb.value or not context.same_event(sa, sb) or owners_clash(qa, qb):
                    continue
                out.append(self.observe(Kind.DISCREPANCY, [side(ca, qa.span, norm(qa)), side(cb, qb.span, norm(qb))],
                                        confidence=self.confidence, attribute=" ".join(key)))
        return out
