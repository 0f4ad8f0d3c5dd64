"""The static rendering of any demo: an HTML fragment whose controls work in the browser with no
kernel, drawn by the site's one script (``assets/demo.js``, served once per site). This is the one
module that turns a demo's state into site HTML; the book calls it at build time with the state a
kernel displayed (``veerkracht.book.outputs``), so no live kernel ever computes any of it.

- Route "grid": every state of the declared control grid is computed here, with the same model and
  the same drawing code as the live panel, into a file of its own (:func:`grid_script`, named by
  its content, so a browser caches it across pages and visits); demo.js fetches it, picks the
  state for the current controls and redraws. Identical values (a curve that does not depend on a
  control) are stored once.
- Route "js", for controls with too many states for a grid: the page carries the model's constants
  and the demo's texts, and demo.js computes and draws each state with the declared JavaScript
  ports (``spec.scripts``), which tests/test_js_models.py holds equal to the Python model and figure.

Every element id carries the prefix the caller gives (the book: the demo's id and its position on
the page), so two demos, or one demo twice, on a page never collide, each control moves only its own
figure, and two builds give the same HTML.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import math
from numbers import Real
from typing import Any

from veerkracht.i18n import LANGUAGES, catalogue, tr
from veerkracht.kit.declare import COMPACT_WIDTH, DemoSpec
from veerkracht.kit.demo import Demo
from veerkracht.kit.registry import registry
from veerkracht.kit.text import help_text, param_label, value_label
from veerkracht.models.checks import ParameterError

_grids: dict[tuple[str, str], dict] = {}
STATE_FIELDS = ("demo", "lang", "params", "time")


class StateError(ValueError):
    """A demo's state (as a kernel displayed it) that the site cannot show; ``field`` names the
    part of the state at fault (``params.resources``)."""

    def __init__(self, demo: str, field: str, problem: str) -> None:
        super().__init__(f"demo {demo!r}, {field}: {problem}")
        self.demo, self.field = demo, field


def from_state(state: object) -> Demo:
    """The demo a kernel displayed, made again from its state (``Demo.state()``). Every field must
    be there; each parameter must lie within its control's values (one between two positions
    starts at the nearer one, see :func:`render`); else a :class:`StateError` naming the field."""
    if not isinstance(state, dict):
        raise StateError("?", "state", f"a mapping with {', '.join(STATE_FIELDS)}, not {type(state).__name__}")
    demo = state.get("demo")
    for field in STATE_FIELDS:
        if field not in state:
            raise StateError(str(demo), field, "missing")
    if demo not in registry():
        raise StateError(str(demo), "demo", f"no such demo; the demos are {', '.join(sorted(registry()))}")
    cls = registry()[demo]
    if state["lang"] not in LANGUAGES:
        raise StateError(demo, "lang", f"{state['lang']!r} is none of {', '.join(LANGUAGES)}")
    params = state["params"]
    if not isinstance(params, dict):
        raise StateError(demo, "params", "a mapping of parameter names to values")
    odd = sorted(set(params) ^ set(cls.spec.names))  # missing, or not the demo's
    if odd:
        problem = "missing" if odd[0] in cls.spec.names else "no such parameter"
        raise StateError(demo, f"params.{odd[0]}", problem)
    for param in cls.spec.params:
        value = params[param.name]
        number = isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)
        if not number or not param.low <= value <= param.high:
            problem = f"{value!r} lies off the grid of its control, {param.low:g} to {param.high:g}"
            raise StateError(demo, f"params.{param.name}", problem)
    try:
        made = cls(state["lang"], **params)
    except ParameterError as error:
        raise StateError(demo, f"params.{error.param}", str(error)) from None
    try:
        made.time = state["time"]
    except ParameterError as error:
        raise StateError(demo, "time", str(error)) from None
    return made


def grid_states(spec: DemoSpec, lang: str) -> dict:
    """Every state of ``spec``'s control grid in ``lang``, in the compact form demo.js reads:
    ``states[i]`` holds indices into ``table`` (x and y of each varying trace, the outcome, its
    explanation, the readouts), states in ``itertools.product`` order of the controls."""
    key = (spec.id, lang)
    if key in _grids:
        return _grids[key]
    followed = {spec.traces.index(f.trace) for f in spec.follow}
    start = spec.time.start if spec.time else 0
    table: list[Any] = []
    seen: dict[str, int] = {}

    def stored(value: Any) -> int:
        text = json.dumps(value, separators=(",", ":"))
        if text not in seen:
            seen[text] = len(table)
            table.append(value)
        return seen[text]

    rows = []
    for values in itertools.product(*(p.values for p in spec.params)):
        result = spec.run(dict(zip(spec.names, values, strict=True)), lang)
        figure = spec.figure(result, start, lang)
        if len(figure["data"]) != len(spec.traces):
            drawn, declared = len(figure["data"]), len(spec.traces)
            raise ValueError(f"demo {spec.id!r}: the figure has {drawn} traces, the declaration names {declared}")
        traces = [(t["x"], t["y"]) for i, t in enumerate(figure["data"]) if i not in followed]
        label, text = spec.describe(result, lang)
        readouts = spec.readout(result, lang)
        rows.append([*traces, label, text, *(readouts[name] for name in spec.readouts)])
    # Only the traces that change with the controls are shipped per state.
    kept = [i for i in range(len(spec.traces)) if i not in followed]
    varying = [j for j in range(len(kept)) if any(row[j] != rows[0][j] for row in rows)]
    states = [
        [stored(axis) for j in varying for axis in row[j]] + [stored(v) for v in row[len(kept) :]] for row in rows
    ]
    _grids[key] = {"vary": [kept[j] for j in varying], "table": table, "states": states}
    return _grids[key]


def grid_script(spec: DemoSpec, lang: str) -> tuple[str, str]:
    """The grid of ``spec`` in ``lang`` as the file the site serves: (its name, which changes with
    its content; its text, a script that files the grid under that name for demo.js)."""
    text = json.dumps(grid_states(spec, lang), ensure_ascii=False, separators=(",", ":"))
    name = f"{spec.id}-{lang}-{hashlib.sha256(text.encode()).hexdigest()[:16]}.js"
    return name, f"(window.VeerkrachtGrids = window.VeerkrachtGrids || {{}})[{json.dumps(name)}] = {text};\n"


def _json_for_html(value: object) -> str:
    """JSON safe to place inside a ``<script>`` element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def page_data(demo: Demo, grid: dict[str, str] | None) -> dict:
    """What demo.js needs: controls, followers, title, presets, texts; on the grid route where the
    grid file is (``grid``: its name and address), or, without one, the grid itself."""
    spec, lang = demo.spec, demo.lang
    data: dict[str, Any] = {
        "id": spec.id,
        "params": [
            {"name": p.name, "values": list(p.values), "labels": [value_label(spec, p.name, v, lang) for v in p.values]}
            for p in spec.params
        ],
        "follow": [
            {"trace": spec.traces.index(f.trace), "kind": f.kind, "series": spec.traces.index(f.series), "unit": f.unit}
            for f in spec.follow
        ],
        "readouts": list(spec.readouts),
        "presets": {
            name: [p.values.index({**spec.defaults, **values}[p.name]) for p in spec.params]
            for name, values in spec.presets.items()
        },
        "compact": spec.compact,
        "compactWidth": COMPACT_WIDTH,  # px: the compact layout applies below it (the live figure too)
        "dark": spec.dark,
        "texts": {
            "play": tr(lang, "kit.play"),
            "pause": tr(lang, "kit.pause"),
            "badLink": tr(lang, "kit.error.bad_link", setting="{setting}"),
            "loadFailed": tr(lang, "kit.load_failed"),
            "printLink": tr(lang, "book.pdf_live_demo", url="{url}"),  # under the still, on paper
        },
        "time": None,
        "title": None,
    }
    if spec.time is not None:
        axis = spec.time
        data["time"] = {"name": axis.name, "last": axis.last}
        if axis.title is not None:
            shown = tr(lang, axis.title, **{axis.name: demo.time})
            annotations = [a["text"] for a in demo.figure()["layout"].get("annotations", [])]
            data["title"] = {
                "annotation": annotations.index(shown),
                "template": tr(lang, axis.title, **{axis.name: "{t}"}),
            }
    if spec.route == "js":
        data.update(js_data(spec, lang))
    elif grid is not None:
        data["grid"] = grid
    else:
        data.update(grid_states(spec, lang))
    return data


