"""Every demo of the course, found in ``veerkracht.demos``: tests, benchmarks and the build loop
over this registry, never over one named demo."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from veerkracht import demos
from veerkracht.kit.demo import Demo


@cache
def registry() -> dict[str, type[Demo]]:
    """Demo id -> the demo class, for every module in ``veerkracht.demos``."""
    found: dict[str, type[Demo]] = {}
    for info in sorted(pkgutil.iter_modules(demos.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{demos.__name__}.{info.name}")
        classes = [c for c in vars(module).values() if isinstance(c, type) and issubclass(c, Demo) and c is not Demo]
        for cls in classes:
            if cls.spec.id in found:
                raise ValueError(f"two demos have the id {cls.spec.id!r}")
            found[cls.spec.id] = cls
    return found
