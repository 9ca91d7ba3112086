"""Turn the triggers of one sentence into coded event drafts (before actors are resolved).

For every trigger the coder climbs the parse to find what governs it: a frame word ("agreed
to", "refused to", "threatened to", "urged ... to", "plans to", "said", "denied") or a light verb
carrying a noun ("launched an investigation"). A complement governed by agree / reject /
threaten / request is folded into that word's event ("refused to meet" is one REJECT); the
others keep their own event with a status (planned, alleged, denied) taken from the frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsevents.events.arguments import LIGHT_VERBS, Arguments, condition_subjects, noun_arguments, subjects, verb_arguments
from newsevents.events.frames import Coding, future, reject, under_frame
from newsevents.events.status import Reading, negated_noun, reading
from newsevents.events.triggers import Match, is_actor_like

if TYPE_CHECKING:
    from spacy.tokens import Token

EVENT_FRAMES = ("agree", "reject", "threaten", "request")
_SPEECH_NOUNS = ("claim", "report", "allegation", "accusation", "charge", "suggestion", "rumour", "rumor",
                 "statement", "news", "assertion", "notion")
_PLAN_WORDS = ("anticipate", "expect", "hope", "plan", "intend", "aim")
_FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")
_DEONTIC = ("must", "should", "ought")
_MENACE_MODALS = ("would", "will", "could", "'ll", "shall")
_SPEECH_VERBS = ("say", "tell", "announce", "state", "declare", "add", "insist", "stress", "emphasize",
                 "emphasise", "underline", "underscore", "reiterate", "write", "note")
#: Verbs that carry an event noun in a prepositional phrase: "took part in talks", "returned to war".
_ENTERING = frozenset({"participate", "engage", "return", "enter", "go", "come", "resort", "proceed", "move", "turn", "head"})
_NOUN_PLANS = ("expect", "anticipate", "await", "schedule", "ready", "prepared", "set")


@dataclass
class Draft:
    """An event before actor resolution: coding, trigger, argument words and status."""

    match: Match
    coding: Coding
    args: Arguments
    status: str
    depth: int
    evidence: tuple["Token", ...]
    reporter: Match | None = None  # the reporting verb above the trigger, if any
    complements: list[Match] = field(default_factory=list)
    derived: bool = False  # an ACCUSE read off a reported allegation


@dataclass
class _Chain:
    """What governs one trigger."""

    frames: list[Match] = field(default_factory=list)
    verbs: list["Token"] = field(default_factory=list)  # the trigger's own clause and plan/try verbs
    absorbing: Match | None = None
    reporter: Match | None = None
    accuser: Match | None = None
    planned: bool = False
    denied: bool = False
    dropped: bool = False
    governing: Match | None = None  # another event word the trigger is a complement of


def _deontic(verb: "Token") -> bool:
    """True for a clause of obligation: "must return", "should cooperate", "has to go"."""
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in _DEONTIC:
            return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in ("have", "need") and head.pos_ in ("VERB", "AUX")


def frame_of(match: Match) -> str | None:
    """The frame a trigger acts as; saying that someone must act ("said Y must ...") is a request."""
    frame = match.pattern.frame
    head = match.head
    if frame == "report" and head.lemma_.lower() in _SPEECH_VERBS:
        for clause in (c for c in head.children if c.dep_ == "ccomp" and _deontic(c)):
            # "said Y must stop", "said the judge must be reinstated"
            if any(s.dep_ in ("nsubj", "nsubjpass") and is_actor_like(s) for s in clause.children):
                return "request"
        if head.lemma_.lower() == "tell" and any(c.dep_ == "xcomp" and _infinitive(c) for c in head.children) and any(
            o.dep_ in ("dobj", "dative") and is_actor_like(o) for o in head.children
        ):
            return "request"  # "told Hanoi to halt the work": an order, not a report
    return frame


def _governor(token: "Token") -> "Token | None":
    """The word that governs a trigger as its complement or object, or None."""
    head = token.head
    if head.i == token.i:
        return None
    if token.dep_ == "conj":
        # "helped to plan and carry out killings": conjuncts share a governor; one does not govern the other
        return _governor(head) if head.pos_ in ("VERB", "AUX", "ADJ") else None
    if token.dep_ in ("xcomp", "ccomp"):
        if head.pos_ == "NOUN" and head.lemma_.lower() not in _SPEECH_NOUNS:
            return None
        return head
    if token.dep_ == "advcl" and head.pos_ in ("VERB", "AUX") and _infinitive(token):
        return head  # "gave permission to Russia to help": the purpose hangs on the act
    if token.dep_ == "acl" and head.pos_ == "NOUN" and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
        return head  # "his claim that it had struck Wagner positions": a content clause, whatever its tense
    if token.dep_ == "acl" and head.pos_ == "NOUN" and token.tag_ not in ("VBN", "VBD"):
        return head  # "a threat to boycott", "claims that he was killed"
    if token.dep_ in ("dobj", "obj", "nsubjpass", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        return head
    if token.dep_ in ("pobj", "pcomp") and head.dep_ in ("prep", "agent"):
        if head.head.pos_ in ("VERB", "AUX", "ADJ") and head.lower_ in ("for", "to", "in", "of", "on", "into", "from"):
            return head.head
        if head.head.pos_ in ("VERB", "AUX") and head.lower_ == "by" and token.dep_ == "pcomp":
            return head.head  # "responded by imposing sanctions": the means belongs to the verb
        if head.head.pos_ == "NOUN" and head.lower_ in ("for", "of", "to"):
            return head.head  # "calls for talks", "the significance of signing"
    return None


def _chain(match: Match, by_head: dict[int, Match]) -> _Chain:
    """Climb from a trigger through frames and light verbs to its reporting verb."""
    chain = _Chain()
    token = match.head
    if token.pos_ in ("VERB", "AUX", "ADJ"):
        chain.verbs.append(token)
        if token.pos_ == "ADJ" and token.dep_ in ("acomp", "attr"):
            chain.verbs.append(token.head)  # "was ready to": the copula holds tense and negation
    for _ in range(8):
        if token.dep_ == "conj" and token.head.i in by_head and by_head[token.head.i].pattern.type:
            token = token.head  # "agreed to meet and sign": sign shares meet's governor
            continue
        gov = _governor(token)
        if gov is None:
            break
        found = by_head.get(gov.i)
        if found is None and token.dep_ in ("pobj", "pcomp") and token.pos_ in ("NOUN", "PROPN") and gov.pos_ in ("VERB", "AUX") \
                and gov.lemma_.lower() not in LIGHT_VERBS and gov.lemma_.lower() not in _ENTERING:
            break  # "remained far apart on a ceasefire": a topic of another verb, not its complement
        if found is None:
            if gov.pos_ in ("VERB", "AUX") and not chain.frames and not chain.verbs:
                chain.verbs.append(gov)  # the light verb carrying a noun trigger
            elif gov.pos_ in ("VERB", "AUX") and _relation(token) == "xcomp" and not chain.reporter:
                chain.verbs.append(gov)  # "did not have to agree": negation and modality sit on the governor
            token = gov
            continue
        frame = frame_of(found)
        if frame is None or _relation(token) == "advcl":
            chain.governing = found  # a purpose clause is no complement: "offered troops to help"
            break  # governed by another event word: a separate event
        if frame in ("plan", "try") and token.dep_ not in ("xcomp", "ccomp", "conj") and found.head.lemma_.lower() not in _NOUN_PLANS:
            break  # "planned the killings" is not a plan to kill: only infinitives are governed
        chain.frames.append(found)
        if frame in ("try", "plan"):
            if chain.reporter is None:
                chain.verbs.append(found.head)
            chain.planned = chain.planned or frame == "plan"
        elif frame == "neg":
            chain.dropped = True
            break
        elif frame in EVENT_FRAMES:
            chain.absorbing = found
            break
        elif frame == "accuse":
            chain.accuser = found
            break
        elif frame == "deny":
            chain.denied = True
            break
        elif frame == "report" and chain.reporter is None:
            chain.reporter = found
        token = gov
    return chain


def _anticipated(token: "Token") -> bool:
    """A non-finite trigger whose finite verb is followed by "anticipating/expecting ..." ."""
    if token.tag_ in _FINITE_TAGS or any(c.dep_ == "aux" for c in token.children):
        return False
    current = token
    for _ in range(6):
        if current.head.i == current.i:
            break
        current = current.head
        if current.pos_ in ("VERB", "AUX") and (current.tag_ in _FINITE_TAGS or any(c.dep_ == "aux" for c in current.children)):
            return any(c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in _PLAN_WORDS for c in current.children)
    return False


def _depth(match: Match, by_head: dict[int, Match]) -> int:
    """How many event-bearing verbs stand above the trigger (0 for a main-clause event)."""
    depth = 0
    token = match.head
    for _ in range(12):
        if token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            found = by_head.get(token.i)
            if found is None or found.pattern.type is not None and found.pattern.frame is None:
                depth += 1
    return depth


def _own_coding(match: Match) -> Coding | None:
    """The coding a trigger's own pattern gives (a reported obligation is a demand, 100)."""
    pattern = match.pattern
    if pattern.type is None or pattern.cameo is None:
        frame = frame_of(match)
        if frame == "threaten" and _menacing(match.head):
            return Coding("THREATEN", None, "130")
        return Coding("REQUEST", None, "100") if frame == "request" else None
    return Coding(pattern.type, pattern.mode, pattern.cameo)


