"""The course package as a reader installs it: a wheel in a fresh virtual environment, far from
this checkout, loads every question bank and renders every demo in both languages."""

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
    from importlib import resources

    import veerkracht
    from veerkracht.kit.registry import registry
    from veerkracht.quiz import Quiz
    from veerkracht.quiz.bank import BANK_DIR

    assert "site-packages" in veerkracht.__file__, veerkracht.__file__
    banks = sorted(path.stem for path in BANK_DIR.glob("*.yml"))
    questions = {name: len(Quiz(name, lang).bank.questions) for name in banks for lang in ("nl", "en")}
    demos = {}
    for name, cls in registry().items():
        for lang in ("nl", "en"):
            bundle = cls(lang=lang)._repr_mimebundle_()
            assert "application/vnd.jupyter.widget-view+json" in bundle and "vk-demo" in bundle["text/html"]
            demos[f"{name}.{lang}"] = len(bundle["text/html"])
    assert resources.files("veerkracht.assets").joinpath("models/spring.js").is_file()
    assert resources.files("veerkracht.assets").joinpath("demo.js").is_file()
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
