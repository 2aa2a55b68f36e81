"""Text typed in the legacy font encodings, TCVN3 (ABC) and VNI, recognised and converted (`loaders/legacy.py`)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.legacy import TCVN3, VNI, from_tcvn3, from_vni, repaired
from tests.support.legacy import tcvn3, vni

# The first sentence of the 2013 assessment (`data/reports/2013-ubnd-socio-economic-assessment.txt`, line 4).
SENTENCE = (
    "Thực hiện nhiệm vụ năm 2013, năm bản lề của kế hoạch phát triển kinh tế - xã hội 5 năm 2011-2015 trong "
    "điều kiện nền kinh tế vĩ mô của nước ta đang dần phục hồi, lạm phát được kiềm chế; khí hậu, thời tiết cơ "
    "bản thuận lợi cho phát triển sản xuất nông, lâm nghiệp, chăn nuôi, nuôi trồng thủy sản"
)
HEADING = "PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2013"


@pytest.mark.skipif(shutil.which("iconv") is None, reason="glibc's iconv is the reference")
def test_the_table_is_glibcs_tcvn5712_1_but_for_the_combining_marks() -> None:
    for code in range(0x80, 0x100):
        reference = subprocess.run(
            ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([code]), capture_output=True, check=True
        ).stdout.decode()
        ours = chr(code).translate(TCVN3)
        assert ours == (chr(code) if 0xB0 <= code <= 0xB4 else reference), hex(code)


def test_a_sentence_typed_in_tcvn3_reads_as_it_was_written(to_tcvn3: Callable[[str], bytes]) -> None:
    typed = to_tcvn3(SENTENCE).decode("latin-1")
    assert typed.startswith("Thùc hiÖn nhiÖm vô n¨m 2013")
    assert from_tcvn3(typed) == SENTENCE


def test_a_heading_typed_in_the_capitals_font_is_in_capitals(to_tcvn3: Callable[[str], bytes]) -> None:
    typed = to_tcvn3(HEADING).decode("latin-1")
    assert typed == "PH¸T TRIÓN KINH TÕ - X· HéI N¡M 2013"  # the small letters' codes, as `.VnTimeH` has them
    assert from_tcvn3(typed) == HEADING
    # A word whose other letters are capitals, in a line that is not: `UBND tØnh` stays, `§IÖN` is `ĐIỆN`.
    assert from_tcvn3("Nhµ m¸y THñY §IÖN Lai Ch©u") == "Nhà máy THỦY ĐIỆN Lai Châu"


def test_only_the_lines_typed_in_tcvn3_are_converted(to_tcvn3: Callable[[str], bytes]) -> None:
    unicode_head = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    text = f"{unicode_head}\n{to_tcvn3(SENTENCE).decode('latin-1')}\n“{to_tcvn3(HEADING).decode('latin-1')}”\n"
    converted, lines, encoding = repaired(text)
    assert (lines, encoding) == (2, "TCVN3")
    assert converted == f"{unicode_head}\n{SENTENCE}\n“{HEADING}”\n"
    assert len(converted) == len(text)  # one character for one: every line and column where it was


def test_unicode_text_is_left_as_it_is(reports: list[Path]) -> None:
    for path in reports:
        text = path.read_text(encoding="utf-8")
        assert repaired(text) == (text, 0, ""), path.name
    # Latin-1 letters that are not Vietnamese in TCVN3 either stay too.
    french = "Le développement économique et social de la région: données générales, à télécharger. " * 20
    assert repaired(french) == (french, 0, "")


def test_nfd_text_is_not_taken_for_tcvn3() -> None:
    # Decomposed Vietnamese (the 2013 report mixes it in) has combining tone marks beside Latin-1 letters.
    nfd = unicodedata.normalize("NFD", SENTENCE)
    assert repaired(nfd * 5) == (nfd * 5, 0, "")


def test_a_sentence_typed_in_vni_reads_as_it_was_written(to_vni: Callable[[str], bytes]) -> None:
    typed = to_vni(SENTENCE).decode("latin-1")
    assert typed.startswith("Thöïc hieän nhieäm vuï naêm 2013")
    # A letter and a combining mark for a two-character code: one character for one, NFC joins them.
    assert len(from_vni(typed)) == len(typed) and _nfc(from_vni(typed)) == SENTENCE
    assert _nfc(from_vni(to_vni(HEADING).decode("latin-1"))) == HEADING  # VNI has capitals of its own
    text, lines, encoding = repaired(f"{typed}\n{to_vni(HEADING).decode('latin-1')}\n")
    assert (_nfc(text), lines, encoding) == (f"{SENTENCE}\n{HEADING}\n", 2, "VNI")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_each_legacy_text_is_read_by_its_own_encoding(
    to_tcvn3: Callable[[str], bytes], to_vni: Callable[[str], bytes]
) -> None:
    # Both take Latin-1 letters for their codes; the one whose reading is more Vietnamese wins.
    assert repaired(to_tcvn3(SENTENCE).decode("latin-1"))[2] == "TCVN3"
    assert repaired(to_vni(SENTENCE).decode("latin-1"))[2] == "VNI"


# Lines of the sentence's words typed in TCVN3 or VNI, mixed with codes and anything else.
_TYPED_WORDS = sorted({w for encode in (tcvn3, vni) for w in encode(SENTENCE).decode("latin-1").split()})
_LINE = st.lists(
    st.one_of(
        st.sampled_from(_TYPED_WORDS),
        st.lists(st.sampled_from(sorted({*VNI, *map(chr, TCVN3)})), max_size=8).map("".join),
        st.text(),
    ),
    max_size=30,
).map(" ".join)


@given(st.lists(_LINE, max_size=6).map("\n".join))
@settings(max_examples=200, deadline=None)
def test_a_conversion_keeps_every_line_and_column(text: str) -> None:
    converted, lines, encoding = repaired(text)
    assert [len(line) for line in converted.split("\n")] == [len(line) for line in text.split("\n")]
    assert lines <= text.count("\n") + 1 and (lines == 0) == (encoding == "")
