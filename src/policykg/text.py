"""Vietnamese text normalisation: NFC for display, keys for matching. A leaf: every layer (loaders, graph,
api) compares text through it, and it imports nothing of policykg.

Two keys are used for matching, never for display:
- `match_key` unifies case and the two tone-mark orthographies (`thủy`/`thuỷ`, `hòa`/`hoà`) but keeps
  the tones themselves, so `Nậm Cha` and `Nậm Chà` stay two communes;
- `fold` drops every diacritic (`Huội Quảng` → `huoi quang`), for diacritic-insensitive search and slugs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

# The five Vietnamese tone marks as combining characters: grave, acute, hook above, tilde, dot below.
_TONES = {"\u0300": "2", "\u0301": "1", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
_WORD = re.compile(r"\w+")
# Every upper-case letter Vietnamese text uses, for regex classes (`[A-Z]` misses `Đ`, `Ư`, `Ả`; a range such
# as `À-Ỹ` takes in lower-case letters too).
UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper() and c.isalpha()}))
LOWER = "".join(sorted({c for c in map(chr, range(0x61, 0x1EFA)) if c.islower() and c.isalpha()}))
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# The reports' own abbreviations (reference facts §d), expanded in programme names and in searches.
ABBREVIATIONS = {
    "MTQG": "mục tiêu quốc gia",
    "NTM": "nông thôn mới",
    "GNBV": "giảm nghèo bền vững",
    "DTTS&MN": "dân tộc thiểu số và miền núi",
    "DTTS": "dân tộc thiểu số",
    "ĐBKK": "đặc biệt khó khăn",
    "KT-XH": "kinh tế - xã hội",
    "TĐC": "tái định cư",
}


def nfc(text: str) -> str:
    """Canonical composition: the one form in which policykg stores and compares text."""
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=65536)
def tone_key(word: str) -> str:
    """One syllable, lower-cased, with its tone mark moved to the end as a digit (`Thuỷ` → `thuy3`)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tone = ""
    base = []
    for ch in decomposed:
        if ch in _TONES:
            tone = _TONES[ch]
        else:
            base.append(ch)
    return unicodedata.normalize("NFC", "".join(base)) + tone


def match_key(text: str) -> str:
    """Case- and tone-placement-insensitive key of a phrase: its syllables' tone keys joined by spaces."""
    return " ".join(tone_key(w) for w in _WORD.findall(unicodedata.normalize("NFC", text)))


def _bare(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))


# Each letter with diacritics (Latin, up to Vietnamese's last) to its bare letter, and combining marks to nothing:
# one `str.translate`, where decomposing a long sentence character by character took a tenth of a second a report.
_BARE = {ord(ch): _bare(ch) for ch in map(chr, range(0xC0, 0x1F00)) if _bare(ch) != ch} | {ord("Đ"): "D", ord("đ"): "d"}


def bare(text: str) -> str:
    """The text without its diacritics, letter for letter, case kept (`NGHỊ QUYÉT` → `NGHI QUYET`, `Đ` → `D`)."""
    return text.translate(_BARE)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Diacritic- and case-free form with single spaces (`Quyết định 2009/QĐ-TTg` → `quyet dinh 2009 qd ttg`)."""
    return _NON_ALNUM.sub(" ", bare(text).lower()).strip()


def slug(text: str) -> str:
    """A readable IRI segment: folded, words joined by hyphens (`Huội Quảng` → `huoi-quang`)."""
    return fold(text).replace(" ", "-")


def symbol_key(symbol: str) -> str:
    """Case-, space- and diacritic-insensitive key of a symbol, for matching citations of one document."""
    return re.sub(r"\s+", "", symbol).replace("–", "-").replace("Đ", "D").replace("đ", "d").upper()


# ------------------------------------------------------------------------------------------- tables


def aligned(columns: list[str], rows: list[list[str]], width: int = 60) -> str:
    """Rows under a header and a rule, each column as wide as its widest cell, cut at `width` with `…`."""
    cells = [columns, *rows]
    widths = [min(max(len(row[i]) for row in cells), width) for i in range(len(columns))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(_cell(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(text: str, width: int) -> str:
    text = text.replace("\n", " ")
    return (text[: width - 1] + "…" if len(text) > width else text).ljust(width)


def find_where(pattern: re.Pattern[str], text: str, *needed: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` where `text` holds one of the strings `needed` (each match of the pattern holds one
    of them), else nothing at once. A pattern that starts with a lookbehind (`(?<![\\w])Nghị quyết`) or a case-blind
    alternation is tried at every position of a paragraph; a substring test of the words it needs is not."""
    if any(word in text for word in needed):
        return pattern.finditer(text)
    return iter(())


def written_date(iso: str | None) -> str:
    """`2025-06-30` → `30/06/2025`, as Vietnamese documents write a date (anything else as it is)."""
    year, month, day = (iso or "")[:10].split("-") if iso and len(iso) >= 10 else ("", "", "")
    return f"{day}/{month}/{year}" if year else (iso or "")
