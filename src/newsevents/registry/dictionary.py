"""The actor dictionary: our ``data/actors_dictionary.tsv`` and, over it, a user's own file.

Columns: id, names (``|`` separated, the first is the actor's name), country, sector, role,
start, end (``-`` for none). One row per actor, or one per term of office: rows with the same id
add names and terms. A term says who held an office (``role``, a title of events_offices.tsv) of
a country from ``start`` to ``end`` (ISO dates; ``-`` for open). The dictionary seeds the registry
and wins over what it infers. A user file replaces our rows for the ids it names and takes its
names from our other actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsevents.datafiles import parse_rows, read_text, split_names
from newsevents.errors import DataFileError
from newsevents.names import name_key
from newsevents.registry.keys import ID_SCHEME, kind_of
from newsevents.registry.records import Term

COLUMNS = ("id", "names", "country", "sector", "role", "start", "end")
BUNDLED = "actors_dictionary.tsv"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(r"^[A-Z]{3}$")
_SECTOR = re.compile(r"^[A-Z]{2,4}$")


@dataclass(frozen=True, order=True)
class Entry:
    """One dictionary actor: its id, kind, names (the first is its name), country and sector."""

    id: str
    kind: str
    names: tuple[str, ...]
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class Dictionary:
    """Dictionary actors by id order, and their dated terms of office."""

    entries: tuple[Entry, ...] = ()
    terms: tuple[Term, ...] = ()

    def by_id(self) -> dict[str, Entry]:
        """Entries keyed by id."""
        return {e.id: e for e in self.entries}


def _cell(value: str) -> str | None:
    """A cell's value, None for ``-`` or empty."""
    return None if value in ("", "-") else value


@lru_cache(maxsize=1)
def _office_titles() -> frozenset[str]:
    """Office titles a term may name (events_offices.tsv)."""
    from newsevents.events.tables import office_table

    return frozenset(o.title for o in office_table().values())


def _check(name: str, number: int, row: dict[str, str]) -> None:
    """Raise a DataFileError naming file and line for a row that breaks the format."""
    where = f"{name}:{number}"
    if kind_of(row["id"]) is None:
        raise DataFileError(f"{where}: id {row['id']!r} fits no id shape; write one like {ID_SCHEME}")
    country, sector, role = _cell(row["country"]), _cell(row["sector"]), _cell(row["role"])
    if country is not None and not _CODE.match(country):
        raise DataFileError(f"{where}: country {country!r} should be an ISO alpha-3 code (IRN) or IGO/NGO/IMG/MNC, or -")
    if sector is not None and not _SECTOR.match(sector):
        raise DataFileError(f"{where}: sector {sector!r} should be a PLOVER sector code (GOV, MIL, COP ...) or -")
    for column in ("start", "end"):
        value = _cell(row[column])
        if value is not None and not _DATE.match(value):
            raise DataFileError(f"{where}: {column} {value!r} should be an ISO date YYYY-MM-DD, or - when open")
    if role is None:
        if _cell(row["start"]) or _cell(row["end"]):
            raise DataFileError(f"{where}: start/end given without a role; name the office in the role column")
        return
    if role not in _office_titles():
        raise DataFileError(f"{where}: role {role!r} is not an office title of events_offices.tsv (e.g. President, Prime Minister)")
    if country is None:
        raise DataFileError(f"{where}: role {role!r} needs the country whose office it is")
    start, end = _cell(row["start"]) or "", _cell(row["end"]) or ""
    if start and end and end < start:
        raise DataFileError(f"{where}: end {end} is before start {start}")


def parse_dictionary(name: str, text: str) -> Dictionary:
    """A dictionary from the text of a table named ``name``; errors name the file and line."""
    names: dict[str, list[str]] = {}
    facts: dict[str, tuple[str | None, str | None, int]] = {}
    terms: list[Term] = []
    for number, row in parse_rows(name, text, COLUMNS, kind="actors_dictionary"):
        _check(name, number, row)
        actor = row["id"]
        country, sector = _cell(row["country"]), _cell(row["sector"])
        known = facts.get(actor)
        if known is not None and ((country and known[0] and country != known[0]) or (sector and known[1] and sector != known[1])):
            raise DataFileError(f"{name}:{number}: {actor} has country/sector {country}/{sector} here but {known[0]}/{known[1]} on line {known[2]}; make them agree")
        facts[actor] = (country or (known[0] if known else None), sector or (known[1] if known else None), known[2] if known else number)
        listed = names.setdefault(actor, [])
        listed.extend(n for n in (split_names(row["names"]) if _cell(row["names"]) else []) if n not in listed)
        role = _cell(row["role"])
        if role is not None and country is not None:
            terms.append(Term(country, role, _cell(row["start"]) or "", _cell(row["end"]) or "", actor, "dictionary"))
    for actor, listed in names.items():
        if not listed:
            raise DataFileError(f"{name}:{facts[actor][2]}: {actor} has no names; give at least one in the names column")
    entries = tuple(sorted(Entry(a, kind_of(a) or "", tuple(n), facts[a][0], facts[a][1]) for a, n in names.items()))
    return Dictionary(entries, tuple(sorted(terms)))


def overlay(base: Dictionary, top: Dictionary) -> Dictionary:
    """``top`` over ``base``: its ids replace base's, and names it claims leave base's other actors."""
    claimed = {name_key(n) for e in top.entries for n in e.names}
    replaced = {e.id for e in top.entries}
    kept = []
    for entry in base.entries:
        if entry.id in replaced:
            continue
        names = tuple(n for n in entry.names if name_key(n) not in claimed)
        if names:
            kept.append(Entry(entry.id, entry.kind, names, entry.country, entry.sector))
    kept_ids = {e.id for e in kept}
    terms = [t for t in base.terms if t.actor in kept_ids] + list(top.terms)
    return Dictionary(tuple(sorted(kept + list(top.entries))), tuple(sorted(terms)))


@lru_cache(maxsize=1)
def bundled_dictionary() -> Dictionary:
    """Our dictionary, ``data/actors_dictionary.tsv``."""
    return parse_dictionary(BUNDLED, read_text(BUNDLED))


def load_dictionary(path: str | Path | None = None) -> Dictionary:
    """Our dictionary, with the user's file at ``path`` (same columns) merged over it when given."""
    if path is None:
        return bundled_dictionary()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read the actor dictionary ({exc.strerror}); check the path") from exc
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path}: the actor dictionary is not UTF-8 text; save it as UTF-8") from exc
    return overlay(bundled_dictionary(), parse_dictionary(str(path), text))
