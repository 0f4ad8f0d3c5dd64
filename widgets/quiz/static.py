"""The site's rendering of a question: plain HTML form controls and the question's data, read by
``widgets/assets/quiz.js`` (which the book loads on pages with questions). It grades in the
browser exactly as ``grade.py`` does; the browser tests hold the two to the same verdicts.

Every text in the page data is already HTML, made here by ``inline_html`` (escaped, with the
bank's **bold** and *italics*): the script puts these fragments together and never turns anything
a reader typed into HTML. Each question's data carries a ``version``, a hash of what its stored
answers depend on (ids, kind, key), so the script can tell, answer by answer, what a record saved for
an older bank still holds. ``widgets/assets/quiz-versions.js`` lists each exercise page's versions
as they are now (written by ``tools/make_exercises.py``): ``book/_static/vk-progress.js`` checks off
a finished page in the navigation only if its record is for the questions as they are now.

Element ids: the question's own is ``vkq-<id>`` (the score box links to it); its parts add a dot,
which no question id has (``vkq-<id>.prompt``, ``.value``, ``.text``, ``.item-<item>``), so the parts of
question ``a`` never share an id with question ``a-value`` or ``a-prompt``.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Iterable

from veerkracht.i18n import catalogue, tr
from veerkracht.quiz.bank import Bank, Choice, Question
from veerkracht.quiz.feedback import LIMITS
from veerkracht.quiz.kinds import KINDS, kind_of
from veerkracht.quiz.text import inline_html

# What grading says, in every question's data: the statuses, each kind's own messages, the phrases
# that name a choice and count the reasons left out.
MESSAGES = (
    *("correct", "wrong", "empty", "ungraded"),
    *(key for kind in KINDS.values() for key in kind.messages),
    *("name", "about", "n_more.one", "n_more.other"),
)
PAGE_TEXTS = (
    "score",
    "review",
    "summary_questions",
    "summary_all",
    "and",
    "restarted",
    "stale",
    "partly",
    "partly_removed",
    "storage_off",
)


def _json(data: object) -> str:
    """JSON safe inside a ``<script>`` element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _messages(lang: str, keys: tuple[str, ...]) -> dict[str, str]:
    return {key: inline_html(catalogue(lang)[f"quiz.{key}"]) for key in keys}


def _choices(choices: tuple[Choice, ...], lang: str) -> list[dict]:
    return [
        {"id": c.id, "text": inline_html(c.text[lang])}
        | ({"feedback": inline_html(c.feedback[lang])} if c.feedback else {})
        for c in choices
    ]


def _key(q: Question) -> object:
    answer = sorted(q.answer) if isinstance(q.answer, frozenset) else q.answer
    return list(answer) if isinstance(answer, tuple) else answer


def version(q: Question) -> str:
    """A short hash of what a stored answer to ``q`` depends on: not its texts, which may be
    corrected without making old answers wrong."""
    ids = [[c.id for c in group] for group in (q.options, q.categories, q.items, q.steps)]
    shape = json.dumps([q.id, q.kind, ids, _key(q), q.tolerance, [r[:2] for r in q.ranges]], sort_keys=True)
    return hashlib.sha256(shape.encode()).hexdigest()[:12]


def page_version(bank: Bank) -> str:
    """What quiz.js records as the version of a page showing ``bank``'s questions in bank order."""
    return " ".join(version(q) for q in bank.questions)


def versions_js(banks: Iterable[Bank]) -> str:
    """``widgets/assets/quiz-versions.js``: the version of every exercise page as it is now."""
    pages = json.dumps([page_version(bank) for bank in banks], indent=1)
    return (
        "// The version of each exercise page's questions as they are now, for vk-progress.js: a record\n"
        "// saved for an older bank is not checked off. Written by tools/make_exercises.py from\n"
        "// exercises/bank/*.yml; do not edit.\n"
        f"window.VeerkrachtQuizVersions = {pages};\n"
    )


