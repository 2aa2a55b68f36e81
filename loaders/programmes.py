"""Programmes: national target programmes (`Chương trình mục tiêu quốc gia …`, `CTMTQG`, `MTQG …`),
`Chương trình 135`, `30a`, `OCOP`, and named programmes, schemes and projects (`Đề án …`, `Dự án …`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policykg.ontology.reference import ReferenceProgramme, load_reference
from policykg.text import ABBREVIATIONS, UPPER, find_where, fold, match_key

NATIONAL, NAMED, SCHEME, PROJECT = "national-target", "named-programme", "scheme", "project"
PLAN, STRATEGY, ACTION = "plan", "strategy", "action-programme"
PLAN_KINDS = (PLAN, STRATEGY, ACTION)
# The kind of a plan-like entity, by its first word (lower case).
_PLAN_KINDS = {"đề án": SCHEME, "dự án": PROJECT, "quy hoạch": PLAN, "kế hoạch": PLAN, "chiến lược": STRATEGY,
               "chương trình hành động": ACTION}  # fmt: skip
# `đạt kế hoạch`, `so với kế hoạch`: the plan as a yardstick, not a named plan.
_YARDSTICK_BEFORE = re.compile(r"(?:đạt|vượt|so với|bằng|theo|với|hoàn thành|của)\s*$", re.IGNORECASE)

_NATIONAL_WORDS = r"(?:mục tiêu [Qq]uốc gia|MTQG)"  # after `Chương trình`: a national target programme
_NATIONAL = re.compile(
    rf"(?<![\wĐđ])(?:(?:Chương trình|chương trình|CHƯƠNG TRÌNH|CT)\s+{_NATIONAL_WORDS}"
    r"|CTMTQG|CTMT\s?QG|CTMT)\s*(?:về\s+)?(?P<rest>[^;:.()\n…]{0,160})"
)
_NUMBERED = re.compile(
    r"(?<![\wĐđ])(?:Chương trình|chương trình|Nghị quyết|NQ|Chương Trình)\s+(?P<n>135|30a)(?![\w/-])"
)
_OCOP = re.compile(r"(?<![\wĐđ])(?:OCOP|[Mm]ỗi xã một sản phẩm)(?![\w])")
_NAMED = re.compile(
    r"(?<![\wĐđ])(?P<word>(?:[Đđ]iều chỉnh\s+)?(?:[Qq]uy hoạch)|Đề án|đề án|Dự án|dự án|Chương trình hành động|"
    r"chương trình hành động|Chương trình|chương trình|Chiến lược|chiến lược|Kế hoạch|kế hoạch)\s+"
    # A lookahead: a name may hold the next plan's word. A period in brackets (`5 năm (2011-2015)`) is in it.
    # A name goes on over a line break, unless the next line starts an item (`2.`, `-`, `a)`).
    r"(?=(?P<rest>[“\"]?(?:[^;:.()\n…]|\n(?![\d\-–+•*]|\w\))|\(\d{4}\s*[-–]\s*\d{2,4}\)){3,200}))"
)
_QUOTED_LIST = re.compile(
    r"(?<![\wĐđ])(?:(?:các|những)\s+)?(?P<word>đề án|dự án|chương trình|Đề án|Dự án|Chương trình)"
    r"\s*(?:như)?\s*:\s*(?=[“\"])"
)
_SUCH_AS = re.compile(r"\s*như\s*(?::|$|\s)")
_NATIONAL_REST = re.compile(rf"{_NATIONAL_WORDS}\b")
_PLURAL_BEFORE = re.compile(r"(?:các|những|một số|số|và|hoặc|mỗi|từng|\d+)\s*$", re.IGNORECASE)
# A plan word in a law's title (`Luật Quy hoạch đô thị`) is no plan.
_LAW_BEFORE = re.compile(r"(?<![\wĐđ])(?:Luật|Bộ luật|Pháp lệnh|LUẬT)\s*$")
# A lower-case plan word after another plan word (`các chương trình, dự án …`, `09 đề tài, dự án`, `hợp đồng dự
# án`): one of a list of kinds, or a kind of contract, not a title.
_KIND_BEFORE = re.compile(r"(?<![\wĐđ])(?:chương trình|dự án|đề án|đề tài|nghị quyết|kế hoạch|hợp đồng),?\s*$")
_NAME_END = re.compile(
    # (`để` ends a name, `triệt để`, thoroughly, does not: `Kế hoạch xử lý triệt để các cơ sở gây ô nhiễm …`)
    r"\s(?:của|do|theo|được|đã|đang|sẽ|nhằm|với|cho|tại|trên|đạt|bằng|thì|là|gồm|như|từ|để(?<!triệt để)|vào|còn|chưa"
    r"|và các"
    r"|tiếp tục|hoàn thành|vẫn|cũng|bị|gửi|trình(?<![Cc]hương trình)|lên|xuống)(?:\s|$)"  # `… nông nghiệp như:`
    r"|,\s|\s[-–]\s(?=[A-ZĐ])|”|\"|$"
    # `Kế hoạch X và Kế hoạch Y`: two plans, not one name
    r"|\svà\s+(?=(?:Kế hoạch|Quy hoạch|Đề án|Dự án|Chương trình|Chiến lược|Nghị quyết|Quyết định)\b)"
    # `dự án cài đặt phần mềm … và triển khai kế hoạch ISO`: a second thing done, not the title going on
    r"|\svà\s+(?=(?:tiếp tục\s+|tập trung\s+)?(?:triển khai|thực hiện|tổ chức|hoàn thành|ban hành|đẩy mạnh)\b)"
)
_A_NAME = rf"[{UPPER}][\wĐđ]*(?: [{UPPER}0-9][\wĐđ]*)*"
# A title's own scope (`… trên địa bàn tỉnh Lai Châu`) stays in the name.
_SCOPE_IN_TITLE = re.compile(
    rf"\s+trên địa bàn(?:\s+(?:tỉnh|huyện|thành phố|thị xã|xã))?(?:\s+{_A_NAME})?(?=[\s,;.]|$)"
)
_PLANT_LIST = re.compile(
    rf":\s*[{UPPER}][\wĐđ]*(?: [{UPPER}0-9][\wĐđ]*)*(?:\s*(?:,|và)\s*[{UPPER}][\wĐđ]*(?: [{UPPER}0-9][\wĐđ]*)*)*"
)
# A title's period or horizon after a comma (`…, giai đoạn 2016 - 2020`, `…, tầm nhìn đến năm 2030`).
_PERIOD_AFTER = re.compile(
    r",\s*(?:(?:giai đoạn|GĐ|thời kỳ)\s*\d{4}\s*[-–]\s*\d{2,4}|(?:định hướng|tầm nhìn)\s+(?:đến\s+)?(?:năm\s+)?\d{4})"
)
_PERIOD = re.compile(r"(?:giai đoạn|GĐ|thời kỳ|năm)\s*(\d{4})\s*[-–]\s*(\d{2,4})")
# A plan word (`quy hoạch`, `kế hoạch`, `dự án` …) followed by these is a generic phrase: a plan may be `tổng
# thể` or `hành động`, but not `năm 2024` (a year's targets) or `vốn` (a budget allocation).
_GENERIC_PLAN_OPENERS = (
    "số", "này", "trên", "của", "và", "để", "đã", "được", "với", "theo", "đang", "sẽ", "đề ra", "nêu trên", "khác",
    "cụ thể", "chung của", "là", "từ", "trong", "năm", "tại", "ở", "cho", "nhằm", "gồm", "bao gồm", "đạt", "vốn",
    "thành phần", "trọng điểm", "đầu tư công", "đầu tư xây dựng", "giao", "tháng", "quý", "kinh doanh", "ngành",
    "ngân sách", "bảo vệ và phát triển rừng năm", "phân bổ", "tổ chức", "kiểm tra",
    "giám sát", "sử dụng vốn", "mới", "lần lượt", "thuộc",  # `dự án thuộc các Chương trình …`: a kind of project
)  # fmt: skip
# … and `dự án` followed by these is a kind of project, not one (`dự án áp dụng cơ chế đặc thù`, `dự án sử dụng
# vốn nhà nước`, `dự án đầu tư có sử dụng đất`, `dự án trình thẩm định`), where a plan may be titled so
# (`Quy hoạch sử dụng đất`, `Kế hoạch sử dụng đất`).
_GENERIC_DU_AN = (
    "áp dụng",
    "sử dụng",
    "đầu tư có",
    "trình thẩm định",
    "trình phê duyệt",
    "trình duyệt",
    "khuyến khích",
)
# … and `kế hoạch` followed by these is a business's or a year's plan (`kế hoạch sản xuất kinh doanh`).
_GENERIC_KE_HOACH = ("sản xuất", "thu", "chi", "tài chính", "tuyển sinh", "biên chế")
# A plan word followed by a verb of state or a modal is the subject of a clause, not a title: `Dự án còn chậm`,
# `Đề án gặp nhiều khó khăn`, `Dự án phải thu hồi đất`, `Dự án có vốn đầu tư nước ngoài`, `Chương trình kèm theo`.
_STATE_OPENERS = (
    "có", "phải", "còn", "chưa", "gặp", "sớm", "cần", "bị", "chậm", "vẫn", "hoàn thành", "tiếp tục", "kèm theo",
    "cấp có thẩm quyền",
)  # fmt: skip
# A programme word followed by these is a generic phrase, not a name (`Chương trình trọng điểm`, `Đề án của Tỉnh ủy`).
_GENERIC_OPENERS = (
    "số", "trọng điểm", "hành động", "công tác", "làm việc", "này", "trên", "đầu tư", "của", "và", "để", "nhiệm kỳ",
    "đã", "được", "với", "theo", "đang", "sẽ", "đề ra", "nêu trên", "trên", "khác", "cụ thể", "tổng thể", "chung",
    "là", "từ", "trong", "giai đoạn", "năm", "tại", "ở", "cho", "nhằm", "gồm", "bao gồm", "đạt", "thuộc",
    # `chương trình` is also a curriculum, a show or a school year's timetable
    "giáo dục", "nghệ thuật", "năm học", "biểu diễn", "văn nghệ",
)  # fmt: skip


@dataclass(frozen=True)
class ProgrammeMatch:
    start: int
    end: int
    name: str
    kind: str
    reference: ReferenceProgramme | None
    period: tuple[int, int] | None


@lru_cache(maxsize=1)
def _by_cue() -> list[tuple[str, ReferenceProgramme]]:
    cues = [(match_key(cue), p) for p in load_reference().programmes for cue in p.cues]
    return sorted(cues, key=lambda c: len(c[0]), reverse=True)


def _reference_named(*phrases: str) -> ReferenceProgramme | None:
    for phrase in phrases:
        key = f" {match_key(expand(phrase))} "
        for cue, programme in _by_cue():
            if f" {cue} " in key:
                return programme
    return None


def expand(text: str) -> str:
    for abbr, words in ABBREVIATIONS.items():
        text = re.sub(rf"(?<![\wĐđ&]){re.escape(abbr)}(?![\wĐđ&])", words, text)
    return text


def find_programmes(text: str) -> list[ProgrammeMatch]:
    """Programmes named in one paragraph, in order, without overlaps."""
    found: list[ProgrammeMatch] = []

    def add(match: ProgrammeMatch) -> None:
        # A plan named by what it carries out holds that name (`Kế hoạch thực hiện Chương trình OCOP`): both are
        # entities. Otherwise two names that share words are one name read twice.
        clash = [p for p in found if p.start < match.end and match.start < p.end]
        if all(_carries_out(text, p, match) or _carries_out(text, match, p) for p in clash):
            found.append(match)

    refs = {p.iri.rsplit("/", 1)[-1]: p for p in load_reference().programmes}
    for m in find_where(_NUMBERED, text, "135", "30a"):
        numbered = refs["chuong-trinh-135" if m.group("n") == "135" else "chuong-trinh-30a"]
        add(ProgrammeMatch(m.start(), m.end(), numbered.name, NAMED, numbered, None))
    for m in find_where(_NATIONAL, text, "mục tiêu quốc gia", "mục tiêu Quốc gia", "MTQG", "CTMT"):
        if _PLURAL_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        rest = _cut_name(m.group("rest"))
        if _generic(rest):
            continue
        period = _period(text[m.end("rest") - len(m.group("rest")) : m.end() + 30])
        ref = _reference_named(rest)
        if ref is None and len(rest.split()) < 2:
            continue
        end = m.start("rest") + len(rest)
        name = ref.name if ref else "Chương trình mục tiêu quốc gia " + expand(rest)
        add(ProgrammeMatch(m.start(), end, name, NATIONAL, ref, period))
    for m in find_where(_NAMED, text, "uy hoạch", "ề án", "ự án", "hương trình", "hiến lược", "ế hoạch"):
        before = text[max(0, m.start() - 16) : m.start()]
        word = m.group("word")
        head = word.lower().removeprefix("điều chỉnh").strip()
        quoted = m.group("rest").startswith(("“", '"'))  # `… và Đề án “Hỗ trợ …”`: a title, whatever comes before
        # `… và Kế hoạch xây dựng …`: a capitalised title after `và` is one more title, not a plural.
        titled = word[0].isupper() and re.search(r"(?:và|hoặc)\s*$", before)
        plural = _PLURAL_BEFORE.search(before) and not quoted and not titled
        listed = word[0].islower() and _KIND_BEFORE.search(before)
        in_law = _LAW_BEFORE.search(before)
        if plural or listed or in_law or (head == "kế hoạch" and _YARDSTICK_BEFORE.search(before)):
            continue
        if head == "chương trình" and _NATIONAL_REST.match(m.group("rest")):
            continue  # a national target programme: read above, by its own rules (a bare one is none)
        if owner := _OWNER_THEN_TITLE.match(m.group("rest")):
            # `Đề án của Thủ tướng Chính phủ về ổn định dân cư …`: the title is what the scheme is about
            title = _cut_name(m.group("rest")[owner.end() :])
            if _plausible_name(title, head):
                start = m.start("rest") + owner.end()
                name = f"{word[0].upper()}{word[1:]} {expand(title)}"
                kind = _PLAN_KINDS.get(head, NAMED)
                add(ProgrammeMatch(m.start(), start + len(title), name, kind, None, _period(title)))
            continue
        carried = _CARRIES_OUT.match(" " + m.group("rest"))
        # `Kế hoạch của UBND tỉnh thực hiện Nghị quyết X`: named only by what it carries out.
        by_what_it_carries_out = bool(carried) and m.group("rest").startswith("của ")
        rest = (
            m.group("rest")[: carried.end() - 1] if carried and by_what_it_carries_out else _cut_name(m.group("rest"))
        )
        if rest.endswith(("thủy điện", "thuỷ điện")) and (
            plants := _PLANT_LIST.match(text, m.start("rest") + len(rest))
        ):
            rest += plants.group(0)  # `… vùng tái định cư các dự án thủy điện: Lai Châu, Huội Quảng, Bản Chát`
        ref = _reference_named(rest)
        if ref is not None and not fold(ref.name).startswith(fold(word)):
            ref = None  # `Dự án giảm nghèo tỉnh Lai Châu` is a project of its own, not the national programme
        if ref is None and not quoted and _SUCH_AS.match(m.group("rest"), len(rest)):
            continue  # `Dự án hỗ trợ vùng đồng bào dân tộc như …`: a kind of project, its examples follow
        plausible = by_what_it_carries_out or _plausible_name(rest, head)
        if word[0].islower() and ref is None and not quoted and head in ("dự án", "đề án"):
            # Lower case, a project or scheme is titled by a proper name, a number or quotes in it (`dự án kè sông
            # Tiền`); without, it is a kind of work (`dự án đầu tư trên địa bàn tỉnh`). Not `chương trình`, whose
            # names are often all lower case (`chương trình tiêm chủng mở rộng`).
            plausible = plausible and bool(re.search(rf"[{UPPER}0-9“\"]", rest))
        if not plausible or (word[0].islower() and ref is None and len(rest.split()) < 3):
            continue  # a lower-case `chương trình` or `dự án` and a word or two is a generic phrase
        kind = _PLAN_KINDS.get(head, NAMED)
        if ref and ref.national and word.lower() == "chương trình":
            kind = NATIONAL
        end = m.start("rest") + len(rest)
        title = " ".join(expand(rest).strip('“”" ').split())
        name = ref.name if ref else f"{word[0].upper()}{word[1:]} {title}"
        add(ProgrammeMatch(m.start(), end, name, kind, ref, _period(text[m.start("rest") : end + 30])))
    for m in find_where(_QUOTED_LIST, text, ":"):
        # `các đề án: “Tăng cường …”, “…”` and `dự án: “Hỗ trợ …”`: each quoted title is one.
        word = m.group("word").lower()
        kind = {"đề án": SCHEME, "dự án": PROJECT}.get(word, NAMED)
        for q in re.finditer(r"[“\"]([^”\"]{6,200})[”\"]", text[m.end() : m.end() + 1200]):
            if re.search(r"[.;]", text[m.end() : m.end() + q.start()].replace(q.group(0), "")):
                break
            start, end = m.end() + q.start(), m.end() + q.end()
            title = expand(q.group(1)).strip()
            add(ProgrammeMatch(start, end, f"{word.capitalize()} {title}", kind, None, _period(q.group(1))))
    ocop = refs["ocop"]
    for m in find_where(_OCOP, text, "OCOP", "ỗi xã một sản phẩm"):
        add(ProgrammeMatch(m.start(), m.end(), ocop.name, NAMED, ocop, None))
    return sorted(found, key=lambda p: p.start)


# A comma goes on with a title (`Đề án ổn định dân cư, phát triển kinh tế - xã hội vùng …`, `thủy điện Huội
# Quảng, Bản Chát`) unless what follows starts another item: an activity, another plan or document, a list.
_NEXT_ITEM = re.compile(
    r"(?:tổ chức|triển khai|thực hiện|hoàn thành|xây dựng|ban hành|tập trung|đẩy mạnh|tăng cường|chỉ đạo|rà soát|"
    r"kiểm tra|cho vay|giải ngân|phê duyệt|lập|trình|hướng dẫn|đôn đốc|duy trì|củng cố|vận động|tuyên truyền|"
    r"đầu tư|hỗ trợ|các|những|góp phần|đồng thời|nhất là|trong đó|đặc biệt|bước đầu|đã|đang|được|sẽ|cơ bản|"
    r"quy hoạch|kế hoạch|đề án|dự án|chương trình|chiến lược|nghị quyết|quyết định|chỉ thị|kết luận|"
    r"điều chỉnh|giao|tiếp tục|phối hợp|đảm bảo|bảo đảm|cải thiện|giảm|tăng|đạt|gắn|kết quả|đến nay|hiện nay|nhưng|"
    r"song|tuy|trong|còn|chưa|vẫn|cũng|do|vì|nên|với|từ|tại|theo|về|như|để|cho|gồm|là|và|sau|trước|mới)\b"
)
_CAPITALISED_NAME = re.compile(rf"[{UPPER}][\wĐđ]*(?: [{UPPER}0-9][\wĐđ]*){{0,2}}$")


def _continues_title(before: str, after: str) -> bool:
    """Whether the words after a comma go on with the title before it."""
    nxt = _NAME_END.search(after)
    segment = after[: nxt.start()] if nxt else after
    if not segment or len(before.split()) + len(segment.split()) > 30:
        return False
    if segment[0].isupper():  # `Huội Quảng, Bản Chát`: a name after a name
        return bool(before.rsplit(maxsplit=1)[-1][:1].isupper() and _CAPITALISED_NAME.match(segment))
    return not _NEXT_ITEM.match(segment.lower())


# `Kế hoạch hành động của UBND tỉnh thực hiện Nghị quyết số 01/NQ-CP`: a plan named by what it carries out is
# that plan, not any action plan: its name goes on to the document.
CARRY_OUT = r"(?:thực hiện|triển khai|cụ thể hóa|cụ thể hoá)"  # the verbs of carrying out a document
_OWNER_THEN_TITLE = re.compile(r"của\s+[^,;.()]{2,50}?\s+về\s+(?!việc\b)(?=\S)")
_CARRIES_OUT = re.compile(
    r"^\s*,?\s*(?:của\s+[^,;.()]{2,60}?\s+)?(?:về\s+)?(?:việc\s+)?(?:triển khai\s+)?"
    rf"{CARRY_OUT}\s+"
    r"(?:Nghị quyết|Quyết định|Chỉ thị|Kết luận|Chương trình|Đề án|Chiến lược|Luật|Nghị định|Thông báo)\s+"
    r"(?:số\s+)?[^\s,;.]+(?:\s+\((?:[Kk]hóa|khoá)\s+[XVIL]+\))?"
)


_CARRIES_OUT_VERB = re.compile(rf"{CARRY_OUT}\s*(?:[Cc]hương trình\s*)?[“\"]?$")


def _carried_out(name: str, after: str) -> str:
    m = _CARRIES_OUT.match(after)
    return name + after[: m.end()].rstrip(",;. ") if m else name


def _carries_out(text: str, outer: ProgrammeMatch, inner: ProgrammeMatch) -> bool:
    """`inner` lies in `outer` right after the words that say `outer` carries it out."""
    nested = outer.start < inner.start and inner.end <= outer.end
    return nested and bool(_CARRIES_OUT_VERB.search(text, outer.start, inner.start))


def _go_on(rest: str, name: str) -> str:
    """A name cut before `với` after `gắn` (`… nông thôn mới gắn với du lịch …`) or before the title's own scope
    (`… trên địa bàn tỉnh Lai Châu`) goes on to the next end of a name."""
    while True:
        if name.endswith(" gắn"):
            resume = len(name) + len(" với ")
        elif tail := _SCOPE_IN_TITLE.match(rest, len(name)):
            resume = tail.end()
        else:
            return name
        more = _NAME_END.search(rest, resume)
        name = rest[: more.start() if more else len(rest)].rstrip()
        if more is None:
            return name


def _cut_name(rest: str) -> str:
    quoted = re.match(r"\s*[“\"]([^”\"]{3,200})[”\"]", rest)
    if quoted:
        return rest[: quoted.end()]
    end = _NAME_END.search(rest)
    while end and end.group(0).startswith(",") and _continues_title(rest[: end.start()], rest[end.end() :]):
        end = _NAME_END.search(rest, end.end())
    name = rest[: end.start()] if end else rest
    words = name.split()
    name = " ".join(words[:30]) if len(words) > 30 else name.rstrip()
    name = _go_on(rest, name)
    if period := _PERIOD_AFTER.match(rest, len(name)):
        name = rest[: period.end()]  # `Đề án … tỉnh Lai Châu, giai đoạn 2016 - 2020`: its period is in its title
    name = re.sub(r"(?:\s+(?:và|hoặc|với|cùng))+$", "", name)  # `… thủy điện Sơn La và đã được …`
    if name.count("“") > name.count("”") and rest[len(name) : len(name) + 1] == "”":
        name += "”"  # `Đề án thực hiện cuộc vận động “Toàn dân …”`: the quoted title is the name's end
    return _carried_out(name, rest[len(name) :])


def _generic(rest: str, head: str = "chương trình") -> bool:
    lowered = re.sub(r"\s*[,;]\s*", " ", rest.lower()).strip()  # `Dự án thành phần, phương án …` opens as `thành phần`
    if re.match(r"số\s+(?!\d)", lowered):
        return False  # `Đề án số hóa …` is a title; `Đề án số 06` a document's number
    openers: tuple[str, ...] = _GENERIC_OPENERS if head == "chương trình" else _GENERIC_PLAN_OPENERS
    openers += _STATE_OPENERS + (_GENERIC_KE_HOACH if head == "kế hoạch" else ())
    openers += _GENERIC_DU_AN if head == "dự án" else ()
    return not lowered or any(lowered == g or lowered.startswith(g + " ") for g in openers)


def _plausible_name(rest: str, head: str) -> bool:
    words = rest.split()
    if len(words) < 2 and not rest.startswith(("“", '"')):
        return bool(re.fullmatch(r"\d{2,4}", rest.strip()))  # `Đề án 06`, `Đề án 1816`
    if _generic(rest, head) or re.match(r"\d", words[0]):
        return False
    if words[-1].lower() == "khác":
        return False  # `Dự án về bảo vệ môi trường khác`: the other projects of a kind, a budget line's category
    # A plan or strategy (`Quy hoạch`, `Chiến lược`) needs a title of some length; so does a project.
    return head in ("đề án", "chương trình", "chương trình hành động") or len(words) >= 3


def _period(text: str) -> tuple[int, int] | None:
    m = _PERIOD.search(text)
    if not m:
        return None
    start, end = int(m.group(1)), m.group(2)
    end_year = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
    return (start, end_year) if start <= end_year <= start + 30 else None
