"""Who does what to whom: the actor and target words of a trigger, read off the dependency parse.

Verbs: the subject acts (for a passive verb the "by" phrase), objects and the objects of target
prepositions ("sanctions on Iran", "attack against X") receive; subjects missing from infinitives
come from the governing verb ("X refused to meet" -> X; "urged Y to stop" -> Y); "A met with B"
and "talks between A and B" give partners (a reciprocal event). Nouns: the possessor, a
nationality adjective or a "by" phrase acts ("Israeli air strikes", "protests by students"),
else the subject of the verb that carries the noun ("X launched an investigation").
The word lists these readings use (light verbs, message nouns, ...) are in ``events_words.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsevents.events.lexicon import Pattern
from newsevents.events.phrases import in_dateline
from newsevents.events.policy import words
from newsevents.events.tables import actor_tables
from newsevents.events.triggers import Match, headline_subjects, is_actor_like, objects

if TYPE_CHECKING:
    from spacy.tokens import Token


def __getattr__(name: str) -> frozenset[str]:
    """``LIGHT_VERBS``, read from ``events_words.tsv`` on first use (``sentence`` imports it by that name)."""
    if name == "LIGHT_VERBS":
        return words("light_verbs")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Arguments:
    """Token heads of a trigger's actors, targets and reciprocal partners."""

    actors: list["Token"] = field(default_factory=list)
    targets: list["Token"] = field(default_factory=list)
    partners: list["Token"] = field(default_factory=list)
    places: list["Token"] = field(default_factory=list)  # "in Tel Aviv": where it happened
    passive_without_agent: bool = False


def place_objects(token: "Token") -> list["Token"]:
    """Named places the trigger happened in or at ("shelled positions in Rafah", "at a jail in Israel")."""
    out: list["Token"] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in words("place_preps"):
            for pobj in _pobjs(child):
                if pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                    out.append(pobj)
                else:  # "at this jail in northern Israel": the named place around an unnamed one
                    out += [p for c in pobj.children if c.dep_ == "prep" and c.lower_ in words("place_preps")
                            for p in _pobjs(c) if p.ent_type_ in ("GPE", "LOC")]
    return out


def origins(token: "Token") -> list["Token"]:
    """Named places an attack came from ("a mortar bomb was fired from the Gaza Strip")."""
    return [p for c in token.children if c.dep_ == "prep" and c.lower_ == "from"
            for p in _pobjs(c) if p.ent_type_ in ("GPE", "LOC")]


def _attack_agents(verb: "Token") -> list["Token"]:
    """Who carried out the attack a passive victim fell in: "killed in an air strike by government forces"."""
    out: list["Token"] = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during")):
        for noun in (p for p in _pobjs(prep) if p.lemma_.lower() in words("event_nouns")):
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == "by":
                    out += _pobjs(child)
                elif child.dep_ in ("amod", "compound", "poss") and is_actor_like(child):
                    out.append(child)  # "killed in Israeli strikes"
    return out


def _infinitive_objects(verb: "Token", victims: bool) -> list["Token"]:
    """Who a non-event infinitive is aimed at: "threatened to deliver blows to the US" -> the US.

    With ``victims`` (threats) the infinitive's own object counts too: "threatened to harm Bazoum".
    """
    out: list["Token"] = []
    # A threat's that-clause counts too: "warned it would halt security coordination with Israel".
    kinds = ("xcomp", "ccomp") if victims else ("xcomp",)
    for clause in (c for c in verb.children if c.dep_ in kinds):
        for child in clause.children:
            if victims and child.dep_ in ("dobj", "obj") and is_actor_like(child):
                out.append(child)
            elif child.dep_ == "dative":
                out += _pobjs(child) if child.pos_ == "ADP" else [child]
            elif child.dep_ in ("dobj", "obj") and not is_actor_like(child):
                out += [p for c in child.children if c.dep_ == "prep" and c.lower_ in ("to", "against", "on")
                        for p in _pobjs(c)]
                if victims:
                    # "threatened to revoke the licences of aid groups", "to suspend visa-free travel for
                    # Serbian citizens", "to halt coordination with Israel": whom the thing belongs to or serves
                    out += [p for p in child.children if p.dep_ == "poss" and is_actor_like(p) and p not in out]
                    out += [p for c in child.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "with")
                            for p in _pobjs(c) if is_actor_like(p) and p not in out]
            elif child.dep_ == "prep" and child.lower_ in ("to", "against"):
                out += _pobjs(child)
    return out