def js_data(spec: DemoSpec, lang: str) -> dict:
    """What the JavaScript ports need: their scripts, the model's constants, the demo's texts."""
    prefixes = (f"{spec.id}.", "kit.unit.")
    return {
        "route": "js",
        "scripts": list(spec.scripts),
        "constants": spec.constants(),
        "lang": lang,
        "catalogue": {key: text for key, text in catalogue(lang).items() if key.startswith(prefixes)},
    }


def _control(demo: Demo, uid: str, param, start: dict[str, float]) -> str:
    """One control's HTML: a slider over the values or a list of labelled choices, with its help."""
    spec, lang = demo.spec, demo.lang
    label = html.escape(param_label(spec, param.name, lang))
    index = param.values.index(start[param.name])
    value = value_label(spec, param.name, param.values[index], lang)
    ids = f'id="{uid}-{param.name}" data-param="{param.name}" aria-describedby="{uid}-{param.name}-help"'
    help_line = f'<small id="{uid}-{param.name}-help">{html.escape(help_text(spec, param.name, lang))}</small>'
    if param.control == "select":
        options = "".join(
            f'<option value="{i}"{" selected" if i == index else ""}>'
            f"{html.escape(value_label(spec, param.name, v, lang))}</option>"
            for i, v in enumerate(param.values)
        )
        return (
            f'<div class="vk-control vk-choice"><label for="{uid}-{param.name}">{label}</label>'
            f"<select {ids}>{options}</select>{help_line}</div>"
        )
    return (
        f'<div class="vk-control"><label for="{uid}-{param.name}">{label}'
        f' <output class="vk-value">{html.escape(value)}</output></label>'
        f'<input type="range" {ids} min="0" max="{len(param.values) - 1}" step="1" value="{index}"'
        f' aria-valuetext="{_attr(value)}">{help_line}</div>'
    )


