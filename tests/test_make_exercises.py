"""Student and lecturer notebooks come from one source; bad markers are errors."""

import nbformat
import pytest
from make_exercises import BEGIN, END, MarkerError, main, split_solution, targets, versions


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(c) if not c.startswith("#md ") else nbformat.v4.new_markdown_cell(c[4:])
        for c in cells
    ]
    return nb


def test_the_solution_stays_for_lecturers_and_goes_for_students():
    student, lecturer, found = split_solution(f"a = None\n{BEGIN}\na = 70\n{END}\ncheck(a)", "x")
    assert found and student == "a = None\ncheck(a)" and lecturer == "a = None\na = 70\ncheck(a)"


def test_a_cell_that_is_all_solution_is_dropped_for_students():
    made = versions(notebook("#md Vraag", "quiz.question('q')", f"{BEGIN}\nquiz.check('q', 'b')\n{END}"), "x")
    assert [c.source for c in made["student"].cells] == ["Vraag", "quiz.question('q')"]
    assert made["lecturer"].cells[-1].source == "quiz.check('q', 'b')"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (f"{END}\na = 1", "END SOLUTION without BEGIN"),
        (f"{BEGIN}\na = 1", "BEGIN SOLUTION without END"),
        (f"{BEGIN}\n{BEGIN}\na\n{END}", "inside a solution"),
        ("### BEGIN SOLUTIONS\na", "unknown marker"),
    ],
)
def test_a_marker_out_of_place_is_an_error_naming_the_cell(source, message):
    with pytest.raises(MarkerError, match=message) as caught:
        versions(notebook("a = 0", source), "src/nl/ch01.md")
    assert "src/nl/ch01.md, cell 2" in str(caught.value)


def test_markers_in_markdown_are_an_error():
    with pytest.raises(MarkerError, match="belong in code cells"):
        versions(notebook(f"#md {BEGIN}\ntext\n{END}"), "x")


def test_the_committed_exercise_notebooks_are_generated_from_their_sources():
    assert {(t.parent.name, t.name) for _, _, t in targets()} >= {
        ("nl", "ch01-student.ipynb"),
        ("nl", "ch01-lecturer.ipynb"),
        ("en", "ch01-student.ipynb"),
        ("en", "ch01-lecturer.ipynb"),
    }
    assert main(["--check"]) == 0
