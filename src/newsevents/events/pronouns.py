"""Pronouns as actors: "he" is the last person named, "it" the last state or body that acted.

``PronounMixin`` is part of :class:`~newsevents.events.actors.ActorResolver`; it needs the
resolver's ``scope`` and ``resolve_one``. A pronoun subject of a reported clause first takes the
reporting verb's subject ("Syria says it will ..."), as long as a person pronoun gets a person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.events.phrases import in_dateline, offset, sector_noun
from newsevents.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsevents.events.scope import ArticleScope

_PERSON_PRONOUNS = ("he", "she", "him", "her", "his", "hers")
_THING_PRONOUNS = ("it", "they", "them", "its", "their")
_RELATIVE = ("who", "which", "that", "whom")
#: Nouns for bodies and things that "he"/"she" cannot refer to.
_NON_PERSONS = frozenset({
    "service", "office", "ministry", "government", "agency", "company", "group", "party", "council", "court",
    "committee", "department", "army", "police", "media", "newspaper", "statement", "report",
})  # fmt: skip


class PronounMixin:
    """Pronoun resolution for the actor resolver."""

    scope: "ArticleScope"

    def resolve_one(self, token: "Token") -> ActorRef | None:  # pragma: no cover - provided by the resolver
        """One token as an actor (the resolver's method)."""
        raise NotImplementedError

    def _pronoun(self, token: "Token") -> ActorRef | None:
        """A pronoun as the actor it stands for."""
        word = token.lower_
        if word in _RELATIVE and token.head.dep_ in ("relcl", "acl"):
            return self.resolve_one(token.head.head)
        if word not in _PERSON_PRONOUNS and word not in _THING_PRONOUNS:
            return None
        antecedent = self._controller(token)
        if antecedent is not None and word in _PERSON_PRONOUNS and not self._personal(antecedent):
            antecedent = None  # "the press service said he had negotiated": "he" is a person
        if antecedent is None:
            if word in _PERSON_PRONOUNS:
                person = self.scope.person_before(token.i)
                if person is None:
                    return None
                antecedent = self.scope.doc[person.end - 1]
            else:
                antecedent = self._previous_subject(token)
        if antecedent is None or antecedent.pos_ == "PRON":
            return None
        ref = self.resolve_one(antecedent)
        if ref is None:
            return None
        start, end = offset(token)
        return ActorRef(ref.name, ref.entity, ref.country, ref.sector, start, end)

    def _personal(self, token: "Token") -> bool:
        """True when a word can stand for a person: a named person or a person noun ("minister")."""
        named = self.scope.named(token)
        if named is not None:
            return named.label == "PERSON" or self.scope.role_of(named.text, None) is not None
        return token.lemma_.lower() not in _NON_PERSONS and token.tag_ in ("NN", "NNP")

    def _controller(self, token: "Token") -> "Token | None":
        """For a pronoun subject of a reported clause, the subject of the reporting verb."""
        if token.dep_ not in ("nsubj", "nsubjpass"):
            return None
        clause = token.head
        for _ in range(4):
            if clause.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or clause.head.i == clause.i:
                return None
            clause = clause.head
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and not in_dateline(c)]  # "DAKAR (Wire) —"
            if subjects and subjects[0].pos_ != "PRON":
                return subjects[0]
        return None

    def _previous_subject(self, token: "Token") -> "Token | None":
        """The nearest earlier subject that names an organisation, state or group (for "it"/"they")."""
        doc = self.scope.doc
        floor = max(0, token.sent.start - 60)
        for i in range(token.i - 1, floor - 1, -1):
            cand = doc[i]
            if cand.dep_ in ("nsubj", "nsubjpass") and cand.pos_ != "PRON" and not in_dateline(cand):
                if token.lower_ in ("it", "its") and cand.tag_ in ("NNS", "NNPS"):
                    continue  # "it" is never "four police officers"
                named = self.scope.named(cand)
                if named is not None and named.label == "PERSON":
                    continue
                if named is not None or sector_noun(cand)[0]:
                    return cand
        return None
