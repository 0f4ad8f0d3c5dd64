"""The book: both editions build with zero warnings, and an output the site cannot show fails."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from build_site import BUILD, EDITIONS, ROOT, BuildError, build_book, merged, problems, toc_pages


@pytest.mark.parametrize("edition", ["nl", "en"])
def test_edition_builds_with_zero_warnings(built_site, edition):
    log = built_site["logs"][edition]
    assert "build succeeded" in log
    assert problems(log) == []
    for page in toc_pages(edition):
        assert (built_site["dir"] / edition / f"{page}.html").is_file()


def test_a_build_problem_is_told_from_a_kernel_log_line():
    log = (
        "reading sources... [ 50%] chapters/nl/01-resilience\n"
        "/book/chapters/nl/01-resilience.md:12: WARNING: undefined label: 'x'\n"
        "[IPKernelApp] WARNING | Kernel is running over TCP without encryption.\n"
        "[IPKernelApp] ERROR | Exception in control handler:\n"
        "/book/book/nl/models.md:3: (ERROR/3) Unknown directive type.\n"
        "ERROR: Execution Failed with traceback saved in /tmp/x.log\n"
        "build succeeded.\n"
    )
    assert problems(log) == [
        "/book/chapters/nl/01-resilience.md:12: WARNING: undefined label: 'x'",
        "/book/book/nl/models.md:3: (ERROR/3) Unknown directive type.",
        "ERROR: Execution Failed with traceback saved in /tmp/x.log",
    ]


def test_both_tables_of_contents_list_the_same_pages_in_the_same_order():
    dutch, english = (toc_pages(edition) for edition in EDITIONS)
    assert [page.replace("/nl/", "/en/") for page in dutch] == english
    assert len(dutch) >= 4


@pytest.mark.parametrize("edition", ["nl", "en"])
def test_each_edition_declares_its_language_and_uses_the_site_plotly_once(built_site, edition):
    html = (built_site["dir"] / edition / f"chapters/{edition}/01-resilience.html").read_text("utf-8")
    assert f'<html lang="{edition}"' in html
    assert html.count("assets/plotly-basic.min.js") == 1
    assert 'class="vk-demo vk-spring"' in html
    assert "ipywidgets_state" not in html and "widget-state+json" not in html
    welcome = (built_site["dir"] / edition / f"book/{edition}/welcome.html").read_text("utf-8")
    assert "plotly" not in welcome  # only pages with a demo load plotly.js


def test_site_root_links_both_editions_and_plotly_is_shipped_once(built_site):
    site = built_site["dir"]
    root = (site / "index.html").read_text("utf-8")
    assert 'href="nl/index.html"' in root and 'href="en/index.html"' in root
    assert len(list(site.rglob("plotly*.js"))) == 1


def tiny_book(tmp_path: Path, output: dict, source: str = "show()") -> tuple[Path, Path]:
    """A one-page book with the course's own config, whose only cell (``source``) has ``output``."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))
    config = merged(
        config,
        {
            "execute": {"execute_notebooks": "off"},
            "html": {"favicon": str(ROOT / "book" / "_static" / "favicon.svg")},
            "exclude_patterns": ["_build"],
            "bibtex_bibfiles": [str(ROOT / "book" / "references.bib")],  # relative in _config.yml
            "sphinx": {
                "local_extensions": {"veerkracht_book": str(ROOT / "book" / "_ext")},
                "config": {
                    "html_static_path": [str(ROOT / "book" / "_static"), str(ROOT / "widgets" / "assets")],
                    "templates_path": [str(ROOT / "book" / "_templates")],
                    "vk_grid_cache": str(BUILD / ".vk-grids"),  # the course's grids, kept by their sources
                },
            },
        },
    )
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "cells": [
            {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# Page"},
            {
                "cell_type": "code",
                "id": "b",
                "metadata": {},
                "execution_count": 1,
                "source": source,
                "outputs": [{"output_type": "display_data", "metadata": {}, "data": output}] if output else [],
            },
        ],
    }
    for edition in ("nl", "en"):  # the page and its counterpart
        (tmp_path / edition).mkdir()
        (tmp_path / edition / "page.ipynb").write_text(json.dumps(notebook), "utf-8")
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config), "utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: nl/page\n", "utf-8")
    return tmp_path / "_config.yml", tmp_path / "_toc.yml"


def test_an_output_the_site_cannot_show_fails_the_build(tmp_path):
    plotly_json = {"application/vnd.plotly.v1+json": {"data": [], "layout": {}}}
    config, toc = tiny_book(tmp_path, plotly_json)
    with pytest.raises(BuildError, match=r"(?i)mime"):
        build_book(tmp_path, config, toc, tmp_path / "out")


