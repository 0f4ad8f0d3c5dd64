"""Build both editions into one static site: ``_build/site/{nl,en,assets}`` and a root page.

Usage: ``python tools/build_site.py [--edition nl|en] [--out DIR]``. Each edition is a
jupyter-book 1.x build with warnings as errors (``-W -n --keep-going``): a missing figure,
a broken reference or an output myst-nb cannot show (an unknown mime type) fails the build.
The English config is ``_config.yml`` with ``_config.en.yml`` merged over it, so shared
settings live in one file. Executed notebooks are cached per version of the sources their
outputs depend on (the package, the question banks); the demos' grids likewise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_lite  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# VEERKRACHT_BUILD moves the build folder (two builds side by side, say); _build by default.
BUILD = Path(os.environ.get("VEERKRACHT_BUILD", ROOT / "_build")).resolve()
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# A line Sphinx or docutils logs as a problem: "path:12: WARNING: ...", "ERROR: ...", "(SEVERE/4)".
# The kernels that execute the notebooks log to the same stderr under their own prefix
# ("[IPKernelApp] WARNING | ..."): that is not the build's; a cell that fails stops the build.
PROBLEM = re.compile(
    r"^(?!\[IPKernelApp\]).*(\b(WARNING|ERROR|CRITICAL|SEVERE): |\((WARNING|ERROR|SEVERE)/\d\)).*$", re.M
)
EDITIONS = {"nl": ("_config.yml", "_toc.yml"), "en": ("_config.en.yml", "_toc.en.yml")}


def problems(log: str) -> list[str]:
    """The lines of a build log that report a warning or an error of the build itself."""
    return [match.group(0) for match in PROBLEM.finditer(log)]


class BuildError(RuntimeError):
    """A build failed; the message holds the builder's own report."""


def merged(base: dict, override: dict) -> dict:
    """``base`` with ``override`` merged in, recursively for nested mappings."""
    out = dict(base)
    for key, value in override.items():
        out[key] = merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def toc_files(toc: dict) -> list[str]:
    """Every ``file`` of a parsed table of contents, in reading order."""
    pages = [toc["root"]]

    def walk(entries: list) -> None:
        for entry in entries:
            if "file" in entry:
                pages.append(entry["file"])
            for key in ("parts", "chapters", "sections"):
                walk(entry.get(key, []))

    walk(toc.get("parts", []) + toc.get("chapters", []))
    return pages


def toc_pages(edition: str, book: Path = ROOT) -> list[str]:
    """Every document of ``edition``'s table of contents, in reading order (``chapters/nl/01-...``)."""
    return toc_files(yaml.safe_load((book / EDITIONS[edition][1]).read_text("utf-8")))


DRAFT_LINE = re.compile(r"^%\s*DRAFT\b", re.MULTILINE)


