"""Indicator observations: the numbers a report states as the value of a measure, each with its unit, kind,
status, period, place and the wording that names the measure.

A sentence is read number by number (`numbers`): a number in Vietnamese notation (`4.472,5`, `10.500`, a range
`7-7,5%`) with the unit written after it. What is not a value is dropped: dates and years, document symbols
(the citation recogniser's spans), item and footnote numbers, ordinals and numbers inside a name (`lần thứ
20`, `trẻ em dưới 5 tuổi`, `3 sao`), a number with no unit, and counts of administrative activity (meetings,
inspections, documents, training courses). Each kept number takes
- its wording: the words before it in its clause, back to the previous value or the clause's start, less the
  verbs (`ước đạt`, `tăng`), and for a plan written beside a result (`(kế hoạch 9,0%)`) the result's wording;
- its kind from the unit and the verb (`tăng 7,5%` growth, `tỷ lệ … giảm 3,9%` change, `bằng 105% kế hoạch`
  ratio to plan …), its sign from the verb (`giảm`, `âm`);
- its status: `plan` after `kế hoạch` / `KH` / `dự toán`, `target` after `phấn đấu` / `mục tiêu` or in the part
  of a report that plans a coming period, `estimate` after `ước`, else `actual`;
- its period: the year or years the clause names, else the report's own (the plan part: its year);
- its place: the district or commune (or plant) named in its clause before it, else the whole province.
The wording is mapped to a concept of the indicator scheme (`ontology/reference/indicators.ttl`), or to none.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from policykg.ontology.indicators import SCALES, base_unit, indicator_scheme
from policykg.text import find_where

KINDS = ("level", "growth", "change", "share", "count", "ratio_to_plan", "ratio_to_previous")
STATUSES = ("actual", "estimate", "plan", "target")

_NUMBER = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
# Units, longest first; a counted noun is a unit too (`9.842 người`, `38 xã`).
_UNITS = {
    "%": "%", "‰": "‰", "điểm %": "điểm %", "điểm%": "điểm %", "điểm phần trăm": "điểm %",
    "nghìn tỷ đồng": "nghìn tỷ đồng", "tỷ đồng": "tỷ đồng", "tỉ đồng": "tỷ đồng", "triệu đồng": "triệu đồng",
    "nghìn đồng": "nghìn đồng", "ngàn đồng": "nghìn đồng", "đồng": "đồng", "tỷ": "tỷ đồng",
    "triệu đồng/người/năm": "triệu đồng/người/năm", "triệu đồng/người": "triệu đồng/người",
    "tạ/ha": "tạ/ha", "tấn/ha": "tấn/ha",
    "triệu USD": "triệu USD", "nghìn USD": "nghìn USD", "USD": "USD",
    "nghìn ha": "nghìn ha", "ha": "ha", "héc ta": "ha", "nghìn tấn": "nghìn tấn", "tấn": "tấn", "m³": "m³",
    "m3": "m³", "m²": "m²", "km": "km", "MW": "MW", "triệu kWh": "triệu kWh", "tỷ kWh": "tỷ kWh", "kWh": "kWh",
    "kwh": "kWh", "KWh": "kWh",
    "triệu lượt": "triệu lượt", "nghìn lượt": "nghìn lượt", "lượt khách": "lượt", "lượt người": "lượt người",
    "lượt": "lượt", "con": "con", "hộ": "hộ", "hộ gia đình": "hộ", "hộ dân": "hộ", "nhân khẩu": "nhân khẩu",
    "khẩu": "nhân khẩu", "người": "người", "lao động": "lao động", "học sinh": "học sinh", "sinh viên": "sinh viên",
    "trẻ": "trẻ", "xã": "xã", "phường": "phường", "thị trấn": "thị trấn", "thôn, bản": "thôn, bản",
    "thôn": "thôn", "bản": "bản", "trường": "trường", "phòng học": "phòng học",
    "doanh nghiệp": "doanh nghiệp", "DN": "doanh nghiệp", "hợp tác xã": "hợp tác xã", "HTX": "hợp tác xã",
    "dự án": "dự án", "công trình": "công trình", "trang trại": "trang trại", "cơ sở": "cơ sở",
    "sản phẩm": "sản phẩm", "nhà": "nhà", "căn nhà": "nhà", "căn": "nhà", "giường bệnh": "giường bệnh",
    "giường": "giường bệnh", "bác sĩ": "bác sĩ", "bác sỹ": "bác sĩ", "trạm": "trạm", "vụ": "vụ",
    "đối tượng": "người", "thuê bao": "thuê bao", "cây": "cây", "lồng": "lồng", "thùng": "thùng", "tuyến": "tuyến",
    "chuyến": "chuyến", "điểm": "điểm", "khu": "khu", "cụm": "cụm", "chợ": "chợ", "thiết bị": "thiết bị",
    "tổ chức": "tổ chức", "cơ quan": "cơ quan", "đơn vị": "đơn vị", "gia đình": "hộ", "suất": "suất",
    "%o": "‰", "ngàn m3": "nghìn m³", "nghìn m3": "nghìn m³", "nghìn m³": "nghìn m³", "ngàn viên": "nghìn viên",
    "nghìn viên": "nghìn viên", "viên": "viên", "ngàn tấn": "nghìn tấn", "nghìn con": "nghìn con",
    "ngàn con": "nghìn con", "nghìn người": "nghìn người", "nghìn lượt người": "nghìn lượt người",
    "nghìn hộ": "nghìn hộ", "em": "người", "học viên": "người", "ca": "ca", "huy chương": "huy chương",
    "phòng": "phòng", "chủ thể": "chủ thể", "mô hình": "mô hình", "tiêu chí/xã": "tiêu chí/xã", "đàn": "đàn",
    "liệt sĩ": "người", "đô thị": "đô thị", "bệnh viện": "bệnh viện", "trạm y tế": "trạm y tế",
    "siêu thị": "siêu thị", "làng": "làng", "nhà máy": "nhà máy", "khu công nghiệp": "khu công nghiệp",
    "cụm công nghiệp": "cụm công nghiệp", "ngàn": "nghìn", "triệu": "triệu", "nghìn": "nghìn",
}  # fmt: skip
# The units by their first character, longest first: a unit is looked up by the character after a number rather
# than matched by one regex of every unit (a long alternation is tried in turn at each number).
_UNITS_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _u in sorted(_UNITS, key=len, reverse=True):
    _UNITS_BY_FIRST[_u[0]] = (*_UNITS_BY_FIRST.get(_u[0], ()), _u)


def _unit_at(sentence: str, pos: int) -> tuple[str, int] | None:
    """The unit written at `pos` (after spaces): its key in `_UNITS` and where it ends."""
    while pos < len(sentence) and sentence[pos] == " ":
        pos += 1
    for unit in _UNITS_BY_FIRST.get(sentence[pos : pos + 1], ()):
        end = pos + len(unit)
        if sentence.startswith(unit, pos) and not (
            end < len(sentence) and (sentence[end].isalnum() or sentence[end] == "_")
        ):
            return unit, end
    return None


# A value does not start inside another number or a symbol: the test stands after the first digit of each
# alternative (the same test as a lookbehind before the number), so that the regex engine skips to digits.
_FIRST_DIGIT = r"\d(?<![\w/.,\-–]\d)"
_VALUE = re.compile(
    rf"(?P<a>{_FIRST_DIGIT}\d{{0,2}}(?:\.\d{{3}})+(?:,\d+)?|{_FIRST_DIGIT}\d*(?:,\d+)?)"
    rf"(?:\s*(?:[-–]|đến)\s*(?P<b>{_NUMBER}))?(?!\d|/(?!{_NUMBER})|[.,]\d)"  # `x/y`: a value of a whole
)
# A number that is not a value: the words before it say so (`lần thứ 20`, `năm 2023`, `Điều 3`), or what follows it
# names an event, a document or a part of a name (`04 hội nghị`, `5 tuổi`). Looked up by words, not by a regex
# of alternatives tried at every number.
_NOT_A_VALUE_BEFORE = frozenset({
    "thứ", "khóa", "khoá", "số", "loại", "mức độ", "hạng", "cấp độ", "quốc lộ", "tỉnh lộ", "đường", "tuyến số",
    "phiên", "kỳ họp", "đợt", "tháng", "quý", "ngày", "năm", "giai đoạn", "thời kỳ", "nhiệm kỳ", "điều", "khoản",
    "điểm", "mục", "phụ lục", "lớp", "tiết", "trang", "km",
})  # fmt: skip
_ADMIN_COUNT = frozenset({
    "hội nghị", "cuộc", "lớp", "đoàn", "văn bản", "nghị quyết", "quyết định", "kế hoạch", "chỉ thị", "kết luận",
    "đề án", "báo cáo", "hồ sơ", "đơn", "buổi", "đợt", "phiên", "kỳ", "tin", "bài", "chuyên mục", "chuyên đề",
    "tài liệu", "cuộc thi", "giải", "hội thi", "hội thảo", "lễ", "thủ tục", "nhiệm vụ", "đề tài", "sáng kiến",
    "lượt kiểm tra", "lần", "tuổi", "sao", "giờ", "ngày", "tháng", "năm", "tiêu chí", "chỉ tiêu", "nội dung",
    "vấn đề", "nhóm", "tổ", "ban", "điều", "khoản", "mục", "chương", "phần", "loại", "mặt hàng", "cặp",
    "lĩnh vực", "ngành",
})  # fmt: skip
_WORDS_AFTER = re.compile(r"\s*([^\W\d_]+)(?:\s+([^\W\d_]+))?")
_WORD = re.compile(r"[^\W\d_]+")


def _named_before(sentence: str, start: int) -> bool:
    """`lần thứ 20`, `năm 2023`, `Điều 3`, `/2`: the number is an ordinal, a date or a part of a name."""
    before = sentence[max(0, start - 24) : start].rstrip()
    if before.endswith("/"):
        return True
    if not before or not before[-1].isalpha():
        return False  # `…năm 2012; 25 xã`: no word right before the number
    words = _WORD.findall(before)[-2:]
    last = words[-1].lower()
    if len(words) == 2 and f"{words[0].lower()} {last}" in _OF_ALL_KINDS:
        return False  # `Quặng các loại 1.820 tấn`: of all kinds, not a class number (`đô thị loại 3`)
    return last in _NOT_A_VALUE_BEFORE or (len(words) == 2 and f"{words[0].lower()} {last}" in _NOT_A_VALUE_BEFORE)


_OF_ALL_KINDS = frozenset({"các loại", "mọi loại", "nhiều loại"})


def _counts_activity(sentence: str, end: int) -> bool:
    """`04 hội nghị`, `5 tuổi`: what the number counts is an event, a document or part of a name."""
    m = _WORDS_AFTER.match(sentence, end)
    if not m:
        return False
    first = m.group(1).lower()
    two = f"{first} {m.group(2).lower()}" if m.group(2) else ""
    if first == "tiêu" and sentence.startswith("/", m.end()):
        return False  # `13,6 tiêu chí/xã`
    return first in _ADMIN_COUNT or two in _ADMIN_COUNT


_YEAR = re.compile(r"(?:19|20)\d\d$")

_CUMULATIVE = re.compile(r"(?<![\wĐđ])(?:lũy kế|luỹ kế)(?![\wĐđ])", re.IGNORECASE)
_ESTIMATE = re.compile(r"\b(?:ước|dự ước|ước tính|ước đạt|ước thực hiện)\b", re.IGNORECASE)
_PLAN_BEFORE = re.compile(
    r"(?:\b(?:kế hoạch|KH|dự toán|chỉ tiêu)(?:\s+(?:năm\s+\d{4}|giao|đề ra|HĐND tỉnh giao))?"
    r"(?:\s+lần lượt(?:\s+là)?)?\s*:?\s*(?:là\s+)?|\(KH:?\s*)$",
    re.IGNORECASE,
)
_TARGET = re.compile(r"\b(?:[Pp]hấn đấu|[Mm]ục tiêu|[Đđ]ịnh hướng|[Dd]ự kiến|[Tt]ầm nhìn)\b")
_DOWN = re.compile(r"(?:\bgiảm|\bâm|\bthấp hơn|\bsụt giảm|\bhụt)(?:\s+\S+){0,2}?\s*$", re.IGNORECASE)
_UP = re.compile(r"(?:\btăng|\bcao hơn|\btăng thêm)(?:\s+\S+){0,2}?\s*$", re.IGNORECASE)
_GROWTH_WORDS = re.compile(
    r"\b(?:tốc độ tăng|tăng trưởng|tốc độ phát triển|giá trị gia tăng|giá trị tăng thêm)\b", re.IGNORECASE
)
_RATE_WORDS = re.compile(r"\b(?:tỷ lệ|tỉ lệ|tỷ suất|mức giảm|tỉ suất|che phủ|cơ cấu)\b", re.IGNORECASE)
_REDUCTION_NAME = re.compile(r"^\s*(?:mức giảm|giảm nghèo|tỷ lệ giảm)\b", re.IGNORECASE)
_TO_PLAN_AFTER = re.compile(r"^\s*(?:so với\s+)?(?:kế hoạch|KH|dự toán|chỉ tiêu)", re.IGNORECASE)
_TO_PREVIOUS_AFTER = re.compile(r"^\s*(?:so với\s+)?(?:cùng kỳ|năm trước|năm \d{4})", re.IGNORECASE)
# A ratio to the plan written with the plan before the value: `đạt kế hoạch 95%`, `vượt kế hoạch 4%`.
_PLAN_THEN_VALUE = re.compile(r"(?<![\wĐđ])(bằng|đạt|vượt)\s+(?:so với\s+)?(?:kế hoạch|KH|dự toán)\s*$", re.IGNORECASE)
# The level a change reaches: `giảm còn 5,28‰`, `giảm xuống dưới 20%`, `tăng lên 67 tuổi`.
_REACHED = re.compile(
    r"(?<![\wĐđ])(?:còn|xuống|lên|về mức|ở mức)(?:\s+(?:còn|dưới|trên|khoảng|mức|đến|tới))?\s*$", re.IGNORECASE
)
_AVERAGE = re.compile(r",\s*(?:bình quân|trung bình)(?:\s+(?:mỗi năm|hằng năm|hàng năm))?\s*$", re.IGNORECASE)
_RATIO_VERB = re.compile(r"(?:\bbằng|\bđạt|\bvượt)\s*$", re.IGNORECASE)
# Where a clause ends for the wording of a measure: `;`, `:` (`trong đó:`), a sentence end, or a comma after
# a value (`GRDP 47,2 triệu đồng, khó đạt kế hoạch`).
_FIGURES_IN_BRACKETS = re.compile(r"\([^()]*\d[^()]*\)")
_CLAUSE_END = re.compile(rf"[;:]|\.\s|{_FIGURES_IN_BRACKETS.pattern}")  # a parenthesis with a figure ends one too
_DATE_WORDS = re.compile(r"(?:\b(?:đến|tính đến|tới)\s+)?(?:ngày\s+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?", re.IGNORECASE)
_LEAD_IN = re.compile(r"(?:^|[,;:]\s*)(?:trong đó|riêng|bao gồm|gồm)\b\s*:?", re.IGNORECASE)
_LEAD_WORDS = re.compile(
    r"^(?:[\s,;:.()\-–+*]|\b(?:trong đó|riêng|gồm|đồng thời|và|còn|với|bao gồm|cụ thể|như|là|đạt|ước đạt|"
    r"ước|có|toàn tỉnh|tổng số|so với|kế hoạch|KH|dự toán|cùng kỳ|năm trước|khó đạt|vượt)\b)+",
    re.IGNORECASE,
)
# The words a wording ends in that name no measure (`… lương thực ước đạt khoảng`), one to three words each; a year
# (`năm 2013`) too. Looked up by words from the end: a regex of these alternatives anchored at the end is tried at
# every position of the text (7x slower).
_TAIL_WORDS = frozenset({
    "ước đạt", "ước thực hiện", "ước tính", "dự ước", "ước", "đạt", "đạt được", "tăng", "giảm", "âm", "là", "khoảng",
    "bằng", "vượt", "trên", "dưới", "gần", "hơn", "thêm", "được", "có", "còn", "lên", "xuống", "phấn đấu",
    "bình quân", "so với", "với", "của", "cho", "đến nay", "lần lượt", "chiếm", "với tổng số", "tổng số", "tổng",
    "trong đó", "hết năm", "cả năm", "cao hơn", "thấp hơn", "nhiều hơn", "ít hơn", "từ",
})  # fmt: skip
_TOKENS = re.compile(r"\w+|\W+")
# Case is spelt out (`[Nn]ăm`) rather than ignored: a case-blind regex is several times slower on Vietnamese.
_PERIOD_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)?\d\d)\b")
_YEAR_WORD = re.compile(r"[Nn]ăm\s+((?:19|20)\d\d)\b")
_MONTHS = re.compile(r"\b(\d{1,2}) tháng(?: đầu năm)?(?:\s+((?:19|20)\d\d))?", re.IGNORECASE)
# `so với năm 2019`, `giá so sánh năm 2010`, `khá hơn năm 2012`: the year compared with, not the period.
_BASE_YEAR = re.compile(r"(?:so với(?: cùng kỳ| cuối)?|giá so sánh|giá|hơn|cuối|từ)\s*$", re.IGNORECASE)
_BY_YEAR = re.compile(r"\b(?:[Đđ]ến|[Tt]ới) năm\s+((?:19|20)\d\d)\b")
_UNTIL_DATE = re.compile(r"\b(?:đến|tới|tính đến)(?: hết)?(?: ngày)?\s+\d{1,2}/(\d{1,2})/((?:19|20)\d\d)", re.I)
_WHOLE_YEAR = re.compile(r"\b(?:[Cc]ả năm|[Hh]ết năm|[Nn]ăm nay)\b")
_YEARLY = re.compile(r"\b(?:[Bb]ình quân(?:\s+(?:mỗi|hằng|hàng))?\s+năm|(?:[Mm]ỗi|[Hh]ằng|[Hh]àng) năm)\b")
_PER_YEAR = re.compile(r"^\s*%?\s*/\s*năm", re.IGNORECASE)
_PLANNED_YEAR = re.compile(r"\b(?:kế hoạch|mục tiêu|nhiệm vụ|phương hướng)\b[^.;]{0,120}\bnăm\s+(?:19|20)\d\d", re.I)
_FRAME = re.compile(r"^\W*(?:(?:đến|tới) năm\s+((?:19|20)\d\d)\s*[:,]|phấn đấu\b|mục tiêu\b)", re.IGNORECASE)
_RESULTS_PART = re.compile(r"\b(?:KẾT QUẢ|ĐÁNH GIÁ|TÌNH HÌNH THỰC HIỆN)\b", re.IGNORECASE)
# `Ước hết năm 2023, các chỉ tiêu … đạt và vượt kế hoạch:` — the list after it is estimated.
_ESTIMATED_LIST = re.compile(r"(?:^|[.;]\s+)(?:Ước|Dự ước)\b[^.;]*:\s*$")
_LIST_ITEM = re.compile(r"\s*(?:[-+•*]\s|\(\d{1,2}\))")
_PLAN_PART = re.compile(r"\b(?:KẾ HOẠCH|PHƯƠNG HƯỚNG|MỤC TIÊU|NHIỆM VỤ|CHỈ TIÊU)\b", re.IGNORECASE)


_PLAN_GROUP = re.compile(r"\((?:\s*theo\s+)?(?:kế hoạch|KH|dự toán)\b:?\s*(lần lượt(?:\s+là)?)?[^()]{0,160}\)",
                         re.IGNORECASE)  # fmt: skip
_TIMES = re.compile(r"\s*lần(?![\wĐđ])")
_TIMES_BEFORE = re.compile(r"\b(?:tăng|gấp|bằng|hơn|giảm)(?:\s+\S+){0,1}\s*$", re.IGNORECASE)
_OF_WHOLE = re.compile(rf"/{_NUMBER}(?=\s*\S)")
# The whole in `x/y` is the plan of an amount of money, or where a plan is named before; else a denominator.
_MONEY = frozenset({"tỷ đồng", "triệu đồng", "nghìn đồng", "đồng", "nghìn tỷ đồng", "USD", "triệu USD", "nghìn USD"})
_PLAN_WORD = re.compile(r"(?<![\wĐđ])(?:kế hoạch|KH|dự toán)(?![\wĐđ])", re.IGNORECASE)
_SHARED_UNIT = re.compile(rf"\s*(?:và|,|;|hoặc)\s*{_NUMBER}(?=\s*\S)")
_PER_10000 = re.compile(r"\s*/\s*(?:1\s+)?vạn dân")
_COMPARED = re.compile(r"\s*(?:so với|kế hoạch|KH\b|dự toán|cùng kỳ|năm trước|trở lên|trở xuống)", re.IGNORECASE)
_SUB_ITEM = re.compile(r"^\s*,?\s*(?:riêng|trong đó)\b", re.IGNORECASE)
# Where the words naming a measure after its value end: the next value, a clause's end, a part of it (`trên 85% dân
# số là đồng bào dân tộc thiểu số, trong đó tỷ lệ hộ nghèo …`: the words after `trong đó` name another measure).
_AFTER_END = re.compile(
    rf"[;:.()]|,\s*(?={_NUMBER})|\s{_NUMBER}|,\s*(?:đạt|vượt|khó đạt|tăng|giảm|trong đó|riêng)\b", re.IGNORECASE
)
# What the value before was compared with, up to where the next value's words begin (`…, vượt 36% so với dự toán
# Trung ương giao, vượt 31% …`; `bằng 85% dự toán HĐND tỉnh giao và tăng 15% …`): it names no measure.
_COMPARISON_BASE = re.compile(
    r"^[\s,]*(?:so với|kế hoạch|KH\b|dự toán|cùng kỳ)[^,;]*?(?:[,;]|\s+và\s+(?=(?:tăng|giảm|vượt|bằng|đạt)\b))",
    re.IGNORECASE,
)
# A change from one value to another: `từ` before the first, `xuống (còn)`, `còn`, `lên (đến)` before the second; a
# year may follow either (`từ 343,06 tỷ đồng năm 2016 lên 540 tỷ đồng năm 2019`).
_FROM_BEFORE = re.compile(r"(?<![\wĐđ])từ\s*$", re.IGNORECASE)
_YEAR_AFTER = re.compile(r"\s*\(?(?:vào\s+)?(?:năm|cuối năm)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_CHANGE_TO = re.compile(
    rf"(?:{_YEAR_AFTER.pattern}\)?)?[^\d;()]{{0,30}}?(?<![\wĐđ])(?:xuống|còn|lên)"
    r"(?:\s+(?:còn|đến|tới|mức|dưới|trên|khoảng)){0,2}\s+",
    re.IGNORECASE,
)
_CHANGE_TO_VALUE = re.compile(_CHANGE_TO.pattern + r"(?=\d)", re.IGNORECASE)
# What an area or a mass is of, named right after it (`Trồng mới 1.025 ha cây cao su`): where those words end.
_OBJECT_WORDS = 6
_OF_LAND_OR_CROP = frozenset({"ha", "nghìn ha", "tấn", "nghìn tấn"})
_OBJECT_START = re.compile(r" [^\W\d_]")
_OBJECT_END = re.compile(
    rf"[,;:.()/]|\s{_NUMBER}|\s(?:đạt|vượt|khó đạt|tăng|giảm|bằng|so với|trong đó|riêng|lên|xuống|còn|trở|đến|tới|"
    r"và|với|gồm|hoặc|một số|tổng)\b",
    re.IGNORECASE,
)
_PREDICATE = re.compile(r"\s((?:đạt|được|có)\s.+)$")  # what a measure's words say of the counted (`… đạt chuẩn`)
_PART_WORDS = 3  # a part named in this many words or fewer (`trồng mới`, `các huyện nghèo`) is no measure of its own
# The words a measure's name begins with (`tỷ lệ phòng học …`, `số người nhiễm HIV …`).
_MEASURE_HEAD = re.compile(r"(?:tỷ lệ|số|tổng|tốc độ|giá trị|mức|chỉ số|sản lượng|diện tích)\b", re.IGNORECASE)
# A value joined to the one before by `và` or a comma alone shares its verb (`tăng 81 vụ và 114 đối tượng`).
_JOINED = re.compile(r"\s*(?:,|và|,\s*và)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class NumberMatch:
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    text: str
    plan: bool = False  # the whole a value before was done of (`2.733/3.124,5 tỷ đồng`): its plan


@dataclass(frozen=True)
class IndicatorMatch:
    """One observation in a sentence (offsets relative to the sentence)."""

    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    unit: str
    kind: str
    status: str
    period: str
    indicator: str
    concept: str | None
    place: str | None  # the key of a place or plant hit of the sentence; None: the whole province


@dataclass(frozen=True)
class Outlook:
    """What a report's part says of the numbers in it: the status and period they have unless a sentence says
    otherwise (a report on 2023 plans 2024 in its last part)."""

    status: str
    period: str
    year: int | None  # the year the part is about, for `năm nay`


def report_outlook(period_start: str | None, period_end: str | None, *, act: bool = False) -> Outlook:
    """The report's own period: a year (`2013`), months (`2020-01/2020-09`) or years (`2016/2020`). An act (a
    resolution, a decision) decides what shall be: its numbers are targets unless a sentence says otherwise."""
    status = "target" if act else "actual"
    if not period_start or not period_end:
        return Outlook(status, "", None)
    y1, y2 = int(period_start[:4]), int(period_end[:4])
    if y1 != y2:  # a congress's term (2020-2025): its results are those of the year it opens; its targets, later
        return Outlook(status, str(y1), y1)
    m1, m2 = period_start[5:7], period_end[5:7]
    if (m1, m2) in (("01", "12"), ("", "")):
        return Outlook(status, str(y1), y1)
    return Outlook(status, f"{y1}-{m1}/{y1}-{m2}", y1)


class OutlookTracker:
    """The outlook of each paragraph as a report is read: a heading that plans a later year (`KẾ HOẠCH … NĂM 2024`,
    `Các chỉ tiêu chủ yếu đến năm 2025`, `PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2021`) makes its part's numbers targets for
    that year (or years); so does a plan heading without a year after a sentence that names the year planned
    (`… kế hoạch phát triển kinh tế - xã hội năm 2014 … xác định các mục tiêu … sau:`); a paragraph that opens
    `Đến năm 2020:` or `Phấn đấu …` frames its own numbers as targets."""

    def __init__(self, report: Outlook) -> None:
        self.report = report
        self.part = report
        self.planned: int | None = None  # a later year a sentence has just named as the one planned
        self.estimated_list = False  # the paragraphs read are the items of a list of estimates

    def read(self, text: str, heading: bool, footnote: bool = False) -> Outlook:
        """The outlook of a paragraph's numbers (and, for a heading, of the part it opens)."""
        if footnote:  # a footnote details what its marker stands by: no frame of its own, none ended
            return (
                replace(self.part, status="estimate")
                if self.estimated_list and self.part.status == "actual"
                else self.part
            )
        if self.estimated_list and not _LIST_ITEM.match(text):
            self.estimated_list = False
        if self.estimated_list and self.part.status == "actual":
            return replace(self.part, status="estimate")
        if text.rstrip().endswith(":") and _ESTIMATED_LIST.search(text):
            self.estimated_list = True
        if heading:
            later = self._later_years(text)
            planned, self.planned = self.planned, None  # a year named before a heading is the next one's only
            if _RESULTS_PART.search(text) and not later:
                self.part = self.report  # `III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU …`: results again
            elif _PLAN_PART.search(text) and not self._names_own_year(text):
                if later:
                    self.part = self._target(later)
                elif planned and self.part.status != "target":  # inside a plan part, its year holds
                    self.part = self._target([planned])
                elif self.report.year is not None and re.search(r"cuối năm", text, re.IGNORECASE):
                    self.part = Outlook("target", str(self.report.year), self.report.year)
            return self.part
        if text.rstrip().endswith(":") and _PLANNED_YEAR.search(text) and (later := self._later_years(text)):
            self.planned = later[-1]  # `… kế hoạch … năm 2014 … xác định … sau:`
        if m := _FRAME.match(text):
            year = int(m.group(1)) if m.group(1) else None
            if year is None or self.report.year is None or year > self.report.year or self.part.status == "target":
                return self._target([year]) if year else Outlook("target", self.part.period, self.part.year)
        return self.part

    def _later_years(self, text: str) -> list[int]:
        if self.report.year is None:
            return []
        years: list[int] = []
        for m in re.finditer(r"\b((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?\b", text):
            years += [int(y) for y in m.groups() if y]
        return sorted({y for y in years if y > self.report.year})

    def _names_own_year(self, text: str) -> bool:
        """A title of the report itself (`… năm 2023; kế hoạch năm 2024`) names the report's year too."""
        return self.report.year is not None and bool(re.search(rf"\bnăm {self.report.year}\b", text, re.IGNORECASE))

    def _target(self, years: list[int]) -> Outlook:
        span = sorted(set(years))
        if len(span) == 1:
            return Outlook("target", str(span[0]), span[0])
        return Outlook("target", f"{span[0]}/{span[-1]}", span[-1])


