"""The event coder ``newsevents.coder.v2``: sentences of a parsed article in, ``Event`` records out.

Per sentence: a cheap lemma pre-filter, trigger matching, frames and statuses
(:mod:`~newsevents.events.sentence`), then per draft: resolve (actors, targets, reporter, cue
mode), the policy rules of stage "resolved" (vetoes and recodings, ``events_policy.tsv``), place
(default actors, places, reciprocity), the rules of stage "merged", and build (date, place,
confidence and a stable id).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import TYPE_CHECKING

from newsevents.events.actors import ActorResolver
from newsevents.events.arguments import owners, subjects
from newsevents.events.clashes import clash_sides
from newsevents.events.cues import mode_from_cues, sentence_contexts
from newsevents.events.dates import event_date
from newsevents.events.frames import Coding
from newsevents.events.lexicon import Lexicon, load_lexicon
from newsevents.events.places import event_location
from newsevents.events.policy import Case, Policy, load_policy, words
from newsevents.events.scope import ArticleScope
from newsevents.events.sentence import Draft, draft_sentence
from newsevents.events.tables import cameo_table
from newsevents.events.triggers import find_matches, is_actor_like, sentence_has_candidates
from newsevents.records import ActorRef, Event, Location

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

NAME = "newsevents.coder.v2"
#: Drafts scoring below this are dropped: deep, unresolved, weakly worded mentions are mostly noise.
MIN_CONFIDENCE = 0.2


def event_id(article_id: str, start: int, end: int, event_type: str) -> str:
    """A stable id: the same article, trigger span and type always give the same id."""
    digest = hashlib.sha1(f"{article_id}|{start}|{end}|{event_type}".encode()).hexdigest()
    return digest[:16]


def _country_name(code: str) -> str:
    """Short English name of a country code."""
    from newsevents.nlp.gazetteer import country_name

    return country_name(code) or code


def _in_background(token: "Token") -> bool:
    """True when the trigger sits in an "after ..." / "since ..." clause or phrase of another event."""
    marks = words("background_marks")
    current = token
    for _ in range(8):
        if current.head.i == current.i:
            return False
        if current.dep_ in ("advcl", "pcomp", "pobj") and any(
            c.lower_ in marks for c in (*current.children, current.head) if c.dep_ in ("mark", "prep", "advmod")
        ):
            return True
        current = current.head
    return False


class SentenceCoder:
    """Codes the sentences of one article; holds the article scope, resolver, lexicon and policy."""

    def __init__(self, scope: ArticleScope, *, min_confidence: float = MIN_CONFIDENCE, lexicon: Lexicon | None = None,
                 policy: Policy | None = None) -> None:
        self.scope = scope
        self.resolver = ActorResolver(scope)
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.policy = policy if policy is not None else load_policy()
        self.min_confidence = min_confidence

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
            if event is None or event.confidence < self.min_confidence or (event.type, event.evidence_start) in seen:
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
        """One Event from a draft, or None when a policy rule drops it."""
        case = self._resolve(draft, contexts)
        if not self.policy.apply("resolved", case):
            return None
        self._place(case)
        self._merge(case)
        if not self.policy.apply("merged", case):
            return None
        return self._build(sent, case)

    def _resolve(self, draft: Draft, contexts: tuple[str, ...]) -> Case:
        """Actors, targets, partners and reporter resolved; the status and mode the reporter and cues give."""
        actors = list(self.resolver.resolve(draft.args.actors))
        targets = list(self.resolver.resolve(self._target_words(draft)))
        partners = list(self.resolver.resolve(draft.args.partners))
        reporter = self._reporter(draft)
        status = draft.status
        if status == "reported" and reporter is not None and reporter.sector in words("claimant_sectors"):
            status = "alleged"  # rights groups, activists, witnesses, rebels: a claim, not a report
        if not actors and draft.args.passive_without_agent and draft.coding.type in words("reporter_act_types"):
            if reporter is not None and reporter.sector in words("reporter_actor_sectors"):
                actors = [reporter]  # "X was arrested, police said": the police arrested X
        return Case(draft, self._with_mode(draft), actors, targets, contexts, self.resolver.resolve, partners, status)

    def _place(self, case: Case) -> None:
        """Default actors and targets: protesters, the people of the place it happened, a government protested at."""
        coding, actors, targets = case.coding, case.actors, case.targets
        if not actors and coding.type == "PROTEST" and "weak" not in case.pattern.flags:
            actors = [ActorRef("protesters", None, self.scope.dominant_country, "CVL")]
        places = [p for p in self.resolver.resolve(case.draft.args.places) if p.country]
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
        case.actors, case.targets = actors, targets

    def _merge(self, case: Case) -> None:
        """Reciprocity: partners of a joint act join the actors, who are each other's targets; else no self-targets.

        The "merged" rules run after this. A reciprocal recode there (joint manoeuvres) replaces the
        targets with all actors and reads only the actors, so dropping self-targets first changes nothing.
        """
        actors, targets, partners = case.actors, case.targets, case.partners
        if "sym" in case.pattern.flags and case.coding.type != case.pattern.type and actors:
            # "will meet the UN mediator" is a promise to the one to be met, not a joint act.
            targets += [p for p in partners if p not in targets]
            partners = []
        if "sym" in case.pattern.flags and (partners or len(actors) > 1):
            for partner in partners:
                if all((p.name, p.country) != (partner.name, partner.country) for p in actors):
                    actors.append(partner)
            case.reciprocal = len(actors) > 1
            if case.reciprocal:  # the parties act together: each listed once, as an actor, and nobody is the recipient
                targets = []
        if not case.reciprocal:
            targets = [t for t in targets if all((t.name, t.country) != (a.name, a.country) for a in actors)]
        case.actors, case.targets, case.partners = actors, targets, partners

    def _build(self, sent: "Span", case: Case) -> Event:
        """The Event record: evidence span, date, place, CAMEO scores and confidence."""
        draft, coding = case.draft, case.coding
        trigger = draft.match.head
        start = min(t.idx for t in draft.evidence)
        end = max(t.idx + len(t.text) for t in draft.evidence)
        date, date_text = self._date(sent, trigger)
        code = cameo_table().get(coding.cameo)
        return Event(
            id=event_id(self.scope.article.id, start, end, coding.type),
            type=coding.type,
            mode=coding.mode,
            context=case.contexts,
            cameo=coding.cameo,
            quad_class=code.quad_class if code else None,
            goldstein=code.goldstein if code else None,
            actors=tuple(case.actors),
            targets=tuple(case.targets),
            date=date,
            date_text=date_text,
            location=self._location(sent, trigger),
            status=case.status,
            sentence=sent.text,
            sentence_start=sent.start_char,
            evidence_start=start,
            evidence_end=end,
            confidence=self._confidence(draft, case.actors, case.targets, case.reciprocal, case.status),
            reciprocal=case.reciprocal,
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
        if targets or reciprocal or draft.coding.mode in words("self_contained_modes"):
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
        """Date of the event from the dates helper."""
        return event_date(self.scope.doc, sent, trigger, self.scope.article)

    def _location(self, sent: "Span", trigger: "Token") -> Location | None:
        """Place of the event from the places helper."""
        return event_location(self.scope.doc, sent, trigger, self.scope.entities)

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
