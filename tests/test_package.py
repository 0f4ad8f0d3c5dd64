"""The course package as a reader installs it: a wheel in a fresh virtual environment, far from
this checkout, loads every question bank and shows every demo in both languages: a live panel with
its state, from which the installed package makes the site's HTML too; no plotly (Python) needed."""

import shutil
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHECK = textwrap.dedent(
    """
    import json
    import sys
    from importlib import metadata, resources

    import veerkracht
    from veerkracht.kit.demo import STATE_MIME
    from veerkracht.kit.registry import registry
    from veerkracht.kit.static import from_state, render
    from veerkracht.quiz import Quiz
    from veerkracht.quiz.bank import BANK_DIR

    assert "site-packages" in veerkracht.__file__, veerkracht.__file__
    banks = sorted(path.stem for path in BANK_DIR.glob("*.yml"))
    questions = {name: len(Quiz(name, lang).bank.questions) for name in banks for lang in ("nl", "en")}
    demos = {}
    for name, cls in registry().items():
        for lang in ("nl", "en"):
            bundle = cls(lang=lang)._repr_mimebundle_()
            assert "application/vnd.jupyter.widget-view+json" in bundle and "text/html" not in bundle
            page = render(from_state(bundle[STATE_MIME]), f"vk-{name}-1")
            assert f'data-vk-demo="{name}"' in page
            demos[f"{name}.{lang}"] = len(page)
    assert "plotly" not in sys.modules  # the live figure draws with the package's own plotly.js
    assert "var Plotly" in resources.files("veerkracht.vendor").joinpath("plotly-basic.min.js").read_text("utf-8")
    assert resources.files("veerkracht.assets").joinpath("models/spring.js").is_file()
    assert resources.files("veerkracht.assets").joinpath("demo.js").is_file()
    renderers = metadata.entry_points(group="myst_nb.mime_renderers")
    assert [e.value for e in renderers if e.name == "veerkracht"] == ["veerkracht.book.outputs:Outputs"]
    print(json.dumps({"banks": questions, "demos": demos}))
    """
)


@pytest.mark.timeout(600)
def test_a_wheel_installed_in_a_fresh_venv_loads_every_bank_and_renders_every_demo(tmp_path):
    # Built from a copy of what the package is made of, so the build leaves nothing in the checkout
    # and a file the package needs from elsewhere would be missed here.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "widgets", source / "widgets", ignore=ignore)
    shutil.copytree(ROOT / "exercises" / "bank", source / "exercises" / "bank", ignore=ignore)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("veerkracht-*.whl")
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(wheel)], check=True, capture_output=True)
    result = subprocess.run([python, "-c", CHECK], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    report = result.stdout.strip().splitlines()[-1]
    assert '"ch01"' in report and '"spring.nl"' in report and '"spring.en"' in report
