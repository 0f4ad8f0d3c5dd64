"""The welcome page of each edition opens with a card per chapter (title, one-line goal, a still of
its demo, study time, the reader's progress), every fact from where the book already states it: the
tables of contents, the chapters' own headings and study-time lines, the catalogue, the demos on the
chapter pages and the questions on the exercise pages. The progress comes from the quiz records
quiz.js keeps in this browser; the page works without storage, keeps to one column on a phone and
does not move while the progress fills in."""

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from measure import PHONES
from veerkracht.i18n import plural, tr
from veerkracht.quiz import load_bank

ROOT = Path(__file__).resolve().parent.parent
TOCS = {"nl": "_toc.yml", "en": "_toc.en.yml"}
WELCOME = "{e}/book/{e}/welcome.html"
STUDY_TIME = {"nl": r"Studietijd:\D*?(\d+) minuten", "en": r"Study time:\D*?(\d+) minutes"}
EDITIONS = ["nl", "en"]
LOCALES = {"nl": "nl-NL", "en": "en-GB"}
DISABLED = """Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });"""


def chapters(edition: str) -> list[tuple[str, str]]:
    """(chapter, its exercise page) for every chapter in the edition's table of contents, in order."""
    toc = yaml.safe_load((ROOT / TOCS[edition]).read_text("utf-8"))
    entries = [entry for part in toc["parts"] for entry in part["chapters"]]
    return [(e["file"], e["sections"][0]["file"]) for e in entries if e["file"].startswith("chapters/")]


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text("utf-8"), "html.parser")


def words(element) -> str:
    return " ".join(element.get_text(" ").split())


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_chapter_has_a_card_with_its_title_goal_time_demo_and_questions(built_site, edition):
    site = built_site["dir"] / edition
    cards = soup(site, f"book/{edition}/welcome.html").select("ol.vk-cards > li.vk-card")
    listed = chapters(edition)
    assert len(cards) == len(listed) >= 5
    seen = set()
    for number, (card, (chapter, exercises)) in enumerate(zip(cards, listed, strict=True), start=1):
        page = soup(site, f"{chapter}.html")
        title = words(page.select_one("article h1")).rstrip("#").strip()
        link = card.select_one("h3.vk-card-title a")
        assert link["href"] == f"../../{chapter}.html"
        assert words(link) == f"{tr(edition, 'overview.chapter', number=number)} {title}"
        slug = chapter.rsplit("/", 1)[-1]
        assert words(card.select_one(".vk-card-goal")) == tr(edition, f"overview.goal.{slug}")
        minutes = re.search(STUDY_TIME[edition], words(page.select_one("article")))
        assert minutes, f"{chapter} states no study time"
        assert words(card.select_one(".vk-card-time")) == tr(edition, "overview.time", minutes=int(minutes[1]))
        # the still: the demo the chapter brings in (the first no earlier chapter showed, else its
        # first), with a text alternative naming it
        shown = [d["data-vk-demo"] for d in page.select(".vk-demo[data-vk-demo]")]
        links = page.select('article a[href*="?"][href$="-demo"]')  # a demo in a state (Demo.link())
        linked = [a["href"].rsplit("#", 1)[1].removesuffix("-demo") for a in links]
        demo = next((d for d in shown if d not in seen), shown[0] if shown else linked[0])  # none: its first link
        seen.update(shown)
        still = card.select_one("div.vk-card-demo svg.vk-still")
        assert still["role"] == "img" and tr(edition, f"{demo}.name") in still["aria-label"]
        assert still.select("polyline, polygon, circle") and still.get("width") and still.get("height")
        assert words(card.select_one(".vk-card-caption")) == tr(
            edition, "overview.demo", demo=tr(edition, f"{demo}.name")
        )
        # the progress line: the exercise page's questions, in the page's order
        line = card.select_one(".vk-card-progress")
        assert line["data-vk-page"] == f"../../{exercises}.html"
        questions = json.loads(line["data-vk-questions"])
        on_page = [q["data-vk-question"] for q in soup(site, f"{exercises}.html").select("[data-vk-question]")]
        assert [q[0] for q in questions] == on_page
        count = plural(edition, "overview.questions", len(on_page))
        assert words(line) == f"{count} {tr(edition, 'overview.to_exercises')}"


def record(questions: list, answered: int, right: int | None, version: str | None = None) -> dict:
    """A quiz record as quiz.js writes it: the first ``answered`` questions answered, the first
    ``right`` graded ones of them right (None: a record from before quiz.js kept ``right``)."""
    ids = [q[0] for q in questions[:answered]]
    saved = {
        "version": version if version is not None else " ".join(q[1] for q in questions),
        "answers": {qid: "a" for qid in ids},
        "attempts": {qid: 1 for qid in ids},
        "done": False,
    }
    if right is not None:
        saved["right"] = [q[0] for q in questions[:answered] if q[2]][:right]
    return saved


def card_lines(page) -> list[dict]:
    return page.eval_on_selector_all(
        ".vk-card-progress",
        """(lines) => lines.map((line) => ({page: line.dataset.vkPage, questions: JSON.parse(line.dataset.vkQuestions),
            status: line.querySelector(".vk-card-status").textContent,
            next: line.querySelector(".vk-card-next").getAttribute("href"),
            label: line.querySelector(".vk-card-next").textContent}))""",
    )


