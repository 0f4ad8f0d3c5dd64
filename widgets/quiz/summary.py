"""A lecturer's overview of a folder of hand-ins (``quiz.export``: ``name.json`` and ``name.csv``).

    python -m veerkracht.quiz.summary FOLDER [--bank ch01] [--lang en] [--plot scores.svg]

Prints a table per question (how many students got it right) and per student (score, questions to
look at again), and draws the share right per question as an SVG bar chart. The folder is read with
its subfolders, as a learning platform's download gives it; a student is a file's path in it,
without ``.json``/``.csv`` (ask students to put their name or number in the export's name). Of a
hand-in with both files the ``.json`` is read. A damaged file, a file from another program or a
hand-in for another bank is reported in one line and skipped; nothing stops the overview.

Why SVG written by hand: the overview must work offline on a lecturer's laptop with only this
package installed. matplotlib is not a dependency, plotly's static images need kaleido and a
Chrome, and plotly's HTML carries 3 MB of script; thirty lines of SVG open in any browser and
paste into slides.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path

from veerkracht.i18n import DEFAULT_LANGUAGE, LANGUAGES, plural, tr
from veerkracht.quiz.bank import BANK_DIR, Bank, BankError, load_bank

STATUSES = {"correct", "wrong", "empty", "ungraded", "not answered"}
FIELDS = ["number", "question", "kind", "status", "attempts", "answer"]  # the export's CSV columns
MAX_BYTES = 5_000_000  # an export of twelve questions is a few KB


class Skip(Exception):
    """A file that is no readable hand-in: a message key of ``summary.*`` and its fields."""

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(key)
        self.key, self.fields = key, fields


@dataclass(frozen=True)
class HandIn:
    """One student's hand-in: the status and number of attempts per question id."""

    student: str
    file: str
    bank: str
    status: dict[str, str]
    attempts: dict[str, int]


def _rows(path: Path) -> tuple[str | None, list[dict]]:
    """The bank named in the file (None for a CSV) and its rows, or Skip."""
    if path.stat().st_size > MAX_BYTES:
        raise Skip("summary.foreign")
    try:
        text = path.read_text("utf-8-sig")
    except UnicodeDecodeError:
        raise Skip("summary.damaged", reason="UTF-8") from None
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except ValueError as error:
            raise Skip("summary.damaged", reason=str(error)) from None
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("bank"), str)
            or not isinstance(data.get("questions"), list)
        ):
            raise Skip("summary.foreign")
        return data["bank"], data["questions"]
    try:
        reader = csv.DictReader(text.splitlines())
        rows = list(reader)
    except csv.Error as error:
        raise Skip("summary.damaged", reason=str(error)) from None
    if reader.fieldnames != FIELDS:
        raise Skip("summary.foreign")
    return None, rows


def _bank_of(ids: list[str], banks: dict[str, Bank]) -> str:
    """The bank that holds every question id of a CSV hand-in."""
    for name, bank in banks.items():
        if set(ids) <= {q.id for q in bank.questions}:
            return name
    raise Skip("summary.no_bank", ids=", ".join(sorted(ids)[:3]))


def read_hand_in(path: Path, shown: str, banks: dict[str, Bank]) -> HandIn:
    """The hand-in in ``path`` (.json or .csv as ``quiz.export`` writes them; ``shown`` is its path
    in the folder), checked against its bank; raises Skip with the reason when it is damaged,
    foreign or of an unknown bank."""
    named, rows = _rows(path)
    status, attempts = {}, {}
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("question"), str) or row.get("status") not in STATUSES:
            raise Skip("summary.foreign")
        try:
            count = int(row.get("attempts"))
        except (TypeError, ValueError):
            raise Skip("summary.foreign") from None
        if count < 0:
            raise Skip("summary.foreign")
        status[row["question"]], attempts[row["question"]] = row["status"], count
    if not status:
        raise Skip("summary.foreign")
    bank = named if named is not None else _bank_of(list(status), banks)
    if bank not in banks:
        raise Skip("summary.unknown_bank", bank=bank)
    unknown = sorted(set(status) - {q.id for q in banks[bank].questions})
    if unknown:
        raise Skip("summary.unknown_questions", bank=bank, ids=", ".join(unknown[:3]))
    return HandIn(shown.rsplit(".", 1)[0], shown, bank, status, attempts)


def all_banks(directory: Path = BANK_DIR) -> dict[str, Bank]:
    banks = {}
    for path in sorted(directory.glob("*.yml")):
        try:
            banks[path.stem] = load_bank(path.stem, directory)
        except BankError:
            continue  # the bank's own tests name what is wrong with it
    return banks


def collect(folder: Path, lang: str, banks: dict[str, Bank]) -> tuple[list[HandIn], list[str]]:
    """Every readable hand-in under ``folder`` and one message per file skipped."""
    hand_ins, skipped = [], []
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for path in files:
        shown = path.relative_to(folder).as_posix()
        if any(part.startswith(".") or part == "__MACOSX" for part in path.relative_to(folder).parts):
            continue  # a system's own files (.DS_Store, a zip's __MACOSX)
        if path.suffix not in {".json", ".csv"}:
            skipped.append(tr(lang, "summary.not_export", file=shown))
            continue
        if path.suffix == ".csv" and path.with_suffix(".json").exists():
            continue  # the same hand-in: its .json is read
        try:
            hand_ins.append(read_hand_in(path, shown, banks))
        except Skip as skip:
            skipped.append(tr(lang, skip.key, file=shown, **skip.fields))
        except OSError as error:
            skipped.append(tr(lang, "summary.damaged", file=shown, reason=error.strerror or error))
    return hand_ins, skipped


