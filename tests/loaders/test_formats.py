"""Reports in the formats people receive: a PDF with a text layer, a scanned PDF (OCR), a Word DOCX, an HTML
page, and text with a converter's markup. The PDFs are pages of real Hà Nội documents (`corpus-extra/pdf`)."""

from __future__ import annotations

import ctypes
import io
import os
import random
import shutil
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
import olefile
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from policykg.errors import InputError
from policykg.loaders import tables
from policykg.loaders.layout import build_layout
from policykg.loaders.ocr import OcrLine, parse_tsv
from policykg.loaders.pdf import Page, drop_repeated, ocr_repaired
from policykg.loaders.pipeline import extract_file
from policykg.loaders.reading import read_bytes, read_report

FIXTURES = Path(__file__).parent / "fixtures"
TEXT_PDF = FIXTURES / "hanoi-qd-70-2024-ubnd-p1-3.pdf"  # pages 1-3 of Quyết định 70/2024/QĐ-UBND
SCANNED_PDF = FIXTURES / "hanoi-nq-12-2025-hdnd-scanned-p1.pdf"  # page 1 of Nghị quyết 12/2025/NQ-HĐND, a scan
# Word 97-2003, saved by LibreOffice 7.4 (`soffice --convert-to doc`) from the DOCX of the test below and a last
# paragraph typed in TCVN3 (`.VnTime`), as `fixtures/README.md` says.
WORD_97 = FIXTURES / "bao-cao-lai-chau.doc"
ODT = FIXTURES / "bao-cao-lai-chau.odt"  # the same, with a list item, saved as ODT by LibreOffice 7.4


def test_a_pdf_is_read_from_its_text_layer_page_by_page(tmp_path: Path) -> None:
    source = read_report(TEXT_PDF)
    assert source.format == "pdf" and len(source.pages) == 3 and source.pages[0] == 1
    lines = source.text.splitlines()
    assert lines[source.pages[1] - 1].startswith("Điều 2. Quyết định này có hiệu lực")  # page 2 less its number
    assert "2" not in lines and "3" not in lines  # the page numbers are gone
    # Recognised by its content: the same bytes named `.txt` are a PDF too.
    disguised = tmp_path / "report.txt"
    disguised.write_bytes(TEXT_PDF.read_bytes())
    assert read_report(disguised).text == source.text


def test_a_pdf_mention_says_its_page_and_line_on_the_page() -> None:
    extraction = extract_file(TEXT_PDF)
    by_symbol = {d.symbol: d for d in extraction.documents}
    mention = by_symbol["36/2017/QĐ-UBND"].mentions[0]  # `thay thế Quyết định số 36/2017/QĐ-UBND`, page 2
    assert extraction.source.page_of(mention.line) == (2, 2)
    assert "36/2017/QĐ-UBND" in read_report(TEXT_PDF).text.splitlines()[mention.line - 1]
    assert by_symbol["85/2024/NĐ-CP"].mentions[0].line < extraction.source.pages[1]  # on page 1


def test_a_number_written_by_hand_over_the_print_is_flagged() -> None:
    source = read_report(TEXT_PDF)
    assert any("page 1 line 5" in note and "'0 7'" in note for note in source.notes)


def test_running_headers_and_page_numbers_are_dropped() -> None:
    bodies = ["Căn cứ Luật Giá ngày 19 tháng 6 năm 2023;", "Điều 2. Quyết định này có hiệu lực", "QUYẾT ĐỊNH:"]
    numbers = ["- 1 -", "2", "Trang 3"]
    pages = [Page([f"CÔNG BÁO/Số {12 + i}", body, numbers[i]]) for i, body in enumerate(bodies)]
    drop_repeated(pages)
    assert [p.lines for p in pages] == [[body] for body in bodies]


# CI installs Tesseract (.ci/run): there the test runs, whatever; elsewhere it needs Tesseract on the machine.
@pytest.mark.skipif(shutil.which("tesseract") is None and not os.environ.get("CI"), reason="needs Tesseract")
def test_a_scanned_page_is_read_by_ocr_with_its_confidence() -> None:
    extraction = extract_file(SCANNED_PDF)
    assert extraction.source.format == "pdf" and extraction.source.ocr
    assert any("no text layer" in note for note in extraction.source.notes)
    symbols = {d.symbol for d in extraction.documents}
    # OCR splits numbers (`151/201 7/NĐ-CP`, `1 14/2024`): they are joined again.
    assert {"12/2025/NQ-HĐND", "151/2017/NĐ-CP", "114/2024/NĐ-CP", "50/2025/NĐ-CP"} <= symbols
    assert all(0 < c <= 1 for c in extraction.source.ocr.values())


