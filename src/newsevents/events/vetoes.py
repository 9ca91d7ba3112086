"""Readings that make a coded trigger no political event at all.

- A rebuttal: "France condemned allegations that it played a role in the genocide" disapproves
  of a charge against the speaker itself. That is CAMEO 016 "deny responsibility", which PLOVER
  drops, not an ACCUSE of the accuser.
- A private act: "a protester demolished the building" is one unnamed person damaging property,
  a crime rather than coercion by an authority or a collective protest.
- A generic actor ("any state that attacks") or an accident ("when their helicopter crashed").

The functions here only read the parse (and, for rebuttals, resolve the charged party); the rules
of ``events_policy.tsv`` call them through predicates of :mod:`~newsevents.events.policy`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from newsevents.events.policy import words
from newsevents.events.triggers import objects
from newsevents.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token


def _lemma(token: "Token") -> str:
    """Lower-case lemma."""
    return token.lemma_.lower()


def _clause_subjects(clause: "Token") -> list["Token"]:
    """Subjects of a content clause."""
    return [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]


def charged_nouns(trigger: "Token") -> list["Token"]:
    """The charges a disapproval is about: "condemned the allegations", "accused X of making accusations"."""
    found = [o for o in objects(trigger) if _lemma(o) in words("charge_nouns")]
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("as", "of")):
        for obj in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):
            if _lemma(obj) in words("charge_nouns"):
                found.append(obj)  # "condemned as unacceptable allegations ..." (a common misparse)
            elif obj.pos_ in ("VERB", "AUX"):
                found += [o for o in objects(obj) if _lemma(o) in words("charge_nouns")]  # "of making accusations"
    return found


def charge_subjects(noun: "Token") -> list["Token"]:
    """Whom a charge is about: its that-clause's subject, "against X", or the clause of "by alleging".

    The parse often hangs the that-clause on the verb instead ("condemned as baseless claims ...
    that it had ..."); such a clause of the disapproving verb counts too.
    """
    out: list["Token"] = []
    trigger = noun.head.head if noun.dep_ == "pobj" else noun.head
    for clause in (c for c in trigger.children if c.dep_ == "ccomp"):
        if any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
            out += _clause_subjects(clause)
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
            out += _clause_subjects(child)
        elif child.dep_ == "prep" and child.lower_ in ("against", "about"):
            out += [p for p in child.children if p.dep_ == "pobj"]
    carrier = noun.head
    if noun.dep_ in ("dobj", "obj") and carrier.pos_ in ("VERB", "AUX"):
        for prep in (c for c in carrier.children if c.dep_ == "prep" and c.lower_ == "by"):
            for verb in (p for p in prep.children if p.dep_ == "pcomp" and _lemma(p) in words("charge_verbs")):
                out += [s for c in verb.children if c.dep_ == "ccomp" for s in _clause_subjects(c)]
    return out


def lone_private_person(tokens: list["Token"]) -> bool:
    """True when the acting words are one unnamed person: "a protester", "a man" (not "protesters")."""
    return bool(tokens) and all(
        t.tag_ == "NN" and not t.ent_type_ and any(c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in t.children)
        for t in tokens
    )


def generic_reference(tokens: list["Token"]) -> bool:
    """True when every acting phrase is generic ("any state that attacks the other"): no one in particular."""
    return bool(tokens) and all(any(c.dep_ == "det" and c.lower_ in words("generic_dets") for c in t.children) for t in tokens)


def accidental(verb: "Token") -> bool:
    """True for "were killed when their helicopter came down / crashed": an accident, not an attack."""
    for clause in (c for c in verb.children if c.dep_ == "advcl"):
        if _lemma(clause) in words("accident_verbs"):
            return True
        if _lemma(clause) in ("come", "go") and any(c.dep_ in ("prt", "advmod") and c.lower_ == "down" for c in clause.children):
            return True
    return False


def same_party(a: ActorRef, b: ActorRef) -> bool:
    """True when two references name the same actor, or actors of the same state."""
    if (a.entity and a.entity == b.entity) or a.name == b.name:
        return True
    return a.country is not None and a.country == b.country


def rebuttal(trigger: "Token", actors: Sequence[ActorRef], resolve: Callable[[list["Token"]], Sequence[ActorRef]]) -> bool:
    """True when the charge a disapproval is about concerns the actor itself ("condemned claims that it ...")."""
    if not actors:
        return False
    for noun in charged_nouns(trigger):
        for ref in resolve(charge_subjects(noun)):
            if any(same_party(ref, actor) for actor in actors):
                return True
    return False
