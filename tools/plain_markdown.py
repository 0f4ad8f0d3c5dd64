"""A chapter's MyST markup as plain CommonMark/GFM, for its notebooks outside the book.

The book's pages are MyST Markdown; outside the book they are notebooks in two places: the page's
download button (``_sources/<page>.ipynb``, ``build_site.annotate_notebooks``) and the live app
(``build_lite.notebooks``). JupyterLab renders CommonMark, so there the MyST-only markup would show
raw. :func:`plain_notebook` rewrites a notebook's markdown cells, for both:

- ``{term}`text <key>``` and ``{ref}``/``{doc}`` with a text: the text; a bare ``{doc}`path``` the
  page's H1, a bare ``{ref}`label``` the heading under that label (else an error);
- citations (``{cite:p}``, ``:t``, ``:ts``, ``:ct``, ``:yearpar`` ...): the words the HTML page
  shows, formatted with the book's own citation style (``book/_ext/vk_bib.py``) from its
  bibliography (``bibtex_bibfiles`` in ``_config.yml``), not copied from a built page;
- ``{glue:md}`name```: the number the page glues (a chapter's from ``veerkracht.chapter_facts``, the
  models page's from ``veerkracht.model_notes``);
- label lines ``(name)=`` and ``%`` comments: removed (a cell left empty goes);
- admonitions (``{admonition}`` with its title, ``{note}``, ``{important}`` ... with Sphinx's label
  in the edition's language), at any fence length, ``:option:`` lines dropped: a blockquote with
  the title in bold, the body converted the same way (nested fences survive); ``{container}``: its
  body only;
- anything else MyST (a role or directive not above): :class:`MystMarkupError`, naming the page and
  the markup, so a new construct fails the build instead of showing raw.

Links. A relative link (``[..](../x.md)``, ``<a href="?demo.x=1#demo">``, ``#anchor``) means a page
of the book; in a notebook it would point at nothing (a download has no site beside it, the live app
opens files, not pages). So every relative link points at the published page it means: the site's
root (``vk_site_url`` in ``_config.yml``, as the canonical links and the course PDF use it) +
``<edition>/<page>.html``, with ``.md``/``.ipynb`` read as ``.html``, query and anchor kept (a demo's
state link opens the demo so). The same in both places, so one notebook reads the same wherever it
is; offline, the live app's links need the network. With no site root, a link keeps only its text.
Fenced code blocks are left as they are.
"""

from __future__ import annotations

import functools
import gettext
import json
import os
import re
import sys
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urljoin

import yaml

ROOT = Path(__file__).resolve().parent.parent

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})(.*)$")
DIRECTIVE = re.compile(r"^\{([\w:-]+)\}\s*(.*)$")
OPTION = re.compile(r"^\s*:[\w-]+:")
LABEL = re.compile(r"^\s*\([\w:.-]+\)=\s*$")
COMMENT = re.compile(r"^\s*%")
ROLE = re.compile(r"(?<!`)\{([\w:-]+)\}`([^`]*)`")
TARGET = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.S)
MD_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^()\s]*)\)")
HTML_LINK = re.compile(r'<a\s+href="([^"]*)"\s*>(.*?)</a>', re.S)
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.I)
# Sphinx's admonitions, with the English label its catalogue translates (sphinx.locale.admonitionlabels).
ADMONITIONS = {
    "attention": "Attention",
    "caution": "Caution",
    "danger": "Danger",
    "error": "Error",
    "hint": "Hint",
    "important": "Important",
    "note": "Note",
    "seealso": "See also",
    "tip": "Tip",
    "warning": "Warning",
}
WRAPPERS = {"container"}  # only a class for the page's styling: the body stays


class MystMarkupError(ValueError):
    """MyST markup that has no plain form here; the message names the page and the markup."""


class Page(NamedTuple):
    """Where a text is: its edition, its book path (``chapters/en/03-cycle``) and the site's root."""

    lang: str
    path: str
    site: str

    def fail(self, markup: str) -> MystMarkupError:
        return MystMarkupError(f"{self.path}: no plain Markdown for {markup!r} (see tools/plain_markdown.py)")


