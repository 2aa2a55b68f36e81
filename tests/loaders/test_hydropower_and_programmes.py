from __future__ import annotations

from policykg.loaders.hydropower import find_plants, plant_facts
from policykg.loaders.programmes import find_programmes


def test_plants_and_their_variants() -> None:
    found = find_plants("di dân TĐC thủy điện Huổi Quảng, Bản Chát trình Thủ tướng; Công ty CP Thủy điện Mường Tè")
    assert [(p.name, p.resettlement, p.plant is not None) for p in found] == [
        ("Huội Quảng", True, True),
        ("Bản Chát", True, True),
    ]


def test_a_list_after_a_colon_and_reservoirs_of_known_plants() -> None:
    text = "các công trình thủy điện: Hòa Bình, Sơn La, Lai Châu; lòng hồ Sơn La, Huổi Quảng; hồ Tả Phìn"
    assert [p.name for p in find_plants(text)] == ["Hòa Bình", "Sơn La", "Lai Châu", "Sơn La", "Huội Quảng"]


def test_a_list_after_a_size_word() -> None:
    text = "các công trình thuỷ điện lớn Sơn La, Hòa Bình, Lai Châu và Huội Quảng; thủy điện vừa và nhỏ như Nậm Na 2"
    assert [p.name for p in find_plants(text)] == ["Sơn La", "Hòa Bình", "Lai Châu", "Huội Quảng", "Nậm Na 2"]
    # A size word with no name after it names no plant.
    assert find_plants("thủy điện lớn của Quốc gia và an ninh nguồn nước; Thủy điện lớn là chính") == []


def test_facts_stated_next_to_a_plant() -> None:
    facts = {(n, v) for n, v, _c in plant_facts(
        "Thủy điện Lai Châu công suất 1.200 MW, di chuyển 1.331 hộ đến 35 điểm TĐC đã hoàn thành.")}  # fmt: skip
    assert facts == {("capacity_mw", "1200"), ("households_resettled", "1331"), ("resettlement_sites", "35"),
                     ("status", "completed")}  # fmt: skip


def test_households_are_typed_by_what_the_sentence_says() -> None:
    # 2013 assessment, line 237: 192 households remain to be moved; they have not been
    remaining = plant_facts(
        "- TĐC thủy điện Huội Quảng, Bản Chát: Rà soát, lập kế hoạch, bảng tiến độ thực hiện dự án; tổ chức di "
        "chuyển 192 hộ còn lại của thủy điện Huội Quảng, đồng thời phải đặc biệt quan tâm."
    )
    assert [(n, v) for n, v, _c in remaining] == [("households_remaining", "192")]
    # 2012 article, line 111: moved already
    moved = plant_facts("Đã di chuyển 127 hộ của thủy điện Bản Chát lên các khu TĐC Tà Hừa, Tà Mít.")
    assert [(n, v) for n, v, _c in moved] == [("households_resettled", "127")]
    # a count the words do not explain is no fact
    assert plant_facts("Dự kiến hết năm di chuyển khoảng 655-855/1.925 hộ dân.") == []


def test_national_target_programmes_and_their_abbreviations() -> None:
    found = find_programmes(
        "Chương trình MTQG xây dựng NTM; CTMTQG giảm nghèo bền vững giai đoạn 2016-2020; Chương trình 135; OCOP"
    )
    names = [p.name for p in found]
    assert names == [
        "Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
        "Chương trình mục tiêu quốc gia giảm nghèo bền vững",
        "Chương trình 135",
        "Chương trình mỗi xã một sản phẩm (OCOP)",
    ]
    assert found[1].period == (2016, 2020)


def test_named_schemes_and_not_generic_phrases() -> None:
    found = find_programmes(
        "phê duyệt Đề án phát triển một số cây dược liệu giai đoạn 2020-2025, tầm nhìn đến năm 2030; "
        "các chương trình, đề án khác; Chương trình trọng điểm"
    )
    assert [(p.name, p.kind, p.period) for p in found] == [
        ("Đề án phát triển một số cây dược liệu giai đoạn 2020-2025, tầm nhìn đến năm 2030", "scheme", (2020, 2025))
    ]


