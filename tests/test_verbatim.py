"""The dossier's own words appear only inside marked quotations: a content check, not a timing.

The measure: every run of eight words in the dossier's text (D:3-58, normalised: lower case, accents
dropped, punctuation ignored) is looked up in each edition of the course with quotations removed:
passages in quotation marks (“…”, "…", ‘…’ and '…') and quote blocks (lines starting with ``>``).
An edition is every page of its table of contents (the exercise pages through their question banks,
the glossary page through ``book/glossary.yml``) and the demos' reader texts. Under ``LIMIT`` of the
dossier's distinct runs may appear outside quotations; on failure the test lists each run it found,
with the file and the line or question it stands in. Run ``python tests/test_verbatim.py`` to print
the share per edition.

The dossier's text is not part of the course's repository (it lies beside it, in the shared
workspace): the repository keeps only a fingerprint of each of its runs (``DOSSIER_RUNS``, a short
hash per run), enough to find a copied run in the course and nothing to read the dossier by. Where
the text is at hand, a test holds the fingerprints to it; ``python tests/test_verbatim.py --refresh``
writes them again.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

DOSSIER = ROOT.parent / "shared" / "dossier" / "veerkracht-en-mentale-gezondheid.txt"  # beside the repo
DOSSIER_RUNS = ROOT / "tests" / "data" / "dossier-runs.txt"  # a fingerprint of each run, kept in the repo
DOSSIER_LINES = (3, 58)  # the text itself: not the header, the citation advice or the address
RUN = 8  # words in a run
LIMIT = 0.03  # share of the dossier's distinct runs allowed outside quotations, per edition
EDITIONS = ("nl", "en")

BREAK = " \u2016 "  # stands where a quotation was cut out: no run is counted across it
FENCE = re.compile(r"^(`{3,}|~{3,})\s*(\{code-cell\}|text|python|ipython3)?")
ROLE = re.compile(r"\{(\w+)(?::(\w+))?\}`([^`]*)`")
TAG = re.compile(r"<[^>]+>")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
QUOTES = (
    re.compile(r"“[^”]*”"),
    re.compile(r"‘[^’]*’"),
    re.compile(r'"[^"\n]*"'),
    # A single quote opens after a space, a bracket or a dash, and closes before anything but a
    # letter, so the apostrophes of "zo'n", "Sam's" and "'s nachts" (taken out first) are no quotes.
    re.compile(r"(?<![\w'])'(?=\S)[^'\n]*?(?<=\S)'(?!\w)"),
)
ELISION = re.compile(r"(?<!\w)'(s|t|k|n)\b", re.IGNORECASE)


def words(text: str) -> list[str]:
    """The words of ``text``, lower case, without accents or punctuation (``materiële`` is
    ``materiele``, as the dossier spells it)."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return re.findall(r"[a-z0-9]+|\u2016", plain)


def runs(text: str) -> set[tuple[str, ...]]:
    """The runs of ``RUN`` words in ``text``, none across a cut-out quotation."""
    found = set()
    for segment in " ".join(words(text)).split("\u2016"):
        seq = segment.split()
        found.update(tuple(seq[i : i + RUN]) for i in range(len(seq) - RUN + 1))
    return found


def unquoted(text: str) -> str:
    """``text`` as prose without its quotations, MyST roles read as the words they show, links and
    HTML tags as their text."""
    text = ROLE.sub(lambda m: "" if m.group(1) == "cite" else re.sub(r"\s*<[^>]*>\s*$", "", m.group(3)), text)
    text = LINK.sub(r"\1", TAG.sub(" ", text))
    text = ELISION.sub(r"\1", text)
    for quote in QUOTES:
        text = quote.sub(BREAK, text)
    return text


def fingerprint(run: tuple[str, ...]) -> str:
    """A short hash of one run of words: it tells a copied run, not the words."""
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


def runs_of_the_dossier_text() -> set[tuple[str, ...]]:
    lines = DOSSIER.read_text("utf-8").splitlines()
    first, last = DOSSIER_LINES
    found = set()
    for line in lines[first - 1 : last]:
        found |= runs(line)
    return found


