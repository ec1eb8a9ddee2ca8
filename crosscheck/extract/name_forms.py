"""When two written names are the same name: keys, conventions, nicknames.

Name comparators ask two questions of two spellings: are they the same name
written by a different convention (then they never conflict), and if not, are
they close enough to be one name misspelt? This module answers the first
question with pure string functions and small tables that hold for any news
text, not for one corpus:

* accents and transliteration: "Çavuşoğlu" = "Cavusoglu", "Sergei" = "Sergey",
  "Gaddafi" = "Qaddafi" (folding plus a small table of common romanisations);
* British and American spelling: "Defence" = "Defense", "Labour" = "Labor";
* abbreviations, "&", hyphens and possessives: "F.E.C." = "FEC",
  "Glovsky & Popeo" = "Glovsky and Popeo", "Ocasio-Cortez" = "Ocasio Cortez";
* middle initials and suffixes: "Steny H. Hoyer" = "Steny Hoyer";
* nicknames: "Tim" = "Timothy", "Ted" = "Edward", "Bill" = "Will";
* derived forms: "Israel" / "Israeli", "Clinton" / "Clintons".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
from rapidfuzz.distance import OSA

from ..lexicon.spelling import american, fold

# ---------------------------------------------------------------- tokens

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_NOT_LETTER = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def token_key(token: str) -> str:
    """A comparable key for one written name token: folded, no dots, apostrophes or possessive.

    "Çavuşoğlu" -> "cavusoglu", "O'Brien" -> "obrien", "F.E.C." -> "fec", "Cowan’s" -> "cowan".
    """
    t = fold(token)
    if t.endswith("'s"):
        t = t[:-2]
    return _NOT_LETTER.sub("", t)


def is_initial(token: str) -> bool:
    """A middle initial ("H." or "H"): never a spelling difference."""
    bare = token.rstrip(".")
    return len(bare) == 1 and bare.isalpha()


@dataclass(frozen=True)
class NameForm:
    """A written name reduced to what identifies it.

    ``keys`` are the identifying tokens in order ("steny", "hoyer" for
    "Steny H. Hoyer"); ``acronym`` joins all-caps or dotted forms ("fec").
    """

    keys: tuple[str, ...]

    @property
    def given(self) -> str | None:
        return self.keys[0] if len(self.keys) >= 2 else None

    @property
    def last(self) -> str:
        return self.keys[-1] if self.keys else ""

    @property
    def joined(self) -> str:
        return "".join(self.keys)


def name_form(tokens: tuple[str, ...] | list[str]) -> NameForm:
    """Identifying keys of a name given as written tokens (titles already removed)."""
    capitalised = any(tok[:1].isupper() for tok in tokens)
    keys = []
    for tok in tokens:
        if is_initial(tok) and len(tokens) > 1:
            continue
        if capitalised and tok[:1].islower():
            continue  # particles and prefixes: "al-Assad", "de Blasio", "anti-Trump"
        key = token_key(tok)
        if not key or key in SUFFIXES and len(tokens) > 1:
            continue
        keys.append(key)
    return NameForm(tuple(keys))


# ---------------------------------------------------------------- transliteration

_ROMANISATIONS = """
muhammad mohammed mohammad mohamed mohamad muhammed mohammod mohamud
muammar moammar moamar muamar
ahmed ahmad ahmet
hussein husain hussain husein
hassan hasan
osama usama
qaeda qaida
gaddafi qaddafi gadhafi qadhafi kadafi khadafi gadafi
hezbollah hizbollah hizballah
abdullah abdallah
mahmoud mahmud
omar umar
yusuf youssef yousef yousuf
sheikh shaikh sheik
tehran teheran
assad asad
rouhani rowhani
khamenei khamenei
nasrallah nasrullah
kyiv kiev
odesa odessa
kharkiv kharkov
volodymyr volodimir
zelensky zelenskyy zelenskiy zelenski
dmitry dmitri dmitriy
yuri yury yuriy
mikhail mihail
aleksandr alexander aleksander
beijing peking
mumbai bombay
myanmar burma
turkiye turkey
chechnya chechnia
"""
_SLAVIC_ENDING = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])e[iy]$")  # Sergei/Sergey, Alexei/Alexey
_SKY_ENDING = re.compile(r"(?<=[sc]k)(?:iy|yy|ii|i|y)$")  # Zelensky/Zelenskyy/Zelenskiy
_IY_ENDING = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])(?:iy|yy|ii)$")  # Navalnyy/Navalny, Yuriy/Yury
_KS = re.compile(r"ks(?=[aeiou])")  # Aleksei/Alexei, Aleksandr/Alexandr
_YE_START = re.compile(r"^ye(?=[lrvkgz])")  # Yerlan/Erlan, Yevgeny/Evgeny, Yelena/Elena, Yekaterina/Ekaterina
_UMLAUT = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])([ou])e(?=[bcdfghjklmnpqrstvwxz])")  # Mueller/Müller


def _romanisation_table() -> dict[str, str]:
    table = {}
    for line in _ROMANISATIONS.split("\n"):
        variants = line.split()
        for v in variants:
            table[v] = variants[0]
    return table


_ROMANISATION = _romanisation_table()


@lru_cache(maxsize=65536)
def romanised(key: str) -> str:
    """One romanisation for names written several ways from other scripts."""
    if key in _ROMANISATION:
        return _ROMANISATION[key]
    if len(key) >= 5:
        key = _SLAVIC_ENDING.sub("ei", key)
        key = _SKY_ENDING.sub("y", key)
        key = _IY_ENDING.sub("y", key)
        key = _KS.sub("x", key)
        key = _YE_START.sub("e", key)
        key = _UMLAUT.sub(r"\1", key)
    return key


# ---------------------------------------------------------------- nicknames

# formal name: its common short forms (English hypocorisms). Different formal
# spellings of one name (Catherine, Katherine) are NOT merged: if one person's
# name is spelt both ways, one source has it wrong.
_HYPOCORISMS = """
abigail: abby abbie gail
abraham: abe
albert: al bert bertie
alexander: alex alec xander sandy
alexandra: alex alexa sandra sandy lexi
alfred: al alf alfie fred
andrew: andy drew
angela: angie
anthony: tony
antonio: tony
arthur: art artie
barbara: barb barbie babs
benjamin: ben benny benji
bernard: bernie
beverly: bev
bradley: brad
catherine: cathy kathy kate katie kat cat kay
katherine: kathy kate katie kat kay
kathryn: kathy kate katie kat kay
charles: charlie chuck chas chaz
christina: chris tina christy
christine: chris tina christy
christopher: chris kit
clifford: cliff
cynthia: cindy
daniel: dan danny
david: dave davey
deborah: deb debbie debby
donald: don donnie
dorothy: dot dottie
douglas: doug
edward: ed eddie ted teddy ned
elizabeth: liz lizzie beth betsy betty bess eliza libby
eugene: gene
francis: frank
franklin: frank
frederick: fred freddie fritz
gabriel: gabe
gerald: gerry jerry
gregory: greg
harold: hal harry
henry: hank harry hal
herbert: herb
howard: howie
isaac: ike
jacob: jake
james: jim jimmy jamie
jeffrey: jeff
geoffrey: geoff jeff
jennifer: jen jenny
jessica: jess jessie
john: jack johnny
jonathan: jon jonny
joseph: joe joey
joshua: josh
judith: judy
kenneth: ken kenny
lawrence: larry
laurence: larry
leonard: len lenny leo
margaret: maggie meg peg peggy marge margie greta
matthew: matt
michael: mike mick mickey
mitchell: mitch
nathaniel: nate nat
nathan: nate nat
nicholas: nick nicky
pamela: pam
patricia: pat patty trish tricia
patrick: pat paddy
peter: pete
philip: phil
phillip: phil
raymond: ray
rebecca: becky becca
richard: rick ricky dick rich richie
robert: rob bob bobby robbie bert
ronald: ron ronnie
russell: russ
samuel: sam sammy
samantha: sam sammy
stephen: steve stevie
steven: steve stevie
susan: sue susie suzy
suzanne: sue susie suzy
terrence: terry
terence: terry
theodore: ted teddy theo
thomas: tom tommy
timothy: tim timmy
victoria: vicky vickie tori
vincent: vince vinny
walter: walt wally
william: bill billy will willy willie liam
zachary: zach zack
kimberly: kim
nicole: nikki
valerie: val
"""
# spellings of one given name: different people may carry them, but one person
# carries only one (a difference for one person is a misspelling, not a nickname)
_SPELLINGS = """
catherine katherine kathryn katharine
stephen steven
jeffrey geoffrey jeffery
philip phillip
ann anne
sara sarah
stacy stacey
tracy tracey
alan allan allen
brian bryan
sean shawn shaun
eric erik
carl karl
mark marc
nicholas nicolas
rebecca rebekah
teresa theresa
lindsey lindsay
michele michelle
isabel isabelle
marsha marcia
jon john
lawrence laurence
terrence terence
"""
# other common given names, so two distinct names ("Mark" / "Mary") are never read as one misspelt
_OTHER_GIVEN = """
mary mark marie maria mario marco marcus paul paula ryan bryan kevin karen karin keith kelly kelley
linda loretta lisa laura lauren louis louise luis lucy luke lee leah lena leon leona
dana dane dean diane dianne donna dora doris diana dina
eric erin erica erik ellen ella elena elaine ellie emily emma
jane janet jean joan joanne jan jana jason jay jim jill jody judy julia julian julie june justin
carl carla carol carole caroline carolyn cara clara claire clare chad chuck cole
nancy norma neil nina noah nora
adam alan alana aaron amy ana anna anne annie andrea andre arlene
bruce brad brett brenda bret brent brian bryan
gary gail gale glen glenn grace greg
ben bob bill beth betty
sam sara sarah scott sean sharon shawn shirley stacy stacey steve stephanie sue susan
tom tim tina todd tony tracy troy ted terry
ron rob rose ross ruth roy rick rich rita
dan don dave david diane
ed eva eve
hal hank harry helen henry
jack jake jeff jerry jess jessie joe john jon josh
ken kim kirk kyle
matt max meg mike mitt mitch molly
nate nick
pat pete phil
ray rex
will walt wade
"""


def _nickname_table() -> tuple[dict[str, frozenset[str]], frozenset[str], dict[str, int]]:
    formal_of: dict[str, set[str]] = {}
    for line in _HYPOCORISMS.strip().split("\n"):
        formal, nicks = line.split(":")
        formal = formal.strip()
        formal_of.setdefault(formal, set()).add(formal)
        for nick in nicks.split():
            formal_of.setdefault(nick, set()).add(formal)
    spelling_group: dict[str, int] = {}
    for n, line in enumerate(_SPELLINGS.strip().split("\n")):
        for name in line.split():
            spelling_group[name] = n
    known = set(formal_of) | set(spelling_group) | set(_OTHER_GIVEN.split())
    return {k: frozenset(v) for k, v in formal_of.items()}, frozenset(known), spelling_group


_FORMAL_OF, KNOWN_GIVEN_NAMES, _SPELLING_GROUP = _nickname_table()


def nickname_of(a: str, b: str) -> bool:
    """'tim' / 'timothy', 'ted' / 'edward', 'bill' / 'will': one person's names, not a conflict.

    Two formal names (Catherine / Katherine) are not nicknames of each other.
    """
    if a == b:
        return True
    fa, fb = _FORMAL_OF.get(a), _FORMAL_OF.get(b)
    if fa is None or fb is None:
        return False
    a_formal, b_formal = a in fa, b in fb
    if a_formal and b_formal:
        return False
    if a_formal:
        return a in fb
    if b_formal:
        return b in fa
    return bool(fa & fb)  # two short forms of one name: "bill" / "will"


def distinct_given_names(a: str, b: str) -> bool:
    """Two different common given names ("mark" / "mary"), not one name misspelt."""
    if a == b or a not in KNOWN_GIVEN_NAMES or b not in KNOWN_GIVEN_NAMES:
        return False
    ga, gb = _SPELLING_GROUP.get(a), _SPELLING_GROUP.get(b)
    return ga is None or ga != gb


# ---------------------------------------------------------------- token equivalence

# endings that make another word from a name: Israel -> Israeli, Syria -> Syrian, Clinton -> Clintons
_DERIVED_ENDINGS = ("", "s", "es", "i", "is", "n", "ns", "an", "ans", "ian", "ians", "ese", "ish", "ite", "ites", "a",
                    "ic", "ics")


def derived(a: str, b: str) -> bool:
    """Two words of one family: a name and its plural, demonym or adjective ("iraq" / "iraqi",
    "texas" / "texans", "democrats" / "democratic")."""
    for end_a in _DERIVED_ENDINGS:
        if end_a and not a.endswith(end_a):
            continue
        stem = a[: len(a) - len(end_a)]
        if len(stem) >= 3 and b.startswith(stem) and b[len(stem):] in _DERIVED_ENDINGS:
            return True
    return False


@lru_cache(maxsize=262144)
def same_token(a: str, b: str) -> bool:
    """Two token keys that write the same name by some convention (never a spelling conflict)."""
    if a == b:
        return True
    if american(a) == american(b) or romanised(a) == romanised(b):
        return True
    return nickname_of(a, b) or derived(a, b)


def same_given_name(a: str, b: str) -> bool:
    """One person's given name written two ways: romanisation or nickname ("Robert" / "Roberta" are two)."""
    return a == b or romanised(a) == romanised(b) or nickname_of(a, b)


