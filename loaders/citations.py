"""Document citations: the symbol, the type word before it, the date, issuer, term and subject after it.

A citation is what one passage of the report says about one document; `documents.py` merges the
citations of a report into documents.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from policykg.loaders.symbols import PARTY_SYMBOL, STATE_SYMBOL, Symbol, parse_party, parse_state
from policykg.ontology.reference import Issuer, load_reference
from policykg.text import UPPER, match_key

# Type words, longest first so that `Thông tư liên tịch` wins over `Thông tư`.
TYPE_WORDS = {
    "Thông tư liên tịch": "TTLT",
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Nghị định": "NĐ",
    "Chỉ thị": "CT",
    "Thông tư": "TT",
    "Kết luận": "KL",
    "Kế hoạch": "KH",
    "Chương trình": "CTr",
    "Công văn": "CV",
    "Văn bản": "CV",
    "Công điện": "CĐ",
    "Thông báo": "TB",
    "Báo cáo": "BC",
    "Tờ trình": "TTr",
    "Quy định": "QyĐ",
    "Hướng dẫn": "HD",
    "Đề án": "ĐA",
    "Quy chế": "QC",
    "Luật": "L",
    "Pháp lệnh": "PL",
    "Thông tri": "TTri",
}
_TYPE_ABBREVIATIONS = {"NQ": "NQ", "QĐ": "QĐ", "NĐ": "NĐ", "CT": "CT", "TT": "TT", "KH": "KH", "KL": "KL"}
_TYPE_WORD = re.compile(
    r"(?P<word>" + "|".join(sorted(TYPE_WORDS, key=len, reverse=True)) + r"|" + "|".join(_TYPE_ABBREVIATIONS) + r")"
    r"(?P<tail>\s*(?:số|Số|SỐ)?\s*:?\s*)$",
    re.IGNORECASE,
)
# A type word announcing a list: `các Quyết định: Số 14/QĐ-UBND …; số 29/QĐ-UBND …`.
_LIST_NUMBER = re.compile(r"(?:^|[\s;,:])(?P<so>[Ss]ố\s*:?\s*)$")
_DATE_NUMERIC = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4,5})(?!\d)")
_DATE_WORDS = re.compile(r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4,5})(?!\d)", re.IGNORECASE)
_DATE_LEAD = re.compile(r"\s*,?\s*(?:\(|ban hành\s+)?\s*ngày\s+", re.IGNORECASE)
_TERM = re.compile(r"\s*,?\s*\(?\s*kh(?:óa|oá)\s+([XVIL]+)\b\s*\)?", re.IGNORECASE)
_OF = re.compile(r"\s*,?\s*(?:của|do)\s+", re.IGNORECASE)
_SUBJECT = re.compile(
    # An issuer the reference data does not know is still words before the subject (`của Ủy ban nhân dân tỉnh
    # Trà Vinh về việc …`).
    r"\s*,?\s*(?:của\s+[^,;.()]{3,80}?\s+)?"
    r"(?P<lead>về việc|về|V/v|phê duyệt|quy định|ban hành|hướng dẫn|sửa đổi, bổ sung|sửa đổi|"
    r"thông qua|điều chỉnh|triển khai|thành lập|hỗ trợ|giao)\s+(?P<rest>.+)",
    re.IGNORECASE,
)
_SUBJECT_END = re.compile(
    # A spaced dash before a capital starts another item; between words it joins them (`kinh tế - xã hội`,
    # `quốc phòng - an ninh`), between years it is a period (`2016 - 2020`).
    rf"[;.(]|\s[-–]\s(?=[{UPPER}])|,\s+(?=[{UPPER}]\w*\s[^\W{UPPER}])"
    r"|,\s+(?:Nghị quyết|Quyết định|Nghị định|Chỉ thị|Kế hoạch|Kết luận|Thông tư|số|và)\b"
    r"|\s(?:và|của)\s+(?:Nghị quyết|Quyết định|Nghị định|Chỉ thị|Kế hoạch|Kết luận|Thông tư)\b"
    r"|\s(?:ngày)\s\d",
)
_MAX_SUBJECT_WORDS = 30


@dataclass(slots=True)
class Citation:
    """One citation of a document in a paragraph: the span of its words and what they say."""

    start: int
    end: int
    symbol: str | None
    raw: str
    type: str | None
    number: str | None
    year: int | None
    issuer: str | None
    date: str | None
    term: str | None
    subject: str | None
    party: bool
    name: str | None = None  # the name of a document cited without a symbol
    subject_end: int | None = None  # where the subject's words end in the paragraph
    issuer_from_words: bool = False
    issuer_code: str | None = None
    # A titled plan is a document too (`Kế hoạch xây dựng trường học …`); what a sentence says of it, the
    # recogniser of plans states.
    plan: bool = False


def find_symbol_citations(text: str) -> list[Citation]:
    """Every citation with a symbol in one paragraph, in order."""
    found: list[tuple[int, int, Symbol]] = []
    taken: list[tuple[int, int]] = []
    if "/" not in text:  # every symbol has one
        return []
    for m in PARTY_SYMBOL.finditer(text):
        sym = parse_party(m)
        if sym:
            found.append((m.start(), m.end(), sym))
            taken.append((m.start(), m.end()))
    for m in STATE_SYMBOL.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        hint = _type_before(before)
        sym = parse_state(m, TYPE_WORDS.get(_canonical_type_word(hint[0])) if hint else None)
        if sym:
            found.append((m.start(), m.end(), sym))
    found.sort(key=lambda f: f[0])
    citations = [_citation(text, start, end, sym) for start, end, sym in found]
    _share_list_dates(text, citations)
    return citations


def _type_before(before: str) -> tuple[str, int] | None:
    """The type word right before a symbol (`Quyết định số `) and its length, if there is one."""
    m = _TYPE_WORD.search(before)
    if m:
        return m.group("word"), len(m.group(0))
    return None


def _canonical_type_word(word: str) -> str:
    for canonical in TYPE_WORDS:
        if canonical.lower() == word.lower():
            return canonical
    return {v: k for k, v in TYPE_WORDS.items()}.get(word.upper(), word)


def _citation(text: str, start: int, end: int, sym: Symbol) -> Citation:
    before = text[max(0, start - 40) : start]
    type_word = _type_before(before)
    mention_start = start
    type_name: str | None = None
    if type_word:
        mention_start = start - type_word[1]
        type_name = _canonical_type_word(type_word[0])
    elif m := _LIST_NUMBER.search(before):
        mention_start = start - len(m.group("so"))
    # The symbol's own type code is the surer witness; the type word fills in what the code leaves out.
    types = load_reference().document_types
    if sym.type_code and sym.type_code in types:
        type_name = _type_for_code(sym.type_code, sym.party, type_name)
    elif type_name is not None:
        type_name = types.get(TYPE_WORDS.get(type_name, ""), type_name)
    else:
        type_name = "Nghị quyết" if sym.issuer_code and sym.issuer_code.startswith(("QH", "UBTVQH")) else "Công văn"
    after = text[end : end + 300]
    when, consumed = _date_after(after, sym.year)
    rest = after[consumed:]
    term = None
    if m := _TERM.match(rest):
        term, rest = m.group(1).upper(), rest[m.end() :]
    words_issuer, rest = _issuer_after(rest)
    if term is None and (m := _TERM.match(rest)):
        term, rest = m.group(1).upper(), rest[m.end() :]
    if when is None:
        when, consumed = _date_after(rest, sym.year)
        rest = rest[consumed:]
    if words_issuer is None:
        # Only the 80 characters before count: slicing the whole text up to here made a long paragraph quadratic.
        words_issuer = _list_issuer_before(text[max(0, mention_start - 80) : mention_start])
    issuer = _choose_issuer(sym.issuer_code, words_issuer)
    year = sym.year or (int(when[:4]) if when else None)
    subject = subject_span(rest)
    rest_at = end + len(after) - len(rest)  # `rest` is what is left of `after`, its end
    return Citation(
        start=mention_start,
        end=end,
        symbol=sym.text,
        raw=text[mention_start:end],
        type=type_name,
        number=sym.number,
        year=year,
        issuer=issuer.name if issuer else None,
        date=when,
        term=term,
        subject=subject[0] if subject else None,
        subject_end=rest_at + subject[1] if subject else None,
        party=sym.party,
        issuer_from_words=words_issuer is not None and issuer is words_issuer,
        issuer_code=sym.issuer_code,
    )


def _type_for_code(code: str, party: bool, word: str | None) -> str:
    types = load_reference().document_types
    if party and code == "QĐ" and word == "Quy định":
        return "Quy định"  # Party regulations were numbered `-QĐ/TW` before the `QĐi` code
    if party and code == "TT":
        return "Thông tri"
    return types[code]


def _date_after(after: str, symbol_year: int | None) -> tuple[str | None, int]:
    m = _DATE_LEAD.match(after)
    if not m:
        return None, 0
    rest = after[m.end() :]
    d = _DATE_NUMERIC.match(rest) or _DATE_WORDS.match(rest)
    if not d:
        return None, 0
    year = int(d.group(3))
    if symbol_year and year != symbol_year:
        # A normative document is issued in the year its symbol carries: `20/8/20212` or `22/3/2023` after
        # `…/2021/…` are slips of the pen, repaired to the symbol's year.
        year = symbol_year
    iso = iso_date(int(d.group(1)), int(d.group(2)), year)
    return iso, m.end() + d.end() + (1 if rest[d.end() : d.end() + 1] == ")" else 0)


def iso_date(day: int, month: int, year: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _issuer_names() -> list[tuple[str, Issuer]]:
    """(match key of a name or variant, issuer), longest names first."""
    names = []
    for issuer in load_reference().issuers:
        for name in (issuer.name, *issuer.variants):
            names.append((match_key(name), issuer))
    return sorted(names, key=lambda n: len(n[0]), reverse=True)


@lru_cache(maxsize=1)
def _issuers_by_code() -> dict[str, Issuer]:
    return {code: issuer for issuer in load_reference().issuers for code in issuer.codes}


def issuer_named(phrase: str) -> Issuer | None:
    """The issuer a phrase begins with (`Ban Chấp hành Trung ương khóa XI …` → the Central Committee)."""
    key = match_key(phrase[:80])
    for name, issuer in _issuer_names():
        if key == name or key.startswith(name + " "):
            return issuer
    return None


def _issuer_after(rest: str) -> tuple[Issuer | None, str]:
    m = _OF.match(rest)
    if not m:
        return None, rest
    issuer = issuer_named(rest[m.end() :])
    if issuer is None:
        return None, rest
    # Skip the issuer's words: as many words as its matched name has.
    words = len(_matched_name(rest[m.end() :]).split())
    tail = rest[m.end() :]
    spans = list(re.finditer(r"\S+", tail))
    cut = spans[words - 1].end() if len(spans) >= words else len(tail)
    # `của Hội đồng nhân dân tỉnh Đồng Tháp về …`: the issuer's own unit, named after its kind word, is its name's
    # end (the reference data knows the body, not every province's).
    if (
        len(spans) >= words
        and spans[words - 1].group().lower() in _UNIT_WORDS
        and (unit := _UNIT_NAME.match(tail, cut))
    ):
        cut = unit.end()
    return issuer, tail[cut:]


_UNIT_WORDS = frozenset({"tỉnh", "phố", "huyện", "xã", "quận", "phường"})
_UNIT_NAME = re.compile(rf"\s+[{UPPER}][\wĐđ]*(?:\s+[{UPPER}][\wĐđ]*){{0,3}}")


def _matched_name(phrase: str) -> str:
    key = match_key(phrase[:80])
    for name, _issuer in _issuer_names():
        if key == name or key.startswith(name + " "):
            return name
    return ""


def issuer_for_code(code: str | None) -> Issuer | None:
    if code is None:
        return None
    by_code = _issuers_by_code()
    if code in by_code:
        return by_code[code]
    m = re.fullmatch(r"(UBTVQH|QH)\d{1,2}", code)
    return by_code.get(m.group(1)) if m else None


def _choose_issuer(code: str | None, words: Issuer | None) -> Issuer | None:
    """The symbol's issuer code, made more specific by the words where they name a body under it
    (`-NQ/TW` `của Bộ Chính trị`; `-KH/TU` `của Ban Thường vụ Tỉnh ủy`)."""
    by_code = issuer_for_code(code)
    if by_code is None:
        return words
    if words is not None and words.parent == by_code.iri and by_code.codes[0] in ("TW", "TU"):
        return words
    return by_code


def subject_span(rest: str) -> tuple[str, int] | None:
    """`về …`, `phê duyệt …`: the subject of a document, cut at the end of its clause, and where its words end in
    `rest` (counted, not searched for: a subject that ends `… ngân sách` is not over at its first `sách`)."""
    m = _SUBJECT.match(rest)
    if not m:
        return None
    lead, body = m.group("lead"), m.group("rest")
    end = _SUBJECT_END.search(body)
    body = body[: end.start()] if end else body
    words = list(itertools.islice(re.finditer(r"\S+", body), _MAX_SUBJECT_WORDS))
    if not words:
        return None
    subject = " ".join(w.group() for w in words).strip(' ,:“”"')
    if not subject:
        return None
    last = words[-1]
    stop = m.start("rest") + last.start() + len(last.group().rstrip(' ,:“”"'))
    keep_lead = lead.lower() not in ("về", "về việc", "v/v")
    return (f"{lead} {subject}" if keep_lead else subject), stop


_LIST_ISSUER = re.compile(r"của\s+(?P<issuer>[^,;:.]{3,60}?)\s*:?\s*$")
_LIST_BETWEEN = re.compile(r"\s*(?:,|;|và)\s*(?:(?:" + "|".join(TYPE_WORDS) + r")\s*)?(?:số\s*)?", re.IGNORECASE)


def _list_issuer_before(before: str) -> Issuer | None:
    """`các Nghị quyết của Bộ Chính trị: số 24-NQ/TW …`: the issuer named once before a list."""
    m = _LIST_ISSUER.search(before[-80:])
    return issuer_named(m.group("issuer")) if m else None


def _share_list_dates(text: str, citations: list[Citation]) -> None:
    """What a list states once applies to each item: `Quyết định số 2038/QĐ-TTg và Quyết định số 2042/QĐ-TTg
    ngày 05/11/2013` (one date for the pair); `Nghị quyết số 49-NQ/TW, Kết luận số 92-KL/TW của Bộ Chính trị`
    (one issuer for the list)."""
    for a, b in reversed(list(itertools.pairwise(citations))):
        between = text[a.end : b.start]
        if not _LIST_BETWEEN.fullmatch(between):
            continue
        if a.date is None and b.date and a.issuer == b.issuer and not a.party and re.fullmatch(r"\s*và\s*", between):
            a.date = b.date
            a.year = a.year or b.year
        if b.issuer_from_words and not a.issuer_from_words and a.issuer_code == b.issuer_code:
            a.issuer = b.issuer
            a.issuer_from_words = True
