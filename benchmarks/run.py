"""Measure what the course promises and print one table, each measure against its budget.

    python benchmarks/run.py              # everything: builds, pages, demos (site, kernel, JupyterLab), tests
    python benchmarks/run.py --quick      # reuse _build/site; skip the builds, JupyterLab and the test suite
    python benchmarks/run.py --lite       # only the live notebooks (site/lite/): bytes and times
    python benchmarks/run.py --lab        # only the demos in JupyterLab: Run All to drawn, repaint
    python benchmarks/run.py --phone      # only the demos on a phone: figure share per control, targets
    python benchmarks/run.py --suite      # only the test suite: dev.py test and --quick, time per tier
    python benchmarks/run.py --suite --burner  # the same with a CPU burner busy on one core beside it

Budgets and their reasons are in benchmarks/budgets.toml; the cheap ones are also enforced by the
test suite (tests/test_budgets.py). Exit status 1 when a measured value is over its budget.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SITE = ROOT / "_build" / "site"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from browser import ARGS, find_chromium, launch  # noqa: E402
from build_site import toc_pages  # noqa: E402
from measure import (  # noqa: E402
    PHONES,
    budgets,
    demo_pages,
    figure_shares,
    first_display,
    kernel_update_ms,
    median_p95,
    saved_chapter_kib,
    serve,
    site_repaint_ms,
    target_sizes,
    visit_weight,
)
from veerkracht.kit.registry import registry  # noqa: E402


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def site_pages() -> list[str]:
    return sorted(
        p.relative_to(SITE).as_posix()
        for p in SITE.rglob("*.html")
        if not {"_sources", "_static", "lite"} & set(p.relative_to(SITE).parts)
    )


def browser_measures(rows: list, limits: dict) -> None:
    from playwright.sync_api import sync_playwright

    pages = demo_pages(SITE)
    shown = [path for paths in pages.values() for path in paths]
    with serve(SITE) as (base, requests), sync_playwright() as playwright:
        browser = launch(playwright)
        worst = (0, "")
        for path in site_pages():
            context = browser.new_context()
            files, raw, packed = visit_weight(context, f"{base}/{path}?stay", requests)
            context.close()
            worst = max(worst, (packed, path))
            if path in shown:
                context = browser.new_context()
                files0, raw0, packed0 = visit_weight(context, f"{base}/{path}?stay", requests, read_to_end=False)
                context.close()
                shown_first = f"{packed0 / 1024:.0f} KiB gzip ({raw0 / 1024:.0f} KiB raw, {files0} files)"
                rows.append((f"first screen only {path} (before any scrolling)", shown_first, None, None))
            if path in shown or path.endswith("welcome.html") or "/chapters/" in path or "exercises" in path:
                rows.append(
                    (
                        f"first visit {path}",
                        f"{packed / 1024:.0f} KiB gzip ({raw / 1024:.0f} KiB raw, {files} files)",
                        packed / 1024,
                        "first_visit_kib",
                    )
                )
        rows.append(
            (
                "first visit, heaviest page",
                f"{worst[0] / 1024:.0f} KiB gzip ({worst[1]})",
                worst[0] / 1024,
                "first_visit_kib",
            )
        )
        context = browser.new_context()
        start = len(requests)
        first, *rest = shown
        edition = first.split("/")[0]
        visit_weight(context, f"{base}/{edition}/{toc_pages(edition)[0]}.html", requests)
        files, raw, packed = visit_weight(context, f"{base}/{first}", requests)
        later = f"{packed / 1024:.0f} KiB gzip ({files} files)"
        rows.append((f"later page: {first} after the edition's first page", later, None, None))
        for path in rest:
            visit_weight(context, f"{base}/{path}", requests)
        fetches = sum("plotly" in path for path, _ in requests[start:])
        name = "plotly.js fetches, every demo page of both editions"
        rows.append((name, str(fetches), fetches, "plotly_fetches_per_site"))
        for demo, paths in pages.items():
            page = context.new_page()
            page.goto(f"{base}/{paths[0]}", wait_until="networkidle")
            median, p95 = median_p95(site_repaint_ms(page, demo, 200))
            page.close()
            rows.append(
                (
                    f"{demo} demo on the site: slider to repaint",
                    f"median {median:.1f} ms, p95 {p95:.1f} ms (200)",
                    p95,
                    "site_repaint_ms",
                )
            )
        context.close()
        browser.close()


LITE_NOTEBOOK = "lite/notebooks/index.html?path=chapters/en/01-resilience.ipynb"
RAN_FIRST = "() => document.querySelector('.jp-OutputArea-output') !== null"  # a first cell's result
# What a static host sends as it is: the wheels and the standard library are zip archives, already
# compressed (hosts compress text, scripts, JSON and WebAssembly); every other file counts gzipped.
STORED = (".whl", ".zip")


def lite_visit(context, base: str, requests: list, notebook: str = LITE_NOTEBOOK, figures: int = 1):
    """A chapter (chapter 1 in English by default) in the live app, which runs it by itself: (files,
    bytes sent as a static host sends them, seconds to the first cell's result, seconds until
    ``figures`` demo figures are drawn), from the page's opening (the reader's click)."""
    import gzip

    start, t0 = len(requests), time.perf_counter()
    page = context.new_page()
    page.goto(f"{base}/{notebook}")
    page.wait_for_function(RAN_FIRST, timeout=300_000)
    first = time.perf_counter() - t0
    page.wait_for_function(
        "(n) => document.querySelectorAll('.jp-OutputArea-output .js-plotly-plot .main-svg').length >= n",
        arg=figures,
        timeout=300_000,
    )
    demo = time.perf_counter() - t0
    page.wait_for_load_state("networkidle")
    page.close()
    files = [file for _, file in requests[start:] if file.is_file()]
    sent = sum(len(f.read_bytes()) if f.suffix in STORED else len(gzip.compress(f.read_bytes(), 6)) for f in files)
    return len(files), sent, first, demo


def lite_measures(rows: list) -> None:
    """The live notebooks (site/lite/): bytes of a first and a second visit (same browser, its
    cache kept), and the time to the first cell's result and to the live demo on each."""
    from playwright.sync_api import sync_playwright

    if not (SITE / "lite" / "static" / "pyodide").is_dir():
        rows.append(("live notebooks (lite/)", "not built on this machine", None, None))
        return
    # A browser profile on disk, as a reader's: its HTTP cache keeps the large files (the Python
    # runtime, plotly's wheel) that a throwaway context's small memory cache would fetch again.
    with (
        serve(SITE) as (base, requests),
        sync_playwright() as playwright,
        tempfile.TemporaryDirectory() as profile,
    ):
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=find_chromium(), args=ARGS, viewport={"width": 1280, "height": 900}
        )
        for visit in ("first", "second"):
            files, packed, first, demo = lite_visit(context, base, requests)
            unit, size = ("MiB", packed / 2**20) if visit == "first" else ("KiB", packed / 1024)
            budget = f"lite_{visit}_visit_{unit.lower()}"
            name = f"live chapter 1, {visit} visit:"
            served = f"{size:.1f} {unit} ({files} files; .whl and .zip as they are, the rest gzip)"
            rows.append((f"{name} bytes", served, size, budget))
            rows.append((f"{name} first cell's result", f"{first:.1f} s", first, "lite_first_result_s"))
            rows.append((f"{name} live demo drawn", f"{demo:.1f} s", demo, f"lite_demo_{visit}_visit_s"))
        # Every demo live, each in the first English chapter that shows it, the runtime cached: from
        # the first cell's result (Python is up) to the chapter's demos drawn.
        for path in dict.fromkeys(p for paths in demo_pages(SITE).values() for p in paths if p.startswith("en/")):
            source = (ROOT / Path(path).relative_to("en")).with_suffix(".md")
            figures = len(re.findall(r"^\w+Demo\(", source.read_text("utf-8"), re.M))
            notebook = f"lite/notebooks/index.html?path={Path(path).relative_to('en').with_suffix('.ipynb')}"
            _, _, first, demo = lite_visit(context, base, requests, notebook, figures)
            shown = f"{demo - first:.1f} s ({figures} figure{'s' if figures > 1 else ''}; Python up at {first:.1f} s)"
            rows.append((f"live {Path(path).stem}: first result to demos drawn", shown, None, None))
        context.close()


