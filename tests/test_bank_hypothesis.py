"""Whole banks, generated: valid ones and ones with one mistake put in. Every bank either fails
with a BankError that names the question with the mistake, or loads, and then every answer key
grades as right in Python, in both languages."""

import math

import yaml
from hypothesis import given
from hypothesis import strategies as st
from veerkracht.quiz import BankError, parse_bank
from veerkracht.quiz.bank import read_yaml
from veerkracht.quiz.grade import grade

ids = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)
words = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), min_size=1, max_size=12).filter(
    str.strip
)
texts = st.fixed_dictionaries({"nl": words, "en": words})


@st.composite
def choices(draw, feedback=True, at_least=2):
    keys = draw(st.lists(ids, min_size=at_least, max_size=5, unique=True))
    made = []
    for key in keys:
        entry = {"id": key, **draw(texts)}
        if feedback:
            entry["feedback"] = draw(texts)
        made.append(entry)
    return made


@st.composite
def questions(draw, qid):
    kind = draw(st.sampled_from(["single", "multiple", "classify", "order", "number", "open"]))
    q = {"id": qid, "kind": kind, "goal": draw(texts), "prompt": draw(texts), "hint": draw(texts)}
    if kind in ("single", "multiple"):
        q["options"] = draw(choices())
        keys = [o["id"] for o in q["options"]]
        if kind == "single":
            q["answer"] = draw(st.sampled_from(keys))
        else:
            q["answer"] = draw(st.lists(st.sampled_from(keys), min_size=1, unique=True))
    elif kind == "classify":
        q["categories"] = draw(choices(feedback=False))
        q["items"] = draw(choices())
        cats = [c["id"] for c in q["categories"]]
        q["answer"] = {i["id"]: draw(st.sampled_from(cats)) for i in q["items"]}
    elif kind == "order":
        q["steps"] = draw(choices())
        q["answer"] = draw(st.permutations([s["id"] for s in q["steps"]]))
    elif kind == "number":
        answer = draw(st.floats(-1e6, 1e6, allow_nan=False))
        tolerance = draw(st.floats(0, 10))
        q.update(answer=answer, tolerance=tolerance, unit=draw(texts))
        low = answer + tolerance + draw(st.floats(0.01, 100))
        q["feedback"] = [{"range": [low, low + draw(st.floats(0, 100))], **draw(texts)}]
    else:
        q["model_answer"] = draw(texts)
    return q


NOT_PLAIN = st.sampled_from([1, 8, True, False, None, "", "a b", 'a"b', "a'b", " x", "x ", "é", "a<b"])
NOT_FINITE = st.sampled_from([math.nan, math.inf, -math.inf])


@st.composite
def mistakes(draw, q):
    """One mistake in question ``q`` (in place); returns the field it is in."""
    kind = q["kind"]
    options = {"single": "options", "multiple": "options", "classify": "items", "order": "steps"}.get(kind)
    menu = ["drop", "id", "text", "kind"]
    menu += ["choice id", "answer"] if options else []
    menu += ["number"] if kind == "number" else []
    what = draw(st.sampled_from(menu))
    if what == "drop":
        field = draw(st.sampled_from(sorted(set(q) - {"id", "explanation", "unit", "tolerance", "feedback"})))
        del q[field]
    elif what == "id":
        field, q["id"] = "id", draw(NOT_PLAIN)
    elif what == "text":
        field = draw(st.sampled_from(["goal", "prompt", "hint"]))
        q[field][draw(st.sampled_from(["nl", "en"]))] = draw(st.sampled_from(["", "  ", None, 3]))
    elif what == "kind":
        field, q["kind"] = "kind", draw(st.sampled_from(["essay", "", None, 1]))
    elif what == "choice id":
        field = options
        draw(st.sampled_from(q[options]))["id"] = draw(NOT_PLAIN)
    elif what == "answer":
        field, q["answer"] = "answer", draw(st.sampled_from([None, "zz-not-an-id", [], {}, 1, True, ["zz"]]))
    else:
        field = draw(st.sampled_from(["answer", "tolerance", "feedback"]))
        if field == "feedback":
            q["feedback"] = draw(st.sampled_from([None, "text", [None], [{"range": [1, math.nan]}]]))
        else:
            q[field] = draw(NOT_FINITE | st.just(-1.0) if field == "tolerance" else NOT_FINITE)
    return field