def test_the_same_tiny_book_with_html_output_builds(tmp_path):
    config, toc = tiny_book(tmp_path, {"text/html": "<p>shown</p>", "text/plain": "shown"})
    html, _ = build_book(tmp_path, config, toc, tmp_path / "out")
    assert "<p>shown</p>" in (html / "nl" / "page.html").read_text("utf-8")


def test_the_execution_cache_follows_the_package_and_the_banks(tmp_path):
    from build_site import sources_fingerprint

    for folder in ("widgets", "exercises/bank"):
        (tmp_path / folder).mkdir(parents=True)
    model, bank = tmp_path / "widgets" / "model.py", tmp_path / "exercises" / "bank" / "ch01.yml"
    model.write_text("K = 1\n")
    bank.write_text("bank: ch01\n")
    before = sources_fingerprint(tmp_path)
    assert sources_fingerprint(tmp_path) == before
    model.write_text("K = 2\n")
    assert sources_fingerprint(tmp_path) != before
    after_model = sources_fingerprint(tmp_path)
    bank.write_text("bank: ch01  # edited\n")
    assert sources_fingerprint(tmp_path) != after_model


def test_the_book_draws_a_demo_from_its_state_with_its_grid_in_a_file_of_its_own(tmp_path):
    from veerkracht.demos.spring import SpringDemo
    from veerkracht.kit.demo import STATE_MIME

    demo = SpringDemo(lang="nl", resources=2)
    config, toc = tiny_book(tmp_path, {STATE_MIME: demo.state(), "text/plain": repr(demo)})
    html, _ = build_book(tmp_path, config, toc, tmp_path / "out")
    page = (html / "nl" / "page.html").read_text("utf-8")
    assert 'class="vk-demo vk-spring" id="vk-spring-1"' in page and "vk-spring-2" not in page
    (script,) = re.findall(r"<script [^>]*demo\.js[^>]*>", page)  # the page loads the demo script, deferred
    assert 'data-plotly="../../assets/plotly-basic.min.js"' in script and 'defer="defer"' in script
    (grid,) = (html / "_static" / "vk-grids").glob("spring-nl-*.js")
    data = json.loads(re.search(r'class="vk-data">(.*?)</script>', page).group(1))
    assert data["grid"] == {"name": grid.name, "src": f"../_static/vk-grids/{grid.name}"} and "states" not in data
    assert "application/vnd.jupyter.widget-view" not in page


@pytest.mark.parametrize(
    ("state", "named"),
    [
        ({"demo": "springs", "lang": "nl", "params": {}, "time": 0}, "demo"),
        ({"demo": "spring", "lang": "nl", "time": 0}, "params: missing"),
        (None, "params.stiffness: no such parameter"),
    ],
)
def test_a_demo_state_the_site_cannot_show_fails_the_build_naming_page_and_field(tmp_path, state, named):
    from veerkracht.demos.spring import SpringDemo
    from veerkracht.kit.demo import STATE_MIME

    if state is None:
        good = SpringDemo(lang="nl").state()
        state = {**good, "params": {**good["params"], "stiffness": 2}}
    config, toc = tiny_book(tmp_path, {STATE_MIME: state, "text/plain": "demo"})
    with pytest.raises(BuildError) as caught:
        build_book(tmp_path, config, toc, tmp_path / "out")
    assert "page 'nl/page'" in str(caught.value) and named in str(caught.value)


def test_a_question_the_bank_lacks_fails_the_build_naming_page_bank_and_question(tmp_path):
    from veerkracht.quiz.session import QUESTION_MIME

    state = {"bank": "ch01", "question": "ch01-no-such-question", "lang": "nl"}
    config, toc = tiny_book(tmp_path, {QUESTION_MIME: state, "text/plain": "Vraag 1"})
    with pytest.raises(BuildError) as caught:
        build_book(tmp_path, config, toc, tmp_path / "out")
    assert "page 'nl/page'" in str(caught.value) and "no question 'ch01-no-such-question'" in str(caught.value)