def site_url() -> str:
    """The published site's root (``vk_site_url`` in ``_config.yml``), or "" when there is none."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))
    return config.get("sphinx", {}).get("config", {}).get("vk_site_url") or ""


def plain_notebook(notebook: dict, lang: str, path: str, site: str | None = None) -> dict:
    """Rewrite ``notebook``'s markdown cells (in place) as plain Markdown; return the notebook.

    ``lang`` is the edition, ``path`` the notebook's page in the book (``chapters/en/03-cycle``),
    ``site`` the site's root (default :func:`site_url`). Raises :class:`MystMarkupError`."""
    page = Page(lang, path, site_url() if site is None else site)
    cells = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            text = _plain(cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"]), page)
            if not text.strip():
                continue  # a cell that held only a label
            cell["source"] = text
        cells.append(cell)
    notebook["cells"] = cells
    return notebook


def plain_markdown(text: str, lang: str, path: str, site: str | None = None) -> str:
    """One markdown text as plain Markdown (see :func:`plain_notebook`)."""
    return _plain(text, Page(lang, path, site_url() if site is None else site))


def _plain(text: str, page: Page) -> str:
    return "\n".join(_blocks(text.split("\n"), page)).strip("\n")


def _blocks(lines: list[str], page: Page) -> list[str]:
    """Lines with directives rewritten, labels and comments dropped, and code fences kept as they are."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if fence:
            indent, marks, info = fence.groups()
            closer = re.compile(rf"^\s*{re.escape(marks[0])}{{{len(marks)},}}\s*$")
            end = next((j for j in range(i + 1, len(lines)) if closer.match(lines[j])), len(lines))
            directive = DIRECTIVE.match(info.strip())
            if directive:
                out += _directive(*directive.groups(), lines[i + 1 : end], indent, page)
            elif marks[0] == ":":
                raise page.fail(lines[i])
            else:
                out += lines[i : end + 1]  # a code block
            i = end + 1
        elif LABEL.match(lines[i]) or COMMENT.match(lines[i]):
            i += 1
        else:
            out.append(_inline(lines[i], page))
            i += 1
    return out


def _directive(name: str, argument: str, body: list[str], indent: str, page: Page) -> list[str]:
    """An admonition as a blockquote with its title in bold; a wrapper as its body."""
    while body and OPTION.match(body[0]):
        body = body[1:]
    if name in WRAPPERS:
        return _blocks(body, page)
    if name == "admonition" and argument:
        title = argument
    elif name in ADMONITIONS:
        title = _label(name, page.lang)
        body = [argument, *body] if argument else body
    else:
        raise page.fail(f"{{{name}}} {argument}".strip())
    content = _blocks(body, page)
    while content and not content[0].strip():
        content.pop(0)
    while content and not content[-1].strip():
        content.pop()
    quoted = [f"{indent}> {line}" if line.strip() else f"{indent}>" for line in content]
    return [f"{indent}> **{_inline(title, page)}**", f"{indent}>", *quoted]


def _label(name: str, lang: str) -> str:
    """Sphinx's label for an admonition in ``lang`` (as the page's title shows it)."""
    import sphinx

    catalogue = gettext.translation("sphinx", Path(sphinx.__file__).parent / "locale", [lang], fallback=True)
    return catalogue.gettext(ADMONITIONS[name])


def _inline(line: str, page: Page) -> str:
    """A line's roles as their text, its relative links to the published pages."""
    line = ROLE.sub(lambda m: _role(m.group(1), m.group(2), page), line)
    leftover = re.search(r"\{[\w:-]+\}`|(`{3,}|:{3,})\{", line)  # a role over two lines, a quoted directive
    if leftover:
        raise page.fail(line[leftover.start() : leftover.start() + 60])
    line = HTML_LINK.sub(lambda m: _link(m.group(0), m.group(2), m.group(1), page, html=True), line)
    return MD_LINK.sub(lambda m: _link(m.group(0), m.group(1), m.group(2), page), line)


def _role(name: str, content: str, page: Page) -> str:
    titled = TARGET.match(content)
    text, target = titled.groups() if titled else ("", content.strip())
    if name == "term":
        return text or target
    if name in ("ref", "doc"):
        return text or _title(name, target, page)
    if name == "cite" or name.startswith("cite:"):
        return cite(name.removeprefix("cite").lstrip(":") or "p", content, page.lang, page.path)
    if name == "glue:md":
        values = glued(page.lang, page.path)
        if content in values:
            return values[content]
    raise page.fail(f"{{{name}}}`{content}`")


