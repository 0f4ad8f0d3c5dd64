"""The demos and questions on a phone held upright (360 x 740 and 390 x 844, touch), in the built
site: the figure stays in view while each control is used, nothing small to tap, nothing that runs
out of its card, the theme's back-to-top pill never over a demo, and the axe gate after use. Every
demo of every page, from the registry (``demos_on_site``), never one named demo."""

import pytest
from conftest import drawn_demo
from measure import PHONES, figure_shares, target_sizes
from veerkracht.kit.registry import registry

SHARE = 0.8  # of the figure on screen while a control is
TARGET = 44  # px, each side of a target a finger aims at (WCAG 2.5.5)


def phone(visit, size: str, **options):
    return visit(viewport=PHONES[size], has_touch=True, is_mobile=True, **options)


@pytest.mark.parametrize("size", sorted(PHONES))
def test_on_a_phone_most_of_the_figure_is_in_view_while_each_control_is(visit, demos_on_site, size):
    low = {}
    for path, demo in demos_on_site:
        v = phone(visit, size)
        page = v.goto(path)
        roots = page.locator(f'.vk-demo[data-vk-demo="{demo}"]')
        for index in range(roots.count()):
            shares = figure_shares(page, drawn_demo(page, demo, index))
            assert set(shares) == {p.name for p in registry()[demo].spec.params}
            low |= {f"{path} {demo} {name}": share for name, share in shares.items() if share is None or share < SHARE}
        assert v.errors == []
    assert low == {}


@pytest.mark.parametrize("size", sorted(PHONES))
def test_a_slider_dragged_with_a_finger_moves_the_figure_in_view(visit, demos_on_site, size):
    """A drag on a slider of every demo that has one: the figure redraws and stays wholly on screen."""
    for path, demo in demos_on_site[:: max(1, len(demos_on_site) // 4)] + demos_on_site[-1:]:
        page = phone(visit, size).goto(path)
        root = drawn_demo(page, demo)
        slider = root.locator("input[data-param]").last
        if not slider.count():
            continue
        slider.scroll_into_view_if_needed()
        before = slider.input_value()
        box = slider.bounding_box()
        y = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + 4, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] - 4, y, steps=4)
        page.mouse.up()
        page.wait_for_function("(el) => el.dataset.vkState === 'drawn'", arg=root.element_handle())
        assert slider.input_value() != before
        plot = root.locator(".vk-plot").bounding_box()
        header = page.evaluate("document.querySelector('.bd-header-article').getBoundingClientRect().bottom")
        assert plot["y"] >= header - 1 and plot["y"] + plot["height"] <= PHONES[size]["height"] + 1, (path, plot)
        assert f"{demo}.{slider.get_attribute('data-param')}=" in page.url  # the state went into the address


@pytest.mark.parametrize("size", sorted(PHONES))
def test_every_demo_and_quiz_target_is_at_least_44_px_on_a_touch_screen(visit, built_site, size):
    from build_site import toc_pages

    v = phone(visit, size)
    small, counted = {}, 0
    for edition in ("nl", "en"):
        for name in toc_pages(edition):
            page = v.goto(f"{edition}/{name}.html")
            for root in page.locator(".vk-demo").all():
                root.scroll_into_view_if_needed()
                page.wait_for_function("(el) => el.dataset.vkState === 'drawn'", arg=root.element_handle())
            sizes = target_sizes(page)
            counted += len(sizes)
            small |= {f"{edition}/{name} {what}": (w, h) for w, h, what in sizes if min(w, h) < TARGET - 0.5}
    assert counted > 300  # the demos' controls and the questions' choices of both editions
    assert small == {}


def test_the_back_to_top_pill_never_covers_a_demo(visit, demos_on_site):
    for path, demo in demos_on_site:
        page = phone(visit, "390x844").goto(path)
        root = drawn_demo(page, demo)
        # Scrolled past the demo, then back up a little at a time (the theme shows its pill on the way up).
        page.evaluate(
            "(el) => window.scrollTo(0, el.getBoundingClientRect().bottom + window.scrollY + 400)",
            root.element_handle(),
        )
        for _ in range(12):
            page.mouse.wheel(0, -150)
            page.wait_for_timeout(60)
            overlap = page.evaluate(
                """(root) => {
                    const pill = document.getElementById("pst-back-to-top");
                    if (!pill || getComputedStyle(pill).display === "none") return 0;
                    const a = pill.getBoundingClientRect(), b = root.getBoundingClientRect();
                    return Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left))
                        * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
                }""",
                root.element_handle(),
            )
            assert overlap == 0, (path, demo)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_no_wcag_violation_after_using_every_demo(visit, demos_on_site, scheme):
    from test_accessibility import violations

    for path in sorted({path for path, _ in demos_on_site if path.startswith("nl/")}):
        v = phone(visit, "360x740", color_scheme=scheme)
        page = v.goto(path)
        for root in page.locator(".vk-demo").all():
            root.scroll_into_view_if_needed()
            page.wait_for_function("(el) => el.dataset.vkState === 'drawn'", arg=root.element_handle())
            control = root.locator("[data-param]").first
            control.focus()
            page.keyboard.press("ArrowDown")
            assert root.locator(".vk-key").is_visible()  # the figure's key under the compact figure
        assert violations(page) == [], path