def test_an_edited_question_shows_as_edited_after_a_rebuild_with_the_notebooks_cached(tmp_path):
    """A lecturer edits a prompt in the bank and rebuilds: the page shows the new text, though the
    notebook's code did not change and its execution is cached (jupyter-cache hashes code only)."""
    from veerkracht.quiz import load_bank

    bank = load_bank("ch01")
    first = bank.questions[0]
    (tmp_path / "exercises" / "bank").mkdir(parents=True)
    copy = tmp_path / "exercises" / "bank" / "ch01.yml"
    copy.write_text((ROOT / "exercises" / "bank" / "ch01.yml").read_text("utf-8"), "utf-8")
    cell = f'from veerkracht.quiz import Quiz\nQuiz("ch01", lang="nl").question("{first.id}")'
    config, toc = tiny_book(tmp_path, {}, source=cell)
    settings = yaml.safe_load(config.read_text("utf-8"))
    settings["execute"] = {"execute_notebooks": "cache", "cache": str(tmp_path / "cache"), "timeout": 300}
    settings["exclude_patterns"] = ["_build", "out*", "exercises", "cache"]
    config.write_text(yaml.safe_dump(settings), "utf-8")
    html, _ = build_book(tmp_path, config, toc, tmp_path / "out1")
    assert first.prompt["nl"][:40] in (html / "nl" / "page.html").read_text("utf-8")
    text = copy.read_text("utf-8")
    assert first.prompt["nl"][:40] in text
    copy.write_text(text.replace(first.prompt["nl"][:40], "Nieuwe vraagtekst, net bewerkt", 1), "utf-8")
    html, log = build_book(tmp_path, config, toc, tmp_path / "out2")
    page = (html / "nl" / "page.html").read_text("utf-8")
    assert "Nieuwe vraagtekst, net bewerkt" in page and first.prompt["nl"][:40] not in page


@pytest.mark.parametrize(("edition", "decimal"), [("nl", "0,1"), ("en", "0.1")])
def test_the_models_page_shows_the_constants_the_model_uses(built_site, edition, decimal):
    from veerkracht.models import spring

    html = (built_site["dir"] / edition / f"book/{edition}/models.html").read_text("utf-8")
    assert "STIFFNESS_PER_RESOURCE" in html and f"<td><p>{decimal}</p></td>" in html
    assert spring.STIFFNESS_PER_RESOURCE == 0.1
    assert "mathjax" not in html.lower()


@pytest.mark.parametrize(("edition", "target"), [("nl", "book/nl/welcome.html"), ("en", "book/en/welcome.html")])
def test_each_edition_root_is_a_complete_redirect_page(built_site, edition, target):
    page = (built_site["dir"] / edition / "index.html").read_text("utf-8")
    assert f'<html lang="{edition}">' in page and "<title>" in page and 'rel="icon"' in page
    assert f'url={target}"' in page and (built_site["dir"] / edition / target).is_file()


def test_the_dutch_definition_in_the_english_edition_is_marked_as_dutch(built_site):
    html = (built_site["dir"] / "en" / "chapters/en/01-resilience.html").read_text("utf-8")
    start = html.index('<div class="lang-nl docutils container" lang="nl">')
    assert "Veerkracht is het proces" in html[start : start + 600]


class Sections(HTMLParser):
    """The nesting depth of every ``<section>`` of a page's article, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.found = 0, []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "section":
            self.depth += 1
            self.found.append(self.depth)

    def handle_endtag(self, tag) -> None:
        if tag == "section":
            self.depth -= 1


def section_outline(html: str) -> list[int]:
    parser = Sections()
    parser.feed(html)
    return parser.found


def test_both_editions_give_each_page_the_same_sections_in_the_same_order(built_site):
    """The edition switch keeps the reader's section by its position (book/_static/vk-edition.js)."""
    for dutch, english in zip(toc_pages("nl"), toc_pages("en"), strict=True):
        outlines = [
            section_outline((built_site["dir"] / edition / f"{page}.html").read_text("utf-8"))
            for edition, page in (("nl", dutch), ("en", english))
        ]
        assert outlines[0] == outlines[1] and len(outlines[0]) >= 1, dutch


def test_exercise_pages_show_no_code_that_only_runs_in_jupyter(built_site):
    """On the site a reader answers in the page; code cells (answer in code, compute with the model,
    export) are for Jupyter and carry remove-cell or remove-input in the exercise sources."""
    for edition in EDITIONS:
        for page in toc_pages(edition):
            if page.startswith("exercises/"):
                html = (built_site["dir"] / edition / f"{page}.html").read_text("utf-8")
                assert "cell_input" not in html and "vk-question" in html, page


def test_every_page_has_a_description_and_absolute_alternates_for_both_editions(built_site):
    site_url = yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))["sphinx"]["config"]["vk_site_url"]
    for dutch, english in zip(toc_pages("nl"), toc_pages("en"), strict=True):
        urls = {"nl": f"{site_url}nl/{dutch}.html", "en": f"{site_url}en/{english}.html"}
        for edition, page in (("nl", dutch), ("en", english)):
            html = (built_site["dir"] / edition / f"{page}.html").read_text("utf-8")
            description = re.search(r'<meta name="description" content="([^"]+)">', html)
            assert description and 40 <= len(description.group(1)) <= 160, page
            for lang, url in urls.items():
                assert f'<link rel="alternate" hreflang="{lang}" href="{url}">' in html, (page, lang)
            assert f'<link rel="canonical" href="{urls[edition]}"' in html, page


