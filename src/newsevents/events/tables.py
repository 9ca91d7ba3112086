"""Load the event coder's data tables (``newsevents/data/events_*.tsv``) with validation.

Every table starts with a ``# events_<name> vN`` header, then a column header row, then one
record a line, tab separated; ``#`` lines are comments. Every error names the file and line,
so a broken edit is found at once. Tables are read once per process (``lru_cache``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsevents.errors import NewseventsError

#: The PLOVER event types, in the order of the codebook.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


class EventsDataError(NewseventsError):
    """A bundled events_* table is malformed; the message names the file and line to fix."""


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO code: its Goldstein score and GDELT quad class."""

    code: str
    goldstein: float
    quad_class: int
    note: str


def read_rows(name: str, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of a bundled versioned TSV table, checking header and column count."""
    try:
        text = resources.files("newsevents.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise EventsDataError(f"data file {name} is missing from newsevents/data; reinstall newsevents") from exc
    return parse_rows(name, text, columns)


def parse_rows(name: str, text: str, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of the text of table ``name``; errors name the file and line."""
    lines = text.splitlines()
    stem = name.rsplit(".", 1)[0]
    if not lines or not lines[0].startswith(f"# {stem} v"):
        raise EventsDataError(f"{name}:1: expected a '# {stem} vN' version header")
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not header_seen:
            if tuple(cells) != columns:
                raise EventsDataError(f"{name}:{number}: header {cells} should be {list(columns)}")
            header_seen = True
            continue
        if len(cells) != len(columns):
            raise EventsDataError(
                f"{name}:{number}: expected {len(columns)} tab-separated columns ({', '.join(columns)}), "
                f"got {len(cells)}: {line!r}"
            )
        yield number, dict(zip(columns, cells))
    if not header_seen:
        raise EventsDataError(f"{name}: no header row {list(columns)} found")


def split_words(cell: str) -> frozenset[str]:
    """The '|'-separated words of a cell, lower-cased; '-' is empty."""
    if cell in ("", "-"):
        return frozenset()
    return frozenset(word.strip().lower() for word in cell.split("|") if word.strip())


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """CAMEO code -> Goldstein score and quad class, from ``events_cameo.tsv``."""
    name = "events_cameo.tsv"
    table: dict[str, CameoCode] = {}
    for number, row in read_rows(name, ("cameo", "goldstein", "quad_class", "note")):
        code = row["cameo"]
        if not code.isdigit() or not 2 <= len(code) <= 4:
            raise EventsDataError(f"{name}:{number}: CAMEO code {code!r} must be 2 to 4 digits")
        try:
            goldstein = float(row["goldstein"])
            quad = int(row["quad_class"])
        except ValueError as exc:
            raise EventsDataError(f"{name}:{number}: goldstein and quad_class must be numbers: {row}") from exc
        if not -10.0 <= goldstein <= 10.0 or quad not in (1, 2, 3, 4):
            raise EventsDataError(f"{name}:{number}: goldstein must be in -10..10 and quad_class 1-4: {row}")
        if code in table:
            raise EventsDataError(f"{name}:{number}: CAMEO code {code} is listed twice")
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
            raise EventsDataError(f"{name}:{number}: a context needs a name and at least one cue")
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
        if row["type"] not in PLOVER_TYPES:
            raise EventsDataError(f"{name}:{number}: {row['type']!r} is not a PLOVER event type ({', '.join(PLOVER_TYPES)})")
        cameo = None if row["cameo"] == "-" else row["cameo"]
        if cameo is not None and cameo not in codes:
            raise EventsDataError(f"{name}:{number}: CAMEO code {cameo!r} is not in events_cameo.tsv")
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
            raise EventsDataError(f"{name}:{number}: rank must be head, minister or other, got {row['rank']!r}")
        words = tuple(row["office"].lower().split())
        if not words:
            raise EventsDataError(f"{name}:{number}: empty office")
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


_NON_STATE = {"IGO", "NGO", "IMG", "MNC", "ISM"}


def fold_name(text: str) -> str:
    """Lower-case a name and drop a leading 'the', dots and extra spaces, for look-ups."""
    folded = " ".join(text.replace(".", "").replace("’", "'").lower().split())
    return folded[4:] if folded.startswith("the ") else folded


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
                raise EventsDataError(f"{name}:{number}: strength must be strong, weak or mod, got {row['strength']!r}")
            for word in split_words(row["names"]):
                nouns[word] = SectorNoun(sector, row["strength"])
        elif row["kind"] == "org":
            country = row["country"]
            if not (len(country) == 3 and country.isupper()):
                raise EventsDataError(f"{name}:{number}: country must be an ISO alpha-3 code or one of {sorted(_NON_STATE)}")
            forms = [form.strip() for form in row["names"].split("|") if form.strip()]
            if not forms:
                raise EventsDataError(f"{name}:{number}: an org row needs at least one name")
            org = KnownOrg(forms[0], country, sector)
            for form in forms:
                # Short all-capital forms (UN, EU, IS) match only as written; longer names fold.
                if form.replace(".", "").replace("-", "").isupper() and len(form.replace(".", "")) <= 6:
                    exact[form] = org
                else:
                    folded[fold_name(form)] = org
        else:
            raise EventsDataError(f"{name}:{number}: kind must be noun or org, got {row['kind']!r}")
    return ActorTables(nouns, exact, folded)