def question_data(q: Question, lang: str) -> dict:
    """What the page script needs to show and grade ``q`` in ``lang``; texts as HTML. The same
    fields for every kind (a kind's data is its question's fields), and the grader's limits, which
    the script reads from here rather than keeping its own copy."""
    return {
        "id": q.id,
        "number": q.number,
        "version": version(q),
        "kind": q.kind,
        "answer": _key(q),
        "explanation": inline_html(q.explanation[lang]) if q.explanation else None,
        "tolerance": q.tolerance,
        "options": _choices(q.options, lang),
        "categories": _choices(q.categories, lang),
        "items": _choices(q.items, lang),
        "steps": _choices(q.steps, lang),
        "ranges": [[low, high, inline_html(text[lang])] for low, high, text in q.ranges],
        "modelAnswer": inline_html(q.model_answer[lang]) if q.model_answer else None,
        "messages": _messages(lang, MESSAGES),
        "limits": LIMITS,
    }


def demo_html(q: Question, lang: str, root: str = "../../") -> str:
    """A link to the demo the question reads a value off, in the state it names, or nothing;
    ``root`` leads from the page to the edition's folder."""
    if q.demo is None:
        return ""
    href = html.escape(q.demo.href(lang, root))
    return f'<p class="vk-q-demo"><a href="{href}">{html.escape(tr(lang, "quiz.open_demo"))}</a></p>'


def question_html(q: Question, lang: str, root: str = "../../") -> str:
    """The question as a self-contained block of the page (``root``: from the page to the
    edition's folder, for the link to the question's demo)."""
    title = html.escape(tr(lang, "quiz.question", number=q.number))
    base = f"vkq-{html.escape(q.id)}"  # parts add ".<part>": no question id has a dot
    return (
        f'<section class="vk-question" id="{base}" data-vk-question="{html.escape(q.id)}" data-kind="{q.kind}"'
        f' data-graded="{str(q.graded).lower()}" lang="{lang}" aria-label="{title}">'
        f'<p class="vk-q-title"><strong>{title}</strong> <span class="vk-q-goal">'
        f"{html.escape(tr(lang, 'quiz.goal', goal=q.goal[lang]))}</span></p>"
        f'<p class="vk-q-prompt" id="{base}.prompt">{inline_html(q.prompt[lang])}</p>'
        f"{demo_html(q, lang, root)}{kind_of(q.kind).form_html(q, lang, base)}"
        f'<p><button type="button" class="vk-q-check">{html.escape(tr(lang, "quiz.check"))}</button></p>'
        f'<div class="vk-q-feedback" role="status" aria-live="polite"></div>'
        f'<p class="vk-q-hint" hidden><strong>{html.escape(tr(lang, "quiz.hint"))}</strong> '
        f"{inline_html(q.hint[lang])}</p>"
        f'<script type="application/json" class="vk-q-data">{_json(question_data(q, lang))}</script></section>'
    )


def score_html(lang: str, total: int, bank: str) -> str:
    """The page's score box, kept up to date by the page script: the score, links to the questions
    to look at again, a line for notices about saved answers, a button to start again, and two to
    download the answers as ``quiz.export`` writes them (JSON and CSV, named as it names them, for
    the lecturer's overview). The first box on the page speaks the notices (one live region)."""
    text = html.escape(tr(lang, "quiz.score", right=0, total=total))
    name = html.escape(tr(lang, "exercises.export_name", bank=bank), quote=True)
    downloads = "".join(
        f'<button type="button" class="vk-quiz-download" data-format="{kind}">'
        f"{html.escape(tr(lang, f'quiz.download_{kind}'))}</button> "
        for kind in ("json", "csv")
    )
    return (
        f'<div class="vk-quiz-summary" data-total="{total}" data-bank="{html.escape(bank, quote=True)}"'
        f' data-file="{name}" lang="{lang}">'
        f'<p class="vk-quiz-score">{text}</p><p class="vk-quiz-review" hidden></p>'
        f'<p class="vk-quiz-notice" role="status" aria-live="polite"></p>'
        f'<p><button type="button" class="vk-quiz-restart">{html.escape(tr(lang, "quiz.restart"))}</button></p>'
        f'<p class="vk-quiz-export">{downloads.strip()}</p>'
        f'<script type="application/json" class="vk-quiz-texts">{_json(_messages(lang, PAGE_TEXTS))}</script></div>'
    )
