"""Search finds the course's words in every inflection, in both editions. The Dutch index and the
search box must stem alike: the index is built with Python's snowballstemmer, the box stems in the
browser with Sphinx's JavaScript stemmer."""

import re
from pathlib import Path

import pytest
import snowballstemmer
from build_site import ROOT, toc_pages

WORDS = {
    "nl": [
        "hulpbronnen",
        "weerbaarheid",
        "tegenslagen",
        "veerkrachtig",
        "ingrijpende",
        "herstelt",
        "kantelpunt",
        "hysterese",
    ],
    "en": ["resources", "setbacks", "resilient", "recovering", "tipping", "hysteresis"],
}
STEMMERS = {"nl": "dutch", "en": "porter"}  # as sphinx.search.nl and sphinx.search.en


def pages_with(edition: str, word: str) -> set[str]:
    """The table-of-contents pages whose text (MyST source) holds ``word``."""
    found = set()
    for page in toc_pages(edition):
        source = ROOT / f"{page}.md"
        if source.exists() and re.search(rf"\b{word}\b", source.read_text("utf-8"), re.IGNORECASE):
            found.add(page)
    return found


@pytest.mark.parametrize("edition", ["nl", "en"])
def test_search_finds_every_page_where_a_word_stands(visit, edition):
    page = visit().goto(f"{edition}/search.html")
    for word in WORDS[edition]:
        expected = pages_with(edition, word)
        assert expected, word
        page.goto(page.url.split("?")[0] + f"?q={word}", wait_until="networkidle")
        page.wait_for_function("() => document.querySelector('#search-results p.search-summary') !== null")
        hrefs = page.eval_on_selector_all(
            "#search-results ul.search li a", "(links) => links.map((a) => a.getAttribute('href'))"
        )
        found = {Path(href.split("?")[0].split("#")[0]).with_suffix("").as_posix() for href in hrefs}
        assert expected <= found, (word, expected - found)


@pytest.mark.parametrize("edition", ["nl", "en"])
def test_every_word_of_the_pages_stems_in_the_search_box_to_a_term_of_the_index(visit, edition):
    text = " ".join(
        (ROOT / f"{page}.md").read_text("utf-8") for page in toc_pages(edition) if (ROOT / f"{page}.md").exists()
    )
    words = sorted({w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]{4,}", text)})[:1500]
    python = snowballstemmer.stemmer(STEMMERS[edition]).stemWords(words)
    page = visit().goto(f"{edition}/search.html")
    browser = page.evaluate("(words) => { const s = new Stemmer(); return words.map((w) => s.stemWord(w)); }", words)
    # Sphinx also finds a term that merely contains the query's stem (searchtools.js, "partial
    # matches"), so a browser stem inside the index's stem still finds the word: the English Porter
    # ports differ on "-logy" (psychology: psychologi in the index, psycholog in the box).
    lost = [(w, p, b) for w, p, b in zip(words, python, browser, strict=True) if p != b and (b not in p or len(b) < 3)]
    assert lost == []


@pytest.mark.parametrize(("edition", "word"), [("nl", "hulpbronnen"), ("en", "setbacks")])
def test_a_reader_searches_from_any_page_with_the_search_button(visit, edition, word):
    v = visit()
    page = v.goto(f"{edition}/chapters/{edition}/01-resilience.html")
    next(b for b in page.locator(".search-button, .search-button-field").all() if b.is_visible()).click()
    assert page.evaluate("document.activeElement.name") == "q"  # the dialog's field has the focus
    page.keyboard.type(word)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{edition}/search.html?q={word}*")
    page.wait_for_function("() => document.querySelector('#search-results p.search-summary') !== null")
    assert page.locator("#search-results ul.search li").count() >= 2
    assert v.errors == []
