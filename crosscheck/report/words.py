"""Small English helpers shared by the renderers, so counts and notes read right."""
from __future__ import annotations


def noun(n: int, singular: str, plural_form: str | None = None) -> str:
    """The form of ``singular`` that agrees with ``n``: discrepancy / discrepancies."""
    if n == 1:
        return singular
    if plural_form is not None:
        return plural_form
    if singular.endswith("y") and singular[-2:-1] not in ("a", "e", "i", "o", "u"):
        return singular[:-1] + "ies"
    return singular + "s"


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """``1 finding``, ``2 findings``, ``1 open discrepancy``, ``0 open discrepancies``."""
    return f"{n} {noun(n, singular, plural_form)}"


def bold(n: int, singular: str, plural_form: str | None = None) -> str:
    """``**1** finding``, ``**2** findings`` (markdown)."""
    return f"**{n}** {noun(n, singular, plural_form)}"


def sentence(text: str) -> str:
    """``text`` ending in exactly one full stop: an editor's note that ends in "." gets no second one."""
    text = text.rstrip()
    if not text:
        return text
    closing = len(text) - len(text.rstrip("\"'”’)»"))  # `... "said he."` is already ended
    core = text[: len(text) - closing]
    return text if core.endswith((".", "!", "?", "…")) else text + "."
