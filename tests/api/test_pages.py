"""The explorer's pages rendered from typed answers (no server, no browser): what an analyst sees of a relation."""

from __future__ import annotations

import re

from policykg.api.pages import entity_page
from policykg.graph.lookup.answers import Entity, EntityContext, Related

BASE = "https://w3id.org/policykg/"
PLANT = f"{BASE}id/hydropower/huoi-quang"
REPORT = f"{BASE}id/report/2013-ubnd-socio-economic-assessment"
LINE_237 = (
    "- TĐC thủy điện Huội Quảng, Bản Chát: Tập trung phê duyệt điều chỉnh Quy hoạch chi tiết các khu TĐC thủy điện "
    "Huội Quảng, Bản Chát."
)


def plant_page(*related: Related) -> str:
    context = EntityContext(Entity(PLANT, "hydropower", "Huội Quảng"), [], list(related), [], [])
    return entity_page(context, BASE)


def rows(page: str) -> list[str]:
    return re.findall(
        r"<tr[^>]*>.*?</tr>", page.split('data-i18n="entity.relations"', 1)[1].split("</table>", maxsplit=1)[0]
    )


def test_a_low_confidence_relation_is_marked_with_its_confidence() -> None:
    sentence = "… quy hoạch tổng thể di dân TĐC thủy điện Huội Quảng …"
    sure = Related(f"{BASE}id/programme/quy-hoach-tong-the", "quy hoạch tổng thể di dân TĐC", "programme",
                   "concerns", "in", sentence, REPORT, 48, 0.85)  # fmt: skip
    doubtful = Related(f"{BASE}id/programme/quy-hoach-chi-tiet", "Quy hoạch chi tiết các khu TĐC", "programme",
                       "concerns", "in", LINE_237, REPORT, 237, 0.45)  # fmt: skip
    reference = Related(f"{BASE}id/place/xa-khoen-on", "Khoen On", "place", "locatedIn", "out", None, None, None, None)
    first, second, third = rows(plant_page(sure, doubtful, reference))
    assert 'class="doubtful"' not in first and 'class="doubt"' not in first and ">0.85</td>" in first
    assert second.startswith('<tr class="doubtful">') and ">0.45</td>" in second
    badge = re.search(r'<span class="doubt" title="([^"]+)" data-i18n-title="relation.doubt">\?</span>', second)
    assert badge is not None and badge.group(1).startswith("Độ tin cậy thấp")
    assert "2013-ubnd-socio-economic-assessment:237" in second
    assert 'class="doubt"' not in third and ">—</td>" in third  # a link of the reference data has no confidence


def test_the_english_of_the_mark_is_in_the_explorers_strings() -> None:
    from importlib import resources

    script = resources.files("policykg.api").joinpath("static/explorer.js").read_text(encoding="utf-8")
    assert '"relation.doubt": "Low confidence' in script and "[data-i18n-title]" in script
