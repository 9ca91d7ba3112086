"""The event coder ``newsevents.coder.v2``: sentences of a parsed article in, ``Event`` records out.

Per sentence: a cheap lemma pre-filter, trigger matching, frames and statuses
(:mod:`~newsevents.events.sentence`), then actor resolution, reciprocity, mode and context
cues, date and place (from the dates and places helpers), a confidence and a stable id.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from newsevents.events.actors import ActorResolver
from newsevents.events.arguments import owners, subjects
from newsevents.events.clashes import clash_sides
from newsevents.events.cues import mode_from_cues, sentence_contexts
from newsevents.events.frames import Coding
from newsevents.events.lexicon import load_lexicon
from newsevents.events.scope import ArticleScope
from newsevents.events.sentence import Draft, draft_sentence
from newsevents.events.tables import cameo_table
from newsevents.events.triggers import find_matches, is_actor_like, is_passive, sentence_has_candidates
from newsevents.events.vetoes import accidental, charge_subjects, charged_nouns, generic_reference, lone_private_person
from newsevents.records import ActorRef, Event, Location

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

NAME = "newsevents.coder.v2"
#: Drafts scoring below this are dropped: deep, unresolved, weakly worded mentions are mostly noise.
MIN_CONFIDENCE = 0.2

#: Reporters whose word makes a claim "reported" rather than "alleged".
_OFFICIAL = ("GOV", "MIL", "COP", "JUD", "LEG", "IGO", "MED", "SPY")
#: Sources whose account of an event is a claim ("alleged"), not a report.
_NON_OFFICIAL = ("NGO", "CVL", "OPP", "REB", "UAF", "CRM", "PTY", "LAB", "EDU", "REL", "ELI")
#: Agentless actions that the official reporting them performed ("X was arrested, police said").
_REPORTER_ACTS = ("COERCE", "SANCTION")
#: Sectors whose arrival somewhere is a deployment or an errand, not a diplomatic visit.
_NOT_VISITORS = ("MIL", "COP", "PRM", "REB", "UAF", "CVL", "CRM")
#: Modes complete without a recipient: a resignation is not done to anyone.
_SELF_CONTAINED = ("resign",)
#: Types kept without an actor when someone suffered them ("he was arrested", "prisoners were freed").
_MATERIAL = ("ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "RETREAT")


def _neighbours() -> tuple[Callable[..., Any] | None, Callable[..., Any] | None]:
    """The dates and places helpers; None while a helper module is not installed."""
    try:
        from newsevents.events.dates import event_date
    except ImportError:  # pragma: no cover - only while the dates module is missing
        event_date = None  # type: ignore[assignment]
    try:
        from newsevents.events.places import event_location
    except ImportError:  # pragma: no cover - only while the places module is missing
        event_location = None  # type: ignore[assignment]
    return event_date, event_location


def event_id(article_id: str, start: int, end: int, event_type: str) -> str:
    """A stable id: the same article, trigger span and type always give the same id."""
    digest = hashlib.sha1(f"{article_id}|{start}|{end}|{event_type}".encode()).hexdigest()
    return digest[:16]


_WEAPONS = ("bomb", "bombing", "explosion", "blast", "attack", "grenade", "mine", "shell", "shelling", "rocket",
            "missile", "gunfire", "strike", "airstrike", "raid", "ambush", "device", "shot", "bullet", "drone")


def _is_weapon(token: "Token") -> bool:
    """ "A roadside bombing killed ...": an attack or weapon as subject stands for an unknown attacker."""
    return token.lemma_.lower() in _WEAPONS


def _country_name(code: str) -> str:
    """Short English name of a country code."""
    from newsevents.nlp.gazetteer import country_name

    return country_name(code) or code


def _is_official(ref: ActorRef | None) -> bool:
    """True for a government, security, judicial, legislative, IGO or media source."""
    if ref is None:
        return False
    if ref.sector in _OFFICIAL or ref.country == "IGO":
        return True
    return ref.sector is None and ref.country is not None and ref.country not in ("NGO", "IMG")


#: Subordinators that make a clause the background of the main event.
_BACKGROUND_MARKS = ("after", "before", "since", "until", "following", "amid", "while", "when")


def _in_background(token: "Token") -> bool:
    """True when the trigger sits in an "after ..." / "since ..." clause or phrase of another event."""
    current = token
    for _ in range(8):
        if current.head.i == current.i:
            return False
        if current.dep_ in ("advcl", "pcomp", "pobj") and any(
            c.lower_ in _BACKGROUND_MARKS for c in (*current.children, current.head) if c.dep_ in ("mark", "prep", "advmod")
        ):
            return True
        current = current.head
    return False


def _same_party(a: ActorRef, b: ActorRef) -> bool:
    """True when two references name the same actor, or actors of the same state."""
    if (a.entity and a.entity == b.entity) or a.name == b.name:
        return True
    return a.country is not None and a.country == b.country


class SentenceCoder:
    """Codes the sentences of one article; holds the article scope and resolver."""

    def __init__(self, scope: ArticleScope) -> None:
        self.scope = scope
        self.resolver = ActorResolver(scope)
        self.lexicon = load_lexicon()
        self.event_date, self.event_location = _neighbours()

    def code(self) -> tuple[Event, ...]:
        """All events of the article, in text order."""
        events: list[Event] = []
        for sent in self.scope.doc.sents:
            if not sentence_has_candidates(sent, self.lexicon):
                continue
            matches = find_matches(sent, self.lexicon)
            if not matches:
                continue
            drafts = draft_sentence(matches)
            if drafts:
                events.extend(self._sentence_events(sent, drafts))
        return tuple(events)

    def _sentence_events(self, sent: "Span", drafts: list[Draft]) -> list[Event]:
        """Resolve and finish the drafts of one sentence."""
        contexts = sentence_contexts(sent)
        out: list[Event] = []
        seen: set[tuple[str, int]] = set()
        for draft in drafts:
            event = self._event(sent, draft, contexts)
            if event is None or event.confidence < MIN_CONFIDENCE or (event.type, event.evidence_start) in seen:
                continue
            seen.add((event.type, event.evidence_start))
            out.extend(self._split_clash(event))
            accusation = self._accusation(sent, draft, event, contexts)
            if accusation is not None and (accusation.type, accusation.evidence_start) not in seen:
                seen.add((accusation.type, accusation.evidence_start))
                out.append(accusation)
        return out

    def _split_clash(self, event: Event) -> list[Event]:
        """A clash of forces with a crowd as two events: repression (175) and a riot (145)."""
        sides = clash_sides(event.actors) if event.type == "ASSAULT" and event.reciprocal else None
        if sides is None:
            return [event]
        forces, crowd = sides
        out = []
        for etype, mode, cameo, actors, targets in (("ASSAULT", None, "175", forces, crowd), ("PROTEST", "riot", "145", crowd, forces)):
            code = cameo_table()[cameo]
            out.append(replace(
                event, id=event_id(self.scope.article.id, event.evidence_start, event.evidence_end, etype), type=etype,
                mode=mode, cameo=cameo, quad_class=code.quad_class, goldstein=code.goldstein, actors=actors,
                targets=targets, reciprocal=False,
            ))
        return out

    def _reporter(self, draft: Draft) -> ActorRef | None:
        """Who reports the event ("police said ..."), resolved."""
        if draft.reporter is None:
            return None
        found = self.resolver.resolve(subjects(draft.reporter.head, frozenset()))
        return found[0] if found else None

    def _event(self, sent: "Span", draft: Draft, contexts: tuple[str, ...]) -> Event | None:
        """One Event from a draft, or None when no actor or target can be resolved."""
        pattern = draft.match.pattern
        actors = list(self.resolver.resolve(draft.args.actors))
        targets = list(self.resolver.resolve(self._target_words(draft)))
        partners = list(self.resolver.resolve(draft.args.partners))
        reporter = self._reporter(draft)
        status = draft.status
        if status == "reported" and reporter is not None and reporter.sector in _NON_OFFICIAL:
            status = "alleged"  # rights groups, activists, witnesses, rebels: a claim, not a report
        if not actors and draft.args.passive_without_agent and draft.coding.type in _REPORTER_ACTS:
            if reporter is not None and reporter.sector in ("COP", "MIL", "GOV", "JUD"):
                actors = [reporter]
        coding = self._with_mode(draft)
        if coding.type == "PROTEST" and "diplo" in pattern.flags and actors and all(_is_official(a) or a.sector == "NGO" for a in actors):
            coding = Coding("ACCUSE", "disapprove", "114")  # a government "protests": a complaint
        if coding.type == "COERCE" and coding.mode == "seize" and actors and all(a.sector in ("CVL", "OPP") for a in actors):
            if not targets and lone_private_person(draft.args.actors) and not any(a.country for a in actors):
                return None  # "a protester demolished the building": one person's damage, a crime
            coding = Coding("PROTEST", "vandalize", "145")  # protesters wrecking property
        if generic_reference(draft.args.actors):
            return None  # "any state that attacks the other": a hypothetical actor, no event
        if coding.type == "ASSAULT" and not actors and accidental(draft.match.head):
            return None  # "killed when their helicopter came down": an accident
        if coding.mode == "visit" and "weak" in pattern.flags and (
            is_passive(draft.match.head) or (actors and all(a.sector in _NOT_VISITORS for a in actors))
        ):
            return None  # "was flown to a hospital", "soldiers arrived at parliament": travel, not a visit
        if coding.type in ("ACCUSE", "REJECT") and self._rebuttal(draft, actors):
            return None  # condemning charges against oneself: a denial (CAMEO 016), dropped by PLOVER
        if coding.type == "PROTEST" and coding.mode == "strike" and pattern.pos == "N" and actors and all(
            a.country and a.sector in (None, "GOV", "MIL") for a in actors
        ):
            coding = Coding("ASSAULT", None, "190")  # "Israeli strikes": a state strikes with weapons, not a walkout
        if not actors and coding.type == "PROTEST" and "weak" not in pattern.flags:
            actors = [ActorRef("protesters", None, self.scope.dominant_country, "CVL")]
        places = [p for p in self.resolver.resolve(draft.args.places) if p.country]
        if places and coding.type in ("ASSAULT", "COERCE", "PROTEST"):
            # "killed 23 people in Tel Aviv", "students protested in Santiago": people there are from there.
            where = places[0].country
            if coding.type == "PROTEST":
                actors = [a if a.country else ActorRef(a.name, a.entity, where, a.sector, a.start, a.end) for a in actors]
            elif targets and not any(t.country for t in targets):
                targets = [ActorRef(t.name, t.entity, where, t.sector, t.start, t.end) for t in targets]
            elif not targets:
                targets = [ActorRef(p.name, p.entity, p.country, None, p.start, p.end) for p in places[:1]]
        if places and not targets and coding.type in ("AID", "SANCTION", "MOBILIZE"):
            # "suspended aid deliveries in Baghdad", "troops on alert in the West Bank": a foreign place receives
            foreign = [p for p in places if all(p.country != a.country for a in actors)]
            targets = [ActorRef(p.name, p.entity, p.country, None, p.start, p.end) for p in foreign[:1]]
        if coding.type == "PROTEST" and not targets:
            country = places[0].country if places else None
            country = country or next((a.country for a in actors if a.country and a.sector not in ("GOV", "IGO")), None)
            if country and country not in ("NGO", "IGO", "IMG"):
                targets = [ActorRef(f"government of {_country_name(country)}", None, country, "GOV")]
        reciprocal = False
        if "sym" in pattern.flags and coding.type != pattern.type and actors:
            # "will meet the UN mediator" is a promise to the one to be met, not a joint act.
            targets += [p for p in partners if p not in targets]
            partners = []
        if "sym" in pattern.flags and (partners or len(actors) > 1):
            for partner in partners:
                if all((p.name, p.country) != (partner.name, partner.country) for p in actors):
                    actors.append(partner)
            reciprocal = len(actors) > 1
            if reciprocal:
                targets = list(actors)
        if coding.type == "MOBILIZE" and len({a.country for a in actors if a.country}) > 1:
            coding, reciprocal, targets = Coding("COOPERATE", None, "062"), True, list(actors)  # joint manoeuvres
        targets = [t for t in targets if all((t.name, t.country) != (a.name, a.country) for a in actors)] if not reciprocal else targets
        if not actors and draft.args.actors and not any(_is_weapon(t) for t in draft.args.actors):
            return None  # "seasonal flu kills thousands": the subject is no actor, so no event
        if not actors and not (draft.args.targets and targets and coding.type in _MATERIAL):
            return None
        if not actors and coding.type == "ASSAULT" and set(contexts) & {"health", "disasters"} and "military" not in contexts:
            return None  # deaths in an outbreak or a disaster, not an attack
        if coding.mode == "martial-law" and set(contexts) & {"health", "disasters"}:
            return None  # PLOVER: emergencies declared for disasters are not repression
        resolved = any(a.country or a.sector or a.entity for a in actors)  # a named actor is a specific one
        if "weak" in pattern.flags and not resolved:
            return None
        if "weak" in pattern.flags and coding.type in ("ASSAULT", "COERCE") and not targets and not reciprocal:
            return None  # "to fight a pandemic", "prevent the spread": force needs someone to bear it
        if coding.mode == "visit" and not targets and any(o.dep_ in ("dobj", "obj") for o in draft.args.targets):
            return None  # "visited a clinic": a visit counts when someone or somewhere political is visited
        trigger = draft.match.head
        start = min(t.idx for t in draft.evidence)
        end = max(t.idx + len(t.text) for t in draft.evidence)
        date, date_text = self._date(sent, trigger)
        location = self._location(sent, trigger)
        code = cameo_table().get(coding.cameo)
        return Event(
            id=event_id(self.scope.article.id, start, end, coding.type),
            type=coding.type,
            mode=coding.mode,
            context=contexts,
            cameo=coding.cameo,
            quad_class=code.quad_class if code else None,
            goldstein=code.goldstein if code else None,
            actors=tuple(actors),
            targets=tuple(targets),
            date=date,
            date_text=date_text,
            location=location,
            status=status,
            sentence=sent.text,
            sentence_start=sent.start_char,
            evidence_start=start,
            evidence_end=end,
            confidence=self._confidence(draft, actors, targets, reciprocal, status),
            reciprocal=reciprocal,
        )

    def _target_words(self, draft: Draft) -> list["Token"]:
        """Target words, with an event noun standing for whoever did it ("condemned Israeli strikes" -> Israel).

        An act with no one behind it ("demanded an immediate ceasefire") is what is asked for, not a recipient.
        """
        out: list["Token"] = []
        for token in draft.args.targets:
            if ("N", token.lemma_.lower()) in self.lexicon.index and not is_actor_like(token):
                out += [o for o in owners(token) if o not in out]
            elif token not in out:
                out.append(token)
        return out

    def _rebuttal(self, draft: Draft, actors: list[ActorRef]) -> bool:
        """True when the disapproved charge is about the actor itself ("condemned claims that it ...")."""
        if not actors:
            return False
        for noun in charged_nouns(draft.match.head):
            for ref in self.resolver.resolve(charge_subjects(noun)):
                if any(_same_party(ref, actor) for actor in actors):
                    return True
        return False

    def _with_mode(self, draft: Draft) -> Coding:
        """The draft's coding, with a mode from cue words when the pattern gave none."""
        coding = draft.coding
        if coding.mode is not None or draft.complements:
            return coding
        found = mode_from_cues(coding.type, draft.match.head)
        if found is None:
            return coding
        mode, cameo = found
        return Coding(coding.type, mode, cameo or coding.cameo)

    def _confidence(self, draft: Draft, actors: list[ActorRef], targets: list[ActorRef], reciprocal: bool,
                    status: str) -> float:
        """0-1: pattern specificity, how well actors resolved, clause depth and hedging."""
        pattern = draft.match.pattern
        head = draft.match.head
        score = 0.5 + 0.05 * min(pattern.specificity, 2)
        if "weak" in pattern.flags:
            score -= 0.1
        if draft.complements:
            score += 0.05
        if any(a.country for a in actors):
            score += 0.15
        elif actors:
            score += 0.05
        if targets or reciprocal or draft.coding.mode in _SELF_CONTAINED:
            score += 0.1
        score -= 0.12 * min(draft.depth, 3)
        if head.dep_ in ("acl", "relcl") or (pattern.pos == "N" and head.dep_ in ("pobj", "compound")):
            score -= 0.1  # "sanctions imposed on ...", "after the arrest of ...": background
        if status == "hypothetical":
            score -= 0.1
        if _in_background(head):
            score -= 0.1  # "one day after a jet shot down a helicopter": the occasion, not the news
        return round(min(0.95, max(0.0, score)), 2)

    def _date(self, sent: "Span", trigger: "Token") -> tuple[str | None, str | None]:
        """Date of the event from the dates helper (None, None without it)."""
        if self.event_date is None:
            return None, None
        return self.event_date(self.scope.doc, sent, trigger, self.scope.article)

    def _location(self, sent: "Span", trigger: "Token") -> Location | None:
        """Place of the event from the places helper (None without it)."""
        if self.event_location is None:
            return None
        return self.event_location(self.scope.doc, sent, trigger, self.scope.entities)

    def _accusation(self, sent: "Span", draft: Draft, event: Event, contexts: tuple[str, ...]) -> Event | None:
        """ "Hengaw said X was killed under torture": the allegation itself, an ACCUSE by the source."""
        if draft.reporter is None or event.type not in ("ASSAULT", "COERCE"):
            return None
        if not event.actors and event.type == "ASSAULT" and event.mode not in ("torture", "sexual"):
            return None  # "officials said dozens were killed" accuses no one; torture implies the jailers
        reporter = self._reporter(draft)
        if reporter is None:
            return None
        foreign = bool(reporter.country and event.actors) and reporter.sector in (None, "GOV") and all(
            a.country and a.country != reporter.country for a in event.actors
        )  # a state saying another state's forces did it
        if event.status != "alleged" and not foreign:
            return None  # "police said X was arrested": a report, not an accusation
        trigger = draft.reporter.head
        cameo = "1122" if event.mode in ("torture", "sexual") else "112"
        code = cameo_table()[cameo]
        start, end = trigger.idx, trigger.idx + len(trigger.text)
        date, date_text = self._date(sent, trigger)
        return Event(
            id=event_id(self.scope.article.id, start, end, "ACCUSE"),
            type="ACCUSE", mode="allege", context=contexts, cameo=cameo, quad_class=code.quad_class,
            goldstein=code.goldstein, actors=(reporter,), targets=event.actors, date=date, date_text=date_text,
            location=None, status="reported", sentence=sent.text, sentence_start=sent.start_char,
            evidence_start=start, evidence_end=end, confidence=round(max(0.05, event.confidence - 0.2), 2),
        )
