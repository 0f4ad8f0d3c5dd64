"""Lighthouse scores of the built site as a phone sees it (Lighthouse 12's mobile preset: simulated
slow 4G and a 4x slower CPU), served gzip-compressed with long cache lifetimes as a static host
does. Lighthouse comes from npm into benchmarks/.node on first use; Chromium is the system's.

    .venv/bin/python benchmarks/lighthouse.py [page ...]   (default: every page of both tables of contents)

Each page is measured three times and the median run reported (with the lowest score seen):
single Lighthouse runs vary by several points, more so on a busy machine.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tools"))

from browser import find_chromium  # noqa: E402
from build_site import BUILD, EDITIONS, toc_pages  # noqa: E402

NODE = HERE / ".node"
LIGHTHOUSE = NODE / "node_modules" / ".bin" / "lighthouse"
VERSION = "12"  # the version the course's figures were first measured with
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PACKED = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml"}


class GzipHost(http.server.SimpleHTTPRequestHandler):
    """Sends text files gzip-compressed, with a year's cache lifetime, as a static host does."""

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path.split("?")[0]))
        path = path / "index.html" if path.is_dir() else path
        if not path.is_file():
            self.send_error(404)
            return
        body, kind = path.read_bytes(), self.guess_type(str(path))
        packed = "gzip" in self.headers.get("Accept-Encoding", "") and kind.split(";")[0] in PACKED
        if packed:
            body = gzip.compress(body, 6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "public, max-age=31536000")
        if packed:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def gzip_host(site: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHost, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def ensure_lighthouse() -> Path:
    if not LIGHTHOUSE.exists():
        NODE.mkdir(exist_ok=True)
        command = ["npm", "install", "--prefix", str(NODE), "--no-audit", "--no-fund", f"lighthouse@{VERSION}"]
        subprocess.run(command, check=True, capture_output=True)
    return LIGHTHOUSE


def scores(url: str) -> dict[str, float | str]:
    """Lighthouse's four category scores (0–100) and its first paint and blocking time for ``url``."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [
                str(ensure_lighthouse()),
                url,
                "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
                "--output=json",
                f"--output-path={report}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "CHROME_PATH": find_chromium() or "chromium"},
            timeout=300,
        )
        data = json.loads(report.read_text("utf-8"))
    result: dict[str, float | str] = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    result["first paint"] = data["audits"]["first-contentful-paint"]["displayValue"]
    result["blocking"] = data["audits"]["total-blocking-time"]["displayValue"]
    return result


def site_pages() -> list[str]:
    return [f"{edition}/{page}.html" for edition in EDITIONS for page in toc_pages(edition)]


RUNS = 3  # Lighthouse's own advice: one run varies; report the median of a few


def median_scores(url: str, runs: int = RUNS) -> dict[str, float | str]:
    """The run with the median performance score out of ``runs`` (its other figures with it), and
    the lowest performance score seen, so a page that is sometimes slow shows it."""
    results = sorted((scores(url) for _ in range(runs)), key=lambda r: r["performance"])
    middle = dict(results[len(results) // 2])
    middle["lowest performance"] = results[0]["performance"]
    return middle


def main(pages: list[str]) -> int:
    with gzip_host(BUILD / "site") as base:
        for page in pages or site_pages():
            print(page, median_scores(f"{base}/{page}"), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
