"""Word cues around an event: PLOVER contexts from its sentence, modes from its clause."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsevents.events.tables import context_table, mode_table

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def cue_words(tokens: Iterable["Token"]) -> set[str]:
    """Lower-case lemmas and forms of the tokens, plus "a_b" for adjacent pairs."""
    words: set[str] = set()
    previous: list[str] = []
    for token in tokens:
        if token.is_punct or token.is_space:
            previous = []
            continue
        current = [token.lemma_.lower(), token.lower_]
        words.update(current)
        for a in previous:
            for b in current:
                words.add(f"{a}_{b}")
        previous = current
    return words


#: Dependents that open another clause, whose words describe another event.
_OTHER_CLAUSES = ("advcl", "relcl", "ccomp", "conj", "parataxis")


def own_clause(verb: "Token") -> list["Token"]:
    """The words of a verb's clause without its subordinate and coordinated clauses.

    "launched the offensive after four officers were killed by landmines": the landmines belong
    to the killing, not to the offensive.
    """
    skipped: set[int] = set()
    for child in verb.children:
        if child.dep_ in _OTHER_CLAUSES and child.pos_ in ("VERB", "AUX"):
            skipped.update(t.i for t in child.subtree)
        elif child.dep_ == "prep":
            for pobj in child.children:
                for grand in pobj.children:  # "angered by the execution of ..." inside a phrase
                    if grand.dep_ in ("acl", "relcl"):
                        skipped.update(t.i for t in grand.subtree)
    return [t for t in verb.subtree if t.i not in skipped]


def sentence_contexts(sent: "Span") -> tuple[str, ...]:
    """PLOVER contexts whose cue words occur in the sentence, in the table's order."""
    words = cue_words(sent)
    return tuple(name for name, cues in context_table().by_context if cues & words)


def mode_from_cues(event_type: str, trigger: "Token") -> tuple[str, str | None] | None:
    """(mode, CAMEO code or None) given by cue words in the trigger's clause, or None."""
    cues = [cue for cue in mode_table() if cue.type == event_type]
    if not cues:
        return None
    clause = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    words = cue_words(own_clause(clause))
    for cue in cues:
        if cue.cues & words:
            return cue.mode, cue.cameo
    return None