def given_compatible(a: str | None, b: str | None) -> bool:
    """Given names that may belong to one person: equal, nickname, or one side has none."""
    return a is None or b is None or same_given_name(a, b)


def spelling_distance(a: str, b: str) -> int:
    """Edit distance between two keys, adjacent transpositions counting once."""
    return OSA.distance(a, b)


MIN_SOUNDED_LETTERS = 5  # shorter given names sound alike too often ("John" / "Joan", "Tim" / "Tom")


def sounds_alike(a: str, b: str) -> bool:
    """Two spellings of one given name, said the same way (Metaphone): "Katherine" / "Kathryn",
    "Stephen" / "Steven", "Geoffrey" / "Jeffrey"; not a name and its feminine ("Daniel" / "Danielle")."""
    if a == b or min(len(a), len(b)) < MIN_SOUNDED_LETTERS or a.startswith(b) or b.startswith(a):
        return False
    return jellyfish.metaphone(a) == jellyfish.metaphone(b)


def close_spelling(a: str, b: str, *, max_edits: int | None = None) -> bool:
    """Keys close enough to be one name misspelt, and not the same name by convention.

    One edit for names of five to seven letters, two for eight or more;
    shorter names are too crowded ("Iran" / "Iraq") to tell a typo from another name.
    """
    if same_token(a, b):
        return False
    shortest = min(len(a), len(b))
    if shortest < 5 or a[0] != b[0] and shortest < 8:
        return False
    allowed = 1 if shortest < 8 else 2
    if max_edits is not None:
        allowed = min(allowed, max_edits)
    return spelling_distance(a, b) <= allowed


