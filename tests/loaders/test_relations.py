"""Relations, read from whole sentences of the bundled reports through the pipeline."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import extract_file
from policykg.loaders.records import Extraction


def relations(tmp_path: Path, text: str) -> set[tuple[str, str, str]]:
    path = tmp_path / "excerpt.txt"
    path.write_text(text, encoding="utf-8")
    ex = extract_file(path)
    return {(_name(ex, r.subject.kind, r.subject.key), r.predicate, _name(ex, r.object.kind, r.object.key))
            for r in ex.relations}  # fmt: skip


def _name(ex: Extraction, kind: str, key: str) -> str:
    if kind == "document":
        d = next(d for d in ex.documents if d.key == key)
        return d.symbol or d.name or ""
    table = {"place": ex.places, "hydropower": ex.hydropower, "programme": ex.programmes}[kind]
    return next(e.name for e in table if e.key == key)


def test_plants_approved_by_two_decisions(tmp_path: Path) -> None:
    # 2013 assessment, line 48
    found = relations(
        tmp_path,
        "Quy hoạch tổng thể di dân TĐC thủy điện Huội Quảng, Bản Chát đã được Chính phủ phê duyệt tại Quyết định "
        "số 2038/QĐ-TTg và Quyết định số 2042/QĐ-TTg ngày 05/11/2013.\n",
    )
    for decision in ("2038/QĐ-TTg", "2042/QĐ-TTg"):
        assert (decision, "approves", "Huội Quảng") in found
        assert (decision, "approves", "Bản Chát") in found


def test_a_plan_implements_a_resolution_and_a_decision_approves_a_scheme(tmp_path: Path) -> None:
    found = relations(
        tmp_path,
        "Thực hiện Kế hoạch 71-KH/TU ngày 15/8/2013 của Tỉnh ủy thực hiện Nghị quyết 24-NQ/TW.\n"
        "Ban hành Quyết định số 14/QĐ-UBND ngày 08/01/2020 phê duyệt Đề án phát triển sản xuất nông nghiệp các "
        "xã biên giới giai đoạn 2020-2025.\n"
        "Nghị quyết số 14/2020/NQ-HĐND thay thế Nghị quyết 105/2014/NQ-HĐND.\n",
    )
    assert ("71-KH/TU", "implements", "24-NQ/TW") in found
    assert (
        "14/QĐ-UBND",
        "approves",
        "Đề án phát triển sản xuất nông nghiệp các xã biên giới giai đoạn 2020-2025",
    ) in found
    assert ("14/2020/NQ-HĐND", "amends", "105/2014/NQ-HĐND") in found


def test_places_within_places_and_resettlement(tmp_path: Path) -> None:
    found = relations(
        tmp_path,
        "Thực hiện di chuyển 127 hộ của thủy điện Bản Chát lên các khu TĐC Tà Hừa, Tà Mít.\n"
        "Mỏ đá tại xã Lả Nhì Thàng, huyện Phong Thổ; giao lưu với huyện Kim Bình, Giang Thành (Trung Quốc).\n",
    )
    assert ("Bản Chát", "resettles_to", "Tà Hừa") in found
    assert ("Bản Chát", "resettles_to", "Tà Mít") in found
    assert ("Lả Nhì Thàng", "part_of", "Phong Thổ") in found
    assert ("Kim Bình", "part_of", "Trung Quốc") in found
    assert ("Giang Thành", "part_of", "Trung Quốc") in found


def test_a_scheme_applies_to_the_place_its_name_names(tmp_path: Path) -> None:
    found = relations(
        tmp_path, "Triển khai Đề án bảo đảm an ninh trật tự trên địa bàn tỉnh Lai Châu, giai đoạn 2016-2020.\n"
    )
    assert any(p == "applies_to" and o == "Lai Châu" for _s, p, o in found)