def _scanned_page(form: str, pages: int = 1) -> bytes:
    """The scanned fixture's page as an image file at the OCR's 300 dpi (`pages` times, in a TIFF)."""
    image = pdfium.PdfDocument(SCANNED_PDF)[0].render(scale=300 / 72, grayscale=True).to_pil()
    out = io.BytesIO()
    image.save(out, form, **({"save_all": True, "append_images": [image] * (pages - 1)} if pages > 1 else {}))
    return out.getvalue()


@pytest.mark.skipif(shutil.which("tesseract") is None and not os.environ.get("CI"), reason="needs Tesseract")
def test_a_scanned_page_sent_as_an_image_is_read_by_ocr() -> None:
    source = read_bytes(_scanned_page("PNG"), "trang-1.png")
    assert (source.format, source.pages, source.notes) == (
        "png",
        (1,),
        ("page 1 of an image, read by OCR (Tesseract, vie)",),
    )
    assert "Số: 12/2025/NQ-HĐND Hà Nội, ngày 27 tháng 6 năm 2025" in source.text.splitlines()
    assert all(0 < c <= 1 for c in source.ocr.values()) and len(source.ocr) == len(source.text.splitlines())
    # A TIFF of two pages (a scanner's multi-page file): each a page, as a PDF's.
    tiff = read_bytes(_scanned_page("TIFF", pages=2), "trang-1-2.tif")
    assert tiff.format == "tiff" and len(tiff.pages) == 2 and tiff.pages[1] == len(source.text.splitlines()) + 1


def test_an_image_that_cannot_be_read_or_is_too_large_is_refused_before_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    # A PNG that declares 100,000 × 100,000 pixels in a few bytes: refused from its header, never decoded.
    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    size = (100_000).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])  # 8-bit grey
    declared = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", size) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")
    for data, reason in (
        (declared, "a PNG image of 100,000 × 100,000 pixels, over 200,000,000"),
        (_scanned_page("PNG")[:5000], "a PNG image that cannot be read"),
    ):
        with pytest.raises(InputError, match=reason):
            read_bytes(data, "trang.png")
    monkeypatch.setenv("POLICYKG_MAX_OCR_PAGES", "1")
    with pytest.raises(InputError, match="a TIFF image of 2 pages, over the limit of 1 pages read by OCR"):
        read_bytes(_scanned_page("TIFF", pages=2), "trang.tif")


def test_tesseract_tsv_gives_lines_with_the_mean_confidence_of_their_words() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "4\t1\t1\t1\t1\t0\t0\t0\t9\t9\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t0\t0\t9\t9\t96\tNghị\n"
        "5\t1\t1\t1\t1\t2\t0\t0\t9\t9\t90\tquyết\n"
        "5\t1\t1\t1\t2\t1\t0\t0\t9\t9\t50\tSố:\n"
        "5\t1\t1\t1\t2\t2\t0\t0\t9\t9\t-1\t \n"
    )
    assert [(line.text, line.confidence) for line in parse_tsv(tsv)] == [("Nghị quyết", 0.93), ("Số:", 0.5)]


def _docx(paragraphs: list[str], table: list[list[str]]) -> bytes:
    document = docx.Document()
    for text in paragraphs[:2]:
        document.add_paragraph(text)
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, text in enumerate(row):
            grid.cell(r, c).text = text
    for text in paragraphs[2:]:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# Two paragraphs, a table, a paragraph: the lines of the Word and ODT tests (`fixtures/README.md`).
WORD_LINES = [
    "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
    "Thực hiện Quyết định số 2009/QĐ-TTg ngày 04/11/2013 của Thủ tướng Chính phủ;",
    "Huyện | Số hộ",
    "Than Uyên | 192",
    "Đã di chuyển 192 hộ đến khu tái định cư thủy điện Huội Quảng.",
]


