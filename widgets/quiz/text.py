"""Question texts as HTML: escaped, with the bank's **bold** and *italics* kept and a line break
as ``<br>``. Each text is made HTML on its own (in Python for Jupyter and for the site's page data
alike), so markup never pairs across two texts."""

from __future__ import annotations

import html
import re

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"\*(.+?)\*")


def inline_html(text: str) -> str:
    """``text`` escaped for HTML, with ``**bold**`` and ``*italics*`` (within a line) as tags and each
    line break as ``<br>``."""
    escaped = html.escape(text)
    marked = _ITALIC.sub(r"<em>\1</em>", _BOLD.sub(r"<strong>\1</strong>", escaped))
    return marked.replace("\r\n", "\n").replace("\n", "<br>")


def markdown_text(text: str, one_line: bool = False) -> str:
    """A bank text for a Markdown cell (the page's title and outline): HTML escaped as
    ``inline_html`` escapes it, its Markdown (``*italics*``, links) left to the Markdown renderer;
    ``one_line`` joins the lines (a heading ends at a line break)."""
    escaped = html.escape(text, quote=False)
    return " ".join(escaped.split()) if one_line else escaped


def plain_text(text: str) -> str:
    """``text`` without the bank's ``**`` and ``*`` markup: a control's accessible name."""
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text))


def numbers_phrase(numbers: list[int], joiner: str) -> str:
    """``3``, ``3 en 5``, ``2, 3 en 5``: a list of question numbers in running text."""
    shown = [str(n) for n in numbers]
    if len(shown) == 1:
        return shown[0]
    return f"{', '.join(shown[:-1])} {joiner} {shown[-1]}"
