"""Where an event happened, and every place an article names, with gazetteer coordinates.

``event_location`` takes the place mentions of the trigger's sentence that are objects of a
locative preposition ("in Lahijan", "at the Kremlin", "near the border town of X") and keeps the
one best attached to the trigger: the trigger itself, then its object or head noun, then anything
else in the trigger's own clause; between equally attached places the most specific (a city over
its region or country: "killed in Iran in the city of Zahedan"). A place that is an actor ("Tehran said", "Iran's police") is
never a location, nor one in another clause ("Hengaw said in Oslo that he was killed"). The
direct object of a few verbs is a place too ("visited Iran", "raided the town of Jenin").
Names resolve through ``newsevents.nlp.gazetteer``, towns of 1,000+ people included, in the
article's context (``place_context``): its main country as the hint (so "Lahijan" in an Iran story
is the Iranian town), then its other countries and the dateline's ("SEOUL –"), a town inside a
state or province the article names, and a region or country named right after the place
("Paris, Texas", "Alexandria, Va."; not a list such as "Tehran, Khuzestan and Ilam"). The dateline
may name its own container ("TRIPOLI, Lebanon —", "PARIS, Tenn. —"); a name pinned down by a
container, there or in the text, keeps that sense for the whole article (one sense per article:
a later bare "Paris" is still Paris, Tennessee). Towns and regions count for the article's
countries with the named countries as the hint ("Tripoli" in a story naming Lebanon). A dateline
place NER missed is listed with the article's places. A facility the gazetteer lacks
takes the coordinates of the place it is said to be in ("Evin prison in Tehran").
Each Location carries the name's span (its evidence) and its precision (``PRECISION``: place, city,
region, country or area), what its coordinates stand for.

The Doc must be parsed over ``Article.text`` (entity offsets and token offsets agree).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newsevents.names import name_key
from newsevents.records import Entity, Location, Mention

if TYPE_CHECKING:  # spaCy stays a lazy, type-only import here
    from spacy.tokens import Doc, Span, Token

    from newsevents.nlp.gazetteer import GeoPlace

NAME = "newsevents.places.v1"

_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
#: Entity types a locative object may carry when the NER mislabels a town or a building.
_MAYBE_PLACE_TYPES = frozenset({"ORG", "PERSON"})
#: Nouns through which a name is still the place: "in the northern province of Gilan".
_PLACE_NOUNS = frozenset({
    "city", "town", "village", "province", "region", "district", "state", "capital", "port",
    "county", "area", "island", "neighbourhood", "neighborhood", "suburb", "outskirts", "border",
})  # fmt: skip
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within", "off"})
#: How specific a place kind is (lower is more specific): "killed in Iran in the city of Zahedan" is Zahedan.
_SPECIFIC = {"facility": 0, "city": 0, "region": 1, "country": 2, "water": 2, "continent": 2}
#: Location.precision of a gazetteer kind: what the coordinates stand for. A facility or landmark the
#: gazetteer knows is a "place" (a site more exact than its town); a sea or a continent is an "area".
#: A facility it lacks takes its town's point, so its precision is the town's ("Evin prison in Tehran": city).
PRECISION = {"facility": "place", "city": "city", "region": "region", "country": "country", "water": "area", "continent": "area"}
#: Location.precision values, most specific first.
PRECISIONS = ("place", "city", "region", "country", "area")
#: Verbs whose direct object is where the event happens.
_PLACE_VERBS = frozenset({
    "visit", "tour", "enter", "raid", "storm", "shell", "bomb", "strike", "attack", "invade", "occupy",
    "capture", "seize", "besiege", "bombard", "evacuate", "flee", "leave",
})  # fmt: skip


#: A dateline: an upper-case or capitalised place, maybe ", Month day", maybe its state or country
#: (", Texas", ", La.", ", Nigeria", ", Democratic Republic of Congo"), maybe "(Agency)", then a dash. A capitalised name counts only
#: with a date, an agency or a container ("Police – " opens no dateline).
_DATELINE = re.compile(
    r"\s*([A-Z][A-Za-z.'’]*(?:[ -][A-Z][A-Za-z.'’]*){0,3})(,\s*[A-Z][a-z]{2,8}\.?\s*\d{1,2})?"
    r"(?:,\s*([A-Z][A-Za-z.'’]*(?:\s(?:(?:of|the)\s)*[A-Z][A-Za-z.'’]*){0,3}))?"
    r"\s*(\([A-Za-z .-]{2,30}\)\s*)?[–—-]{1,2}\s"
)
#: A container named right after a place: ", Texas", ", Sindh province" (up to the next punctuation),
#: unless a list goes on after it ("Tehran, Khuzestan and Ilam provinces", "Paris, Lyon, Nice").
_AFTER_COMMA = re.compile(
    r",\s+((?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})(?=[\s,.;:)'’]|$)(?!,?\s+(?:and|or)\b|,\s+[A-Z])"
)


#: A country's possessive right before a place: "India's " (of "India's Punjab state").
_OWNER = re.compile(r"\b([A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,2})['’]s\s+$")
#: A town's name before a particle ("Santiago" of "Santiago de Cuba", "Rio" of "Rio de Janeiro").
_PARTICLE_NAME = re.compile(r"^([A-Z][\w'’-]+)\s(?:de|del|do|da|di|dos|das|des)\s[A-Z]")


@lru_cache(maxsize=4096)
def _resolve(
    name: str,
    hint: str | None,
    minor: bool = True,
    context: tuple[str, ...] = (),
    within: GeoPlace | None = None,
    divisions: tuple[str, ...] = (),
) -> GeoPlace | None:
    """Gazetteer look-up (towns of 1,000+ people unless ``minor`` is False), cached per name and context."""
    from newsevents.nlp.gazetteer import lookup_place

    return lookup_place(name, hint, minor=minor, context=context, within=within, divisions=divisions)


@dataclass(frozen=True)
class PlaceContext:
    """What an article says about where it is: its main country, its other countries, its divisions."""

    hint: str | None
    others: tuple[str, ...] = ()
    divisions: tuple[str, ...] = ()  # GeoNames codes of the first-level divisions it names ("US.TX")
    #: Names the article pins down with a container ("ALEXANDRIA, La. —", "Paris, Texas"): its other
    #: mentions of the name mean the same place (folded name, place).
    settled: tuple[tuple[str, GeoPlace], ...] = ()


@lru_cache(maxsize=64)  # asked once per event trigger and again for the article's place list
def place_context(text: str, entities: tuple[Entity, ...]) -> PlaceContext:
    """The article's countries by how often they are named, the dateline's country ("SEOUL –") next."""
    countries = list(article_countries(entities))
    found = dateline_place(text, PlaceContext(countries[0] if countries else None))
    place = found[1] if found else None
    if place is not None and place.country and place.country not in countries[:1]:
        if place.country in countries:
            countries.remove(place.country)
        countries.insert(1 if countries else 0, place.country)
    hint = countries[0] if countries else None
    divisions = list(article_divisions(entities, hint))
    if place is not None and place.admin1 and place.admin1 not in divisions:
        divisions.append(place.admin1)
    context = PlaceContext(hint, tuple(countries[1:]), tuple(divisions))
    settled = dict(_settled(text, entities, context))
    if found is not None and _dateline_match(text).group(3):  # type: ignore[union-attr]
        settled.setdefault(name_key(found[0].text), found[1])
    return PlaceContext(hint, context.others, context.divisions, tuple(settled.items()))


def _settled(text: str, entities: tuple[Entity, ...], context: PlaceContext) -> list[tuple[str, GeoPlace]]:
    """(folded name, place) of every mention resolved inside the region or country named after it."""
    out = []
    for entity in entities:
        if entity.type not in _PLACE_TYPES:
            continue
        for mention in entity.mentions:
            clean = _clean_mention(mention)
            within = _container_after(text, clean.end, context)
            if within is None:
                continue
            place = _resolve(clean.text, context.hint, True, context.others, within, context.divisions)
            if place is not None and place.kind == "city" and _is_inside(place, within):
                out.append((name_key(clean.text), place))
    for entity in entities:  # "Santiago de Cuba" named, then "Santiago": the same town
        short = _PARTICLE_NAME.match(entity.name) if entity.type in _PLACE_TYPES else None
        if short is not None:
            place = _resolve(entity.name, context.hint, True, context.others, None, context.divisions)
            if place is not None and place.kind in ("city", "region"):  # "Santiago de Cuba" is a province too
                out.append((name_key(short.group(1)), place))
    return out


def _is_inside(place: GeoPlace, container: GeoPlace) -> bool:
    """True when a place lies in the region or country given as its container."""
    return place.country == container.country and (container.kind != "region" or container.admin1 in (None, place.admin1))


def dateline_place(text: str, context: PlaceContext) -> tuple[Mention, GeoPlace] | None:
    """The dateline's place and where it is named, resolved inside the state or country it names."""
    match = _dateline_match(text)
    if match is None:
        return None
    within = _container(match.group(3), context) if match.group(3) else None
    place = _resolve(match.group(1), context.hint if within is None else None, within is not None, (), within)
    if place is None or place.lat is None:
        return None
    return Mention(match.start(1), match.end(1), match.group(1)), place


