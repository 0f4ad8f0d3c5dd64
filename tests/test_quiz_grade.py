"""The grader: right answers pass, wrong ones get reasons, and nothing fools or crashes it."""

import math
from decimal import Decimal
from fractions import Fraction
from numbers import Real
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from veerkracht.i18n import tr
from veerkracht.quiz import grade, load_bank
from veerkracht.quiz.grade import STATUSES, Result, clean, parse_number

BANK = load_bank("sample", Path(__file__).parent / "data")
RIGHT = {
    "s-single": "b",
    "s-multiple": ["c", "a"],
    "s-classify": {"confidence": "personal", "network": "environment"},
    "s-order": ["short", "middle", "long"],
    "s-number": 68,
}


class EqualsAnything:
    """An object that claims to equal everything, to try to fool the grader."""

    def __eq__(self, other):
        return True

    def __hash__(self):
        return 0

    def strip(self):
        return self


class SneakyStr(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("qid", "answer"), RIGHT.items())
def test_the_right_answer_is_graded_correct(qid, answer, lang):
    result = grade(BANK[qid], answer, lang)
    assert result.status == "correct"
    assert result.feedback.startswith("Goed!" if lang == "nl" else "Correct!")


@pytest.mark.parametrize(
    ("qid", "answer", "says"),
    [
        ("s-single", "a", "A is wrong because."),
        ("s-single", " c ", "C is wrong because."),
        ("s-multiple", ["a", "b"], "B does not belong."),
        ("s-multiple", ["a"], "C belongs."),
        ("s-classify", {"confidence": "environment", "network": "environment"}, "That is inside you."),
        ("s-order", ["middle", "short", "long"], "Short comes first."),
        ("s-number", 80, "That is without load."),
        ("s-number", 90, "Your answer is too high."),
        ("s-number", "12.5", "Your answer is too low."),
    ],
)
def test_a_wrong_answer_says_why(qid, answer, says):
    result = grade(BANK[qid], answer, "en")
    assert result.status == "wrong"
    assert result.feedback.startswith("Not yet right.") and says in result.feedback


def test_numbers_accept_a_dutch_decimal_comma_and_the_tolerance():
    question = BANK["s-number"]
    assert grade(question, "68,4", "nl").correct
    assert grade(question, 67.5, "nl").correct
    assert not grade(question, 67.4, "nl").correct


def test_feedback_names_each_option_and_starts_with_the_wrong_picks():
    result = grade(BANK["s-multiple"], ["b"], "en")  # B picked wrongly; A and C missed
    assert result.feedback == "Not yet right.\n‘B’: B does not belong.\n‘A’: A belongs.\nAnd 1 more point to look at."
    result = grade(BANK["s-multiple"], ["a", "b"], "nl")
    assert result.feedback == "Nog niet goed.\n‘B’: B hoort er niet bij.\n‘C’: C hoort erbij."
    result = grade(BANK["s-single"], "c", "nl")
    assert result.feedback == "Nog niet goed.\n‘C’: C is fout omdat."
    result = grade(BANK["s-classify"], {"confidence": "environment", "network": "environment"}, "nl")
    assert result.feedback == "Nog niet goed.\n‘Zelfvertrouwen’: Dat zit in jezelf."


def test_feedback_does_not_list_every_reason_at_once():
    result = grade(BANK["s-order"], ["long", "middle", "short"], "en")
    assert result.feedback == "Not yet right.\n‘Long’: Long comes last.\n‘Short’: Short comes first."
    result = grade(BANK["s-order"], ["middle", "long", "short"], "nl")
    assert result.feedback.endswith("En nog 1 punt om naar te kijken.")


def test_messages_name_reader_texts_never_internal_ids():
    classify = grade(BANK["s-classify"], {"confidence": "personal"}, "nl")
    assert classify.feedback == "Deel elk item in; nog niet ingedeeld: ‘Vangnet’."
    assert "network" not in classify.feedback
    single = grade(BANK["s-single"], "d", "en")
    assert single.feedback == "Choose one option: ‘A’, ‘B’, ‘C’."
    order = grade(BANK["s-order"], ["short"], "en")
    assert "‘Long’, ‘Short’, ‘Middle’" in order.feedback and "long," not in order.feedback


def test_feedback_renders_the_banks_markdown_as_escaped_html():
    result = Result("q", "wrong", "Nog niet goed.\nZie *mobiliseren* en **a < b**.")
    assert result.html == "Nog niet goed.<br>Zie <em>mobiliseren</em> en <strong>a &lt; b</strong>."


def test_open_questions_are_not_graded_and_show_the_model_answer():
    result = grade(BANK["s-open"], "Veren hebben geen gevoelens.", "nl")
    assert result.status == "ungraded" and "Een modelantwoord." in result.feedback
    assert grade(BANK["s-open"], "   ", "nl").status == "empty"


@pytest.mark.parametrize("qid", list(RIGHT))
@pytest.mark.parametrize("answer", [None, "", "   "])
def test_no_answer_is_empty_not_wrong(qid, answer):
    assert grade(BANK[qid], answer, "nl").status == "empty"
    assert "nog geen antwoord" in grade(BANK[qid], answer, "nl").feedback


