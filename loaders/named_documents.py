"""Documents cited without a symbol: `Nghị quyết 30a`, `QĐ 134`, `Nghị quyết Trung ương 4 (khóa XI)`,
`Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIV`, `Luật Đầu tư công`, `Hiến pháp năm 2013`.

Names the reference data knows (`pkg:citedAs`) resolve to the known document and its symbol.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.loaders.citations import Citation, issuer_named, subject_span
from policykg.loaders.programmes import CARRY_OUT, NAMED, PLAN_KINDS, find_programmes
from policykg.ontology.reference import Issuer, KnownDocument, load_reference
from policykg.text import find_where, match_key

_ORDINALS = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
    "mười": 10, "mười một": 11, "mười hai": 12, "mười ba": 13,
}  # fmt: skip
_TERM = r"\(?\s*(?:[Kk]h(?:óa|oá)|KHÓA|KHOÁ)\s+(?P<term>[XVIL]+)\s*\)?"
_PLENUM = re.compile(
    r"(?<![\wĐđ])Nghị quyết\s+(?:Hội nghị\s+)?(?:lần thứ\s+(?P<ord>mười (?:một|hai|ba)|\w+)\s+)?"
    r"(?:(?:của\s+)?Ban [Cc]hấp hành\s+)?(?:Trung ương|TW|TƯ)(?:\s+Đảng)?(?:\s+(?P<n>\d{1,2}))?"
    rf"(?:\s*,?\s*{_TERM})?"
)
_CONGRESS = re.compile(
    r"(?<![\wĐđ])(?:Nghị quyết|NGHỊ QUYẾT)\s+(?:Đại hội|ĐẠI HỘI)\s+(?:đại biểu\s+)?"
    r"(?P<prov>(?:Đảng bộ tỉnh|ĐẢNG BỘ TỈNH)\s+)?"
    r"(?:toàn quốc\s+)?(?:lần thứ\s+|LẦN THỨ\s+)?(?P<num>[XVIL]{1,6})\b"
    r"(?P<tail>\s+(?:của\s+)?(?:Đảng bộ tỉnh|Đảng\b|Đảng bộ))?"
)
_NUMBER_ONLY = re.compile(
    # `đề án 1816` too: a scheme is known by its number, in either case
    r"(?<![\wĐđ])(?P<word>Nghị quyết|Quyết định|Nghị định|Chỉ thị|[Đđ]ề án|NQ|QĐ|NĐ)\s+(?:số\s+)?"
    r"(?P<num>\d{1,5}[a-z]?)(?![\w/–-]|\.\d|,\d)"
)
_LAW_WORDS = ("Luật", "Pháp lệnh", "Bộ luật")
# `Luật sửa đổi, bổ sung một số điều của Luật A, Luật B … ngày 29 tháng 11 năm 2024`: one law, named by the laws it
# amends (which are part of its name, not cited beside it); its name runs to its date or number, or the clause end.
_AMENDING_LAW = re.compile(
    r"(?<![\wĐđ])Luật (?i:sửa đổi,? bổ sung (?:một số điều của )?)(?:Luật|Bộ luật|Pháp lệnh) "
    r".+?(?=\s+(?:ngày|năm|số)\s+\d|\s*[;.]|$)"
)
# … and each law its name lists: `… của Luật Chứng khoán, Luật kế toán, … và Luật Đấu thầu`.
_AMENDED_LAW = re.compile(
    r"(?:của|,|và)\s+(?P<law>(?P<word>Luật|Bộ luật|Pháp lệnh)\s+.+?)"
    r"(?=\s*,\s*(?:Luật|Bộ luật|Pháp lệnh)\s|\s+và\s+(?:Luật|Bộ luật|Pháp lệnh)\s|\s*$)"
)
# A title does not run on over the next law of a list (`Luật Đầu tư công, Luật Đầu tư, Luật Quy hoạch`): each is read.
_LAW = re.compile(
    r"(?<![\wĐđ])(?P<word>Luật|Pháp lệnh|Bộ luật)\s+"
    r"(?P<title>[A-ZĐ][\wĐđ&]*(?:,? (?!(?:Luật|Bộ luật|Pháp lệnh)\s)[\wĐđ&]+){0,9})"
)
# A title in lower case (`Luật phí và lệ phí ngày 25/11/2015`) is a law where its date or number follows it.
_LAW_LOWER = re.compile(
    r"(?<![\wĐđ])(?P<word>Luật|Pháp lệnh|Bộ luật)\s+"
    r"(?P<title>(?!này\b|đó\b|hiện hành\b)[a-zđà-ỹ][\wĐđ&]*(?:,?\s[\wĐđ&]+){0,14}?)(?=\s+(?:ngày|năm|số)\s+\d|\s*;)"
)
# … and, without a date, where a clause ends after it (`thực hiện Luật xử lý vi phạm hành chính và các nghị định`,
# `Pháp lệnh tín ngưỡng, tôn giáo.`): up to eight lower-case words. Not a plural (`các Luật chuyên ngành`) nor
# the common nouns the word begins (`Luật pháp`, `Luật sư`, `Luật tục`).
_LAW_BARE = re.compile(
    r"(?<![\wĐđ])(?<!các )(?<!những )(?P<word>Luật|Pháp lệnh|Bộ luật)\s+"
    r"(?P<title>(?!(?:này|đó|hiện hành|pháp|sư|tục|lệ|định|học|chơi|mới|cũ|chung|chuyên ngành|khác|liên quan)\b)"
    r"[a-zđà-ỹ][\wđà-ỹ]*(?:,?\s[a-zđà-ỹ][\wđà-ỹ]*){0,7}?)"
    r"(?=\s*[.;:()!?]|\s*$|\s+và (?:các|những)\s|,\s(?:Luật|Bộ luật|Pháp lệnh)\s"
    r"|\s+(?:năm\s+)?\d{4}\b|\s+(?:đã|được|có|là|cho|để|nhằm|theo|tại|trong|trên|với|về|đến|từ|của|khi|do)\s)",
    re.MULTILINE,
)
# … and where an article of it is cited (`Điều 1 của Luật trẻ em (…)`), to the end of its lower-case words.
_LAW_OF_ARTICLE = re.compile(
    r"(?<![\wĐđ])(?:Điều|khoản|điểm)\s+\d{1,3}[a-zđ]?\s+(?:của\s+)?(?P<word>Luật|Bộ luật)\s+"
    r"(?P<title>(?!này\b|đó\b|hiện hành\b)[a-zđà-ỹ][\wđà-ỹ]*(?:\s[a-zđà-ỹ][\wđà-ỹ]*){0,8}?)"
    r"(?=\s*[(,.;:]|\s*$|\s+và (?:các|những)\s)"
)
_LAW_STOP = re.compile(
    r"\s(?:được|đã|có|của|trong|theo|tại|để|các|cho|là|với|khi|nhằm|số|và các|và|đến|từ|trên|về|đối với|đi vào"
    r"|do|sửa đổi|ngày|năm \d+)\b"
    r"|,\s(?!chống\b|sử dụng\b)"  # `Luật Phòng, chống tham nhũng`, `Luật Quản lý, sử dụng tài sản công`
)
_DATED_TITLE = re.compile(
    r"(?:(?!Luật|Bộ luật|Pháp lệnh|Hiến pháp|Nghị định|Nghị quyết|Quyết định|Thông tư|Chỉ thị|Kết luận|Kế hoạch"
    r"|Chương trình|Đề án|Quy hoạch|Chiến lược)[^;,.()\n]){1,60}?"
    r"(?=\s+(?:ngày|năm)\s+\d|\s*;)"
)
# A resolution named by its issuer and subject (`Nghị quyết của Tỉnh ủy về nâng cao chất lượng nguồn nhân lực`),
# not one of many (`các Nghị quyết của Đảng về …`).
_ACT_ABOUT = re.compile(
    r"(?<![\wĐđ])(?<!các )(?<!những )(?P<word>Nghị quyết|Chỉ thị|Kết luận)\s+(?:của|do)\s+(?P<issuer>[^,;.()]{3,60}?)"
    r"(?=\s+về\s)"
)
_ISSUING_VERB = re.compile(r"\b(?:quy định|ban hành|thông qua|sửa đổi|bổ sung|hướng dẫn)\b")
# A plan the report names as a title or by its issuer and what it carries out is a document (cited without a symbol):
# `… và Kế hoạch xây dựng trường học đạt tiêu chí nông thôn mới`, `kế hoạch của Ủy ban nhân dân tỉnh thực hiện
# Nghị quyết số 19-2017/NQ-CP`. A lower-case `kế hoạch phát triển …` is the plan, not an act.
_ISSUED_TO_CARRY_OUT = re.compile(
    r"^(?:kế hoạch|chương trình)(?:\s+hành động)?\s+của\s+(?P<issuer>.+?)\s+(?:về\s+)?(?:việc\s+)?(?:triển khai\s+)?"
    rf"{CARRY_OUT}\s",
    re.IGNORECASE,
)
# … but not the plan an act cited before it is about (`Quyết định số … phê duyệt Kế hoạch …`, `về “Kế hoạch …”`).
_SUBJECT_LEAD = re.compile(r"(?:về(?: việc)?|V/v|phê duyệt|ban hành|thông qua|điều chỉnh)\s*[“\"]?\s*$", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?]|(?:^|\s)(?:[-–+•*]|\w\)))\s*$")
# A titled `Quy hoạch` or `Chiến lược` is the plan itself more often than an act citing it: the reports cite the act
# that approves it (`Quyết định số … phê duyệt Quy hoạch …`).
_PLAN_TYPES = {"kế hoạch": "Kế hoạch", "chương trình": "Chương trình"}
# A report cited by its title (`Nguồn: Báo cáo chính trị Đại hội lần thứ XIV Đảng bộ tỉnh`, `Theo Báo cáo của Đoàn
# đại biểu Quốc hội tỉnh …`, `dự thảo Báo cáo đánh giá kết quả …`): `Báo cáo` capitalised where no sentence starts
# (there it is the verb, `Báo cáo kết quả …`, to report) and not after `là` (`Trên đây là Báo cáo …`: the text
# itself), with the words a report's title opens with (not `thẩm tra`: the council committee's review every
# resolution's preamble considers, never told apart). The title runs to the clause's end, its number or date, a
# comma before a lower-case word other than its term or period, or the end of the congress it is put to.
_GOES_ON = r"\s*(?:[A-ZĐ]|nhiệm kỳ|giai đoạn|khóa|khoá|xã hội|tầm nhìn|định hướng)"
_TITLED_REPORT = re.compile(
    r"(?<![\wĐđ])(?<!các )(?<!những )(?<!là )(?:[Dd]ự thảo\s+)?Báo cáo\s+"
    r"(?P<title>(?:chính trị|của|đánh giá|kết quả|tình hình|tổng kết|sơ kết|giám sát|Kế hoạch)\s"
    rf"(?:[^;:.()\n“”\"…,]|,(?={_GOES_ON})){{3,250}}?)"
    rf"(?=\s*[;:.()\n“”\"…]|\s*,(?!{_GOES_ON})|\s+(?:số|ngày)\s+\d|\s*$)"
)
_CONGRESS_END = re.compile(
    r"Đại hội(?:\s+đại biểu)?(?:\s+toàn quốc)?(?:\s+lần thứ)?\s+[XVIL]+\b(?:\s+(?:của\s+)?Đảng(?:\s+bộ\s+tỉnh)?\b)?"
    r"(?!\s*,\s*nhiệm kỳ)"
)
_CONSTITUTION = re.compile(
    r"(?<![\wĐđ])Hiến pháp(?:\s+nước Cộng hòa xã hội chủ nghĩa Việt Nam)?(?:\s+năm\s+(?P<y>\d{4}))?"
)


@lru_cache(maxsize=1)
def _known_by_name() -> dict[str, KnownDocument]:
    return {match_key(name): doc for doc in load_reference().documents for name in doc.cited_as}


def find_named_documents(text: str, taken: list[tuple[int, int]]) -> list[Citation]:
    """Symbol-less citations in one paragraph that do not overlap the spans already `taken`."""
    out: list[Citation] = []

    def add(start: int, end: int, name: str, type_: str, issuer: str | None, term: str | None = None) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        out.append(cite(start, end, name, type_, issuer, term))

    def cite(start: int, end: int, name: str, type_: str, issuer: str | None, term: str | None = None) -> Citation:
        known = _known_by_name().get(match_key(name))
        if known:
            return _known_citation(text, start, end, known)
        return Citation(start, end, None, text[start:end], type_, None, None, issuer, None, term, None, False, name)

    for m in find_where(_PLENUM, text, "Nghị quyết"):
        number = m.group("n") or (
            str(_ORDINALS[m.group("ord").lower()]) if m.group("ord") and m.group("ord").lower() in _ORDINALS else None
        )
        if not number:
            continue
        term = m.group("term").upper() if m.group("term") else None
        name = f"Nghị quyết Trung ương {number}" + (f" (khóa {term})" if term else "")
        add(m.start(), m.end(), name, "Nghị quyết", "Ban Chấp hành Trung ương", term)
    for m in find_where(_CONGRESS, text, "Nghị quyết", "NGHỊ QUYẾT"):
        num = m.group("num").upper()
        tail = (m.group("tail") or "").strip()
        national = tail in ("Đảng", "của Đảng") or "toàn quốc" in m.group(0)
        if national:
            name, issuer = (
                f"Nghị quyết Đại hội đại biểu toàn quốc lần thứ {num} của Đảng",
                "Đại hội đại biểu toàn quốc của Đảng",
            )
        else:
            name, issuer = f"Nghị quyết Đại hội Đảng bộ tỉnh lần thứ {num}", "Đại hội Đảng bộ tỉnh"
        add(m.start(), m.end(), name, "Nghị quyết", issuer)
    for m in find_where(_NUMBER_ONLY, text, "Nghị", "Quyết định", "Chỉ thị", "ề án", "NQ", "QĐ", "NĐ"):
        word = {"NQ": "Nghị quyết", "QĐ": "Quyết định", "NĐ": "Nghị định", "đề án": "Đề án"}.get(
            m.group("word"), m.group("word")
        )
        add(m.start(), m.end(), f"{word} {m.group('num')}", word, None)
    for m in find_where(_AMENDING_LAW, text, "Luật sửa đổi"):
        add(m.start(), m.end(), " ".join(m.group(0).split()), "Luật", "Quốc hội")
        # The laws its name lists are cited too, inside its span (the pipeline states nothing of them there).
        for inner in _AMENDED_LAW.finditer(text, m.start() + len("Luật"), m.end()):
            word = inner.group("word")
            issuer = "Ủy ban Thường vụ Quốc hội" if word == "Pháp lệnh" else "Quốc hội"
            name = " ".join(inner.group("law").split())
            out.append(cite(inner.start("law"), inner.end("law"), name, "Luật" if word == "Bộ luật" else word, issuer))
    # A title in lower case is bounded by the date or `;` after it; one in capitals by the words that end it.
    laws = [(m, True) for m in find_where(_LAW_LOWER, text, *_LAW_WORDS) if m.group("title")[0].islower()]
    laws += [(m, True) for m in find_where(_LAW_OF_ARTICLE, text, "Luật")]
    laws += [(m, True) for m in find_where(_LAW_BARE, text, *_LAW_WORDS)]
    laws += [(m, False) for m in find_where(_LAW, text, *_LAW_WORDS)]
    for m, bounded in laws:
        title = m.group("title")
        stop = None if bounded else _LAW_STOP.search(title)
        # `Luật Phí và Lệ phí ngày 25/11/2015`: a title dated right after it (or ending its clause) goes over `và`
        # to its date, where only `và` would end it and no other document is named on the way.
        dated = _DATED_TITLE.match(text, m.start("title")) if stop and stop.group(0).strip() == "và" else None
        if dated and all(s.group(0).strip() == "và" for s in _LAW_STOP.finditer(dated.group(0))):
            title, stop = dated.group(0), None
        title = title[: stop.start()] if stop else title
        first = title.split()[0]
        if len(first) > 1 and first.isupper():
            title = first  # an abbreviated title (`Luật BV&PTR`) ends with the abbreviation
        end = name_end = m.start("title") + len(title)
        if year := re.match(r"\s+năm\s+(\d{4})", text[end:]):
            end += year.end()  # cited with its year, the law is the one cited without (`Luật Ngân sách nhà nước`)
        word = m.group("word")
        issuer = "Ủy ban Thường vụ Quốc hội" if word == "Pháp lệnh" else "Quốc hội"
        start = m.start("word")
        add(start, end, " ".join(text[start:name_end].split()), "Luật" if word == "Bộ luật" else word, issuer)
    for m in find_where(_CONSTITUTION, text, "Hiến pháp"):
        name = "Hiến pháp" + (f" năm {m.group('y')}" if m.group("y") else "")
        add(m.start(), m.end(), name, "Hiến pháp", "Quốc hội")
    for m in find_where(_ACT_ABOUT, text, "Nghị quyết", "Chỉ thị", "Kết luận"):
        body = issuer_named(m.group("issuer"))
        span = subject_span(text[m.end() :])
        # `Nghị quyết của Hội đồng nhân dân thành phố Hà Nội quy định về …`: an act's own title, not a citation.
        if body and span and not _ISSUING_VERB.search(m.group("issuer")):
            name = f"{m.group('word')} của {' '.join(m.group('issuer').split())} về {span[0]}"
            add(m.start(), m.end() + span[1], name, m.group("word"), body.name)
    for m in find_where(_TITLED_REPORT, text, "Báo cáo"):
        if _SENTENCE_START.search(text[: m.start()]):
            continue
        title = m.group("title")
        end = m.end()
        if congress := _CONGRESS_END.search(title):
            end = m.start("title") + congress.end()
        body = _title_issuer(title)
        name = " ".join(text[m.start() : end].split())
        add(m.start(), end, name[0].upper() + name[1:], "Báo cáo", body.name if body else None)
    out += _plans_as_documents(text, taken)
    return out


def _title_issuer(title: str) -> Issuer | None:
    """The body a titled report is of (`Báo cáo của Ủy ban MTTQ Việt Nam tỉnh …`); an executive committee speaks for
    its union (`Báo cáo của Ban Chấp hành Hội Nông dân tỉnh Lai Châu khóa VIII …`)."""
    for of in _OF_WORD.finditer(title):
        rest = title[of.end() :]
        if body := issuer_named(rest) or issuer_named(rest.removeprefix(_EXECUTIVE)):
            return body
    return None


_OF_WORD = re.compile(r"(?:^|\s)của\s+")
_EXECUTIVE = "Ban Chấp hành "


def _plans_as_documents(text: str, taken: list[tuple[int, int]]) -> list[Citation]:
    out = []
    for g in find_programmes(text):
        words = " ".join(text[g.start : g.end].split())
        type_ = next((t for head, t in _PLAN_TYPES.items() if words.lower().startswith(head)), None)
        if type_ is None or (g.kind not in PLAN_KINDS and g.kind != NAMED):
            continue
        issued = _ISSUED_TO_CARRY_OUT.match(words)
        issuer = issuer_named(issued.group("issuer")) if issued else None
        titled = g.kind in PLAN_KINDS and text[g.start].isupper() and not _SENTENCE_START.search(text[: g.start])
        if (issuer is None and not titled) or _cited_as_subject(text, g.start, taken):
            continue
        # The citation ends where a document it names begins (`… thực hiện Nghị quyết số 19-2017/NQ-CP`).
        end = min([s for s, e in taken if g.start < s < g.end], default=g.end)
        if any(s <= g.start < e for s, e in taken):
            continue
        taken.append((g.start, end))
        name = words[0].upper() + words[1:] if issuer else g.name
        out.append(Citation(g.start, end, None, text[g.start : end], type_, None, None,
                            issuer.name if issuer else None, None, None, None, False, name, plan=True))  # fmt: skip
    return out


def _cited_as_subject(text: str, start: int, taken: list[tuple[int, int]]) -> bool:
    """Whether the plan at `start` is what an act cited just before it is about (`Quyết định số … phê duyệt Kế
    hoạch …`): led by `phê duyệt`, `về` … with an act cited earlier in its clause. Without one (`phê duyệt điều
    chỉnh Kế hoạch phát triển nhà ở tỉnh Lai Châu giai đoạn 2021-2025`) the plan is itself named."""
    if not _SUBJECT_LEAD.search(text[max(0, start - 20) : start]):
        return False
    clause = max(text.rfind(mark, 0, start) for mark in (";", ". "))
    return any(clause < end <= start for _start, end in taken)


def _known_citation(text: str, start: int, end: int, doc: KnownDocument) -> Citation:
    number, _, _rest = doc.symbol.partition("/")
    year = int(doc.date[:4]) if doc.date else None
    return Citation(
        start,
        end,
        doc.symbol,
        text[start:end],
        doc.type,
        number,
        year,
        doc.issuer,
        doc.date,
        None,
        doc.title,
        False,
        None,
    )
