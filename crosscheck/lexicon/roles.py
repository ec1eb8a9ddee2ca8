"""Words that carry a person's office, or a statement's state and direction.

An office head noun ("minister", "secretary") after a differing modifier is a
different office for the same person ("Finance Minister X" / "Foreign Minister
X"). Opposite pairs and planning words turn one statement into its contrary:
"lifted" / "eased", "before" / "after", "signed" / "will sign".
"""
from __future__ import annotations

OFFICES = frozenset("""
minister secretary senator governor president director chairman chairwoman chair chairperson spokesman
spokeswoman spokesperson adviser advisor aide attorney judge mayor ambassador representative congressman
congresswoman leader whip speaker chief commissioner officer deputy counsel treasurer manager strategist
administrator prosecutor sheriff superintendent general premier chancellor envoy lawyer pastor bishop
justice
""".split())

# one of each pair, written in one claim where the other claim writes its partner, reverses the statement
OPPOSITE_PAIRS = (
    ("before", "after"), ("lifted", "eased"), ("lift", "ease"), ("rose", "fell"), ("rise", "fall"),
    ("increased", "decreased"), ("increase", "decrease"), ("raised", "lowered"), ("won", "lost"),
    ("approved", "rejected"), ("approve", "reject"), ("passed", "failed"), ("accepted", "rejected"),
    ("confirmed", "denied"), ("acquitted", "convicted"), ("opened", "closed"), ("support", "oppose"),
    ("supports", "opposes"), ("supported", "opposed"), ("higher", "lower"), ("more", "fewer"),
    ("majority", "minority"), ("first", "last"), ("up", "down"), ("gained", "lost"), ("allowed", "banned"),
    ("legal", "illegal"), ("guilty", "innocent"), ("alive", "dead"), ("expanded", "cut"), ("resigned", "fired"),
    ("yes", "no"), ("for", "against"), ("democrat", "republican"), ("democratic", "republican"),
    ("democrats", "republicans"), ("liberal", "conservative"), ("house", "senate"),
    ("beat", "missed"), ("exceeded", "missed"), ("hired", "fired"), ("above", "below"), ("ahead", "behind"),
    ("cancelled", "postponed"), ("canceled", "postponed"),
)
OPPOSITES: dict[str, frozenset[str]] = {}
for _x, _y in OPPOSITE_PAIRS:
    OPPOSITES[_x] = OPPOSITES.get(_x, frozenset()) | {_y}
    OPPOSITES[_y] = OPPOSITES.get(_y, frozenset()) | {_x}

# words that place one event before or after another ("began after the arrest")
ORDER_WORDS = {"before": "before", "after": "after", "following": "after", "prior": "before"}

# verbs (as lemmas) of which one, where another source writes the other, reverses a statement (POL001)
ANTONYMS = frozenset(frozenset(pair) for pair in [
    ("approve", "reject"), ("accept", "reject"), ("accept", "decline"), ("win", "lose"), ("gain", "lose"),
    ("rise", "fall"), ("rise", "drop"), ("rise", "decline"), ("increase", "decrease"),
    ("increase", "fall"), ("increase", "drop"), ("confirm", "deny"), ("admit", "deny"),
    ("support", "oppose"), ("open", "close"), ("acquit", "convict"), ("include", "exclude"),
    ("allow", "ban"), ("allow", "forbid"), ("pass", "fail"), ("succeed", "fail"), ("lift", "impose"),
    ("grow", "shrink"), ("expand", "shrink"), ("agree", "refuse"), ("remember", "forget"),
    ("back", "oppose"), ("endorse", "oppose"), ("favor", "oppose"), ("praise", "criticize"),
    ("acquit", "sentence"), ("release", "detain"), ("uphold", "overturn"), ("uphold", "strike"),
    ("beat", "miss"), ("exceed", "miss"), ("hire", "fire"), ("lift", "ease"), ("cancel", "postpone"),
    ("sign", "veto"), ("resign", "fire"), ("attend", "boycott"), ("attend", "skip"),
])

# a step only planned or announced, against one reported as done
PLANNED = frozenset("""
will would shall plans plan planned planning intends intend intended expected expects set going
proposed proposes propose announced announces may might could considering consider wants want hopes
vowed vows vow pledged pledges pledge promised promises promise aims aim seeks seek scheduled poised
""".split())

# words that introduce a cause: "caused by heavy rain", "blamed on a failed dam"
CAUSE_MARKERS = ("caused by", "because of", "due to", "blamed on", "triggered by", "sparked by", "owing to",
                 "attributed to", "the result of", "a result of", "prompted by")