def test_a_plan_word_as_a_clause_s_subject_or_a_kind_with_examples_is_no_title() -> None:
    # The bundled reports: 2013 assessment (twice), 2023 report, 2012 article
    for text in (
        "tiến độ thực hiện một số đề tài, dự án còn chậm, chất lượng chưa cao.",
        "quyết toán dự án thành phần, phương án bồi thường, hỗ trợ đảm bảo hoàn thành toàn bộ dự án trong năm 2014.",
        "bổ sung danh mục các công trình, dự án phải thu hồi đất, mức vốn bồi thường, giải phóng mặt bằng",
        "tỉnh đã thực hiện một số chương trình, dự án nông nghiệp như: Mô hình thí điểm đưa lúa Đông xuân lên vùng cao",
        "xác định theo các tiêu chí và nguồn lực của địa phương để xây dựng đề án gặp nhiều khó khăn.",
    ):
        assert find_programmes(text) == [], text
    # … while a project named by what it does keeps its name
    assert [p.name for p in find_programmes("triển khai Dự án trình diễn mô hình trồng lúa cạn; ")] == [
        "Dự án trình diễn mô hình trồng lúa cạn"
    ]


def test_a_title_keeps_its_period_after_a_comma_and_national_programmes_in_general_are_none() -> None:
    # The 2020 congress study book, line 795; the 2023 report, line 351
    found = find_programmes(
        "thực hiện quyết liệt, có hiệu quả Đề án bảo đảm an ninh trật tự trên địa bàn tỉnh Lai Châu, giai đoạn "
        "2016 - 2020. Chỉ đạo các đơn vị"
    )
    assert [(p.name, p.period) for p in found] == [
        ("Đề án bảo đảm an ninh trật tự trên địa bàn tỉnh Lai Châu, giai đoạn 2016 - 2020", (2016, 2020))
    ]
    assert find_programmes("các chính sách, đề án, chương trình trọng điểm, chương trình mục tiêu quốc gia trong "
                           "giai đoạn 2021-2025 tiếp tục được đẩy mạnh thực hiện") == []  # fmt: skip


def test_quoted_titles_after_a_programme_word_and_a_colon() -> None:
    # 2020 study book, lines 1003 and 1046
    found = find_programmes(
        "Chỉ đạo thực hiện hiệu quả các đề án: “Tăng cường công tác dân vận trong các cơ quan nhà nước trên địa bàn "
        "tỉnh Lai Châu, giai đoạn 2015 - 2020”, “Tăng cường công tác dân vận vùng đồng bào dân tộc thiểu số”; như dự "
        "án: “Hỗ trợ sản xuất lúa nếp Co Giàng theo chuỗi giá trị”."
    )
    assert [(p.kind, p.period) for p in found] == [("scheme", (2015, 2020)), ("scheme", None), ("project", None)]
    assert found[2].name == "Dự án Hỗ trợ sản xuất lúa nếp Co Giàng theo chuỗi giá trị"


def test_a_provincial_project_is_not_the_national_programme_it_sounds_like() -> None:
    (project,) = find_programmes("Dự án giảm nghèo tỉnh Lai Châu tiếp tục được triển khai")
    assert (project.name, project.reference) == ("Dự án giảm nghèo tỉnh Lai Châu", None)


def test_thoroughly_does_not_end_a_title() -> None:
    # Trà Vinh resolution 30/2017, line 75: `triệt để` (thoroughly) is not `để` (in order to)
    text = (
        "Quyết định 64/2003/QĐ-TTg ngày 22/4/2003 về việc phê duyệt Kế hoạch xử lý triệt để các cơ sở gây ô nhiễm "
        "môi trường nghiêm trọng"
    )
    assert [p.name for p in find_programmes(text)] == [
        "Kế hoạch xử lý triệt để các cơ sở gây ô nhiễm môi trường nghiêm trọng"
    ]
    assert [p.name for p in find_programmes("Kế hoạch nâng cấp đường để phục vụ sản xuất")] == [
        "Kế hoạch nâng cấp đường"
    ]


