"""Notebooks outside the book (a page's download, the live app) in plain Markdown
(tools/plain_markdown.py): MyST roles as their text, citations as the page words them, admonitions
as blockquotes, labels gone, links to the published pages, and anything else MyST an error that
names the page and the markup. The last test reads the built site's notebooks and pages."""

import html.parser
import json
import re
from unittest import mock

import jupytext
import pytest
from build_site import EDITIONS, toc_pages
from conftest import ROOT
from markdown_it import MarkdownIt
from plain_markdown import MystMarkupError, cite, glued, plain_markdown, plain_notebook, site_url

SITE = "https://example.org/course/"
CITE_ROLE = re.compile(r"\{cite:(\w+)\}`([^`]+)`")
RAW_MYST = re.compile(r"\{term\}|\{cite|\{ref\}|\{doc\}|\{glue|```\{|^\s*\([\w:.-]+\)=\s*$", re.M)


def plain(text: str, lang: str = "en", page: str = "chapters/en/03-cycle", site: str = SITE) -> str:
    return plain_markdown(text, lang, page, site)


def rendered(text: str) -> str:
    """``text`` as a CommonMark renderer (as JupyterLab's) draws it."""
    return MarkdownIt("commonmark", {"html": True}).render(text)


def test_a_term_shows_its_text_in_both_editions():
    text = "a single {term}`setback`, in {term}`vulnerable positions <persistently vulnerable position>`"
    assert plain(text) == "a single setback, in vulnerable positions"
    assert plain("een {term}`tegenslag` en {term}`hulpbronnen <hulpbron>`", "nl", "chapters/nl/03-cycle") == (
        "een tegenslag en hulpbronnen"
    )


def test_a_ref_or_doc_shows_its_text_and_a_bare_one_the_title_it_points_at():
    assert plain("{ref}`chapter 1 <ch-resilience>` and the {doc}`references <../../book/en/references>`") == (
        "chapter 1 and the references"
    )
    assert plain("{ref}`hoofdstuk 2 <ch-resources>`", "nl", "chapters/nl/03-cycle") == "hoofdstuk 2"
    assert plain("See {doc}`../../book/en/models`.") == "See About the models."
    assert plain("See {ref}`ch-cycle`.") == "See When adversity piles up."
    with pytest.raises(MystMarkupError, match=r"chapters/en/03-cycle: .*\{ref\}`cycle-demo`"):
        plain("the {ref}`cycle-demo`")  # a label on a demo, not on a heading: no title to show


# One citation of each role the chapters and book pages use, as the built pages word them (the test
# on the built site below compares every citation of every chapter with its page).
CITATIONS = {
    "en": [
        ("p", "trimbos2025", "(Trimbos-instituut, 2025)"),
        ("p", "vandermaas2024,cramer2016", "(Cramer et al., 2016; van\u00a0der Maas, 2024)"),
        ("p", "vandermaas2024{chapter 3}", "(van\u00a0der Maas, 2024, chapter 3)"),
        ("t", "scheffer2009", "Scheffer et al. (2009)"),
        ("t", "johnson2013", "Johnson and Whisman (2013)"),
        ("ts", "dechert2025", "Dechert, Gurevich and Heusler (2025)"),
        ("ct", "vandeleemput2014", "Van\u00a0de Leemput et al. (2014)"),
        ("yearpar", "hobfoll1989,hobfoll2001", "(1989, 2001)"),
    ],
    "nl": [
        ("p", "trimbos2025", "(Trimbos-instituut, 2025)"),
        ("t", "vandermaas2024{hoofdstuk 3}", "van\u00a0der Maas (2024, hoofdstuk 3)"),
        ("t", "johnson2013", "Johnson en Whisman (2013)"),
        ("ts", "grych2015", "Grych, Hamby en Banyard (2015)"),
        ("ct", "vandeleemput2014", "Van\u00a0de Leemput et al. (2014)"),
        ("yearpar", "hobfoll1989", "(1989)"),
    ],
}


@pytest.mark.parametrize("lang", EDITIONS)
def test_each_kind_of_citation_reads_as_on_the_page_in_the_editions_language(lang):
    for role, keys, expected in CITATIONS[lang]:
        assert plain(f"as {{cite:{role}}}`{keys}` says", lang, f"chapters/{lang}/03-cycle") == f"as {expected} says"