def _link(whole: str, text: str, target: str, page: Page, html: bool = False) -> str:
    """A relative link pointed at the published page it means (see the module's docstring)."""
    if EXTERNAL.match(target) or not target:
        return whole
    if not page.site:
        return text
    path, mark, rest = re.match(r"^([^?#]*)([?#]?)(.*)$", target).groups()
    path = re.sub(r"\.(md|ipynb)$", ".html", path)
    url = urljoin(f"{page.site}{page.lang}/{page.path}.html", f"{path}{mark}{rest}")
    return f'<a href="{url}">{text}</a>' if html else f"[{text}]({url})"


def _title(kind: str, target: str, page: Page) -> str:
    """The title a bare ``{doc}`` (the page's H1) or ``{ref}`` (the heading under the label) shows."""
    if kind == "doc":
        base = ROOT / os.path.normpath(target.lstrip("/") if target.startswith("/") else f"{page.path}/../{target}")
        sources = [base.with_suffix(".md"), base.with_suffix(".ipynb")]
        heading = re.compile(r"^# (.+)$", re.M)
    else:
        sources = sorted(ROOT.glob("chapters/*/*.md")) + sorted(ROOT.glob("book/*/*.md"))
        heading = re.compile(rf"^\({re.escape(target)}\)=\s*\n+#+ (.+)$", re.M)
    for source in sources:
        if source.is_file():
            text = source.read_text("utf-8")
            if text.startswith("---\n"):  # the jupytext header
                text = text.split("\n---\n", 1)[-1]
            if source.suffix == ".ipynb":
                cells = json.loads(text)["cells"]
                text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
            found = heading.search(text)
            if found:
                return found.group(1).strip()
    raise page.fail(f"{{{kind}}}`{target}` (give it a text: no title found)")


@functools.cache
def _bibliography() -> tuple:
    """The book's citation styles (``vk_bib``) and its bibliography's entries, read once."""
    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    import vk_bib
    from pybtex.database import parse_file

    config = yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))
    entries = {}
    for name in config["bibtex_bibfiles"]:
        entries.update(parse_file(ROOT / name).entries)
    return vk_bib, entries


def cite(role: str, targets: str, lang: str, path: str = "") -> str:
    """A citation as the page shows it: ``cite("p", "scheffer2009", "en")`` is "(Scheffer et al., 2009)".

    Formatted by sphinxcontrib-bibtex with the edition's style, keys in the bibliography's order
    (as on the page), pre- and post-notes (``key{chapter 3}``) kept. ``path`` names the page in an
    error (an unknown key or role)."""
    from pybtex.richtext import String, Symbol
    from sphinxcontrib.bibtex.citation_target import parse_citation_targets
    from sphinxcontrib.bibtex.style.referencing import format_references
    from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

    vk_bib, entries = _bibliography()
    style = vk_bib.reference_style(lang)()
    keys = list(parse_citation_targets(targets))
    if role not in style.role_names() or any(key.key not in entries for key in keys):
        raise Page(lang, path, "").fail(f"{{cite:{role}}}`{targets}`")
    keys.sort(key=lambda key: vk_bib.CourseSorting().sorting_key(entries[key.key]))
    references = [
        (entries[key.key], None, SphinxReferenceInfo(None, path, "", "", None, key.pre, key.post)) for key in keys
    ]
    symbols = {"nbsp": "\u00a0", "ndash": "\u2013", "newblock": " "}

    def text(rich) -> str:
        if isinstance(rich, Symbol):
            return symbols[rich.name]
        if isinstance(rich, String):
            return rich.value
        return "".join(text(part) for part in rich.parts)

    return text(format_references(style, role, references))


@functools.cache
def glued(lang: str, path: str) -> dict[str, str]:
    """What the page ``path`` (``chapters/en/03-cycle``, ``book/en/models``) glues for its
    ``{glue:md}`` roles, name to text, from the one source its hidden cell glues from: a chapter's
    ``veerkracht.chapter_facts.facts``, the models page's ``veerkracht.model_notes.glued_numbers``.
    Any other page glues nothing."""
    from veerkracht.chapter_facts import CHAPTERS, facts
    from veerkracht.model_notes import glued_numbers

    folder, _, name = path.rpartition("/")
    if folder == f"chapters/{lang}" and name in CHAPTERS:
        return facts(name, lang)
    return glued_numbers(lang) if path == f"book/{lang}/models" else {}