@lru_cache(maxsize=64)
def article_divisions(entities: tuple[Entity, ...], hint: str | None) -> tuple[str, ...]:
    """GeoNames codes of the first-level divisions (states, provinces) the article names."""
    found: list[str] = []
    for entity in entities:
        if entity.type in _PLACE_TYPES:
            place = _resolve(entity.name, hint, False)
            if place is not None and place.kind == "region" and place.admin1 and place.admin1 not in found:
                found.append(place.admin1)
    return tuple(found)


def _dateline_match(text: str) -> re.Match[str] | None:
    """The dateline match opening the text (groups: place, date, container, agency), else None."""
    match = _DATELINE.match(text[:120])
    if match is None or not (match.group(1).isupper() or match.group(2) or match.group(3) or match.group(4)):
        return None
    return match


def dateline(text: str) -> str | None:
    """The place of a dateline opening the text ("SEOUL –", "Washington (AFP) –", "LONDON, Dec 2 -")."""
    match = _dateline_match(text)
    return match.group(1).strip() if match else None


def resolve_mention(text: str, name: str, end: int, context: PlaceContext, minor: bool = True) -> GeoPlace | None:
    """A place mention resolved in its article: "City, State" inside the state, "India's Punjab" inside
    India, then the article's countries."""
    head, comma, tail = name.partition(", ")
    within = _container(tail, context) if comma else _container_after(text, end, context) or _owner(text, end - len(name))
    if within is None and context.settled:
        key = name_key(name)
        settled = next((place for folded, place in context.settled if folded == key), None)
        if settled is not None:
            return settled
    return _resolve(head if comma and within else name, context.hint, minor, context.others, within, context.divisions)


