"""Demo declarations: a demo is a pure model plus one declaration, checked here once.

A declaration names the demo's parameters (the values a control offers, the default, the unit,
whether it is a whole number), its readouts, an optional time axis with play, its presets, the
traces of its figure and its route to the static site. Every view, grid, test strategy and
readout is made from it, so a parameter is written down in one place. A malformed declaration
raises :class:`DeclarationError` naming the demo and the field, when the demo module is imported
(so it fails the book build, not a reader's page).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# How a demo reaches the static site: "grid", every state of its controls precomputed by the Python
# model and drawing code; or "js", for controls with too many states for a grid: the page computes
# and draws each state with JavaScript ports of the model and the drawing code (the declaration's
# ``scripts``, under assets/), held equal to Python by tests/test_js_models.py.
ROUTES = ("grid", "js")
CONTROLS = ("slider", "select")  # a range slider over the values, or a list of labelled choices
COMPACT_WIDTH = 540  # px: a demo's ``compact`` layout applies below this (site and live figure alike)
FOLLOW_KINDS = ("marker", "scaled")  # how a trace follows the time axis on the static page
PARAM_FIELDS = {"name", "values", "default", "unit", "integer", "control", "labels", "group"}
DEMO_FIELDS = {
    "id",
    "params",
    "time",
    "presets",
    "readouts",
    "traces",
    "follow",
    "route",
    "run",
    "figure",
    "describe",
    "readout",
    "compact",
    "dark",
    "scripts",
    "constants",
}


class DeclarationError(ValueError):
    """A demo declaration is malformed; the message names the demo and the field."""


@dataclass(frozen=True)
class Param:
    """One control. Its label and help text are ``<demo>.param.<name>`` and ``<demo>.help.<name>``
    in the catalogues; ``unit`` is a catalogue key under ``kit.unit``."""

    name: str
    values: tuple[float, ...]  # the positions a control offers, low to high; also the static grid
    default: float
    unit: str | None = None
    integer: bool = False
    control: str = "slider"
    labels: str | None = None  # catalogue key prefix: the value v reads ``<labels>.<v>`` (a select's choices)
    group: str | None = None  # controls of one group share a box, titled ``<demo>.group.<group>``

    @property
    def low(self) -> float:
        return self.values[0]

    @property
    def high(self) -> float:
        return self.values[-1]


@dataclass(frozen=True)
class TimeAxis:
    """A time slider with a play button: ``name`` runs from 0 to ``last``, starting at ``start``."""

    name: str
    last: int
    start: int
    title: str | None = None  # catalogue key of a figure annotation that names the time ({<name>})


@dataclass(frozen=True)
class Follow:
    """On the static page, trace ``trace`` follows the time axis: a ``marker`` at the current time
    on trace ``series``, or its unit outline ``scaled`` by the value of ``series`` at that time."""

    trace: str
    kind: str
    series: str
    unit: tuple[float | None, ...] | None = None  # "scaled": the trace's y at a series value of 1


@dataclass(frozen=True)
class DemoSpec:
    """A checked declaration, plus the demo module's pure functions that compute and draw."""

    id: str
    params: tuple[Param, ...]
    time: TimeAxis | None
    presets: dict[str, dict[str, float]]
    readouts: tuple[str, ...]
    traces: tuple[str, ...]
    follow: tuple[Follow, ...]
    route: str
    run: Callable[[dict[str, float], str], Any]  # checked params -> result; raises ParameterError
    figure: Callable[[Any, int, str], dict]  # result, time, lang -> plotly JSON (a plain dict)
    describe: Callable[[Any, str], tuple[str, str]]  # result, lang -> (outcome, sentences)
    readout: Callable[[Any, str], dict[str, str]]  # result, lang -> {readout: text}
    compact: dict  # plotly layout changes for narrow screens (under COMPACT_WIDTH px)
    dark: dict[str, str]  # colour -> colour in dark mode, applied to every colour in the figure
    scripts: tuple[str, ...] = ()  # route "js": the ports under assets/, in load order; the last draws
    constants: Callable[[], dict] | None = None  # route "js": the model's numbers, given to the ports

    def dark_figure(self, figure: dict) -> dict:
        """``figure`` as the site draws it in dark mode: every colour swapped by ``dark``."""
        return _recolour(figure, self.dark)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    @property
    def defaults(self) -> dict[str, float]:
        return {p.name: p.default for p in self.params}

    def param(self, name: str) -> Param:
        return next(p for p in self.params if p.name == name)


