"""The hybrid event coder ``newsevents.hybrid.v2``: the rules, weighed sentence by sentence against the learned classifier.

Division of labour: the rules (``newsevents.coder.v2``) code each sentence as they do alone; the
classifier (:mod:`newsevents.events.model`) gives the sentence's main event type (or NONE) with a
calibrated probability. The model's :class:`~newsevents.events.model.HybridPolicy` (thresholds
chosen on the corpus' dev split, each step required to be right there at least 80% of the time with
one standard error to spare, and to add events to at most 2% of its no-event sentences) then decides
per sentence:

- keep: the rules' events as they are (always, when the model is not sure enough);
- retype: the model's type replaces that of the rules' top event, whose actors, targets and
  evidence stay (mode and CAMEO from the new type's cue words, else its most common code);
- drop: the model is sure the sentence reports no event: the rules' events of it go;
- add: the rules code nothing and the model is sure of a type: one event read off the parse:

  - trigger: a lexicon trigger of that type (one the rules matched but dropped), else the content
    word whose features speak most for the type (reporting verbs passed over), else the main verb;
  - actors: the resolved subjects of the trigger's verb (or the owner of a noun trigger: "Israeli
    strikes"); targets: the actor-like objects and prepositional objects, or the owners of things
    handed over ("with"/"between" partners of a meeting or joint act make it reciprocal); as in the
    rules, people attacked, coerced or protesting in a named place are from there;
  - status from the clause's reading (negated clauses add nothing), mode from the cue words;
  - CAMEO: the cue's code, else the lexicon's most common code for the type; confidence: the
    calibrated probability.

Figures (issue #7) are in the module docstring of :mod:`newsevents.training.events` and the
commit that trained the bundled model; the default coder stays the rules.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from newsevents.events.arguments import owners, place_objects, subjects
from newsevents.events.coder import SentenceCoder, event_id
from newsevents.events.cues import mode_from_cues, sentence_contexts
from newsevents.events.dates import event_date
from newsevents.events.lexicon import Lexicon
from newsevents.events.model import REPORTING, EventModel, hybrid_decision, load_events_model, main_verbs
from newsevents.events.places import event_location
from newsevents.events.policy import words
from newsevents.events.status import reading
from newsevents.events.tables import cameo_table
from newsevents.events.triggers import find_matches, is_actor_like, objects
from newsevents.records import ActorRef, Event

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: Types whose "with" / "between" partners take part together (a reciprocal event).
_JOINT_TYPES = ("CONSULT", "COOPERATE", "AGREE")
#: Prepositions whose objects receive the act ("sanctions on Iran", "aid to Gaza", "fired at police").
_TARGET_PREPS = frozenset({"on", "to", "at", "toward", "towards", "into"})
_DEFAULT_CAMEO: dict[str, dict[str, str]] = {}  # lexicon version -> type -> code, filled on first use


def code_hybrid(coder: SentenceCoder, model: EventModel | None = None) -> tuple[Event, ...]:
    """The rules' events of the article, kept, retyped, dropped or joined by the model's, in sentence order."""
    model = model if model is not None else load_events_model()
    policy = model.policy
    by_sentence: dict[int, list[Event]] = {}
    for event in coder.code():
        by_sentence.setdefault(event.sentence_start, []).append(event)
    out: list[Event] = []
    for sent in coder.scope.doc.sents:
        mine = by_sentence.get(sent.start_char, [])
        label, prob = model.predict(sent)[0]
        top = max(mine, key=lambda e: e.confidence) if mine else None  # the first among equals
        action, _ = hybrid_decision(top.type if top else None, label, prob, policy)
        if action == "keep":
            out += mine
        elif action == "retype" and top is not None:
            out += [retyped(coder, sent, e, label, prob) if e is top else e for e in mine]
        elif action == "add" and prob >= coder.min_confidence:
            event = model_event(coder, sent, label, prob, model)
            out += [event] if event is not None else []
    return tuple(sorted(out, key=lambda e: e.sentence_start))


def _coded(coder: SentenceCoder, label: str, trigger: "Token") -> tuple[str | None, str | None, Any]:
    """Mode, CAMEO code and CAMEO table row of a ``label`` event at ``trigger``: the cue's, else the type's default."""
    mode, cameo = None, default_cameo(coder.lexicon, label)
    cue = mode_from_cues(label, trigger)
    if cue is not None:
        mode, cameo = cue[0], cue[1] or cameo
    return mode, cameo, cameo_table().get(cameo or "")


def retyped(coder: SentenceCoder, sent: "Span", event: Event, label: str, prob: float) -> Event:
    """The rules' event as one of type ``label`` (the model's): its actors, targets and evidence, the type's mode and CAMEO."""
    span = coder.scope.doc.char_span(event.evidence_start, event.evidence_end, alignment_mode="expand")
    trigger = span.root if span is not None and len(span) else sent.root
    mode, cameo, code = _coded(coder, label, trigger)
    return replace(
        event, id=event_id(coder.scope.article.id, event.evidence_start, event.evidence_end, label), type=label, mode=mode,
        cameo=cameo, quad_class=code.quad_class if code else None, goldstein=code.goldstein if code else None,
        confidence=max(event.confidence, round(prob, 2)),
    )


