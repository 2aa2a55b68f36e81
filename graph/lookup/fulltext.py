"""Full-text search over every sentence of every report, and over the entities' names, symbols and subjects: an
SQLite FTS5 index (the standard library's `sqlite3`) written into each build beside the store, read-only while
serving.

    <store>/builds/<id>/search.sqlite

FTS5 over a SPARQL `REGEX` scan: an inverted index answers a word in milliseconds whatever the size of the graph
(the scan grows with it: 1.2 s at 1M triples), ranks by BM25 and counts matches by report, year, kind and place
in SQL. Text is indexed folded (`policykg.text.fold`: no diacritics, `đ` → `d`, lower case): FTS5's own
`remove_diacritics` leaves `đ` a letter of its own, so `dong` would not find `Đồng`. Highlighting is done on the
original words, folded one by one, so a snippet shows the report's own spelling.

Ranking. Sentences: those holding the words as a phrase first, then BM25. Entities: an exact symbol, then an
exact name, a name starting with the words, the words as whole words, then the most cited first (the national
programme before a plan that names it), then BM25.
"""

from __future__ import annotations

import html
import re
import sqlite3
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyoxigraph import QuerySolutions, Store

from policykg import queries
from policykg.errors import QueryTimeout
from policykg.graph.lookup.answers import SearchHit, SentenceMatch, SentenceResults
from policykg.graph.store import deadline
from policykg.ontology.reference import glossary
from policykg.text import ABBREVIATIONS, fold, symbol_key, written_date

INDEX_FILE = "search.sqlite"
MAX_TERMS = 12  # words of a query used; more only slow the index down
PREFIX_LETTERS = 3  # a last word this long also matches words it begins (shorter ones begin too many)
SNIPPET_WORDS = 36
_WORD = re.compile(r"\w+")
_SCHEMA = """
CREATE TABLE reports (id INTEGER PRIMARY KEY, iri TEXT UNIQUE, title TEXT, year INTEGER);
CREATE TABLE sentences (id INTEGER PRIMARY KEY, report INTEGER, line INTEGER, page INTEGER, section TEXT,
                        text TEXT, folded TEXT, kinds INTEGER NOT NULL DEFAULT 0);
CREATE VIRTUAL TABLE sentence_fts USING fts5(folded, content='sentences', content_rowid='id',
                                             tokenize='unicode61');
CREATE TABLE entities (id INTEGER PRIMARY KEY, iri TEXT UNIQUE, kind TEXT, label TEXT, label_en TEXT, symbol TEXT,
                       year INTEGER, detail TEXT, mentions INTEGER, names TEXT, subject TEXT);
CREATE VIRTUAL TABLE entity_fts USING fts5(names, subject, content='entities', content_rowid='id',
                                           tokenize='unicode61');
CREATE TABLE sentence_entities (sentence INTEGER, entity INTEGER, PRIMARY KEY (sentence, entity)) WITHOUT ROWID;
CREATE INDEX entity_sentences ON sentence_entities (entity);
CREATE TABLE sentence_places (sentence INTEGER, place INTEGER, PRIMARY KEY (sentence, place)) WITHOUT ROWID;
CREATE INDEX report_sentences ON sentences (report, line);
"""


@dataclass(frozen=True)
class Passage:
    """A sentence to index: the report it is in (its IRI), where, and its words."""

    report: str
    line: int
    text: str
    section: str = ""
    page: int | None = None
    folded: str | None = None  # `fold(text)` when the caller made it already (a build, in its extraction processes)


# ---------------------------------------------------------------------------------------------------- writing


