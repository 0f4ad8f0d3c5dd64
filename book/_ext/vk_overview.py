"""The welcome page's overview: ``{chapter-cards}`` becomes a card per chapter, made at build time
from what the book already holds, so no fact is written twice:

- the chapters and their order, and each chapter's exercise page: the table of contents (the root
  page's entries under ``chapters/``, and the first page below each that shows questions);
- the title: the chapter's own heading;
- the study time, the exercises included: the chapter's own "Studietijd"/"Study time" line (a chapter
  without one is a build warning, so with ``-W`` a failed build);
- the one-line goal: the catalogue (``overview.goal.<chapter>`` in ``widgets/locale``);
- the demo: a still of the demo the chapter brings in (the first it shows that no earlier chapter
  showed, else its first; a chapter that shows none, but links to demos in a state of its own, as
  the cases do: the first it links to), in that state (``veerkracht.kit.still``, an inline SVG from
  the demo's figure), its text alternative the outcome the demo states in that state;
- the reader's progress: a line the site's ``vk-progress.js`` fills from the quiz records quiz.js
  keeps in this browser (the exercise page's questions, their versions and which are graded ride on
  the card). Until it has (or without storage) the line says how many questions the page has; its
  space is reserved, so nothing moves when it changes.
"""

from __future__ import annotations

import html
import json
import re

from docutils import nodes
from myst_nb.sphinx_ import NbMetadataCollector
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from veerkracht.i18n import catalogue, plural, tr
from veerkracht.kit import static
from veerkracht.kit.still import still_svg

logger = logging.getLogger(__name__)

CHAPTERS = "chapters/"  # the root page's table-of-contents entries that get a card
# A chapter's study-time line (its "Voorkennis en studietijd" section): the first number of minutes.
STUDY_TIME = {
    "nl": re.compile(r"^Studietijd:\D*?(\d+) minuten"),
    "en": re.compile(r"^Study time:\D*?(\d+) minutes"),
}


class chapter_cards(nodes.General, nodes.Element):
    """Where the cards go; filled once every page has been read (:func:`fill_cards`)."""


class ChapterCards(SphinxDirective):
    """``{chapter-cards}``: on the root page, whose table of contents lists the chapters."""

    def run(self) -> list[nodes.Node]:
        if self.env.docname != self.config.root_doc:
            raise self.error("chapter-cards belongs on the root page, whose table of contents lists the chapters")
        return [chapter_cards()]


def reread_root(app, env, added: set, changed: set, removed: set) -> list[str]:
    """The cards show other pages' titles, times, demos and questions: any change reads the root again."""
    root = app.config.root_doc
    return [root] if (added | changed | removed) - {root} and root in env.all_docs else []


def _study_minutes(env, chapter: str, language: str) -> int | None:
    pattern = STUDY_TIME[language]
    for paragraph in env.get_doctree(chapter).findall(nodes.paragraph):
        found = pattern.match(" ".join(paragraph.astext().split()))
        if found:
            return int(found.group(1))
    return None


def _demo_state(states: list[dict], seen: set[str]) -> dict | None:
    """The state of the demo a chapter brings in: its first demo no earlier chapter showed, else its first."""
    fresh = [state for state in states if state["demo"] not in seen]
    return (fresh or states or [None])[0]


DEMO_LINK = re.compile(r'href="[^"?]*\?([^"#]+)#(\w+)-demo"')


def _linked_state(env, chapter: str, language: str) -> dict | None:
    """The state of the first demo the chapter links to (``Demo.link()``: ``?spring.resources=3&...``)."""
    from urllib.parse import parse_qsl

    from veerkracht.kit.registry import registry

    for raw in env.get_doctree(chapter).findall(nodes.raw):
        for query, demo in DEMO_LINK.findall(raw.astext()):
            if demo not in registry():
                continue
            spec = registry()[demo].spec
            numbers = {
                k.split(".", 1)[1]: float(v) for k, v in parse_qsl(html.unescape(query)) if k.startswith(f"{demo}.")
            }
            values = {k: int(v) if v.is_integer() else v for k, v in numbers.items()}  # as the link wrote them
            made = registry()[demo](language, **{k: v for k, v in values.items() if k in spec.names})
            if spec.time is not None and spec.time.name in values:
                made.time = int(values[spec.time.name])
            return made.state()
    return None