#: Types whose undertakings have a beneficiary: the one helped, let, paid or met.
_UNDERTAKING_TYPES = ("AGREE", "CONCEDE", "SUPPORT", "AID", "COOPERATE")
#: Types whose "from X" / "out of X" names the one withdrawn from ("pulled back from the town of Walikale").
_FROM_TYPES = ("RETREAT",)


def _third_party(noun: "Token") -> bool:
    """True for a meeting noun that a third party's verb carries and that names its parties with "between"/"among"."""
    carrier = noun.head
    return (noun.dep_ in ("dobj", "obj") and carrier.pos_ == "VERB" and carrier.lemma_.lower() in words("third_party_verbs")
            and any(c.dep_ == "prep" and c.lower_ in ("between", "among") for c in noun.children))


def _instrument(token: "Token") -> bool:
    """True for forces or equipment one moves or puts on alert ("troops", "riot units", "tanks"), unless someone else's."""
    if token.ent_type_ or any(c.dep_ == "poss" and c.pos_ != "PRON" for c in token.children):
        return False  # "Serbia's troops", "the Wagner group": named forces are parties of their own
    noun = actor_tables().nouns.get(token.lemma_.lower())
    return (noun is not None and noun.sector in words("force_sectors")) or token.lemma_.lower() in words("equipment_heads")


def _party(token: "Token") -> bool:
    """True for a possible actor, or a proper name the NER missed ("to help Tuvalu adapt")."""
    return is_actor_like(token) or (token.pos_ == "PROPN" and token.text[:1].isupper())


def _fallback_recipients(verb: "Token", pattern: Pattern) -> list["Token"]:
    """Recipients a sentence names outside the pattern's own slots, for a verb that found none.

    "apologised to survivors" (an actor after "to"); "pledged to help Pakistan" (whom an undertaking
    benefits); "agreed to reopen its border with Benin" (the other side of a shared thing);
    "pulled back from Walikale" (the one withdrawn from).
    """
    out = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for p in _pobjs(c) if is_actor_like(p)]
    # "refused entry to X", "granted amnesty to X"; for owner types "accepted the demands of teachers"
    preps = ("to", "of") if pattern.type in words("owner_types") else ("to",)
    for obj in (o for o in objects(verb) if not is_actor_like(o)):
        out += [p for c in obj.children if c.dep_ == "prep" and c.lower_ in preps for p in _pobjs(c) if _party(p)]
    if pattern.type in (*_UNDERTAKING_TYPES, "REJECT"):
        undertaking = pattern.type != "REJECT"  # a refusal names whom it was refused to let, not whom it spares
        for clause in (c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")):
            for child in clause.children:
                if undertaking and clause.lemma_.lower() in words("benefit_verbs") and child.dep_ in ("dobj", "obj", "dative") and _party(child):
                    out.append(child)
                elif clause.lemma_.lower() in ("let", "allow", "permit") and child.dep_ in ("dobj", "obj") and _party(child):
                    out.append(child)  # "refused to let an ASEAN envoy meet ...", "agreed to allow inspectors"
                elif clause.lemma_.lower() in ("let", "allow", "help") and child.dep_ in ("ccomp", "xcomp"):
                    out += [s for s in child.children if s.dep_ == "nsubj" and _party(s)]  # "let X train"
                elif undertaking and child.dep_ in ("dobj", "obj") and not is_actor_like(child):
                    out += [p for c in child.children if c.dep_ == "prep" and c.lower_ in ("with", "to")
                            for p in _pobjs(c) if is_actor_like(p)]
    if pattern.type in _FROM_TYPES:
        # "pulled back from X", "pulled its troops out of X": the preposition may hang off the particle
        carriers = [verb] + [c for c in verb.children if c.dep_ in ("advmod", "prt")]
        for prep in (c for w in carriers for c in w.children if c.dep_ in ("prep", "prt") and c.lower_ in ("from", "out")):
            found = _pobjs(prep) or [p for c in prep.children if c.dep_ == "prep" and c.lower_ == "of" for p in _pobjs(c)]
            out += [p for p in found if not own_possession(p)]
    return out


def _across_border(verb: "Token") -> list["Token"]:
    """The state across a border forces are moved to: "to its border with Belarus", "near the Benin border"."""
    out: list["Token"] = []
    for prep in (c for c in verb.subtree if c.dep_ == "prep" and (c.head.i == verb.i or c.head.dep_ in ("pobj", "dobj"))):
        for noun in (p for p in _pobjs(prep) if p.lemma_.lower() in words("border_nouns")):
            sides = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "with" for p in _pobjs(c)]
            sides += [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and is_actor_like(c)]
            if not sides and noun.i + 1 < len(noun.doc) and noun.nbor().dep_ == "prep" and noun.nbor().lower_ == "with":
                sides = _pobjs(noun.nbor())  # the parse often hangs "with X" on the verb: "on alert along the border with X"
            out += [p for p in sides if is_actor_like(p)]
    return out