FOOLS = [
    EqualsAnything(),
    SneakyStr("zz"),
    [EqualsAnything()],
    {EqualsAnything(): EqualsAnything()},
    math.nan,
    math.inf,
    -math.inf,
    True,
    10**400,
    "x" * 1_000_000,
    b"b",
    object(),
    ["a", "c", "b"],
    {"confidence": "personal"},
    ("short", "middle"),
]


@pytest.mark.parametrize("qid", list(RIGHT))
@pytest.mark.parametrize("answer", FOOLS, ids=lambda a: type(a).__name__)
def test_nothing_fools_the_grader(qid, answer):
    result = grade(BANK[qid], answer, "nl")
    assert result.status == "wrong", (qid, result)
    assert len(result.feedback) < 600  # a huge answer is not echoed back


answers = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=60)
    | st.binary(max_size=10)
    | st.sampled_from(["a", "b", "c", "short", "middle", "long", "personal", "confidence", "68", "68,2"]),
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(st.text(max_size=12), inner, max_size=4)
        | st.tuples(inner, inner)
        | st.frozensets(st.text(max_size=8), max_size=4)
    ),
    max_leaves=10,
)


@given(qid=st.sampled_from([q.id for q in BANK.questions]), answer=answers, lang=st.sampled_from(["nl", "en"]))
def test_any_answer_gets_a_verdict_and_words_never_an_exception(qid, answer, lang):
    result = grade(BANK[qid], answer, lang)
    assert result.status in STATUSES
    assert isinstance(result.feedback, str) and result.feedback.strip()
    if result.correct:  # only the key (up to the number tolerance) is ever right
        q = BANK[qid]
        if q.kind == "number":
            text = clean(answer) if isinstance(answer, str) else str(answer)
            assert abs(float(text.replace(",", ".")) - q.answer) <= q.tolerance + 1e-9
        elif q.kind == "multiple":
            assert {clean(a) for a in answer} == q.answer
        elif q.kind == "classify":
            assert {clean(k): clean(v) for k, v in answer.items()} == q.answer
        elif q.kind == "order":
            assert tuple(clean(a) for a in answer) == q.answer
        else:
            assert clean(answer) == q.answer


class StrangeNumber:
    """Claims to be a real number, but its conversion fails."""

    def __float__(self):
        raise RuntimeError("no")

    def __eq__(self, other):
        return True

    def __repr__(self) -> str:  # the test's id: the same in every run and every worker
        return "StrangeNumber()"

    __hash__ = object.__hash__


Real.register(StrangeNumber)


class ShoutingStr(str):
    """A str subclass whose methods cannot be trusted."""

    def strip(self, *args):
        raise RuntimeError("no")

    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


@pytest.mark.parametrize(
    "answer",
    [Decimal("68"), Decimal("68.4"), Fraction(136, 2), np.float64(68.0), np.int64(68), np.float32(68.25)]
    + [np.array(68.0), np.array([68]), np.array([[68.0]]), np.str_("68"), ShoutingStr("68,2"), SneakyStr("68")],
    ids=repr,
)
def test_numbers_of_every_python_kind_are_graded_by_their_value(answer):
    assert grade(BANK["s-number"], answer, "en").status == "correct"


@pytest.mark.parametrize(
    "answer",
    [StrangeNumber(), Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), np.array([68, 68]), np.array([])]
    + [np.bool_(True), np.float64("nan"), np.array(["68", "x"]), 10**400, "6 8", "6\u00a08", "1,000", "1.000"],
    ids=repr,
)
def test_odd_numbers_are_wrong_with_the_number_message_and_never_raise(answer):
    result = grade(BANK["s-number"], answer, "en")
    assert result.status == "wrong"
    assert result.feedback == tr("en", "quiz.number_form")


def test_thousands_separators_are_refused_but_decimals_are_not():
    assert parse_number("1,000") is None and parse_number("1.000") is None and parse_number("-12.500") is None
    assert parse_number("1,5") == 1.5 and parse_number("1.25") == 1.25 and parse_number("0,500") == 0.5
    assert parse_number("1000") == 1000 and parse_number("1.0005") == 1.0005


def test_text_of_a_str_subclass_is_graded_by_its_characters_not_its_methods():
    assert grade(BANK["s-single"], np.str_("b"), "nl").correct
    assert grade(BANK["s-single"], ShoutingStr(" b "), "nl").correct
    assert grade(BANK["s-single"], SneakyStr("a"), "nl").status == "wrong"
    assert grade(BANK["s-multiple"], [np.str_("a"), ShoutingStr("c")], "nl").correct
    assert grade(BANK["s-order"], [SneakyStr("long")] * 3, "nl").status == "wrong"
    assert grade(BANK["s-open"], ShoutingStr("Mijn antwoord."), "nl").status == "ungraded"


def test_a_byte_order_mark_and_control_characters_are_handled_as_on_the_site():
    assert grade(BANK["s-single"], "\ufeffb", "nl").correct  # JavaScript's trim() drops it too
    assert grade(BANK["s-single"], "\x1cb", "nl").status == "wrong"  # Python's strip() would drop it
    assert grade(BANK["s-number"], "\u3000 68\u00a0", "nl").correct
    assert grade(BANK["s-number"], "68\x00", "nl").status == "wrong"
