"""The review app in a real browser: Debian's Chromium driven by Playwright (nothing downloaded).

Reviews the seeds' findings with the keyboard, checks reviews.toml and
`crosscheck check`, loads a hostile article and watches for any script, and
takes the README's screenshots (docs/img/).
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck import review
from crosscheck.cli import app as cli
from crosscheck.web import server
from crosscheck.web.board import Board, check
from crosscheck import Checker
from tests.web import corpus
from tests.web.conftest import checked_board

ROOT = Path(__file__).resolve().parents[2]
IMG = ROOT / "docs" / "img"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (`make test` installs it)"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors (a CSP refusal shows there) and every dialog."""
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    p = context.new_page()
    p.errors, p.dialogs = [], []
    p.on("console", lambda m: p.errors.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: p.errors.append(str(e)))

    def dialog(d):
        p.dialogs.append(d.message)
        d.dismiss()

    p.on("dialog", dialog)
    yield p
    context.close()


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory):
    """The seeds in a newsroom folder without decisions, checked with the real model."""
    newsroom = tmp_path_factory.mktemp("newsroom")
    shutil.copytree(ROOT / "seeds", newsroom / "seeds", ignore=shutil.ignore_patterns("reviews.toml"))
    # the seeds have no front matter: recorded as checked (`crosscheck review baseline`), no decisions yet
    checked = review.load(ROOT / "seeds" / "reviews.toml").checked
    review.save(newsroom / "seeds" / "reviews.toml", review.Decisions(checked=checked))
    cache = tmp_path_factory.mktemp("cache")
    before = os.getcwd()
    os.chdir(newsroom)  # paths as an editor gives them: seeds/...
    try:
        yield Path("seeds"), cache, check(["seeds"], Checker(cache_dir=cache))
    finally:
        os.chdir(before)


def _decide_with_keys(page, keys: list[str]) -> None:
    before = page.url
    for k in keys:
        page.keyboard.press(k)
    page.wait_for_url(lambda url: url != before, wait_until="domcontentloaded")


def test_review_the_seeds_with_the_keyboard(seeds_run, page):
    folder, cache, result = seeds_run
    board = Board(result, folder / "reviews.toml", "browser test", review.load(folder / "reviews.toml").checked)
    ids = [f.id for f in result.findings if f.kind.value == "discrepancy"]
    assert len(ids) >= 4
    running = server.start(board)
    IMG.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        page.goto(running.url)
        assert page.url == running.base + "/"  # the token went into the cookie, out of the address bar
        assert page.locator("tr.selected").get_attribute("data-id") == ids[0]
        page.screenshot(path=str(IMG / "queue.png"), full_page=True)
        page.keyboard.press("j")
        page.keyboard.press("k")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/finding/{ids[0]}")
        page.screenshot(path=str(IMG / "finding.png"), full_page=True)
        page.keyboard.press("?")
        assert page.locator("#help").is_visible()
        page.keyboard.press("?")

        # 1: confirmed, the second source right, with a note; 2: dismissed; 3: deferred
        page.keyboard.press("2")
        page.keyboard.press("n")
        page.keyboard.type("checked against the wire copy")
        page.keyboard.press("Escape")
        _decide_with_keys(page, ["c"])
        assert page.url.endswith(f"/finding/{ids[1]}")  # moved to the next open finding
        _decide_with_keys(page, ["d"])
        _decide_with_keys(page, ["f"])
        three = time.perf_counter() - started

        saved = review.load(folder / "reviews.toml")
        first = result.findings[[f.id for f in result.findings].index(ids[0])]
        assert {fid: saved.get(fid).status for fid in ids[:3]} == {
            ids[0]: "confirmed", ids[1]: "dismissed", ids[2]: "deferred"}
        assert saved.get(ids[0]).right == first.sources[1] and saved.get(ids[0]).note == "checked against the wire copy"
        gate = CliRunner().invoke(cli, ["check", str(folder), "--cache-dir", str(cache)])
        assert gate.exit_code == 1
        assert not any(fid in gate.output for fid in ids[:3]) and all(fid in gate.output for fid in ids[3:])

        for _ in ids[3:]:  # the rest, so the gate passes
            _decide_with_keys(page, ["d"])
        all_of_them = time.perf_counter() - started
        assert page.url == running.base + "/"  # nothing open: back to the queue
        assert page.locator("#progress-text").inner_text() == f"{len(ids)} of {len(ids)} reviewed"
        assert CliRunner().invoke(cli, ["check", str(folder), "--cache-dir", str(cache)]).exit_code == 0

        page.goto(running.base + "/plot")
        page.locator("main").screenshot(path=str(IMG / "plot.png"))
        page.goto(running.base + f"/finding/{ids[0]}")
        page.locator(".article-link").first.click()
        page.wait_for_load_state()
        anchor = page.url.rsplit("#", 1)[1]
        assert anchor.startswith("c-") and page.locator(f"a.marked#{anchor}").count() == 1
    finally:
        running.stop()
    assert page.errors == [] and page.dialogs == []
    print(f"\nkeyboard review of the seeds: 3 findings in {three:.1f} s, all {len(ids)} in {all_of_them:.1f} s")


def test_a_hostile_article_runs_nothing(tmp_path, page, fake_embedder, number_rule):
    # the detector works: the same flag set by a script the page does run
    page.goto(f"data:text/html,<script>window.{corpus.FLAG}=1</script>")
    assert page.evaluate(f"window.{corpus.FLAG}") == 1

    board = checked_board(corpus.hostile(tmp_path / "news"))
    fid = next(f.id for f in board.result.findings if f.kind.value == "discrepancy")
    n = next(i for i, a in enumerate(board.articles) if a.source_id == corpus.HOSTILE_NAME)
    running = server.start(board)
    try:
        page.goto(running.url)
        for path in ("/", f"/finding/{fid}", f"/article/{n}", "/plot", "/event/0"):
            page.goto(running.base + path)
            page.mouse.move(300, 300)
            for label in page.locator("label, .claim header, a.marked").all()[:12]:
                label.hover()
            assert page.evaluate(f"window.{corpus.FLAG}") is None, path
        text = page.goto(running.base + f"/article/{n}") and page.locator("pre.text").inner_text()
        assert f"<script>window.{corpus.FLAG}=4</script>" in text and "U+202E" in text
        assert f"[see](javascript:window.{corpus.FLAG}=6)" in text and page.locator("pre.text a[href^=javascript]").count() == 0
        page.goto(running.base + f"/finding/{fid}")
        assert corpus.HOSTILE_TITLE in page.locator(".claim .title").all_inner_texts()
    finally:
        running.stop()
    assert page.dialogs == [] and page.evaluate(f"window.{corpus.FLAG}") is None

    from crosscheck.review import Decisions, classify
    from crosscheck.web.export import render_file

    exported = tmp_path / "report.html"
    exported.write_text(render_file(board.result, classify(board.result.findings, Decisions())), encoding="utf-8")
    page.goto(exported.as_uri())
    for link in page.locator("a.marked").all()[:5]:
        link.hover()
    assert page.evaluate(f"window.{corpus.FLAG}") is None and page.dialogs == []
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(251, 252, 253)"  # its CSS applied