def _pobjs(prep: "Token") -> list["Token"]:
    """Objects of a preposition."""
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def _real_subjects(found: list["Token"]) -> list["Token"]:
    """Subjects with a dateline dropped; the parse often hangs the true subject on it as apposition."""
    out: list["Token"] = []
    for subject in found:
        if in_dateline(subject):
            # only what follows the dateline's dash: "VIENTIANE, June 3 (State news agency) - officers from ..."
            doc = subject.doc
            out += [c for c in subject.children if c.dep_ == "appos" and not in_dateline(c)
                    and any(doc[k].text in ("—", "–", "-", "--") for k in range(subject.i + 1, c.i))]
        else:
            out.append(subject)
    return out


def _headline_partners(verb: "Token", found: list["Token"]) -> list["Token"]:
    """Names listed with a comma before the subject, as headlines join parties: "Peru, Chile sign treaty".

    The parser hangs "Peru" off the verb (npadvmod, dep, appos, nmod, advcl) instead of joining it to "Chile";
    only a proper name or entity right before the comma that precedes a subject opening with one counts.
    """
    first = min(found, key=lambda t: t.i).left_edge
    if not (first.pos_ == "PROPN" or first.ent_type_) or first.i < 2 or first.nbor(-1).text != ",":
        return []
    # The tagger often reads the first name as something else ("Chad" VBN, "Maldives" NNS): an entity is enough.
    return [c for c in verb.children if c.dep_ in ("npadvmod", "dep", "appos", "nmod", "advcl") and c.i == first.i - 2
            and (c.pos_ == "PROPN" or c.ent_type_) and is_actor_like(c)]


