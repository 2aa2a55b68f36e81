"""The server's own guards that need no running server: throttled logs, short access-log targets, the
connection cap under the open-files limit."""

from __future__ import annotations

import logging
import resource

from policykg.api.server import ShortTarget, Throttle, connection_cap


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_one_message_repeated_is_written_a_burst_then_counted() -> None:
    # asyncio once wrote 663,503 "Too many open files" tracebacks in 60 s.
    kept = _Kept()
    kept.addFilter(Throttle(burst=20, window=60.0))
    logger = logging.getLogger("policykg.test.throttle")
    logger.addHandler(kept)
    logger.propagate = False
    try:
        for n in range(10_000):
            logger.error("socket.accept() out of system resource: %s", n)
        logger.error("another message")
    finally:
        logger.removeHandler(kept)
    assert len(kept.records) == 21
    assert kept.records[-1].getMessage() == "another message"


def test_after_the_window_the_suppressed_are_counted() -> None:
    throttle = Throttle(burst=1, window=0.0)  # every record opens a new window
    first = logging.LogRecord("x", logging.ERROR, __file__, 1, "same", None, None)
    throttle._seen[("x", "same")] = [0.0, 5, 4]  # a window that held four suppressed records
    assert throttle.filter(first)
    assert first.getMessage() == "same [4 more like this suppressed]"


def test_the_access_log_keeps_a_short_target() -> None:
    target = "/sparql?query=" + "x" * 95_000
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:1", "GET", target, "1.1", 200), None)  # fmt: skip
    assert ShortTarget().filter(record)
    line = record.getMessage()
    assert len(line) < 300 and "[95014 characters]" in line


def test_the_connection_cap_stays_under_the_open_files_limit() -> None:
    cap = connection_cap(10_000_000)
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    assert 1 <= cap < soft
    assert connection_cap(10) == 10