def seed(page, records: dict) -> None:
    """Store ``records`` (exercise page address relative to the welcome page -> record) as quiz.js
    does, under the key vk-progress.js gives that page, and load the welcome page again."""
    page.evaluate(
        """(records) => { for (const [href, saved] of Object.entries(records))
             localStorage.setItem(window.VeerkrachtProgress.key(href), JSON.stringify(saved)); }""",
        records,
    )
    page.reload(wait_until="networkidle")


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_cards_show_progress_from_the_records_quiz_js_keeps(visit, edition):
    v = visit(LOCALES[edition])
    page = v.goto(WELCOME.format(e=edition))
    lines = card_lines(page)
    first, second, third = (line["questions"] for line in lines[:3])
    stale = record(second, 4, 2, version="an older bank")  # answered for questions as they no longer are
    old = record(third, 2, None)  # from before quiz.js kept which answers are right
    seed(page, {lines[0]["page"]: record(first, 3, 2), lines[1]["page"]: stale, lines[2]["page"]: old})
    shown = card_lines(page)
    total = len(first)
    assert shown[0]["status"] == tr(edition, "overview.progress", answered=3, total=total, right=2)
    assert shown[0]["label"] == tr(edition, "overview.continue")
    assert shown[0]["next"] == f"{lines[0]['page']}#vkq-{first[3][0]}"  # the first question not answered
    assert shown[1]["status"] == plural(edition, "overview.questions", len(second))  # nothing counts: as built
    assert shown[1]["next"] == lines[1]["page"]
    assert shown[2]["status"] == tr(edition, "overview.answered", answered=2, total=len(third))  # right not known
    assert [line["status"] for line in shown[3:]] == [line["status"] for line in lines[3:]]
    graded = sum(q[2] for q in first)
    seed(page, {lines[0]["page"]: record(first, total, graded)})  # all answered, every graded one right
    done = card_lines(page)[0]
    assert done["status"] == tr(edition, "overview.progress", answered=total, total=total, right=graded)
    assert (done["label"], done["next"]) == (tr(edition, "overview.review"), lines[0]["page"])
    page.locator(".vk-card-next").first.click()
    page.wait_for_url(f"**/{edition}/exercises/{edition}/ch01-student.html")
    assert not v.errors


def test_answers_given_on_an_exercise_page_show_on_its_card_in_both_editions(visit):
    from test_quiz_progress import answer_rightly

    bank = load_bank("ch01")
    v = visit()
    page = v.goto("nl/exercises/nl/ch01-student.html")
    for q in bank.questions[:2]:
        answer_rightly(page, q)
    wrong = next(q for q in bank.questions[2:] if q.kind == "single")  # then one answered wrongly
    root = page.locator(f'[data-vk-question="{wrong.id}"]')
    root.locator(f'input:not([value="{wrong.answer}"])').first.check()
    root.locator(".vk-q-check").click()
    open_ = next(q for q in bank.questions if q not in (*bank.questions[:2], wrong))  # the first still open
    for edition in EDITIONS:
        line = card_lines(v.goto(WELCOME.format(e=edition)))[0]
        total = len(bank.questions)
        assert line["status"] == tr(edition, "overview.progress", answered=3, total=total, right=2)
        assert line["next"].endswith(f"exercises/{edition}/ch01-student.html#vkq-{open_.id}")
    v.page.locator(".vk-card-next").first.click()
    v.page.wait_for_url(f"**#vkq-{open_.id}")
    assert v.page.locator(f"#vkq-{open_.id}").is_visible()
    assert not v.errors


@pytest.mark.parametrize("edition", EDITIONS)
def test_without_storage_the_cards_show_as_built_and_nothing_fails(visit, built_site, edition):
    v = visit(LOCALES[edition])
    v.context.add_init_script(DISABLED)
    stacks = []  # the theme's own scripts throw here too (reading its colour mode): only ours count
    v.page.on("pageerror", lambda error: stacks.append(error.stack or str(error)))
    page = v.goto(WELCOME.format(e=edition))
    built = soup(built_site["dir"] / edition, f"book/{edition}/welcome.html").select(".vk-card-status")
    shown = page.locator(".vk-card-status").all_inner_texts()
    assert len(shown) == len(chapters(edition)) and shown == [words(s) for s in built]
    assert page.locator("svg.vk-still").count() == len(chapters(edition))
    assert not [s for s in stacks if "vk-progress.js" in s]
    assert not [e for e in v.errors if not e.startswith(("The operation is insecure.", "Got invalid theme mode"))]


