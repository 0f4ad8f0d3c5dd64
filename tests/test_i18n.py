"""Reader-facing text: both languages complete and alike."""

import json
from importlib import resources
from string import Formatter

import pytest
from veerkracht.i18n import LANGUAGES, catalogue, number


def fields(template: str) -> set[str]:
    """The replacement fields str.format fills ({{ and }} are literal braces, as LaTeX needs)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in Formatter().parse(template) if name}


def test_every_message_exists_in_every_language_with_the_same_fields():
    nl, en = catalogue("nl"), catalogue("en")
    assert nl.keys() == en.keys()
    for key in nl:
        assert fields(nl[key]) == fields(en[key]), key
        assert nl[key].strip() and en[key].strip(), key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_files_are_valid_json_without_duplicates(lang):
    text = resources.files("veerkracht").joinpath("locale", f"{lang}.json").read_text("utf-8")
    pairs = json.loads(text, object_pairs_hook=lambda items: items)
    keys = [key for key, _ in pairs]
    assert len(keys) == len(set(keys))


def test_numbers_use_the_decimal_mark_of_the_language():
    assert number(2.5, 1, "nl") == "2,5"
    assert number(11.0, 0, "en") == "11"
    assert number(2.5, 1, "en") == "2.5"