def lab_measure(rows: list) -> None:
    """For each demo, a control moved in JupyterLab (headless Chromium, keyboard) until the plot
    repainted, in the first English page that shows it."""
    for demo, paths in demo_pages(SITE).items():
        english = next(path for path in paths if path.startswith("en/"))
        source = Path(english).relative_to("en").with_suffix(".ipynb").as_posix()  # as dev.py lab opens it
        lab_measure_one(rows, demo, source)


# The time from the key to the figure's repaint, or null after 10 s without one.
REPAINTED = """() => Promise.race([
    window.__vkDone.then((t) => t - window.__vkStart), new Promise((resolve) => setTimeout(resolve, 10000)),
])"""


def lab_measure_one(rows: list, demo: str, source: str) -> None:
    """The notebook ``source`` opened in JupyterLab and run (Run All) until ``demo``'s figure is
    drawn, as a lecturer does; then a control moved until the plot repainted."""
    import socket

    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    lab = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("jupyter")),
            "lab",
            "--no-browser",
            f"--port={port}",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            "--allow-root",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for _ in range(60):
                try:
                    page.goto(f"http://127.0.0.1:{port}/lab/tree/{source}?reset")
                    break
                except Exception:
                    time.sleep(1)
            page.wait_for_selector(".jp-Notebook", timeout=60_000)
            page.wait_for_timeout(3000)
            page.click("text=Run", timeout=10_000)
            start = time.perf_counter()
            page.click("text=Run All Cells", timeout=10_000)
            page.wait_for_selector(".js-plotly-plot .scatterlayer", timeout=120_000)
            first = time.perf_counter() - start
            rows.append((f"{demo} demo in JupyterLab ({source}): Run All to drawn", f"{first:.1f} s", None, None))
            page.wait_for_timeout(2000)
            handle = page.locator(".jp-OutputArea-output input[type=range]").first
            handle.focus()
            times = []
            for _ in range(200):
                page.evaluate("""() => {
                    // the whole figure: Plotly.react may redraw its layers anew
                    const layer = document.querySelector('.jp-OutputArea-output .js-plotly-plot');
                    window.__vkDone = new Promise((resolve) => {
                        const seen = new MutationObserver(() => { seen.disconnect(); resolve(performance.now()); });
                        seen.observe(layer, {subtree: true, attributes: true, childList: true});
                    });
                    window.__vkStart = performance.now();
                }""")
                # to the other end of the slider and back (as tests/test_lab_accessibility.py moves it)
                page.keyboard.press("Home" if handle.input_value() == handle.get_attribute("max") else "End")
                took = page.evaluate(REPAINTED)
                if took is None:  # no repaint within 10 s: say so rather than wait for ever
                    raise RuntimeError(f"{demo} in JupyterLab: no repaint after a key on its first slider")
                times.append(took)
            browser.close()
        median, p95 = median_p95(times)
        rows.append(
            (
                f"{demo} demo in JupyterLab: key to repaint",
                f"median {median:.0f} ms, p95 {p95:.0f} ms (200)",
                median,
                "jupyterlab_repaint_ms",
            )
        )
    finally:
        lab.terminate()
        lab.wait(timeout=30)


