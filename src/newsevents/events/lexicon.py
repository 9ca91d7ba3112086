"""The trigger lexicon (``events_lexicon.tsv``): patterns over a head word and its dependents.

A pattern is a head lemma plus constraints on the head's dependents (see the file's header):
``hold >talk|meeting``, ``take +into>custody``, ``strike <hunger``. Patterns are parsed once
into frozen records and indexed by head lemma and part of speech; matching against a spaCy
token is a handful of set look-ups, done in :mod:`newsevents.events.triggers`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from newsevents.datafiles import DataFileError, parse_rows, read_text, split_words
from newsevents.events.tables import cameo_table
from newsevents.plover import EVENT_TYPES

FRAMES = ("agree", "reject", "threaten", "request", "plan", "try", "report", "accuse", "deny", "neg")
FLAGS = ("sym", "swap", "weak", "diplo", "needobj", "noccomp", "noxcomp", "objtarget")
_FILE = "events_lexicon.tsv"
_KIND = "events_lexicon"


@dataclass(frozen=True)
class Prep:
    """A required preposition / particle child, optionally with the lemma of its object."""

    words: frozenset[str]
    objects: frozenset[str] | None  # None: any object (or none)


@dataclass(frozen=True)
class Pattern:
    """One lexicon row: what to match and what it codes."""

    line: int
    text: str
    heads: frozenset[str]
    pos: str  # V | N | A
    obj: frozenset[str] | None  # required direct-object forms; {"@actor"} for any actor
    preps: tuple[Prep, ...]
    mods: frozenset[str] | None
    anychild: frozenset[str] | None
    type: str | None  # PLOVER type, None for blockers and frame-only words
    mode: str | None
    cameo: str | None
    frame: str | None
    flags: frozenset[str]
    target_preps: frozenset[str]

    @property
    def specificity(self) -> int:
        """How many constraints the pattern has; the most specific matching pattern wins.

        An object named only by two-word forms ("air_strike") counts twice: it is narrower than
        its head word alone ("strike").
        """
        compound = self.obj is not None and all("_" in form for form in self.obj)
        return (self.obj is not None) + compound + len(self.preps) + (self.mods is not None) + (self.anychild is not None)

    @property
    def blocks(self) -> bool:
        """True when the pattern codes nothing (it exists to stop a less specific one)."""
        return self.type is None and self.frame is None


@dataclass(frozen=True)
class Lexicon:
    """Patterns indexed by (pos, head lemma), most specific first, plus the set of all heads."""

    index: dict[tuple[str, str], tuple[Pattern, ...]]
    heads: frozenset[str]
    patterns: tuple[Pattern, ...]
    version: str = ""  # "events_lexicon v2+<sha256 prefix>": which lexicon coded an event


def _parse_pattern(text: str, number: int) -> tuple[frozenset[str], frozenset[str] | None, tuple[Prep, ...], frozenset[str] | None, frozenset[str] | None]:
    """Split a pattern into head lemmas and constraints; errors name the line."""
    parts = text.split()
    if not parts or parts[0][0] in "><+*":
        raise DataFileError(f"{_FILE}:{number}: pattern {text!r} must start with a head lemma")
    heads = split_words(parts[0])
    obj: frozenset[str] | None = None
    mods: frozenset[str] | None = None
    anychild: frozenset[str] | None = None
    preps: list[Prep] = []
    for part in parts[1:]:
        kind, rest = part[0], part[1:]
        if not rest:
            raise DataFileError(f"{_FILE}:{number}: empty constraint {part!r} in {text!r}")
        if kind == ">":
            obj = split_words(rest)
        elif kind == "<":
            mods = split_words(rest)
        elif kind == "*":
            anychild = split_words(rest)
        elif kind == "+":
            word, _, objects = rest.partition(">")
            preps.append(Prep(split_words(word), split_words(objects) if objects else None))
        else:
            raise DataFileError(
                f"{_FILE}:{number}: constraint {part!r} in {text!r} must start with >, <, + or *"
            )
    return heads, obj, tuple(preps), mods, anychild


def _parse_flags(cell: str, number: int) -> tuple[frozenset[str], frozenset[str]]:
    """Flags and target prepositions ("tgt:on/against") of a row."""
    flags: set[str] = set()
    targets: set[str] = set()
    for flag in (f.strip() for f in cell.split(",") if cell != "-"):
        if flag.startswith("tgt:"):
            targets.update(p for p in flag[4:].split("/") if p)
        elif flag in FLAGS:
            flags.add(flag)
        else:
            raise DataFileError(f"{_FILE}:{number}: unknown flag {flag!r}; known: {', '.join(FLAGS)}, tgt:p1/p2")
    return frozenset(flags), frozenset(targets)


COLUMNS = ("pattern", "pos", "type", "mode", "cameo", "frame", "flags")


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Read and validate a lexicon once per process: ours (``events_lexicon.tsv``) or the TSV at ``path``.

    A lexicon of one's own keeps our columns and the ``# events_lexicon vN`` header line.
    """
    if not path:
        text = read_text(_FILE)
        return parse_lexicon(text)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"lexicon {path} cannot be read ({exc.strerror}); check the path (setting lexicon)") from exc
    return parse_lexicon(text, path)


