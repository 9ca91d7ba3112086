"""The event coder's data tables (``newsevents/data/events_*.tsv``), validated and read once per process.

The files are read with :mod:`newsevents.datafiles` (versioned, tab separated; every error names
the file and line); this module checks what the cells mean and builds the look-up records.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newsevents.datafiles import DataFileError, parse_rows, read_rows, split_words
from newsevents.names import name_key
from newsevents.plover import EVENT_TYPES

if TYPE_CHECKING:
    from newsevents.registry.dictionary import Entry

__all__ = [
    "PLOVER_TYPES", "ActorTables", "CameoCode", "ContextCues", "EventsDataError", "KnownOrg", "ModeCue", "Office",
    "SectorNoun", "actor_tables", "cameo_table", "context_table", "mode_table", "office_table",
    "parse_rows", "read_rows", "split_words",
]  # fmt: skip

#: Older names, still imported: the PLOVER types live in :mod:`newsevents.plover`, the error of a bad
#: data file is :class:`newsevents.errors.DataFileError`.
PLOVER_TYPES = EVENT_TYPES
EventsDataError = DataFileError


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO code: its Goldstein score and GDELT quad class."""

    code: str
    goldstein: float
    quad_class: int
    note: str


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """CAMEO code -> Goldstein score and quad class, from ``events_cameo.tsv``."""
    name = "events_cameo.tsv"
    table: dict[str, CameoCode] = {}
    for number, row in read_rows(name, ("cameo", "goldstein", "quad_class", "note")):
        code = row["cameo"]
        if not code.isdigit() or not 2 <= len(code) <= 4:
            raise DataFileError(f"{name}:{number}: CAMEO code {code!r} must be 2 to 4 digits")
        try:
            goldstein = float(row["goldstein"])
            quad = int(row["quad_class"])
        except ValueError as exc:
            raise DataFileError(f"{name}:{number}: goldstein and quad_class must be numbers: {row}") from exc
        if not -10.0 <= goldstein <= 10.0 or quad not in (1, 2, 3, 4):
            raise DataFileError(f"{name}:{number}: goldstein must be in -10..10 and quad_class 1-4: {row}")
        if code in table:
            raise DataFileError(f"{name}:{number}: CAMEO code {code} is listed twice")
        table[code] = CameoCode(code, goldstein, quad, row["note"])
    return table


@dataclass(frozen=True)
class ContextCues:
    """PLOVER context -> cue lemmas (single lemmas and "a_b" pairs)."""

    by_context: tuple[tuple[str, frozenset[str]], ...]


@lru_cache(maxsize=1)
def context_table() -> ContextCues:
    """The context cues of ``events_contexts.tsv``."""
    name = "events_contexts.tsv"
    out: list[tuple[str, frozenset[str]]] = []
    for number, row in read_rows(name, ("context", "cues")):
        cues = split_words(row["cues"])
        if not row["context"] or not cues:
            raise DataFileError(f"{name}:{number}: a context needs a name and at least one cue")
        out.append((row["context"], cues))
    return ContextCues(tuple(out))


@dataclass(frozen=True)
class ModeCue:
    """A word that gives an event's mode: ``torture`` near an ASSAULT -> mode torture, CAMEO 1822."""

    type: str
    cues: frozenset[str]
    mode: str
    cameo: str | None


@lru_cache(maxsize=1)
def mode_table() -> tuple[ModeCue, ...]:
    """The mode cues of ``events_modes.tsv``, in file order (first match wins)."""
    name = "events_modes.tsv"
    codes = cameo_table()
    out: list[ModeCue] = []
    for number, row in read_rows(name, ("type", "cues", "mode", "cameo")):
        if row["type"] not in EVENT_TYPES:
            raise DataFileError(f"{name}:{number}: {row['type']!r} is not a PLOVER event type ({', '.join(EVENT_TYPES)})")
        cameo = None if row["cameo"] == "-" else row["cameo"]
        if cameo is not None and cameo not in codes:
            raise DataFileError(f"{name}:{number}: CAMEO code {cameo!r} is not in events_cameo.tsv")
        out.append(ModeCue(row["type"], split_words(row["cues"]), row["mode"], cameo))
    return tuple(out)