def lighthouse_measure(rows: list) -> None:
    """Lighthouse (mobile preset) on every page of both tables of contents: reported, not budgeted."""
    import lighthouse

    with lighthouse.gzip_host(SITE) as base:
        for page in lighthouse.site_pages():
            found = lighthouse.median_scores(f"{base}/{page}")
            shown = " / ".join(str(found[name]) for name in lighthouse.CATEGORIES)
            extra = f"first paint {found['first paint']}, blocking {found['blocking']}"
            rows.append((f"lighthouse perf/a11y/best/seo {page}", f"{shown} ({extra})", None, None))


def pdf_measures(rows: list) -> None:
    """Each edition's course PDF (printed by tools/build_site.py): its pages and its size."""
    from course_pdf import PDF_NAME
    from pypdf import PdfReader

    for edition in ("nl", "en"):
        path = SITE / edition / PDF_NAME.format(edition=edition)
        if not path.is_file():
            rows.append((f"course PDF {edition}", "not built (no Chromium when the site was built)", None, None))
            continue
        mib = path.stat().st_size / 2**20
        shown = f"{mib:.1f} MiB, {len(PdfReader(path).pages)} pages"
        rows.append((f"course PDF {edition}", shown, mib, "course_pdf_mib"))


def main() -> int:
    parser = argparse.ArgumentParser(description="Veerkracht benchmarks")
    parser.add_argument("--quick", action="store_true", help="reuse _build/site; no builds, JupyterLab or tests")
    parser.add_argument("--lite", action="store_true", help="only the live notebooks (reuses _build/site)")
    parser.add_argument("--lab", action="store_true", help="only the demos in JupyterLab (reuses _build/site)")
    parser.add_argument("--phone", action="store_true", help="only the demos on a phone (reuses _build/site)")
    parser.add_argument("--suite", action="store_true", help="only the test suite's times, whole and --quick")
    parser.add_argument("--burner", action="store_true", help="with --suite: a CPU burner on one core beside it")
    args = parser.parse_args()
    limits = budgets()
    rows: list[tuple[str, str, float | None, str | None]] = []
    if args.lite:
        lite_measures(rows)
        return report(rows, limits)
    if args.lab:
        lab_measure(rows)
        return report(rows, limits)
    if args.phone:
        phone_measures(rows)
        return report(rows, limits)
    if args.suite:
        suite_measures(rows, burner=args.burner)
        return report(rows, limits)
    if not args.quick:
        shutil.rmtree(ROOT / "_build", ignore_errors=True)
        rows.append(
            ("cold build, both editions", f"{timed([sys.executable, 'tools/build_site.py']):.1f} s", None, None)
        )
        rows.append(
            ("warm build, notebooks cached", f"{timed([sys.executable, 'tools/build_site.py']):.1f} s", None, None)
        )
    for demo in registry():
        median, p95 = median_p95(kernel_update_ms(demo, 200))
        shown = f"median {median:.1f} ms, p95 {p95:.1f} ms (200)"
        rows.append((f"{demo} demo update in the kernel", shown, p95, "kernel_update_ms"))
    kernel_display_measures(rows)
    browser_measures(rows, limits)
    pdf_measures(rows)
    lite_measures(rows)
    if not args.quick:
        lab_measure(rows)
        lighthouse_measure(rows)
        suite_measures(rows)
    return report(rows, limits)


