"""How the book draws what a chapter's notebook displayed: the states of the course's demos and
questions, turned into the static site's HTML at build time.

A kernel displays a demo as its live panel plus its state (``Demo.state()``: id, language,
parameters, time) and a question as its widget plus its bank, id and language. myst-nb hands each
such output to :class:`Outputs` (a MIME renderer plugin, entry point ``myst_nb.mime_renderers``),
which makes the page's HTML from it with ``veerkracht.kit.static`` and ``veerkracht.quiz.static``
and tells myst-nb which script the page needs. A demo's grid is computed once per build, kept on
disk (keyed by the sources it depends on) and placed under ``_static/vk-grids/`` beside the pages
that use it (:func:`setup`, loaded through ``sphinx.extra_extensions``). Element ids follow from the
page and the demo's position on it, so two builds give the same HTML.

A state the site cannot show (an unknown demo, bank or question, a field missing, a parameter off
its control's grid) is a build warning naming the page and the field: with ``-W`` it fails the build.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from docutils import nodes
from myst_nb.sphinx_ import NbMetadataCollector
from veerkracht.i18n import LANGUAGES
from veerkracht.kit import static
from veerkracht.kit.demo import STATE_MIME
from veerkracht.quiz.bank import BANK_DIR, BankError, load_bank
from veerkracht.quiz.session import QUESTION_MIME, SUMMARY_MIME
from veerkracht.quiz.static import question_html, score_html, version

# Relative to an edition's _static folder (Sphinx prefixes it): <site>/assets/, shared by both
# editions (tools/build_site.py puts the bundle there).
PLOTLY = "../../assets/plotly-basic.min.js"
DEMO_SCRIPT = "demo.js"  # veerkracht/assets: draws every demo of a page
QUIZ_SCRIPT = "quiz.js"  # veerkracht/assets: grades every question of a page
GRIDS = "vk-grids"  # under _static: the demos' grid files
# The sources a demo's grid depends on: its model, its declaration, the kit that draws it, the texts.
GRID_SOURCES = ("models", "demos", "kit", "i18n.py", "locale")


class QuizStateError(ValueError):
    """A question's or score line's state the site cannot show; the message names the field."""


class Outputs:
    """myst-nb's MIME renderer for the course's own output types (the ``html`` builder only)."""

    mime_priority_overrides = [("html", mime, 1) for mime in (STATE_MIME, QUESTION_MIME, SUMMARY_MIME)]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[nodes.Element] | None:
        draw = {STATE_MIME: _demo, QUESTION_MIME: _question, SUMMARY_MIME: _summary}.get(data.mime_type)
        env = getattr(renderer.renderer, "sphinx_env", None)
        if draw is None or inline or env is None:
            return None
        try:
            state = data.content if isinstance(data.content, dict) else json.loads(data.string)
            markup = draw(env, state)
        except json.JSONDecodeError as error:
            renderer.logger.warning(f"page {env.docname!r}: {data.mime_type} is no JSON: {error}", line=data.line)
            return []
        except (static.StateError, QuizStateError) as error:
            renderer.logger.warning(f"page {env.docname!r}: {error}", line=data.line, subtype="vk_state")
            return []
        return [nodes.raw(text=markup, format="html", classes=["output", "text_html"])]


def _page_script(env: Any, key: str, script: str, **attributes: str) -> None:
    """Ask myst-nb to load ``script`` (from ``_static``) on the page being read."""
    NbMetadataCollector.add_js_file(env, env.docname, key, script, {"defer": "defer", **attributes})


def _demo(env: Any, state: object) -> str:
    demo = static.from_state(state)
    count = env.temp_data["vk_demos"] = env.temp_data.get("vk_demos", 0) + 1  # per page: reset per document
    # The states a page shows, in order: the welcome page's chapter cards draw the first as a still.
    NbMetadataCollector.get_doc_data(env)[env.docname].setdefault("vk_demo_states", []).append(demo.state())
    grid = None
    if demo.spec.route == "grid":
        name = grid_file(cache_folder(env.app), demo.spec, demo.lang)
        pages = NbMetadataCollector.get_doc_data(env)[env.docname].setdefault("vk_grids", [])
        pages.append(name)
        grid = {"name": name, "src": "../" * env.docname.count("/") + f"_static/{GRIDS}/{name}"}
    _page_script(env, "vk-demo", DEMO_SCRIPT, **{"data-plotly": PLOTLY})
    return static.render(demo, f"vk-{demo.spec.id}-{count}", grid)


def _quiz_state(state: object, fields: tuple[str, ...]) -> dict:
    if not isinstance(state, dict):
        raise QuizStateError(f"a question's state must be a mapping with {', '.join(fields)}")
    for field in fields:
        if not isinstance(state.get(field), str):
            raise QuizStateError(f"question {state.get('question', '?')!r}: {field} is missing or not text")
    if state["lang"] not in LANGUAGES:
        raise QuizStateError(f"bank {state['bank']!r}: lang {state['lang']!r} is none of {', '.join(LANGUAGES)}")
    return state


def _question(env: Any, state: object) -> str:
    state = _quiz_state(state, ("bank", "question", "lang"))
    bank = _bank(env, state["bank"])
    try:
        question = bank[state["question"]]
    except KeyError:
        ids = ", ".join(q.id for q in bank.questions)
        raise QuizStateError(f"bank {bank.id!r}: no question {state['question']!r}; it has {ids}") from None
    _page_script(env, "vk-quiz", QUIZ_SCRIPT)
    # The page's questions in order (id, version, graded): the welcome page's cards count progress by them.
    questions = NbMetadataCollector.get_doc_data(env)[env.docname].setdefault("vk_questions", [])
    questions.append([question.id, version(question), question.graded])
    return question_html(question, state["lang"], "../" * env.docname.count("/"))


def _summary(env: Any, state: object) -> str:
    state = _quiz_state(state, ("bank", "lang"))
    graded = sum(q.graded for q in _bank(env, state["bank"]).questions)
    _page_script(env, "vk-quiz", QUIZ_SCRIPT)
    return score_html(state["lang"], graded, state["bank"])


def _bank(env: Any, name: str):
    """The bank ``name`` as the book's sources hold it now (``exercises/bank/`` of the book being
    built, else the installed package's): a bank edited since the notebook ran shows as edited."""
    folder = Path(env.srcdir, "exercises", "bank")
    folder = folder if folder.is_dir() else BANK_DIR
    path = folder / f"{name}.yml"
    try:
        return _load(path, path.stat().st_mtime_ns)
    except (OSError, BankError) as error:
        raise QuizStateError(f"bank {name!r}: {error}") from None


