"""QUO002: a word inside the same short quotation changed, in the same sentence frame."""
from __future__ import annotations

from collections import Counter

from ...model import Severity
from .. import quote_align as qa
from ..align import NEGATIONS
from ..aligned import AlignedRule
from .aligned_date import SAME_SENTENCE, date_part

MAX_QUOTED_WORDS = 3  # a longer change is a paraphrase more than a misquoted word


class AlignedQuoteDifference(AlignedRule):
    """A short quotation reads with another word in two sources.

    ## What it does
    Aligns two claims word by word (``compare.align``) and reports a
    discrepancy where, in a shared frame, a content word inside quotation
    marks on both sides differs: "called it “a great concern”" against
    "called it “a good concern”", "“all the bishops”" against "“most the
    bishops”". Long quotations are QUO001's, which aligns whole quotations
    across the corpus; this classifier sees the short quoted phrases too
    short for that, in one sentence told twice (the claims otherwise the
    same). Conventions, contractions, inflections and function words are
    wording (QUO001's judgement of a gap), and figures, names, dates and
    negations are read by their own rules.

    ## Why it matters
    Quotation marks promise the speaker's words; "dangerous" and "deadly"
    are two different accusations.

    ## Example
    "whom he called a “dangerous demagogue”" against "whom he called a
    “deadly demagogue”": dangerous vs deadly.
    """

    code = "QUO002"
    name = "aligned-quote-difference"
    category = "quote"
    severity = Severity.MEDIUM
    base_confidence = 0.7

    def classify(self, alignment, difference):
        words = (*difference.a, *difference.b)
        if not all(w.in_quote for w in words) or max(len(difference.a), len(difference.b)) > MAX_QUOTED_WORDS:
            return None
        if any(w.number is not None or w.name_like or date_part(w) or w.key in NEGATIONS for w in words):
            return None  # figures, names, dates and negations: the rules that read them
        if alignment.coverage < SAME_SENTENCE or alignment.substantive(exclude=difference):
            return None  # two quotations of a speech in sentences that differ elsewhere too: QUO001's to align
        ka = [k for w in difference.a for k in qa.word_keys(w.text)]
        kb = [k for w in difference.b for k in qa.word_keys(w.text)]
        if qa.judge_keys(ka, kb) != qa.EDIT:
            return None  # a convention, a contraction, a function word or an inflection: wording
        shorter, longer = sorted((Counter(ka), Counter(kb)), key=lambda c: c.total())
        if not shorter - longer:
            return None  # words only added: one quotation starts or ends elsewhere, QUO001's to judge
        return " ".join(w.text for w in difference.a), " ".join(w.text for w in difference.b)