def kernel_display_measures(rows: list) -> None:
    """Every demo's first display in a fresh CPython kernel (median of 5), its saved output, and
    the chapter with the most demos run and saved as a lecturer would."""
    import statistics

    chapter = max(sorted((ROOT / "chapters" / "nl").glob("*.md")), key=lambda p: p.read_text("utf-8").count("Demo("))
    notebook, outputs = saved_chapter_kib(chapter)
    shown = f"{notebook:.0f} KiB, of which {outputs:.0f} KiB outputs"
    rows.append((f"{chapter.stem} (nl) run and saved", shown, None, None))
    for demo in registry():
        times, size = first_display(demo)
        shown = f"median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, 5 kernels)"
        rows.append(
            (f"{demo} demo, first display in a fresh kernel", shown, statistics.median(times), "first_display_s")
        )
        rows.append(
            (f"{demo} demo, its output in a saved notebook", f"{size / 1024:.1f} KiB", size / 1024, "demo_output_kib")
        )


def phone_measures(rows: list) -> None:
    """Each demo on its first page at both phone sizes (touch): the share of its figure on screen
    while each control is (figure_shares, the least of scrolling to it and focusing it), and the
    smallest target a finger aims at on any page with demos or questions."""
    from playwright.sync_api import sync_playwright

    pages = demo_pages(SITE)
    with serve(SITE) as (base, _), sync_playwright() as playwright:
        browser = launch(playwright)
        for size, viewport in PHONES.items():
            smallest = (float("inf"), "")
            for demo, paths in pages.items():
                context = browser.new_context(viewport=viewport, has_touch=True, is_mobile=True)
                page = context.new_page()
                page.goto(f"{base}/{paths[0]}?stay", wait_until="networkidle")
                root = page.locator(f'.vk-demo[data-vk-demo="{demo}"]').first
                root.scroll_into_view_if_needed()
                page.wait_for_function("(el) => el.dataset.vkState === 'drawn'", arg=root.element_handle())
                shares = figure_shares(page, root)
                shown = " ".join(f"{name} {'-' if v is None else f'{v:.0%}'}" for name, v in shares.items())
                least = min((v or 0.0) for v in shares.values())
                name = f"{demo} at {size}: figure in view per control"
                rows.append((name, shown, least * 100, "phone_figure_share_pct"))
                for width, height, what in target_sizes(page):
                    smallest = min(smallest, (min(width, height), f"{what} ({width:g} x {height:g})"))
                context.close()
            rows.append((f"smallest target at {size}, demo pages", f"{smallest[0]:g} px: {smallest[1]}", None, None))
        browser.close()


