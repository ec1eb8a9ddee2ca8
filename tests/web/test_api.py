"""The JSON API and the pages over HTTP (Starlette's TestClient; the model and the real rules replaced)."""
from __future__ import annotations

import concurrent.futures
import re
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from crosscheck import review
from crosscheck.cli import app as cli
from crosscheck.web import server
from crosscheck.web.app import CSP, cookie_name
from tests.web import corpus
from tests.web.conftest import checked_board
from tests.web.markup import assert_inert


@pytest.fixture
def fire(newsroom, fake_embedder, number_rule):
    """The two fire reports (two discrepancies) checked, and a client of the app over them."""
    return checked_board(Path("seeds"))


def discrepancy_ids(board) -> set[str]:
    return {f.id for f in board.result.findings if f.kind.value == "discrepancy"}


def test_api_lists_every_discrepancy_with_its_status(fire, client_for):
    client, _ = client_for(fire)
    data = client.get("/api/findings").json()
    listed = {f["id"]: f for f in data["findings"] if f["kind"] == "discrepancy"}
    assert set(listed) == discrepancy_ids(fire) and len(listed) == 2
    assert {f["status"] for f in listed.values()} == {"open"} and all(f["etag"] for f in listed.values())
    one = next(iter(listed))
    single = client.get(f"/api/findings/{one}")
    assert single.json()["id"] == one and single.headers["etag"] == f'"{listed[one]["etag"]}"'
    assert client.get("/api/findings/0000nothing").status_code == 404


def test_a_decision_with_the_token_is_saved_and_check_honours_it(fire, client_for):
    client, token = client_for(fire)
    first, second = sorted(discrepancy_ids(fire))
    etag = client.get(f"/api/findings/{first}").json()["etag"]
    r = client.post(f"/api/findings/{first}/decision", headers={"X-Crosscheck-Token": token},
                    json={"status": "dismissed", "note": "same fire, later count", "etag": etag})
    assert r.status_code == 200, r.text
    assert r.json()["decision"]["status"] == "dismissed" and r.json()["next"] == second
    saved = review.load("seeds/reviews.toml").get(first)
    assert (saved.status, saved.note, saved.reviewer) == ("dismissed", "same fire, later count", "tester")
    assert client.get(f"/api/findings/{first}").json()["status"] == "dismissed"

    check = CliRunner().invoke(cli, ["check", "seeds", "--no-cache"])
    assert check.exit_code == 1  # the other one is still open
    assert first not in check.output and second in check.output
    r = client.post(f"/api/findings/{second}/decision", headers={"X-Crosscheck-Token": token},
                    json={"status": "confirmed", "right": "fire-herald"})
    assert r.status_code == 200 and r.json()["next"] is None
    assert review.load("seeds/reviews.toml").get(second).right == "fire-herald.md"
    assert CliRunner().invoke(cli, ["check", "seeds", "--no-cache"]).exit_code == 0


def test_the_printed_url_sets_a_strict_cookie_that_authorises_posts(fire, client_for):
    client, token = client_for(fire, port=9999)
    fid = sorted(discrepancy_ids(fire))[0]
    assert client.post(f"/api/findings/{fid}/decision", json={"status": "deferred"}).status_code == 403
    entered = client.get(f"/?token={token}&status=open", follow_redirects=False)
    assert entered.status_code == 303 and entered.headers["location"] == "/?status=open"  # token off the address bar
    cookie = entered.headers["set-cookie"]
    assert cookie.startswith(f"{cookie_name(9999)}={token};") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert client.post(f"/api/findings/{fid}/decision", json={"status": "deferred"}).status_code == 200
    assert review.load("seeds/reviews.toml").get(fid).status == "deferred"


@pytest.mark.parametrize("headers", [{}, {"X-Crosscheck-Token": "wrong"}, {"Cookie": "crosscheck_token_8765=wrong"}])
def test_a_post_without_the_right_token_is_refused_and_nothing_is_written(fire, client_for, headers):
    client, _ = client_for(fire)
    fid = sorted(discrepancy_ids(fire))[0]
    r = client.post(f"/api/findings/{fid}/decision", headers=headers, json={"status": "dismissed"})
    assert r.status_code == 403 and "token" in r.json()["error"]
    assert not Path("seeds/reviews.toml").exists()
    assert client.get(f"/?token=wrong").status_code == 403


