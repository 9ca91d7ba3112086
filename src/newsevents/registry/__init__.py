"""The actor registry: one id for one actor across a corpus (issue #8).

Pure and store-free: it reads, per article, the event participants (``ActorRef``), entities,
roles and text (an ``ArticleFacts``, see ``facts_of(document)``), observes each article once
(``registry.observed``: its sightings, including descriptions outside events such as "Iran's
president", ``registry.phrases``), and gives back a ``Registry`` of frozen records: canonical ``Actor``\\ s, ``Alias``\\ es (a name meaning one actor, and how that was found),
``Merge``\\ s (which name joined which actor, by which rule, first seen where), dated ``Term``\\ s of
office, and one ``Assignment`` per participant (``Registry.actor_for(article, ref)``), per entity
(``Registry.entity_actor(article, entity_id)``) and per description outside events
(``Registry.descriptions()``); ``Registry.lookup(name)`` finds an actor by id or alias.

Id scheme (``keys.kind_of`` reads the kind back from an id):

- ``IRN`` — a country, by ISO 3166 alpha-3; every form of it (Iran, Iranian, Iranian government,
  Tehran as the seat of government) is this one actor;
- ``IRN-COP`` — an agent: a country's sector ("Iran's police"); ``UNK-CVL`` when no country is known,
  ``IGO-GOV`` / ``IMG-GOV`` for international codes;
- ``person:vladimir-putin``, ``org:nato``, ``group:kurds`` — the slug of the canonical name (or the
  dictionary's id), with ``-2``, ``-3`` when two actors would share one.

The dictionary (``data/actors_dictionary.tsv``, and a user's file over it) seeds actors and
terms of office and wins over inference. Corrections (``merge``, ``split``, ``alias``) are kept in
the registry and applied again after every rebuild. The result depends only on the set of
articles, the dictionary and the corrections: not on order, hash seed or how many ``add`` calls
(``add`` observes only the new articles; a store keeps every article's observations, so a refresh
after an ingest observes only what it stored).
"""

from __future__ import annotations

from newsevents.registry.corrections import alias, merge, split
from newsevents.registry.dictionary import Dictionary, load_dictionary
from newsevents.registry.facts import facts_of
from newsevents.registry.records import Actor, Alias, ArticleFacts, Assignment, Correction, Merge, Term
from newsevents.registry.registry import Registry

__all__ = [
    "Actor", "Alias", "ArticleFacts", "Assignment", "Correction", "Dictionary", "Merge", "Registry", "Term",
    "alias", "facts_of", "load_dictionary", "merge", "split",
]
