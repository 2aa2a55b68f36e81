"""The bundled corpus built for the graph tests that only read it, with a catalogue over it; and a store of one
hand-built extraction, for the tests that need specific relations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from policykg.build.pipeline import build
from policykg.graph.lookup.catalogue import Catalogue
from policykg.graph.rdf.iris import IriPolicy
from policykg.graph.store.embedded import EmbeddedBackend
from tests.graph.stated import install_extractions, stated_extractions

REPORTS = sorted((Path(__file__).resolve().parents[2] / "data" / "reports").glob("*.txt"))


@pytest.fixture(scope="module")  # per module: its query threads stop with it
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalogue]:
    store = tmp_path_factory.mktemp("corpus") / "store"
    build(REPORTS, store, IriPolicy())
    catalogue = Catalogue(EmbeddedBackend(store, workers=0))
    yield catalogue
    catalogue.close()


@pytest.fixture(scope="module")
def stated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalogue]:
    """A catalogue over the store of `stated_extractions`."""
    root = install_extractions(stated_extractions(), tmp_path_factory.mktemp("stated") / "store")
    catalogue = Catalogue(EmbeddedBackend(root, workers=0))
    yield catalogue
    catalogue.close()
