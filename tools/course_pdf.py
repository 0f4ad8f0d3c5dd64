"""The whole course as one PDF per edition, printed from the built site by headless Chromium.

    python tools/course_pdf.py [--site _build/site] [--edition nl]

Every page of an edition's table of contents is printed as the reader sees it (the theme's print
styles drop the menus; ``veerkracht.css`` drops the demos' controls), after each demo has drawn its
first state: a demo becomes a still, with the address of its live version on the website beneath
it. A cover with the contents and their page numbers comes first, and the PDF's outline has one
entry per page. Nothing is fetched from another host: a page that asks for one fails the build,
naming the page and the address. Links between pages point to the published site (``vk_site_url``).
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import io
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from build_site import BUILD, EDITIONS, ROOT, merged, toc_pages

PDF_NAME = "veerkracht-{edition}.pdf"  # in the edition's folder of the site
PAPER = {"format": "A4", "margin": {"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}}
VIEWPORT = {"width": 672, "height": 950}  # A4 less the margins, in CSS pixels: the demos lay out as printed
FOOTER = (
    '<div style="font-size:8px;color:#555;width:100%;padding:0 16mm;display:flex;'
    'justify-content:space-between"><span>{title}</span><span class="pageNumber"></span></div>'
)

# Before printing: draw every demo (they start when they come near the screen), put the address of
# its live version under it, and point links to other pages at the published site.
PREPARE = """async ({site, liveText}) => {
  const local = location.origin + "/";
  for (const demo of document.querySelectorAll(".vk-demo")) {
    demo.scrollIntoView();
    const start = Date.now();
    while (demo.dataset.vkState !== "drawn") {
      if (Date.now() - start > 20000) throw new Error("demo " + demo.id + " did not draw");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const live = site + location.pathname.slice(1) + "#" + demo.id;
    const note = document.createElement("p");
    note.className = "vk-print-link";
    const link = document.createElement("a");
    link.href = live;
    link.textContent = live;
    const [before, after] = liveText.split("{url}");
    note.append(before, link, after);
    demo.append(note);
  }
  // Laid out for print now (the menus gone, the article's own width): fit each figure to it.
  for (const plot of document.querySelectorAll(".js-plotly-plot")) await window.Plotly.Plots.resize(plot);
  for (const a of document.querySelectorAll("a[href]")) {
    if (a.href.startsWith(local)) a.href = site + a.href.slice(local.length);
  }
  window.scrollTo(0, 0);
  await document.fonts.ready;
}"""

COVER = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title><style>
body {{ font-family: system-ui, sans-serif; color: #1a1a1a; margin: 0; }}
h1 {{ font-size: 34px; margin: 0 0 6px; }}
.sub {{ font-size: 15px; color: #444; margin: 0 0 28px; }}
h2 {{ font-size: 18px; margin: 28px 0 8px; }}
ol {{ list-style: none; padding: 0; margin: 0; }}
li {{ display: flex; gap: 8px; font-size: 13px; padding: 3px 0; border-bottom: 1px dotted #bbb; }}
li span:first-child {{ flex: 1; }}
li.part {{ font-weight: 600; border: 0; padding-top: 12px; }}
p {{ font-size: 12px; line-height: 1.5; }}
</style></head><body>
<h1>{title}</h1><p class="sub">{subtitle}</p>
<h2>{contents}</h2><ol>{items}</ol>
<p>{note}</p>
<p>{site}</p>
</body></html>"""


class PdfError(RuntimeError):
    """The PDF could not be made; the message names the page and the reason."""


class Unavailable(RuntimeError):
    """This machine cannot print PDFs (no Chromium, or Playwright not installed); says what to do."""


def site_address(edition: str) -> str:
    """The published site's root (``vk_site_url``), from the edition's merged configuration."""
    base = yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))
    config = merged(base, yaml.safe_load((ROOT / EDITIONS[edition][0]).read_text("utf-8")) or {})
    return config["sphinx"]["config"]["vk_site_url"]


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """``folder`` on http://127.0.0.1:<port>/ for as long as the block runs."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def print_pages(site: Path, edition: str, browser, pages: list[str] | None = None) -> list[tuple[str, bytes]]:
    """Each page of the edition's contents (or ``pages``) as (title, PDF bytes), in reading order."""
    from veerkracht.i18n import tr

    published = site_address(edition)
    live_text = tr(edition, "book.pdf_live_demo", url="{url}")  # the script puts each demo's address in
    printed: list[tuple[str, bytes]] = []
    with serve(site) as address:
        context = browser.new_context(viewport=VIEWPORT, locale=f"{edition}-{edition.upper()}")
        foreign: list[str] = []

        def route(request_route) -> None:
            url = request_route.request.url
            if url.startswith(address) or url.startswith(("data:", "blob:")):
                request_route.continue_()
            else:
                foreign.append(url)
                request_route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.emulate_media(media="print")  # lay each page out as it will be printed, before it draws
        try:
            for doc in pages or toc_pages(edition):
                url = f"{address}/{edition}/{doc}.html"
                response = page.goto(url, wait_until="networkidle")
                if response is None or not response.ok:
                    raise PdfError(f"{edition}/{doc}.html: the page did not load ({response and response.status})")
                try:
                    page.evaluate(PREPARE, {"site": published, "liveText": live_text})
                except Exception as error:  # a demo that never draws: say which page
                    raise PdfError(f"{edition}/{doc}.html: {error}") from None
                if foreign:
                    raise PdfError(f"{edition}/{doc}.html asked for another host: {foreign[0]}")
                title = page.title().split(" — ")[0].split(" | ")[0].strip()
                footer = FOOTER.format(title=html.escape(f"Veerkracht · {title}"))
                pdf = page.pdf(
                    **PAPER, print_background=True, display_header_footer=True, header_template="<span></span>",
                    footer_template=footer,
                )  # fmt: skip
                printed.append((title, pdf))
        finally:
            context.close()
    return printed


