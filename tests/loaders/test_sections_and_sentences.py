from __future__ import annotations

from policykg.loaders.layout import build_layout
from policykg.loaders.sections import section_paths
from policykg.loaders.sentences import split_sentences


def test_section_paths_follow_the_heading_numbers() -> None:
    text = "\n".join(
        [
            "Phần thứ nhất",
            "I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC",
            "1. Về phát triển kinh tế",
            "1.1. Sản xuất nông nghiệp",
            "a) Trồng trọt:",
            "- Về cây lúa:",
            "Diện tích lúa gieo cấy 24.603 ha.",
            "2. Văn hóa - xã hội",
            "Tỷ lệ hộ nghèo giảm 4%.",
            "II- PHƯƠNG HƯỚNG",
            "Năm 2014 tiếp tục.",
        ]
    )
    paths = section_paths(build_layout(text).paragraphs)
    assert paths[6] == ["Phần thứ nhất", "I", "1", "1.1", "a", "Về cây lúa"]
    assert paths[8] == ["Phần thứ nhất", "I", "2"]
    assert paths[10] == ["Phần thứ nhất", "II"]


def test_sentences_survive_abbreviations_dates_decimals_and_symbols() -> None:
    text = (
        "Tốc độ tăng trưởng kinh tế ước đạt 14,1%, GDP ước đạt 4.472,5 tỷ đồng. Khánh thành tại TP. Lai Châu "
        "theo Quyết định 2009/QĐ-TTg ngày 4/11/2013. Hoàn thành 1.1. mục tiêu."
    )
    spans = split_sentences(text)
    sentences = [text[s:e] for s, e in spans]
    assert sentences[0].endswith("4.472,5 tỷ đồng.")
    assert sentences[1] == "Khánh thành tại TP. Lai Châu theo Quyết định 2009/QĐ-TTg ngày 4/11/2013."
    assert len(sentences) == 3
