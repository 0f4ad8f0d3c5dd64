"""The course's glossary, both editions from one file: ``book/glossary.yml``.

``{vk-glossary}`` on ``book/<lang>/glossary.md`` becomes Sphinx's own ``glossary`` for the
edition's language: each entry's term (and synonyms) as terms that ``{term}`` roles link to, the
term in the other language beside it, the definition, and a last line saying where the concept
comes from (the dossier, the literature, or the course's own thinking tool). A ``{term}`` that
names no term is a Sphinx warning on the page that uses it, so with ``-W`` the build fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.domains.std import Glossary

GLOSSARY = Path(__file__).resolve().parent.parent / "glossary.yml"
LANGUAGES = ("nl", "en")
ORIGINS = ("dossier", "literature", "course")
# The last line of every entry, in the edition's language: where the concept comes from.
ORIGIN_LABEL = {"nl": "Herkomst", "en": "Origin"}
ORIGIN_TEXT = {
    "nl": {
        "dossier": "het dossier {cite:p}`trimbos2025`",
        "literature": "literatuur buiten het dossier",
        "course": "een denkhulp van de cursus",
    },
    "en": {
        "dossier": "the dossier {cite:p}`trimbos2025`",
        "literature": "literature beyond the dossier",
        "course": "a thinking tool of the course",
    },
}
AND = {"nl": " en ", "en": " and "}
# Said only of a concept that is the course's alone (with the dossier among its origins it would deny it).
COURSE_ONLY = {"nl": ", geen begrip uit het dossier", "en": ", not a concept of the dossier"}


def load(path: Path = GLOSSARY) -> list[dict]:
    """The glossary's entries, checked: a key each, known origins, a term and definition per language."""
    entries = yaml.safe_load(path.read_text("utf-8"))
    keys: set[str] = set()
    for number, entry in enumerate(entries, 1):
        key = entry.get("key")
        if not key or key in keys:
            raise ValueError(f"{path.name}: entry {number} has no key, or one used before: {key!r}")
        keys.add(key)
        unknown = set(entry.get("origin", [])) - set(ORIGINS) or not entry.get("origin")
        if unknown:
            raise ValueError(f"{path.name}: entry {key!r} needs origin from {ORIGINS}, not {entry.get('origin')}")
        for language in LANGUAGES:
            side = entry.get(language) or {}
            if not side.get("term") or not side.get("definition"):
                raise ValueError(f"{path.name}: entry {key!r} needs a {language} term and definition")
    return entries


def terms(entry: dict, language: str) -> list[str]:
    """The entry's terms in ``language``: the term first, then its synonyms."""
    return [entry[language]["term"], *entry[language].get("also", [])]


def sort_key(term: str) -> str:
    """Alphabetical, ignoring brackets and case: "(nog) niet hersteld" files under n."""
    return re.sub(r"[^\w ]", "", term).casefold()


def origin_line(entry: dict, language: str) -> str:
    """``*Herkomst:* het dossier (Trimbos-instituut, 2025) en een denkhulp van de cursus ...``"""
    parts = [ORIGIN_TEXT[language][origin] for origin in entry["origin"]]
    text = ", ".join(parts[:-1]) + AND[language] + parts[-1] if len(parts) > 1 else parts[0]
    if entry["origin"] == ["course"]:
        text += COURSE_ONLY[language]
    return f"*{ORIGIN_LABEL[language]}:* {text}."


class CourseGlossary(Glossary):
    """Sphinx's glossary, its content made from ``book/glossary.yml`` for the edition's language."""

    has_content = False
    option_spec = {}

    def run(self) -> list[nodes.Node]:
        language = self.config.language
        other = "en" if language == "nl" else "nl"
        entries = sorted(load(), key=lambda entry: sort_key(entry[language]["term"]))
        self.env.note_dependency(str(GLOSSARY))
        source = str(GLOSSARY)
        lines = StringList()
        for entry in entries:
            lines.append("", source)
            for term in terms(entry, language):
                lines.append(term, source)
            definition = " ".join(entry[language]["definition"].split())
            lines.append(f"   {definition}", source)
            lines.append("", source)
            lines.append(f"   {origin_line(entry, language)}", source)
        self.content = lines
        self.options = {}
        result = super().run()
        items = [item for node in result for item in node.findall(nodes.definition_list_item)]
        for entry, item in zip(entries, items, strict=True):
            first = next(item.findall(nodes.term))
            first["ids"].append(f"vk-{entry['key']}")  # the shared key: the same anchor in both editions
            first += nodes.inline("", " · ", classes=["vk-gloss-sep"])
            first += nodes.inline("", entry[other]["term"], classes=["vk-gloss-other", f"lang-{other}"])
        return result


def setup(app) -> None:
    app.add_directive("vk-glossary", CourseGlossary)