def default_cameo(lexicon: Lexicon, event_type: str) -> str | None:
    """The CAMEO code the lexicon gives this type most often (the lowest code among equals)."""
    if lexicon.version not in _DEFAULT_CAMEO:
        counts: dict[str, Counter[str]] = {}
        for pattern in lexicon.patterns:
            if pattern.type and pattern.cameo:
                counts.setdefault(pattern.type, Counter())[pattern.cameo] += 1
        _DEFAULT_CAMEO[lexicon.version] = {t: min(c, key=lambda code: (-c[code], code)) for t, c in counts.items()}
    return _DEFAULT_CAMEO[lexicon.version].get(event_type)


def _trigger(coder: SentenceCoder, sent: "Span", label: str, model: EventModel) -> "Token | None":
    """A lexicon trigger of the type (a main verb first), else the model's strongest word, else the main verb."""
    verbs = main_verbs(sent)
    mains = {v.i for v in verbs}
    matches = [m.head for m in find_matches(sent, coder.lexicon) if m.pattern.type == label]
    if matches:
        return min(matches, key=lambda t: (t.i not in mains, t.i))
    return model.strongest(sent, label, skip=REPORTING) or (verbs[0] if verbs else None)


def _verb_of(token: "Token") -> "Token":
    """The token itself when a verb, else the nearest verb above it (a noun trigger's carrier)."""
    current = token
    for _ in range(4):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head.i == current.i:
            break
        current = current.head
    return token


def _pobjs(token: "Token", preps: frozenset[str] | tuple[str, ...]) -> list["Token"]:
    """Objects of the token's prepositions among ``preps``."""
    return [p for c in token.children if c.dep_ == "prep" and c.lower_ in preps for p in c.children if p.dep_ in ("pobj", "pcomp")]


def _chain(verb: "Token", sent: "Span") -> tuple[list["Token"], str | None]:
    """The verbs from ``verb`` up to the sentence root, and the lemma of a reporting verb above them."""
    verbs, current = [verb], verb
    for _ in range(6):
        if current.head.i == current.i or not sent.start <= current.head.i < sent.end:
            break
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            if current.lemma_.lower() in REPORTING:
                return verbs, current.lemma_.lower()
            verbs.append(current)
    return verbs, None


def _status(verb: "Token", sent: "Span") -> str | None:
    """reported | alleged | planned | hypothetical from the clause's reading; None for a negated one."""
    verbs, reporter = _chain(verb, sent)
    read = reading(verbs, reporter is not None)
    if read.negated:
        return None
    if read.hypothetical:
        return "hypothetical"
    if read.future:
        return "planned"
    return "alleged" if read.hedged or reporter in ("allege", "claim") else "reported"


