from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from ...model import Claim, Kind, Observation, Severity
from .. import quote_align as qa
from ..base import Rule, ScanContext, side

MIN_AGREEING_WORDS = 4  # shared words two claims' quote pieces need for an agreement


class QuoteAltered(Rule):
    """The same quotation reads differently in two sources.

    ## What it does
    Finds quotations that two sources of the same event both put in
    quotation marks (an inverted index of three-word shingles, then a word
    by word alignment) and compares their wording. Words changed, added or
    dropped *inside* the stretch both quote are a discrepancy; one outlet
    quoting a longer or shorter stretch is not. The quotation read the same
    way in both is an agreement, and so is a short fragment both put in
    quotation marks ("called it an “outrageous distortion”"). A fragment of
    three words or more that one source quotes on its own and another quotes
    inside a longer quotation with one content word changed is a discrepancy
    ("“steward its resources”" / "... to husband its resources ...").

    Transcription conventions never count as changes: case, curly or
    straight marks, dashes, punctuation, contractions ("I'd like" / "I would
    like"), censored expletives ("f***ing"), editorial brackets ("pay [for]
    it"), ellipses marking an omission, a whole sentence skipped between two
    quoted sentences, number words, British/American spelling, acronyms
    ("F.B.I." / "FBI"), a title and its abbreviation ("Sen." / "Senator"),
    one name's spellings. A wording variant, listed but never a
    discrepancy, changes no content word: a lone "and", "that", article,
    title, aside or filler ("oh", "well") added or dropped, a function word
    added or dropped ("pay their taxes" / "pay taxes"), an inflection ("pew"
    / "pews"). A negation or modal ("will" / "might") is never a function
    word here, nor is one pronoun put for another ("he" / "she"). A
    one-letter slip is a low-severity discrepancy.

    Where both quotations begin (end) within three words of the stretch they
    share, their first (last) words are compared too: "As the referee very
    well knows" against "I believe the referee very well knows" is an edit.
    So is what one quotation adds before the closing word of the other ("I
    know you're under a lot of pressure" / "I know you're under pressure").
    A short sentence that one outlet quotes whole and another quotes with
    the words leading into it, from the same speaker, ending alike and six
    words shared, is one quotation ("What have you guys been debating,
    John?" / "In the House, what have you guys been doing, John?").

    ## Why it matters
    A quotation is the one place where an outlet promises the speaker's exact
    words. "We will win at the Supreme Court" and "we will win in the Supreme
    Court" cannot both be verbatim: one outlet misheard, misquoted or
    silently edited, and an editor should check the recording.

    ## Example
    "Mexican people, we are not going to pay a single cent for such a stupid
    wall" and "... pay any single cent for such a stupid wall": the value
    compared is "to pay a single cent" against "to pay any single cent".
    """

    code = "QUO001"
    name = "quote-altered"
    category = "quote"
    scope = "corpus"
    severity = Severity.MEDIUM

    def scan(self, claims: Sequence[Claim], context: ScanContext) -> Iterator[Observation]:
        for match in qa.run_matches(claims, context):
            yield from self.observe_match(claims, match)
        group_of = context.groups(c.source_id for c in claims)
        passages = qa.run_passages(claims, context)
        for a, b, mine, theirs in qa.altered_fragments(claims, context.same_event, group_of, passages):
            yield self.observe(
                Kind.DISCREPANCY,
                [side(claims[site.claim], site.span, _keys(claims[site.claim], site.span)) for site in (a, b)],
                confidence=0.6, changed=f"{mine} / {theirs}",
            )
        for a, b in qa.fragment_pairs(claims, context.same_event, group_of, passages):
            yield self.observe(
                Kind.AGREEMENT,
                [side(claims[a.claim], a.span, "same quotation"), side(claims[b.claim], b.span, "same quotation")],
                confidence=0.6, phrase=a.span.text,
            )

    def observe_match(self, claims: Sequence[Claim], match: qa.Match) -> Iterator[Observation]:
        a, b = match.a, match.b
        for seg in match.segments:
            edited: set[tuple[int, int]] = set()
            lo_a, lo_b = seg.anchors[0][0], seg.anchors[0][1]
            hi_a = seg.anchors[-1][0] + seg.anchors[-1][2]
            hi_b = seg.anchors[-1][1] + seg.anchors[-1][2]
            for gap in seg.edits:
                if gap.context < qa.MIN_EDIT_CONTEXT and seg.anchored < qa.MIN_COVER * min(a.size, b.size):
                    continue  # too little shared wording around it, and not the whole shorter quotation
                ca = qa.claim_for(a.tokens, gap.i1, gap.i2)
                cb = qa.claim_for(b.tokens, gap.j1, gap.j2)
                if ca is None or cb is None:
                    continue
                context = 0 if _content_swap(a.tokens[gap.i1:gap.i2], b.tokens[gap.j1:gap.j2]) else 2
                la, ra = qa.value_range(a.tokens, gap.i1, gap.i2, ca, lo_a, hi_a, context=context)
                lb, rb = qa.value_range(b.tokens, gap.j1, gap.j2, cb, lo_b, hi_b, context=context)
                span_a = qa.written(a.article, a.tokens, la, ra) or a.pieces[ca]
                span_b = qa.written(b.article, b.tokens, lb, rb) or b.pieces[cb]
                edited.add((ca, cb))
                yield self.observe(
                    Kind.VARIANT if gap.verdict == qa.WORDING else Kind.DISCREPANCY,
                    [side(claims[ca], span_a, qa.norm_of(a.tokens, la, ra)),
                     side(claims[cb], span_b, qa.norm_of(b.tokens, lb, rb))],
                    severity=Severity.LOW if gap.minor else Severity.MEDIUM,
                    confidence=0.6 if gap.minor else min(0.95, 0.7 + 0.02 * gap.context),
                )
            yield from self._agreements(claims, match, seg, edited)

    def _agreements(self, claims, match: qa.Match, seg: qa.Segment, edited) -> Iterator[Observation]:
        a, b = match.a, match.b
        shared: Counter[tuple[int, int]] = Counter()
        first: dict[tuple[int, int], int] = {}
        for i, j, size in seg.anchors:
            for k in range(size):
                pair = (a.tokens[i + k].claim, b.tokens[j + k].claim)
                shared[pair] += 1
                first.setdefault(pair, i + k)
        for (ca, cb), n in sorted(shared.items(), key=lambda kv: str(kv[0])):
            if ca is None or cb is None or (ca, cb) in edited or n < MIN_AGREEING_WORDS:
                continue
            phrase = qa.written(a.article, a.tokens, first[(ca, cb)], first[(ca, cb)] + min(n, 12))
            yield self.observe(
                Kind.AGREEMENT,
                [side(claims[ca], a.pieces[ca], "same quotation"), side(claims[cb], b.pieces[cb], "same quotation")],
                confidence=min(0.95, 0.6 + 0.03 * n),
                phrase=phrase.text if phrase else "",
            )


def _content_swap(ga, gb) -> bool:
    """Whether both sides of a gap hold a content word ("running" / "run", "home" / "house"): the
    changed words say what changed, and the words around them, which outlets write with their own
    apostrophes and dashes, are left out of the values."""
    return any(t.key not in qa.STOP for t in ga) and any(t.key not in qa.STOP for t in gb)


def _keys(claim: Claim, span) -> str:
    """The compared words of a quoted span, as the quote aligner keys them."""
    return " ".join(t.key for t in qa.tokenize(claim.article, span, lambda _: None))
