"""The menu and contents buttons a reader sees open the chapter list and the page contents, at
phone, tablet and laptop widths, in both editions; Escape closes them and their links work."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

THEME_SCRIPTS = {
    "pydata_sphinx_theme": "assets/scripts/pydata-sphinx-theme.js",
    "sphinx_book_theme": "assets/scripts/index.js",
}


def visible(page, selector: str):
    """The one element matching ``selector`` that a reader can see."""
    shown = [el for el in page.locator(selector).all() if el.is_visible()]
    assert len(shown) == 1, (selector, len(shown))
    return shown[0]


@pytest.mark.parametrize("edition", ["nl", "en"])
@pytest.mark.parametrize("width", [360, 390, 768])
def test_on_narrow_screens_the_menu_and_contents_buttons_open_their_dialogs(visit, edition, width):
    v = visit()
    v.page.set_viewport_size({"width": width, "height": 800})
    page = v.goto(f"{edition}/chapters/{edition}/01-resilience.html")
    for toggle, dialog, link in [
        (".primary-toggle", "#pst-primary-sidebar-modal", 'a[href$="models.html"]'),
        (".secondary-toggle", "#pst-secondary-sidebar-modal", 'a[href="#summary"], a[href="#samenvatting"]'),
    ]:
        visible(page, toggle).click()
        modal = page.locator(dialog)
        assert modal.evaluate("(d) => d.open") and modal.locator(link).first.is_visible()
        page.keyboard.press("Escape")
        assert not modal.evaluate("(d) => d.open")
    visible(page, ".primary-toggle").focus()
    page.keyboard.press("Enter")  # by keyboard too, and a link in the menu works
    page.locator("#pst-primary-sidebar-modal").locator('a[href$="models.html"]').first.click()
    page.wait_for_url(f"**/book/{edition}/models.html")
    assert v.errors == []


def test_on_a_laptop_the_menu_button_hides_and_shows_the_chapter_list(visit):
    page = visit().goto("nl/chapters/nl/01-resilience.html")
    sidebar = page.locator("#pst-primary-sidebar")
    expect(sidebar).to_be_visible()
    visible(page, ".primary-toggle").click()
    expect(sidebar).to_be_hidden()
    visible(page, ".primary-toggle").click()
    expect(sidebar).to_be_visible()


@pytest.mark.parametrize(("package", "script"), THEME_SCRIPTS.items())
def test_the_toggle_fix_is_still_needed(package, script):
    """The themes still wire only the first toggle of each kind; when they wire them all, delete
    book/_static/vk-toggles.js and this test."""
    module = __import__(package)
    source = (Path(module.__file__).parent / script).read_text("utf-8")
    assert 'document.querySelector(".primary-toggle")' in source


# Whatever runs out of a demo's or question's card: [what, px beyond the card's right edge].
OUT_OF_CARD = """() => Array.from(document.querySelectorAll('.vk-demo, .vk-question, .vk-quiz-summary'))
    .flatMap((card) => {
        const edge = card.getBoundingClientRect().right;
        return Array.from(card.querySelectorAll('*'))
            .filter((el) => el.offsetParent !== null && !el.closest('svg'))
            .map((el) => [`${card.id} ${el.tagName.toLowerCase()}`, el.getBoundingClientRect().right - edge])
            .filter(([, beyond]) => beyond > 0.5)
            .map(([what, beyond]) => [what, Math.round(beyond)]);
    })"""


@pytest.mark.parametrize("width", [360, 390])
def test_no_page_is_wider_than_a_phone_and_every_header_button_and_card_fits(visit, built_site, width):
    from build_site import toc_pages

    v = visit(viewport={"width": width, "height": 800}, has_touch=True, is_mobile=True)
    too_wide = {}
    for edition in ("nl", "en"):
        for name in toc_pages(edition):
            page = v.goto(f"{edition}/{name}.html")
            overflow = page.evaluate("document.documentElement.scrollWidth") - width
            buttons = page.evaluate(
                """() => Array.from(document.querySelectorAll('.bd-header-article button, .bd-header-article a'))
                    .filter((e) => e.offsetParent !== null)
                    .map((e) => e.getBoundingClientRect().right)"""
            )
            out = page.evaluate(OUT_OF_CARD)
            if overflow > 0 or max(buttons, default=0) > width or out:
                too_wide[f"{edition}/{name}"] = (overflow, max(buttons, default=0), out[:3])
    assert too_wide == {}
