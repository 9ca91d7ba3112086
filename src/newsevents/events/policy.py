"""Coding policy as data: the coder's vetoes and recodings (``events_policy.tsv``) and word lists.

A rule is one line of ``events_policy.tsv``: a name, the stage of the coder it runs at, conditions
(named predicates from the registry below, all must hold) and an action, ``drop`` or ``recode
TYPE/mode/CAMEO``. Predicates are small pure functions of a :class:`Case`, the event being coded
as the coder has resolved it so far. ``SentenceCoder`` calls :meth:`Policy.apply` once per stage.

Word lists (``events_words.tsv``) are named sets of lemmas, sector codes or PLOVER types; code
asks for one with :func:`words`, a rule names one as ``@list``. Both files are read once per
process with the table reader of :mod:`~newsevents.events.tables`; every error names file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from newsevents.events.frames import Coding
from newsevents.events.tables import PLOVER_TYPES, EventsDataError, cameo_table, parse_rows, read_rows
from newsevents.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsevents.events.lexicon import Pattern
    from newsevents.events.sentence import Draft

POLICY_FILE = "events_policy.tsv"
WORDS_FILE = "events_words.tsv"
#: The coder's policy stages, in the order it runs them (see ``SentenceCoder._event``).
STAGES = ("resolved", "merged")


@lru_cache(maxsize=1)
def word_lists() -> dict[str, frozenset[str]]:
    """Every word list of ``events_words.tsv`` by name."""
    return parse_words(WORDS_FILE, None)


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The word list ``name`` of ``events_words.tsv``."""
    lists = word_lists()
    if name not in lists:
        raise EventsDataError(f"{WORDS_FILE}: no word list {name!r}; add a row for it (lists: {', '.join(sorted(lists))})")
    return lists[name]


def parse_words(name: str, text: str | None) -> dict[str, frozenset[str]]:
    """Word lists from the text of table ``name`` (the bundled file when ``text`` is None)."""
    columns = ("list", "words", "note")
    rows = read_rows(name, columns) if text is None else parse_rows(name, text, columns)
    out: dict[str, frozenset[str]] = {}
    for number, row in rows:
        items = [w.strip() for w in row["words"].split("|")]
        if not row["list"] or row["list"] in out:
            raise EventsDataError(f"{name}:{number}: list name {row['list']!r} is empty or given twice")
        if not all(items) or len(set(items)) != len(items):
            raise EventsDataError(f"{name}:{number}: list {row['list']} has an empty or repeated word: {row['words']!r}")
        out[row["list"]] = frozenset(items)
    return out


@dataclass
class Case:
    """What a rule sees: the draft being coded and its coding, arguments and status so far."""

    draft: Draft
    coding: Coding
    actors: list[ActorRef]
    targets: list[ActorRef]
    contexts: tuple[str, ...]
    resolve: Callable[[list["Token"]], Sequence[ActorRef]]
    partners: list[ActorRef] = field(default_factory=list)
    status: str = "reported"
    reciprocal: bool = False

    @property
    def pattern(self) -> Pattern:
        """The lexicon pattern that matched the trigger."""
        return self.draft.match.pattern


Predicate = Callable[[Case, frozenset[str]], bool]


@dataclass(frozen=True)
class PredicateSpec:
    """A registered predicate: its function, whether it takes values, and whether those are PLOVER types."""

    function: Predicate
    takes_values: bool
    types: bool = False


#: Predicate name -> spec; the names rules may use.
PREDICATES: dict[str, PredicateSpec] = {}


def predicate(name: str, *, values: bool = False, types: bool = False) -> Callable[[Predicate], Predicate]:
    """Register a predicate under ``name`` for use in ``events_policy.tsv``."""

    def register(function: Predicate) -> Predicate:
        PREDICATES[name] = PredicateSpec(function, values, types)
        return function

    return register


def _sector(ref: ActorRef) -> str:
    """The sector code, "-" for none."""
    return ref.sector or "-"


