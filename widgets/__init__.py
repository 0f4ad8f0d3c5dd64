"""Veerkracht's demos and the models behind them.

``from widgets import SpringDemo`` is all a chapter needs; the models live in
``widgets.models`` and import no UI library.
"""

from widgets.spring_demo import SpringDemo

__all__ = ["SpringDemo"]