def _word_docx() -> bytes:
    """`WORD_LINES` as a DOCX: two paragraphs, the table, a paragraph."""
    return _docx([WORD_LINES[0], WORD_LINES[1], WORD_LINES[4]], [row.split(" | ") for row in WORD_LINES[2:4]])


def test_a_word_document_is_read_paragraph_by_paragraph_with_its_tables(tmp_path: Path) -> None:
    data = _word_docx()
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(data)
    source = read_report(path)
    assert source.format == "docx"
    assert source.text.splitlines() == WORD_LINES
    extraction = extract_file(path)
    assert [d.symbol for d in extraction.documents] == ["2009/QĐ-TTg"]
    assert extraction.documents[0].mentions[0].line == 2  # the paragraph
    assert any(h.name == "Huội Quảng" for h in extraction.hydropower)


def test_a_word_document_s_content_controls_are_read_in_their_place() -> None:
    # A template's fields: the issuer's line inside a content control (`<w:sdt>`) between two paragraphs.
    data = _word_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    first = "<w:p><w:r><w:t>ỦY BAN NHÂN DÂN TỈNH LAI CHÂU</w:t></w:r></w:p>"
    xml = members["word/document.xml"].decode("utf-8")
    start = xml.index("<w:p>") if "<w:p>" in xml else xml.index("<w:p ")
    end = xml.index("</w:p>", start) + len("</w:p>")
    members["word/document.xml"] = (
        xml[:start] + f"<w:sdt><w:sdtPr/><w:sdtContent>{first}</w:sdtContent></w:sdt>" + xml[end:]
    ).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    assert read_bytes(out.getvalue(), "bao-cao.docx").text.splitlines() == WORD_LINES


def test_an_old_word_document_is_read_paragraph_by_paragraph_with_its_tables() -> None:
    source = read_report(WORD_97)
    assert (source.format, source.encoding) == ("doc", "doc")
    assert [line for line in source.text.splitlines() if line] == [
        *WORD_LINES,
        "Kế hoạch triển khai Quyết định số 334/QĐ-TTg ngày 01/4/2023 của Thủ tướng Chính phủ",  # typed in TCVN3
    ]
    assert source.notes == ("1 lines in the TCVN3 font encoding, converted to Unicode",)
    extraction = extract_file(WORD_97)
    assert [d.symbol for d in extraction.documents] == ["2009/QĐ-TTg", "334/QĐ-TTg"]
    assert extraction.documents[0].mentions[0].line == 2  # the paragraph
    assert any(h.name == "Huội Quảng" for h in extraction.hydropower)


NOTES = [  # a resolution's citation and the resettlement line, each with a footnote (`fixtures/README.md`)
    "Tiếp tục thực hiện Nghị quyết số 29-NQ/TW¹ trên địa bàn tỉnh Lai Châu.",
    "Đã di chuyển 192 hộ đến khu tái định cư thủy điện Huội Quảng².",
    "¹ Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương Đảng khóa XI về đổi mới căn bản, toàn "
    "diện giáo dục và đào tạo.",
    "² Theo Quyết định số 2009/QĐ-TTg ngày 04/11/2013 của Thủ tướng Chính phủ.",
]


@pytest.mark.parametrize("name", ["chu-thich.docx", "chu-thich.doc", "chu-thich.odt"])
def test_a_documents_footnotes_follow_its_text_linked_by_their_markers(name: str) -> None:
    # Word and ODT keep notes apart from the text: read as the reports print them — the marker in superscript
    # digits where the note is referred to (`29-NQ/TW¹`, the symbol intact), the note a line opened by it.
    assert [line for line in read_report(FIXTURES / name).text.splitlines() if line] == NOTES
    mentions = {d.symbol: [(m.line, m.footnote) for m in d.mentions] for d in extract_file(FIXTURES / name).documents}
    lines = [n for n, line in enumerate(read_report(FIXTURES / name).text.splitlines(), 1) if line]
    assert mentions == {"29-NQ/TW": [(1, None), (lines[2], "1")], "2009/QĐ-TTg": [(lines[3], "2")]}