def parse_number(text: str) -> float:
    """`4.472,5` → 4472.5; `10.500` → 10500; `7,5` → 7.5."""
    return float(text.replace(".", "").replace(",", "."))


def numbers(sentence: str, skip: Iterable[tuple[int, int]] = ()) -> list[NumberMatch]:
    """The numbers of a sentence that may be values (not in `skip`: the spans of document symbols)."""
    spans = sorted(skip)
    found: list[NumberMatch] = []
    for m in _VALUE.finditer(sentence):
        start, end = m.start(), m.end()
        if spans and any(a <= start < b for a, b in spans):
            continue
        a, b = m.group("a"), m.group("b")
        unit_match = _unit_at(sentence, end)
        if _YEAR.fullmatch(a) and not unit_match:
            continue
        if b and _YEAR.fullmatch(a) and _YEAR.fullmatch(b if len(b) == 4 else a[:2] + b):
            continue  # `2021-2025`
        before = sentence[max(0, start - 20) : start]
        if _named_before(sentence, start) and not (unit_match and unit_match[0] in ("%", "‰")):
            continue
        if (times := _TIMES.match(sentence, end)) and _TIMES_BEFORE.search(before):
            value = parse_number(a)  # `tăng hơn 2 lần so với năm 2015`: a multiple of the earlier value
            found.append(NumberMatch(start, times.end(), value, None, "lần", sentence[start : times.end()]))
            continue
        if _counts_activity(sentence, end):
            continue
        shared = whole = None
        if not unit_match and (whole := _OF_WHOLE.match(sentence, end)):
            unit_match = _unit_at(sentence, whole.end())  # `2.733/3.124,5 tỷ đồng`
        if not unit_match and (shared := _SHARED_UNIT.match(sentence, end)):
            unit_match = _unit_at(sentence, shared.end())  # `lần lượt 8.440 và 8.000 người`: one unit
        if not unit_match:
            continue
        unit, unit_end = _UNITS[unit_match[0]], unit_match[1]
        if unit in SCALES and (counted := _unit_at(sentence, unit_end)) and _UNITS[counted[0]] not in SCALES:
            unit, unit_end = f"{unit} {_UNITS[counted[0]]}", counted[1]  # `48,6 triệu viên`, `33 triệu kwh`
        if per := _PER_10000.match(sentence, unit_end):  # `13 bác sỹ/1 vạn dân`
            unit, unit_end = f"{unit}/vạn dân", per.end()
        value = parse_number(a)
        value_max = parse_number(b) if b else None
        if value_max is not None and value_max < value:
            continue  # `10-5`: not a range
        planned = whole is not None and (unit in _MONEY or bool(_PLAN_WORD.search(before)))
        stop = end if shared or planned else unit_end
        found.append(NumberMatch(start, stop, value, value_max, unit, sentence[start:stop]))
        if whole and planned:
            # `lũy kế giải ngân 2.733/3.124,5 tỷ đồng`, `kế hoạch giao (300/150 người)`: the whole the value was done
            # of, its plan; elsewhere the whole is a denominator (`99/108 xã`, `251/700 doanh nghiệp`), no value
            of = whole.start() + 1
            found.append(NumberMatch(of, unit_end, parse_number(sentence[of : whole.end()]), None, unit,
                                     sentence[of:unit_end], plan=True))  # fmt: skip
    return found