def subjects(verb: "Token", object_control: frozenset[int], depth: int = 0) -> list["Token"]:
    """The acting subject(s) of a verb, following control, conjunction and relative clauses.

    ``object_control`` holds the token indices of verbs whose object is the subject of their
    infinitive ("urged Y to stop").
    """
    if depth > 5:
        return []
    found = _real_subjects([c for c in verb.children if c.dep_ in ("nsubj", "csubj")]) or headline_subjects(verb)
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return [p for c in verb.children if c.dep_ == "agent" for p in _pobjs(c)]
    if found:
        found += _headline_partners(verb, found)
        return [verb.head if s.lower_ in words("relative_pronouns") and verb.dep_ == "relcl" else s for s in found]
    if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD"):
        return [p for c in verb.children if c.dep_ == "agent" for p in _pobjs(c)]
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ in ("acomp", "attr") or (verb.pos_ == "ADJ" and verb.dep_ == "amod"):
        return subjects(head, object_control, depth + 1) if verb.dep_ != "amod" else [head]
    if verb.dep_ in ("xcomp", "ccomp", "advcl") or (verb.dep_ == "pcomp" and head.head.pos_ in ("VERB", "AUX")):
        governor = head.head if verb.dep_ == "pcomp" else head
        if governor.i in object_control and verb.dep_ != "advcl":  # "ordered X to leave, accusing Y": not X accusing
            objs = [c for c in governor.children if c.dep_ in ("dobj", "obj")]
            if objs:
                return objs
        if verb.dep_ == "pcomp" and head.lower_ == "of":  # "accused X of attacking"
            objs = [c for c in governor.children if c.dep_ in ("dobj", "obj")]
            if objs:
                return objs
        raised = [c for c in governor.children if c.dep_ == "nsubjpass"]
        if raised and verb.dep_ == "xcomp":  # "X is expected / scheduled to meet"
            return raised
        return subjects(governor, object_control, depth + 1)
    if verb.dep_ == "conj":
        return subjects(head, object_control, depth + 1)
    if verb.dep_ in ("relcl", "acl"):
        carrier = head.head
        if head.dep_ in ("dobj", "obj", "pobj") and not is_actor_like(head) and carrier.pos_ in ("VERB", "AUX"):
            if head.lemma_.lower() in words("text_nouns") and carrier.lemma_.lower() not in words("issuing_verbs"):
                return [head]  # "vetoed a resolution demanding ...": the resolution's authors, not the vetoer
            return subjects(carrier, object_control, depth + 1)  # "issued a statement demanding ..."
        return [head]
    return []


def own_possession(noun: "Token") -> bool:
    """True for "its troops", "their borders": the actor's own things, not targets."""
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in noun.children)


def condition_subjects(verb: "Token") -> list["Token"]:
    """Subjects of an "if"/"unless" clause on the verb: who a threat or demand is aimed at."""
    out: list["Token"] = []
    clauses = [verb] + [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]  # "threatened to act if X ..."
    for child in (c for clause in clauses for c in clause.children):
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in child.children):
            out.extend(c for c in child.children if c.dep_ in ("nsubj", "nsubjpass"))
    return out


def clause_subjects(verb: "Token") -> list["Token"]:
    """Subjects of a verb's that-clauses ("demanded that the US cancel", "alleged that France")."""
    return [s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]


def _target_preps(pattern: Pattern) -> frozenset[str]:
    """Prepositions whose objects are targets for this pattern."""
    return pattern.target_preps | words("default_target_preps")


def _partners(token: "Token") -> list["Token"]:
    """Reciprocal partners hanging off a word: "with B", "between A and B"."""
    out: list["Token"] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "between", "among"):
            out.extend(_pobjs(child))
    return out


def owners(noun: "Token") -> list["Token"]:
    """Who owns a noun: "a U.S. request", "Iraq's proposal", "calls by Annan", "appeal from X"."""
    out = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod") and is_actor_like(c)]
    for child in noun.children:
        authored = child.lower_ == "from" and noun.lemma_.lower() in words("message_nouns")
        if child.dep_ == "prep" and (child.lower_ == "by" or authored):
            out.extend(p for p in _pobjs(child) if is_actor_like(p))
        elif child.dep_ == "acl":  # "an appeal issued by X"
            out.extend(p for c in child.children if c.dep_ == "agent" for p in _pobjs(c))
    return out


def _addressees(noun: "Token") -> list["Token"]:
    """Whom a promise was made to: "his commitment to the Zambian people"."""
    if noun.lemma_.lower() not in words("promise_nouns"):
        return []
    return [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "to" for p in _pobjs(c) if is_actor_like(p)]


