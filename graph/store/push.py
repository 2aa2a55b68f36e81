"""`policykg push`: the current build's named graphs into a SPARQL 1.1 Graph Store (HTTP PUT per graph), the
path from the embedded store to a server such as Virtuoso."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

from policykg.errors import StoreError
from policykg.graph.store.layout import DATASET_FILE, StoreLayout
from policykg.urls import hide, http_url_problem, redact, without_credentials


def push_store(
    root: Path, endpoint: str, graph_parameter: str, user: str | None, password: str | None
) -> dict[str, int]:
    """PUT every named graph of the current build; returns the triples sent per graph.

    The endpoint may carry `user:password@` (used for HTTP Digest unless `user` is given); every message shows
    it with the credentials replaced by `***`."""
    shown = redact(endpoint)
    problem = http_url_problem(endpoint)
    if problem:
        raise StoreError(f"--endpoint {shown}: {problem}")
    endpoint, url_user, url_password = without_credentials(endpoint)
    if not user and url_user:
        user, password = url_user, url_password if url_password is not None else password
    build = StoreLayout(root).current_build()
    if build is None:
        raise StoreError(f"{root}: no store built yet; run `policykg build` first")
    graphs: dict[str, list[str]] = defaultdict(list)
    with (build / DATASET_FILE).open(encoding="utf-8") as dataset:
        for line in dataset:
            head, _, graph = line.rstrip().removesuffix(".").rstrip().rpartition(" ")
            graphs[graph.strip("<>")].append(head + " .\n")
    opener = urllib.request.build_opener()
    digest = None
    if user:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, endpoint, user, password or "")
        digest = urllib.request.HTTPDigestAuthHandler(manager)
        opener = urllib.request.build_opener(digest)

    def url_of(graph: str) -> str:
        return f"{endpoint}{'&' if '?' in endpoint else '?'}{urllib.parse.urlencode({graph_parameter: graph})}"

    # Sent without credentials, a PUT is refused (401) and Virtuoso may close the connection before it has read
    # the body: the client's write then fails (broken pipe). So the challenge is asked for once, first, with a
    # HEAD, which has no body, and every PUT carries its answer.
    challenge = _digest_challenge(url_of(next(iter(graphs)))) if digest is not None and graphs else None
    pushed = {}
    for graph, lines in graphs.items():
        request = urllib.request.Request(url_of(graph), data="".join(lines).encode("utf-8"), method="PUT",
                                         headers={"Content-Type": "application/n-triples"})  # fmt: skip
        answer = digest.get_authorization(request, challenge) if digest is not None and challenge else None
        if answer:
            request.add_unredirected_header("Authorization", f"Digest {answer}")
        try:
            with opener.open(request, timeout=120) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            hint = "; wrong user or password?" if exc.code == 401 else ""
            raise StoreError(f"{shown}: PUT of graph {graph} failed (HTTP {exc.code} {exc.reason}{hint})") from exc
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            detail = hide(" ".join(str(reason).split())[:200], endpoint)
            raise StoreError(f"{shown}: PUT of graph {graph} failed ({detail})") from exc
        pushed[graph] = len(lines)
    return pushed


def _digest_challenge(url: str) -> dict[str, str] | None:
    """The server's HTTP Digest challenge for `url` (from a HEAD without credentials), or None when it sends
    none (no credentials needed, HEAD not supported, not reachable: the PUT then says what is wrong)."""
    try:
        with urllib.request.build_opener().open(urllib.request.Request(url, method="HEAD"), timeout=30):
            return None
    except urllib.error.HTTPError as refused:
        offered = refused.headers.get_all("WWW-Authenticate") or []
    except (urllib.error.URLError, OSError, ValueError):
        return None
    for header in offered:
        scheme, _, challenge = header.partition(" ")
        if scheme.lower() == "digest":
            return urllib.request.parse_keqv_list([f for f in urllib.request.parse_http_list(challenge) if f])
    return None
