"""A document's header as `policykg add` reads it for the sidecar: the forms of a provincial report, a Hà Nội
decision with its number written by hand, a People's Council resolution converted to text, a scanned page."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from policykg.loaders.header import Header, read_header
from policykg.loaders.reading import read_bytes, read_report

FIXTURES = Path(__file__).parent / "fixtures"

LAI_CHAU_HEAD = """ỦY BAN NHÂN DÂN
TỈNH LAI CHÂU
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 379/BC-UBND
Lai Châu, ngày 29 tháng 11 năm 2023
BÁO CÁO
Tình hình thực hiện Kế hoạch phát triển kinh tế, xã hội, đảm bảo quốc phòng, an ninh năm 2023; kế hoạch năm 2024
Phần thứ nhất
"""


def test_a_provincial_reports_header() -> None:
    header = read_header(read_bytes(LAI_CHAU_HEAD.encode("utf-8"), "bao-cao.txt"))
    assert header == Header(
        title="Báo cáo Tình hình thực hiện Kế hoạch phát triển kinh tế, xã hội, đảm bảo quốc phòng, an ninh năm "
        "2023; kế hoạch năm 2024",
        issuer="Ủy ban nhân dân tỉnh Lai Châu",
        symbol="379/BC-UBND",
        place="Lai Châu",
        date="2023-11-29",
        province="Lai Châu",
        period_start="2023-01-01",
        period_end="2023-12-31",
    )


def test_a_blank_left_for_the_pen_gives_what_is_printed() -> None:
    text = LAI_CHAU_HEAD.replace("Số: 379/BC-UBND", "Số: /BC-UBND").replace("ngày 29 tháng 11", "ngày tháng 11")
    header = read_header(read_bytes(text.encode("utf-8"), "bao-cao.txt"))
    assert header.symbol is None and header.date == "2023-11"


def test_a_decision_read_from_a_pdf() -> None:
    header = read_header(read_report(FIXTURES / "hanoi-qd-70-2024-ubnd-p1-3.pdf"))
    assert header.issuer == "Ủy ban nhân dân thành phố Hà Nội" and header.province == "Hà Nội"
    assert header.place == "Hà Nội"  # not `UBND Hà Nội`: the code before it on the line is the symbol's
    assert header.title is not None and header.title.startswith("Quyết định Ban hành Quy định một số nội dung")
    assert header.date == "2024"  # `ngày 30 tháng năm 2024`: the month was left for the pen


def test_a_resolution_with_its_council_under_the_title() -> None:
    text = (
        "NGHỊ QUYẾT\nVỀ VIỆC THÔNG QUA CHƯƠNG TRÌNH PHÁT TRIỂN ĐÔ THỊ TỈNH ĐỒNG\nTHÁP ĐẾN NĂM 2020\n"
        "HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG THÁP\nKHOÁ IX - KỲ HỌP THỨ NĂM\nCăn cứ Luật Tổ chức chính quyền địa phương\n"
    )
    header = read_header(read_bytes(text.encode("utf-8"), "nq.md"))
    assert header.title == "Nghị quyết VỀ VIỆC THÔNG QUA CHƯƠNG TRÌNH PHÁT TRIỂN ĐÔ THỊ TỈNH ĐỒNG THÁP ĐẾN NĂM 2020"
    assert header.issuer == "Hội đồng nhân dân tỉnh Đồng Tháp" and header.province == "Đồng Tháp"


def test_an_act_with_no_date_in_its_head_is_dated_by_its_closing_formula() -> None:
    # 28-2017-nq-hdnd of Trà Vinh (corpus-extra), its head and last lines: the copy has no `…, ngày … tháng …`
    text = (
        "NGHỊ QUYẾT\nQUY ĐỊNH CÁC LOẠI PHÍ THUỘC LĨNH VỰC TÀI NGUYÊN VÀ MÔI\nTRƯỜNG TRÊN ĐỊA BÀN TỈNH TRÀ VINH\n"
        "HỘI ĐỒNG NHÂN DÂN TỈNH TRÀ VINH\nKHÓA IX - KỲ HỌP THỨ 4\nCăn cứ Luật Phí, lệ phí ngày 25/11/2015;\n"
        "Nghị quyết này đã được Hội đồng nhân dân tỉnh\nTrà Vinh khóa IX - kỳ họp thứ 4 thông qua ngày 13/7/2017 và có "
        "hiệu lực từ ngày\n24/7/2017./.\n"
    )
    assert read_header(read_bytes(text.encode("utf-8"), "nq.md")).date == "2017-07-13"
    assert read_header(read_bytes(text.replace("13/7/2017", "13 tháng 7 năm 2017").encode(), "nq.md")).date == (
        "2017-07-13"
    )


@pytest.mark.skipif(shutil.which("tesseract") is None and not os.environ.get("CI"), reason="needs Tesseract")
def test_a_scanned_header_is_read_through_the_slips_of_ocr() -> None:
    # OCR reads `HỘI ĐÓNG NHÂN DÂN` and `NGHỊ QUYÉT`: the words are matched without their marks.
    header = read_header(read_report(FIXTURES / "hanoi-nq-12-2025-hdnd-scanned-p1.pdf"))
    assert header.issuer == "Hội đồng nhân dân thành phố Hà Nội"
    assert header.symbol == "12/2025/NQ-HĐND" and header.date == "2025-06-27"
    assert header.title is not None and header.title.startswith("Nghị quyết Sửa đ")