def verb_arguments(match: Match, object_control: frozenset[int]) -> Arguments:
    """Actors, targets and partners of a verb trigger."""
    verb, pattern = match.head, match.pattern
    args = Arguments()
    args.actors = subjects(verb, object_control)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD")
    )
    if passive and not args.actors and pattern.pos == "A":
        args.actors = [c for c in verb.children if c.dep_ == "nsubjpass"]  # "Israel is opposed to ...": Israel opposes
    if passive and not args.actors and "sym" in pattern.flags:
        # "are engaged in talks", "is involved in cooperation": the passive subject takes part.
        args.actors = [c for c in verb.children if c.dep_ == "nsubjpass"]
    args.passive_without_agent = passive and not args.actors
    if not args.actors and match.theme is not None and match.theme.lemma_.lower() in words("event_nouns"):
        # "Western sanctions imposed on ...", "Israeli air strikes carried out ...": whose the act is
        args.actors = [c for c in match.theme.children if c.dep_ in ("amod", "compound", "poss") and is_actor_like(c)]
    for obj in objects(verb):
        if match.theme is not None and obj.i == match.theme.i and "objtarget" not in pattern.flags and not is_actor_like(obj):
            continue  # "launched an attack": the pattern's own word; "warned Georgia": an actor it names receives
        if obj not in args.actors and not own_possession(obj):
            args.targets.append(obj)
    for dative in (c for c in verb.children if c.dep_ == "dative"):
        args.targets += _pobjs(dative) if dative.pos_ == "ADP" else [dative]
    preps = _target_preps(pattern)
    # Words the pattern named ("talks" in "hold talks", "discussions" in "engage in discussions")
    # and plain objects carry targets and partners too: "talks with Iran", "action against Russia".
    holders = [verb] + [t for t in match.tokens[1:] if t.pos_ in ("NOUN", "PROPN")]
    holders += [o for o in objects(verb) if o not in holders and not is_actor_like(o)]
    for holder in holders:
        # "tightened the blockade of Serbia": a coercive act named by a noun falls on what follows "of"
        allowed = preps | {"of"} if holder is not verb and pattern.type in words("of_target_types") else preps
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in allowed:
                args.targets.extend(p for p in _pobjs(child) if p not in args.targets)
    if "sym" in pattern.flags:
        args.partners = [p for holder in holders for p in _partners(holder)]
        if match.theme is None and pattern.obj is None:
            # "met the French president": the one met takes part as much as the one meeting.
            args.partners += [t for t in args.targets if is_actor_like(t)]
            args.targets = [t for t in args.targets if t not in args.partners]
    if pattern.type in words("owner_types"):
        # "rejected calls by Annan", "welcomed Reagan's statement": a thing's owner is the one addressed;
        # "reneged on his commitment to the Zambian people": the one a promise was made to.
        things = objects(verb) + [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "on" for p in _pobjs(c)]
        for obj in things:
            whose = [o for o in owners(obj) + _addressees(obj) if o not in args.actors] if not is_actor_like(obj) else []
            if whose and obj in args.targets:
                args.targets[args.targets.index(obj) : args.targets.index(obj) + 1] = whose
            elif whose:
                args.targets += [o for o in whose if o not in args.targets]
    if "sym" not in pattern.flags:
        # "boycott contact with the United States", "cut trade with Iran": the other party receives.
        for obj in objects(verb):
            if not is_actor_like(obj):
                args.targets += [p for p in _partners(obj) if p not in args.targets and is_actor_like(p)]
    if not args.targets and (pattern.frame in ("request", "threaten", "accuse") or pattern.type == "ACCUSE"):
        args.targets = clause_subjects(verb)
        if pattern.frame == "threaten":
            # "warned it would halt ...", "said he would expel ...": the threatener carries the threat out
            args.targets = [t for t in args.targets if t.lower_ not in words("self_pronouns")]
    if not args.targets and pattern.frame in ("threaten", "request", "agree", "reject"):
        args.targets = _infinitive_objects(verb, victims=True) if pattern.frame == "threaten" else []
        args.targets = args.targets or condition_subjects(verb) or _infinitive_objects(verb, victims=False)
    if not args.targets and pattern.type is not None and pattern.frame is None:
        args.targets = [s for s in clause_subjects(verb) if s not in args.actors]  # "allowed X to take part"
    if not any(_party(t) for t in args.targets) and "sym" not in pattern.flags:
        args.targets += [t for t in _fallback_recipients(verb, pattern) if t not in args.actors and t not in args.targets]
    if not args.actors and pattern.type == "ASSAULT":
        args.actors = _attack_agents(verb) or origins(verb)  # "rockets were fired from Gaza": the attackers are from there
    if pattern.type == "AID" and any(is_actor_like(t) for t in args.targets):
        # "supplying Russian gas to Iran": the goods handed over are no recipient (nor is whose they are)
        given = [o for o in objects(verb) if not is_actor_like(o)]
        args.targets = [t for t in args.targets if t not in given]
    if pattern.type == "MOBILIZE":
        # "deployed troops to the border", "placed 5,000 officers on standby": the forces moved are the actor's own
        args.targets = [t for t in args.targets if not _instrument(t)]
        if not any(is_actor_like(t) for t in args.targets) and verb.dep_ not in ("xcomp", "ccomp", "pcomp"):
            # a complement's border ("refused to send troops to the border with X") is not the recipient of its governor
            args.targets += [t for t in _across_border(verb) if t not in args.actors and t not in args.targets]
    if "swap" in pattern.flags:
        third = [o for o in objects(verb) if _third_party(o)]
        if third:
            args.targets = [p for o in third for p in _partners(o)]  # "hosted talks between A and B": no guest to swap
        else:
            args.actors, args.targets = args.targets, args.actors
    args.places = place_objects(verb) + [p for o in objects(verb) for p in place_objects(o)]
    # "killed 23 people when they blew themselves up in Tel Aviv": a when-clause happens at the same place
    args.places += [p for c in verb.children if c.dep_ == "advcl" and any(m.dep_ == "advmod" and m.lower_ in ("when", "as") or m.dep_ == "mark" and m.lower_ in ("when", "as") for m in c.children)
                    for p in place_objects(c)]
    return args


