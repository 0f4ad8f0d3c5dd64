"""A question that reads a value off a demo links to that demo in the state it names: data in the
bank (``demo``), checked by the loader like every other field, the same state as the demo's own Link
and ``demo.link()``, shown on the site as a link and in Jupyter as a button that opens the demo."""

import copy
import html
from pathlib import Path

import pytest
import yaml
from test_text_links import link_problems
from veerkracht.kit.demo import STATE_MIME
from veerkracht.kit.registry import registry
from veerkracht.quiz import BankError, Quiz, parse_bank
from veerkracht.quiz.bank import load_banks
from veerkracht.quiz.static import question_html

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = yaml.safe_load((Path(__file__).parent / "data" / "sample.yml").read_text("utf-8"))
LINKED = [(q, lang) for bank in load_banks().values() for q in bank.questions if q.demo for lang in ("nl", "en")]


def with_demo(question_id: str, demo: object) -> dict:
    data = copy.deepcopy(SAMPLE)
    next(q for q in data["questions"] if q["id"] == question_id)["demo"] = demo
    return data


def test_a_model_keyed_question_opens_its_demo_with_the_answers_own_params():
    question = parse_bank(with_demo("s-number", {"chapter": "01-resilience"}))["s-number"]
    params = SAMPLE["questions"][4]["answer"]["params"]
    assert question.demo.id == "spring" and question.demo.params == params
    expected = registry()["spring"]("en", **params).link()
    assert question.demo.href("en") == f"../../chapters/en/01-resilience.html{expected}#spring-demo"
    assert "spring.resources=2&" in expected and "spring.chronic_load=2&" in expected


def test_a_question_names_its_demo_and_state_and_the_other_controls_keep_their_defaults():
    demo = {"chapter": "02-resources", "id": "portfolio", "params": {"network": 0, "severity": 10}, "time": None}
    question = parse_bank(with_demo("s-single", {k: v for k, v in demo.items() if v is not None}))["s-single"]
    shown = question.demo.demo("nl")
    assert shown.params == {**registry()["portfolio"].spec.defaults, "network": 0, "severity": 10}
    assert question.demo.query("nl") == shown.link()


@pytest.mark.parametrize(
    ("question_id", "demo", "message"),
    [
        ("s-single", "spring", "the field 'demo' must be a mapping"),
        ("s-single", {"chapter": "01-resilience", "id": "spring", "colour": 1}, "unknown field 'colour' in the demo"),
        ("s-single", {"chapter": "01-resilience", "id": "sprnig"}, "the demo 'sprnig' is none of the demos"),
        ("s-single", {"chapter": "chapter 1", "id": "spring"}, "must name a chapter page such as '01-resilience'"),
        ("s-single", {"chapter": "01-resilience", "id": "spring", "params": {"resources": 2.5}}, "resources = 2.5 is"),
        (
            "s-single",
            {"chapter": "01-resilience", "id": "spring", "params": {"stiffness": 1}},
            "no control 'stiffness'",
        ),
        ("s-single", {"chapter": "01-resilience", "id": "spring", "params": {"setbacks": True}}, "setbacks = True"),
        ("s-single", {"chapter": "01-resilience", "id": "spring", "time": 99}, "a whole number from 0 to"),
        ("s-single", {"chapter": "03-cycle", "id": "cycle", "time": 3}, "the demo has no time axis"),
        ("s-number", {"chapter": "01-resilience", "params": {"resources": 3}}, "write them once"),
        ("s-number", {"chapter": "03-cycle", "id": "cycle"}, "write them once"),
    ],
)
def test_a_malformed_demo_link_is_refused_naming_the_question_and_field(question_id, demo, message):
    with pytest.raises(BankError) as caught:
        parse_bank(with_demo(question_id, demo), "sample.yml")
    assert f"question {question_id!r}" in str(caught.value) and message in str(caught.value)


def test_the_course_links_its_model_keyed_questions_to_their_demos():
    banks = load_banks().values()
    keyed = [q for bank in banks for q in bank.questions if q.demo and q.demo.id in {"spring", "cycle", "positions"}]
    assert len(keyed) >= 7 and {q.demo.id for q in keyed} == {"spring", "cycle", "positions"}
    assert any(q.demo.id == "portfolio" for bank in banks for q in bank.questions if q.demo)


@pytest.mark.parametrize(("question", "lang"), LINKED, ids=[f"{q.id}-{lang}" for q, lang in LINKED])
def test_every_demo_link_names_a_chapter_page_of_both_editions_that_shows_that_demo(question, lang):
    page = ROOT / "chapters" / lang / f"{question.demo.chapter}.md"
    assert link_problems(page, f'<a href="{html.escape(question.demo.href(lang, "../../"))}">') == []


def test_the_site_form_links_to_the_demo_in_its_state():
    question, _ = LINKED[0]
    form = question_html(question, "en", "../../")
    assert (
        f'<p class="vk-q-demo"><a href="{html.escape(question.demo.href("en"))}">Open the demo in this state</a>'
        in form
    )
    assert question_html(question, "nl").index("vk-q-demo") < question_html(question, "nl").index("vk-q-check")


def test_the_jupyter_widget_opens_the_demo_in_its_state_below_the_prompt(monkeypatch):
    question, _ = LINKED[0]
    bank = next(name for name, b in load_banks().items() if question.id in {q.id for q in b.questions})
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    widget = Quiz(bank, "en").question(question.id).widget
    assert widget.demo_button.description == "Open the demo in this state"
    assert widget.children.index(widget.demo_button) == 1  # right under the prompt
    widget.demo_button.click()
    assert len(shown) == 1 and shown[0]._repr_mimebundle_()[STATE_MIME]["params"] == question.demo.demo("en").params


def test_a_question_without_a_demo_has_no_link_or_button():
    question = parse_bank(copy.deepcopy(SAMPLE))["s-single"]
    assert question.demo is None and "vk-q-demo" not in question_html(question, "en")
    assert not hasattr(Quiz("ch01", "en").question("ch01-process-not-trait").widget, "demo_button")
