"""The catalogue: a document's context by a symbol typed any way, any entity by its slug or name, and search —
all diacritic-insensitive, all answered from the `queries/*.rq` files, as the typed answers of `answers`.

The catalogue (every document, place, plant, programme and report with its labels) is read once per store;
resolving and searching run on it in memory.
"""

from __future__ import annotations

import contextvars
import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import NamedNode

from policykg import queries
from policykg.errors import Ambiguous, NotFound, StoreError
from policykg.graph.lookup.answers import (
    CoMentioned,
    Document,
    DocumentContext,
    Entity,
    EntityContext,
    MapPoint,
    Mention,
    Related,
    SearchHit,
    SearchResults,
    TimelineEntry,
)
from policykg.graph.lookup.fulltext import FullTextIndex, document_context, place_context
from policykg.graph.sparql.query import Table
from policykg.graph.store.backend import Backend
from policykg.kinds import Kind
from policykg.text import fold, symbol_key

KINDS = tuple(Kind)


@dataclass
class Entry:
    iri: str
    kind: str
    label: str | None = None
    label_en: str | None = None
    names: set[str] = field(default_factory=set)  # folded labels, alt labels, symbols
    symbol: str | None = None
    year: int | None = None

    @property
    def slug(self) -> str:
        return self.iri.split("/id/", 1)[-1].split("/", 1)[-1] if "/id/" in self.iri else self.iri


Row = dict[str, str | None]
PICK_DOCUMENT = "pick one by its id (?id=) or ?year="  # the HTTP API's words; the CLI says its own
_POINT = re.compile(r"\s*POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)\s*", re.IGNORECASE)
_CONTEXT_QUERIES = ("mentions", "co_mentioned", "facts", "relations", "links", "timeline")


def rows(table: Table) -> list[Row]:
    return [dict(zip(table.columns, row, strict=True)) for row in table.rows]


