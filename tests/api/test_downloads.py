"""The tables analysts paste into their own work (an entity's mentions and relations with their sentences, as CSV
and XLSX) and the map's points as GeoJSON, from the running server."""

from __future__ import annotations

import csv
import io
import zipfile

import httpx

from tests.api.conftest import Server


def test_an_entitys_mentions_and_relations_download_with_their_sentences(server: Server) -> None:
    context = httpx.get(f"{server.url}/api/hydropower/huoi-quang").json()
    answer = httpx.get(f"{server.url}/api/evidence", params={"focus": "huoi quang", "table": "mentions"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    assert answer.content.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets need to read UTF-8
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert len(rows) == len(context["mentions"])
    assert all(r["sentence"] and r["line"] and r["report"] for r in rows)
    relations = httpx.get(f"{server.url}/api/evidence", params={"focus": "huoi quang", "table": "relations"})
    assert len(list(csv.DictReader(io.StringIO(relations.content.decode("utf-8-sig"))))) == len(context["related"])
    book = httpx.get(f"{server.url}/api/evidence", params={"focus": "huoi quang", "format": "xlsx"})
    assert book.headers["content-type"].startswith("application/vnd.openxmlformats")
    with zipfile.ZipFile(io.BytesIO(book.content)) as xlsx:
        sheets = [n for n in xlsx.namelist() if n.startswith("xl/worksheets/sheet")]
        strings = xlsx.read("xl/sharedStrings.xml").decode("utf-8")
    assert len(sheets) == 2 and rows[0]["sentence"][:40].replace("&", "&amp;") in strings


def test_a_download_of_nothing_or_of_a_bad_table_is_refused(server: Server) -> None:
    assert httpx.get(f"{server.url}/api/evidence", params={"focus": "zzqqxx"}).status_code == 404
    assert httpx.get(f"{server.url}/api/evidence", params={"focus": "x", "table": "secrets"}).status_code == 422
    assert httpx.get(f"{server.url}/api/evidence").status_code == 422


def test_the_maps_points_are_geojson_inside_viet_nam(server: Server) -> None:
    answer = httpx.get(f"{server.url}/api/map")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/geo+json"
    features = answer.json()["features"]
    assert len(features) >= 50
    for f in features:
        lon, lat = f["geometry"]["coordinates"]
        assert 102 <= lon <= 110 and 8 <= lat <= 24, f["properties"]["label"]
    plants = {f["properties"]["label"] for f in features if f["properties"]["kind"] == "hydropower"}
    assert "Huội Quảng" in plants


def test_an_indicators_figures_download_as_xlsx_too(server: Server) -> None:
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = httpx.get(f"{server.url}/api/indicators", params={"concept": "poverty-rate"}, headers={"Accept": xlsx})
    assert book.status_code == 200 and book.headers["content-type"] == xlsx
    with zipfile.ZipFile(io.BytesIO(book.content)) as archive:
        assert "xl/worksheets/sheet1.xml" in archive.namelist()
        assert "poverty-rate" in archive.read("xl/sharedStrings.xml").decode("utf-8")
