"""Word lists the entity rules use: titles before names and head nouns that reveal a type.

Loaded once from ``data/nlp_titles.tsv`` and ``data/nlp_head_nouns.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsevents.nlp.datafiles import DataFileError, read_table

_TITLE_KINDS = ("office", "role", "honorific")
_TYPES = ("PERSON", "ORG", "LOC")


@dataclass(frozen=True)
class Title:
    """A title phrase: what it is and whether it must be capitalised to count."""

    kind: str  # office | role | honorific
    needs_capital: bool


@dataclass(frozen=True)
class Lexicon:
    """Titles keyed by lower-case token tuples, and head-noun lemmas with the type they signal."""

    titles: dict[tuple[str, ...], Title]
    longest_title: int
    head_nouns: dict[str, str]


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Split a phrase the way spaCy splits it: on spaces, with hyphens as their own tokens."""
    return tuple(re.findall(r"[^\s-]+|-", phrase.lower()))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the lexicon once per process."""
    titles: dict[tuple[str, ...], Title] = {}
    for row in read_table("nlp_titles.tsv", ("phrase", "kind", "case")):
        if row["kind"] not in _TITLE_KINDS or row["case"] not in ("any", "cap"):
            raise DataFileError(
                f"nlp_titles.tsv: {row['phrase']!r} has kind {row['kind']!r} / case {row['case']!r}; "
                f"kinds are {', '.join(_TITLE_KINDS)}, cases any or cap"
            )
        titles[phrase_tokens(row["phrase"])] = Title(row["kind"], row["case"] == "cap")
    heads: dict[str, str] = {}
    for row in read_table("nlp_head_nouns.tsv", ("lemma", "type")):
        if row["type"] not in _TYPES:
            raise DataFileError(f"nlp_head_nouns.tsv: {row['lemma']!r} has type {row['type']!r}; use {_TYPES}")
        heads[row["lemma"].lower()] = row["type"]
    return Lexicon(titles, max(len(key) for key in titles), heads)
