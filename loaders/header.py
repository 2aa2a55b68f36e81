"""What a document's own header says of it, for the sidecar `policykg add` writes: the body that issued it
(`ỦY BAN NHÂN DÂN` over `TỈNH LAI CHÂU`, or `HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG THÁP` under the title), its number and
symbol (`Số: 379/BC-UBND`), where and when it was signed (`Lai Châu, ngày 29 tháng 11 năm 2023`; a day or month
left blank for the pen gives what is printed), its title and the period it covers (`loaders/report.py`), and the
province it is of.

Only the head is read (its first lines), where the official form (Decree 30/2020/NĐ-CP, Appendix I) puts them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders.citations import find_symbol_citations
from policykg.loaders.layout import build_layout
from policykg.loaders.reading import SourceText
from policykg.loaders.report import report_info
from policykg.text import fold, nfc

_HEAD_LINES = 40
# Header words are matched without diacritics (`fold`): OCR misreads them (`HỘI ĐÓNG`, `NGHỊ QUYÉT`), and what is
# written out is the canonical spelling. The body's first words (`ỦY BAN NHÂN DÂN` over `TỈNH LAI CHÂU`):
_BODIES = {
    "uy ban nhan dan": "Ủy ban nhân dân", "ubnd": "Ủy ban nhân dân", "hoi dong nhan dan": "Hội đồng nhân dân",
    "hdnd": "Hội đồng nhân dân", "tinh uy": "Tỉnh ủy", "thanh uy": "Thành ủy",
    "doan dai bieu quoc hoi": "Đoàn đại biểu Quốc hội",
}  # fmt: skip
_UNIT_WORDS = {"tinh": "tỉnh", "thanh pho": "thành phố", "tp": "thành phố"}
# The document's type on a line of its own (or opening its title, `NGHỊ QUYẾT VỀ VIỆC …`).
_TYPES = {
    "bao cao": "Báo cáo", "ke hoach": "Kế hoạch", "nghi quyet": "Nghị quyết", "quyet dinh": "Quyết định",
    "chi thi": "Chỉ thị", "to trinh": "Tờ trình", "thong bao": "Thông báo", "chuong trinh": "Chương trình",
    "de an": "Đề án", "quy dinh": "Quy định", "ket luan": "Kết luận",
}  # fmt: skip
# Where the body's words run into the national motto printed beside them on the same line.
_MOTTO = re.compile(r"\s*(?:CỘNG HÒA|CỘNG HOÀ|CỘNG HÓA|Độc lập|ĐỘC LẬP)\b.*$")
# The lines that end a title: the preamble, the body repeated in full, a session, the first part, a rule.
TITLE_END = re.compile(
    r"^(?:Căn cứ|Thực hiện|Xét|Phần|PHẦN|[IVX]+\.|\d+\.|KHÓA|KHOÁ|KỲ HỌP|Kính gửi|-{3,})|^(?:ỦY|UỶ) BAN|^HỘI ĐỒNG"
)
_NUMBER = re.compile(r"\bSố\s*:\s*(.+?)(?=\s{2,}|\s+[A-ZĐ][^\s,]*(?:\s[A-ZĐ][^\s,]*)*,\s*ngày|$)")
_SIGNED = re.compile(
    r"(?P<place>[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*){0,3}),\s*ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?"
    r"\s*năm\s*(?P<year>(?:19|20)\d\d)"
)


@dataclass(frozen=True)
class Header:
    title: str | None
    issuer: str | None
    symbol: str | None
    place: str | None  # where it was signed
    date: str | None  # ISO 8601, as precise as printed (`2023-11`, `2024`)
    province: str | None
    period_start: str | None
    period_end: str | None


def read_header(source: SourceText) -> Header:
    # NFC: the source's text is as decoded, and a decomposed head (`ỦY BAN`) reads as its letters.
    lines = [nfc(" ".join(line.split())) for line in source.text.split("\n", _HEAD_LINES)[:_HEAD_LINES]]
    info = report_info(build_layout("\n".join(lines)).paragraphs, {})
    body, province = _body(lines)
    signed = next((m for line in lines if (m := _SIGNED.search(line))), None)
    date = None
    if signed:
        day, month, year = signed.group("day"), signed.group("month"), signed.group("year")
        date = year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if month and day else "")
    date = date or adopted(nfc(source.text))
    place = signed.group("place") if signed else None
    if place:  # `… QĐ-UBND Hà Nội, ngày …`: the code before the place is no part of it
        place = " ".join(w for w in place.split() if not (len(w) > 1 and w.isupper())) or None
    return Header(
        title=_title(lines) or info.title,
        issuer=body or info.issuer,
        symbol=_symbol(lines),
        place=place,
        date=date,
        province=province or place,
        period_start=info.period_start,
        period_end=info.period_end,
    )


def adopted(text: str) -> str | None:
    """The day a council's act was passed, from its closing formula where the head prints no date (a text copied
    from a web page): `Nghị quyết này đã được Hội đồng nhân dân tỉnh … thông qua ngày 13/7/2017 và có hiệu lực …`."""
    m = _ADOPTED.search(text, max(0, len(text) - _TAIL_CHARS))
    if not m:
        return None
    day, month, year = (int(m.group(g) or 0) for g in ("d", "m", "y"))
    return f"{year}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


_TAIL_CHARS = 4000  # the closing formula is in the act's last lines, before its signature
_ADOPTED = re.compile(
    r"thông\s+qua\s+ngày\s+(?P<d>\d{1,2})(?:\s*/\s*|\s+tháng\s+)(?P<m>\d{1,2})(?:\s*/\s*|\s+năm\s+)"
    r"(?P<y>(?:19|20)\d\d)",
    re.IGNORECASE,
)


def _title(lines: list[str]) -> str | None:
    """`QUYẾT ĐỊNH` and the lines after it (`Ban hành Quy định …`), up to the preamble: `Quyết định Ban hành …`."""
    for i, line in enumerate(lines):
        words = line.rstrip(":").split()
        kind = next((k for k in (2, 3) if fold(" ".join(words[:k])) in _TYPES), None)
        if kind is None or not line.isupper():
            continue
        parts = [" ".join(words[kind:])] if words[kind:] else []
        for following in lines[i + 1 : i + 7]:
            if not following or TITLE_END.match(following):
                break
            parts.append(following)
        if parts:
            return f"{_TYPES[fold(' '.join(words[:kind]))]} {' '.join(parts)}"
    return None


def _body(lines: list[str]) -> tuple[str | None, str | None]:
    """The issuing body (`Ủy ban nhân dân thành phố Hà Nội`) over one or two lines (`ỦY BAN NHÂN DÂN` / `THÀNH
    PHỐ HÀ NỘI`), and its province (`Hà Nội`)."""
    for i, line in enumerate(lines):
        words = _MOTTO.sub("", line).split()
        head = next((k for k in range(1, 6) if fold(" ".join(words[:k])) in _BODIES), None)
        if head is None or not " ".join(words[:head]).isupper():  # the form prints the body in capitals
            continue
        rest = words[head:] or (_MOTTO.sub("", lines[i + 1]).split() if i + 1 < len(lines) else [])
        unit = next((k for k in (2, 1) if fold(" ".join(rest[:k])) in _UNIT_WORDS), None)
        name = _title_case(" ".join(rest[unit:])) if unit else None
        body = _BODIES[fold(" ".join(words[:head]))]
        if unit and name:
            return f"{body} {_UNIT_WORDS[fold(' '.join(rest[:unit]))]} {name}", name
        return body, None
    return None, None


def _title_case(name: str) -> str:
    return " ".join(word[:1].upper() + word[1:].lower() for word in name.split())


def _symbol(lines: list[str]) -> str | None:
    """The document's own symbol from its `Số:` line: the symbol recogniser's reading of it (which repairs the
    slips it knows), or, for a number left blank (`Số: /BC-UBND`), none."""
    for line in lines:
        if m := _NUMBER.search(line):
            found = find_symbol_citations(m.group(1))
            return found[0].symbol if found else None
    return None