def is_official(ref: ActorRef) -> bool:
    """True for a government, security, judicial, legislative, IGO or media source."""
    if ref.sector in words("official_sectors") or ref.country == "IGO":
        return True
    return ref.sector is None and ref.country is not None and ref.country not in ("NGO", "IMG")


@predicate("type", values=True, types=True)
def _type(case: Case, values: frozenset[str]) -> bool:
    """The coded type is one of ``values``."""
    return case.coding.type in values


@predicate("mode", values=True)
def _mode(case: Case, values: frozenset[str]) -> bool:
    """The coded mode is one of ``values`` ("-": no mode)."""
    return (case.coding.mode or "-") in values


@predicate("flag", values=True)
def _flag(case: Case, values: frozenset[str]) -> bool:
    """The pattern has one of the flags ``values`` (weak, diplo, sym, ...)."""
    return bool(case.pattern.flags & values)


@predicate("pos", values=True)
def _pos(case: Case, values: frozenset[str]) -> bool:
    """The pattern's part of speech (V, N, A) is one of ``values``."""
    return case.pattern.pos in values


@predicate("context", values=True)
def _context(case: Case, values: frozenset[str]) -> bool:
    """The sentence has one of the PLOVER contexts ``values``."""
    return bool(set(case.contexts) & values)


@predicate("actors")
def _actors(case: Case, values: frozenset[str]) -> bool:
    """At least one actor was resolved."""
    return bool(case.actors)


@predicate("targets")
def _targets(case: Case, values: frozenset[str]) -> bool:
    """At least one target was resolved."""
    return bool(case.targets)


@predicate("reciprocal")
def _reciprocal(case: Case, values: frozenset[str]) -> bool:
    """The event is joint: its actors act together."""
    return case.reciprocal


@predicate("actor-words")
def _actor_words(case: Case, values: frozenset[str]) -> bool:
    """The parse gave acting words, resolved or not."""
    return bool(case.draft.args.actors)


@predicate("object-words")
def _object_words(case: Case, values: frozenset[str]) -> bool:
    """A target word is a direct object ("visited a clinic")."""
    return any(o.dep_ in ("dobj", "obj") for o in case.draft.args.targets)


@predicate("actor-country")
def _actor_country(case: Case, values: frozenset[str]) -> bool:
    """Some actor has a country."""
    return any(a.country for a in case.actors)


@predicate("several-countries")
def _several_countries(case: Case, values: frozenset[str]) -> bool:
    """The actors belong to more than one country."""
    return len({a.country for a in case.actors if a.country}) > 1


@predicate("specific-actor")
def _specific_actor(case: Case, values: frozenset[str]) -> bool:
    """Some actor is a specific one: it has a country, a sector or a known entity."""
    return any(a.country or a.sector or a.entity for a in case.actors)


@predicate("all-actors-sector", values=True)
def _all_actors_sector(case: Case, values: frozenset[str]) -> bool:
    """There are actors and every one's sector is in ``values``."""
    return bool(case.actors) and all(_sector(a) in values for a in case.actors)


@predicate("all-actors-state-sector", values=True)
def _all_actors_state_sector(case: Case, values: frozenset[str]) -> bool:
    """There are actors, every one has a country and a sector in ``values``."""
    return bool(case.actors) and all(a.country and _sector(a) in values for a in case.actors)


@predicate("all-actors-official-or", values=True)
def _all_actors_official_or(case: Case, values: frozenset[str]) -> bool:
    """There are actors and every one is official (see :func:`is_official`) or of a sector in ``values``."""
    return bool(case.actors) and all(is_official(a) or _sector(a) in values for a in case.actors)


@predicate("actor-word-lemma", values=True)
def _actor_word_lemma(case: Case, values: frozenset[str]) -> bool:
    """Some acting word's lemma is in ``values``."""
    return any(t.lemma_.lower() in values for t in case.draft.args.actors)


