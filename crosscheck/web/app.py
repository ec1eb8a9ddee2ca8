"""The Starlette app: pages, the JSON API, and the guard in front of both.

Security (README, "Reviewing in the browser"): a random token per run, given
in the printed URL and then kept in an HttpOnly, SameSite=Strict cookie, is
required on every state-changing request; requests for another Host name are
refused (DNS rebinding); every response carries a Content-Security-Policy
that allows scripts, styles and requests from the app itself only, so an
article that smuggles markup in runs nothing even if an escape were missed.
"""
from __future__ import annotations

import hmac
import json
import secrets
from urllib.parse import urlencode, urlsplit

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..report.findings_json import finding_dict, to_dict
from ..review import DecisionsError, Reviewed
from . import views
from .board import BadRequest, Board, Conflict, NotFound
from .render import STATIC, ServerLinks, render, rule_text

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
MAX_BODY = 64 * 1024
LINKS = ServerLinks()


def new_token() -> str:
    return secrets.token_urlsafe(24)


def cookie_name(port: int) -> str:
    """One cookie per port: cookies ignore ports, and two servers must not share a token."""
    return f"crosscheck_token_{port}"


class Guard:
    """ASGI middleware: token on writes (cookie or X-Crosscheck-Token header), same-origin writes, headers."""

    def __init__(self, app, token: str, port: int):
        self.app, self.token, self.port = app, token, port

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope)
        refused = self._refuse(request)
        if refused is not None:
            return await _secured(refused)(scope, receive, send)
        given = request.query_params.get("token")
        if given is not None and request.method == "GET":
            return await _secured(self._enter(request, given))(scope, receive, send)

        async def send_secured(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode("latin-1").lower() not in SECURITY_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_secured)

    def _valid(self, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(given.encode(), self.token.encode())

    def _refuse(self, request: Request) -> Response | None:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        given = request.cookies.get(cookie_name(self.port)) or request.headers.get("x-crosscheck-token")
        if not self._valid(given):
            return error(403, "missing or wrong token: open the URL `crosscheck serve` printed")
        origin = request.headers.get("origin")
        if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
            return error(403, f"cross-origin request from {origin} refused")
        return None

    def _enter(self, request: Request, given: str) -> Response:
        """The printed URL: set the cookie and drop the token from the address bar (and from history)."""
        if not self._valid(given):
            return error(403, "wrong token: open the URL `crosscheck serve` printed")
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        response = RedirectResponse(request.url.path + (f"?{urlencode(rest)}" if rest else ""), status_code=303)
        response.set_cookie(cookie_name(self.port), self.token, httponly=True, samesite="strict", path="/")
        return response


def _secured(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    return response


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


# ---------------------------------------------------------------- JSON

def finding_json(board: Board, item: Reviewed | None, finding) -> dict:
    data = finding_dict(finding)
    if item is None:  # an agreement: nothing to review
        return {**data, "status": None, "decision": None, "etag": None}
    d = item.decision
    return {**data, "status": item.state.value, "decision": d.__dict__ if d else None,
            "etag": views.etag(finding, d), "event": board.event_of(finding)}


def api_findings(request: Request) -> Response:
    board: Board = request.app.state.board
    state = board.state()
    items = {r.finding.id: r for r in state.items}
    data = to_dict(board.result, {"review": {"states": {k: r.state.value for k, r in items.items()},
                                             "orphaned": [d.finding_id for d in state.orphaned],
                                             "counts": views.status_counts(state.items)}})
    data["findings"] = [finding_json(board, items.get(f.id), f) for f in board.result.findings]
    return JSONResponse(data)


def api_finding(request: Request) -> Response:
    board: Board = request.app.state.board
    finding = board.findings.get(request.path_params["id"])
    if finding is None:
        return error(404, f"no finding {request.path_params['id']!r} in this run")
    data = finding_json(board, board.state().of(finding.id), finding)
    return JSONResponse(data, headers={"etag": f'"{data["etag"]}"'} if data["etag"] else None)


async def api_decision(request: Request) -> Response:
    board: Board = request.app.state.board
    if int(request.headers.get("content-length") or 0) > MAX_BODY:
        return error(413, f"the body is larger than {MAX_BODY} bytes")
    raw = await request.body()
    if len(raw) > MAX_BODY:
        return error(413, f"the body is larger than {MAX_BODY} bytes")
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        return error(400, f"the body is not JSON ({' '.join(str(err).split())})")
    if isinstance(body, dict) and not body.get("etag") and request.headers.get("if-match"):
        body = {**body, "etag": request.headers["if-match"].strip('"')}
    from starlette.concurrency import run_in_threadpool

    try:
        decision = await run_in_threadpool(board.decide, request.path_params["id"], body)
    except BadRequest as err:
        return error(400, str(err))
    except NotFound as err:
        return error(404, str(err))
    except Conflict as err:
        return error(409, str(err))
    except DecisionsError as err:
        return error(500, f"{err}; the decision was not saved")
    state = board.state()
    finding = board.findings[decision.finding_id]
    return JSONResponse({"decision": decision.__dict__, "status": state.of(finding.id).state.value,
                         "etag": views.etag(finding, decision), "next": views.next_open(state.items, finding.id),
                         "counts": views.status_counts(state.items)})


# ---------------------------------------------------------------- pages

def _page(template: str, board: Board, state, status: int = 200, **context) -> HTMLResponse:
    counts = views.status_counts(state.items)
    reviewed = sum(v for k, v in counts.items() if k not in ("open", "changed"))
    html = render(template, links=LINKS, board=board, counts=counts, reviewed=reviewed, total=len(state.items),
                  **context)
    return HTMLResponse(html, status_code=status)


def _not_found(board: Board, state, what: str) -> HTMLResponse:
    return _page("missing.html", board, state, status=404, what=what)


def page(handler):
    """A page gets the board and the review state; an unreadable decisions file is one error page, not a crash."""

    def endpoint(request: Request) -> Response:
        board: Board = request.app.state.board
        try:
            state = board.state()
        except DecisionsError as err:
            return HTMLResponse(render("broken.html", message=str(err)), status_code=500)
        return handler(request, board, state)

    return endpoint


@page
def queue_page(request: Request, board: Board, state) -> Response:
    q = request.query_params
    source = q.get("source", "")  # an article's number: source ids may hold characters no URL should carry
    source_id = board.articles[int(source)].source_id if source.isdigit() and int(source) < len(board.articles) else ""
    filters = views.Filters(category=q.get("category", ""), rule=q.get("rule", ""), source=source_id,
                            status=q.get("status", ""))
    items = views.queue_order(state.items)
    shown_items = [r for r in items if filters.keep(r)]
    return _page("queue.html", board, state, items=shown_items, filters=filters,
                 choices={"category": sorted({r.finding.category for r in items}),
                          "rule": sorted({r.finding.rule for r in items}),
                          "source": [str(n) for n in range(len(board.articles))],
                          "status": [s for s in views.status_counts(()).keys()]},
                 selected={**q, "source": source if source_id else ""},
                 labels={str(n): a.label for n, a in enumerate(board.articles)})


@page
def finding_page(request: Request, board: Board, state) -> Response:
    item = state.of(request.path_params["id"])
    if item is None:
        return _not_found(board, state, f"finding {request.path_params['id']}")
    order = [r.finding.id for r in views.queue_order(state.items)]
    at = order.index(item.finding.id)
    return _page("finding.html", board, state, item=item, f=item.finding,
                 etag=views.etag(item.finding, item.decision),
                 choices=list(dict.fromkeys(e.claim.source_id for e in item.finding.evidence)),
                 rule_text=rule_text(item.finding), event=board.event_of(item.finding),
                 prev=order[at - 1] if at > 0 else None, next=order[at + 1] if at + 1 < len(order) else None,
                 position=at + 1)


@page
def article_page(request: Request, board: Board, state) -> Response:
    n = request.path_params["n"]
    if not 0 <= n < len(board.articles):
        return _not_found(board, state, f"article {n}")
    article = board.articles[n]
    return _page("article.html", board, state, n=n, article=article,
                 segments=views.article_segments(article, board.result.findings))


@page
def event_page(request: Request, board: Board, state) -> Response:
    n = request.path_params["n"]
    facts = [f for f in board.result.findings if board.event_of(f) == n]
    if not facts:
        return _not_found(board, state, f"event {n}")
    return _page("event.html", board, state, event=n, facts=facts,
                 states={r.finding.id: r.state.value for r in state.items},
                 matrix=views.matrix(board.event_articles(n), facts))


@page
def plot_page(request: Request, board: Board, state) -> Response:
    event = _event_param(request)
    return _page("plot.html", board, state, event=event, events=board.events(), matrix=_matrix(board, event))


def plot_svg(request: Request) -> Response:
    board: Board = request.app.state.board
    svg = render("matrix.svg", links=LINKS, board=board, matrix=_matrix(board, _event_param(request)))
    return Response(svg, media_type="image/svg+xml")


def _matrix(board: Board, event: int | None) -> views.Matrix:
    findings = [f for f in board.result.findings if event is None or board.event_of(f) == event]
    return views.matrix(board.event_articles(event), findings)


def _event_param(request: Request) -> int | None:
    value = request.query_params.get("event", "")
    return int(value) if value.isdigit() else None


def create_app(board: Board, token: str, port: int, host: str = "127.0.0.1") -> Starlette:
    routes = [
        Route("/", queue_page),
        Route("/finding/{id}", finding_page),
        Route("/article/{n:int}", article_page),
        Route("/event/{n:int}", event_page),
        Route("/plot", plot_page),
        Route("/plot.svg", plot_svg),
        Route("/api/findings", api_findings),
        Route("/api/findings/{id}", api_finding),
        Route("/api/findings/{id}/decision", api_decision, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
    ]
    hosts = ["127.0.0.1", "localhost", "::1", "[::1]"] if host in LOOPBACK else ["*"]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=hosts), Middleware(Guard, token=token, port=port)]
    app = Starlette(routes=routes, middleware=middleware)
    app.state.board = board
    return app
