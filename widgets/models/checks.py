"""Checks for model parameters that fail with one clear message in the reader's language."""

from __future__ import annotations

import math
from numbers import Integral, Real

from veerkracht.i18n import tr


class ParameterError(ValueError):
    """A parameter is of the wrong type or outside its allowed range.

    The message names the parameter and its range in the reader's language; ``param`` holds
    the parameter's code name so a view can point at the control that caused it.
    """

    def __init__(self, message: str, param: str) -> None:
        super().__init__(message)
        self.param = param


def shown(value: object) -> str:
    """A short, safe rendering of a rejected value (huge strings are cut)."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_number(value: object, param: str, low: float, high: float, lang: str, label: str) -> float:
    """``value`` as a float if it is a real, finite number in ``[low, high]``; ``label`` is the
    catalogue key of the parameter's name (``spring.param.resources``)."""
    fields = {
        "name": tr(lang, label),
        "low": f"{low:g}",
        "high": f"{high:g}",
        "value": shown(value),
    }
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ParameterError(tr(lang, "kit.error.not_a_number", **fields), param)
    try:
        number = float(value)
    except (OverflowError, ValueError):  # 10**400 is a Real that no float can hold
        number = math.inf
    if not math.isfinite(number):
        raise ParameterError(tr(lang, "kit.error.not_finite", **fields), param)
    if not low <= number <= high:
        raise ParameterError(tr(lang, "kit.error.out_of_range", **fields), param)
    return number


def check_integer(value: object, param: str, low: int, high: int, lang: str, label: str) -> int:
    """``value`` as an int if it is a whole number (not a bool) in ``[low, high]``."""
    fields = {"name": tr(lang, label), "low": low, "high": high, "value": shown(value)}
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ParameterError(tr(lang, "kit.error.not_integer", **fields), param)
    if not low <= int(value) <= high:
        raise ParameterError(tr(lang, "kit.error.not_integer", **fields), param)
    return int(value)