TABLES = [  # two tables of `fixtures/bang-chi-tieu.*` (`fixtures/README.md`), as every format gives them
    "Kết quả thực hiện Nghị quyết số 29-NQ/TW:",
    "Chỉ tiêu | KH 2020 | TH 2020 | Ghi chú",
    "Tốc độ tăng trưởng (%) | 7,0 | 7,0",  # two cells alike are two cells; the last, empty, left out
    "Tỷ lệ hộ nghèo (%) |  |  | giảm 3%",  # empty cells inside a row keep the note under its column
    "",  # an empty row
    "Huyện, xã | Số hộ",  # a cell spanning two columns, once
    "Than Uyên | Mường Kim | 120",  # `Than Uyên` spans two rows: empty in the second
    " | Tà Hừa | 72",
    "Đã di chuyển 192 hộ.",
]


@pytest.mark.parametrize("name", ["bang-chi-tieu.docx", "bang-chi-tieu.doc", "bang-chi-tieu.odt", "bang-chi-tieu.html"])
def test_a_tables_cells_stay_under_their_columns_in_every_format(name: str) -> None:
    # A .doc marks a cell's end and a row's end alike; which is which, the paragraphs' properties say. A web page
    # has no empty lines (an empty block or row is none).
    lines = read_report(FIXTURES / name).text.splitlines()
    while lines and not lines[-1]:
        lines.pop()
    assert lines == ([line for line in TABLES if line] if name.endswith(".html") else TABLES)