def write_index(path: Path, store: Store, passages: Iterable[Passage] | None = None) -> dict[str, int]:
    """Write the index of a loaded store to `path` (a new file). `passages`: every sentence of the reports; without
    them (a graph loaded from N-Quads) the sentences are those of the store's mentions."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript(_SCHEMA)
        reports = _reports(db, store)
        graphs = {r["graph"]: r["report"] for r in _select(store, "report_graphs")}
        if passages is None:
            passages = _passages_of(_select(store, "search_sentences"), graphs)
        _sentences(db, reports, passages)
        entity_ids = _entities(db, store)
        _link(db, _select(store, "search_mentions"), graphs, reports, entity_ids)
        _kinds_named(db)
        db.execute("INSERT INTO sentence_fts(sentence_fts) VALUES ('rebuild')")
        db.execute("INSERT INTO entity_fts(entity_fts) VALUES ('rebuild')")
        db.execute("INSERT INTO sentence_fts(sentence_fts) VALUES ('optimize')")
        db.commit()
        counts = {"sentences": _count(db, "sentences"), "entities": _count(db, "entities")}
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    db.close()
    tmp.replace(path)
    return counts


def _select(store: Store, name: str) -> Iterator[dict[str, str]]:
    solutions = store.query(queries.load(name))
    assert isinstance(solutions, QuerySolutions)
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        yield {n: term.value for n in names if (term := solution[n]) is not None}


def _count(db: sqlite3.Connection, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _reports(db: sqlite3.Connection, store: Store) -> dict[str, int]:
    ids: dict[str, int] = {}
    for row in _select(store, "reports"):
        when = row.get("periodEnd") or row.get("periodStart") or ""
        year = int(when[:4]) if when[:4].isdigit() else None
        cursor = db.execute("INSERT OR IGNORE INTO reports (iri, title, year) VALUES (?, ?, ?)",
                            (row["report"], row.get("title"), year))  # fmt: skip
        ids[row["report"]] = int(cursor.lastrowid or 0)
    return ids


def _passages_of(rows: Iterable[dict[str, str]], graphs: dict[str, str]) -> Iterator[Passage]:
    seen: set[tuple[str, str, int]] = set()  # a sentence once, whatever section its mentions give
    for r in rows:
        key = (r["graph"], r["line"], hash(r["sentence"]))
        if key not in seen and (report := graphs.get(r["graph"])):
            seen.add(key)
            page = int(r["page"]) if r.get("page") else None
            yield Passage(report, int(r["line"]), r["sentence"], r.get("section") or "", page)


def _sentences(db: sqlite3.Connection, reports: dict[str, int], passages: Iterable[Passage]) -> None:
    """Insert the sentences, as they stream (`executemany` reads the rows one at a time)."""

    def rows() -> Iterator[tuple[int, int, int | None, str | None, str, str]]:
        for p in passages:
            report = reports.get(p.report)
            if report is None:  # a report the graph does not hold (its graph was not loaded)
                continue
            text = " ".join(p.text.split())
            yield report, p.line, p.page, p.section or None, text, p.folded or fold(text)

    db.executemany("INSERT INTO sentences (report, line, page, section, text, folded) VALUES (?, ?, ?, ?, ?, ?)",
                   rows())  # fmt: skip


def _entities(db: sqlite3.Connection, store: Store) -> dict[str, int]:
    entries: dict[str, dict[str, Any]] = {}
    for row in _select(store, "catalogue"):
        e = entries.setdefault(row["entity"], {"kind": row["kind"], "names": set(), "label": None})
        if row.get("label") and (e["label"] is None or row["label"] < e["label"]):
            e["label"] = row["label"]  # the same label every time, as the catalogue chooses it
        for key, column in (("labelEn", "label_en"), ("symbol", "symbol"), ("year", "year")):
            if row.get(key):
                e[column] = row[key]
        for key in ("label", "labelEn", "alt", "folded", "symbol"):  # English names too: some users read English
            if row.get(key):
                e["names"].add(fold(row[key]))
    details = {row["entity"]: row for row in _select(store, "search_details")}
    cited = {row["entity"]: int(row["mentions"]) for row in _select(store, "most_cited")}
    ids: dict[str, int] = {}
    rows = []
    for n, (iri, e) in enumerate(sorted(entries.items()), start=1):
        d = details.get(iri, {})
        names: set[str] = e["names"]
        label = e["label"]
        if e["kind"] == "hydropower" and label:  # what people type: `thủy điện Lai Châu`, `nhà máy thủy điện …`
            names |= {fold(f"thủy điện {label}"), fold(f"nhà máy thủy điện {label}")}
        if d.get("unitType") and label:
            names.add(fold(f"{d['unitType']} {label}"))
        year = e.get("year")
        rows.append((n, iri, e["kind"], label, e.get("label_en"), e.get("symbol"),
                     int(year[:4]) if year and year[:4].isdigit() else None, _detail(d), cited.get(iri, 0),
                     " | ".join(sorted(names)), fold(d.get("subject") or "")))  # fmt: skip
        ids[iri] = n
    db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return ids


def _detail(d: dict[str, str]) -> str | None:
    """`huyện Sìn Hồ, tỉnh Lai Châu; đến 30/06/2025` or `về …; 04/11/2013; Thủ tướng Chính phủ`."""
    district, province, valid = place_context(d)
    where = ", ".join(p for p in (district, province) if p) or None
    said = document_context(d.get("subject"), d.get("date"), d.get("issuer"))
    return "; ".join(p for p in (d.get("unitType"), where, valid, said) if p) or None


def place_context(row: Mapping[str, str | None]) -> tuple[str | None, str | None, str | None]:
    """What tells a place from others of its name, from a row of `search_details` or `place_candidates`: the
    district and the province it lies in with their kind words, and its validity (`đến 30/06/2025`)."""
    district = f"{row.get('districtType') or 'huyện'} {row['district']}" if row.get("district") else None
    province = f"{row.get('provinceType') or 'tỉnh'} {row['province']}" if row.get("province") else None
    valid = f"đến {written_date(row['validUntil'])}" if row.get("validUntil") else None
    return district, province, valid or (f"từ {written_date(row['validFrom'])}" if row.get("validFrom") else None)


def document_context(subject: str | None, date: str | None, issuer: str | None) -> str | None:
    """What tells a document from others of its symbol: `subject; 04/11/2013; issuer`."""
    return "; ".join(p for p in (subject, written_date(date) if date else None, issuer) if p) or None


_JOIN = " JOIN sentences s ON s.id = sentence_fts.rowid"
_LINKED = "FROM sentence_entities l JOIN entities e ON e.id = l.entity"


def _joined(sql: str) -> str:
    """The matches with their sentences' own columns (report, kinds, folded text)."""
    return sql if _JOIN in sql else sql.replace("FROM sentence_fts", "FROM sentence_fts" + _JOIN, 1)


