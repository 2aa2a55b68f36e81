"""Vietnamese typed in the TCVN3 (ABC) font encoding, recognised and converted to Unicode.

Reports written before Unicode became the rule (and many since, typed with `.VnTime` fonts) store each letter
as a byte of TCVN 5712:1993: `NghÞ quyÕt sè 29-NQ/TW` is `Nghị quyết số 29-NQ/TW`. Such a report arrives as a
text file in that code page, or as a PDF or Word file whose text layer holds those bytes read as Latin-1
letters; either way the text reads as no Vietnamese at all and nothing in it would be found. A text is converted
only when the lines that could be TCVN3 read as more Vietnamese after the conversion than before
(`vietnamese_words`), and then only its lines with no Vietnamese letter of Unicode's own (`ư`, `đ`, `ạ` …) — and,
where other lines have such letters, with a code that is no Vietnamese letter in Latin-1 (`®`, `Þ`): a line typed
in a Unicode font beside them stays as it is. Each character becomes one character, so every line and column
stays where it was.

The table is TCVN 5712:1993 (VN1) as glibc's `iconv -f TCVN5712-1` decodes it (a test checks it byte by byte
where `iconv` is installed), but for 0xB0-0xB4, whose combining tone marks VN3 fonts do not use: a `°` there
is a degree sign. The upper-case letters of a `.VnTimeH` heading font share the lower-case codes; a word whose
other letters are capitals gets capitals throughout (`NGHÞ QUYÕT` is `NGHỊ QUYẾT`, not `NGHị QUYếT`).
"""

from __future__ import annotations

import re

# Bytes 0x80-0xFF of TCVN 5712:1993 (VN1), as iconv's TCVN5712-1 decodes them.
_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"  # 0x80: capitals (VN1 only)
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"  # 0x90
    "\xa0ĂÂÊÔƠƯĐăâêôơưđẰ"  # 0xA0
    "\xb0\xb1\xb2\xb3\xb4àảãáạẲằẳẵắẴ"  # 0xB0 (0xB0-0xB4 kept: VN1's combining tone marks)
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # 0xC0
    "éẹềểễếệìỉỄẾỒĩíịò"  # 0xD0
    "Ổỏõóọồổỗốộờởỡớợù"  # 0xE0
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # 0xF0
)
TCVN3 = {0x80 + i: c for i, c in enumerate(_HIGH) if ord(c) != 0x80 + i}

# The commonest syllables of the reports' prose: a text holding more of them reads as more Vietnamese.
_COMMON_WORDS = (
    "của và các năm được trong những người đã với cho có là một này theo đến tỉnh huyện xã thực hiện công tác "
    "phát triển kinh tế hội nghị quyết định số dân đầu tư xây dựng nông nghiệp chương trình quản lý nhân "
    "về tại trên địa bàn đồng chính sách việc tăng cường đạt nước"
)
_COMMON = frozenset(_COMMON_WORDS.split())
_WORD = re.compile(r"\w+")
LEAST_WORDS = 2  # common syllables a text must hold, converted, to be taken for TCVN3 (a short one has few)
_SAMPLE = 20_000  # characters a text is judged on: its first pages say which encoding it is in
_LATIN1_LETTERS = re.compile("[\x80-\xaf\xb5-\xff]")  # what TCVN3 text holds where Vietnamese letters are
# Letters (and tone marks) of Vietnamese in Unicode beyond Latin-1: a line holding one was typed in Unicode.
_UNICODE_VIETNAMESE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
                                 "\u0300-\u0323\u1ea0-\u1ef9]")  # fmt: skip
# TCVN3 codes that are no Vietnamese letter read as Latin-1 (`®`, `Þ`, `¸` …): a line holding one is TCVN3 even
# beside lines typed in Unicode, where `Báo cáo`, all of whose letters are Latin-1, is not.
_NOT_A_VIETNAMESE_LETTER = re.compile(
    "[" + "".join(chr(code) for code in TCVN3 if chr(code) not in "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ") + "]"
)


def vietnamese_words(text: str) -> int:
    """How many of the commonest Vietnamese syllables the text (its first pages) holds."""
    return sum(1 for word in _WORD.findall(text, 0, _SAMPLE) if word.lower() in _COMMON)


def from_tcvn3(text: str) -> str:
    """The text's TCVN3 bytes (read as Latin-1 letters) as the Vietnamese letters they are."""
    return _capitalised(text.translate(TCVN3))


def repaired(text: str) -> tuple[str, int]:
    """The text with its TCVN3 lines converted, and how many lines were; the text as it is (and 0) when the lines
    that could be TCVN3 do not read as more Vietnamese converted."""
    if not _LATIN1_LETTERS.search(text, 0, _SAMPLE):
        return text, 0
    candidates = "\n".join(line for line in text[:_SAMPLE].split("\n") if _could_be_tcvn3(line))
    found = vietnamese_words(candidates.translate(TCVN3))
    if found < LEAST_WORDS or found <= 2 * vietnamese_words(candidates):
        return text, 0
    mixed = _UNICODE_VIETNAMESE.search(text) is not None  # some lines were typed in Unicode
    lines = text.split("\n")
    converted = 0
    for i, line in enumerate(lines):
        if _could_be_tcvn3(line) and (not mixed or _NOT_A_VIETNAMESE_LETTER.search(line)):
            # PDFium reads TCVN3's `ư`, the soft hyphen's code (0xAD), as `ÿ`, which VN3 fonts do not use.
            lines[i] = from_tcvn3(line.replace("ÿ", "\xad"))
            converted += 1
    return "\n".join(lines), converted


def _could_be_tcvn3(line: str) -> bool:
    return _LATIN1_LETTERS.search(line) is not None and _UNICODE_VIETNAMESE.search(line) is None


_CONVERTED_WORD = re.compile(r"\w*[^\x00-\x7f]\w*")


def _capitalised(text: str) -> str:
    """Words typed in a capitals font with all their letters in capitals: a word whose other letters are all
    capitals (two at least), or any word of a line whose other letters are (`VÒ` alone could be `Về`)."""
    return "\n".join(_capitalised_line(line) for line in text.split("\n"))


def _capitalised_line(line: str) -> str:
    line_in_capitals = _in_capitals(line, 3)

    def word(match: re.Match[str]) -> str:
        w = match.group(0)
        if line_in_capitals or _in_capitals(w, 2):
            return "".join(c.upper() if len(c.upper()) == 1 else c for c in w)
        return w

    return _CONVERTED_WORD.sub(word, line)


def _in_capitals(text: str, least: int) -> bool:
    """At least `least` ASCII letters, all of them capitals."""
    letters = [c for c in text if c.isascii() and c.isalpha()]
    return len(letters) >= least and all(c.isupper() for c in letters)