def _menacing(head: "Token") -> bool:
    """A warning whose that-clause says what someone will do or what will be done to someone.

    "warned that troops would recover every inch", "warned it would halt coordination", "warned
    that their installations would be considered targets" are threats; "warned that growth would
    slow" is a forecast (its subject is no actor, and nothing is done to anyone).
    """
    for clause in (c for c in head.children if c.dep_ == "ccomp"):
        if not any(c.dep_ == "aux" and c.lower_ in _MENACE_MODALS for c in clause.children):
            continue
        if any(c.dep_ == "nsubjpass" for c in clause.children):
            return True
        if any(c.dep_ == "nsubj" and (c.pos_ == "PRON" or is_actor_like(c)) for c in clause.children):
            return True
    return False


def draft_sentence(matches: list[Match]) -> list[Draft]:
    """Event drafts for one sentence's triggers (frames applied, statuses set)."""
    by_head = {m.head.i: m for m in matches}
    consumed = {t.i for m in matches for t in m.tokens[1:]}
    object_control = frozenset(m.head.i for m in matches if frame_of(m) in ("request", "accuse"))
    chains: dict[int, _Chain] = {}
    complements: dict[int, list[Match]] = {}
    for match in matches:
        if match.pattern.pos == "N" and (match.head.i in consumed or match.head.dep_ == "compound"):
            continue  # "talks" in "hold talks" belongs to the verb; "riot police" is no riot
        if match.pattern.type is None and frame_of(match) not in EVENT_FRAMES:
            continue
        chain = _chain(match, by_head)
        if chain.accuser is not None and match.pattern.type == "ACCUSE":
            continue  # "accused X of making accusations": one accusation, not two
        chains[match.head.i] = chain
        if chain.absorbing is not None and match.pattern.type is not None:
            complements.setdefault(chain.absorbing.head.i, []).append(match)
    drafts: list[Draft] = []
    for match in matches:
        chain = chains.get(match.head.i)
        if chain is None or chain.dropped:
            continue
        inner = complements.get(match.head.i, [])
        if chain.absorbing is not None and match.pattern.type is not None:
            continue  # folded into the frame's event
        if _refused_above(chain, chains):
            continue  # "refused to allow planes to land and evacuate observers": nobody was evacuated
        own = _own_coding(match)
        if not inner and "weak" in match.pattern.flags and frame_of(match) == "request" and match.pattern.frame == "request":
            continue  # "might want Obama to head back": a wish counts only when it names an event
        if inner:
            first = _own_coding(inner[0])
            assert first is not None
            coding = under_frame(frame_of(match) or "", match.pattern.cameo or "100", first)
        elif own is not None:
            coding = own
        else:
            continue
        draft = _finish(match, coding, chain, inner, by_head, object_control, _nested(inner, complements))
        if draft is not None:
            drafts.append(draft)
    return drafts


