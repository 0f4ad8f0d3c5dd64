"""Reader-facing text: one catalogue per language in ``widgets/locale``, its keys namespaced per
component (``kit.*``, ``spring.*``, ``quiz.*``, ``models.*``).

Code never concatenates half-sentences: every message is one template with named fields.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


def check_language(lang: object) -> str:
    """Return ``lang`` if it is a supported language code, else raise a bilingual ValueError."""
    if isinstance(lang, str) and lang in LANGUAGES:
        return lang
    raise ValueError(
        f"Taal moet 'nl' of 'en' zijn; ontvangen: {lang!r}. / Language must be 'nl' or 'en'; got: {lang!r}."
    )


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All strings of one language, keyed by message id."""
    text = resources.files("veerkracht").joinpath("locale", f"{check_language(lang)}.json").read_text("utf-8")
    return json.loads(text)


def tr(lang: str, key: str, **fields: object) -> str:
    """The message ``key`` in ``lang``, with ``fields`` filled in."""
    return catalogue(lang)[key].format(**fields)


def plural(lang: str, key: str, value: float) -> str:
    """``value`` with the words of ``key`` in singular or plural (``key.one``, ``key.other``):
    ``1 week``, ``3 weken``."""
    shown = number(value, 0 if float(value).is_integer() else 1, lang)
    return tr(lang, f"{key}.{'one' if float(value) == 1 else 'other'}", n=shown)


def number(value: float, digits: int, lang: str) -> str:
    """``value`` with ``digits`` decimals, with the language's decimal mark (``3,5`` in Dutch)."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "nl" else text
