"""The spring demo: one object, two renderings.

In a live kernel ``SpringDemo`` displays as an ipywidgets panel driving a plotly FigureWidget.
Its rich mime bundle also carries ``text/html``: a self-contained figure whose sliders work in
the browser without a kernel, over a grid of states precomputed here from the same model
(``static_states``). The book picks ``text/html`` through myst-nb's mime priorities; JupyterLab
picks the widget. Why a grid and not a JavaScript port of the model: one source of truth, and
the whole grid (900 runs) costs half a second to compute and about 35 kB gzipped to ship.
"""

from __future__ import annotations

import html
import itertools
import json
from dataclasses import asdict, replace
from functools import cache
from importlib import resources
from typing import Any

from veerkracht.i18n import DEFAULT_LANGUAGE, check_language, number, tr
from veerkracht.models.checks import ParameterError
from veerkracht.models.spring import HORIZON, SpringParams, SpringRun, simulate
from veerkracht.spring_figure import describe, spring_figure, spring_outline

# The values a reader can choose, on the site and in the live widget alike.
GRID: dict[str, tuple[float, ...]] = {
    "resources": (1, 2, 3, 4, 5),
    "severity": (2, 4, 6, 8, 10),
    "duration": (1, 3, 6),
    "chronic_load": (0, 1, 2, 3),
    "setbacks": (1, 2, 3),
}
DEFAULTS = SpringParams(resources=3, severity=6, duration=3, chronic_load=0, setbacks=1)
START_WEEK = 8
UNITS = {"severity": "unit.points_per_week", "duration": "unit.weeks", "chronic_load": "unit.points_per_week"}


def value_label(param: str, value: float, lang: str) -> str:
    """A control's value as a reader sees it, with its unit (``3 weken``)."""
    shown = number(value, 0 if float(value).is_integer() else 1, lang)
    return f"{shown} {tr(lang, UNITS[param])}" if param in UNITS else shown


def help_text(param: str, lang: str) -> str:
    """The one-line explanation under a control."""
    return tr(lang, f"help.{param}", interval=number(DEFAULTS.interval, 0, lang))


def make_params(lang: str, base: SpringParams = DEFAULTS, **changes: Any) -> SpringParams:
    """``base`` with ``changes``; an unknown name is a clear ValueError, not a TypeError."""
    names = list(asdict(base))
    for name in changes:
        if name not in names:
            raise ParameterError(tr(lang, "error.unknown_param", name=repr(name), names=", ".join(names)), name)
    return replace(base, **changes)


@cache
def static_states(lang: str) -> dict:
    """Every grid state, computed with the model, in the compact form the page script reads."""
    states = []
    for values in itertools.product(*GRID.values()):
        run = simulate(replace(DEFAULTS, **dict(zip(GRID, values, strict=True))), lang)
        label, text = describe(run, lang)
        states.append(
            [
                round(run.limit_level, 1),
                [round(w * 10) for w in run.wellbeing],
                [list(pair) for pair in run.setback_weeks],
                label,
                text,
            ]
        )
    return {
        "order": list(GRID),
        "states": states,
        "outline": spring_outline(),
        "springTitle": tr(lang, "panel.spring", week="{week}"),
        "play": tr(lang, "play"),
        "pause": tr(lang, "pause"),
    }


@cache
def _script() -> str:
    return resources.files("veerkracht").joinpath("assets", "spring_demo.js").read_text("utf-8")


