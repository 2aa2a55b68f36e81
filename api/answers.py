"""A SPARQL answer as an HTTP response: a small one as it is, a large one streamed from its file.

The file is sent a part at a time, each part only when the client has taken the previous one (the server's
transport applies back-pressure), so the server holds one part per slow client, never the answer. A client
that takes nothing for `STALL_SECONDS` is dropped. The file is removed however the response ends.
"""

from __future__ import annotations

import asyncio
import os

from fastapi import Response
from starlette.types import Receive, Scope, Send

from policykg.graph.sparql.results import Answer

PART_BYTES = 64 << 10
STALL_SECONDS = 30.0


def answer_response(answer: Answer, media_type: str) -> Response:
    if answer.body is not None:
        return Response(answer.body, media_type=media_type)
    assert answer.path is not None
    return FileAnswer(answer.path, answer.size, media_type)


class FileAnswer(Response):
    def __init__(self, path: str, size: int, media_type: str) -> None:
        super().__init__(media_type=media_type)
        self.path = path
        self.headers["content-length"] = str(size)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            with open(self.path, "rb") as answer:
                start = {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
                await asyncio.wait_for(send(start), STALL_SECONDS)
                while part := answer.read(PART_BYTES):
                    message = {"type": "http.response.body", "body": part, "more_body": True}
                    await asyncio.wait_for(send(message), STALL_SECONDS)
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        except TimeoutError:
            return  # the client stopped reading: the server closes the connection, unfinished
        finally:
            os.unlink(self.path)