# a party or a caucus side is an affiliation, not an office: "GOP" / "Republican Party",
# "Minority Leader" / "Democratic Leader" name one person's post two true ways
AFFILIATIONS = frozenset("""
gop republican republicans democratic democrat democrats party minority majority conservative liberal
labour labor tory independent
""".split())

# -------------------------------------------------------------- a person's title next to the name

# an abbreviated title and the word it stands for ("Sen. John McCain")
TITLE_ABBREVIATIONS = {
    "sen": "senator", "sens": "senators", "rep": "representative", "reps": "representatives",
    "gov": "governor", "lt": "lieutenant", "gen": "general", "atty": "attorney", "sec": "secretary",
    "supt": "superintendent", "cmdr": "commander", "adm": "admiral", "capt": "captain", "col": "colonel",
    "maj": "major", "sgt": "sergeant", "pres": "president", "amb": "ambassador", "dir": "director",
}
# offices that name one post two ways ("Congressman X" is "Representative X")
SAME_OFFICE = {"congressman": "representative", "congresswoman": "representative",
               "congressmember": "representative", "chairwoman": "chairman", "chair": "chairman",
               "chairperson": "chairman", "spokeswoman": "spokesman", "spokesperson": "spokesman",
               "advisor": "adviser", "ceo": "chief executive", "senators": "senator", "attorney": "lawyer"}
# heads of which one person holds one at a time: two of a family given to one person conflict
EXCLUSIVE_OFFICES = (
    frozenset({"senator", "representative", "assemblyman", "assemblywoman", "delegate"}),
    frozenset({"chief executive", "president", "chairman", "founder"}),
    frozenset({"governor", "mayor", "senator", "representative"}),
)
# a step up or down within one office: "Vice President" is not "President"
RANKS = frozenset("vice deputy assistant associate lieutenant under principal".split())
# when the office was held, not which office: "former Gov." and "Gov." name one post
TENURE = frozenset("former then ex late outgoing incoming current now newly acting interim".split())
FORMER = frozenset({"former", "ex"})  # the office is no longer held (not "then", which dates it)
# which office of several of one kind: "Finance Minister" / "Foreign Minister"
PORTFOLIOS = frozenset("""
foreign finance defense defence interior home justice treasury economy economic trade health education
energy commerce transportation agriculture environment environmental intelligence security homeland
labor labour state prime press communications legal national transport culture tourism housing
fisheries infrastructure development welfare immigration industry mines petroleum oil water sports
youth planning veterans interior regional digital climate employment pensions
""".split())
# honorifics: a courtesy, not an office ("Mr. Cathy")
HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame lord lady rev reverend fr".split())
# two-word offices, read as one head ("Attorney General Jeff Sessions")
COMPOUND_OFFICES = frozenset({
    "attorney general", "surgeon general", "inspector general", "solicitor general", "chief executive",
    "press secretary", "prime minister", "chief justice", "district attorney", "secretary general",
})
# titles written with a period that does not end the sentence ("Mr. Trump", "Sen. Cantwell")
ABBREVIATED_TITLES = frozenset(HONORIFICS | set(TITLE_ABBREVIATIONS) | {"st", "jr", "sr", "mt", "ft"})

# nouns that name one kind of event: "the blast" and "the explosion" are one event told two ways
EVENT_NOUN_CLASSES = tuple(frozenset(c.split()) for c in (
    "blast explosion bombing detonation", "crash collision accident wreck", "fire blaze inferno",
    "earthquake quake tremor", "storm hurricane typhoon cyclone", "shooting gunfire", "attack assault raid",
    "meeting talks summit", "election vote ballot poll", "protest demonstration rally march",
    "flood flooding deluge", "strike walkout stoppage",
))
EVENT_NOUNS = {noun: min(c) for c in EVENT_NOUN_CLASSES for noun in c}  # noun -> its class's name

# head nouns of bodies that speak as one ("the Foreign Ministry said", "the presidential office said"): a
# statement credited to one body by one source and to another by a second is an attribution conflict
BODIES = frozenset("""
ministry office department agency government council commission presidency cabinet administration embassy
secretariat regulator authority police military army navy court prosecutors company bank union federation
committee board palace
""".split())

# nouns that tie one person to another ("Doyle's deputy", "successor to Brandt"): the same two people with
# the tie pointing the other way in another source is one relation told backwards
RELATIONS = frozenset("""
deputy successor predecessor boss aide assistant mentor protege protégé superior subordinate understudy
""".split())
