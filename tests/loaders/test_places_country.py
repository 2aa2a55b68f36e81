"""Places of the whole country: units of other provinces, of one name in many provinces, before and after the
reform of 1 July 2025 — with phrases from the texts of other provinces (tests/annotations/texts)."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import extract_file
from policykg.loaders.places import Scope, find_places, province_named, report_scope

VN = "https://w3id.org/policykg/id/place/vn/"


def found(text: str, scope: Scope | None = None) -> list[tuple[str, str, str | None]]:
    return [(p.name, p.kind, p.unit.iri if p.unit else None) for p in find_places(text, scope)]


def scope_of(province: str, after_2025: bool = False) -> Scope:
    unit = province_named(province, after_2025)
    assert unit is not None
    return Scope(unit.iri, after_2025)


def test_units_of_other_provinces_have_their_level_and_places_abroad_stay_other() -> None:
    # 2020 study book of Lai Châu: neighbours in Viet Nam and across the border
    assert found("giáp tỉnh Điện Biên, huyện Mường Nhé và huyện Kim Bình (Trung Quốc)") == [
        ("Điện Biên", "province", VN + "province/11"),
        ("Mường Nhé", "district", VN + "district/096"),
        ("Kim Bình", "other", "https://w3id.org/policykg/id/place/outside/kim-binh"),
        ("Trung Quốc", "other", "https://w3id.org/policykg/id/place/outside/trung-quoc"),
    ]


def test_a_name_a_vietnamese_district_has_is_abroad_when_the_text_says_so() -> None:
    # 2013 report of Lai Châu: Giang Thành is also a district of Kiên Giang
    names = found("đàm phán với các huyện Kim Bình, Lục Xuyên, Giang Thành (Trung Quốc) để giải quyết")
    assert [(n, k) for n, k, _ in names] == [
        ("Kim Bình", "other"), ("Lục Xuyên", "other"), ("Giang Thành", "other"), ("Trung Quốc", "other")
    ]  # fmt: skip


def test_the_kind_word_and_the_district_after_a_name_tell_units_of_one_name_apart() -> None:
    # 124/2017/NQ-HĐND of Đồng Tháp: the city and the district of Cao Lãnh are two units
    dong_thap = scope_of("Đồng Tháp")
    assert found("thành phố Cao Lãnh và huyện Cao Lãnh", dong_thap) == [
        ("Thành phố Cao Lãnh", "district", VN + "district/866"),
        ("Cao Lãnh", "district", VN + "district/873"),
    ]
    # Mỹ Hiệp is a commune of Bình Định and of An Giang too; the district in brackets decides
    assert found("08 đô thị loại V gồm: Mỹ Hiệp (huyện Cao Lãnh), Tân Thành (huyện Lai Vung)", dong_thap)[0] == (
        "Mỹ Hiệp", "commune", VN + "commune/30112"
    )  # fmt: skip


def test_the_reports_province_decides_and_an_undecided_name_keeps_its_kind() -> None:
    text = "xã Tân Phong"  # a commune of a dozen provinces
    assert found(text, scope_of("Sơn La")) == [("Tân Phong", "commune", VN + "commune/03970")]
    assert found(text, scope_of("Hải Phòng")) == [("Tân Phong", "commune", VN + "commune/11734")]
    assert found(text, scope_of("Bình Định")) == [("Tân Phong", "commune", None)]  # none there: not decided
    # named in a district that has none of that name: none of them
    assert found("xã Tân Phong, huyện Bình Lục", scope_of("Hà Nam"))[0] == ("Tân Phong", "commune", None)


def test_a_report_of_the_new_map_reads_the_units_created_in_2025() -> None:
    old = found("phường Kim Tân, tỉnh Lào Cai", scope_of("Lào Cai"))
    assert old[0] == ("Kim Tân", "commune", VN + "commune/02647")
    new = found("phường Lào Cai, tỉnh Lào Cai", scope_of("Lào Cai", after_2025=True))
    assert new[0] == ("Lào Cai", "commune", VN + "2025/commune/02647")
    assert new[1][2] == VN + "2025/province/15"  # Lào Cai took Yên Bái in: the province of the new map


def test_a_former_name_is_kept_as_the_text_gives_it() -> None:
    # 07/NQ-HĐND of 2017: Thừa Thiên Huế has been the city of Huế since 2025; its city, quận Thuận Hóa
    hue = found("HỘI ĐỒNG NHÂN DÂN TỈNH Thừa Thiên Huế; Ủy ban nhân dân các huyện, thị xã, thành phố Huế")
    assert [(n, k) for n, k, _ in hue] == [("Thừa Thiên Huế", "province"), ("Thành phố Huế", "district")]


def test_the_reports_province_is_read_from_what_it_names() -> None:
    assert report_scope("", ("Ủy ban nhân dân tỉnh Trà Vinh",), "2017-07-13").province is None  # not a name
    assert report_scope("", (None, "Trà Vinh"), "2017-07-13") == Scope(VN + "province/84")
    assert report_scope("", ("Lào Cai",), "2025-08-01") == Scope(VN + "2025/province/15", True)
    assert report_scope("", ("Trà Vinh",), "2025-08-01") == Scope(VN + "province/84", True)  # none by that name
    # no name given: the province it names, or whose units it names, most
    text = "các phường thuộc thành phố Trà Vinh; tỉnh Trà Vinh; xã Long Hiệp"
    assert report_scope(text, (None,), None).province == VN + "province/84"
    assert report_scope("xã Giang Ma và xã Hồ Thầu", (), None).province == "https://w3id.org/policykg/id/place/lai-chau"


def test_a_no_break_space_inside_a_name_is_a_space() -> None:
    from policykg.loaders.layout import nfc_with_columns

    text, columns = nfc_with_columns("trong tỉnh Trà\u00a0Vinh.")
    assert text == "trong tỉnh Trà Vinh." and columns is None


def test_numbered_wards_take_the_city_of_the_names_listed_with_them() -> None:
    # 124/2017/NQ-HĐND of Đồng Tháp: every city of the province has a Phường 3
    dong_thap = scope_of("Đồng Tháp")
    listed = found("các khu đô thị mới tại phường 3, 4, 6, 11, Hòa Thuận, Mỹ Phú", dong_thap)
    assert [n for n, _, _ in listed] == ["Phường 3", "Phường 4", "Phường 6", "Phường 11", "Hòa Thuận", "Mỹ Phú"]
    assert all(iri and iri.startswith(VN + "commune/298") for _, _, iri in listed)  # Cao Lãnh's wards
    assert found("trạm xử lý nước thải Phường 3, thành phố Cao Lãnh", dong_thap)[0][2] == VN + "commune/29875"
    assert found("khu dân cư khóm 3 phường 3, chỉnh trang", dong_thap) == [("Phường 3", "commune", None)]


def test_names_split_across_lines_are_read_whole(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "Các dự án tái định cư tại xã Nậm\nHàng, huyện Nậm\nNhùn đã hoàn thành; tỉnh Điện\nBiên và thành phố Hồ Chí\n"
        "Minh hỗ trợ.\n",
        encoding="utf-8",
    )
    assert [(p.name, p.kind, [m.line for m in p.mentions]) for p in extract_file(report).places] == [
        ("Nậm Hàng", "commune", [1]), ("Nậm Nhùn", "district", [2]), ("Điện Biên", "province", [3]),
        ("Thành phố Hồ Chí Minh", "province", [4]),
    ]  # fmt: skip


def test_centrally_run_cities_listed_one_after_another_are_each_a_city(tmp_path: Path) -> None:
    # Hòa Bình resolution 53/2017, line 72 (`Hải phòng` in lower case as written)
    text = (
        "Tại quận, thành phố thuộc Hà Nội, thành phố Hồ Chí Minh, thành phố Hải phòng, thành phố Đà Nẵng, "
        "thành phố Cần Thơ"
    )
    assert found(text, scope_of("Hòa Bình")) == [
        ("Hà Nội", "province", VN + "province/01"),
        ("Thành phố Hồ Chí Minh", "province", VN + "province/79"),
        ("Hải Phòng", "province", VN + "province/31"),  # a unit's name with its second word in lower case
        ("Đà Nẵng", "province", VN + "province/48"),  # not a city of Cần Thơ, the next in the list
        ("Cần Thơ", "province", VN + "province/92"),
    ]
    excerpt = tmp_path / "excerpt.txt"
    excerpt.write_text(text + ".\n", encoding="utf-8")
    assert not [r for r in extract_file(excerpt).relations if r.predicate == "located_in"]


def test_a_unit_whose_name_joins_two_names_by_a_dash_is_read_whole() -> None:
    # Bà Rịa - Vũng Tàu resolutions 24/2017 and 26 (corpus-extra), written with and without spaces around the dash
    scope = scope_of("Bà Rịa - Vũng Tàu")
    assert found("trên địa bàn tỉnh Bà Rịa-Vũng Tàu.", scope) == [("Bà Rịa - Vũng Tàu", "province", VN + "province/77")]
    assert found("các tỉnh Bà Rịa - Vũng Tàu, Đồng Nai", scope) == [
        ("Bà Rịa - Vũng Tàu", "province", VN + "province/77"),
        ("Đồng Nai", "province", VN + "province/75"),
    ]
    assert found("thành phố Phan Rang - Tháp Chàm", scope)[0][2] == VN + "district/582"
    # A dash between two names that are no unit together is a route or a pair, as before.
    assert [n for n, _k, _i in found("quốc lộ 4H (Pa Tần - Mường Tè - Mường Nhé)")] == ["Pa Tần", "Mường Tè"]
