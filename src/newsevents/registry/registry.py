"""The ``Registry``: canonical actors of a corpus, with aliases, merge evidence, role terms and corrections."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from newsevents.records import ActorRef
from newsevents.registry.dictionary import Dictionary, load_dictionary
from newsevents.registry.keys import folded
from newsevents.registry.observed import Observed, observe, unique_observed
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
    observed: tuple[Observed, ...] = ()  # every article's sightings, one per article id, sorted by id
    dictionary: Dictionary = Dictionary()

    @classmethod
    def build(cls, articles: Iterable[ArticleFacts] = (), *, dictionary: Dictionary | str | Path | None = None,
              corrections: Sequence[Correction] = ()) -> "Registry":
        """A registry of ``articles``; ``dictionary`` is a Dictionary or a user file merged over ours (default: ours)."""
        return cls.from_observed([observe(a) for a in articles], dictionary=dictionary, corrections=corrections)

    @classmethod
    def from_observed(cls, observed: Iterable[Observed], *, dictionary: Dictionary | str | Path | None = None,
                      corrections: Sequence[Correction] = ()) -> "Registry":
        """A registry of articles already observed (``registry.observed.observe``; a store keeps them per article)."""
        from newsevents.registry.build import build

        chosen = dictionary if isinstance(dictionary, Dictionary) else load_dictionary(dictionary)
        unique = unique_observed(observed)
        made = build(unique, chosen, corrections)
        return cls(made.actors, made.aliases, made.merges, made.terms, made.assignments, tuple(corrections),
                   made.stale, unique, chosen)

    def add(self, articles: Iterable[ArticleFacts]) -> "Registry":
        """A registry of these articles and the new ones, the corrections applied again; only the new ones are observed."""
        fresh = [observe(a) for a in articles]
        return Registry.from_observed((*self.observed, *fresh), dictionary=self.dictionary, corrections=self.corrections)

    def corrected(self, correction: Correction) -> "Registry":
        """A registry rebuilt with one more correction."""
        return Registry.from_observed(self.observed, dictionary=self.dictionary, corrections=(*self.corrections, correction))

    def with_dictionary(self, dictionary: Dictionary) -> "Registry":
        """The same articles and corrections over another dictionary."""
        return replace(self, dictionary=dictionary).add(())

    @cached_property
    def _by_id(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}

    @cached_property
    def _by_alias(self) -> dict[str, str]:
        return {folded(a.text): a.actor for a in self.aliases}

    @cached_property
    def _by_place(self) -> dict[tuple[str, int, int, str, bool], str]:
        return {(a.article, a.start, a.end, a.name, a.participant): a.actor for a in self.assignments}

    @cached_property
    def _by_entity(self) -> dict[tuple[str, str], str]:
        return {(a.article, a.entity): a.actor for a in sorted(self.assignments, reverse=True) if not a.participant and a.entity}

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        return self._by_id.get(actor_id)

    def lookup(self, name: str) -> Actor | None:
        """The actor a name (an id, or an alias in any case) stands for, or None when unknown or ambiguous."""
        found = self.actor(name) or self.actor(name.upper())
        if found is not None:
            return found
        hit = self._by_alias.get(folded(name))
        return self.actor(hit) if hit else None

    def aliases_of(self, actor_id: str) -> tuple[Alias, ...]:
        """The aliases of one actor."""
        return tuple(a for a in self.aliases if a.actor == actor_id)

    def actor_for(self, article: str, ref: ActorRef) -> str | None:
        """The actor id an event participant of ``article`` resolved to, or None when it was not part of the build."""
        return self.actor_at(article, ref.start, ref.end, ref.name)

    def actor_at(self, article: str, start: int | None, end: int | None, name: str) -> str | None:
        """``actor_for`` of the participant written ``name`` at ``start``..``end`` of ``article`` (no ``ActorRef`` to make)."""
        return self._by_place.get((article, -1 if start is None else start, -1 if end is None else end, name, True))

    def key_for(self, ref: ActorRef) -> str:
        """An actor id for a participant seen outside any built article (a name, else its country and sector).

        For callers that hold a bare ``ActorRef`` (the event clusters' ``actor_key``): an alias gives
        its actor; a description with a state gives the country (no sector or GOV) or its agent.
        """
        from newsevents.registry.sightings import is_state

        found = self.lookup(ref.name)
        if found is not None:
            return found.id
        if is_state(ref.country):
            return ref.country if ref.sector in (None, "GOV") else f"{ref.country}-{ref.sector}"
        return f"{ref.country or '-'}:{folded(ref.name)}"

    def descriptions(self) -> tuple[Assignment, ...]:
        """The descriptions outside events the registry resolved ("Iran's president" -> its holder that day), by article."""
        return tuple(a for a in self.assignments if not a.participant and not a.entity)

    def entity_actor(self, article: str, entity: str) -> str | None:
        """The actor id an entity (``Entity.id``) of ``article`` resolved to, or None."""
        return self._by_entity.get((article, entity))
