"""The exercise notebooks come from the banks alone: lecturer answers from the keys, students get
prompts, bad markers and missing keys are errors, and every lecturer notebook earns full marks."""

import dataclasses
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from make_exercises import (
    BANKS,
    BEGIN,
    END,
    ROOT,
    MarkerError,
    OutlineError,
    answers_page,
    answers_path,
    bank_names,
    chapter_notebook,
    execute,
    made,
    main,
    solution,
    split_solution,
    targets,
    versions,
)
from veerkracht.i18n import LANGUAGES, tr
from veerkracht.quiz.bank import load_bank, read_yaml

SAMPLE = Path(__file__).parent / "data" / "sample.yml"
OUTLINE = """outline:
  minutes: 10
  intro: {nl: "Proefvragen om te oefenen.", en: "Sample questions to practise."}
  demos: {nl: "Eén vraag rekent met de veer.", en: "One question computes with the spring."}
"""


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(c) if not c.startswith("#md ") else nbformat.v4.new_markdown_cell(c[4:])
        for c in cells
    ]
    return nb


@pytest.fixture
def sample_banks(tmp_path):
    """A bank folder with the sample bank (one question of every kind) and an outline."""
    text = SAMPLE.read_text("utf-8").replace("\nquestions:", f"\n{OUTLINE}questions:", 1)
    (tmp_path / "sample.yml").write_text(text, "utf-8")
    return tmp_path


def test_the_solution_stays_for_lecturers_and_goes_for_students():
    student, lecturer, found = split_solution(f"a = None\n{BEGIN}\na = 70\n{END}\ncheck(a)", "x")
    assert found and student == "a = None\ncheck(a)" and lecturer == "a = None\na = 70\ncheck(a)"


def test_a_cell_that_is_all_solution_is_an_error_naming_the_question():
    with pytest.raises(MarkerError, match="whole cell is solution") as caught:
        versions(notebook("#md Vraag", "quiz.question('q')", f'{BEGIN}\nquiz.check("ch01-q", "b")\n{END}'), "nb")
    assert "nb, cell 3 (question 'ch01-q')" in str(caught.value)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (f"{END}\na = 1", "END SOLUTION without BEGIN"),
        (f"{BEGIN}\na = 1", "BEGIN SOLUTION without END"),
        (f"{BEGIN}\n{BEGIN}\na\n{END}", "inside a solution"),
        ("### BEGIN SOLUTIONS\na", "unknown marker"),
    ],
)
def test_a_marker_out_of_place_is_an_error_naming_the_cell_and_question(source, message):
    with pytest.raises(MarkerError, match=message) as caught:
        versions(notebook("a = 0", f'quiz.check("ch01-x", a)\n{source}'), "exercises/bank/ch01.yml (nl)")
    assert "exercises/bank/ch01.yml (nl), cell 2 (question 'ch01-x')" in str(caught.value)


def test_markers_in_markdown_are_an_error():
    with pytest.raises(MarkerError, match="belong in code cells"):
        versions(notebook(f"#md {BEGIN}\ntext\n{END}"), "x")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_lecturer_answers_come_from_the_keys_and_students_keep_only_the_prompts(sample_banks, lang):
    bank = load_bank("sample", sample_banks)
    both = versions(chapter_notebook("sample", lang, sample_banks), "sample")
    lecturer = "\n".join(c.source for c in both["lecturer"].cells if c.cell_type == "code")
    student = [c for c in both["student"].cells if c.cell_type == "code"]
    assert 'quiz.check("s-single", "b")' in lecturer
    assert 'quiz.check("s-multiple", ["a", "c"])' in lecturer
    assert "= spring.rest_start" in lecturer or "= veer.rest_start" in lecturer  # the model computes it
    assert bank["s-open"].model_answer[lang] in lecturer.replace('"\n    "', "")
    for question in bank.questions:  # every question has a prompt for students, and no answer
        prompt = [c for c in student if f'quiz.check("{question.id}"' in c.source]
        assert len(prompt) == 1, question.id
        assert prompt[0].metadata["tags"] == ["remove-cell"]  # Jupyter only: the site shows the form
    assert all(BEGIN not in c.source and END not in c.source for c in student)
    assert all('quiz.check("s-single", "b")' not in c.source for c in student)
    assert [c.id for c in both["student"].cells] == [f"student-{n:03d}" for n in range(len(both["student"].cells))]


