"""The card is laid out in terminal cells (rich), not len(): wide characters keep the columns
straight; rich's markup and emoji codes in article text stay literal text."""
from rich.cells import cell_len

from crosscheck.report.terminal import card
from crosscheck.review import Reviewed, State


def test_wide_characters_keep_the_columns_aligned(make_finding):
    f = make_finding("a1b2c3d4e5f6", [
        ("tokyo.md", "東京の倉庫火災で12人が死亡したと消防当局が月曜日の夜に発表した。警察が原因を調べている。", "12"),
        ("herald.md", "A fire at a furniture warehouse in Riverside killed 15 people on Monday night.", "15"),
    ])
    for width in (80, 100, 120):
        text = card(Reviewed(f, State.OPEN, None), 1, 1, width=width)
        lines = text.splitlines()
        assert all(cell_len(line) <= width for line in lines)
        rows = [line for line in lines if "│" in line]
        assert len(rows) >= 5
        # the separator sits at the same terminal cell on every row, whatever the characters before it
        assert len({cell_len(line[: line.index("│")]) for line in rows}) == 1
        assert "[[12]]" in text


def test_markup_and_emoji_codes_in_articles_stay_text(make_finding):
    f = make_finding("a1b2c3d4e5f6", [
        ("times.md", "[bold red]Police[/] :fire: said 12 people died.", "12"),
        ("herald.md", "Police said 15 people died.", "15"),
    ])
    text = card(Reviewed(f, State.OPEN, None), 1, 1, width=100, color=True)
    assert "[bold red]Police[/] :fire: said" in text and "🔥" not in text
