"""SPARQL queries, one question per `.rq` file, read as package data and parameterised by binding.

A query's parameters are its variables listed in a `# param: ?name` comment line; callers bind them through
pyoxigraph's `substitutions` (never by formatting text into the query).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from policykg.errors import QueryError

_PARAM = re.compile(r"^#\s*param:\s*\?(\w+)", re.MULTILINE)


@cache
def load(name: str) -> str:
    """The text of `queries/<name>.rq`."""
    try:
        return resources.files("policykg.queries").joinpath(f"{name}.rq").read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:
        raise QueryError(f"no query named {name!r} in queries/") from exc


def names() -> list[str]:
    return sorted(
        p.name.removesuffix(".rq") for p in resources.files("policykg.queries").iterdir() if p.name.endswith(".rq")
    )


def parameters(text: str) -> list[str]:
    return _PARAM.findall(text)
