"""References: one bibliography (book/references.bib) for both editions. Every citation resolves,
every entry is cited in both editions, and a key or term that does not resolve fails the build
with the page named."""

import re
from pathlib import Path

import pytest
import vk_glossary
import yaml
from build_site import ROOT, BuildError, build_book, merged, toc_pages
from pybtex.database import parse_file

BIB = ROOT / "book" / "references.bib"
CITE_ROLE = re.compile(r"\{cite:[a-z]+\}`([^`]+)`")
KEY = re.compile(r"(?:\{[^{}]*\})?\s*([^{}\s,]+)\s*(?:\{[^{}]*\})?")  # sphinxcontrib-bibtex: {pre}key{post}


def cited(text: str) -> set[str]:
    """The bibtex keys that the ``{cite:...}`` roles in ``text`` name."""
    return {key for targets in CITE_ROLE.findall(text) for key in KEY.findall(targets)}


def edition_sources(edition: str) -> dict[str, str]:
    """Every page of the edition (its MyST source), and the glossary's definitions in its language."""
    pages = [page for page in toc_pages(edition) if (ROOT / f"{page}.md").exists()]  # not the notebooks
    texts = {page: (ROOT / f"{page}.md").read_text("utf-8") for page in pages}
    texts["book/glossary.yml"] = "\n".join(
        entry[edition]["definition"] + vk_glossary.origin_line(entry, edition) for entry in vk_glossary.load()
    )
    return texts


def test_the_key_pattern_reads_pre_and_post_text():
    assert cited("{cite:t}`vandermaas2024{hoofdstuk 3}` en {cite:p}`scheffer2009,cramer2016`") == {
        "vandermaas2024",
        "scheffer2009",
        "cramer2016",
    }


@pytest.mark.parametrize("edition", ["nl", "en"])
def test_every_citation_resolves_and_every_entry_is_cited(edition):
    entries = set(parse_file(str(BIB)).entries)
    keys: set[str] = set()
    for page, text in edition_sources(edition).items():
        unknown = cited(text) - entries
        assert not unknown, (page, unknown)
        keys |= cited(text)
    assert keys == entries, ("not cited", entries - keys)


def test_both_editions_cite_each_source_from_the_same_pages():
    for page in toc_pages("nl"):
        if not (ROOT / f"{page}.md").exists():
            continue  # an exercise notebook: it cites nothing
        dutch = cited((ROOT / f"{page}.md").read_text("utf-8"))
        english = cited((ROOT / f"{page.replace('/nl/', '/en/')}.md").read_text("utf-8"))
        assert dutch == english, page


@pytest.mark.parametrize(("edition", "two_authors"), [("nl", "Johnson en Whisman ("), ("en", "Johnson and Whisman (")])
def test_citations_name_author_and_year_in_the_edition_language(built_site, edition, two_authors):
    site = built_site["dir"] / edition
    chapter = (site / f"chapters/{edition}/02-resources.html").read_text("utf-8")
    assert two_authors in chapter
    assert ">Grych <em>et al.</em>, 2015</a>)" in chapter or ">Grych et al., 2015</a>)" in chapter
    assert f'href="../../book/{edition}/references.html#' in chapter
    models = (site / f"book/{edition}/models.html").read_text("utf-8")
    # several keys in one citation: in the bibliography's order, separated by a semicolon ("van der":
    # pybtex joins a name's parts with a no-break space)
    assert re.search(r"\(<a [^>]*>Cramer et al\., 2016</a>; <a [^>]*>van\sder Maas, 2024</a>\)", models)


@pytest.mark.parametrize("edition", ["nl", "en"])
def test_the_references_page_lists_every_entry_once_in_one_style(built_site, edition):
    html = (built_site["dir"] / edition / f"book/{edition}/references.html").read_text("utf-8")
    entry = r'<div class="citation" id="[^"]+" role="listitem">\s*<span class="label">.*?<p>(.*?)</p>'
    entries = re.findall(entry, html, re.S)
    assert len(entries) == len(parse_file(str(BIB)).entries)
    assert "doc-biblioentry" not in html  # a role ARIA 1.3 deprecates (book/_ext/vk_bib.py: list_roles)
    grych = next(entry for entry in entries if entry.startswith("Grych"))
    assert grych.startswith("Grych, J., Hamby, S., &amp; Banyard, V. (2015). The resilience portfolio model")
    assert "343–354" in grych and 'href="https://doi.org/10.1037/a0039671"' in grych
    assert "Soyez et al. (2023)" in html and "Pharos" in html  # named in words, without a full reference


def bad_book(tmp_path: Path) -> tuple[Path, Path]:
    """A two-page book (a page and its counterpart) with the course's config and bibliography,
    whose Dutch page cites an unknown key and links an unknown term."""
    config = merged(
        yaml.safe_load((ROOT / "_config.yml").read_text("utf-8")),
        {
            "execute": {"execute_notebooks": "off"},
            "html": {"favicon": str(ROOT / "book" / "_static" / "favicon.svg")},
            "exclude_patterns": ["_build"],
            "bibtex_bibfiles": [str(BIB)],
            "sphinx": {
                "local_extensions": {"veerkracht_book": str(ROOT / "book" / "_ext")},
                "config": {
                    "html_static_path": [str(ROOT / "book" / "_static")],
                    "templates_path": [str(ROOT / "book" / "_templates")],
                },
            },
        },
    )
    text = "# Pagina\n\nZie {cite:t}`nobody1999` en {term}`kantelpuntje`.\n\n```{bibliography}\n```\n"
    for edition in ("nl", "en"):
        (tmp_path / edition).mkdir()
        (tmp_path / edition / "page.md").write_text(text, "utf-8")
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config), "utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: nl/page\n", "utf-8")
    return tmp_path / "_config.yml", tmp_path / "_toc.yml"


def test_an_unknown_citation_key_or_term_fails_the_build_naming_the_page(tmp_path):
    config, toc = bad_book(tmp_path)
    with pytest.raises(BuildError) as failure:
        build_book(tmp_path, config, toc, tmp_path / "out")
    log = str(failure.value)
    assert re.search(r"nl/page\.md:3: WARNING: could not find bibtex key \"nobody1999\"", log)
    assert re.search(r"nl/page\.md:3: WARNING: term not in glossary: 'kantelpuntje'", log)
