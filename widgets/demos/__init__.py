"""The course's demos: one module per demo, each a declaration (``SPEC``) made with the demo kit
over a pure model in ``veerkracht.models``. The registry (``veerkracht.kit.registry``) finds them
here by themselves: adding a demo is adding a module."""
