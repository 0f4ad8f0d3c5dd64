"""Generate the exercise notebooks of every chapter from its question bank alone, and run them.

    python tools/make_exercises.py               # write exercises/{nl,en}/*-{student,lecturer}.ipynb
    python tools/make_exercises.py ch06          # only these banks
    python tools/make_exercises.py --check       # fail if a committed notebook is out of date

It also writes the lecturer's worked answers of every bank, a page per edition
(``book/<lang>/answers.md``, in both tables of contents): each question's key as text, its
explanation, a model-keyed answer's computation (the lecturer notebook's own code) and a link to
the demo in the state the question names.

A bank (``exercises/bank/<bank>.yml``) holds its questions in both languages with their answer
keys, and a short ``outline``: the minutes to allow, the opening sentence and a bullet on what
the questions use (links to the chapter's demos), per language. The texts every page shares are
the ``exercises.*`` messages in ``widgets/locale/{nl,en}.json``. The questions appear in the order
of the bank: the score summary numbers them by that order.

The lecturer version is written first, its answers taken from the keys: ``quiz.check(id, key)``
for a plain question, the model's own computation for a model-keyed one (``answer: {model: ...}``;
the notebook runs the same model with the same parameters) and the model answer for an open one,
each between ``### BEGIN SOLUTION`` and ``### END SOLUTION``. The student version is made from it
mechanically, as in nbgrader: every solution block goes, and the prompt outside it stays. A marker
out of place, a cell with nothing left for the student, or a question without a key is an error
naming the question, never a silent pass. Both versions run on a fresh kernel, so their committed
outputs are real; nbval checks them again in the test suite.
"""

from __future__ import annotations

import argparse
import copy
import html
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from veerkracht.i18n import LANGUAGES, tr
from veerkracht.models import MODELS
from veerkracht.quiz.bank import BankError, Question, load_bank, load_banks, read_yaml
from veerkracht.quiz.kinds import kind_of
from veerkracht.quiz.static import versions_js
from veerkracht.quiz.text import markdown_text

ROOT = Path(__file__).resolve().parent.parent
BANKS = ROOT / "exercises" / "bank"
OUT = ROOT / "exercises"
# Each exercise page's question versions as they are now, for the navigation's check marks (vk-progress.js).
VERSIONS_JS = ROOT / "widgets" / "assets" / "quiz-versions.js"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
VERSIONS = ("student", "lecturer")
# How a notebook runs a model to compute a model-keyed answer: its parameters class and function.
MODEL_CODE = {
    "spring": ("SpringParams", "simulate"),
    "portfolio": ("PortfolioParams", "assess"),
    "cycle": ("CycleParams", "simulate"),
    "positions": ("PositionsParams", "simulate"),
}
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
QUESTION_IN = re.compile(r'quiz\.(?:check|question)\(\s*"([^"]+)"')


class MarkerError(ValueError):
    """A solution marker out of place; the message names the notebook, cell and question."""


class OutlineError(ValueError):
    """A bank whose notebooks cannot be made; the message names the bank and the field or question."""