def test_the_page_counts_the_questions_of_the_bank(sample_banks):
    intro = chapter_notebook("sample", "en", sample_banks).cells[0].source
    assert intro.startswith(
        "# Sample questions\n\nSample questions to practise. There are 6 questions, 5 of them graded;"
    )
    assert "allow about 10 minutes" in intro and "- One question computes with the spring." in intro
    assert "An open question has no right or wrong" in intro


def test_a_bank_without_an_outline_is_refused_naming_the_bank(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "sample.yml")
    with pytest.raises(OutlineError, match="bank 'sample': needs an 'outline'"):
        chapter_notebook("sample", "nl", tmp_path)


@pytest.mark.parametrize(
    ("outline", "message"),
    [
        ('  minutes: "half an hour"\n  intro: {nl: "a", en: "b"}\n', "'minutes' must be a whole number"),
        ('  minutes: 10\n  intro: {nl: "a"}\n', "'intro' needs a text in each of nl, en"),
        ('  minutes: 10\n  intro: {nl: "a", en: "b"}\n  order: [x]\n', "unknown field 'order'"),
    ],
)
def test_a_malformed_outline_is_refused_naming_the_field(tmp_path, outline, message):
    text = SAMPLE.read_text("utf-8").replace("\nquestions:", f"\noutline:\n{outline}questions:", 1)
    (tmp_path / "sample.yml").write_text(text, "utf-8")
    with pytest.raises(OutlineError, match=message):
        chapter_notebook("sample", "nl", tmp_path)


def test_a_question_without_a_key_is_an_error_naming_it(sample_banks):
    question = dataclasses.replace(load_bank("sample", sample_banks)["s-single"], answer=None)
    with pytest.raises(OutlineError, match="question 's-single': no answer key"):
        solution("sample", question, {"id": "s-single"}, "nl")


def test_every_bank_has_its_four_committed_notebooks_and_they_are_current():
    assert not (ROOT / "exercises" / "src").exists()
    assert {t.name for *_, t in targets()} == {
        f"{name}-{version}.ipynb" for name in bank_names() for version in ("student", "lecturer")
    }
    assert main(["--check"]) == 0


def test_the_committed_notebooks_carry_no_timestamps_or_absolute_paths():
    for *_, path in targets():
        text = path.read_text("utf-8")
        assert '"execution"' not in text and "iopub" not in text, path.name
        assert str(ROOT) not in text and "/home/" not in text, path.name  # the export names files, not folders


def score_of(notebook: nbformat.NotebookNode, folder: Path) -> dict:
    """The statuses of a session after running ``notebook`` to the end (read from the kernel)."""
    notebook.cells.append(
        nbformat.v4.new_code_cell(
            "import json\nprint(json.dumps({q.id: quiz.status(q.id) for q in quiz.bank.questions}))"
        )
    )
    ran = execute(notebook, folder)
    return json.loads(ran.cells[-1].outputs[0]["text"])


@pytest.mark.parametrize(("name", "lang"), [(name, lang) for name in bank_names() for lang in LANGUAGES])
def test_every_lecturer_notebook_ends_with_full_marks(name, lang):
    """Each lecturer notebook is committed as its bank makes it now (the test above) and nbval runs
    it, holding every output to the committed one: so its closing score, read here, is what a run
    of its solutions gives. Every graded question right, the open ones answered."""
    notebook = nbformat.read(ROOT / "exercises" / lang / f"{name}-lecturer.ipynb", as_version=4)
    summaries = [
        "".join(output["data"]["text/plain"])
        for cell in notebook.cells
        if cell.cell_type == "code" and cell.source.strip() == "quiz.summary()"
        for output in cell.outputs
    ]
    graded = sum(q.graded for q in load_bank(name, BANKS).questions)
    assert summaries[-1] == tr(lang, "quiz.summary", right=graded, total=graded) + ". " + tr(lang, "quiz.summary_all")


