"""The grader: right answers pass, wrong ones get reasons, and nothing fools or crashes it."""

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from veerkracht.quiz import grade, load_bank
from veerkracht.quiz.grade import STATUSES

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


def test_feedback_does_not_list_every_reason_at_once():
    result = grade(BANK["s-order"], ["long", "middle", "short"], "en")
    assert "Long comes last." in result.feedback and "Short comes first." in result.feedback
    result = grade(BANK["s-multiple"], ["b"], "en")
    assert result.feedback.count("belong") == 2 and "And 1 more point(s)" in result.feedback


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
    SneakyStr("b"),
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


@settings(max_examples=1000, deadline=None)
@given(qid=st.sampled_from([q.id for q in BANK.questions]), answer=answers, lang=st.sampled_from(["nl", "en"]))
def test_any_answer_gets_a_verdict_and_words_never_an_exception(qid, answer, lang):
    result = grade(BANK[qid], answer, lang)
    assert result.status in STATUSES
    assert isinstance(result.feedback, str) and result.feedback.strip()
    if result.correct:  # only the key (up to the number tolerance) is ever right
        q = BANK[qid]
        if q.kind == "number":
            assert abs(float(str(answer).replace(",", ".")) - q.answer) <= q.tolerance + 1e-9
        elif q.kind == "multiple":
            assert {a.strip() for a in answer} == q.answer
        elif q.kind == "classify":
            assert {k.strip(): v.strip() for k, v in answer.items()} == q.answer
        elif q.kind == "order":
            assert tuple(a.strip() for a in answer) == q.answer
        else:
            assert answer.strip() == q.answer
