"""House style: ruff lint and format over the project's Python code."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = ["widgets", "exercises/bank", "tests", "tools", "benchmarks", "book/_ext", "dev.py"]


def ruff(*args: str) -> subprocess.CompletedProcess:
    executable = shutil.which("ruff", path=str(Path(sys.executable).parent)) or "ruff"
    return subprocess.run([executable, *args, *CODE], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing_to_fix():
    result = ruff("check")
    assert result.returncode == 0, result.stdout


def test_code_is_formatted():
    result = ruff("format", "--check")
    assert result.returncode == 0, result.stdout