def dossier_runs() -> set[str]:
    """The fingerprints of the dossier's runs, as the repository keeps them."""
    lines = DOSSIER_RUNS.read_text("utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def page_blocks(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for each paragraph of a MyST page outside code and quote blocks."""
    fence, start, block = None, 0, []
    lines = path.read_text("utf-8").splitlines()
    if lines and lines[0] == "---":  # the jupytext header
        end = lines.index("---", 1)
        lines = [""] * (end + 1) + lines[end + 1 :]
    for number, line in enumerate(lines + [""], start=1):
        opening = FENCE.match(line.strip())
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        if opening and opening.group(2):  # code: not prose
            fence = opening.group(1)
            continue
        if line.lstrip().startswith(">") or not line.strip() or opening:
            if block:
                yield f"{path.relative_to(ROOT)}:{start}", unquoted(" ".join(block))
            block = []
            continue
        if not block:
            start = number
        block.append(line)


def strings(node, lang: str, where: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every text in language ``lang`` of a bank or the glossary."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == lang and isinstance(value, str):
                yield where, unquoted(value)
            elif key == lang and isinstance(value, dict):  # the glossary: term, definition
                yield from ((where, unquoted(v)) for v in value.values() if isinstance(v, str))
            else:
                label = node.get("id") or node.get("key")
                yield from strings(value, lang, f"{where}/{label}" if label and key != "id" else where)
    elif isinstance(node, list):
        for item in node:
            yield from strings(item, lang, where)


def edition_blocks(lang: str) -> Iterator[tuple[str, str]]:
    """Every text of one edition: its pages, its question banks, its glossary and its demo texts."""
    from build_site import toc_pages  # tools/: on the path under pytest (tests/conftest.py)

    for page in toc_pages(lang):
        path = ROOT / f"{page}.md"
        if path.exists():  # the exercise pages are notebooks made from the banks, read below
            yield from page_blocks(path)
    for bank in sorted((ROOT / "exercises" / "bank").glob("ch*.yml")):
        yield from strings(yaml.safe_load(bank.read_text("utf-8")), lang, str(bank.relative_to(ROOT)))
    glossary = ROOT / "book" / "glossary.yml"
    yield from strings(yaml.safe_load(glossary.read_text("utf-8")), lang, str(glossary.relative_to(ROOT)))
    texts = json.loads((ROOT / "widgets" / "locale" / f"{lang}.json").read_text("utf-8"))
    for key, value in texts.items():
        if isinstance(value, str):
            yield f"widgets/locale/{lang}.json:{key}", unquoted(value)


def verbatim(lang: str) -> tuple[float, dict[tuple[str, ...], list[str]]]:
    """The share of the dossier's runs found outside quotations in edition ``lang``, and where."""
    source = dossier_runs()
    where: dict[tuple[str, ...], list[str]] = {}
    for place, text in edition_blocks(lang):
        for run in runs(text):
            if fingerprint(run) in source:
                where.setdefault(run, []).append(place)
    return len(where) / len(source), where


def copied(text: str) -> bool:
    """Whether ``text``, its quotations cut out, holds a run of the dossier."""
    return any(fingerprint(run) in dossier_runs() for run in runs(unquoted(text)))


def test_the_measure_counts_a_copied_sentence_and_not_a_quoted_one():
    sentence = "Veerkracht kost tijd. Zo moet iemand voldoende tijd krijgen om te kunnen herstellen"
    assert copied(sentence)
    assert not copied(f"Het dossier: '{sentence}'.") and not copied(f"Het dossier: “{sentence}”.")
    assert unquoted("Hij ligt 's nachts wakker, zo'n 'beetje' moe") == f"Hij ligt s nachts wakker, zo'n {BREAK} moe"


@pytest.mark.skipif(not DOSSIER.exists(), reason="the dossier's text lies beside the repository, not here")
def test_the_fingerprints_are_those_of_the_dossiers_text():
    assert dossier_runs() == {fingerprint(run) for run in runs_of_the_dossier_text()}


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_dossiers_words_appear_only_in_marked_quotations(lang):
    share, where = verbatim(lang)
    report = "\n".join(
        f"  {' '.join(run)!r}: {', '.join(sorted(set(places)))}" for run, places in sorted(where.items())
    )
    assert share < LIMIT, f"{share:.1%} of the dossier's {RUN}-word runs stand outside quotations:\n{report}"


if __name__ == "__main__":  # run as a script: the share per edition; --refresh writes the fingerprints
    sys.path.insert(0, str(ROOT / "tools"))
    if "--refresh" in sys.argv:
        lines = sorted(fingerprint(run) for run in runs_of_the_dossier_text())
        first, last = DOSSIER_LINES
        head = f"# The dossier's {RUN}-word runs (D:{first}-{last}), each as tests/test_verbatim.py fingerprints it."
        DOSSIER_RUNS.write_text(head + "\n" + "\n".join(lines) + "\n", "utf-8")
    for edition in EDITIONS:
        share, found = verbatim(edition)
        print(f"{edition}: {share:.1%} of the dossier's {RUN}-word runs outside quotations ({len(found)} runs)")
