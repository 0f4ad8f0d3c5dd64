"""A lecturer's overview of a folder of hand-ins (``quiz.export``: ``name.json`` and ``name.csv``).

    python -m veerkracht.quiz.summary FOLDER [--bank ch01] [--lang en] [--plot scores.svg]

Prints a table per question (how many students got it right) and per student (score, questions to
look at again), and draws the share right per question as an SVG bar chart. The folder is read with
its subfolders, as a learning platform's download gives it; a student is a file's path in it,
without ``.json``/``.csv`` (ask students to put their name or number in the export's name), in one
Unicode spelling (NFC: "José" typed either way is one student). Of a hand-in with both files the
``.json`` is read.

Each hand-in is graded again from the answers in it, against the bank, and that grade is what
counts: a status edited in the file (``"wrong"`` made ``"correct"``) changes nothing, and the
overview says which files' own statuses differ. A damaged file, a file from another program, a
hand-in for another bank or one with impossible values (an attempts count of ``1e400``, JSON nested
200,000 deep) is reported in one line and skipped; nothing stops the overview. Everything from a file
(its name, a bank's name) reaches the terminal with its control characters shown as escapes, and a
console that cannot show a letter gets an escape for it instead of an error.

Why SVG written by hand: the overview must work offline on a lecturer's laptop with only this
package installed. matplotlib is not a dependency, plotly's static images need kaleido and a
Chrome, and plotly's HTML carries 3 MB of script; thirty lines of SVG open in any browser and
paste into slides.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from veerkracht.i18n import DEFAULT_LANGUAGE, LANGUAGES, plural, tr
from veerkracht.quiz.bank import BANK_DIR, Bank, BankError, Question, load_bank
from veerkracht.quiz.grade import grade
from veerkracht.quiz.text import numbers_phrase

STATUSES = {"correct", "wrong", "empty", "ungraded", "not answered"}
FIELDS = ["number", "question", "kind", "status", "attempts", "answer"]  # the export's CSV columns
MAX_BYTES = 5_000_000  # an export of twelve questions is a few KB
MAX_ATTEMPTS = 1_000_000  # more attempts at one question than anyone makes: an edited file
MAX_SHOWN = 80  # characters of a name or value from a file, on the terminal


def shown(text: object, limit: int = MAX_SHOWN) -> str:
    """``text`` (a file's name, a value in it) safe on a terminal: a control character, line break or
    other invisible character (an escape code that clears the screen, a right-to-left override)
    as its escape, ``\\x1b``, ``\\n``, ``\\u202e``; cut at ``limit`` characters."""
    text = str(text)
    safe = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text[: limit + 1])
    return safe if len(safe) <= limit else safe[: limit - 3] + "..."


class Skip(Exception):
    """A file that is no readable hand-in: a message key of ``summary.*`` and its fields."""

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(key)
        self.key, self.fields = key, fields


@dataclass(frozen=True)
class HandIn:
    """One student's hand-in: the status (graded again from the answer) and the number of attempts
    per question id, and the numbers of the questions whose status in the file differs."""

    student: str
    file: str
    bank: str
    status: dict[str, str]
    attempts: dict[str, int]
    differ: list[int] = field(default_factory=list)


def _no_constant(name: str) -> float:
    raise Skip("summary.damaged", reason=("summary.reason_number", {"value": name}))


def _finite(text: str) -> float:
    """A JSON number with a fraction or exponent; ``1e400`` (infinite as a float) is refused."""
    value = float(text)
    if not math.isfinite(value):
        _no_constant(text)
    return value


def _json(text: str) -> object:
    """JSON as a hand-in may hold it: Infinity, NaN and numbers too large for a float are refused."""
    return json.loads(text, parse_constant=_no_constant, parse_float=_finite)


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
            data = _json(text)
        except RecursionError:
            raise Skip("summary.damaged", reason=("summary.reason_nesting", {})) from None
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


def _count(value: object, question: str) -> int:
    """A number of attempts: a whole number from 0 to MAX_ATTEMPTS (text of digits in a CSV)."""
    count = None
    if type(value) is int:
        count = value
    elif isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 7:
        count = int(value)
    if count is None or not 0 <= count <= MAX_ATTEMPTS:
        try:
            text = json.dumps(value) if not isinstance(value, str) else value
        except (TypeError, ValueError):
            text = "?"
        raise Skip("summary.damaged", reason=("summary.reason_attempts", {"value": text, "question": question}))
    return count


def _answer(row: dict, csv_row: bool) -> object:
    """The answer a row holds (a CSV holds it as JSON text)."""
    answer = row.get("answer")
    if not csv_row or answer is None:
        return answer
    try:
        return _json(answer)
    except (ValueError, RecursionError):
        raise Skip("summary.damaged", reason=("summary.reason_answer", {"question": row["question"]})) from None


def regrade(question: Question, answer: object, attempts: int, lang: str) -> str:
    """The status of a hand-in's answer as the bank grades it now ("not answered" before any attempt)."""
    if attempts == 0 and answer is None:
        return "not answered"
    return grade(question, answer, lang).status


def read_hand_in(path: Path, name: str, banks: dict[str, Bank], lang: str = DEFAULT_LANGUAGE) -> HandIn:
    """The hand-in in ``path`` (.json or .csv as ``quiz.export`` writes them; ``name`` is its path
    in the folder), checked against its bank and graded again from its answers; raises Skip with the
    reason when it is damaged, foreign or of an unknown bank."""
    named, rows = _rows(path)
    said, attempts, answers = {}, {}, {}
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("question"), str) or row.get("status") not in STATUSES:
            raise Skip("summary.foreign")
        qid = row["question"]
        said[qid], attempts[qid] = row["status"], _count(row.get("attempts"), shown(qid, 40))
        answers[qid] = _answer(row, named is None)
    if not said:
        raise Skip("summary.foreign")
    bank = named if named is not None else _bank_of(list(said), banks)
    if bank not in banks:
        raise Skip("summary.unknown_bank", bank=bank)
    unknown = sorted(set(said) - {q.id for q in banks[bank].questions})
    if unknown:
        raise Skip("summary.unknown_questions", bank=bank, ids=", ".join(unknown[:3]))
    status, differ = {}, []
    for question in banks[bank].questions:
        if question.id in said:
            status[question.id] = regrade(question, answers[question.id], attempts[question.id], lang)
            if status[question.id] != said[question.id]:
                differ.append(question.number)
    student = unicodedata.normalize("NFC", name.rsplit(".", 1)[0])
    return HandIn(student, name, bank, status, attempts, differ)


