from __future__ import annotations

from pathlib import Path

from policykg.loaders.footnotes import Anchor, footnote_anchors
from policykg.loaders.layout import FOOTNOTE, build_layout
from policykg.loaders.reading import read_report

# Lines 47-60 of the 2020 nine-month assessment (PDF text): a blank line after every line, a symbol split over
# two lines, and a footnote printed at the foot of the page in the middle of a paragraph.
PDF_EXCERPT = (
    "1.1. Sản xuất nông, lâm nghiệp, thủy sản; xây dựng nông thôn mới \n"
    "\n"
    "Tiếp tục triển khai, hướng dẫn thực hiện các Nghị quyết, Đề án, chính \n"
    "\n"
    "sách của Tỉnh ủy, HĐND tỉnh về phát triển nông nghiệp, nông thôn(1), tổ chức \n"
    "\n"
    "                                                           \n"
    "1 Ban hành các Quyết định: Số 14/QĐ-UBND ngày 08/01/2020 phê duyệt Đề án phát triển sản xuất nông \n"
    "\n"
    "các xã ĐBKK và xã biên giới giai đoạn 2020-2025; số 29/QĐ-\n"
    "\n"
    "UBND ngày 14/01/2020 phê duyệt Đề án phát triển một số cây dược liệu.\n"
    " hội nghị triển khai các chính sách hỗ trợ phát triển nông nghiệp, nông thôn tại \n"
    "\n"
    "huyện Tân Uyên. Đẩy mạnh thực hiện đề án tái cơ cấu ngành nông nghiệp.\n"
    "\n"
) * 3  # three pages, so that the layout is long enough to be recognised as PDF text


def test_pdf_text_is_joined_into_paragraphs_that_remember_their_lines() -> None:
    layout = build_layout(PDF_EXCERPT)
    assert layout.double_spaced
    body = next(p for p in layout.paragraphs if p.text.startswith("Tiếp tục"))
    # The paragraph goes on after the footnote, across the page break.
    assert body.text.endswith("tại huyện Tân Uyên. Đẩy mạnh thực hiện đề án tái cơ cấu ngành nông nghiệp.")
    offset = body.text.index("huyện Tân Uyên")
    assert body.position(offset) == (15, 0)
    assert body.position(body.text.index("nông thôn(1)")) == (5, 55)


def test_footnotes_are_paragraphs_of_their_own_and_keep_split_symbols_together() -> None:
    layout = build_layout(PDF_EXCERPT)
    note = next(p for p in layout.paragraphs if p.kind == FOOTNOTE)
    assert note.footnote_label == "1"
    assert "số 29/QĐ- UBND ngày 14/01/2020" in note.text
    assert note.position(note.text.index("29/QĐ-")) == (10, 52)


def test_a_lost_footnote_marker_split_over_two_lines_is_joined() -> None:
    # Lines 3-4 of the 2013 assessment: `(` ends one line and `)` opens the next.
    text = "cho phát triển sản xuất nông, lâm nghiệp, chăn nuôi, nuôi trồng thủy sản(\n)… Dưới sự quan tâm lãnh đạo\n"
    layout = build_layout(text)
    assert len(layout.paragraphs) == 1
    para = layout.paragraphs[0]
    assert "thủy sản()… Dưới" in para.text
    assert para.position(para.text.index("Dưới")) == (2, 3)


def test_columns_are_those_of_the_original_decomposed_line() -> None:
    decomposed = "Thu\u0309y \u0111i\u00ea\u0323n Huội Quảng"  # NFD letters, as in the 2013 assessment
    para = build_layout(decomposed + "\n").paragraphs[0]
    assert para.text == "Thủy điện Huội Quảng"
    assert para.position(para.text.index("Huội")) == (1, decomposed.index("Huội"))


def test_footnotes_are_linked_to_their_markers() -> None:
    layout = build_layout(PDF_EXCERPT)
    anchors = footnote_anchors(layout.paragraphs)
    note = next(i for i, p in enumerate(layout.paragraphs) if p.kind == FOOTNOTE)
    assert anchors[note].line == 5  # `nông thôn(1)`
    superscripts = build_layout("Thực hiện nghị quyết về nông nghiệp¹; phát triển\n¹ Đặc biệt là Nghị quyết 05-NQ/TU\n")
    assert footnote_anchors(superscripts.paragraphs) == {1: Anchor(paragraph=0, line=1)}


