"""A seeded synthetic policykg graph, shaped like a real build, at a requested size (N-Quads).

    .venv/bin/python bench/generate.py --triples 100000 -o /tmp/bench/kg-100k.nq
    .venv/bin/python bench/generate.py --triples 1000000 -o /tmp/bench/kg-1m.nq

What it writes, and why it is shaped like ours:
- the real `graph/reference` and `graph/ontology` named graphs, copied verbatim from a real build's
  `dataset.nq` (`--real`, default `store/current/dataset.nq`; make one with `.venv/bin/policykg build`), so the
  gazetteer, issuers, document types, plants, programmes and the class hierarchy are the real ones and
  `policykg serve` starts as it does on the corpus;
- one named graph per synthetic report (`graph/report/<stem>`) holding what the build writes for a report:
  the report (title, period, kind, issuer, sha256, `pkg:cites`), every `pkg:Mention` (refersTo, inReport,
  line, column, section, text, Vietnamese sentence, `prov:wasDerivedFrom`), the documents it cites,
  restated in each citing report as the build does (symbol, labels, folded label, number, year,
  `eli:date_document`, type, issuer, subject, Party term), the programmes, plants and places it names,
  relations with their `pkg:RelationEvidence` (`rdf:subject/predicate/object`, line, sentence, confidence) and stated
  facts about plants.
- Documents of each kind with realistic symbols: normative `12/2019/NQ-HĐND`, `136/2013/NĐ-CP`,
  `45/2021/QH15`; individual `1234/QĐ-UBND`, `2009/QĐ-TTg`; letters `116/UBND-TH`; Party `29-NQ/TW`,
  `71-KH/TU` with their committee term; laws cited by name. Citations follow a Zipf law, so a few documents
  (`29-NQ/TW` first) are cited in most reports, as central resolutions are, and most only once or twice.

Beside the N-Quads it writes `<output>.meta.json`: counts, and every cited document with its symbol, IRI,
mentions and reports, from which the serving benchmark picks its sample. Same seed, same bytes.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import random
import re
import string
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from policykg.text import fold, slug, symbol_key

BASE = "https://w3id.org/policykg/"
PKG = BASE + "ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ELI = "http://data.europa.eu/eli/ontology#"
GEO = "http://www.opengis.net/ont/geosparql#"
XSD = "http://www.w3.org/2001/XMLSchema#"
REF_GRAPHS = (BASE + "graph/reference", BASE + "graph/ontology")

_QUAD = re.compile(r"^(<[^>]*>|_:\S+) <([^>]*)> (.*) <([^>]*)> \.$")
_VI = re.compile(r'^"(.*)"@vi$')


# ------------------------------------------------------------------------------------------ N-Quads terms


def iri(value: str) -> str:
    return f"<{value}>"


def lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{body}"@{lang}'
    if datatype:
        return f'"{body}"^^<{datatype}>'
    return f'"{body}"'


def short(text: str) -> str:
    """The IRI policy's cut (`policykg.graph.rdf.iris`): long slugs keep a hash of the whole."""
    if len(text) <= 90:
        return text
    return text[:81].rstrip("-") + "-" + hashlib.sha1(text.encode()).hexdigest()[:8]


# ------------------------------------------------------------------------------------------ reference data


@dataclass
class Reference:
    lines: list[str] = field(default_factory=list)  # the reference and ontology graphs, verbatim
    districts: list[tuple[str, str]] = field(default_factory=list)  # (iri, name)
    communes: list[tuple[str, str, str]] = field(default_factory=list)  # (iri, name, district iri), pre-2025
    provinces: list[tuple[str, str]] = field(default_factory=list)  # other provinces (OtherPlace)
    plants: list[tuple[str, str]] = field(default_factory=list)
    programmes: list[tuple[str, str]] = field(default_factory=list)
    orgs: dict[str, str] = field(default_factory=dict)  # slug → Vietnamese name
    symbol_keys: set[str] = field(default_factory=set)  # symbols of the reference documents
    province: str = BASE + "id/place/lai-chau"