def _plain_name(value: object) -> bool:
    return isinstance(value, str) and value.isidentifier() and value.isascii() and not value.startswith("_")


def declare(**fields: Any) -> DemoSpec:
    """Check a declaration and return its :class:`DemoSpec`, or raise :class:`DeclarationError`."""
    demo = fields.get("id")
    if not _plain_name(demo):
        raise DeclarationError(f"a demo's id must be a plain name (letters, digits, _), not {demo!r}")

    def fail(field: str, problem: str) -> DeclarationError:
        return DeclarationError(f"demo {demo!r}, {field}: {problem}")

    unknown = set(fields) - DEMO_FIELDS
    if unknown:
        raise fail(sorted(unknown)[0], f"unknown field; known fields: {', '.join(sorted(DEMO_FIELDS))}")
    missing = {"params", "traces", "run", "figure", "describe"} - set(fields)
    if missing:
        raise fail(sorted(missing)[0], "missing")

    if not isinstance(fields["params"], list | tuple) or not fields["params"]:
        raise fail("params", "a list of parameters, at least one")
    params = tuple(_param(fail, i, raw) for i, raw in enumerate(fields["params"]))
    names = [p.name for p in params]
    for name in names:
        if names.count(name) > 1:
            raise fail(f"params.{name}", "declared twice")
    traces = tuple(fields["traces"])
    if not traces or not all(_plain_name(t) for t in traces) or len(set(traces)) != len(traces):
        raise fail("traces", "a list of distinct plain names, one per trace of the figure, in order")

    time = None
    if fields.get("time") is not None:
        raw = _mapping(fail, "time", fields["time"])
        if not {"name", "last", "start"} <= set(raw) <= {"name", "last", "start", "title"}:
            raise fail("time", "needs name, last and start, and may have a title")
        if not _plain_name(raw["name"]):
            raise fail("time.name", "a plain name")
        if raw["name"] in names:
            raise fail(f"time.{raw['name']}", "the time axis has the name of a parameter")
        if not all(type(raw[k]) is int for k in ("last", "start")) or not 0 <= raw["start"] <= raw["last"]:
            raise fail("time", "last and start must be whole numbers with 0 <= start <= last")
        time = TimeAxis(raw["name"], raw["last"], raw["start"], raw.get("title"))

    presets = {}
    for preset, values in _mapping(fail, "presets", fields.get("presets", {})).items():
        if not _plain_name(preset):
            raise fail(f"presets.{preset!r}", "a preset's name must be a plain name")
        values = _mapping(fail, f"presets.{preset}", values)
        for name, value in values.items():
            if name not in names:
                raise fail(f"presets.{preset}.{name}", f"not a parameter; parameters: {', '.join(names)}")
            if value not in next(p for p in params if p.name == name).values:
                raise fail(f"presets.{preset}.{name}", f"{value!r} is not one of the control's values")
        presets[preset] = dict(values)

    follow = []
    for i, raw in enumerate(fields.get("follow", ())):
        raw = _mapping(fail, f"follow[{i}]", raw)
        if not {"trace", "kind", "series"} <= set(raw) <= {"trace", "kind", "series", "unit"}:
            raise fail(f"follow[{i}]", "needs trace, kind and series (and a unit, for kind scaled)")
        if raw["kind"] not in FOLLOW_KINDS or (raw["kind"] == "scaled") != ("unit" in raw):
            raise fail(f"follow[{i}].kind", f"one of {FOLLOW_KINDS}; a scaled trace needs its unit, a marker none")
        if raw["trace"] not in traces or raw["series"] not in traces:
            raise fail(f"follow[{i}]", "trace and series must name traces of the figure")
        unit = tuple(raw["unit"]) if "unit" in raw else None
        follow.append(Follow(raw["trace"], raw["kind"], raw["series"], unit))
    if follow and time is None:
        raise fail("follow", "traces can only follow a time axis the demo declares")

    readouts = tuple(fields.get("readouts", ()))
    if not all(_plain_name(r) for r in readouts) or len(set(readouts)) != len(readouts):
        raise fail("readouts", "a list of distinct plain names")
    if readouts and "readout" not in fields:
        raise fail("readout", "a demo with readouts needs a readout function")
    route = fields.get("route", "grid")
    if route not in ROUTES:
        raise fail("route", f"one of {', '.join(ROUTES)}, not {route!r}")
    scripts = tuple(fields.get("scripts", ()))
    if (route == "js") != bool(scripts) or (route == "js") != ("constants" in fields):
        raise fail("scripts", "a demo on the js route names its scripts and constants, a grid demo neither")
    if not all(isinstance(s, str) and s.endswith(".js") and ".." not in s and not s.startswith("/") for s in scripts):
        raise fail("scripts", "paths of .js files under the package's assets folder")
    if route == "js" and follow:
        raise fail("follow", "on the js route the drawing script places every trace itself")
    for name in ("run", "figure", "describe", "readout", "constants"):
        if name in fields and not callable(fields[name]):
            raise fail(name, "must be a function")

    return DemoSpec(
        id=demo,
        params=params,
        time=time,
        presets=presets,
        readouts=readouts,
        traces=traces,
        follow=tuple(follow),
        route=route,
        run=fields["run"],
        figure=fields["figure"],
        describe=fields["describe"],
        readout=fields.get("readout", lambda result, lang: {}),
        compact=dict(_mapping(fail, "compact", fields.get("compact", {}))),
        dark=_colours(fail, fields.get("dark", {})),
        scripts=scripts,
        constants=fields.get("constants"),
    )


