"""What a report says about itself: its title, issuer and period, read from its heading, supplemented by
the metadata sidecar next to the file (`<name>.toml`) where the text does not say."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from policykg.errors import InputError
from policykg.loaders.citations import issuer_named
from policykg.loaders.layout import BODY, Paragraph
from policykg.loaders.records import ReportInfo
from policykg.text import bare

SIDECAR_SUFFIX = ".toml"
_SKIP_HEADINGS = re.compile(
    r"^(?:LỜI GIỚI THIỆU|LỜI NÓI ĐẦU|MỤC LỤC|PHẦN THỨ|Phần thứ|CỘNG HÒA|CỘNG HOÀ|Độc lập)", re.I
)
_NINE_MONTHS = re.compile(r"(\d{1,2})\s+tháng\s+(?:đầu\s+)?năm\s+(\d{4})", re.IGNORECASE)
_YEAR = re.compile(r"năm\s+(\d{4})", re.IGNORECASE)
_TERM = re.compile(r"nhiệm kỳ\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
_ISSUER_SYMBOL = re.compile(r"Số\s*:?\s*[\d ]*/\s*(?:BC|KH|NQ|QĐ)-(UBND|HĐND)")
_BOOK_TITLE = re.compile(r"(?:cuốn|tài liệu|ấn phẩm|cuốn sách)\s+[“\"]([^”\"]{10,160})[”\"]", re.IGNORECASE)
_ISSUERS = {"UBND": "Ủy ban nhân dân tỉnh Lai Châu", "HĐND": "Hội đồng nhân dân tỉnh Lai Châu"}
_MONTH_END = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def shared_sidecars(reports: list[Path]) -> list[list[Path]]:
    """Reports of one folder whose names differ only after the last dot (`bao-cao.pdf`, `bao-cao.docx`): one
    `<name>.toml` would be the sidecar of each."""
    by_sidecar: dict[Path, set[Path]] = {}
    for report in reports:
        by_sidecar.setdefault(report.with_suffix(SIDECAR_SUFFIX), set()).add(report)
    return [sorted(group) for group in by_sidecar.values() if len(group) > 1]


def read_sidecar(report_path: str) -> dict[str, str]:
    """The sidecar's fields, or nothing when there is no sidecar."""
    path = Path(report_path).with_suffix(SIDECAR_SUFFIX)
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(str(path), f"unreadable metadata sidecar ({exc})") from exc
    return {k: str(v) for k, v in data.items() if not isinstance(v, dict)}