def read_reference(path: Path) -> Reference:
    ref = Reference()
    props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            match = _QUAD.match(line.rstrip("\n"))
            if match is None or match.group(4) not in REF_GRAPHS:
                continue
            ref.lines.append(line if line.endswith("\n") else line + "\n")
            subject, predicate, obj, graph = match.groups()
            if graph == REF_GRAPHS[0] and subject.startswith("<"):
                props[subject[1:-1]][predicate].append(obj)
    if not ref.lines:
        raise SystemExit(f"{path}: no reference or ontology graph found; is it a policykg dataset.nq?")

    def vi_label(p: dict[str, list[str]]) -> str | None:
        for value in p.get(SKOS + "prefLabel", []) + p.get(RDFS + "label", []):
            match = _VI.match(value)
            if match:
                return match.group(1)
        return None

    for subject, p in props.items():
        types = {t[1:-1] for t in p.get(RDF + "type", [])}
        label = vi_label(p)
        within = [w[1:-1] for w in p.get(GEO + "sfWithin", [])]
        for symbol in p.get(PKG + "symbol", []):
            ref.symbol_keys.add(symbol_key(symbol.strip('"')))
        if label is None:
            continue
        if PKG + "District" in types:
            ref.districts.append((subject, label))
        elif PKG + "Commune" in types and within and within[0] != ref.province:
            ref.communes.append((subject, label, within[0]))
        elif PKG + "OtherPlace" in types and "/outside/" in subject:
            ref.provinces.append((subject, label))
        elif PKG + "HydropowerProject" in types:
            ref.plants.append((subject, label))
        elif types & {PKG + "Programme", PKG + "NationalTargetProgramme"}:
            ref.programmes.append((subject, label))
        elif "http://www.w3.org/ns/org#Organization" in types:
            ref.orgs[subject.rsplit("/", 1)[-1]] = label
    for items in (ref.districts, ref.communes, ref.provinces, ref.plants, ref.programmes):
        items.sort()
    if not (ref.districts and ref.communes and ref.plants and ref.programmes and ref.orgs):
        raise SystemExit(f"{path}: the reference graph lacks districts, communes, plants, programmes or issuers")
    return ref


# ------------------------------------------------------------------------------------------ documents


@dataclass(frozen=True)
class Form:
    kind: str  # normative | individual | letter | party | named
    type_slug: str
    type_word: str
    code: str
    org: str
    max_number: int
    weight: float


FORMS = (
    Form("normative", "nghi-quyet", "Nghị quyết", "NQ-HĐND", "hdnd", 120, 6),
    Form("normative", "quyet-dinh", "Quyết định", "QĐ-UBND", "ubnd", 80, 6),
    Form("normative", "nghi-dinh", "Nghị định", "NĐ-CP", "cp", 180, 5),
    Form("normative", "thong-tu", "Thông tư", "TT-BTC", "btc", 130, 2),
    Form("normative", "thong-tu", "Thông tư", "TT-BLĐTBXH", "bldtbxh", 40, 1),
    Form("normative", "thong-tu", "Thông tư", "TT-BNNPTNT", "bnnptnt", 40, 1),
    Form("normative", "quyet-dinh", "Quyết định", "QĐ-TTg", "ttg", 60, 2),
    Form("normative", "nghi-quyet", "Nghị quyết", "QH", "qh", 140, 1.5),
    Form("individual", "quyet-dinh", "Quyết định", "QĐ-UBND", "ubnd", 2600, 10),
    Form("individual", "quyet-dinh", "Quyết định", "QĐ-TTg", "ttg", 2300, 6),
    Form("individual", "ke-hoach", "Kế hoạch", "KH-UBND", "ubnd", 3500, 6),
    Form("individual", "nghi-quyet", "Nghị quyết", "NQ-CP", "cp", 180, 3),
    Form("individual", "chi-thi", "Chỉ thị", "CT-TTg", "ttg", 40, 2),
    Form("individual", "chi-thi", "Chỉ thị", "CT-UBND", "ubnd", 30, 2),
    Form("individual", "bao-cao", "Báo cáo", "BC-UBND", "ubnd", 600, 3),
    Form("individual", "thong-bao", "Thông báo", "TB-VPCP", "vpcp", 400, 1),
    Form("individual", "cong-dien", "Công điện", "CĐ-TTg", "ttg", 1500, 1),
    Form("individual", "nghi-quyet", "Nghị quyết", "NQ-HĐND", "hdnd", 150, 2),
    Form("letter", "cong-van", "Công văn", "UBND-TH", "ubnd", 3500, 3),
    Form("letter", "cong-van", "Công văn", "UBND-KTN", "ubnd", 3500, 2),
    Form("letter", "cong-van", "Công văn", "UBND-VX", "ubnd", 3500, 1),
    Form("letter", "cong-van", "Công văn", "VPCP-KGVX", "vpcp", 9000, 1),
    Form("party", "nghi-quyet", "Nghị quyết", "NQ/TW", "tw", 60, 3),
    Form("party", "chi-thi", "Chỉ thị", "CT/TW", "tw", 50, 2),
    Form("party", "ket-luan", "Kết luận", "KL/TW", "tw", 120, 2),
    Form("party", "quy-dinh-dang", "Quy định", "QĐ/TW", "tw", 250, 1),
    Form("party", "nghi-quyet", "Nghị quyết", "NQ/TU", "tu", 60, 3),
    Form("party", "chi-thi", "Chỉ thị", "CT/TU", "tu", 40, 2),
    Form("party", "ke-hoach", "Kế hoạch", "KH/TU", "tu", 300, 3),
    Form("named", "luat", "Luật", "", "qh", 0, 1.2),
)

