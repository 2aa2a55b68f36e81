from __future__ import annotations

import codecs
import gzip
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from policykg.errors import InputError
from policykg.loaders.pipeline import extract_file
from policykg.loaders.reading import read_report

SENTENCE = "Quyết định 2009/QĐ-TTg ngày 4/11/2013 của Thủ tướng Chính phủ phê duyệt điều chỉnh Quy hoạch TĐC.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SENTENCE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), "utf-8-sig"),
        (SENTENCE.encode("utf-16"), "utf-16"),
        (SENTENCE.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_reads_the_encodings_vietnamese_reports_come_in(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    source = read_report(path)
    assert source.encoding == encoding
    assert unicodedata.normalize("NFC", source.text) == SENTENCE


def test_reads_windows_1258(tmp_path: Path, to_cp1258: Callable[[str], bytes]) -> None:
    path = tmp_path / "legacy.txt"
    data = to_cp1258(SENTENCE)
    assert b"\xec" in data  # a combining acute accent: the legacy code page's own way of writing tones
    path.write_bytes(data)
    source = read_report(path)
    assert source.encoding == "cp1258"
    assert unicodedata.normalize("NFC", source.text) == SENTENCE


def test_reads_tcvn3(tmp_path: Path, to_tcvn3: Callable[[str], bytes]) -> None:
    # A `.VnTime` document saved as text: one byte a letter, in the code page Vietnamese was typed in before Unicode.
    path = tmp_path / "legacy.txt"
    path.write_bytes(to_tcvn3(SENTENCE))
    source = read_report(path)
    assert source.encoding == "tcvn3"
    # `Quyết`, `Thủ` begin with a capital with no tone, which TCVN3 has; `QĐ` is `Q` + TCVN3's own capital `Đ`.
    assert source.text == SENTENCE


def test_reads_vni(tmp_path: Path, to_vni: Callable[[str], bytes]) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(to_vni(SENTENCE))
    assert path.read_bytes().startswith(b"Quye\xe1t \xf1\xf2nh 2009/Q\xd1-TTg")
    source = read_report(path)
    assert (source.encoding, unicodedata.normalize("NFC", source.text)) == ("vni", SENTENCE)
    # Each code one character (`aê` is `a` and a combining breve): a mention's column is the file's.
    path.write_bytes(to_vni(f"Căn cứ {SENTENCE}"))
    assert path.read_bytes().startswith(b"Ca\xean c\xf6\xf9 Quye\xe1t")  # `Căn cứ ` is 9 bytes, 7 letters
    mention = extract_file(path).documents[0].mentions[0]
    assert (mention.line, mention.column, mention.text) == (1, 9, "Quyết định 2009/QĐ-TTg")


def test_tcvn3_letters_in_a_unicode_file_are_converted_and_noted(
    tmp_path: Path, to_tcvn3: Callable[[str], bytes]
) -> None:
    # What a copy of a `.VnTime` document's text into a Unicode editor holds, `QuyÕt ®Þnh …`, under a title typed
    # in Unicode (whose `BÁO CÁO`, all in Latin-1 letters, stays as it is), saved as UTF-8.
    head = "BÁO CÁO\nTình hình kinh tế - xã hội\n"
    path = tmp_path / "pasted.txt"
    path.write_text(head + to_tcvn3(SENTENCE).decode("latin-1"), encoding="utf-8")
    source = read_report(path)
    assert source.encoding == "utf-8"
    assert source.text == head + SENTENCE
    assert source.notes == ("1 lines in the TCVN3 font encoding, converted to Unicode",)


def test_crlf_line_breaks_become_lf(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(b"a\r\nb\rc\n")
    assert read_report(path).text == "a\nb\nc\n"


def test_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_report(tmp_path / "missing.txt")


def test_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_report(tmp_path)


def test_refuses_binary_files_saying_what_is_read(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(b"\x00\x01\x02\x03 some bytes " + bytes(range(256)))
    with pytest.raises(InputError, match=r"binary file, not text; policykg reads PDF .*, Word .*, HTML and text"):
        read_report(path)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document>B\xc3\xa1o c\xc3\xa1o</w:document>"}


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}), r"\(ODS\)"),
        (_zip({"xl/workbook.xml": b"<workbook/>"}), r"\(XLSX\)"),
        (_zip({"notes.txt": b"hello"}), "a ZIP archive"),
        ((Path(__file__).parent / "fixtures" / "bang.xls").read_bytes(), r"Excel \.xls"),
        (gzip.compress(SENTENCE.encode("utf-8")), "a gzip-compressed file"),
    ],
    ids=["ods", "xlsx", "zip", "xls", "gzip"],
)
def test_recognises_other_formats_and_says_what_is_read(tmp_path: Path, data: bytes, kind: str) -> None:
    reason = _refused(tmp_path, data)
    assert re.search(kind, reason), reason
    assert reason.endswith(
        "; policykg reads PDF (with a text layer, or scanned), scanned pages as images (PNG, JPEG, TIFF, GIF), "
        "Word (DOCX and .doc), OpenDocument text, HTML and text "
        "(UTF-8, UTF-16, Windows-1258, TCVN3, VNI)"
    )


def _refused(tmp_path: Path, data: bytes) -> str:
    """Why a file of these bytes, named `report.txt`, is refused: one line that starts with its path."""
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_report(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return message.removeprefix(f"{path}: ")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        # A `.txt` that is a PDF: its first line would otherwise be taken as the report's title (`%PDF-1.4`).
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "a PDF document"),
        (b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n", "a PDF document"),  # all ASCII, valid UTF-8
        (_zip(DOCX), r"a Word \(DOCX\) document"),
        (_zip(DOCX)[:-30], r"a Word \(DOCX\) document"),  # cut short: no directory at the end
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), r".*\(ODT\) text"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x"}), r".*\(ODT\) text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image"),
    ],
    ids=["pdf", "ascii-pdf", "docx", "cut-docx", "odt-without-body", "odt-broken-xml", "png", "jpeg"],
)
def test_a_broken_document_is_refused_by_what_it_is(tmp_path: Path, data: bytes, kind: str) -> None:
    reason = _refused(tmp_path, data)
    assert re.match(rf"{kind} (that cannot be read|with no text)", reason), reason


def test_refuses_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8garbage")  # a lone surrogate
    with pytest.raises(InputError, match="not valid utf-16"):
        read_report(path)


def test_random_high_bytes_are_not_taken_for_windows_1258(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes([0xC3, 0x28, 0xA0, 0xA1]) * 200 + bytes(range(0x80, 0x100)) * 20)
    with pytest.raises(InputError):
        read_report(path)


def test_the_sha256_is_that_of_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(b"abc")
    assert read_report(path).sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