def _container(name: str, context: PlaceContext) -> GeoPlace | None:
    """A region or country by name or state abbreviation ("Va."), as the container of the place before it."""
    from newsevents.nlp.gazetteer import state_abbreviations

    name = name.strip()
    place = _resolve(state_abbreviations().get(name, name), context.hint, True)  # "West Dunbartonshire" too
    return place if place is not None and place.kind in ("region", "country") else None


def _owner(text: str, start: int) -> GeoPlace | None:
    """The country owning a place by a possessive right before it ("India's Punjab", "China's Hubei province")."""
    from newsevents.nlp.gazetteer import country_code, lookup_place

    match = _OWNER.search(text, max(0, start - 40), start) if start > 0 else None
    words = match.group(1).split() if match else []
    for size in range(len(words), 0, -1):  # "In India's": the longest run of words that is a country
        owner = " ".join(words[-size:])
        code = country_code(owner)
        place = lookup_place(owner, code) if code else None
        if place is not None and place.kind == "country":
            return place
    return None


def _container_after(text: str, end: int, context: PlaceContext) -> GeoPlace | None:
    """The region or country named right after a place ("Paris, Texas"; "Hyderabad, Sindh province")."""
    match = _AFTER_COMMA.match(text, end)
    return _container(match.group(1), context) if match else None


