"""The chapters as plain notebooks (``chapters/<lang>/*.ipynb``, ``tools/make_notebooks.py``), the ones
every Jupyter route opens: JupyterLab on a laptop (``dev.py lab``), Binder and a JupyterHub (the
launch links of the built pages). They are made from the MyST chapters as they are now, hold no MyST
markup, and each route's chapter 3 shows none in JupyterLab. The site shows no JupyterHub button
while no hub is configured."""

import json
import re
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import ROOT
from veerkracht.chapter_facts import facts

sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))
import make_notebooks  # noqa: E402

from hub import hub_link  # noqa: E402

# MyST that JupyterLab would show raw: a role, a label line, a directive fence or its option lines.
MYST = re.compile(r"\{[\w:-]+\}`|^\s*\([\w:.-]+\)=\s*$|^\s*(`{3,}|:{3,})\{|^\s*:(class|tags|name|label):", re.M)
CHAPTER_3 = "chapters/{lang}/03-cycle"


def test_every_chapter_notebook_is_made_from_its_myst_chapter_as_it_is_now(capsys):
    assert make_notebooks.main(["--check"]) == 0, capsys.readouterr().out
    notebooks = sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("chapters/*/*.ipynb"))
    assert notebooks == sorted(
        f"{p.relative_to(ROOT).with_suffix('.ipynb').as_posix()}" for p, _ in make_notebooks.chapters()
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_chapter_notebooks_have_plain_text_no_outputs_and_the_sites_hidden_code_folded(lang):
    for path in sorted((ROOT / "chapters" / lang).glob("*.ipynb")):
        notebook = json.loads(path.read_text("utf-8"))
        text = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
        assert MYST.findall(text) == [], path.name
        assert "{glue" not in text and not any("glue_facts(" in "".join(c["source"]) for c in notebook["cells"])
        glued = facts(path.stem, lang)  # the numbers the book glues are written into the text
        named = re.findall(r"\{glue:md\}`([^`]+)`", path.with_suffix(".md").read_text("utf-8"))
        assert named and all(glued[name] in text for name in named), path.name
        assert "{term}" not in text and "(ch-" not in text and ":class: tip" not in text
        code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
        assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
        assert bool(code) == ("Demo(" in path.with_suffix(".md").read_text("utf-8"))  # the demos are there
        for cell in code:  # what the site hides (the demos' calls) is folded, not gone
            hidden = bool({"hide-input", "remove-input"} & set(cell["metadata"].get("tags", [])))
            assert cell["metadata"].get("jupyter", {}).get("source_hidden", False) == hidden
        assert notebook["metadata"]["kernelspec"]["name"] == "python3"


def test_a_new_myst_construct_in_a_chapter_fails_with_the_page_named(tmp_path, monkeypatch):
    from plain_markdown import MystMarkupError

    source = tmp_path / "chapters" / "en" / "09-new.md"
    source.parent.mkdir(parents=True)
    source.write_text("# New\n\n```{figure} a.png\nA figure\n```\n", "utf-8")
    monkeypatch.setattr(make_notebooks, "ROOT", tmp_path)
    with pytest.raises(MystMarkupError, match=r"chapters/en/09-new: no plain Markdown for '\{figure\} a.png'"):
        make_notebooks.clean_notebook(source, "en")


def launch_links(site: Path, page: str) -> dict[str, str]:
    """The notebook (a path in the repository) each route opens for ``page`` (``nl/chapters/nl/x``)."""
    text = (site / f"{page}.html").read_text("utf-8")
    binder = re.search(r'href="(https://mybinder\.org/v2/gh/[^"]+)"', text).group(1)
    hub = parse_qs(urlsplit(hub_link(site, page=page)).query)["urlpath"][0]
    repository = yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))["repository"]["url"].rsplit("/", 1)[1]
    return {
        "laptop": page.split("/", 1)[1] + ".ipynb",  # dev.py lab opens the folder chapters/
        "binder": parse_qs(urlsplit(binder.replace("&amp;", "&")).query)["urlpath"][0].removeprefix("lab/tree/"),
        "hub": hub.removeprefix(f"lab/tree/{repository}/"),  # nbgitpuller's folder is the repository's name
    }


def test_no_page_has_a_jupyterhub_button_while_no_hub_is_configured(built_site):
    assert yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))["launch_buttons"]["jupyterhub_url"] == ""
    for page in built_site["dir"].glob("*/**/*.html"):
        text = page.read_text("utf-8")  # the lecturer guide may show the link's form as text, not link it
        assert not re.search(r'href="[^"]*/hub/user-redirect/', text) and "jupyterhub.example.org" not in text, page


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_binder_and_the_hub_open_the_chapters_plain_notebook(built_site, lang):
    for source in sorted((ROOT / "chapters" / lang).glob("*.md")):
        page = f"{lang}/chapters/{lang}/{source.stem}"
        opened = launch_links(built_site["dir"], page)
        assert set(opened.values()) == {f"chapters/{lang}/{source.stem}.ipynb"}, opened


@pytest.mark.parametrize("route", ["laptop", "binder", "hub"])
def test_each_jupyter_route_opens_chapter_3_in_jupyterlab_without_myst_markup(browser, lab, built_site, route):
    address, folder = lab
    path = launch_links(built_site["dir"], f"en/{CHAPTER_3.format(lang='en')}")[route]
    (folder / path).parent.mkdir(parents=True, exist_ok=True)
    (folder / path).write_bytes((ROOT / path).read_bytes())  # as git (Binder, nbgitpuller) or dev.py has it
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{address}/lab/tree/{path}?reset")
        cells = json.loads((ROOT / path).read_text("utf-8"))["cells"]
        texts = sum(cell["cell_type"] == "markdown" for cell in cells)
        page.wait_for_function(  # every text cell rendered, with its text
            """(n) => [...document.querySelectorAll('.jp-Notebook .jp-MarkdownCell .jp-RenderedMarkdown')]
                .filter((cell) => cell.innerText.trim()).length === n""",
            arg=texts,
        )
        shown = page.locator(".jp-Notebook").inner_text()
        assert "When adversity piles up" in shown and "A moment to think" in shown
        assert MYST.findall(shown) == [] and "{term}" not in shown and ":class:" not in shown
        page.screenshot(path=f"/tmp/vk-route-{route}-chapter-3.png")
    finally:
        page.close()