def _colours(fail, value: object) -> dict[str, str]:
    colours = _mapping(fail, "dark", value)
    if not all(isinstance(k, str) and isinstance(v, str) and k.startswith("#") for k, v in colours.items()):
        raise fail("dark", "a mapping of colours ('#rrggbb') to their dark-mode colours")
    return dict(colours)


def _recolour(value: Any, colours: dict[str, str]) -> Any:
    """``value`` (plotly JSON) with every string that is a key of ``colours`` replaced."""
    if isinstance(value, str):
        return colours.get(value, value)
    if isinstance(value, dict):
        return {key: _recolour(item, colours) for key, item in value.items()}
    if isinstance(value, list):
        return [_recolour(item, colours) for item in value]
    return value


def _mapping(fail, field: str, value: object) -> Mapping:
    if not isinstance(value, Mapping):
        raise fail(field, "must be a mapping")
    return value


def _param(fail, index: int, raw: object) -> Param:
    raw = _mapping(fail, f"params[{index}]", raw)
    name = raw.get("name")
    if not _plain_name(name):
        raise fail(f"params[{index}].name", f"a parameter's name must be a plain name, not {name!r}")
    unknown = set(raw) - PARAM_FIELDS
    if unknown:
        raise fail(f"params.{name}.{sorted(unknown)[0]}", f"unknown field; known: {', '.join(sorted(PARAM_FIELDS))}")
    if "values" not in raw or "default" not in raw:
        raise fail(f"params.{name}", "needs values and a default")
    values = raw["values"]
    numbers = isinstance(values, list | tuple) and all(
        isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in values
    )
    if not numbers or len(values) < 2 or list(values) != sorted(set(values)):
        raise fail(f"params.{name}.values", "at least two finite numbers, rising, each once")
    integer = raw.get("integer", False)
    if type(integer) is not bool or (integer and not all(float(v).is_integer() for v in values)):
        raise fail(f"params.{name}.integer", "true or false; an integer parameter has whole values")
    if raw["default"] not in values:
        raise fail(f"params.{name}.default", f"{raw['default']!r} is not one of the values {list(values)}")
    unit = raw.get("unit")
    if unit is not None and not _plain_name(unit):
        raise fail(f"params.{name}.unit", "a plain name of a kit.unit text")
    control = raw.get("control", "slider")
    if control not in CONTROLS:
        raise fail(f"params.{name}.control", f"one of {', '.join(CONTROLS)}, not {control!r}")
    labels = raw.get("labels")
    if (control == "select") != (labels is not None) or (labels is not None and not _key(labels)):
        raise fail(f"params.{name}.labels", "a select names the catalogue key prefix of its choices; a slider none")
    if labels is not None and unit is not None:
        raise fail(f"params.{name}.unit", "a select's choices are labelled by its labels, not a unit")
    group = raw.get("group")
    if group is not None and not _plain_name(group):
        raise fail(f"params.{name}.group", "a plain name")
    return Param(name, tuple(values), raw["default"], unit, integer, control, labels, group)


def _key(value: object) -> bool:
    """A catalogue key: plain names joined by dots."""
    return isinstance(value, str) and all(_plain_name(part) for part in value.split("."))
