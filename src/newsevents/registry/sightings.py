"""Classify every name an article gives an actor into a *node*: the unit the registry clusters.

A node is a kind and a key: ``country:IRN``, ``agent:IRN-COP``, ``person:Vladimir Putin`` (the name
without titles), ``org:<folded name>``, ``group:<slug>``, or ``role:IRN|President`` for a
description that names an office ("the Iranian president"), which the role timeline resolves by
the article's date. Rules, in order:

- a name the gazetteer knows as a state or its demonym is the country ("Iran", "Iranian"), or the
  country's agent when it carries a sector other than GOV ("Palestinians" CVL -> ``PSE-CVL``);
- a capital, or any place standing for a government (sector GOV: "Tehran", "the Kremlin"), is the
  country (the seat of government);
- a person entity is a person; an organisation entity an organisation; a people that is no state
  ("Kurds") or a place that is no state ("Gaza") a group;
- a description with a state and sector GOV is the country ("the Iranian government"), with
  another sector the agent ("Iran's police" -> ``IRN-COP``), unless it names an office;
- a description without a state is an agent of its sector (``UNK-CVL``) or else a group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsevents.names import slug
from newsevents.records import ActorRef, Entity
from newsevents.registry.keys import folded, initials, is_acronym, person_tokens, tkey
from newsevents.registry.records import ArticleFacts

_PLACES = ("LOC", "GPE", "FAC")
_NAMED = ("PERSON", "ORG", "NORP", *_PLACES)
_BRACKET_GAP = (1, 3)  # chars between a name and its "(ACR)": " (" is 2
UNKNOWN_COUNTRY = "UNK"


@dataclass(frozen=True)
class Sighting:
    """One name of an actor in one article, and the node it was classified to."""

    article: str
    start: int  # -1 when unknown
    end: int
    name: str  # as the article gives it
    node: str
    how: str  # entity | holder | mention | country-name | demonym | capital | seat | description | agent | role | phrase | phrase-role | known
    entity: str = ""
    country: str | None = None
    sector: str | None = None
    date: str | None = None
    ref: bool = False  # True for an event participant (gets an Assignment)
    office: str | None = None  # for a role holder ("holder"): the office title the article gives


def sighting_order(s: "Sighting") -> tuple[str, int, int, str, str, str, str, str, str, str, bool, str]:
    """A total order of sightings (their fields, None as "")."""
    return (s.article, s.start, s.end, s.name, s.node, s.how, s.entity, s.country or "", s.sector or "",
            s.date or "", s.ref, s.office or "")


@dataclass(frozen=True, order=True)
class Link:
    """Two nodes one article shows to be one actor ("Name (ACR)")."""

    node: str
    other: str
    rule: str
    article: str
    start: int
    end: int
    name: str


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Folded capital name -> ISO alpha-3."""
    from newsevents.nlp.gazetteer import capitals

    return {folded(city): iso3 for iso3, city in capitals()}


def _capital_of(name: str, country: str | None) -> str | None:
    """The state whose capital ``name`` is, when ``country`` (the one the text gives it) is unknown or that state."""
    capital = _capitals().get(folded(name))
    return capital if capital and country in (None, capital) else None


@lru_cache(maxsize=65536)
def state_code(text: str) -> str | None:
    """ISO alpha-3 when ``text`` names a state or its people ("Iran", "Iranians"), else None."""
    from newsevents.nlp.gazetteer import country_code

    return country_code(text) if text.strip() else None


@lru_cache(maxsize=4096)
def is_state(code: str | None) -> bool:
    """True for the code of a state (IRN), False for IGO / NGO / IMG / MNC and None."""
    from newsevents.events.tables import NON_STATE
    from newsevents.nlp.gazetteer import country_name

    return bool(code) and code not in NON_STATE and country_name(code or "") is not None


@lru_cache(maxsize=1)
def dated_offices() -> frozenset[tuple[str, str]]:
    """(country, title) of the offices our dictionary gives dated holders (SAU, "Crown Prince"): one person holds each at a time.

    Per country: our dictionary dating Saudi Arabia's crown prince says nothing of another country's.
    """
    from newsevents.registry.dictionary import load_dictionary

    return frozenset((t.country, t.office) for t in load_dictionary().terms)


def single_holder(words: tuple[str, ...], title: str, rank: str, country: str | None = None) -> bool:
    """True for an office one person holds in ``country``: a head, a named ministry, or one our dictionary dates there (no bare "minister")."""
    return rank == "head" or (rank == "minister" and len(words) > 1) or (country or "", title) in dated_offices()


