"""Properties of the symbol parser, the normaliser and the place matcher on generated input (Hypothesis).

What must hold for any text: nothing raises, spans lie within the text, normal forms are fixed points. What must
hold for any valid symbol in any of its four shapes, embedded in a sentence, written with the slips reports make
(spaces, an en dash, `D` for `Đ`): it is found, its repaired text parses again to itself, and `symbol_key` is
the same for what was printed and what was repaired.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from policykg.loaders import sentences
from policykg.loaders.citations import find_symbol_citations
from policykg.loaders.indicators import _TAIL_WORDS, Outlook, _without_tail, read_indicators
from policykg.loaders.places import (
    COMMUNE,
    DISTRICT,
    NOT_A_PLACE_BEFORE,
    OTHER,
    PROVINCE,
    Scope,
    find_places,
    gazetteer,
    home_province,
    province_named,
)
from policykg.loaders.sentences import split_sentences
from policykg.loaders.symbols import issuer_codes, type_codes
from policykg.text import fold, match_key, nfc, slug, symbol_key, tone_key
from tests.support.work import assert_linear

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LOWER_VI = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
VI_LETTERS = LOWER_VI + LOWER_VI.upper()
# Text that often forms symbols, dates, kind words and names: the characters they are made of, plus anything.
SYMBOLISH = st.lists(
    st.one_of(
        st.sampled_from(list("0123456789/-– .,;:()ĐđDQNTHUBCPKgyri\n\t")),
        st.sampled_from(["xã ", "huyện ", "tỉnh ", "Lai Châu", "Nậm ", "TP. ", "số ", "ngày ", "NQ", "TW", "QĐ"]),
        st.characters(),
    ),
    max_size=60,
).map("".join)
ANY_TEXT = st.one_of(st.text(), SYMBOLISH, st.text(VI_LETTERS + " \u0300\u0301\u0303\u0309\u0323.,"))


# --- the normaliser -------------------------------------------------------------------------------------------


@FAST
@given(ANY_TEXT)
def test_normal_forms_are_fixed_points(text: str) -> None:
    assert nfc(nfc(text)) == nfc(text) == unicodedata.normalize("NFC", text)
    assert fold(fold(text)) == fold(text)
    assert re.fullmatch(r"(?:[a-z0-9]+(?: [a-z0-9]+)*)?", fold(text))
    assert slug(slug(text)) == slug(text)
    assert re.fullmatch(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*)?", slug(text))
    # Keys do not depend on the normal form the text came in.
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)
    assert match_key(unicodedata.normalize("NFD", text)) == match_key(text)


@FAST
@given(st.text(VI_LETTERS + " \u0300\u0301\u0303\u0309\u0323", max_size=60))
def test_vietnamese_keys_are_idempotent_and_ignore_case(text: str) -> None:
    key = match_key(text)
    assert match_key(key) == key
    assert match_key(text.upper()) == match_key(text.lower()) == key
    assert fold(text.upper()) == fold(text)
    for word in text.split():
        once = tone_key(word)
        assert tone_key(once) == once
        assert not any(ch in "\u0300\u0301\u0303\u0309\u0323" for ch in unicodedata.normalize("NFD", once))


SYLLABLES = ["thuỷ", "thủy", "hoà", "hòa", "Huội", "Quảng", "Nậm", "Chà", "Cha", "Mường", "Tè", "khoẻ", "khỏe"]


@FAST
@given(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=6))
def test_match_key_unifies_tone_placement_but_keeps_tones(words: list[str]) -> None:
    text = " ".join(words)
    old_style = text.replace("thuỷ", "thủy").replace("hoà", "hòa").replace("khoẻ", "khỏe")
    assert match_key(text) == match_key(old_style)
    assert (match_key("Nậm Cha") == match_key("Nậm Chà")) is False


# --- the symbol parser ----------------------------------------------------------------------------------------

TYPES = sorted(type_codes())
ISSUERS = sorted(issuer_codes())
LETTER_ISSUERS = sorted(issuer_codes() - type_codes())  # `116/UBND-TH`: the first code is the issuer's
UNITS = ["TH", "VP", "KT", "NC", "TCKH", "KGVX", "QLĐT", "CT"]


@st.composite
def symbols(draw: st.DrawFn) -> str:
    """A valid symbol, canonically written, in one of the four shapes."""
    number = draw(st.from_regex(r"[1-9][0-9]{0,3}[a-z]?", fullmatch=True))
    shape = draw(st.sampled_from(["normative", "individual", "party", "letter"]))
    if shape == "normative":
        year = draw(st.integers(1990, 2039))
        return f"{number}/{year}/{draw(st.sampled_from(TYPES))}-{draw(st.sampled_from(ISSUERS))}"
    if shape == "individual":
        return f"{number}/{draw(st.sampled_from(TYPES))}-{draw(st.sampled_from(ISSUERS))}"
    if shape == "party":
        return f"{number}-{draw(st.sampled_from(TYPES))}/{draw(st.sampled_from(ISSUERS))}"
    return f"{number}/{draw(st.sampled_from(LETTER_ISSUERS))}-{draw(st.sampled_from(UNITS))}"


def _slip(code: str, known: frozenset[str]) -> str:
    """`D` for `Đ` in a known code, where the slip cannot be read as another code."""
    slipped = code.replace("Đ", "D")
    if code not in known or slipped == code or slipped in known or slipped.replace("D", "Đ") != code:
        return code
    return slipped


@st.composite
def printed(draw: st.DrawFn, symbol: str) -> str:
    """The symbol as a report might print it: spaces around the separators, an en dash, `D` for `Đ`."""
    parts = re.split(r"([/-])", symbol)
    out = []
    for i, part in enumerate(parts):
        if part == "/":
            out.append(draw(st.sampled_from(["/", " /", "/ ", " / "])))
        elif part == "-":
            # Between codes only `-` or `–` then an optional space; before a Party type an optional space too.
            party_dash = i == 1
            out.append(draw(st.sampled_from([" - ", "-", "– "] if party_dash else ["-", "–", "- ", "– "])))
        elif i >= 2 and draw(st.booleans()):
            out.append(_slip(part, issuer_codes() | type_codes()))
        else:
            out.append(part)
    return "".join(out)


LEADS = ["", "Thực hiện ", "Căn cứ Nghị quyết số ", "theo Quyết định ", "(", "các văn bản: số ", "Công văn "]
TAILS = ["", ".", ", ", ";", ")", " ngày 04/11/2013", " của Thủ tướng Chính phủ", " về việc phê duyệt đề án"]
WORDS = st.text(LOWER_VI + " ", max_size=30).map(lambda s: s.strip())


def _framed(before: str, lead: str) -> str:
    return f"{before} {lead}" if before else lead


@FAST
@given(data=st.data(), symbol=symbols())
def test_a_symbol_in_a_sentence_is_found_and_parses_again_to_itself(data: st.DataObject, symbol: str) -> None:
    raw = data.draw(printed(symbol), label="printed")
    before = _framed(data.draw(WORDS, label="before"), data.draw(st.sampled_from(LEADS), label="lead"))
    after = data.draw(st.sampled_from(TAILS), label="tail") + data.draw(WORDS.map(lambda w: f" {w}" if w else ""))
    sentence = before + raw + after
    found = [c for c in find_symbol_citations(sentence) if c.symbol == symbol]
    assert len(found) == 1, (sentence, [c.symbol for c in find_symbol_citations(sentence)])
    (c,) = found
    assert 0 <= c.start <= c.end <= len(sentence) and sentence[c.start : c.end] == c.raw
    assert c.raw.endswith(raw.rstrip())
    assert symbol_key(raw) == symbol_key(symbol) == symbol_key(c.symbol or "")
    # Round trip: the repaired text is a symbol, the same one, and nothing is repaired any more.
    (again,) = find_symbol_citations(c.symbol or "")
    assert (again.symbol, again.number, again.party, again.issuer_code) == (c.symbol, c.number, c.party, c.issuer_code)
    if c.date is None:  # the year comes from the symbol (a date after it may give one too)
        assert again.year == c.year
    assert again.raw == c.symbol


@FAST
@given(ANY_TEXT)
def test_citations_never_raise_and_their_spans_lie_in_the_text(text: str) -> None:
    for c in find_symbol_citations(text):
        assert 0 <= c.start <= c.end <= len(text)
        assert text[c.start : c.end] == c.raw
        assert c.symbol
        key = symbol_key(c.symbol)
        assert symbol_key(key) == key
        if c.date is not None:
            assert re.fullmatch(r"\d{4,5}-\d\d-\d\d", c.date)
        # A repaired symbol reads again as itself.
        assert c.symbol in [a.symbol for a in find_symbol_citations(c.symbol)]


@FAST
@given(ANY_TEXT)
def test_sentences_are_ordered_and_within_the_paragraph(text: str) -> None:
    end = 0
    for s, e in split_sentences(text):
        assert end <= s < e <= len(text)
        end = e


# --- the place matcher ----------------------------------------------------------------------------------------


@FAST
@given(ANY_TEXT)
@example("HUYỆnAatỉnhA")  # found by Hypothesis: a kind word glued inside the name read after another
def test_places_never_raise_and_do_not_overlap(text: str) -> None:
    end = 0
    for p in find_places(text):
        assert end <= p.start < p.end <= len(text)
        assert p.kind in (PROVINCE, DISTRICT, COMMUNE, OTHER)
        assert p.name
        end = p.end


UNITS_OF_LAI_CHAU = sorted(
    {u.name: u for u in gazetteer().by_iri.values()
     if u.kind in (DISTRICT, COMMUNE) and u.current and gazetteer().province_of.get(u.iri) == home_province()}.values(),
    key=lambda u: u.iri,
)  # fmt: skip


@FAST
@given(data=st.data(), unit=st.sampled_from(UNITS_OF_LAI_CHAU))
def test_a_known_place_after_its_kind_word_is_found_where_it_is(data: st.DataObject, unit: object) -> None:
    from policykg.ontology.reference import Unit

    assert isinstance(unit, Unit)
    kind_word = "huyện" if unit.kind == DISTRICT else "xã"
    if unit.kind == DISTRICT and "thành phố" in unit.unit_types:
        kind_word = "thành phố"
    if unit.kind == COMMUNE and "xã" not in unit.unit_types:
        kind_word = next(t for t in unit.unit_types)
    # Names as reports print them: every word capitalised (the gazetteer also keeps lower-case misprints).
    names = [n for n in (unit.name, *unit.variants) if all(w[0].isupper() for w in n.split())]
    name = data.draw(st.sampled_from(names), label="name")
    # Words that make the name something else (`hồ`, `bản`, `thủy điện` …) or the kind word another (`thị` + `xã`:
    # a town) are left out.
    before = data.draw(WORDS.filter(lambda w: not w.endswith((*NOT_A_PLACE_BEFORE, "thị"))), label="before")
    tail = data.draw(st.sampled_from(["", ".", ", ", " đã hoàn thành", "; "]), label="tail")
    text = f"{before} {kind_word} {name}{tail}".lstrip()
    start = text.index(f"{kind_word} {name}") + len(kind_word) + 1
    hits = [p for p in find_places(text) if p.start == start]
    assert hits, (text, find_places(text))
    (p,) = hits
    assert p.unit is not None and p.kind == unit.kind
    assert match_key(text[p.start : p.end]) in {match_key(n) for n in (unit.name, *unit.variants)}


# --- regressions found by the file fuzzer (tests/test_fuzz_files.py) ------------------------------------------


# Linear means: four times the units, about four times the work (calls and characters read, counted by
# tests/support/work.py, not timed); before the fixes these gave 15–16 times. Timings: bench/linear_time.py.
def _linear(f: object, unit: str, n: int = 1_000) -> None:
    assert callable(f)
    assert_linear(lambda k: f("Công tác phát triển " + unit * k + " đạt 30% kế hoạch."), n, what=repr(unit))


def test_a_sentence_of_many_values_is_read_in_linear_time() -> None:
    # The status of each value looked for its clause's start from the sentence's start (quadratic).
    outlook = Outlook("actual", "2023", 2023)
    _linear(lambda text: read_indicators(text, outlook), "xã A đạt 5 ha; ", n=300)


def test_a_long_paragraph_of_abbreviations_is_split_in_linear_time() -> None:
    # `TP. A TP. A …`: every boundary is rejected; the growing chunk was read again each time (quadratic).
    _linear(split_sentences, "TP. A ")


def test_a_long_run_without_spaces_is_split_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    # `(\S+)[.]$` was tried at every character of a run without spaces ending in `!` and failed at each: 200,000
    # digits took minutes. Only the tail of a chunk is read now, the same length however long the run; that the
    # regular expression inside is linear no count can show (its timing: bench/linear_time.py).
    given: list[int] = []
    ends_sentence = sentences._ends_sentence

    def spy(chunk: str, *, first: bool) -> bool:
        given.append(len(chunk))
        assert len(chunk) <= 100, f"the end of a sentence was looked for in {len(chunk):,} characters"
        return ends_sentence(chunk, first=first)

    monkeypatch.setattr(sentences, "_ends_sentence", spy)
    text = "Công tác " + "1" * 200_000 + "! Tiếp theo."
    assert split_sentences(text) == [(0, 200_010), (200_011, 200_021)]
    assert given, "the boundary after `!` was never checked"


def test_a_long_list_of_places_is_matched_in_linear_time() -> None:
    # Each name tested the whole rest of the paragraph for capitals, and each run every place for overlaps.
    _linear(find_places, "huyện A, ")
    _linear(find_places, "TP. A ")
    _linear(find_places, "xã Pa Tần, Pa Tần - ", n=500)


# The tail of a wording as the regex it replaces reads it (anchored at the end: tried at every position, 7x slower).
_TAIL_REGEX = re.compile(
    r"(?:[\s,:(]|\b(?:ước đạt|ước thực hiện|ước tính|dự ước|ước|đạt|đạt được|tăng|giảm|âm|là|khoảng|bằng|vượt|"
    r"trên|dưới|gần|hơn|thêm|được|có|còn|lên|xuống|phấn đấu|bình quân|so với|với|của|cho|đến nay|lần lượt|"
    r"chiếm|với tổng số|tổng số|tổng|trong đó|hết năm|cả năm|cao hơn|thấp hơn|nhiều hơn|ít hơn|từ|"
    r"(?:năm\s+)?\d{4})\b)+$",
    re.IGNORECASE,
)
WORDING = st.lists(
    st.one_of(
        st.sampled_from([*sorted(_TAIL_WORDS), "năm", "2013", "20134", "Ước", "sản lượng", "x2013", "nước"]),
        st.sampled_from([" ", "  ", ", ", ": ", " (", ".", "-", "\n", "\u00a0"]),
        st.text(VI_LETTERS + "0123456789 ,.", max_size=4),
    ),
    max_size=40,
).map("".join)


@FAST
@given(WORDING)
def test_the_tail_of_a_wording_is_what_the_regex_takes(text: str) -> None:
    assert _without_tail(text) == _TAIL_REGEX.sub("", text)


def test_the_tail_of_a_wording() -> None:
    assert _without_tail("sản lượng lương thực ước đạt khoảng") == "sản lượng lương thực"
    assert _without_tail("thu ngân sách dự ước đạt") == "thu ngân sách"  # `dự ước` + `đạt`, not `ước đạt`
    assert _without_tail("GRDP năm 2013 tăng") == "GRDP"
    assert _without_tail("nước.") == "nước."  # a full stop holds it
    assert _without_tail("x" * 200 + " đạt") == "x" * 200  # a long text: only its end is read


def test_lists_placed_by_their_district_are_read_in_linear_work() -> None:
    # 124/2017/NQ-HĐND of Đồng Tháp's list of towns, repeated: each name already read is looked up, not searched for
    scope = Scope(province_named("Đồng Tháp").iri)  # type: ignore[union-attr]
    unit = "Tân Thành, Phong Hòa, Tân Dương - huyện Lai Vung; "
    assert_linear(lambda k: find_places(unit * k, scope), 300, what=repr(unit))  # 9.3x before, 5.2x now
