"""What a read-only endpoint reads of a query's text before running it: one scan, keywords only as keywords."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode

from policykg.graph.sparql.text import declared_limit, inspect_query, with_values


@pytest.mark.parametrize(
    ("query", "form", "update"),
    [
        ("SELECT * { ?s ?p ?o }", "SELECT", False),
        ("  prefix ex: <http://x/> PREFIX : <y> ask { ?s ?p ?o }", "ASK", False),
        ("BASE <http://x/> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", False),
        ("PREFIX ex:<http://x/>\nDESCRIBE ex:a", "DESCRIBE", False),
        ("# SELECT in a comment\nINSERT DATA { <a> <b> <c> }", None, True),
        ("PREFIX ex: <http://x/> DELETE WHERE { ?s ?p ?o }", None, True),
        ("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", None, True),
        ("LOAD <http://example.org/data.ttl>", None, True),
        ("'SELECT' INSERT", None, True),
        ("", None, False),
    ],
)
def test_the_form_and_updates(query: str, form: str | None, update: bool) -> None:
    text = inspect_query(query)
    assert (text.form, text.update) == (form, update)


@pytest.mark.parametrize(
    ("query", "service"),
    [
        ("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }", True),
        ('SELECT * { ?s ?p "SERVICE" } # SERVICE', False),
        ("SELECT * { ?s ?p '''a\nSERVICE\nb''' }", False),
        ("SELECT * { ?s ?p <http://x/SERVICE> }", False),
    ],
)
def test_service_clauses(query: str, service: bool) -> None:
    assert inspect_query(query).service == service


@pytest.mark.parametrize(
    "query",
    [
        "'" + "\\'" * 200_000,  # every closing quote escaped: the old scan started again at each one
        '"' + '\\"' * 200_000,
        "'''" * 100_000,
        '"""' + "x" * 200_000,
        "<a" * 200_000,
        "PREFIX a:" * 100_000,
    ],
)
def test_unterminated_strings_and_iris_are_read_once(query: str) -> None:
    # Nothing here is a query; what matters is that the scan ends (the server test sends a megabyte).
    text = inspect_query(query)
    assert text.form is None and not text.update and not text.service


def test_a_keyword_after_an_unterminated_string_on_the_same_line_is_not_seen() -> None:
    assert inspect_query("SELECT * { ?s ?p 'open SERVICE <x> }").service is False
    assert inspect_query("SELECT * { ?s ?p 'open\n} SERVICE <x> {}").service is True


def test_values_go_first_into_the_where_group_never_into_a_comment_or_string() -> None:
    entity = {"entity": NamedNode("https://w3id.org/policykg/id/document/29-nq-tw")}
    query = '# WHERE { in a comment\nSELECT ?x WHERE { ?x <p> "WHERE { in a string" }'
    bound = with_values(query, entity)
    assert bound.count("VALUES (?entity)") == 1
    assert bound.index("VALUES") > bound.index("SELECT ?x WHERE {")
    assert "<https://w3id.org/policykg/id/document/29-nq-tw>" in bound


def test_values_go_into_the_first_group_of_a_query_without_where() -> None:
    bound = with_values("ASK { ?s ?p ?o }", {"s": Literal("x")})
    assert bound == 'ASK { VALUES (?s) { ("x") }  ?s ?p ?o }'


@pytest.mark.parametrize(
    ("query", "limit"),
    [
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 10", 10),
        ("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s limit 10 offset 5\n", 10),
        ("SELECT * { ?s ?p ?o } OFFSET 5 LIMIT 7", 7),
        ("SELECT * WHERE { ?s ?p ?o }", None),
        ("SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 3 } }", None),  # a subquery's
        ('SELECT * WHERE { ?s ?p "} LIMIT 3" }', None),  # in a string
        ("SELECT * WHERE { ?s ?p ?o } # LIMIT 3", None),  # in a comment
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 3 VALUES ?s { <urn:a> }", None),  # not last: not taken
    ],
)
def test_the_limit_a_query_declares_for_itself(query: str, limit: int | None) -> None:
    assert declared_limit(query) == limit