LAWS = (
    "Đầu tư công", "Ngân sách nhà nước", "Đất đai", "Lâm nghiệp", "Quy hoạch", "Xây dựng", "Bảo vệ môi trường",
    "Giáo dục", "Du lịch", "Thủy lợi", "Trồng trọt", "Chăn nuôi", "Tài nguyên nước", "Khoáng sản", "Điện lực",
    "Đầu tư", "Doanh nghiệp", "Hợp tác xã", "Phòng, chống tham nhũng", "Tiếp cận thông tin", "Dân quân tự vệ",
    "Biên giới quốc gia", "An ninh mạng", "Cư trú", "Thanh niên", "Bình đẳng giới", "Người cao tuổi",
    "Khám bệnh, chữa bệnh", "Phòng, chống thiên tai", "Tổ chức chính quyền địa phương",
    "Ban hành văn bản quy phạm pháp luật",
    "Quản lý, sử dụng tài sản công", "Thực hành tiết kiệm, chống lãng phí", "Giao thông đường bộ", "Viễn thông",
)  # fmt: skip

SUBJECTS = (
    "phát triển kinh tế - xã hội năm {y}", "đổi mới căn bản, toàn diện giáo dục và đào tạo",
    "xây dựng nông thôn mới giai đoạn 2021 - 2025", "hỗ trợ phát triển sản xuất nông nghiệp hàng hóa tập trung",
    "chính sách đặc thù hỗ trợ đồng bào dân tộc thiểu số", "quy định bảng giá đất trên địa bàn tỉnh",
    "phân bổ kế hoạch vốn đầu tư công trung hạn giai đoạn 2021 - 2025",
    "bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất", "phòng, chống dịch COVID-19",
    "giảm nghèo bền vững giai đoạn 2021 - 2025", "phát triển du lịch tỉnh Lai Châu đến năm 2025",
    "bảo vệ và phát triển rừng bền vững", "sắp xếp, tổ chức lại các đơn vị sự nghiệp công lập",
    "tăng cường quản lý tài nguyên khoáng sản", "di dân, tái định cư các dự án thủy điện trên địa bàn tỉnh",
    "phát triển cây chè, cây mắc ca và cây quế", "nâng cao chất lượng nguồn nhân lực giai đoạn 2021 - 2025",
    "giao dự toán thu, chi ngân sách nhà nước năm {y}", "thực hiện chính sách hỗ trợ nhà ở cho hộ nghèo",
    "tăng cường công tác phòng cháy, chữa cháy rừng", "đẩy mạnh cải cách hành chính, chuyển đổi số",
    "bảo đảm quốc phòng, an ninh khu vực biên giới", "phát triển kết cấu hạ tầng giao thông nông thôn",
    "hỗ trợ đào tạo nghề cho lao động nông thôn", "phát triển chăn nuôi đại gia súc theo hướng hàng hóa",
)  # fmt: skip

# (first year, term) of the Central Committee and of the provincial Party Committee
TW_TERMS = ((2001, "IX"), (2006, "X"), (2011, "XI"), (2016, "XII"), (2021, "XIII"))
TU_TERMS = ((2005, "XI"), (2010, "XII"), (2015, "XIII"), (2020, "XIV"))


@dataclass
class Document:
    iri: str
    kind: str
    symbol: str | None
    name: str  # the type word and symbol, or the law's title
    form: Form
    number: str | None
    year: int
    date: str
    term: str | None
    subject: str | None
    rank: int = 0
    mentions: int = 0
    reports: int = 0

    @property
    def klass(self) -> str:
        return (
            PKG
            + {
                "normative": "NormativeDocument",
                "individual": "IndividualDocument",
                "letter": "OfficialLetter",
                "party": "PartyDocument",
                "named": "NamedDocument",
            }[self.kind]
        )

    def citation(self, rng: random.Random) -> str:
        """The words a report cites it with: `Nghị quyết số 12/2019/NQ-HĐND`, `Luật Đầu tư công`."""
        if self.symbol is None:
            return self.name
        if self.kind == "letter":
            return f"Văn bản số {self.symbol}" if rng.random() < 0.4 else f"Công văn số {self.symbol}"
        return f"{self.form.type_word} số {self.symbol}" if rng.random() < 0.7 else self.name


def _term(year: int, terms: Sequence[tuple[int, str]]) -> str:
    return [name for start, name in terms if start <= year][-1]


