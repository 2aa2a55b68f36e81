"""The indicator scheme (`reference/indicators.ttl`) as plain records: which concept a measure's wording names.

Read once per process from the reference data, the single source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Literal, URIRef

from policykg.ontology.files import reference_graph
from policykg.ontology.terms import PKG, RDF, SKOS
from policykg.text import fold


@dataclass(frozen=True)
class Concept:
    iri: str
    notation: str  # the slug (`grdp-growth`)
    label_vi: str
    label_en: str
    kinds: frozenset[str]  # the kinds of observation it takes
    cues: tuple[str, ...]  # folded phrases that point at it
    units: frozenset[str] = frozenset()  # the units its values come in, where the scheme says (pkg:unitHint)
    not_cues: tuple[str, ...] = ()  # folded phrases that mean another measure though a cue is there (pkg:notCue)


@dataclass(frozen=True)
class IndicatorScheme:
    concepts: tuple[Concept, ...]
    by_notation: dict[str, Concept]
    units: dict[str, str]  # the notation of a unit of the scheme (`%`, `tỷ đồng`) → its IRI
    _cues: dict[str, tuple[tuple[str, Concept], ...]]  # first word of a folded cue → (cue, concept), longest first

    # A report repeats its wordings (one measure for result, plan and target): each is looked up once.
    _memo: dict[tuple[str, str, str], str | None] = field(default_factory=dict, compare=False, repr=False)

    def concept_of(self, wording: str, kind: str, unit: str = "") -> str | None:
        key = (wording, kind, unit)
        if key not in self._memo:
            if len(self._memo) > 100_000:
                self._memo.clear()
            self._memo[key] = self._find(wording, kind, unit)
        return self._memo[key]

    def in_units(self, notation: str, unit: str) -> bool:
        """Whether a value in `unit` can be of the concept: the scheme names no units for it, or this one."""
        units = self.by_notation[notation].units
        return not units or not unit or unit in units or base_unit(unit) in units

    def _find(self, wording: str, kind: str, unit: str) -> str | None:
        """The notation of the concept the wording names, for an observation of this kind (`""`: any); None where none
        fits (a cue of a concept that does not take this kind, or not in its units, does not count). The cue nearest
        the value wins (`…, giảm hộ nghèo, tỷ lệ hộ nghèo là người dân tộc thiểu số`: the last words name the
        measure); at one place, the longest. One pass over the words, each looked up by its first word."""
        folded = fold(wording)
        padded = f" {folded} "  # for the counter-cues, found as whole words
        # A ratio is of any measure to its plan or past; no kind asks which concept the words name at all.
        any_kind = kind in ("ratio_to_plan", "ratio_to_previous", "")
        best: tuple[int, int, str] | None = None
        start = 0
        for word in folded.split(" "):
            for cue, concept in self._cues.get(word, ()):
                end = start + len(cue)
                if not folded.startswith(cue, start) or (end < len(folded) and folded[end] != " "):
                    continue
                if not self.in_units(concept.notation, unit) or any(f" {n} " in padded for n in concept.not_cues):
                    continue
                if (any_kind or kind in concept.kinds) and (best is None or (end, len(cue)) > best[:2]):
                    best = (end, len(cue), concept.notation)
            start += len(word) + 1
        return best[2] if best else None


SCALES = frozenset({"nghìn", "triệu"})  # the scale words a unit may begin with (`nghìn con`, `triệu m³`)


def base_unit(unit: str) -> str:
    """A unit less its scale word: `nghìn con` is counted in `con`."""
    scale, _, scaled = unit.partition(" ")
    return scaled if scale in SCALES and scaled else unit


@lru_cache(maxsize=1)
def indicator_scheme() -> IndicatorScheme:
    g = reference_graph()
    concepts: list[Concept] = []
    for s in sorted(u for u in g.subjects(RDF.type, PKG.Indicator) if isinstance(u, URIRef)):
        labels = {o.language: str(o) for o in g.objects(s, SKOS.prefLabel) if isinstance(o, Literal)}
        concepts.append(
            Concept(
                iri=str(s),
                notation=str(g.value(s, SKOS.notation)),
                label_vi=labels.get("vi", ""),
                label_en=labels.get("en", ""),
                kinds=frozenset(str(o) for o in g.objects(s, PKG.takesKind)),
                cues=tuple(sorted(fold(str(o)) for o in g.objects(s, PKG.wordingCue))),
                units=frozenset(str(o) for o in g.objects(s, PKG.unitHint)),
                not_cues=tuple(fold(str(o)) for o in g.objects(s, PKG.notCue)),
            )
        )
    cues: dict[str, list[tuple[str, Concept]]] = {}
    for concept in concepts:
        for cue in concept.cues:
            cues.setdefault(cue.split(" ")[0], []).append((cue, concept))
    by_first = {w: tuple(sorted(c, key=lambda t: (-len(t[0]), t[1].notation))) for w, c in cues.items()}
    units = {
        str(g.value(u, SKOS.notation)): str(u)
        for u in g.subjects(SKOS.inScheme, PKG.units)
        if isinstance(u, URIRef) and g.value(u, SKOS.notation) is not None
    }
    return IndicatorScheme(tuple(concepts), {c.notation: c for c in concepts}, units, by_first)