@lru_cache(maxsize=64)
def article_countries(entities: tuple[Entity, ...]) -> tuple[str, ...]:
    """The article's countries, the one its places and nationalities name most often first.

    Countries and nationalities are counted first; the towns and regions then count for the
    country they resolve to with the most named country as the hint, so "Tripoli" in a story that
    names Lebanon counts for Lebanon.
    """
    from newsevents.nlp.gazetteer import country_code

    votes: Counter[str] = Counter()
    local: list[Entity] = []
    for entity in entities:
        if entity.type not in _PLACE_TYPES and entity.type != "NORP":
            continue
        if entity.type == "NORP":
            code = entity.country or country_code(entity.name)
        else:
            place = _resolve(entity.name, None, False)  # a village must not name the article's country
            if place is not None and place.kind in ("city", "region"):
                local.append(entity)
                continue
            code = entity.country or (place.country if place else None)
        if code:
            votes[code] += len(entity.mentions)
    hint = votes.most_common(1)[0][0] if votes else None
    for entity in local:
        place = _resolve(entity.name, hint, False)
        if place is not None and place.country:
            votes[place.country] += len(entity.mentions)
    return tuple(code for code, _ in votes.most_common())


def country_hint(entities: tuple[Entity, ...]) -> str | None:
    """The article's main country: the one its places and nationalities name most often."""
    countries = article_countries(entities)
    return countries[0] if countries else None


def _clean_mention(mention: Mention) -> Mention:
    """The mention without a leading 'the' and a trailing possessive ('the Kremlin's' -> 'Kremlin')."""
    text, start, end = mention.text, mention.start, mention.end
    if text[:4].lower() == "the ":
        text, start = text[4:], start + 4
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix) and len(text) > len(suffix):
            text, end = text[: -len(suffix)], end - len(suffix)
            break
    return Mention(start, end, text)


def _location(mention: Mention, place: GeoPlace | None) -> Location:
    """A Location record for a mention and what the gazetteer made of it."""
    clean = _clean_mention(mention)
    if place is None:
        return Location(clean.text, None, None, None, clean.start, clean.end)
    return Location(clean.text, place.country, place.lat, place.lon, clean.start, clean.end, PRECISION.get(place.kind))


def _lookup(text: str, mention: Mention, entity: Entity | None, context: PlaceContext, minor: bool = True) -> GeoPlace | None:
    """Resolve a mention by its own text, then by its entity's fullest name."""
    clean = _clean_mention(mention)
    place = resolve_mention(text, clean.text, clean.end, context, minor)
    if place is None and entity is not None and entity.name != mention.text:
        place = resolve_mention(text, entity.name, clean.end, context, minor)
    return place


def article_places(doc: Doc, entities: tuple[Entity, ...]) -> tuple[Location, ...]:
    """Every mention of a place the gazetteer resolves, in text order."""
    text = doc.text
    context = place_context(text, entities)
    found: list[Location] = []
    for entity in entities:
        if entity.type not in _PLACE_TYPES:
            continue
        for mention in entity.mentions:
            place = _lookup(text, mention, entity, context)
            if place is not None and place.lat is not None:
                found.append(_location(mention, place))
    line = dateline_place(text, context)  # NER often misses an all-capitals dateline ("KHARTOUM —")
    if line is not None and not any((loc.start or 0) < line[0].end and (loc.end or 0) > line[0].start for loc in found):
        found.append(_location(*line))
    return tuple(sorted(found, key=lambda loc: (loc.start or 0, loc.end or 0)))


# -- the place of one event -------------------------------------------------------------------


