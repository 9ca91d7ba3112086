"""Offices people hold, as the article states them: ``Role(person, office, country, seen)``.

Three patterns, all reading words next to a person's name:

- title before the name: "Iranian President Ebrahim Raisi", "Russia's Foreign Minister Sergei
  Lavrov", "U.S. Secretary of State Antony Blinken";
- apposition: "Ebrahim Raisi, the Iranian president," / "the Iranian president, Ebrahim Raisi";
- "his Iranian counterpart, Ebrahim Raisi": the office of the person "his" refers to, in the
  country the adjective names.

Photo captions are read too (plain words, no parse), since news sites often give a person's full
title only there.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsevents.events.phrases import known_org
from newsevents.events.scope import ArticleScope, Named, place_country
from newsevents.events.tables import Office, office_table
from newsevents.records import Role

if TYPE_CHECKING:
    from spacy.tokens import Token

_CAPTION_TOKEN = re.compile(r"[A-Z][\w’'.-]*(?:['’]s)?|[a-z][\w-]*|[.,;:()]")


def _longest_office(words: list[str]) -> tuple[Office, int] | None:
    """The longest office phrase that ends the word list, and how many words it takes."""
    table = office_table()
    for size in range(min(len(words), 5), 0, -1):
        office = table.get(tuple(words[-size:]))
        if office is not None:
            return office, size
    return None


def _country_before(words: list[str]) -> str | None:
    """Country named by the last one to three words before an office ("South Korean", "Russia's")."""
    for size in (3, 2, 1):
        if len(words) >= size:
            text = " ".join(words[-size:])
            if text[:1].isupper():
                bare = re.sub(r"['’]s$", "", text)
                org = known_org(bare)  # "UN Secretary-General": the organisation's code (IGO)
                code = place_country(bare, places=False) or (org.country if org is not None else None)
                if code:
                    return code
    return None


def _title_before(scope: ArticleScope, named: Named) -> tuple[Office, str | None] | None:
    """Office and country written just before a name."""
    doc = scope.doc
    words: list[str] = []
    i = named.start - 1
    floor = max(doc[named.start].sent.start, named.start - 8)
    while i >= floor:
        token = doc[i]
        if token.is_punct and token.text not in (".", "-"):
            break
        if token.pos_ in ("VERB", "AUX", "DET", "CCONJ", "ADP") and token.lower_ != "of":
            break
        if words and (token.text == "-" or words[0].startswith("-")) and not token.whitespace_:
            words[0] = token.text + words[0]  # "Secretary-General" is one title, not "General"
        else:
            words.insert(0, token.text)
        i -= 1
    return _office_and_country(words)


def _office_and_country(words: list[str]) -> tuple[Office, str | None] | None:
    """The office found in ``words`` (longest match) and the country named before it."""
    found = _longest_office([w.lower() for w in words])
    if found is None:
        return None
    office, size = found
    return office, _country_before(words[: len(words) - size])


def _office_in(tokens: list["Token"]) -> tuple[Office, str | None] | None:
    """Office and country inside a noun phrase ("the Iranian president", "UN secretary-general")."""
    words = [t.text for t in tokens if t.pos_ != "DET" and not t.is_punct]
    return _office_and_country(words)


def _appositive(scope: ArticleScope, named: Named) -> tuple[Office, str | None] | None:
    """Office given in apposition to a name, either way round."""
    doc = scope.doc
    root = doc[named.start : named.end].root
    for child in root.children:
        if child.dep_ == "appos" and scope.named(child) is None:
            found = _office_in([t for t in child.subtree if t.i > root.i])
            if found is not None:
                return found
    if root.dep_ == "appos" and scope.named(root.head) is None:
        phrase = [t for t in root.head.subtree if t.i < named.start]
        found = _office_in(phrase)
        if found is not None:
            return found
    return None


def _counterpart(scope: ArticleScope, named: Named, roles: list[Role]) -> tuple[Office, str | None] | None:
    """ "his Iranian counterpart, Ebrahim Raisi": the owner's office in the adjective's country."""
    doc = scope.doc
    root = doc[named.start : named.end].root
    noun = root.head if root.dep_ == "appos" else None
    if noun is None:
        noun = next((c for c in root.children if c.dep_ == "appos" and c.lemma_.lower() == "counterpart"), None)
    if noun is None or noun.lemma_.lower() != "counterpart":
        return None
    country = None
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.text[:1].isupper():
            country = place_country(child.text, places=False) or country
    owner = scope.person_before(noun.i)
    if owner is None:
        return None
    owner_name = owner.entity.name if owner.entity else owner.text
    owner_role = next((r for r in roles if r.person == owner_name), None)
    if owner_role is None:
        return None
    office = next((o for o in office_table().values() if o.title == owner_role.office), None)
    return (office, country) if office is not None else None


def _caption_roles(scope: ArticleScope) -> list[tuple[str, Office, str | None]]:
    """(person, office, country) from "Russian President Vladimir Putin ..." in photo captions."""
    out: list[tuple[str, Office, str | None]] = []
    for caption in scope.article.captions:
        words = _CAPTION_TOKEN.findall(caption.text)
        i = 0
        while i < len(words):
            if not words[i][:1].isupper():
                i += 1
                continue
            j = i
            while j < len(words) and words[j][:1].isupper():
                j += 1
            run = words[i:j]
            # A capitalised run holds country and title words, then the name: cut after the title.
            for cut in range(len(run) - 1, 0, -1):
                found = _longest_office([w.lower() for w in run[:cut]])
                if found is not None:
                    office, size = found
                    out.append((" ".join(run[cut : cut + 3]), office, _country_before(run[: cut - size])))
                    break
            i = j
    return out


def _people_and_names(scope: ArticleScope) -> list[Named]:
    """PERSON mentions, plus two- or three-word ORG names (NER often calls a person an ORG)."""
    out = list(scope.person_named)
    seen = {n.start for n in out}
    for named in sorted(set(scope.named_by_token.values()), key=lambda n: n.start):
        words = named.text.split()
        if named.label == "ORG" and named.start not in seen and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words):
            seen.add(named.start)
            out.append(named)
    return out


def _former(scope: ArticleScope, named: Named) -> bool:
    """True when "former", "ex-" or "late" stands before the title."""
    doc = scope.doc
    start = max(doc[named.start].sent.start, named.start - 6)
    return any(t.lower_ in ("former", "ex", "ex-", "late", "ousted", "then") for t in doc[start : named.start])


def _person_name(named: Named) -> str:
    """The fullest name of a person mention."""
    return named.entity.name if named.entity is not None else named.text


def _entity_for(scope: ArticleScope, person: str) -> tuple[str, str | None]:
    """The article entity whose name is or ends with ``person``: (full name, id)."""
    for entity in scope.entities:
        if entity.type == "PERSON" and (entity.name == person or entity.name.endswith(" " + person.split()[-1])):
            return entity.name, entity.id
    return person, None


def extract_roles(scope: ArticleScope) -> tuple[Role, ...]:
    """Every (person, office, country) the article states, once each, seen at its date."""
    seen: set[tuple[str, str, str | None]] = set()
    roles: list[Role] = []

    def add(person: str, office: Office, country: str | None, entity: str | None) -> None:
        key = (person, office.title, country)
        if key in seen:
            return
        seen.add(key)
        roles.append(Role(person, office.title, country, (scope.article.published or '')[:10] or None, entity))

    for named in _people_and_names(scope):
        if _former(scope, named):
            continue  # "former President X" no longer holds the office
        found = _title_before(scope, named) or _appositive(scope, named)
        if found is not None:
            office, country = found
            if country is None and named.entity is not None:
                country = named.entity.country
            add(_person_name(named), office, country, named.entity.id if named.entity else None)
    for person, office, country in _caption_roles(scope):
        full, entity_id = _entity_for(scope, person)
        add(full, office, country, entity_id)
    for named in scope.person_named:
        found = _counterpart(scope, named, roles)
        if found is not None:
            add(_person_name(named), found[0], found[1], named.entity.id if named.entity else None)
    return tuple(roles)