def table(header: list[str], rows: list[list[str]]) -> str:
    """Rows as plain text in aligned columns."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def shares(bank: Bank, hand_ins: list[HandIn]) -> list[tuple[int, str, int]]:
    """(number, question id, how many got it right) per graded question of ``bank``."""
    return [
        (q.number, q.id, sum(h.status.get(q.id) == "correct" for h in hand_ins)) for q in bank.questions if q.graded
    ]


def question_table(bank: Bank, hand_ins: list[HandIn], lang: str) -> str:
    rows = []
    for q in bank.questions:
        counts = Counter(h.status.get(q.id, "not answered") for h in hand_ins)
        attempts = sum(h.attempts.get(q.id, 0) for h in hand_ins) / len(hand_ins)
        right = f"{counts['correct']}/{len(hand_ins)}" if q.graded else "-"
        share = f"{round(100 * counts['correct'] / len(hand_ins))}%" if q.graded else "-"
        rows.append(
            [
                str(q.number),
                q.id,
                right,
                share,
                str(counts["wrong"]),
                str(counts["not answered"] + counts["empty"]),
                f"{attempts:.1f}",
            ]
        )
    return table(tr(lang, "summary.question_columns").split("|"), rows)


def student_table(bank: Bank, hand_ins: list[HandIn], lang: str) -> str:
    graded = [q for q in bank.questions if q.graded]
    rows = []
    for h in sorted(hand_ins, key=lambda h: h.student):
        again = [str(q.number) for q in graded if h.status.get(q.id) != "correct"]
        rows.append([h.student, f"{len(graded) - len(again)}/{len(graded)}", ", ".join(again) or "-"])
    return table(tr(lang, "summary.student_columns").split("|"), rows)


def svg_chart(bank: Bank, hand_ins: list[HandIn], lang: str) -> str:
    """The share of students right per graded question as an SVG bar chart (Okabe-Ito blue)."""
    bars = shares(bank, hand_ins)
    count = plural(lang, "summary.hand_ins", len(hand_ins))
    title = tr(lang, "summary.chart_title", bank=bank.id, count=count)
    left, top, height, step = 48, 40, 200, 44
    width = left + step * len(bars) + 16
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{top + height + 44}" role="img"'
        f' font-family="sans-serif" font-size="12"><title>{escape(title)}</title>',
        f'<text x="{left}" y="20" font-size="14">{escape(title)}</text>',
    ]
    for pct in (0, 50, 100):
        y = top + height - height * pct / 100
        parts.append(f'<line x1="{left}" x2="{width - 8}" y1="{y}" y2="{y}" stroke="#bbb"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4}" text-anchor="end">{pct}%</text>')
    for i, (number, question, right) in enumerate(bars):
        pct = 100 * right / len(hand_ins)
        x, bar = left + step * i + 8, height * pct / 100
        label = tr(lang, "summary.chart_bar", number=number, id=question, right=right, n=len(hand_ins))
        parts.append(
            f'<rect x="{x}" y="{top + height - bar}" width="{step - 16}" height="{bar}" fill="#0072B2">'
            f"<title>{escape(label)}</title></rect>"
        )
        parts.append(f'<text x="{x + (step - 16) / 2}" y="{top + height + 16}" text-anchor="middle">{number}</text>')
    axis = tr(lang, "summary.chart_axis")
    parts.append(
        f'<text x="{left + (width - left) / 2}" y="{top + height + 36}" text-anchor="middle">{escape(axis)}</text>'
    )
    return "\n".join([*parts, "</svg>\n"])


def main(argv: list[str] | None = None, out=None) -> int:
    """The command line; returns the exit status (0: an overview was made)."""
    out = out or sys.stdout
    parser = argparse.ArgumentParser(prog="python -m veerkracht.quiz.summary", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--bank", help="ch01, ch02, ... (default: the bank most hand-ins are for)")
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE)
    parser.add_argument("--plot", type=Path, help="where to write the chart (default: scores-<bank>.svg here)")
    args = parser.parse_args(argv)
    lang = args.lang
    if not args.folder.is_dir():
        print(tr(lang, "summary.no_folder", folder=args.folder), file=out)
        return 2
    banks = all_banks()
    hand_ins, skipped = collect(args.folder, lang, banks)
    if args.bank and args.bank not in banks:
        print(tr(lang, "summary.bad_bank", bank=args.bank, banks=", ".join(banks)), file=out)
        return 2
    counts = Counter(h.bank for h in hand_ins)
    chosen = args.bank or (min(counts, key=lambda b: (-counts[b], b)) if counts else None)
    for h in hand_ins:
        if h.bank != chosen:
            skipped.append(tr(lang, "summary.other_bank", file=h.file, bank=h.bank, chosen=chosen))
    hand_ins = [h for h in hand_ins if h.bank == chosen]
    for message in skipped:
        print(message, file=out)
    if not hand_ins:
        print(tr(lang, "summary.nothing", folder=args.folder), file=out)
        return 1
    bank = banks[chosen]
    count = plural(lang, "summary.hand_ins", len(hand_ins))
    print(f"\n{tr(lang, 'summary.heading', bank=bank.id, title=bank.title[lang], count=count)}\n", file=out)
    print(question_table(bank, hand_ins, lang), file=out)
    print("", file=out)
    print(student_table(bank, hand_ins, lang), file=out)
    plot = args.plot or Path(f"scores-{bank.id}.svg")
    try:
        plot.write_text(svg_chart(bank, hand_ins, lang), "utf-8")
    except OSError as error:
        print(tr(lang, "summary.plot_failed", file=plot, reason=error.strerror or error), file=out)
        return 1
    print(f"\n{tr(lang, 'summary.plot', file=plot)}", file=out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