# The kinds a sentence names, as bits: the counts by kind of a search are then one pass over its matches.
KIND_BITS = {"document": 1, "place": 2, "hydropower": 4, "programme": 8, "report": 16, "indicator": 32}


def _kinds_named(db: sqlite3.Connection) -> None:
    # The bits are powers of two, so the sum of the distinct bits of a sentence's entities is their OR.
    db.execute("CREATE TEMP TABLE kind_bits (kind TEXT PRIMARY KEY, bit INTEGER)")
    db.executemany("INSERT INTO kind_bits VALUES (?, ?)", KIND_BITS.items())
    db.execute("""UPDATE sentences SET kinds = (
                    SELECT coalesce(sum(DISTINCT b.bit), 0) FROM sentence_entities l
                    JOIN entities e ON e.id = l.entity JOIN kind_bits b ON b.kind = e.kind
                    WHERE l.sentence = sentences.id)
                  WHERE id IN (SELECT sentence FROM sentence_entities)""")
    db.execute("DROP TABLE kind_bits")
    # … and the places apart: the count of a search by place needs no look at other entities.
    db.execute("""INSERT OR IGNORE INTO sentence_places
                  SELECT l.sentence, l.entity FROM sentence_entities l JOIN entities e ON e.id = l.entity
                  WHERE e.kind = 'place'""")


