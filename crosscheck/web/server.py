"""Listening: bind the socket first (so ``--port 0`` can print the port it got), then run uvicorn on it."""
from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass

import uvicorn

from .app import create_app, new_token
from .board import Board


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    return sock


def url(host: str, port: int, token: str) -> str:
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={token}"


@dataclass
class Running:
    """A server started in a thread (tests, the browser tests' fixture)."""

    url: str
    token: str
    port: int
    server: uvicorn.Server
    thread: threading.Thread

    @property
    def base(self) -> str:
        return self.url.split("/?", 1)[0]

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _server(board: Board, host: str, port: int) -> tuple[uvicorn.Server, socket.socket, str]:
    sock = bind(host, port)
    port = sock.getsockname()[1]
    token = new_token()
    app = create_app(board, token, port, host)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    return uvicorn.Server(config), sock, token


def serve(board: Board, host: str, port: int, echo: Callable[[str], None] = print) -> None:
    """Serve until interrupted; prints the URL (with the token) and opens nothing."""
    server, sock, token = _server(board, host, port)
    state = board.state()
    echo(f"crosscheck: {len(state.items)} discrepancies, {len(state.open)} open; decisions go to {board.decisions_path}")
    echo(f"Open {url(host, sock.getsockname()[1], token)}  (Ctrl-C stops)")
    server.run(sockets=[sock])


def start(board: Board, host: str = "127.0.0.1", port: int = 0) -> Running:
    """Serve in a background thread; returns once it accepts connections."""
    server, sock, token = _server(board, host, port)
    port = sock.getsockname()[1]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(500):
        if server.started:
            break
        threading.Event().wait(0.01)
    return Running(url(host, port, token), token, port, server, thread)
