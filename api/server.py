"""The HTTP server: uvicorn, with the limits a public endpoint needs that uvicorn does not set by itself.

- Connections: at most `max_connections` open (and fewer than the process may open files); past it a new
  connection gets a 503 and is closed at once, so no flood of idle sockets can exhaust the file descriptors.
- Time: a request's head and body must arrive within `request_timeout` seconds of the connection opening or
  of the previous answer (a slow or silent client is dropped); an idle keep-alive connection closes after
  `KEEP_ALIVE_SECONDS`; on SIGTERM open requests get `GRACEFUL_SECONDS`, then the process ends.
- Logs: the access log shows at most `LOGGED_TARGET` characters of a request's target, and no message of the
  server's own log (errors, warnings) is written more than `Throttle.burst` times in `Throttle.window` seconds
  (the rest are counted, then said).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import resource
import sys
import time

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from policykg.api.app import SECURITY_HEADERS
from policykg.settings import Settings

KEEP_ALIVE_SECONDS = 5
GRACEFUL_SECONDS = 5
LOGGED_TARGET = 200
_SPARE_FILES = 128  # descriptors kept for the store, the workers' pipes, answers being streamed, logs
_BUSY = b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"


class GuardedHttp(HttpToolsProtocol):
    """uvicorn's HTTP/1.1 protocol with a connection cap and a deadline for each request to arrive. The one on
    httptools (llhttp, in C) rather than h11 (in Python): 0.15-0.2 ms less per request (bench/SERVING.md)."""

    max_connections = 1000
    request_seconds = 10.0
    _timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.access_log = False  # the app writes the line, after the answer (api/app.py `HttpEdge`)
        if len(self.connections) > self.max_connections:
            transport.write(_BUSY)
            transport.close()
            return
        self._arm()

    def send_400_response(self, msg: str) -> None:
        # llhttp refuses a malformed request itself (both Content-Length and Transfer-Encoding, bad chunks, bad
        # header bytes) before the app sees it: the refusal is a problem in JSON with every answer's headers.
        body = json.dumps({"detail": f"malformed HTTP request: {msg}", "code": "bad_request"}).encode()
        head = [b"HTTP/1.1 400 Bad Request", b"content-type: application/json", b"content-length: %d" % len(body),
                b"connection: close", *(name + b": " + value for name, value in SECURITY_HEADERS)]  # fmt: skip
        self.transport.write(b"\r\n".join(head) + b"\r\n\r\n" + body)
        self.transport.close()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._timer is not None:
            self._timer.cancel()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self.loop.call_later(self.request_seconds, self._request_deadline)

    def _request_deadline(self) -> None:
        self._timer = None
        cycle = self.cycle
        # Waiting for a head (no request yet, or the previous one answered) or for the rest of a body: too slow.
        # A request received in full and being answered is left alone.
        if cycle is None or cycle.response_complete or cycle.more_body:
            self.transport.close()


class Throttle(logging.Filter):
    """At most `burst` records of one message (logger and format string) per `window` seconds."""

    def __init__(self, burst: int = 20, window: float = 10.0) -> None:
        super().__init__()
        self.burst = burst
        self.window = window
        self._seen: dict[tuple[str, str], list[float]] = {}  # key -> [window start, count, suppressed]

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg)[:200])
        now = time.monotonic()
        if len(self._seen) > 1000:
            self._seen.clear()
        seen = self._seen.setdefault(key, [now, 0, 0])
        if now - seen[0] > self.window:
            if seen[2]:
                record.msg = f"{record.msg} [{int(seen[2])} more like this suppressed]"
            seen[:] = [now, 0, 0]
        seen[1] += 1
        if seen[1] > self.burst:
            seen[2] += 1
            return False
        return True


class ShortTarget(logging.Filter):
    """The access log's request target cut to LOGGED_TARGET characters (a GET may carry a 100 KB query)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and len(args[2]) > LOGGED_TARGET:
            record.args = (*args[:2], f"{args[2][:LOGGED_TARGET]}… [{len(args[2])} characters]", *args[3:])
        return True


def connection_cap(wanted: int) -> int:
    """`wanted`, or fewer when the process may not open that many files (the soft limit raised to the hard)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        target = hard if hard != resource.RLIM_INFINITY else max(soft, wanted + _SPARE_FILES)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return max(1, min(wanted, soft - _SPARE_FILES))


def _install_log_filters() -> None:
    throttle = Throttle()
    # Not the access log: a line a request is its point (its target is cut instead, below).
    for name in ("uvicorn", "uvicorn.error", "asyncio", "policykg"):
        logger = logging.getLogger(name)
        for handler in logger.handlers:
            handler.addFilter(throttle)
    logging.getLogger("uvicorn.access").addFilter(ShortTarget())
    # asyncio and policykg log through the root logger: one handler there, throttled too.
    root = logging.StreamHandler(sys.stderr)
    root.addFilter(throttle)
    logging.getLogger().addHandler(root)


def serve(app: FastAPI, settings: Settings) -> None:
    """Serve `app` until SIGINT or SIGTERM; the process ends here, within GRACEFUL_SECONDS and a second, even
    if a lookup is still inside the store (pyoxigraph cannot stop a query; the workers are killed before)."""
    GuardedHttp.max_connections = connection_cap(settings.max_connections)
    GuardedHttp.request_seconds = settings.request_timeout
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        http=GuardedHttp,
        loop="uvloop",
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        timeout_graceful_shutdown=GRACEFUL_SECONDS,
        log_level="info",
    )
    server = uvicorn.Server(config)
    _install_log_filters()
    server.run()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0 if server.started else 1)