#: Names of an office in news writing that events_offices.tsv does not list: "Russia's top diplomat" is its foreign minister.
_OFFICE_NAMES = {("top", "diplomat"): ("Foreign Minister", "minister"), ("chief", "diplomat"): ("Foreign Minister", "minister")}


@lru_cache(maxsize=1)
def office_words() -> dict[tuple[str, ...], tuple[str, str]]:
    """Office word tuples -> (title, rank), every office of events_offices.tsv."""
    from newsevents.events.tables import office_table

    table = {w: (o.title, o.rank) for w, o in office_table().items()}
    return table | {w: held for w, held in _OFFICE_NAMES.items() if w not in table}


def office_in(text: str, country: str | None = None) -> str | None:
    """The title of the office of ``country`` with one holder that a description ends with ("the Iranian president"), else None."""
    words = tuple(w.strip(".,'’").lower() for w in text.replace("-", " - ").split())
    table = office_words()
    for size in range(min(4, len(words)), 0, -1):
        found = table.get(words[-size:])
        if found and single_holder(words[-size:], found[0], found[1], country):
            return found[0]
    return None


def _state_or_agent(code: str, sector: str | None) -> str:
    """The country's node for GOV or no sector, else its agent's node."""
    return f"country:{code}" if sector in (None, "GOV") else f"agent:{code}-{sector}"


@lru_cache(maxsize=65536)
def person_node(name: str) -> str:
    """The node of a person's name: its words without titles."""
    return "person:" + " ".join(person_tokens(name))


def named_node(name: str, kind: str, country: str | None = None) -> str:
    """The node of an organisation's name (folded, with its state when known: "Parliament" of HUN) or a group's (slug)."""
    if kind != "org":
        return f"group:{slug(name)}"
    return f"org:{folded(name)}|{country}" if is_state(country) else f"org:{folded(name)}"


def _seat_node(name: str, *, seats: bool = True) -> tuple[str, str] | None:
    """(node, "seat") of a seat of government ("Zhongnanhai") when ``seats``, else of a state's forces ("the Pentagon")."""
    from newsevents.registry.known import agent_named, seat_of

    seat = seat_of(name) if seats else None
    if seat is not None:
        return f"country:{seat}", "seat"
    agent = agent_named(name)
    return (f"agent:{agent}", "seat") if agent is not None else None


def _classify_named(name: str, etype: str, country: str | None, sector: str | None) -> tuple[str, str]:
    """(node, how) of a named entity, given the country and sector the event coder gave it."""
    seat = _seat_node(name, seats=sector in (None, "GOV"))  # "Zhongnanhai said", whatever the NER took it for
    if seat is not None:
        return seat
    if etype == "PERSON":
        return person_node(name), "entity"
    code = state_code(name)
    if is_state(code):
        return _state_or_agent(code or "", sector), "demonym" if etype == "NORP" else "country-name"
    if etype in _PLACES:
        capital = _capital_of(name, country)
        if capital:
            return f"country:{capital}", "capital"
        if sector == "GOV" and is_state(country):
            return f"country:{country}", "seat"
        return named_node(name, "group"), "entity"
    if etype == "NORP":
        return named_node(name, "group"), "entity"
    return named_node(name, "org", country), "entity"


def _classify_description(ref: ActorRef) -> tuple[str, str]:
    """(node, how) of a participant that is no named entity."""
    code = state_code(ref.name)
    if is_state(code):
        return _state_or_agent(code or "", ref.sector), "country-name"
    if is_state(ref.country):
        country = ref.country or ""
        office = office_in(ref.name, country) if ref.sector == "GOV" else None
        if office is not None:
            return f"role:{country}|{office}", "role"
        return _state_or_agent(country, ref.sector), "description" if ref.sector in (None, "GOV") else "agent"
    if ref.sector:
        return f"agent:{ref.country or UNKNOWN_COUNTRY}-{ref.sector}", "agent"
    return named_node(ref.name, "group"), "description"


def _entity_node(entity: Entity, country: str | None) -> tuple[str, str] | None:
    """(node, how) of an entity of the article, or None for one that names no actor (a town, a date)."""
    if entity.type in ("PERSON", "ORG"):
        return _classify_named(entity.name, entity.type, entity.country or country, None)  # a seat there too
    seat = _seat_node(entity.name)
    if seat is not None:
        return seat
    if entity.type in ("NORP", *_PLACES):
        code = state_code(entity.name)
        if is_state(code):
            return f"country:{code}", "demonym" if entity.type == "NORP" else "country-name"
    if entity.type in _PLACES:
        capital = _capital_of(entity.name, entity.country or country)
        if capital:
            return f"country:{capital}", "capital"  # "Kyiv rejected": the seat of government names the state
    return None


