"""The hybrid event coder ``newsevents.hybrid.v1``: the rules, plus the learned classifier where they code nothing.

Division of labour: every event of the rules (``newsevents.coder.v2``) is kept as it is. In a
sentence where the rules code nothing, the classifier (:mod:`newsevents.events.model`) gives the
sentence's main event type; when that is an event type with a calibrated probability at or above
the model's threshold (chosen on the corpus' dev split), the hybrid adds one event:

- trigger: the content word whose lemma speaks most for that type, else the main verb;
- actors: the resolved subjects of the trigger's verb (or the owner of a noun trigger: "Israeli
  strikes"); targets: its objects and prepositional objects ("with"/"between" partners of a
  meeting or joint act make it reciprocal);
- status from the clause's reading (negated clauses add nothing), mode from the cue words;
- CAMEO: the cue's code, else the lexicon's most common code for the type; confidence: the
  calibrated probability.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from newsevents.events.arguments import owners, subjects
from newsevents.events.coder import SentenceCoder, event_id
from newsevents.events.cues import mode_from_cues, sentence_contexts
from newsevents.events.dates import event_date
from newsevents.events.lexicon import Lexicon
from newsevents.events.model import NONE, EventModel, load_events_model, main_verbs
from newsevents.events.places import event_location
from newsevents.events.policy import words
from newsevents.events.status import reading
from newsevents.events.tables import cameo_table
from newsevents.events.triggers import is_actor_like, objects
from newsevents.records import Event

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: Types whose "with" / "between" partners take part together (a reciprocal event).
_JOINT_TYPES = ("CONSULT", "COOPERATE", "AGREE")
#: Prepositions whose objects receive the act ("sanctions on Iran", "aid to Gaza", "fired at police").
_TARGET_PREPS = frozenset({"on", "to", "at", "toward", "towards", "into"})
_REPORTING = frozenset({"say", "tell", "announce", "report", "add", "state", "claim", "allege", "confirm", "accord"})
_DEFAULT_CAMEO: dict[str, dict[str, str]] = {}  # lexicon version -> type -> code, filled on first use


def code_hybrid(coder: SentenceCoder, model: EventModel | None = None) -> tuple[Event, ...]:
    """The rules' events of the article plus the model's, in sentence order."""
    rules = coder.code()
    model = model if model is not None else load_events_model()
    covered = {event.sentence_start for event in rules}
    added: list[Event] = []
    for sent in coder.scope.doc.sents:
        if sent.start_char in covered:
            continue
        label, prob = model.predict(sent)[0]
        if label == NONE or prob < model.threshold or prob < coder.min_confidence:
            continue
        event = model_event(coder, sent, label, prob, model)
        if event is not None:
            added.append(event)
    return tuple(sorted((*rules, *added), key=lambda e: e.sentence_start))


def default_cameo(lexicon: Lexicon, event_type: str) -> str | None:
    """The CAMEO code the lexicon gives this type most often (the lowest code among equals)."""
    if lexicon.version not in _DEFAULT_CAMEO:
        counts: dict[str, Counter[str]] = {}
        for pattern in lexicon.patterns:
            if pattern.type and pattern.cameo:
                counts.setdefault(pattern.type, Counter())[pattern.cameo] += 1
        _DEFAULT_CAMEO[lexicon.version] = {t: min(c, key=lambda code: (-c[code], code)) for t, c in counts.items()}
    return _DEFAULT_CAMEO[lexicon.version].get(event_type)


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


def _chain(verb: "Token", sent: "Span") -> tuple[list["Token"], bool]:
    """The verbs from ``verb`` up to the sentence root, and whether a reporting verb stands above it."""
    verbs, current, reported = [verb], verb, False
    for _ in range(6):
        if current.head.i == current.i or not sent.start <= current.head.i < sent.end:
            break
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            if current.lemma_.lower() in _REPORTING:
                reported = True
                break
            verbs.append(current)
    return verbs, reported


def _status(verb: "Token", sent: "Span") -> str | None:
    """reported | alleged | planned | hypothetical from the clause's reading; None for a negated one."""
    verbs, reported = _chain(verb, sent)
    read = reading(verbs, reported)
    if read.negated:
        return None
    if read.hypothetical:
        return "hypothetical"
    if read.future:
        return "planned"
    return "alleged" if read.hedged else "reported"


def _arguments(trigger: "Token", verb: "Token", label: str) -> tuple[list["Token"], list["Token"], list["Token"]]:
    """Actor, target and partner words of the trigger."""
    actors: list["Token"] = []
    if trigger.pos_ == "NOUN":
        actors = owners(trigger)
    actors = actors or subjects(verb, frozenset())
    preps = words("default_target_preps") | _TARGET_PREPS
    targets = [o for o in objects(verb) if o is not trigger and o not in actors]
    targets += [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    targets += [p for p in _pobjs(verb, preps) if p not in targets]
    if trigger is not verb:
        targets += [p for p in _pobjs(trigger, preps) if p not in targets]
    partners: list["Token"] = []
    if label in _JOINT_TYPES:
        partners = [p for holder in (verb, trigger) for p in _pobjs(holder, ("with", "between", "among")) if is_actor_like(p)]
    return actors, [t for t in targets if t not in partners], partners


def model_event(coder: SentenceCoder, sent: "Span", label: str, prob: float, model: EventModel) -> Event | None:
    """One event of type ``label`` read off the sentence, or None (no trigger, or a negated clause)."""
    verbs = main_verbs(sent)
    trigger = model.strongest(sent, label) or (verbs[0] if verbs else None)
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
        reciprocal, targets = True, list(actors)
    mode, cameo = None, default_cameo(coder.lexicon, label)
    cue = mode_from_cues(label, trigger)
    if cue is not None:
        mode, cameo = cue[0], cue[1] or cameo
    code = cameo_table().get(cameo or "")
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
