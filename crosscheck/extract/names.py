"""Name mentions: people, places and organisations, with titles stripped."""
from __future__ import annotations

from ..model import NameMention

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
TITLES = {
    "mr", "mrs", "ms", "dr", "sir", "dame", "rep", "sen", "gov", "lt", "gen", "col", "capt",
    "president", "minister", "senator", "representative", "governor", "judge", "justice",
    "king", "queen", "prince", "pope", "rev", "prof", "chancellor", "premier", "secretary",
}


def extract(ctx) -> list[NameMention]:
    mentions = []
    for ent in ctx.span.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        toks = [t for t in ent if t.is_alpha or "-" in t.text or "'" in t.text]
        while toks and (toks[0].lower_.rstrip(".") in TITLES or toks[0].lower_ == "the"):
            toks = toks[1:]
        if toks and toks[-1].lower_ in ("'s", "’s"):
            toks = toks[:-1]
        if not toks:
            continue
        tokens = tuple(t.text.replace("’s", "").replace("'s", "") for t in toks)
        mentions.append(NameMention(ctx.token_span(toks[0], toks[-1]), ent.label_, tokens))
    return mentions