@predicate("all-actor-words-lemma", values=True)
def _all_actor_words_lemma(case: Case, values: frozenset[str]) -> bool:
    """There are acting words and every one's lemma is in ``values`` ("the Swiss drugmaker and a Danish firm")."""
    return bool(case.draft.args.actors) and all(t.lemma_.lower() in values for t in case.draft.args.actors)


@predicate("all-actor-words-named-by", values=True)
def _all_actor_words_named_by(case: Case, values: frozenset[str]) -> bool:
    """There are acting words and each one, or a word of its name before it, is in ``values`` ("India's cricket board")."""
    def named_by(token: "Token") -> bool:
        return any(t.lemma_.lower() in values or t.lower_ in values for t in token.subtree if t.i <= token.i)
    return bool(case.draft.args.actors) and all(named_by(t) for t in case.draft.args.actors)


@predicate("sentence-words", values=True)
def _sentence_words(case: Case, values: frozenset[str]) -> bool:
    """Some word of the trigger's sentence is in ``values``, as written (lower-case) or as its lemma."""
    head = case.draft.match.head
    return head is not None and any(t.lower_ in values or t.lemma_.lower() in values for t in head.sent)


@predicate("suffered", values=True, types=True)
def _suffered(case: Case, values: frozenset[str]) -> bool:
    """The type is one of ``values`` and the parse named someone who suffered it, resolved."""
    return bool(case.draft.args.targets and case.targets) and case.coding.type in values


# The parse readers live in vetoes, which reads its word lists from here: imported when first asked.
@predicate("lone-private-actor")
def _lone_private_actor(case: Case, values: frozenset[str]) -> bool:
    """The acting words are one unnamed person ("a protester", "a man")."""
    from newsevents.events.vetoes import lone_private_person

    return lone_private_person(case.draft.args.actors)


@predicate("generic-actor-words")
def _generic_actor_words(case: Case, values: frozenset[str]) -> bool:
    """Every acting phrase is generic ("any state that attacks")."""
    from newsevents.events.vetoes import generic_reference

    return generic_reference(case.draft.args.actors)


@predicate("accident")
def _accident(case: Case, values: frozenset[str]) -> bool:
    """The trigger's clause tells of an accident ("when their helicopter crashed")."""
    from newsevents.events.vetoes import accidental

    return accidental(case.draft.match.head)


@predicate("passive-trigger")
def _passive_trigger(case: Case, values: frozenset[str]) -> bool:
    """The trigger verb is passive ("was flown")."""
    from newsevents.events.triggers import is_passive

    return is_passive(case.draft.match.head)


@predicate("rebuttal")
def _rebuttal(case: Case, values: frozenset[str]) -> bool:
    """The disapproved charge is about the actor itself ("condemned claims that it ...")."""
    from newsevents.events.vetoes import rebuttal

    return rebuttal(case.draft.match.head, case.actors, case.resolve)


@dataclass(frozen=True)
class Condition:
    """One predicate of a rule, with its values, maybe negated."""

    name: str
    values: frozenset[str]
    negated: bool = False

    def holds(self, case: Case) -> bool:
        """True when the predicate (or, negated, its opposite) holds for ``case``."""
        return bool(PREDICATES[self.name].function(case, self.values)) != self.negated


@dataclass(frozen=True)
class Rule:
    """One line of the policy: when its conditions hold, drop the event or recode it."""

    name: str
    stage: str
    conditions: tuple[Condition, ...]
    coding: Coding | None  # None: drop
    reciprocal: bool
    note: str
    line: int


@dataclass(frozen=True)
class Policy:
    """The rules of a policy table, in file order."""

    rules: tuple[Rule, ...]

    def apply(self, stage: str, case: Case) -> bool:
        """Run the rules of ``stage`` on ``case`` in order, recoding it; False when a rule drops it."""
        for rule in self.rules:
            if rule.stage != stage or not all(c.holds(case) for c in rule.conditions):
                continue
            if rule.coding is None:
                return False
            case.coding = rule.coding
            if rule.reciprocal:
                case.reciprocal, case.targets = True, list(case.actors)
        return True


