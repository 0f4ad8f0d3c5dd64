"""The chapters as plain notebooks beside their MyST sources: ``chapters/<lang>/<name>.ipynb``.

Every Jupyter route opens these, not the MyST files: JupyterLab on a laptop (``dev.py lab`` writes
them first), Binder and a JupyterHub (sphinx-book-theme's launch buttons point at a page's ``.ipynb``
when one sits beside its ``.md``; nbgitpuller pulls them with the repository). JupyterLab renders
CommonMark, so a MyST source shows its roles, labels and directive fences raw; these notebooks carry
the text as :mod:`plain_markdown` makes it (as the site's downloads and the live app do), the code
cells as they are and no outputs. The book itself builds from the ``.md`` (``_config.yml`` excludes
these). :func:`clean_notebook` is also what the live app (``build_lite.py``) makes its notebooks with.

Usage: ``python tools/make_notebooks.py`` writes them; ``--check`` only lists those that differ
from what their sources make now (exit 1), as the test suite does.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

from plain_markdown import plain_notebook

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = ("nl", "en")
HIDDEN = {"hide-input", "remove-input"}  # the site shows only the output: Jupyter folds the code away
COMMENT_ONLY = re.compile(r"^(\s*(#.*)?\n?)*$")
# A chapter's cell that glues the numbers its text states (veerkracht.chapter_facts): about a second
# of model runs a live kernel would spend for nothing, as the notebook's text is written with them.
GLUES_FACTS = "glue_facts("


def clean_notebook(source: Path, lang: str):
    """``source`` (a MyST chapter or an ``.ipynb``) as a notebook for Jupyter: plain Markdown, no
    outputs, code the site hides folded (``jupyter.source_hidden``), a site-only cell that holds
    only comments dropped (``remove-cell``: the exercises' "answer in code" prompts), the cell that
    glues a chapter's numbers dropped (its numbers are written into the text), stable cell ids."""
    import jupytext
    import nbformat

    notebook = jupytext.read(source) if source.suffix == ".md" else nbformat.read(source, as_version=4)
    notebook.metadata.pop("jupytext", None)
    path = source.relative_to(ROOT).with_suffix("").as_posix()
    cells, join = [], False
    for cell in notebook.cells:
        tags = set(cell.metadata.get("tags", []))
        if join and cell.cell_type == "markdown" and cells and cells[-1].cell_type == "markdown":
            cells[-1].source += "\n\n" + cell.source  # the title and the text it stood between again one
            join = False
            continue
        join = False
        if cell.cell_type == "code":
            if "remove-cell" in tags and COMMENT_ONLY.match(cell.source):
                continue
            if GLUES_FACTS in cell.source:  # the text carries its numbers already (plain_markdown)
                join = True
                continue
            cell.outputs, cell.execution_count = [], None
            if tags & HIDDEN:
                cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
        cells.append(cell)
    notebook.cells = cells
    plain_notebook(notebook, lang, path)
    for number, cell in enumerate(notebook.cells):  # ids from the place and text: the same every run
        cell.id = f"{number:02d}-" + hashlib.sha256(cell.source.encode()).hexdigest()[:8]
    return notebook


def chapters() -> list[tuple[Path, str]]:
    """Every chapter source with its edition."""
    return [(path, lang) for lang in EDITIONS for path in sorted((ROOT / "chapters" / lang).glob("*.md"))]


def made(source: Path, lang: str) -> str:
    """The notebook text ``source`` makes now."""
    import nbformat

    return nbformat.writes(clean_notebook(source, lang)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only list notebooks that are not up to date")
    args = parser.parse_args(argv)
    stale = []
    for source, lang in chapters():
        target, text = source.with_suffix(".ipynb"), made(source, lang)
        if not target.is_file() or target.read_text("utf-8") != text:
            stale.append(target.relative_to(ROOT).as_posix())
            if not args.check:
                target.write_text(text, "utf-8")
    if args.check and stale:
        print("Not made from their chapters as they are now (python tools/make_notebooks.py):", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
