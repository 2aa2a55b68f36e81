"""Hydropower plants and projects: `thủy điện Huội Quảng, Bản Chát`, `TĐC thủy điện Lai Châu`, and the facts
stated near them (capacity, households resettled, resettlement sites, status)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policykg.ontology.reference import Plant, load_reference
from policykg.text import find_where, fold, match_key

# After `thủy điện` a list may follow a size or kind (`các công trình thuỷ điện lớn A, B … và D`, `thủy điện vừa
# và nhỏ như A, B`); a name must still follow (`thủy điện lớn của Quốc gia` names none).
_ANCHOR = re.compile(
    r"(?<![\wĐđ])(?:(?:nhà máy|công trình|dự án|hồ|hồ chứa|lòng hồ)\s+)?(?:thủy|thuỷ)\s+điện"
    r"(?:\s+(?:lớn|vừa và nhỏ|vừa|nhỏ|bậc thang)(?=\s*(?:như|gồm|là|:)?\s*(?-i:[A-ZĐ]))"
    r"(?:\s+(?:như|gồm|là)(?=\s))?)?\s*:?\s+"
    r"|(?<![\wĐđ])(?:NMTĐ|TĐ)\s+(?=[A-ZĐ])",
    re.IGNORECASE,
)
# A reservoir named after its plant (`lòng hồ Sơn La, Huổi Quảng`): only plants the reference data knows.
_LAKE = re.compile(r"(?<![\wĐđ])(?:lòng hồ|hồ chứa|hồ)\s+(?=[A-ZĐ])")
_WORD = re.compile(r"[\wĐđ]+")
_LIST_GLUE = re.compile(r"\s*(?:,|và)\s*")
_COMPANY = re.compile(r"(?:công ty|tổng công ty|ban quản lý|CTCP|TNHH|cổ phần)[^.;]{0,40}$", re.IGNORECASE)
_CAPACITY = re.compile(r"(\d{1,4}(?:[.,]\d+)?)\s*MW\b")
_HOUSEHOLDS = re.compile(r"(\d{1,3}(?:\.\d{3})*|\d+)\s+hộ\b")
_SITES = re.compile(r"(\d{1,3})\s+(?:điểm|khu)\s+(?:TĐC|tái định cư)", re.IGNORECASE)
STATUS_WORDS = {
    "khởi công": "under construction",
    "đang thi công": "under construction",
    "phát điện": "generating",
    "đưa vào vận hành": "operating",
    "đưa vào khai thác": "operating",
    "hoàn thành": "completed",
    "khánh thành": "completed",
    "tích nước": "impounding",
}


@dataclass(frozen=True)
class PlantMatch:
    start: int
    end: int
    name: str
    plant: Plant | None
    resettlement: bool  # `TĐC thủy điện X`: the mention is about X's resettlement


@lru_cache(maxsize=1)
def _known() -> dict[str, Plant]:
    index: dict[str, Plant] = {}
    for plant in load_reference().plants:
        for name in (plant.name, *plant.variants):
            index[match_key(name)] = plant
            index.setdefault(fold(name), plant)
    return index


def find_plants(text: str) -> list[PlantMatch]:
    """Plants named in one paragraph, in order."""
    out: list[PlantMatch] = []
    lowered = text.lower()  # the anchor is case-blind (`THỦY ĐIỆN`, `tđ`): its words are looked for in lower case
    anchored = "điện" in lowered or "tđ" in lowered
    anchors = [(m, False) for m in _ANCHOR.finditer(text)] if anchored else []
    lakes = find_where(_LAKE, text, "hồ")
    anchors += [(m, True) for m in lakes if not any(a.start() <= m.start() < a.end() for a, _ in anchors)]
    for m, known_only in sorted(anchors, key=lambda a: a[0].start()):
        before = text[max(0, m.start() - 60) : m.start()]
        if _COMPANY.search(before) and not re.search(r"[,;(]\s*$", before):
            continue  # `Công ty CP Thủy điện Mường Tè` is a company
        resettlement = bool(re.search(r"(?:TĐC|tái định cư|di dân)\s*$", before, re.IGNORECASE))
        pos = m.end()
        while True:
            match = _plant_name(text, pos, resettlement)
            if match is None or (known_only and match.plant is None):
                break
            out.append(match)
            glue = _LIST_GLUE.match(text, match.end)
            if not glue or glue.end() >= len(text) or not text[glue.end()].isupper():
                break
            if re.match(r"(?:huyện|xã|tỉnh|thành phố|thị trấn)\b", text[glue.end() :], re.IGNORECASE):
                break
            pos = glue.end()
    return out


def _plant_name(text: str, pos: int, resettlement: bool) -> PlantMatch | None:
    words: list[re.Match[str]] = []
    for w in _WORD.finditer(text, pos):
        if (words and text[words[-1].end() : w.start()] != " ") or (not words and w.start() != pos):
            break
        token = w.group(0)
        # Names are capitalised words, with a unit number or letter at the end (`Nậm Na 2`, `Tả Páo Hồ 1A`).
        if not (token[0].isupper() or (words and re.fullmatch(r"\d{1,2}[A-Z]?|[IVX]{1,3}", token))):
            break
        words.append(w)
        if len(words) == 5:
            break
    if not words:
        return None
    known = _known()
    for n in range(len(words), 0, -1):
        phrase = text[pos : words[n - 1].end()]
        plant = known.get(match_key(phrase)) or known.get(fold(phrase))
        if plant:
            return PlantMatch(pos, words[n - 1].end(), plant.name, plant, resettlement)
    if any(len(w.group(0)) > 1 and w.group(0).isupper() and not w.group(0).isdigit() for w in words):
        return None  # `thủy điện TW`, abbreviations are not plant names
    end = words[min(len(words), 4) - 1].end()
    return PlantMatch(pos, end, text[pos:end], None, resettlement)


# What a number of households is, by the words around it: moved already, still to move, or planned.
_REMAINING = re.compile(r"^\s*(?:hộ\s*)?(?:dân\s*)?(?:còn lại|chưa (?:di chuyển|bố trí|được))", re.IGNORECASE)
_PLANNED = re.compile(r"(?:dự kiến|kế hoạch|phấn đấu|sẽ|cần|phải|tổ chức|chuẩn bị)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
_DONE = re.compile(
    r"(?:đã|hoàn thành|được)\s+(?:\S+\s+){0,3}$|^\s*hộ\s*(?:dân\s*)?(?:\S+\s+){0,5}?(?:đã|hoàn thành)", re.IGNORECASE
)


def plant_facts(sentence: str) -> list[tuple[str, str, float]]:
    """(fact name, value, confidence) that a sentence states: capacity, households (resettled, remaining or
    planned — never a count whose meaning the words do not give), resettlement sites, status."""
    facts: list[tuple[str, str, float]] = []
    if m := _CAPACITY.search(sentence):
        facts.append(("capacity_mw", m.group(1).replace(".", "").replace(",", "."), 0.9))
    if re.search(r"TĐC|tái định cư|di dân|di chuyển", sentence, re.IGNORECASE) and (m := _HOUSEHOLDS.search(sentence)):
        before, after = sentence[max(0, m.start() - 40) : m.start()], sentence[m.end() - 2 : m.end() + 40]
        value = str(int(m.group(1).replace(".", "")))
        if _REMAINING.match(after):
            facts.append(("households_remaining", value, 0.85))
        elif _PLANNED.search(before):
            facts.append(("households_planned", value, 0.75))
        elif _DONE.search(before) or _DONE.match(after):
            facts.append(("households_resettled", value, 0.8))
    if m := _SITES.search(sentence):
        facts.append(("resettlement_sites", m.group(1), 0.7))
    lowered = sentence.lower()
    for words, status in STATUS_WORDS.items():
        if words in lowered:
            facts.append(("status", status, 0.6))
            break
    return facts