def read_indicators(
    sentence: str,
    outlook: Outlook,
    skip: Iterable[tuple[int, int]] = (),
    places: Iterable[tuple[int, int, str, bool]] = (),
) -> list[IndicatorMatch]:
    """The observations of one sentence. `places`: (start, end, key, is the report's province) of the places and
    plants the sentence names."""
    found = numbers(sentence, skip)
    if not found:
        return []
    place_hits = sorted(places)
    groups = _plan_groups(sentence)
    marks = _Marks(sentence)
    out: list[IndicatorMatch] = []
    results: list[IndicatorMatch] = []  # the observations that are not plan values, in order
    previous_end = 0
    after_mode = False  # the last value took the words after it (`99,7% trường học, 94,2% trạm y tế xã …`)
    last_verbs = ""  # the words before the last result that its kind was read from
    listed: list[int] = []  # the values named by the words after them, by their index in `out`
    changing: tuple[IndicatorMatch, str] | None = None  # a change's first value (`từ 31,82% …`), its clause's period
    for n in found:
        group = next((g for g in groups if g[0] <= n.start < g[1]), None)
        just_before = sentence[max(0, n.start - 40) : n.start]
        # `kế hoạch 9%` beside a result is the plan; `vượt kế hoạch 4%` is the result's ratio to it
        plan = (
            n.plan
            or group is not None
            or bool(_PLAN_BEFORE.search(just_before) and not _PLAN_THEN_VALUE.search(just_before))
        )
        floor, clause_start = previous_end, _clause_start(sentence, n.start, previous_end)
        previous_end = n.end
        if plan:
            beside = _beside(results, found, n, group)
            if beside is not None:
                kind, value, value_max = _plan_value(sentence, n, beside)
                out.append(replace(beside, start=n.start, end=n.end, text=n.text, value=value, value_max=value_max,
                                   unit=n.unit, kind=kind, status="plan"))  # fmt: skip
                continue
        if changing and _CHANGE_TO.fullmatch(sentence, changing[0].end, n.start):
            # `… từ 31,82% xuống còn 27,82%`: where the change ends, the same measure, in its own year or the clause's
            start_value, clause_period = changing
            year = _YEAR_AFTER.match(sentence, n.end)
            match = replace(start_value, start=n.start, end=n.end, text=n.text, value=n.value, value_max=n.value_max,
                            unit=n.unit, status=_status(marks, n, clause_start, outlook),
                            period=year.group(1) if year else clause_period)  # fmt: skip
            out.append(match)
            results.append(match)
            changing = None
            continue
        changing = None
        before = _own_words(sentence[clause_start : n.start])
        wording = _wording(before)
        if results and _SUB_ITEM.match(before):
            # `…, riêng các huyện nghèo giảm 5,7%`, `Cây cao su thực hiện trồng …, trong đó trồng mới 1.624 ha`: a
            # part of the last measure; but a wording that names a measure of its own (`trong đó tỷ lệ phòng học kiên
            # cố đạt 80,7%`, `trong đó thu ngân sách trên địa bàn …`) stands alone; no wording is the last measure's.
            if not wording:  # `…, trong đó có 1.250 doanh nghiệp hoạt động`: the part is named after the value
                part = _wording_after(sentence, n.end)
                wording = f"{results[-1].indicator} ({part})" if part else results[-1].indicator
            elif not _names_a_measure(wording):
                wording = f"{results[-1].indicator} ({wording})"
            after_mode = False
        elif not wording and results and _PLAN_THEN_VALUE.search(just_before):
            wording = results[-1].indicator  # `…, vượt kế hoạch 4%, đã thu hoạch …`: the ratio of the measure before
            after_mode = False
        elif not wording or (after_mode and not _CLAUSE_END.search(sentence, floor, n.start) and len(before) < 80):
            wording = _wording_after(sentence, n.end)
            after_mode = bool(wording)
            if after_mode:
                listed.append(len(out))
            if not wording:
                wording = _label_before(sentence, clause_start, floor)
            if not wording and results:  # `…, đạt 60,5% kế hoạch, tăng 260 tấn so với cùng kỳ`: the same measure
                wording = results[-1].indicator
        else:
            after_mode = False
            if counted := _object_after(sentence, n):
                # `Trồng mới 1.025 ha cây cao su`: what the value is of is named after it; the next value's words
                # begin after them (`…, đạt 103% kế hoạch`: the same measure; `…, 5.000 ha cây quế`: its own).
                wording, previous_end = f"{wording} {counted[0]}", counted[1]
        of_a_rate = bool(results) and results[-1].unit == "%" and results[-1].kind == "share"
        verbs = last_verbs if results and last_verbs and _JOINED.fullmatch(before) else before
        last_verbs = verbs
        kind, value, value_max, unit = _kind_and_value(sentence, n, verbs, wording, of_a_rate)
        status = "plan" if plan else _status(marks, n, clause_start, outlook)
        period = _period(sentence, marks, n, clause_start, outlook)
        starting = not plan and _starts_a_change(sentence, n)
        clause_period = period
        if starting:
            status, period = "actual", _starting_period(sentence, n, period)
            if kind in ("change", "growth"):  # `tăng mạnh từ 343,06 tỷ đồng …`: the verb is the change's
                kind = "share" if unit == "%" else "level"
        place = _place(sentence, place_hits, clause_start, n.start)
        concept = _concept(wording, kind, unit, results[-1] if results else None)
        match = IndicatorMatch(n.start, n.end, n.text, value, value_max, unit, kind, status, period, wording,
                               concept, place)  # fmt: skip
        out.append(match)
        if not plan:
            results.append(match)
        if starting:
            changing = match, clause_period
    return _share_predicates(sentence, out, listed)