def suite_measures(rows: list, burner: bool = False) -> None:
    """The test suite as a developer and CI run it (``dev.py test``, after the site's record is
    removed so it builds the site once as on a clean clone) and the quick loop (``--quick``): wall
    time, and each tier's summed test time (set-up included, two workers, so the sums exceed the
    wall time). ``burner``: a process keeps one core busy the whole time, as a busy laptop would."""
    import json
    import os

    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if burner else None
    beside = ", a CPU burner on one core beside it" if burner else ""
    try:
        for name, extra, budget in (("whole", [], "full_suite_min"), ("quick", ["--quick"], "quick_suite_min")):
            if not extra:  # the whole run builds the site, as on a clean clone
                (ROOT / "_build" / "site.json").unlink(missing_ok=True)
            with tempfile.TemporaryDirectory() as scratch:
                timings = Path(scratch) / "tiers.json"
                env = {**os.environ, "VEERKRACHT_TIMINGS": str(timings)}
                start = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "dev.py", "test", *extra, "-q", "-p", "no:cacheprovider"],
                    cwd=ROOT,
                    env=env,
                    capture_output=True,
                    text=True,
                )
                minutes = (time.perf_counter() - start) / 60
                tiers = json.loads(timings.read_text("utf-8")) if timings.is_file() else {}
            summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "no output"
            rows.append((f"test suite, {name}{beside}", f"{minutes:.1f} min: {summary}", minutes, budget))
            for tier in ("unit", "nb", "browser", "site", "lab", "lite", "hub"):
                if tier in tiers:
                    count = int(tiers.get(f"{tier}:count", 0))
                    shown = f"{tiers[tier] / 60:.1f} min summed, {count} tests"
                    rows.append((f"  {name}: {tier} tier", shown, None, None))
    finally:
        if busy:
            busy.kill()


def report(rows: list, limits: dict) -> int:
    """Print the table, each measure against its budget; 1 when one is over budget."""
    width = max(len(name) for name, *_ in rows)
    broken = 0
    print(f"{'measure':<{width}}  {'value':<58}  budget")
    for name, value, number, budget in rows:
        verdict = ""
        if budget:
            limit = limits[budget]["budget"]
            ok = number >= limit if limits[budget].get("least") else number <= limit
            broken += not ok
            verdict = f"{limit:g} {'ok' if ok else 'OVER BUDGET'}"
        print(f"{name:<{width}}  {value:<58}  {verdict}")
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
