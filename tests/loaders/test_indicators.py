"""Indicator observations, read through the whole pipeline from short real excerpts of the reports."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.indicators import numbers, parse_number
from policykg.loaders.pipeline import extract_file
from policykg.loaders.records import IndicatorRecord

Row = tuple[str, float, str, str, str, str | None]  # text, value, kind, status, period, concept


def observations(
    tmp_path: Path, text: str, name: str = "excerpt.txt", sidecar: str | None = None
) -> list[IndicatorRecord]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    if sidecar:
        path.with_suffix(".toml").write_text(sidecar, encoding="utf-8")
    return extract_file(path).indicators


def rows(found: list[IndicatorRecord]) -> list[Row]:
    return [(o.text, o.value, o.kind, o.status, o.period, o.concept) for o in found]


YEAR_2023 = 'period_start = "2023-01-01"\nperiod_end = "2023-12-31"\n'
NINE_MONTHS_2020 = 'period_start = "2020-01-01"\nperiod_end = "2020-09-30"\n'
# The reports' own titles (the loaders read a report's period from its title before its sidecar).
TITLE_2023 = (
    "BÁO CÁO\n\nTình hình thực hiện Kế hoạch phát triển kinh tế, xã hội, đảm bảo quốc phòng, an ninh năm 2023; kế "
    "hoạch năm 2024\n\n"
)
TITLE_2020_9M = (
    "ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI, ĐẢM BẢO QUỐC PHÒNG - AN NINH 9 THÁNG ĐẦU NĂM "
    "2020\n\n"
)


def test_vietnamese_notation() -> None:
    assert parse_number("4.472,5") == 4472.5
    assert parse_number("10.500") == 10500
    assert parse_number("7,5") == 7.5
    (n,) = numbers("Tổng huy động vốn tăng 19,7% so với cuối năm trước (KH: 15-20%)")[1:]
    assert (n.value, n.value_max, n.unit) == (15, 20, "%")


def test_grdp_with_its_plan_and_the_structure(tmp_path: Path) -> None:
    # 2023 report, line 283
    found = observations(tmp_path,
        "(1) Tốc độ tăng tổng sản phẩm trên địa bàn âm 3,8%, khó đạt kế hoạch (kế hoạch 9,0%); cơ cấu kinh tế: nông, "
        "lâm nghiệp và thủy sản 15,49%; công nghiệp và xây dựng 37,32%. GRDP bình quân đầu người 47,2 triệu đồng, "
        "khó đạt kế hoạch (kế hoạch 52,9 triệu đồng).\n", sidecar=YEAR_2023)  # fmt: skip
    assert rows(found) == [
        ("3,8%", -3.8, "growth", "actual", "2023", "grdp-growth"),
        ("9,0%", 9.0, "growth", "plan", "2023", "grdp-growth"),
        ("15,49%", 15.49, "share", "actual", "2023", "economic-structure"),
        ("37,32%", 37.32, "share", "actual", "2023", "economic-structure"),
        ("47,2 triệu đồng", 47.2, "level", "actual", "2023", "grdp-per-capita"),
        ("52,9 triệu đồng", 52.9, "level", "plan", "2023", "grdp-per-capita"),
    ]
    assert found[0].line == 1 and found[0].sentence.startswith("(1) Tốc độ tăng")


def test_plans_listed_in_turn_go_to_their_results(tmp_path: Path) -> None:
    # 2023 report, line 301
    found = observations(tmp_path,
        "(8) Mức giảm tỷ lệ hộ nghèo 3,9%, riêng các huyện nghèo giảm 5,7%, vượt kế hoạch (Kế hoạch lần lượt 3,6%, "
        "5,1%). Giải quyết việc làm cho 9.842 người, đào tạo nghề cho 9.004 người, vượt kế hoạch (Kế hoạch lần lượt "
        "8.440 và 8.000 người).\n", sidecar=YEAR_2023)  # fmt: skip
    got = [(o.text, o.value, o.status, o.concept, o.indicator) for o in found]
    assert got == [
        ("3,9%", 3.9, "actual", "poverty-reduction", "Mức giảm tỷ lệ hộ nghèo"),
        ("5,7%", 5.7, "actual", "poverty-reduction", "Mức giảm tỷ lệ hộ nghèo (các huyện nghèo)"),
        ("3,6%", 3.6, "plan", "poverty-reduction", "Mức giảm tỷ lệ hộ nghèo"),
        ("5,1%", 5.1, "plan", "poverty-reduction", "Mức giảm tỷ lệ hộ nghèo (các huyện nghèo)"),
        ("9.842 người", 9842, "actual", "jobs-created", "Giải quyết việc làm"),
        ("9.004 người", 9004, "actual", "vocational-training", "đào tạo nghề"),
        ("8.440", 8440, "plan", "jobs-created", "Giải quyết việc làm"),
        ("8.000 người", 8000, "plan", "vocational-training", "đào tạo nghề"),
    ]


def test_dates_symbols_items_and_meetings_are_not_values(tmp_path: Path) -> None:
    found = observations(tmp_path,
        "⁵¹ Tổ chức 04 Hội nghị tuyên truyền Nghị quyết số 20/2023/NQ-HĐND ngày 13/7/2023 tại 8 huyện, lần thứ 20; "
        "giảm tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân xuống dưới 16,69%.\n", sidecar=YEAR_2023)  # fmt: skip
    assert [(o.text, o.value, o.concept) for o in found] == [("16,69%", 16.69, "malnutrition")]


def test_the_plan_part_of_a_report_gives_next_years_targets(tmp_path: Path) -> None:
    # 2023 report, lines 343 and 361 (shortened)
    found = observations(tmp_path, TITLE_2023 +
        "Tổng sản phẩm trên địa bàn (GRDP) năm 2023 ước giảm 3,8% (tăng trưởng âm).\n\n"
        "KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2024\n\n"
        "(1) Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) khoảng 9%. GRDP bình quân đầu người khoảng 51,5 triệu "
        "đồng.\n", sidecar=YEAR_2023)  # fmt: skip
    assert rows(found) == [
        ("3,8%", -3.8, "growth", "estimate", "2023", "grdp-growth"),
        ("9%", 9.0, "growth", "target", "2024", "grdp-growth"),
        ("51,5 triệu đồng", 51.5, "level", "target", "2024", "grdp-per-capita"),
    ]


def test_a_nine_month_report_and_its_ratios(tmp_path: Path) -> None:
    # 2020 nine-month assessment, lines 67-69 (joined)
    found = observations(tmp_path, TITLE_2020_9M +
        "Tổng diện tích gieo trồng cây lương thực có hạt ước đạt 53.849 ha; sản lượng ước đạt 133.100 tấn, đạt 60,5% "
        "kế hoạch, tăng 260 tấn so với cùng kỳ năm 2019.\n", sidecar=NINE_MONTHS_2020)  # fmt: skip
    assert [(o.text, o.value, o.kind, o.period) for o in found] == [
        ("53.849 ha", 53849, "level", "2020-01/2020-09"),
        ("133.100 tấn", 133100, "level", "2020-01/2020-09"),
        ("60,5%", 60.5, "ratio_to_plan", "2020-01/2020-09"),
        ("260 tấn", 260, "change", "2020-01/2020-09"),  # `năm 2019` is what it is compared with, not its period
    ]


def test_a_value_for_a_district(tmp_path: Path) -> None:
    found = observations(tmp_path, "Tỷ lệ hộ nghèo của huyện Mường Tè còn 35,2%.\n", sidecar=YEAR_2023)
    (o,) = found
    assert (o.value, o.kind, o.concept, o.place is not None) == (35.2, "share", "poverty-rate", True)


def test_a_chain_of_comparisons_keeps_its_measure(tmp_path: Path) -> None:
    # 2023 report, line 105 (shortened): what a value was compared with names no measure for the next value
    found = observations(tmp_path,
        "Tổng thu ngân sách địa phương ước đạt 13.956,53 tỷ đồng, vượt 36% so với dự toán Trung ương giao, vượt 31% "
        "so với dự toán HĐND tỉnh giao và tăng 15% so với năm 2022; trong đó thu ngân sách trên địa bàn ước đạt 2.086 "
        "tỷ đồng, vượt 1,7% so với dự toán Trung ương giao, bằng 85% dự toán HĐND tỉnh giao, giảm 6% so với năm "
        "2022.\n", sidecar=YEAR_2023)  # fmt: skip
    whole, part = "Tổng thu ngân sách địa phương", "thu ngân sách trên địa bàn"
    assert [(o.text, o.kind, o.indicator) for o in found] == [
        ("13.956,53 tỷ đồng", "level", whole),
        ("36%", "ratio_to_plan", whole),
        ("31%", "ratio_to_plan", whole),  # not `Trung ương giao`
        ("15%", "growth", whole),  # not `HĐND tỉnh giao và`
        ("2.086 tỷ đồng", "level", part),
        ("1,7%", "ratio_to_plan", part),
        ("85%", "ratio_to_plan", part),
        ("6%", "growth", part),
    ]


def test_a_comparison_word_is_no_measure(tmp_path: Path) -> None:
    # 2023 report, line 199
    found = observations(tmp_path,
        "Tỷ lệ hộ nghèo giảm bình quân tính là 3,9%, vượt 0,3 điểm% so với kế hoạch, cao hơn 0,2 điểm% so với năm "
        "2022; trong đó, riêng các huyện nghèo giảm 5,7%, vượt 0,6 điểm% so với kế hoạch, cao hơn 1,1 điểm% so với "
        "năm 2022.\n", sidecar=YEAR_2023)  # fmt: skip
    assert not any(o.indicator.startswith("cao") for o in found)
    assert found[-1].indicator == "Tỷ lệ hộ nghèo giảm bình quân tính (các huyện nghèo)"


def test_a_measure_named_after_its_value_ends_where_a_part_of_it_begins(tmp_path: Path) -> None:
    # the 2020 study book, line 509 (shortened)
    found = observations(tmp_path,
        "Đến cuối năm 2020, tỷ lệ hộ nghèo toàn tỉnh còn trên 16%; 22 xã biên giới; trên 85% dân số là đồng bào các "
        "dân tộc thiểu số, trong đó tỷ lệ hộ nghèo dân tộc thiểu số chiếm 98,92%.\n", sidecar=YEAR_2023)  # fmt: skip
    assert [(o.text, o.indicator) for o in found[-2:]] == [
        ("85%", "dân số là đồng bào các dân tộc thiểu số"),
        ("98,92%", "tỷ lệ hộ nghèo dân tộc thiểu số"),
    ]


def test_a_value_joined_by_and_shares_the_verb_before(tmp_path: Path) -> None:
    # 2020 nine-month assessment, line 781
    found = observations(tmp_path,
        "Phát hiện, bắt giữ 298 vụ, 368 đối tượng phạm tội về ma tuý, tăng 81 vụ và 114 đối tượng.\n",
        sidecar=NINE_MONTHS_2020)  # fmt: skip
    assert [(o.text, o.kind) for o in found] == [
        ("298 vụ", "count"), ("368 đối tượng", "count"), ("81 vụ", "change"), ("114 đối tượng", "change"),
    ]  # fmt: skip


def test_a_change_from_one_value_to_another(tmp_path: Path) -> None:
    # 2013 assessment, line 63 (shortened): the value a change starts from is the year before's
    found = observations(tmp_path,
        "Công tác xóa đói giảm nghèo đã góp phần giảm tỷ lệ hộ nghèo từ 31,82% xuống còn 27,82%, đạt kế hoạch.\n",
        sidecar='period_start = "2013-01-01"\nperiod_end = "2013-12-31"\n')  # fmt: skip
    assert [(o.text, o.kind, o.status, o.period, o.concept) for o in found] == [
        ("31,82%", "share", "actual", "2012", "poverty-rate"),
        ("27,82%", "share", "actual", "2013", "poverty-rate"),
    ]
    # the 2020 study book, line 176: a year beside each value; the verb is the change's, not a value's kind
    found = observations(tmp_path,
        "Doanh thu của ngành du lịch tăng mạnh từ 343,06 tỷ đồng năm 2016 lên 540 tỷ đồng năm 2019.\n",
        sidecar='period_start = "2016-01-01"\nperiod_end = "2020-12-31"\n')  # fmt: skip
    assert [(o.text, o.kind, o.period, o.indicator) for o in found] == [
        ("343,06 tỷ đồng", "level", "2016", "Doanh thu của ngành du lịch tăng mạnh"),
        ("540 tỷ đồng", "level", "2019", "Doanh thu của ngành du lịch tăng mạnh"),
    ]


def test_an_area_or_a_mass_names_what_it_is_of_after_it(tmp_path: Path) -> None:
    # 2012 nine-month article, line 21 (shortened), and the 2020 study book, line 424
    found = observations(tmp_path,
        "Cây công nghiệp dài ngày: Thu hái 15.787 tấn chè búp tươi, đạt 84% kế hoạch. Trồng mới 1.025 ha cây cao su, "
        "đạt 103% kế hoạch. Tiếp tục phát triển, trồng mới 4.000 ha cây mắc ca, 5.000 ha cây quế, trên 1.600 ha cây "
        "ăn quả.\n", sidecar=YEAR_2023)  # fmt: skip
    assert [(o.text, o.indicator) for o in found] == [
        ("15.787 tấn", "Thu hái chè búp tươi"),
        ("84%", "Thu hái chè búp tươi"),
        ("1.025 ha", "Trồng mới cây cao su"),
        ("103%", "Trồng mới cây cao su"),
        ("4.000 ha", "Tiếp tục phát triển, trồng mới cây mắc ca"),
        ("5.000 ha", "cây quế"),
        ("1.600 ha", "cây ăn quả"),
    ]


def test_a_scale_word_takes_the_unit_after_it(tmp_path: Path) -> None:
    # 2012 nine-month article, line 43 (shortened)
    found = observations(tmp_path,
        "Một số sản phẩm công nghiệp: điện phát ra 33 triệu kwh, đạt 38,4% kế hoạch; nước máy sản xuất 2,2 triệu m3, "
        "đạt 61,4% kế hoạch; gạch xây dựng 48,6 triệu viên.\n", sidecar=YEAR_2023)  # fmt: skip
    assert [(o.text, o.unit, o.kind) for o in found if "%" not in o.text] == [
        ("33 triệu kwh", "triệu kWh", "level"), ("2,2 triệu m3", "triệu m³", "level"),
        ("48,6 triệu viên", "triệu viên", "count"),
    ]  # fmt: skip


def test_what_is_counted_names_the_measure_the_words_do_not(tmp_path: Path) -> None:
    # 2013 assessment, lines 15 and 42, and the 2020 study book, line 40 (shortened)
    found = observations(tmp_path,
        "Tổng đàn gia súc ước đạt 288,4 nghìn con, bằng 84% kế hoạch. Nâng tổng số DN đăng ký hoạt động trên địa bàn "
        "tỉnh lên 894 DN với 759 DN kê khai thuế. Toàn tỉnh có 167 trường chuẩn quốc gia. Đạt 12,1 bác sỹ/vạn dân.\n",
        sidecar=YEAR_2023)  # fmt: skip
    concepts = {o.text: o.concept for o in found}
    assert concepts["288,4 nghìn con"] == "livestock"  # a scaled unit is its unit (`con`) for the scheme
    assert concepts["759 DN"] == "enterprises"
    assert concepts["12,1 bác sỹ/vạn dân"] == "doctors"


def test_a_label_before_a_colon_or_a_bracket_names_the_measure(tmp_path: Path) -> None:
    # 2013 assessment, line 180; 2020 nine-month assessment, lines 154-156 (joined); the 2020 study book, line 525
    found = observations(tmp_path,
        "(3). Tổng sản lượng lương thực có hạt: 185 nghìn tấn.\n\n"
        "Giá trị sản xuất công nghiệp (giá so sánh 2010) ước đạt 4.246,62 tỷ đồng, đạt 69,37% kế hoạch.\n\n"
        "Tỷ lệ lao động qua đào tạo trên 50%, tăng 10,1% so với năm 2015, đạt chỉ tiêu Nghị quyết đề ra (Nghị quyết: "
        "trên 50%).\n", sidecar=YEAR_2023)  # fmt: skip
    assert [(o.text, o.indicator) for o in found] == [
        ("185 nghìn tấn", "Tổng sản lượng lương thực có hạt"),
        ("4.246,62 tỷ đồng", "Giá trị sản xuất công nghiệp"),
        ("69,37%", "Giá trị sản xuất công nghiệp"),
        ("50%", "Tỷ lệ lao động qua đào tạo"),
        ("10,1%", "Tỷ lệ lao động qua đào tạo"),
        ("50%", "Tỷ lệ lao động qua đào tạo"),  # a colon in a bracket is no label
    ]
    assert [o.concept for o in found[:3]] == ["food-output", "industrial-production", "industrial-production"]


def test_the_same_measure_keeps_its_concept_where_its_unit_allows(tmp_path: Path) -> None:
    # 2020 nine-month assessment, lines 67-69 (joined)
    found = observations(tmp_path, TITLE_2020_9M +
        "Tổng diện tích gieo trồng cây lương thực có hạt ước đạt 53.849 ha; sản lượng ước đạt 133.100 tấn, đạt 60,5% "
        "kế hoạch, tăng 260 tấn so với cùng kỳ năm 2019.\n", sidecar=NINE_MONTHS_2020)  # fmt: skip
    assert [o.concept for o in found] == ["crop-area", "food-output", "food-output", "food-output"]


def test_an_estimate_covers_its_clause_up_to_the_next_semicolon(tmp_path: Path) -> None:
    # 2012 nine-month article, line 15 (its second sentence)
    found = observations(tmp_path,
        "Diện tích lúa gieo cấy 24.603 ha, thu hoạch 7.270 ha, sản lượng ước đạt 37.070 tấn, bằng 32% kế hoạch; "
        "diện tích ngô 20.070 ha.\n", sidecar=NINE_MONTHS_2020)  # fmt: skip
    assert [(o.text, o.status) for o in found] == [
        ("24.603 ha", "actual"), ("7.270 ha", "actual"), ("37.070 tấn", "estimate"), ("32%", "estimate"),
        ("20.070 ha", "actual"),
    ]  # fmt: skip


def test_the_level_a_change_reaches_and_a_plan_written_before_its_ratio(tmp_path: Path) -> None:
    # 2013 assessment, line 57; the 2020 study book, line 40; 2012 nine-month article, lines 15 and 27 (shortened)
    found = observations(tmp_path,
        "Tỷ lệ mắc bệnh sốt rét ước giảm còn 5,28%o. Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân giảm còn "
        "dưới 20%. Tổng diện tích cây ngô gieo trồng 20.070 ha, vượt kế hoạch 4%. Trồng rừng sản xuất 546,7ha, vượt "
        "kế hoạch 127%.\n", sidecar=YEAR_2023)  # fmt: skip
    assert [(o.text, o.kind, o.value) for o in found] == [
        ("5,28%o", "share", 5.28), ("20%", "share", 20), ("20.070 ha", "level", 20070),
        ("4%", "ratio_to_plan", 104), ("546,7ha", "level", 546.7), ("127%", "ratio_to_plan", 127),
    ]  # fmt: skip


def test_what_a_list_s_last_item_says_is_said_of_each(tmp_path: Path) -> None:
    # 2023 report, line 303 (shortened); 2013 assessment, line 59 (shortened)
    found = observations(tmp_path,
        "(9) 83,6% thôn, bản có nhà văn hóa; 86% hộ gia đình, 74,6% thôn, bản, khu phố, 97,1% cơ quan, đơn vị, doanh "
        "nghiệp đạt tiêu chuẩn văn hóa; 93,3% đồng bào dân tộc thiểu số được xem truyền hình. Công nhận 58.034 hộ gia "
        "đình, 645 bản, làng, khu phố, 775 cơ quan, đơn vị đạt tiêu chuẩn văn hóa.\n", sidecar=YEAR_2023)  # fmt: skip
    assert [(o.text, o.indicator) for o in found[:5]] == [
        ("83,6%", "thôn, bản có nhà văn hóa"),
        ("86%", "hộ gia đình đạt tiêu chuẩn văn hóa"),
        ("74,6%", "thôn, bản, khu phố đạt tiêu chuẩn văn hóa"),
        ("97,1%", "cơ quan, đơn vị, doanh nghiệp đạt tiêu chuẩn văn hóa"),
        ("93,3%", "đồng bào dân tộc thiểu số được xem truyền hình"),  # its own clause: no list of the one before
    ]
    # a standard met is said of every item of a list, whatever each counts
    assert [o.concept for o in found[1:4]] == ["cultural-standard"] * 3
    assert [o.text for o in found[6:]] == ["645 bản", "775 cơ quan"]
    assert all(o.indicator.endswith("đạt tiêu chuẩn văn hóa") for o in found[6:])


def test_a_part_named_after_its_value(tmp_path: Path) -> None:
    # the 2020 study book, line 336 (shortened)
    found = observations(tmp_path,
        "Nâng tổng số doanh nghiệp trên địa bàn tỉnh lên 1.511 doanh nghiệp, trong đó có 1.250 doanh nghiệp hoạt "
        "động.\n", sidecar=YEAR_2023)  # fmt: skip
    assert [(o.text, o.indicator) for o in found] == [
        ("1.511 doanh nghiệp", "Nâng tổng số doanh nghiệp trên địa bàn tỉnh"),
        ("1.250 doanh nghiệp", "Nâng tổng số doanh nghiệp trên địa bàn tỉnh (hoạt động)"),
    ]


def test_a_value_of_a_whole(tmp_path: Path) -> None:
    # 2013 assessment, lines 46, 193 and 42 (shortened); 2023 report, line 187 (shortened)
    found = observations(tmp_path,
        "Giải ngân ước đạt 298,3 tỷ đồng (trong đó: 48,37 tỷ đồng từ năm trước chuyển sang); lũy kế giải ngân "
        "2.733/3.124,5 tỷ đồng. Hạ tầng điện lưới: 99/108 xã, phường, thị trấn có điện lưới quốc gia. Có 251/700 "
        "doanh nghiệp ngoài nhà nước hoạt động có lãi. Người lao động đi làm việc ở nước ngoài vượt 100% kế hoạch "
        "giao (300/150 người).\n", sidecar=YEAR_2023)  # fmt: skip
    got = [(o.text, o.value, o.unit, o.status, o.indicator) for o in found]
    # the whole of an amount is its plan, and `lũy kế` is what has been done, in a sentence of estimates
    assert got[2:4] == [
        ("2.733", 2733, "tỷ đồng", "actual", "lũy kế giải ngân"),
        ("3.124,5 tỷ đồng", 3124.5, "tỷ đồng", "plan", "lũy kế giải ngân"),
    ]
    # the whole of a count is a denominator, no value
    assert got[4][:3] == ("99/108 xã", 99, "xã") and got[5][:3] == ("251/700 doanh nghiệp", 251, "doanh nghiệp")
    # where a plan is named before, the whole is the plan
    assert [(t, v, s) for t, v, _, s, _ in got[7:]] == [("300", 300, "actual"), ("150 người", 150, "plan")]
    assert len(got) == 9


def test_of_all_kinds_and_a_ratio_of_the_measure_before(tmp_path: Path) -> None:
    # 2020 nine-month assessment, line 162; 2012 nine-month article, line 43 (shortened)
    found = observations(tmp_path,
        "Xi măng 7.527 tấn; Quặng các loại 1.820 tấn; Chè khô các loại 3.093 tấn, đạt 82,6% kế hoạch.\n",
        sidecar=YEAR_2023)  # fmt: skip
    assert [(o.text, o.indicator, o.concept) for o in found] == [
        ("7.527 tấn", "Xi măng", None),
        ("1.820 tấn", "Quặng các loại", None),  # `các loại`: of all kinds, not a class number
        ("3.093 tấn", "Chè khô các loại", None),
        ("82,6%", "Chè khô các loại", None),  # a ratio of dried tea output, not the tea area the cue `chè` means
    ]


def test_the_verb_before_an_average(tmp_path: Path) -> None:
    # the 2020 study book, line 40 (shortened)
    found = observations(tmp_path,
        "Tỷ lệ hộ nghèo giảm nhanh, bình quân 4,75%/năm, ước năm 2020 còn 16,49%.\n", sidecar=YEAR_2023)  # fmt: skip
    assert [(o.text, o.kind, o.value, o.concept, o.indicator) for o in found] == [
        ("4,75%", "change", -4.75, "poverty-rate", "Tỷ lệ hộ nghèo giảm nhanh"),
        ("16,49%", "share", 16.49, "poverty-rate", "Tỷ lệ hộ nghèo giảm nhanh"),  # `/năm` is the value's before
    ]


def test_a_yield_and_an_income_per_head(tmp_path: Path) -> None:
    # 2013 assessment, line 277 (shortened); an income per head as provincial reports write it
    found = observations(tmp_path,
        "Thâm canh lúa 390 ha, năng suất 59 tạ/ha. Thu nhập bình quân đầu người đạt 25,5 triệu đồng/người/năm, tăng "
        "2,3 triệu đồng.\n", sidecar=YEAR_2023)  # fmt: skip
    assert [(o.text, o.unit, o.kind, o.concept) for o in found[1:]] == [
        ("59 tạ/ha", "tạ/ha", "level", None),
        ("25,5 triệu đồng/người/năm", "triệu đồng/người/năm", "level", "grdp-per-capita"),
        ("2,3 triệu đồng", "triệu đồng", "change", "grdp-per-capita"),
    ]


def test_an_act_s_numbers_hold_from_the_year_it_was_passed(tmp_path: Path) -> None:
    # 28-2017-nq-hdnd of Trà Vinh (corpus-extra), shortened: no period in its title nor a date in its head
    found = observations(tmp_path,
        "NGHỊ QUYẾT\n\nQUY ĐỊNH CÁC LOẠI PHÍ THUỘC LĨNH VỰC TÀI NGUYÊN VÀ MÔI TRƯỜNG TRÊN ĐỊA BÀN TỈNH TRÀ VINH\n\n"
        "Căn cứ Luật Phí, lệ phí ngày 25/11/2015;\n\nQUYẾT NGHỊ:\n\nĐiều 1. Diện tích cấp từ 0,50 ha trở xuống.\n\n"
        "Nghị quyết này đã được Hội đồng nhân dân tỉnh "
        "Trà Vinh khóa IX - kỳ họp thứ 4 thông qua ngày 13/7/2017 và có hiệu lực từ ngày 24/7/2017./.\n")  # fmt: skip
    assert [(o.text, o.status, o.period) for o in found] == [("0,50 ha", "target", "2017")]
