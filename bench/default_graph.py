"""Benchmark (issue 17): three shapes of one data set side by side, in one process, on one machine —

  bag       the named graphs only; queries see their union (a bag: a triple restated by n report graphs is
            matched n times). policykg before issue 17.
  merged    the named graphs, and every triple once more in the store's default graph, which queries see (a
            set). `GRAPH ?g { … }` still answers which report says a thing.
  entities  each fact one home: what a report says of its own nodes (the report, its mentions, evidence, facts,
            figures) stays in its graph; every other triple (entity descriptions, stated relations) moves, once,
            into one entities graph; queries see the union, now of disjoint graphs (a set).
  merged-nt `merged`, the default graph loaded as `policykg build` loads it: from each named graph's N-Triples
            (the build's cache files; here cut from the quads before the clock starts), not parsed from the
            quads again. The same store as `merged`; `--shapes merged,merged-nt` compares the two loads.

For each: the time to load (and, for `merged`, to make the copy), the store's size on disk, and each query's
median time and rows: the serving benchmark's GROUP BY and two-hop path, the same GROUP BY as an analyst writes
it (no DISTINCT), and every whole-graph SELECT of `queries/` with its parameters bound to entities of the data.

    .venv/bin/python bench/default_graph.py --data /tmp/bench/kg-1m.nq [--repeat 5] [--shapes bag,merged,entities]
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import multiprocessing
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode, QuerySolutions, Store

from policykg import queries
from policykg.graph.sparql.text import with_values
from policykg.graph.store.layout import bulk_load, load_default_graph

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_bench import PREFIXES, QUERIES

ID = "https://w3id.org/policykg/id/"
ENTITIES_GRAPH = "https://w3id.org/policykg/graph/entities"
ANALYST_Q2 = (
    PREFIXES
    + """
SELECT ?type (COUNT(?mention) AS ?mentions) (COUNT(?doc) AS ?documents) WHERE {
  ?mention pkg:refersTo ?doc . ?doc pkg:documentType ?type .
} GROUP BY ?type"""
)
_GRAPH = re.compile(r" (<[^>]*>) \.$")


def entities_shape(data: Path, out: Path) -> None:
    """`data` rewritten with each fact one home (the `entities` shape). The reference and ontology graphs stay;
    a triple they hold is not copied into the entities graph."""
    kept: set[str] = set()
    with data.open(encoding="utf-8") as source:
        for line in source:
            match = _GRAPH.search(line.rstrip("\n"))
            if match and not match.group(1).startswith("<https://w3id.org/policykg/graph/report/"):
                kept.add(line[: match.start()])
    with data.open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as sink:
        for line in source:
            match = _GRAPH.search(line.rstrip("\n"))
            if match is None or not match.group(1).startswith("<https://w3id.org/policykg/graph/report/"):
                sink.write(line)
                continue
            triple = line[: match.start()]
            if triple.startswith(f"<{ID}report/"):
                sink.write(line)  # the report and its own nodes
            elif triple not in kept:
                kept.add(triple)
                sink.write(f"{triple} <{ENTITIES_GRAPH}> .\n")


def graphs_as_ntriples(data: Path, out: Path) -> None:
    """Each named graph's triples of `data` as N-Triples, one file per graph (the build's cache files)."""
    out.mkdir(exist_ok=True)
    files: dict[str, Any] = {}
    with data.open(encoding="utf-8") as source:
        for line in source:
            match = _GRAPH.search(line.rstrip("\n"))
            if match is not None:
                key = hashlib.sha1(match.group(1).encode()).hexdigest()
                handle = files.get(key) or files.setdefault(key, (out / f"{key}.nt").open("w", encoding="utf-8"))
                handle.write(line[: match.start()] + " .\n")
    for handle in files.values():
        handle.close()


def load(shape: str, data: Path, work: Path) -> tuple[Store, float]:
    location = work / shape
    shutil.rmtree(location, ignore_errors=True)
    if shape == "merged-nt":
        graphs_as_ntriples(data, work / "graphs")
    start = time.monotonic()
    source = data
    if shape == "entities":
        source = work / "entities.nq"
        entities_shape(data, source)
    store = Store(str(location))
    bulk_load(store, source, default_graph=shape == "merged")
    if shape == "merged-nt":
        load_default_graph(store, (f.read_bytes() for f in sorted((work / "graphs").iterdir())))
    store.flush()
    store.optimize()
    return store, time.monotonic() - start


def size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def samples(meta: dict[str, Any]) -> dict[str, str]:
    top = meta["documents"][0]["iri"]
    return {"entity": top, "document": top, "place": f"{ID}place/lai-chau", "area": f"{ID}place/lai-chau",
            "plant": f"{ID}hydropower/huoi-quang", "concept": f"{ID}indicator/poverty-rate",
            "district": meta["districts"][0]}  # fmt: skip


def question_texts(meta: dict[str, Any]) -> dict[str, str]:
    bound = samples(meta)
    out = {
        "q2_group_by_type": PREFIXES + QUERIES["q2_group_by_type"][1],
        "q2 as an analyst writes it (no DISTINCT)": ANALYST_Q2,
        "q3_two_hop_path": PREFIXES + QUERIES["q3_two_hop_path"][1] % {"district": bound["district"]},
    }
    for name in queries.names():
        text = queries.load(name)
        if not re.search(r"^\s*SELECT", text, re.M):
            continue
        params = queries.parameters(text)
        if any(p not in bound for p in params):
            continue
        out[name] = with_values(text, {p: NamedNode(bound[p]) for p in params})
    return out


Timing = tuple[float, int, int, str]  # median ms, rows, distinct rows, digest of the sorted rows


def timed_apart(location: Path, text: str, union: bool, repeat: int, budget_s: float) -> Timing | None:
    """`timed` in a child process on the store opened read-only, stopped after `budget_s` (None): pyoxigraph
    cannot be interrupted, and a query may run for minutes on one shape."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        send.send(timed(Store.read_only(str(location)), text, union, repeat, budget_s))

    process = context.Process(target=child)
    process.start()
    answer = receive.recv() if receive.poll(budget_s * 1.5) else None
    process.kill()
    process.join()
    return answer


