"""Negation, future and hypothetical readings of a trigger's clause.

``reading(verbs, reported)`` looks at the verbs from the trigger up to its reporting verb ("X said
...") and answers: is the action negated ("did not attack", "never met", "no talks")? future
("will meet", "is to sign", "would" in reported speech)? hypothetical ("if", "could", "might",
"should")? The coder turns these into the event's status or drops negated events.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

_NEGATIONS = ("not", "n't", "never", "no", "nor")
_FUTURE_AUX = ("will", "shall", "'ll", "wo")
_MODAL_AUX = ("could", "might", "may", "should", "must", "can", "ca")
_CONDITIONAL_MARKS = ("if", "unless", "whether")
_REPORTED_FUTURE = ("would", "'d")
_HEDGES = ("allegedly", "reportedly", "purportedly", "apparently", "supposedly")


@dataclass(frozen=True)
class Reading:
    """What the grammar of a trigger's clause says about the action."""

    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    hedged: bool = False  # "allegedly", "reportedly", "alleged"


def _aux(verb: "Token") -> list[str]:
    """Lower-case auxiliaries of a verb."""
    return [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]


def reading(verbs: list["Token"], reported: bool) -> Reading:
    """Negation / future / hypothetical over the trigger's chain of verbs (nearest first).

    ``reported`` is True when the chain ends under a reporting verb ("said it would ..."), where
    "would" is the future seen from the past, not a hypothesis.
    """
    negated = future = hypothetical = hedged = False
    for verb in verbs:
        aux = _aux(verb)
        for child in verb.children:
            if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and child.lower_ in ("never", "no")):
                negated = True
            elif child.dep_ == "mark" and child.lower_ in _CONDITIONAL_MARKS:
                hypothetical = True
            elif child.lower_ in _HEDGES or (child.dep_ == "amod" and child.lower_ in ("alleged", "suspected")):
                hedged = True
            elif child.dep_ == "advmod" and child.lower_ == "longer" and any(
                g.lower_ == "no" for g in child.children
            ):
                negated = True
        if _denied_subject(verb) or _yet_to(verb):
            negated = True
        if any(a in _FUTURE_AUX for a in aux):
            future = True
        if any(a in _REPORTED_FUTURE for a in aux):
            if reported:
                future = True
            else:
                hypothetical = True
        if any(a in _MODAL_AUX for a in aux):
            hypothetical = True
        if verb.dep_ == "xcomp" and verb.head.lemma_ == "go" and verb.head.tag_ == "VBG":
            future = True  # "is going to sign"
        if verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and verb.head.pos_ in ("AUX", "VERB"):
            future = True  # "is to visit"
    return Reading(negated, future, hypothetical, hedged)


#: Verbs whose negation says that the act named by their subject did not happen ("the meeting never took place").
_HAPPEN = frozenset({"take", "happen", "occur", "materialise", "materialize", "go"})


def _denied_subject(verb: "Token") -> bool:
    """The subject or the object is nobody or nothing: "neither Kenya nor Ethiopia has recalled", "no government has
    recognised", "announced no new tariffs"."""
    for child in verb.children:
        if child.dep_ == "dobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in child.children):
            return True  # "announced no new tariffs", "sent no observers"
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if child.lower_ in ("neither", "none", "nobody") or any(
            g.dep_ in ("preconj", "det") and g.lower_ in ("neither", "no") for g in child.children
        ):
            return True
    return False


def _yet_to(verb: "Token") -> bool:
    """ "Have yet to resume", "are yet to meet": not done so far."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ in ("have", "be") and any(c.lower_ == "yet" for c in head.children)


def negated_noun(noun: "Token") -> bool:
    """A noun trigger whose act did not happen: "no talks were held", "sent no observers", "the meeting never took place"."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return True
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX") and _yet_to(noun.head):
        return True  # "have yet to resume military cooperation"
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in _HAPPEN:
        return any(c.dep_ == "neg" or c.lower_ == "never" for c in head.children)
    return False
