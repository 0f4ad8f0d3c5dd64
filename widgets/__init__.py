"""Veerkracht's demos and the models behind them.

``from veerkracht import SpringDemo`` is all a chapter needs; the models live in
``widgets.models`` and import no UI library.
"""

from veerkracht.spring_demo import SpringDemo

__all__ = ["SpringDemo"]
