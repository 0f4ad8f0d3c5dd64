"""The whole course as one PDF per edition, printed from the built site by headless Chromium.

    python tools/course_pdf.py [--site _build/site] [--edition nl]

Every page of an edition's table of contents is laid out as the reader sees it in print (the
theme's print styles drop the menus; ``veerkracht.css`` drops the demos' controls), after each demo
has drawn its first state: a demo becomes a still, with the address of its live version on the
website beneath it. Nothing is fetched from another host: a page that asks for one fails the build,
naming the page and the address. Links between pages point to the published site (``vk_site_url``);
a link within a page stays a link within the PDF.

The PDF is accessible: tagged (a structure tree of headings, paragraphs, lists, tables and figures
with their text alternatives, which a screen reader follows), in the edition's language (``/Lang``),
with an outline made from the headings. Chromium makes all three when it prints one document
(``tagged=True``, ``outline=True``), but binding separately printed pages with pypdf drops each
page's structure tree, so the pages are put together first: each page's article, its ids and
in-page links prefixed so they stay unique, goes into one document behind a cover with the contents,
and that document is printed once. The contents' page numbers come from where the first print put
each page's heading; the second print has them.
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

# Before printing: draw every demo (they start when they come near the screen) and put the address of
# its live version under it, as a reader's own print of the page does (demo.js, forPrint), then fit
# each figure to the printed page.
PREPARE = """async ({site}) => {
  if (window.VeerkrachtDemos) {
    const drawn = window.VeerkrachtDemos.forPrint(site);
    const late = new Promise((resolve, reject) => setTimeout(() => reject(new Error("a demo did not draw")), 20000));
    await Promise.race([drawn, late]);
  }
  // Laid out for print now (the menus gone, the article's own width): fit each figure to it.
  for (const plot of document.querySelectorAll(".js-plotly-plot")) await window.Plotly.Plots.resize(plot);
  window.scrollTo(0, 0);
  await document.fonts.ready;
}"""

# The page's article as a piece of the book: ids (outside figures' own SVG) and the links within the
# page prefixed with ``prefix``, so every page's "sources" stays its own; links to other pages to the
# published site; images and the like by their full address. Returns the article and the rules of the
# page's own style elements (plotly's, for its figures), their url()s made absolute.
EXTRACT = r"""({site, prefix}) => {
  const article = document.querySelector("article.bd-article") || document.body;
  // Nothing a reader cannot see: a page whose text ends a sheet exactly must not push an empty
  // wrapper (the chapter's empty list of sections) or a script onto a blank sheet of its own.
  for (const el of article.querySelectorAll("script, .toctree-wrapper")) {
    if (el.tagName === "SCRIPT" || !el.textContent.trim()) el.remove();
  }
  const local = location.origin + "/";
  const own = (el) => !el.closest("svg");
  for (const el of article.querySelectorAll("[id]")) if (own(el)) el.id = prefix + el.id;
  for (const name of ["for", "aria-labelledby", "aria-describedby", "aria-controls", "headers"]) {
    for (const el of article.querySelectorAll(`[${name}]`)) {
      if (own(el)) el.setAttribute(name, el.getAttribute(name).split(/\s+/).map((id) => prefix + id).join(" "));
    }
  }
  for (const a of article.querySelectorAll("a[href]")) {
    const url = new URL(a.href);
    if (url.origin + url.pathname === location.origin + location.pathname && url.hash) {
      a.setAttribute("href", "#" + prefix + decodeURIComponent(url.hash.slice(1)));
    } else if (a.href.startsWith(local)) {
      a.setAttribute("href", site + a.href.slice(local.length));
    }
  }
  for (const el of article.querySelectorAll("[src]")) el.setAttribute("src", el.src);
  for (const el of article.querySelectorAll("[srcset]")) el.removeAttribute("srcset");
  const absolute = (css) =>
    css.replace(/url\((['"]?)([^'")]+)\1\)/g, (m, q, u) => `url("${new URL(u, document.baseURI)}")`);
  // Read through the style sheets: plotly adds its rules with insertRule, not as text.
  const styles = Array.from(document.styleSheets)
    .filter((sheet) => sheet.ownerNode && sheet.ownerNode.tagName === "STYLE")
    .map((sheet) => absolute(Array.from(sheet.cssRules, (rule) => rule.cssText).join("\n")));
  return {html: article.innerHTML, styles};
}"""

# The book: the first page's layout (head, styles, the theme's print rules) emptied, then the cover
# and each page's article, one after the other, each page starting on a new sheet.
START_BOOK = """({title, lang}) => {
  document.title = title;
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("#jb-print-docs-body, .prev-next-area, script")) el.remove();
  const article = document.querySelector("article.bd-article") || document.body;
  article.replaceChildren();
  const style = document.createElement("style");
  // Each page's title shows (the theme hides the article's first h1 in print: it prints its own copy).
  style.textContent = ".vk-pdf-page { break-before: page; }"
    + " .bd-main .bd-content .bd-article h1:first-of-type { display: block; }";
  document.head.append(style);
}"""

ADD_PAGE = """({html, styles, lang, cover}) => {
  const have = new Set(Array.from(document.querySelectorAll("style")).map((s) => s.textContent));
  for (const text of styles) {
    if (have.has(text)) continue;
    const style = document.createElement("style");
    style.textContent = text;
    document.head.append(style);
  }
  const article = document.querySelector("article.bd-article") || document.body;
  const section = document.createElement("section");
  section.className = cover ? "vk-pdf-cover" : "vk-pdf-page";
  section.lang = lang;
  section.innerHTML = html;
  if (cover) article.prepend(section);
  else article.append(section);
}"""

# The text of every heading that is printed, in order: the outline's titles (Chromium builds them from
# the laid-out lines, and a heading that wraps can come out doubled or without its space).
HEADINGS = r"""() => Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
  .filter((h) => h.getClientRects().length > 0)
  .map((h) => {
    const copy = h.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach((a) => a.remove());
    return copy.textContent.replace(/\s+/g, " ").trim();
  })"""

SET_COVER = """(html) => { document.querySelector(".vk-pdf-cover").innerHTML = html; }"""

COVER = """<style>
.vk-pdf-cover {{ font-family: system-ui, sans-serif; color: #1a1a1a; }}
.vk-pdf-cover h1 {{ font-size: 34px; margin: 0 0 6px; }}
.vk-pdf-cover .sub {{ font-size: 15px; color: #444; margin: 0 0 28px; }}
.vk-pdf-cover h2 {{ font-size: 18px; margin: 28px 0 8px; }}
.vk-pdf-cover ol {{ list-style: none; padding: 0; margin: 0; }}
.vk-pdf-cover li {{ display: flex; gap: 8px; font-size: 13px; padding: 3px 0; border-bottom: 1px dotted #bbb; }}
.vk-pdf-cover li span:first-child {{ flex: 1; }}
.vk-pdf-cover li.part {{ font-weight: 600; border: 0; padding-top: 12px; }}
.vk-pdf-cover p {{ font-size: 12px; line-height: 1.5; }}
</style>
<h1>{title}</h1><p class="sub">{subtitle}</p>
<h2>{contents}</h2><ol>{items}</ol>
<p>{note}</p>
<p>{site}</p>"""


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


def cover_html(edition: str, entries: list[tuple[str, int | None]], parts: dict[int, str]) -> str:
    """The cover and contents: each page's title with the PDF page it starts on (blank before it is known)."""
    from veerkracht.i18n import tr

    items = []
    for index, (title, start) in enumerate(entries):
        if index in parts:
            items.append(f'<li class="part"><span>{html.escape(parts[index])}</span></li>')
        number = "" if start is None else str(start)
        items.append(f"<li><span>{html.escape(title)}</span><span>{number}</span></li>")
    return COVER.format(
        title=html.escape(tr(edition, "book.pdf_title")),
        subtitle=html.escape(tr(edition, "book.pdf_subtitle")),
        contents=html.escape(tr(edition, "book.pdf_contents")),
        items="".join(items),
        note=html.escape(tr(edition, "book.pdf_note")),
        site=html.escape(site_address(edition) + f"{edition}/"),
    )


def _page_starts(data: bytes) -> list[int]:
    """The PDF page (from 1) of each top-level outline entry: the cover's heading, then each page's."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return [reader.get_destination_page_number(item) + 1 for item in reader.outline if not isinstance(item, list)]


def book_pdf(
    site: Path, edition: str, browser, pages: list[str], parts: dict[int, str] | None = None
) -> tuple[bytes, list[str]]:
    """``pages`` of the edition (document names, in reading order) as one tagged PDF behind a cover,
    and the text of each heading in it, in order (the outline's titles)."""
    from veerkracht.i18n import tr

    published = site_address(edition)
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
        try:
            book, page = context.new_page(), context.new_page()
            for tab in (book, page):
                tab.emulate_media(media="print")  # lay each page out as it will be printed, before it draws
            titles = []
            for number, doc in enumerate(pages):
                url = f"{address}/{edition}/{doc}.html"
                response = page.goto(url, wait_until="networkidle")
                if response is None or not response.ok:
                    raise PdfError(f"{edition}/{doc}.html: the page did not load ({response and response.status})")
                try:
                    page.evaluate(PREPARE, {"site": published})
                except Exception as error:  # a demo that never draws: say which page
                    raise PdfError(f"{edition}/{doc}.html: {error}") from None
                if foreign:
                    raise PdfError(f"{edition}/{doc}.html asked for another host: {foreign[0]}")
                titles.append(page.title().split(" — ")[0].split(" | ")[0].strip())
                piece = page.evaluate(EXTRACT, {"site": published, "prefix": f"p{number}-"})
                if number == 0:  # the book takes the first page's layout and styles
                    book.goto(url, wait_until="networkidle")
                    book.evaluate(START_BOOK, {"title": tr(edition, "book.pdf_title"), "lang": edition})
                book.evaluate(ADD_PAGE, {**piece, "lang": edition, "cover": False})
            parts = parts or {}
            cover = cover_html(edition, [(title, None) for title in titles], parts)
            book.evaluate(ADD_PAGE, {"html": cover, "styles": [], "lang": edition, "cover": True})
            options = {
                **PAPER,
                "print_background": True,
                "display_header_footer": True,
                "header_template": "<span></span>",
                "footer_template": FOOTER.format(title=html.escape(tr(edition, "book.pdf_title"))),
                "tagged": True,  # a structure tree for screen readers
                "outline": True,  # bookmarks from the headings
            }
            first = _page_starts(book.pdf(**options))[1:]  # where each page's heading landed
            book.evaluate(SET_COVER, cover_html(edition, list(zip(titles, first, strict=True)), parts))
            data = book.pdf(**options)
            headings = book.evaluate(HEADINGS)
            if foreign:
                raise PdfError(f"{edition}: the book asked for another host: {foreign[0]}")
        finally:
            context.close()
    if _page_starts(data)[1:] != first:
        raise PdfError(f"{edition}: the contents moved the pages ({first} -> {_page_starts(data)[1:]})")
    return data, headings


def title_outline(writer, headings: list[str], edition: str) -> None:
    """Give the outline's entries, in order, the texts of the headings they were made from."""
    from pypdf.generic import NameObject, TextStringObject

    entries = []

    def walk(node) -> None:
        while node is not None:
            node = node.get_object()
            entries.append(node)
            walk(node.get("/First"))
            node = node.get("/Next")

    walk(writer.root_object["/Outlines"].get_object().get("/First"))
    if len(entries) != len(headings):
        raise PdfError(f"{edition}: the outline has {len(entries)} entries for {len(headings)} headings")
    for entry, text in zip(entries, headings, strict=True):
        entry[NameObject("/Title")] = TextStringObject(text)


def part_starts(edition: str) -> dict[int, str]:
    """Index of the first page of each part of the contents -> the part's caption."""
    toc = yaml.safe_load((ROOT / EDITIONS[edition][1]).read_text("utf-8"))
    starts, index = {}, 1  # page 0 is the root page, before the first part
    for part in toc.get("parts", []):
        starts[index] = part["caption"]
        for chapter in part.get("chapters", []):
            index += 1 + len(chapter.get("sections", []))
    return starts


def finish(data: bytes, headings: list[str], edition: str) -> bytes:
    """The printed book with its outline titled from the headings, its title and author set, and
    opening on the outline; cloned whole, so the structure tree and the language stay."""
    from pypdf import PdfReader, PdfWriter
    from veerkracht.i18n import tr

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))  # pypdf's append() would drop the tags
    title_outline(writer, headings, edition)
    writer.add_metadata({"/Title": tr(edition, "book.pdf_title"), "/Author": "Veerkracht"})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build_pdf(site: Path, edition: str, browser) -> Path:
    """Print ``edition`` of the built ``site`` into ``site/<edition>/veerkracht-<edition>.pdf``."""
    data, headings = book_pdf(site, edition, browser, toc_pages(edition), part_starts(edition))
    target = site / edition / PDF_NAME.format(edition=edition)
    target.write_bytes(finish(data, headings, edition))
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
