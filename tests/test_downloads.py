"""Downloads: the whole course as one PDF per edition (demos as stills with a link to their live
version; tagged, in its language, with an outline from its headings), and each page as a notebook
that says how to run it in one's own Jupyter."""

import io
import json
import re
from collections import Counter
from pathlib import Path

import pypdf
import pytest
from build_site import EDITIONS, repository_url, toc_pages
from course_pdf import PDF_NAME, PdfError, book_pdf, finish, site_address
from measure import budgets
from veerkracht.i18n import tr

TITLE = re.compile(r"<title>(.*?)(?: &#8212;| —| \|).*?</title>", re.S)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_titles(site: Path, edition: str) -> list[str]:
    titles = []
    for doc in toc_pages(edition):
        found = TITLE.search((site / edition / f"{doc}.html").read_text("utf-8"))
        titles.append(squash(found.group(1)))
    return titles


def course_pdf(built_site, edition):
    return pypdf.PdfReader(built_site["dir"] / edition / PDF_NAME.format(edition=edition))


def uri_links(reader) -> list[str]:
    links = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                links.append(str(action["/URI"]))
    return links


def top_level(reader) -> list:
    """The outline's top entries (a list in the outline holds the children of the entry before it)."""
    return [item for item in reader.outline if not isinstance(item, list)]


def children(reader) -> dict[str, list[str]]:
    """Each top entry's title -> the titles of its children."""
    out, last = {}, None
    for item in reader.outline:
        if isinstance(item, list):
            out[last] = [child.title for child in item if not isinstance(child, list)]
        else:
            last = item.title
            out[last] = []
    return out


def structure(reader) -> list[pypdf.generic.DictionaryObject]:
    """Every element of the PDF's structure tree (its tags), in order."""
    elements = []

    def walk(node) -> None:
        node = node.get_object()
        if not isinstance(node, pypdf.generic.DictionaryObject):
            return
        if "/S" in node:
            elements.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if isinstance(kid, pypdf.generic.IndirectObject | pypdf.generic.DictionaryObject):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return elements


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_course_pdf_has_every_page_in_reading_order_with_a_contents_that_is_right(built_site, edition):
    reader = course_pdf(built_site, edition)
    titles = page_titles(built_site["dir"], edition)
    entries = top_level(reader)
    assert [squash(item.title) for item in entries] == [tr(edition, "book.pdf_title"), *titles]  # cover first
    cover = squash(reader.pages[0].extract_text())
    for item, title in zip(entries[1:], titles, strict=True):
        number = reader.get_destination_page_number(item)
        assert number > 0
        assert f"{title} {number + 1}" in cover  # the contents gives the page the outline points to
        # the page starts with its own title (hyphens and line breaks aside)
        assert squash(title)[:20] in squash(reader.pages[number].extract_text()), title
    assert len(reader.pages) > 2 * len(titles)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_demo_in_the_pdf_is_a_still_with_the_address_of_its_live_version(built_site, edition):
    site, published = built_site["dir"], site_address(edition)
    expected = []
    for doc in toc_pages(edition):
        page = (site / edition / f"{doc}.html").read_text("utf-8")
        ids = re.findall(r'<div class="vk-demo [^"]*" id="([^"]+)"', page)
        expected += [f"{published}{edition}/{doc}.html#{demo_id}" for demo_id in ids]
    reader = course_pdf(built_site, edition)
    text = squash(" ".join(p.extract_text() for p in reader.pages))
    live = [link for link in uri_links(reader) if "#vk-" in link]
    assert len(expected) >= 5
    assert sorted(set(live)) == sorted(expected)
    before = tr(edition, "book.pdf_live_demo", url="").strip()
    assert text.count(before) == len(expected)
    # a still: no controls, no share link, no code toggle printed
    assert tr(edition, "kit.link") not in text
    assert ("Toon de code" if edition == "nl" else "Show the code") not in text


@pytest.mark.parametrize("edition", EDITIONS)
def test_links_in_the_pdf_point_to_the_published_site_never_to_the_machine_that_printed_it(built_site, edition):
    links = uri_links(course_pdf(built_site, edition))
    assert links
    assert not [link for link in links if "127.0.0.1" in link or "localhost" in link or link.startswith("file:")]
    assert sum(link.startswith(site_address(edition)) for link in links) > len(toc_pages(edition))


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_course_pdf_stays_within_its_budget(built_site, edition):
    size = (built_site["dir"] / edition / PDF_NAME.format(edition=edition)).stat().st_size
    assert size / 2**20 <= budgets()["course_pdf_mib"]["budget"]


