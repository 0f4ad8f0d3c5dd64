#!/usr/bin/env python3
"""Set up and run everything for Veerkracht with one command each (Python 3.11+).

    python3 dev.py site          build both editions into _build/site and say where to open it
    python3 dev.py test          run the full test suite, every tier (CI runs this)
    python3 dev.py test --quick  only the tests that need no built site, JupyterLab, live app or hub
    python3 dev.py lab           open the chapters as notebooks in JupyterLab (chapters/<lang>/*.ipynb,
                                 made first from the MyST chapters: plain Markdown, no MyST markup)

Each command first makes ``.venv`` and installs the project into it when needed. The browser
tests and the course PDFs use the system's Chromium; as root on Debian/Ubuntu ``test`` and ``site``
install it with apt-get (``site`` builds the rest without it when that fails).
Extra arguments after ``test`` go to pytest (``python3 dev.py test -k spring``). Tests run in
parallel, a worker per core (pytest-xdist; a notebook's cells on one); the site the tests need is
built once and reused while its sources stay the same (tests/conftest.py).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tools"))

from browser import find_chromium  # noqa: E402  (standard library only)

VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".veerkracht-installed"
QUICK = "not site and not lab and not lite and not hub"  # the tiers --quick leaves out (tests/conftest.py)


def run(*command: str | os.PathLike) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], check=True, cwd=ROOT)


def ensure_venv() -> None:
    """Create .venv and install the project with all extras, again whenever pyproject changes."""
    if sys.version_info < (3, 11):  # noqa: UP036 (this file may be run by an older Python)
        sys.exit(f"Veerkracht needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    # JupyterLab opens the MyST chapters as notebooks (jupytext), as on Binder.
    settings = VENV / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "binder" / "overrides.json", settings / "overrides.json")
    STAMP.write_text(wanted)


def ensure_chromium(required: bool = True) -> str | None:
    """The Chromium the tests (and the course PDFs) use; as root on Debian/Ubuntu, installed."""
    path = find_chromium()
    if path:
        return path
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        try:
            run("apt-get", "update", "-qq")
            run("apt-get", "install", "-y", "-qq", "chromium")
        except subprocess.CalledProcessError:
            if required:
                raise
        path = find_chromium()
    if not path and not required:
        return None  # the site builds without its PDFs, and says so
    if not path:
        sys.exit(
            "The browser tests need Chromium. Install it (Debian/Ubuntu: sudo apt-get install chromium)"
            " or set VEERKRACHT_CHROMIUM to a Chromium or Chrome executable."
        )
    return path


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"site", "test", "lab"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    ensure_venv()
    if command == "site":
        chromium = ensure_chromium(required=False)  # prints the course PDFs
        env = {**os.environ, **({"VEERKRACHT_CHROMIUM": chromium} if chromium else {})}
        return subprocess.call([str(PYTHON), "tools/build_site.py", *rest], cwd=ROOT, env=env)
    if command == "test":
        quick = "--quick" in rest
        rest = [arg for arg in rest if arg != "--quick"]
        env = {**os.environ, "VEERKRACHT_CHROMIUM": ensure_chromium()}
        env.setdefault("HYPOTHESIS_PROFILE", "dev" if quick else "ci")  # examples per property test
        if not quick:
            env["VEERKRACHT_SITE_FIRST"] = "1"  # built in the background while the other tiers run
        options = ["-n", "auto"]  # a worker per core; a notebook's cells together (tests/conftest.py)
        if quick:
            options += ["-m", QUICK]
        return subprocess.call([str(PYTHON), "-m", "pytest", *options, *rest], cwd=ROOT, env=env)
    # The notebooks a lecturer opens, up to date with the chapters (as Binder and a hub get them from git).
    if subprocess.call([str(PYTHON), "tools/make_notebooks.py"], cwd=ROOT) != 0:
        return 1
    return subprocess.call([str(BIN / "jupyter"), "lab", "--LabApp.default_url=/lab/tree/chapters", *rest], cwd=ROOT)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