class DocumentPool:
    """Documents of every kind with unique symbols (but for a few numbers that recur, as they do)."""

    def __init__(self, rng: random.Random, size: int, reference_keys: set[str]) -> None:
        self.rng = rng
        self.keys: dict[str, list[Document]] = defaultdict(list)
        self.iris: set[str] = set()
        self.laws = list(LAWS)
        rng.shuffle(self.laws)
        self.reference_keys = reference_keys
        famous = Document(
            BASE + "id/document/29-nq-tw-khoa-xi",
            "party",
            "29-NQ/TW",
            "Nghị quyết 29-NQ/TW",
            next(f for f in FORMS if f.code == "NQ/TW"),
            "29",
            2013,
            "2013-11-04",
            "XI",
            "đổi mới căn bản, toàn diện giáo dục và đào tạo",
        )
        self._add(famous)
        self.documents = [famous]
        weights = [f.weight for f in FORMS]
        for _ in range(100 * size):  # bounded: each kind's symbols are finite, as real numbering is
            if len(self.documents) >= size:
                break
            doc = self._make(rng.choices(FORMS, weights)[0])
            if doc is not None:
                doc.rank = len(self.documents)
                self.documents.append(doc)
        # Zipf popularity by rank (rank 1 = the famous resolution).
        ranks = range(len(self.documents))
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 1) ** 0.85 for rank in ranks))

    def _add(self, doc: Document) -> None:
        self.iris.add(doc.iri)
        if doc.symbol:
            self.keys[symbol_key(doc.symbol)].append(doc)

    def _make(self, form: Form) -> Document | None:
        rng = self.rng
        year = rng.randint(2006, 2024)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        subject = rng.choice(SUBJECTS).format(y=year) if rng.random() < 0.7 else None
        number = str(rng.randint(1, max(form.max_number, 1)))
        if form.kind != "party" and rng.random() < 0.5:
            number = number.zfill(2)
        term = None
        if form.kind == "named":
            if not self.laws:
                return None
            title = self.laws.pop()
            name = f"Luật {title}"
            doc = Document(
                BASE + "id/document/named-" + short(slug(name)),
                "named",
                None,
                name,
                form,
                None,
                year,
                date,
                None,
                subject,
            )
        else:
            if form.kind == "normative":
                code = f"QH{11 + (year - 2002) // 5}" if form.code == "QH" else form.code
                symbol = f"{number}/{year}/{code}"
                slug_ = slug(symbol)
            elif form.kind == "party":
                symbol = f"{number}-{form.code}"
                term = _term(year, TW_TERMS if form.org == "tw" else TU_TERMS)
                slug_ = f"{slug(symbol)}-khoa-{term.lower()}"
            else:
                symbol = f"{number}/{form.code}"
                slug_ = f"{slug(symbol)}-{year}"
            key = symbol_key(symbol)
            # A number recurs (another year, another term) now and then: several documents, one symbol.
            if key in self.reference_keys or (key in self.keys and rng.random() < 0.985):
                return None
            doc = Document(
                BASE + "id/document/" + slug_,
                form.kind,
                symbol,
                f"{form.type_word} {symbol}",
                form,
                number,
                year,
                date,
                term,
                subject,
            )
        if doc.iri in self.iris:
            return None
        self._add(doc)
        return doc

    def popular(self, rng: random.Random) -> Document:
        point = rng.random() * self.cumulative[-1]
        return self.documents[bisect.bisect_left(self.cumulative, point)]

    def ambiguous(self) -> set[str]:
        return {key for key, docs in self.keys.items() if len(docs) > 1}


# ------------------------------------------------------------------------------------------ programmes, plants

TOPICS = (
    "phát triển cây chè", "phát triển cây mắc ca", "phát triển du lịch cộng đồng", "bảo vệ và phát triển rừng",
    "nâng cao chất lượng nguồn nhân lực", "hỗ trợ nhà ở cho hộ nghèo", "sắp xếp dân cư vùng thiên tai",
    "chuyển đổi số", "phát triển giao thông nông thôn", "kiên cố hóa trường lớp học", "cấp nước sinh hoạt tập trung",
    "phát triển cây quế", "xóa nhà tạm, nhà dột nát", "đào tạo nghề cho lao động nông thôn",
    "phát triển chăn nuôi đại gia súc", "bảo tồn văn hóa các dân tộc", "phát triển dược liệu", "điện nông thôn",
    "ổn định dân cư biên giới", "phát triển thương mại biên giới", "nâng cao năng lực y tế cơ sở",
    "phòng, chống ma túy", "trồng rừng thay thế", "phát triển cao su", "xây dựng xã đạt chuẩn nông thôn mới",
)  # fmt: skip
SYLLABLES = (
    "Lụm", "Xe", "Cuổi", "Mở", "Ngàn", "Be", "Sì", "Chà", "Khao", "Pạc", "Hồ", "Lằn", "Ún", "Pô", "Luông", "Tha",
    "Sọ", "Ma", "Cát", "Bum", "Hản", "Nghẹ", "Tăm", "Củm", "Mô", "Pì", "Giê", "Lùng", "Sáng", "Khăn",
)  # fmt: skip
SECTIONS = (
    "Phần thứ nhất / II / 1", "Phần thứ nhất / II / 1 / 1.1", "Phần thứ nhất / II / 3", "Phần thứ nhất / II / 6",
    "Phần thứ hai / II / 3 / 3.2", "Phần thứ hai / III / 3 / 3.1", "Chuyên đề 1 / I / 3 / 3.5", "I / 2",
    "II / 1 / a", "Phần thứ nhất / I / 1 / 1.1", "Phần thứ nhất / II / 5 / Hạ tầng giao thông", "",
)  # fmt: skip


@dataclass(frozen=True)
class Entity:
    iri: str
    name: str
    kind: str  # place | programme | hydropower
    extra: str = ""  # a programme's kind, a plant's commune, a place's district
    synthetic: bool = False


# ------------------------------------------------------------------------------------------ sentences

