"""Every link in a chapter that opens a demo in a given state (``?cycle.chronic_load=2&...#cycle-demo``)
names only controls of that demo, each with a value its control offers, and points at a page and anchor
where that demo stands: a reader who follows it sees the state the text describes, never the
defaults with a "bad link" message. Loops over every chapter of both tables of contents."""

import html
import re
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
import yaml
from veerkracht.kit.registry import registry

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*/*.md"))
LINK = re.compile(r'href="([^"?#]*)\?([^"#]*)#([^"]+)"')


def demo_links(text: str) -> list[tuple[str, dict[str, str], str]]:
    """(target page, query, anchor) of every demo-state link in a chapter's source."""
    found = []
    for page, query, anchor in LINK.findall(text):
        pairs = dict(parse_qsl(html.unescape(query)))
        if pairs and all("." in key for key in pairs):
            found.append((page, pairs, anchor))
    return found


def test_the_chapters_have_demo_links():
    assert sum(len(demo_links(path.read_text("utf-8"))) for path in CHAPTERS) >= 10


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_demo_link_opens_a_state_the_demo_can_show(chapter):
    demos = registry()
    for page, pairs, anchor in demo_links(chapter.read_text("utf-8")):
        ids = {key.split(".")[0] for key in pairs}
        assert len(ids) == 1, f"{chapter.name}: one link, several demos: {pairs}"
        (demo_id,) = ids
        spec = demos[demo_id].spec
        names = {key.split(".", 1)[1] for key in pairs}
        allowed = set(spec.names) | ({spec.time.name} if spec.time else set())
        assert names <= allowed, f"{chapter.name}: {pairs} sets what {demo_id} does not have"
        for name in names - {spec.time.name if spec.time else ""}:  # the others start at their defaults
            value = float(pairs[f"{demo_id}.{name}"])
            assert value in spec.param(name).values, f"{chapter.name}: {demo_id}.{name}={value} is not on its control"
        target = chapter if not page else chapter.parent / page.replace(".html", ".md")
        assert target.exists(), f"{chapter.name}: {page} is not a chapter"
        source = target.read_text("utf-8")
        assert f"({anchor})=" in source, f"{chapter.name}: {target.name} has no label {anchor}"
        after = source.split(f"({anchor})=", 1)[1]
        assert f"{demos[demo_id].__name__}(" in after.split("```", 2)[1], (
            f"{chapter.name}: #{anchor} is not a {demo_id} demo"
        )


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
