"""The demo kit: a demo is a pure model plus one declaration (:func:`declare`); the kit makes the
live panel, the static page, the readouts, the text alternative and the error box from it."""

from veerkracht.kit.declare import DeclarationError, DemoSpec, Param, declare
from veerkracht.kit.demo import Demo

__all__ = ["DeclarationError", "Demo", "DemoSpec", "Param", "declare"]
