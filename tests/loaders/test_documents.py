"""Identity: never merge two documents that share a symbol, never split one cited in different words."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.citations import find_symbol_citations
from policykg.loaders.named_documents import find_named_documents
from policykg.loaders.pipeline import extract_file


def documents(tmp_path: Path, text: str) -> list[tuple[str | None, int | None, int]]:
    path = tmp_path / "excerpt.txt"
    path.write_text(text, encoding="utf-8")
    return [(d.symbol, d.year, len(d.mentions)) for d in extract_file(path).documents]


def test_a_yearly_number_issued_in_two_years_is_two_documents(tmp_path: Path) -> None:
    found = documents(
        tmp_path,
        "Nghị quyết số 01/NQ-CP ngày 01/01/2019 của Chính phủ.\n"
        "Nghị quyết số 01/NQ-CP ngày 01/01/2020 của Chính phủ.\n",
    )
    assert found == [("01/NQ-CP", 2019, 1), ("01/NQ-CP", 2020, 1)]


def test_party_numbers_of_two_terms_are_two_documents(tmp_path: Path) -> None:
    found = documents(tmp_path, "Nghị quyết 05-NQ/TU khóa XIII.\nNghị quyết 05-NQ/TU khóa XIV.\n")
    assert [f[0] for f in found] == ["05-NQ/TU", "05-NQ/TU"]


def test_one_document_cited_in_different_words_stays_one(tmp_path: Path) -> None:
    found = documents(
        tmp_path,
        "Kế hoạch số 1378/KH-UBND ngày 08/7/2020 về cải thiện môi trường đầu tư.\n"
        "Triển khai các nhiệm vụ trong kế hoạch số 1378/KH-UBND.\n"
        "Theo Kế hoạch 1378/KH-UBND của UBND tỉnh.\n",
    )
    assert found == [("1378/KH-UBND", 2020, 3)]


def test_an_amending_law_is_one_law_named_by_the_laws_it_amends_which_are_cited_too() -> None:
    # Hà Nội's resolution 11/2025/NQ-HĐND, its preamble (PDF text joined); a comma inside one law's name
    text = (
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Chứng khoán, Luật Kế toán, Luật Kiểm toán độc lập, Luật "
        "Ngân sách nhà nước, Luật Quản lý, sử dụng tài sản công và Luật Quản lý thuế ngày 29 tháng 11 năm 2024; "
        "Căn cứ Luật Giá ngày 19 tháng 6 năm 2023;"
    )
    cited = find_named_documents(text, [])
    assert [c.name for c in cited] == [
        "Luật sửa đổi, bổ sung một số điều của Luật Chứng khoán, Luật Kế toán, Luật Kiểm toán độc lập, Luật Ngân "
        "sách nhà nước, Luật Quản lý, sử dụng tài sản công và Luật Quản lý thuế",
        "Luật Chứng khoán", "Luật Kế toán", "Luật Kiểm toán độc lập", "Luật Ngân sách nhà nước",
        "Luật Quản lý, sử dụng tài sản công", "Luật Quản lý thuế",
        "Luật Giá",
    ]  # fmt: skip
    amending = cited[0]
    assert all(amending.start < c.start and c.end <= amending.end for c in cited[1:-1])  # inside its name


def test_a_law_cited_with_its_year_and_without_is_one_law(tmp_path: Path) -> None:
    # 59/2017/NQ-HĐND of Gia Lai: `Luật Ngân sách nhà nước năm 2015` in the preamble, without the year below
    report = tmp_path / "r.txt"
    report.write_text(
        "Căn cứ Luật Ngân sách nhà nước năm 2015;\n"
        "Căn cứ Nghị định số 163/2016/NĐ-CP ngày 21/12/2016 của Chính phủ quy định chi tiết thi hành một số điều "
        "của Luật Ngân sách nhà nước;\n",
        encoding="utf-8",
    )
    laws = [d for d in extract_file(report).documents if d.symbol is None]
    assert [(d.name, len(d.mentions)) for d in laws] == [("Luật Ngân sách nhà nước", 2)]


# 70/2024/QĐ-UBND of Hà Nội (a PDF), page 3: an item's heading without a stop ends on a short line, and a
# sub-item opens with `b1)`; the law's name is neither `Luật Giá Sở quản lý ngành` nor `Luật Giá b1`.
HANOI_PDF_PAGE = (
    "Chương II\n"
    "MỘT SỐ QUY ĐỊNH CỤ THỂ\n"
    "Điều 4. Bình ổn giá\n"
    "1. Điều chỉnh Danh mục hàng hóa, dịch vụ bình ổn giá:\n"
    "Trường hợp cần thiết điều chỉnh Danh mục hàng hóa, dịch vụ bình ổn giá,\n"
    "Sở quản lý ngành, lĩnh vực chuẩn bị hồ sơ đề nghị điều chỉnh Danh mục hàng\n"
    "hóa, dịch vụ bình ổn giá theo quy định tại khoản 2, khoản 3 Điều 4 Nghị định số\n"
    "85/2024/NĐ-CP ngày 10/7/2024 của Chính phủ, gửi Sở Tài chính tổng hợp, trình\n"
    "Ủy ban nhân dân Thành phố báo cáo Bộ Tài chính.\n"
    "2. Trách nhiệm của các cơ quan nhà nước trong việc thực hiện bình ổn giá:\n"
    "a) Việc thực hiện bình ổn giá trong trường hợp quy định tại điểm a khoản\n"
    "2 Điều 18 của Luật Giá\n"
    "Sở quản lý ngành, lĩnh vực có trách nhiệm tham mưu Ủy ban nhân dân\n"
    "Thành phố trong trường hợp tổ chức thực hiện bình ổn giá theo quy định tại\n"
    "khoản 1 Điều 20 của Luật Giá, tổng hợp, trình Ủy ban nhân dân Thành phố\n"
    "Thành phố báo cáo Bộ chuyên ngành, cơ quan ngang Bộ kết quả thực hiện thực\n"
    "hiện bình ổn giá.\n"
    "b) Việc thực hiện bình ổn giá trong trường hợp quy định tại điểm a khoản\n"
    "2 Điều 18 của Luật Giá\n"
    "b1) Đối với việc bình ổn giá trên phạm vi cả nước, Sở quản lý ngành, lĩnh\n"
    "vực có trách nhiệm tham mưu Ủy ban nhân dân Thành phố trong trường hợp tổ\n"
    "chức thực hiện bình ổn giá theo quy định tại điểm a, khoản 2, Điều 20 của Luật\n"
    "Giá.\n"
)


def test_a_name_ends_with_the_short_line_that_ends_its_paragraph(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(HANOI_PDF_PAGE, encoding="utf-8")
    laws = [d for d in extract_file(report).documents if d.symbol is None]
    assert [(d.name, len(d.mentions)) for d in laws] == [("Luật Giá", 4)]


def named(text: str) -> list[tuple[str | None, str | None]]:
    """The documents named in `text` beside those cited by symbol, as the pipeline reads them."""
    cited = [(c.start, c.end) for c in find_symbol_citations(text)]
    return [(c.name, c.type) for c in find_named_documents(text, cited)]


def test_a_titled_plan_and_a_plan_named_by_its_issuer_and_purpose_are_documents() -> None:
    # 01-2017 of Hậu Giang, lines 138-139; 54-2017 of Gia Lai, lines 193-195
    assert named(
        "Tiếp tục triển khai đề án trường đạt chuẩn Quốc gia và Kế hoạch xây dựng trường học đạt tiêu chí nông thôn "
        "mới giai đoạn 2016 - 2020. Ứng dụng"
    ) == [("Kế hoạch xây dựng trường học", "Kế hoạch")]  # the plans' rule ends a name at `đạt`
    text = "3.1. Triển khai quyết liệt kế hoạch của Ủy ban nhân dân tỉnh thực hiện Nghị quyết số 19-2017/NQ-CP."
    cited = find_named_documents(text, [(text.index("Nghị quyết số"), len(text) - 1)])  # the resolution, cited
    assert [(c.name, c.issuer, c.plan) for c in cited] == [
        ("Kế hoạch của Ủy ban nhân dân tỉnh thực hiện Nghị quyết số 19-2017/NQ-CP", "Ủy ban nhân dân tỉnh", True)
    ]
    assert text[cited[0].start : cited[0].end].endswith("thực hiện ")  # the resolution it names stays its own


def test_a_plan_in_lower_case_or_the_subject_of_an_act_is_not_a_document() -> None:
    assert named("Đẩy mạnh thực hiện kế hoạch tái cơ cấu ngành nông nghiệp theo hướng nâng cao giá trị gia tăng.") == []
    # 59-2017 of Gia Lai: the plan a decision approves is that decision's subject
    assert named("Quyết định số 64/2003/QĐ-TTg phê duyệt Kế hoạch xử lý triệt để các cơ sở gây ô nhiễm.") == []
    assert named("Tổng lượt khách du lịch tăng 37,1%, vượt kế hoạch (Kế hoạch 7,6%).") == []


def test_each_law_of_a_list_is_read() -> None:
    # The 2020 congress study book, lines 134 and 1079
    assert named("do việc thay đổi của Luật Đầu tư công, Luật Đầu tư, Luật Quy hoạch,...); chính sách") == [
        ("Luật Đầu tư công", "Luật"), ("Luật Đầu tư", "Luật"), ("Luật Quy hoạch", "Luật")
    ]  # fmt: skip
    assert named("giám sát việc thực hiện Luật Phòng, chống tham nhũng, Luật Thực hành tiết kiệm, chống lãng phí;") == [
        ("Luật Phòng, chống tham nhũng", "Luật"), ("Luật Thực hành tiết kiệm, chống lãng phí", "Luật")
    ]  # fmt: skip


def test_a_scheme_known_by_its_number_in_either_case() -> None:
    # The 2012 article, line 137; the 2023 report, line 153
    assert named("Thực hiện đề án 1816 các bệnh viện Trung ương đã tổ chức 11 đợt") == [("Đề án 1816", "Đề án")]
    assert named("tiếp nhận chuyển giao kỹ thuật theo Đề án 1816, bệnh viện vệ tinh") == [("Đề án 1816", "Đề án")]


def test_laws_with_titles_in_lower_case_are_read_to_their_date_or_article() -> None:
    # 07 of 2017 (a line break inside the name) and 41-2017 of another province
    assert named("Căn cứ Luật hoạt động giám sát của Quốc hội\nvà Hội đồng nhân dân ngày 20 tháng 11 năm 2015;") == [
        ("Luật hoạt động giám sát của Quốc hội và Hội đồng nhân dân", "Luật")
    ]
    assert named("theo quy định tại Điều 1 của Luật trẻ em\n(trẻ em là người dưới 16 tuổi).") == [
        ("Luật trẻ em", "Luật")
    ]
    assert named("Điều 5 Luật này quy định") == []


def test_laws_with_titles_in_lower_case_and_no_date_are_read_to_the_end_of_their_clause() -> None:
    # The 2020 congress study book, lines 802 and 811; the 2013 assessment, line 255; 41-2017 and 28-2017 of other
    # provinces
    assert named("thực hiện có hiệu quả Luật xử lý vi phạm hành chính và các nghị định quy định chế độ áp dụng") == [
        ("Luật xử lý vi phạm hành chính", "Luật")
    ]
    assert named("theo quy định của Pháp lệnh điều tra hình sự. Công tác bắt, giam, giữ") == [
        ("Pháp lệnh điều tra hình sự", "Pháp lệnh")
    ]
    assert named("biện pháp thi hành Pháp lệnh tín ngưỡng, tôn giáo. Tăng cường") == [
        ("Pháp lệnh tín ngưỡng, tôn giáo", "Pháp lệnh")
    ]
    assert named("hướng dẫn thi hành một số điều của Luật giá\n") == [("Luật giá", "Luật")]
    assert named("khoản 3, Điều 58 Luật đất đai và các văn bản") == [("Luật đất đai", "Luật")]
    # Not a law: the common nouns the word begins, a plural, a clause that does not end within eight words
    assert named("tuân thủ Luật pháp. Luật sư tư vấn. Theo Luật tục của đồng bào. Các Luật chuyên ngành.") == []
    assert named("theo Luật mới. Luật này quy định") == []
    assert named("Luật thì nhiều nhưng việc thực hiện ở cơ sở còn chậm và chưa đồng bộ giữa các ngành") == []


def test_a_plan_approved_is_named_unless_an_act_cited_before_it_is_about_it(tmp_path: Path) -> None:
    # The 2023 report, line 77: no act cited in the clause, the plans are named
    assert named(
        "tiếp tục triển khai 05 đề án quy hoạch phân khu chức năng; phê duyệt điều chỉnh Kế hoạch phát triển nhà ở "
        "tỉnh Lai Châu giai đoạn 2021-2025 và Kế hoạch phát triển nhà ở năm 2023; triển khai thực"
    ) == [
        ("Kế hoạch phát triển nhà ở tỉnh Lai Châu giai đoạn 2021-2025", "Kế hoạch"),
        ("Kế hoạch phát triển nhà ở năm 2023", "Kế hoạch"),
    ]
    # 30-2017 of another province, lines 71-78: the decision that approves the plan is the document cited
    report = tmp_path / "r.txt"
    report.write_text(
        "- Dự án xử lý triệt\n"
        "để các cơ sở gây ô nhiễm môi trường nghiêm trọng thuộc khu vực công ích do tỉnh\n"
        "quản lý (đối với dự án có tính chất chi sự nghiệp bố trí từ nguồn\n"
        "kinh phí sự nghiệp môi trường), thuộc danh mục dự án theo các Quyết định của Thủ\n"
        "tướng Chính phủ (Quyết định 64/2003/QĐ-TTg ngày\n"
        "22/4/2003 về việc phê duyệt Kế hoạch xử lý triệt để các cơ\n"
        "sở gây ô nhiễm môi trường nghiêm trọng, Quyết định số 58/2008/QĐ-TTg ngày\n"
        "29/4/2008 về việc hỗ trợ có mục tiêu\n",
        encoding="utf-8",
    )
    documents = [(d.symbol, d.type) for d in extract_file(report).documents]
    assert documents == [("64/2003/QĐ-TTg", "Quyết định"), ("58/2008/QĐ-TTg", "Quyết định")]


def test_a_resolution_named_by_its_issuer_and_subject_is_a_document() -> None:
    assert named(
        "Tỉnh ủy ban hành Đề án và Nghị quyết của Tỉnh ủy về nâng cao chất lượng nguồn nhân lực; tập trung lãnh đạo"
    ) == [("Nghị quyết của Tỉnh ủy về nâng cao chất lượng nguồn nhân lực", "Nghị quyết")]
    assert named("các Nghị quyết của Tỉnh ủy về phát triển kinh tế") == []
    # Hà Nội's 12/2025/NQ-HĐND: its own title, not a citation
    assert named("Nghị quyết của Hội đồng nhân dân thành phố Hà Nội quy định về quản lý tài sản công") == []


def test_a_name_misread_by_a_scan_is_the_same_document(tmp_path: Path) -> None:
    # Hà Nội's scanned 12/2025/NQ-HĐND as Tesseract reads it: `Thủ đồ`, `Quản ý`
    report = tmp_path / "r.txt"
    report.write_text(
        "Căn cứ Luật Thủ đô ngày 28 tháng 6 năm 2024;\nCăn cứ Luật Quản lý, sử dụng tài sản công ngày 21/6/2017;\n"
        "theo khoản 4 Điều 41 Luật Thủ đồ.\nNghị định quy định chi tiết Luật Quản ý, sử dụng tài sản công.\n"
        "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIV.\nNghị quyết Đại hội Đảng bộ tỉnh lần thứ XV.\n",
        encoding="utf-8",
    )
    found = [(d.name, len(d.mentions)) for d in extract_file(report).documents]
    assert ("Luật Thủ đô", 2) in found and ("Luật Quản lý, sử dụng tài sản công", 2) in found
    assert len([n for n, _ in found if n and n.startswith("Nghị quyết Đại hội")]) == 2  # numbers tell them apart


def test_a_capitalised_law_title_runs_over_va_to_its_date_or_its_clause_end() -> None:
    # Trà Vinh resolution 37/2017 (corpus-extra), lines 14-17: the preamble and the decree that details the law
    assert named("Căn cứ Luật Phí và Lệ phí ngày 25/11/2015;") == [("Luật Phí và Lệ phí", "Luật")]
    assert named("quy định chi tiết và hướng dẫn thi hành một số điều của Luật Phí và Lệ phí;") == [
        ("Luật Phí và Lệ phí", "Luật")
    ]
    # … but not over another law, another act, or words that end a title
    assert named("Căn cứ Luật Đầu tư và Luật Doanh nghiệp;") == [("Luật Đầu tư", "Luật"), ("Luật Doanh nghiệp", "Luật")]
    assert named("thực hiện Luật Đất đai và Nghị định số 43/2014/NĐ-CP;") == [("Luật Đất đai", "Luật")]


def test_a_report_cited_by_its_title_is_a_document() -> None:
    # The 2020 study book's footnotes (lines 1239, 1434, 71); the 2020 assessment's last lines; Trà Vinh 01/2017
    assert named("Nguồn: Báo cáo chính trị Đại hội lần thứ XIV Đảng bộ tỉnh.") == [
        ("Báo cáo chính trị Đại hội lần thứ XIV Đảng bộ tỉnh", "Báo cáo")
    ]
    assert named(
        "Tổng hợp từ các báo cáo của Mặt trận Tổ quốc tỉnh: Báo cáo của Ủy ban MTTQ Việt Nam tỉnh tại Đại hội đại biểu "
        "MTTQ Việt Nam tỉnh Lai Châu lần thứ XII, nhiệm kỳ 2019 - 2024; số 62"
    ) == [("Báo cáo của Ủy ban MTTQ Việt Nam tỉnh tại Đại hội đại biểu MTTQ Việt Nam tỉnh Lai Châu lần thứ XII, nhiệm "
           "kỳ 2019 - 2024", "Báo cáo")]  # fmt: skip
    assert named(
        "vừa bám sát chủ đề trong dự thảo Báo cáo chính trị trình Đại hội lần thứ XIII của Đảng vừa sát với điều kiện"
    ) == [("Dự thảo Báo cáo chính trị trình Đại hội lần thứ XIII của Đảng", "Báo cáo")]
    # … not the verb at a sentence's start, the text itself, or a committee's review in an act's preamble
    assert named("Báo cáo kết quả thực hiện nhiệm vụ năm 2020 như sau:") == []
    assert named("Trên đây là Báo cáo tình hình thực hiện kế hoạch phát triển kinh tế - xã hội 9 tháng đầu năm") == []
    assert named("Xét Tờ trình số 10/TTr-UBND; Báo cáo thẩm tra của Ban Kinh tế - Ngân sách HĐND tỉnh") == []


def test_a_titled_report_is_of_the_body_its_title_names() -> None:
    # the 2020 study book's sources (its list of the reports it draws on)
    def issuers(text: str) -> list[str | None]:
        cited = [(c.start, c.end) for c in find_symbol_citations(text)]
        return [c.issuer for c in find_named_documents(text, cited)]

    assert issuers(
        "Nguồn: Báo cáo của Ban Chấp hành Hội Nông dân tỉnh Lai Châu khóa VIII trình Đại hội đại biểu lần thứ IX, "
        "nhiệm kỳ 2018 - 2023."
    ) == ["Hội Nông dân tỉnh"]  # its executive committee speaks for the union
    assert issuers(
        "Nguồn: Báo cáo của Ủy ban MTTQ Việt Nam tỉnh tại Đại hội đại biểu MTTQ Việt Nam tỉnh Lai Châu lần thứ XII."
    ) == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]


def test_a_congress_named_with_or_without_its_ordinal_word_is_one(tmp_path: Path) -> None:
    # The 2020 study book, lines 75 and 1197
    found = documents(
        tmp_path,
        "trong dự thảo Báo cáo chính trị trình Đại hội lần thứ XIII của Đảng.\n"
        "Trong dự thảo Báo cáo chính trị trình Đại hội XIII của Đảng, thành tố thứ nhất.\n",
    )
    assert found == [(None, None, 2)]
