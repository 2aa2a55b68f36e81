"""Places: provinces, districts and communes of Viet Nam, and places outside it, matched against the gazetteer.

The gazetteer is Lai Châu's hand-checked units and the whole country's (ontology/national.py), before and after
the reform of 1 July 2025, and places outside Viet Nam. A name is read with the kind word before it (`huyện`,
`xã`, `thị trấn`, `thành phố`, `tỉnh`), which also covers a list (`các xã Tà Hừa, Pha Mu và Mường Kim`). Many
units share a name (dozens of `Tân Phong`): the kind word, the unit named right after (`xã Tân Phong, huyện
Bình Lục`), the report's own province and the report's date (`Scope`) decide; a name they leave undecided is
kept unresolved, with its kind. A name after a kind word that no unit has is a place outside Viet Nam
(`huyện Kim Bình`, `huyện Yeongdong`). Without a kind word only province, country and the report's own
districts' names are taken, and never where they name something else (`thủy điện Lai Châu` is a power plant,
`bản Mường Tè` a village).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from policykg.ontology.national import national_data
from policykg.ontology.national import province_named as national_province_named
from policykg.ontology.reference import Unit, after_reform, load_reference
from policykg.text import LOWER, UPPER, fold, match_key, nfc

PROVINCE, DISTRICT, COMMUNE, OTHER = "province", "district", "commune", "other"

# Kind words and the kind of unit they introduce.
_KIND_WORDS = {
    "tỉnh": PROVINCE,
    "huyện": DISTRICT,
    "thành phố": DISTRICT,
    "tp": DISTRICT,
    "thị xã": DISTRICT,
    "quận": DISTRICT,
    "xã": COMMUNE,
    "phường": COMMUNE,
    "thị trấn": COMMUNE,
    "đặc khu": COMMUNE,
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
    "quốc gia",  # `Học viện Chính trị quốc gia Hồ Chí Minh`
)  # fmt: skip
_AFTER_KIND = (
    # … and glued to the name after it by a converter (`xãPa Tần`): a capital right after a small letter
    rf"\.?(?:\s+(?=[A-ZĐÀ-Ỹ0-9])|(?-i:(?<=[{LOWER}])(?=[{UPPER}])))"
)
_KIND_RE = re.compile(
    r"(?<![\wĐđ])(?P<kind>"
    + "|".join(sorted((re.escape(k) for k in _KIND_WORDS), key=len, reverse=True))
    + ")"
    + _AFTER_KIND,
    re.IGNORECASE,
)
# A kind word glued to the word before it (`củathị trấn`): only those that end no Vietnamese syllable (not
# `huyện`, the end of `chuyện`, nor the abbreviations), written in small letters. Apart from _KIND_RE, whose
# leading lookbehind an alternative there would make slower everywhere; this one starts with a class.
_GLUE_SAFE = ("thị trấn", "thành phố", "thị xã", "phường", "tỉnh", "quận", "xã")
_GLUED_KIND_RE = re.compile(rf"[{LOWER}](?P<kind>{'|'.join(_GLUE_SAFE)})" + _AFTER_KIND)
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
class Scope:
    """What decides between units of one name: the report's own province (IRI; None if not known) and whether
    the report is of the map after 1 July 2025 (one level of communes, 34 provinces)."""

    province: str | None
    after_2025: bool = False


@dataclass(frozen=True)
class Gazetteer:
    by_key: dict[str, tuple[Unit, ...]]
    by_fold: dict[str, tuple[Unit, ...]]
    longest: int
    by_iri: dict[str, Unit]
    province_of: dict[str, str]  # unit IRI -> the IRI of the province it lies in (a province: itself)
    children: dict[str, tuple[Unit, ...]]  # unit IRI -> the units that lie right in it


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    by_key: dict[str, list[Unit]] = {}
    by_fold: dict[str, list[Unit]] = {}
    units = [*load_reference().units, *national_data().units]
    for unit in units:
        for name in (unit.name, *unit.variants):
            by_key.setdefault(match_key(name), []).append(unit)
            by_fold.setdefault(fold(name), []).append(unit)
    longest = max(len(k.split()) for k in by_key)
    by_iri = {unit.iri: unit for unit in units}
    province_of: dict[str, str] = {}
    children: dict[str, list[Unit]] = {}
    for unit in units:
        if unit.parent:
            children.setdefault(unit.parent, []).append(unit)
        up: Unit | None = unit
        while up is not None and up.kind not in (PROVINCE, OTHER):
            up = by_iri.get(up.parent or "")
        if up is not None and up.kind == PROVINCE:
            province_of[unit.iri] = up.iri
    return Gazetteer(
        {k: tuple(v) for k, v in by_key.items()}, {k: tuple(v) for k, v in by_fold.items()}, longest, by_iri,
        province_of, {k: tuple(v) for k, v in children.items()},
    )  # fmt: skip


@lru_cache(maxsize=1)
def home_province() -> str:
    """The province of the hand-checked gazetteer (Lai Châu): the scope of a text whose province is not given."""
    return next(u.iri for u in load_reference().units if u.kind == PROVINCE)


def home_scope() -> Scope:
    return Scope(home_province())


@lru_cache(maxsize=16)
def _bare(scope: Scope) -> dict[str, Unit]:
    """Names that are places even without a kind word: provinces, countries and places outside Viet Nam, and the
    districts of the report's own province (`Tam Đường`; bare `Lai Châu` is the province, the city needs its
    kind word)."""
    gaz = gazetteer()
    bare: dict[str, Unit] = {}
    for unit in sorted(gaz.by_iri.values(), key=lambda u: not _in_era(u, scope)):
        own_district = unit.kind == DISTRICT and scope.province and gaz.province_of.get(unit.iri) == scope.province
        if unit.kind in (PROVINCE, OTHER) or (own_district and not _named_as_province(unit)):
            for name in (unit.name, *unit.variants):
                bare.setdefault(match_key(name), unit)
    return bare


def _named_as_province(unit: Unit, name: str = "") -> bool:
    province = gazetteer().by_iri.get(gazetteer().province_of.get(unit.iri, ""))
    return province is not None and fold(province.name) == fold(name or unit.name)


def _in_era(unit: Unit, scope: Scope) -> bool:
    """Whether a unit is on the map the report is of."""
    return unit.on_map(scope.after_2025)


def display_name(unit: Unit, written: str = "", kind_word: str | None = None) -> str:
    """The name a place is listed under: `Thành phố Lai Châu`, `Thị trấn Mường Tè`, `Tà Hừa`; a city with the
    kind word the text gives it (`thành phố Cao Lãnh` is not huyện Cao Lãnh; `huyện Sa Pa` of 2020, a thị xã
    today, is `Sa Pa`), or without one the kind its unit has; a province or district by the former name the text
    gives it (`written`: `Thừa Thiên Huế`, now Huế)."""
    # A former name, not a spelling (`Sin Hồ` is listed as Sìn Hồ).
    former = fold(written) != fold(unit.name)
    name = next((v for v in unit.variants if fold(v) == fold(written)), unit.name) if written and former else unit.name
    if unit.kind == PROVINCE:  # `Thành phố Hồ Chí Minh`: the city is never called by the bare name alone
        return next((v for v in unit.variants if fold(v) == fold(f"thành phố {name}")), name)
    said = {"tp": "thành phố", "thành phố": "thành phố", "thị xã": "thị xã"}.get(kind_word or "", "")
    city = said if kind_word else next((t for t in ("thành phố", "thị xã") if t in unit.unit_types), None)
    if unit.kind == DISTRICT and name != unit.name and _named_as_province(unit, name):
        return f"Thành phố {name}"  # a city by its former name (`Huế`, quận Thuận Hóa since 2025)
    if unit.kind == DISTRICT and city and unit.label == unit.name:
        # A city is named with its kind word: `Thành phố Cao Lãnh` is not huyện Cao Lãnh, nor the province.
        return f"{city.capitalize()} {name}"
    if unit.kind == DISTRICT:
        return unit.label if name == unit.name else name
    parent = gazetteer().by_iri.get(unit.parent or "")
    if unit.kind == COMMUNE and "thị trấn" in unit.unit_types and parent and fold(parent.name) == fold(unit.name):
        return f"Thị trấn {unit.name}"
    return unit.name


def find_places(text: str, scope: Scope | None = None) -> list[PlaceMatch]:
    """Places named in one paragraph, in order, without overlaps; `scope` (default: the hand-checked province,
    before 2025) decides between units of one name."""
    scope = scope or home_scope()
    found: list[PlaceMatch] = []
    kinds = list(_KIND_RE.finditer(text))
    if glued := list(_GLUED_KIND_RE.finditer(text)):
        kinds = sorted([*kinds, *glued], key=lambda m: m.start("kind"))
    for m in kinds:
        kind_word, start = m.group("kind").lower(), m.start("kind")
        if _blocked(text, start) or ("." in m.group(0) and kind_word not in ("tp", "tt")):
            continue
        if found and start < found[-1].end:
            continue  # a kind word glued inside a name already read (`huyện Aatỉnh A`) is part of that name
        pos = m.end()
        first = True
        new_unit = bool(_NEW_UNIT_BEFORE.search(text[max(0, start - 40) : start]))
        listed: list[PlaceMatch] = []
        while True:
            match = _name_after(text, pos, kind_word, scope)
            if match is not None and new_unit:
                match = _as_new_unit(match, scope)
            # After the first name of a list, an unknown name continues it only if it looks like a proper name
            # of two words or more after a comma (`huyện Kim Bình, Lục Xuyên`, not `tỉnh Lai Châu và Bệnh viện`),
            # or is a number after a number (`phường 3, 4, 6`).
            numbered = match is not None and match.name[-1:].isdigit()
            unknown = match is not None and match.unit is None and not numbered
            if match is None or (not first and unknown and not _continues(text, pos, match)):
                break
            first = False
            listed.append(match)
            glue = _LIST_GLUE.match(text, match.end)
            # A list goes on while the next item is a capitalised name (or a number), not a new kind word.
            if (
                not glue
                or glue.end() >= len(text)
                or not (text[glue.end()].isupper() or (numbered and text[glue.end()].isdigit()))
                or _KIND_RE.match(text, glue.end())
            ):
                break
            pos = glue.end()
        found += _numbers_among_names(listed)
    taken = [(p.start, p.end) for p in found]
    for match in _bare_names(text, scope):
        if not any(s < match.end and match.start < e for s, e in taken):
            found.append(match)
    found.sort(key=lambda p: p.start)
    return _units_before_their_district(text, _communes_beside_places(text, found, scope))


def _numbers_among_names(listed: list[PlaceMatch]) -> list[PlaceMatch]:
    """A list's numbered units that no one place is known for (`phường 3, 4, 6, 11, Hòa Thuận`): the ones of the
    unit the list's named members lie in, where they all lie in one; else they stay undecided."""
    parents = {m.unit.parent for m in listed if m.unit is not None}
    if len(parents) != 1 or None in parents:
        return listed
    (parent,) = parents
    out = []
    for m in listed:
        unit = (
            next((u for u in gazetteer().children.get(parent or "", ()) if u.name == m.name), None)
            if m.unit is None
            else None
        )
        out.append(PlaceMatch(m.start, m.end, unit, m.name, unit.kind, m.kind_word) if unit else m)
    return out


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
    found_at = {p.start: p for p in found}
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
            if _blocked(text, start) or " " not in m.group(0):
                break  # a unit's name has two syllables or more (`Mỹ Hiệp`); `hai Bên (…)` is not one
            name = m.group(0)
            parent = container.unit.iri if container.unit else None
            if taken(start, stop):
                # read already (a commune beside places): the list goes on if it is one of the container's units
                read = found_at.get(start)
                if read is None or read.unit is None or read.unit.parent != parent:
                    break
                known = []
            else:
                known = [u for u in gazetteer().by_fold.get(fold(name), ()) if parent and u.parent == parent]
                # … or misspelt (`Bình Hành Trung` for Bình Hàng Trung): the one unit in it within two edits
                known = known or [
                    u for u in gazetteer().children.get(parent or "", ()) if _within_two_edits(fold(u.name), fold(name))
                ]
                if len({u.iri for u in known}) == 1:
                    added.append(PlaceMatch(start, stop, known[0], display_name(known[0]), known[0].kind, None))
                elif container.unit is None or container.kind == OTHER:
                    added.append(PlaceMatch(start, stop, None, name, OTHER, "xã"))
            # else the gazetteer has every unit of Viet Nam: a name it lacks there is a village or an area
            glue = re.search(r"(?:,|và)\s*$", text[max(0, start - 6) : start])
            if glue is None:
                break
            end = start - (len(text[max(0, start - 6) : start]) - glue.start())
    return sorted([*found, *added], key=lambda p: p.start)