def drafts(book: Path = ROOT) -> list[str]:
    """What is still a draft (``tools/new_chapter.py`` makes a chapter as one), with what to do:
    a page of either table of contents with a ``% DRAFT`` line, a bank with ``draft: true`` or
    with the example question still in it. The book is not built from a draft unless asked."""
    found = []
    for edition in EDITIONS:
        for page in toc_pages(edition, book):
            path = book / f"{page}.md"
            if path.exists() and DRAFT_LINE.search(path.read_text("utf-8")):
                found.append(f"{page}.md: write its sections, then delete its '% DRAFT' lines")
    for path in sorted((book / "exercises" / "bank").glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        if not isinstance(data, dict):
            continue
        example = [q.get("id") for q in data.get("questions") or [] if str(q.get("id", "")).endswith("-example")]
        if data.get("draft") or example:
            found.append(f"exercises/bank/{path.name}: replace the example question, then delete 'draft: true'")
    return found


# What a page's outputs depend on besides its own code cells: the package (models, demos, texts,
# scripts) and the question banks. jupyter-cache looks only at the code cells.
FINGERPRINTED = ("widgets", "exercises/bank")


def sources_fingerprint(book: Path = ROOT) -> str:
    """A hash of everything a page's outputs depend on besides its code (``FINGERPRINTED``)."""
    digest = hashlib.sha256()
    for folder in FINGERPRINTED:
        for path in sorted((book / folder).rglob("*")):
            if path.suffix in {".py", ".js", ".json", ".yml"} and "__pycache__" not in path.parts:
                digest.update(path.relative_to(book).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def edition_config(edition: str, book: Path = ROOT, build: Path = BUILD) -> Path:
    """The config file of ``edition``, written to ``_build/config``.

    The English one is ``_config.yml`` with ``_config.en.yml`` merged over it. Both get an
    execution cache keyed by the sources their outputs depend on (:func:`sources_fingerprint`):
    jupyter-cache only looks at a notebook's own code, so without this a changed demo or question
    would keep showing its old cached output. The demos' grid files are kept in ``.vk-grids``.
    """
    config, _ = EDITIONS[edition]
    data = yaml.safe_load((book / "_config.yml").read_text("utf-8"))
    if edition != "nl":
        data = merged(data, yaml.safe_load((book / config).read_text("utf-8")))
    data["execute"]["cache"] = str(build / ".jupyter_cache" / sources_fingerprint(book))
    data["sphinx"]["config"]["vk_grid_cache"] = str(build / ".vk-grids")
    # jupyter-book resolves local extensions against the config file's folder.
    extensions = data.get("sphinx", {}).get("local_extensions", {})
    data["sphinx"]["local_extensions"] = {name: str(book / path) for name, path in extensions.items()}
    target = build / "config" / f"_config.{edition}.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return target


def build_book(book: Path, config: Path, toc: Path, output: Path) -> tuple[Path, str]:
    """Run one jupyter-book build with warnings as errors; return (html dir, log)."""
    command = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(book),
        "--config",
        str(config),
        "--toc",
        str(toc),
        "--path-output",
        str(output),
        "--builder",
        "html",
        "-W",
        "-n",
        "--keep-going",
    ]
    result = subprocess.run(command, cwd=book, capture_output=True, text=True)
    log = ANSI.sub("", result.stdout + result.stderr)
    if result.returncode != 0 or problems(log) or "build succeeded" not in log:
        raise BuildError(log[-20000:])
    return output / "_build" / "html", log


def build_edition(edition: str) -> tuple[Path, str]:
    """Build one edition afresh into ``_build/<edition>``; return its html folder and the log."""
    _, toc = EDITIONS[edition]
    # Always a fresh Sphinx build, so every warning shows every time; executed notebooks
    # stay cached in _build/.jupyter_cache.
    shutil.rmtree(BUILD / edition, ignore_errors=True)
    return build_book(ROOT, edition_config(edition), ROOT / toc, BUILD / edition)


# What the site is made from (everything in the checkout but the tests and benchmarks), and where a
# whole build records that, so the test suite reuses a site built from the sources as they are now.
NOT_SITE_SOURCES = ("tests/", "benchmarks/", ".ci/", "README.md", "dev.py")
RECORD = BUILD / "site.json"


def site_sources(book: Path = ROOT) -> str:
    """A hash of every file the site is built from (git's tracked and new files, if a checkout)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=book, capture_output=True, check=True,
        ).stdout.decode().split("\0")  # fmt: skip
    except (OSError, subprocess.CalledProcessError):  # not a checkout: every file but the build's
        skip = {".git", ".venv", "_build", "__pycache__", ".hypothesis", ".pytest_cache", "build"}
        listed = [p.relative_to(book).as_posix() for p in book.rglob("*") if p.is_file() and not skip & set(p.parts)]
    digest = hashlib.sha256()
    for name in sorted(n for n in listed if n and not n.startswith(NOT_SITE_SOURCES)):
        path = book / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def record_build(out: Path, logs: dict[str, str], lite_missing: str | None, pdfs: bool, sources: str) -> None:
    """Note a whole build of the site: what it was made from, its logs, what it lacks."""
    record = {"sources": sources, "out": str(out.resolve()), "logs": logs, "lite_missing": lite_missing, "pdfs": pdfs}
    RECORD.write_text(json.dumps(record), "utf-8")


def last_build() -> dict | None:
    """The record of the last whole build of the site, if it made everything (the PDFs too)."""
    if not RECORD.is_file():
        return None
    record = json.loads(RECORD.read_text("utf-8"))
    return record if record["pdfs"] and Path(record["out"], "index.html").is_file() else None


def reusable_build() -> dict | None:
    """The last whole build's record, if it was made from the sources as they are now."""
    record = last_build()
    return record if record is not None and record["sources"] == site_sources() else None


REDIRECT = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>Veerkracht</title>
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{target}">
<link rel="icon" href="_static/favicon.svg" type="image/svg+xml">
</head>
<body><p><a href="{target}">{label}</a></p></body>
</html>
"""
REDIRECT_LABELS = {"nl": "Naar de cursus", "en": "To the course"}


def repository_url() -> str:
    """The course's repository (``repository.url`` in ``_config.yml``), as the launch buttons use it."""
    return yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))["repository"]["url"]


