"""Resolve the words that name an actor into ``ActorRef`` records: name, entity, country, sector.

Handles named entities (people, organisations, states, capitals used for their government),
descriptions ("Iran's police force" -> IRN COP, "the Russian leader" -> the Russian head of state
named in the article, "his Iranian counterpart"), bare sector nouns with the article's country
("police"), pronouns ("he" -> the last person; "it" in "Syria says it will..." -> Syria) and
conjunctions ("Jordan and Britain" -> two actors).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsevents.events.policy import words
from newsevents.events.phrases import in_dateline, known_org, offset, opposed, sector_noun, through_quantity
from newsevents.events.pronouns import PronounMixin
from newsevents.events.scope import ArticleScope, Named, phrase_country, place_country, seat_of_government
from newsevents.events.tables import NON_STATE, Office, known_person, office_table
from newsevents.names import name_key
from newsevents.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

_MOD_DEPS = ("compound", "amod", "poss", "nmod", "nummod")
_LEADER_WORDS = ("leader", "president", "premier", "counterpart", "chancellor", "head")
_GROUP_NOUNS = ("leader", "country", "nation", "side", "party", "government")
#: Sectors for which a bare noun ("police", "the government") takes the article's main country.
_DOMESTIC = ("COP", "JUD", "LEG", "GOV", "MIL", "MED", "PRM", "SPY", "REB", "OPP")
#: Sectors of people ("residents", "workers", "gunmen") who take the article's country only when it names no other.
_LOCAL = ("CVL", "LAB", "EDU", "AGR", "HLH", "REL", "CRM", "UAF")
_PREP_COUNTRY = ("of", "in", "from", "throughout", "across", "for", "at")
#: Documents that speak for their authors ("a report released in Kigali alleged ...").
_DOCUMENTS = ("report", "study", "document", "dossier", "letter", "statement", "communique", "communiqué",
              "survey", "paper", "memo", "memorandum", "editorial", "commentary")


#: Endings of abstract nouns ("removal" aside): an act, a state or a quality, never who acts.
_ABSTRACT_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "ship", "ure", "ing")


def _thing(head: "Token") -> bool:
    """True for a noun that names a thing, a text or an abstraction, not a person, group or institution."""
    if sector_noun(head) != (None, None) or head.pos_ != "NOUN":
        return False  # "government", "agency": the sector table knows them as actors
    lemma = head.lemma_.lower()
    return lemma in words("thing_heads") or (len(lemma) > 6 and lemma.endswith(_ABSTRACT_ENDINGS))


@dataclass
class _Facts:
    """What the modifiers of a noun say: a country, a sector, who "his"/"her" is."""

    country: str | None = None
    country_token: "Token | None" = None
    sector: str | None = None
    sector_strength: str | None = None
    owner: ActorRef | None = None


class ActorResolver(PronounMixin):
    """Resolves tokens of one article; keeps the article scope for names, roles and pronouns."""

    def __init__(self, scope: ArticleScope) -> None:
        self.scope = scope
        self._cache: dict[int, ActorRef | None] = {}
        self._active: set[int] = set()

    # -- public ---------------------------------------------------------------------------
    def resolve(self, tokens: list["Token"]) -> tuple[ActorRef, ...]:
        """Actors named by the tokens (each expanded over "and"/"or" conjunctions), deduplicated."""
        out: list[ActorRef] = []
        for token in tokens:
            heads = self._conjuncts(token)
            for head in heads:
                group = (self._group(head) or self._split_nationalities(head) or self._split_origins(head)
                         or self._split_named_list(head))
                for ref in group if group is not None else [self.resolve_one(head)]:
                    if ref is None:
                        continue
                    if ref.country is None and head.i != heads[0].i and head.pos_ == "NOUN" and out:
                        # "Israeli helicopters and tanks": the first noun's nationality covers both
                        ref = ActorRef(ref.name, ref.entity, out[-1].country, ref.sector, ref.start, ref.end)
                    same = [r for r in out if r.name == ref.name or (r.entity and r.entity == ref.entity)]
                    if not same:
                        out.append(ref)
                    elif not (same[0].country or same[0].sector) and (ref.country or ref.sector):
                        out[out.index(same[0])] = ref
        return tuple(out)

    def _split_nationalities(self, head: "Token") -> list[ActorRef] | None:
        """ "Hungarian and Romanian officials": one actor per nationality, same sector."""
        if self.scope.named(head) is not None or head.pos_ not in ("NOUN", "PROPN"):
            return None
        for mod in head.children:
            if mod.dep_ != "amod" or not any(c.dep_ == "conj" for c in mod.children):
                continue
            words = [mod] + [c for c in mod.subtree if c.dep_ == "conj"]
            codes = [place_country(w.text, places=False) for w in words]
            if len(words) < 2 or not all(codes):
                return None
            base = self.resolve_one(head)
            sector = base.sector if base is not None else None
            return [ActorRef(f"{w.text} {head.text}", None, code, sector, w.idx, head.idx + len(head.text))
                    for w, code in zip(words, codes)]
        return None

    def _split_origins(self, head: "Token") -> list[ActorRef] | None:
        """ "Delegations from Ethiopia, Egypt and Sudan": one actor per state the plural noun comes from, same sector."""
        if head.tag_ not in ("NNS", "NNPS") or self.scope.named(head) is not None:
            return None
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "from"):
            for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                places = [pobj] + [c for c in pobj.subtree if c.dep_ == "conj"]
                codes = [self._state_of(w) for w in places]
                if len(places) < 2 or not all(codes):
                    return None
                base = self.resolve_one(head)
                sector = base.sector if base is not None else None
                start, end = offset(head)
                return [ActorRef(f"{head.text} from {w.text}", None, code, sector, start, end)
                        for w, code in zip(places, codes)]
        return None

    def _split_named_list(self, head: "Token") -> list[ActorRef] | None:
        """ "Mali, Burkina Faso and Niger" taken by the NER as one place: one actor per state it lists."""
        named = self.scope.named(head)
        if named is None or named.label not in ("GPE", "LOC", "ORG") or "," not in named.text or place_country(named.text):
            return None
        span = self.scope.doc[named.start : named.end]
        parts, current = [], []
        for token in span:
            if token.text == "," or token.lower_ == "and":
                parts.append(current)
                current = []
            else:
                current.append(token)
        parts.append(current)
        pieces = [self.scope.doc[p[0].i : p[-1].i + 1] for p in parts if p]
        codes = [place_country(p.text, places=False) for p in pieces]
        if len(pieces) < 2 or not all(codes):
            return None
        return [ActorRef(p.text, None, code, None, p.start_char, p.end_char) for p, code in zip(pieces, codes)]

    def _state_of(self, word: "Token") -> str | None:
        """The state a word names ("Egypt", "Cairo"), whoever tagged it."""
        named = self.scope.named(word)
        return self._named_country(named) if named is not None else place_country(word.text, places=False)

    def _group(self, head: "Token") -> list[ActorRef] | None:
        """ActorRefs for "the leaders", "both countries", "the two sides": the article's two parties."""
        if head.lemma_.lower() not in _GROUP_NOUNS or head.tag_ != "NNS":
            return None
        words = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "predet", "amod", "preconj")}
        if not words & {"both", "two", "the"} or words - {"both", "two", "the"}:
            return None
        start, end = offset(head)
        if head.lemma_.lower() == "leader":
            ranks = {office.title: office.rank for office in office_table().values()}
            people = [r for r in self.scope.roles if ranks.get(r.office) == "head" and r.country]
            if len({r.country for r in people}) >= 2:
                seen: dict[str, ActorRef] = {}
                for role in people:
                    seen.setdefault(role.country or "", ActorRef(role.person, role.entity, role.country, "GOV", start, end))
                return list(seen.values())
        from newsevents.nlp.gazetteer import country_name

        top = self.scope.top_countries(2)
        if not top:
            return None
        return [ActorRef(country_name(code) or code, None, code, "GOV", start, end) for code in top]

    def resolve_one(self, token: "Token") -> ActorRef | None:
        """One token (the head of a noun phrase) as an actor, or None when it names no actor."""
        if token.i in self._cache:
            return self._cache[token.i]
        if token.i in self._active:  # "his" inside the phrase that "his" refers to
            return None
        self._active.add(token.i)
        try:
            ref = self._resolve_uncached(token)
        finally:
            self._active.discard(token.i)
        self._cache[token.i] = ref
        return ref

    def _resolve_uncached(self, token: "Token") -> ActorRef | None:
        """``resolve_one`` without the cache."""
        token = through_quantity(token)
        named = self.scope.named(token)
        if named is not None:
            return self._named(named, token)
        missed = self._missed_name(token)
        if missed is not None:
            return missed
        if token.pos_ == "PRON":
            return self._pronoun(token)
        if token.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            return self._description(token)
        return None

    def _missed_name(self, token: "Token") -> ActorRef | None:
        """A state or a known organisation the tagger took for another word ("Bahrain" as a noun, "WHO" as a pronoun)."""
        if token.ent_type_ or not token.text[:1].isupper() or (token.pos_ == "PROPN" and self._in_longer_name(token)):
            return None
        start, end = offset(token)
        org = known_org(token.text)
        if org is not None and (token.is_upper or token.pos_ != "PRON"):
            return ActorRef(org.name, None, org.country, org.sector, start, end)
        code = place_country(token.text, places=False) if token.pos_ in ("NOUN", "VERB", "PROPN") and not self._modified(token) else None
        return ActorRef(token.text, None, code, None, start, end) if code else None

    @staticmethod
    def _in_longer_name(token: "Token") -> bool:
        """True for one word of a longer proper name ("Jordan" in "Michael Jordan")."""
        return token.head.pos_ == "PROPN" and token.dep_ in ("compound", "flat") or any(
            c.pos_ == "PROPN" and c.dep_ in ("compound", "flat") for c in token.children)

    @staticmethod
    def _modified(token: "Token") -> bool:
        """True when a noun has its own modifiers: "Chinese officials" is a description, not a missed name."""
        return any(c.dep_ in ("amod", "compound", "poss", "det") for c in token.children)

    # -- pieces -------------------------------------------------------------------------------
    def _conjuncts(self, token: "Token") -> list["Token"]:
        """The token and the nouns joined to it by conjunctions ("Jordan and Britain")."""
        token = through_quantity(token)
        out = [token]
        stack = [token]
        named = self.scope.named(token)
        if named is not None:  # "the Democratic Republic of Congo and Zambia": the conjunct hangs on a later word of the name
            stack += [t for t in self.scope.doc[named.start : named.end] if t.i != token.i]
        inside = range(named.start, named.end) if named is not None else range(0)
        while stack:
            current = stack.pop()
            for child in current.children:
                listed = child.dep_ == "appos" and self._listed_state(current, child)  # "Mali, Burkina Faso and Niger"
                if (listed or child.dep_ == "conj") and child.pos_ in ("NOUN", "PROPN", "PRON", "ADJ") and child not in out and child.i not in inside:
                    out.append(child)
                    stack.append(child)
        return out

    def _listed_state(self, first: "Token", appos: "Token") -> bool:
        """True when an apposition is the next state of a list of states ("Mali, Burkina Faso and Niger"), not a
        description of the first ("Paris, France"): both name states, and the list goes on with "and"."""
        if not any(c.dep_ == "conj" for c in appos.children):
            return False
        names = [self.scope.named(t) for t in (first, appos)]
        states = [place_country(n.text, places=False) if n is not None else None for n in names]
        return all(states) and states[0] != states[1]

    def _named(self, named: Named, token: "Token") -> ActorRef | None:
        """A named entity as an actor: organisations, states, capitals, people, peoples."""
        doc = self.scope.doc
        span = doc[named.start : named.end]
        entity = named.entity
        name = entity.name if entity is not None else named.text
        start, end = span.start_char, span.end_char
        entity_id = entity.id if entity is not None else None
        org = known_org(named.text) or (known_org(entity.name) if entity is not None else None)
        head = span.root
        facts = self._modifiers(head, skip=range(named.start, named.end))
        if org is not None:
            # "Honduras' Congress": a state's institution named like another's takes the state the text gives
            country = facts.country if facts.country and org.country not in NON_STATE else org.country
            return ActorRef(org.name, entity_id, country, facts.sector or org.sector, start, end)
        label = named.label
        seat = seat_of_government(named.text) if label != "PERSON" else None
        if seat is not None:  # "Budapest had backed ...": a capital acts for its state (NER often says ORG)
            return ActorRef(name, entity_id, seat, "GOV", start, end)
        if label in ("GPE", "LOC", "FAC"):
            country = (entity.country if entity is not None else None) or place_country(named.text)
            sector = facts.sector if facts.sector_strength == "strong" else None
            return ActorRef(name, entity_id, country, sector, start, end)
        if label == "NORP":
            country = (entity.country if entity is not None else None) or place_country(named.text)
            if country is None:  # "Iraqi Kurds": the word that names a state
                country = next((c for c in (place_country(t.text, places=False) for t in span if t.text[:1].isupper()) if c), None)
            country = country or facts.country
            plural = head.tag_ in ("NNS", "NNPS") or named.text.endswith("s")
            return ActorRef(name, entity_id, country, "CVL" if plural and head.pos_ != "ADJ" else None, start, end)
        if label == "PERSON" or (label == "ORG" and self.scope.role_of(name, entity_id) is not None):
            return self._person(name, entity_id, entity.country if entity else None, facts, start, end,
                                entity.title if entity else None)
        # ORG and anything else: inner words, then modifiers.
        country = (entity.country if entity is not None else None) or facts.country
        sector = facts.sector
        for inner in span:
            if country is None and inner.pos_ in ("ADJ", "PROPN") and inner.text[:1].isupper():
                code = place_country(inner.text, places=inner.ent_type_ == "GPE") if inner.ent_type_ in ("NORP", "GPE") or inner.pos_ == "ADJ" else None
                country = code or country
            inner_sector, strength = sector_noun(inner)
            if inner_sector and (sector is None or strength == "strong"):
                sector = inner_sector
        if country is None and sector == "NGO":
            country = "NGO"
        if country is None and head.text.islower():
            country = self._home_country(sector)  # "the transport ministry" the NER took for a name: a description
        if label not in ("ORG", "NORP") and country is None and sector is None:
            return None
        return ActorRef(name, entity_id, country, sector, start, end)

    def _person(self, name: str, entity_id: str | None, country: str | None, facts: _Facts,
                start: int, end: int, title: str | None) -> ActorRef:
        """A named person: country and sector from their role, title or the words before the name."""
        role = self.scope.role_of(name, entity_id)
        sector = facts.sector
        known = known_person(name)
        if known is not None and known.country:
            country, sector = known.country, sector or known.sector  # a listed name always means that person
        if role is not None:
            country = country or role.country
            office = next((o for o in office_table().values() if o.title == role.office), None)
            sector = (office.sector if office else None) or sector  # "Secretary-General" is no army "General"
        if title and sector is None:
            office = office_table().get(tuple(title.lower().split()))
            sector = office.sector if office else None
        country = country or facts.country
        if country is None:
            country = self._home_country(sector)  # an official of the country the article is about
        return ActorRef(name, entity_id, country, sector, start, end)

    def _modifiers(self, head: "Token", skip: range = range(0)) -> _Facts:
        """Country and sector given by a noun's modifiers and its "of/in X" phrase."""
        facts = _Facts()
        owners: list["Token"] = []
        stack = [c for c in head.children if c.dep_ in _MOD_DEPS and c.i not in skip]
        via_prep: set[int] = set()
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in _PREP_COUNTRY and child.i > head.i:
                found = [p for p in child.children if p.dep_ == "pobj"]
                stack.extend(found)
                via_prep.update(p.i for p in found)
        seen: set[int] = set()
        while stack:
            mod = stack.pop(0)
            if mod.i in seen:
                continue
            seen.add(mod.i)
            if mod.lower_ in ("based", "-based") or mod.lemma_ == "base":
                continue  # "Norway-based" says where an office is, not whose it is
            if mod.lower_ in ("led", "-led", "run", "owned") and mod.tag_ == "VBN":
                stack.extend(c for c in mod.children if c.dep_ in ("npadvmod", "compound"))  # "US-led war"
                continue
            if mod.pos_ == "PRON" and mod.lower_ in ("his", "her", "its", "their"):
                owners.append(mod)
                continue
            if opposed(mod):
                continue  # "anti-Syria", "pro-Iranian": not whose it is
            named = self.scope.named(mod)
            if facts.country is None and mod.pos_ == "PROPN" and phrase_country(mod):
                facts.country, facts.country_token = phrase_country(mod), mod  # "Papua New Guinea's": the whole name
            elif named is not None and facts.country is None:
                code = self._named_country(named)
                if code:
                    facts.country, facts.country_token = code, mod
            elif facts.country is None and mod.text[:1].isupper() and known_org(mod.text) is not None:
                facts.country, facts.country_token = known_org(mod.text).country, mod  # "ECOWAS leaders"
            elif mod.pos_ in ("ADJ", "PROPN", "NOUN") and mod.text[:1].isupper() and facts.country is None:
                # "lawmakers in Accra": the object of "in" is a place even when the NER missed it
                place = mod.ent_type_ in ("GPE", "LOC") or (mod.i in via_prep and mod.pos_ == "PROPN")
                code = place_country(mod.text, places=place) if mod.pos_ != "NOUN" else None
                if code:
                    facts.country, facts.country_token = code, mod
            sector, strength = sector_noun(mod) if mod.i not in via_prep else (None, None)
            office = _hyphen_office(mod)
            if office is not None:
                sector, strength = office.sector, "strong"  # "Secretary-General" is no army "General"
            if sector and (facts.sector is None or (strength == "strong" and facts.sector_strength != "strong")):
                facts.sector, facts.sector_strength = sector, strength
            below = [c for c in mod.children if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i not in skip]  # "Hamas political leader"
            if mod.i in via_prep:
                via_prep.update(c.i for c in below)
            stack.extend(below)
        for mod in owners:
            owner = self._pronoun(mod)
            if owner is not None:
                facts.owner = owner
                if facts.country is None and owner.country:
                    facts.country, facts.country_token = owner.country, mod
        return facts

    def _named_country(self, named: Named) -> str | None:
        """Country of a named modifier ("Iran's", "Russian", "U.S.", "UN")."""
        org = known_org(named.text)
        if org is not None:
            return org.country
        if named.entity is not None and named.entity.country:
            return named.entity.country
        if named.label in ("GPE", "NORP", "LOC"):
            return place_country(named.text)
        if len(named.text.split()) == 1 and self.scope.doc[named.start].dep_ in ("amod", "compound"):
            return place_country(named.text, places=False)  # "Ugandan candidates": a nationality the NER took for a name
        return None

    def _description(self, head: "Token") -> ActorRef | None:
        """A common noun phrase as an actor: "Iran's police force", "the Russian leader", "police"."""
        org = known_org(head.text) if head.pos_ == "PROPN" else None
        if org is not None:
            start, end = offset(head)
            return ActorRef(org.name, None, org.country, org.sector, start, end)
        lemma = head.lemma_.lower()
        if lemma in words("non_actor_heads"):
            return None  # abstractions, acts and body parts are never actors
        facts = self._modifiers(head)
        if lemma in words("place_heads") or _thing(head):
            # "Houthi targets": the Houthis; "its ports": whoever "its" is; "Cambodian proposal": Cambodia
            return self._owner(facts)
        if lemma in words("equipment_heads") and facts.country is None:
            return None  # "21 drones": equipment stands for an actor only when a country owns it
        sector, strength = sector_noun(head)
        if strength == "mod":
            sector, strength = None, None
        if strength != "strong" and facts.sector:
            sector = facts.sector
        country = facts.country
        appos = self._appositive_name(head)
        if appos is not None:
            named_ref = self._named(appos, self.scope.doc[appos.start])
            if named_ref is not None:
                return ActorRef(named_ref.name, named_ref.entity, named_ref.country or country or ("NGO" if sector == "NGO" else None),
                                named_ref.sector or sector, named_ref.start, named_ref.end)
        if sector is None and country is None:
            for mod in (c for c in head.children if c.dep_ in ("compound", "nmod", "poss")):
                named = self.scope.named(mod)
                if named is not None and named.label == "ORG":
                    return self._named(named, mod)  # "the UNITA militarist wing": a part speaks for the group
        if sector is None and country is None and head.lemma_.lower() in _DOCUMENTS:
            source = self._document_source(head)
            if source is not None:
                start, end = offset(head)
                return ActorRef(f"{head.text} ({source.name})", source.entity, source.country, source.sector, start, end)
        if sector is None and country is None:
            if head.pos_ == "PROPN" and head.text[:1].isupper() and head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
                # A name the NER missed: keep it as an actor we cannot place.
                start, end = offset(head)
                return ActorRef(head.text, None, place_country(head.text, places=False), None, start, end)
            return None
        plural = head.tag_ in ("NNS", "NNPS")
        if country is None and not plural and lemma in words("vague_heads"):
            return None  # "any state", "one side": no actor to name
        if sector == "GOV" and country and lemma in _LEADER_WORDS:
            role = self.scope.leader_of(country) or (self.scope.leader_of(country, heads_only=False) if lemma == "counterpart" else None)
            if role is not None:
                start, end = offset(head)
                return ActorRef(role.person, role.entity, country, "GOV", start, end)
        if sector == "GOV" and country is None and not plural and lemma in _LEADER_WORDS:
            definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
            role = self.scope.only_holder(head.lower_) if definite else None
            if role is not None:  # "the president" where the article names one president: that person, that state
                start, end = offset(head)
                return ActorRef(role.person, role.entity, role.country, "GOV", start, end)
        if country is None and lemma == "country" and facts.owner is not None:
            country = facts.owner.country
        if country is None and sector == "NGO":
            country = "NGO"
        bloc = plural and lemma in words("bloc_heads") and any(c.lower_ in words("bloc_words") for c in head.children if c.dep_ in ("amod", "compound", "nmod"))
        if country is None and bloc:
            country = "IMG"  # "Western governments": a group of states, not the article's
        elif country is None:
            country = self._home_country(sector)
        left = min([head.i] + [c.left_edge.i for c in head.children if self._in_name(c) and c.i < head.i])
        doc = self.scope.doc
        while left < head.i and (doc[left].ent_type_ in ("DATE", "TIME") or doc[left].is_punct or in_dateline(doc[left])):
            left += 1  # "On Monday Venezuela's foreign ministry": the date modifies the verb, not the ministry
        span = doc[left : head.i + 1]
        return ActorRef(span.text, None, country, sector, span.start_char, span.end_char)

    def _home_country(self, sector: str | None) -> str | None:
        """The country an actor of ``sector`` with no country of its own belongs to: the article's, if any."""
        if sector in _DOMESTIC:
            return self.scope.dominant_country
        if sector in _LOCAL and len(self.scope.country_counts) == 1:
            return self.scope.country_counts[0][0]  # "residents", "gunmen": of the one country the text names
        return None

    def _owner(self, facts: _Facts) -> ActorRef | None:
        """The actor a place or facility belongs to, from its modifiers, if the text names one."""
        if facts.owner is not None:
            return facts.owner
        if facts.country_token is not None and facts.country_token.pos_ != "PRON":
            return self.resolve_one(facts.country_token)
        return None

    @staticmethod
    def _in_name(child: "Token") -> bool:
        """True for a modifier that belongs in an actor's name: not a count, a date or a bare "his"/"its"."""
        if child.dep_ not in _MOD_DEPS or child.dep_ == "nummod" or child.like_num:
            return False
        if child.ent_type_ in ("DATE", "TIME", "CARDINAL", "QUANTITY") or in_dateline(child.left_edge):
            return False  # "Monday Venezuela's foreign ministry", "190 lawmakers", "ABUJA (Wire) - ECOWAS leaders"
        return not (child.dep_ == "poss" and child.pos_ == "PRON")  # "his cabinet" is the cabinet

    def _document_source(self, head: "Token") -> ActorRef | None:
        """Who speaks through a document: "a report by X", "a report issued by X / released in Kigali"."""
        words: list["Token"] = []
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                words += [p for p in child.children if p.dep_ == "pobj"]
            elif child.dep_ == "acl":
                for grand in child.children:
                    if grand.dep_ == "agent" or (grand.dep_ == "prep" and grand.lower_ == "in"):
                        words += [p for p in grand.children if p.dep_ == "pobj"]
        for word in words:
            ref = self.resolve_one(word)
            if ref is not None and ref.country:
                return ref
        return None

    def _appositive_name(self, head: "Token") -> Named | None:
        """A name in apposition: "the rights organization, Hengaw," / "Mahsa Amini, a 22-year-old woman"."""
        candidates = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            candidates.append(head.head)
        doc = self.scope.doc
        # A parse often makes "the organization, Hengaw, said" two subjects: the name follows a comma.
        after = head.right_edge.i + 1
        if after + 1 < len(doc) and doc[after].text == "," and doc[after + 1].dep_ == head.dep_ and doc[after + 1].head == head.head:
            candidates.append(doc[after + 1])
        for cand in candidates:
            named = self.scope.named(cand)
            if named is not None and named.label in ("PERSON", "ORG", "GPE", "NORP"):
                return named
        return None


def _hyphen_office(token: "Token") -> Office | None:
    """The office a hyphenated title ending at ``token`` names ("Secretary-General", "Director-General"), or None."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != "-" or doc[token.i - 1].whitespace_ or doc[token.i - 2].whitespace_:
        return None
    return office_table().get((f"{doc[token.i - 2].text}-{token.text}".lower(),))
