"""Link gate: every internal link and anchor on the built site points at something that exists."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SKIP_SCHEMES = {"http", "https", "mailto", "tel", "data", "javascript"}


class Collector(HTMLParser):
    """The ids on a page and the (attribute, url) of every link and resource."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append((key, attrs[key]))


def parse(path: Path) -> Collector:
    collector = Collector()
    collector.feed(path.read_text("utf-8"))
    return collector


def test_no_broken_internal_link_or_anchor(built_site):
    site = built_site["dir"]
    # lite/ is JupyterLite's app (its pages are not ours); the links into it are checked here.
    pages = [p for p in site.rglob("*.html") if not {"_sources", "_static", "lite"} & set(p.relative_to(site).parts)]
    assert len(pages) >= 12
    parsed = {p: parse(p) for p in pages}
    broken = []
    checked = 0
    for page, found in parsed.items():
        for attribute, url in found.links:
            parts = urlsplit(url)
            if parts.scheme in SKIP_SCHEMES or url.startswith("//"):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                broken.append(f"{page.relative_to(site)}: {attribute}={url}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)}: {attribute}={url} (no such anchor)")
    assert checked > 500
    assert broken == []
