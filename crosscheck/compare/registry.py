"""The one table of rule codes. Codes are never reused; retired rules stay with status "removed"."""
from __future__ import annotations

from .base import Rule
from .rules.aligned_date import AlignedDateDifference
from .rules.aligned_figure import AlignedFigureDifference
from .rules.aligned_name import AlignedNameDifference
from .rules.aligned_quote import AlignedQuoteDifference
from .rules.attribute_count_mismatch import AttributeCountMismatch
from .rules.attribution_mismatch import AttributionMismatch
from .rules.cause_mismatch import CauseMismatch
from .rules.corroborated_claim import CorroboratedClaim
from .rules.count_mismatch import CountMismatch
from .rules.date_mismatch import DateMismatch
from .rules.name_mismatch import NameMismatch
from .rules.name_spelling import NameSpelling
from .rules.negation_contradiction import NegationContradiction
from .rules.office_mismatch import OfficeMismatch
from .rules.planned_done import PlannedVersusDone
from .rules.qualifier_mismatch import QualifierMismatch
from .rules.quantity_mismatch import QuantityMismatch
from .rules.quote_altered import QuoteAltered
from .rules.relation_inverted import RelationInverted
from .rules.state_mismatch import StateMismatch
from .rules.statement_attribution import StatementAttribution
from .rules.title_mismatch import TitleMismatch

RULES: dict[str, type[Rule]] = {
    "AGR001": CorroboratedClaim,
    "ATT001": AttributionMismatch,
    "ATT002": CauseMismatch,
    "ATT003": StatementAttribution,
    "CNT001": CountMismatch,
    "CNT002": AttributeCountMismatch,
    "DAT001": DateMismatch,
    "DAT002": AlignedDateDifference,
    "NAM001": NameSpelling,
    "NAM002": NameMismatch,
    "NAM003": AlignedNameDifference,
    "POL001": NegationContradiction,
    "QTY001": QuantityMismatch,
    "QTY002": QualifierMismatch,
    "QTY003": AlignedFigureDifference,
    "QUO001": QuoteAltered,
    "QUO002": AlignedQuoteDifference,
    "ROL001": OfficeMismatch,
    "ROL002": TitleMismatch,
    "ROL003": RelationInverted,
    "STA001": StateMismatch,
    "STA002": PlannedVersusDone,
}


def get(code_or_name: str) -> type[Rule]:
    """A rule by code ("QTY001") or kebab-case name ("quantity-mismatch")."""
    key = code_or_name.strip()
    if key.upper() in RULES:
        return RULES[key.upper()]
    for rule in RULES.values():
        if rule.name == key.lower():
            return rule
    raise KeyError(f"no rule {code_or_name!r}; `crosscheck rules` lists them")


def active(select: set[str] | None = None, ignore: set[str] | None = None) -> list[Rule]:
    """Instances of the rules that run: stable ones, filtered by code prefixes."""
    out = []
    for code, rule in RULES.items():
        if rule.status == "removed":
            continue
        if select and not any(code.startswith(s) for s in select):
            continue
        if ignore and any(code.startswith(s) for s in ignore):
            continue
        out.append(rule())
    return out