@dataclass(frozen=True)
class Office:
    """An office title: "foreign minister" -> Foreign Minister, GOV, rank minister."""

    words: tuple[str, ...]
    title: str
    sector: str
    rank: str  # head | minister | other


@lru_cache(maxsize=1)
def office_table() -> dict[tuple[str, ...], Office]:
    """Lower-case word tuple -> Office, from ``events_offices.tsv``."""
    name = "events_offices.tsv"
    out: dict[tuple[str, ...], Office] = {}
    for number, row in read_rows(name, ("office", "title", "sector", "rank")):
        if row["rank"] not in ("head", "minister", "other"):
            raise DataFileError(f"{name}:{number}: rank must be head, minister or other, got {row['rank']!r}")
        words = tuple(row["office"].lower().split())
        if not words:
            raise DataFileError(f"{name}:{number}: empty office")
        out[words] = Office(words, row["title"], row["sector"], row["rank"])
    return out


@dataclass(frozen=True)
class SectorNoun:
    """A noun lemma that names a sector; ``strength`` strong | weak | mod."""

    sector: str | None
    strength: str


@dataclass(frozen=True)
class KnownOrg:
    """A well-known organisation: its name as shown, its country (ISO3 or IGO/NGO/IMG/MNC) and sector."""

    name: str
    country: str
    sector: str | None


@dataclass(frozen=True)
class ActorTables:
    """Sector nouns by lemma; known organisations by exact short form and by folded long form."""

    nouns: dict[str, SectorNoun]
    orgs_exact: dict[str, KnownOrg]
    orgs_folded: dict[str, KnownOrg]


#: Country codes of actors that are no state: international, non-governmental, multinational, militant.
NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC", "ISM"})


@lru_cache(maxsize=1)
def actor_tables() -> ActorTables:
    """The sector nouns and known organisations of ``events_actors.tsv``."""
    name = "events_actors.tsv"
    nouns: dict[str, SectorNoun] = {}
    exact: dict[str, KnownOrg] = {}
    folded: dict[str, KnownOrg] = {}
    for number, row in read_rows(name, ("kind", "names", "country", "sector", "strength")):
        sector = None if row["sector"] == "-" else row["sector"]
        if row["kind"] == "noun":
            if row["strength"] not in ("strong", "weak", "mod"):
                raise DataFileError(f"{name}:{number}: strength must be strong, weak or mod, got {row['strength']!r}")
            for word in split_words(row["names"]):
                nouns[word] = SectorNoun(sector, row["strength"])
        elif row["kind"] == "org":
            country = row["country"]
            if not (len(country) == 3 and country.isupper()):
                raise DataFileError(f"{name}:{number}: country must be an ISO alpha-3 code or one of {sorted(NON_STATE)}")
            forms = [form.strip() for form in row["names"].split("|") if form.strip()]
            if not forms:
                raise DataFileError(f"{name}:{number}: an org row needs at least one name")
            org = KnownOrg(forms[0], country, sector)
            for form in forms:
                # Short all-capital forms (UN, EU, IS) match only as written; longer names fold.
                if form.replace(".", "").replace("-", "").isupper() and len(form.replace(".", "")) <= 6:
                    exact[form] = org
                else:
                    folded[name_key(form, strict=True)] = org
        else:
            raise DataFileError(f"{name}:{number}: kind must be noun or org, got {row['kind']!r}")
    return ActorTables(nouns, exact, folded)

@lru_cache(maxsize=1)
def _dictionary_people() -> dict[str, "Entry"]:
    """The people of our actor dictionary (``registry.dictionary``, read once) by the folded form of each name."""
    from newsevents.registry.dictionary import bundled_dictionary  # the registry reads this module's tables

    out: dict[str, Entry] = {}
    for entry in bundled_dictionary().entries:
        if entry.kind == "person":
            for name in entry.names:
                out.setdefault(name_key(name, strict=True), entry)
    return out


def known_person(text: str) -> "Entry | None":
    """The dictionary person named exactly by ``text`` ("Erdogan", "Recep Tayyip Erdoğan"), else None.

    A name the dictionary lists always means that person, so the coder gives "Erdogan" Turkey even
    in an article about Egypt ("a country from a known leader", eval/corpus/GUIDE.md).
    """
    return _dictionary_people().get(name_key(text, strict=True))