def test_only_the_search_page_loads_the_search_index(built_site):
    """Readers search on search.html; the theme's search-as-you-type is off, so no other page
    should wait for Sphinx's search code and index before its first paint."""
    for edition in EDITIONS:
        root = built_site["dir"] / edition
        for page in root.rglob("*.html"):
            loads = "searchindex.js" in page.read_text("utf-8")
            assert loads == (page.relative_to(root).as_posix() == "search.html"), page


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_loads_its_styles_as_one_file_whose_urls_resolve(built_site, edition):
    """bundle_styles (book/_ext): one render-blocking stylesheet per page, not ten, holding the
    themes' and the course's rules in their order; every url() in it points at a file of the site."""
    root = built_site["dir"] / edition
    static = root / "_static"
    bundle = (static / "vk-styles.css").read_text("utf-8")
    version = None
    for page in root.rglob("*.html"):
        if {"_static", "_sources"} & set(page.relative_to(root).parts):
            continue
        links = re.findall(r'<link [^>]*rel="stylesheet"[^>]*>', page.read_text("utf-8"))
        if not links and 'http-equiv="refresh"' in page.read_text("utf-8"):
            continue  # a redirect page (the edition's root) has no styles
        assert len(links) == 1 and "vk-styles.css?v=" in links[0], (page, links)
        found = re.search(r"vk-styles\.css\?v=([0-9a-f]+)", links[0]).group(1)
        assert version in (None, found)  # every page links the same, current bundle
        version = found
    order = [bundle.index(f"/* {name} */") for name in ("styles/theme.css", "styles/pydata-sphinx-theme.css")]
    assert order == sorted(order) and bundle.index("/* veerkracht.css */") > order[-1]  # the course's rules last
    assert "@import" not in bundle and ".bd-sidebar-primary" in bundle and ".vk-demo" in bundle
    for url in set(re.findall(r'url\(\s*["\']?([^"\')]+)', bundle)):
        if not url.startswith(("data:", "#", "http")):
            assert (static / url.split("?")[0].split("#")[0]).is_file(), url


def test_pydata_top_bar_holds_only_a_second_search_button_and_hidden_toggles(built_site):
    """veerkracht.css hides pydata-sphinx-theme's top bar: it holds nothing a reader needs. When a
    theme update puts anything else in it, this fails, and the bar must be shown again."""
    html = (built_site["dir"] / "en" / "chapters/en/01-resilience.html").read_text("utf-8")
    header = re.search(r'<header id="pst-header".*?</header>', html, re.DOTALL).group(0)
    buttons = re.findall(r'<button class="([^"]+)"', header)
    assert all("search-button" in b or "sidebar-toggle" in b for b in buttons), buttons
    assert not re.search(r"<a |<nav|<ul", header)
    assert ".bd-header {\n  display: none;" in (built_site["dir"] / "en" / "_static" / "veerkracht.css").read_text()


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_script_blocks_the_first_paint(built_site, edition):
    """inline_options (book/_ext): Sphinx's settings are inline, every script file is deferred."""
    root = built_site["dir"] / edition
    for page in [root / f"{p}.html" for p in toc_pages(edition)] + [root / "search.html"]:
        html = page.read_text("utf-8")
        assert "documentation_options.js" not in html and "const DOCUMENTATION_OPTIONS = {" in html, page
        if page.name != "search.html":  # the search page keeps Sphinx's own order (see defer_scripts)
            scripts = re.findall(r"<script [^>]*src=[^>]*>", html)
            blocking = [s for s in scripts if "defer" not in s and "async" not in s]
            assert blocking == [], (page, blocking)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_exercise_page_shows_its_score_above_the_first_question(built_site, edition):
    """The score and the links to questions to look at again stand at the top of every exercise
    page (and again at the bottom), as each page's introduction says."""
    pages = [p for p in toc_pages(edition) if p.startswith(f"exercises/{edition}/")]
    assert len(pages) >= 2
    for page in pages:
        html = (built_site["dir"] / edition / f"{page}.html").read_text("utf-8")
        assert html.count('class="vk-quiz-summary"') == 2, page
        assert html.index('class="vk-quiz-summary"') < html.index('class="vk-question"'), page
