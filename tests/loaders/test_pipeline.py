"""The whole extraction on the bundled reports: positions, counts, and what a reader would note down."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from policykg.loaders.pipeline import extract_file
from policykg.loaders.records import Extraction, Mention


@pytest.fixture(scope="module")
def extractions(reports: list[Path]) -> dict[str, Extraction]:
    return {p.stem: extract_file(p) for p in reports}


def all_mentions(ex: Extraction) -> list[Mention]:
    groups = [*ex.documents, *ex.places, *ex.hydropower, *ex.programmes]
    return [m for g in groups for m in g.mentions]


def test_every_mention_points_at_its_words_in_the_original_file(
    extractions: dict[str, Extraction], report_path: Callable[[str], Path]
) -> None:
    for stem, ex in extractions.items():
        lines = report_path(stem).read_text(encoding="utf-8").split("\n")
        for m in all_mentions(ex):
            first_word = m.text.split()[0]
            at = unicodedata.normalize("NFC", lines[m.line - 1][m.column :])
            assert at.startswith(first_word), (stem, m.line, m.column, m.text)
            assert m.text in m.sentence


def test_each_report_yields_what_it_plausibly_holds(extractions: dict[str, Extraction]) -> None:
    for stem, ex in extractions.items():
        kinds = {p.kind for p in ex.places}
        assert len(ex.documents) >= 10, stem
        assert {"province", "district"} <= kinds, stem
        assert ex.relations, stem
        assert ex.report.title and ex.report.period_start, stem


def test_the_2013_assessment(extractions: dict[str, Extraction]) -> None:
    ex = extractions["2013-ubnd-socio-economic-assessment"]
    doc = next(d for d in ex.documents if d.symbol == "2009/QĐ-TTg")
    assert (doc.type, doc.date, doc.issuer) == ("Quyết định", "2013-11-04", "Thủ tướng Chính phủ")
    assert [m.line for m in doc.mentions] == [45]
    assert doc.mentions[0].section == ("I", "1", "1.6")
    plants = {h.name for h in ex.hydropower}
    assert plants == {"Sơn La", "Huội Quảng", "Bản Chát", "Lai Châu"}
    assert "Lai Châu" in {p.name for p in ex.places if p.kind == "province"}


def test_the_pdf_report_keeps_original_lines(extractions: dict[str, Extraction]) -> None:
    ex = extractions["2020-9m-ubnd-socio-economic-assessment"]
    plan = next(d for d in ex.documents if d.symbol == "1378/KH-UBND")
    assert [m.line for m in plan.mentions] == [330, 340]
    footnote = next(d for d in ex.documents if d.symbol == "29/QĐ-UBND")
    assert footnote.date == "2020-01-14"


def test_an_empty_file_is_an_empty_extraction(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    ex = extract_file(path)
    assert ex.source.lines == 0
    assert (ex.documents, ex.places, ex.hydropower, ex.programmes, ex.relations) == ([], [], [], [], [])


def extracted(tmp_path: Path, text: str) -> Extraction:
    """A short excerpt, written as a report and extracted."""
    report = tmp_path / "excerpt.txt"
    report.write_text(text, encoding="utf-8")
    return extract_file(report)


# The study book's roads (line 484), in a text whose head does not name its province: its body does.
ROADS = (
    "Nâng cấp, sửa chữa một số đường giao thông tỉnh lộ, đường liên huyện quan trọng có sức lan tỏa như: Đường "
    "tỉnh 133 (Nậm Sỏ - Tân Uyên), đường tỉnh 128 (Chăn Nưa - Sìn Hồ), đường Noong Hẻo - Nậm Mạ, huyện Nậm Nhùn, "
    "tỉnh Lai Châu.\n"
)


def test_decomposed_text_is_read_as_its_letters_throughout(tmp_path: Path) -> None:
    # Decomposed letters (NFD: `ỉ` as `i` and two marks) in a text with no sidecar: the province the report is of,
    # and with it the communes of its map, are found as in the same text composed (the scope was once read from
    # the text as decoded, where `tỉnh` in NFD is no `tỉnh`).
    composed = extracted(tmp_path, ROADS)
    decomposed = extracted(tmp_path, unicodedata.normalize("NFD", ROADS))
    assert composed.report.province == decomposed.report.province == "Lai Châu"
    names = {p.name for p in composed.places}
    assert {"Nậm Sỏ", "Chăn Nưa", "Noong Hẻo", "Nậm Mạ"} <= names
    assert {p.name for p in decomposed.places} == names


def test_a_heading_lower_cased_whole_still_names_its_act_and_province(tmp_path: Path) -> None:
    # A converter's output of a Trà Vinh resolution's head, every letter in lower case
    ex = extracted(
        tmp_path,
        "ủy ban nhân dân tỉnh trà vinh\n"
        "về việc thông qua đề án phát triển trên địa bàn tỉnh trà vinh, căn cứ nghị quyết số 12/2025/nq-hđnd ngày "
        "10/7/2025 của hội đồng nhân dân tỉnh.\n",
    )
    assert [d.symbol for d in ex.documents] == ["12/2025/NQ-HĐND"]
    assert ("Trà Vinh", "province") in {(p.name, p.kind) for p in ex.places}
    assert not any(p.name.lower() in ("về", "việc", "phát triển") for p in ex.places)  # nothing else read as a place


def test_a_title_in_capitals_ends_at_its_issuer_s_line(tmp_path: Path) -> None:
    # Đồng Tháp resolution 124/2017, its head: the programme's name stops before `HỘI ĐỒNG NHÂN DÂN …`, and a later
    # mention gives it the text's own case
    (programme,) = extracted(
        tmp_path,
        "NGHỊ QUYẾT\nVỀ VIỆC THÔNG QUA CHƯƠNG TRÌNH PHÁT TRIỂN ĐÔ THỊ TỈNH ĐỒNG\nTHÁP ĐẾN NĂM 2020 VÀ ĐỊNH HƯỚNG ĐẾN "
        "NĂM 2030\nHỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG THÁP\nKHOÁ IX - KỲ HỌP THỨ NĂM\n\nĐiều 1. Thông qua Chương trình phát "
        "triển đô thị tỉnh Đồng Tháp đến năm 2020 và định hướng đến năm 2030.\n",
    ).programmes
    assert programme.name == "Chương trình phát triển đô thị tỉnh Đồng Tháp đến năm 2020 và định hướng đến năm 2030"
    assert [m.line for m in programme.mentions] == [2, 7]
