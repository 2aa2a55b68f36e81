from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from policykg.loaders.reading import read_report

from policykg.errors import InputError

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


def test_refuses_binary_files(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="binary file"):
        read_report(path)


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
