"""Find trigger words in a sentence: the most specific lexicon pattern that fits each token.

A sentence is first checked with one set intersection against every head lemma of the lexicon,
so sentences without a candidate trigger cost almost nothing. Matching then looks only at a
token's direct dependents (objects, prepositions, modifiers) — no search over the whole tree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsevents.events.lexicon import Lexicon, Pattern, Prep
from newsevents.events.tables import actor_tables

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_OBJ_DEPS = ("dobj", "obj")
_PREP_DEPS = ("prep", "prt", "agent", "advmod", "dative")
_MOD_DEPS = ("compound", "amod", "advmod", "npadvmod", "nmod", "poss")
_ACTOR_ENTS = ("PERSON", "ORG", "GPE", "NORP")


@dataclass(frozen=True)
class Match:
    """A trigger found in a sentence: the head token, the pattern and the tokens it used."""

    head: "Token"
    pattern: Pattern
    theme: "Token | None"  # the object the pattern named ("talks" in "hold talks")
    tokens: tuple["Token", ...]

    @property
    def start(self) -> int:
        """Character offset of the first matched token."""
        return min(t.idx for t in self.tokens)

    @property
    def end(self) -> int:
        """Character offset just after the last matched token."""
        return max(t.idx + len(t.text) for t in self.tokens)


def lemma(token: "Token") -> str:
    """The lower-case lemma of a token."""
    return token.lemma_.lower()


def is_passive(token: "Token") -> bool:
    """True for a passive verb ("was arrested", "were killed by")."""
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in token.children)


#: Nouns that only measure or package what follows "of": "tons of aid", "days of war games".
_MEASURES = frozenset({
    "ton", "tonne", "kg", "kilogram", "worth", "amount", "lot", "number", "series", "wave", "spate",
    "day", "week", "month", "round", "batch", "shipment", "package", "consignment", "part", "set",
    "hundred", "thousand", "dozen", "score",  # "massed hundreds of fighters"
})  # fmt: skip
#: Amounts of money: "cancelled $2bn of debt" matches "cancel >debt" (the amount stays the object for the arguments).
_AMOUNTS = frozenset({"yen", "dollar", "euro", "pound", "rupee", "$", "€", "£", "billion", "million", "bn"})
#: Vague heads whose modifier says what they are: "a mediation effort", "a peace mission".
_GENERIC_HEADS = frozenset({"effort", "mission", "bid", "campaign", "process", "initiative", "programme", "program"})


def _through_measure(noun: "Token", words: frozenset[str] = _MEASURES) -> "Token":
    """The noun a measure word stands for ("25,000 tons of food" -> food)."""
    if noun.lemma_.lower() in words:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return noun


def objects(token: "Token") -> list["Token"]:
    """The token's objects: direct objects, passive subjects, or the noun an -ed participle modifies."""
    found = [child for child in token.children if child.dep_ in _OBJ_DEPS]
    found += [child for child in token.children if child.dep_ == "nsubjpass"]
    if not found and token.dep_ == "acl" and token.tag_ in ("VBN", "VBD"):
        found.append(token.head)
    if not found and token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "nsubj" and c.lower_ not in ("who", "which", "that") for c in token.children
    ):
        found.append(token.head)  # "a charge Stockholm rejected": the noun is the relative clause's object
    if not found and token.dep_ == "conj" and any(c.dep_ == "auxpass" for c in token.children):
        # "were arrested and were later released": the second passive shares the first one's subject
        found += [c for c in token.head.children if c.dep_ in ("nsubjpass", "nsubj")]
    return [_through_measure(obj) for obj in found]