def annotate_notebooks(folder: Path, edition: str) -> int:
    """Make each downloadable notebook of ``edition`` (the page button's ``.ipynb``, in ``_sources``)
    read well in one's own Jupyter: its text in plain Markdown (``plain_markdown.py``: no raw MyST),
    and, when it runs the course's package, a first cell that says in the reader's language how to
    install it. Returns how many notebooks got that cell."""
    from plain_markdown import plain_notebook
    from veerkracht.i18n import tr

    cell = {
        "cell_type": "markdown",
        "id": "veerkracht-setup",
        "metadata": {},
        "source": tr(edition, "book.notebook_setup", repository=repository_url()),
    }
    count = 0
    for doc in toc_pages(edition):
        path = folder / "_sources" / f"{doc}.ipynb"
        if not path.is_file():
            continue
        notebook = plain_notebook(json.loads(path.read_text("utf-8")), edition, doc)
        if any("veerkracht" in "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"):
            notebook["cells"] = [cell, *(c for c in notebook["cells"] if c.get("id") != cell["id"])]
            count += 1
        path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return count


def assemble(htmls: dict[str, Path], out: Path, lite: bool = True) -> str | None:
    """Put the editions, the shared assets, the root page and (with ``lite``) the live notebooks
    together in ``out``; return why the live notebooks could not be built, if they could not.

    Each edition's index.html becomes a complete redirect page (language, title, icon) to its
    root document, instead of the bare meta tag sphinx-external-toc writes."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "book" / "site", out, ignore=shutil.ignore_patterns("README.md"))
    # plotly.js, which the demos of both editions share (and the live figures bundle): the package's copy.
    vendor = ROOT / "widgets" / "vendor"
    (out / "assets").mkdir(exist_ok=True)
    for name in ("plotly-basic.min.js", "plotly-basic.LICENSE.txt"):
        shutil.copyfile(vendor / name, out / "assets" / name)
    for edition, html in htmls.items():
        shutil.copytree(html, out / edition, ignore=shutil.ignore_patterns(".buildinfo", ".doctrees"))
        root = yaml.safe_load((ROOT / EDITIONS[edition][1]).read_text("utf-8"))["root"]
        page = REDIRECT.format(lang=edition, target=f"{root}.html", label=REDIRECT_LABELS[edition])
        (out / edition / "index.html").write_text(page, "utf-8")
        annotate_notebooks(out / edition, edition)
    (out / ".nojekyll").touch()
    return build_lite.build_into(out) if lite else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", choices=sorted(EDITIONS), help="build only this edition")
    parser.add_argument("--out", type=Path, default=BUILD / "site", help="where the site goes")
    parser.add_argument("--drafts", action="store_true", help="build even with draft chapters, to preview them")
    args = parser.parse_args(argv)
    unfinished = drafts()
    if unfinished and not args.drafts:
        print("Not built: these are still drafts (--drafts builds them anyway, to preview):", file=sys.stderr)
        print("  " + "\n  ".join(unfinished), file=sys.stderr)
        return 1
    editions = [args.edition] if args.edition else list(EDITIONS)
    sources = site_sources()
    RECORD.unlink(missing_ok=True)
    htmls, logs = {}, {}
    for edition in editions:
        start = time.perf_counter()
        print(f"Building the {edition} edition ...", flush=True)
        try:
            htmls[edition], logs[edition] = build_edition(edition)
        except BuildError as error:
            print(error, file=sys.stderr)
            print(f"\nThe {edition} edition did not build cleanly (see above).", file=sys.stderr)
            return 1
        print(f"  done in {time.perf_counter() - start:.0f} s", flush=True)
    start = time.perf_counter()
    print("Building the live notebooks (/lite/) ...", flush=True)
    reason = assemble(htmls, args.out)
    if reason:
        print(reason, flush=True)
    else:
        print(f"  done in {time.perf_counter() - start:.0f} s", flush=True)
    import course_pdf  # imports this module: only now

    start = time.perf_counter()
    print("Printing the course PDFs ...", flush=True)
    pdfs = False
    try:
        for path in course_pdf.build_all(args.out, editions):
            print(f"  {path.relative_to(args.out)}: {len(path.read_bytes()) / 1e6:.1f} MB", flush=True)
        pdfs = True
    except course_pdf.Unavailable as why:
        print(f"  no PDFs on this machine: {why}; the rest of the site is built", flush=True)
    except course_pdf.PdfError as error:
        print(f"\nThe course PDF could not be made: {error}", file=sys.stderr)
        return 1
    print(f"  done in {time.perf_counter() - start:.0f} s", flush=True)
    if editions == list(EDITIONS) and not args.drafts:
        record_build(args.out, logs, reason, pdfs, sources)
    index = args.out.resolve() / "index.html"
    print(f"\nThe site is ready: open {index.as_uri()}")
    print(f"or serve it: python3 -m http.server --directory {args.out} 8000  ->  http://localhost:8000/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
