"""Tables for the "about the models" page, generated from the models themselves so the page
can never drift from the code."""

from __future__ import annotations

from IPython.display import Markdown
from veerkracht.i18n import catalogue, check_language, tr
from veerkracht.models import spring


def spring_constants(lang: str) -> Markdown:
    """The spring model's constants with their values and meaning, as a Markdown table."""
    lang = check_language(lang)
    names = [
        key.removeprefix("const.") for key in catalogue(lang) if key.startswith("const.") and key != "const.header"
    ]
    rows = [tr(lang, "const.header"), "| --- | --- | --- |"]
    for name in names:
        value = f"{getattr(spring, name):g}"
        value = value.replace(".", ",") if lang == "nl" else value
        rows.append(f"| `{name}` | {value} | {tr(lang, f'const.{name}')} |")
    return Markdown("\n".join(rows))
