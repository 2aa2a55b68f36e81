"""A real `policykg serve` process on a free loopback port, over a store built from the bundled corpus."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.support.servers import free_port, stop
from tests.support.virtuoso import running_virtuoso, virtuoso_available

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Server:
    url: str
    store: Path
    backend: str  # embedded | remote

    @property
    def sparql(self) -> str:
        return f"{self.url}/sparql"


def start_server(args: list[str], env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "policykg.cli", "serve", "--port", str(port), *args],
            cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120  # a hang guard: a slow machine may take long to start
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"policykg serve exited: {log.read_text(encoding='utf-8')[-2000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"policykg serve did not answer: {log.read_text(encoding='utf-8')[-2000:]}")


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("api") / "store"
    subprocess.run([sys.executable, "-m", "policykg.cli", "build", "--store", str(store)], cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip
    return store


@pytest.fixture(scope="session", params=["embedded", "virtuoso"])
def server(
    request: pytest.FixtureRequest, built_store: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """The same API test suite runs on the embedded store and on a real Virtuoso loaded with the same build."""
    log = tmp_path_factory.mktemp("logs") / f"serve-{request.param}.log"
    env = {"POLICYKG_QUERY_TIMEOUT": "3"}
    if request.param == "embedded":
        process, url = start_server(["--store", str(built_store)], env, log)
        try:
            yield Server(url, built_store, "embedded")
        finally:
            stop(process)
        return
    require_virtuoso()
    dataset = built_store / "current" / "dataset.nq"
    with running_virtuoso(dataset, tmp_path_factory.mktemp("virtuoso")) as virtuoso:
        process, url = start_server(["--endpoint", virtuoso.sparql_url], env, log)
        try:
            yield Server(url, built_store, "remote")
        finally:
            stop(process)


def require_virtuoso() -> None:
    """Skip without Virtuoso here — but fail in CI, which installs it."""
    if virtuoso_available():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("Virtuoso is not installed, yet CI=true: .ci/run must install virtuoso-opensource-7-bin")
    pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource-7-bin)")


# ---------------------------------------------------------------------------------------------- browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip
SCREENSHOTS = os.environ.get("POLICYKG_SCREENSHOTS")  # a folder, to refresh the pictures in docs/


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[object]:
    if server.backend != "embedded":
        pytest.skip("the pages are the same on every store; the browser runs once, on the embedded one")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is not installed, yet CI=true: .ci/run must install it")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server: Server):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=server.url)
    page = context.new_page()
    page.outside = []
    page.on("request", lambda r: None if r.url.startswith(server.url) else page.outside.append(r.url))
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))