class Catalogue:
    def __init__(self, backend: Backend, index: FullTextIndex | None = None) -> None:
        self.backend = backend
        self.index = index  # the build's full-text index; without one (a remote endpoint) search reads the names
        self._points: list[MapPoint] | None = None
        # For `_select_together`; an executor starts its threads on first use, so a catalogue that never looks
        # up a context (or a process that forks before it does) has none.
        self._threads = ThreadPoolExecutor(len(_CONTEXT_QUERIES), thread_name_prefix="policykg-lookup")
        entries: dict[str, Entry] = {}
        for row in rows(backend.select(queries.load("catalogue"))):
            iri, kind = row["entity"] or "", row["kind"] or ""
            entry = entries.setdefault(iri, Entry(iri, kind))
            if row["label"] and (not entry.label or row["label"] < entry.label):
                entry.label = row["label"]  # reports may word a name differently: the same one every time
            if row["labelEn"]:
                entry.label_en = row["labelEn"]
            for name in (row["label"], row["labelEn"], row["alt"], row["folded"], row["symbol"]):
                if name:
                    entry.names.add(fold(name))
            if row["symbol"]:
                entry.symbol = row["symbol"]
            if row["year"]:
                entry.year = int(row["year"][:4])
        self.entries = entries
        self.by_symbol: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries.values():
            if entry.symbol:
                self.by_symbol[symbol_key(entry.symbol)].append(entry)

    # ------------------------------------------------------------------------------------------ resolving

    def document(self, text: str, year: int | None = None, ident: str | None = None) -> Entry:
        """The document a symbol names, typed any way: raw, any case, no diacritics, with its type word. Several
        documents of one symbol (a number reused each term) are Ambiguous: each candidate carries its subject,
        date, issuer, IRI and the `id` that picks it (`?id=`), or `?year=` picks by year."""
        cleaned = re.sub(r"^[^\d]*?(?=\d)", "", text.strip())  # `Quyết định 2009/QĐ-TTg` → `2009/QĐ-TTg`
        found = self.by_symbol.get(symbol_key(cleaned), []) if cleaned else []
        if not found:
            folded = fold(text)
            found = [e for e in self.entries.values() if e.kind == Kind.DOCUMENT and folded in e.names]
        if ident is not None:
            found = [e for e in found if ident in (e.slug, e.iri)]
        if year is not None:
            found = [e for e in found if e.year == year or self._document_details(e).get("year") == year]
        if not found:
            which = f" of {year}" if year else (f" with id {ident!r}" if ident else "")
            raise NotFound(f"no document {text!r}{which}", self._suggest(text))
        if len(found) > 1:
            candidates = [self._document_candidate(e) for e in found]
            raise Ambiguous(f"{text!r} names {len(found)} documents; {PICK_DOCUMENT}", candidates)
        return found[0]

    def _document_details(self, entry: Entry) -> dict[str, Any]:
        found = rows(self.backend.select(queries.load("document_candidate"), {"document": NamedNode(entry.iri)}))
        r = found[0] if found else {}
        date, year = r.get("date"), r.get("year")
        year_of = int(year[:4]) if year else (int(date[:4]) if date else None)
        return {"subject": r.get("subject"), "date": date, "year": year_of, "issuer": r.get("issuer"),
                "mentions": int(r.get("mentions") or 0)}  # fmt: skip

    def _document_candidate(self, entry: Entry) -> dict[str, str | int | None]:
        d = self._document_details(entry)
        said = document_context(d["subject"], d["date"], d["issuer"])
        label = f"{entry.label} ({said})" if said else entry.label
        return {"iri": entry.iri, "id": entry.slug, "symbol": entry.symbol, "label": label,
                **{k: d[k] for k in ("year", "subject", "date", "issuer", "mentions")}}  # fmt: skip

    def entity(self, kind: str, ident: str) -> Entry:
        """An entity of one kind by the slug of its IRI (`tam-duong`) or by its name (`Tam Đường`, `huoi quang`).
        A name several entities share is Ambiguous, never silently one of them: `Mường Tè` is a district, a town, a
        commune and a commune of 2025, each a candidate told apart by its kind, district, province and validity,
        with the `id` (its slug) that picks it."""
        of_kind = [e for e in self.entries.values() if e.kind == kind]
        by_slug = [e for e in of_kind if e.slug == ident]
        if by_slug:
            return by_slug[0]
        folded = fold(ident)
        found = [e for e in of_kind if folded in e.names or e.slug.replace("-", " ") == folded]
        if not found:
            raise NotFound(f"no {kind} {ident!r}", self._suggest(ident, kind))
        if len(found) == 1:
            return found[0]
        found.sort(key=lambda e: (len(e.slug), e.slug))  # the larger unit (`muong-te`) before `xa-muong-te`
        candidates = [self._candidate(e) for e in found]
        raise Ambiguous(f"{ident!r} names {len(found)} of them: pick one by its id", candidates)

    def _candidate(self, entry: Entry) -> dict[str, str | int | None]:
        out: dict[str, str | int | None] = {"iri": entry.iri, "id": entry.slug, "label": entry.label}
        if entry.kind != Kind.PLACE:
            return out
        found = rows(self.backend.select(queries.load("place_candidates"), {"place": NamedNode(entry.iri)}))
        r = found[0] if found else {}
        district, province, valid = place_context(r)
        within = ", ".join(p for p in (district, province) if p and p != f"{r.get('unitType')} {entry.label}")
        where = "; ".join(p for p in (within, valid) if p)
        name = " ".join(p for p in (r.get("unitType"), entry.label) if p)
        out.update({
            "label": f"{name} ({where})" if where else name, "kind": r.get("unitType"), "district": district,
            "province": province, "valid_from": r.get("validFrom"), "valid_until": r.get("validUntil"),
        })  # fmt: skip
        return out

    def _suggest(self, text: str, kind: str | None = None) -> list[str]:
        folded = fold(text)
        pool: dict[str, str] = {}
        for entry in self.entries.values():
            if kind is None and entry.kind != Kind.DOCUMENT:
                continue
            if kind is not None and entry.kind != kind:
                continue
            shown = entry.symbol or entry.label or entry.slug
            for name in entry.names:
                pool.setdefault(name, shown)
        close = difflib.get_close_matches(folded, list(pool), n=8, cutoff=0.5)
        return list(dict.fromkeys(pool[c] for c in close))[:5]

    # ------------------------------------------------------------------------------------------ search

    def search(self, q: str, kind: str | None = None, limit: int = 20) -> list[SearchHit]:
        """Ranked matches over labels, symbols and subjects: exact, then prefix, then words, then anywhere; the
        most cited first among equals (`fulltext`)."""
        if self.index is not None:
            return self.index.entities(q, kind, limit)
        folded = fold(q)
        key = symbol_key(q)
        if not folded:
            return []
        scored = []
        for entry in self.entries.values():
            if kind and entry.kind != kind:
                continue
            score = _score(folded, key, entry)
            if score:
                scored.append((score, len(entry.label or ""), entry))
        scored.sort(key=lambda s: (-s[0], s[1], s[2].iri))
        return [SearchHit(e.iri, e.kind, e.label, e.symbol, score) for score, _len, e in scored[:limit]]

    def search_all(
        self,
        q: str,
        scope: str = "entities",
        kind: str | None = None,
        *,
        report: str | None = None,
        year: int | None = None,
        place: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResults:
        """`/api/search`: entities, sentences or both. Sentences are filtered by report (IRI or id), year, the kind
        of what they name and a place they name (IRI, id or name: every unit of that name)."""
        hits = self.search(q, kind, limit) if scope in ("entities", "all") else []
        sentences = None
        if scope in ("sentences", "all"):
            if self.index is None:
                raise StoreError(
                    "this store has no full-text index of its sentences (a remote endpoint, or a build "
                    "older than the index): run `policykg build`"
                )
            if report is not None and not report.startswith(("http://", "https://")):
                report = self.entity(Kind.REPORT, report).iri
            sentences = self.index.sentences(
                q, report=report, year=year, kind=kind, place=place, limit=limit, offset=offset
            )
        return SearchResults(q, hits, scope, sentences)

    # ------------------------------------------------------------------------------------------ map

    def points(self, near: Iterable[str] | None = None) -> list[MapPoint]:
        """The places and plants that have a point; `near`: only these IRIs (an entity and what it is related
        to). Read once per catalogue: they change only with a new build."""
        if self._points is None:
            found = []
            for r in rows(self.backend.select(queries.load("map_points"))):
                point = _POINT.fullmatch(r["wkt"] or "")
                if point:
                    found.append(MapPoint(r["entity"] or "", r["kind"] or "", r["label"], r["unitType"],
                                          float(point[1]), float(point[2]), int(r["mentions"] or 0)))  # fmt: skip
            self._points = sorted(found, key=lambda p: (-p.mentions, p.label or ""))
        if near is None:
            return self._points
        wanted = set(near)
        return [p for p in self._points if p.iri in wanted]

    # ------------------------------------------------------------------------------------------ overview

    def overview(self, top: int = 10) -> dict[str, Any]:
        """The front page: counts per kind, the most cited entities of each kind, the reports by period."""
        counts = {r["kind"] or "": int(r["count"] or 0) for r in rows(self.backend.select(queries.load("overview")))}
        cited: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for entry, mentions, citing in self._citations():
            cited[entry.kind].append({"iri": entry.iri, "label": entry.label, "symbol": entry.symbol,
                                      "mentions": mentions, "reports": citing})  # fmt: skip
        most_cited = {
            kind: sorted(items, key=lambda i: (-i["mentions"], -i["reports"], i["label"] or ""))[:top]
            for kind, items in cited.items()
        }
        reports = sorted(
            ({"iri": r["report"], "title": r["title"], "period_start": r["periodStart"], "period_end": r["periodEnd"],
              "issuer": r["issuer"], "file": r["file"]}
             for r in rows(self.backend.select(queries.load("reports")))),
            key=lambda r: (r["period_start"] or "", r["iri"] or ""),
        )  # fmt: skip
        return {"counts": counts, "most_cited": most_cited, "reports": reports}

    def most_cited(self, kind: str, count: int | None = None) -> list[Entry]:
        """The `count` entities of one kind (None: all) that the most mentions cite, the most cited first."""
        cited = sorted(
            (-mentions, entry.iri, entry) for entry, mentions, _reports in self._citations() if entry.kind == kind
        )
        return [entry for _n, _iri, entry in cited[:count]]

    def _citations(self) -> list[tuple[Entry, int, int]]:
        """(entity, mentions, reports) for every cited entity of the catalogue."""
        return [
            (entry, int(r["mentions"] or 0), int(r["reports"] or 0))
            for r in rows(self.backend.select(queries.load("most_cited")))
            if (entry := self.entries.get(r["entity"] or "")) is not None
        ]

    # ------------------------------------------------------------------------------------------ context

    def context(self, entry: Entry, *, parallel: bool = True) -> EntityContext:
        """An entity with its facts, every mention, its relations with evidence, what is cited beside it, and
        the timeline of the reports that cite it. `parallel=False` runs its queries one after another, as one
        batch (for work in the background, which should leave the cores to requests)."""
        bindings = {"entity": NamedNode(entry.iri)}
        found = self._select_together(_CONTEXT_QUERIES, bindings, self.backend.lanes if parallel else 1)
        described = str(self._candidate(entry)["label"]) if entry.kind == Kind.PLACE else None
        return EntityContext(
            entity=Entity(
                entry.iri, entry.kind, entry.label, entry.symbol, entry.year, _facts(found["facts"]), described
            ),
            mentions=[self._mention(r) for r in found["mentions"]],
            related=self._related(found["relations"], found["links"]),
            co_mentioned=[
                CoMentioned(r["other"] or "", *self._named(r["other"]), int(r["sentences"] or 0))
                for r in found["co_mentioned"]
            ],
            timeline=[
                TimelineEntry(r["report"] or "", r["title"], r["periodStart"], r["periodEnd"], int(r["mentions"] or 0))
                for r in found["timeline"]
            ],
        )

    def _select_together(
        self, names: tuple[str, ...], bindings: dict[str, NamedNode], lanes: int
    ) -> dict[str, list[Row]]:
        """The rows of several bundled queries, run at the same time in `lanes` batches (the store's lanes): a
        remote endpoint answers each query in parallel, pyoxigraph in process runs each on a thread without the
        GIL (first lookups at 1M triples: p50 4.4 → 3.5 ms), and each lookup worker takes one batch in one trip
        (six trips between processes cost more than the six queries: bench/SERVING.md, run 7)."""
        lanes = max(1, min(lanes, len(names)))
        if lanes == 1:  # in this thread: work in the background keeps its lower priority
            tables = self.backend.select_batch([(queries.load(n), bindings) for n in names])
            return {name: rows(table) for name, table in zip(names, tables, strict=True)}
        groups = [names[lane::lanes] for lane in range(lanes)]
        batches = [[(queries.load(n), bindings) for n in group] for group in groups]
        # Each other batch runs in a copy of this context, so the time limit set at the edge (`deadline`) goes with
        # it; the first runs in this thread, which would otherwise only wait (one thread switch less per lookup).
        futures = [
            self._threads.submit(contextvars.copy_context().run, self.backend.select_batch, batch)
            for batch in batches[1:]
        ]
        tables = list(self.backend.select_batch(batches[0]))
        for future in futures:
            tables.extend(future.result())
        by_name = dict(zip([n for group in groups for n in group], tables, strict=True))
        return {name: rows(by_name[name]) for name in names}

    def close(self) -> None:
        """Stop the lookup threads (a process that forks later needs to be single-threaded again); a lookup still
        running ends at its time limit."""
        self._threads.shutdown(wait=False, cancel_futures=True)

    def document_context(self, entry: Entry, *, parallel: bool = True) -> DocumentContext:
        """The context of a document in the shape of `GET /api/documents/{symbol}` (the HTTP contract)."""
        context = self.context(entry, parallel=parallel)
        facts = context.entity.facts

        def first(*names: str) -> str | None:
            return next((facts[n][0] for n in names if facts.get(n)), None)

        document = Document(
            iri=entry.iri,
            symbol=entry.symbol,
            type=first("documentType"),
            number=first("number"),
            year=entry.year,
            issuer=first("issuer", "issuerName"),
            date=first("date_document"),
            subject=first("subject"),
            labels=sorted(set(facts.get("prefLabel", []) + facts.get("altLabel", []))),
        )
        return DocumentContext(document, context.mentions, context.related, context.co_mentioned, context.timeline)

    def _mention(self, r: Row) -> Mention:
        report = self.entries.get(r["report"] or "")
        return Mention(
            report=r["report"] or "",
            report_title=r["title"] or (report.label if report else None),
            period_start=r["periodStart"],
            section=r["section"],
            line=int(r["line"] or 0),
            text=r["text"],
            sentence=r["sentence"],
            column=int(r["column"] or 0),
            page=int(r["page"]) if r["page"] else None,
            page_line=int(r["pageLine"]) if r["pageLine"] else None,
            ocr_confidence=float(r["ocrConfidence"]) if r["ocrConfidence"] else None,
        )

    def _named(self, iri: str | None) -> tuple[str | None, str | None]:
        """The label and kind of a catalogued entity (None, None for one the catalogue lacks)."""
        entry = self.entries.get(iri or "")
        return (entry.label, entry.kind) if entry else (None, None)

    def _related(self, relations: list[Row], links: list[Row]) -> list[Related]:
        """What reports state, the surest first (`relations.rq` orders them), then the links of the reference
        data that no report states."""
        related = [
            Related(r["other"] or "", *self._named(r["other"]), relation=_local(r["relation"] or ""),
                    direction=r["direction"] or "", evidence=r["sentence"], report=r["report"],
                    line=int(r["line"] or 0), confidence=float(r["confidence"] or 0))
            for r in relations
        ]  # fmt: skip
        stated = {(r.iri, r.relation) for r in related}
        for r in links:
            other = self.entries.get(r["other"] or "")
            relation = _local(r["property"] or "")
            if other is None or (other.iri, relation) in stated:
                continue
            related.append(Related(other.iri, r["label"] or other.label, other.kind, relation, r["direction"] or "",
                                   evidence=None, report=None, line=None, confidence=None))  # fmt: skip
        return related


def _facts(found: list[Row]) -> dict[str, list[str]]:
    facts: dict[str, list[str]] = defaultdict(list)
    for r in found:
        values = facts[_local(r["property"] or "")]
        value = r["valueLabel"] or r["value"] or ""
        if value not in values:
            values.append(value)
    return dict(facts)


def _score(folded: str, key: str, entry: Entry) -> int:
    if entry.symbol and key and symbol_key(entry.symbol) == key:
        return 100
    best = 0
    for name in entry.names:
        if name == folded:
            best = max(best, 90)
        elif name.startswith(folded):
            best = max(best, 70)
        elif f" {folded}" in f" {name}":
            best = max(best, 50)
        elif folded in name:
            best = max(best, 30)
    return best


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]
