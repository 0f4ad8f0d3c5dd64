"""Sphinx extension for Veerkracht's two editions, loaded by both ``_config`` files.

- Links every page to the same page in the other edition (a header button and
  ``<link rel="alternate" hreflang>``); a page without a counterpart is a build warning, so
  with ``-W`` the editions cannot drift apart unnoticed. ``vk-edition.js`` keeps the reader's
  section and the demos' state when they switch.
- Sets texts that Sphinx and the themes do not translate (page contents, search, code
  toggles), and adds Dutch catalogs for the theme texts still missing (``book/locale``).
- A tiny script on every page (``vk-progress.js``) checks off, in the navigation, each quiz page
  whose questions the reader has all answered right (it reads the quiz's localStorage records).
  On the welcome page it also fills the progress line of each chapter card (``vk_overview``).
  (The demos and questions themselves, and the scripts their pages load, come from
  ``veerkracht.book.outputs``.)
- Loads Sphinx's search code and index only on the search page (the theme loads them everywhere),
  and every other script with ``defer`` (Sphinx's few settings inline), so the first paint waits
  only for the styles, which come
  in one file (``_static/vk-styles.css``) instead of ten, without the rules no page can use.
- Drops sphinx-thebe's scripts (thebe is off) and the ipywidgets state myst-nb would
  embed: the site's demos render as HTML and need no widget manager.
- Makes the visible menu and contents buttons work (``vk-toggles.js``; the themes wire only a
  hidden copy, pydata-sphinx-theme issue 2451).
- Names the navigation's icon-only expand buttons for screen readers, and marks passages in
  the other language (``{container} lang-nl``) with their ``lang``.

The site layout it assumes (made by ``tools/build_site.py``): ``<site>/nl/``, ``<site>/en/``
and ``<site>/assets/`` side by side.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

import pydata_sphinx_theme
import vk_bib
import vk_glossary
import vk_overview
from icon_font import FONT, subset_icon_font  # beside this file (book/_ext)
from sphinx.application import Sphinx
from sphinx.util import logging
from veerkracht.i18n import tr

logger = logging.getLogger(__name__)

EDITIONS = ("nl", "en")
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
SWITCH_TITLES = {"nl": "Lees deze pagina in het Nederlands", "en": "Read this page in English"}
TOC_TITLES = {"nl": "Inhoud", "en": "Contents"}
CODE_PROMPTS = {  # myst-nb's toggle for hidden code cells (only inputs are hidden in this course)
    "nl": ("Toon de code", "Verberg de code"),
    "en": ("Show the code", "Hide the code"),
}
TOGGLE_LABELS = {"nl": "Onderdelen tonen of verbergen", "en": "Show or hide sections"}
SEARCH_TEXTS = {"nl": "Zoek in deze cursus...", "en": "Search this course..."}
# The launch menu's button to this page's notebook in the site's own JupyterLite (tools/build_lite.py).
LIVE_TEXTS = {
    "nl": ("Probeer het live", "Open deze pagina als live notebook in je browser, zonder installatie"),
    "en": ("Try it live", "Open this page as a live notebook in your browser, nothing to install"),
}
LIVE_FOLDERS = ("chapters/", "exercises/")  # the pages that are notebooks in the live app
TOGGLES_SCRIPT = "vk-toggles.js"  # book/_static: makes the visible menu buttons work (theme bug)
EDITION_SCRIPT = "vk-edition.js"  # book/_static: the edition switch keeps the section and demo state
PROGRESS_SCRIPT = "vk-progress.js"  # book/_static: a check in the navigation for each quiz page done
SOURCE_SUFFIXES = (".md", ".ipynb")


def other_edition(language: str) -> str:
    return "en" if language == "nl" else "nl"


def counterpart(pagename: str, language: str) -> str:
    """The same page in the other edition: ``chapters/nl/x`` becomes ``chapters/en/x``."""
    parts = pagename.split("/")
    return "/".join(other_edition(language) if part == language else part for part in parts)


def set_theme_options(app: Sphinx, config) -> None:
    language = config.language
    if language not in EDITIONS:
        raise ValueError(f"veerkracht_book: language must be one of {EDITIONS}, not {language!r}")
    if not config.vk_site_url.startswith("https://") or not config.vk_site_url.endswith("/"):
        problem = f"vk_site_url must be an https:// address ending in /, not {config.vk_site_url!r}"
        raise ValueError(f"veerkracht_book: {problem}")
    config.html_baseurl = f"{config.vk_site_url}{language}/"  # Sphinx writes each page's canonical link
    options = config.html_theme_options
    options.setdefault("toc_title", TOC_TITLES[language])
    options["search_bar_text"] = SEARCH_TEXTS[language]  # jupyter-book sets it, in English only
    config.nb_code_prompt_show, config.nb_code_prompt_hide = CODE_PROMPTS[language]
    config.html_context.setdefault("default_mode", "auto")  # else: "invalid theme mode" in the console
    end = options.get("article_header_end", ["article-header-buttons.html"])
    options["article_header_end"] = ["edition-switch.html", *end]
    # On every page (the navigation lists the quiz pages): reads this browser's stored quiz records.
    app.add_js_file(PROGRESS_SCRIPT, defer="defer", **{"data-done": tr(language, "quiz.done")})


def label_toctree_toggles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The navigation's expand buttons are a ``<summary>`` holding only an icon: screen readers
    announce nothing (axe: summary-name). Give each one a name in the edition's language."""
    generate = context.get("generate_toctree_html")
    if generate is None:
        return
    label = TOGGLE_LABELS[app.config.language]

    def labelled(*args, **kwargs):
        markup = str(generate(*args, **kwargs))
        return markup.replace("<summary>", f'<summary aria-label="{label}">')

    context["generate_toctree_html"] = labelled


