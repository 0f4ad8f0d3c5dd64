"""Reader texts of a demo's controls, made from its declaration and the catalogues."""

from __future__ import annotations

from veerkracht.i18n import number, plural, tr
from veerkracht.kit.declare import DemoSpec


def param_label(spec: DemoSpec, name: str, lang: str) -> str:
    """A control's label: ``<demo>.param.<name>``."""
    return tr(lang, f"{spec.id}.param.{name}")


def help_text(spec: DemoSpec, name: str, lang: str) -> str:
    """The one-line explanation under a control: ``<demo>.help.<name>``."""
    return tr(lang, f"{spec.id}.help.{name}")


def value_label(spec: DemoSpec, name: str, value: float, lang: str) -> str:
    """A control's value as a reader sees it, with its unit (``3 weken``, ``1 week``)."""
    param = spec.param(name)
    if param.labels is not None:
        return tr(lang, f"{param.labels}.{value:g}")
    if param.unit is None:
        return number(value, 0 if float(value).is_integer() else 1, lang)
    return plural(lang, f"kit.unit.{param.unit}", value)
