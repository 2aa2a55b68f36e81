"""Content negotiation: the media type a client's `Accept` header prefers among those an answer is offered in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from starlette.requests import Request

VARIES = "policykg.varies"  # the scope's mark of an answer chosen by `Accept` (`HttpEdge` adds `Vary: Accept`)


@dataclass(frozen=True)
class Accepted:
    media_type: str
    quality: float


def parse_accept(header: str | None) -> list[Accepted]:
    """`Accept` entries, best first (a missing header accepts anything)."""
    if not header:
        return [Accepted("*/*", 1.0)]
    out = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        quality = 1.0
        for param in fields[1:]:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        out.append(Accepted(fields[0].lower(), quality))
    return sorted((a for a in out if a.quality > 0), key=lambda a: -a.quality)


def negotiated(request: Request, offered: Sequence[str]) -> str | None:
    """`negotiate` on the request's `Accept`, the answer marked as chosen by it: its `Vary: Accept` tells an HTTP
    cache in front of the server (a proxy, a CDN) to keep one answer per `Accept`, not serve Turtle to a browser."""
    request.scope[VARIES] = True
    return negotiate(request.headers.get("accept"), offered)


def negotiate(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers, the first offered for `*/*`, or None (→ 406)."""
    for entry in parse_accept(accept):
        if entry.media_type in offered:
            return entry.media_type
        if entry.media_type == "*/*":
            return offered[0]
        if entry.media_type.endswith("/*"):
            prefix = entry.media_type[:-1]
            for media in offered:
                if media.startswith(prefix):
                    return media
    return None


# ------------------------------------------------------------------------------------------- answers
