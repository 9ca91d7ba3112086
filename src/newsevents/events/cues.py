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
    words = cue_words(clause.subtree)
    for cue in cues:
        if cue.cues & words:
            return cue.mode, cue.cameo
    return None
