"""The glossary: one data file (book/glossary.yml) for both editions, every term in both languages,
every term linked from a chapter in both editions, and the rendered pages paired by the same key."""

import re
from pathlib import Path

import pytest
import vk_glossary
import yaml
from build_site import ROOT, toc_pages

ENTRIES = vk_glossary.load()
TERM_ROLE = re.compile(r"\{term\}`([^`]*?)(?:\s*<([^`>]+)>)?`")


def links(source: str, edition: str) -> list[str]:
    """The glossary keys that ``source`` links with ``{term}`` roles, in order (Sphinx matches terms
    case-blind)."""
    key_of = {term.casefold(): e["key"] for e in ENTRIES for term in vk_glossary.terms(e, edition)}
    keys = []
    for text, target in TERM_ROLE.findall(source):
        term = (target or text).strip().casefold()
        assert term in key_of, f"{{term}}`{text}` names no {edition} glossary term"
        keys.append(key_of[term])
    return keys


def linked_keys(source: str, edition: str) -> set[str]:
    return set(links(source, edition))


def chapters(edition: str) -> list[Path]:
    return [ROOT / f"{page}.md" for page in toc_pages(edition) if page.startswith("chapters/")]


def test_every_entry_has_a_term_and_a_definition_in_both_languages_and_an_origin():
    assert len(ENTRIES) >= 25
    for edition in vk_glossary.LANGUAGES:
        terms = [term.casefold() for e in ENTRIES for term in vk_glossary.terms(e, edition)]
        assert len(terms) == len(set(terms)), f"a {edition} term stands in two entries"
    for entry in ENTRIES:
        assert set(entry["origin"]) <= set(vk_glossary.ORIGINS), entry["key"]
        assert entry["trace"], entry["key"]  # where to check it (../shared: dossier, CONTENT.md, SOURCES.md)
        for edition in vk_glossary.LANGUAGES:
            assert len(entry[edition]["definition"].split()) >= 12, (entry["key"], edition)


def test_the_course_terms_say_they_are_thinking_tools_of_the_course():
    by_key = {e["key"]: e for e in ENTRIES}
    for key in ("elastic_limit", "lasting_dent", "tipping_point", "hysteresis", "lever", "resting_point"):
        assert "course" in by_key[key]["origin"], key
    assert "denkhulp van de cursus" in vk_glossary.origin_line(by_key["elastic_limit"], "nl")
    assert "thinking tool of the course" in vk_glossary.origin_line(by_key["elastic_limit"], "en")
    # only a concept of the course alone is said not to be the dossier's
    only_course = [e for e in ENTRIES if e["origin"] == ["course"]]
    mixed = [e for e in ENTRIES if "course" in e["origin"] and "dossier" in e["origin"]]
    assert only_course and mixed
    assert all(vk_glossary.origin_line(e, "en").endswith("not a concept of the dossier.") for e in only_course)
    assert not any("not a concept of the dossier" in vk_glossary.origin_line(e, "en") for e in mixed)
    assert not any("geen begrip uit het dossier" in vk_glossary.origin_line(e, "nl") for e in mixed)
    assert vk_glossary.origin_line(by_key["portfolio"], "nl").endswith(
        "het dossier {cite:p}`trimbos2025` en literatuur buiten het dossier."
    )


def test_a_glossary_entry_without_an_english_term_is_refused(tmp_path):
    broken = [dict(ENTRIES[0], en={"term": "", "definition": "x"})]
    path = tmp_path / "glossary.yml"
    path.write_text(yaml.safe_dump(broken), "utf-8")
    with pytest.raises(ValueError, match=r"resilience.*en term and definition"):
        vk_glossary.load(path)


@pytest.mark.parametrize("edition", ["nl", "en"])
def test_every_term_is_linked_from_at_least_one_chapter(edition):
    linked = set().union(*(linked_keys(path.read_text("utf-8"), edition) for path in chapters(edition)))
    assert linked == {e["key"] for e in ENTRIES}


def test_each_chapter_links_the_same_terms_in_both_editions():
    for dutch, english in zip(chapters("nl"), chapters("en"), strict=True):
        nl = linked_keys(dutch.read_text("utf-8"), "nl")
        en = linked_keys(english.read_text("utf-8"), "en")
        assert nl == en, (dutch.name, nl ^ en)


