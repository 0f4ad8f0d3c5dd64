"""Chapter numbers stay true by one mechanism: every number a chapter states about a run of the models
is a ``{glue:md}`` role whose text ``veerkracht.chapter_facts`` computes from the models, glued by a
hidden cell of the chapter; the notebooks outside the book get the same text (tools/plain_markdown.py).
So no sentence is copied here: these tests hold the roles, the names and the cells together, and
tests/test_chapter_claims.py holds what the chapters say in words to the models."""

import html
import re
import sys
from collections import Counter
from unittest import mock

import jupytext
import pytest
from conftest import ROOT
from plain_markdown import glued, plain_markdown
from veerkracht.chapter_facts import CHAPTERS, facts, glue_facts
from veerkracht.model_notes import page_numbers

EDITIONS = ("nl", "en")
GLUE = re.compile(r"\{glue:md\}`([^`]*)`")


def source(chapter: str, lang: str) -> str:
    return (ROOT / "chapters" / lang / f"{chapter}.md").read_text("utf-8")


def test_every_chapter_of_both_editions_has_its_facts():
    assert {path.stem for lang in EDITIONS for path in (ROOT / "chapters" / lang).glob("*.md")} == set(CHAPTERS)


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_glued_name_is_a_fact_of_the_chapter_and_every_fact_is_used(chapter, lang):
    used = set(GLUE.findall(source(chapter, lang)))
    known = set(facts(chapter, lang))
    assert used - known == set(), f"chapters/{lang}/{chapter}.md glues names it has no fact for"
    assert known - used == set(), f"chapters/{lang}/{chapter}.md does not state these facts"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_both_editions_state_the_same_facts_as_often(chapter):
    nl, en = (Counter(GLUE.findall(source(chapter, lang))) for lang in EDITIONS)
    assert nl == en
    assert set(facts(chapter, "nl")) == set(facts(chapter, "en"))


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_hidden_cell_glues_the_chapters_own_facts(chapter, lang):
    cells = [c for c in jupytext.read(ROOT / "chapters" / lang / f"{chapter}.md").cells if c.cell_type == "code"]
    gluing = [c for c in cells if "glue_facts(" in c.source]
    assert len(gluing) == 1
    assert f'glue_facts("{chapter}", "{lang}")' in gluing[0].source
    assert gluing[0].metadata.get("tags") == ["remove-input"]  # no input shown, and it has no output


@pytest.mark.parametrize("lang", EDITIONS)
def test_glue_facts_glues_every_fact_as_the_text_a_reader_sees(lang):
    recorded = {}
    with mock.patch(
        "myst_nb.glue", lambda name, value, display=True: recorded.__setitem__(name, (value.data, display))
    ):
        glue_facts("03-cycle", lang)
    assert recorded == {name: (text, False) for name, text in facts("03-cycle", lang).items()}


def test_without_myst_nb_the_cell_glues_and_computes_nothing(monkeypatch):
    """In JupyterLab and the live app there is no myst-nb: the cell runs without a trace."""
    monkeypatch.setitem(sys.modules, "myst_nb", None)  # import myst_nb raises ImportError
    with mock.patch("veerkracht.chapter_facts.facts", side_effect=AssertionError("computed")):
        glue_facts("01-resilience", "en")


def test_the_facts_are_written_as_each_editions_reader_reads_them():
    nl, en = facts("02-resources", "nl"), facts("02-resources", "en")
    assert (nl["yara_level"], en["yara_level"]) == ("1,9", "1.9")  # the decimal comma in Dutch
    assert (nl["yara_weeks"], en["yara_weeks"]) == ("21 weken", "21 weeks")
    assert (nl["sam_no_load_lead"], en["sam_no_load_lead"]) == ("1 week", "1 week")  # singular
    assert facts("01-resilience", "nl")["recovery_by_resources"] == "30, 16, 11, 9 en 7"
    assert facts("03-cycle", "en")["default_says_back"] == "not even without any chronic load"  # the demo's words


@pytest.mark.parametrize("lang", EDITIONS)
def test_chapter1_and_the_models_page_state_the_same_runs(lang):
    chapter, page = facts("01-resilience", lang), page_numbers(lang)
    assert chapter["recovery_by_resources"] == page["spring_recovery_by_resources"]
    assert chapter["lowest_by_load"] == page["spring_lowest_by_load"]
    assert page["spring_rest_by_load"].endswith(chapter["rest_by_load"])  # the page adds load 0 (80)
    assert page["spring_rest_by_load"].startswith("80, ")


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_outside_the_book_a_chapter_reads_its_facts_as_the_chapter_glues_them(chapter, lang):
    recorded = {}
    with mock.patch("myst_nb.glue", lambda name, value, display=True: recorded.__setitem__(name, value.data)):
        glue_facts(chapter, lang)
    assert glued(lang, f"chapters/{lang}/{chapter}") == recorded
    first = next(iter(recorded))
    assert plain_markdown(f"at {{glue:md}}`{first}`.", lang, f"chapters/{lang}/{chapter}") == f"at {recorded[first]}."


# Sphinx curls quotes and joins dots; a tag leaves a space before punctuation that the source has not.
TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "…": "..."})
MARKDOWN = re.compile(r"\[([^\]]*)\]\([^)]*\)|<a\s[^>]*>(.*?)</a>")  # a link: its text


def flat(text: str) -> str:
    """``text`` as one line of words, as a reader reads it."""
    text = " ".join(text.translate(TYPOGRAPHY).split())
    return re.sub(r"\( ", "(", re.sub(r" ([,.;:!?)])", r"\1", text))


def read(line: str) -> str:
    """A line of plain Markdown as its built page shows it: no emphasis, table bars, list marks or link
    targets."""
    line = MARKDOWN.sub(lambda m: m.group(1) or m.group(2) or "", line)
    return flat(re.sub(r"[*|]", " ", re.sub(r"^\s*(?:-|\d+\.)\s+", "", line)))


def page_text(path) -> str:
    """A built page's text as one line."""
    return flat(re.sub(r"<[^>]+>", " ", html.unescape(path.read_text("utf-8"))))


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_built_pages_read_as_the_notebooks_outside_the_book(built_site, lang):
    """Every line of a chapter with a glued number (a sentence, a table's row, a list's item) reads on
    the built page as plain_markdown writes it for the downloads and the live app."""
    checked = 0
    for chapter in CHAPTERS:
        shown = page_text(built_site["dir"] / lang / f"chapters/{lang}/{chapter}.html")
        for line in (line for line in source(chapter, lang).splitlines() if GLUE.search(line)):
            text = read(plain_markdown(line, lang, f"chapters/{lang}/{chapter}"))
            assert text in shown, f"chapters/{lang}/{chapter}: not on the built page: {text!r}"
            checked += 1
    assert checked >= 50  # 57 lines in each edition