def test_a_word_row_that_starts_further_right_keeps_its_columns(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([["Huyện", "KH", "TH"], ["", "7,0", "6,5"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    second = table.rows[1]._tr
    second.remove(second.tc_lst[0])  # Word's way: the row skips a grid column instead of an empty cell
    second.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="1"/>'))
    document.save(str(tmp_path / "bang.docx"))
    assert read_report(tmp_path / "bang.docx").text.splitlines() == ["Huyện | KH | TH", " | 7,0 | 6,5"]
    # A crafted file's row that claims to skip a billion columns skips at most COLUMNS.
    second.trPr.remove(second.trPr[0])
    second.trPr.append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="1000000000"/>'))
    document.save(str(tmp_path / "bang.docx"))
    assert read_report(tmp_path / "bang.docx").text.splitlines()[1] == " | " * tables.COLUMNS + "7,0 | 6,5"


def test_a_web_pages_table_cells_are_cells_whether_closed_or_not() -> None:
    # The standard library's parser nests a cell left open (`<td>a<td>`) in the one before; a cell spanning rows
    # or columns counts as in the other formats; spans claiming a million columns are read up to COLUMNS.
    page = (
        "<!DOCTYPE html><html><body><table><caption>Bảng 1</caption><tr><th>Huyện<th>KH<th>TH</tr>"
        "<tr><td rowspan=2>Than Uyên<td>7,0<td>7,0</tr><tr><td><td>6,5</tr>"
        "<tr><td colspan=2>Cộng<td>13,5</tr></table>"
        "<table><tr><td colspan=1000000 rowspan=1000000>x<td>y</tr><tr><td>z</tr></table>"
    )
    assert read_bytes(page.encode(), "bang.html").text.splitlines() == [
        "Bảng 1", "Huyện | KH | TH", "Than Uyên | 7,0 | 7,0", " |  | 6,5", "Cộng | 13,5", "x",
    ]  # fmt: skip


@pytest.mark.parametrize("length", [0, 1 << 30], ids=["none", "past-the-stream"])
def test_an_old_word_document_whose_paragraph_properties_cannot_be_read_is_read_by_its_marks(
    tmp_path: Path, length: int
) -> None:
    # The pages of paragraph properties (FibRgFcLcb97's PlcBtePapx) gone: a run of marks ends a row, as Word
    # writes a row's own mark after its last cell's; a row without empty cells is read the same.
    path = tmp_path / "bang.doc"
    shutil.copy(FIXTURES / "bang-chi-tieu.doc", path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        word = ole.openstream("WordDocument").read()
        ole.write_stream("WordDocument", word[:0x106] + length.to_bytes(4, "little") + word[0x10A:])
    lines = read_report(path).text.splitlines()
    assert lines[:3] == TABLES[:3] and "Than Uyên | Mường Kim | 120" in lines


@pytest.mark.parametrize("name", ["chu-thich-hai.docx", "chu-thich-hai.doc", "chu-thich-hai.odt"])
def test_footnotes_and_endnotes_are_numbered_in_one_sequence_and_a_comment_is_left_out(name: str) -> None:
    # The second note is an endnote (ODT shows `i`), the third a footnote again; a comment on the first line cites
    # 999/QĐ-UBND. Notes are numbered in the order the text refers to them, as a DOCX's are read; a .doc prints
    # its footnotes before its endnotes.
    lines = [line for line in read_report(FIXTURES / name).text.splitlines() if line]
    assert lines[:3] == [NOTES[0], NOTES[1], "Thực hiện Nghị quyết số 12/NQ-HĐND³."]
    assert sorted(lines[3:]) == sorted([NOTES[2], NOTES[3], "³ Nghị quyết số 12/NQ-HĐND của Hội đồng nhân dân tỉnh."])
    symbols = {d.symbol: [m.footnote for m in d.mentions] for d in extract_file(FIXTURES / name).documents}
    assert symbols == {"29-NQ/TW": [None, "1"], "2009/QĐ-TTg": ["2"], "12/NQ-HĐND": [None, "3"]}


def test_an_optional_hyphen_is_no_letter_but_a_tcvn3_documents_u_with_horn_is(tmp_path: Path) -> None:
    # Word's optional hyphen (0x1F) put for the `;` after `Chính phủ` (a stream keeps its size), and the soft
    # hyphen's code in the paragraph typed in TCVN3 (`Thñ t­íng`), where it is `ư`.
    path = tmp_path / "bao-cao.doc"
    shutil.copy(WORD_97, path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        word = ole.openstream("WordDocument").read()
        ole.write_stream("WordDocument", word.replace("phủ;".encode("utf-16-le"), "phủ\x1f".encode("utf-16-le")))
    lines = [line for line in read_report(path).text.splitlines() if line]
    assert lines[1].endswith("của Thủ tướng Chính phủ") and "của Thủ tướng Chính phủ" in lines[-1]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda word: word[:2] + (100).to_bytes(2, "little") + word[4:], "a Word 6 or Word 95 document; save it as"),
        (lambda word: word[:0x0B] + (word[0x0B] | 0x01).to_bytes(1, "little") + word[0x0C:], "protected by a password"),
        (lambda word: b"\0" * len(word), "no Word 97-2003 file information block"),
        (lambda word: word[:0x1A2] + (1 << 30).to_bytes(4, "little") + word[0x1A6:], "no piece table"),
    ],
    ids=["word-95", "encrypted", "no-fib", "no-piece-table"],
)
def test_an_old_word_document_that_cannot_be_read_is_refused_saying_why(
    tmp_path: Path, change: Callable[[bytes], bytes], reason: str
) -> None:
    path = tmp_path / "bao-cao.doc"
    shutil.copy(WORD_97, path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        ole.write_stream("WordDocument", change(ole.openstream("WordDocument").read()))
    with pytest.raises(InputError) as refused:
        read_report(path)
    message = str(refused.value)
    assert "\n" not in message and reason in message, message


@pytest.mark.parametrize("original", ["bao-cao-lai-chau.doc", "bao-cao-lai-chau.odt", "bao-cao.docx"])
def test_a_damaged_document_is_read_or_refused_in_one_line(original: str) -> None:
    # Cut and overwritten at random: whatever breaks inside the OLE file, the ZIP archive (`zip file version
    # 11.3`), its deflate stream or its XML, the reader says so in one line, never with a traceback.
    data = _word_docx() if original.endswith(".docx") else (FIXTURES / original).read_bytes()
    rng = random.Random(7)
    for case in range(600):
        damaged = bytearray(data[: rng.randint(8, len(data))] if case % 3 == 0 else data)
        for _ in range(rng.randint(1, 40)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            read_bytes(bytes(damaged), original)
        except InputError as exc:
            assert "\n" not in str(exc) and str(exc).startswith(f"{original}: "), str(exc)


def test_an_opendocument_text_is_read_paragraph_by_paragraph_with_its_tables_and_lists() -> None:
    source = read_report(ODT)
    assert source.format == "odt"
    assert source.text.splitlines() == [*WORD_LINES, "Xã Pa Tần"]  # and a list item
    extraction = extract_file(ODT)
    assert [d.symbol for d in extraction.documents] == ["2009/QĐ-TTg"]
    assert any(h.name == "Huội Quảng" for h in extraction.hydropower)


_ODT_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)


def _odt(body: str) -> bytes:
    content = f"<office:document-content {_ODT_NAMESPACES}><office:body><office:text>{body}</office:text></office:body>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content + "</office:document-content>")
    return out.getvalue()


def test_a_tables_cells_spanning_rows_stop_counting_past_a_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each covered column a row steps over is work: a crafted table of cells each spanning a thousand rows and
    # columns would take time by the square of its size. Past COVERED_STEPS steps a table's spans count no more.
    monkeypatch.setattr(tables, "COVERED_STEPS", 25)
    page = "<html><body><table><tr><td colspan=10 rowspan=10>x</td></tr>" + "<tr><td>y</td></tr>" * 4
    lines = read_bytes(f"{page}</table></body></html>".encode(), "bang.html").text.splitlines()
    assert lines == ["x", " | y", " | y", " | y", "y"]  # 10 steps a row: 25 run out in the fourth


def test_an_odt_s_repeated_and_covered_cells_keep_the_columns() -> None:
    # A cell may stand for several columns (`number-columns-repeated`, up to thousands to the page's edge); a
    # covered cell is one a cell to its left spans (left out) or one from a row above spans (empty, once).
    cell = "<table:table-cell{}><text:p>{}</text:p></table:table-cell>"
    rows = [
        cell.format(' table:number-rows-spanned="2" table:number-columns-spanned="2"', "Than Uyên")
        + "<table:covered-table-cell/>"
        + cell.format("", "7,0")
        + cell.format("", "7,0"),
        "<table:covered-table-cell/><table:covered-table-cell/>"
        + cell.format(' table:number-columns-repeated="2"', "")
        + cell.format("", "giảm 3%")
        + cell.format(' table:number-columns-repeated="100000"', ""),
    ]
    table = "".join(f"<table:table-row>{row}</table:table-row>" for row in rows)
    lines = read_bytes(_odt(f"<table:table>{table}</table:table>"), "bang.odt").text.splitlines()
    assert lines == ["Than Uyên | 7,0 | 7,0", " |  |  | giảm 3%"]


def test_an_odt_s_notes_follow_its_text_and_what_was_deleted_or_commented_is_left_out(tmp_path: Path) -> None:
    data = _odt(
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>Quyết định số 1/QĐ-XX</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        '<text:p>Căn cứ Nghị quyết số 29-NQ/TW<text:note text:note-class="footnote"><text:note-citation>1'
        "</text:note-citation><text:note-body><text:p>Ngày 16/11/2013.</text:p></text:note-body></text:note>"
        '<text:s text:c="3"/>của Ban Chấp hành<office:annotation><text:p>xem lại</text:p></office:annotation>'
        "<text:line-break/>Trung ương.</text:p>"
        "<table:table><table:table-row><table:table-cell><text:p>Mường Tè</text:p></table:table-cell>"
        "<table:covered-table-cell/><table:table-cell/></table:table-row></table:table>"
    )
    assert read_bytes(data, "nghi-quyet.odt").text.splitlines() == [
        "Căn cứ Nghị quyết số 29-NQ/TW¹ của Ban Chấp hành Trung ương.",  # the symbol intact
        "Mường Tè",
        "¹ Ngày 16/11/2013.",
    ]
    path = tmp_path / "nghi-quyet.odt"
    path.write_bytes(data)
    assert [d.symbol for d in extract_file(path).documents] == ["29-NQ/TW"]


def test_a_hostile_or_damaged_odt_is_refused_in_one_line() -> None:
    nested = "<text:span>" * 5000 + "a" + "</text:span>" * 5000
    laughs = (  # entities expanding without end: the parser refuses them
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
        b'<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]><d>&h;</d>'
    )
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", laughs)
    for data, reason in (
        (_odt(f"<text:p>{nested}</text:p>"), "nested too deep"),
        (bomb.getvalue(), "cannot be read"),
        (ODT.read_bytes()[:4000], "cannot be read"),
    ):
        with pytest.raises(InputError, match=reason) as refused:
            read_bytes(data, "bao-cao.odt")
        assert "\n" not in str(refused.value)


# From the 2023 report (line 153 and footnote 45), as a `.VnTime` document types them.
TCVN3_LINES = [
    "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
    "Kế hoạch triển khai Quyết định số 334/QĐ-TTg ngày 01/4/2023 của Thủ tướng Chính phủ",
    "điều chỉnh cục bộ quy hoạch chung thị trấn Mường Tè, huyện Mường Tè.",
]


def test_a_word_document_typed_in_tcvn3_is_read_as_unicode(tmp_path: Path, to_tcvn3: Callable[[str], bytes]) -> None:
    # Word keeps a `.VnTime` document's letters as the Latin-1 characters of their codes (`QuyÕt ®Þnh`).
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(_docx([to_tcvn3(line).decode("latin-1") for line in TCVN3_LINES], [["Huyện", "Số hộ"]]))
    source = read_report(path)
    assert source.text.splitlines()[:2] == TCVN3_LINES[:2]
    assert source.text.splitlines()[-1] == TCVN3_LINES[2]
    assert source.notes == ("3 lines in the TCVN3 font encoding, converted to Unicode",)
    extraction = extract_file(path)
    assert [d.symbol for d in extraction.documents] == ["334/QĐ-TTg"]
    assert "Mường Tè" in {p.name for p in extraction.places}


def test_a_pdf_whose_text_layer_is_tcvn3_is_read_as_unicode(tmp_path: Path, to_tcvn3: Callable[[str], bytes]) -> None:
    # A PDF printed from a `.VnTime` document: its font's codes are TCVN3's, read back through PDFium as Latin-1
    # letters (and the soft hyphen that is TCVN3's `ư` as `ÿ`).
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(_pdf([to_tcvn3(line).decode("latin-1") for line in TCVN3_LINES]))
    assert "M\xffêng" in pdfium.PdfDocument(path)[0].get_textpage().get_text_range()
    source = read_report(path)
    assert source.text.splitlines() == TCVN3_LINES
    extraction = extract_file(path)
    assert [d.symbol for d in extraction.documents] == ["334/QĐ-TTg"]
    assert "Mường Tè" in {p.name for p in extraction.places}


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with the lines in a standard font (WinAnsi codes, as a simple TrueType font has them)."""
    document = pdfium.PdfDocument.new()
    page = document.new_page(595, 842)
    font = pdfium_c.FPDFText_LoadStandardFont(document, b"Times-Roman")
    for i, line in enumerate(lines):
        text = pdfium_c.FPDFPageObj_CreateTextObj(document, font, 11.0)
        encoded = ctypes.create_string_buffer((line + "\0").encode("utf-16-le"))
        pdfium_c.FPDFText_SetText(text, ctypes.cast(encoded, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
        pdfium_c.FPDFPageObj_Transform(text, 1, 0, 0, 1, 40, 800 - 16 * i)
        pdfium_c.FPDFPage_InsertObject(page.raw, text)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PORTAL_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><title>Cổng thông tin điện tử tỉnh Lai Châu</title>
<script>var menu = "Nghị quyết 99/NQ-XX";</script><style>p { color: red }</style></head>
<body><nav><a href="/">Trang chủ</a> <a href="/tin">Tin tức</a></nav>
<article><h1>Kết quả thực hiện Chương trình 135 năm 2023</h1>
<p>Thực hiện <b>Quyết định số 1719/QĐ-TTg</b> ngày 14/10/2021 của Thủ tướng Chính phủ,<br>
huyện Mường Tè đã giải ngân 95% kế hoạch vốn.</p>
<table><tr><td>Huyện</td><td>Vốn (tỷ đồng)</td></tr><tr><td>Sìn Hồ</td><td>12,5</td></tr></table>
<!-- bình luận: Quyết định 1/QĐ-XX --></article>
<footer>Bản quyền © UBND tỉnh Lai Châu</footer></body></html>"""


def test_an_html_page_is_read_block_by_block_without_its_navigation() -> None:
    source = read_bytes(PORTAL_PAGE.encode("utf-8"), "tin-tuc.html")
    assert source.format == "html"
    assert source.text.splitlines() == [
        "Kết quả thực hiện Chương trình 135 năm 2023",
        "Thực hiện Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ,",
        "huyện Mường Tè đã giải ngân 95% kế hoạch vốn.",
        "Huyện | Vốn (tỷ đồng)",
        "Sìn Hồ | 12,5",
    ]


def test_a_web_pages_source_line_breaks_are_spaces_but_in_pre() -> None:
    # A portal's editor wraps a paragraph in the page's source: one sentence, one line (its citation and its
    # place in the same sentence); `<pre>` keeps its lines, as the page shows them.
    page = (
        "<html><body><p>Thực hiện Quyết định số\n1719/QĐ-TTg ngày 14/10/2021,\r\nhuyện Mường Tè đã giải ngân 95%"
        " kế hoạch vốn.</p><pre>Điều 1.\nĐiều 2.</pre></body></html>"
    )
    assert read_bytes(page.encode(), "tin.html").text.splitlines() == [
        "Thực hiện Quyết định số 1719/QĐ-TTg ngày 14/10/2021, huyện Mường Tè đã giải ngân 95% kế hoạch vốn.",
        "Điều 1.",
        "Điều 2.",
    ]


def test_a_converters_markup_is_blanked_where_it_stands() -> None:
    text = '<jsontable name="bang_0"> </jsontable>\nCăn cứ **Nghị quyết số 12/2017/NQ-HĐND** ngày 10/7/2017;\n'
    source = read_bytes(text.encode("utf-8"), "nq.md")
    lines = source.text.splitlines()
    assert lines[0].strip() == "" and len(lines[1]) == len(text.splitlines()[1])
    assert lines[1].index("Nghị quyết") == text.splitlines()[1].index("Nghị quyết")  # columns kept


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n", "a PDF document that cannot be read"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "a PNG image that cannot be read"),
    ],
    ids=["broken-pdf", "png"],
)
def test_what_cannot_be_read_is_refused_in_one_line(data: bytes, said: str) -> None:
    with pytest.raises(InputError, match=said) as raised:
        read_bytes(data, "x.txt")
    assert "\n" not in str(raised.value)


def test_ocr_slips_in_symbols_are_repaired() -> None:
    assert ocr_repaired("Nghị định số 1 31⁄201 7/NĐ-CP") == "Nghị định số 131/2017/NĐ-CP"  # split digits, ⁄
    assert ocr_repaired("Nghị quyết số 1656/NQ-UBTVQHIS ngày") == "Nghị quyết số 1656/NQ-UBTVQH15 ngày"
    assert ocr_repaired("ngày 15 tháng 9 năm 2024") == "ngày 15 tháng 9 năm 2024"  # no symbol: as read


def test_a_scan_over_the_ocr_limit_is_refused_before_any_page_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYKG_MAX_OCR_PAGES", "0")
    with pytest.raises(InputError, match=r"1 pages without a text layer, over the limit of 0 .*POLICYKG_MAX_OCR_PAGES"):
        read_report(SCANNED_PDF)
    read_report(TEXT_PDF)  # a PDF with its text layer needs no OCR


def test_a_huge_scanned_page_is_rendered_no_larger_than_a3(monkeypatch: pytest.MonkeyPatch) -> None:
    document = pdfium.PdfDocument.new()
    document.new_page(14_400, 14_400)  # 200 inches square: 3.6 gigapixels at 300 dpi
    out = io.BytesIO()
    document.save(out)
    seen: list[tuple[int, int]] = []

    def ocr(gray: bytes, width: int, height: int, name: str) -> list[OcrLine]:
        seen.append((width, height))
        assert len(gray) == width * height
        return [OcrLine("Nghị quyết số 12/2025/NQ-HĐND của Hội đồng nhân dân thành phố", 0.9)]

    monkeypatch.setattr("policykg.loaders.pdf.ocr_page", ocr)
    source = read_bytes(out.getvalue(), "huge.pdf")
    assert source.ocr == {1: 0.9}
    width, height = seen[0]
    assert width * height <= (297 / 25.4 * 300) * (420 / 25.4 * 300) + 2 * width  # an A3 page at 300 dpi


def test_a_line_of_markup_only_is_empty_not_a_rule_above_footnotes() -> None:
    text = (
        '<jsontable name="bang_0"> </jsontable>\n \nNGHỊ QUYẾT\nVỀ VIỆC THÔNG QUA CHƯƠNG TRÌNH\nCăn cứ Luật Xây dựng;\n'
    )
    source = read_bytes(text.encode("utf-8"), "nq.md")
    assert source.text.split("\n")[0] == ""  # a line of forty spaces would read as the rule above footnotes
    heading = next(p for p in build_layout(source.text).paragraphs if p.text.startswith("NGHỊ QUYẾT"))
    assert heading.kind == "body"