def _controls(demo: Demo, uid: str, start: dict[str, float]) -> str:
    """Every control, those of one group together in a titled box, in the declared order."""
    spec, lang = demo.spec, demo.lang
    out, groups = [], itertools.groupby(spec.params, key=lambda p: p.group)
    for group, params in groups:
        rows = "".join(_control(demo, uid, p, start) for p in params)
        if group is None:
            out.append(rows)
        else:
            legend = html.escape(tr(lang, f"{spec.id}.group.{group}"))
            out.append(f'<fieldset class="vk-group vk-group-{group}"><legend>{legend}</legend>{rows}</fieldset>')
    group_label = _attr(tr(lang, "kit.controls"))
    return f'<div class="vk-controls" role="group" aria-label="{group_label}">{"".join(out)}</div>'


def nearest(param, value: float) -> float:
    """The control position closest to ``value`` (the lower one of two equally close)."""
    return min(param.values, key=lambda v: (abs(v - value), v))


def _off_grid_note(demo: Demo, start: dict[str, float]) -> str:
    """One translated sentence per parameter that the static controls cannot show: the demo was
    made with it (``SpringDemo(resources=2.5)``), the page starts at the nearest position."""
    spec, lang = demo.spec, demo.lang
    sentences = [
        tr(
            lang,
            "kit.off_grid",
            name=param_label(spec, p.name, lang),
            asked=value_label(spec, p.name, demo.params[p.name], lang),
            shown=value_label(spec, p.name, start[p.name], lang),
        )
        for p in spec.params
        if demo.params[p.name] != start[p.name]
    ]
    return f'<p class="vk-note" role="note">{html.escape(" ".join(sentences))}</p>' if sentences else ""


