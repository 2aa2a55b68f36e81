"""The direction of imports (docs/architecture.md): every module's imports, read from its source, go only to
the rooms its own room may use. A wrong import fails here, naming the module, the line and the room."""

from __future__ import annotations

import ast
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LEAVES = (
    "policykg.text",
    "policykg.kinds",
    "policykg.errors",
    "policykg.settings",
    "policykg.urls",
    "policykg.parallel",
    "policykg.memory",
)

# Each room (the longest matching prefix wins) and the rooms it may import, besides itself and the leaves.
ROOMS: dict[str, tuple[str, ...]] = {
    "policykg.text": (),
    "policykg.kinds": (),
    "policykg.errors": (),
    "policykg.urls": (),
    "policykg.parallel": (),
    "policykg.memory": (),
    "policykg.graph": (),
    "policykg.settings": (),
    "policykg.ontology": (),
    "policykg.queries": (),
    "policykg.corpus": (),
    "policykg.loaders": ("policykg.ontology",),
    "policykg.graph.rdf": ("policykg.ontology", "policykg.loaders.records"),
    "policykg.graph.records": ("policykg.loaders.records", "policykg.graph.rdf"),
    "policykg.graph.sparql": (),
    "policykg.graph.store": ("policykg.graph.sparql",),
    "policykg.graph.validation": (
        "policykg.ontology",
        "policykg.queries",
        "policykg.graph.sparql",
        "policykg.graph.store",
    ),
    "policykg.graph.lookup": ("policykg.ontology", "policykg.queries", "policykg.graph.sparql", "policykg.graph.store"),
    "policykg.graph.export": (
        "policykg.ontology",
        "policykg.queries",
        "policykg.graph.sparql",
        "policykg.graph.store",
        "policykg.graph.lookup",
    ),
    "policykg.build": ("policykg.ontology", "policykg.loaders", "policykg.graph"),
    "policykg.api": ("policykg.queries", "policykg.ontology", "policykg.graph"),
    "policykg.cli": ("policykg",),
    "policykg.evaluation": ("policykg",),
}
# Libraries a room must not use: the loaders make plain records, and only the API speaks HTTP.
FORBIDDEN = {
    "policykg.loaders": ("rdflib", "pyoxigraph", "pyshacl", "networkx", "fastapi", "starlette", "uvicorn"),
    "policykg.graph": ("fastapi", "starlette", "uvicorn", "pydantic"),
    "policykg.text": ("rdflib", "pyoxigraph"),
}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # what it imports (a policykg module or package, or a library's top-level name)
    where: str  # file:line


def _modules() -> dict[str, Path]:
    """Every module of the package, by name, from pyproject's package-dir map (the source, not an install)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_dir: dict[str, str] = config["tool"]["setuptools"]["package-dir"]
    modules: dict[str, Path] = {}
    for package, folder in package_dir.items():
        for path in (ROOT / folder).rglob("*.py"):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            name = ".".join((package, *parts))
            modules.setdefault(name.removesuffix(".__init__"), path)
    return modules


MODULES = _modules()


def _imports(module: str, path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):  # function-level imports too: the CLI imports a command's modules late
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from policykg import queries` imports a module; `from policykg.x import name` imports from x.
            names = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module
                     for a in node.names]  # fmt: skip
        found += [Import(module, name, f"{path.relative_to(ROOT)}:{node.lineno}") for name in names]
    return found


def _room(module: str) -> str:
    matches = [room for room in ROOMS if module == room or module.startswith(room + ".")]
    assert matches, f"{module} belongs to no room of docs/architecture.md"
    return max(matches, key=len)


def _within(target: str, prefixes: tuple[str, ...]) -> bool:
    return any(target == p or target.startswith(p + ".") for p in prefixes)


ALL_IMPORTS = [i for name, path in sorted(MODULES.items()) if name != "policykg" for i in _imports(name, path)]


def test_every_module_belongs_to_a_room() -> None:
    for module in MODULES:
        if module != "policykg":
            _room(module)


def test_imports_go_one_way() -> None:
    wrong = []
    for imp in ALL_IMPORTS:
        if not imp.target.startswith("policykg.") or imp.target == "policykg":
            continue
        room = _room(imp.module)
        allowed = (room, *LEAVES, *ROOMS[room])
        if room == "policykg.settings":
            allowed = (room, "policykg.errors")
        elif room in LEAVES:
            allowed = (room, "policykg.errors") if room != "policykg.errors" else (room,)
        if not _within(imp.target, allowed):
            wrong.append(f"{imp.where}: {imp.module} ({room}) imports {imp.target}")
    assert not wrong, "imports against docs/architecture.md:\n" + "\n".join(wrong)


def test_rooms_keep_to_their_libraries() -> None:
    wrong = [
        f"{imp.where}: {imp.module} imports {imp.target}"
        for imp in ALL_IMPORTS
        for room, libraries in FORBIDDEN.items()
        if _within(imp.module, (room,)) and imp.target.split(".")[0] in libraries
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("module", "target", "allowed"),
    [
        ("policykg.graph.rdf.iris", "policykg.api.app", False),
        ("policykg.loaders.places", "policykg.graph.rdf", False),
        ("policykg.api.lookups", "policykg.loaders.pipeline", False),
        ("policykg.graph.store.workers", "policykg.graph.lookup.catalogue", False),
        ("policykg.api.lookups", "policykg.graph.lookup.catalogue", True),
        ("policykg.graph.rdf", "policykg.loaders.records", True),
    ],
)
def test_the_rule_tells_right_from_wrong(module: str, target: str, allowed: bool) -> None:
    room = _room(module)
    assert _within(target, (room, *LEAVES, *ROOMS[room])) is allowed