# Each template: its weight, its words with numbered slots, the slots' kinds, and the relations the sentence
# states (slot, predicate, slot). The weights give about the real mix of mentions (places ~60 %, documents
# ~23 %, programmes ~14 %, plants ~4 %) and about one relation evidence per five mentions.
Template = tuple[float, str, tuple[str, ...], tuple[tuple[int, str, int], ...]]
TEMPLATES: tuple[Template, ...] = (
    (3, "Triển khai thực hiện {0} về {s}; đến nay toàn tỉnh có {n} xã đạt chuẩn, trong đó {1} đạt {p}%.",
     ("doc", "place"), ()),
    (0.6, "Tổ chức di chuyển {n} hộ dân tái định cư thủy điện {0} về điểm tái định cư tại {1} theo {2}.",
     ("plant", "commune", "doc"), ((0, "resettlesTo", 1), (2, "concerns", 0))),
    (1.5, "Thực hiện {0} tại {1}, giải ngân đạt {p}% kế hoạch vốn năm {y}.", ("programme", "commune"),
     ((0, "appliesTo", 1),)),
    (1, "Ủy ban nhân dân tỉnh ban hành {0} phê duyệt {1}.", ("doc", "programme"), ((0, "approves", 1),)),
    (0.4, "Công tác bồi thường, giải phóng mặt bằng dự án thủy điện {0} tại {1} cơ bản hoàn thành.",
     ("plant", "commune"), ((0, "locatedIn", 1),)),
    (2, "Quán triệt, triển khai {0} đến {n} cán bộ, đảng viên; xây dựng chương trình hành động thực hiện.",
     ("doc",), ()),
    (3, "Sản xuất nông nghiệp tại {0} và {1} phát triển ổn định, tổng sản lượng lương thực đạt {n} tấn.",
     ("place", "place"), ()),
    (1, "Tiếp tục thực hiện {0} và {1}; kiểm tra việc thực hiện chính sách tại {2}.", ("doc", "doc", "place"),
     ((1, "implements", 0),)),
    (0.4, "Nhà máy thủy điện {0} (công suất {m} MW) đã phát điện, góp phần tăng thu ngân sách địa phương.",
     ("plant",), ()),
    (1, "Triển khai {0} thực hiện {1} trên địa bàn {2}, hỗ trợ {n} hộ nghèo.", ("doc", "programme", "commune"),
     ((0, "implements", 1), (1, "appliesTo", 2))),
    (1.5, "Xã {0}, huyện {1} hoàn thành {n} công trình hạ tầng thiết yếu.", ("commune", "district"),
     ((0, "locatedIn", 1),)),
    (0.3, "Sửa đổi, bổ sung một số điều của {1} theo {0}.", ("doc", "doc"), ((0, "amends", 1),)),
    (1.5, "Thu ngân sách trên địa bàn ước đạt {n} tỷ đồng, bằng {p}% dự toán giao tại {0}.", ("doc",), ()),
    (0.4, "Rà soát, lập phương án di dân, tái định cư cho {n} hộ bị ảnh hưởng bởi lòng hồ thủy điện {0}.",
     ("plant",), ()),
    (1, "Huy động các nguồn lực thực hiện {0}; {1} có thêm {n} xã đạt chuẩn nông thôn mới.",
     ("programme", "district"), ((0, "appliesTo", 1),)),
    (1, "Giao thương qua cửa khẩu với {0} tăng {p}% so với cùng kỳ.", ("province",), ()),
    (2, "Các xã {0}, {1}, {2} thuộc huyện {3} đã hoàn thành phổ cập giáo dục mầm non cho trẻ 5 tuổi.",
     ("commune", "commune", "commune", "district"), ((0, "locatedIn", 3),)),
    (2, "Mưa lũ gây thiệt hại tại {0} và {1}, ước tính thiệt hại {n} tỷ đồng.", ("place", "place"), ()),
    (2, "Tình hình an ninh chính trị, trật tự an toàn xã hội tại {0} cơ bản ổn định.", ("place",), ()),
    (1, "Lồng ghép {0} với {1} để nâng cao hiệu quả sử dụng vốn.", ("programme", "programme"), ()),
    (1, "Tổng kết {0}, đề xuất nhiệm vụ giai đoạn tiếp theo.", ("programme",), ()),
)  # fmt: skip
WEIGHTS = tuple(t[0] for t in TEMPLATES)


def render(template: str, words: Sequence[str], **values: object) -> tuple[str, list[int]]:
    """The sentence, and where each numbered slot's words start in it (two slots may hold the same words)."""
    text, where = "", [0] * len(words)
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        text += literal
        if name is None:
            continue
        if name.isdigit():
            where[int(name)] = len(text)
            text += words[int(name)]
        else:
            text += str(values[name])
    return text, where


# ------------------------------------------------------------------------------------------ the generator