def render(demo: Demo, uid: str, grid: dict[str, str] | None = None) -> str:
    """The demo as an HTML fragment (the page loads plotly.js and demo.js), its element ids
    starting with ``uid``. On the grid route ``grid`` says where the page finds the grid file
    (``{"name": ..., "src": ...}``, from :func:`grid_script`); without it the grid is in the page.

    The site's controls offer only their declared positions. A demo made in Python with a value
    between them starts at the nearest position of each such control (every other setting kept), so
    every state on the page is one the controls can reach and leave again, and a note says which
    values were moved; outcome, readouts, figure and link all describe that starting state."""
    spec, lang = demo.spec, demo.lang
    start = {p.name: nearest(p, demo.params[p.name]) for p in spec.params}
    shown = demo if start == demo.params else type(demo)(lang, **start)
    if shown is not demo:
        shown.time = demo.time
    data = page_data(shown, grid)

    parts = [
        f'<div class="vk-demo vk-{spec.id}" id="{uid}" lang="{lang}" data-vk-demo="{spec.id}">',
        f'<p class="vk-disclaimer">{html.escape(tr(lang, f"{spec.id}.disclaimer"))}</p>',
    ]
    if spec.presets:
        label = tr(lang, "kit.presets")
        buttons = "".join(
            f'<button type="button" class="vk-preset" data-preset="{name}">'
            f"{html.escape(tr(lang, f'{spec.id}.preset.{name}'))}</button>"
            for name in spec.presets
        )
        parts.append(
            f'<div class="vk-presets" role="group" aria-labelledby="{uid}-presets">'
            f'<span id="{uid}-presets">{html.escape(label)}</span>{buttons}</div>'
        )
    # The figure comes before the controls, so it is in view while they move: on a wide, tall screen it
    # stays at the top (sticky, veerkracht.css) as the reader scrolls through the controls below it.
    parts.append(_off_grid_note(demo, start))
    problem = html.escape(tr(lang, "kit.error.title"))
    parts.append(f'<div class="vk-error" role="alert" hidden><strong>{problem}</strong> <span></span></div>')
    stage = [f'<div class="vk-plot" role="img" aria-label="{_attr(tr(lang, f"{spec.id}.figure.alt"))}"></div>']
    if spec.time is not None:
        axis = spec.time
        stage.append(
            f'<div class="vk-time"><button type="button" class="vk-play" aria-pressed="false">'
            f"{html.escape(tr(lang, 'kit.play'))}</button>"
            f'<label for="{uid}-time">{html.escape(param_label(spec, axis.name, lang))}'
            f' <output class="vk-value">{shown.time}</output></label><input type="range" id="{uid}-time"'
            f' data-time min="0" max="{axis.last}" step="1" value="{shown.time}"></div>'
        )
    parts.append(f'<div class="vk-stage">{"".join(stage)}</div>')
    label, text = shown.describe()
    parts.append(
        f'<p class="vk-outcome" role="status" aria-live="polite"><strong>{html.escape(label)}</strong>'
        f" <span>{html.escape(text)}</span></p>"
    )
    if spec.readouts:
        items = "".join(
            f"<div><dt>{html.escape(tr(lang, f'{spec.id}.readout.{name}'))}</dt>"
            f'<dd data-readout="{name}">{html.escape(value)}</dd></div>'
            for name, value in shown.readouts().items()
        )
        parts.append(f'<dl class="vk-readouts" aria-label="{_attr(tr(lang, "kit.readouts"))}">{items}</dl>')
    parts.append(_controls(demo, uid, start))
    parts += [
        f'<p class="vk-share"><a class="vk-link" href="{_attr(shown.link())}">{html.escape(tr(lang, "kit.link"))}</a>'
        "</p>",
        f"<noscript><p>{html.escape(tr(lang, 'kit.needs_js'))}</p></noscript>",
        f'<script type="application/json" class="vk-figure">{_json_for_html(shown.figure())}</script>',
        f'<script type="application/json" class="vk-data">{_json_for_html(data)}</script>',
        "</div>",
    ]
    return "".join(parts)
