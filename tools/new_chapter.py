"""Add a chapter in one command: both chapter pages, a bank stub, both tables of contents, its notebooks.

    python tools/new_chapter.py 06 coping-styles "Copingstijlen" "Coping styles"

It writes ``chapters/{nl,en}/06-coping-styles.md`` (the structure every chapter has: label, title,
overview with a moment to think, learning goals, prerequisites and study time, summary with the
link to the exercises, sources), ``exercises/bank/ch06.yml`` (the outline and one example question),
puts the chapter with its exercise page in both tables of contents, in number order before the
background part, and generates the four exercise notebooks. Nothing is publishable as it stands:
the pages carry ``% DRAFT`` lines and the bank ``draft: true``, and ``tools/build_site.py`` refuses
to build the book until the author has written the chapter and removed them (``--drafts`` builds a
preview). Bad input (a chapter number that exists, a slug that is not plain, an empty title) is
refused with a message, before anything is written.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from string import Template

import yaml
from build_site import toc_files  # beside this file (tools/)

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"
TOCS = {"nl": "_toc.yml", "en": "_toc.en.yml"}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_TITLE = 120


class ChapterError(ValueError):
    """Input the command refuses; the message says what is wrong and what would do."""


def in_step(tocs: dict[str, str]) -> bool:
    """Whether both tables of contents list the same pages in the same order (``/nl/`` for ``/en/``)."""
    nl, en = (toc_files(yaml.safe_load(tocs[lang])) for lang in ("nl", "en"))
    return [page.replace("/nl/", "/en/") for page in nl] == en


def with_chapter(text: str, lang: str, number: str, slug: str) -> str:
    """``text`` (a table of contents) with the chapter and its exercise page inserted by number."""
    entry = re.compile(rf"^(\s*)- file: chapters/{lang}/(\d+)-")
    lines = text.splitlines(keepends=True)
    chapters = [(i, len(m.group(1)), int(m.group(2))) for i, line in enumerate(lines) if (m := entry.match(line))]
    if not chapters:
        raise ChapterError(f"{TOCS[lang]} lists no chapter to put the new one beside")
    before = [c for c in chapters if c[2] < int(number)]
    if before:
        at, indent, _ = before[-1]
        at += 1
        while at < len(lines) and (not lines[at].strip() or len(lines[at]) - len(lines[at].lstrip()) > indent):
            at += 1
    else:
        at, indent, _ = chapters[0]
    pad = " " * indent
    block = (
        f"{pad}- file: chapters/{lang}/{number}-{slug}\n"
        f"{pad}  sections:\n"
        f"{pad}    - file: exercises/{lang}/ch{number}-student\n"
    )
    return "".join(lines[:at] + [block] + lines[at:])


def plan(number: str, slug: str, title_nl: str, title_en: str, root: Path = ROOT) -> dict[Path, str]:
    """Every file to write (new or changed) with its text; a ChapterError before anything is written."""
    if not re.fullmatch(r"\d{1,2}", number.strip()) or not 1 <= int(number) <= 99:
        raise ChapterError(f"The chapter number must be a number from 1 to 99, like 06; got {number!r}.")
    number = f"{int(number):02d}"
    if not SLUG.fullmatch(slug) or len(slug) > 40:
        raise ChapterError(
            "The slug names the chapter's files: lower-case letters a-z, digits and single hyphens,"
            f" at most 40, like 'coping-styles'; got {slug!r}."
        )
    titles = {"nl": title_nl.strip(), "en": title_en.strip()}
    for lang, name in (("nl", "Dutch"), ("en", "English")):
        if not titles[lang]:
            raise ChapterError(f"The {name} title is empty; give the chapter's title in both languages.")
        if "\n" in titles[lang] or len(titles[lang]) > MAX_TITLE:
            raise ChapterError(f"The {name} title must be one line of at most {MAX_TITLE} characters.")
    taken = sorted(
        str(path.relative_to(root))
        for lang in TOCS
        for path in (root / "chapters" / lang).glob("*.md")
        if path.name.startswith(f"{number}-") or path.stem.split("-", 1)[-1] == slug
    )
    bank = root / "exercises" / "bank" / f"ch{number}.yml"
    if bank.exists():
        taken.append(str(bank.relative_to(root)))
    if taken:
        raise ChapterError(f"Chapter {number} or the slug {slug!r} exists already: {', '.join(taken)}.")
    tocs = {lang: (root / toc).read_text("utf-8") for lang, toc in TOCS.items()}
    if not in_step(tocs):
        raise ChapterError("_toc.yml and _toc.en.yml do not list the same pages in the same order; fix that first.")
    fields = {"number": number, "num": str(int(number)), "slug": slug}
    files = {
        root / "chapters" / lang / f"{number}-{slug}.md": Template(
            (TEMPLATES / f"chapter.{lang}.md").read_text("utf-8")
        ).substitute(fields, title=titles[lang])
        for lang in TOCS
    }
    files[bank] = Template((TEMPLATES / "bank.yml").read_text("utf-8")).substitute(fields)
    changed = {lang: with_chapter(tocs[lang], lang, number, slug) for lang in TOCS}
    if not in_step(changed):  # never write tables of contents that disagree
        raise ChapterError("Inserting the chapter would put the two tables of contents out of step.")
    files.update({root / TOCS[lang]: changed[lang] for lang in TOCS})
    return files


def main(argv: list[str] | None = None, root: Path = ROOT, notebooks: bool = True) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("number", help="the chapter's number, like 06")
    parser.add_argument("slug", help="its file name after the number, like coping-styles")
    parser.add_argument("title_nl", help="the Dutch title")
    parser.add_argument("title_en", help="the English title")
    args = parser.parse_args(argv)
    try:
        files = plan(args.number, args.slug, args.title_nl, args.title_en, root)
    except ChapterError as error:
        print(error, file=sys.stderr)
        return 2
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        print(f"wrote {path.relative_to(root)}")
    number = f"{int(args.number):02d}"
    if notebooks:
        import make_exercises
        import make_notebooks

        if make_exercises.main([f"ch{number}"]) != 0 or make_notebooks.main([]) != 0:
            return 1
    print(
        f"\nChapter {number} is a draft: write both pages and the questions in exercises/bank/ch{number}.yml,"
        " then delete the '% DRAFT' lines and 'draft: true' and run tools/make_exercises.py and"
        " tools/make_notebooks.py again."
        " Until then tools/build_site.py refuses to build (--drafts to preview)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
