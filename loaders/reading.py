"""Reading a report file: bytes to text, refusing what is not a text.

Vietnamese reports arrive as UTF-8 (with or without BOM), UTF-16 (Word's "Unicode text") or the legacy
Windows-1258 code page. Anything else that is not text is refused with a one-line reason.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from policykg.errors import InputError

# Bytes that never occur in a text file (NUL and most C0 controls); tab, LF, CR, VT and FF are allowed.
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True)
class SourceText:
    """A decoded report: its text (line breaks normalised to LF, not yet NFC) and where it came from."""

    path: str
    text: str
    sha256: str
    encoding: str


def read_report(path: str | Path) -> SourceText:
    """Read and decode one report file, or raise InputError naming the file and the reason."""
    name = str(path)
    p = Path(path)
    if not p.exists():
        raise InputError(name, "no such file")
    if p.is_dir():
        raise InputError(name, "is a directory, not a report file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from exc
    text, encoding = decode(data, name)
    return SourceText(path=name, text=text, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode report bytes; return the text with LF line breaks and the encoding used."""
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[3:], "utf-8", name), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", name), "utf-16"
    elif _looks_utf16_without_bom(data):
        enc = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        text, encoding = _strict(data, enc, name), enc
    else:
        if _CONTROL.search(data, 0, 65536):
            raise InputError(name, "binary file, not text")
        try:
            text, encoding = _strict(data, "utf-8", name), "utf-8"
        except InputError as exc:
            if not data[: _first_error(data)].isascii():
                # Valid UTF-8 with letters up to a broken byte: a damaged UTF-8 file, not Windows-1258 (whose
                # letters are not valid UTF-8 sequences). Say where it breaks, not where cp1258 would.
                raise exc from None
            text, encoding = _legacy(data, name), "cp1258"
    if "\x00" in text:
        raise InputError(name, "binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and exc.reason in ("unexpected end of data", "truncated data"):
            # Cut inside its last character (an interrupted copy): the text up to there.
            return data[: exc.start].decode(encoding)
        raise InputError(name, f"not valid {encoding} at byte {exc.start}") from exc


def _first_error(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return len(data)


def _looks_utf16_without_bom(data: bytes) -> bool:
    # ASCII-heavy UTF-16 has a NUL in every other byte; a binary file has NULs scattered anywhere.
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    return max(even, odd) > 0.3 * half and min(even, odd) == 0


def _legacy(data: bytes, name: str) -> str:
    """Windows-1258, accepted only when the result reads as Vietnamese text."""
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise InputError(name, f"not UTF-8, UTF-16 or Windows-1258 text (byte {exc.start})") from exc
    # cp1258 maps almost every byte; random binary data decodes to a soup of symbols and C1 controls.
    letters = sum(c.isalpha() or c.isspace() for c in text[:65536])
    if letters < 0.75 * min(len(text), 65536):
        raise InputError(name, "not UTF-8, UTF-16 or Windows-1258 text")
    return text