def _card(app, docname: str, number: int, chapter: str, seen: set[str]) -> str:
    env, language = app.env, app.config.language
    builder = app.builder
    data = NbMetadataCollector.get_doc_data(env)
    slug = chapter.rsplit("/", 1)[-1]
    here = builder.get_relative_uri(docname, chapter)
    title = env.titles[chapter].astext()
    texts = catalogue(language)
    goal = texts.get(f"overview.goal.{slug}")
    if goal is None:
        logger.warning("chapter %r has no one-line goal (overview.goal.%s in widgets/locale)", chapter, slug)
        goal = ""
    minutes = _study_minutes(env, chapter, language)
    if minutes is None:
        logger.warning("chapter %r states no study time (a line '%s')", chapter, STUDY_TIME[language].pattern)
    time = tr(language, "overview.time", minutes=minutes) if minutes else ""
    parts = [
        f'<li class="vk-card"><h3 class="vk-card-title"><a href="{here}">'
        f'<span class="vk-card-number">{html.escape(tr(language, "overview.chapter", number=number))}</span> '
        f"{html.escape(title)}</a></h3>"
    ]
    states = data[chapter].get("vk_demo_states", [])
    state = _demo_state(states, seen) or _linked_state(env, chapter, language)
    seen.update(s["demo"] for s in states)
    if state is not None:
        demo = static.from_state(state)
        name = tr(language, f"{demo.spec.id}.name")
        _, outcome = demo.describe()
        alt = tr(language, "overview.still", demo=name, outcome=outcome)
        caption = tr(language, "overview.demo", demo=name)
        # A div, not a figure: Chromium tags a <figure> in the course PDF as a figure of its own,
        # without a text alternative, around the still's (which has one).
        parts.append(
            f'<div class="vk-card-demo">{still_svg(demo.figure(), alt)}'
            f'<p class="vk-card-caption">{html.escape(caption)}</p></div>'
        )
    parts.append(f'<p class="vk-card-goal">{html.escape(goal)}</p><p class="vk-card-time">{html.escape(time)}</p>')
    exercises = next((page for page in env.toctree_includes.get(chapter, []) if data[page].get("vk_questions")), None)
    if exercises is None:
        logger.warning("chapter %r has no exercise page below it in the table of contents", chapter)
    else:
        questions = data[exercises]["vk_questions"]
        target = builder.get_relative_uri(docname, exercises)
        count = plural(language, "overview.questions", len(questions))
        parts.append(
            f'<p class="vk-card-progress" data-vk-page="{target}" '
            f"data-vk-questions='{html.escape(json.dumps(questions), quote=True)}'>"
            f'<span class="vk-card-status">{html.escape(count)}</span> '
            f'<a class="vk-card-next" href="{target}">{html.escape(tr(language, "overview.to_exercises"))}</a></p>'
        )
    parts.append("</li>")
    return "".join(parts)


def fill_cards(app, doctree: nodes.document, docname: str) -> None:
    """Every ``{chapter-cards}`` on the page becomes the list of cards (HTML builders only)."""
    places = list(doctree.findall(chapter_cards))
    if not places:
        return
    language = app.config.language
    if app.builder.format != "html":
        for place in places:
            place.replace_self([])
        return
    chapters = [page for page in app.env.toctree_includes.get(docname, []) if page.startswith(CHAPTERS)]
    if not chapters:
        logger.warning("{chapter-cards} on %r: its table of contents lists no chapters", docname)
    seen: set[str] = set()  # the demos earlier chapters showed
    cards = "".join(_card(app, docname, number, chapter, seen) for number, chapter in enumerate(chapters, start=1))
    keys = ("progress", "answered", "continue", "review")
    templates = catalogue(language)  # filled in by vk-progress.js: {answered}, {total}, {right}
    texts = " ".join(f'data-{key}="{html.escape(templates[f"overview.{key}"], quote=True)}"' for key in keys)
    markup = f'<ol class="vk-cards" {texts}>{cards}</ol>'
    for place in places:
        place.replace_self(nodes.raw("", markup, format="html"))


def setup(app) -> None:
    app.add_node(chapter_cards)
    app.add_directive("chapter-cards", ChapterCards)
    app.connect("env-get-outdated", reread_root)
    app.connect("doctree-resolved", fill_cards)
