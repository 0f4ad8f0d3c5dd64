"""Every link in a chapter or a book page (the lecturer guide) that opens a demo in a given state
(``?cycle.chronic_load=2&...#cycle-demo``) names only controls of that demo, each with a value its
control offers, and points at a page and anchor where that demo stands: a reader who follows it sees
the state the text describes, never the defaults with a "bad link" message. Loops over every chapter
and book page of both tables of contents; a link that does not resolve fails with its page named."""

import html
import re
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
import yaml
from veerkracht.kit.registry import registry

ROOT = Path(__file__).resolve().parent.parent
TOCS = [ROOT / "_toc.yml", ROOT / "_toc.en.yml"]
LINK = re.compile(r'href="([^"?#]*)\?([^"#]*)#([^"]+)"')


def toc_pages() -> list[Path]:
    """The MyST sources of every chapter and book page in both tables of contents."""
    found = re.findall(r"file: (\S+)", "\n".join(toc.read_text("utf-8") for toc in TOCS))
    return [ROOT / f"{name}.md" for name in found if (ROOT / f"{name}.md").exists()]


PAGES = toc_pages()
CHAPTERS = [p for p in PAGES if p.parent.parent.name == "chapters"]
GUIDES = sorted(ROOT.glob("book/*/lecturer-guide.md"))


def demo_links(text: str) -> list[tuple[str, dict[str, str], str]]:
    """(target page, query, anchor) of every demo-state link in a page's source."""
    found = []
    for page, query, anchor in LINK.findall(text):
        pairs = dict(parse_qsl(html.unescape(query)))
        if pairs and all("." in key for key in pairs):
            found.append((page, pairs, anchor))
    return found


def link_problems(source: Path, text: str) -> list[str]:
    """What is wrong with each demo-state link in ``text`` (the source of the page ``source``), each
    message starting with that page's path in the repository."""
    demos, problems = registry(), []
    name = source.relative_to(ROOT).as_posix() if source.is_relative_to(ROOT) else source.name
    for page, pairs, anchor in demo_links(text):
        ids = {key.split(".")[0] for key in pairs}
        if len(ids) != 1 or next(iter(ids)) not in demos:
            problems.append(f"{name}: {page}?…#{anchor}: one link must open one known demo, not {sorted(ids)}")
            continue
        (demo_id,) = ids
        spec = demos[demo_id].spec
        names = {key.split(".", 1)[1] for key in pairs}
        allowed = set(spec.names) | ({spec.time.name} if spec.time else set())
        if not names <= allowed:
            problems.append(f"{name}: {page}: {demo_id} has no {sorted(names - allowed)}")
        for param in (names & set(spec.names)) - {spec.time.name if spec.time else ""}:
            try:
                value = float(pairs[f"{demo_id}.{param}"])
            except ValueError:
                value = None
            if value not in spec.param(param).values:
                problems.append(
                    f"{name}: {page}: {demo_id}.{param}={pairs[f'{demo_id}.{param}']} is not on its control"
                )
        target = source if not page else (source.parent / page.replace(".html", ".md")).resolve()
        if not target.exists():
            problems.append(f"{name}: {page} is no page of the book")
            continue
        target_text = target.read_text("utf-8")
        if f"({anchor})=" not in target_text:
            problems.append(f"{name}: {page} has no label {anchor}")
            continue
        after = target_text.split(f"({anchor})=", 1)[1].split("```", 2)
        if len(after) < 2 or f"{demos[demo_id].__name__}(" not in after[1]:
            problems.append(f"{name}: {page}#{anchor} is not a {demo_id} demo")
    return problems


def test_the_chapters_have_demo_links():
    assert sum(len(demo_links(path.read_text("utf-8"))) for path in CHAPTERS) >= 10


def test_the_lecturer_guide_is_in_both_tables_of_contents_with_demo_links_for_every_chapter():
    assert {g.relative_to(ROOT).as_posix() for g in GUIDES} == {
        "book/nl/lecturer-guide.md",
        "book/en/lecturer-guide.md",
    }
    assert set(GUIDES) <= set(PAGES)
    for guide in GUIDES:
        targets = {page.split("/")[-1] for page, _, _ in demo_links(guide.read_text("utf-8"))}
        with_demo = [c for c in CHAPTERS if c.parent.name == guide.parent.name and "-demo)=" in c.read_text("utf-8")]
        assert len(with_demo) >= 4 and {c.name.replace(".md", ".html") for c in with_demo} <= targets


