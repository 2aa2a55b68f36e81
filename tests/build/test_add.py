"""`policykg add`: reports copied in with a sidecar from their header, then built with the rest."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

from tests.test_cli import run

FIXTURES = Path(__file__).resolve().parent.parent / "loaders" / "fixtures"
PDF = FIXTURES / "hanoi-qd-70-2024-ubnd-p1-3.pdf"


def test_add_copies_writes_the_sidecar_and_builds(tmp_path: Path, report_path: Callable[[str], Path]) -> None:
    reports, store = tmp_path / "reports", tmp_path / "store"
    lai_chau = report_path("2023-ubnd-socio-economic-report")
    result = run("add", str(PDF), str(lai_chau), "--reports", str(reports), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert (reports / PDF.name).read_bytes() == PDF.read_bytes()
    sidecar = tomllib.loads((reports / f"{PDF.stem}.toml").read_text(encoding="utf-8"))
    assert sidecar["issuer"] == "Ủy ban nhân dân thành phố Hà Nội" and sidecar["province"] == "Hà Nội"
    assert sidecar["format"] == "pdf" and "symbol" in sidecar
    assert "sidecar" in result.stdout and "issuer = " in result.stdout  # shown for correction
    assert "the document's number is split" in result.stderr  # the handwritten number, as a build warning
    # Both reports are in the graph, each naming its province.
    query = (
        "PREFIX dct: <http://purl.org/dc/terms/> SELECT ?report ?province "
        "WHERE { ?report dct:spatial ?province } ORDER BY ?report"
    )
    rows = json.loads(run("query", query, "--store", str(store), "--format", "json").stdout)
    provinces = {
        r["report"]["value"].rsplit("/", 1)[-1]: r["province"]["value"].rsplit("/", 1)[-1]
        for r in rows["results"]["bindings"]
    }
    assert provinces == {"2023-ubnd-socio-economic-report": "lai-chau", PDF.stem: "01"}  # id/place/vn/province/01


def test_a_corrected_sidecar_is_kept_and_a_clash_of_names_refused(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    assert run("add", str(PDF), "--reports", str(reports), "--no-build").returncode == 0
    sidecar = reports / f"{PDF.stem}.toml"
    sidecar.write_text('symbol = "70/2024/QĐ-UBND"\n', encoding="utf-8")  # the user's correction
    again = run("add", str(PDF), "--reports", str(reports), "--no-build")
    assert again.returncode == 0 and "kept as it is" in again.stdout
    assert sidecar.read_text(encoding="utf-8") == 'symbol = "70/2024/QĐ-UBND"\n'
    other = tmp_path / PDF.name
    other.write_text("BÁO CÁO\nMột báo cáo khác, cùng tên tệp.\n", encoding="utf-8")
    clash = run("add", str(other), "--reports", str(reports), "--no-build")
    assert clash.returncode == 2 and "another report of that name" in clash.stderr
    assert len(clash.stderr.strip().splitlines()) == 1


def test_two_reports_one_sidecar_would_serve_are_refused_or_warned_of(tmp_path: Path) -> None:
    # A portal's decision as a Word file and as an ODT (`bao-cao-lai-chau.doc`, `.odt`): one `.toml` would be the
    # sidecar of both, and one report IRI (its name without the extension). `add` refuses before copying anything;
    # `build` refuses such a folder, naming both, before anything is read or written.
    reports = tmp_path / "reports"
    doc, odt = FIXTURES / "bao-cao-lai-chau.doc", FIXTURES / "bao-cao-lai-chau.odt"
    both = run("add", str(doc), str(odt), "--reports", str(reports), "--no-build")
    assert both.returncode == 2 and not reports.exists()
    assert both.stderr.strip() == (
        f"policykg: {odt}: bao-cao-lai-chau.doc, bao-cao-lai-chau.odt would share one sidecar, "
        "bao-cao-lai-chau.toml; rename one"
    )
    assert run("add", str(doc), "--reports", str(reports), "--no-build").returncode == 0
    later = run("add", str(odt), "--reports", str(reports), "--no-build")
    assert later.returncode == 2 and "would share one sidecar" in later.stderr and not (reports / odt.name).exists()
    (reports / odt.name).write_bytes(odt.read_bytes())  # copied in by hand
    store = tmp_path / "store"
    built = run("build", "--store", str(store), POLICYKG_REPORTS_DIR=str(reports))
    assert built.returncode == 2 and not store.exists()
    assert built.stderr.strip() == (
        f"policykg: {reports / odt.name}: {reports / doc.name} has the same name before its extension: they would "
        "be one report (https://w3id.org/policykg/id/report/bao-cao-lai-chau); rename one"
    )
    # Renamed, each is a report of its own, with its format's media type.
    (reports / odt.name).rename(reports / "bao-cao-lai-chau-odt.odt")
    assert run("build", "--store", str(store), POLICYKG_REPORTS_DIR=str(reports)).returncode == 0
    query = (
        "PREFIX dct: <http://purl.org/dc/terms/> SELECT ?format WHERE { ?report dct:format ?format } ORDER BY ?format"
    )
    rows = json.loads(run("query", query, "--store", str(store), "--format", "json").stdout)["results"]["bindings"]
    assert [r["format"]["value"] for r in rows] == ["application/msword", "application/vnd.oasis.opendocument.text"]