# Lines 67-77 and 269-295 of the 2023 report (one paragraph per line, cut into pages; shortened): a paragraph cut
# at the foot of a page goes on after the page's footnotes; a footnote cut there goes on among the next page's.
PAGED_EXCERPT = (
    "Triển khai thực hiện tốt các hoạt động quản lý về quy hoạch. Đã phê duyệt 05 đồ án Quy hoạch, điều chỉnh\n\n"
    "⁷ Hỗ trợ lúa hàng hóa tập trung 2.185 thùng ong; 29.592 m³ lồng cá.\n\n"
    "¹⁰ Đá xây dựng 702.165 m³, tăng 9,5%; chè khô các loại 11.000 tấn, tăng 2,8%;\n\n"
    "quy hoạch xây dựng¹¹, tiếp tục triển khai 05 đề án quy hoạch phân khu chức năng.\n\n"
    "Tăng cường công tác quản lý, phát triển kết cấu hạ tầng giao thông.\n\n"
    "⁵⁵ Tổ chức thăm làm việc tại Hàn Quốc. Triển khai ký kết Thỏa\n\n"
    "III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU\n\n"
    "(5) 99% thôn, bản có đường xe máy hoặc ô tô đi lại thuận lợi. Đạt kế hoạch.\n\n"
    "thuận hợp tác tiếp nhận lao động thời vụ với huyện Muju, tỉnh JeollaBắc(Hàn Quốc),...\n\n"
    "⁵⁶ Đồng chí Bí thư Tỉnh ủy tham dự Lễ kỷ niệm Quốc khánh Hàn Quốc tại Hà Nội.\n"
)


def test_a_paragraph_cut_by_a_page_goes_on_after_the_footnotes() -> None:
    layout = build_layout(PAGED_EXCERPT)
    body = layout.paragraphs[0]
    assert body.text.endswith(
        "điều chỉnh quy hoạch xây dựng¹¹, tiếp tục triển khai 05 đề án quy hoạch phân khu chức năng."
    )
    assert body.position(body.text.index("quy hoạch xây dựng¹¹")) == (7, 0)
    note = next(p for p in layout.paragraphs if p.footnote_label == "55")
    assert note.text.endswith(
        "Thỏa thuận hợp tác tiếp nhận lao động thời vụ với huyện Muju, tỉnh JeollaBắc(Hàn Quốc),..."
    )
    # The footnotes in between, the heading and the finished item keep their own paragraphs.
    assert [p.text[:4] for p in layout.paragraphs] == ["Triể", "⁷ Hỗ", "¹⁰ Đ", "Tăng", "⁵⁵ T", "III.", "(5) ", "⁵⁶ Đ"]


def test_a_line_in_lower_case_after_a_finished_paragraph_stays_its_own() -> None:
    text = "Thu ngân sách đạt 2.086 tỷ đồng.\n\nnăm 2024 dự kiến tăng.\n"
    assert len(build_layout(text).paragraphs) == 2


def test_a_numbered_line_continued_in_lower_case_is_a_paragraph_not_a_heading() -> None:
    # 54-2017 of Gia Lai, lines 207-210 (hard-wrapped text): the plan's name runs onto a line starting with a name
    text = (
        "3.3. Xây dựng kế hoạch triển khai thực hiện chương trình hợp tác với thành phố giai đoạn 2017 - 2020.\n"
        "3.4. Khẩn trương\n"
        "hoàn thành các đề án, chương trình phát triển du lịch như: Kế hoạch đưa tỉnh\n"
        "Gia Lai thành địa bàn trọng điểm phát triển du lịch quốc gia và khu vực; bổ sung khu, điểm du lịch.\n"
        "3.5. Tạo cơ chế\n"
        "khuyến khích hợp tác xã hoạt động có hiệu quả.\n"
    )
    texts = [p.text for p in build_layout(text).paragraphs]
    assert any("Kế hoạch đưa tỉnh Gia Lai thành địa bàn" in t for t in texts)


def test_a_numbered_line_that_fills_its_line_runs_on_into_a_capitalised_word() -> None:
    # Hà Nội resolution 11/2025 (PDF text, lines 46-49): the item's words run on to `Thành phố …` on the next line
    source = read_report(Path(__file__).parents[1] / "annotations" / "texts" / "hanoi-nq-11-2025.pdf")
    item = next(p.text for p in build_layout(source.text).paragraphs if p.text.startswith("2. Thay thế Phụ lục"))
    assert item.endswith("ban hành kèm theo Nghị quyết này.")


def test_grounds_opened_alone_on_a_line_run_on_into_the_next() -> None:
    # Gia Lai resolution 63/2017 (corpus-extra), lines 9-12, a converted page's wrapped lines
    lines = ["Căn cứ Luật Tổ chức chính quyền địa", "phương năm 2015;", "Căn cứ",
             "Luật Ban hành văn bản quy phạm pháp luật năm 2015;"] * 6  # fmt: skip
    texts = [p.text for p in build_layout("\n".join(lines) + "\n").paragraphs]
    assert texts[:2] == ["Căn cứ Luật Tổ chức chính quyền địa phương năm 2015;",
                         "Căn cứ Luật Ban hành văn bản quy phạm pháp luật năm 2015;"]  # fmt: skip