def test_a_chapter_links_each_term_once_at_its_first_use():
    for edition in vk_glossary.LANGUAGES:
        for path in chapters(edition):
            keys = links(path.read_text("utf-8"), edition)
            assert len(keys) == len(set(keys)), (path.name, sorted(k for k in keys if keys.count(k) > 1))


@pytest.mark.parametrize("edition", ["nl", "en"])
def test_the_glossary_page_shows_every_entry_with_its_shared_anchor_and_the_other_language(built_site, edition):
    other = "en" if edition == "nl" else "nl"
    html = (built_site["dir"] / edition / f"book/{edition}/glossary.html").read_text("utf-8")
    for entry in ENTRIES:
        term = entry[edition]["term"]
        shown = re.search(rf'<span id="vk-{entry["key"]}"></span>(.*?)<span class="vk-gloss-sep">', html)
        assert shown and shown.group(1) == term.replace("&", "&amp;"), entry["key"]
        assert f'<span class="vk-gloss-other lang-{other}" lang="{other}">{entry[other]["term"]}</span>' in html
    names = [re.sub(r"[^\w ]", "", m).casefold() for m in re.findall(r'<span id="vk-[^"]+"></span>([^<]+)<', html)]
    assert names == sorted(names)  # alphabetical in the edition's own language
    assert html.count("lang-") >= len(ENTRIES)


@pytest.mark.parametrize("edition", ["nl", "en"])
def test_a_linked_term_in_a_chapter_leads_to_its_glossary_entry(built_site, edition):
    html = (built_site["dir"] / edition / f"chapters/{edition}/01-resilience.html").read_text("utf-8")
    term = {"nl": "veerkracht", "en": "resilience"}[edition]
    assert f'href="../../book/{edition}/glossary.html#term-{term}"' in html


def _whole(value: float) -> str:
    assert value == int(value), value
    return str(int(value))


# The model numbers the definitions state, each as its sentence with the number as a field: a change
# to a model constant names the definition to update (as tests/test_text_numbers*.py do for the
# chapters). The lever week of chapter 4 is the circle model's, which the positions model runs.
def _model_numbers() -> dict[str, str]:
    from veerkracht.models import cycle, spring

    assert cycle.TOLERANCE == spring.TOLERANCE  # one "within 1 point" for stress and wellbeing
    return {
        "week": _whole(cycle.MEASURE_WEEK),
        "within": _whole(spring.TOLERANCE),
        "rest": _whole(spring.W_UNLOADED),
        "bottom": _whole(spring.level(1e9)),  # the scale's ends: wellbeing from a spring pressed all
        "top": _whole(spring.level(-1e9)),  # the way down, and pulled all the way up
    }


NUMBERED = {
    ("chronic_load", "nl"): "die in het cirkelmodel vanaf week {week} kan wegvallen",
    ("chronic_load", "en"): "which in the circle model can be lifted from week {week}",
    ("recovery_time", "nl"): "terug is op het niveau van daarvoor, binnen {within} punt",
    ("recovery_time", "en"): "is back for good at its level from before, within {within} point",
    ("wellbeing", "nl"): "één getal van {bottom} tot {top}, met {rest} als ruststand zonder belasting",
    ("wellbeing", "en"): "one number from {bottom} to {top}, with {rest} as the resting point without load",
    ("lever", "nl"): "een verandering die het model vanaf week {week} laat werken",
    ("lever", "en"): "a change the model lets work from week {week}",
}


def test_every_model_number_in_a_definition_is_the_models_own():
    numbers = _model_numbers()
    by_key = {entry["key"]: entry for entry in ENTRIES}
    for (key, edition), passage in NUMBERED.items():
        definition = " ".join(by_key[key][edition]["definition"].split())
        assert passage.format(**numbers) in definition, (key, edition, passage)
    # and no other definition states a number of its own that no passage above covers
    covered = {key for key, _ in NUMBERED}
    for entry in ENTRIES:
        for edition in ("nl", "en"):
            text = re.sub(r"\{cite:[a-z]+\}`[^`]*`", "", entry[edition]["definition"])
            if entry["key"] not in covered:
                assert not re.search(r"\b\d+\b", text), (entry["key"], edition)