def _concept(wording: str, kind: str, unit: str, last: IndicatorMatch | None) -> str | None:
    """The concept of the scheme a value is of: what its words name for its kind and unit; else what the words with
    the measure before them name, or what it counts; else the measure before's, where it is the same measure.
    `last`: the result before it in the sentence."""
    scheme = indicator_scheme()
    same_measure = last is not None and wording == last.indicator
    if last is not None and same_measure and kind in ("ratio_to_plan", "ratio_to_previous"):
        return last.concept  # `Chè khô các loại 3.093 tấn, đạt 82,6% kế hoạch`: a ratio of that measure
    concept = scheme.concept_of(wording, kind, unit)
    if concept is None and last is not None and len(wording.split()) <= 3:
        # `… cây lương thực có hạt …; sản lượng 182 nghìn tấn`: a bare measure word takes the topic before it
        concept = scheme.concept_of(f"{last.indicator} {wording}", kind, unit)
    if concept is None:  # `759 DN kê khai thuế`, `12,1 bác sỹ/vạn dân`: what is counted names the measure
        concept = scheme.concept_of(base_unit(unit).replace("/", " "), kind, unit)
    if concept is None and last is not None and same_measure and last.concept:
        # `sản lượng ước đạt 133.100 tấn, …, tăng 260 tấn`: the same measure, if the value can be of it
        concept = last.concept if scheme.in_units(last.concept, unit) else None
    return concept