def test_a_project_of_a_programme_is_a_kind_of_project_not_a_title() -> None:
    # Gia Lai resolution 55/2017 (corpus-extra), its title
    assert find_programmes("chi phí quản lý thực hiện dự án thuộc các Chương trình mục tiêu quốc gia giai đoạn") == []


def test_a_kind_of_project_is_no_title_but_a_land_use_plan_is_one() -> None:
    # Bắc Giang 10/2017 (corpus-extra) line 60; the 2020 assessment; the 2012 article, line 117
    assert find_programmes("chi phí quản lý thực hiện dự án áp dụng cơ chế đặc thù trong quản lý đầu tư xây dựng") == []
    assert find_programmes("thẩm định các Dự án sử dụng vốn nhà nước và dự án khuyến khích doanh nghiệp đầu tư") == []
    assert [p.name for p in find_programmes("Kế hoạch sử dụng đất 5 năm (2011-2015) tỉnh Lai Châu")] == [
        "Kế hoạch sử dụng đất 5 năm (2011-2015) tỉnh Lai Châu"
    ]


def test_a_plan_word_after_another_kind_is_one_of_a_list_of_kinds() -> None:
    # The 2012 article, line 197; the 2013 assessment; the 2023 report, line 315; the 2020 study book, line 136
    for text in (
        "triển khai lồng ghép các chương trình, dự án phát triển kinh tế - xã hội, chăm lo cải thiện đời sống vật chất",
        "Tiếp tục triển khai thực hiện 20 đề tài, dự án cấp tỉnh và cấp bộ vào phát triển sản xuất",
        "số dự án thu hút trong năm tăng so với cùng kỳ năm trước",
        "hợp đồng dự án xây dựng kinh doanh chuyển giao (BOT)",
    ):
        assert find_programmes(text) == [], text


def test_a_lower_case_project_or_scheme_needs_a_proper_name_a_number_or_quotes() -> None:
    # The 2023 report, lines 119 and 231; Bình Thuận resolution 59/2017 (corpus-extra)
    for text in (
        "hỗ trợ doanh nghiệp, nhà đầu tư, dự án đầu tư trên địa bàn tỉnh; đồng thời duy trì",
        "tỷ lệ diện tích để tách khu đất thực hiện dự án đầu tư thành dự án độc lập",
        "thẩm định, phê duyệt đề án bảo vệ môi trường chi tiết",
    ):
        assert find_programmes(text) == [], text
    # … a capitalised head word opens a title (lower-case `chương trình` names are common: not held to this)
    assert [p.name for p in find_programmes("triển khai dự án kè sông Tiền; ")] == ["Dự án kè sông Tiền"]
    assert [p.name for p in find_programmes("thực hiện chương trình tiêm chủng mở rộng; ")] == [
        "Chương trình tiêm chủng mở rộng"
    ]


def test_a_plan_word_in_a_law_s_title_is_no_plan() -> None:
    # Đồng Tháp resolution 124/2017, line 10
    assert find_programmes("Căn cứ Luật Quy hoạch đô thị ngày 17/6/2009;") == []


def test_the_other_projects_of_a_kind_are_a_category_not_a_project() -> None:
    # Bà Rịa - Vũng Tàu resolution 59/2017, line 93: a budget line's last item
    assert find_programmes("- Dự án về bảo vệ môi trường khác theo quyết định của các cấp có thẩm quyền.") == []
    # A project named as such keeps its name
    (named,) = find_programmes("- Dự án về bảo vệ môi trường lưu vực sông Thị Vải theo quyết định của tỉnh.")
    assert named.name.startswith("Dự án về bảo vệ môi trường lưu vực sông Thị Vải")
