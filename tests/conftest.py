"""Shared fixtures: the built site (built once per session), a local server and a browser."""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))  # measure.py: shared by the benchmarks and the budget gate

import build_site  # noqa: E402
import course_pdf  # noqa: E402
from browser import launch  # noqa: E402


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, browser) -> dict:
    """Both editions built afresh with warnings as errors, assembled into one site folder with the
    live notebooks (``lite/``); ``lite_missing`` says why those could not be built, if so."""
    htmls, logs = {}, {}
    for edition in build_site.EDITIONS:
        _, toc = build_site.EDITIONS[edition]
        output = build_site.BUILD / edition
        shutil.rmtree(output, ignore_errors=True)
        htmls[edition], logs[edition] = build_site.build_book(
            build_site.ROOT, build_site.edition_config(edition), build_site.ROOT / toc, output
        )
    site = tmp_path_factory.mktemp("site")
    lite_missing = build_site.assemble(htmls, site)
    course_pdf.build_all(site, list(build_site.EDITIONS), browser)  # as tools/build_site.py does
    return {"dir": site, "logs": logs, "lite_missing": lite_missing}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def server(built_site):
    """The site on http://127.0.0.1:<port>/, as a static host would serve it."""
    handler = functools.partial(QuietHandler, directory=str(built_site["dir"]))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


class Visit:
    """One page in a fresh browser context that records every request and console error."""

    def __init__(self, browser, server: str, locale: str = "nl-NL") -> None:
        self.server = server
        self.context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.server) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def goto(self, path: str):
        self.page.goto(f"{self.server}/{path}", wait_until="networkidle")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, server):
    visits = []

    def open_visit(locale: str = "nl-NL") -> Visit:
        visits.append(Visit(browser, server, locale))
        return visits[-1]

    yield open_visit
    for v in visits:
        v.close()


def drawn_demo(page, demo: str | None = None, index: int = 0):
    """A demo on ``page`` once it has drawn: demos start when they come near the screen
    (widgets/assets/demo.js), so scroll to it and wait for its first drawing."""
    selector = f'.vk-demo[data-vk-demo="{demo}"]' if demo else ".vk-demo"
    root = page.locator(selector).nth(index)
    root.scroll_into_view_if_needed()
    root.locator(".vk-plot").wait_for(state="attached")
    page.wait_for_function("(el) => el.dataset.vkState === 'drawn'", arg=root.element_handle())
    return root


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab serving a scratch folder, as a lecturer or student would run it: yields
    ``(address, folder)``. Notebooks render every cell (no windowing), so a test sees them all."""
    import os
    import socket
    import subprocess
    import time
    import urllib.request

    folder = tmp_path_factory.mktemp("lab")
    settings = tmp_path_factory.mktemp("lab-settings")
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text('{"windowingMode": "none"}')
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path_factory.mktemp("lab-workspaces")),
    }
    command = [str(Path(sys.executable).with_name("jupyter")), "lab", "--no-browser", f"--port={port}"]
    command += ["--IdentityProvider.token=", "--ServerApp.password=", "--allow-root", f"--ServerApp.root_dir={folder}"]
    server = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    address = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{address}/api", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        yield address, folder
    finally:
        server.terminate()
        server.wait(timeout=30)
