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


def saved_chapter_kib(chapter: Path) -> tuple[float, float]:
    """A chapter (MyST notebook) run top to bottom in a fresh kernel and saved as JupyterLab saves it
    (outputs, no widget state): (KiB of the notebook, KiB of its outputs)."""
    import json

    import jupytext
    from nbclient import NotebookClient

    notebook = jupytext.read(chapter)
    NotebookClient(notebook, kernel_name="python3", timeout=600, store_widget_state=False).execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    return len(json.dumps(notebook)) / 1024, len(json.dumps(outputs)) / 1024


# A phone as the tests and the report hold the demos to it (portrait, touch).
PHONES = {"360x740": {"width": 360, "height": 740}, "390x844": {"width": 390, "height": 844}}

FIGURE_SHARES = """async (root) => {
    // For each control of the demo: the share of its figure (.vk-plot) on screen, below the page's
    // sticky header, while the control is fully on screen and not under the figure. A reader sees a
    // control in two ways: scrolling down, it comes up from the bottom of the screen; working it, it
    // sits right under the figure (where focus puts it). The smaller of the two shares counts.
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const header = () => {
        const bar = document.querySelector(".bd-header-article");
        return bar ? Math.max(0, bar.getBoundingClientRect().bottom) : 0;
    };
    const plot = root.querySelector(".vk-plot");
    const stage = root.querySelector(".vk-stage");
    const share = () => {
        const r = plot.getBoundingClientRect();
        const top = Math.max(r.top, header());
        const bottom = Math.min(r.bottom, window.innerHeight);
        return Math.max(0, bottom - top) / r.height;
    };
    const shown = (el) => {
        // fully on screen, and below whatever covers the top (header, a sticky figure)
        const r = el.getBoundingClientRect();
        const s = stage.getBoundingClientRect();
        const cover = Math.max(header(), stage.contains(el) ? 0 : s.bottom > 0 && s.top <= header() + 1 ? s.bottom : 0);
        return r.top >= cover - 1 && r.bottom <= window.innerHeight + 1;
    };
    const out = {};
    for (const control of root.querySelectorAll("[data-param]")) {
        const box = control.closest(".vk-control");
        const shares = [];
        // 1. scrolled down until the control's box has just come up at the bottom of the screen
        window.scrollBy(0, box.getBoundingClientRect().bottom - window.innerHeight);
        await frame();
        if (shown(control)) shares.push(share());
        // 2. focused, as the keyboard or a tap does: the browser brings it into view
        control.focus({ preventScroll: false });
        control.scrollIntoView({ block: "nearest" });
        await frame();
        if (shown(control)) shares.push(share());
        out[control.dataset.param] = shares.length ? Math.min(...shares) : null;
        control.blur();
    }
    return out;
}"""


def figure_shares(page, root) -> dict[str, float | None]:
    """Parameter -> the share (0-1) of the demo's figure on screen while that control is (the
    smaller share of scrolling down to it and of focusing it); None when the control could not be
    brought on screen uncovered at all."""
    return page.evaluate(FIGURE_SHARES, root.element_handle())


SMALL_TARGETS = """(selectors) => {
    // Every control a reader taps in the demos and questions, as its tappable box: a choice's label
    // (a tap on it ticks the box), else the control itself. [width, height, a name for the report].
    const out = [];
    for (const el of document.querySelectorAll(selectors)) {
        if (el.offsetParent === null && getComputedStyle(el).position !== "fixed") continue; // hidden
        const target = el.closest("label") || el;
        const r = target.getBoundingClientRect();
        const name = (el.closest("[data-vk-demo], [data-vk-question], .vk-quiz-summary")?.id || "")
            + " " + (el.dataset.param || el.className || el.tagName.toLowerCase());
        out.push([Math.round(r.width * 10) / 10, Math.round(r.height * 10) / 10, name.trim()]);
    }
    return out;
}"""
# What a reader taps: the demos' controls, presets, play button and link; the questions' choices,
# lists, fields and buttons; the score box's buttons.
TARGETS = ", ".join(
    [
        ".vk-demo input",
        ".vk-demo select",
        ".vk-demo button",
        ".vk-demo .vk-share a",
        ".vk-question input",
        ".vk-question select",
        ".vk-question textarea",
        ".vk-question button",
        ".vk-question .vk-q-demo a",
        ".vk-quiz-summary button",
    ]
)


def target_sizes(page) -> list[tuple[float, float, str]]:
    """(width, height, what) in CSS px of every demo and quiz control on the page (TARGETS)."""
    return [tuple(t) for t in page.evaluate(SMALL_TARGETS, TARGETS)]
