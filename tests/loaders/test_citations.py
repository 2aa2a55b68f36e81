"""Citations, with sentences taken from the bundled reports."""

from __future__ import annotations

from policykg.loaders.citations import Citation, find_symbol_citations
from policykg.loaders.named_documents import find_named_documents


def cite(text: str) -> list[Citation]:
    return find_symbol_citations(text)


def test_a_decision_with_its_date_and_issuer() -> None:
    # 2013 assessment, line 98
    (c,) = cite("theo Quyết định số 513/QĐ-TTg ngày 02/5/2013 của Thủ tướng Chính phủ đã được hoàn thành.")
    assert (c.symbol, c.type, c.number, c.year, c.date) == ("513/QĐ-TTg", "Quyết định", "513", 2013, "2013-05-02")
    assert c.issuer == "Thủ tướng Chính phủ"
    assert c.raw == "Quyết định số 513/QĐ-TTg"


def test_a_party_resolution_with_its_committee_term_and_subject() -> None:
    (c,) = cite(
        "Nghị quyết 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương khóa XI về đổi mới căn bản, toàn diện"
        " giáo dục và đào tạo."
    )
    assert (c.symbol, c.party, c.issuer, c.term) == ("29-NQ/TW", True, "Ban Chấp hành Trung ương", "XI")
    assert c.subject == "đổi mới căn bản, toàn diện giáo dục và đào tạo"


def test_a_subject_after_an_issuer_of_another_province_and_over_a_compound_s_dash() -> None:
    # 124/2017/NQ-HĐND of Đồng Tháp, lines 30-32
    (c,) = cite(
        "Căn cứ Nghị quyết số 84/2016/NQ-HĐND ngày 08/12/2016 của Hội đồng nhân dân tỉnh Đồng Tháp về phát triển "
        "kinh tế - xã hội thành phố Cao Lãnh đến năm 2020, tầm nhìn đến năm 2030;"
    )
    assert (c.issuer, c.date) == ("Hội đồng nhân dân tỉnh", "2016-12-08")
    assert c.subject == "phát triển kinh tế - xã hội thành phố Cao Lãnh đến năm 2020, tầm nhìn đến năm 2030"
    (before_another,) = cite("Quyết định số 2038/QĐ-TTg về quy hoạch vùng - Nghị quyết của Tỉnh ủy")
    assert before_another.subject == "quy hoạch vùng"  # a dash before a capital still starts another item


def test_the_words_name_a_more_precise_party_body_than_the_code() -> None:
    (c,) = cite("Chỉ thị số 24-CT/TU ngày 16/9/2013 của Ban Thường vụ Tỉnh ủy về tăng cường sự lãnh đạo")
    assert c.issuer == "Ban Thường vụ Tỉnh ủy"


def test_normative_national_assembly_and_letter_symbols() -> None:
    c1, c2, c3 = cite(
        "Nghị quyết 07/2021/NQ-HĐND ngày 22/3/2021; Nghị quyết số 30/2022/UBTVQH15; Công văn số 1584/UBND-TH."
    )
    assert (c1.symbol, c1.year, c1.issuer) == ("07/2021/NQ-HĐND", 2021, "Hội đồng nhân dân tỉnh")
    assert (c2.symbol, c2.type, c2.issuer) == ("30/2022/UBTVQH15", "Nghị quyết", "Ủy ban Thường vụ Quốc hội")
    assert (c3.symbol, c3.type, c3.issuer) == ("1584/UBND-TH", "Công văn", "Ủy ban nhân dân tỉnh")


def test_a_type_word_given_once_for_a_list() -> None:
    # 2020 assessment, footnote 1
    found = cite(
        "Ban hành các Quyết định: Số 14/QĐ-UBND ngày 08/01/2020 phê duyệt Đề án phát triển sản xuất nông nghiệp; "
        "số 29/QĐ-UBND ngày 14/01/2020 phê duyệt Đề án phát triển một số cây dược liệu"
    )
    assert [(c.symbol, c.type, c.date) for c in found] == [
        ("14/QĐ-UBND", "Quyết định", "2020-01-08"),
        ("29/QĐ-UBND", "Quyết định", "2020-01-14"),
    ]
    assert found[0].subject == "phê duyệt Đề án phát triển sản xuất nông nghiệp"


def test_a_symbol_broken_by_a_line_break() -> None:
    (c,) = cite("số 29/QĐ- UBND ngày 14/01/2020")  # the layout joins `29/QĐ-` and `UBND` with a space
    assert c.symbol == "29/QĐ-UBND"
    assert c.raw == "số 29/QĐ- UBND"


def test_evident_typos_are_repaired_and_the_raw_form_kept() -> None:
    (c,) = cite("Nghị quyết 08/2021/HĐND ngày 22/3/2023 của HĐND tỉnh")  # 2023 report, line 61 and 39
    assert (c.symbol, c.raw, c.date) == ("08/2021/NQ-HĐND", "Nghị quyết 08/2021/HĐND", "2021-03-22")
    (d,) = cite("Công điện số 470/CD-TTg ngày 24/5/2023")
    assert (d.symbol, d.type) == ("470/CĐ-TTg", "Công điện")


def test_one_date_written_for_two_decisions() -> None:
    # 2013 assessment, line 48
    a, b = cite("phê duyệt tại Quyết định số 2038/QĐ-TTg và Quyết định số 2042/QĐ-TTg ngày 05/11/2013")
    assert a.date == b.date == "2013-11-05"


def test_one_issuer_written_for_a_list() -> None:
    a, b = cite("Nghị quyết số 49-NQ/TW, Kết luận số 92-KL/TW của Bộ Chính trị")
    assert a.issuer == b.issuer == "Bộ Chính trị"


def test_dates_and_numbers_are_not_symbols() -> None:
    assert cite("giai đoạn 2011-2015, tăng 14,1%, đạt 4.472,5 tỷ đồng, ngày 4/11/2013, 9/2020") == []


def test_documents_cited_without_a_symbol() -> None:
    text = (
        "thực hiện NQ 30a, CTMT giảm nghèo, QĐ 33, QĐ 134 kéo dài; Nghị quyết Trung ương 4 (Khoá XI); "
        "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIV; Luật Đầu tư công và Hiến pháp năm 2013"
    )
    found = find_named_documents(text, [])
    names = [(c.symbol, c.name) for c in found]
    assert ("30a/2008/NQ-CP", None) in names  # resolved through the reference data
    assert (None, "Quyết định 33") in names
    assert (None, "Nghị quyết Trung ương 4 (khóa XI)") in names
    assert (None, "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIV") in names
    assert (None, "Luật Đầu tư công") in names
    assert (None, "Hiến pháp năm 2013") in names


def test_a_letter_of_a_body_the_reference_data_does_not_know() -> None:
    # 17 of Bắc Giang (line 51) and Hà Nội's 70/2024/QĐ-UBND (line 27): after a type word, an unknown body's code
    # and codes joined by `&` are a symbol
    assert [(c.symbol, c.type) for c in cite("và Công văn số 656/HĐTV ngày 23/6/2017 của Hội đồng tư vấn")] == [
        ("656/HĐTV", "Công văn")
    ]
    assert [c.symbol for c in cite("Công văn số 7628/STC-PC&CSTC ngày 05/12/2024 của Sở Tài chính")] == [
        "7628/STC-PC&CSTC"
    ]
    assert cite("tỷ lệ 3/ABC hộ") == []  # no type word: a ratio, not a letter