class Generator:
    def __init__(self, ref: Reference, target: int, seed: int) -> None:
        self.ref = ref
        self.rng = random.Random(seed)
        budget = max(target - len(ref.lines), 3000)
        estimate = max(3, budget // 2600)  # reports; a report comes to about 2,600 quads on average
        self.docs = DocumentPool(self.rng, 150 + 28 * estimate, ref.symbol_keys)
        self.communes = [Entity(i, n, "place", d) for i, n, d in ref.communes]
        self.districts = [Entity(i, n, "place") for i, n in ref.districts]
        self.provinces = [Entity(i, n, "place") for i, n in ref.provinces] or self.districts
        self.programmes = [Entity(i, n, "programme", "national-target") for i, n in ref.programmes]
        self.plants = [Entity(i, n, "hydropower", self.rng.choice(ref.communes)[0]) for i, n in ref.plants]
        self._grow(estimate)
        self.facts = {"reports": 0, "mentions": 0, "evidence": 0, "stated_facts": 0}

    def _grow(self, reports: int) -> None:
        rng = self.rng
        names = {slug(e.name) for e in self.programmes}
        wanted = len(self.ref.programmes) + 3 * reports
        for _ in range(50 * wanted):  # bounded: the name space is large but finite
            if len(self.programmes) >= wanted:
                break
            topic, start = rng.choice(TOPICS), rng.randrange(2011, 2026, 5)
            where = rng.choice(("tỉnh Lai Châu", *(f"huyện {d.name}" for d in self.districts)))
            kind, name = rng.choice(
                (
                    ("scheme", f"Đề án {topic} {where} giai đoạn {start}-{start + 5}"),
                    ("named-programme", f"Chương trình {topic} giai đoạn {start} - {start + 5}"),
                    ("project", f"Dự án {topic} tại {where}"),
                    ("plan", f"Kế hoạch {topic} {where} năm {rng.randint(2010, 2024)}"),
                    ("strategy", f"Chiến lược {topic} đến năm {start + 14}"),
                )
            )
            if slug(name) in names:
                continue
            names.add(slug(name))
            self.programmes.append(Entity(BASE + "id/programme/" + short(slug(name)), name, "programme", kind, True))
        taken = {e.iri.rsplit("/", 1)[-1] for e in self.plants}
        wanted = len(self.ref.plants) + max(20, reports // 2)
        for _ in range(50 * wanted):
            if len(self.plants) >= wanted:
                break
            name = rng.choice(("Nậm ", "Pa ", "Mường ", "Huổi ", "")) + " ".join(rng.sample(SYLLABLES, 2))
            if rng.random() < 0.3:
                name += f" {rng.randint(1, 3)}"
            if slug(name) in taken:
                continue
            taken.add(slug(name))
            commune = rng.choice(self.communes).iri
            self.plants.append(Entity(BASE + "id/hydropower/" + slug(name), name, "hydropower", commune, True))

    def pick(self, slot: str, cited: list[Document]) -> Document | Entity:
        rng = self.rng
        if slot == "doc":
            # Popular documents are cited more often within a report, too.
            if rng.random() < 0.6:
                return rng.choice(cited)
            return min(rng.sample(cited, min(2, len(cited))), key=lambda d: d.rank)
        if slot == "commune":
            return rng.choice(self.communes)
        if slot == "district":
            return rng.choice(self.districts)
        if slot == "province":
            return rng.choice(self.provinces)
        if slot == "place":
            return rng.choice(self.communes if rng.random() < 0.7 else self.districts)
        if slot == "programme":
            return (
                self.programmes[min(int(rng.paretovariate(0.9)) - 1, len(self.programmes) - 1)]
                if rng.random() < 0.3
                else rng.choice(self.programmes)
            )
        return rng.choice(self.plants)

    def report(self, number: int) -> list[str]:
        rng = self.rng
        year = rng.randint(2008, 2024)
        issuer, kind, title = rng.choice(
            (
                (
                    "ubnd",
                    "socio-economic plan assessment",
                    "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {y}",
                ),
                ("ubnd", "socio-economic report", "BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI 9 THÁNG ĐẦU NĂM {y}"),
                (
                    "tu",
                    "party congress study material",
                    "TÀI LIỆU NGHIÊN CỨU, HỌC TẬP NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ TỈNH NĂM {y}",
                ),
                ("hdnd", "resolution review", "BÁO CÁO THẨM TRA KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT NĂM {y}"),
            )
        )
        unit = rng.choice([("tinh", "tỉnh Lai Châu")] + [(slug(n), f"huyện {n}") for _i, n in self.ref.districts])
        stem = f"{year}-{issuer}-{unit[0]}-{slug(kind)}-{number:04d}"
        report = BASE + "id/report/" + stem
        graph = iri(BASE + "graph/report/" + stem)
        out: dict[str, None] = {}  # insertion-ordered set of quads

        def q(s: str, p: str, o: str) -> None:
            out[f"{s} {p} {o} {graph} .\n"] = None

        r, sentences = iri(report), rng.randint(30, 170)
        cited: dict[str, Document] = {}
        wanted = rng.randint(6, max(7, sentences // 3))
        for _ in range(20 * wanted):
            doc = self.docs.popular(rng)
            cited.setdefault(doc.iri, doc)
            if len(cited) >= wanted:
                break
        issuer_name = self.ref.orgs.get(issuer, "Ủy ban nhân dân tỉnh")
        q(r, iri(RDF + "type"), iri(PKG + "Report"))
        q(r, iri(DCT + "title"), lit(title.format(y=year), "vi"))
        q(r, iri(RDFS + "label"), lit(title.format(y=year), "vi"))
        q(r, iri(PKG + "reportKind"), lit(kind))
        q(r, iri(PKG + "issuerName"), lit(f"{issuer_name} {unit[1]}".replace(" tỉnh tỉnh", " tỉnh"), "vi"))
        q(r, iri(PKG + "periodStart"), lit(f"{year}-01-01", datatype=XSD + "date"))
        q(r, iri(PKG + "periodEnd"), lit(f"{year}-{rng.choice(('06-30', '09-30', '12-31'))}", datatype=XSD + "date"))
        q(r, iri(PKG + "sourceFile"), lit(stem + ".txt"))
        q(r, iri(PKG + "sha256"), lit(f"{rng.getrandbits(256):064x}"))

        used: dict[str, Document | Entity] = {}
        line, evidence, facts = rng.randint(3, 20), 0, 0
        for _ in range(sentences):
            line += rng.randint(1, 6)
            _weight, template, slots, relations = rng.choices(TEMPLATES, WEIGHTS)[0]
            picked = [self.pick(slot, list(cited.values())) for slot in slots]
            if len({getattr(x, "iri", "") for x in picked}) < len(picked):
                continue  # one entity twice in a sentence: skip rather than state `x locatedIn x`
            words = [x.citation(rng) if isinstance(x, Document) else x.name for x in picked]
            text, where = render(
                template,
                words,
                s=rng.choice(SUBJECTS).format(y=year),
                n=rng.randint(2, 900),
                p=rng.randint(35, 130),
                y=year,
                m=rng.choice((12, 18, 30, 45, 220, 520)),
            )
            section = rng.choice(SECTIONS)
            start = rng.randint(0, 40)
            for x, word, offset in zip(picked, words, where, strict=True):
                kind_ = "document" if isinstance(x, Document) else x.kind
                column = start + offset
                m = iri(f"{report}/mention/{line}-{column}-{kind_}")
                q(m, iri(RDF + "type"), iri(PKG + "Mention"))
                q(m, iri(PROV + "wasDerivedFrom"), r)
                q(m, iri(PKG + "inReport"), r)
                q(m, iri(PKG + "refersTo"), iri(x.iri))
                q(m, iri(PKG + "line"), lit(str(line), datatype=XSD + "positiveInteger"))
                q(m, iri(PKG + "column"), lit(str(column), datatype=XSD + "nonNegativeInteger"))
                q(m, iri(PKG + "section"), lit(section))
                q(m, iri(PKG + "text"), lit(word, "vi"))
                q(m, iri(PKG + "sentence"), lit(text, "vi"))
                used[x.iri] = x
                self.facts["mentions"] += 1
                if isinstance(x, Document):
                    x.mentions += 1
            # As the extractor rates them: one relation in a sentence is surer than several distributed over it.
            confidence = "0.9" if len(relations) == 1 else "0.7"
            for a, predicate, b in relations:
                evidence += 1
                e = iri(f"{report}/evidence/{evidence}")
                q(iri(picked[a].iri), iri(PKG + predicate), iri(picked[b].iri))
                q(e, iri(RDF + "type"), iri(PKG + "RelationEvidence"))
                q(e, iri(RDF + "subject"), iri(picked[a].iri))
                q(e, iri(RDF + "predicate"), iri(PKG + predicate))
                q(e, iri(RDF + "object"), iri(picked[b].iri))
                q(e, iri(PKG + "inReport"), r)
                q(e, iri(PKG + "line"), lit(str(line), datatype=XSD + "positiveInteger"))
                q(e, iri(PKG + "sentence"), lit(text, "vi"))
                q(e, iri(PKG + "confidence"), lit(confidence, datatype=XSD + "decimal"))
            plant = next((x for x in picked if isinstance(x, Entity) and x.kind == "hydropower"), None)
            if plant is not None and "{n} hộ" in template:
                facts += 1
                f = iri(f"{report}/fact/{facts}")
                q(f, iri(RDF + "type"), iri(PKG + "StatedFact"))
                q(f, iri(PKG + "about"), iri(plant.iri))
                q(f, iri(PKG + "factName"), lit("households_resettled"))
                q(f, iri(RDF + "value"), lit(re.search(r"(\d+) hộ", text).group(1)))  # type: ignore[union-attr]
                q(f, iri(PKG + "inReport"), r)
                q(f, iri(PKG + "line"), lit(str(line), datatype=XSD + "positiveInteger"))
                q(f, iri(PKG + "sentence"), lit(text, "vi"))
        q(r, iri(PKG + "lineCount"), lit(str(line + rng.randint(5, 60)), datatype=XSD + "nonNegativeInteger"))

        for x in used.values():
            if isinstance(x, Document):
                q(r, iri(PKG + "cites"), iri(x.iri))
                x.reports += 1
                self._describe_document(x, q)
            elif x.synthetic or x.kind == "programme":
                s = iri(x.iri)
                if x.synthetic:
                    q(s, iri(RDF + "type"), iri(PKG + ("HydropowerProject" if x.kind == "hydropower" else "Programme")))
                    q(s, iri(SKOS + "prefLabel"), lit(x.name, "vi"))
                    q(s, iri(PKG + "foldedLabel"), lit(fold(x.name)))
                q(s, iri(DCT + "source"), r)
                if x.kind == "programme":
                    q(s, iri(PKG + "programmeKind"), lit(x.extra))
                elif x.synthetic:
                    q(s, iri(PKG + "locatedIn"), iri(x.extra))
        self.facts["reports"] += 1
        self.facts["evidence"] += evidence
        self.facts["stated_facts"] += facts
        return list(out)

    def _describe_document(self, doc: Document, q: Callable[[str, str, str], None]) -> None:
        """What the build states about a cited document, restated in every report that cites it."""
        rng, s = self.rng, iri(doc.iri)
        q(s, iri(RDF + "type"), iri(doc.klass))
        q(s, iri(SKOS + "prefLabel"), lit(doc.name, "vi"))
        q(s, iri(PKG + "documentType"), iri(BASE + "id/document-type/" + doc.form.type_slug))
        q(s, iri(PKG + "issuer"), iri(BASE + "id/org/" + doc.form.org))
        q(s, iri(PKG + "issuerName"), lit(self.ref.orgs.get(doc.form.org, doc.form.org), "vi"))
        if doc.symbol is None:
            q(s, iri(SKOS + "altLabel"), lit(doc.name, "vi"))
            q(s, iri(PKG + "foldedLabel"), lit(fold(doc.name)))
            return
        q(s, iri(SKOS + "altLabel"), lit(f"{doc.form.type_word} số {doc.symbol}", "vi"))
        q(s, iri(PKG + "foldedLabel"), lit(fold(doc.symbol)))
        q(s, iri(PKG + "symbol"), lit(doc.symbol))
        q(s, iri(PKG + "number"), lit(doc.number or ""))
        q(s, iri(PKG + "year"), lit(str(doc.year), datatype=XSD + "gYear"))
        if rng.random() < 0.85:  # not every report gives the date
            q(s, iri(ELI + "date_document"), lit(doc.date, datatype=XSD + "date"))
        if doc.term:
            q(s, iri(PKG + "term"), lit(doc.term))
        if doc.subject and rng.random() < 0.8:
            q(s, iri(PKG + "subject"), lit(doc.subject, "vi"))

    def quads(self, target: int) -> Iterator[str]:
        written = len(self.ref.lines)
        yield from self.ref.lines
        number = 0
        while written < target:
            number += 1
            lines = self.report(number)
            written += len(lines)
            yield from lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000, help="quads to write, about (default 100000)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the N-Quads file to write")
    parser.add_argument("--seed", type=int, default=5, help="random seed (default 5)")
    parser.add_argument(
        "--real",
        type=Path,
        default=Path("store/current/dataset.nq"),
        help="a real build's dataset.nq to copy the reference and ontology graphs from",
    )
    args = parser.parse_args(argv)
    if not args.real.is_file():
        print(
            f"{args.real}: not found; build one with `uv run policykg build --store DIR` and pass "
            "--real DIR/current/dataset.nq",
            file=sys.stderr,
        )
        return 2
    ref = read_reference(args.real)
    gen = Generator(ref, args.triples, args.seed)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with args.output.open("w", encoding="utf-8") as handle:
        for line in gen.quads(args.triples):
            handle.write(line)
            count += 1
    ambiguous = gen.docs.ambiguous()
    cited = sorted((d for d in gen.docs.documents if d.mentions), key=lambda d: (-d.mentions, d.iri))
    meta = {
        "generator": "bench/generate.py",
        "seed": args.seed,
        "requested": args.triples,
        "quads": count,
        "reference_and_ontology_quads": len(ref.lines),
        **gen.facts,
        "documents_cited": len(cited),
        "documents_by_kind": {k: sum(1 for d in cited if d.kind == k) for k in sorted({d.kind for d in cited})},
        "programmes": len(gen.programmes),
        "plants": len(gen.plants),
        "districts": [iri_ for iri_, _name in ref.districts],
        "documents": [
            {
                "iri": d.iri,
                "symbol": d.symbol,
                "kind": d.kind,
                "mentions": d.mentions,
                "reports": d.reports,
                "unique_symbol": d.symbol is not None and symbol_key(d.symbol) not in ambiguous,
            }
            for d in cited
        ],
    }
    meta_path = args.output.with_name(args.output.name + ".meta.json")
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    top = cited[0]
    print(
        f"wrote {count} quads ({gen.facts['reports']} reports, {gen.facts['mentions']} mentions, "
        f"{gen.facts['evidence']} relation evidences, {len(cited)} documents cited; most cited {top.symbol} "
        f"with {top.mentions} mentions in {top.reports} reports) to {args.output}; metadata in {meta_path}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