def read_expected(report_path: str) -> dict[str, int]:
    """The sidecar's `[expected]` table: the least a report should yield of each kind (`documents = 20`), so
    that a report read wrongly is not published silently."""
    path = Path(report_path).with_suffix(SIDECAR_SUFFIX)
    if not path.is_file():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("expected", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(str(path), f"unreadable metadata sidecar ({exc})") from exc
    if not isinstance(table, dict) or not all(isinstance(v, int) and v >= 0 for v in table.values()):
        raise InputError(str(path), "[expected] must map kinds to whole numbers (documents = 20)")
    return {str(k): int(v) for k, v in table.items()}


# An act (a resolution, decision …) rather than a report about acts: its head names its type in capitals and
# its preamble grounds it (`Căn cứ …`). Matched without diacritics (`text.bare`): OCR misreads them (`NGHỊ QUYÉT`).
_ACT_TYPE = re.compile(r"(?:^|\s)(?:NGHI QUYET|QUYET DINH|CHI THI|THONG TU|NGHI DINH|QUY DINH)(?:\s|$)")
# The enacting words, between an act's preamble and its articles.
_ENACTING = re.compile(r"\s*(?:QUYET DINH|QUYET NGHI|NGHI QUYET)\s*:\s*$")


def enacts(text: str) -> bool:
    """Whether a paragraph is an act's enacting words (`QUYẾT NGHỊ:`, `QUYẾT ĐỊNH:`); asked of every paragraph, so a
    long one is refused before its letters are stripped."""
    return len(text) < 40 and bool(_ENACTING.match(bare(text)))


def is_act(paragraphs: list[Paragraph]) -> bool:
    """Whether the text is an act itself, whose operative words (`… trên địa bàn tỉnh X`) state its own scope."""
    head = paragraphs[:15]
    return any(_names_act_type(p.text) for p in head) and any(p.text.startswith("Căn cứ") for p in paragraphs[:40])


def _names_act_type(text: str) -> bool:
    """The type in capitals as a heading: the paragraph in capitals, or (a PDF's head, whose lines run together:
    `… năm 2025 NGHỊ QUYẾT VỀ SỬA ĐỔI …`) the type and the two words after it in capitals, or the type ending
    the paragraph (`… ngày 30 tháng 12 năm 2024 QUYẾT ĐỊNH`, its title in sentence case on the next line), or
    the enacting words (`QUYẾT ĐỊNH:`, `QUYẾT NGHỊ:`)."""
    text = bare(text)
    if _ENACTING.match(text):
        return True
    m = _ACT_TYPE.search(text)
    if m is None:
        return False
    after = text[m.end() :].split()[:2]
    return text.isupper() or not after or (len(after) == 2 and all(w.isupper() for w in after))


def report_info(paragraphs: list[Paragraph], sidecar: dict[str, str]) -> ReportInfo:
    title = _title(paragraphs)
    start, end = _period(title) if title else (None, None)
    head = " ".join(p.text for p in paragraphs[:12])
    issuer = _issuer_line(paragraphs)
    if m := _ISSUER_SYMBOL.search(head):
        issuer = issuer or _ISSUERS[m.group(1)]
    if start is None:
        start, end = _period(head)
    return ReportInfo(
        title=title or sidecar.get("title"),
        issuer=issuer or sidecar.get("issuer"),
        kind=sidecar.get("kind"),
        period_start=start or sidecar.get("period_start"),
        period_end=end or sidecar.get("period_end"),
        date=sidecar.get("date"),
        province=sidecar.get("province"),
        symbol=sidecar.get("symbol"),
    )


def _issuer_line(paragraphs: list[Paragraph]) -> str | None:
    """A heading line naming the body that issued the report (`BAN TUYÊN GIÁO TỈNH ỦY LAI CHÂU`)."""
    for para in paragraphs[:15]:
        text = para.text.strip()
        if text.isupper() and len(text) < 80 and (issuer := issuer_named(text)) is not None:
            return text.title() if issuer.name.lower() not in text.lower() else _restore_case(text, issuer.name)
    return None


def _restore_case(text: str, name: str) -> str:
    """`BAN TUYÊN GIÁO TỈNH ỦY LAI CHÂU` → `Ban Tuyên giáo Tỉnh ủy Lai Châu` (the known name, then the rest)."""
    rest = text[len(name) :].strip().title()
    return f"{name} {rest}".strip()


def _quoted_title(paragraphs: list[Paragraph]) -> str | None:
    """A book names itself in its preface: `… biên soạn, xuất bản cuốn “Tài liệu …”`."""
    for para in paragraphs[:10]:
        if m := _BOOK_TITLE.search(para.text):
            return m.group(1).strip()
    return None


def _title(paragraphs: list[Paragraph]) -> str | None:
    """The first capitalised heading block (`ĐÁNH GIÁ … NĂM 2013`; `BÁO CÁO` + the line after it)."""
    if paragraphs and _SKIP_HEADINGS.match(paragraphs[0].text) and (quoted := _quoted_title(paragraphs)):
        return quoted
    parts: list[str] = []
    for i, para in enumerate(paragraphs[:15]):
        text = para.text.strip()
        if parts and re.match(r"[IVXL]+[.\-–]\s|\d+\.\s", text):
            break
        if text.isupper() and len(text) < 80 and issuer_named(text) is not None:
            continue
        if para.kind != BODY or _SKIP_HEADINGS.match(text) or text.startswith("Số"):
            if parts:
                break
            continue
        letters = [c for c in text if c.isalpha()]
        if letters and text.isupper() and len(text.split()) >= 1:
            if text in ("BÁO CÁO", "KẾ HOẠCH", "NGHỊ QUYẾT") and i + 1 < len(paragraphs):
                return f"{text.capitalize()} {paragraphs[i + 1].text.strip()}"
            parts.append(text)
        elif parts:
            break
    if parts:
        return " ".join(parts)
    return None


def _period(text: str) -> tuple[str | None, str | None]:
    if m := _TERM.search(text):
        return f"{m.group(1)}-01-01", f"{m.group(2)}-12-31"
    if (m := _NINE_MONTHS.search(text)) and 1 <= int(m.group(1)) <= 12:
        months, year = int(m.group(1)), m.group(2)
        return f"{year}-01-01", f"{year}-{months:02d}-{_MONTH_END[months]:02d}"
    if m := _YEAR.search(text):
        return f"{m.group(1)}-01-01", f"{m.group(1)}-12-31"
    return None, None
