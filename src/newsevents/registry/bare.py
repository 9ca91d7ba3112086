"""Bare descriptions: an institution, an office or a person named with no name ("the army", "the prime minister").

The event coder makes a participant of such a description only when it acts in an event it codes
(and then guesses its state), and ``registry.phrases`` reads a description only right after a
state's name. Both are read here, when the article itself says whom they mean:

- an office ("the prime minister", "the president", "the foreign minister", "the governor") is the
  one person the article names who holds it: given that title in the text ("Prime Minister Shehbaz
  Sharif ... the prime minister") or listed in our dictionary with that office on the article's
  date ("Justin Trudeau ... the prime minister"); with no such person, a single-holder office is
  that office of the one state the article names, resolved by date like any role (and no one when no term resolves it);
- "the Russian minister", "his Turkish counterpart": the one person of that state the article
  names (by the dictionary or the title the text gives);
- an institution of a state ("the army", "the armed forces", "the police", "the judiciary", "the
  government", "the foreign ministry", "the authorities") is the agent (or, for GOV, the state) of
  the one state whose agent of that sector the article names ("the Sudanese army ... the armed
  forces"), else of the one state the article names (its persons' states counted);
- "the Commission", "the Assembly": the one organisation the article names in full with that head
  word ("the European Commission"); "the Russian side": the state;
- "the bloc", "the alliance" (an international organisation), "the group", "the movement", "the
  militia" (an armed one): the organisation named last before it, when our dictionary lists it as
  of that kind;
- "the party", "his party", "the ruling party": the party named last before it, when it is also
  the organisation named last (in "the AKP said ... Özel told the assembly that the party ..." it
  is not, and nothing is read).

Left out: a description after a word that moves it in time ("the former prime minister"), one
followed by a name ("the president Yoon") or by "of" ("the president of the Commission", whose
owner is in the words after), and one a sighting already covers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from newsevents.registry.records import ArticleFacts
from newsevents.registry.sightings import Sighting, is_state, office_words, part_of, person_node, state_code

_THE = re.compile(r"(?<![\w'’-])(?:the|The)((?: [a-z][a-z-]*){1,3})")
_SOMEONES = re.compile(r"(?<![\w'’-])(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir) ([A-Z][a-z]+) (counterpart|minister)\b")
_SIDE = re.compile(r"(?<![\w'’-])(?:the|The) ([A-Z][a-z]+) side\b")
_HEAD = re.compile(r"(?<![\w'’-])(?:the|The) ([A-Z][a-z]{3,})\b")
_BODY = re.compile(r"(?<![\w'’-])(?:the|The) (bloc|alliance|group|movement|militia)\b")
#: What a body noun stands for: a bloc or an alliance is an international organisation (country IGO in our dictionary),
#: a group, a movement or a militia an armed one (sector REB or PRM).
_BODY_KIND = {"bloc": "IGO", "alliance": "IGO", "group": "ARMED", "movement": "ARMED", "militia": "ARMED"}
_PARTY = re.compile(r"(?<![\w'’-])(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir) (?:ruling )?party\b")
_NEXT = re.compile(r"(?:['’]s)?(?: of\b| [A-Z])")
#: Sector nouns that name a state's own institution, read bare; the rest ("protesters", "the media") belong to no state.
_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD"})
#: Plural heads with a word saying which, read as one institution ("the armed forces", "the security forces").
_FORCES = {("armed", "forces"): "MIL", ("security", "forces"): "COP"}
#: Words after "the" that make the office someone else's or another time's.
_NOT_NOW = frozenset({"former", "late", "ex", "then", "previous", "next", "future", "acting", "interim", "outgoing",
                      "incoming", "deputy", "vice", "new", "old", "first", "second", "last"})  # fmt: skip
#: GOV nouns that name the state's government read bare ("the government", "the authorities"); others ("diplomat") do not.
_ONE_WORD_GOV = frozenset({"government", "authority", "ministry", "presidency", "cabinet", "junta", "regime", "administration", "leadership"})


@dataclass(frozen=True)
class Bare:
    """A bare description in a text: its span, words, and what it names (an office, a sector, a state's person, a party)."""

    start: int
    end: int
    text: str
    office: str | None = None
    sector: str | None = None
    state: str | None = None  # "the Russian minister": a person of this state
    party: bool = False
    body: str | None = None  # "the bloc", "the group": IGO or ARMED, the kind of organisation it names
    head: str | None = None  # "the Commission": the head word of an organisation the article names in full
    single: bool = True  # an office one person holds in a state ("the president"), not one of many ("the governor")


def _office(words: list[str]) -> tuple[int, str | None, bool]:
    """(words used, title, whether one person holds it in a state) of an office the words open, (0, None, False) for none."""
    for n in range(len(words), 0, -1):
        held = office_words().get(tuple(words[:n]))
        if held is not None:
            return n, held[0], held[1] == "head" or (held[1] == "minister" and n > 1)
    return 0, None, False


def _sector(words: list[str]) -> tuple[int, str | None]:
    """(words used, sector) of a state's institution the words open, (0, None) for none."""
    from newsevents.registry.phrases import _MODIFIERS, _institutions, _singular

    nouns = _institutions()
    noun = _singular(words[0])
    if tuple(words[:2]) in _FORCES:
        size, sector = 2, _FORCES[tuple(words[:2])]
    elif noun in nouns and (noun in _ONE_WORD_GOV or nouns[noun] != "GOV"):
        size, sector = 1, nouns[noun]
    elif words[0] in _MODIFIERS and len(words) > 1 and _singular(words[1]) in nouns:
        size, sector = 2, nouns[_singular(words[1])]
    else:
        return 0, None
    return (size, sector) if sector in _SECTORS else (0, None)


def bare_in(text: str) -> list[Bare]:
    """Every bare description of ``text`` (see the module's rules), by start."""
    out = []
    for found in _THE.finditer(text):
        words = found.group(1).split()
        if words[0] in _NOT_NOW:
            continue
        size, office, single = _office(words)
        sector = None
        if not size:
            size, sector = _sector(words)
        if not size:
            continue
        end = found.start(1) + len(" ".join([""] + words[:size]))
        if not _NEXT.match(text, end):
            out.append(Bare(found.start(), end, text[found.start() : end], office, sector, single=single))
    for found in _SOMEONES.finditer(text):
        code = state_code(found.group(1))
        if is_state(code) and not _NEXT.match(text, found.end()):
            out.append(Bare(found.start(), found.end(), found.group(0), state=code))
    for found in _SIDE.finditer(text):
        code = state_code(found.group(1))
        if is_state(code):
            out.append(Bare(found.start(), found.end(), found.group(0), sector="GOV", state=code))
    for found in _HEAD.finditer(text):
        if not _NEXT.match(text, found.end()) and state_code(found.group(1)) is None:
            out.append(Bare(found.start(), found.end(), found.group(0), head=found.group(1)))
    for found in _BODY.finditer(text):
        if not _NEXT.match(text, found.end()):
            out.append(Bare(found.start(), found.end(), found.group(0), body=_BODY_KIND[found.group(1)]))
    for found in _PARTY.finditer(text):
        if not _NEXT.match(text, found.end()):
            out.append(Bare(found.start(), found.end(), found.group(0), party=True))
    return sorted(out, key=lambda b: (b.start, b.end))


@lru_cache(maxsize=1)
def _dictionary_people() -> dict[str, tuple[str, str | None, tuple[tuple[str, str, str], ...]]]:
    """Person node of every name our dictionary lists -> (entry id, country, its terms as (office, start, end))."""
    from newsevents.registry.dictionary import load_dictionary

    dictionary = load_dictionary()
    terms: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for t in dictionary.terms:
        terms[t.actor].append((t.office, t.start, t.end))
    return {person_node(name): (e.id, e.country, tuple(terms[e.id]))
            for e in dictionary.entries if e.kind == "person" for name in e.names}  # fmt: skip


@dataclass(frozen=True)
class _Person:
    """A person an article names: one node for every name of one dictionary person, its state and offices that day."""

    node: str
    country: str | None
    offices: frozenset[str]


def _people(facts: ArticleFacts, seen: list[Sighting]) -> list[_Person]:
    """The people ``facts`` names, with the offices the text gives them or our dictionary dates on the article's day."""
    listed = _dictionary_people()
    day = facts.date or ""
    found: dict[str, tuple[str, set[str | None], set[str]]] = {}  # key -> (node, countries, offices)
    for s in seen:
        if s.start < 0 and s.how != "holder":
            continue
        if s.node.startswith("person:"):
            entry = listed.get(s.node)
        elif s.node.startswith("org:") and person_node(s.name) in listed:
            entry = listed[person_node(s.name)]  # a dictionary person the NER took for an organisation
        else:
            continue
        key = entry[0] if entry else s.node
        node, countries, offices = found.setdefault(key, (s.node, set(), set()))
        if len(s.node) > len(node):
            found[key] = (s.node, countries, offices)
        if entry:
            countries.add(entry[1])
            offices.update(o for o, a, b in entry[2] if (not a or a <= day) and (not b or day < b) and day)
    for role in facts.roles:
        node = person_node(role.person)
        entry = listed.get(node)
        key = entry[0] if entry else node
        if key in found:
            found[key][2].add(role.office)
            if role.country:
                found[key][1].add(role.country)
    return [_Person(node, next(iter(c)) if len(c) == 1 else None, frozenset(o)) for node, c, o in found.values()]


def _one(nodes: set[str]) -> str | None:
    """The one node of ``nodes``, else None."""
    return next(iter(nodes)) if len(nodes) == 1 else None


def _states(seen: list[Sighting], people: list[_Person]) -> tuple[set[str], dict[str, set[str]]]:
    """The states an article names (its people's too), and per sector the states whose agent of that sector it names."""
    states: set[str] = {p.country for p in people if p.country and is_state(p.country)}
    agents: dict[str, set[str]] = {}
    for s in seen:
        if s.start < 0:
            continue
        if s.node.startswith("country:") and is_state(s.node[8:]):
            states.add(s.node[8:])
        elif s.node.startswith("agent:") and is_state(s.node[6:9]):
            states.add(s.node[6:9])
            agents.setdefault(s.node[10:], set()).add(s.node[6:9])
    return states, agents


def _org_before(seen: list[Sighting], start: int) -> tuple[str, str] | None:
    """(node, name) of the organisation named last before ``start``, else None."""
    orgs = sorted((s.start, s.node, s.name) for s in seen if s.node.startswith(("org:", "dict:org:")) and 0 <= s.start < start)
    return orgs[-1][1:] if orgs else None


def _party_before(seen: list[Sighting], start: int) -> str | None:
    """The node of the organisation named last before ``start`` when it is a party ("... Party"), else None."""
    last = _org_before(seen, start)
    return last[0] if last and "party" in last[1].lower().split() else None


@lru_cache(maxsize=1)
def _dictionary_orgs() -> dict[str, str]:
    """Folded name of every organisation our dictionary lists -> IGO (an international one), ARMED (REB, PRM) or ""."""
    from newsevents.registry.dictionary import load_dictionary
    from newsevents.registry.keys import folded

    kinds = {}
    for e in load_dictionary().entries:
        if e.kind == "organisation" or e.id.startswith("org:"):
            kind = "IGO" if e.country == "IGO" else "ARMED" if e.sector in ("REB", "PRM") else ""
            kinds.update({folded(n): kind for n in e.names})
    return kinds


def _body_before(seen: list[Sighting], start: int, kind: str) -> str | None:
    """The node of the organisation named last before ``start`` when our dictionary lists it as of ``kind``, else None."""
    from newsevents.registry.keys import folded

    last = _org_before(seen, start)
    return last[0] if last and _dictionary_orgs().get(folded(last[1])) == kind else None


def _resolve(found: Bare, seen: list[Sighting], people: list[_Person]) -> tuple[str, str, str | None] | None:
    """(node, how, country) of a bare description, or None when the article does not say whom it means."""
    if found.body is not None:
        body = _body_before(seen, found.start, found.body)
        return (body, "phrase", None) if body else None
    if found.party:
        party = _party_before(seen, found.start)
        return (party, "phrase", None) if party else None
    if found.head is not None:
        named = {s.node for s in seen if s.node.startswith(("org:", "dict:org:")) and s.start >= 0 and len(s.name.split()) > 1
                 and s.name.split()[-1] == found.head}  # fmt: skip
        return (next(iter(named)), "phrase", None) if len(named) == 1 else None
    if found.state is not None and found.sector == "GOV":
        return f"country:{found.state}", "phrase", found.state
    if found.state is not None:
        person = _one({p.node for p in people if p.country == found.state})
        return (person, "phrase", found.state) if person else None
    states, agents = _states(seen, people)
    one_state = _one(states)
    if found.office is not None:
        holder = _one({p.node for p in people if found.office in p.offices})
        if holder is not None:
            return holder, "phrase", None
        if found.single and one_state and not any(found.office in p.offices for p in people):
            return f"role:{one_state}|{found.office}", "phrase-role", one_state
        return None
    sector = found.sector or "GOV"
    owners = agents.get(sector, set()) if sector != "GOV" else set()
    country = _one(owners) if owners else one_state
    if country is None:
        return None
    return (f"country:{country}" if sector == "GOV" else f"agent:{country}-{sector}"), "phrase", country


def bare_sightings(facts: ArticleFacts, seen: list[Sighting]) -> list[Sighting]:
    """Sightings of the bare descriptions of ``facts.text`` that the article resolves and no sighting covers."""
    if not facts.text:
        return []
    spans = [(s.start, s.end) for s in seen if s.start >= 0]
    people = _people(facts, seen)
    out = []
    for found in bare_in(facts.text):
        if any(a < found.end and found.start < b and not part_of(a, b, found.start, found.end) for a, b in spans):
            continue  # a sighting inside it ("Russian" of "the Russian minister") leaves it to be read
        resolved = _resolve(found, seen, people)
        if resolved is not None:
            node, how, country = resolved
            out.append(Sighting(facts.article, found.start, found.end, found.text, node, how, "", country,
                                "GOV" if how == "phrase-role" else found.sector, facts.date))
    return out


def described(facts: ArticleFacts, seen: list[Sighting], name: str, start: int, end: int, institutions: bool = False) -> str | None:
    """The node an event participant's description means when the article says whom ("the president" of Yoon's article).

    ``name`` is the participant's words, ``start``..``end`` its span (``end`` -1 when unknown): read
    as one bare description ending there. People and parties; a state's institution ("the
    government") only when ``institutions``: the event coder gave it no state.
    """
    text = name if name.lower().startswith(("the ", "his ", "her ", "its ", "their ")) else "the " + name
    found = [b for b in bare_in(text) if b.end == len(text) and (b.sector is None or institutions) and b.head is None
             and b.body is None]
    if len(found) != 1:
        return None
    at = start if start >= 0 else len(facts.text)
    bare = Bare(at, end, found[0].text, found[0].office, found[0].sector, found[0].state, found[0].party, single=found[0].single)
    resolved = _resolve(bare, seen, _people(facts, seen))
    return resolved[0] if resolved and resolved[1] == "phrase" else None