def _clause(token: Token) -> Token:
    """The nearest verb at or above a token (the root when there is none)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _attachment(root: Token, trigger: Token) -> int | None:
    """How closely a locative phrase hangs from the trigger (0 best), None when it is no event place."""
    prep = root.head
    if root.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in _PLACE_NOUNS:
        root, prep = prep.head, prep.head.head  # "the town of X" stands where X does
    elif root.dep_ == "appos" and root.head.lemma_.lower() in _PLACE_NOUNS:
        root, prep = root.head, root.head.head  # "the capital, X"
    if root.dep_ == "dobj" and root.head.i == trigger.i and trigger.lemma_.lower() in _PLACE_VERBS:
        return 0  # "visited Iran", "raided the town of Jenin"
    if root.dep_ != "pobj" or prep.lower_ not in _LOCATIVE:
        return None
    host = prep.head
    while host.dep_ == "prep" and host.head.i != host.i:  # "outside of", "near to", "in front of"
        host = host.head
    if host.i == trigger.i:
        return 0
    if host.head.i == trigger.i and host.pos_ in ("NOUN", "PROPN"):  # the trigger's object or subject
        return 1
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.i == host.i:  # "held talks in Moscow"
        return 1
    if _clause(host).i == _clause(trigger).i:  # elsewhere in the trigger's own clause
        return 2
    if _near_verb(host) and _subordinate(_clause(host), _clause(trigger)):  # "arrested after a fight in Lahijan"
        return 3
    return None


def _near_verb(host: Token) -> bool:
    """True when the phrase's host is a verb or a noun right under one ('involved in a fight')."""
    up = host.head.head if host.head.dep_ == "prep" else host.head
    return host.pos_ in ("VERB", "AUX") or up.pos_ in ("VERB", "AUX")


def _subordinate(clause: Token, target: Token) -> bool:
    """True when ``clause`` is a subject-less adverbial clause hanging from ``target``'s clause."""
    for _ in range(4):
        if clause.i == target.i:
            return True
        if clause.dep_ in ("ccomp", "relcl", "parataxis", "conj", "ROOT") or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in clause.children
        ):
            return False
        clause = _clause(clause.head)
    return clause.i == target.i


def _place_mentions(doc: Doc, sent: Span, entities: tuple[Entity, ...]) -> list[tuple[Mention, Entity | None, str]]:
    """Place-like mentions inside the sentence: (mention, entity, type)."""
    found: list[tuple[Mention, Entity | None, str]] = []
    text = doc.text  # Doc.text rebuilds the string on every access: read it once
    for entity in entities:
        if entity.type not in _PLACE_TYPES and entity.type not in _MAYBE_PLACE_TYPES:
            continue
        for mention in entity.mentions:
            if sent.start_char <= mention.start and mention.end <= sent.end_char:
                if text[mention.start : mention.end] == mention.text:  # offsets agree with the Doc
                    found.append((mention, entity, entity.type))
    if not entities:
        for ent in sent.ents:
            if ent.label_ in _PLACE_TYPES or ent.label_ in _MAYBE_PLACE_TYPES:
                found.append((Mention(ent.start_char, ent.end_char, ent.text), None, ent.label_))
    return found


def _inner_place(root: Token, doc: Doc, context: PlaceContext) -> GeoPlace | None:
    """A resolvable place that the phrase itself is said to be in: 'Evin prison in Tehran'."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "near", "outside"):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in _PLACE_TYPES:
                    span = doc[obj.left_edge.i : obj.i + 1]
                    place = _resolve(span.text, context.hint, True, context.others) or _resolve(
                        obj.text, context.hint, True, context.others
                    )
                    if place is not None:
                        return place
    return None


def event_location(doc: Doc, sent: Span, trigger_token: Token, entities: tuple[Entity, ...]) -> Location | None:
    """The place where the event triggered by ``trigger_token`` happened, or None."""
    candidates = _place_mentions(doc, sent, entities)
    if not candidates:
        return None
    text = doc.text
    context = place_context(text, entities)
    scored = []
    for mention, entity, kind in candidates:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        score = _attachment(span.root, trigger_token)
        if score is None:
            continue
        distance = min(abs(span.start - trigger_token.i), abs(span.end - 1 - trigger_token.i))
        scored.append((score, distance, mention.start, mention, entity, kind, span.root))
    found = []
    for score, distance, start, mention, entity, kind, root in scored:
        place = _lookup(text, mention, entity, context, kind in _PLACE_TYPES)  # no villages for a mislabelled name
        if place is None or place.lat is None:
            inner = _inner_place(root, doc, context)
            if inner is not None:
                place = inner
        if place is None and kind not in _PLACE_TYPES:
            continue  # a mislabelled name is a place only when the gazetteer knows it
        found.append(((score, _SPECIFIC.get(place.kind, 0) if place else 3, distance, start), mention, place))
    if found:
        _, mention, place = min(found, key=lambda item: item[0])  # best attached, then the most specific
        return _location(mention, place)
    return None
