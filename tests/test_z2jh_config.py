"""The Zero to JupyterHub configuration (hub/config.yaml) is one the chart accepts: merged over the
chart's default values as helm merges them, it validates against the chart's published values
schema (both vendored in tests/data from the chart's release 4.4.0), and it sets what a class needs."""

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((DATA / "z2jh-values.schema.json").read_text("utf-8"))
DEFAULTS = yaml.safe_load((DATA / "z2jh-values.yaml").read_text("utf-8"))
CONFIG = yaml.safe_load((ROOT / "hub" / "config.yaml").read_text("utf-8"))


def helm_merge(defaults: dict, values: dict) -> dict:
    """``values`` over ``defaults`` as helm merges a values file over a chart's: mappings merged key
    by key, anything else (lists too) replaced, and a null removing the default."""
    merged = copy.deepcopy(defaults)
    for key, value in values.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def errors(values: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMA)
    found = validator.iter_errors(helm_merge(DEFAULTS, values))
    return sorted(f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in found)


def test_the_configuration_validates_against_the_charts_values_schema():
    assert errors(CONFIG) == []


@pytest.mark.parametrize(
    ("mistake", "where"),
    [
        ({"singleuser": {"memory": {"limt": "1G"}}}, "singleuser.memory"),  # a typo
        ({"cull": {"timeout": "an hour"}}, "cull.timeout"),
        ({"singleuser": {"image": {"name": ["course"]}}}, "singleuser.image.name"),
    ],
)
def test_the_schema_check_catches_a_mistake_in_the_configuration(mistake, where):
    found = errors(helm_merge(CONFIG, mistake))
    assert found and any(line.startswith(where) for line in found), found


def test_the_class_gets_the_course_image_limits_and_culling():
    assert CONFIG["singleuser"]["image"]["name"].endswith("/veerkracht/course")
    assert CONFIG["singleuser"]["memory"] == {"guarantee": "512M", "limit": "1G"}
    assert CONFIG["cull"]["enabled"] is True and CONFIG["cull"]["timeout"] == 3600
    assert "--MappingKernelManager.cull_idle_timeout=1200" in CONFIG["singleuser"]["cmd"]
    assert CONFIG["hub"]["concurrentSpawnLimit"] >= 30


def test_the_course_image_has_nbgitpuller_for_the_launch_buttons():
    requirements = (ROOT / "binder" / "requirements.txt").read_text("utf-8").split()
    assert "nbgitpuller==1.3.0" in requirements and "-e" in requirements
