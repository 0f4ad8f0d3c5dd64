"""The course's citation styles for sphinxcontrib-bibtex (``book/references.bib``).

- ``vk``, the bibliography's entries: APA-like (author, initials, year in brackets, title, journal
  in italics, volume, issue, pages, DOI as a link), with ``&`` between authors, so one style
  reads right in both editions. pybtex's own styles join authors with the English "and".
- ``vk_nl`` and ``vk_en``, the citations in the text: author and year in round brackets,
  ``(Hobfoll, 1989)`` and ``Hobfoll (1989)``, two authors joined with the edition's word
  ("en", "and"), three or more as "et al.".

``use_styles`` (on ``config-inited``) picks both for the edition's language. The references page
lists the entries with ``{bibliography}``; ``veerkracht.css`` hides their labels (the text's
citations name author and year, and a label would only repeat that).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pybtex.plugin
from pybtex.richtext import Symbol, Tag, Text
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import FieldIsMissing, href, join, node, optional, tag
from pybtex.style.template import field as bib_field
from sphinxcontrib.bibtex.style import template as cite_template
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

AND = {"nl": " en ", "en": " and "}


def dashify(text: Text) -> Text:
    """Page ranges with an en dash: ``343--354`` becomes ``343–354``."""
    return Text(Symbol("ndash")).join(text.split("-+"))


@node
def authors(children, context):
    """The entry's authors as ``Last, I., Last, I., & Last, I.``; bibtex's ``and others`` as *et al.*"""
    assert not children
    persons = context["entry"].persons.get("author")
    if not persons:
        raise FieldIsMissing("author", context["entry"])
    style = context["style"]
    others = str(persons[-1]) == "others"
    names = [style.format_name(person, True) for person in (persons[:-1] if others else persons)]
    if others:
        return Text(join(sep=", ")[names].format_data(context), ", ", Tag("em", "et al."))
    return join(sep=", ", sep2=", & ", last_sep=", & ")[names].format_data(context)


class CourseSorting(BaseSortingStyle):
    """Alphabetical by the authors as printed (``van der Maas`` under v, braces and case ignored),
    then year and title: pybtex's own puts ``{Trimbos-instituut}`` after every other name."""

    def sorting_key(self, entry):
        names = " ".join(str(person) for person in entry.persons.get("author", []))
        return (names.replace("{", "").replace("}", "").casefold(), entry.fields.get("year", ""), entry.fields["title"])


class CourseStyle(BaseStyle):
    """APA-like entries for the references pages of both editions."""

    default_name_style = "lastfirst"
    default_label_style = "alpha"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sort = CourseSorting().sort

    def head(self):
        return join[authors, " (", bib_field("year"), "). "]

    def doi_or_url(self):
        doi = join["https://doi.org/", bib_field("doi", raw=True)]
        return optional[" ", href[doi, doi]]

    def url(self):
        return optional[" ", href[bib_field("url", raw=True), bib_field("url", raw=True)]]

    def get_article_template(self, e):
        journal = join[
            tag("em")[join[bib_field("journal"), optional[", ", bib_field("volume")]]],
            optional["(", bib_field("number"), ")"],
            optional[", ", bib_field("pages", apply_func=dashify)],
            ".",
        ]
        return toplevel[join[self.head(), bib_field("title"), ". ", journal, self.doi_or_url()]]

    def get_book_template(self, e):
        return toplevel[join[self.head(), tag("em")[bib_field("title")], ". ", bib_field("publisher"), "."]]

    def get_misc_template(self, e):
        return toplevel[
            join[
                self.head(),
                tag("em")[bib_field("title")],
                ".",
                optional[" ", bib_field("organization"), "."],
                optional[" arXiv:", bib_field("eprint", raw=True), "."],
                self.url(),
            ]
        ]


@node
def cited_names(children, data, role, sep, sep2, last_sep, other):
    """The names of a citation in the text. Unlike sphinxcontrib-bibtex's own, it reads bibtex's
    ``and others`` (co-authors the bibliography does not list) as *et al.*, not as a name "others"."""
    assert not children
    persons = data["entry"].persons.get(role)
    if not persons:
        raise FieldIsMissing(role, data["entry"])
    others = str(persons[-1]) == "others"
    person = data["style"].person
    names = [person.style_plugin.format(p, person.abbreviate) for p in (persons[:-1] if others else persons)]
    text = cite_template.join(sep=sep, sep2=sep2, last_sep=last_sep, other=other)[names].format_data(data)
    shortened = other is not None and len(names) > 2  # join already wrote "et al."
    return Text(text, person.other) if others and not shortened else text


@dataclass
class CoursePersonStyle(PersonStyle):
    """Names in citations, with bibtex's ``and others`` as *et al.* (``cited_names``)."""

    def names(self, role: str, full: bool):
        other = None if full else self.other
        return cited_names(role=role, sep=self.sep, sep2=self.sep2, last_sep=self.last_sep, other=other)

    def author_or_editor_or_title(self, full: bool):
        return cite_template.first_of[
            optional[self.names("author", full)],
            optional[self.names("editor", full)],
            tag("em")[bib_field("title")],
        ]


def reference_style(language: str) -> type[AuthorYearReferenceStyle]:
    """Author-year citations in round brackets, two authors joined by the edition's word."""

    def round_brackets() -> BracketStyle:  # (Scheffer et al., 2009; Cramer et al., 2016)
        return BracketStyle(left="(", right=")", sep="; ")

    def years() -> BracketStyle:  # Hobfoll (1989, 2001)
        return BracketStyle(left="(", right=")", sep=", ")

    def persons() -> PersonStyle:  # Grych, Hamby en Banyard; Johnson and Whisman; Cramer et al.
        return CoursePersonStyle(sep2=AND[language], last_sep=AND[language], other=Text(" et al."))

    @dataclass
    class Style(AuthorYearReferenceStyle):
        bracket_parenthetical: BracketStyle = field(default_factory=round_brackets)
        bracket_textual: BracketStyle = field(default_factory=round_brackets)
        bracket_author: BracketStyle = field(default_factory=round_brackets)
        bracket_label: BracketStyle = field(default_factory=round_brackets)
        bracket_year: BracketStyle = field(default_factory=years)
        person: PersonStyle = field(default_factory=persons)

    Style.__name__ = f"CourseReferenceStyle_{language}"
    return Style


def register() -> None:
    """Make the styles known to pybtex and sphinxcontrib-bibtex (once per process)."""
    import sphinxcontrib.bibtex.plugin as bibtex_plugin

    pybtex.plugin.register_plugin("pybtex.style.formatting", "vk", CourseStyle)  # no-op when known
    group = "sphinxcontrib.bibtex.style.referencing"
    for language in AND:
        bibtex_plugin.register_plugin(group, f"vk_{language}", reference_style(language))


def use_styles(app, config) -> None:
    """The edition's styles: ``vk`` for the entries, ``vk_<language>`` for the citations."""
    register()
    config.bibtex_default_style = "vk"
    config.bibtex_reference_style = f"vk_{config.language}"


def list_roles(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """docutils writes the bibliography as ``role="list"`` holding entries with
    ``role="doc-biblioentry"``, a role ARIA 1.3 deprecates, so the list has no items (axe:
    aria-deprecated-role, aria-required-children). Each entry becomes a list item."""
    if "body" in context and 'role="doc-biblioentry"' in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')