@pytest.mark.parametrize("size", sorted(PHONES))
@pytest.mark.parametrize("edition", EDITIONS)
def test_on_a_phone_the_cards_are_one_column_and_nothing_runs_out(visit, edition, size):
    page = visit(LOCALES[edition], viewport=PHONES[size], has_touch=True, is_mobile=True).goto(
        WELCOME.format(e=edition)
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONES[size]["width"]
    boxes = [card.bounding_box() for card in page.locator(".vk-card").all()]
    lefts = {round(box["x"]) for box in boxes}
    assert len(boxes) == len(chapters(edition)) and len(lefts) == 1
    assert all(b["y"] >= a["y"] + a["height"] for a, b in zip(boxes, boxes[1:], strict=False))  # one below another
    inner = page.eval_on_selector_all(
        ".vk-card, .vk-card *", "(all) => all.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.tagName)"
    )
    assert inner == []


SHIFTS = """window.vkShifts = [];
new PerformanceObserver((list) => { for (const entry of list.getEntries()) {
  if (entry.hadRecentInput) continue;
  const cards = document.querySelector(".vk-cards");
  const nodes = entry.sources.map((s) => (s.node && s.node.nodeType !== 1 ? s.node.parentElement : s.node));
  window.vkShifts.push({value: entry.value, cards: nodes.some((n) => n && cards && cards.contains(n)),
    moved: nodes.map((n) => (n ? `${n.tagName}.${n.getAttribute("class")}` : "?"))});
} }).observe({type: "layout-shift", buffered: true});"""


@pytest.mark.parametrize("width", [360, 390, 1280])
@pytest.mark.parametrize("edition", EDITIONS)
def test_nothing_moves_while_the_progress_fills_in(visit, edition, width):
    """The progress line's space is reserved: filled or not, it is as high; and the browser reports no
    layout shift of anything in the cards while the page loads with progress to show. (The theme's icon
    font, swapped in when it arrives, widens the header's icons on every page and nudges what is
    below: a shift of its own, kept out here.)"""
    viewport = {"width": width, "height": 800}
    v = visit(LOCALES[edition], viewport=viewport)
    v.page.route("**/fontawesome/webfonts/*", lambda route: route.abort())
    page = v.goto(WELCOME.format(e=edition))
    heights = page.eval_on_selector_all(".vk-card-progress", "(all) => all.map((e) => e.offsetHeight)")
    lines = card_lines(page)
    records = {line["page"]: record(line["questions"], len(line["questions"]) - 1, 10) for line in lines}
    page.evaluate(
        """(records) => { for (const [href, saved] of Object.entries(records))
             localStorage.setItem(window.VeerkrachtProgress.key(href), JSON.stringify(saved)); }""",
        records,
    )
    v.context.add_init_script(SHIFTS)
    page.reload(wait_until="networkidle")
    page.wait_for_timeout(300)
    assert all(line["label"] == tr(edition, "overview.continue") for line in card_lines(page))  # filled in
    assert page.eval_on_selector_all(".vk-card-progress", "(all) => all.map((e) => e.offsetHeight)") == heights
    shifts = page.evaluate("window.vkShifts")
    assert [shift for shift in shifts if shift["cards"]] == [], shifts  # nothing in the cards moved


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_cards_pass_axe_with_and_without_progress(visit, edition, scheme):
    """The cards alone (tests/test_accessibility.py checks every whole page), as built and filled in."""
    from test_accessibility import AXE, WCAG

    def violations(page) -> list[str]:
        found = AXE.run(page, context={"include": [[".vk-cards"]]}, options=WCAG).response["violations"]
        return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in found]

    v = visit(LOCALES[edition])
    v.page.emulate_media(color_scheme=scheme)
    page = v.goto(WELCOME.format(e=edition))
    assert violations(page) == []
    seed(page, {line["page"]: record(line["questions"], 3, 2) for line in card_lines(page)})
    assert card_lines(page)[0]["label"] == tr(edition, "overview.continue")
    assert violations(page) == []


def test_a_still_draws_every_line_and_dot_of_its_demos_figure_and_follows_its_state():
    from veerkracht.kit.registry import registry
    from veerkracht.kit.still import SKIPPED_SYMBOLS, still_svg

    for name, demo in registry().items():
        figure = demo("en").figure()
        drawn = still_svg(figure, "a still")
        svg = BeautifulSoup(drawn, "html.parser").svg
        assert svg["role"] == "img" and svg["aria-label"] == "a still"
        lines = sum(
            1
            for t in figure["data"]
            if "lines" in t.get("mode", "lines") and [x for x in t.get("x") or [] if x is not None]
        )
        dots = 0
        for t in figure["data"]:
            marker = t.get("marker", {})
            if "markers" in t.get("mode", "") and not str(marker.get("symbol", "circle")).startswith(SKIPPED_SYMBOLS):
                sizes = marker.get("size", 6)
                sizes = sizes if isinstance(sizes, list) else [sizes] * len(t.get("x") or [])
                dots += sum(1 for x, s in zip(t.get("x") or [], sizes, strict=False) if x is not None and s)
        assert len(svg.select("polyline, polygon")) >= lines > 0, name
        assert len(svg.select("circle")) == dots, name
        spec = demo.spec
        param = spec.params[0]
        other = param.low if spec.defaults[param.name] != param.low else param.high
        changed = still_svg(demo("en", **{param.name: other}).figure(), "a still")
        assert changed != drawn, f"{name}: the still does not follow {param.name}"
