"""What the registry keeps of one article: its sightings and links, made once and kept (``store.registry`` caches them).

``observe(facts)`` depends on that article alone, so a store keeps it per article and a refresh
after new articles observes only those; the corpus-wide step (``registry.build``) then runs over
every article's observations. ``encode`` / ``decode`` give the JSON a store keeps; ``VERSION``
changes whenever ``sightings_of`` reads an article differently, and ``observer_version`` with the
offices our dictionary dates, so a store observes again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import astuple, dataclass

from newsevents.registry.records import ArticleFacts
from newsevents.registry.sightings import Link, Sighting, sightings_of

#: v2: descriptions after a state's name and capitals as entities (registry.phrases); v3: offices our
#: dictionary dates are single-holder offices ("the Saudi crown prince"); v4: seats of government and
#: known names the NER missed (registry.known); v5: an office our dictionary dates has one holder in the
#: dictionary's country only; v6: a surname of a person the article names in full, in any spelling, where the NER
#: found nothing (sightings._surnames); v7: a known name holding what the NER found in part, a state's forces named
#: as an organisation ("the Pentagon"), an institution noun after a word saying which ("foreign ministry"). Our
#: dictionary's dated offices and the known names are part of what an
#: article's observation depends on, so they are part of the version.
VERSION = "observed.v7"


def observer_version() -> str:
    """``VERSION`` and a digest of the offices our dictionary dates (country and title): what a kept observation was made with."""
    import hashlib

    from newsevents.registry.known import known_version
    from newsevents.registry.sightings import dated_offices

    offices = "|".join(f"{country}:{title}" for country, title in sorted(dated_offices()))
    return VERSION + ":" + hashlib.sha1(offices.encode("utf-8")).hexdigest()[:8] + ":" + known_version()


@dataclass(frozen=True)
class Observed:
    """One article's sightings and links, in the order ``sightings_of`` gives them."""

    article: str
    sightings: tuple[Sighting, ...] = ()
    links: tuple[Link, ...] = ()


def observe(facts: ArticleFacts) -> Observed:
    """The sightings and links of one article."""
    found, linked = sightings_of(facts)
    return Observed(facts.article, tuple(found), tuple(linked))


def unique_observed(items: Iterable[Observed]) -> tuple[Observed, ...]:
    """One Observed per article id, sorted by id (of two for one id, the larger by repr): the same whatever the order."""
    chosen: dict[str, Observed] = {}
    for item in items:
        known = chosen.get(item.article)
        if known is None or (known != item and repr(item) > repr(known)):
            chosen[item.article] = item
    return tuple(chosen[k] for k in sorted(chosen))


def encode(observed: Observed) -> str:
    """The JSON a store keeps for one article's observations."""
    return json.dumps([[astuple(s) for s in observed.sightings], [astuple(x) for x in observed.links]], ensure_ascii=False,
                      separators=(",", ":"))  # fmt: skip


def decode(article: str, text: str) -> Observed:
    """The observations ``encode`` wrote for ``article``."""
    sightings, links = json.loads(text)
    return Observed(article, tuple(Sighting(*row) for row in sightings), tuple(Link(*row) for row in links))
