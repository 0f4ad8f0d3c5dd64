"""The demo object: one state (parameters, time, the model's result, the last error) that every
view observes. It never calls into a view; a view changes it only through :meth:`Demo.set` and
the ``time`` trait, and redraws when it hears of a change (traitlets' observe).

Displayed in a notebook it is its live panel, plus its state (:meth:`Demo.state`: id, language,
parameters, time) under :data:`STATE_MIME`: that is all the book needs to draw the demo on the
static site (``veerkracht.book.outputs``). A live kernel computes nothing for the site."""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import urlencode

from traitlets import Any as AnyTrait
from traitlets import Dict, HasTraits, TraitType, Unicode, validate
from veerkracht.i18n import DEFAULT_LANGUAGE, check_language, tr
from veerkracht.kit.declare import DemoSpec
from veerkracht.kit.live import LivePanel
from veerkracht.models.checks import ParameterError, check_integer, shown

STATE_MIME = "application/vnd.veerkracht.demo+json"  # a demo's state, for the book to draw


class TimeTrait(TraitType):
    """The position on a demo's time axis: a whole number on the axis, or a translated ParameterError
    (ipywidgets' own Int trait would raise an untranslated TraitError first)."""

    default_value = 0
    info_text = "a whole number on the demo's time axis"

    def validate(self, obj: Demo, value: Any) -> int:
        axis = obj.spec.time
        if axis is None:
            if value == 0:  # the default: a demo without a time axis stays at 0
                return 0
            raise ParameterError(tr(obj.lang, "kit.error.no_time_axis", value=shown(value)), "time")
        label = f"{obj.spec.id}.param.{axis.name}"
        return check_integer(value, axis.name, 0, axis.last, obj.lang, label)


class Demo(HasTraits):
    """A demo made from its declaration (``spec``). Subclasses set only ``spec``.

    ``Demo(lang, **params)`` starts at the declared defaults with ``params`` changed; a bad name or
    value raises a ParameterError (a ValueError) in ``lang``. In Jupyter it shows as a live panel;
    on the static site as HTML with every control working in the browser.
    """

    spec: ClassVar[DemoSpec]

    lang = Unicode(DEFAULT_LANGUAGE)
    params = Dict()  # the current, checked parameters
    result = AnyTrait()  # the model's result for ``params``
    time = TimeTrait()  # the position on the time axis (a week, for the spring)
    error = Unicode("")  # why the last change was refused; "" after a good one

    def __init__(self, lang: str = DEFAULT_LANGUAGE, **params: Any) -> None:
        super().__init__(lang=check_language(lang))
        self._language_set = True
        values = self._checked({**self.spec.defaults, **params})
        self.result = self.spec.run(values, self.lang)
        self.params = {**values, **result_params(self.result, values)}
        if self.spec.time is not None:
            self.time = self.spec.time.start
        self._panel = None

    # -- state ---------------------------------------------------------------------------------
    @validate("lang")
    def _one_language(self, proposal: Any) -> str:
        """The language is chosen once, when the demo is made: its panel speaks it."""
        lang = check_language(proposal["value"])
        if getattr(self, "_language_set", False) and lang != self.lang:
            message = tr(self.lang, "kit.error.language_fixed", demo=type(self).__name__, code=lang)
            raise ParameterError(message, "lang")
        return lang

    def _checked(self, values: dict[str, Any]) -> dict[str, Any]:
        names = self.spec.names
        for name in values:
            if name not in names:
                message = tr(self.lang, "kit.error.unknown_param", name=repr(name), names=", ".join(names))
                raise ParameterError(message, str(name))
        return dict(values)

    def set(self, **changes: Any) -> Any:
        """Change parameters and recompute. A bad name or value leaves the last good state in
        place, sets ``error`` (which the panel shows) and raises a ParameterError."""
        try:
            values = self._checked({**self.params, **changes})
            result = self.spec.run(values, self.lang)
        except ParameterError as problem:
            self.error = str(problem)
            raise
        with self.hold_trait_notifications():
            self.error = ""
            self.result = result
            self.params = {**values, **result_params(result, values)}
        return result

    def preset(self, name: str) -> Any:
        """Go to the declared preset ``name`` (every other parameter at its default)."""
        if name not in self.spec.presets:
            message = tr(self.lang, "kit.error.unknown_preset", name=repr(name), names=", ".join(self.spec.presets))
            raise ParameterError(message, "preset")
        return self.set(**{**self.spec.defaults, **self.spec.presets[name]})

    def __getattr__(self, name: str) -> Any:  # ``demo.week`` for a time axis named "week"
        axis = type(self).spec.time
        if axis is not None and name == axis.name:
            return self.time
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        axis = type(self).spec.time
        super().__setattr__("time" if axis is not None and name == axis.name else name, value)

    # -- what the views show -------------------------------------------------------------------
    def figure(self) -> dict:
        """The current figure as plotly JSON."""
        return self.spec.figure(self.result, self.time, self.lang)

    def describe(self) -> tuple[str, str]:
        """The outcome's name and the sentences that explain it."""
        return self.spec.describe(self.result, self.lang)

    def readouts(self) -> dict[str, str]:
        """Each declared readout's current text."""
        return self.spec.readout(self.result, self.lang)

    def link(self) -> str:
        """The query string that opens this demo in this state on the site (both editions)."""
        values = {f"{self.spec.id}.{name}": f"{value:g}" for name, value in self.params.items()}
        if self.spec.time is not None:
            values[f"{self.spec.id}.{self.spec.time.name}"] = str(self.time)
        return "?" + urlencode(values)

    # -- renderings ----------------------------------------------------------------------------
    @property
    def panel(self) -> LivePanel:
        """The live ipywidgets panel (built on first use)."""
        if self._panel is None:
            self._panel = LivePanel(self)
        return self._panel

    @property
    def controls(self) -> dict:
        """The live panel's controls by parameter name (a public hook for tests and lecturers)."""
        return self.panel.controls

    def state(self) -> dict:
        """What the book needs to draw this demo on the site: its id, language, parameters and
        time (``veerkracht.book.outputs`` reads it back with :func:`from_state`)."""
        return {"demo": self.spec.id, "lang": self.lang, "params": dict(self.params), "time": self.time}

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {**self.panel._repr_mimebundle_(), STATE_MIME: self.state(), "text/plain": repr(self)}

    def __repr__(self) -> str:
        label, _ = self.describe()
        return f"{type(self).__name__}(lang={self.lang!r}, {self.params}, outcome={label!r})"


def result_params(result: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The parameters as the model checked them (``3`` becomes ``3.0``), where it reports them."""
    checked = getattr(result, "params", None)
    return {name: getattr(checked, name) for name in values if hasattr(checked, name)}
