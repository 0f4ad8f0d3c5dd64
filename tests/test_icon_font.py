"""The icon font the site serves: cut down to the icons its styles can show, and missing none."""

import pytest
from build_site import EDITIONS
from icon_font import FONT, code_points


def test_code_points_are_the_private_use_escapes_a_style_names():
    css = '.fa-bars:before{content:"\\f0c9"} .x:after{content:"\\2014"} :root{--pst-icon-x:"\\f05a"}'
    assert code_points(css) == {0xF0C9, 0xF05A}


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_icon_font_holds_every_icon_the_styles_name_and_little_else(built_site, edition):
    from fontTools.ttLib import TTFont

    static = built_site["dir"] / edition / "_static"
    wanted = code_points((static / "vk-styles.css").read_text("utf-8"))
    font = static / FONT
    assert len(wanted) >= 15  # menu, search, language, launch, download, theme, arrows ...
    assert wanted <= set(TTFont(font).getBestCmap())
    assert font.stat().st_size < 8 * 1024  # the theme's full font is 153 KiB
