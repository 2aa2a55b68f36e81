"""The indicator scheme: which concept a measure's wording names, for the kind and the unit of its value."""

from __future__ import annotations

from policykg.ontology.indicators import base_unit, indicator_scheme


def test_an_area_is_a_crop_area_only_when_a_crop_is_named() -> None:
    scheme = indicator_scheme()
    # the reports' own wordings (2012 article line 19, 2020 nine-month assessment line 129, 2013 assessment line 15,
    # 2023 report line 227, the 2020 study book line 171)
    assert scheme.concept_of("Đã trồng lạc, đậu tương", "level", "ha") == "crop-area"
    assert scheme.concept_of("giống ngô lai với diện tích", "level", "ha") == "crop-area"
    assert scheme.concept_of("diện tích nuôi trồng thủy sản", "level", "ha") is None
    assert scheme.concept_of("Thu hồi đất 114 dự án, với diện tích", "level", "ha") is None
    assert scheme.concept_of("diện tích đất rừng trên địa bàn tỉnh", "level", "ha") is None


def test_a_scaled_unit_is_its_unit() -> None:
    scheme = indicator_scheme()
    assert base_unit("nghìn con") == "con" and base_unit("triệu") == "triệu" and base_unit("ha") == "ha"
    assert scheme.concept_of("Tổng đàn gia súc", "count", "nghìn con") == "livestock"
    assert scheme.in_units("livestock", "nghìn con") and not scheme.in_units("crop-area", "tấn")


def test_a_measure_is_its_total_not_a_part_nor_another_budget() -> None:
    scheme = indicator_scheme()
    # 2023 report line 105, 2012 article line 61, the 2017 resolutions of Đồng Tháp (54-2017-nq-hdnd line 63)
    assert scheme.concept_of("Thu ngân sách nhà nước trên địa bàn", "level", "tỷ đồng") == "budget-revenue"
    assert scheme.concept_of("Tổng thu ngân sách địa phương", "level", "tỷ đồng") is None  # transfers included
    assert scheme.concept_of("Chi thường xuyên", "level", "tỷ đồng") is None  # a part of the spending
    assert scheme.concept_of("Tổng chi ngân sách địa phương", "level", "tỷ đồng") == "budget-spending"


def test_a_count_of_households_is_no_poverty_rate() -> None:
    # 2013 assessment, line 68: `… tỷ lệ hộ nghèo … từ 22.189 hộ (27,37%) năm 2012 xuống còn 19.940 hộ (23,93%)`
    scheme = indicator_scheme()
    assert not scheme.in_units("poverty-rate", "hộ") and scheme.in_units("poverty-rate", "%")
    assert scheme.concept_of("tỷ lệ hộ nghèo", "change", "điểm %") == "poverty-rate"


def test_a_revenue_is_no_count_of_tourists() -> None:
    # 2012 article, line 55: `Tổng lượt khách du lịch … 97.400 lượt khách …, tổng doanh thu đạt 89,2 tỷ đồng`
    scheme = indicator_scheme()
    assert scheme.concept_of("Tổng lượt khách du lịch", "count", "lượt") == "tourists"
    assert scheme.concept_of("Tổng lượt khách du lịch tổng doanh thu", "level", "tỷ đồng") is None