def noun_arguments(match: Match, object_control: frozenset[int]) -> Arguments:
    """Actors, targets and partners of a noun trigger ("Israeli air strikes on Gaza")."""
    noun, pattern = match.head, match.pattern
    args = Arguments()
    for child in noun.children:
        if child.dep_ in ("poss", "amod", "compound") and is_actor_like(child):
            args.actors.append(child)
        elif child.dep_ == "prep" and child.lower_ == "by":
            args.actors.extend(_pobjs(child))
        elif child.dep_ == "prep" and child.lower_ == "from" and pattern.type in words("source_types"):
            args.actors.extend(p for p in _pobjs(child) if is_actor_like(p))  # "pressure from Congress"
    if not args.actors:
        carrier = noun.head
        if noun.dep_ in ("dobj", "obj") and carrier.pos_ in ("VERB", "AUX") and carrier.lemma_.lower() in words("light_verbs"):
            args.actors = subjects(carrier, object_control)
        elif noun.dep_ == "pobj" and carrier.dep_ == "prep" and carrier.head.pos_ in ("VERB", "AUX"):
            if carrier.lower_ in ("in", "into", "for", "to"):
                args.actors = subjects(carrier.head, object_control)
        elif noun.dep_ == "nsubjpass":
            args.actors = [p for c in carrier.children if c.dep_ == "agent" for p in _pobjs(c)]
    preps = _target_preps(pattern) | {"of"} if pattern.type in ("COERCE", "ASSAULT", "RETREAT") else _target_preps(pattern)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of" and pattern.mode == "withdraw" and not args.actors:
            args.actors.extend(_pobjs(child))  # "the withdrawal of Serbian forces": they withdraw
        elif child.dep_ == "prep" and child.lower_ in preps:
            args.targets.extend(_pobjs(child))
    for target in [t for t in args.targets if not is_actor_like(t)]:
        # "a suspension of air links with Serbia", "aid deliveries to Gaza": the other party of the thing
        args.targets += [p for c in target.children if c.dep_ == "prep" and c.lower_ in ("with", "to")
                         for p in _pobjs(c) if is_actor_like(p) and p not in args.targets]
    if "sym" in pattern.flags:
        args.partners = _partners(noun)
        if _third_party(noun) and args.partners:
            # "Djibouti hosted talks between A and B": the host acts, the parties receive; no joint act of the host
            args.actors = subjects(noun.head, object_control)
            args.targets += args.partners
            args.partners = []
    args.places = place_objects(noun)
    return args
