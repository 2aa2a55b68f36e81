"""Every SELECT of `queries/` answers each row once on the bundled corpus, whatever number of report graphs restate
a fact (the default graph is their union, a bag: issue 17). Parameters are bound to entities the corpus holds."""

from __future__ import annotations

import re

import pytest
from pyoxigraph import NamedNode

from policykg import queries
from policykg.graph.lookup.catalogue import Catalogue

ID = "https://w3id.org/policykg/id/"
SAMPLES = {
    "entity": [f"{ID}document/29-nq-tw-khoa-xi", f"{ID}hydropower/huoi-quang", f"{ID}place/lai-chau",
               f"{ID}programme/mtqg-nong-thon-moi"],
    "place": [f"{ID}place/lai-chau", f"{ID}place/muong-te"],
    "plant": [f"{ID}hydropower/huoi-quang", f"{ID}hydropower/lai-chau"],
    "document": [f"{ID}document/29-nq-tw-khoa-xi"],
    "area": [f"{ID}place/lai-chau"],
    "concept": [f"{ID}indicator/poverty-rate"],
}  # fmt: skip
# Rows that may repeat, and why: two mentions of one entity in the same words on one line (the index links them
# to one sentence either way).
SKIPPED = {"search_mentions"}


def _selects() -> list[str]:
    return [n for n in queries.names() if n not in SKIPPED and re.search(r"^\s*SELECT", queries.load(n), re.M)]


@pytest.mark.parametrize("name", _selects())
def test_a_query_answers_each_row_once(catalogue: Catalogue, name: str) -> None:
    text = queries.load(name)
    params = re.findall(r"^#\s*param:\s*\?(\w+)", text, re.MULTILINE)
    if any(p not in SAMPLES for p in params):
        pytest.skip(f"no sample for {params}")
    for value in SAMPLES[params[0]] if params else [None]:
        bindings = {p: NamedNode(SAMPLES[p][0]) for p in params}
        if value is not None:
            bindings[params[0]] = NamedNode(value)
        table = catalogue.backend.select(text, bindings)
        rows = [tuple(r) for r in table.rows]
        assert len(rows) == len(set(rows)), f"{name} {value}: {len(rows) - len(set(rows))} of {len(rows)} rows again"
