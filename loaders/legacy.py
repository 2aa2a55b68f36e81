"""Vietnamese typed in the legacy font encodings, TCVN3 (ABC) and VNI, recognised and converted to Unicode.

Reports written before Unicode became the rule (and many since) were typed with fonts whose codes are letters of
their own: TCVN3's `.VnTime` fonts store `Nghị quyết số 29-NQ/TW` as `NghÞ quyÕt sè 29-NQ/TW`, one byte a
letter; VNI's `VNI-Times` as `Nghò quyeát soá 29-NQ/TW`, a vowel followed by its marks. Such a report arrives as
a text file in that code page, or as a PDF or Word file whose text layer holds those codes read as Latin-1
letters; either way it reads as no Vietnamese at all and nothing in it would be found. A text is converted only
when the lines that could be in a legacy encoding read as more Vietnamese after the conversion than before
(`vietnamese_words`), by the encoding that reads best, and then only its lines with no Vietnamese letter of
Unicode's own (`ư`, `đ`, `ạ` …) — and, where other lines have such letters, with a code that is no Vietnamese
letter in Latin-1 (`®`, `Þ`; `ñ`, `ø`): a line typed in a Unicode font beside them stays as it is. Each code
becomes one character (a VNI vowel and its marks, a letter and a combining mark), so every line and column
stays where it was in the file.

The TCVN3 table is TCVN 5712:1993 (VN1) as glibc's `iconv -f TCVN5712-1` decodes it (a test checks it byte by
byte where `iconv` is installed), but for 0xB0-0xB4, whose combining tone marks VN3 fonts do not use: a `°`
there is a degree sign. The upper-case letters of a `.VnTimeH` heading font share the lower-case codes; a word
whose other letters are capitals gets capitals throughout (`NGHÞ QUYÕT` is `NGHỊ QUYẾT`, not `NGHị QUYếT`). VNI
writes each vowel as its base letter and one code for its marks (`aâ` â, `aá` ấ, `aê` ă, `aé` ắ, `ô` ơ, `ö` ư,
`ñ` đ; `í ì æ ó ò` the toned `i`, `î` ỵ), in both cases.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

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

# VNI: a vowel's marks after it. The tone marks (acute, grave, hook, tilde, dot below) of a plain vowel, of one
# with a circumflex (which the code replaces: `aâ` â, `aá` ấ) and of `ă` (`aê`, `aé` ắ). A two-character code
# becomes its vowel and a combining mark (`aá` is `â` + U+0301), one character for one, which NFC then joins and
# the layout maps back to the file's columns as it does for any decomposed text.
_TONES = "\u0301\u0300\u0309\u0303\u0323"
_VNI_PLAIN = "ùøûõï"
_VNI_CIRCUMFLEX = "âáàåãä"  # none, then the five tones
_VNI_BREVE = "êéèúüë"


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(code: str, letters: str) -> None:
        table[code] = letters
        table[code.upper()] = letters.upper()

    for vowel, base in (("a", "a"), ("e", "e"), ("o", "o"), ("u", "u"), ("y", "y"), ("ô", "ơ"), ("ö", "ư")):
        for mark, tone in zip(_VNI_PLAIN, _TONES, strict=True):
            add(vowel + mark, base + tone)
    hats = (("a", "â", "\u0302", _VNI_CIRCUMFLEX), ("e", "ê", "\u0302", _VNI_CIRCUMFLEX),
            ("o", "ô", "\u0302", _VNI_CIRCUMFLEX), ("a", "ă", "\u0306", _VNI_BREVE))  # fmt: skip
    for vowel, hat, bare, marks in hats:
        add(vowel + marks[0], vowel + bare)
        for mark, tone in zip(marks[1:], _TONES, strict=True):
            add(vowel + mark, hat + tone)
    for code, tone in zip("íìæóò", _TONES, strict=True):
        add(code, unicodedata.normalize("NFC", "i" + tone))
    add("î", "ỵ")
    add("ô", "ơ")
    add("ö", "ư")
    add("ñ", "đ")
    return table


VNI = _vni_table()
_VNI_CODE = re.compile("|".join(sorted(map(re.escape, VNI), key=len, reverse=True)))

# The commonest syllables of the reports' prose: a text holding more of them reads as more Vietnamese.
_COMMON_WORDS = (
    "của và các năm được trong những người đã với cho có là một này theo đến tỉnh huyện xã thực hiện công tác "
    "phát triển kinh tế hội nghị quyết định số dân đầu tư xây dựng nông nghiệp chương trình quản lý nhân "
    "về tại trên địa bàn đồng chính sách việc tăng cường đạt nước"
)
_COMMON = frozenset(_COMMON_WORDS.split())
_WORD = re.compile(r"\w+")
LEAST_WORDS = 2  # common syllables a text must hold, converted, to be taken for a legacy encoding
SAMPLE = 20_000  # characters a text is judged on: its first pages say which encoding it is in
# Letters (and tone marks) of Vietnamese in Unicode beyond Latin-1: a line holding one was typed in Unicode.
_UNICODE_VIETNAMESE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
                                 "\u0300-\u0323\u1ea0-\u1ef9]")  # fmt: skip
_LATIN1_VIETNAMESE = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ"  # letters Vietnamese in Unicode shares with Latin-1


def _class(chars: Iterable[str]) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(set(chars)))) + "]")


@dataclass(frozen=True)
class Encoding:
    """A legacy font encoding: its name, how to convert a text of it, the characters its text holds where
    Vietnamese letters are (`codes`) and those of them that are no Vietnamese letter in Latin-1 (`foreign`)."""

    name: str
    convert: Callable[[str], str]
    codes: re.Pattern[str]
    foreign: re.Pattern[str]

    def could_be(self, line: str) -> bool:
        return self.codes.search(line) is not None and _UNICODE_VIETNAMESE.search(line) is None


def vietnamese_words(text: str) -> int:
    """How many of the commonest Vietnamese syllables the text (its first pages) holds."""
    sample = unicodedata.normalize("NFC", text[:SAMPLE])
    return sum(1 for word in _WORD.findall(sample) if word.lower() in _COMMON)


def from_tcvn3(text: str) -> str:
    """The text's TCVN3 codes (read as Latin-1 letters) as the Vietnamese letters they are."""
    return _capitalised(text.translate(TCVN3))


