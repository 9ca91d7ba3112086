"""Word lists the entity rules use: titles before names and head nouns that reveal a type.

Loaded once from ``data/nlp_titles.tsv`` (phrase, kind, case, portfolio) and
``data/nlp_head_nouns.tsv`` (lemma, type, alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsevents.nlp.datafiles import DataFileError, read_table

_TITLE_KINDS = ("office", "role", "honorific")
_TYPES = ("PERSON", "ORG", "LOC")
_ALONE = ("generic", "admin", "-")


@dataclass(frozen=True)
class Title:
    """A title phrase: what it is, whether it must be capitalised, whether it takes a portfolio."""

    kind: str  # office | role | honorific
    needs_capital: bool
    portfolio: bool = False  # "Infrastructure Minister": capitalised words before it belong to it


@dataclass(frozen=True)
class Lexicon:
    """Titles keyed by lower-case token tuples, and head-noun lemmas with the type they signal."""

    titles: dict[tuple[str, ...], Title]
    longest_title: int
    head_nouns: dict[str, str]
    generic: frozenset[str] = frozenset()  # institution words that alone are no name ("Parliament")
    admin: frozenset[str] = frozenset()  # administrative-area nouns ("province", "district")
    title_starts: frozenset[str] = frozenset()  # first words of titles, for a cheap first test
    title_ends: frozenset[str] = frozenset()  # last words of titles

    def is_generic(self, word: str) -> bool:
        """True for an institution word that alone names nothing ("Parliament", "Guards")."""
        lowered = word.lower()
        return lowered in self.generic or (lowered.endswith("s") and lowered[:-1] in self.generic)


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Split a phrase the way spaCy splits it: on spaces, with hyphens as their own tokens."""
    return tuple(re.findall(r"[^\s-]+|-", phrase.lower()))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the lexicon once per process."""
    titles: dict[tuple[str, ...], Title] = {}
    for row in read_table("nlp_titles.tsv", ("phrase", "kind", "case", "portfolio")):
        if row["kind"] not in _TITLE_KINDS or row["case"] not in ("any", "cap") or row["portfolio"] not in ("yes", "-"):
            raise DataFileError(
                f"nlp_titles.tsv: {row['phrase']!r} has kind {row['kind']!r} / case {row['case']!r} / "
                f"portfolio {row['portfolio']!r}; kinds are {', '.join(_TITLE_KINDS)}, cases any or cap, "
                "portfolio yes or -"
            )
        titles[phrase_tokens(row["phrase"])] = Title(row["kind"], row["case"] == "cap", row["portfolio"] == "yes")
    heads: dict[str, str] = {}
    generic: set[str] = set()
    admin: set[str] = set()
    for row in read_table("nlp_head_nouns.tsv", ("lemma", "type", "alone")):
        lemma = row["lemma"].lower()
        if row["type"] not in (*_TYPES, "-") or row["alone"] not in _ALONE:
            raise DataFileError(
                f"nlp_head_nouns.tsv: {row['lemma']!r} has type {row['type']!r} / alone {row['alone']!r}; "
                f"types are {', '.join(_TYPES)} or -, alone is one of {', '.join(_ALONE)}"
            )
        if row["type"] != "-":
            heads[lemma] = row["type"]
        if row["alone"] == "generic":
            generic.add(lemma)
        elif row["alone"] == "admin":
            admin.add(lemma)
    return Lexicon(
        titles,
        max(len(key) for key in titles),
        heads,
        frozenset(generic),
        frozenset(admin),
        frozenset(key[0] for key in titles),
        frozenset(key[-1] for key in titles),
    )
