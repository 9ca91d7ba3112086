"""Word-level facts about actor phrases: quantities, "anti-X", known organisations, sector nouns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.events.tables import KnownOrg, actor_tables
from newsevents.names import name_key

if TYPE_CHECKING:
    from spacy.tokens import Token

_QUANTITIES = ("thousand", "hundred", "dozen", "million", "score", "group", "number", "crowd", "some", "many", "most")


def through_quantity(token: "Token") -> "Token":
    """ "Thousands of students" -> students; "a group of Yoruba leaders" -> leaders."""
    if token.lemma_.lower() in _QUANTITIES and token.tag_ in ("NNS", "NN", "DT", "JJ", "CD"):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return token


def opposed(token: "Token") -> bool:
    """True for the country in "anti-Syria" / "pro-Iranian" (also split as anti - Syria)."""
    lowered = token.lower_
    if lowered.startswith(("anti-", "pro-")):
        return True
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in ("anti", "pro")


def known_org(text: str) -> KnownOrg | None:
    """A well-known organisation named exactly by ``text`` ("UN", "the Red Cross"), else None."""
    tables = actor_tables()
    return tables.orgs_exact.get(text.strip()) or tables.orgs_folded.get(name_key(text, strict=True))


def sector_noun(token: "Token") -> tuple[str | None, str | None]:
    """(sector, strength) of a noun lemma from the table, or (None, None)."""
    entry = actor_tables().nouns.get(token.lemma_.lower()) or actor_tables().nouns.get(token.lower_)
    if entry is None:
        return None, None
    return entry.sector, entry.strength


def offset(token: "Token") -> tuple[int, int]:
    """Character span of one token."""
    return token.idx, token.idx + len(token.text)


_DASHES = ("—", "–", "-", "--")


def in_dateline(token: "Token") -> bool:
    """True for a word of a news dateline ("MOSCOW (TNS) —", "NEW YORK, Dec 9 –"): a place, not an actor."""
    sent = token.sent
    first = sent[0]
    if token.i - sent.start > 3 or not (first.is_alpha and first.is_upper and len(first.text) >= 3):
        return False
    for other in sent[: min(len(sent), 12)]:
        # "WASHINGTON—The Senate": a long dash counts written tight; a hyphen only with a space ("search-and-rescue")
        if other.text in _DASHES and (other.text in ("—", "–") or other.whitespace_ or other.i == 0 or other.nbor(-1).whitespace_):
            return token.i < other.i
    return False
