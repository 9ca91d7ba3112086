"""Descriptions of an actor that the text gives right after a state's name, outside any event.

"Iran's president told the Russian leader ...; the British government said ...; the Israeli
military ..." — the event coder makes a participant of a description only when it acts in an event
it codes; the registry reads the rest here, from the article text after every mention of a state
(its name or demonym):

- ``<state>'s <office>`` or ``<demonym> <office>`` with a single-holder office of
  ``events_offices.tsv`` ("president", "foreign minister", or one our dictionary dates such as
  "crown prince") is a role, resolved through the dated
  role timeline like a participant's; "leader" is the holder of the country's head office (rank
  head) on that day;
- with a sector noun of ``events_actors.tsv`` that names an institution ("government",
  "presidency", "military", "police"), alone or after a word saying which ("foreign ministry",
  "supreme court", "riot police"): the country for GOV, else its agent (``IRN-COP``). Nouns
  that are also titles written before names ("ambassador", "governor") name a person and are left out.

Read only when the phrase is in lower case and not followed by a name (in "Iranian president
Masoud Pezeshkian" the person is the actor), and not after "former", "late" and the like, nor after
a possessive ("his Iranian counterpart" is a person). A role
that no term resolves gets no actor (it is not the country: "Iran's president" is a person).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsevents.registry.sightings import office_words, single_holder

#: The word written before a state's name that makes an office someone else's ("the former Iranian president").
_NOT_NOW = frozenset({"former", "late", "ex", "then", "previous", "next", "future", "acting", "interim", "outgoing", "incoming", "deputy", "vice"})
#: A possessive before the state's demonym makes the noun someone's relation, a person ("his Iranian counterpart").
_POSSESSORS = frozenset({"his", "her", "its", "their", "our", "my", "your"})
_AFTER = re.compile(r"(?:['’]s)?((?: [a-z][a-z-]*){1,3})")
_NEXT_NAME = re.compile(r" [A-Z]")
#: Words that say which of a state's institutions an institution noun means ("the Iranian foreign ministry", "Brazil's
#: supreme court"): read before the noun; any other word there ("Iran has police") ends the description.
_MODIFIERS = frozenset({"foreign", "defence", "defense", "interior", "justice", "finance", "economy", "health", "education",
                        "state", "central", "supreme", "constitutional", "high", "top", "national", "federal", "armed",
                        "security", "intelligence", "riot", "border", "royal", "military", "new", "interim"})  # fmt: skip
LEADER = "*leader"  # the office of "the Russian leader": the country's head, whoever holds it that day


@dataclass(frozen=True)
class Phrase:
    """A description found after a state's mention: its span, its text and what it names."""

    start: int
    end: int
    text: str
    office: str | None  # an office title ("President", LEADER), or None for a sector noun
    sector: str | None  # the noun's sector when no office: GOV, MIL, COP, ...




@lru_cache(maxsize=1)
def _institutions() -> dict[str, str]:
    """Sector noun -> sector for nouns that name an institution or a body of people, not one titled person."""
    from newsevents.events.tables import actor_tables
    from newsevents.nlp.lexicon import lexicon

    titles = {words[0] for words in lexicon().titles if len(words) == 1}
    offices = {words[0] for words in office_words() if len(words) == 1}
    return {noun: entry.sector for noun, entry in actor_tables().nouns.items()
            if entry.sector and entry.strength == "strong" and noun not in titles and noun not in offices}  # fmt: skip


def _singular(word: str) -> str:
    """A plural noun's singular, by its ending only (forces -> force, authorities -> authority)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def phrase_after(text: str, start: int, end: int, possessive: bool, country: str | None = None) -> Phrase | None:
    """The description that the state mention ``text[start:end]`` opens, or None.

    ``possessive``: the mention is the state's name, so "'s" may follow ("Iran's president");
    a demonym is followed by the noun itself ("the Iranian president"). ``country`` is the state's
    code: whether an office has one holder may depend on it (an office our dictionary dates there).
    """
    before = text[max(0, start - 12) : start].split()
    if before and before[-1].lower().strip("-") in _NOT_NOW | _POSSESSORS:
        return None
    after = text[end : end + 48]
    if not possessive and after[:1] in ("'", "’"):
        return None
    found = _AFTER.match(after)
    if found is None:
        return None
    words = found.group(1).split()
    phrase_end, office, sector = 0, None, None
    offset = found.start(1)
    for size in range(len(words), 0, -1):
        held = office_words().get(tuple(words[:size]))
        if held is not None:
            if not single_holder(tuple(words[:size]), held[0], held[1], country):
                return None  # an office several people hold ("vice president"): no one actor
            office, phrase_end = held[0], size
            break
    if office is None:
        first = words[0]
        if first == "leader":
            office, phrase_end = LEADER, 1
        elif first != "leaders" and (sector := _institutions().get(_singular(first))) is not None:
            phrase_end = 1
        elif first in _MODIFIERS and len(words) > 1 and (sector := _institutions().get(_singular(words[1]))) is not None:
            phrase_end = 2  # "Iran's foreign ministry", "the Turkish riot police"
        else:
            return None
    span_end = end + offset + len(" ".join([""] + words[:phrase_end]))
    if _NEXT_NAME.match(text, span_end):
        return None  # a title before a name: "Iranian president Masoud Pezeshkian"
    lead = text[max(0, start - 4) : start]
    span_start = start - 4 if lead.lower() == "the " else start
    return Phrase(span_start, span_end, text[span_start:span_end], office, sector)