def _refused_above(chain: _Chain, chains: dict[int, _Chain]) -> bool:
    """True when the event word governing this one was itself refused or rejected."""
    above = chains.get(chain.governing.head.i) if chain.governing is not None else None
    return above is not None and above.absorbing is not None and frame_of(above.absorbing) == "reject"


def _nested(inner: list[Match], complements: dict[int, list[Match]]) -> list[Match]:
    """Complements of complements, any depth, each once."""
    out: list[Match] = []
    stack = [c for comp in inner for c in complements.get(comp.head.i, [])]
    while stack:
        found = stack.pop(0)
        if found not in out and found not in inner:
            out.append(found)
            stack += complements.get(found.head.i, [])
    return out


def _status(chain: _Chain, read: Reading, match: Match) -> str:
    """reported | alleged | denied | planned | hypothetical."""
    if chain.denied:
        return "denied"
    if read.hypothetical:
        return "hypothetical"
    if chain.planned or read.future or _anticipated(match.head):
        return "planned"
    if chain.accuser is not None or read.hedged:
        return "alleged"
    if chain.reporter is not None and chain.reporter.head.lemma_.lower() in ("allege", "claim"):
        return "alleged"
    return "reported"


def _finish(match: Match, coding: Coding, chain: _Chain, inner: list[Match], by_head: dict[int, Match],
            object_control: frozenset[int], nested: list[Match]) -> Draft | None:
    """Arguments, status and evidence of one draft; None for a negated action.

    ``nested`` are the complements of the complements ("refused to commit to assistance to X"):
    they give targets, not the coding.
    """
    read = reading(chain.verbs, reported=chain.reporter is not None)
    if match.pattern.pos == "N" and negated_noun(match.head):
        return None  # "no talks were held", "the meeting never took place"
    if chain.governing is not None and _infinitive(match.head) and reading([chain.governing.head], False).negated:
        return None  # "would not give permission to Russia to help Israel": the purpose falls with its event
    status = _status(chain, read, match)
    if read.negated:
        if (read.future or read.hypothetical or chain.planned) and coding.type in (
            "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"
        ):
            coding, status = reject(coding), "reported"  # "will not meet": a refusal
        else:
            return None
    elif status == "planned" and not inner:
        coding = future(coding)
    args = noun_arguments(match, object_control) if match.pattern.pos == "N" else verb_arguments(match, object_control)
    frame = frame_of(match)
    if frame == "request" and match.pattern.frame == "report":
        # "told reporters that Iraq must ...": the one who must act; "told Hanoi to halt ...": the one told
        said = [t for c in _ccomps(match) for t in subjects(c, object_control)]
        args.targets = said or [t for t in args.targets if is_actor_like(t)]
    addressed = any(is_actor_like(t) for t in args.targets)
    for comp in inner + nested:
        comp_args = noun_arguments(comp, object_control) if comp.pattern.pos == "N" else verb_arguments(comp, object_control)
        if frame == "request" and not addressed:
            asked = [t for t in comp_args.actors if t not in args.actors]  # "demanded that Israel ease ..."
            args.targets += asked
            addressed = bool(asked)
        if frame == "request" and addressed:
            continue  # "urged Iraq to cooperate with the inspectors": the one asked is the recipient
        if comp.pattern.pos == "N" and frame in ("reject", "agree"):
            # "refused a demand from Washington", "accepted an offer by Cairo": the one who made it
            args.targets += [t for t in comp_args.actors if t not in args.targets and t not in args.actors]
        for target in comp_args.targets:
            if target not in args.targets and target not in args.actors:
                args.targets.append(target)
        if "sym" in match.pattern.flags:
            args.partners += [p for p in comp_args.partners if p not in args.partners]
        else:  # "refused to meet the delegation": the one not met is the target
            args.targets += [p for p in comp_args.partners if p not in args.targets and p not in args.actors]
        if not args.targets:
            args.targets = condition_subjects(comp.head)
    evidence = match.tokens + tuple(t for comp in inner for t in comp.tokens[:1])
    return Draft(match, coding, args, status, _depth(match, by_head), evidence, chain.reporter, inner)


def _relation(token: "Token") -> str:
    """The dependency that ties a clause to its governor, looking through conjunctions."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_


def _infinitive(token: "Token") -> bool:
    """True for a "to"-infinitive ("to help")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _ccomps(match: Match) -> list["Token"]:
    """Clausal complements of a speech verb ("alleged that France ...")."""
    return [c for c in match.head.children if c.dep_ == "ccomp"]
