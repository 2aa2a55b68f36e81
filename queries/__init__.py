"""Queries: SPARQL `.rq` files, each answering one question."""
