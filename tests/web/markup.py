"""What a browser would build from a page: every element and attribute, by the standard library's HTML parser."""
from __future__ import annotations

from html.parser import HTMLParser

# every element the templates write; anything else came from an article
OURS = {"html", "head", "meta", "title", "link", "script", "style", "body", "header", "nav", "a", "div", "progress",
        "span", "main", "h1", "h2", "h3", "p", "form", "label", "select", "option", "button", "table", "thead",
        "tbody", "tr", "th", "td", "caption", "article", "section", "kbd", "code", "b", "mark", "details", "summary",
        "pre", "fieldset", "legend", "input", "textarea", "svg", "g", "rect", "text"}


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_comment(self, data):
        self.comments.append(data)


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def assert_inert(html: str) -> None:
    """Only our elements, no event handlers, no javascript: URLs, no comments, scripts only our own file."""
    page = elements(html)
    assert {tag for tag, _ in page.elements} <= OURS, {tag for tag, _ in page.elements} - OURS
    for tag, attrs in page.elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not any(v.strip().lower().startswith("javascript:") for v in attrs.values()), (tag, attrs)
        if tag == "script":
            assert attrs.get("src") == "/static/app.js", attrs
    assert page.comments == []