# -- the lecturer notebook, from the bank -----------------------------------------------------------
def literal(value: object) -> str:
    """``value`` as Python source (JSON's strings, lists, mappings and numbers are Python too)."""
    if isinstance(value, frozenset):
        value = sorted(value)
    if isinstance(value, tuple):
        value = list(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return json.dumps(value, ensure_ascii=False)


def long_text(text: str, indent: str, width: int = 88) -> str:
    """A long string as adjacent literals of at most ``width`` characters, one per line."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + len(word) + 1 > width:
            lines.append(line + " ")
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(indent + literal(part) for part in lines)


def model_key(bank: str, raw: dict, question: Question) -> dict | None:
    """The question's model spec (``{model, quantity, params}``) if its key is computed by a model."""
    answer = raw.get("answer")
    if not (isinstance(answer, dict) and "model" in answer):
        return None
    if answer["model"] not in MODEL_CODE:
        raise OutlineError(
            f"bank {bank!r}, question {question.id!r}: tools/make_exercises.py does not know how to run"
            f" the model {answer['model']!r}; add it to MODEL_CODE"
        )
    return answer


def solution(bank: str, question: Question, raw: dict, lang: str) -> str:
    """The lecturer's answer cell: a prompt, then the answer from the key between the markers.
    ``raw`` is the question as written in the bank (its key in the author's order)."""
    spec = model_key(bank, raw, question)
    qid = question.id
    if spec is not None:
        name = spec["model"]
        params_class, function = MODEL_CODE[name]
        result, answer = tr(lang, f"exercises.result.{name}"), tr(lang, "exercises.answer")
        params = ", ".join(f"{key}={literal(value)}" for key, value in spec.get("params", {}).items())
        return (
            f"from {MODELS[name].module.__name__} import {params_class}, {function}\n\n"
            f"{result} = {function}({params_class}({params}))\n"
            f"{answer} = None  # {tr(lang, 'exercises.fill_in', result=result)}\n"
            f"{BEGIN}\n{answer} = {result}.{spec['quantity']}\n{END}\n"
            f"quiz.check({literal(qid)}, {answer})"
        )
    if not question.graded:
        if not question.model_answer:
            raise OutlineError(f"bank {bank!r}, question {qid!r}: an open question needs a model_answer")
        check = f"quiz.check(\n    {literal(qid)},\n{long_text(question.model_answer[lang], '    ')},\n)"
    else:
        if question.answer is None or raw.get("answer") is None:
            raise OutlineError(f"bank {bank!r}, question {qid!r}: no answer key to write the solution from")
        check = f"quiz.check({literal(qid)}, {literal(raw['answer'])})"
    return f"# {tr(lang, 'exercises.answer_prompt')}\n# quiz.check({literal(qid)}, ...)\n{BEGIN}\n{check}\n{END}"


def outline_of(bank: str, data: dict) -> dict:
    """The bank's outline, checked: ``minutes`` and ``intro`` (and optionally ``demos``) per language."""
    outline = data.get("outline")
    where = f"bank {bank!r}, outline"
    if not isinstance(outline, dict):
        raise OutlineError(f"bank {bank!r}: needs an 'outline' with 'minutes' and an 'intro' per language")
    unknown = sorted(set(outline) - {"minutes", "intro", "demos"})
    if unknown:
        raise OutlineError(f"{where}: unknown field {unknown[0]!r}; known: minutes, intro, demos")
    minutes = outline.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 600:
        raise OutlineError(f"{where}: 'minutes' must be a whole number of minutes, not {minutes!r}")
    for field in ("intro", "demos"):
        text = outline.get(field)
        if text is None and field == "demos":
            continue
        if not isinstance(text, dict) or any(not str(text.get(lang) or "").strip() for lang in LANGUAGES):
            raise OutlineError(f"{where}: {field!r} needs a text in each of {', '.join(LANGUAGES)}")
    return outline


def chapter_notebook(name: str, lang: str, banks: Path = BANKS) -> nbformat.NotebookNode:
    """The lecturer notebook of bank ``name`` in ``lang``, with its solutions between markers."""
    bank = load_bank(name, banks)
    data = read_yaml((banks / f"{name}.yml").read_text("utf-8"), name)
    outline = outline_of(name, data)
    raw = {entry["id"]: entry for entry in data["questions"]}
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell

    def hidden(source: str, tag: str = "remove-input") -> nbformat.NotebookNode:
        return code(source, metadata={"tags": [tag]})

    graded = sum(q.graded for q in bank.questions)
    count = tr(lang, "exercises.count", questions=len(bank.questions), graded=graded, minutes=outline["minutes"])
    bullets = [tr(lang, "exercises.on_site"), tr(lang, "exercises.in_jupyter")]
    if "demos" in outline:
        bullets.append(markdown_text(outline["demos"][lang].strip()))
    intro = [
        f"# {markdown_text(bank.title[lang], one_line=True)}",
        f"{markdown_text(outline['intro'][lang].strip())} {count}",
        "\n".join(f"- {b}" for b in bullets),
    ]
    if graded < len(bank.questions):
        intro.append(tr(lang, "exercises.open"))
    setup = tr(lang, "exercises.setup")
    cells = [
        md("\n\n".join(intro)),
        hidden(f"# {setup}\nfrom veerkracht.quiz import Quiz\n\nquiz = Quiz({literal(name)}, lang={literal(lang)})"),
        hidden("quiz.summary()"),
    ]
    for question in bank.questions:
        cells.append(hidden(f"quiz.question({literal(question.id)})"))
        if model_key(name, raw[question.id], question) is not None:
            cells.append(md(tr(lang, "exercises.with_model"), metadata={"tags": ["remove-cell"]}))
        cells.append(hidden(solution(name, question, raw[question.id], lang), "remove-cell"))
    export = literal(tr(lang, "exercises.export_name", bank=name))
    cells += [
        md(f"## {tr(lang, 'exercises.score_title')}\n\n{tr(lang, 'exercises.score_text')}"),
        hidden("quiz.summary()"),
        md(tr(lang, "exercises.export_text"), metadata={"tags": ["remove-cell"]}),
        hidden(f"quiz.export({export}, overwrite=True)", "remove-cell"),
    ]
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": KERNELSPEC})
    return notebook


# -- the student notebook, mechanically ------------------------------------------------------------
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


def cell_name(name: str, index: int, source: str) -> str:
    """``<notebook>, cell <n>`` and the question the cell is about, if any."""
    question = QUESTION_IN.search(source)
    return f"{name}, cell {index}" + (f" (question {question.group(1)!r})" if question else "")


def versions(notebook: nbformat.NotebookNode, name: str) -> dict[str, nbformat.NotebookNode]:
    """The student and lecturer notebooks made from one notebook with solution blocks."""
    out = {version: copy.deepcopy(notebook) for version in VERSIONS}
    for version in VERSIONS:
        out[version].cells = []
    for index, cell in enumerate(notebook.cells, start=1):
        where = cell_name(name, index, cell.source)
        if cell.cell_type != "code":
            if BEGIN in cell.source or END in cell.source:
                raise MarkerError(f"{where}: solution markers belong in code cells")
            for version in VERSIONS:
                out[version].cells.append(copy.deepcopy(cell))
            continue
        student, lecturer, found = split_solution(cell.source, where)
        if found and not student.strip():
            raise MarkerError(f"{where}: the whole cell is solution; leave students a prompt outside the markers")
        for version, source in (("student", student), ("lecturer", lecturer)):
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


# -- the lecturer's worked answers, a page per edition ------------------------------------------------
def answers_path(lang: str, root: Path = ROOT) -> Path:
    """The worked answers' page of ``lang`` (``book/<lang>/answers.md``, in both tables of contents)."""
    return root / "book" / lang / "answers.md"


def demo_link(question: Question, lang: str, prefix: str = "../../") -> str | None:
    """An HTML link that opens the demo a question reads its value off, in the state the bank names,
    on its chapter page (``prefix`` leads from the page to the edition's root); None without one."""
    if question.demo is None:
        return None
    return (
        f'<a class="vk-q-demo-link" href="{html.escape(question.demo.href(lang, prefix))}">'
        f"{html.escape(tr(lang, 'quiz.open_demo'))}</a>"
    )


def worked_answer(bank: str, question: Question, raw: dict, lang: str) -> list[str]:
    """A question of the answers page: its number, goal and prompt, then its key as text (options
    with the right ones marked, each item's category, the steps in order, the number with its
    margin, the model answer), the explanation, the model's computation, the demo in that state."""
    t = lambda key, **fields: tr(lang, f"answers.{key}", **fields)  # noqa: E731
    goal = markdown_text(question.goal[lang], one_line=True)
    out = [
        f"### {t('question', number=question.number)}: {goal}",
        markdown_text(question.prompt[lang]),
        kind_of(question.kind).worked(question, lang),
    ]
    if question.explanation:
        out.append(markdown_text(question.explanation[lang]))
    if model_key(bank, raw, question) is not None:
        # The lecturer notebook's cell without its markers and without the student's blank to fill in.
        blank = f"{tr(lang, 'exercises.answer')} = None  #"
        lines = solution(bank, question, raw, lang).splitlines()
        code = "\n".join(line for line in lines if line not in (BEGIN, END) and not line.startswith(blank))
        out.append(f"{t('computed')}\n\n```text\n{code}\n```")  # as the guide's code: no colours to contrast
    link = demo_link(question, lang)
    if link:
        out.append(link)
    return out


def answers_page(lang: str, banks: Path = BANKS) -> str:
    """The worked answers of every bank in ``lang``, as the page ``book/<lang>/answers.md``: made
    from the banks alone (the same keys and computations as the lecturer notebooks), never by hand."""
    parts = [
        "% Written by tools/make_exercises.py from exercises/bank/*.yml (python tools/make_exercises.py); do not edit.",
        f"(answers)=\n# {tr(lang, 'answers.title')}",
        tr(lang, "answers.intro"),
    ]
    for name in bank_names(banks):
        bank = load_bank(name, banks)
        data = read_yaml((banks / f"{name}.yml").read_text("utf-8"), name)
        if data.get("draft"):
            continue
        raw = {entry["id"]: entry for entry in data["questions"]}
        page = f"../../exercises/{lang}/{name}-student.ipynb"
        parts.append(f"(answers-{name})=\n## {markdown_text(bank.title[lang], one_line=True)}")
        parts.append(tr(lang, "answers.bank", page=page))
        for question in bank.questions:
            parts += worked_answer(name, question, raw[question.id], lang)
    return "\n\n".join(parts) + "\n"


# -- running and writing --------------------------------------------------------------------------
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


def bank_names(banks: Path = BANKS) -> list[str]:
    return sorted(path.stem for path in banks.glob("*.yml"))


def made(name: str, lang: str, banks: Path = BANKS) -> dict[str, nbformat.NotebookNode]:
    """Both versions of bank ``name`` in ``lang``, not yet run."""
    source = f"exercises/bank/{name}.yml ({lang})"
    return versions(chapter_notebook(name, lang, banks), source)


def target(name: str, lang: str, version: str, out: Path = OUT) -> Path:
    return out / lang / f"{name}-{version}.ipynb"


def targets(names: Iterable[str] | None = None) -> list[tuple[str, str, str, Path]]:
    """(bank, language, version, notebook) for every bank, language and version."""
    return [
        (name, lang, version, target(name, lang, version))
        for name in (bank_names() if names is None else names)
        for lang in LANGUAGES
        for version in VERSIONS
    ]


def sources_of(notebook: nbformat.NotebookNode) -> list[tuple[str, str, list]]:
    return [(cell.cell_type, cell.source, cell.metadata.get("tags", [])) for cell in notebook.cells]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("banks", nargs="*", help="only these banks (default: every exercises/bank/*.yml)")
    parser.add_argument("--check", action="store_true", help="only check the committed notebooks are current")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.banks) - set(bank_names()))
    if unknown:
        print(f"No bank {unknown[0]!r} in exercises/bank/; banks: {', '.join(bank_names())}", file=sys.stderr)
        return 2
    try:
        banks = load_banks(BANKS)  # every bank, and no question id in two of them
    except BankError as error:
        print(error, file=sys.stderr)
        return 1
    stale = []
    # Files made from every bank: the questions' versions, and the worked answers (a page per edition).
    written = [(VERSIONS_JS, versions_js(banks.values()))] + [
        (answers_path(lang), answers_page(lang)) for lang in LANGUAGES
    ]
    for path, text in written:
        if not path.exists() or path.read_text("utf-8") != text:
            if args.check:
                stale.append(str(path.relative_to(ROOT)))
            else:
                path.write_text(text, "utf-8")
                print(f"wrote {path.relative_to(ROOT)}")
    for name in args.banks or bank_names():
        for lang in LANGUAGES:
            try:
                notebooks = made(name, lang)
            except (BankError, OutlineError, MarkerError) as error:
                print(error, file=sys.stderr)
                return 1
            for version, notebook in notebooks.items():
                path = target(name, lang, version)
                if args.check:
                    current = path.exists() and sources_of(nbformat.read(path, as_version=4)) == sources_of(notebook)
                    if not current:
                        stale.append(str(path.relative_to(ROOT)))
                    continue
                path.parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(execute(notebook, path.parent), path)
                print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print("Out of date (run python tools/make_exercises.py):\n  " + "\n  ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
