"""The vendored plotly.js bundle: every outside address it names is pinned here with the reason it
is never requested on our site, so a plotly update that adds one fails here instead of slipping
onto the site. (The browser tests check, besides, that no page makes any outside request.)"""

import re
from pathlib import Path

BUNDLE = Path(__file__).resolve().parents[1] / "widgets" / "vendor" / "plotly-basic.min.js"
URL = re.compile(r"https?://[A-Za-z0-9.-]+\.[a-z]{2,}[^\s\"'`)]*")
PINNED = {
    "https://cdn.plot.ly/un/": "default topojsonURL for geo maps: the basic bundle draws none, and the demo "
    "script points topojsonURL at the site's own assets folder",
    "https://cloud.plotly.com/newchart": "'edit in Chart Studio' modebar button: the demo hides the modebar",
    "http://www.w3.org/1999/xhtml": "XML namespace name, never fetched",
    "http://www.w3.org/1999/xlink": "XML namespace name, never fetched",
    "http://www.w3.org/2000/svg": "XML namespace name, never fetched",
    "http://www.w3.org/2000/xmlns/": "XML namespace name, never fetched",
    "http://www.w3.org/XML/1998/namespace": "XML namespace name, never fetched",
    "http://getify.mit-license.org": "licence comment",
    "http://syntheti.cc": "licence comment",
    "https://github.com/d3/d3-format/tree/v1.4.5#d3-format": "link in an error message",
    "https://github.com/d3/d3-time-format/tree/v2.2.3#locale_format": "link in an error message",
    "https://github.com/voidqk/polybooljs": "licence comment",
    "https://plotly.com/": "link in the (hidden) modebar logo",
    "https://plotly.com/javascript/animations/": "link in a console message",
}


def test_every_outside_address_in_the_bundle_is_pinned_with_a_reason():
    found = set(URL.findall(BUNDLE.read_text("utf-8")))
    assert found - set(PINNED) == set(), "new outside addresses in plotly.js: review them"
    assert "https://cdn.plot.ly/un/" in found  # the pin still matches this version