def _bracket_links(article: str, entity: Entity, node: str) -> list[Link]:
    """ "Islamic Revolutionary Guard Corps (IRGC)": an acronym mention right after the long one."""
    links: list[Link] = []
    mentions = sorted(entity.mentions, key=lambda m: m.start)
    for long_form, short in zip(mentions, mentions[1:]):
        gap = short.start - long_form.end
        if is_acronym(short.text) and not is_acronym(long_form.text) and _BRACKET_GAP[0] <= gap <= _BRACKET_GAP[1]:
            rule = "bracket" if initials(long_form.text) != short.text.replace(".", "") else "acronym"
            links.append(Link(node, named_node(short.text, "org"), rule, article, short.start, short.end, short.text))
    return links


def sightings_of(facts: ArticleFacts) -> tuple[list[Sighting], list[Link]]:
    """Every sighting of an actor in one article (entities, their mentions, event participants) and its links."""
    out: list[Sighting] = []
    links: list[Link] = []
    entities = {e.id: e for e in facts.entities}
    ref_countries: dict[str, set[str | None]] = {}
    for ref in facts.refs:
        ref_countries.setdefault(ref.entity or "", set()).add(ref.country)
    owners = _surname_owners(facts)
    for entity in facts.entities:
        given = ref_countries.get(entity.id, set())
        found = _entity_node(entity, next(iter(given)) if len(given) == 1 else None)
        if found is None or not entity.mentions:
            continue
        node, how = found
        if entity.type == "ORG" and node.startswith("org:"):
            node = _surname_as_org(entity.name, owners) or node
        first = min(entity.mentions, key=lambda m: m.start)
        out.append(Sighting(facts.article, first.start, first.end, entity.name, node, how, entity.id, entity.country, None, facts.date))
        for mention in entity.mentions:
            if mention.text != entity.name:
                out.append(Sighting(facts.article, mention.start, mention.end, mention.text, node, "mention", entity.id, entity.country, None, facts.date))
        if node.startswith("org:"):
            links.extend(_bracket_links(facts.article, entity, node))
    for ref in facts.refs:
        entity = entities.get(ref.entity or "")
        if entity is not None and entity.type in _NAMED:
            node, how = _classify_named(entity.name if entity.type == "PERSON" else ref.name, entity.type, ref.country, ref.sector)
            if entity.type == "ORG" and node.startswith("org:"):
                node = _surname_as_org(entity.name, owners) or node
        else:
            node, how = _classify_description(ref)
            owner = _owner(facts, ref)
            whom = _described(facts, out, ref) if owner is None and not node.startswith("person:") else None
            if owner is not None:
                node, how = owner, "mention"  # "EU foreign ministers": the EU, as its mention
            elif whom is not None:
                node, how = whom, "description"  # "the president" of an article that names one president
        start = ref.start if ref.start is not None else -1
        end = ref.end if ref.end is not None else -1
        out.append(Sighting(facts.article, start, end, ref.name, node, how, ref.entity or "", ref.country, ref.sector, facts.date, True))
    out.extend(_phrases(facts))
    out.extend(_known(facts, out))
    out.extend(_surnames(facts, out, owners))
    out.extend(_bare(facts, out))
    for role in facts.roles:
        out.append(Sighting(facts.article, -1, -1, role.person, person_node(role.person), "holder", role.entity or "",
                            role.country, None, role.seen or facts.date, office=role.office))
    return out, links


def _phrases(facts: ArticleFacts) -> list[Sighting]:
    """Descriptions after a state's mentions that no participant covers ("Iran's president", "the British government")."""
    from newsevents.registry.phrases import phrase_after

    if not facts.text:
        return []
    covered = {ref.end for ref in facts.refs if ref.end is not None}
    out = []
    for entity in facts.entities:
        if entity.type not in ("NORP", *_PLACES):
            continue
        for mention in entity.mentions:
            code = state_code(mention.text)
            if not is_state(code) or facts.text[mention.start : mention.end] != mention.text:
                continue
            found = phrase_after(facts.text, mention.start, mention.end, possessive=entity.type != "NORP", country=code)
            if found is None or found.end in covered:
                continue
            node, how = (f"role:{code}|{found.office}", "phrase-role") if found.office else (_state_or_agent(code or "", found.sector), "phrase")
            out.append(Sighting(facts.article, found.start, found.end, found.text, node, how, "", code, found.sector or "GOV", facts.date))
    return out