def dropped_letter(a: str, b: str) -> bool:
    """One key is the other with one letter left out ("tump" / "trump"), first letters equal."""
    short, long_ = sorted((a, b), key=len)
    if len(long_) != len(short) + 1 or short[:1] != long_[:1]:
        return False
    return any(long_[:i] + long_[i + 1:] == short for i in range(1, len(long_)))


def first_letter_changed(a: str, b: str) -> bool:
    """One surname key is the other with its first letter replaced ("varga" / "barga"): a slip no
    edit-distance test on short names may take (it keeps first letters equal to tell "Iran" from "Iraq")."""
    return len(a) == len(b) >= 4 and a[0] != b[0] and a[1:] == b[1:]


def single_for_double(a: str, b: str) -> bool:
    """One key is the other with a doubled letter written once ("rute" / "rutte", "marek" / "marrek")."""
    short, long_ = sorted((a, b), key=len)
    if len(long_) != len(short) + 1 or len(short) < 4:
        return False
    return any(long_[i] == long_[i - 1] and long_[:i] + long_[i + 1:] == short for i in range(1, len(long_)))


def forms_equivalent(a: NameForm, b: NameForm) -> bool:
    """Two written names that are one name by convention: same surname, compatible given names.

    "Christopher J. Dodd" / "Chris Dodd", "Steny H. Hoyer" / "Steny Hoyer",
    "F.E.C." / "FEC", "Glovsky & Popeo" / "Glovsky and Popeo".
    """
    if not a.keys or not b.keys:
        return False
    if a.joined == b.joined or american(a.joined) == american(b.joined):
        return True
    if len(a.keys) == len(b.keys) and all(same_token(x, y) for x, y in zip(a.keys, b.keys)):
        return True
    if len(a.keys) > 1 and sorted(a.keys) == sorted(b.keys):
        return True  # "Department of Defense" / "Defense Department"
    if not same_token(a.last, b.last):
        return False
    return given_compatible(a.given, b.given)
