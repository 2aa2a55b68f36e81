"""Places, with phrases from the bundled reports."""

from __future__ import annotations

from policykg.loaders.places import find_places


def places(text: str) -> list[tuple[str, str]]:
    return [(p.name, p.kind) for p in find_places(text)]


def test_a_list_with_one_kind_word() -> None:
    assert places("di chuyển lên các xã Tà Hừa, Pha Mu và Mường Kim") == [
        ("Tà Hừa", "commune"),
        ("Pha Mu", "commune"),
        ("Mường Kim", "commune"),
    ]


def test_spelling_variants_and_misspellings_find_the_unit() -> None:
    assert places("huyện Sin Hồ") == [("Sìn Hồ", "district")]
    assert places("mỏ đá thuộc xã Lán Nhi Thành, huyện Phong Thổ") == [
        ("Lả Nhì Thàng", "commune"),
        ("Phong Thổ", "district"),
    ]


def test_the_city_the_province_and_a_town_named_like_its_district() -> None:
    assert places("thành phố Lai Châu, tỉnh Lai Châu, thị trấn Mường Tè") == [
        ("Thành phố Lai Châu", "district"),
        ("Lai Châu", "province"),
        ("Thị trấn Mường Tè", "commune"),
    ]


def test_places_outside_the_province_are_other_even_after_huyen() -> None:
    # 2023 report (Korean counties) and 2013 assessment (Chinese counties)
    assert places("làm việc với huyện Yeongdong và huyện Muju, Hàn Quốc") == [
        ("Yeongdong", "other"),
        ("Muju", "other"),
        ("Hàn Quốc", "other"),
    ]
    assert ("Kim Bình", "other") in places("hội đàm với huyện Kim Bình, Lục Xuyên, Giang Thành (Trung Quốc)")


def test_a_power_plant_or_a_village_is_not_a_place() -> None:
    assert places("TĐC thủy điện Lai Châu, bản Mường Tè") == []
    assert places("Nhà máy thủy điện Sơn La") == []


def test_bare_commune_names_count_beside_other_places() -> None:
    # 2020 study book, line 484: road ends
    assert places("Đường tỉnh 133 (Nậm Sỏ - Tân Uyên), đường tỉnh 132 (Dào San - Sì Lờ Lầu)") == [
        ("Nậm Sỏ", "commune"),
        ("Tân Uyên", "district"),
        ("Dào San", "commune"),
        ("Sì Lở Lầu", "commune"),
    ]


def test_phrases_that_look_like_places_are_not() -> None:
    assert places("ỔN ĐỊNH KINH TẾ - XÃ HỘI NĂM 2013; các xã ĐBKK; trong tỉnh. Thành lập 10 Hội đồng") == []


def test_words_run_together_by_a_converter() -> None:
    # issue 15's examples: a kind word glued to the word before it, or to the name after it
    assert places("Trung tâm hành chính củathị trấn Tam Đường đã hoàn thành") == [("Thị trấn Tam Đường", "commune")]
    assert places("làm đường đến xãPa Tần, huyện Sìn Hồ") == [("Pa Tần", "commune"), ("Sìn Hồ", "district")]
    # `huyện` ends `chuyện`: never a kind word glued to the word before
    assert places("kể chuyện Nậm Hàng") == []
