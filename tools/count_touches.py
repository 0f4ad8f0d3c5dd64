"""How spread out the question kinds are: for each kind, the code files that name it, and the longest
function of the quiz package (issue 26). Run ``python tools/count_touches.py``.

A file names a kind when the kind's name stands in it as a quoted string (``"classify"``,
``case "classify"``) or as a script object's key (``classify: {``): that is where code branches on it
or looks it up. The bank files and the tests are left out
(they hold questions of each kind, not code that dispatches on one), and so are the vendored
libraries and this script; the kind's own module counts. ``classify`` is the telling line: the other
names are also ordinary words and fields (a question's ``number``).
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("single", "multiple", "classify", "order", "number", "open")
CODE = ("widgets", "tools", "book/_ext")
SUFFIXES = (".py", ".js")


def files_naming(kind: str) -> list[Path]:
    """The code files in which ``kind`` stands as a quoted string."""
    quoted = re.compile(rf"[\"']{kind}[\"']|^\s*{kind}:", re.MULTILINE)
    found = []
    for folder in CODE:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in SUFFIXES or "vendor" in path.parts or path == Path(__file__).resolve():
                continue
            if quoted.search(path.read_text("utf-8")):
                found.append(path.relative_to(ROOT))
    return found


def longest_function(folder: Path) -> tuple[int, str]:
    """The line count and name (``file:function``) of the longest function under ``folder``."""
    best = (0, "")
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                best = max(best, (lines, f"{path.relative_to(ROOT)}:{node.name}"))
    return best


def main() -> int:
    for kind in KINDS:
        files = files_naming(kind)
        print(f"{kind:9} {len(files):2} files: {', '.join(map(str, files))}")
    lines, name = longest_function(ROOT / "widgets" / "quiz")
    print(f"longest function in widgets/quiz: {name}, {lines} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
