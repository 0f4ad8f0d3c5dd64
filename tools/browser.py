"""Headless Chromium for the tests, the benchmarks and the screenshots: how to find it and how to
launch it, in one place. Standard library only (dev.py imports it before any install)."""

from __future__ import annotations

import os
import shutil

# As root on a machine without a display; no background traffic to hosts the sandbox cannot reach.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """A Chromium to drive: $VEERKRACHT_CHROMIUM, else the first one on PATH."""
    configured = os.environ.get("VEERKRACHT_CHROMIUM")
    if configured:
        return configured
    return next((path for name in NAMES if (path := shutil.which(name))), None)


def launch(playwright):
    """Launch headless Chromium through Playwright, or fail with what to do."""
    executable = find_chromium()
    if not executable:
        raise RuntimeError(
            "No Chromium found: run `python3 dev.py test`, which installs it, "
            "or set VEERKRACHT_CHROMIUM to a Chromium or Chrome executable."
        )
    return playwright.chromium.launch(executable_path=executable, args=ARGS)
