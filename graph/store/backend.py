"""The store interface the API reads through, whichever store is behind it: the embedded pyoxigraph store
(`embedded`) or any SPARQL 1.1 endpoint (`remote`).

Both answer the fixed lookups (`select`, `construct`) and user SPARQL (`sparql`), and both write user
results with the same writers and limits (`graph.sparql.results`), so a client sees the same protocol whichever
store is behind it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from pyoxigraph import Triple

from policykg.graph.sparql.query import Table
from policykg.graph.sparql.results import Answer
from policykg.graph.sparql.text import Term
from policykg.graph.store.workers import QueryRequest


class Backend(Protocol):
    name: str
    lanes: int  # how many `select_batch` calls are worth running at the same time

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> Table: ...

    def select_batch(self, items: Sequence[tuple[str, Mapping[str, Term]]]) -> list[Table]: ...

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]: ...

    async def sparql(self, request: QueryRequest, client: str = "") -> Answer: ...

    async def healthy(self) -> bool: ...

    def close(self) -> None: ...