@st.composite
def banks(draw):
    n = draw(st.integers(1, 4))
    names = draw(st.lists(ids, min_size=n, max_size=n, unique=True))
    bank = {"bank": "gen", "title": draw(texts), "questions": [draw(questions(qid)) for qid in names]}
    broken = draw(st.none() | st.integers(0, n - 1))
    field = draw(mistakes(bank["questions"][broken])) if broken is not None else None
    return bank, broken, field


def key_answers(q):
    """The answer key in the shapes a student gives it in code."""
    if q.kind == "multiple":
        return [sorted(q.answer)]
    if q.kind == "order":
        return [list(q.answer)]
    if q.kind == "number":
        return [q.answer, repr(q.answer)]
    if q.kind == "open":
        return [q.model_answer["en"]]
    return [q.answer]


@given(case=banks())
def test_a_generated_bank_fails_naming_its_question_or_grades_every_key_as_right(case):
    data, broken, field = case
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    try:
        bank = parse_bank(read_yaml(text, "gen"), "gen.yml")
    except BankError as error:
        assert broken is not None, f"a valid bank was refused: {error}"
        q = data["questions"][broken]
        qid = q.get("id")
        named = f"question {qid!r}" if isinstance(qid, str) and qid.strip() == qid and " " not in qid else ""
        assert f"question #{broken + 1}" in str(error) or (named and named in str(error)), str(error)
        return
    for q in bank.questions:
        for answer in key_answers(q):
            for lang in ("nl", "en"):
                result = grade(q, answer, lang)
                expected = "ungraded" if q.kind == "open" else "correct"
                assert result.status == expected, (q.id, answer, result.feedback)


@given(case=banks(), index=st.integers(0, 3))
def test_a_key_written_twice_in_a_generated_bank_names_the_question(case, index):
    data, broken, _ = case
    if broken is not None:
        return
    index %= len(data["questions"])
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    q = data["questions"][index]
    line = f"  kind: {q['kind']}\n"
    start = text.index(f"- id: {q['id']}\n")
    at = text.index(line, start)
    text = text[:at] + line + text[at:]
    try:
        parse_bank(read_yaml(text, "gen"), "gen.yml")
    except BankError as error:
        assert f"question {q['id']!r}" in str(error) and "'kind' is written twice" in str(error)
    else:
        raise AssertionError("a key written twice was accepted")


def test_every_key_of_generated_banks_grades_as_right_on_the_site_too(visit):
    """The site's half: the keys of 200 generated banks, graded by the page's own script
    (widgets/assets/quiz.js) from the data the page carries, give Python's verdict and feedback."""
    from veerkracht.quiz.static import question_data

    collected = []

    @given(case=banks())
    def collect(case):
        data, broken, _ = case
        if broken is not None:
            return
        bank = parse_bank(read_yaml(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "gen"), "gen.yml")
        for q in bank.questions:
            for answer in key_answers(q):
                if isinstance(answer, float):
                    continue  # the page's number field holds text: its repr() is in key_answers too
                for lang in ("nl", "en"):
                    collected.append((question_data(q, lang), answer, grade(q, answer, lang)))

    collect()
    assert len(collected) > 200
    page = visit().goto("nl/exercises/nl/ch01-student.html")
    verdicts = page.evaluate(
        "(cases) => cases.map(([q, a]) => window.VeerkrachtQuiz.grade(q, a))", [[q, a] for q, a, _ in collected]
    )
    for (q, answer, expected), verdict in zip(collected, verdicts, strict=True):
        assert (verdict["status"], verdict["feedback"]) == (expected.status, expected.html), (q["id"], answer)