def all_banks(directory: Path = BANK_DIR) -> dict[str, Bank]:
    banks = {}
    for path in sorted(directory.glob("*.yml")):
        try:
            banks[path.stem] = load_bank(path.stem, directory)
        except BankError:
            continue  # the bank's own tests name what is wrong with it
    return banks


def _message(lang: str, key: str, **fields: object) -> str:
    """A ``summary.*`` message with every field from a file shown safely; a field given as
    ``(key, fields)`` is itself a message (a translated reason)."""

    def value(field: object) -> str:
        if isinstance(field, tuple):
            return tr(lang, field[0], **{k: shown(v, 40) for k, v in field[1].items()})
        return shown(field)

    return tr(lang, key, **{name: value(field) for name, field in fields.items()})


def _hand_in_files(folder: Path, lang: str) -> tuple[list[tuple[Path, str]], list[str]]:
    """(path, name in the folder) of each hand-in to read, one per student, and a message per file
    left out. A student is a name without ``.json``/``.csv`` in one Unicode spelling (NFC): of
    ``José.json`` and ``José.csv`` (however either é is written) the ``.json`` is read."""
    chosen: dict[str, tuple[Path, str]] = {}
    skipped = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder)
        if any(part.startswith(".") or part == "__MACOSX" for part in relative.parts):
            continue  # a system's own files (.DS_Store, a zip's __MACOSX)
        name = relative.as_posix()
        if path.suffix not in {".json", ".csv"}:
            skipped.append(_message(lang, "summary.not_export", file=name))
            continue
        student = unicodedata.normalize("NFC", name.rsplit(".", 1)[0])
        if student in chosen:
            other_path, other = chosen[student]
            if other_path.suffix != path.suffix:
                if path.suffix == ".json":  # the .json of a student whose .csv came first
                    chosen[student] = (path, name)
                continue  # the same hand-in's other file
            skipped.append(_message(lang, "summary.same_student", file=name, other=other))
            continue
        chosen[student] = (path, name)
    return list(chosen.values()), skipped


def collect(folder: Path, lang: str, banks: dict[str, Bank]) -> tuple[list[HandIn], list[str]]:
    """Every readable hand-in under ``folder`` and one message per file skipped (or whose own
    statuses differ from its answers' grades). Whatever a file holds costs at most its own line."""
    hand_ins = []
    files, skipped = _hand_in_files(folder, lang)
    for path, name in files:
        try:
            hand_in = read_hand_in(path, name, banks, lang)
        except Skip as skip:
            skipped.append(_message(lang, skip.key, file=name, **skip.fields))
            continue
        except RecursionError:
            skipped.append(_message(lang, "summary.damaged", file=name, reason=("summary.reason_nesting", {})))
            continue
        except OSError as error:
            skipped.append(_message(lang, "summary.damaged", file=name, reason=error.strerror or error))
            continue
        except Exception as error:  # anything else a file can do: its line, not the lecturer's overview
            skipped.append(_message(lang, "summary.damaged", file=name, reason=type(error).__name__))
            continue
        hand_ins.append(hand_in)
        if hand_in.differ:
            questions = tr(lang, "quiz.summary_questions", numbers=numbers_phrase(hand_in.differ, tr(lang, "quiz.and")))
            skipped.append(_message(lang, "summary.disagrees", file=name, questions=questions))
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
        rows.append([shown(h.student), f"{len(graded) - len(again)}/{len(graded)}", ", ".join(again) or "-"])
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
    if out is None:
        out = sys.stdout
        if hasattr(out, "reconfigure"):  # a console without "Ş" (cp1252, ascii) shows \u015e, not a traceback
            out.reconfigure(errors="backslashreplace")
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
            skipped.append(_message(lang, "summary.other_bank", file=h.file, bank=h.bank, chosen=chosen))
    hand_ins = [h for h in hand_ins if h.bank == chosen]
    for message in skipped:
        print(message, file=out)
    if not hand_ins:
        print(tr(lang, "summary.nothing", folder=args.folder), file=out)
        return 1
    bank = banks[chosen]
    count = plural(lang, "summary.hand_ins", len(hand_ins))
    print(f"\n{_message(lang, 'summary.heading', bank=bank.id, title=bank.title[lang], count=count)}\n", file=out)
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
