"""Relations, read from real sentences of the bundled reports and of other provinces' resolutions, through the
whole pipeline: each case of issue 13 on its excerpt, and what the confidence says."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.layout import build_layout
from policykg.loaders.pipeline import extract_file
from policykg.loaders.records import Extraction
from policykg.loaders.report import is_act
from policykg.ontology.reference import load_reference

Found = set[tuple[str, str, str]]


def extract(tmp_path: Path, text: str, name: str = "excerpt.txt") -> Extraction:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_file(path)


def relations(ex: Extraction) -> Found:
    return {(_name(ex, r.subject.kind, r.subject.key), r.predicate, _name(ex, r.object.kind, r.object.key))
            for r in ex.relations}  # fmt: skip


def _name(ex: Extraction, kind: str, key: str) -> str:
    if kind == "report":
        return "this"
    if kind == "document":
        d = next(d for d in ex.documents if d.key == key)
        return d.symbol or d.name or ""
    table = {"place": ex.places, "hydropower": ex.hydropower, "programme": ex.programmes}[kind]
    return next(e.name for e in table if e.key == key)


def about(found: Found, name: str) -> Found:
    return {r for r in found if name in (r[0], r[2])}


def test_a_decision_approves_the_resettlement_plan_not_the_plant(tmp_path: Path) -> None:
    # 2013 assessment, line 45
    found = relations(extract(tmp_path,
        "- Thuỷ điện Sơn La: Hoàn thiện hồ sơ điều chỉnh bổ sung quy hoạch tổng thể di dân TĐC Thủy điện Sơn La và "
        "đã được Chính phủ Phê duyệt tại Quyết định 2009/QĐ-TTg ngày 4/11/2013; tập trung chỉ đạo đẩy nhanh tiến độ "
        "thi công các công trình dở dang.\n"))  # fmt: skip
    plan = "Quy hoạch tổng thể di dân tái định cư Thủy điện Sơn La"
    assert ("2009/QĐ-TTg", "approves", plan) in found
    assert (plan, "concerns", "Sơn La") in found
    assert not any(s == "2009/QĐ-TTg" and o == "Sơn La" for s, _p, o in found)  # once, through the plan


def test_two_decisions_approve_one_plan_that_concerns_two_plants(tmp_path: Path) -> None:
    # 2013 assessment, line 48
    found = relations(extract(tmp_path,
        "- Thủy điện Huội Quảng, Bản Chát: Hoàn thành rà soát lại quy hoạch tổng thể di dân TĐC thủy điện Huội "
        "Quảng, Bản Chát đã được Chính phủ phê duyệt tại Quyết định số 2038/QĐ-TTg và Quyết định số 2042/QĐ-TTg ngày "
        "05/11/2013.\n"))  # fmt: skip
    plan = "Quy hoạch tổng thể di dân tái định cư thủy điện Huội Quảng, Bản Chát"
    assert {("2038/QĐ-TTg", "approves", plan), ("2042/QĐ-TTg", "approves", plan)} <= found
    assert {(plan, "concerns", "Huội Quảng"), (plan, "concerns", "Bản Chát")} <= found
    assert not {p for s, p, o in found if s.endswith("QĐ-TTg") and o in ("Huội Quảng", "Bản Chát")}


def test_each_decision_approves_its_own_scheme(tmp_path: Path) -> None:
    # study book, line 1221
    found = relations(extract(tmp_path,
        "Thủ tướng Chính phủ phê duyệt Đề án “Hỗ trợ hệ sinh thái khởi nghiệp đổi mới sáng tạo quốc gia đến năm "
        "2025” tại Quyết định số 844/QĐ-TTg, ngày 18/5/2016; phê duyệt Đề án “Hỗ trợ phụ nữ khởi nghiệp giai đoạn "
        "2017 - 2025” tại Quyết định số 939/QĐ-TTg, ngày 30/6/2017 và Đề án “Hỗ trợ học sinh, sinh viên khởi nghiệp” "
        "tại Quyết định số 1665/QĐ-TTg, ngày 30/10/2017.\n"))  # fmt: skip
    approved = {(s, o) for s, p, o in found if p == "approves"}
    assert approved == {
        ("844/QĐ-TTg", "Đề án Hỗ trợ hệ sinh thái khởi nghiệp đổi mới sáng tạo quốc gia đến năm 2025"),
        ("939/QĐ-TTg", "Đề án Hỗ trợ phụ nữ khởi nghiệp giai đoạn 2017 - 2025"),
        ("1665/QĐ-TTg", "Đề án Hỗ trợ học sinh, sinh viên khởi nghiệp"),
    }


def test_two_schemes_of_one_wording_stay_two(tmp_path: Path) -> None:
    # study book, line 444: Sơn La's scheme under 666/QĐ-TTg, and the one still drafted for three other plants
    text = (
        "Triển khai thực hiện có hiệu quả Đề án ổn định dân cư, phát triển kinh tế - xã hội vùng tái định cư thủy "
        "điện Sơn La theo Quyết định số 666/QĐ-TTg, ngày 31/5/2018 của Thủ tướng Chính phủ. Xây dựng và hoàn thiện "
        "Đề án ổn định dân cư, phát triển kinh tế - xã hội vùng tái định cư các dự án thủy điện: Lai Châu, Huội "
        "Quảng, Bản Chát gửi Bộ Nông nghiệp và Phát triển nông thôn thẩm định, trình Thủ tướng Chính phủ phê duyệt.\n"
    )
    ex = extract(tmp_path, text)
    schemes = [g.name for g in ex.programmes if g.name.startswith("Đề án ổn định dân cư")]
    assert len(schemes) == 2
    son_la, others = sorted(schemes, key=lambda n: "Sơn La" not in n)
    found = relations(ex)
    assert about(found, "666/QĐ-TTg") == {("666/QĐ-TTg", "approves", son_la)}
    assert (son_la, "concerns", "Sơn La") in found
    assert {(others, "concerns", plant) for plant in ("Lai Châu", "Huội Quảng", "Bản Chát")} <= found
    assert not any(p == "applies_to" and s == others for s, p, _o in found)  # `thủy điện: Lai Châu` is the plant


def test_a_road_route_states_no_place_relation(tmp_path: Path) -> None:
    # study book, line 136
    text = (
        "Đồng thời, tập trung đẩy nhanh tiến độ đầu tư các công trình trọng điểm như: Sân bay Lai Châu; nâng cấp "
        "quốc lộ 279 nối Lai Châu với Sơn La; quốc lộ 4H (Pa Tần - Mường Tè - Mường Nhé (Điện Biên));...\n"
    )
    found = relations(extract(tmp_path, text))
    assert not any(p == "located_in" for _s, p, _o in found)


def test_a_footnote_lists_separate_projects(tmp_path: Path) -> None:
    # 2023 report, line 137
    found = relations(extract(tmp_path,
        "²³ Dự án khu đô thị Tân Uyên; Xây dựng cửa hàng kinh doanh xăng dầu tại xã Mường Tè; Dự án đầu tư xây dựng "
        "công trình khai thác đá làm VLXD thông thường tại mỏ đá Hồng Thu Mông 5, thuộc xã Lán Nhi Thành, huyện "
        "Phong Thổ, tỉnh Lai Châu\n"))  # fmt: skip
    assert not any("Tân Uyên" in s and "Mường Tè" in o for s, _p, o in found)
    assert ("Dự án khu đô thị Tân Uyên", "located_in", "Tân Uyên") in found  # a project that builds lies there
    assert ("Lả Nhì Thàng", "located_in", "Phong Thổ") in found


def test_items_done_under_laws_are_no_chain_of_implements(tmp_path: Path) -> None:
    # 2023 report, line 121: each item `theo` its own law, none carrying out another
    found = relations(extract(tmp_path,
        "¹⁹ Thực hiện giảm 50% thuế bảo vệ môi trường mặt hàng xăng dầu, mỡ nhờn theo Nghị quyết số "
        "30/2022/UBTVQH15 với tổng số tiền 62,3 tỷ đồng; giảm 30% tiền thuê đất thuê mặt nước theo Nghị quyết số "
        "07/NQ-CP và Quyết định số 01/2023/QĐ-TTg với số tiền 3,8 tỷ đồng; giảm 50% mức thu lệ phí trước theo Nghị "
        "định số 41/2023/NĐ-CP với số tiền 5,3 tỷ đồng; gia hạn tiền thuế, tiền thuê đất theo Nghị định số "
        "12/2023/NĐ-CP với số tiền 36,8 tỷ đồng.\n"))  # fmt: skip
    assert found == set()


def test_two_things_done_side_by_side_are_no_implements(tmp_path: Path) -> None:
    # study book, line 951, and 2013 assessment, line 246: `thực hiện X gắn với thực hiện Y`, `theo X … và thực
    # hiện Y` — X is done beside Y, it does not carry Y out; a plan that `triển khai và thực hiện` Y does.
    found = relations(extract(tmp_path,
        "Nghiêm túc, thường xuyên tuyên truyền, quán triệt, học tập chủ nghĩa Mác-Lênin; thực hiện nghiêm túc Chỉ "
        "thị số 05-CT/TW gắn với thực hiện Nghị quyết Trung ương 4 khóa XII. Tổ chức thực hiện chế độ, chính sách "
        "trợ giúp xã hội cho đối tượng bảo trợ xã hội theo Nghị định số 136/2013/NĐ-CP ngày 21/10/2013 của Thủ "
        "tướng Chính phủ và thực hiện đề án “Hỗ trợ người có công với cách mạng về nhà ở trên địa bàn tỉnh”. UBND "
        "tỉnh ban hành Kế hoạch số 50/KH-UBND ngày 08/5/2017 triển khai và thực hiện Nghị quyết số 19-2017/NQ-CP "
        "ngày 06/02/2017 của Chính phủ.\n"))  # fmt: skip
    assert not any(p == "implements" for s, p, _o in found if s in ("05-CT/TW", "136/2013/NĐ-CP"))
    assert ("50/KH-UBND", "implements", "19-2017/NQ-CP") in found


def test_a_project_name_ends_before_a_second_thing_done(tmp_path: Path) -> None:
    # 2013 assessment, line 102
    ex = extract(tmp_path,
        "Tiếp tục áp dụng cơ chế một cửa; hoàn thành dự án cài đặt phần mềm quản lý cán bộ, công chức, viên chức "
        "toàn tỉnh và triển khai kế hoạch ISO năm 2013 tại 45 cơ quan, đơn vị.\n")  # fmt: skip
    # (a lower-case project with no proper name is a kind of work, not a title, since; no name runs on either)
    assert not any("triển khai" in g.name for g in ex.programmes)
    assert not any(p == "implements" for _s, p, _o in relations(ex))


def test_a_foreign_name_run_together_is_read_as_two_words(tmp_path: Path) -> None:
    # 2023 report, line 293 (`tỉnh JeollaBắc(Hàn Quốc)`, a lost space)
    found = relations(extract(tmp_path,
        "thuận hợp tác tiếp nhận lao động thời vụ tại Hàn Quốc giữa UBND tỉnh Lai Châu với Chính quyền huyện "
        "Yeongdong, tỉnh Chungcheong Bắc và huyện Muju, tỉnh JeollaBắc(Hàn Quốc),...\n"))  # fmt: skip
    assert {("Yeongdong", "located_in", "Chungcheong Bắc"), ("Muju", "located_in", "Jeolla Bắc"),
            ("Jeolla Bắc", "located_in", "Hàn Quốc")} <= found  # fmt: skip


def test_money_of_a_programme_funds_what_it_goes_to(tmp_path: Path) -> None:
    # No report we hold names a programme's money for a project; composed in the usual wording of the reports
    # (`được đầu tư từ nguồn vốn …`, `sử dụng nguồn vốn … để thực hiện …`, `… phân bổ cho huyện …`).
    found = relations(extract(tmp_path,
        "Năm 2023, Dự án xây dựng cầu treo bản Nậm Ngà được đầu tư từ nguồn vốn Chương trình 135; sử dụng nguồn "
        "vốn Chương trình mục tiêu quốc gia giảm nghèo bền vững để thực hiện Dự án hỗ trợ phát triển sản xuất vùng "
        "tái định cư; nguồn vốn Chương trình mục tiêu quốc gia xây dựng nông thôn mới phân bổ cho huyện Tam Đường "
        "45 tỷ đồng. Triển khai Chương trình 135 cho huyện Sìn Hồ.\n"))  # fmt: skip
    funds = {(s, o) for s, p, o in found if p == "funds"}
    assert funds == {
        ("Chương trình 135", "Dự án xây dựng cầu treo bản Nậm Ngà"),
        ("Chương trình mục tiêu quốc gia giảm nghèo bền vững", "Dự án hỗ trợ phát triển sản xuất vùng tái định cư"),
        ("Chương trình mục tiêu quốc gia xây dựng nông thôn mới", "Tam Đường"),
    }  # not Sìn Hồ: a programme carried out there is not said to pay for it


def test_objects_come_from_their_own_clause(tmp_path: Path) -> None:
    # study book, line 171: provinces and plants listed in one clause, documents in others
    found = relations(extract(tmp_path,
        "Lai Châu là tỉnh miền núi, biên giới, có vị trí quan trọng là đầu nguồn sông Đà - nơi cung cấp và điều "
        "tiết nguồn nước cho các tỉnh: Lai Châu, Sơn La, Hòa Bình, đặc biệt là các công trình thủy điện: Hòa Bình, "
        "Sơn La, Lai Châu, Huội Quảng, Bản Chát. Trong nhiệm kỳ vừa qua, Ban Chấp hành Đảng bộ tỉnh đã ban hành "
        "Chương trình hành động số 15-CTr/TU, ngày 18/4/2017 của về thực hiện Chỉ thị số 13-CT/TW của Ban Bí thư về "
        "Tăng cường sự lãnh đạo của Đảng đối với công tác quản lý, bảo vệ và phát triển rừng; UBND tỉnh ban hành "
        "Quyết định số 1406/QĐ-UBND, ngày 30/10/2014 về việc phê duyệt Đề án Tái cơ cấu ngành nông nghiệp tỉnh Lai "
        "Châu đến năm 2020 và tầm nhìn đến 2030.\n"))  # fmt: skip
    scheme = "Đề án Tái cơ cấu ngành nông nghiệp tỉnh Lai Châu đến năm 2020 và tầm nhìn đến 2030"
    assert found == {
        ("15-CTr/TU", "implements", "13-CT/TW"),
        ("1406/QĐ-UBND", "approves", scheme),
        (scheme, "applies_to", "Lai Châu"),
    }


def test_containment_the_gazetteer_contradicts_is_not_stated(tmp_path: Path) -> None:
    # study book, line 829: four Vietnamese provinces and Yunnan, then `(Trung Quốc)`
    text = (
        "Tháng 12/2018, tỉnh Lai Châu và tỉnh Vân Nam đã phối hợp tổ chức thành công Phiên họp lần thứ 7 Nhóm công "
        "tác liên hợp giữa các tỉnh Hà Giang, Lào Cai, Lai Châu, Điện Biên và tỉnh Vân Nam (Trung Quốc).\n"
    )
    found = relations(extract(tmp_path, text))
    assert {r for r in found if r[1] == "located_in"} == {("Vân Nam", "located_in", "Trung Quốc")}


def test_an_act_is_based_on_its_preamble_and_replaces_what_it_says(tmp_path: Path) -> None:
    # Trà Vinh resolution 41/2017 (tests/annotations/texts), wrapped as the converted page wraps it
    ex = extract(tmp_path,
        "NGHỊ QUYẾT\nQUY ĐỊNH VỀ LỆ PHÍ ĐĂNG KÝ CƯ TRÚ TRÊN ĐỊA BÀN TỈNH TRÀ VINH\n"
        "Căn cứ Luật phí và lệ phí ngày 25/11/2015;\n"
        "Căn cứ Nghị định số 120/2016/NĐ-CP ngày\n23/8/2016 của Chính phủ quy định chi tiết và hướng dẫn thi hành "
        "một số điều của\nLuật phí và lệ phí;\n"
        "Xét Tờ trình số 2205/TTr-UBND ngày 15/6/2017\ncủa Ủy ban nhân dân tỉnh Trà Vinh về việc quy định lệ phí đăng "
        "ký cư trú trên\nđịa bàn tỉnh Trà Vinh; báo cáo thẩm tra của Ban Kinh tế - Ngân sách.\n"
        "QUYẾT NGHỊ:\n"
        "Điều 1. Ban hành quy định về lệ phí đăng ký cư trú trên địa\nbàn tỉnh Trà Vinh.\n"
        "Điều 3. Nghị quyết này thay thế Nghị quyết số 08/2008/NQ-HĐND ngày 11/7/2008.\n", "act.md")  # fmt: skip
    found = relations(ex)
    law = next(d.name for d in ex.documents if d.name and d.name.startswith("Luật"))
    assert {("this", "based_on", law), ("this", "based_on", "120/2016/NĐ-CP")} <= found
    assert ("120/2016/NĐ-CP", "implements", law) in found
    assert ("this", "based_on", "2205/TTr-UBND") not in found  # the council considers a submission
    assert ("2205/TTr-UBND", "applies_to", "Trà Vinh") in found  # its subject, not the UBND in its issuer
    assert ("this", "applies_to", "Trà Vinh") in found
    assert ("this", "replaces", "08/2008/NQ-HĐND") in found


def test_an_act_that_amends_says_so_item_by_item(tmp_path: Path) -> None:
    # Hà Nội resolution 11/2025/NQ-HĐND (tests/annotations/texts), its head as PDF text runs it together
    ex = extract(tmp_path,
        "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI\n"
        "Độc lập - Tự do - Hạnh phúc Số: 11/2025/NQ-HĐND Hà Nội, ngày 27 tháng 6 năm 2025 NGHỊ QUYẾT VỀ SỬA ĐỔI\n"
        "Căn cứ Luật Ngân sách Nhà nước ngày 25 tháng 6 năm 2015;\n"
        "Xét Tờ trình số 200/TTr-UBND ngày 18 tháng 6 năm 2025 của Ủy ban nhân dân Thành phố về việc đề nghị ban "
        "hành Nghị quyết sửa đổi, bổ sung Nghị quyết số 22/2022/NQ-HĐND ngày 08 tháng 12 năm 2022;\n"
        "1. Sửa đổi, bổ sung Phụ lục số 01 kèm theo Nghị quyết số 22/2022/NQ-HĐND ngày 18 tháng 12 năm 2022 như "
        "sau:\n"
        "c) Bãi bỏ mục D, Phụ lục 1 ban hành kèm theo Nghị quyết số 15/2021/NQ-HĐND.\n"
        "2. Thay thế Phụ lục số 03 ban hành kèm theo Nghị quyết số 09/2020/NQ-HĐND bằng Phụ lục số 03 (sửa đổi).\n"
        "3. Bổ sung kinh phí theo Quyết định số 1/QĐ-UBND.\n", "act.txt")  # fmt: skip
    found = relations(ex)
    assert {("this", "amends", "22/2022/NQ-HĐND"), ("this", "repeals", "15/2021/NQ-HĐND"),
            ("this", "replaces", "09/2020/NQ-HĐND")} <= found  # fmt: skip
    assert ("this", "amends", "1/QĐ-UBND") not in found  # `bổ sung kinh phí`: adds money, changes no document
    assert not any(s == "this" and o == "200/TTr-UBND" for s, _p, o in found)


def test_a_reorganisation_in_its_fixed_form_agrees_with_the_succession_data(tmp_path: Path) -> None:
    # The form of Nghị quyết 1670/NQ-UBTVQH15 (Lai Châu, 2025), with the units of its article on Tả Lèng
    ex = extract(tmp_path,
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các xã Tả Lèng, Giang Ma và Hồ Thầu thành xã mới có "
        "tên gọi là xã Tả Lèng.\n")  # fmt: skip
    merged = [r for r in ex.relations if r.predicate == "merged_into"]
    assert len(merged) == 3
    successor = {u.iri: u.successor for u in load_reference().units}
    for r in merged:
        assert successor[r.subject.key] == r.object.key  # the 2025 unit, as the reference data has it
        assert r.confidence >= 0.9


def test_confidence_is_lower_for_lists_and_footnotes(tmp_path: Path) -> None:
    ex = extract(tmp_path,
        "- Thủy điện Huội Quảng, Bản Chát: Hoàn thành rà soát lại quy hoạch tổng thể di dân TĐC thủy điện Huội "
        "Quảng, Bản Chát đã được Chính phủ phê duyệt tại Quyết định số 2038/QĐ-TTg và Quyết định số 2042/QĐ-TTg.\n"
        "Thủ tướng Chính phủ phê duyệt Đề án “Hỗ trợ phụ nữ khởi nghiệp giai đoạn 2017 - 2025” tại Quyết định số "
        "939/QĐ-TTg.\n"
        "¹ Thủ tướng Chính phủ phê duyệt Đề án “Hỗ trợ học sinh, sinh viên khởi nghiệp” tại Quyết định số "
        "1665/QĐ-TTg.\n")  # fmt: skip
    by_subject = {_name(ex, r.subject.kind, r.subject.key): r.confidence for r in ex.relations
                  if r.predicate == "approves"}  # fmt: skip
    assert by_subject["939/QĐ-TTg"] > by_subject["2038/QĐ-TTg"]  # one plan, one decision > a list of two
    assert by_subject["939/QĐ-TTg"] > by_subject["1665/QĐ-TTg"]  # the same, in a footnote
    assert all(0 < r.confidence <= 1 for r in ex.relations)


def test_a_scheme_named_by_its_owner_is_named_by_its_title(tmp_path: Path) -> None:
    # study book, line 442
    found = relations(extract(tmp_path,
        "Triển khai thực hiện có hiệu quả Đề án của Thủ tướng Chính phủ về ổn định dân cư, phát triển kinh tế, xã "
        "hội vùng tái định cư thủy điện Sơn La; huy động các nguồn lực thúc đẩy phát triển sản xuất.\n"))  # fmt: skip
    scheme = "Đề án ổn định dân cư, phát triển kinh tế, xã hội vùng tái định cư thủy điện Sơn La"
    assert found == {(scheme, "concerns", "Sơn La")}


def test_a_commune_in_a_district_as_it_was_is_read_but_less_sure(tmp_path: Path) -> None:
    # 2012 article, line 37: Nậm Hàng was in Mường Tè until Nậm Nhùn was made in 2012; today's map disagrees
    ex = extract(tmp_path,
        "Phát triển vùng sản xuất rau màu, thực phẩm hàng hóa tại xã Nậm Hàng, huyện Mường Tè.\n"
        "Mỏ đá tại xã Lả Nhì Thàng, huyện Phong Thổ.\n")  # fmt: skip
    sure = {(_name(ex, r.subject.kind, r.subject.key), _name(ex, r.object.kind, r.object.key)): r.confidence
            for r in ex.relations if r.predicate == "located_in"}  # fmt: skip
    assert sure[("Nậm Hàng", "Mường Tè")] < 0.6 < sure[("Lả Nhì Thàng", "Phong Thổ")]


def test_a_pdfs_head_that_runs_together_still_names_an_act() -> None:
    head = "Độc lập - Tự do - Hạnh phúc Số: 11/2025/NQ-HĐND Hà Nội, ngày 27 tháng 6 năm 2025 NGHỊ QUYẾT VỀ SỬA ĐỔI\n"
    assert is_act(build_layout(head + "Căn cứ Luật Ngân sách Nhà nước;\n").paragraphs)
    # A report that cites a resolution in running capitals is no act.
    report = "Thực hiện NGHỊ QUYẾT số 05 của Tỉnh ủy, tỉnh đã triển khai\nCăn cứ kết quả đạt được;\n"
    assert not is_act(build_layout(report).paragraphs)


def test_a_plan_issued_after_verbs_of_carrying_out_a_resolution_implements_it(tmp_path: Path) -> None:
    # 2020 party-congress study book, line 516: the Đề án carries 29-NQ/TW out; the Tỉnh ủy, not 29-NQ/TW, issues it
    found = relations(extract(tmp_path,
        "Quán triệt, triển khai thực hiện Nghị quyết số 29-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XI về đổi mới "
        "căn bản, toàn diện giáo dục và đào tạo, Tỉnh ủy ban hành Nghị quyết nâng cao chất lượng nguồn nhân lực và Đề "
        "án nâng cao chất lượng giáo dục vùng đặc biệt khó khăn, tập trung lãnh đạo.\n"))  # fmt: skip
    scheme = "Đề án nâng cao chất lượng giáo dục vùng đặc biệt khó khăn"
    assert (scheme, "implements", "29-NQ/TW") in found
    assert ("29-NQ/TW", "approves", scheme) not in found


def test_an_amending_law_amends_each_law_its_name_lists(tmp_path: Path) -> None:
    # Hà Nội resolution 11/2025/NQ-HĐND, line 17 (tests/annotations/texts)
    ex = extract(tmp_path,
        "NGHỊ QUYẾT\nVỀ SỬA ĐỔI, BỔ SUNG MỘT SỐ NỘI DUNG QUY ĐỊNH TẠI NGHỊ QUYẾT SỐ 22/2022/NQ-HĐND NGÀY 08/12/2022\n"
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Chứng khoán, Luật kế toán, Luật Quản lý, sử dụng tài sản "
        "công và Luật Xử lý vi phạm hành chính ngày 29 tháng 11 năm 2024;\n", "act.txt")  # fmt: skip
    found = relations(ex)
    amending = next(d.name for d in ex.documents if d.name and d.name.startswith("Luật sửa đổi"))
    listed = {"Luật Chứng khoán", "Luật kế toán", "Luật Quản lý, sử dụng tài sản công", "Luật Xử lý vi phạm hành chính"}
    assert {o for s, p, o in found if s == amending and p == "amends"} == listed
    assert ("this", "based_on", amending) in found
    assert not any(s == "this" and o in listed for s, _p, o in found)  # grounded in the amending law alone
    assert ("this", "amends", "22/2022/NQ-HĐND") in found  # its own title, after its type word


def test_a_submission_proposing_an_amendment_amends_nothing(tmp_path: Path) -> None:
    # Hà Nội resolution 11/2025/NQ-HĐND, line 21
    found = relations(extract(tmp_path,
        "Xét Tờ trình số 200/TTr-UBND ngày 18 tháng 6 năm 2025 của Ủy ban nhân dân Thành phố về việc đề nghị ban hành "
        "Nghị quyết sửa đổi, bổ sung Nghị quyết số 22/2022/NQ-HĐND ngày 08 tháng 12 năm 2022 về phân cấp nguồn thu, "
        "nhiệm vụ chi giữa các cấp ngân sách, định mức phân bổ ngân sách thành phố Hà Nội và tỷ lệ phần trăm phân "
        "chia nguồn thu giữa các cấp ngân sách.\n"))  # fmt: skip
    assert not any(p == "amends" for _s, p, _o in found)
    # The subject runs to its clause's end, past the first `ngân sách` its last words repeat.
    assert ("22/2022/NQ-HĐND", "applies_to", "Hà Nội") in found


def test_grounds_listed_after_a_semicolon_or_on_their_own_line_are_grounds(tmp_path: Path) -> None:
    # Hà Nội decision 70/2024/QĐ-UBND, lines 10-15 (tests/loaders/fixtures): a PDF's lines, the title in sentence case
    ex = extract(tmp_path,
        "Số: 70/2024/QĐ-UBND Hà Nội, ngày 30 tháng 12 năm 2024 QUYẾT ĐỊNH\n"
        "Ban hành Quy định một số nội dung quản lý nhà nước về giá trên địa bàn thành phố Hà Nội\n"
        "Căn cứ Luật Tổ chức Chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
        "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ ngày 22 tháng 11 năm 2019;\n"
        "Căn cứ Luật Giá ngày 19 tháng 6 năm 2023; Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy "
        "phạm pháp luật ngày 18 tháng 6 năm 2020;\n"
        "Xét đề nghị của Sở Tài chính.\n"
        "Luật Đất đai ngày 18 tháng 01 năm 2024;\n", "act.txt")  # fmt: skip
    found = relations(ex)
    grounds = {o for s, p, o in found if s == "this" and p == "based_on"}
    assert {"Luật Giá", "Luật Tổ chức Chính quyền địa phương"} <= grounds
    assert {o for o in grounds if o.startswith("Luật sửa đổi")} == {
        "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ",
        "Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật"}  # fmt: skip
    assert "Luật Đất đai" not in grounds  # after `Xét …`, the list of grounds is closed
    assert ("this", "applies_to", "Hà Nội") in found  # an act: its type ends the head's line, its title below


def test_an_acts_head_is_its_type_word_ending_a_line_or_its_enacting_words() -> None:
    head = "Số: 70/2024/QĐ-UBND Hà Nội, ngày 30 tháng 12 năm 2024 QUYẾT ĐỊNH\nBan hành Quy định về giá\n"
    assert is_act(build_layout(head + "Căn cứ Luật Giá;\n").paragraphs)
    assert is_act(build_layout("Ban hành Quy định về giá\nCăn cứ Luật Giá;\nQUYẾT ĐỊNH:\nĐiều 1.\n").paragraphs)
    # A report that ends a line on a decision it cites in capitals is no act.
    report = "Báo cáo kết quả thực hiện QUYẾT ĐỊNH số 12\nCăn cứ kết quả đạt được;\n"
    assert not is_act(build_layout(report).paragraphs)


def test_an_acts_title_that_repeals_follows_its_type_word(tmp_path: Path) -> None:
    # Bắc Giang resolution 13/2017 (corpus-extra), its head: type word and title in one paragraph of capitals
    found = relations(extract(tmp_path,
        "NGHỊ QUYẾT\nBÃI BỎ\nNGHỊ QUYẾT SỐ 31/2015/NQ-HĐND NGÀY 11/12/2015 CỦA HỘI ĐỒNG NHÂN DÂN TỈNH QUY\n"
        "ĐỊNH BỘ TIÊU THỨC PHÂN CÔNG CƠ QUAN THUẾ QUẢN LÝ\n"
        "Căn cứ Luật tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n", "act.md"))  # fmt: skip
    assert ("this", "repeals", "31/2015/NQ-HĐND") in found


def test_an_acts_preamble_that_carries_a_resolution_out_says_the_act_implements_it(tmp_path: Path) -> None:
    # Hà Nội decision 16/2025/QĐ-UBND (corpus-extra), line 27; then the body of Gia Lai's 54/2017, line 27
    found = relations(extract(tmp_path,
        "QUYẾT ĐỊNH\nVề việc quy định chức năng, nhiệm vụ của Sở Nông nghiệp và Môi trường\n"
        "Căn cứ Luật Thủ đô ngày 28 tháng 6 năm 2024;\n"
        "Thực hiện Nghị quyết số 06/NQ-HĐND ngày 25 tháng 02 năm 2025 của Hội đồng nhân dân Thành phố việc thành "
        "lập, tổ chức lại các cơ quan chuyên môn;\n"
        "QUYẾT ĐỊNH:\n"
        "Triển khai thực hiện Nghị quyết 01/2017/NQ-CP ngày 01/01/2017 của Chính phủ, tình hình kinh tế ổn định.\n",
        "act.txt"))  # fmt: skip
    assert ("this", "implements", "06/NQ-HĐND") in found
    assert ("this", "implements", "01/2017/NQ-CP") not in found  # after the enacting words: what was done, not the act


def test_a_document_amended_by_another_is_its_object_and_a_generic_one_takes_none(tmp_path: Path) -> None:
    # Hà Nội resolution 12/2025/NQ-HĐND (the scanned PDF, read by OCR), lines 24-29 and 57
    found = relations(extract(tmp_path,
        "Nghị định số 50/2025/NĐ-CP ngày 28 tháng 02 năm 2025 của Chính phủ sửa đổi, bổ sung một số điều của các "
        "Nghị định quy định chi tiết một số điều của Luật Quản lý, sử dụng tài sản công;\n"
        "1. Thẩm quyền quy định tại Nghị định số 151/2017/NĐ-CP ngày 26 tháng 12 năm 2017 của Chính phủ được sửa "
        "đổi, bổ sung tại Nghị định số 114/2024/NĐ-CP ngày 15 tháng 9 năm 2024 của Chính phủ, bao gồm: mua.\n"
    ))  # fmt: skip
    assert ("114/2024/NĐ-CP", "amends", "151/2017/NĐ-CP") in found
    assert ("151/2017/NĐ-CP", "amends", "114/2024/NĐ-CP") not in found
    assert not any(s == "50/2025/NĐ-CP" and p == "amends" for s, p, _o in found)


def test_an_acts_type_word_misread_by_ocr_still_names_an_act() -> None:
    # the scanned Hà Nội resolution 12/2025: `NGHỊ QUYÉT`
    head = "Số: 12/2025/NQ-HĐND Hà Nội, ngày 27 tháng 6 năm 2025 NGHỊ QUYÉT\nSửa đổi, bổ sung một số Nghị quyết\n"
    assert is_act(build_layout(head + "Căn cứ Luật Thủ đô ngày 28 tháng 6 năm 2024;\n").paragraphs)


def test_an_act_grounds_what_it_says_in_the_provisions_it_points_to(tmp_path: Path) -> None:
    # Trà Vinh resolution 41/2017, line 57, and Hà Nội resolution 11/2025, line 31 (tests/annotations/texts)
    found = relations(extract(tmp_path,
        "NGHỊ QUYẾT\nQUY ĐỊNH VỀ LỆ PHÍ ĐĂNG KÝ CƯ TRÚ TRÊN ĐỊA BÀN TỈNH TRÀ VINH\n"
        "Căn cứ Luật phí và lệ phí ngày 25/11/2015;\nQUYẾT NGHỊ:\n"
        "- Miễn thu lệ phí đối với công dân là trẻ em theo quy định tại Điều 1 của Luật trẻ em (trẻ em là người dưới "
        "16 tuổi).\n"
        "Điều 2. Sửa đổi, bổ sung một số nội dung quy định tại Nghị quyết số 22/2022/NQ-HĐND ngày 08/12/2022.\n",
        "act.md"))  # fmt: skip
    assert ("this", "based_on", "Luật trẻ em") in found
    assert ("this", "based_on", "22/2022/NQ-HĐND") not in found  # what it changes, not what it stands on
    assert ("this", "amends", "22/2022/NQ-HĐND") in found


def test_two_sentences_of_one_line_that_state_a_relation_are_two_statements(tmp_path: Path) -> None:
    # 2013 assessment, line 92: one paragraph, two sentences, each with its own words as evidence
    ex = extract(tmp_path,
        "Quan hệ giữa tỉnh Lai Châu với tỉnh Vân Nam - Trung Quốc tiếp tục củng cố. Tổ chức giao lưu giữa các xã "
        "biên giới của tỉnh Lai Châu với tỉnh Vân Nam - Trung Quốc.\n")  # fmt: skip
    stated = [r for r in ex.relations if r.predicate == "located_in" and "trung-quoc" in r.object.key]
    assert len(stated) == 2
    assert stated[0].evidence != stated[1].evidence and stated[0].line == stated[1].line == 1
