"""Names the registry knows before reading an article, found in its text where the NER found nothing.

Three kinds, each with the node it stands for:

- a seat of government: an organisation of ``events_actors.tsv`` with a state's code and sector GOV
  ("the Kremlin", "Downing Street", "Zhongnanhai", "the Blue House") is that state (``country:RUS``),
  whatever label the NER gave it; one with sector MIL, COP or JUD ("the Pentagon") is the state's
  agent (``agent:USA-MIL``), unless our actors dictionary keeps it as an organisation;
- a name our actors dictionary lists ("Starmer", "Erdogan", "NATO"): that dictionary actor
  (``dict:<id>``), since a listed name always means its actor;
- a state's capital ("Kyiv has asked ...") when the article names that state elsewhere and the
  capital does not follow a word that makes it a place ("talks in Moscow").

``known_in(text)`` gives every such name in the text, longest first where two overlap; the
registry keeps those that no sighting of the NER or the event coder already covers.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from newsevents.names import name_key

#: A word before a capital that makes it a place, not its government ("in Moscow", "to Beijing" is left in).
_PLACE_WORDS = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "from", "into", "via", "through", "of"})
_ARTICLE = re.compile(r"^(?:the|The)\s+")


@dataclass(frozen=True)
class Known:
    """One known name found in a text: its span, the words, the node it stands for and its kind."""

    start: int
    end: int
    text: str
    node: str
    kind: str  # seat | dictionary | capital


def _bare(name: str) -> str:
    """The name without a leading "the" and a trailing possessive."""
    return re.sub(r"['’]s$", "", _ARTICLE.sub("", name.strip()))


@lru_cache(maxsize=1)
def seat_forms() -> tuple[tuple[str, str], ...]:
    """(written form, ISO alpha-3) of every seat of government: ``events_actors.tsv`` organisations of a state with sector GOV."""
    from newsevents.datafiles import read_rows
    from newsevents.registry.sightings import is_state

    out: list[tuple[str, str]] = []
    for _, row in read_rows("events_actors.tsv", ("kind", "names", "country", "sector", "strength")):
        if row["kind"] == "org" and row["sector"] == "GOV" and is_state(row["country"]):
            out.extend((form.strip(), row["country"]) for form in row["names"].split("|") if form.strip())
    return tuple(sorted(set(out)))


#: Sectors of a state's own institutions: an organisation of one of these is that state's agent ("the Pentagon" -> USA-MIL).
AGENT_SECTORS = ("MIL", "COP", "JUD")


@lru_cache(maxsize=1)
def agent_forms() -> tuple[tuple[str, str], ...]:
    """(written form, agent id) of a state's forces, police and courts named as organisations in ``events_actors.tsv``.

    Names our actors dictionary lists are left out: the dictionary keeps them as organisations of
    their own (the Revolutionary Guards are ``org:irgc``, not Iran's army).
    """
    from newsevents.datafiles import read_rows
    from newsevents.registry.dictionary import load_dictionary
    from newsevents.registry.sightings import is_state

    listed = {name_key(n, strict=True) for e in load_dictionary().entries for n in e.names}
    out: list[tuple[str, str]] = []
    for _, row in read_rows("events_actors.tsv", ("kind", "names", "country", "sector", "strength")):
        if row["kind"] == "org" and row["sector"] in AGENT_SECTORS and is_state(row["country"]):
            forms = [form.strip() for form in row["names"].split("|") if form.strip()]
            if not any(name_key(_bare(form), strict=True) in listed for form in forms):
                out.extend((form, f"{row['country']}-{row['sector']}") for form in forms)
    return tuple(sorted(set(out)))


def _folded(forms: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Folded written form (no "the", no "'s") -> what it stands for."""
    return {name_key(_bare(form), strict=True): value for form, value in forms}


@lru_cache(maxsize=1)
def _agents() -> dict[str, str]:
    """Folded name -> agent id."""
    return _folded(agent_forms())


@lru_cache(maxsize=1)
def _seats() -> dict[str, str]:
    """Folded seat name -> ISO alpha-3."""
    return _folded(seat_forms())


def _look_up(table: dict[str, str], name: str) -> str | None:
    """What ``name`` stands for in a folded table, else None."""
    bare = _bare(name)
    return table.get(name_key(bare, strict=True)) if bare else None


def agent_named(name: str) -> str | None:
    """The agent a state's institution named as an organisation stands for ("the Pentagon" -> USA-MIL), else None."""
    return _look_up(_agents(), name)


def seat_of(name: str) -> str | None:
    """The state whose seat of government ``name`` is ("the Kremlin" -> RUS), else None."""
    return _look_up(_seats(), name)


@lru_cache(maxsize=1)
def _written() -> tuple[tuple[str, str, str], ...]:
    """(written name, node, kind) of every known name: seats' forms, dictionary names, capitals."""
    from newsevents.nlp.gazetteer import capitals
    from newsevents.registry.dictionary import load_dictionary

    rows = [(form, f"country:{code}", "seat") for form, code in seat_forms()]
    rows.extend((form, f"agent:{agent}", "seat") for form, agent in agent_forms())  # read like a seat: "the Pentagon said"
    for entry in load_dictionary().entries:
        if entry.kind in ("person", "organisation"):
            rows.extend((name, f"dict:{entry.id}", "dictionary") for name in entry.names if len(name) >= 3 or name.isupper())
    rows.extend((city, f"country:{code}", "capital") for code, city in capitals() if len(city) >= 4)
    return tuple(sorted(set(rows)))


_WORD = re.compile(r"[A-Z\u00c0-\u024f][\w'’.-]*")


@lru_cache(maxsize=1)
def _by_first_word() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """First word of a known name -> (name, node, kind) of the names it starts, longest first; a seat before the rest."""
    order = {"seat": 0, "dictionary": 1, "capital": 2}
    by_name: dict[str, tuple[str, str]] = {}
    for name, node, kind in sorted(_written(), key=lambda row: (order[row[2]], row)):
        by_name.setdefault(name, (node, kind))
    out: dict[str, list[tuple[str, str, str]]] = {}
    for name in sorted(by_name, key=lambda n: (-len(n), n)):
        found = _WORD.match(name)
        if found:
            out.setdefault(found.group(0), []).append((name, *by_name[name]))
    return {word: tuple(rows) for word, rows in out.items()}


def known_version() -> str:
    """A digest of every known name and its node: what an article's observation also depends on."""
    return hashlib.sha1("\n".join("\t".join(row) for row in _written()).encode("utf-8")).hexdigest()[:8]


def known_in(text: str, states: set[str]) -> list[Known]:
    """Every known name in ``text``; a capital only when ``states`` (the states the article names) hold its state."""
    table = _by_first_word()
    out: list[Known] = []
    after = 0  # no two names overlap
    for word in _WORD.finditer(text):
        begin = word.start()
        rows = table.get(word.group(0)) or table.get(word.group(0).rstrip(".'’"))
        if rows is None or begin < after or (begin and (text[begin - 1].isalnum() or text[begin - 1] == "-")):
            continue
        for name, node, kind in rows:
            end = begin + len(name)
            if not text.startswith(name, begin) or (end < len(text) and (text[end].isalnum() or text[end] in "-_")):
                continue
            before = text[max(0, begin - 16) : begin].split()[-1:]
            if kind == "capital" and (node[8:] not in states or (before and before[0].lower() in _PLACE_WORDS)):
                break
            start = begin - 4 if kind == "seat" and text[max(0, begin - 4) : begin] in ("the ", "The ") else begin
            out.append(Known(start, end, text[start:end], node, kind))
            after = end
            break
    return out