def add_live_button(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Put "Try it live" first in the launch menu of every chapter and exercise page: it opens the
    page's own notebook in the site's JupyterLite (``<site>/lite/``), at the page's path."""
    if not pagename.startswith(LIVE_FOLDERS):
        return
    group = next((b for b in context.get("header_buttons", []) if b.get("label") == "launch-buttons"), None)
    if group is None:
        return
    text, tooltip = LIVE_TEXTS[app.config.language]
    site = "../" * (pagename.count("/") + 1)
    group["buttons"].insert(
        0,
        {
            "type": "link",
            "text": text,
            "tooltip": tooltip,
            "icon": "_static/images/logo_jupyterlite.svg",
            "url": f"{site}lite/notebooks/index.html?path={pagename}.ipynb",
            "label": "vk-live-button",
        },
    )


def drop_thebe(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Thebe is off (``launch_buttons.thebe: false``), but sphinx-thebe, which jupyter-book
    always loads, still adds its config script twice (a console error: THEBE_JS_URL declared
    twice) and names a CDN. Remove its files; Binder launch links do not need them."""
    context["script_files"] = [
        js
        for js in context.get("script_files", [])
        if "sphinx-thebe" not in (js.filename or "") and "THEBE_JS_URL" not in js.attributes.get("body", "")
    ]
    context["css_files"] = [
        css for css in context.get("css_files", []) if "sphinx-thebe" not in getattr(css, "filename", str(css))
    ]


LANGUAGE_CLASS = re.compile(r'<(div|span) class="((?:[^"]*\s)?lang-(nl|en)(?:\s[^"]*)?)"')


def mark_language_of_parts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """A passage in the other language (a ``{container} lang-nl`` block, or a glossary's term in the
    other language) gets its ``lang`` attribute, so screen readers pronounce it right (WCAG 3.1.2,
    language of parts)."""
    if "body" in context:
        context["body"] = LANGUAGE_CLASS.sub(r'<\1 class="\2" lang="\3"', context["body"])


def drop_widget_state(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    from myst_nb.sphinx_ import NbMetadataCollector

    js_files = NbMetadataCollector.get_js_files(app.env, pagename)
    js_files.pop("ipywidgets_state", None)


DESCRIPTION_LENGTH = 155  # characters a search engine shows of a page's description


def describe_page(doctree) -> str:
    """A ``<meta name="description">`` from the page's first paragraph of prose, cut at a word."""
    if doctree is None:
        return ""
    from docutils import nodes

    for paragraph in doctree.findall(nodes.paragraph):
        if paragraph.next_node(nodes.Invisible) is not None:
            continue
        text = " ".join(paragraph.astext().split())
        if len(text) >= 40:
            if len(text) > DESCRIPTION_LENGTH:
                text = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
            return f'\n<meta name="description" content="{html.escape(text, quote=True)}">'
    return ""


def add_page_links(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    language = app.config.language
    other = other_edition(language)
    target = counterpart(pagename, language)
    if doctree is not None:  # a document: its counterpart must exist in the sources
        sources = [Path(app.srcdir, target + suffix) for suffix in SOURCE_SUFFIXES]
        if not any(path.exists() for path in sources):
            logger.warning(
                "page %r has no counterpart %r in the %r edition",
                pagename,
                target,
                other,
                location=pagename,
            )
    href = "../" * (pagename.count("/") + 1) + f"{other}/{target}.html"
    context["vk_switch"] = {
        "href": href,
        "lang": other,
        "label": LANGUAGE_NAMES[other],
        "title": SWITCH_TITLES[other],
    }
    site = app.config.vk_site_url
    alternates = {language: f"{site}{language}/{pagename}.html", other: f"{site}{other}/{target}.html"}
    links = "".join(f'\n<link rel="alternate" hreflang="{lang}" href="{url}">' for lang, url in alternates.items())
    context["metatags"] = context.get("metatags", "") + links + describe_page(doctree)


BLOCKING_ALLOWED = ("documentation_options.js",)  # inline scripts in the page read DOCUMENTATION_OPTIONS


def defer_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Sphinx's and the extensions' scripts load with ``defer``: they only act once the page is
    parsed, and in order, so nothing breaks, and the first paint no longer waits for them."""
    from sphinx.builders.html._assets import _JavaScript

    if pagename == "search":  # its inline start-up code calls searchtools.js at once
        return
    scripts = []
    for js in context.get("script_files", []):
        attributes = dict(js.attributes)
        name = str(js.filename or "")
        if name and not {"async", "defer"} & set(attributes) and not name.endswith(BLOCKING_ALLOWED):
            js = _JavaScript(js.filename, priority=js.priority, **attributes, defer="defer")
        scripts.append(js)
    context["script_files"] = scripts


SEARCH_SCRIPTS = re.compile(
    r'[ \t]*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>\n?'
)


def drop_search_scripts(app: Sphinx, exception: Exception | None) -> None:
    """pydata-sphinx-theme's layout loads Sphinx's search code and the whole search index,
    render-blocking, on every page, for its search-as-you-type, which is off here: readers search on
    search.html. Drop the three scripts from every other page (a faster first paint on a phone)."""
    if exception is not None or app.builder.format != "html":
        return
    if app.config.html_theme_options.get("search_as_you_type"):
        return
    for page in Path(app.outdir).rglob("*.html"):
        if page.relative_to(app.outdir).as_posix() == "search.html":
            continue
        text = page.read_text("utf-8")
        lean = SEARCH_SCRIPTS.sub("", text)
        if lean != text:
            page.write_text(lean, "utf-8")


STYLESHEET = re.compile(
    r'[ \t]*<link (?=[^>]*rel="stylesheet")[^>]*href="([^"?]*_static/([^"?]+\.css))(?:\?[^"]*)?"[^>]*/?>\n?'
)
BUNDLE = "vk-styles.css"  # every stylesheet of a page, in order, in one file (_static/)
BUNDLE_FULL = "vk-styles.full.css"  # the same before trim_css: not linked, kept to compare
BUNDLE_LINK = re.compile(r'href="([^"]*_static/)vk-styles\.css\?v=[0-9a-f]+"')
CSS_URL = re.compile(r'url\(\s*(["\']?)([^"\')]+)\1\s*\)')
CSS_IMPORT = re.compile(r'@import\s+(?:url\()?\s*["\']([^"\']+)["\']\s*\)?\s*;')


def _css_text(static: Path, name: str) -> str:
    """The stylesheet ``_static/<name>`` with its @imports inlined and every relative url()
    rewritten to hold from ``_static/`` itself, where the bundle lives."""
    folder = (static / name).parent
    text = (static / name).read_text("utf-8")

    def rebased(match: re.Match) -> str:
        quote, url = match.groups()
        if url.startswith(("data:", "http:", "https:", "/", "#")):
            return match.group(0)
        target = (folder / url.split("#")[0].split("?")[0]).resolve()
        rest = url[len(url.split("#")[0].split("?")[0]) :]
        return f"url({quote}{target.relative_to(static.resolve()).as_posix()}{rest}{quote})"

    text = CSS_URL.sub(rebased, text.replace("/*# sourceMappingURL=", "/* sourceMappingURL="))

    def inlined(match: re.Match) -> str:  # after rebasing: the imported file rebases its own urls
        return _css_text(static, (folder / match.group(1)).resolve().relative_to(static.resolve()).as_posix())

    return CSS_IMPORT.sub(inlined, text)


def bundle_styles(app: Sphinx, exception: Exception | None) -> None:
    """Every page's stylesheets (the themes', the extensions' and the course's, about ten files)
    become one file, ``_static/vk-styles.css``, in the same order: on a phone's slow connection each
    render-blocking file costs a round trip before the first paint. Relative url()s are rebased.
    ``trim_css`` then drops the rules no page can use (Bootstrap's, mostly: 92 KB gzip becomes
    about 35); the untrimmed bundle stays beside it as ``vk-styles.full.css``, linked by no page.
    Every page, also one an incremental build did not rewrite, then links the current bundle."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    static = out / "_static"
    record = static / "vk-styles.json"
    names: list[str] | None = None
    pages = sorted(out.rglob("*.html"))
    for page in pages:
        found = [m.group(2) for m in STYLESHEET.finditer(page.read_text("utf-8"))]
        if found:
            names = found
            break
    if names is None:
        names = json.loads(record.read_text("utf-8"))  # nothing rewritten: the last build's list
    record.write_text(json.dumps(names), "utf-8")
    full = "\n".join(f"/* {name} */\n{_css_text(static, name)}" for name in names)
    (static / BUNDLE_FULL).write_text(full, "utf-8")  # the untrimmed bundle: tests/test_css_trim.py
    try:
        text = trim_css(full, page_words([out, TRIM_EXTRA]))
    except ImportError:  # tinycss2 (the book extra) missing: the site still builds, a bit slower to paint
        logger.info("bundle_styles: tinycss2 is not installed; the style bundle is not trimmed")
        text = full
    (static / BUNDLE).write_text(text, "utf-8")
    original = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / FONT
    if subset_icon_font(static, text, original) is None:
        logger.info("bundle_styles: fontTools or brotli is not installed; the icon font is not cut down")
    version = hashlib.sha256(text.encode()).hexdigest()[:12]
    for page in pages:
        html_text = page.read_text("utf-8")
        links = list(STYLESHEET.finditer(html_text))
        if links:
            if [m.group(2) for m in links] != names:
                logger.warning("page %s has other stylesheets than the rest: %s", page, [m.group(2) for m in links])
                continue
            first = links[0]
            prefix = first.group(1)[: -len(first.group(2))]
            link = f'    <link rel="stylesheet" href="{prefix}{BUNDLE}?v={version}" />\n'
            html_text = (
                STYLESHEET.sub("", html_text[: first.start()]) + link + STYLESHEET.sub("", html_text[first.start() :])
            )
        new = BUNDLE_LINK.sub(lambda m: f'href="{m.group(1)}{BUNDLE}?v={version}"', html_text)
        if new != page.read_text("utf-8"):
            page.write_text(new, "utf-8")


# --- Trimming the style bundle ------------------------------------------------------------------

TRIM_CONTENT = (".html", ".js", ".json")  # files whose words may name a class or id the styles match
TRIM_EXTRA = Path(__file__).resolve().parents[2] / "widgets" / "vendor"  # plotly.js, in <site>/assets/
NESTING_AT_RULES = {"media", "supports", "layer", "container", "document", "scope", "starting-style"}
WORD = re.compile(r"[\w-]+")
# The start of a name a script completes ("vk-q-" + state, `bs-${name}-auto`): keep every class it begins.
PREFIX = re.compile(r"[\"'`]([A-Za-z][\w-]*[-_])(?:\$\{|[\"']\s*\+)")


def page_words(folders: list[Path]) -> set[str]:
    """Every word (letters, digits, ``_`` and ``-``) of the site's pages and scripts: a superset of
    the classes and ids any page has or any script can add."""
    words: set[str] = set()
    for folder in folders:
        for path in folder.rglob("*"):
            if path.suffix in TRIM_CONTENT and path.is_file():
                text = path.read_text("utf-8", errors="replace")
                words.update(WORD.findall(text))
                words.update(f"{start}*" for start in PREFIX.findall(text))
    return words


def _needs(selector: list) -> set[str] | None:
    """The classes (``.x``) and ids (``#x``) a complex selector needs on some element, outside any
    ``:not()``, ``:is()``, ``:where()``, ``:has()`` or ``[...]``; None when unsure how to read it."""
    needs: set[str] = set()
    for i, token in enumerate(selector):
        if token.type == "literal" and token.value == ".":
            after = selector[i + 1] if i + 1 < len(selector) else None
            if after is None or after.type != "ident":
                return None
            needs.add(after.value)
        elif token.type == "hash":
            if not token.is_identifier:
                return None
            needs.add(token.value)
    return needs


def trim_css(text: str, words: set[str]) -> str:
    """``text`` without the style rules that can match no element: rules each of whose selectors
    needs a class or id that is none of ``words``. Everything kept is copied byte for byte.

    Why this and not PurgeCSS: it is the same method (a selector stays when the words of the pages
    and scripts hold its classes and ids), but in Python with tinycss2, which the book's tools
    already install, so building the site needs no npm and no safelist to maintain: the theme's
    scripts are part of ``words``, so every class they toggle (show, collapsing, active, ...) stays,
    and a script's ``"bs-" + name`` (``bs-*`` in ``words``) keeps every class ``bs-`` begins.
    It errs on the side of keeping: tag names, attributes and pseudo-classes never drop a rule,
    nor classes inside ``:not()``/``:is()``/``[...]``; @font-face, @keyframes and variables stay.
    From a selector list it drops the selectors that cannot match, unless the list holds one only
    some browsers know (``:-moz-...``, which makes the others ignore the whole rule): then the rule
    stays whole. tests/test_css_trim.py screenshots every page both ways, pixel for pixel."""
    import tinycss2

    prefixes = tuple(w[:-1] for w in words if w.endswith("*"))  # from page_words: see PREFIX

    def present(name: str) -> bool:
        return name in words or name.startswith(prefixes)

    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(node) -> int:
        return line_starts[node.source_line - 1] + node.source_column - 1

    def rule(node, start: int, end: int) -> str:
        prelude = node.prelude
        groups: list[list] = [[]]
        for token in prelude:
            if token.type == "literal" and token.value == ",":
                groups.append([])
            else:
                groups[-1].append(token)
        needs = [_needs(group) for group in groups]
        if any(n is None for n in needs):
            return text[start:end]
        kept = [group for group, need in zip(groups, needs, strict=True) if all(present(name) for name in need)]
        if not kept:
            return ""
        if len(kept) == len(groups):
            return text[start:end]
        source = tinycss2.serialize(prelude)
        if any(t.type == "string" for t in prelude) or re.search(r":-|::-", source):
            # a selector only some browsers know makes them drop the whole rule: keep it whole
            return text[start:end]
        brace = text.index("{", at(prelude[-1]))
        return ", ".join(tinycss2.serialize(group).strip() for group in kept) + " " + text[brace:end]

    def rules(nodes: list, end: int) -> str:
        out = []
        for i, node in enumerate(nodes):
            start = at(node)
            stop = at(nodes[i + 1]) if i + 1 < len(nodes) else end
            if node.type == "qualified-rule":
                out.append(rule(node, start, stop))
            elif node.type == "at-rule" and node.lower_at_keyword in NESTING_AT_RULES and node.content:
                open_at = at(node.content[0])
                if text[open_at - 1] != "{" or text[stop - 1] != "}":
                    out.append(text[start:stop])
                    continue
                inner = rules(tinycss2.parse_rule_list(node.content, skip_comments=False), stop - 1)
                if inner.strip():
                    out.append(text[start:open_at] + inner + "}")
            else:  # comments, whitespace, @font-face, @keyframes, ...
                out.append(text[start:stop])
        return "".join(out)

    return rules(tinycss2.parse_stylesheet(text, skip_comments=False), len(text))


OPTIONS_SCRIPT = re.compile(r'<script src="[^"]*_static/documentation_options\.js(?:\?v=[0-9a-f]+)?"></script>')


def inline_options(app: Sphinx, exception: Exception | None) -> None:
    """Sphinx's documentation_options.js (a dozen settings, 400 bytes) must load before the page's
    inline scripts read it, so it is the one script that blocks the first paint: a whole round trip
    on a phone for 400 bytes. Every page carries its settings inline instead."""
    if exception is not None or app.builder.format != "html":
        return
    options = (Path(app.outdir) / "_static" / "documentation_options.js").read_text("utf-8")
    inline = f"<script>{options.strip()}</script>"
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text("utf-8")
        lean = OPTIONS_SCRIPT.sub(lambda m: inline, text)
        if lean != text:
            page.write_text(lean, "utf-8")


def add_theme_translations(app: Sphinx) -> None:
    """Compile ``book/locale/<lang>/LC_MESSAGES/*.po`` and register them as fallbacks for
    the catalogs of Sphinx and the themes, for the texts those do not translate yet."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source = Path(__file__).resolve().parent.parent / "locale"
    target = Path(app.doctreedir) / "vk-locale"
    for po in source.glob(f"{app.config.language}/LC_MESSAGES/*.po"):
        mo = target / po.relative_to(source).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as infile, mo.open("wb") as outfile:
            write_mo(outfile, read_po(infile, locale=app.config.language))
        app.add_message_catalog(po.stem, str(target))


def setup(app: Sphinx) -> dict:
    # The published site's address (its root, which holds nl/ and en/), set once in _config.yml:
    # search engines read only absolute hreflang alternates.
    app.add_config_value("vk_site_url", "", "html", types=[str])
    add_theme_translations(app)
    app.add_js_file(TOGGLES_SCRIPT, defer="defer")
    app.add_js_file(EDITION_SCRIPT, defer="defer")
    app.connect("config-inited", set_theme_options)
    app.connect("config-inited", vk_bib.use_styles)
    vk_glossary.setup(app)
    vk_overview.setup(app)  # the welcome page's chapter cards
    app.setup_extension("vk_math")  # maths as MathML, typeset at build time (no script)
    app.connect("html-page-context", drop_widget_state, priority=400)
    app.connect("html-page-context", add_page_links)
    app.connect("html-page-context", mark_language_of_parts)
    app.connect("html-page-context", vk_bib.list_roles)
    app.connect("build-finished", drop_search_scripts)
    app.connect("build-finished", bundle_styles)
    app.connect("build-finished", inline_options)
    app.connect("html-page-context", add_live_button, priority=502)  # after the theme's launch menu
    app.connect("html-page-context", drop_thebe, priority=900)
    app.connect("html-page-context", defer_scripts, priority=950)
    app.connect("html-page-context", label_toctree_toggles, priority=600)  # after pydata adds it
    return {"parallel_read_safe": True, "parallel_write_safe": True}
