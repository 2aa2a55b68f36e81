"""Section paths from the report's headings: `Phần thứ nhất`, `Chuyên đề 1`, `I.`/`II-`, `1.`, `1.1.`, `a)`,
and short dash headings (`- Về giáo dục:`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders.layout import BODY, Paragraph

# Levels, outermost first. Decimal headings take one level per component (1. → 2, 1.1. → 3, 1.1.1. → 4).
_PART = re.compile(r"(Phần thứ \w+|PHẦN THỨ \w+|Chuyên đề \w+|CHUYÊN ĐỀ \w+)\b")
_ROMAN = re.compile(r"([IVXL]{1,5})\s*[.\-–]\s+\S")
_DECIMAL = re.compile(r"(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+\S")
_DECIMAL_SINGLE = re.compile(r"(\d{1,2})[.)]\s+\S")
_LETTER = re.compile(r"([a-zđ])[).]\s+\S")
_DASH = re.compile(r"[-–+]\s*(.{3,80}?):?\s*$")

PART, ROMAN, LETTER, DASH = 0, 1, 6, 7


@dataclass(frozen=True)
class Heading:
    level: int
    label: str


def heading_of(para: Paragraph) -> Heading | None:
    """The heading a paragraph opens with, if it is one."""
    if para.kind != BODY:
        return None
    text = para.text
    if m := _PART.match(text):
        return Heading(PART, m.group(1).capitalize() if m.group(1).isupper() else m.group(1))
    if m := _ROMAN.match(text):
        return Heading(ROMAN, m.group(1))
    if "." in text[:6] and (m := _DECIMAL.match(text)) and "." in m.group(0):
        label = m.group(1)
        return Heading(2 + label.count("."), label)
    if m := _DECIMAL_SINGLE.match(text):
        return Heading(2, m.group(1))
    if m := _LETTER.match(text):
        return Heading(LETTER, m.group(1))
    if (m := _DASH.match(text)) and len(text) <= 90 and not text.rstrip().endswith((".", ";")):
        return Heading(DASH, m.group(1).strip())
    return None


def section_paths(paragraphs: list[Paragraph]) -> list[list[str]]:
    """The section path in force at each paragraph (a heading's own path includes itself)."""
    stack: list[Heading] = []
    paths: list[list[str]] = []
    for para in paragraphs:
        heading = heading_of(para)
        if heading is not None:
            stack = [h for h in stack if h.level < heading.level]
            stack.append(heading)
        paths.append([h.label for h in stack])
    return paths