def _share_predicates(sentence: str, out: list[IndicatorMatch], listed: list[int]) -> list[IndicatorMatch]:
    """`86% hộ gia đình, 75% thôn, bản, khu phố, 98% cơ quan, đơn vị đạt tiêu chuẩn văn hóa`: what the last item of a
    list of values named after them says of it (`đạt …`, `được …`, `có …`) is said of each item before it that says
    nothing. `listed`: the indexes in `out` of the values named by the words after them; a list ends with its
    clause."""
    runs: list[list[int]] = []
    for i in listed:
        if runs and runs[-1][-1] == i - 1 and not _CLAUSE_END.search(sentence, out[i - 1].end, out[i].start):
            runs[-1].append(i)
        else:
            runs.append([i])
    scheme = indicator_scheme()
    for run in (r for r in runs if len(r) > 1):
        if not (said := _PREDICATE.search(out[run[-1]].indicator)):
            continue
        for i in run[:-1]:
            o = out[i]
            # a standard met is said of every item (`58.034 hộ gia đình, 645 bản, … đạt tiêu chuẩn văn hóa`), anything
            # else of those in the last one's unit (`08 cơ sở …, 30 điểm …, 1.200 người được điều trị`: not shared)
            shared = said.group(1).startswith("đạt") or o.unit == out[run[-1]].unit
            if shared and not _PREDICATE.search(o.indicator):
                wording = f"{o.indicator} {said.group(1)}"
                out[i] = replace(o, indicator=wording, concept=scheme.concept_of(wording, o.kind, o.unit) or o.concept)
    return out