def test_a_page_that_asks_another_host_fails_the_pdf_naming_page_and_address(browser, tmp_path):
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "x.html").write_text('<title>X</title><img src="https://example.org/a.png" alt="">')
    with pytest.raises(PdfError, match=r"nl/x\.html.*https://example\.org/a\.png"):
        book_pdf(tmp_path, "nl", browser, pages=["x"])


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_course_pdf_is_tagged_in_its_language_with_an_outline_from_its_headings(built_site, edition):
    reader = course_pdf(built_site, edition)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == edition and bool(root["/MarkInfo"]["/Marked"])
    tags = structure(reader)
    counts = Counter(str(element["/S"]) for element in tags)
    assert counts["/Document"] == 1 and tags[0]["/S"] == "/Document" and tags[0]["/Lang"] == edition
    titles = page_titles(built_site["dir"], edition)
    assert counts["/H1"] == len(titles) + 1  # the cover's title and each page's
    assert counts["/H2"] >= 2 * len(titles) and counts["/P"] > 1000 and counts["/L"] > 50 and counts["/Table"] >= 5
    pages = [(built_site["dir"] / edition / f"{doc}.html").read_text("utf-8") for doc in toc_pages(edition)]
    demos = sum(len(re.findall(r'<div class="vk-demo ', page)) for page in pages)
    stills = sum(len(re.findall(r'<svg class="vk-still" role="img"', page)) for page in pages)  # the overview's
    figures = [element for element in tags if element["/S"] == "/Figure"]
    assert len(figures) == demos + stills and demos >= 5 and stills == 5  # each with its own text alternative
    assert all(len(str(figure.get("/Alt", ""))) > 40 for figure in figures)
    assert all("/StructParents" in page for page in reader.pages)  # every page's content is in the tree
    chapter = (built_site["dir"] / edition / f"{toc_pages(edition)[1]}.html").read_text("utf-8")
    article = chapter[chapter.index('<article class="bd-article">') :]
    sections = [squash(re.sub(r"<[^>]+>|#$", "", h)) for h in re.findall(r"<h2>(.*?)<a class=\"headerlink\"", article)]
    assert children(reader)[titles[1]] == sections  # the outline goes into each page's sections


def fake_page(title: str, text: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><title>{title} — Veerkracht</title></head>"
        "<body><main>"
        f"<article class='bd-article'><section id='top'><h1>{title}</h1><p>{text} <a href='#bronnen'>bronnen</a></p>"
        f"<p style='break-after: page'>...</p><section id='bronnen'><h2>Bronnen van {title}</h2><p>Een bron.</p>"
        "</section></section></article></main></body></html>"
    )


def test_pages_printed_into_one_book_keep_tags_language_outline_and_their_own_anchors(browser, tmp_path):
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "a.html").write_text(fake_page("Eerste", "Begin."), "utf-8")
    (tmp_path / "nl" / "b.html").write_text(fake_page("Tweede", "Verder."), "utf-8")
    data, headings = book_pdf(tmp_path, "nl", browser, pages=["a", "b"])
    reader = pypdf.PdfReader(io.BytesIO(finish(data, headings, "nl")))
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert Counter(str(e["/S"]) for e in structure(reader))["/H1"] == 3
    assert children(reader) == {
        "Veerkracht": [tr("nl", "book.pdf_contents")],
        "Eerste": ["Bronnen van Eerste"],
        "Tweede": ["Bronnen van Tweede"],
    }
    starts = {item.title: reader.get_destination_page_number(item) for item in top_level(reader)}
    sources = {child.title: reader.get_destination_page_number(child) for child in reader.outline[-1]}
    links = []  # each page's link to its own sources, as a page of the PDF
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            target = annotation.get_object().get("/Dest")
            if target is not None:
                links.append((number, reader.get_destination_page_number(reader.named_destinations[str(target)])))
    assert links == [(starts["Eerste"], starts["Eerste"] + 1), (starts["Tweede"], sources["Bronnen van Tweede"])]
    cover = reader.pages[0].extract_text()
    assert f"Eerste {starts['Eerste'] + 1}" in cover and f"Tweede {starts['Tweede'] + 1}" in cover


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_notebook_download_opens_with_how_to_run_it_in_ones_own_jupyter(built_site, edition):
    annotated = 0
    for doc in toc_pages(edition):
        path = built_site["dir"] / edition / "_sources" / f"{doc}.ipynb"
        html = (built_site["dir"] / edition / f"{doc}.html").read_text("utf-8")
        if not path.is_file():
            assert f"_sources/{doc}.ipynb" not in html  # no button to a notebook that is not there
            continue
        assert f"_sources/{doc}.ipynb" in html  # the page's download button
        notebook = json.loads(path.read_text("utf-8"))
        if not any(cell["cell_type"] == "code" for cell in notebook["cells"]):
            assert all(cell.get("id") != "veerkracht-setup" for cell in notebook["cells"])  # text only
            continue
        first = notebook["cells"][0]
        assert first["cell_type"] == "markdown"
        assert first["source"] == tr(edition, "book.notebook_setup", repository=repository_url())
        assert sum(cell.get("id") == "veerkracht-setup" for cell in notebook["cells"]) == 1
        annotated += 1
    assert annotated >= 9  # the chapters with a demo, the exercise pages and the models page
