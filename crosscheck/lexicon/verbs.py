"""Verbs: their irregular past forms, and which of them name one kind of act.

Each table groups verbs for one comparison, and the groupings differ on
purpose: two dates of "quit" and "left" date one event (``DATED_EVENT_CLASSES``),
"12 died" and "killed 12" report one figure (``SAME_PREDICATE``), and "will
outline" and "delivered" at one occasion are one step (``ACT_CLASSES``).
"""
from __future__ import annotations

# auxiliaries that carry tense, not the act ("had signed" / "was expected to sign": the act is "sign")
AUXILIARIES = frozenset({"has", "have", "had", "was", "were", "is", "are", "been", "be"})

# irregular past forms of verbs the comparators read as acts ("rose" is "rise" done)
IRREGULAR = {
    "rise": {"rose", "risen"}, "fall": {"fell", "fallen"}, "win": {"won"}, "lose": {"lost"},
    "grow": {"grew", "grown"}, "shrink": {"shrank", "shrunk"}, "forget": {"forgot", "forgotten"},
    "forbid": {"forbade", "forbidden"}, "do": {"did", "done"}, "go": {"went", "gone"},
    "take": {"took", "taken"}, "give": {"gave", "given"}, "make": {"made"}, "say": {"said"},
    "meet": {"met"}, "leave": {"left"}, "hold": {"held"}, "find": {"found"}, "know": {"knew", "known"},
    "see": {"saw", "seen"}, "come": {"came"}, "get": {"got", "gotten"}, "pay": {"paid"},
    "sell": {"sold"}, "buy": {"bought"}, "bring": {"brought"}, "keep": {"kept"}, "tell": {"told"},
    "speak": {"spoke", "spoken"},
}
# verbs that name one kind of act: "will outline his approach" and "delivered his speech" at one
# occasion are one step told as planned and as done
ACT_CLASSES = tuple(frozenset(c.split()) for c in (
    "outline unveil present deliver detail", "speak address", "testify appear", "visit tour travel",
    "release publish issue",
))

# Verbs that name the same kind of event: a date of "quit" and a date of "left"
# date the same thing; a date of "joined" and one of "left" do not.
DATED_EVENT_CLASSES: tuple[frozenset[str], ...] = tuple(frozenset(c.split()) for c in (
    "serve hold lead head chair run represent occupy helm",
    "leave quit resign depart exit retire abandon step_down",
    "join enter start begin launch found establish create set_up",
    "elect reelect appoint name nominate pick select choose tap designate install confirm",
    "meet talk sit",
    "travel visit fly arrive go head return trip",
    "die kill pass",
    "arrest detain charge indict",
    "sign enact",
    "veto strike_down reject block",
    "pass approve adopt ratify vote",
    "win defeat beat",
    "marry wed",
    "end finish conclude close",
    "release issue unveil",
    "attack strike bomb raid shoot",
    "hold schedule set slate stage plan",
    "take_over assume become",
    "start begin break_out erupt spark ignite",
))

# predicates that report the same event in other words ("12 died" / "killed 12")
SAME_PREDICATE = tuple(frozenset(s.split()) for s in (
    "kill die", "injure wound hurt", "arrest detain apprehend", "win gain", "lose drop",
    "rise increase grow climb double jump", "fall decline decrease drop halve shrink slump", "hold detain", "divert move redirect shift",
))
