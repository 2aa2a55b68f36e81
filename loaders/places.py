"""Places: the province, its districts and communes, and places outside it, matched against the gazetteer.

A name is read with the kind word before it (`huyện`, `xã`, `thị trấn`, `thành phố`, `tỉnh`), which also
covers a list (`các xã Tà Hừa, Pha Mu và Mường Kim`). A name after a kind word that the gazetteer does not
know inside Lai Châu is a place outside it (`huyện Kim Bình`, `huyện Yeongdong`). Without a kind word only
district, province and country names are taken, and never where they name something else
(`thủy điện Lai Châu` is a power plant, `bản Mường Tè` a village).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from policykg.ontology.reference import Unit, load_reference
from policykg.text import LOWER, UPPER, fold, match_key

PROVINCE, DISTRICT, COMMUNE, OTHER = "province", "district", "commune", "other"

# Kind words and the kind of unit they introduce.
_KIND_WORDS = {
    "tỉnh": PROVINCE,
    "huyện": DISTRICT,
    "thành phố": DISTRICT,
    "tp": DISTRICT,
    "thị xã": DISTRICT,
    "xã": COMMUNE,
    "phường": COMMUNE,
    "thị trấn": COMMUNE,
    "tt": COMMUNE,
    "khu tđc": COMMUNE,
    "điểm tđc": COMMUNE,
    "khu tái định cư": COMMUNE,
    "nước": OTHER,
}
# Words before a name that make it something other than a place.
NOT_A_PLACE_BEFORE = (
    "thủy điện", "thuỷ điện", "tđ", "nhà máy", "bản", "suối", "sông", "núi", "đèo", "cửa khẩu", "hồ", "công ty",
    "báo", "đài", "truyền hình", "trường", "bệnh viện", "đồn", "chè", "sâm", "cao tốc", "quốc lộ",
    # `tư tưởng, đạo đức, phong cách Hồ Chí Minh`, `Chủ tịch Hồ Chí Minh`: the man, not the city
    "tư tưởng", "phong cách", "đạo đức", "chủ tịch", "bác", "tấm gương",
)  # fmt: skip
_KIND_RE = re.compile(
    r"(?<![\wĐđ])(?P<kind>"
    + "|".join(sorted((re.escape(k) for k in _KIND_WORDS), key=len, reverse=True))
    + r")\.?\s+(?=[A-ZĐÀ-Ỹ0-9])",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\wĐđ]+")
# The lookbehind (no letter before the run) stands after the run's first capital: the same test, but a pattern
# that starts with a class lets the regex engine skip to capitals (2x faster).
_RUN = re.compile(rf"[{UPPER}](?<![\wĐđ].)[\wĐđ]*(?: [{UPPER}][\wĐđ]*)*")
_DIRECTIONS = frozenset({"Bắc", "Nam", "Đông", "Tây", "Trung"})
_LIST_GLUE = re.compile(r"\s*(?:,|và|-|–)\s*")


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    unit: Unit | None  # None: a place outside the province that the gazetteer does not know
    name: str
    kind: str
    kind_word: str | None

    @property
    def level(self) -> int:
        """Administrative level, for `part of`: commune 1, district 2, province 3, country 4."""
        scope = (self.unit.scope or "") if self.unit else ""
        if self.kind != OTHER:
            return {COMMUNE: 1, DISTRICT: 2, PROVINCE: 3}[self.kind]
        if scope in ("country", "territory"):
            return 4
        if "province" in scope or self.kind_word == "tỉnh":
            return 3
        if "commune" in scope or self.kind_word in ("xã", "phường", "thị trấn"):
            return 1
        return 2


@dataclass(frozen=True)
class Gazetteer:
    by_key: dict[str, tuple[Unit, ...]]
    by_fold: dict[str, tuple[Unit, ...]]
    bare: dict[str, Unit]  # names that are places even without a kind word
    longest: int
    by_iri: dict[str, Unit]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    by_key: dict[str, list[Unit]] = {}
    by_fold: dict[str, list[Unit]] = {}
    bare: dict[str, Unit] = {}
    for unit in load_reference().units:
        if not unit.current:
            continue  # units created in 2025 share names with their predecessors
        for name in (unit.name, *unit.variants):
            by_key.setdefault(match_key(name), []).append(unit)
            by_fold.setdefault(fold(name), []).append(unit)
            if unit.kind in (PROVINCE, DISTRICT, OTHER) and not (unit.kind == DISTRICT and unit.name == "Lai Châu"):
                # Bare `Lai Châu` is the province; the city needs its kind word.
                bare.setdefault(match_key(name), unit)
    longest = max(len(k.split()) for k in by_key)
    by_iri = {unit.iri: unit for unit in load_reference().units}
    return Gazetteer(
        {k: tuple(v) for k, v in by_key.items()}, {k: tuple(v) for k, v in by_fold.items()}, bare, longest, by_iri
    )


def display_name(unit: Unit) -> str:
    """The name a place is listed under: `Thành phố Lai Châu`, `Thị trấn Mường Tè`, `Tà Hừa`."""
    if unit.kind == COMMUNE and "thị trấn" in unit.unit_types and _is_district_name(unit.name):
        return f"Thị trấn {unit.name}"
    return unit.label if unit.kind == DISTRICT else unit.name


@lru_cache(maxsize=256)
def _is_district_name(name: str) -> bool:
    return any(u.kind == DISTRICT and u.name == name for u in gazetteer().by_key.get(match_key(name), ()))


def find_places(text: str) -> list[PlaceMatch]:
    """Places named in one paragraph, in order, without overlaps."""
    found: list[PlaceMatch] = []
    for m in _KIND_RE.finditer(text):
        kind_word = m.group("kind").lower()
        if _blocked(text, m.start()) or ("." in m.group(0) and kind_word not in ("tp", "tt")):
            continue
        pos = m.end()
        first = True
        new_unit = bool(_NEW_UNIT_BEFORE.search(text[max(0, m.start() - 40) : m.start()]))
        while True:
            match = _name_after(text, pos, kind_word)
            if match is not None and new_unit:
                match = _as_new_unit(match)
            # After the first name of a list, an unknown name continues it only if it looks like a proper name
            # of two words or more after a comma (`huyện Kim Bình, Lục Xuyên`, not `tỉnh Lai Châu và Bệnh viện`).
            if match is None or (not first and match.unit is None and not _continues(text, pos, match)):
                break
            first = False
            found.append(match)
            glue = _LIST_GLUE.match(text, match.end)
            # A list goes on while the next item is a capitalised name, not a new kind word.
            if (
                not glue
                or glue.end() >= len(text)
                or not text[glue.end()].isupper()
                or _KIND_RE.match(text, glue.end())
            ):
                break
            pos = glue.end()
    taken = [(p.start, p.end) for p in found]
    for match in _bare_names(text):
        if not any(s < match.end and match.start < e for s, e in taken):
            found.append(match)
    found.sort(key=lambda p: p.start)
    return _units_before_their_district(text, _communes_beside_places(text, found))


# `Mỹ Hiệp (huyện Cao Lãnh)`, `Tân Khánh Trung, Mỹ An Hưng B (huyện Lấp Vò)`: names the gazetteer does not know,
# placed by the unit in brackets after them, are units one level below it.
# … and `Mỹ Hiệp, Phương Trà - huyện Cao Lãnh`: the district after a bracket or a dash, with its kind word.
_PLACED_AFTER = re.compile(r"(?:\(|\s[-–])\s*(?:huyện|thị xã|thành phố|quận|tỉnh)\s+$")
_NAME_RUN = re.compile(rf"[{UPPER}][\wĐđ]*(?: (?:[{UPPER}][\wĐđ]*|[A-Z0-9]))" + "{0,3}$")


def _overlap_test(found: list[PlaceMatch]) -> Callable[[int, int], bool]:
    """Whether a span overlaps one of `found` (sorted by start): iff, among those starting before its end, the
    furthest end is past its start — a bisection, not a scan (a paragraph may name thousands of places)."""
    starts = [p.start for p in found]
    furthest = list(itertools.accumulate((p.end for p in found), max))

    def overlaps(start: int, stop: int) -> bool:
        i = bisect_left(starts, stop)
        return i > 0 and furthest[i - 1] > start

    return overlaps


def _units_before_their_district(text: str, found: list[PlaceMatch]) -> list[PlaceMatch]:
    overlaps = _overlap_test(found)
    added: list[PlaceMatch] = []

    def taken(start: int, stop: int) -> bool:
        return overlaps(start, stop) or any(p.start < stop and start < p.end for p in added[-1:])

    for container in found:
        marker = _PLACED_AFTER.search(text, max(0, container.start - 25), container.start)
        if marker is None:
            continue
        end = marker.start()
        while True:  # the list before the district, item by item from its end
            head = text[max(0, end - 40) : end].rstrip()
            m = _NAME_RUN.search(head)
            if m is None:
                break
            start = end - (len(text[max(0, end - 40) : end]) - m.start())
            stop = start + len(m.group(0))
            if _blocked(text, start) or taken(start, stop) or " " not in m.group(0):
                break  # a unit's name has two syllables or more (`Mỹ Hiệp`); `hai Bên (…)` is not one
            name = m.group(0)
            parent = container.unit.iri if container.unit else None
            known = [u for u in gazetteer().by_fold.get(fold(name), ()) if parent and u.parent == parent]
            if known:
                added.append(PlaceMatch(start, stop, known[0], display_name(known[0]), known[0].kind, None))
            else:
                added.append(PlaceMatch(start, stop, None, name, OTHER, "xã"))
            glue = re.search(r"(?:,|và)\s*$", text[max(0, start - 6) : start])
            if glue is None:
                break
            end = start - (len(text[max(0, start - 6) : start]) - glue.start())
    return sorted([*found, *added], key=lambda p: p.start)


@lru_cache(maxsize=4096)
def _nearest_commune(phrase: str) -> Unit | None:
    """The one commune whose folded name is within two edits of the phrase (or of its first words)."""
    words = fold(phrase).split()
    best: list[Unit] = []
    for n in range(len(words), 1, -1):
        candidate = " ".join(words[:n])
        if len(candidate) < 6:
            break
        best = [
            u for key, units in gazetteer().by_fold.items() if abs(len(key) - len(candidate)) <= 2
            and _within_two_edits(key, candidate) for u in units if u.kind == COMMUNE
        ]  # fmt: skip
        if best:
            break
    return best[0] if len({u.iri for u in best}) == 1 else None


def _within_two_edits(a: str, b: str) -> bool:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > 2:
            return False
        previous = current
    return previous[-1] <= 2


def _continues(text: str, pos: int, match: PlaceMatch) -> bool:
    glue = text[max(0, pos - 3) : pos]
    words = match.name.split()
    return "," in glue and len(words) >= 2 and all(w[:1].isupper() and w[1:].islower() for w in words)


_BESIDE = re.compile(
    r"\s*\(?\s*(?:,|-|–|và)\s*(?:(?:các\s+)?(?:huyện|xã|thành phố|tỉnh|thị trấn|phường)\s+)?", re.IGNORECASE
)


def _communes_beside_places(text: str, found: list[PlaceMatch]) -> list[PlaceMatch]:
    """Bare commune names inside a run of places (`Nậm Sỏ - Tân Uyên`, `Nậm Nhùn, Nậm Mạ, Than Uyên`)."""
    gaz = gazetteer()
    candidates: list[PlaceMatch] = []
    overlaps = _overlap_test(found)
    for words in _title_runs(text):
        phrase = text[words[0].start() : words[-1].end()]
        units = [u for u in gaz.by_fold.get(fold(phrase), ()) if u.kind == COMMUNE]
        taken = overlaps(words[0].start(), words[-1].end())
        if len(units) == 1 and not taken and not _blocked(text, words[0].start()):
            unit = units[0]
            candidates.append(PlaceMatch(words[0].start(), words[-1].end(), unit, display_name(unit), COMMUNE, None))
    # A candidate is taken if it is beside a place or another candidate. Glue between two spans holds no name,
    # so only neighbours in reading order can be beside each other; every candidate beside another is taken.
    spans = sorted([(p, False) for p in found] + [(c, True) for c in candidates], key=lambda x: x[0].start)
    accepted = list(found)
    previous: PlaceMatch | None = None  # of the spans before, the one that ends last
    for i, (c, is_candidate) in enumerate(spans):
        following = spans[i + 1][0] if i + 1 < len(spans) else None
        if is_candidate and any(n is not None and _adjacent(text, c, n) for n in (previous, following)):
            accepted.append(c)
        if previous is None or c.end > previous.end:
            previous = c
    return sorted(accepted, key=lambda p: p.start)


def _adjacent(text: str, a: PlaceMatch, b: PlaceMatch) -> bool:
    first, second = (a, b) if a.end <= b.start else (b, a)
    return bool(_BESIDE.fullmatch(text[first.end : second.start]))


def _title_runs(text: str) -> list[list[re.Match[str]]]:
    """Maximal runs of capitalised words separated by single spaces, each as its words."""
    return [list(_WORD.finditer(text, m.start(), m.end())) for m in _RUN.finditer(text)]


def _blocked(text: str, start: int) -> bool:
    before = text[max(0, start - 16) : start].lower().rstrip()
    return before.endswith(NOT_A_PLACE_BEFORE)


def _capitalised_run(text: str, pos: int, limit: int = 5) -> list[re.Match[str]]:
    """The capitalised words from `pos` on (`Nậm Nhùn`, `Tả Páo Hồ`), separated by single spaces."""
    words: list[re.Match[str]] = []
    for w in _WORD.finditer(text, pos):
        if words and text[words[-1].end() : w.start()] != " ":
            break
        if not words and w.start() != pos:
            break
        if not (w.group(0)[0].isupper() or (words and w.group(0).isdigit())):
            break
        words.append(w)
        if len(words) == limit:
            break
    return words


# `… thành xã mới có tên gọi là xã Tả Lèng`: the unit a reorganisation creates, not the old one of that name.
_NEW_UNIT_BEFORE = re.compile(r"(?:có tên(?: gọi)? là|đổi tên thành|thành lập|mới là)\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _new_units() -> dict[str, Unit]:
    """The units created by the 2025 reform, by folded name (the gazetteer leaves them out of plain reading)."""
    return {fold(u.name): u for u in load_reference().units if not u.current}


def succeeded_by(old: str, new: str) -> bool | None:
    """Whether the reference succession data has unit `new` take unit `old` over (None: it does not know `old`)."""
    unit = gazetteer().by_iri.get(old)
    return None if unit is None or unit.successor is None else unit.successor == new


def _as_new_unit(match: PlaceMatch) -> PlaceMatch:
    unit = _new_units().get(fold(match.name))
    if unit is None:
        return match
    return PlaceMatch(match.start, match.end, unit, display_name(unit), unit.kind, match.kind_word)


# After an unknown commune's name (and the names listed with it), the district that places it.
_PLACED_BY_DISTRICT = re.compile(
    rf"(?:\s*(?:,|và)\s*[{UPPER}][\wĐđ]*(?: [{UPPER}][\wĐđ]*){{0,3}}){{0,6}}\s*(?:,|\(|-|–)\s*"
    rf"(?:huyện|thị xã|thành phố|quận)\s+[{UPPER}]"
)


def _name_after(text: str, pos: int, kind_word: str) -> PlaceMatch | None:
    words = _capitalised_run(text, pos)
    if not words:
        return None
    if _KIND_RE.match(text, pos):
        return None
    kind = _KIND_WORDS[kind_word]
    gaz = gazetteer()
    # The longest prefix of the run that names a known place, preferring one of the right kind.
    for n in range(min(len(words), gaz.longest), 0, -1):
        phrase = text[pos : words[n - 1].end()]
        units = gaz.by_key.get(match_key(phrase)) or gaz.by_fold.get(fold(phrase))
        if units:
            unit = _pick(units, kind, kind_word)
            if unit is not None:
                return PlaceMatch(pos, words[n - 1].end(), unit, display_name(unit), unit.kind, kind_word)
    if kind_word in ("khu tđc", "điểm tđc", "khu tái định cư"):
        return None  # a resettlement site named after something else (a village, a stream)
    if kind == COMMUNE and (unit := _nearest_commune(text[pos : words[min(len(words), 4) - 1].end()])):
        # A commune misspelt by the report (`Lán Nhi Thành` for Lả Nhì Thàng): the one known name close to it.
        n = len(display_name(unit).split()) if "thị trấn" not in unit.unit_types else len(unit.name.split())
        end = words[min(n, len(words)) - 1].end()
        return PlaceMatch(pos, end, unit, display_name(unit), COMMUNE, kind_word)
    placed = _PLACED_BY_DISTRICT.match(text, words[-1].end())
    if kind == COMMUNE and placed and words[0].group(0) != words[0].group(0).upper():
        end = words[min(len(words), 4) - 1].end()  # `thị trấn Mỹ Thọ, huyện Cao Lãnh`: a commune elsewhere
        name = text[pos:end]
        if kind_word == "thị trấn" and text.startswith(name, placed.end() - 1):
            name = f"Thị trấn {name}"  # `thị trấn Lấp Vò, huyện Lấp Vò`: the town, apart from its district
        return PlaceMatch(pos, end, None, name, OTHER, kind_word)
    if kind == COMMUNE or kind_word == "nước":
        return None  # an unknown commune name is more likely a phrase (`XÃ HỘI`) than a commune elsewhere
    # Not a place of Lai Châu: outside the province (`huyện Mường La`, `tỉnh Vân Nam`). Abbreviations
    # (`xã ĐBKK`, `xã NTM`) are qualities of a commune, not names.
    words = words[:4]
    if all(w.group(0).capitalize() in _DIRECTIONS for w in words[:1]) and len(words) <= 2:
        return None  # `Bắc Lào`, `Tây Bắc`: regions, not places
    if any(len(w.group(0)) > 1 and w.group(0).isupper() for w in words) and pos < _upper_from(text):
        return None
    end = words[-1].end()
    name = _GLUED.sub(" ", text[pos:end])
    if kind_word in ("thành phố", "tp", "thị xã") and any(
        "tỉnh" in u.unit_types and not _centrally_run(u) for u in gaz.by_fold.get(fold(name), ())
    ):
        name = f"{'Thị xã' if kind_word == 'thị xã' else 'Thành phố'} {name}"  # the capital, apart from its province
    return PlaceMatch(pos, end, None, name, OTHER, kind_word)


# `tỉnh JeollaBắc`: a capital right after a small letter is a lost space (no Vietnamese name is written so).
_GLUED = re.compile(rf"(?<=[{LOWER}])(?=[{UPPER}])")


@lru_cache(maxsize=4)
def _upper_from(text: str) -> int:
    """Where the paragraph's upper-case tail begins: `text[pos:].isupper()` for a `pos` followed by a capital,
    found once per paragraph (testing the rest of a long paragraph at every name was quadratic)."""
    i = len(text)
    while i > 0 and not (text[i - 1].islower() or (text[i - 1].istitle() and not text[i - 1].isupper())):
        i -= 1
    return i


# Thành phố trực thuộc trung ương: cities at the level of a province (Huế from 2025).
_CENTRALLY_RUN = frozenset({"ha noi", "ho chi minh", "thanh pho ho chi minh", "hai phong", "da nang", "can tho", "hue"})


def _centrally_run(unit: Unit) -> bool:
    return fold(unit.name) in _CENTRALLY_RUN


def _pick(units: tuple[Unit, ...], kind: str, kind_word: str) -> Unit | None:
    if kind_word in ("thành phố", "tp", "thị xã"):
        wanted = [u for u in units if u.kind in (DISTRICT, OTHER) and kind_word in (*u.unit_types, "tp")]
        wanted = wanted or [u for u in units if u.kind == DISTRICT and "thành phố" in u.unit_types]
        # `thành phố Trà Vinh` is the province's capital, not the province the gazetteer knows by that name; a
        # centrally-run city (`thành phố Hà Nội`) is the province-level unit itself.
        others = [u for u in units if u.kind == OTHER and ("tỉnh" not in u.unit_types or _centrally_run(u))]
        return wanted[0] if wanted else next(iter(others), None)
    exact = [u for u in units if u.kind == kind and (kind_word in u.unit_types or kind != COMMUNE)]
    if exact:
        return exact[0]
    # A kind word that does not say which (`khu TĐC Mường Tè`): the commune before the town.
    same_kind = sorted((u for u in units if u.kind == kind), key=lambda u: "thị trấn" in u.unit_types)
    if same_kind:
        return same_kind[0]
    # No unit of the kind the words name: a place outside the province by that name, if there is one (`thị trấn
    # Than Uyên` where only the district is listed under that name is the town, which the gazetteer lacks).
    return next((u for u in units if u.kind == OTHER), None)


def _bare_names(text: str) -> list[PlaceMatch]:
    """District, province and country names without a kind word: the longest known name that ends a run of
    capitalised words (`Sâm Lai Châu` ends with the province; `Lai Châu Xanh` is some other name)."""
    gaz = gazetteer()
    out: list[PlaceMatch] = []
    for words in _title_runs(text):
        for n in range(min(gaz.longest, len(words)), 0, -1):
            first = words[-n]
            unit = gaz.bare.get(match_key(text[first.start() : words[-1].end()]))
            if unit is not None:
                if not _blocked(text, first.start()):
                    out.append(PlaceMatch(first.start(), words[-1].end(), unit, display_name(unit), unit.kind, None))
                break
    return out


# The English scopes of the gazetteer's places outside Lai Châu (`province of China`), in the reports' words.
_SCOPE_NAMES = {"viet nam": "việt nam", "china": "trung quốc", "yunnan": "vân nam", "laos": "lào",
                "south korea": "hàn quốc"}  # fmt: skip


def within_one_province(inner: str, outer: str) -> bool:
    """Both units are the gazetteer's own (Lai Châu's), where districts were redrawn (Tân Uyên 2008, Nậm Nhùn
    2012): a report older than today's map may rightly put a commune in another district."""
    units = gazetteer().by_iri
    a, b = units.get(inner), units.get(outer)
    return a is not None and b is not None and not a.scope and not b.scope and b.kind != PROVINCE


def may_lie_in(inner: str, outer: str) -> bool | None:
    """Whether the gazetteer lets unit `inner` lie in unit `outer` (IRIs): True or False where it knows both,
    None where it does not know one of them (the text alone decides then)."""
    units = gazetteer().by_iri
    a, b = units.get(inner), units.get(outer)
    if a is None or b is None:
        return None
    if a.scope:  # a place outside Lai Châu: its scope names what it lies in (`county of Yunnan, China`)
        tail = a.scope.split(" of ", 1)[1] if " of " in a.scope else ""
        names = {_SCOPE_NAMES.get(part.strip().lower(), part.strip().lower()) for part in tail.split(",") if part}
        return fold(b.name) in {fold(n) for n in names}
    if a.kind == PROVINCE:
        return fold(b.name) == fold("Việt Nam")
    if b.scope:
        return fold(b.name) == fold("Việt Nam")
    parent = a.parent
    while parent:
        if parent == b.iri:
            return True
        parent = units[parent].parent if parent in units else None
    return False
