"""The prose of a MyST page as a reader sees it, for tests that look for a sentence in the source:
a linked glossary term (``{term}`tegenslagen <tegenslag>```) reads as its text."""

import re

TERM = re.compile(r"\{term\}`([^`<]*?)(?:\s*<[^`>]*>)?`")


def prose(text: str) -> str:
    """``text`` with each ``{term}`` role replaced by the words it shows."""
    return TERM.sub(lambda match: match.group(1).strip(), text)
