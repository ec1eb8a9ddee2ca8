"""The review card: claims side by side, values marked, article text made inert."""
import re

from crosscheck.report.terminal import card
from crosscheck.review import Reviewed, State

ANSI = re.compile(r"\x1b\[[0-9;]*m")
BOLD_YELLOW, RESET = "\x1b[1;33m", "\x1b[0m"  # what rich writes for the value's style, "bold yellow"


def test_claims_side_by_side_with_values_marked(make_finding):
    f = make_finding("a1b2c3d4e5f6", [
        ("times.md", "A fire at a furniture warehouse in Riverside killed 12 people on Monday night.", "12"),
        ("herald.md", "A fire at a furniture warehouse in Riverside killed at least 15 people on Monday.", "at least 15"),
    ])
    text = card(Reviewed(f, State.OPEN, None), 1, 3, width=120, color=False)
    lines = text.splitlines()
    assert lines[0].startswith("── 1/3 · medium · count · TST001 · finding a1b2c3d4e5f6 ")
    assert len(lines[0]) == 120
    row = next(line for line in lines if "seeds/times.md:1" in line)
    assert "│" in row and "seeds/herald.md:1" in row  # both sources on one row
    assert "[[12]]" in text and "[[at least 15]]" in text
    assert all(len(line) <= 120 for line in lines)
    narrow = card(Reviewed(f, State.OPEN, None), 1, 3, width=70, color=False)
    assert "[[at least 15]]" in narrow  # a value of several words is not split when it fits on a line
    assert all(len(line) <= 70 for line in narrow.splitlines())


def test_colour_marks_each_wrapped_line_separately(make_finding):
    value = "between twelve and fifteen people according to the county"
    f = make_finding("a1b2c3d4e5f6", [
        ("times.md", f"The fire killed {value} coroner.", value),
        ("herald.md", "The fire killed 15 people.", "15"),
    ])
    text = card(Reviewed(f, State.OPEN, None), 1, 1, width=64, color=True)
    for line in text.splitlines():
        cells = line.split(" │ ")
        for cell in cells:  # a highlight never runs into the next column
            assert cell.count(BOLD_YELLOW) == cell.count(RESET)
    assert sum(BOLD_YELLOW in line for line in text.splitlines()) >= 2  # the long value spans lines
    plain = ANSI.sub("", text)
    assert all(len(line) <= 64 for line in plain.splitlines())
    assert "county" in plain


def test_narrow_terminal_stacks_and_shows_a_changed_decision(make_finding):
    from crosscheck.review import Decision

    f = make_finding("a1b2c3d4e5f6", [("times.md", "It killed 12 people.", "12"), ("herald.md", "It killed 15 people.", "15")])
    old = Decision("a1b2c3d4e5f6", "dismissed", "0" * 16, note="same event", reviewer="ana")
    text = card(Reviewed(f, State.CHANGED, old), 2, 2, width=40, color=False)
    assert "Changed since review: was dismissed by ana: same event." in " ".join(text.splitlines())
    assert all(len(line) <= 40 for line in text.splitlines())
    lines = text.splitlines()
    assert "[1] seeds/times.md:1" in lines and "[2] seeds/herald.md:1" in lines


def test_article_text_cannot_send_escape_codes(make_finding):
    f = make_finding("a1b2c3d4e5f6", [("times.md", "It killed \x1b[2J\x1b]0;pwned\x0712 people.", "12"),
                                     ("herald.md", "It killed 15 people.", "15")])
    text = card(Reviewed(f, State.OPEN, None), 1, 1, width=100, color=True)
    assert "\x1b[2J" not in text and "\x07" not in text and "\x1b]" not in text
