"""Shared fixtures (the built site, a local server, a browser, JupyterLab) and the test tiers.

A test's tier follows from what it needs, never from a marker set by hand: a test that uses the
``built_site`` fixture (directly or through ``server``, ``visit``...) is ``site``, one that uses
``browser`` is ``browser``, and so on (``TIERS``); an exercise notebook run by nbval is ``nb``; a test
that needs none of them is ``unit``. ``python3 dev.py test`` runs every tier; ``--quick`` runs those
that need no built site, JupyterLab, live app or hub.

The site is built once, by ``tools/build_site.py`` as ``python3 dev.py site`` builds it, and reused
by every test, every xdist worker and the next run for as long as the sources it is built from stay
the same (``build_site.reusable_build``).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import nbval.plugin
import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))  # measure.py: shared by the benchmarks and the tests
sys.path.insert(0, str(ROOT / "book" / "_ext"))  # the book's Sphinx extensions

import build_site  # noqa: E402
from browser import launch  # noqa: E402

CI = bool(os.environ.get("CI"))
# tier -> the fixture that puts a test in it (a test may be in several: a site test drives a browser too)
TIERS = {"site": "built_site", "browser": "browser", "lab": "lab", "lite": "lite", "hub": "hub"}

# Hypothesis: how many examples a property test draws, in one place: the full suite (and CI) draws
# 1,000; the quick loop a tenth.
settings.register_profile("ci", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if CI else "dev"))


def build_site_under_lock() -> dict:
    """The last whole build of the site if it was made from the sources as they are now, else a new
    one (``tools/build_site.py``), made once: whoever comes second waits for the first."""
    build_site.BUILD.mkdir(parents=True, exist_ok=True)
    with open(build_site.BUILD / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        record = build_site.reusable_build()
        if record is None:
            built = subprocess.run(
                [sys.executable, str(ROOT / "tools" / "build_site.py")], cwd=ROOT, capture_output=True, text=True
            )
            record = build_site.last_build()
            if built.returncode != 0 or record is None:
                raise RuntimeError(f"the site did not build:\n{(built.stdout + built.stderr)[-6000:]}")
    return record


def pytest_configure(config) -> None:
    """A whole run (``dev.py test`` sets VEERKRACHT_SITE_FIRST) starts building the site at once, in
    the background, while the workers run the tests that need no site."""
    if os.environ.get("VEERKRACHT_SITE_FIRST") and not hasattr(config, "workerinput"):
        script = "import conftest; conftest.build_site_under_lock()"
        config.vk_site_build = subprocess.Popen(  # the site fixture waits for its lock
            [sys.executable, "-c", script], cwd=ROOT / "tests", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )


def pytest_collection_modifyitems(config, items) -> None:
    """Mark each test with its tiers, from the fixtures it needs (``TIERS``), and run the tests that
    need the site (or a server or a hub) after the others, so the site is built while they run."""
    for item in items:
        needs = set(getattr(item, "fixturenames", ()))
        tiers = [tier for tier, fixture in TIERS.items() if fixture in needs]
        if isinstance(item, nbval.plugin.IPyNbCell):
            tiers.append("nb")
        for tier in tiers or ["unit"]:
            item.add_marker(tier)
    items.sort(key=lambda item: item.get_closest_marker("site") is not None)  # stable: otherwise as collected


def pytest_runtest_logreport(report) -> None:
    """With VEERKRACHT_TIMINGS set (``benchmarks/run.py --suite``), add each test's time (set-up,
    call and tear-down, so a fixture's build counts where it is waited for) to its tiers' sums."""
    if os.environ.get("VEERKRACHT_TIMINGS"):
        tiers = [tier for tier in ("unit", "nb", *TIERS) if tier in report.keywords] or ["unit"]
        for tier in tiers:
            _TIMINGS[tier] = _TIMINGS.get(tier, 0.0) + report.duration
            if report.when == "call":
                _TIMINGS[f"{tier}:count"] = _TIMINGS.get(f"{tier}:count", 0) + 1


def pytest_sessionfinish(session) -> None:
    path = os.environ.get("VEERKRACHT_TIMINGS")
    if path and not hasattr(session.config, "workerinput"):  # xdist's controller sees every report
        Path(path).write_text(json.dumps(_TIMINGS, indent=1), "utf-8")


_TIMINGS: dict[str, float] = {}


def pytest_xdist_make_scheduler(config, log):
    """Workers (``dev.py test`` runs one per core) take a notebook's cells together, in order, in
    one kernel, and every other test on its own: a file's parametrised tests spread over the
    workers instead of queueing on one (the trimmed-styles test's four variants, axe in light and
    dark). Notebooks go first (xdist orders work by its size), then the tests as collected: the
    ones that need the site last, while it builds."""
    from xdist.scheduler import LoadScopeScheduling

    class NotebooksWhole(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path.endswith(".ipynb") else nodeid

    return NotebooksWhole(config, log)


def missing(reason: str) -> None:
    """A tier's tool is missing: skipped on a developer's machine, a failure in CI."""
    if CI:
        pytest.fail(f"{reason} (CI runs every tier: a missing tool fails it)", pytrace=False)
    pytest.skip(reason)


class _ScratchKernel(nbval.plugin.RunningKernel):
    """nbval starts each notebook's kernel in the notebook's folder; a notebook that exports a
    student's results would write them into the course's sources (and two workers into the same
    file). Each notebook runs in a scratch folder of its own instead."""

    def __init__(self, kernel_name, cwd=None, **kwargs):
        super().__init__(kernel_name, cwd=tempfile.mkdtemp(prefix="vk-nbval-"), **kwargs)


nbval.plugin.RunningKernel = _ScratchKernel


@pytest.fixture(scope="session")
def built_site() -> dict:
    """The site as ``python3 dev.py site`` builds it (both editions with warnings as errors, the
    live notebooks in ``lite/``, the PDFs): the last build when it was made from the sources as they
    are now, else built once, under a lock, while other workers wait. ``lite_missing`` says why the
    live notebooks could not be built, if so; ``logs`` holds each edition's build log."""
    try:
        record = build_site_under_lock()
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    return {"dir": Path(record["out"]), "logs": record["logs"], "lite_missing": record["lite_missing"]}