def cover(edition: str, entries: list[tuple[str, int]], browser, parts: dict[int, str]) -> bytes:
    """The cover and contents: each page's title with the PDF page it starts on."""
    from veerkracht.i18n import tr

    items = []
    for index, (title, start) in enumerate(entries):
        if index in parts:
            items.append(f'<li class="part"><span>{html.escape(parts[index])}</span></li>')
        items.append(f"<li><span>{html.escape(title)}</span><span>{start}</span></li>")
    text = COVER.format(
        lang=edition,
        title=html.escape(tr(edition, "book.pdf_title")),
        subtitle=html.escape(tr(edition, "book.pdf_subtitle")),
        contents=html.escape(tr(edition, "book.pdf_contents")),
        items="".join(items),
        note=html.escape(tr(edition, "book.pdf_note")),
        site=html.escape(site_address(edition) + f"{edition}/"),
    )
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.set_content(text)
        return page.pdf(**PAPER)
    finally:
        context.close()


def part_starts(edition: str) -> dict[int, str]:
    """Index of the first page of each part of the contents -> the part's caption."""
    toc = yaml.safe_load((ROOT / EDITIONS[edition][1]).read_text("utf-8"))
    starts, index = {}, 1  # page 0 is the root page, before the first part
    for part in toc.get("parts", []):
        starts[index] = part["caption"]
        for chapter in part.get("chapters", []):
            index += 1 + len(chapter.get("sections", []))
    return starts


def build_pdf(site: Path, edition: str, browser) -> Path:
    """Print ``edition`` of the built ``site`` into ``site/<edition>/veerkracht-<edition>.pdf``."""
    from pypdf import PdfReader, PdfWriter
    from veerkracht.i18n import tr

    printed = [(title, PdfReader(io.BytesIO(data))) for title, data in print_pages(site, edition, browser)]
    parts = part_starts(edition)
    titles = [title for title, _ in printed]
    # The cover's own length decides where the pages start: lay it out once with a guess, then again.
    first = len(PdfReader(io.BytesIO(cover(edition, [(t, 0) for t in titles], browser, parts))).pages)
    starts, page_number = [], first + 1
    for _, reader in printed:
        starts.append(page_number)
        page_number += len(reader.pages)
    front = PdfReader(io.BytesIO(cover(edition, list(zip(titles, starts, strict=True)), browser, parts)))
    if len(front.pages) != first:
        raise PdfError(f"{edition}: the cover changed length ({first} -> {len(front.pages)} pages)")
    writer = PdfWriter()
    writer.append(front)
    for (title, reader), start in zip(printed, starts, strict=True):
        writer.append(reader)
        writer.add_outline_item(title=title, page_number=start - 1)
    writer.add_metadata({"/Title": tr(edition, "book.pdf_title"), "/Author": "Veerkracht"})
    writer.page_mode = "/UseOutlines"
    target = site / edition / PDF_NAME.format(edition=edition)
    with target.open("wb") as out:
        writer.write(out)
    return target


def build_all(site: Path, editions: list[str], browser=None) -> list[Path]:
    """One PDF per edition, printed by ``browser`` or by a Chromium launched here (tools/browser.py
    finds it; Playwright's synchronous API allows one running instance per thread)."""
    if browser is not None:
        return [build_pdf(site, edition, browser) for edition in editions]
    from browser import find_chromium, launch

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise Unavailable("Playwright is not installed (pip install -e '.[book]')") from None
    if not find_chromium():
        raise Unavailable("no Chromium found (install chromium, or set VEERKRACHT_CHROMIUM)")
    with sync_playwright() as playwright:
        launched = launch(playwright)
        try:
            return [build_pdf(site, edition, launched) for edition in editions]
        finally:
            launched.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=BUILD / "site", help="the built site (tools/build_site.py)")
    parser.add_argument("--edition", choices=sorted(EDITIONS), help="only this edition")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        paths = build_all(args.site, [args.edition] if args.edition else list(EDITIONS))
    except (PdfError, Unavailable) as error:
        print(f"The PDF could not be made: {error}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
    print(f"done in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