@lru_cache(maxsize=1)
def load_policy() -> Policy:
    """The bundled policy, ``events_policy.tsv``, read and validated once per process."""
    return parse_policy(POLICY_FILE, None)


def parse_policy(name: str, text: str | None, lists: dict[str, frozenset[str]] | None = None) -> Policy:
    """A policy from the text of table ``name`` (the bundled file when ``text`` is None)."""
    columns = ("name", "stage", "conditions", "action", "note")
    rows = read_rows(name, columns) if text is None else parse_rows(name, text, columns)
    lists = word_lists() if lists is None else lists
    rules: list[Rule] = []
    for number, row in rows:
        where = f"{name}:{number}"
        if not row["name"] or any(r.name == row["name"] for r in rules):
            raise EventsDataError(f"{where}: rule name {row['name']!r} is empty or used twice")
        if row["stage"] not in STAGES:
            raise EventsDataError(f"{where}: stage {row['stage']!r} is not one of {', '.join(STAGES)}")
        conditions = tuple(_condition(where, cell, lists) for cell in row["conditions"].split(";"))
        coding, reciprocal = _action(where, row["action"])
        rules.append(Rule(row["name"], row["stage"], conditions, coding, reciprocal, row["note"], number))
    return Policy(tuple(rules))


def _condition(where: str, cell: str, lists: dict[str, frozenset[str]]) -> Condition:
    """One ``[!]name[=value|@list|...]`` condition, checked against the predicate registry."""
    text = cell.strip()
    negated = text.startswith("!")
    name, _, raw = text.lstrip("!").partition("=")
    spec = PREDICATES.get(name.strip())
    if spec is None:
        raise EventsDataError(f"{where}: unknown predicate {name.strip()!r}; known: {', '.join(sorted(PREDICATES))}")
    if spec.takes_values != bool(raw.strip()):
        need = "needs values (name=a|b)" if spec.takes_values else "takes no values"
        raise EventsDataError(f"{where}: predicate {name.strip()!r} {need}: {text!r}")
    values: set[str] = set()
    for value in (v.strip() for v in raw.split("|") if raw.strip()):
        if value.startswith("@") and value[1:] not in lists:
            raise EventsDataError(f"{where}: word list {value[1:]!r} is not in {WORDS_FILE}")
        values |= lists[value[1:]] if value.startswith("@") else {value}
    if spec.types and not values <= set(PLOVER_TYPES):
        raise EventsDataError(f"{where}: {sorted(values - set(PLOVER_TYPES))} are not PLOVER types ({', '.join(PLOVER_TYPES)})")
    return Condition(name.strip(), frozenset(values), negated)


def _action(where: str, cell: str) -> tuple[Coding | None, bool]:
    """(coding, reciprocal) of ``drop`` (coding None) or ``recode TYPE/mode/CAMEO [reciprocal]``."""
    parts = cell.split()
    if parts == ["drop"]:
        return None, False
    fields = parts[1].split("/") if len(parts) in (2, 3) and parts[0] == "recode" else []
    if len(fields) != 3 or parts[2:] not in ([], ["reciprocal"]):
        raise EventsDataError(f"{where}: action {cell!r} should be 'drop' or 'recode TYPE/mode/CAMEO [reciprocal]'")
    etype, mode, cameo = fields
    if etype not in PLOVER_TYPES:
        raise EventsDataError(f"{where}: {etype!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})")
    if cameo not in cameo_table():
        raise EventsDataError(f"{where}: CAMEO code {cameo!r} is not in events_cameo.tsv")
    return Coding(etype, None if mode == "-" else mode, cameo), parts[2:] == ["reciprocal"]
