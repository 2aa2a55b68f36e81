"""Endpoint URLs as messages show them: credentials replaced by `***`."""

from __future__ import annotations

import pytest

from policykg.urls import http_url_problem, redact, without_credentials


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://user:secret@host/sparql", "http://***:***@host/sparql"),
        ("https://user@host:8890/sparql", "https://***@host:8890/sparql"),
        ("http://u:p%40ss@127.0.0.1:9/x?graph=g", "http://***:***@127.0.0.1:9/x?graph=g"),
        ("http://host/sparql?key=abc&graph=g", "http://host/sparql?key=***&graph=g"),
        (
            "http://host/s?password=a&pwd=b&token=c&access_token=d&api_key=e",
            "http://host/s?password=***&pwd=***&token=***&access_token=***&api_key=***",
        ),
        ("http://host/sparql?graph=https://w3id.org/x", "http://host/sparql?graph=https://w3id.org/x"),
        ("http://host/sparql", "http://host/sparql"),
        ("notaurl", "notaurl"),
        ("http://[::1", "http://[::1"),
        ("http://a:b@[::1/x", "http://***@[::1/x"),  # not parsable, but no password shown
    ],
)
def test_redact(url: str, shown: str) -> None:
    assert redact(url) == shown


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://127.0.0.1:8890/sparql", None),
        ("https://example.org/sparql", None),
        ("notaurl", "not a URL"),
        ("ftp://host/x", "not an http:// or https:// URL"),
        ("http://", "no host"),
        ("http://host:99999/x", "not a valid URL"),
    ],
)
def test_http_url_problem(url: str, problem: str | None) -> None:
    found = http_url_problem(url)
    assert found == problem if problem is None else found is not None and found.startswith(problem)


def test_without_credentials() -> None:
    assert without_credentials("http://us%40r:p%3Ass@h:1/x?y=1") == ("http://h:1/x?y=1", "us@r", "p:ss")
    assert without_credentials("http://h/x") == ("http://h/x", None, None)