def _with_conjuncts(nouns: list["Token"]) -> list["Token"]:
    """``nouns`` and the nouns joined to them by "and"/"or" ("restored flights and diplomatic ties"), in order."""
    out: list["Token"] = []
    for noun in nouns:
        out.append(noun)
        out.extend(c for c in noun.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"))
    return out


def raised_subjects(token: "Token") -> list["Token"]:
    """Subjects of an infinitive complement: "Putin" in "wants Putin to attack" (parsed as its subject)."""
    out: list["Token"] = []
    for clause in token.children:
        if clause.dep_ in ("ccomp", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            out.extend(c for c in clause.children if c.dep_ == "nsubj")
    return out


def forms(token: "Token") -> set[str]:
    """Ways a noun can match an object constraint: lemma, "modifier_lemma", "lemma_of_lemma"."""
    base = lemma(token)
    out = {base, token.lower_}
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.i < token.i:
            out.add(f"{lemma(child)}_{base}")
            out.add(f"{child.lower_}_{base}")
            if base in _GENERIC_HEADS and child.dep_ == "compound":
                out.add(lemma(child))
        elif child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.add(f"{base}_of_{lemma(pobj)}")
    return out


def _own(noun: "Token") -> bool:
    """True for "its territory", "their borders": something the subject owns."""
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our", "his", "her") for c in noun.children)


def is_actor_like(token: "Token") -> bool:
    """True when a token names a possible actor: a named person/organisation/state or a sector noun."""
    if token.ent_type_ in _ACTOR_ENTS:
        return True
    if token.pos_ == "PRON" and token.lower_ in ("him", "her", "them", "he", "she", "they", "it"):
        return True
    noun = actor_tables().nouns.get(lemma(token))
    return noun is not None and noun.strength != "mod"


def _prep_ok(token: "Token", prep: Prep, used: list["Token"]) -> bool:
    """True when the token has a preposition/particle child satisfying ``prep``."""
    for child in token.children:
        if child.dep_ not in _PREP_DEPS or child.lower_ not in prep.words:
            continue
        if prep.objects is None:
            used.append(child)
            return True
        for pobj in child.children:
            if pobj.dep_ in ("pobj", "pcomp") and "@actor" in prep.objects and is_actor_like(pobj):
                used.extend((child, pobj))  # "called on Iran": the preposition's object must be an actor
                return True
            if pobj.dep_ in ("pobj", "pcomp") and forms(_through_measure(pobj)) & prep.objects:
                used.extend((child, pobj))
                return True
    # "lay down their arms": the object of the pattern may hang off the verb instead of the particle.
    if prep.objects is not None and any(c.dep_ == "prt" and c.lower_ in prep.words for c in token.children):
        for obj in objects(token):
            if forms(obj) & prep.objects:
                used.append(obj)
                return True
    return False


def _fits(token: "Token", pattern: Pattern) -> tuple[bool, "Token | None", list["Token"]]:
    """Whether ``pattern`` fits ``token``; also the theme object and the extra tokens used."""
    used: list["Token"] = []
    theme = None
    if pattern.obj is not None:
        for obj in (_through_measure(o, _AMOUNTS) for o in _with_conjuncts(objects(token))):
            if ("@actor" in pattern.obj and is_actor_like(obj)) or forms(obj) & pattern.obj:
                theme = obj
                break
        if theme is None and "@actor" in pattern.obj and not objects(token):
            theme = next((s for s in raised_subjects(token) if is_actor_like(s)), None)
        if theme is None:
            return False, None, used
        used.append(theme)
    if "needobj" in pattern.flags and not any(not _own(o) or pattern.type != "SUPPORT" for o in objects(token)):
        return False, None, used  # "defend its territory": one's own things are no one to back
    if "noccomp" in pattern.flags and any(c.dep_ == "ccomp" for c in token.children):
        return False, None, used
    if "noxcomp" in pattern.flags and any(c.dep_ == "xcomp" for c in token.children):
        return False, None, used
    for prep in pattern.preps:
        if not _prep_ok(token, prep, used):
            return False, None, used
    if pattern.mods is not None and not any(
        c.dep_ in _MOD_DEPS and (lemma(c) in pattern.mods or c.lower_ in pattern.mods) for c in token.children
    ):
        return False, None, used
    if pattern.anychild is not None and not any(
        lemma(c) in pattern.anychild or c.lower_ in pattern.anychild for c in token.children
    ):
        return False, None, used
    return True, theme, used


def _pos_key(token: "Token") -> str | None:
    """The lexicon part of speech a token can match: V, N or A."""
    if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
        return "V"
    if token.pos_ == "NOUN" or (token.pos_ == "PROPN" and not token.ent_type_):
        return "N"
    if token.pos_ == "ADJ":
        return "A"
    return None


_HEADLINE_ENDS = (".", "!", "?", '"', "'", "”", "’")
_SUBJECT_DEPS = ("compound", "amod", "nsubj", "nmod", "poss", "npadvmod", "appos")


def headline_verb(token: "Token") -> bool:
    """True for a headline verb the tagger read as a plural noun: "Malawi grants amnesty", "Tonga apologises".

    Headlines drop articles and final stops; "grants" right after a name that hangs on it is the verb.
    """
    if token.tag_ != "NNS" or not token.lower_.endswith("s") or token.i == token.sent.start:
        return False
    sent = token.sent
    if sent[-1].text in _HEADLINE_ENDS or len(sent) > 25:
        return False
    before = token.doc[token.i - 1]
    return before.head.i == token.i and before.dep_ in _SUBJECT_DEPS and (
        before.pos_ == "PROPN" or is_actor_like(before))


def headline_subjects(token: "Token") -> list["Token"]:
    """The name a headline verb read as a noun hangs on its left: "Malawi" in "Malawi grants amnesty"."""
    if not headline_verb(token):
        return []
    return [c for c in token.lefts if c.dep_ in _SUBJECT_DEPS and (c.pos_ == "PROPN" or is_actor_like(c))][-1:]


def match_token(token: "Token", lexicon: Lexicon) -> Match | None:
    """The most specific pattern fitting the token, or None (also None when a blocker fits)."""
    pos = _pos_key(token)
    if pos is None:
        return None
    keys = [(pos, lemma(token)), (pos, token.lower_)]
    if pos == "N" and headline_verb(token):
        keys = [("V", lemma(token)), *keys]  # a headline verb first, then the noun
    if pos == "V" and token.tag_ == "VBN":
        keys.append(("A", lemma(token)))  # "is opposed to", "are prepared to"
        if is_passive(token) and not any(c.dep_ == "agent" for c in token.children):
            keys.insert(0, ("A", token.lower_))  # a state, not a deed: "Israel is opposed to ..."
    if pos == "A":
        keys.append(("A", token.lower_))
    seen: set[tuple[str, str]] = set()
    candidates: list[Pattern] = []
    for key in keys:
        if key not in seen:
            seen.add(key)
            candidates.extend(lexicon.index.get(key, ()))
    candidates.sort(key=lambda p: -p.specificity)
    for pattern in candidates:
        ok, theme, used = _fits(token, pattern)
        if ok:
            if pattern.blocks:
                return None
            return Match(token, pattern, theme, (token, *used))
    return None


def sentence_has_candidates(sent: "Span", lexicon: Lexicon) -> bool:
    """Cheap pre-filter: does any token's lemma or form start a pattern?"""
    heads = lexicon.heads
    return any(t.lemma_.lower() in heads or t.lower_ in heads for t in sent)


def find_matches(tokens: Iterable["Token"], lexicon: Lexicon) -> list[Match]:
    """Every trigger (event or frame word) among ``tokens``, in text order."""
    heads = lexicon.heads
    out: list[Match] = []
    for token in tokens:
        if token.lemma_.lower() in heads or token.lower_ in heads:
            found = match_token(token, lexicon)
            if found is not None:
                out.append(found)
    return out
