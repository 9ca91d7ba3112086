"""Context rules for entity candidates: what the words around a name say about its type and country.

- an acronym tagged PERSON, or tagged as a place the gazetteer does not know, votes ORG;
- a head noun next to or in apposition with the name votes its type ("the human rights
  organization, Hengaw", "Hengaw, a rights group" -> ORG; "the province of Gilan", "Tehran
  province" -> LOC; "Sotoudeh, a lawyer" -> PERSON);
- a demonym NER tagged as a place ("Ukrainian") votes NORP;
- a name the gazetteer knows as a place (primary names only) after "at/in/near/from ...", and an
  ORG name the gazetteer knows as a facility ("the Kremlin", "the White House"), votes LOC;
- an unknown place name that is the subject of "say/announce/sue ..." votes ORG, and so does
  a PERSON name after "the" that heads its phrase ("the Beatles").

Country evidence for people and organisations comes from a demonym, country, facility or
"X-based" modifier before the name (or its title), or before or inside the noun phrase the
name is in apposition with ("the Norway-based ... organization, Hengaw").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsevents.nlp.gazetteer import country_code, is_demonym, lookup_place
from newsevents.nlp.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsevents.nlp.candidates import Candidate

_LOCATIVE = frozenset({"at", "in", "inside", "outside", "near", "into", "within", "across", "from"})
_ACTOR_VERBS = frozenset(
    "say state announce report claim sue file add tell deny accuse warn confirm sell buy hire "
    "acquire launch release unveil order reveal".split()
)
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,6}$")
_STRONG = 2.0  # weight of a context rule's vote; NER's own label weighs 1


def _vote(cand: "Candidate", kind: str, weight: float) -> None:
    """Add a context rule's vote."""
    cand.evidence[kind] += weight


def context_votes(doc: "Doc", cand: "Candidate", lex: Lexicon) -> None:
    """Votes from acronyms, neighbouring head nouns, apposition and locative prepositions."""
    heads = lex.head_nouns
    span = doc[cand.start : cand.end]
    place = lookup_place(cand.form)
    if _ACRONYM.match(cand.form) and (cand.label == "PERSON" or (cand.label == "LOC" and place is None)):
        _vote(cand, "ORG", _STRONG)
    after = doc[cand.end] if cand.end < len(doc) else None
    if after is not None and after.is_lower:
        if heads.get(after.lemma_.lower()) == "LOC" and cand.label != "ORG":  # not "Boeing plant"
            _vote(cand, "LOC", _STRONG)
        elif after.lower_ == "agency" or (after.lower_ == "news" and cand.end + 1 < len(doc) and doc[cand.end + 1].lower_ == "agency"):
            _vote(cand, "ORG", _STRONG)
    before = doc[cand.start - 1] if cand.start > 0 else None
    if before is not None and before.is_lower and before.pos_ == "NOUN" and before.lemma_.lower() in heads:
        _vote(cand, heads[before.lemma_.lower()], _STRONG)
    root = span.root
    for noun in (appositive_noun(doc, cand.start, cand.end, heads), appositive_after(doc, cand.end, heads)):
        if noun is not None:
            _vote(cand, heads[noun.lemma_.lower()], _STRONG)
    if cand.label == "LOC" and is_demonym(cand.form):
        _vote(cand, "NORP", _STRONG)  # "Ukrainian" tagged as a place
    for child in root.children:
        if child.dep_ == "appos" and child.is_lower and child.lemma_.lower() in heads:
            _vote(cand, heads[child.lemma_.lower()], _STRONG)
    if root.dep_ == "pobj" and root.head.lower_ == "of" and heads.get(root.head.head.lemma_.lower()) == "LOC":
        _vote(cand, "LOC", _STRONG)
    if place is None:
        if cand.label == "LOC" and root.dep_ == "nsubj" and root.head.lemma_.lower() in _ACTOR_VERBS:
            _vote(cand, "ORG", 1.0)
    else:
        primary = lookup_place(cand.form, alternates=False)
        if cand.label != "LOC" and primary is not None and _after_locative(doc, cand.start):
            _vote(cand, "LOC", 1.5)
        elif cand.label == "PERSON" and primary is not None and root.dep_ == "compound" and root.head.is_lower:
            _vote(cand, "LOC", 1.0)  # "the Zaporizhzhia plant"
        elif cand.label == "ORG" and place.kind == "facility":
            _vote(cand, "LOC", 1.5)
        if place.kind == "country":
            cand.votes["LOC"] += 1
    if cand.label == "PERSON" and cand.start > 0 and doc[cand.start - 1].lower_ == "the" and root.dep_ != "compound":
        if not cand.evidence:
            _vote(cand, "ORG", 1.0)