def test_a_cross_origin_post_is_refused_even_with_the_token(fire, client_for):
    client, token = client_for(fire)
    fid = sorted(discrepancy_ids(fire))[0]
    r = client.post(f"/api/findings/{fid}/decision", json={"status": "dismissed"},
                    headers={"X-Crosscheck-Token": token, "Origin": "http://evil.example"})
    assert r.status_code == 403 and "evil.example" in r.json()["error"]


def test_another_host_name_is_refused(fire, client_for):
    client, _ = client_for(fire)
    assert client.get("/api/findings", headers={"Host": "rebind.evil.example"}).status_code == 400


@pytest.mark.parametrize("body, message", [
    ("{", "not JSON"),
    ("[1, 2]", "JSON object"),
    ('{"status": "maybe"}', "status must be one of confirmed, dismissed, deferred"),
    ('{"note": "no status"}', "status must be one of"),
    ('{"status": "dismissed", "why": "x"}', "unknown field 'why'"),
    ('{"status": "dismissed", "note": 5}', "note must be a string"),
    ('{"status": "dismissed", "right": "fire-herald.md"}', "only be given for a confirmed"),
    ('{"status": "confirmed", "right": "nobody.md"}', "right must be one of the finding's sources"),
    ('{"status": "dismissed", "note": "' + "x" * 5001 + '"}', "longer than 5000"),
])
def test_a_bad_body_gets_400_and_one_line(fire, client_for, body, message):
    client, token = client_for(fire)
    fid = sorted(discrepancy_ids(fire))[0]
    r = client.post(f"/api/findings/{fid}/decision", headers={"X-Crosscheck-Token": token}, content=body)
    assert r.status_code == 400
    assert message in r.json()["error"] and "\n" not in r.json()["error"]
    assert not Path("seeds/reviews.toml").exists()


def test_unknown_id_404_and_agreement_is_not_reviewable(fire, client_for):
    client, token = client_for(fire)
    r = client.post("/api/findings/abcdef123456/decision", headers={"X-Crosscheck-Token": token},
                    json={"status": "dismissed"})
    assert r.status_code == 404 and "abcdef123456" in r.json()["error"]
    agreement = next(f.id for f in fire.result.findings if f.kind.value == "agreement")
    r = client.post(f"/api/findings/{agreement}/decision", headers={"X-Crosscheck-Token": token},
                    json={"status": "dismissed"})
    assert r.status_code == 404


def test_409_when_another_editor_decided_since_the_page_loaded(fire, client_for):
    client, token = client_for(fire)
    fid = sorted(discrepancy_ids(fire))[0]
    seen = client.get(f"/api/findings/{fid}").json()["etag"]
    other = CliRunner().invoke(cli, ["review", "set", fid, "--status", "confirmed", "--reviewer", "ana",
                                     "--no-cache", "seeds"])
    assert other.exit_code == 0, other.output
    r = client.post(f"/api/findings/{fid}/decision", headers={"X-Crosscheck-Token": token},
                    json={"status": "dismissed", "etag": seen})
    assert r.status_code == 409 and "ana" in r.json()["error"]
    assert review.load("seeds/reviews.toml").get(fid).status == "confirmed"  # ana's decision stands
    fresh = client.get(f"/api/findings/{fid}").json()["etag"]
    r = client.post(f"/api/findings/{fid}/decision", headers={"X-Crosscheck-Token": token, "If-Match": f'"{fresh}"'},
                    json={"status": "dismissed"})
    assert r.status_code == 200


def test_409_when_the_article_changed_since_it_was_checked(fire, client_for):
    client, token = client_for(fire)
    fid = sorted(discrepancy_ids(fire))[0]
    path = Path("seeds/fire-herald.md")
    path.write_text(path.read_text().replace("killed 15", "killed 16").replace("injured 34", "injured 35"))
    r = client.post(f"/api/findings/{fid}/decision", headers={"X-Crosscheck-Token": token},
                    json={"status": "dismissed"})
    assert r.status_code == 409 and "fire-herald.md changed" in r.json()["error"]