def _own_words(before: str) -> str:
    """The words of a value's clause before it, less what belongs to the value before: its `/năm` (`bình quân
    4,75%/năm, ước năm 2020 còn 16,49%`) and what it was compared with (`…, vượt 36% so với dự toán Trung ương giao,
    vượt 31% …`)."""
    if per_year := _PER_YEAR.match(before):
        before = before[per_year.end() :]
    if base := _COMPARISON_BASE.match(before):
        before = before[base.end() :]
    return before


def _names_a_measure(wording: str) -> bool:
    """A measure's own name: it begins with a measure's word, or it is more than a few words and names a concept."""
    return bool(_MEASURE_HEAD.match(wording)) or (
        len(wording.split()) > _PART_WORDS and indicator_scheme().concept_of(wording, "") is not None
    )


def _plan_groups(sentence: str) -> list[tuple[int, int, bool]]:
    """The spans of `(Kế hoạch …)` / `(KH: …)` and whether they list values in turn (`lần lượt`)."""
    return [(m.start(), m.end(), bool(m.group(1))) for m in _PLAN_GROUP.finditer(sentence)]


def _beside(
    results: list[IndicatorMatch], found: list[NumberMatch], n: NumberMatch, group: tuple[int, int, bool] | None
) -> IndicatorMatch | None:
    """The result a plan value is written beside: the last one, or for `(Kế hoạch lần lượt 3%; 8%)` the results
    before the group, in turn."""
    if not results:
        return None
    if group is None or not group[2]:
        return results[-1]
    in_group = [m for m in found if group[0] <= m.start < group[1]]
    before = [r for r in results if r.start < group[0]]
    k = len(in_group)
    i = in_group.index(n)
    if len(before) < k:
        return before[-1] if before else None
    return before[len(before) - k + i]


def _plan_value(sentence: str, n: NumberMatch, beside: IndicatorMatch) -> tuple[str, float, float | None]:
    """A plan value takes the kind of the result it is beside where their units agree."""
    if n.unit == beside.unit and beside.kind not in ("ratio_to_plan", "ratio_to_previous"):
        down = bool(_DOWN.search(sentence[max(0, n.start - 12) : n.start]))
        sign = -1.0 if down and beside.value < 0 else 1.0
        return beside.kind, sign * n.value, None if n.value_max is None else sign * n.value_max
    return ("share" if n.unit == "%" else "level"), n.value, n.value_max


def _wording_after(sentence: str, pos: int) -> str:
    """`99% thôn, bản có đường xe máy …`, `có thêm 05 xã đạt chuẩn nông thôn mới`: the measure named after."""
    if _COMPARED.match(sentence, pos):
        return ""
    m = _AFTER_END.search(sentence, pos)
    return _wording(sentence[pos : m.start() if m else len(sentence)])


def _object_after(sentence: str, n: NumberMatch) -> tuple[str, int] | None:
    """The words right after an area or a mass that name what it is of (`Thu hái 15.787 tấn chè búp tươi, …`): a
    few words up to a clause's end, a comma, the next value, a verb or a joining word; with their end. Other units
    are left alone: after a count the next words are as often the next measure's verb (`làm chết 04 người, bị
    thương …`) or the rest of its unit (`48,6 triệu viên`)."""
    if n.unit not in _OF_LAND_OR_CROP or not _OBJECT_START.match(sentence, n.end) or _COMPARED.match(sentence, n.end):
        return None
    m = _OBJECT_END.search(sentence, n.end)
    end = m.start() if m else len(sentence)
    words = _wording(sentence[n.end : end])
    return (words, end) if words and len(words.split()) <= _OBJECT_WORDS else None


def _label_before(sentence: str, clause_start: int, floor: int) -> str:
    """The words before the colon or the bracket that ended the clause before a value, where they name its measure:
    `(3). Tổng sản lượng lương thực có hạt: 185 nghìn tấn`, `Giá trị sản xuất công nghiệp (giá so sánh 2010) ước đạt
    4.246,62 tỷ đồng`. `floor`: the end of the value before."""
    head = sentence[floor:clause_start].rstrip()
    if head.endswith(":"):
        end = floor + len(head) - 1
    elif head.endswith(")") and "(" in head:
        end = floor + head.rindex("(")
    else:
        return ""
    label = sentence[_clause_start(sentence, end, floor) : end]
    # A colon in a bracket (`(Nghị quyết: trên 50%)`, `(năm 2015, lần lượt các chỉ số là: …)`) notes a plan or a
    # list of the measure before: no label.
    return "" if "(" in label or ")" in label else _wording(label)


