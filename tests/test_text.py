from __future__ import annotations

import re

from policykg.text import find_where, fold, match_key, nfc, slug, tone_key


def test_the_two_tone_mark_orthographies_match() -> None:
    assert match_key("thủy điện") == match_key("thuỷ điện")
    assert match_key("Hòa Bình") == match_key("Hoà Bình")
    assert tone_key("Thuỷ") == "thuy3"


def test_tones_still_tell_names_apart() -> None:
    assert match_key("Nậm Cha") != match_key("Nậm Chà")


def test_decomposed_and_composed_text_match() -> None:
    decomposed = "Hu\u00f4\u0323i Qua\u0309ng"
    assert nfc(decomposed) == "Huội Quảng"
    assert match_key(decomposed) == match_key("Huội Quảng")


def test_fold_drops_every_diacritic() -> None:
    assert fold("Quyết định 2009/QĐ-TTg") == "quyet dinh 2009 qd ttg"
    assert slug("Huội Quảng") == "huoi-quang"


def test_find_where_looks_only_where_the_words_are() -> None:
    pattern = re.compile(r"(?<!\w)Nghị quyết \d+")
    assert [m.group(0) for m in find_where(pattern, "theo Nghị quyết 30a và Nghị quyết 12", "Nghị quyết")] == [
        "Nghị quyết 30",
        "Nghị quyết 12",
    ]
    # Without the words the pattern is not tried at all: a pattern that needs them finds nothing either way.
    assert list(find_where(pattern, "theo Quyết định 12", "Nghị quyết")) == []
