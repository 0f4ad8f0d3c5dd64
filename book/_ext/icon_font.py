"""Cut the theme's icon font down to the icons the site's styles can show.

Font Awesome's solid font (``fa-solid-900.woff2``, 153 KiB) holds about 1,400 icons; the site
shows about twenty (menu, search, language, launch, download, theme, arrows). The browser fetches
the font with the highest priority as soon as the first icon is laid out, so on a phone's slow
connection it competes with the page's own text: Lighthouse counts it towards the first paint
whenever it finishes just before the text appears, which made the performance score jump between
two values from one run to the next. The subset keeps every code point the trimmed style bundle
names (``content: "\\f0c9"`` and the theme's ``--pst-icon-*`` variables), so an icon the styles can
draw is never missing. Needs fontTools with Brotli (the book extra); without them the full font stays.
"""

from __future__ import annotations

import re
from pathlib import Path

FONT = "vendor/fontawesome/webfonts/fa-solid-900.woff2"  # in _static, as the theme ships it
ESCAPE = re.compile(r"\\([0-9a-fA-F]{4,6})")  # a CSS escape: "\f0c9"


def code_points(css: str) -> set[int]:
    """Every private-use code point (where icon fonts keep their icons) that ``css`` names."""
    points = {int(found, 16) for found in ESCAPE.findall(css)}
    return {point for point in points if 0xE000 <= point <= 0xF8FF}


def subset_icon_font(static: Path, css: str, original: Path) -> int | None:
    """Write the icons ``css`` can show from ``original`` to ``static/FONT``; return the new size
    in bytes, or None when fontTools or Brotli is missing (the full font then stays)."""
    try:
        import brotli  # noqa: F401  (fontTools writes WOFF2 with it)
        from fontTools import subset
    except ImportError:
        return None
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []  # icons are single code points: no ligatures or kerning needed
    options.name_IDs = ["*"]  # keep the font's names, copyright and licence (SIL OFL 1.1)
    font = subset.load_font(str(original), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(code_points(css)))
    subsetter.subset(font)
    target = static / FONT
    subset.save_font(font, str(target), options)
    return target.stat().st_size