def _clause_start(sentence: str, pos: int, previous_end: int) -> int:
    """Where the clause of the value at `pos` begins: after the previous value (`tăng 5,1%, Công nghiệp …`) or
    after the last clause end between them."""
    start = previous_end
    for m in _CLAUSE_END.finditer(sentence, start, pos):
        start = m.end()
    return start


def _wording(before: str) -> str:
    text = _FIGURES_IN_BRACKETS.sub(" ", before) if "(" in before else before
    text = _DATE_WORDS.sub(" ", text) if "/" in text else text
    lead_in = "rong đó" in text or "iêng" in text or "ồm" in text  # a scan only where its words are
    if lead_in and (head := _last(_LEAD_IN.finditer(text))):  # `so với cuối năm 2012, trong đó nguồn vốn …`
        text = text[head.end() :]
    text = _LEAD_WORDS.sub("", text)
    text = _without_tail(text).strip(" ,;:-–(")
    return " ".join(text.split())[:160]


def _without_tail(text: str) -> str:
    """`text` less the tail words it ends in and the spaces, commas, colons and brackets between them: the longest
    such end, as a regex of the words and separators anchored at the end would take it."""
    if len(text) > 120:  # the tail is short: read the end, and all of it only when the end is tail throughout
        head = len(text) - 100
        end = _without_tail(text[head:])
        return text[:head] + end if end else _without_tail_all(text)
    return _without_tail_all(text)


def _without_tail_all(text: str) -> str:
    tokens = _TOKENS.findall(text)
    n = len(tokens)
    free = [False] * (n + 1)  # free[j]: tokens[j:] are tail words and separators only
    free[n] = True
    start = pos = len(text)
    run = 0  # tokens in a row that are not free: a phrase spans at most five, so past five none can be
    for j in range(n - 1, -1, -1):
        token = tokens[j]
        pos -= len(token)
        if not (token[0].isalnum() or token[0] == "_"):
            kept = len(token)
            while kept and (token[kept - 1].isspace() or token[kept - 1] in ",:("):
                kept -= 1
            if kept:  # a character no tail holds (`.`, `-`): the tail may start after it, never before
                if free[j + 1]:
                    start = pos + kept
                break
            free[j] = free[j + 1]
        else:
            free[j] = any(free[j + k] and _tail_phrase(tokens[j : j + k]) for k in (1, 3, 5) if j + k <= n)
        if free[j]:
            start, run = pos, 0
        else:
            run += 1
            if run >= 5:
                break
    return text[:start]


def _tail_phrase(tokens: list[str]) -> bool:
    """Words (with the separators between them) that are one tail phrase."""
    if len(tokens) == 1 and len(tokens[0]) == 4 and tokens[0].isdecimal():
        return True
    if len(tokens) == 3 and tokens[0].lower() == "năm" and tokens[1].isspace() and len(tokens[2]) == 4:
        return tokens[2].isdecimal()
    return "".join(tokens).lower() in _TAIL_WORDS


def _kind_and_value(
    sentence: str, n: NumberMatch, before: str, wording: str, of_a_rate: bool
) -> tuple[str, float, float | None, str]:
    """The kind, the value (signed), its top and the unit; `of_a_rate`: the measure before is a rate, so that
    `vượt 0,3% kế hoạch` is a gap of 0.3 points, not 100.3 % of the plan."""
    after = sentence[n.end : n.end + 30]
    if n.unit == "lần":
        return "ratio_to_previous", n.value, None, "lần"
    verb_zone = before[-30:]
    if (
        of_a_rate
        and n.unit == "%"
        and _TO_PLAN_AFTER.match(after)
        and re.search(r"(?:vượt|hụt|thấp hơn)\s*$", verb_zone)
    ):
        sign = -1.0 if "vượt" not in verb_zone[-8:] else 1.0
        return "change", sign * n.value, None, "điểm %"
    kind, value, value_max = _kind_and_signed(sentence, n, before, wording)
    return kind, value, value_max, n.unit


def _kind_and_signed(sentence: str, n: NumberMatch, before: str, wording: str) -> tuple[str, float, float | None]:
    after = sentence[n.end : n.end + 30]
    verb_zone = _AVERAGE.sub("", before[-50:])[-30:]  # `giảm nhanh, bình quân 4,75%/năm`: the verb before the average
    value, value_max = n.value, n.value_max
    reached = bool(_REACHED.search(verb_zone))  # `giảm còn 5,28‰`: the level reached, not the change
    down = not reached and bool(_DOWN.search(verb_zone))
    up = not reached and bool(_UP.search(verb_zone))
    if n.unit == "%" and (plan_before := _PLAN_THEN_VALUE.search(verb_zone)):
        # `vượt kế hoạch 4%` is 104 % of the plan; `vượt kế hoạch 127%` can only be the ratio itself
        over = plan_before.group(1).lower() == "vượt" and value <= 100
        return "ratio_to_plan", value + 100 * over, None if value_max is None else value_max + 100 * over
    if n.unit == "%" and _RATIO_VERB.search(verb_zone) and _TO_PLAN_AFTER.match(after):
        if verb_zone.rstrip().lower().endswith("vượt"):
            return "ratio_to_plan", 100 + value, None if value_max is None else 100 + value_max
        return "ratio_to_plan", value, value_max
    if n.unit == "%" and _RATIO_VERB.search(verb_zone) and _TO_PREVIOUS_AFTER.match(after) and not up:
        return "ratio_to_previous", value, value_max
    reduction = bool(_REDUCTION_NAME.match(wording))
    sign = -1.0 if down and not reduction else 1.0
    signed = (sign * value, None if value_max is None else sign * value_max)
    if sign < 0 and value_max is not None:
        signed = (-value_max, -value)
    if n.unit in ("điểm %", "‰") and (up or down or reduction):
        return "change", *signed
    if n.unit == "%":
        rate = bool(_RATE_WORDS.search(wording))
        if reduction:
            return "change", value, value_max
        if up or down or _GROWTH_WORDS.search(wording):
            if rate and not _GROWTH_WORDS.search(wording) and "xuống" not in verb_zone:
                return "change", *signed
            if "xuống" in verb_zone or "lên" in verb_zone:
                return "share", value, value_max
            return "growth", *signed
        return "share", value, value_max
    if up or down:
        return "change", *signed
    if n.unit in ("‰",):
        return "share", value, value_max
    money_or_amount = n.unit in _AMOUNTS or base_unit(n.unit) in _AMOUNTS  # `triệu m³` is an amount as `m³` is
    return ("level" if money_or_amount else "count"), value, value_max


# The units of an amount (a level), not of a count of things.
_AMOUNTS = frozenset({
    "tỷ đồng", "triệu đồng", "nghìn đồng", "đồng", "nghìn tỷ đồng", "USD", "triệu USD", "nghìn USD", "ha", "nghìn ha",
    "tấn", "nghìn tấn", "m³", "m²", "km", "MW", "triệu kWh", "tỷ kWh", "kWh", "triệu đồng/người/năm",
    "triệu đồng/người", "tạ/ha", "tấn/ha",
})  # fmt: skip


