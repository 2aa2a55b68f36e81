"""The one settings object. Values come from `POLICYKG_*` environment variables, then the defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_BASE_IRI = "https://w3id.org/policykg/"


@dataclass(frozen=True)
class Settings:
    base_iri: str = DEFAULT_BASE_IRI
    reports_dir: Path = Path("data/reports")
    annotations_dir: Path = Path("tests/annotations")
    store_dir: Path = Path("store")

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        base = env.get("POLICYKG_BASE_IRI", DEFAULT_BASE_IRI)
        return cls(
            base_iri=base if base.endswith(("/", "#")) else base + "/",
            reports_dir=Path(env.get("POLICYKG_REPORTS_DIR", "data/reports")),
            annotations_dir=Path(env.get("POLICYKG_ANNOTATIONS_DIR", "tests/annotations")),
            store_dir=Path(env.get("POLICYKG_STORE", "store")),
        )