def _link(
    db: sqlite3.Connection,
    mentions: Iterable[dict[str, str]],
    graphs: dict[str, str],
    reports: dict[str, int],
    entities: dict[str, int],
) -> None:
    """(sentence, entity) for each mention: the sentence of its line, or of several there the first holding its
    words (a line of the bundled reports is a paragraph). The mentions stream into a table and are matched to
    the sentences in SQLite: every line's sentences and every link held in Python grew with the graph (the
    index's writing peaked at 1.27 GB at 10M triples, 0.98 GB so, and took 160 s instead of 92)."""
    db.execute("CREATE TEMP TABLE mentions (report INTEGER, line INTEGER, entity INTEGER, words TEXT)")
    rows = (
        (report, int(m["line"]), entity, " ".join(m["text"].split()))
        for m in mentions
        if (report := reports.get(graphs.get(m["graph"], ""))) is not None
        and (entity := entities.get(m["entity"])) is not None
    )
    db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?)", rows)
    db.execute("""INSERT OR IGNORE INTO sentence_entities
                  SELECT sentence, entity FROM (
                    SELECT coalesce(
                      (SELECT s.id FROM sentences s WHERE s.report = m.report AND s.line = m.line
                        AND m.words <> '' AND instr(s.text, m.words) > 0 ORDER BY s.id LIMIT 1),
                      (SELECT min(s.id) FROM sentences s WHERE s.report = m.report AND s.line = m.line)) AS sentence,
                      m.entity AS entity
                    FROM mentions m)
                  WHERE sentence IS NOT NULL""")
    db.execute("DROP TABLE mentions")


# ---------------------------------------------------------------------------------------------------- reading


def terms(q: str) -> list[str]:
    """The folded words of a query (FTS5's syntax never reaches the index: each word is quoted)."""
    return _WORD.findall(fold(q))[:MAX_TERMS]


# The reports' abbreviations and their words, folded: a search for one finds the other (`TĐC`, `tái định cư`).
_SYNONYMS = [(tuple(fold(a).split()), tuple(fold(w).split())) for a, w in ABBREVIATIONS.items()]


@lru_cache(maxsize=1)
def _english() -> list[tuple[tuple[str, ...], list[tuple[str, ...]]]]:
    """The glossary's English words (folded), each with the Vietnamese words it stands for, the longest first: an
    English query finds the reports' Vietnamese sentences (`resettlement` → `tái định cư`, `TĐC`)."""
    pairs = []
    for term in glossary():
        vietnamese = [tuple(fold(v).split()) for v in term.vietnamese]
        pairs += [(tuple(fold(e).split()), vietnamese) for e in term.english]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


@dataclass(frozen=True)
class Query:
    """A query's words in groups, each group one word or phrase and the other ways of writing it."""

    words: list[str]
    groups: list[list[tuple[str, ...]]]

    @classmethod
    def of(cls, q: str) -> Query:
        words = terms(q)
        groups: list[list[tuple[str, ...]]] = []
        i = 0
        while i < len(words):
            english = next((e for e in _english() if tuple(words[i : i + len(e[0])]) == e[0]), None)
            if english is not None:
                groups.append([english[0], *english[1]])
                i += len(english[0])
                continue
            for short, long in _SYNONYMS:
                for form, other in ((long, short), (short, long)):
                    if tuple(words[i : i + len(form)]) == form:
                        groups.append([form, other])
                        i += len(form)
                        break
                else:
                    continue
                break
            else:
                groups.append([(words[i],)])
                i += 1
        return cls(words, groups)

    @property
    def tokens(self) -> set[str]:
        return {t for group in self.groups for form in group for t in form}

    def match(self, every: bool = True) -> str:
        """The FTS5 expression: every group (or any), a last single word also as the start of a longer one."""
        parts = []
        for n, group in enumerate(self.groups):
            forms = ['"' + " ".join(form) + '"' for form in group]
            last = n == len(self.groups) - 1 and len(group) == 1 and len(group[0]) == 1
            if last and len(group[0][0]) >= PREFIX_LETTERS:
                forms[0] += " *"
            parts.append(forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")")
        return (" AND " if every else " OR ").join(parts)

    def coverage(self) -> tuple[str, list[str]]:
        """SQL counting the groups a sentence's folded text holds, and its arguments."""
        terms_sql, args = [], []
        for group in self.groups:
            terms_sql.append("(" + " OR ".join("instr(' ' || s.folded || ' ', ?) > 0" for _ in group) + ")")
            args += [f" {' '.join(form)} " for form in group]
        return " + ".join(terms_sql), args