def _after_locative(doc: "Doc", index: int) -> bool:
    """True when the name follows 'at', 'in', 'near' ... (optionally with 'the')."""
    j = index - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    return j >= 0 and doc[j].lower_ in _LOCATIVE


def country_evidence(doc: "Doc", cand: "Candidate", lex: Lexicon) -> str | None:
    """A country named by a modifier before the name, its title, or its appositive noun."""
    code = country_before(doc, cand.lead if cand.lead >= 0 else cand.start)
    if code:
        return code
    noun = appositive_noun(doc, cand.start, cand.end, lex.head_nouns)
    if noun is not None:
        return country_before(doc, noun.i, limit=6)
    noun = appositive_after(doc, cand.end, lex.head_nouns)
    if noun is not None:
        for tok in doc[cand.end + 2 : noun.i]:
            code = country_code(tok.text) if tok.text[:1].isupper() else None
            if code:
                return code
    return None


def appositive_after(doc: "Doc", end: int, heads: dict[str, str]) -> "Token | None":
    """The head noun (one of ``heads``) of ', a/the ... noun' after a name ("Sotoudeh, a lawyer")."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("a", "an", "the"):
        return None
    head = None
    for tok in doc[end + 2 : end + 10]:
        if tok.tag_ == "POS":
            head = None  # "the company's founder": the possessor is not the head
        elif tok.pos_ == "NOUN" and tok.is_lower:
            head = tok
        elif not (tok.pos_ == "ADJ" or tok.like_num or tok.text == "-"):
            break
    return head if head is not None and head.lemma_.lower() in heads else None


def appositive_noun(doc: "Doc", start: int, end: int, heads: dict[str, str]) -> "Token | None":
    """The noun (one of ``heads``) a name is in apposition with, before it ("the group, Hengaw")."""
    root = doc[start:end].root
    noun = None
    if root.dep_ == "appos" and root.head.i < start and root.head.is_lower:
        noun = root.head
    elif start >= 2 and doc[start - 1].text == "," and doc[start - 2].pos_ == "NOUN" and doc[start - 2].is_lower:
        noun = doc[start - 2]  # the parser often misses the apposition; the comma pattern does not
    return noun if noun is not None and noun.lemma_.lower() in heads else None


def country_before(doc: "Doc", index: int, limit: int = 4) -> str | None:
    """A country from the words right before ``index``: 'Iranian', "Iran's", 'Norway-based'."""
    j, steps = index - 1, 0
    while j >= 0 and steps < limit:
        tok = doc[j]
        if tok.lower_ in ("'s", "’s") and j > 0:
            return country_code(doc[j - 1].text)
        if tok.lower_ == "based" and j >= 2 and doc[j - 1].text == "-":
            return country_code(f"{doc[j - 2].text}-based")
        if tok.ent_type_ in ("GPE", "NORP", "LOC", "FAC", "ORG"):
            k = j
            while k > 0 and doc[k].ent_iob_ == "I":
                k -= 1
            code = country_code(doc[k : j + 1].text)
            if code is None:  # "Kremlin spokesman", "White House adviser"
                place = lookup_place(doc[k : j + 1].text, alternates=False)
                code = place.country if place is not None and place.kind == "facility" else None
            if code:
                return code
            j, steps = k - 1, steps + 1
            continue
        if tok.text[:1].isupper():
            code = country_code(tok.text)
            if code:
                return code
        if tok.is_punct or tok.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "NUM"):
            return None
        j, steps = j - 1, steps + 1
    return None