@cache
def _load(path: Path, modified: int):
    return load_bank(path.stem, path.parent)


# --- The demos' grids, once per build and kept on disk ------------------------------------------


@cache
def sources_key() -> str:
    """A hash of the package sources a demo's grid depends on (GRID_SOURCES)."""
    root = Path(str(resources.files("veerkracht")))
    digest = hashlib.sha256()
    for part in GRID_SOURCES:
        paths = [root / part] if (root / part).is_file() else sorted((root / part).rglob("*"))
        for path in paths:
            if path.suffix in {".py", ".json"} and path.is_file():
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def cache_folder(app: Any) -> Path:
    """Where grid files are kept between builds (``vk_grid_cache``; by default the build's own)."""
    folder = Path(app.config.vk_grid_cache or Path(app.doctreedir) / GRIDS)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def grid_file(folder: Path, spec: Any, lang: str) -> str:
    """The name of the grid file of ``spec`` in ``lang`` in ``folder``, computed only when no
    build has made it since the sources it depends on last changed."""
    index = folder / f"{spec.id}-{lang}-{sources_key()}.name"
    if index.is_file() and (folder / index.read_text("utf-8")).is_file():
        return index.read_text("utf-8")
    name, text = static.grid_script(spec, lang)
    (folder / name).write_text(text, "utf-8")
    index.write_text(name, "utf-8")
    return name


def copy_grids(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Put the grid files a page uses under ``_static/vk-grids/``, once each."""
    names = NbMetadataCollector.get_doc_data(app.env).get(pagename, {}).get("vk_grids", ())
    for name in names:
        target = Path(app.outdir, "_static", GRIDS, name)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cache_folder(app) / name, target)


def setup(app: Any) -> dict:
    app.add_config_value("vk_grid_cache", "", "env", types=[str])
    app.connect("html-page-context", copy_grids)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
