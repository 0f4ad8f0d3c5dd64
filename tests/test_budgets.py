"""Budget gate (benchmarks/budgets.toml): the budgets a busy machine cannot change, bytes and
counts, measured on the built site and in this process; CI fails when one is over budget. Times
(a demo's first display, an update in the kernel, a repaint on the site, the live app) are
measured by ``benchmarks/run.py``, several runs with medians, never asserted here."""

import json

import pytest
from measure import budgets, demo_pages, serve, visit_weight
from veerkracht.kit.registry import registry

BUDGET = {name: entry["budget"] for name, entry in budgets().items()}


@pytest.fixture(scope="module")
def host(built_site):
    with serve(built_site["dir"]) as served:
        yield served


def test_every_budget_has_a_measure_and_a_reason():
    for name, entry in budgets().items():
        assert entry["budget"] > 0 and entry["measure"] and entry["reason"], name


def test_a_first_visit_to_any_page_stays_within_budget(browser, built_site, host):
    base, requests = host
    site = built_site["dir"]
    pages = [  # the live notebooks (lite/) have budgets of their own (benchmarks/run.py)
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not {"_sources", "_static", "lite"} & set(p.relative_to(site).parts)
    ]
    over = {}
    for path in pages:
        context = browser.new_context()
        _, _, packed = visit_weight(context, f"{base}/{path}?stay", requests)
        context.close()
        if packed / 1024 > BUDGET["first_visit_kib"]:
            over[path] = round(packed / 1024)
    assert over == {}


def test_plotly_is_fetched_once_for_the_whole_site(browser, built_site, host):
    base, requests = host
    start = len(requests)
    context = browser.new_context()
    pages = [path for paths in demo_pages(built_site["dir"]).values() for path in paths]
    assert {"nl/chapters/nl/01-resilience.html", "en/chapters/en/01-resilience.html"} <= set(pages)
    for path in [*pages, pages[0]]:
        visit_weight(context, f"{base}/{path}", requests)
    context.close()
    fetches = [path for path, _ in requests[start:] if "plotly" in path]
    assert 1 <= len(fetches) <= BUDGET["plotly_fetches_per_site"]


@pytest.mark.parametrize("demo", sorted(registry()))
def test_a_live_demos_output_in_a_saved_notebook_stays_within_budget(demo):
    bundle = registry()[demo](lang="nl")._repr_mimebundle_()
    output = {"output_type": "display_data", "data": bundle, "metadata": {}}
    assert len(json.dumps(output)) / 1024 <= BUDGET["demo_output_kib"]