def test_every_citation_role_the_pages_use_is_tested():
    pages = [*ROOT.glob("chapters/*/*.md"), *ROOT.glob("book/*/*.md")]
    used = {role for path in pages for role, _ in CITE_ROLE.findall(path.read_text("utf-8"))}
    assert used and used <= {role for lang in EDITIONS for role, _, _ in CITATIONS[lang]}


def test_label_lines_and_comments_go_and_a_cell_left_with_nothing_goes_too():
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": ["(ch-cycle)=\n", "# When adversity piles up\n", "% note\n", "Text."]},
            {"cell_type": "markdown", "source": "(cycle-demo)="},
            {"cell_type": "code", "source": "CycleDemo()", "outputs": []},
        ]
    }
    plain_notebook(notebook, "en", "chapters/en/03-cycle", SITE)
    assert [cell["source"] for cell in notebook["cells"]] == ["# When adversity piles up\nText.", "CycleDemo()"]


TRY_IT = """Before.

````{admonition} Try it yourself
:class: tip

For every task: **predict first**. Tasks 1 to 6 are about the {ref}`circle demo <cycle-demo>`.

**1. A weak circle.** Press it (<a href="?cycle.loop=30&amp;cycle.setback=20#cycle-demo">this link</a> opens it).

<details>
<summary>What the model shows</summary>

- stress climbs to 72 {cite:p}`scheffer2009`;
- it stays there.

```python
CycleDemo(lang="en")
```

</details>
````

After."""


def test_an_admonition_becomes_a_blockquote_with_its_title_in_bold_and_its_body_whole():
    text = plain(TRY_IT)
    assert "{" not in text and ":class:" not in text
    assert text.startswith("Before.\n\n> **Try it yourself**\n>\n> For every task: **predict first**.")
    assert "> - stress climbs to 72 (Scheffer et al., 2009);" in text
    assert '> CycleDemo(lang="en")' in text and text.endswith("> </details>\n\nAfter.")
    html = rendered(text)
    quote = html[html.index("<blockquote>") : html.index("</blockquote>")]
    assert quote.startswith("<blockquote>\n<p><strong>Try it yourself</strong></p>")
    for part in ("<details>", "<summary>What the model shows</summary>", "<li>it stays there.</li>", "<pre><code"):
        assert part in quote
    assert f'href="{SITE}en/chapters/en/03-cycle.html?cycle.loop=30&amp;cycle.setback=20#cycle-demo"' in quote
    assert "<p>After.</p>" in html[html.index("</blockquote>") :]


@pytest.mark.parametrize(("lang", "label"), [("nl", "Belangrijk"), ("en", "Important")])
def test_a_named_admonition_takes_sphinxs_label_in_the_editions_language(lang, label):
    text = plain("```{important}\n**Thinking tools.** Not instruments.\n```", lang, f"book/{lang}/models")
    assert text == f"> **{label}**\n>\n> **Thinking tools.** Not instruments."
    three = plain("```{admonition} A moment to think\n:class: tip\n\nThink of a setback.\n```", lang)
    assert three == "> **A moment to think**\n>\n> Think of a setback."


def test_a_container_keeps_only_its_body_and_code_blocks_stay_as_they_are():
    assert plain(":::{container} lang-nl\n> “Veerkracht is het proces ...”\n:::") == "> “Veerkracht is het proces ...”"
    code = "```text\ndx/dt = S − k · x  {term}`x`\n(label)=\n```"
    assert plain(code) == code


def test_relative_links_point_at_the_published_page_and_others_stay():
    page = "exercises/en/ch03-student"
    assert plain("Read [chapter 3](../../chapters/en/03-cycle.md#the-circle).", page=page) == (
        f"Read [chapter 3]({SITE}en/chapters/en/03-cycle.html#the-circle)."
    )
    assert plain('<a href="02-resources.html?portfolio.network=1#portfolio-demo">this</a>') == (
        f'<a href="{SITE}en/chapters/en/02-resources.html?portfolio.network=1#portfolio-demo">this</a>'
    )
    assert plain("[above](#cycle-demo)") == f"[above]({SITE}en/chapters/en/03-cycle.html#cycle-demo)"
    outside = "[the dossier](https://www.trimbos.nl/) and ![](figure.png)"
    assert plain(outside) == outside
    assert site_url() == "https://veerkracht-cursus.github.io/veerkracht/"  # _config.yml's vk_site_url


def test_without_a_site_address_a_relative_link_keeps_only_its_text():
    assert plain('[chapter 3](03-cycle.md) and <a href="?x=1#d">this link</a>', site="") == "chapter 3 and this link"