_MAPPED_BYTES = 1 << 31  # SQLite's own ceiling (SQLITE_MAX_MMAP_SIZE); an index this large is 100M+ triples
_CACHE_KIB = 256


class FullTextIndex:
    """The index of one build, opened read-only; one connection per thread that uses it."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise FileNotFoundError(path)
        self.path = path
        self._local = threading.local()
        self._report_rows: dict[int, tuple[str, str | None, int | None]] | None = None

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            # immutable: the build's file never changes once swapped in, so SQLite takes no locks
            db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=True)
            # Pages are read through a map of the file, which the threads share, rather than copied into each
            # connection's own cache (2 MB each for each of the server's 40 threads: its memory grew as they
            # filled, bench/README.md).
            db.execute(f"PRAGMA mmap_size = {_MAPPED_BYTES}")
            db.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
            self._local.db = db
        seconds = deadline.remaining()
        if seconds is None:
            db.set_progress_handler(None, 0)
        else:
            stop_at = time.monotonic() + seconds
            db.set_progress_handler(lambda: int(time.monotonic() > stop_at), 10_000)
        return db

    def _run(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._db().execute(sql, args).fetchall()
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise QueryTimeout("the search ran past the time limit") from exc
            raise

    # ------------------------------------------------------------------------------------------ entities

    def entities(self, q: str, kind: str | None = None, limit: int = 20) -> list[SearchHit]:
        query = Query.of(q)
        words = query.words
        if not words:
            return []
        sql = (
            "SELECT e.iri, e.kind, e.label, e.symbol, e.names, e.mentions, e.detail, e.label_en, bm25(entity_fts, 4, 1)"
            " FROM entity_fts JOIN entities e ON e.id = entity_fts.rowid WHERE entity_fts MATCH ?"
            + (" AND e.kind = ?" if kind else "")
            + " ORDER BY bm25(entity_fts, 4, 1) LIMIT 2000"
        )
        found = self._run(sql, (query.match(), *([kind] if kind else [])))
        folded, key = " ".join(words), symbol_key(q)
        # An indicator's other names are the words that announce it in a sentence (`nông thôn mới`), not its name.
        ranked = sorted(
            ((_tier(folded, key, symbol, [fold(label or "")] if kind_ == "indicator" else names.split(" | ")),
              mentions, -rank, iri, kind_, label, symbol, detail, en)
             for iri, kind_, label, symbol, names, mentions, detail, en, rank in found),
            key=lambda r: (-r[0], -r[1], -r[2], r[3]),
        )  # fmt: skip
        return [SearchHit(iri, kind_, label, symbol, tier, detail)
                for tier, _m, _r, iri, kind_, label, symbol, detail, _en in ranked[:limit]]  # fmt: skip

    # ------------------------------------------------------------------------------------------ sentences

    def sentences(
        self,
        q: str,
        *,
        report: str | None = None,
        year: int | None = None,
        kind: str | None = None,
        place: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> SentenceResults:
        """The matching sentences are found once (one pass of the index); ranking, paging and the counts by report
        and year are done on that list, the counts by what the sentences name on a temporary table of it."""
        query = Query.of(q)
        if not query.words:
            return SentenceResults(0, [], {})
        where, args, joined = ["sentence_fts MATCH ?"], list[Any]([query.match()]), False
        reports = self._reports()
        if report is not None or year is not None:
            chosen = [i for i, (iri, _t, y) in reports.items() if report in (None, iri) and year in (None, y)] or [0]
            where.append(f"s.report IN ({','.join('?' * len(chosen))})")
            joined = True
            args += chosen
        if kind:
            where.append(f"sentence_fts.rowid IN (SELECT l.sentence {_LINKED} WHERE e.kind = ?)")
            args.append(kind)
        if place:
            ids = self._places(place)
            marks = ",".join("?" * len(ids))
            where.append(f"sentence_fts.rowid IN (SELECT sentence FROM sentence_entities WHERE entity IN ({marks}))")
            args += ids
        sql = f"FROM sentence_fts{_JOIN if joined else ''} WHERE {' AND '.join(where)}"
        total = self._count(sql, args)
        every = True
        if total == 0 and len(query.groups) > 1:  # no sentence holds every word: those holding the most, first
            every, args[0] = False, query.match(every=False)
            total = self._count(sql, args)
            covered, covered_args = query.coverage()
            ranked = f"SELECT s.id {_joined(sql)} ORDER BY ({covered}) DESC, rank, s.id LIMIT ? OFFSET ?"
            page = [r[0] for r in self._run(ranked, (*covered_args, *args, limit, offset))]
        else:
            page = self._page(query, sql, args, limit, offset)
        rows = {r[0]: r for r in self._run(
            f"SELECT id, report, line, page, section, text FROM sentences WHERE id IN ({','.join('?' * len(page))})",
            tuple(page))} if page else {}  # fmt: skip
        named = self._named(page)
        hits = []
        for sid in page:
            _id, rid, line, pg, section, text = rows[sid]
            iri, title, year_ = reports[rid]
            hits.append(SentenceMatch(iri, title, year_, line, pg, section, text, highlight(text, query),
                                      named.get(sid, [])))  # fmt: skip
        return SentenceResults(total, hits, self._counts(sql, args, reports), every)

    def _count(self, sql: str, args: list[Any]) -> int:
        return int(self._run(f"SELECT count(*) {sql}", tuple(args))[0][0])

    def _page(self, query: Query, sql: str, args: list[Any], limit: int, offset: int) -> list[int]:
        """The sentences holding the words as a phrase first (the index finds the phrase itself), then the others
        holding them all, each part by BM25 (`rank`), in one page."""

        def ranked(match: str, count: int, skip: int) -> list[int]:
            rows = self._run(f"SELECT sentence_fts.rowid {sql} ORDER BY rank LIMIT ? OFFSET ?",
                             (match, *args[1:], count, skip))  # fmt: skip
            return [r[0] for r in rows]

        if len(query.words) < 2:
            return ranked(args[0], limit, offset)
        phrase = '"' + " ".join(query.words) + '"'
        first = ranked(phrase, limit, offset)
        if len(first) == limit:
            return first
        skip = max(0, offset - self._count(sql, [phrase, *args[1:]])) if not first else 0
        return first + ranked(f"({args[0]}) NOT {phrase}", limit - len(first), skip)

    def _reports(self) -> dict[int, tuple[str, str | None, int | None]]:
        cached = self._report_rows  # read once for all threads (two threads reading it at once is harmless)
        if cached is None:
            cached = {int(i): (iri, title, year) for i, iri, title, year in self._run("SELECT * FROM reports")}
            self._report_rows = cached
        return cached

    def _places(self, place: str) -> list[int]:
        """The places a filter names: by IRI, or every unit of that name (`Mường Tè`: district, town, communes)."""
        name = fold(place)
        return [
            int(i)
            for i, iri, names in self._run("SELECT id, iri, names FROM entities WHERE kind = 'place'")
            if iri == place or name in names.split(" | ")
        ] or [0]

    def _named(self, ids: list[int]) -> dict[int, list[dict[str, str | None]]]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        out: dict[int, list[dict[str, str | None]]] = defaultdict(list)
        for sid, iri, kind, label in self._run(
            "SELECT l.sentence, e.iri, e.kind, e.label FROM sentence_entities l JOIN entities e ON e.id = l.entity"
            f" WHERE l.sentence IN ({marks}) ORDER BY e.kind, e.label",
            tuple(ids),
        ):
            out[sid].append({"iri": iri, "kind": kind, "label": label})
        return out

    def _counts(
        self, sql: str, args: list[Any], reports: dict[int, tuple[str, str | None, int | None]]
    ) -> dict[str, list[dict[str, Any]]]:
        kinds = ", ".join(f"sum(s.kinds & {bit} > 0)" for bit in KIND_BITS.values())
        per_report = self._run(f"SELECT s.report, count(*), {kinds} {_joined(sql)} GROUP BY s.report", tuple(args))
        by_report = sorted(((n, rid) for rid, n, *_k in per_report), reverse=True)
        by_year: Counter[int | None] = Counter()
        by_kind: Counter[str] = Counter()
        for rid, n, *named in per_report:
            by_year[reports[rid][2]] += n
            for kind, count in zip(KIND_BITS, named, strict=True):
                by_kind[kind] += count
        places = sql.replace(" WHERE ", " JOIN sentence_places p ON p.sentence = sentence_fts.rowid WHERE ", 1)
        top = self._run(
            f"SELECT p.place, count(*) AS n {places} GROUP BY p.place ORDER BY n DESC LIMIT 20", tuple(args)
        )
        marks = ",".join("?" * len(top))
        labels = {
            i: (iri, label)
            for i, iri, label in self._run(
                f"SELECT id, iri, label FROM entities WHERE id IN ({marks})", tuple(i for i, _n in top)
            )
        }
        by_place = sorted(((*labels[i], n) for i, n in top), key=lambda p: (-p[2], p[1] or ""))
        return {
            "report": [{"iri": reports[rid][0], "title": reports[rid][1], "count": n} for n, rid in by_report],
            "year": [{"year": y, "count": n} for y, n in sorted(by_year.items(), key=lambda kv: kv[0] or 0)],
            "kind": [{"kind": k, "count": n} for k, n in by_kind.most_common() if n],
            "place": [{"iri": i, "label": label, "count": n} for i, label, n in by_place],
        }


def _tier(folded: str, key: str, symbol: str | None, names: list[str]) -> int:
    """The old catalogue's tiers: 100 the symbol, 90 a name, 70 a name's start, 50 whole words, 30 inside a word."""
    if symbol and key and symbol_key(symbol) == key:
        return 100
    best = 30
    for name in names:
        if name == folded:
            return 90
        if name.startswith(folded):
            best = max(best, 70)
        elif f" {folded} " in f" {name} ":
            best = max(best, 50)
    return best


def highlight(text: str, query: Query) -> str:
    """The sentence around its first match (SNIPPET_WORDS words), HTML-escaped, matched words in <mark>: the words
    of a query's phrase where they stand together (`tái định cư`, not each `định`), a single word anywhere, and
    words the last one begins, as the search does."""
    tokens = list(_WORD.finditer(text))
    folded = [fold(t.group(0)) for t in tokens]
    forms = {form for group in query.groups for form in group}
    last = query.words[-1] if query.words else ""
    marked: set[int] = set()
    for i, word in enumerate(folded):
        if len(last) >= PREFIX_LETTERS and word.startswith(last) and (last,) in forms:
            marked.add(i)
        for form in forms:
            if tuple(folded[i : i + len(form)]) == form:
                marked.update(range(i, i + len(form)))
    marks = sorted(marked)
    if not tokens:
        return html.escape(text)
    first = marks[0] if marks else 0
    lo = max(0, first - SNIPPET_WORDS // 3)
    hi = min(len(tokens), lo + SNIPPET_WORDS)
    start, end = (0 if lo == 0 else tokens[lo].start()), (len(text) if hi == len(tokens) else tokens[hi - 1].end())
    out, pos = [], start
    for i in marks:
        if lo <= i < hi:
            t = tokens[i]
            out += [html.escape(text[pos : t.start()]), "<mark>", html.escape(t.group(0)), "</mark>"]
            pos = t.end()
    out.append(html.escape(text[pos:end]))
    return ("…" if start > 0 else "") + "".join(out) + ("…" if end < len(text) else "")


def open_index(build: Path) -> FullTextIndex | None:
    """The index of a build, or None for a build made before indexes were written (search falls back)."""
    try:
        return FullTextIndex(build / INDEX_FILE)
    except FileNotFoundError:
        return None
