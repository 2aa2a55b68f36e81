"""Vietnamese document symbols ("số, ký hiệu"): recognising, repairing and formatting them.

Shapes (reference facts §a1):
- state normative, year inside:  `07/2021/NQ-HĐND`, `30/2022/UBTVQH15`, `45/2019/QH14`
- state individual, no year:     `2009/QĐ-TTg`, `62/BC-MTTQ-BTT`
- official letter, no type code: `116/UBND-TH`
- Party, hyphen before the type: `29-NQ/TW`, `429-BC/TĐTN-VP`
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policykg.ontology.reference import load_reference

# One code of a symbol: upper-case letters with the few lower-case letters the conventions use
# (`TTg`, `QĐi`, `CTr`, `TTr`, `QyĐ`) and a term number (`QH14`, `UBTVQH15`).
# `&` joins two units' letters (`PC&CSTC`, `KH&ĐT`). A footnote's marker may follow it (`29-NQ/TW¹`): superscript
# digits are word characters to the regex, but end a code.
_CODE = r"(?:[A-ZĐ]{1,3}[a-z]?[A-ZĐ]*(?:&[A-ZĐ]+)*\d{0,2})(?!(?![¹²³⁴⁵⁶⁷⁸⁹⁰])[\wĐđ&])"
_CODES = rf"{_CODE}(?:[-–]\s?{_CODE})*"
# A number not inside another (`1.234`, `12/2020`): the lookbehind stands after the first digit, where it makes
# the same test, so that the regex engine skips from digit to digit (2x faster than a pattern starting with it).
_NUMBER = r"\d(?<![\w.,/–-]\d)\d{0,4}[a-z]?"
PARTY_SYMBOL = re.compile(rf"(?P<num>{_NUMBER})\s?[-–]\s?(?P<type>{_CODE})\s?/\s?(?P<codes>{_CODES})")
STATE_SYMBOL = re.compile(
    rf"(?P<num>{_NUMBER})(?:\s?[/-]\s?(?P<year>(?:19|20)\d\d)(?=\s?/))?\s?/\s?(?P<codes>{_CODES})"
)
_TERM_ISSUER = re.compile(r"(UBTVQH|QH)(\d{1,2})")
# Evident slips of the pen: a D where the code has Đ.
_STROKE = str.maketrans("D", "Đ")


@dataclass(frozen=True)
class Symbol:
    """A parsed symbol. `text` is the repaired symbol; `raw` what the report printed."""

    text: str
    raw: str
    number: str
    year: int | None
    type_code: str | None
    issuer_code: str | None
    party: bool
    repaired: bool


@lru_cache(maxsize=1)
def type_codes() -> frozenset[str]:
    return frozenset(load_reference().document_types)


@lru_cache(maxsize=1)
def issuer_codes() -> frozenset[str]:
    return frozenset(c for issuer in load_reference().issuers for c in issuer.codes)


def is_issuer_code(code: str) -> bool:
    return code in issuer_codes() or bool(_TERM_ISSUER.fullmatch(code))


def _repair_code(code: str, known: frozenset[str]) -> str:
    if code in known or is_issuer_code(code):
        return code
    stroked = code.translate(_STROKE)
    return stroked if stroked in known or is_issuer_code(stroked) else code


def parse_party(m: re.Match[str]) -> Symbol | None:
    type_code = _repair_code(m.group("type"), type_codes())
    codes = [_repair_code(c.strip(), frozenset()) for c in re.split(r"[-–]", m.group("codes"))]
    if type_code not in type_codes() or (not is_issuer_code(codes[0]) and not codes[0].isupper()):
        return None
    text = f"{m.group('num')}-{type_code}/{'-'.join(codes)}"
    raw = m.group(0)
    return Symbol(text, raw, m.group("num"), None, type_code, codes[0], True, _squash(raw) != text)


def parse_state(m: re.Match[str], type_hint: str | None = None) -> Symbol | None:
    """A state symbol; `type_hint` is the type code implied by a type word before it (for repairs)."""
    codes = [c.strip() for c in re.split(r"[-–]", m.group("codes"))]
    year = int(m.group("year")) if m.group("year") else None
    first = _repair_code(codes[0], type_codes())
    type_code: str | None
    if first in type_codes() and len(codes) > 1:
        type_code, issuer = first, _repair_code(codes[1], frozenset())
        rest = codes[2:]
    elif is_issuer_code(first):
        # No type code: an official letter (`116/UBND-TH`), an NA act (`30/2022/UBTVQH15`), or a type code
        # dropped by mistake (`08/2021/HĐND` after `Nghị quyết`), repaired from the type word.
        type_code, issuer, rest = None, first, codes[1:]
        if year and type_hint and not _TERM_ISSUER.fullmatch(first):
            type_code = type_hint
    elif type_hint and len(first) >= 2 and first.isupper():
        # A body the reference data does not know, after a type word (`Công văn số 656/HĐTV`): an official letter.
        type_code, issuer, rest = None, first, codes[1:]
    else:
        return None
    parts = [c for c in (type_code, issuer, *rest) if c]
    head = f"{m.group('num')}/{year}/" if year else f"{m.group('num')}/"
    if m.group("year") and "-" in m.group(0).split("/")[0]:
        head = f"{m.group('num')}-{year}/"  # `19-2017/NQ-CP`: the Government's own form for annual resolutions
    text = head + "-".join(parts)
    raw = m.group(0)
    return Symbol(text, raw, m.group("num"), year, type_code, issuer, False, _squash(raw) != text)


def _squash(raw: str) -> str:
    return re.sub(r"\s+", "", raw).replace("–", "-")
