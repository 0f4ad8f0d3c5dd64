"""Write exercises/bank/schema.json, the JSON Schema of the question banks, from the question kinds
(``veerkracht.quiz.schema``); ``--check`` only says whether the committed file is current (a test
runs it). Each bank names the schema in its first line, ``# yaml-language-server: $schema=schema.json``,
so an editor with the YAML language server checks a bank as it is written."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from veerkracht.quiz.schema import bank_schema

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "exercises" / "bank" / "schema.json"


def schema_text() -> str:
    return json.dumps(bank_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the committed schema is current")
    args = parser.parse_args(argv)
    text = schema_text()
    if SCHEMA.exists() and SCHEMA.read_text("utf-8") == text:
        return 0
    if args.check:
        print(f"Out of date (run python tools/bank_schema.py): {SCHEMA.relative_to(ROOT)}", file=sys.stderr)
        return 1
    SCHEMA.write_text(text, "utf-8")
    print(f"wrote {SCHEMA.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
