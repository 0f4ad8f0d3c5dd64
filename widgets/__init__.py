"""Veerkracht's demos, exercises and the models behind them.

``from veerkracht import SpringDemo`` is all a chapter needs; the models live in
``veerkracht.models`` and import no UI library, the demo kit in ``veerkracht.kit``.
"""

from veerkracht.demos.spring import SpringDemo

__all__ = ["SpringDemo"]
