"""The ``Registry``: canonical actors of a corpus, with aliases, merge evidence, role terms and corrections."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from newsevents.names import name_key
from newsevents.records import ActorRef
from newsevents.registry.dictionary import Dictionary, load_dictionary
from newsevents.registry.records import Actor, Alias, ArticleFacts, Assignment, Correction, Merge, Term


@dataclass(frozen=True)
class Registry:
    """Everything the registry knows; build with ``Registry.build``, grow with ``add``, fix with corrections."""

    actors: tuple[Actor, ...] = ()
    aliases: tuple[Alias, ...] = ()
    merges: tuple[Merge, ...] = ()
    terms: tuple[Term, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    corrections: tuple[Correction, ...] = ()
    stale: tuple[Correction, ...] = ()  # corrections whose actors were not found after the last rebuild
    facts: tuple[ArticleFacts, ...] = ()
    dictionary: Dictionary = Dictionary()

    @classmethod
    def build(cls, articles: Iterable[ArticleFacts] = (), *, dictionary: Dictionary | str | Path | None = None,
              corrections: Sequence[Correction] = ()) -> "Registry":
        """A registry of ``articles``; ``dictionary`` is a Dictionary or a user file merged over ours (default: ours)."""
        from newsevents.registry.build import build, unique_facts

        chosen = dictionary if isinstance(dictionary, Dictionary) else load_dictionary(dictionary)
        facts = unique_facts(articles)
        made = build(facts, chosen, corrections)
        return cls(made.actors, made.aliases, made.merges, made.terms, made.assignments, tuple(corrections),
                   made.stale, facts, chosen)

    def add(self, articles: Iterable[ArticleFacts]) -> "Registry":
        """A registry of these articles and the new ones, the corrections applied again."""
        return Registry.build((*self.facts, *articles), dictionary=self.dictionary, corrections=self.corrections)

    def corrected(self, correction: Correction) -> "Registry":
        """A registry rebuilt with one more correction."""
        return Registry.build(self.facts, dictionary=self.dictionary, corrections=(*self.corrections, correction))

    def with_dictionary(self, dictionary: Dictionary) -> "Registry":
        """The same articles and corrections over another dictionary."""
        return replace(self, dictionary=dictionary).add(())

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        return next((a for a in self.actors if a.id == actor_id), None)

    def lookup(self, name: str) -> Actor | None:
        """The actor a name (an id, or an alias in any case) stands for, or None when unknown or ambiguous."""
        found = self.actor(name) or self.actor(name.upper())
        if found is not None:
            return found
        key = name_key(name)
        hit = next((a.actor for a in self.aliases if name_key(a.text) == key), None)
        return self.actor(hit) if hit else None

    def aliases_of(self, actor_id: str) -> tuple[Alias, ...]:
        """The aliases of one actor."""
        return tuple(a for a in self.aliases if a.actor == actor_id)

    def actor_for(self, article: str, ref: ActorRef) -> str | None:
        """The actor id an event participant of ``article`` resolved to, or None when it was not part of the build."""
        start = ref.start if ref.start is not None else -1
        end = ref.end if ref.end is not None else -1
        return next((a.actor for a in self.assignments
                     if a.participant and a.article == article and a.start == start and a.end == end and a.name == ref.name), None)

    def entity_actor(self, article: str, entity: str) -> str | None:
        """The actor id an entity (``Entity.id``) of ``article`` resolved to, or None."""
        return next((a.actor for a in self.assignments if not a.participant and a.article == article and a.entity == entity), None)
