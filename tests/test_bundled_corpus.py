"""The bundled reports and their metadata sidecars."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

SIDE_KEYS = {"title", "issuer", "kind", "period_start", "period_end", "date", "language", "sha256", "description"}


def test_each_report_has_a_sidecar_that_matches_it(reports: list[Path]) -> None:
    for report in reports:
        sidecar = tomllib.loads(report.with_suffix(".toml").read_text(encoding="utf-8"))
        assert set(sidecar) >= SIDE_KEYS, report.name
        assert sidecar["sha256"] == hashlib.sha256(report.read_bytes()).hexdigest(), report.name
        assert sidecar["period_start"] <= sidecar["period_end"]
