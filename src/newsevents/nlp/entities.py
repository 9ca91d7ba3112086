"""Entities of one article from its spaCy Doc: typed, linked, with every mention and a country.

Types: PERSON, ORG, LOC (spaCy's GPE, LOC and FAC: countries, cities, regions, facilities),
NORP, the value types later stages use (DATE, TIME, CARDINAL, MONEY, PERCENT, QUANTITY,
ORDINAL) and spaCy's other labels unchanged (EVENT, LAW, WORK_OF_ART, PRODUCT, LANGUAGE).
How candidates get their type is in candidates.py; how they are grouped in linking.py.

Countries: LOC from the gazetteer (preferring the article's main country when a name is
ambiguous), NORP from the demonym, PERSON and ORG from the words around them ("Iranian
President ...", "the Norway-based ... organization, Hengaw", "X, Iran's president"; see
context.py), and an ORG without such words from a country or demonym inside its name
("Egyptian Red Crescent", "Royal Canadian Mounted Police").
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from newsevents.nlp.candidates import find_candidates
from newsevents.nlp.context import country_in_name
from newsevents.nlp.gazetteer import country_code, lookup_place
from newsevents.nlp.linking import Group, resolve_groups
from newsevents.records import Article, Entity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_entities(doc: "Doc", article: Article) -> tuple[Entity, ...]:
    """Entities of the article, ids e1, e2 ... in order of first mention, mentions sorted."""
    text = article.text
    if doc.text != text:
        raise ValueError(
            f"article {article.id!r}: the Doc was not made from article.text; annotate article.text "
            "so mention offsets point into it"
        )
    groups = resolve_groups(doc, find_candidates(doc))
    names = {id(g): _fullest_name(g) for g in groups}
    types = {id(g): g.type() for g in groups}
    hint = _main_country(groups, names, types)
    entities = []
    for number, group in enumerate(groups, start=1):
        kind = types[id(group)]
        spans = {_char_span(doc, m.start, m.end) for m in group.members}
        mentions = tuple(Mention(start, end, text[start:end]) for start, end in sorted(spans))
        entities.append(
            Entity(
                id=f"e{number}",
                name=names[id(group)],
                type=kind,
                mentions=mentions,
                country=_country(group, names[id(group)], kind, hint),
                title=_title(group) if kind == "PERSON" else None,
            )
        )
    return tuple(entities)


def _char_span(doc: "Doc", start: int, end: int) -> tuple[int, int]:
    """Character offsets of a token range."""
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last)


def _fullest_name(group: Group) -> str:
    """The name linking chose, else the form with the most words (then characters), first on ties."""
    if group.name:
        return group.name
    ordered = sorted(group.members, key=lambda m: m.start)
    return max((m.form for m in ordered), key=lambda f: (len(f.split()), len(f)))


def _main_country(groups: list[Group], names: dict[int, str], types: dict[int, str]) -> str | None:
    """The country most LOC mentions resolve to without a hint, used to settle ambiguous names."""
    counts: Counter[str] = Counter()
    for group in groups:
        if types[id(group)] != "LOC":
            continue
        place = lookup_place(names[id(group)])
        if place is not None and place.country:
            counts[place.country] += len(group.members)
    return counts.most_common(1)[0][0] if counts else None


def _country(group: Group, name: str, kind: str, hint: str | None) -> str | None:
    """ISO alpha-3 country of an entity, or None when the text does not say."""
    if kind == "LOC":
        for form in _forms(group, name):
            place = lookup_place(form, country_hint=hint)
            if place is not None:
                return place.country
        return None
    if kind == "NORP":
        for form in _forms(group, name):
            code = country_code(form)
            if code:
                return code
        return None
    if kind in ("PERSON", "ORG"):
        votes = Counter(m.country for m in group.members if m.country)
        if votes:
            return votes.most_common(1)[0][0]
        if kind == "ORG":
            place = lookup_place(name)
            if place is not None and place.kind in ("facility", "country"):
                return place.country
            return _country_in_name(name)
    return None


def _country_in_name(name: str) -> str | None:
    """The one country a multi-word ORG name spells ("Egyptian Red Crescent", "US State Department")."""
    words = name.split()
    return country_in_name(words) if len(words) >= 2 else None


def _forms(group: Group, name: str) -> list[str]:
    """The entity's name, then its other distinct forms."""
    forms = [name]
    for member in group.members:
        if member.form not in forms:
            forms.append(member.form)
    return forms


def _title(group: Group) -> str | None:
    """The office seen most often before the person's name."""
    titles = Counter(m.title for m in group.members if m.title)
    return titles.most_common(1)[0][0] if titles else None
