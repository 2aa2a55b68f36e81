"""Merging a report's citations into documents, without merging two documents that share a symbol.

A non-normative number recurs every year (`07/NQ-CP`) and a Party number every committee term
(`05-NQ/TU`): citations of one symbol whose dates (years) or terms disagree are different documents.
A citation that states neither joins the document of that symbol cited nearest before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders.citations import Citation
from policykg.loaders.records import DocumentRecord, Mention
from policykg.ontology.reference import load_reference
from policykg.text import fold, match_key, symbol_key


@dataclass(frozen=True, slots=True)
class CitedAt:
    citation: Citation
    mention: Mention


class DocumentMerger:
    """Citations merged into documents one at a time, as a report is read (a citation's document depends only on
    the citations before it), so that no citation is kept once merged. Each costs the same however many came
    before it (a report may cite thousands of documents)."""

    def __init__(self) -> None:
        self.documents: dict[str, DocumentRecord] = {}
        self._of_symbol: dict[str, list[DocumentRecord]] = {}  # symbol key -> its documents, in order of first citation
        self._raws: dict[str, set[str]] = {}  # document key -> the forms it was cited in (its `raw` list, as a set)
        self._last_of_symbol: dict[str, str] = {}
        self._one_letter_off: dict[str, str] = {}  # a long name less one letter -> the key of the document so named

    def add(self, c: Citation, mention: Mention) -> str:
        """Merge one citation; returns the key of the document it went to."""
        documents = self.documents
        base = symbol_key(c.symbol) if c.symbol else self._name_key(c.name or c.raw)
        key = _document_key(c, base, documents, self._of_symbol.get(base, []), self._last_of_symbol)
        doc = documents.get(key)
        if doc is None:
            doc = DocumentRecord(
                key=key, symbol=c.symbol, type=c.type, number=c.number, year=c.year, issuer=c.issuer,
                date=c.date, subject=c.subject, term=c.term, name=c.name, party=c.party, issuer_code=c.issuer_code,
            )  # fmt: skip
            documents[key] = doc
            self._of_symbol.setdefault(base, []).append(doc)
            self._raws[key] = set()
        else:
            _fill(doc, c)
        if c.raw not in self._raws[key]:
            self._raws[key].add(c.raw)
            doc.raw.append(c.raw)
        doc.mentions.append(mention)
        self._last_of_symbol[base] = key
        return key

    def _name_key(self, name: str) -> str:
        """A document cited by name: one document whatever its diacritics (`Luật Thủ đồ`, `Luật Đấu thâu` — a scan's
        misreadings, a typist's slips) or a letter lost from a long name (`Luật Quản ý, sử dụng tài sản công`)."""
        folded = _ORDINAL.sub("", fold(name))  # `Đại hội lần thứ XIV` is `Đại hội XIV`
        key = "name:" + folded
        if key in self.documents or len(folded) < _LONG_NAME or _NUMBERED.search(folded):
            return key
        variants = [folded[:i] + folded[i + 1 :] for i in range(len(folded))]
        known = self._one_letter_off.get(folded) or next(
            (self._one_letter_off[v] for v in variants if v in self._one_letter_off), None
        )
        if known:
            return known
        for v in variants:
            self._one_letter_off.setdefault(v, key)
        return key

    def finish(self) -> list[DocumentRecord]:
        """The documents in order of first citation, with the Party terms their dates tell."""
        for doc in self.documents.values():
            if doc.party and doc.term is None:
                doc.term = party_term(doc.issuer_code, doc.date, doc.year)
        return list(self.documents.values())


# Short names, and names told apart by a number (`… lần thứ XIV`, `… lần thứ XV`), differ by a letter and are
# two documents.
_LONG_NAME = 15
_NUMBERED = re.compile(r"\d|\b[ivxl]+\b")
_ORDINAL = re.compile(r"\blan thu (?=[ivxl]+\b)")


def merge_citations(cited: list[CitedAt]) -> tuple[list[DocumentRecord], list[str]]:
    """Documents in order of first citation, and the key of the document each citation went to."""
    merger = DocumentMerger()
    keys = [merger.add(item.citation, item.mention) for item in cited]
    return merger.finish(), keys


def party_term(issuer_code: str | None, date: str | None, year: int | None) -> str | None:
    """The committee term a Party document of this body was issued in, from its date — or from its year when
    the whole year lies in one term."""
    terms = [t for t in load_reference().party_terms if t.issuer_code == issuer_code]
    if date:
        return next((t.number for t in terms if t.start <= date <= t.end), None)
    if year:
        whole = [t for t in terms if t.start <= f"{year}-01-01" and f"{year}-12-31" <= t.end]
        return whole[0].number if whole else None
    return None


def _document_key(
    c: Citation, base: str, documents: dict[str, DocumentRecord], same: list[DocumentRecord], last: dict[str, str]
) -> str:
    """`same`: the documents of this symbol so far (keys `base` and `base@…`), in order of first citation."""
    if c.symbol is None:
        return base
    normative = c.symbol.count("/") >= 2 or (c.year is not None and str(c.year) in c.symbol)
    if normative:
        return base
    for doc in same:
        if _compatible(doc, c):
            return doc.key
    if not same:
        return base
    if c.date is None and c.term is None and base in last and _same_subject(documents[last[base]].subject, c.subject):
        return last[base]
    return f"{base}@{c.date or c.term or len(same)}"


def _compatible(doc: DocumentRecord, c: Citation) -> bool:
    if doc.year and c.year and doc.year != c.year:
        return False
    if doc.term and c.term and doc.term != c.term:
        return False
    return _same_subject(doc.subject, c.subject)


def _same_subject(a: str | None, b: str | None) -> bool:
    """Two subjects of one document share words; `đổi mới giáo dục` and `bảo vệ Tổ quốc trên không gian mạng`
    do not (29-NQ/TW of 2013 and of 2018)."""
    if not a or not b:
        return True
    wa, wb = set(match_key(a).split()) - _FUNCTION_WORDS, set(match_key(b).split()) - _FUNCTION_WORDS
    if not wa or not wb:
        return True
    return len(wa & wb) / min(len(wa), len(wb)) >= 0.25


_FUNCTION_WORDS = frozenset(match_key("về việc của và các cho trong đối với trên để theo tại năm giai đoạn").split())


def _fill(doc: DocumentRecord, c: Citation) -> None:
    """What one citation leaves out, another may state."""
    doc.date = doc.date or c.date
    doc.year = doc.year or c.year
    doc.issuer = doc.issuer or c.issuer
    doc.subject = doc.subject or c.subject
    doc.term = doc.term or c.term
    doc.type = doc.type or c.type
