"""Tables for the "about the models" page, generated from the models themselves so the page
can never drift from the code."""

from __future__ import annotations

from IPython.display import Markdown
from veerkracht.i18n import check_language, tr
from veerkracht.models import MODELS


def constants_table(model: str, lang: str) -> Markdown:
    """A registered model's constants with their values and meaning, as a Markdown table."""
    lang = check_language(lang)
    entry = MODELS[model]
    rows = [tr(lang, "models.const_header"), "| --- | --- | --- |"]
    for name in entry.constants:
        value = getattr(entry.module, name)
        shown = f"{value:g}".replace(".", ",") if lang == "nl" else f"{value:g}"
        rows.append(f"| `{name}` | {shown} | {tr(lang, f'{model}.const.{name}')} |")
    return Markdown("\n".join(rows))


def influences_table(lang: str) -> Markdown:
    """The portfolio model's influences (which resource supports which), as a Markdown table."""
    from veerkracht.models.portfolio import RESOURCES, sources

    lang = check_language(lang)
    rows = [tr(lang, "models.influences_header"), "| --- | --- |"]
    for target in RESOURCES:
        names = ", ".join(tr(lang, f"portfolio.param.{s}").lower() for s in sources(target))
        rows.append(f"| {tr(lang, f'portfolio.param.{target}')} | {names} |")
    return Markdown("\n".join(rows))
