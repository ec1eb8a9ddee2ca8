"""`crosscheck run --html`: one self-contained, read-only file with the finding pages."""
import base64
import hashlib
import re

from crosscheck.review import Decisions, classify
from crosscheck.web.export import render_file
from crosscheck.web.render import STATIC
from tests.synthetic import adversarial_result
from tests.test_report_escape import ADVERSARIAL
from tests.web.markup import assert_inert, elements


def test_the_file_has_every_discrepancy_no_script_and_only_its_own_style():
    result = adversarial_result(ADVERSARIAL, file_names=("<b>x</b>\u202e.txt", "[a](javascript:alert(1)).md"),
                                title="<script>alert(1)</script>")
    html = render_file(result, classify(result.findings, Decisions()))
    assert_inert(html)
    tags = [tag for tag, _ in elements(html).elements]
    assert "script" not in tags and "link" not in tags  # nothing to fetch, nothing to run
    ids = [f.id for f in result.findings if f.kind.value == "discrepancy"]
    assert len(ids) == len(ADVERSARIAL) and all(f'id="f-{fid}"' in html for fid in ids)
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    csp = next(a["content"] for tag, a in elements(html).elements if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and f"style-src 'sha256-{digest}'" in csp and "script" not in csp
    assert f"<style>{css}</style>" in html
    # every in-page link points at an anchor the file has
    anchors = set(re.findall(r' id="([^"]+)"', html))
    targets = set(re.findall(r' href="#([^"]+)"', html))
    assert targets and targets <= anchors, targets - anchors