@lru_cache(maxsize=16)
def _communes_of(scope: Scope) -> dict[str, tuple[Unit, ...]]:
    """The communes of the report's own province on its map, by folded name."""
    gaz = gazetteer()
    out: dict[str, list[Unit]] = {}
    for unit in gaz.by_iri.values():
        if unit.kind == COMMUNE and _in_era(unit, scope) and gaz.province_of.get(unit.iri) == scope.province:
            for name in (unit.name, *unit.variants):
                out.setdefault(fold(name), []).append(unit)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=4096)
def _nearest_commune(phrase: str, scope: Scope) -> Unit | None:
    """The one commune of the report's province whose folded name is within two edits of the phrase (or of its
    first words)."""
    words = fold(phrase).split()
    best: list[Unit] = []
    for n in range(len(words), 1, -1):
        candidate = " ".join(words[:n])
        if len(candidate) < 6:
            break
        best = [
            u for key, units in _communes_of(scope).items() if abs(len(key) - len(candidate)) <= 2
            and _within_two_edits(key, candidate) for u in units
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


def _communes_beside_places(text: str, found: list[PlaceMatch], scope: Scope) -> list[PlaceMatch]:
    """Bare names of the report's province's communes inside a run of places (`Nậm Sỏ - Tân Uyên`, `Nậm Nhùn,
    Nậm Mạ, Than Uyên`)."""
    communes = _communes_of(scope)
    candidates: list[PlaceMatch] = []
    overlaps = _overlap_test(found)
    for words in _title_runs(text):
        phrase = text[words[0].start() : words[-1].end()]
        units = communes.get(fold(phrase), ())
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


@lru_cache(maxsize=16)
def _new_units(scope: Scope) -> dict[str, Unit]:
    """The units of the report's province created by the 2025 reform, by folded name (a report before it reads
    their names as the old units')."""
    gaz = gazetteer()
    units = gaz.by_iri.values()
    return {fold(u.name): u for u in units if not u.current and gaz.province_of.get(u.iri) == scope.province}


def succeeded_by(old: str, new: str) -> bool | None:
    """Whether the reference succession data has unit `new` take unit `old` over (None: it does not know `old`)."""
    unit = gazetteer().by_iri.get(old)
    return None if unit is None or unit.successor is None else unit.successor == new


def _as_new_unit(match: PlaceMatch, scope: Scope) -> PlaceMatch:
    unit = _new_units(scope).get(fold(match.name))
    if unit is None:
        return match
    return PlaceMatch(match.start, match.end, unit, display_name(unit), unit.kind, match.kind_word)


# After an unknown commune's name (and the names listed with it), the district that places it.
_PLACED_BY_DISTRICT = re.compile(
    rf"(?:\s*(?:,|và)\s*[{UPPER}][\wĐđ]*(?: [{UPPER}][\wĐđ]*){{0,3}}){{0,6}}\s*(?:,|\(|-|–)\s*"
    rf"(?:huyện|thị xã|thành phố|quận)\s+[{UPPER}]"
)


# `phường 3`, `Quận 1`: a unit named by a number keeps its kind word in its name.
_NUMBER = re.compile(r"\d{1,2}(?![\d/.,]\d)(?!\w)")


def _numbered(text: str, pos: int, kind_word: str, scope: Scope) -> PlaceMatch | None:
    m = _NUMBER.match(text, pos)
    if m is None or kind_word not in ("phường", "quận", "xã"):
        return None
    name = f"{kind_word.capitalize()} {int(m.group(0))}"
    units = gazetteer().by_key.get(match_key(name), ())
    if not units:
        return None
    unit = _pick(units, _KIND_WORDS[kind_word], kind_word, scope, _placed_in(text, m.end()))
    if unit is UNDECIDED or unit is None:  # a number most cities have: decided by the list it is in, if at all
        return PlaceMatch(pos, m.end(), None, name, _KIND_WORDS[kind_word], kind_word)
    return PlaceMatch(pos, m.end(), unit, unit.name, unit.kind, kind_word)


def _name_after(text: str, pos: int, kind_word: str, scope: Scope) -> PlaceMatch | None:
    words = _capitalised_run(text, pos)
    if not words:
        return _numbered(text, pos, kind_word, scope)
    if _KIND_RE.match(text, pos):
        return None
    kind = _KIND_WORDS[kind_word]
    gaz = gazetteer()
    if dashed := _dashed_name(text, pos, words, kind, kind_word, scope):
        return dashed
    # The longest prefix of the run that names a known place, preferring one of the right kind.
    for n in range(min(len(words), gaz.longest), 0, -1):
        phrase = text[pos : words[n - 1].end()]
        units = gaz.by_key.get(match_key(phrase)) or gaz.by_fold.get(fold(phrase))
        if units:
            unit = _pick(units, kind, kind_word, scope, _placed_in(text, words[n - 1].end()))
            if unit is UNDECIDED:  # units of this name in several provinces, and nothing to tell which
                name = f"{kind_word.capitalize()} {phrase}" if kind_word in ("thành phố", "thị xã") else phrase
                return PlaceMatch(pos, words[n - 1].end(), None, name, kind, kind_word)
            if unit is not None:
                name = display_name(unit, phrase, kind_word)
                return PlaceMatch(pos, words[n - 1].end(), unit, name, unit.kind, kind_word)
    if kind_word in ("khu tđc", "điểm tđc", "khu tái định cư"):
        return None  # a resettlement site named after something else (a village, a stream)
    if spelt := _lower_case_tail(text, pos, words, kind, kind_word, scope):
        return spelt
    if kind == COMMUNE and (unit := _nearest_commune(text[pos : words[min(len(words), 4) - 1].end()], scope)):
        # A commune misspelt by the report (`Lán Nhi Thành` for Lả Nhì Thàng): the one known name close to it.
        n = len(display_name(unit).split()) if "thị trấn" not in unit.unit_types else len(unit.name.split())
        end = words[min(n, len(words)) - 1].end()
        return PlaceMatch(pos, end, unit, display_name(unit), COMMUNE, kind_word)
    placed = _PLACED_BY_DISTRICT.match(text, words[-1].end())
    if kind == COMMUNE and placed and words[0].group(0) != words[0].group(0).upper():
        end = words[min(len(words), 4) - 1].end()  # `thị trấn Mỹ Thọ, huyện Cao Lãnh`: a commune the data lacks
        name = text[pos:end]
        if kind_word == "thị trấn" and text.startswith(name, placed.end() - 1):
            name = f"Thị trấn {name}"  # `thị trấn Lấp Vò, huyện Lấp Vò`: the town, apart from its district
        return PlaceMatch(pos, end, None, name, COMMUNE, kind_word)
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


_DASH = re.compile(r"\s?[-–]\s?")


def _dashed_name(
    text: str, pos: int, words: list[re.Match[str]], kind: str, kind_word: str, scope: Scope
) -> PlaceMatch | None:
    """`tỉnh Bà Rịa - Vũng Tàu`, `thành phố Phan Rang-Tháp Chàm`: a unit whose name is two names joined by a dash,
    where the gazetteer knows the whole (a dash between names is otherwise a route or a pair: `Pa Tần - Mường Tè`)."""
    dash = _DASH.match(text, words[-1].end())
    after = _capitalised_run(text, dash.end()) if dash else []
    for n in range(len(after), 0, -1):
        if found := _one_unit(text, pos, after[n - 1].end(), kind, kind_word, scope):
            return found
    return None


def _lower_case_tail(
    text: str, pos: int, words: list[re.Match[str]], kind: str, kind_word: str, scope: Scope
) -> PlaceMatch | None:
    """`thành phố Hải phòng`, `tỉnh Quảng ninh`: a name the text writes with its second word in lower case, where
    with that word it is a unit the gazetteer knows (one word alone is none)."""
    tail = _WORD.match(text, words[0].end() + 1) if len(words) == 1 else None
    if tail is None or text[words[0].end()] != " " or not tail.group(0).islower():
        return None
    return _one_unit(text, pos, tail.end(), kind, kind_word, scope)


def _one_unit(text: str, pos: int, end: int, kind: str, kind_word: str, scope: Scope) -> PlaceMatch | None:
    """`text[pos:end]` as the one unit of that name the gazetteer gives (by its match key), if it gives one."""
    phrase = text[pos:end]
    units = gazetteer().by_key.get(match_key(phrase))
    unit = _pick(units, kind, kind_word, scope, _placed_in(text, end)) if units else None
    if unit is None or unit is UNDECIDED:
        return None
    return PlaceMatch(pos, end, unit, display_name(unit, phrase, kind_word), unit.kind, kind_word)


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


# A name that several units of the right kind have, in provinces the text does not tell apart.
UNDECIDED = Unit("", "", "", OTHER, (), None, None, (), True)
# After a name, the unit it lies in: `xã Tân Phong, huyện Bình Lục`, `xã Mỹ Hiệp (huyện Cao Lãnh)`.
# … or the country in brackets: `các huyện Kim Bình, Lục Xuyên, Giang Thành (Trung Quốc)`.
_PLACED_IN = re.compile(
    rf"\s*(?:(?:,|\(|-|–|thuộc)\s*(?:huyện|quận|thị xã|thành phố|tỉnh)\s+|\(\s*(?=[{UPPER}][^()]{{0,30}}\)))"
    rf"(?P<name>[{UPPER}][\wĐđ]*(?: [{UPPER}][\wĐđ]*){{0,3}})"
)


def _placed_in(text: str, end: int) -> str | None:
    m = _PLACED_IN.match(text, end)
    return fold(m.group("name")) if m else None


def _pick(units: tuple[Unit, ...], kind: str, kind_word: str, scope: Scope, placed_in: str | None) -> Unit | None:
    """The unit a name after a kind word is, among the units of that name: of the report's map (date), of the
    kind the word names, in the unit named after it, in the report's province — UNDECIDED where several remain."""
    gaz = gazetteer()
    if placed_in and placed_in != "viet nam" and any(u.scope == "country" for u in gaz.by_fold.get(placed_in, ())):
        units = tuple(u for u in units if u.kind == OTHER)  # in the country named after it: not in Viet Nam
    ranked = _by_kind([u for u in units if _in_era(u, scope)] or list(units), kind, kind_word)
    containers = [u for u in gaz.by_fold.get(placed_in or "", ()) if u.kind in (PROVINCE, DISTRICT)]
    if containers:
        # Named in a unit the gazetteer knows: one of the units in it, else one of its province (districts were
        # redrawn: `xã Nậm Hàng, huyện Mường Tè` of 2012 is in Nậm Nhùn today), else one it does not know.
        provinces = {gaz.province_of.get(c.iri) for c in containers}
        inside = [(r, u) for r, u in ranked if _lies_in_named(u, placed_in or "")]
        # … and a province lies in none: named before another, it is one of a list (`thành phố Đà Nẵng, thành
        # phố Cần Thơ`).
        ranked = (
            inside
            or [(r, u) for r, u in ranked if gaz.province_of.get(u.iri) in provinces]
            or [(r, u) for r, u in ranked if u.kind == PROVINCE]
        )
        if not ranked:
            return UNDECIDED
    # The report's province; for a text that does not say, the hand-checked one's (the bundled corpus's).
    own = [(r, u) for r, u in ranked if gaz.province_of.get(u.iri) == (scope.province or home_province())]
    ranked = own or ranked
    if not ranked:
        return None
    best = min(r for r, _ in ranked)
    top = list({u.iri: u for r, u in ranked if r == best}.values())
    return top[0] if len(top) == 1 or top[0].kind == OTHER else UNDECIDED


def _lies_in_named(unit: Unit, name: str) -> bool:
    """Whether a unit lies in a unit of that (folded) name."""
    units = gazetteer().by_iri
    parent = units.get(unit.parent or "")
    while parent is not None:
        if fold(parent.name) == name:
            return True
        parent = units.get(parent.parent or "")
    return False


def _by_kind(units: list[Unit], kind: str, kind_word: str) -> list[tuple[int, Unit]]:
    """Units ranked by how well they fit the kind word (0 best), those that do not fit left out."""
    if kind_word in ("thành phố", "tp", "thị xã"):
        # `thành phố Trà Vinh` is the province's capital, not the province by that name; a centrally-run city
        # (`thành phố Hà Nội`) is the province-level unit itself.
        return [
            (0 if u.kind in (DISTRICT, OTHER) and kind_word in (*u.unit_types, "tp") else
             1 if u.kind == DISTRICT and {"thành phố", "thị xã"} & set(u.unit_types) else  # thị xã, now thành phố
             2 if u.kind == DISTRICT else  # a city that became something else (`Huế`: quận Thuận Hóa since 2025)
             3 if u.kind == PROVINCE and _centrally_run(u) else 4, u)
            for u in units if u.kind in (DISTRICT, PROVINCE, OTHER) and (u.kind != PROVINCE or _centrally_run(u))
        ]  # fmt: skip
    # A kind word that does not say which (`khu TĐC Mường Tè`): the commune before the town.
    ranked = [
        (0 if kind == PROVINCE or kind_word in u.unit_types else 2 if "thị trấn" in u.unit_types else 1, u)
        for u in units if u.kind == kind
    ]  # fmt: skip
    # No unit of the kind the words name: a place outside Viet Nam by that name, if there is one.
    return ranked or [(3, u) for u in units if u.kind == OTHER]


def _bare_names(text: str, scope: Scope) -> list[PlaceMatch]:
    """Province, country and the report's own districts' names without a kind word: the longest known name
    that ends a run of capitalised words (`Sâm Lai Châu` ends with the province; `Lai Châu Xanh` is some other
    name)."""
    gaz = gazetteer()
    bare = _bare(scope)
    out: list[PlaceMatch] = []
    for words in _title_runs(text):
        for n in range(min(gaz.longest, len(words)), 0, -1):
            first = words[-n]
            unit = bare.get(match_key(text[first.start() : words[-1].end()]))
            if unit is not None:
                if not _blocked(text, first.start()):
                    name = display_name(unit, text[first.start() : words[-1].end()])
                    out.append(PlaceMatch(first.start(), words[-1].end(), unit, name, unit.kind, None))
                break
    return out


# The English scopes of the gazetteer's places outside Lai Châu (`province of China`), in the reports' words.
_SCOPE_NAMES = {"viet nam": "việt nam", "china": "trung quốc", "yunnan": "vân nam", "laos": "lào",
                "south korea": "hàn quốc"}  # fmt: skip


def within_one_province(inner: str, outer: str) -> bool:
    """Both units lie in the hand-checked province, whose districts were redrawn (Tân Uyên 2008, Nậm Nhùn 2012): a
    report older than its map may rightly put a commune in another district of it. (The whole country's data
    is the map of the eve of 2025, with no record of earlier redrawings: a commune in another district of one
    province there is more often a list read wrong.)"""
    gaz = gazetteer()
    home = home_province()
    return gaz.province_of.get(inner) == home and gaz.province_of.get(outer) == home and outer != home


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


def province_named(name: str, after_2025: bool = False) -> Unit | None:
    """The province by that name, with or without its kind word (`Lai Châu`, `tỉnh Hậu Giang`), on the map before
    or after the reform (`ontology.national.province_named`)."""
    return national_province_named(re.sub(r"^(?:tỉnh|thành phố)\s+", "", name.strip(), flags=re.IGNORECASE), after_2025)


# `tỉnh Hậu Giang`, `TỈNH TRÀ VINH`, `xã Giang Ma`: a unit named with its kind word.
_UNIT_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
# Written small, capitalised or in capitals: literal words (a case-blind alternation is tried at every position).
_KIND_AND_NAME = re.compile(
    "(?P<kind>" + "|".join(f"{w}|{w.capitalize()}|{w.upper()}" for w in _UNIT_WORDS) + r")\s+"
    rf"(?P<name>[{UPPER}][\wĐđ]*(?: [{UPPER}][\wĐđ]*){{0,3}})"
)


def report_scope(text: str, named: tuple[str | None, ...], date: str | None) -> Scope:
    """The report's scope: its province is the first of `named` (its sidecar's, its issuer's …) that is one,
    else the one the text names most (`tỉnh Hậu Giang`) or whose units it names (a unit's name that only one
    province has); its map is the one after the reform if it is dated on or after 1 July 2025."""
    after = after_reform(date)
    province = next((u for name in named if name and (u := province_named(name, after)) is not None), None)
    if province is not None:
        return Scope(province.iri, after)
    gaz = gazetteer()
    votes: dict[str, int] = {}
    for m in _KIND_AND_NAME.finditer(nfc(text)):  # a text as decoded may be decomposed: `tỉnh` in NFD is no `tỉnh`
        words = m.group("name").split()
        for n in range(min(len(words), gaz.longest), 0, -1):
            units = gaz.by_key.get(match_key(" ".join(words[:n])), ())
            wanted = [u for u in units if u.kind == PROVINCE] if m.group("kind").lower() == "tỉnh" else units
            wanted = [u for u in wanted if u.on_map(after)] or wanted
            found = {gaz.province_of.get(u.iri) for u in wanted if u.kind != OTHER}
            if found:
                if len(found) == 1 and (iri := found.pop()):
                    votes[iri] = votes.get(iri, 0) + 1
                break
    return Scope(max(votes, key=lambda k: votes[k], default=None), after)


def in_scope(unit: Unit, scope: Scope | None) -> bool:
    """A province, or a unit of the report's own province (the hand-checked one if the scope is not given)."""
    province = (scope or home_scope()).province
    return unit.kind in (PROVINCE, OTHER) or gazetteer().province_of.get(unit.iri) == province
