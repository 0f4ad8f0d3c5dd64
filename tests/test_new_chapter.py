"""Adding a chapter is one command; bad input changes nothing; a draft is never built."""

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml
from build_site import drafts
from build_site import main as build_main
from make_exercises import chapter_notebook, versions
from new_chapter import ROOT, TOCS, main, toc_files
from veerkracht.i18n import LANGUAGES
from veerkracht.quiz.bank import load_bank


@pytest.fixture
def course(tmp_path):
    """A copy of what the command reads and writes: both tables of contents, chapters, banks."""
    for toc in TOCS.values():
        shutil.copy(ROOT / toc, tmp_path / toc)
    shutil.copytree(ROOT / "chapters", tmp_path / "chapters")
    shutil.copytree(ROOT / "exercises" / "bank", tmp_path / "exercises" / "bank")
    return tmp_path


def tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()
    }


def pages(root: Path, lang: str) -> list[str]:
    return toc_files(yaml.safe_load((root / TOCS[lang]).read_text("utf-8")))


def test_the_command_makes_both_pages_a_bank_stub_and_both_tables_of_contents_in_step(course, capsys):
    assert main(["7", "coping-styles", "Copingstijlen", "Coping styles"], root=course, notebooks=False) == 0
    for lang, title in (("nl", "Copingstijlen"), ("en", "Coping styles")):
        page = (course / "chapters" / lang / "07-coping-styles.md").read_text("utf-8")
        assert "(ch-coping-styles)=\n# " + title + "\n" in page
        assert f"<../../exercises/{lang}/ch07-student>" in page
    nl, en = pages(course, "nl"), pages(course, "en")
    assert [p.replace("/nl/", "/en/") for p in nl] == en
    # in number order, the exercises as its section, before the background part
    at = nl.index("chapters/nl/07-coping-styles")
    assert nl[at - 1].startswith("exercises/nl/ch0") and nl[at + 1] == "exercises/nl/ch07-student"
    assert nl[at + 2 :] == [p for p in pages(ROOT, "nl") if p.startswith("book/")][1:]  # the background pages
    assert "draft" in capsys.readouterr().out


def test_the_new_bank_is_a_valid_bank_whose_notebooks_can_be_made(course):
    main(["07", "coping-styles", "Copingstijlen", "Coping styles"], root=course, notebooks=False)
    banks = course / "exercises" / "bank"
    bank = load_bank("ch07", banks)
    assert bank.title == {"nl": "Oefenvragen: hoofdstuk 7", "en": "Exercises: chapter 7"}
    for lang in LANGUAGES:
        made = versions(chapter_notebook("ch07", lang, banks), "ch07")
        assert 'quiz.check("ch07-example", "a")' in "\n".join(c.source for c in made["lecturer"].cells)


def test_a_new_chapter_is_a_draft_and_the_build_refuses_it(course, capsys):
    assert drafts(course) == []
    main(["07", "coping-styles", "Copingstijlen", "Coping styles"], root=course, notebooks=False)
    assert drafts(course) == [
        "chapters/nl/07-coping-styles.md: write its sections, then delete its '% DRAFT' lines",
        "chapters/en/07-coping-styles.md: write its sections, then delete its '% DRAFT' lines",
        "exercises/bank/ch07.yml: replace the example question, then delete 'draft: true'",
    ]
    bank = course / "exercises" / "bank" / "ch07.yml"
    bank.write_text(bank.read_text("utf-8").replace("draft: true\n", ""), "utf-8")
    assert "exercises/bank/ch07.yml" in drafts(course)[-1]  # the example question is still there


def test_the_course_itself_holds_no_draft():
    assert drafts() == []


def test_the_build_stops_on_a_draft_before_building(monkeypatch, capsys):
    monkeypatch.setattr("build_site.drafts", lambda: ["chapters/nl/07-x.md: write its sections"])
    assert build_main([]) == 1
    assert "07-x.md" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["01", "again", "Weer", "Again"], "Chapter 01 or the slug 'again' exists already: chapters/"),
        (["3", "again", "Weer", "Again"], "Chapter 03 or the slug 'again' exists already"),
        (["09", "resilience", "Weer", "Again"], "the slug 'resilience' exists already"),
        (["six", "again", "Weer", "Again"], "number from 1 to 99, like 06; got 'six'"),
        (["0", "again", "Weer", "Again"], "number from 1 to 99"),
        (["100", "again", "Weer", "Again"], "number from 1 to 99"),
        (["09", "Coping Styles", "Weer", "Again"], "lower-case letters a-z, digits and single hyphens"),
        (["09", "coping--styles", "Weer", "Again"], "got 'coping--styles'"),
        (["09", "../etc", "Weer", "Again"], "got '../etc'"),
        (["09", "again", "  ", "Again"], "The Dutch title is empty"),
        (["09", "again", "Weer", ""], "The English title is empty"),
        (["09", "again", "Weer\nen weer", "Again"], "one line"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(course, capsys, args, message):
    before = tree(course)
    assert main(args, root=course, notebooks=False) == 2
    assert message in capsys.readouterr().err
    assert tree(course) == before


def test_tables_of_contents_out_of_step_are_refused_before_anything_is_written(course, capsys):
    toc = course / TOCS["en"]
    toc.write_text(toc.read_text("utf-8").replace("chapters/en/02-resources", "chapters/en/02-other"), "utf-8")
    before = tree(course)
    assert main(["09", "again", "Weer", "Again"], root=course, notebooks=False) == 2
    assert "do not list the same pages" in capsys.readouterr().err and tree(course) == before