def test_every_response_carries_the_csp_and_pages_load_only_own_assets(fire, client_for):
    client, _ = client_for(fire)
    fid = sorted(discrepancy_ids(fire))[0]
    for url in ("/", f"/finding/{fid}", "/article/0", "/plot", "/plot.svg", "/event/0", "/api/findings",
                "/static/app.js", "/finding/nothing"):
        r = client.get(url)
        assert r.status_code == (404 if url.endswith("nothing") else 200), url
        assert r.headers["content-security-policy"] == CSP and r.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP
    page = client.get(f"/finding/{fid}").text
    assert "<script>" not in page and 'src="/static/app.js"' in page and "http" not in page.replace("http-equiv", "")


def test_pages_show_the_finding_consensus_plot_and_filters(fire, client_for):
    client, _ = client_for(fire)
    fid = next(f.id for f in fire.result.findings if f.kind.value == "discrepancy" and "12" in f.explanation)
    page = client.get(f"/finding/{fid}").text
    assert '<mark class="value">12</mark>' in page and '<mark class="value">15</mark>' in page
    assert "Riverside Times" in page and "Valley Herald" in page and "2023-03-14" in page
    assert "seeds/fire-times.md:" in page and "Who says what" in page and "number-differs" not in page
    assert "Two claims give different numbers" in page  # the rule's explanation
    queue = client.get("/", params={"status": "open", "rule": "TST001"}).text
    assert queue.count('data-id="') == 2 and "2 of 2" not in queue and "0 of 2 reviewed" in queue
    assert client.get("/", params={"status": "dismissed"}).text.count('data-id="') == 0
    svg = client.get("/plot.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and svg.text.count("<rect") == 4


def test_a_hostile_article_comes_back_escaped(tmp_path, fake_embedder, number_rule, client_for):
    board = checked_board(corpus.hostile(tmp_path / "news"))
    client, _ = client_for(board)
    fid = next(f.id for f in board.result.findings if f.kind.value == "discrepancy")
    n = next(i for i, a in enumerate(board.articles) if a.source_id == corpus.HOSTILE_NAME)
    pages = [client.get(u).text for u in ("/", f"/finding/{fid}", f"/article/{n}", "/plot", "/event/0")]
    for html in pages:
        assert_inert(html)
        assert "<script>window" not in html and "<img src=x" not in html and "<svg onload" not in html
        assert "<b onmouseover" not in html and 'href="javascript:' not in html
        shown_text = re.sub(r'="[^"]*"', "", html)  # attribute values (a radio's source id) are never displayed
        assert "\u202e" not in shown_text
    article = pages[2]
    assert f"&lt;script&gt;window.{corpus.FLAG}=4&lt;/script&gt;" in article
    assert "&lt;!-- window" in article and "U+202E" in article and "[see](javascript:" in article
    assert "&lt;script&gt;window" in pages[1]  # the title, in the claim's header


def test_fifty_concurrent_decisions_on_different_findings_are_all_saved(tmp_path, fake_embedder, number_rule):
    board = checked_board(corpus.many_findings(tmp_path / "many", 55))
    ids = sorted(discrepancy_ids(board))[:50]
    assert len(ids) == 50
    running = server.start(board)
    try:
        def post(fid: str) -> int:
            with httpx.Client(base_url=running.base, timeout=60) as c:
                etag = c.get(f"/api/findings/{fid}").json()["etag"]
                return c.post(f"/api/findings/{fid}/decision", headers={"X-Crosscheck-Token": running.token},
                              json={"status": "dismissed", "note": f"note {fid}", "etag": etag}).status_code

        with concurrent.futures.ThreadPoolExecutor(50) as pool:
            codes = list(pool.map(post, ids))
    finally:
        running.stop()
    assert codes == [200] * 50
    saved = review.load(board.decisions_path)
    assert set(saved.decisions) == set(ids)
    assert all(saved.get(fid).note == f"note {fid}" for fid in ids)


def test_a_broken_decisions_file_is_one_error_and_is_left_alone(fire, client_for):
    client, token = client_for(fire)
    path = Path("seeds/reviews.toml")
    path.write_text("version = 1\n[findings.zz\n", encoding="utf-8")
    page = client.get("/")
    assert page.status_code == 500 and "reviews.toml:2" in page.text and "Traceback" not in page.text
    fid = sorted(discrepancy_ids(fire))[0]
    r = client.post(f"/api/findings/{fid}/decision", headers={"X-Crosscheck-Token": token}, json={"status": "dismissed"})
    assert r.status_code == 500 and "not saved" in r.json()["error"] and "\n" not in r.json()["error"]
    assert path.read_text() == "version = 1\n[findings.zz\n"