def test_a_student_notebook_run_as_it_is_scores_nothing(tmp_path):
    statuses = score_of(made(bank_names()[0], "en")["student"], tmp_path)
    assert "correct" not in statuses.values()


def test_the_outline_of_every_bank_is_read_from_the_bank_itself():
    for name in bank_names():
        data = read_yaml((BANKS / f"{name}.yml").read_text("utf-8"), name)
        intro = chapter_notebook(name, "nl", BANKS).cells[0].source
        assert data["outline"]["intro"]["nl"] in intro


def test_the_bank_title_and_outline_are_escaped_like_every_other_bank_text(tmp_path):
    outline = (
        "outline:\n  minutes: 10\n"
        '  intro: {nl: "<script>alert(1)</script> *samen* & meer", en: "<b>x</b>"}\n'
        '  demos: {nl: "De veer uit [hoofdstuk 1](../x.md) <img src=y>", en: "The spring"}\n'
    )
    text = SAMPLE.read_text("utf-8").replace("\nquestions:", f"\n{outline}questions:", 1)
    text = text.replace('title: {nl: "Proefvragen"', 'title: {nl: "<img src=x onerror=alert(1)>\\nProef & co"')
    (tmp_path / "sample.yml").write_text(text, "utf-8")
    intro = chapter_notebook("sample", "nl", tmp_path).cells[0].source
    heading, first, *_ = intro.split("\n\n")
    assert heading == "# &lt;img src=x onerror=alert(1)&gt; Proef &amp; co"  # one line: a heading
    assert first.startswith("&lt;script&gt;alert(1)&lt;/script&gt; *samen* &amp; meer")  # Markdown kept
    assert "- De veer uit [hoofdstuk 1](../x.md) &lt;img src=y&gt;" in intro
    assert "<img" not in intro and "<script" not in intro


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_worked_answers_page_gives_every_questions_key_as_text(lang):
    """book/<lang>/answers.md, made from the banks: per bank, every question with its key (the right
    options marked, each item's category, the steps in order, the number, the model answer), a
    model-keyed answer's computation as in the lecturer notebook, and the link to its demo."""
    from veerkracht.quiz.bank import load_banks
    from veerkracht.quiz.text import markdown_text

    page = answers_page(lang)
    assert answers_path(lang).read_text("utf-8") == page  # the committed page is current
    right = tr(lang, "answers.right")
    for name, bank in load_banks().items():
        section = page.split(f"(answers-{name})=")[1].split("(answers-ch")[0]
        for q in bank.questions:
            block = section.split(f"### {tr(lang, 'answers.question', number=q.number)}: ")[1].split("\n### ")[0]
            text = lambda choice: markdown_text(choice.text[lang], one_line=True)  # noqa: E731
            if q.kind in ("single", "multiple"):
                keys = {q.answer} if q.kind == "single" else q.answer
                for option in q.options:
                    assert (f"- ✓ {text(option)} **({right})**" in block) is (option.id in keys)
            elif q.kind == "classify":
                names = {c.id: text(c) for c in q.categories}
                assert all(f"{text(i)} → **{names[q.answer[i.id]]}**" in block for i in q.items)
            elif q.kind == "order":
                steps = {s.id: text(s) for s in q.steps}
                assert all(f"{n}. {steps[s]}" in block for n, s in enumerate(q.answer, start=1))
            elif q.kind == "number":
                assert (
                    f"**{tr(lang, 'answers.answer')}:** {q.answer:g}".replace(".", "," if lang == "nl" else ".")
                    in block
                )
            else:
                assert markdown_text(q.model_answer[lang]) in block
            assert (q.demo is not None) == (q.demo is not None and q.demo.href(lang).replace("&", "&amp;") in block)