def timed(store: Store, text: str, union: bool, repeat: int, budget_s: float) -> Timing:
    times: list[float] = []
    rows: list[tuple[Any, ...]] = []
    spent = time.monotonic()
    while len(times) < repeat and (not times or time.monotonic() - spent < budget_s):
        t0 = time.perf_counter()
        result = store.query(text, use_default_graph_as_union=union)
        assert isinstance(result, QuerySolutions)
        names = [v.value for v in result.variables]
        rows = [tuple(None if s[n] is None else str(s[n]) for n in names) for s in result]
        times.append((time.perf_counter() - t0) * 1000)
    digest = hashlib.sha256(repr(sorted(rows, key=repr)).encode()).hexdigest()[:12]
    return statistics.median(times), len(rows), len(set(rows)), digest


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True, help="an N-Quads file of bench/generate.py")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per query and shape at most")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--shapes", default="bag,merged,entities", help="of bag, merged, entities, merged-nt")
    args = parser.parse_args()
    meta = json.loads(args.data.with_suffix(args.data.suffix + ".meta.json").read_text(encoding="utf-8"))
    texts = question_texts(meta)
    work = Path(tempfile.mkdtemp(prefix="policykg-default-graph-"))
    results: dict[str, Any] = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                               f"{platform.python_version()}", "data": str(args.data), "shapes": {},
                               "budget_s": args.budget * 1.5}  # fmt: skip
    try:
        shapes: dict[str, Callable[[], tuple[Store, float]]] = {
            s: functools.partial(load, s, args.data, work) for s in args.shapes.split(",")
        }
        for shape, make in shapes.items():
            store, seconds = make()
            del store  # queried read-only by a child process each
            row: dict[str, Any] = {"load_s": round(seconds, 1), "disk_mb": round(size_mb(work / shape), 0)}
            for name, text in texts.items():
                answer = timed_apart(work / shape, text, not shape.startswith("merged"), args.repeat, args.budget)
                if answer is None:
                    row[name] = {"ms": None, "rows": None, "distinct": None}
                    print(f"{shape:8} {name:42} > {args.budget * 1.5:.0f} s", flush=True)
                    continue
                ms, n, distinct, digest = answer
                row[name] = {"ms": round(ms, 1), "rows": n, "distinct": distinct, "digest": digest}
                print(f"{shape:8} {name:42} {ms:9.1f} ms {n:7} rows ({distinct} distinct)", flush=True)
            results["shapes"][shape] = row
            shutil.rmtree(work / shape, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(markdown(results, list(texts)))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


def markdown(results: dict[str, Any], names: list[str]) -> str:
    shapes = results["shapes"]
    lines = [f"machine: {results['machine']}; data: {results['data']}", "",
             "| | " + " | ".join(shapes) + " |", "|---|" + "---|" * len(shapes),
             "| load s (incl. the copy) | " + " | ".join(str(r["load_s"]) for r in shapes.values()) + " |",
             "| store on disk MB | " + " | ".join(str(r["disk_mb"]) for r in shapes.values()) + " |"]  # fmt: skip
    for name in names:
        cells = []
        for r in shapes.values():
            c = r[name]
            same = shapes.get("merged", r)[name].get("digest") == c.get("digest")
            other = "" if same else "; another answer"
            if c["ms"] is None:
                cells.append(f"> {results['budget_s']:.0f} s")
                continue
            again = f", {c['rows'] - c['distinct']} again" if c["rows"] != c["distinct"] else ""
            cells.append(f"{c['ms']} ms ({c['rows']} rows{again}{other})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