def parse_lexicon(text: str, name: str = _FILE) -> Lexicon:
    """A lexicon from the text of a lexicon table (for tests and for checking edits)."""
    lexicon = build_lexicon(parse_rows(name, text, COLUMNS, kind=_KIND), name)
    header = text.split("\n", 1)[0].removeprefix("# ").split(" ")[:2]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return replace(lexicon, version=f"{' '.join(header)}+{digest}")


def lexicon_version(lexicon: Lexicon) -> str:
    """The lexicon's name, version and content hash ("events_lexicon v2+3fa9c1d20b7e"), stored with each event."""
    return lexicon.version


def build_lexicon(rows: Iterable[tuple[int, dict[str, str]]], name: str = _FILE) -> Lexicon:
    """Validate lexicon rows and index them; errors name the file and line."""
    codes = cameo_table()
    patterns: list[Pattern] = []
    for number, row in rows:
        heads, obj, preps, mods, anychild = _parse_pattern(row["pattern"], number)
        if row["pos"] not in ("V", "N", "A"):
            raise DataFileError(f"{name}:{number}: pos must be V, N or A, got {row['pos']!r}")
        etype = None if row["type"] == "-" else row["type"]
        if etype is not None and etype not in EVENT_TYPES:
            raise DataFileError(f"{name}:{number}: {etype!r} is not a PLOVER event type ({', '.join(EVENT_TYPES)})")
        cameo = None if row["cameo"] == "-" else row["cameo"]
        if cameo is not None and cameo not in codes:
            raise DataFileError(f"{name}:{number}: CAMEO code {cameo!r} is not in events_cameo.tsv")
        if etype is not None and cameo is None:
            raise DataFileError(f"{name}:{number}: an event row needs a CAMEO code")
        frame = None if row["frame"] == "-" else row["frame"]
        if frame is not None and frame not in FRAMES:
            raise DataFileError(f"{name}:{number}: unknown frame {frame!r}; known: {', '.join(FRAMES)}")
        flags, targets = _parse_flags(row["flags"], number)
        patterns.append(
            Pattern(
                line=number, text=row["pattern"], heads=heads, pos=row["pos"], obj=obj, preps=preps,
                mods=mods, anychild=anychild, type=etype, mode=None if row["mode"] == "-" else row["mode"],
                cameo=cameo, frame=frame, flags=flags, target_preps=targets,
            )
        )
    index: dict[tuple[str, str], list[Pattern]] = {}
    for pattern in patterns:
        for head in pattern.heads:
            index.setdefault((pattern.pos, head), []).append(pattern)
    ordered = {key: tuple(sorted(found, key=lambda p: -p.specificity)) for key, found in index.items()}
    heads = frozenset(head for _, head in ordered)
    return Lexicon(ordered, heads, tuple(patterns))
