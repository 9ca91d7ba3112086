"""The attribution cue lexicon (``data/attribution_cues.tsv``): which words attribute reported speech.

Each row is a cue lemma, a frame saying where the reported content sits relative to the cue
(a complement clause, an object, an infinitive, ``of`` after the accused, the clause ``according
to`` hangs on) and the PLOVER event type the cue is itself the event of ("accused" is an ACCUSE,
"threatened" a THREATEN), or none.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsevents.datafiles import DataFileError, read_rows

NAME = "attribution_cues.tsv"
STATUSES = ("alleged", "denied")
FRAMES = ("clause", "question", "of", "object", "to", "naming", "according")

#: Dependency labels of the cue's children that hold the content, per frame ("prep:of" is a preposition by its word).
FRAME_DEPS: dict[str, frozenset[str]] = {
    "clause": frozenset({"ccomp"}),
    "question": frozenset({"ccomp"}),
    "of": frozenset({"dobj", "prep:of", "prep:for", "prep:with"}),
    "object": frozenset({"dobj", "ccomp", "xcomp", "oprd", "pcomp"}),
    "naming": frozenset({"dobj", "oprd", "prep:as"}),
    "to": frozenset({"dobj", "xcomp", "ccomp", "prep:on"}),
    "according": frozenset(),
}


@dataclass(frozen=True)
class Cue:
    """One way a word attributes speech: its frame and the event type it is, if any."""

    lemma: str
    frame: str
    event: str | None
    status: str | None  # the status a reported event in the content takes: alleged, denied, or None


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, tuple[Cue, ...]]:
    """Cue lemma -> its frames in file order."""
    found: dict[str, list[Cue]] = {}
    for number, row in read_rows(NAME, ("lemma", "frame", "event", "status")):
        if row["frame"] not in FRAMES:
            raise DataFileError(f"{NAME}:{number}: frame {row['frame']!r} is not one of {', '.join(FRAMES)}; fix the row")
        if row["status"] not in ("-", *STATUSES):
            raise DataFileError(f"{NAME}:{number}: status {row['status']!r} is not one of -, {', '.join(STATUSES)}; fix the row")
        event = None if row["event"] == "-" else row["event"].upper()
        status = None if row["status"] == "-" else row["status"]
        found.setdefault(row["lemma"].lower(), []).append(Cue(row["lemma"].lower(), row["frame"], event, status))
    return {lemma: tuple(cues) for lemma, cues in found.items()}


def cue_for_word(word: str) -> tuple[Cue, ...]:
    """The cues a written form stands for: 'accused', 'denies', 'according' (regular English inflections)."""
    lexicon = cue_lexicon()
    word = word.lower()
    for lemma in _lemmas(word):
        if lemma in lexicon:
            return lexicon[lemma]
    return ()


def _lemmas(word: str) -> list[str]:
    """Candidate lemmas of an inflected verb form, most likely first."""
    found = [word, *_IRREGULAR.get(word, ())]
    for suffix, ends in (("ied", ("y",)), ("ies", ("y",)), ("ed", ("", "e")), ("es", ("", "e")), ("ing", ("", "e")),
                         ("d", ("",)), ("s", ("",))):  # fmt: skip
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            found += [word[: -len(suffix)] + end for end in ends]
    return found


_IRREGULAR = {"said": ("say",), "says": ("say",), "told": ("tell",), "wrote": ("write",), "written": ("write",)}
