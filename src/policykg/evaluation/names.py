"""When a name in the annotations and a name the extractor gave are one entity's."""

from __future__ import annotations

from policykg.loaders.records import ProgrammeRecord
from policykg.ontology.reference import load_reference
from policykg.text import fold


def programme_names(g: ProgrammeRecord) -> list[str]:
    """An extracted programme's name and, for one resolved to the reference data, that programme's labels."""
    ref = next((p for p in load_reference().programmes if p.iri == g.reference), None)
    return [g.name, *(ref.variants if ref else ()), *([ref.label] if ref else [])]


def similar_names(a: str, b: str) -> bool:
    """Two names of one programme or document: equal when folded, one inside the other, or sharing most words."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb or (len(fa) > 6 and fa in fb) or (len(fb) > 6 and fb in fa):
        return True
    ta, tb = set(fa.split()), set(fb.split())
    # Names cut at different points (`Đề án X` / `Đề án X giai đoạn 2020-2025`) still name one thing.
    shorter = min(len(ta), len(tb))
    return len(ta & tb) / len(ta | tb) >= 0.5 or (shorter >= 4 and len(ta & tb) / shorter >= 0.8)
