"""Measurements shared by benchmarks/run.py and the test suite's budget gate."""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import statistics
import threading
import time
import tomllib
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent


def budgets() -> dict[str, dict]:
    """The budgets, each with its measure and reason (benchmarks/budgets.toml)."""
    return tomllib.loads((HERE / "budgets.toml").read_text("utf-8"))


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves files as a static host does, with a cache lifetime, and records each file it sends
    (``requests``: the path asked for and the file on disk)."""

    requests: list[tuple[str, Path]]

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "public, max-age=600")
        super().end_headers()

    def send_head(self):
        body = super().send_head()
        if body is not None:
            path = Path(self.translate_path(self.path))
            self.requests.append((self.path, path / "index.html" if path.is_dir() else path))
        return body

    def log_message(self, *args) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that got what it needed may close a connection mid-answer (a 404 for
    /favicon.ico, say); that is no error worth a traceback."""

    def handle_error(self, request, client_address) -> None:
        pass


@contextmanager
def serve(site: Path):
    """The folder ``site`` on http://127.0.0.1:<port>; yields (base url, list of files sent)."""
    requests: list[tuple[str, Path]] = []
    handler = type("Recorder", (StaticHost,), {"requests": requests})
    httpd = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()


SCROLL_THROUGH = """async () => {
    // Read the page to its end, a screen at a time, so whatever loads on the way (a demo's
    // plotly.js and states) counts too.
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
        window.scrollTo(0, y);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}"""


def visit_weight(context, url: str, requests: list[tuple[str, Path]], read_to_end: bool = True) -> tuple[int, int, int]:
    """(files, raw bytes, gzip bytes) the server sent to show ``url`` in ``context`` (and, with
    ``read_to_end``, to scroll to its end): what goes over the network, so files the browser had
    cached do not count."""
    start = len(requests)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    if read_to_end:
        page.evaluate(SCROLL_THROUGH)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
    page.close()
    bodies = [file.read_bytes() for _, file in requests[start:]]
    return len(bodies), sum(map(len, bodies)), sum(len(gzip.compress(b, 6)) for b in bodies)


def demo_pages(site: Path) -> dict[str, list[str]]:
    """Demo id -> the pages of the built site that show it (both editions), found in the HTML."""
    found: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        if {"_sources", "_static", "lite"} & set(page.relative_to(site).parts):
            continue
        for demo in dict.fromkeys(re.findall(r'data-vk-demo="(\w+)"', page.read_text("utf-8"))):
            found.setdefault(demo, []).append(page.relative_to(site).as_posix())
    return found


def site_repaint_ms(page, demo: str, updates: int = 40) -> list[float]:
    """Main-thread work (ms) of one move of the first control of the first ``demo`` on the page,
    until the figure is redrawn: the input's handler, plus the work plotly does in the next frame
    (its animation step, which demo.js uses for a move that changes only some traces), style and
    layout included. Whether it fits in a frame (16.7 ms at 60 Hz) decides whether a dragged slider
    stays smooth; the wait for the frame itself is the browser's, not work, and is not counted."""
    return page.evaluate(
        """async ([demo, n]) => {
            const root = document.querySelector(`.vk-demo[data-vk-demo="${demo}"]`);
            root.scrollIntoView();
            while (root.dataset.vkState !== 'drawn') await new Promise((resolve) => setTimeout(resolve, 50));
            const input = root.querySelector('[data-param]');
            const size = input.tagName === 'SELECT' ? input.options.length : Number(input.max) + 1;
            const times = [];
            for (let i = 0; i < n; i++) {
                await new Promise((resolve) => setTimeout(resolve, 20));  // as a drag: a move a frame at most
                const drawn = new Promise((resolve) => root.addEventListener('vk-drawn', resolve, { once: true }));
                const t0 = performance.now();
                input.value = String((Number(input.value) + 1) % size);
                input.dispatchEvent(new Event('input'));
                const handler = performance.now() - t0;
                // plotly's animation step runs in the next frame before this callback (registered after it)
                const frame = await new Promise((resolve) => requestAnimationFrame((start) => {
                    root.getBoundingClientRect();  // style and layout of what was drawn
                    resolve(performance.now() - Math.max(start, t0 + handler));
                }));
                await drawn;
                times.push(handler + frame);
            }
            return times;
        }""",
        [demo, updates],
    )


def kernel_update_ms(demo: str, updates: int = 200) -> list[float]:
    """Times (ms) of one live update of ``demo`` in this Python process (the kernel's work):
    a control moved, the model rerun, the figure and texts redrawn."""
    from veerkracht.kit.registry import registry

    live = registry()[demo](lang="nl")
    cycle = [(p.name, value) for p in live.spec.params for value in p.values]
    times = []
    for i in range(updates):
        name, value = cycle[i % len(cycle)]
        control = live.controls[name]
        if control.value == value:
            values = live.spec.param(name).values
            value = values[0] if value != values[0] else values[-1]
        start = time.perf_counter()
        control.value = value
        times.append((time.perf_counter() - start) * 1000)
    return times


def median_p95(times: list[float]) -> tuple[float, float]:
    return statistics.median(times), statistics.quantiles(times, n=20)[18]


def first_display(demo: str, lang: str = "nl", runs: int = 5) -> tuple[list[float], int]:
    """Seconds from sending a chapter's demo cell (``from <module> import <Demo>`` and
    ``<Demo>(lang=...)``) to a fresh CPython kernel until its output arrives, over ``runs`` fresh
    kernels (the kernel's start is not counted); and the bytes of that output as a saved notebook
    keeps it (its JSON)."""
    import json

    from jupyter_client.manager import start_new_kernel
    from veerkracht.kit.registry import registry

    cls = registry()[demo]
    cell = f"from {cls.__module__} import {cls.__name__}\n{cls.__name__}(lang={lang!r})"
    times, size = [], 0
    for _ in range(runs):
        manager, client = start_new_kernel(kernel_name="python3")
        try:
            client.execute("1", silent=True)  # the kernel is up and answering
            client.get_shell_msg(timeout=60)
            start = time.perf_counter()
            client.execute(cell)
            while True:
                message = client.get_iopub_msg(timeout=300)
                kind = message["msg_type"]
                if kind in ("display_data", "execute_result"):
                    times.append(time.perf_counter() - start)
                    output = {"output_type": kind, "data": message["content"]["data"], "metadata": {}}
                    size = len(json.dumps(output))
                    break
                if kind == "error":
                    raise RuntimeError("\n".join(message["content"]["traceback"]))
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    return times, size
