"""Full-text search (issue 16): questions written down from the bundled reports, each answered in the top 3, on
the index a real build writes; the HTTP contract of `/api/search` and the explorer's `/search` page; and lookups
that tell apart the documents of one symbol."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from policykg.graph.lookup.fulltext import INDEX_FILE, FullTextIndex
from tests.api.conftest import Server


@pytest.fixture(scope="module")
def index(built_store: Path) -> FullTextIndex:
    return FullTextIndex(built_store / "current" / INDEX_FILE)


# (what an analyst types, the kind asked for, the label expected among the first three)
ENTITY_QUESTIONS = [
    ("huoi quang", None, "Huội Quảng"),  # a plant, typed without diacritics
    ("ban chat", None, "Bản Chát"),
    ("thuy dien lai chau", None, "Lai Châu"),  # the plant, named the way the reports name it
    ("nha may thuy dien son la", "hydropower", "Sơn La"),
    ("thuy dien", "hydropower", "Huội Quảng"),
    ("29-nq/tw", "document", "Nghị quyết 29-NQ/TW"),  # symbols typed any way
    ("2009/qd-ttg", None, "Quyết định 2009/QĐ-TTg"),
    ("2038/QD-TTg", None, "Quyết định 2038/QĐ-TTg"),
    ("800/qd-ttg", None, "Quyết định 800/QĐ-TTg"),
    ("nong thon moi", None, "Chương trình mục tiêu quốc gia xây dựng nông thôn mới"),  # the national programme
    ("nong thon moi", "document", "Quyết định 1600/QĐ-TTg"),  # a document by its subject
    ("chuong trinh 135", None, "Chương trình 135"),
    ("giam ngheo ben vung", None, "Chương trình mục tiêu quốc gia giảm nghèo bền vững"),
    ("OCOP", None, "Chương trình mỗi xã một sản phẩm (OCOP)"),
    ("muong te", "place", "Mường Tè"),
    ("sin ho", None, "Sìn Hồ"),
    ("tam duong", None, "Tam Đường"),
    ("lai chau", "place", "Lai Châu"),
    ("phong tho", None, "Phong Thổ"),
    ("ty le ho ngheo", "indicator", "Tỷ lệ hộ nghèo"),
    ("luat dau tu cong", None, "Luật Đầu tư công"),
    ("hien phap", None, "Hiến pháp năm 2013"),
]


@pytest.mark.parametrize(("q", "kind", "expected"), ENTITY_QUESTIONS)
def test_an_entity_question_is_answered_in_the_top_three(
    index: FullTextIndex, q: str, kind: str, expected: str
) -> None:
    assert expected in [h.label for h in index.entities(q, kind, 3)]


# (words, filters, what one of the first three sentences holds)
SENTENCE_QUESTIONS: list[tuple[str, dict[str, Any], str]] = [
    ("di dan tai dinh cu", {}, "di dân TĐC"),  # the abbreviation the reports use, found by its words
    ("tái định cư thủy điện Lai Châu", {}, "TĐC thủy điện Lai Châu"),  # … and the other way round
    ("xoa doi giam ngheo", {}, "xóa đói giảm nghèo"),
    ("cao su", {}, "cây cao su"),
    ("sam lai chau", {}, "Sâm Lai Châu"),
    ("cua khau ma lu thang", {}, "cửa khẩu Ma Lù Thàng"),
    ("tai dinh cu thuy dien huoi quang", {}, "Huội Quảng"),
    ("chuyen doi so", {}, "chuyển đổi số"),
    ("29-NQ/TW", {}, "29-NQ/TW"),
    ("du lich", {"year": 2023}, "du lịch"),
    ("thu ngan sach", {"year": 2020}, "thu ngân sách"),
    ("ho ngheo", {"place": "Mường Tè"}, "Mường Tè"),
]


@pytest.mark.parametrize(("q", "filters", "expected"), SENTENCE_QUESTIONS)
def test_a_phrase_is_found_in_the_reports_sentences(
    index: FullTextIndex, q: str, filters: dict[str, Any], expected: str
) -> None:
    found = index.sentences(q, limit=3, **filters)
    assert any(expected.lower() in h.text.lower() for h in found.hits), [h.text for h in found.hits]
    if "year" in filters:
        assert {h.year for h in found.hits} == {filters["year"]}


def test_words_that_no_sentence_holds_together_find_those_holding_most(index: FullTextIndex) -> None:
    found = index.sentences("cao su zzzzqqq")
    assert not found.every_word and found.total > 0
    assert "cao su" in found.hits[0].text.lower()


def test_query_syntax_is_words_only(index: FullTextIndex) -> None:
    # FTS5 operators, quotes and brackets are words to find, never syntax (no error, no injection)
    for q in ['NEAR("a" b)', '" OR *', "a AND NOT b", "col:thuy", "^^^", "'; DROP TABLE sentences; --"]:
        index.sentences(q)
        index.entities(q)
    assert index.sentences("thuy dien").total > 0  # the index is still whole


def test_sentence_search_over_http_marks_the_words_and_counts_by_report_year_kind_and_place(server: Server) -> None:
    if server.backend != "embedded":
        answer = httpx.get(f"{server.url}/api/search", params={"q": "cao su", "scope": "sentences"})
        assert answer.status_code == 503  # a remote endpoint has no index of the reports' sentences; said so
        return
    body = httpx.get(f"{server.url}/api/search", params={"q": "tai dinh cu", "scope": "all", "limit": 5}).json()
    assert body["scope"] == "all" and body["hits"]
    found = body["sentences"]
    assert found["total"] >= 5 and len(found["hits"]) == 5
    first = found["hits"][0]
    assert "<mark>" in first["snippet"] and first["line"] > 0 and first["report"].startswith("https://")
    assert sum(c["count"] for c in found["counts"]["report"]) == found["total"]
    assert {"report", "year", "kind", "place"} <= set(found["counts"])
    report = found["counts"]["report"][0]["iri"]
    narrowed = httpx.get(f"{server.url}/api/search", params={"q": "tai dinh cu", "scope": "sentences",
                                                              "report": report}).json()["sentences"]  # fmt: skip
    assert narrowed["total"] == found["counts"]["report"][0]["count"]
    assert {h["report"] for h in narrowed["hits"]} == {report}
    second_page = httpx.get(f"{server.url}/api/search", params={"q": "tai dinh cu", "scope": "sentences", "limit": 5,
                                                                 "offset": 5}).json()["sentences"]  # fmt: skip
    assert {(h["report"], h["line"], h["text"]) for h in second_page["hits"]}.isdisjoint(
        {(h["report"], h["line"], h["text"]) for h in found["hits"]}
    )


def test_a_snippet_escapes_the_reports_words(server: Server) -> None:
    if server.backend != "embedded":
        pytest.skip("sentences are searched on the embedded store's index")
    hits = httpx.get(f"{server.url}/api/search", params={"q": "ty le", "scope": "sentences", "limit": 50}).json()
    for h in hits["sentences"]["hits"]:
        assert h["snippet"].replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_the_search_page_shows_names_sentences_and_facets(server: Server) -> None:
    if server.backend != "embedded":
        pytest.skip("the page is the same on every store")
    page = httpx.get(f"{server.url}/search", params={"q": "huoi quang"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'href="/id/hydropower/huoi-quang"' in page.text and "<mark>" in page.text
    assert 'class="facets"' in page.text
    assert httpx.get(f"{server.url}/search").status_code == 200  # the empty form
    assert httpx.get(f"{server.url}/search", params={"q": "x", "page": 0}).status_code == 422


def test_the_documents_of_one_symbol_are_told_apart_and_each_can_be_chosen(server: Server) -> None:
    answer = httpx.get(f"{server.url}/api/documents/29-NQ/TW")
    assert answer.status_code == 300
    candidates = answer.json()["candidates"]
    assert len(candidates) == 2 and len({c["label"] for c in candidates}) == 2  # labels that differ
    assert all(c["subject"] and c["id"] and c["iri"] for c in candidates)
    assert {c["year"] for c in candidates} >= {2013}
    for c in candidates:
        picked = httpx.get(f"{server.url}/api/documents/29-NQ/TW", params={"id": c["id"]})
        assert picked.status_code == 200 and picked.json()["document"]["iri"] == c["iri"]
    assert httpx.get(f"{server.url}/api/documents/29-NQ/TW", params={"year": 2013}).status_code == 200
    assert httpx.get(f"{server.url}/api/documents/29-NQ/TW", params={"id": "nope"}).status_code == 404