def test_both_guides_open_the_same_demo_states_in_the_same_order():
    nl, en = ([(p.split("/")[-1], q, a) for p, q, a in demo_links(g.read_text("utf-8"))] for g in GUIDES[::-1])
    assert nl == en and len(nl) >= 15


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_demo_link_opens_a_state_the_demo_can_show(page):
    assert link_problems(page, page.read_text("utf-8")) == []


@pytest.mark.parametrize(
    "link, problem",
    [
        (
            "../../chapters/nl/01-resilience.html?spring.resources=2.5#spring-demo",
            "spring.resources=2.5 is not on its control",
        ),
        ("../../chapters/nl/01-resilience.html?spring.speed=2#spring-demo", "spring has no ['speed']"),
        ("../../chapters/nl/09-missing.html?spring.resources=2#spring-demo", "09-missing.html is no page of the book"),
        ("../../chapters/nl/01-resilience.html?spring.resources=2#no-such-demo", "has no label no-such-demo"),
        (
            "../../chapters/nl/02-resources.html?spring.resources=2#portfolio-demo",
            "#portfolio-demo is not a spring demo",
        ),
        ("../../chapters/nl/01-resilience.html?ghost.resources=2#spring-demo", "one known demo"),
    ],
)
def test_a_guide_link_that_does_not_resolve_fails_with_the_page_named(link, problem):
    guide = ROOT / "book" / "nl" / "lecturer-guide.md"
    problems = link_problems(guide, f'Toon <a href="{link.replace("&", "&amp;")}">deze stand</a>.')
    assert len(problems) == 1 and problems[0].startswith("book/nl/lecturer-guide.md: ") and problem in problems[0]


def lesson_plans(text: str) -> list[list[tuple[int, int]]]:
    """The (start, end) minutes of every row of every lesson-plan table in a guide."""
    plans = []
    for table in re.split(r"\n### ", text):
        rows = re.findall(r"^\| (\d+)–(\d+) \|", table, re.MULTILINE)
        if rows:
            plans.append([(int(a), int(b)) for a, b in rows])
    return plans


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.parent.name)
def test_every_lesson_plan_runs_from_minute_0_to_90_without_gaps(guide):
    plans = lesson_plans(guide.read_text("utf-8"))
    assert len(plans) == len([c for c in CHAPTERS if c.parent.name == guide.parent.name])
    for plan in plans:
        assert plan[0][0] == 0 and plan[-1][1] == 90, plan
        assert all(end == start for (_, end), (start, _) in zip(plan, plan[1:], strict=False)), plan
        assert all(start < end for start, end in plan), plan


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.parent.name)
def test_the_guide_takes_every_chapters_learning_goals_from_the_chapter_itself(guide):
    text = guide.read_text("utf-8")
    for chapter in (c for c in CHAPTERS if c.parent.name == guide.parent.name):
        assert f"```{{include}} ../../chapters/{chapter.parent.name}/{chapter.name}\n:start-after: " in text
        assert f"exercises/{chapter.parent.name}/ch{chapter.name[:2]}-lecturer.ipynb" in text


BANKS = sorted((ROOT / "exercises" / "bank").glob("ch*.yml"))


def keyed_answers(bank: Path) -> list[tuple[str, str, dict]]:
    """(question id, model, params) of every answer a bank keys to a model."""
    questions = yaml.safe_load(bank.read_text("utf-8"))["questions"]
    return [
        (q["id"], q["answer"]["model"], q["answer"].get("params", {}))
        for q in questions
        if isinstance(q.get("answer"), dict) and "model" in q["answer"]
    ]


@pytest.mark.parametrize("bank", BANKS, ids=lambda p: p.stem)
def test_every_model_keyed_answer_is_a_state_its_demo_can_show(bank):
    """A reader checks a model-keyed answer in the demo: its params must be positions of the demo's
    controls (the demo with the model's name)."""
    demos = registry()
    for question, model, params in keyed_answers(bank):
        spec = demos[model].spec
        assert set(params) <= set(spec.names), f"{question}: {sorted(set(params) - set(spec.names))}"
        for name, value in params.items():
            assert value in spec.param(name).values, f"{question}: {name}={value} is not on the demo's control"