def _known(facts: ArticleFacts, seen: list[Sighting]) -> list[Sighting]:
    """Known names in the text that no sighting covers: seats, dictionary names, capitals of states the article names."""
    from newsevents.registry.known import known_in

    if not facts.text:
        return []
    spans = sorted((s.start, s.end) for s in seen if s.start >= 0)
    states = {s.node[8:] for s in seen if s.node.startswith("country:")}
    states |= {s.node[6:9] for s in seen if s.node.startswith("agent:")}
    out = []
    for found in known_in(facts.text, states):
        if any(start < found.end and found.start < end and not part_of(start, end, found.start, found.end) for start, end in spans):
            continue  # a name the NER found only in part ("Houthi" of "the Houthi movement") is read whole as well
        country = found.node[8:] if found.node.startswith("country:") else None
        out.append(Sighting(facts.article, found.start, found.end, found.text, found.node, "known", "", country,
                            "GOV" if country else None, facts.date))
    return out


def _bare(facts: ArticleFacts, seen: list[Sighting]) -> list[Sighting]:
    """Bare descriptions the article resolves ("the army", "the prime minister"): see ``registry.bare``."""
    from newsevents.registry.bare import bare_sightings

    return bare_sightings(facts, seen)


def _owner(facts: ArticleFacts, ref: ActorRef) -> str | None:
    """The organisation a participant's description opens with ("EU foreign ministers", "NATO allies"): its node, else None.

    Only an organisation that is no state: "Iranian officials" is the state, which the event coder gives.
    """
    if ref.start is None:
        return None
    for entity in facts.entities:
        for mention in entity.mentions if entity.type == "ORG" else ():
            if mention.start == ref.start and mention.end < (ref.end or 0) and ref.name.startswith(mention.text + " "):
                found = _classify_named(mention.text, entity.type, None, None)
                return found[0] if found[0].startswith("org:") else None
    return None


def _described(facts: ArticleFacts, seen: list[Sighting], ref: ActorRef) -> str | None:
    """The person or party a participant's description means when the article says whom: see ``registry.bare``."""
    from newsevents.registry.bare import described

    return described(facts, seen, ref.name, ref.start if ref.start is not None else -1, ref.end if ref.end is not None else -1,
                     institutions=not is_state(ref.country))


def part_of(start: int, end: int, outer_start: int, outer_end: int) -> bool:
    """True when the span start..end lies inside outer_start..outer_end and is shorter."""
    return outer_start <= start < end <= outer_end and end - start < outer_end - outer_start


_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][a-z][\w'’-]*")
_MIN_SURNAME = 4  # shorter last words ("Un", "May") are too often something else


def _surname_owners(facts: ArticleFacts) -> dict[str, set[str]]:
    """Surname key -> the full names of the article's persons with that surname (of at least ``_MIN_SURNAME`` letters)."""
    owners: dict[str, set[str]] = {}
    for entity in facts.entities:
        words = person_tokens(entity.name) if entity.type == "PERSON" else []
        if len(words) >= 2 and len(words[-1]) >= _MIN_SURNAME:
            owners.setdefault(tkey(words[-1]), set()).add(entity.name)
    return owners


def _surname_as_org(name: str, owners: dict[str, set[str]]) -> str | None:
    """The person node of a one-word name the NER took for an organisation that is the surname of one person the article names in full ("Brekke" after "Ola Brekke")."""
    word = re.sub(r"['’]s$", "", re.sub(r"^(?:the|The)\s+", "", name.strip()))
    if " " in word or is_acronym(word) or len(word) < _MIN_SURNAME:
        return None
    names = owners.get(tkey(word), set())
    return person_node(next(iter(names))) if len(names) == 1 else None


def _surnames(facts: ArticleFacts, seen: list[Sighting], owners: dict[str, set[str]]) -> list[Sighting]:
    """A surname of a person the article names in full, in any spelling ("Nikol Pashinyan ... Pashinian said"), where the NER
    found nothing; ``owners`` is the article's ``_surname_owners``."""
    if not facts.text:
        return []
    spans = sorted((x.start, x.end) for x in seen if x.start >= 0)
    out = []
    for found in _CAPITALISED.finditer(facts.text):
        word = re.sub(r"['’]s$", "", found.group(0))
        names = owners.get(tkey(word), set()) if len(word) >= _MIN_SURNAME else set()
        start, end = found.start(), found.start() + len(word)
        if len(names) == 1 and not any(a < end and start < b for a, b in spans):
            out.append(Sighting(facts.article, start, end, word, person_node(next(iter(names))), "known", "", None, None, facts.date))
    return out
