"""Measure what the course promises, and print one table.

    python benchmarks/run.py            # all: cold build, page weight, kernel update time
    python benchmarks/run.py --no-build # reuse _build/site (page weight and kernel only)

- cold build: both editions from nothing (``_build`` removed, notebooks executed again);
- warm build: the same with executed notebooks cached;
- page weight: the bytes a browser fetches on a first visit to a page, raw and gzip-compressed
  (as a static host sends them), with headless Chromium over a local server;
- kernel update: one spring-demo update in the kernel (model and figure), median and p95 over
  200 updates that each change a control.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "site"
PAGES = ["nl/chapters/nl/01-resilience.html", "en/chapters/en/01-resilience.html", "nl/book/nl/welcome.html"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def timed_build() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "tools/build_site.py"], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def page_weights(pages: list[str]) -> dict[str, tuple[int, int, int]]:
    """Per page: (requests, raw bytes, gzip bytes) of a first visit with an empty cache."""
    from playwright.sync_api import sync_playwright

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    chromium = os.environ.get("VEERKRACHT_CHROMIUM") or shutil.which("chromium")
    out = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for page_path in pages:
            context = browser.new_context()
            page = context.new_page()
            bodies: list[bytes] = []
            page.on("response", lambda r, bodies=bodies: bodies.append(r.body()) if r.ok else None)
            page.goto(f"{base}/{page_path}", wait_until="networkidle")
            raw = sum(len(b) for b in bodies)
            packed = sum(len(gzip.compress(b, compresslevel=6)) for b in bodies)
            out[page_path] = (len(bodies), raw, packed)
            context.close()
        browser.close()
    httpd.shutdown()
    return out


def kernel_updates(n: int = 200) -> tuple[float, float]:
    """Median and p95 (ms) of one update of the live spring demo: a control moves, the model
    reruns, the FigureWidget and outcome are redrawn."""
    sys.path.insert(0, str(ROOT))
    from widgets import SpringDemo
    from widgets.spring_demo import GRID

    demo = SpringDemo(lang="nl")
    panel = demo.panel
    cycle = [(name, value) for name, values in GRID.items() for value in values]
    times = []
    for i in range(n):
        name, value = cycle[i % len(cycle)]
        if panel._controls[name].value == value:
            value = GRID[name][0] if value != GRID[name][0] else GRID[name][-1]
        start = time.perf_counter()
        panel._controls[name].value = value
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[18]


def main() -> None:
    parser = argparse.ArgumentParser(description="Veerkracht benchmarks")
    parser.add_argument("--no-build", action="store_true", help="measure the existing _build/site")
    args = parser.parse_args()
    rows = []
    if not args.no_build:
        shutil.rmtree(ROOT / "_build", ignore_errors=True)
        rows.append(("cold build, both editions", f"{timed_build():.1f} s"))
        rows.append(("warm build, notebooks cached", f"{timed_build():.1f} s"))
    for page, (count, raw, packed) in page_weights(PAGES).items():
        rows.append((f"first visit {page}", f"{packed / 1024:.0f} KiB gzip ({raw / 1024:.0f} KiB raw, {count} files)"))
    median, p95 = kernel_updates()
    rows.append(("spring demo update in the kernel", f"median {median:.1f} ms, p95 {p95:.1f} ms (200 updates)"))
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  value")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