def _json_for_html(value: object) -> str:
    """JSON safe to place inside a ``<script>`` element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


class SpringDemo:
    """The spring metaphor as an interactive demo (a thinking model, not a measurement).

    ``SpringDemo(lang="en", resources=2)`` starts from the default scenario with the given
    changes; a bad value raises a ParameterError (a ValueError) in ``lang``.
    """

    def __init__(self, lang: str = DEFAULT_LANGUAGE, **params: Any) -> None:
        self.lang = check_language(lang)
        self.params = make_params(self.lang, **params).checked(self.lang)
        self.run: SpringRun = simulate(self.params, self.lang)
        self.week = START_WEEK
        self._panel = None

    # -- the live widget -------------------------------------------------------------------
    @property
    def panel(self):
        """The ipywidgets panel (built on first use, so the static page needs no widget)."""
        if self._panel is None:
            from veerkracht.spring_live import SpringPanel

            self._panel = SpringPanel(self)
        return self._panel

    def set(self, **changes: Any) -> SpringRun:
        """Change parameters and recompute. A bad value leaves the last good run in place,
        is shown in the panel (if one is built) and raised as a ParameterError."""
        try:
            params = make_params(self.lang, self.params, **changes).checked(self.lang)
            run = simulate(params, self.lang)
        except ParameterError as error:
            if self._panel is not None:
                self._panel.show_error(str(error))
            raise
        self.params, self.run = params, run
        if self._panel is not None:
            self._panel.show_error("")
            self._panel.redraw()
        return run

    def figure(self) -> dict:
        """The current figure as plotly JSON."""
        return spring_figure(self.run, self.week, self.lang)

    # -- the static rendering --------------------------------------------------------------
    def static_html(self) -> str:
        """A self-contained HTML fragment: controls, figure and outcome, driven client-side.

        The page must load plotly.js (the book does so on pages with a demo). Controls start
        at this demo's parameters where they lie on the grid, else at the defaults.
        """
        lang = self.lang
        on_grid = all(getattr(self.params, name) in values for name, values in GRID.items())
        start = self.params if on_grid else DEFAULTS
        controls = []
        for name, values in GRID.items():
            index = values.index(getattr(start, name))
            shown = value_label(name, values[index], lang)
            labels = [value_label(name, v, lang) for v in values]
            controls.append(
                f'<div class="vk-control"><label for="vk-{name}">{html.escape(tr(lang, f"param.{name}"))}'
                f' <output class="vk-value">{html.escape(shown)}</output></label>'
                f'<input type="range" id="vk-{name}" data-param="{name}" min="0" max="{len(values) - 1}"'
                f' step="1" value="{index}" aria-valuetext="{html.escape(shown)}"'
                f" data-labels='{html.escape(json.dumps(labels, ensure_ascii=False))}'>"
                f"<small>{html.escape(help_text(name, lang))}</small></div>"
            )
        run = simulate(start, lang)
        label, text = describe(run, lang)
        figure = spring_figure(run, self.week, lang)
        weeks = int(HORIZON)
        return (
            f'<div class="vk-demo vk-spring" lang="{lang}" data-vk-demo="spring">'
            f'<p class="vk-disclaimer">{html.escape(tr(lang, "disclaimer"))}</p>'
            f'<div class="vk-controls" role="group" aria-label="{html.escape(tr(lang, "controls.label"))}">'
            + "".join(controls)
            + "</div>"
            f'<div class="vk-plot" role="img" aria-label="{html.escape(tr(lang, "figure.alt"))}"></div>'
            f'<p class="vk-outcome" role="status" aria-live="polite"><strong>{html.escape(label)}</strong>'
            f" <span>{html.escape(text)}</span></p>"
            f'<div class="vk-time"><button type="button" class="vk-play" aria-pressed="false">'
            f"{html.escape(tr(lang, 'play'))}</button>"
            f'<label for="vk-week">{html.escape(tr(lang, "param.week"))}'
            f' <output class="vk-value">{self.week}</output></label><input type="range" id="vk-week"'
            f' data-week min="0" max="{weeks}" step="1" value="{self.week}"></div>'
            f"<noscript><p>{html.escape(tr(lang, 'static.needs_js'))}</p></noscript>"
            f'<script type="application/json" class="vk-figure">{_json_for_html(figure)}</script>'
            f'<script type="application/json" class="vk-data">{_json_for_html(static_states(lang))}</script>'
            f"<script>{_script()}</script></div>"
        )

    # -- display ---------------------------------------------------------------------------
    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = self.panel._repr_mimebundle_()
        bundle["text/html"] = self.static_html()
        return bundle

    def __repr__(self) -> str:
        return f"SpringDemo(lang={self.lang!r}, {self.params}, outcome={self.run.outcome!r})"