def _arguments(trigger: "Token", verb: "Token", label: str) -> tuple[list["Token"], list["Token"], list["Token"]]:
    """Actor, target and partner words of the trigger."""
    actors: list["Token"] = []
    if trigger.pos_ == "NOUN":
        actors = owners(trigger)
    actors = actors or subjects(verb, frozenset())
    preps = words("default_target_preps") | _TARGET_PREPS
    things = [o for o in objects(verb) if o is not trigger and o not in actors]
    things += [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    things += _pobjs(verb, preps) + (_pobjs(trigger, preps) if trigger is not verb else [])
    targets: list["Token"] = []
    for thing in things:
        # "handed Poland drone footage of smugglers": a thing is no recipient; its owner or addressee may be
        found = [thing] if is_actor_like(thing) else owners(thing) + [p for p in _pobjs(thing, ("to", "against", "on", "with")) if is_actor_like(p)]
        targets += [t for t in found if t not in targets and t not in actors]
    partners: list["Token"] = []
    if label in _JOINT_TYPES:
        partners = [p for holder in (verb, trigger) for p in _pobjs(holder, ("with", "between", "among")) if is_actor_like(p)]
    return actors, [t for t in targets if t not in partners], partners


def _placed(coder: SentenceCoder, verb: "Token", label: str, actors: list[ActorRef],
            targets: list[ActorRef]) -> tuple[list[ActorRef], list[ActorRef]]:
    """As the rules do: people attacked or protesting in a named place are from there ("overran a base in Goma")."""
    places = [p for p in coder.resolver.resolve(place_objects(verb)) if p.country]
    if not places or label not in ("ASSAULT", "COERCE", "PROTEST"):
        return actors, targets
    where = places[0].country
    if label == "PROTEST":
        return [a if a.country else replace(a, country=where) for a in actors], targets
    if not targets:
        return actors, [replace(places[0], sector=None)]
    return actors, [t if t.country else replace(t, country=where) for t in targets]


def model_event(coder: SentenceCoder, sent: "Span", label: str, prob: float, model: EventModel) -> Event | None:
    """One event of type ``label`` read off the sentence, or None (no trigger, or a negated clause)."""
    trigger = _trigger(coder, sent, label, model)
    if trigger is None:
        return None
    verb = _verb_of(trigger)
    status = _status(verb, sent)
    if status is None:
        return None
    actor_words, target_words, partner_words = _arguments(trigger, verb, label)
    actors = list(coder.resolver.resolve(actor_words))
    targets = [t for t in coder.resolver.resolve(target_words) if all((t.name, t.country) != (a.name, a.country) for a in actors)]
    reciprocal = False
    for partner in coder.resolver.resolve(partner_words):
        if all((partner.name, partner.country) != (a.name, a.country) for a in actors):
            actors.append(partner)
    if partner_words and len(actors) > 1:
        reciprocal, targets = True, []  # partners act together: all of them actors, no recipient
    actors, targets = _placed(coder, verb, label, actors, targets)
    mode, cameo, code = _coded(coder, label, trigger)
    doc, article = coder.scope.doc, coder.scope.article
    start, end = trigger.idx, trigger.idx + len(trigger.text)
    date, date_text = event_date(doc, sent, trigger, article)
    return Event(
        id=event_id(article.id, start, end, label), type=label, mode=mode, context=sentence_contexts(sent), cameo=cameo,
        quad_class=code.quad_class if code else None, goldstein=code.goldstein if code else None,
        actors=tuple(actors), targets=tuple(targets), date=date, date_text=date_text,
        location=event_location(doc, sent, trigger, coder.scope.entities), status=status, sentence=sent.text,
        sentence_start=sent.start_char, evidence_start=start, evidence_end=end, confidence=round(prob, 2),
        reciprocal=reciprocal,
    )