@pytest.fixture(scope="module")
def demos_on_site(built_site) -> list[tuple[str, str]]:
    """(page, demo id) for every demo the built site shows (both editions), checked against the registry."""
    from measure import demo_pages
    from veerkracht.kit.registry import registry

    pages = demo_pages(built_site["dir"])
    assert set(pages) == set(registry())
    return [(path, demo) for demo, paths in pages.items() for path in paths]


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

    def __init__(self, browser, server: str, locale: str = "nl-NL", **options) -> None:
        """``options`` go to the browser context (a phone: ``viewport``, ``has_touch``, ``is_mobile``)."""
        self.server = server
        self.context = browser.new_context(**{"locale": locale, "viewport": {"width": 1280, "height": 900}, **options})
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

    def open_visit(locale: str = "nl-NL", **options) -> Visit:
        visits.append(Visit(browser, server, locale, **options))
        return visits[-1]

    yield open_visit
    for v in visits:
        v.close()


@contextlib.contextmanager
def page_with_scripts(browser, *assets: str):
    """An empty page with the course's scripts (``widgets/assets/<asset>``) loaded, as the book
    loads them on its pages: for tests of a script on its own, without the site."""
    from importlib import resources

    context = browser.new_context()
    page = context.new_page()
    for asset in assets:
        page.add_script_tag(content=resources.files("veerkracht.assets").joinpath(asset).read_text("utf-8"))
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def quiz_page(browser):
    """An empty page with the site's quiz script, as the book loads it on a page of questions."""
    with page_with_scripts(browser, "quiz.js") as page:
        yield page


def site_verdicts(page, cases: list) -> list[dict]:
    """The site script's verdict on each ``[question data, answer]`` pair of ``cases``."""
    return page.evaluate("(cases) => cases.map(([q, a]) => window.VeerkrachtQuiz.grade(q, a))", cases)


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
        server.terminate()  # JupyterLab shuts its kernels down first: on a busy machine that takes a while
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