class _Marks:
    """Where a sentence names statuses and periods, found once for all the values in it (a long sentence of many
    values would otherwise be scanned again for each), and only when a value asks (most need a few of them)."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence

    def _marks(self, pattern: re.Pattern[str], *needed: str) -> list[re.Match[str]]:
        return list(find_where(pattern, self.sentence, *needed))

    @cached_property
    def clause_ends(self) -> tuple[list[re.Match[str]], list[int]]:
        ends = list(_CLAUSE_END.finditer(self.sentence))
        return ends, [m.end() for m in ends]

    def clause_start(self, pos: int) -> int:
        """Where the clause of the value at `pos` begins, from the sentence's start (`_clause_start(sentence, pos,
        0)`), found among the sentence's clause ends read once: scanned again for each value, a sentence of
        thousands of values took quadratic time. A bracket the value is in is no clause end for it; the scan up to
        the value finds what lies between the bracket's opening and the value instead."""
        ends, positions = self.clause_ends
        i = bisect_right(positions, pos)
        start = positions[i - 1] if i else 0
        if i < len(ends) and ends[i].start() < pos:
            for m in _CLAUSE_END.finditer(self.sentence, ends[i].start() + 1, pos):
                start = m.end()
        return start

    @cached_property
    def targets(self) -> list[re.Match[str]]:
        return self._marks(_TARGET, "hấn đấu", "ục tiêu", "ịnh hướng", "ự kiến", "ầm nhìn")

    @cached_property
    def estimates(self) -> list[re.Match[str]]:
        return self._marks(_ESTIMATE, "ước", "Ước")

    @cached_property
    def cumulative(self) -> list[re.Match[str]]:
        return self._marks(_CUMULATIVE, "ũy kế", "uỹ kế")

    @cached_property
    def by_year(self) -> list[re.Match[str]]:
        return self._marks(_BY_YEAR, "năm")

    @cached_property
    def yearly(self) -> list[re.Match[str]]:
        return self._marks(_YEARLY, "năm")

    @cached_property
    def ranges(self) -> list[re.Match[str]]:
        return self._marks(_PERIOD_RANGE, "-", "–")

    @cached_property
    def until(self) -> list[re.Match[str]]:
        return self._marks(_UNTIL_DATE, "/")

    @cached_property
    def months(self) -> list[re.Match[str]]:
        return self._marks(_MONTHS, "tháng")

    @cached_property
    def years(self) -> list[re.Match[str]]:
        """`năm 2013`, not a year compared with (`so với năm 2012`)."""
        return [
            m for m in self._marks(_YEAR_WORD, "ăm ")
            if not _BASE_YEAR.search(self.sentence, max(0, m.start() - 30), m.start())
        ]  # fmt: skip

    @cached_property
    def whole_year(self) -> list[re.Match[str]]:
        return self._marks(_WHOLE_YEAR, "năm")


def _within(marks: list[re.Match[str]], lo: int, hi: int) -> re.Match[str] | None:
    """The last of `marks` inside [lo, hi)."""
    for m in reversed(marks):
        if m.start() >= lo and m.end() <= hi:
            return m
    return None


def _status(marks: _Marks, n: NumberMatch, clause_start: int, outlook: Outlook) -> str:
    if _within(marks.targets, clause_start, n.start) or (
        outlook.status == "target" and _within(marks.targets, n.start - 120, n.start)
    ):
        return "target"
    # `ước` covers its clause up to the next `;`, over the values after it (`sản lượng ước đạt 133.100 tấn, bằng
    # 60,5% kế hoạch, tăng 260 tấn`), and a sentence that opens with it.
    clause = marks.clause_start(n.start)
    if _within(marks.cumulative, min(clause, clause_start), n.start):
        return "actual"  # `lũy kế giải ngân 2.733 tỷ đồng`: what has been done so far, in a sentence of estimates too
    if _within(marks.estimates, min(clause, clause_start), n.start) or _within(marks.estimates, 0, min(60, n.start)):
        return "estimate" if outlook.status != "target" else "target"
    if (until := _within(marks.by_year, 0, n.start)) and (outlook.year is None or int(until.group(1)) > outlook.year):
        return "target"  # `Đến năm 2020: … khoảng 38%` in a text of 2017
    return outlook.status


def _period(sentence: str, marks: _Marks, n: NumberMatch, clause_start: int, outlook: Outlook) -> str:
    yearly = _PER_YEAR.match(sentence, n.end) or _within(marks.yearly, clause_start, n.end)
    if yearly and (r := _within(marks.ranges, 0, len(sentence))):
        return _years(r)
    if yearly and outlook.status == "target" and outlook.year and outlook.period == str(outlook.year):
        return f"{outlook.year - 4}/{outlook.year}"  # `bình quân 7%/năm` among targets for 2025: the five years
    if r := _within(marks.ranges, clause_start, n.end):
        return _years(r)
    for lo, hi in ((clause_start, n.end), (0, n.start)):  # the clause, then what the sentence said before
        if d := _within(marks.until, lo, hi):
            return _until(d)
        if m := _within(marks.months, lo, hi):
            year = m.group(2) or (str(outlook.year) if outlook.year else "")
            months = int(m.group(1))
            if year and 1 <= months <= 12:
                return f"{year}-01/{year}-{months:02d}" if months < 12 else year
        if y := _within(marks.years, lo, hi):
            return y.group(1)
        if _within(marks.whole_year, lo, hi) and outlook.year:
            return str(outlook.year)
    return outlook.period


def _starts_a_change(sentence: str, n: NumberMatch) -> bool:
    """The value a change starts from: `giảm tỷ lệ hộ nghèo từ 31,82% xuống còn 27,82%`."""
    return bool(_FROM_BEFORE.search(sentence, max(0, n.start - 6), n.start) and _CHANGE_TO_VALUE.match(sentence, n.end))


def _starting_period(sentence: str, n: NumberMatch, period: str) -> str:
    """The period of the value a change starts from: its own year where one follows it (`từ 65 tuổi năm 2015 lên
    …`), else the year before the period of its clause (in the report's 2013: the rate at the end of 2012)."""
    if year := _YEAR_AFTER.match(sentence, n.end):
        return year.group(1)
    first = re.search(r"\d{4}", period)
    return str(int(first.group()) - 1) if first else period


def _until(m: re.Match[str]) -> str:
    """`đến 31/10/2013` → the months from January; `đến 31/12/2013` → the year."""
    month, year = int(m.group(1)), m.group(2)
    return year if month == 12 else f"{year}-01/{year}-{month:02d}"


def _years(m: re.Match[str]) -> str:
    a, b = m.group(1), m.group(2)
    if len(b) == 2:
        b = a[:2] + b
    return f"{a}/{b}"


def _last(matches: Iterable[re.Match[str]]) -> re.Match[str] | None:
    last = None
    for m in matches:
        last = m
    return last


_BRACKET = re.compile(r"[()]")


def _place(sentence: str, place_hits: list[tuple[int, int, str, bool]], clause_start: int, pos: int) -> str | None:
    """The place named in the clause before the value, unless it is the report's province or it is in brackets
    that close before the value (`05 đô thị loại IV (…, thị trấn Thanh Bình) và 15 đô thị loại V`: the list of
    the figure before)."""
    inside = [p for p in place_hits if clause_start <= p[0] and p[1] <= pos]
    if not inside:
        return None
    closed = _closed_brackets(sentence, clause_start, pos)
    opens = [o for o, _c in closed]
    for start, end, key, is_province in reversed(inside):
        i = bisect_right(opens, start) - 1
        if i < 0 or closed[i][1] < end:  # in no bracket closed before the value
            return None if is_province else key
    return None


def _closed_brackets(sentence: str, start: int, stop: int) -> list[tuple[int, int]]:
    """The brackets that open and close in `sentence[start:stop]`, outermost only, in order: one pass (the text
    between a place and a value was read again for each place: quadratic for a clause of a thousand places)."""
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for m in _BRACKET.finditer(sentence, start, stop):
        if m.group() == "(":
            stack.append(m.start())
        elif stack:
            opened = stack.pop()
            while spans and spans[-1][0] > opened:  # the brackets inside it
                spans.pop()
            spans.append((opened, m.start()))
    return spans
