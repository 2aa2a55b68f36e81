"""Text written in the legacy Vietnamese font encodings, as the documents typed in them hold it: what the
reader must convert back (tests, and `bench/formats_eval.py`)."""

from __future__ import annotations

import unicodedata

from policykg.loaders.legacy import TCVN3, VNI


def tcvn3(text: str) -> bytes:
    """TCVN3 (ABC) bytes of a text as a `.VnTime` document holds them: a capital with a tone mark has no code of
    its own (it is typed in the `.VnTimeH` font, with the small letter's code); what TCVN3 lacks is `?`."""
    letters = {b: chr(b).translate(TCVN3) for b in range(0xA1, 0x100)}  # `ý` (0xFD) is itself
    codes = {c: b for b, c in letters.items() if c.isalpha() and (c.islower() or c in "ĂÂÊÔƠƯĐ")}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = codes.get(ch, codes.get(ch.lower()))
        out += bytes([code]) if code else _windows(ch)
    return bytes(out)


def _windows(char: str) -> bytes:
    """A character a legacy font has no letter for, as Windows-1252 has it (`“`, `–`), else `?`."""
    return char.encode("cp1252", "replace") if char.isascii() or not char.isalpha() else b"?"


def vni(text: str) -> bytes:
    """VNI-Windows bytes of a text, as a `VNI-Times` document holds them (a vowel, then one code for its marks)."""
    codes = {unicodedata.normalize("NFC", letters): code for code, letters in VNI.items()}
    return b"".join(
        codes[ch].encode("latin-1") if ch in codes else _windows(ch) for ch in unicodedata.normalize("NFC", text)
    )
