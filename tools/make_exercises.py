"""Generate the exercise notebooks from their one source each, and run them.

    python tools/make_exercises.py            # write exercises/{nl,en}/*-{student,lecturer}.ipynb
    python tools/make_exercises.py --check    # fail if a committed notebook is out of date

Sources are MyST notebooks in ``exercises/src/<lang>/<name>.md``. In a code cell, the lines from
``### BEGIN SOLUTION`` to ``### END SOLUTION`` are the lecturer's: the lecturer version keeps
them (without the markers), the student version drops them, and drops a cell that held nothing
else. A marker out of place (an END without BEGIN, a BEGIN without END, nesting, a marker in a
markdown cell) is an error naming the file and cell, never a silent pass (as in nbgrader).
Both versions are executed on a fresh kernel, so their committed outputs are real; nbval checks
them again in the test suite.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "exercises" / "src"
OUT = ROOT / "exercises"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
VERSIONS = ("student", "lecturer")


class MarkerError(ValueError):
    """A solution marker out of place; the message names the file and cell."""


def split_solution(source: str, where: str) -> tuple[str, str, bool]:
    """(student source, lecturer source, whether the cell had a solution block)."""
    student, lecturer, inside, found = [], [], False, False
    for number, line in enumerate(source.splitlines(), start=1):
        marker = line.strip()
        if marker == BEGIN:
            if inside:
                raise MarkerError(f"{where}, line {number}: BEGIN SOLUTION inside a solution")
            inside = found = True
        elif marker == END:
            if not inside:
                raise MarkerError(f"{where}, line {number}: END SOLUTION without BEGIN SOLUTION")
            inside = False
        elif "SOLUTION" in marker and marker.startswith("###"):
            raise MarkerError(f"{where}, line {number}: unknown marker {marker!r}")
        else:
            lecturer.append(line)
            if not inside:
                student.append(line)
    if inside:
        raise MarkerError(f"{where}: BEGIN SOLUTION without END SOLUTION")
    return "\n".join(student).strip("\n"), "\n".join(lecturer).strip("\n"), found


def versions(notebook: nbformat.NotebookNode, name: str) -> dict[str, nbformat.NotebookNode]:
    """The student and lecturer notebooks made from one source notebook."""
    out = {version: copy.deepcopy(notebook) for version in VERSIONS}
    for version in VERSIONS:
        out[version].cells = []
    for index, cell in enumerate(notebook.cells, start=1):
        where = f"{name}, cell {index}"
        if cell.cell_type != "code":
            if BEGIN in cell.source or END in cell.source:
                raise MarkerError(f"{where}: solution markers belong in code cells")
            for version in VERSIONS:
                out[version].cells.append(copy.deepcopy(cell))
            continue
        student, lecturer, found = split_solution(cell.source, where)
        for version, source in (("student", student), ("lecturer", lecturer)):
            if version == "student" and found and not source.strip():
                continue  # a cell that was all solution
            new = copy.deepcopy(cell)
            new.source = source
            new.outputs, new.execution_count = [], None
            out[version].cells.append(new)
    for version, nb in out.items():
        for number, cell in enumerate(nb.cells):
            cell.id = f"{version}-{number:03d}"  # stable ids: a rerun changes no line it need not
        nb.metadata.pop("jupytext", None)
        nb.metadata["veerkracht"] = {"source": name, "version": version}
    return out


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def execute(notebook: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    """Run ``notebook`` on a fresh kernel. Live widgets are not saved (their state is some 250 kB
    and only means something to the kernel that made it): a saved question shows as its HTML
    preview until the notebook is run again. nbval does not compare widget views either."""
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        store_widget_state=False,
        record_timing=False,  # no timestamps: a rerun changes no line it need not
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute()
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
    return notebook


def targets() -> list[tuple[Path, str, Path]]:
    """(source, version, target) for every source and version."""
    out = []
    for source in sorted(SOURCES.glob("*/*.md")):
        lang = source.parent.name
        for version in VERSIONS:
            out.append((source, version, OUT / lang / f"{source.stem}-{version}.ipynb"))
    return out


def sources_of(notebook: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source) for cell in notebook.cells]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the committed notebooks are current")
    args = parser.parse_args(argv)
    stale = []
    for source, version, target in targets():
        lang = source.parent.name
        made = versions(jupytext.read(source), f"{source.relative_to(ROOT)}")[version]
        if args.check:
            if not target.exists() or sources_of(nbformat.read(target, as_version=4)) != sources_of(made):
                stale.append(str(target.relative_to(ROOT)))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(execute(made, OUT / lang), target)
        print(f"wrote {target.relative_to(ROOT)}")
    if stale:
        print("Out of date (run python tools/make_exercises.py):\n  " + "\n  ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
