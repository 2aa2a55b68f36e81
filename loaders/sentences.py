"""Sentence splitting that survives Vietnamese report prose: `TP. Lai Châu`, `ngày 4/11/2013.`, decimal
commas (`14,1%`), thousands dots (`4.472,5`), symbols (`2009/QĐ-TTg`) and heading numbers (`1.1.`)."""

from __future__ import annotations

import re

# Tokens after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    {
        "tp",
        "tx",
        "tt",
        "ths",
        "ts",
        "pgs",
        "gs",
        "bs",
        "ks",
        "th",
        "q",
        "p",
        "đ",
        "v.v",
        "vv",
        "ông",
        "bà",
        "st",
        "no",
    }
)
_BOUNDARY = re.compile(
    r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“(\[]?[A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ0-9\-–+])"
)
# The lookbehind starts a try only where a token starts: without it a long run without spaces (a fuzzed or
# broken file) makes the search quadratic.
_LAST_TOKEN = re.compile(r"(?<!\S)(\S+)[.]$")
_TAIL = 80  # longer than any token the rules read (abbreviations, heading numbers)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of one paragraph."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start()
        # Only the chunk's last token matters: reading the whole chunk at every rejected boundary (`TP. A TP. A …`)
        # made a long paragraph quadratic.
        if not _ends_sentence(text[max(start, end - _TAIL) : end], first=not spans and end - start <= _TAIL):
            continue
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _ends_sentence(chunk: str, *, first: bool) -> bool:
    stripped = chunk.rstrip('"”’)] ')
    m = _LAST_TOKEN.search(stripped)
    if not m:
        return True
    token = m.group(1)
    if token.lower().rstrip(".") in ABBREVIATIONS:
        return False
    # `1.`, `1.1.`, `II.` opening a paragraph are heading numbers, not sentences.
    if first and stripped == token + "." and re.fullmatch(r"[\dIVXL]+(\.\d+)*|[a-zđ]", token):
        return False
    return not (len(token) == 1 and token.isupper())
