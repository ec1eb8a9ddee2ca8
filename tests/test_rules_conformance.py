"""Every registered rule passes the same checks (scikit-learn's parametrize_with_checks idea)."""
import re

import pytest

from crosscheck.compare.base import DOC_SECTIONS, Rule
from crosscheck.compare.registry import RULES, get

CATEGORIES = {"quantity", "count", "date", "name", "quote", "attribution", "polarity", "state", "corroboration"}


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_documented_and_registered_under_its_code(code):
    rule = RULES[code]
    assert issubclass(rule, Rule)
    assert rule.code == code
    assert re.fullmatch(r"[A-Z]{3}\d{3}", code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.category in CATEGORIES
    assert rule.scope in ("pair", "corpus")
    doc = rule.explain()
    for section in DOC_SECTIONS:
        assert section in doc, f"{code} docstring lacks {section}"
    assert get(code) is rule and get(rule.name) is rule


def test_names_are_unique():
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names))


def test_unknown_rule_is_a_clear_error():
    with pytest.raises(KeyError, match="no rule"):
        get("ZZZ999")
