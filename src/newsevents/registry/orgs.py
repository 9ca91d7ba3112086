"""Join the names of one organisation: dictionary names, "Name (ACR)" in a text, and acronyms by initials.

One name seen with one state and without ("Parliament" of HUN; "Parliament") is one actor; a
name seen with two states ("Parliament" of HUN and of GEO) is one actor per state, and its sightings
without a state stay apart. An acronym ("IRGC") joins the one organisation of the corpus with a longer name whose content
words' initials spell it ("Islamic Revolutionary Guard Corps"); with two such organisations it
joins neither. A name and the same name with a generic head noun ("Labour" and "the Labour Party",
"Congress" and "the Congress party") are one name for this rule. An organisation named as a state's
armed forces, police or judiciary ("the Israel Defense Forces", "the Lebanese Armed Forces", "the
Turkish National Police") is that state's agent (``agent_of``), and so are its acronyms ("IDF").
"""

from __future__ import annotations

import re
from collections import defaultdict

from newsevents.registry.keys import acronym, folded, is_acronym, spellings
from newsevents.registry.unionfind import Clusters

#: Head nouns that add nothing to an organisation's name: "the Labour Party" is "Labour".
_HEADS = re.compile(r" (?:party|movement|front|alliance|coalition|bloc|league)$")
#: The head noun of a state's agent named as an organisation, and the agent's sector.
_AGENT_HEADS = {"forces": "MIL", "force": "MIL", "army": "MIL", "navy": "MIL", "military": "MIL", "police": "COP",
                "gendarmerie": "COP", "judiciary": "JUD"}  # fmt: skip
#: Heads that need a word between them and the state: "the Lebanese Forces" is a party, "the Lebanese Armed Forces" the army.
_BARE_FORCES = frozenset({"forces", "force"})
#: Words that may stand between the state and the head noun ("Israel Defense Forces", "Turkish National Police").
_AGENT_WORDS = frozenset({"defense", "defence", "armed", "national", "federal", "air", "ground", "land", "naval", "self-defense",
                          "self-defence"})  # fmt: skip


def agent_of(name: str) -> str | None:
    """The agent node a state's forces, police or judiciary named as an organisation stand for ("Israel Defense Forces" -> agent:ISR-MIL)."""
    from newsevents.registry.sightings import is_state, state_code

    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if len(words) < 2 or (sector := _AGENT_HEADS.get(words[-1].lower())) is None:
        return None
    for size in (1, 2, 3):
        code = state_code(" ".join(words[:size])) if size < len(words) else None
        between = [w.lower() for w in words[size:-1]]
        if is_state(code) and all(w in _AGENT_WORDS for w in between) and (between or words[-1].lower() not in _BARE_FORCES):
            return f"agent:{code}-{sector}"
    return None


def join_orgs(clusters: Clusters, forms: dict[str, str], dictionary: dict[str, list[str]]) -> None:
    """Join named nodes (node -> a name as written); ``dictionary`` maps dict node -> its names."""
    clusters.join_listed(forms, dictionary, folded)
    _join_countries(clusters, forms)
    _join_capitals(clusters, forms)
    spelled: dict[str, set[str]] = defaultdict(set)
    names = list(forms.items()) + [(d, n) for d, ns in dictionary.items() for n in ns]
    for node, name in names:
        if not is_acronym(name) and len(name.split()) >= 2:
            for letters in spellings(name):
                spelled[letters].add(node)
    for node, name in sorted(forms.items()):
        if not is_acronym(name):
            continue
        candidates = {clusters.find(n) for n in spelled.get(acronym(name), set())} - {clusters.find(node)}
        if len(candidates) == 1:
            clusters.union(next(iter(candidates)), node, "acronym")


def _join_capitals(clusters: Clusters, forms: dict[str, str]) -> None:
    """A state's capital the NER took for an organisation ("Dhaka said") is the state, when the corpus names that state."""
    from newsevents.nlp.gazetteer import capitals

    by_city = {folded(city): code for code, city in capitals()}
    for node, name in sorted(forms.items()):
        code = by_city.get(folded(name))
        if code is not None and f"country:{code}" in clusters.parent and clusters.find(node) not in clusters.pin:
            clusters.union(f"country:{code}", node, "capital")


def _join_countries(clusters: Clusters, forms: dict[str, str]) -> None:
    """Join an organisation name's nodes with and without a state (and with and without a head noun), when no second state shows."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for node in sorted(forms):
        if node.startswith("org:"):
            name = node.split("|", 1)[0]
            by_name[_HEADS.sub("", name) if " " in name[4:] else name].append(node)
    for nodes in by_name.values():
        by_state: dict[str, list[str]] = defaultdict(list)
        for node in nodes:
            by_state[node.split("|", 1)[1] if "|" in node else ""].append(node)
        for same in by_state.values():  # one name (give or take the head noun) of one state
            for node in same[1:]:
                clusters.union(same[0], node, "name")
        if len(by_state) == 2 and "" in by_state:  # with one state and without: one organisation
            state = next(k for k in by_state if k)
            clusters.union(by_state[state][0], by_state[""][0], "name")
