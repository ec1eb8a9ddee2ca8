"""Which written names are one name by convention, and which are close enough to be a misspelling."""
import pytest

from crosscheck.compare.rules.name_spelling import candidate_pairs, deletion_keys
from crosscheck.extract.name_forms import (
    american,
    close_spelling,
    distinct_given_names,
    forms_equivalent,
    name_form,
    nickname_of,
    same_token,
    token_key,
)


def form(text: str):
    return name_form(tuple(text.split()))


@pytest.mark.parametrize("written, key", [
    ("Çavuşoğlu", "cavusoglu"), ("Sánchez", "sanchez"), ("O’Brien", "obrien"), ("F.E.C.", "fec"),
    ("Cowan’s", "cowan"), ("Erdoğan's", "erdogan"),
])
def test_token_keys_fold_accents_dots_and_possessives(written, key):
    assert token_key(written) == key


def test_umlauts_written_out_are_the_same_name():
    assert same_token(token_key("Müller"), token_key("Mueller"))
    assert same_token(token_key("Schröder"), token_key("Schroeder"))


def test_name_form_drops_initials_suffixes_particles_and_ampersands():
    assert form("Steny H. Hoyer").keys == ("steny", "hoyer")
    assert form("Robert S. Mueller III").keys == ("robert", "mueller")
    assert form("Bashar al Assad").keys == ("bashar", "assad")
    assert form("Glovsky & Popeo").keys == form("Glovsky and Popeo").keys == ("glovsky", "popeo")
    assert form("Al Green").keys == ("al", "green")  # a capitalised "Al" is a given name


@pytest.mark.parametrize("british, us", [
    ("defence", "defense"), ("labour", "labor"), ("harbour", "harbor"), ("organisation", "organization"),
    ("centre", "center"), ("theatre", "theater"), ("catalogue", "catalog"), ("travelled", "traveled"),
    ("counsellor", "counselor"), ("programme", "program"), ("analyse", "analyze"), ("honourable", "honorable"),
])
def test_british_and_american_spellings_are_one_word(british, us):
    assert american(british) == american(us)
    assert same_token(british, us)


@pytest.mark.parametrize("word", ["mueller", "keller", "four", "contour", "paris", "norfolk", "andre"])
def test_convention_rules_leave_names_and_plain_words_alone(word):
    assert american(word) == word


@pytest.mark.parametrize("a, b", [
    ("tim", "timothy"), ("ted", "edward"), ("chris", "christopher"), ("bill", "will"), ("dick", "richard"),
    ("bob", "rob"), ("liz", "elizabeth"),
])
def test_nicknames_name_one_person(a, b):
    assert nickname_of(a, b) and nickname_of(b, a)


@pytest.mark.parametrize("a, b", [("catherine", "katherine"), ("stacy", "stacey"), ("loretta", "linda"),
                                  ("hillary", "bill")])
def test_two_formal_names_are_not_nicknames(a, b):
    assert not nickname_of(a, b)


@pytest.mark.parametrize("a, b", [
    ("sergei", "sergey"), ("zelensky", "zelenskyy"), ("gaddafi", "qaddafi"), ("mohammed", "muhammad"),
    ("kiev", "kyiv"), ("turkiye", "turkey"), ("israel", "israeli"), ("clinton", "clintons"), ("syria", "syrian"),
    ("navalny", "navalnyy"), ("aleksei", "alexei"), ("muller", "mueller"), ("schroder", "schroeder"),
])
def test_transliterations_and_derived_forms_are_the_same_name(a, b):
    assert same_token(a, b)
    assert not close_spelling(a, b)


@pytest.mark.parametrize("a, b", [
    ("mevlot", "mevlut"), ("cavosoglu", "cavusoglu"), ("vincente", "vicente"), ("stacy", "stacey"),
    ("cowen", "cowan"), ("paris", "parris"), ("catherine", "katherine"),
])
def test_one_or_two_letters_apart_is_a_possible_misspelling(a, b):
    assert close_spelling(a, b)


@pytest.mark.parametrize("a, b", [
    ("iran", "iraq"),  # too short to tell a typo from another name
    ("norfolk", "norwalk"),  # two edits on seven letters: too far for a corpus-wide spelling check
    ("hillary", "bill"), ("benjamin", "benny"),
])
def test_short_or_distant_names_are_not_misspellings(a, b):
    assert not close_spelling(a, b)


def test_distinct_common_given_names_are_not_one_name_misspelt():
    assert distinct_given_names("mark", "mary")
    assert distinct_given_names("ryan", "bryan")
    assert not distinct_given_names("stacy", "stacey")  # two spellings of one name
    assert not distinct_given_names("mevlot", "mevlut")  # not common English names at all


@pytest.mark.parametrize("a, b", [
    ("Christopher J. Dodd", "Chris Dodd"), ("Steny H. Hoyer", "Steny Hoyer"), ("Edward M. Kennedy", "Ted Kennedy"),
    ("Timothy Murray", "Tim Murray"), ("Linda T. Sánchez", "Linda Sanchez"), ("F.E.C.", "FEC"),
    ("Glovsky & Popeo", "Glovsky and Popeo"), ("Department of Defense", "Defense Department"),
    ("Defence Ministry", "Defense Ministry"), ("Sanchez", "Linda Sánchez"),
])
def test_written_forms_of_one_name_are_equivalent(a, b):
    assert forms_equivalent(form(a), form(b))


@pytest.mark.parametrize("a, b", [
    ("Bill Clinton", "Hillary Clinton"), ("Loretta Sanchez", "Linda Sanchez"), ("Benjamin Netanyahu", "Benny Gantz"),
])
def test_different_people_are_not_equivalent(a, b):
    assert not forms_equivalent(form(a), form(b))


def test_deletion_keys_block_close_names_without_all_pairs():
    assert "mevlt" in deletion_keys("mevlot", 1) & deletion_keys("mevlut", 1)
    pairs = candidate_pairs(["mevlot", "mevlut", "cavusoglu", "cavosoglu", "gantz", "ankara", "vicente", "vincente"])
    assert ("mevlot", "mevlut") in pairs
    assert ("cavosoglu", "cavusoglu") in pairs
    assert ("vicente", "vincente") in pairs
    assert not any("gantz" in p for p in pairs)
