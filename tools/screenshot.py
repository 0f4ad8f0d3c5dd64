"""Screenshot a page of the built site in headless Chromium, as a reader sees it.

    python tools/screenshot.py nl/chapters/nl/01-resilience.html out.png [--selector .vk-demo] [--dark]
    python tools/screenshot.py en/exercises/en/ch01-student.html quiz.png --width 390 \
        --selector '[data-vk-question="ch01-definition-parts"]' --click '{s} input[value=d]' --click '{s} .vk-q-check'

Serves ``_build/site`` on a local port for the duration. Used for the README's picture and for
looking at pages after a change.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from browser import launch

SITE = Path(__file__).resolve().parent.parent / "_build" / "site"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help="path below _build/site, e.g. en/chapters/en/01-resilience.html")
    parser.add_argument("out", type=Path)
    parser.add_argument("--selector", help="only this element (e.g. .vk-demo)")
    parser.add_argument("--dark", action="store_true", help="prefer the dark colour scheme")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument(
        "--click", action="append", default=[], help="click this first (repeatable; {s} stands for --selector)"
    )
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(
            viewport={"width": args.width, "height": 900},
            color_scheme="dark" if args.dark else "light",
            device_scale_factor=1,
        )
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/{args.page}", wait_until="networkidle")
        for selector in args.click:  # answer a question, open a menu, ...
            page.locator(selector.replace("{s}", args.selector or "")).first.click()
        target = page.locator(args.selector).first if args.selector else page
        if args.selector:  # sticky headers would cover the top of the element
            page.add_style_tag(
                content=".bd-header, .bd-header-article { position: static !important; } .skip-link { display: none; }"
            )
            target.scroll_into_view_if_needed()
            # A tall element (a demo) is shot whole in one view: were it scrolled in parts, its sticky
            # figure would stick at the top of each part.
            height = target.evaluate("(el) => el.getBoundingClientRect().height")
            page.set_viewport_size({"width": args.width, "height": max(900, int(height) + 100)})
            target.scroll_into_view_if_needed()
            page.wait_for_timeout(300)  # the demo redraws for the new size
        target.screenshot(path=str(args.out))
        browser.close()
    httpd.shutdown()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