@pytest.mark.parametrize("lang", EDITIONS)
def test_a_glued_number_reads_as_the_models_page_glues_it(lang):
    recorded = {}
    with mock.patch("myst_nb.glue", lambda name, value, display=True: recorded.__setitem__(name, value.data)):
        from veerkracht.model_notes import glue_numbers

        glue_numbers(lang)
    assert glued(lang, f"book/{lang}/models") == recorded
    text = plain(
        "It rests at {glue:md}`spring_W_UNLOADED` over {glue:md}`spring_HORIZON` weeks.", lang, f"book/{lang}/models"
    )
    assert text == "It rests at 80 over 52 weeks."


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        ("a {math}`x^2` here", "{math}`x^2`"),
        ("a {glue:md}`no_such_number`", "{glue:md}`no_such_number`"),
        ("as {cite:p}`nobody1999` says", "{cite:p}`nobody1999`"),
        ("as {cite:foo}`trimbos2025` says", "{cite:foo}`trimbos2025`"),
        ("```{figure} plot.png\n:alt: A plot\n```", "{figure} plot.png"),
        (":::{dropdown} Hint\nText\n:::", "{dropdown} Hint"),
        ("> ```{note}\n> In a quote.\n> ```", "```{"),
        ("a {term}`role over\ntwo lines`", "{term}`"),
    ],
)
def test_markup_with_no_plain_form_fails_naming_the_page_and_the_markup(text, markup):
    with pytest.raises(MystMarkupError) as error:
        plain(text, page="chapters/en/09-new")
    assert str(error.value).startswith("chapters/en/09-new: ") and markup in str(error.value)


def test_every_chapter_models_page_and_exercise_notebook_converts_with_no_myst_left():
    for lang in EDITIONS:
        sources = [*(ROOT / "chapters" / lang).glob("*.md"), ROOT / "book" / lang / "models.md"]
        sources += (ROOT / "exercises" / lang).glob("*-student.ipynb")
        for source in sources:
            notebook = jupytext.read(source) if source.suffix == ".md" else json.loads(source.read_text("utf-8"))
            plain_notebook(notebook, lang, source.relative_to(ROOT).with_suffix("").as_posix())
            text = "\n".join(cell["source"] for cell in notebook["cells"] if cell["cell_type"] == "markdown")
            assert not RAW_MYST.search(text), (source, RAW_MYST.search(text))


class Citations(html.parser.HTMLParser):
    """The text of each citation on a page (sphinxcontrib-bibtex's ``span.bibtex-citation``), in order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag == "span"
        elif tag == "span" and "bibtex-citation" in (dict(attrs).get("class") or "").split():
            self.depth = 1
            self.found.append("")

    def handle_endtag(self, tag):
        if self.depth and tag == "span":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.found[-1] += data


def markdown_text(path) -> str:
    notebook = json.loads(path.read_text("utf-8"))
    return "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")


def test_the_sites_notebooks_show_no_myst_and_cite_as_their_pages_do(built_site):
    site = built_site["dir"]
    notebooks = [*(site / "lite" / "files").rglob("*.ipynb")] if not built_site["lite_missing"] else []
    notebooks += [path for edition in EDITIONS for path in (site / edition / "_sources").rglob("*.ipynb")]
    assert len(notebooks) >= 22 + (0 if built_site["lite_missing"] else 20)
    for path in notebooks:
        found = RAW_MYST.search(markdown_text(path))
        assert not found, f"{path.relative_to(site)}: {found.group(0)!r}"
    compared = 0
    for edition in EDITIONS:
        for doc in (d for d in toc_pages(edition) if d.startswith("chapters/")):
            parser = Citations()
            parser.feed((site / edition / f"{doc}.html").read_text("utf-8"))
            source = (ROOT / f"{doc}.md").read_text("utf-8")
            ours = [cite(role, keys, edition, doc) for role, keys in CITE_ROLE.findall(source)]
            assert ours == parser.found, doc
            copies = [site / edition / "_sources" / f"{doc}.ipynb"]
            copies += [] if built_site["lite_missing"] else [site / "lite" / "files" / f"{doc}.ipynb"]
            for notebook in copies:
                text, at = markdown_text(notebook), 0
                for words in ours:  # each citation's words in the notebook, in the page's order
                    found = text.find(words, at)
                    assert found >= 0, (notebook.relative_to(site), words)
                    at = found + len(words)
            compared += len(ours)
    assert compared > 100