def from_vni(text: str) -> str:
    """The text's VNI codes (read as Latin-1 letters) as the Vietnamese letters they are, a two-character code as
    a letter and a combining mark (not NFC)."""
    return _VNI_CODE.sub(lambda m: VNI[m.group(0)], text)


# Windows' punctuation at 0x80-0x9F (`“ ” – …`), which the legacy fonts keep where Windows-1252 has it.
_WINDOWS_PUNCTUATION = {code: char for code in range(0x80, 0xA0) if (char := bytes([code]).decode("cp1252", "ignore"))}


def windows_text(data: bytes) -> str:
    """8-bit text as the characters of its codes, as Windows-1252 reads them where it defines them, else as
    Latin-1 (what a legacy font's codes are read as)."""
    return data.decode("latin-1").translate(_WINDOWS_PUNCTUATION)


def _from_tcvn3_codes(text: str) -> str:
    # PDFium reads TCVN3's `ư`, the soft hyphen's code (0xAD), as `ÿ`, which VN3 fonts do not use.
    return from_tcvn3(text.replace("ÿ", "\xad"))


_TCVN3_CODES = "".join(map(chr, TCVN3))
_VNI_CODES = "".join(VNI).translate({ord(c): None for c in "aeouyAEOUY"})
ENCODINGS = (
    Encoding("TCVN3", _from_tcvn3_codes, _class(_TCVN3_CODES), _class(set(_TCVN3_CODES) - set(_LATIN1_VIETNAMESE))),
    Encoding("VNI", from_vni, _class(_VNI_CODES), _class(set(_VNI_CODES) - set(_LATIN1_VIETNAMESE))),
)


def repaired(text: str) -> tuple[str, int, str]:
    """The text with its lines in a legacy encoding converted, how many lines were, and the encoding's name; the
    text as it is (0, "") when no encoding makes the lines that could be in it read as more Vietnamese."""
    best: tuple[int, Encoding] | None = None
    sample = text[:SAMPLE].split("\n")
    for encoding in ENCODINGS:
        candidates = "\n".join(line for line in sample if encoding.could_be(line))
        if not candidates:
            continue
        found = vietnamese_words(encoding.convert(candidates))
        if found >= LEAST_WORDS and found > 2 * vietnamese_words(candidates) and (best is None or found > best[0]):
            best = found, encoding
    if best is None:
        return text, 0, ""
    encoding = best[1]
    mixed = _UNICODE_VIETNAMESE.search(text) is not None  # some lines were typed in Unicode
    lines = text.split("\n")
    converted = 0
    for i, line in enumerate(lines):
        if encoding.could_be(line) and (not mixed or encoding.foreign.search(line)):
            lines[i] = encoding.convert(line)
            converted += 1
    return "\n".join(lines), converted, encoding.name


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
