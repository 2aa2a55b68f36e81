"""Identity: never merge two documents that share a symbol, never split one cited in different words."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.named_documents import find_named_documents
from policykg.loaders.pipeline import extract_file


def documents(tmp_path: Path, text: str) -> list[tuple[str | None, int | None, int]]:
    path = tmp_path / "excerpt.txt"
    path.write_text(text, encoding="utf-8")
    return [(d.symbol, d.year, len(d.mentions)) for d in extract_file(path).documents]


def test_a_yearly_number_issued_in_two_years_is_two_documents(tmp_path: Path) -> None:
    found = documents(
        tmp_path,
        "Nghị quyết số 01/NQ-CP ngày 01/01/2019 của Chính phủ.\n"
        "Nghị quyết số 01/NQ-CP ngày 01/01/2020 của Chính phủ.\n",
    )
    assert found == [("01/NQ-CP", 2019, 1), ("01/NQ-CP", 2020, 1)]


def test_party_numbers_of_two_terms_are_two_documents(tmp_path: Path) -> None:
    found = documents(tmp_path, "Nghị quyết 05-NQ/TU khóa XIII.\nNghị quyết 05-NQ/TU khóa XIV.\n")
    assert [f[0] for f in found] == ["05-NQ/TU", "05-NQ/TU"]


def test_one_document_cited_in_different_words_stays_one(tmp_path: Path) -> None:
    found = documents(
        tmp_path,
        "Kế hoạch số 1378/KH-UBND ngày 08/7/2020 về cải thiện môi trường đầu tư.\n"
        "Triển khai các nhiệm vụ trong kế hoạch số 1378/KH-UBND.\n"
        "Theo Kế hoạch 1378/KH-UBND của UBND tỉnh.\n",
    )
    assert found == [("1378/KH-UBND", 2020, 3)]


def test_an_amending_law_is_one_law_named_by_the_laws_it_amends_which_are_cited_too() -> None:
    # Hà Nội's resolution 11/2025/NQ-HĐND, its preamble (PDF text joined); a comma inside one law's name
    text = (
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Chứng khoán, Luật Kế toán, Luật Kiểm toán độc lập, Luật "
        "Ngân sách nhà nước, Luật Quản lý, sử dụng tài sản công và Luật Quản lý thuế ngày 29 tháng 11 năm 2024; "
        "Căn cứ Luật Giá ngày 19 tháng 6 năm 2023;"
    )
    cited = find_named_documents(text, [])
    assert [c.name for c in cited] == [
        "Luật sửa đổi, bổ sung một số điều của Luật Chứng khoán, Luật Kế toán, Luật Kiểm toán độc lập, Luật Ngân "
        "sách nhà nước, Luật Quản lý, sử dụng tài sản công và Luật Quản lý thuế",
        "Luật Chứng khoán", "Luật Kế toán", "Luật Kiểm toán độc lập", "Luật Ngân sách nhà nước",
        "Luật Quản lý, sử dụng tài sản công", "Luật Quản lý thuế",
        "Luật Giá",
    ]  # fmt: skip
    amending = cited[0]
    assert all(amending.start < c.start and c.end <= amending.end for c in cited[1:-1])  # inside its name


def test_a_law_cited_with_its_year_and_without_is_one_law(tmp_path: Path) -> None:
    # 59/2017/NQ-HĐND of Gia Lai: `Luật Ngân sách nhà nước năm 2015` in the preamble, without the year below
    report = tmp_path / "r.txt"
    report.write_text(
        "Căn cứ Luật Ngân sách nhà nước năm 2015;\n"
        "Căn cứ Nghị định số 163/2016/NĐ-CP ngày 21/12/2016 của Chính phủ quy định chi tiết thi hành một số điều "
        "của Luật Ngân sách nhà nước;\n",
        encoding="utf-8",
    )
    laws = [d for d in extract_file(report).documents if d.symbol is None]
    assert [(d.name, len(d.mentions)) for d in laws] == [("Luật Ngân sách nhà nước", 2)]
