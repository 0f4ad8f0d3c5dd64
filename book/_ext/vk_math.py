"""Mathematics typeset at build time, as MathML: no script, from this site or another.

Sphinx's default typesetter, MathJax, is a script from a CDN (every page with maths would send its
reader's address there) and typesets in the browser. This renderer turns each formula's LaTeX into
MathML while the book is built (``latex2mathml``, pure Python): every current browser draws MathML
Core without a script, screen readers read it, and Chromium prints it into the course PDF. It is
registered as Sphinx's HTML maths renderer ``mathml`` and chosen for the book in ``config-inited``.

In an edition whose decimal mark is a comma, ``0,15`` is one number (``<mn>0,15</mn>``), not 0, a
comma and 15.
"""

from __future__ import annotations

import re

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.application import Sphinx
from veerkracht.i18n import number

# latex2mathml reads "0,15" as a number, a separator and a number.
SPLIT_DECIMAL = re.compile(r"<mn>(\d+)</mn><mo>&#x0002C;</mo><mn>(\d+)</mn>")


def mathml(latex: str, display: str, language: str) -> str:
    """``latex`` as a MathML ``<math>`` element (``display``: "inline" or "block")."""
    markup = convert(latex, display=display)
    if number(0.5, 1, language) == "0,5":
        markup = SPLIT_DECIMAL.sub(r"<mn>\1,\2</mn>", markup)
    return markup


def visit_math(self, node: nodes.math) -> None:
    self.body.append(mathml(node.astext(), "inline", self.config.language))
    raise nodes.SkipNode


def visit_displaymath(self, node: nodes.math_block) -> None:
    latex = node.astext()
    blocks = [latex] if node.get("nowrap") else [b for b in latex.split("\n\n") if b.strip()]
    parts = "".join(mathml(block, "block", self.config.language) for block in blocks)
    self.body.append(f'<div class="vk-math">{parts}</div>')  # not "math": the theme lays that out for MathJax
    raise nodes.SkipNode


def use_mathml(app: Sphinx, config) -> None:
    config.html_math_renderer = "mathml"


def setup(app: Sphinx) -> dict:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_displaymath, None))
    app.connect("config-inited", use_mathml)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
