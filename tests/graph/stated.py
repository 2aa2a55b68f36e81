"""Short excerpts read as the v2 extractor reads them — by hand, so that the tests of the graph do not depend on
which relations the extractor finds — and a store made of them."""

from __future__ import annotations

from pathlib import Path

from policykg.build.pipeline import load_nquads
from policykg.graph.rdf.dataset import as_nquads, ntriples, reference_and_ontology
from policykg.graph.rdf.iris import IriPolicy
from policykg.graph.rdf.report import report_triples
from policykg.kinds import Kind
from policykg.loaders.records import (
    DocumentRecord,
    EntityRef,
    Extraction,
    HydropowerRecord,
    Mention,
    ProgrammeRecord,
    RelationRecord,
    ReportInfo,
    SourceInfo,
)

# The 2013 assessment, lines 48 and 237: the decisions approve the resettlement plan,
# the plan concerns the plant, and a reading across a list ("Huội Quảng, Bản Chát") is less sure. A 2017 HĐND
# resolution of Trà Vinh (tests/annotations/texts/41-2017-nq-hdnd.md, lines 13-15) is based on a decree.
LINE_48 = (
    "- Thủy điện Huội Quảng, Bản Chát: Hoàn thành rà soát lại quy hoạch tổng thể di dân TĐC thủy điện Huội Quảng, "
    "Bản Chát đã được Chính phủ phê duyệt tại Quyết định số 2038/QĐ-TTg và Quyết định số 2042/QĐ-TTg ngày 05/11/2013."
)
LINE_237 = (
    "- TĐC thủy điện Huội Quảng, Bản Chát: Tập trung phê duyệt điều chỉnh Quy hoạch chi tiết các khu TĐC thủy điện "
    "Huội Quảng, Bản Chát."
)
BASIS = (
    "Căn cứ Nghị định số 120/2016/NĐ-CP ngày 23/8/2016 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số "
    "điều của Luật phí và lệ phí;"
)
MASTER_PLAN = "quy hoạch tổng thể di dân TĐC thủy điện Huội Quảng, Bản Chát"
DETAILED_PLAN = "Quy hoạch chi tiết các khu TĐC thủy điện Huội Quảng, Bản Chát"
ID = "https://w3id.org/policykg/id/"
SECTION = ("I", "1", "1.6")


def _decision(number: str, column: int) -> DocumentRecord:
    cited = f"Quyết định số {number}/QĐ-TTg"
    return DocumentRecord(
        number, f"{number}/QĐ-TTg", "Quyết định", number, 2013, "Thủ tướng Chính phủ", "2013-11-05", None,
        issuer_code="TTg", raw=[cited], mentions=[Mention(48, column, cited, SECTION, LINE_48)],
    )  # fmt: skip


def _plan(key: str, name: str, line: int, text: str) -> ProgrammeRecord:
    return ProgrammeRecord(key, name, "plan", mentions=[Mention(line, text.index(name), name, SECTION, text)])


def stated_extractions() -> list[Extraction]:
    plant = HydropowerRecord(
        "huoi quang", "Huội Quảng", True, f"{ID}hydropower/huoi-quang",
        mentions=[Mention(48, 2, "Thủy điện Huội Quảng", SECTION, LINE_48),
                  Mention(237, 2, "TĐC thủy điện Huội Quảng", SECTION, LINE_237)],
    )  # fmt: skip
    doc, plan, hydropower = Kind.DOCUMENT.value, Kind.PROGRAMME.value, Kind.HYDROPOWER.value
    assessment = Extraction(
        SourceInfo("stated/2013-excerpt.txt", "0" * 64, 337, "utf-8"),
        ReportInfo("Đánh giá năm 2013 (trích)", "Ủy ban nhân dân tỉnh Lai Châu", None, "2013-01-01", "2013-12-31",
                   None),
        documents=[_decision("2038", LINE_48.index("Quyết định số 2038")),
                   _decision("2042", LINE_48.index("Quyết định số 2042"))],
        hydropower=[plant],
        programmes=[_plan("master", MASTER_PLAN, 48, LINE_48), _plan("detailed", DETAILED_PLAN, 237, LINE_237)],
        relations=[
            RelationRecord(EntityRef(doc, "2038"), "approves", EntityRef(plan, "master"), 48, LINE_48, 0.9, 57),
            RelationRecord(EntityRef(doc, "2042"), "approves", EntityRef(plan, "master"), 48, LINE_48, 0.75, 57),
            RelationRecord(EntityRef(plan, "master"), "concerns", EntityRef(hydropower, "huoi quang"), 48, LINE_48,
                           0.85, 57),
            RelationRecord(EntityRef(plan, "detailed"), "concerns", EntityRef(hydropower, "huoi quang"), 237,
                           LINE_237, 0.45, 2),
        ],
    )  # fmt: skip
    decree = DocumentRecord(
        "120/2016", "120/2016/NĐ-CP", "Nghị định", "120", 2016, "Chính phủ", "2016-08-23", None, issuer_code="CP",
        raw=["Nghị định số 120/2016/NĐ-CP"], mentions=[Mention(13, 7, "Nghị định số 120/2016/NĐ-CP", (), BASIS)],
    )  # fmt: skip
    resolution = Extraction(
        SourceInfo("stated/41-2017-nq-hdnd.md", "1" * 64, 89, "utf-8"),
        ReportInfo("Nghị quyết quy định về lệ phí đăng ký cư trú trên địa bàn tỉnh Trà Vinh", None, None, None, None,
                   None),
        documents=[decree],
        relations=[RelationRecord(EntityRef(Kind.REPORT.value, ""), "based_on", EntityRef(doc, "120/2016"), 13, BASIS,
                                  0.95, basis="based_on")],
    )  # fmt: skip
    return [assessment, resolution]


def install_extractions(extractions: list[Extraction], root: Path) -> Path:
    """A store of hand-built reports, with the reference data and the ontology as a build has them."""
    iris = IriPolicy()
    nquads = root.parent / f"{root.name}.nq"
    with nquads.open("w", encoding="utf-8") as out:
        for ex in extractions:
            out.write(as_nquads(iris.graph_report(ex.source.path), ntriples(report_triples(ex, iris))))
        for name, graph in reference_and_ontology(iris).items():
            out.write(as_nquads(name, ntriples(graph)))
    load_nquads(nquads, root)
    return root
