"""Context rules for entity candidates: what the words around a name say about its extent, type and country.

Extent (``repair_span``, run before anything else): "World Health Organization (WHO" is split at
the unpaired bracket, "Iran's Supreme National Security Council" at the possessive (a place, then
the name), "Dominican Republic and Uruguay" at "and" and "Garissa, Wajir" at the comma when both
sides are known places (whatever NER called the whole); "Neighbouring Spain" loses its opening
participle; a name NER cut short is extended (the place "Banska" + "Bystrica", "San
Jose" + "del Monte", "Air" + "China", "Rostov" + "-on-Don", "Villa" + "Carlos Paz" (a town the gazetteer
knows, whatever NER called the part), "Defence" -> "Ministry of Defence",
and "Italy" -> "Brothers of Italy", an organisation: see ``data/nlp_org_name_heads.tsv``).

Type:

- an acronym tagged PERSON, or tagged as a place the gazetteer does not know, votes ORG;
- a head noun next to or in apposition with the name votes its type ("the human rights
  organization, Hengaw", "Hengaw, a rights group" -> ORG; "the province of Gilan", "Tehran
  province" -> LOC; "Sotoudeh, a lawyer" -> PERSON), but not the subject of a verb after the
  name ("in West Sumatra, the disaster agency said") nor a noun before "Town, Region";
- a demonym NER tagged as a place ("Ukrainian") votes NORP;
- a country NER called a person or organisation, an all-capitals dateline place ("OTTAWA —"), a
  town or region the gazetteer knows by any of its names after "at/in/near/from/to/of/around/
  between/off ..." (also as a later name of a list: "in Khan Younis and Rafah"), as the object of
  "raid/reach/visit/devastate ..." ("troops raided Jenin"), in a list with other places ("Odesa,
  Chornomorsk and Pivdennyi"), before "in" and the country it lies in ("Mary in Turkmenistan") or, a region, right after a place and a comma ("Pandi, Bulacan"), a
  known place before an administrative noun ("Ilam provinces"), and an ORG name the gazetteer
  knows as a facility ("the Kremlin", "the White House"), and a town NER called a group of people
  that is no demonym ("an attack on Omdurman"), and a town of 1,000 to 15,000 people NER
  mistyped right after "in/near/outside/around" ("farmers in Sefwi Wiawso"), vote LOC;
- a multi-word place name ending in a capitalised organisation noun votes ORG ("... Economic
  Cooperation", "... Support Forces");
- an unknown place name that is the subject of "say/announce/sue ..." votes ORG, and so does
  a PERSON name after "the" that heads its phrase ("the Beatles");
- "X, known as Y" and "Jan Kowalski, who ..." vote PERSON.

Country evidence for people and organisations comes from a demonym, country, facility or
"X-based" modifier before the name (or its title), from the noun phrase the name is in
apposition with, before it ("the Norway-based ... organization, Hengaw") or after it ("Ali
Shamkhani, secretary of Iran's Supreme National Security Council", "X, a former Canadian
diplomat"), or from "of <country>" after a titled name ("President Erdogan of Turkey").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from newsevents.nlp.datafiles import read_table
from newsevents.nlp.gazetteer import country_code, is_demonym, lookup_place
from newsevents.nlp.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsevents.nlp.candidates import Candidate

_LOCATIVE = frozenset({
    "at", "in", "inside", "outside", "near", "into", "within", "across", "from", "to", "of",
    "around", "between", "toward", "towards", "via", "through", "throughout", "beyond", "off", "above", "over",
})  # fmt: skip
#: Verbs whose direct object is a place when the gazetteer knows the name ("raided Jenin", "reached Adré").
PLACE_OBJECT_VERBS = frozenset(
    "raid storm shell bomb bombard invade occupy capture seize besiege evacuate flee reach devastate "
    "enter visit tour".split()
)
_DATELINE_MARKS = frozenset({",", "—", "–", "-", "(", ":"})
_ALIAS_WORDS = (("known", "as"), ("dubbed",), ("nicknamed",), ("alias",))
_ALIAS_LAST = frozenset(words[-1] for words in _ALIAS_WORDS)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ACTOR_VERBS = frozenset(
    "say state announce report claim sue file add tell deny accuse warn confirm sell buy hire "
    "acquire launch release unveil order reveal".split()
)
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,6}$")
_STRONG = 2.0  # weight of a context rule's vote; NER's own label weighs 1
_PROPER_TAGS = ("NNP", "NNPS")
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: Prepositions after which a name that is only a small town is still the town ("in Sefwi Wiawso").
_SMALL_TOWN_AFTER = frozenset({"in", "near", "outside", "around"})


def _vote(cand: "Candidate", kind: str, weight: float) -> None:
    """Add a context rule's vote."""
    cand.evidence[kind] += weight


def context_votes(doc: "Doc", cand: "Candidate", lex: Lexicon) -> None:
    """Votes from acronyms, neighbouring head nouns, apposition and locative prepositions."""
    heads = lex.head_nouns
    span = doc[cand.start : cand.end]
    place = lookup_place(cand.form)
    demonym = is_demonym(cand.form)
    if _ACRONYM.match(cand.form) and (cand.label == "PERSON" or (cand.label == "LOC" and place is None)):
        _vote(cand, "ORG", _STRONG)
    after = doc[cand.end] if cand.end < len(doc) else None
    if after is not None and after.is_lower and not demonym:  # "the Nigerian capital" is no place name
        lemma = after.lemma_.lower()
        if heads.get(lemma) == "LOC" and (cand.label != "ORG" or lemma in lex.admin):  # not "Boeing plant"
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
    if cand.label == "LOC" and demonym:
        _vote(cand, "NORP", _STRONG)  # "Ukrainian" tagged as a place
    for child in root.children:
        if child.dep_ == "appos" and child.is_lower and child.lemma_.lower() in heads:
            _vote(cand, heads[child.lemma_.lower()], _STRONG)
    if root.dep_ == "pobj" and root.head.lower_ == "of" and heads.get(root.head.head.lemma_.lower()) == "LOC":
        _vote(cand, "LOC", _STRONG)
    if place is None:
        if cand.label == "LOC" and root.dep_ == "nsubj" and root.head.lemma_.lower() in _ACTOR_VERBS:
            _vote(cand, "ORG", 1.0)
        if cand.label == "LOC" and cand.end - cand.start > 1 and _ends_in_org_noun(doc[cand.end - 1], heads):
            _vote(cand, "ORG", _STRONG)  # "Asia-Pacific Economic Cooperation", "Rapid Support Forces"
        if cand.label != "LOC" and not cand.evidence and _small_town_in(doc, cand):
            _vote(cand, "LOC", 1.5)  # "farmers in Sefwi Wiawso": a town of 1,000 to 15,000 people
    else:
        primary = lookup_place(cand.form, alternates=False)
        settled = place.country is not None and place.kind in ("city", "region", "country")
        if (
            cand.label != "LOC"
            and not cand.evidence.get("PERSON")
            # "a day after Azerbaijan launched ..." tagged PERSON
            and (
                (primary is not None and (primary.kind == "country" or _dateline(doc, cand)))
                # a town by any of its names ("in Jenin", "between Secunderabad and Warangal")
                or (settled and (_after_locative(doc, first := _first_conjunct(doc, cand.start)) or _place_object(doc[first])
                                 or (place.kind in ("region", "country") and _after_place_and_comma(doc, cand.start))
                                 or _listed_with_places(root) or _in_its_country(doc, cand)))
            )
        ):
            _vote(cand, "LOC", 1.5)
        elif cand.label == "PERSON" and primary is not None and root.dep_ == "compound" and root.head.is_lower:
            _vote(cand, "LOC", 1.0)  # "the Zaporizhzhia plant"
        elif cand.label == "ORG" and place.kind == "facility":
            _vote(cand, "LOC", 1.5)
        elif cand.label == "NORP" and not demonym and primary is not None and primary.kind in ("city", "region"):
            _vote(cand, "LOC", 1.5)  # "an attack on Omdurman" tagged as a group of people: no demonym, a town
        if place.kind == "country":
            cand.votes["LOC"] += 1
    if cand.label == "PERSON" and cand.start > 0 and doc[cand.start - 1].lower_ == "the" and root.dep_ != "compound":
        if not cand.evidence:
            _vote(cand, "ORG", 1.0)
    if _is_alias(doc, cand.start) or (place is None and _person_relative(doc, cand, heads)):
        _vote(cand, "PERSON", _STRONG)


def _ends_in_org_noun(token: "Token", heads: dict[str, str]) -> bool:
    """True for a capitalised organisation noun ending a name ("Cooperation", "Forces")."""
    lowered = token.lower_
    singular = lowered[:-1] if lowered.endswith("s") else lowered
    return token.text[:1].isupper() and "ORG" in (heads.get(lowered), heads.get(singular))


def _dateline(doc: "Doc", cand: "Candidate") -> bool:
    """True for an all-capitals place opening a paragraph: 'OTTAWA —', 'DOHA, Nov 25'."""
    starts_paragraph = cand.start == 0 or "\n" in doc[cand.start - 1].text_with_ws
    return (
        starts_paragraph
        and cand.form.isupper()
        and cand.end < len(doc)
        and doc[cand.end].text in _DATELINE_MARKS
    )


def _listed_with_places(root: "Token") -> bool:
    """True when the name is coordinated with a place NER recognised ("Odesa, Chornomorsk and ...")."""
    return any(other.ent_type_ in _PLACE_LABELS for other in root.conjuncts)


def _is_alias(doc: "Doc", start: int) -> bool:
    """True for the name in "<person>, known as X" (or dubbed / nicknamed X)."""
    if start < 3 or doc[start - 1].lower_ not in _ALIAS_LAST:
        return False
    for words in _ALIAS_WORDS:
        first = start - len(words)
        if first >= 2 and tuple(t.lower_ for t in doc[first:start]) == words:
            return doc[first - 1].text == "," and doc[first - 2].ent_type_ == "PERSON"
    return False


def _person_relative(doc: "Doc", cand: "Candidate", heads: dict[str, str]) -> bool:
    """True for a two-to-four word name followed by ', who': people take 'who', firms 'which'."""
    words = doc[cand.start : cand.end]
    if not 2 <= len(words) <= 4 or cand.end + 1 >= len(doc) or cand.label not in ("ORG", "PERSON"):
        return False
    if doc[cand.end].text != "," or doc[cand.end + 1].lower_ != "who":
        return False
    last = words[-1].lower_
    return all(t.is_alpha and t.text[:1].isupper() for t in words) and not last.endswith("s") and last not in heads


def _first_conjunct(doc: "Doc", start: int) -> int:
    """Where the first name of a coordinated list starts ("in Kisumu and Eldoret": Kisumu), else ``start``."""
    token = doc[start]
    root = token if token.dep_ == "conj" else token.head if token.head.dep_ == "conj" and token.dep_ == "compound" else token
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    return root.left_edge.i if root.i != start else start


def _after_place_and_comma(doc: "Doc", start: int) -> bool:
    """True for a region right after a place and a comma: "Pandi, Bulacan", "Paris, Texas"."""
    return start >= 2 and doc[start - 1].text == "," and doc[start - 2].ent_type_ in _PLACE_LABELS


def _small_town_in(doc: "Doc", cand: "Candidate") -> bool:
    """True for a town under 15,000 people by its own name right after "in", "near", "outside" or "around".

    Never for a one-word name the NER took for a person ("lost faith in Harris": most surnames are some
    village's name) nor for the end of a person's name the article gives in full ("Boris Johnson ... in Johnson").
    """
    if cand.label == "PERSON" and cand.end - cand.start == 1:
        return False
    words = cand.form.split()
    if any(e.label_ == "PERSON" and len(e) > len(words) and [t.text for t in e[-len(words):]] == words for e in doc.ents):
        return False
    j = _first_conjunct(doc, cand.start) - 1
    if j < 0 or doc[j].lower_ not in _SMALL_TOWN_AFTER:
        return False
    place = lookup_place(cand.form, alternates=False, minor=True)
    return place is not None and place.kind == "city" and place.country is not None


def _in_its_country(doc: "Doc", cand: "Candidate") -> bool:
    """True for a town or region followed by "in" and a country it lies in ("as far as Mary in Turkmenistan")."""
    if cand.end + 1 >= len(doc) or doc[cand.end].lower_ != "in" or not doc[cand.end + 1].text[:1].isupper():
        return False
    code = country_code(doc[cand.end + 1].text)
    place = lookup_place(cand.form, code, alternates=False) if code else None
    return place is not None and place.country == code and place.kind in ("city", "region")


def _place_object(token: "Token") -> bool:
    """True for the direct object of a verb whose object is a place ("troops raided Jenin")."""
    root = token
    while root.dep_ == "compound" and root.head.i > root.i:
        root = root.head
    return root.dep_ == "dobj" and root.head.lemma_.lower() in PLACE_OBJECT_VERBS


def _after_locative(doc: "Doc", index: int) -> bool:
    """True when the name follows 'at', 'in', 'near' ... (optionally with 'the')."""
    j = index - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    return j >= 0 and (doc[j].lower_ in _LOCATIVE or as_far_as(doc, index))


def as_far_as(doc: "Doc", index: int) -> bool:
    """True after "as far as" or "as far south as" (a distance to a place: "felt as far as Mary")."""
    if index < 3 or doc[index - 1].lower_ != "as":
        return False
    far = index - 2 if doc[index - 2].lower_ == "far" else index - 3
    return far >= 1 and doc[far].lower_ == "far" and doc[far - 1].lower_ == "as"


def country_evidence(doc: "Doc", cand: "Candidate", lex: Lexicon) -> str | None:
    """A country named by a modifier before the name, its title, or its appositive noun."""
    code = country_before(doc, cand.lead if cand.lead >= 0 else cand.start)
    if code:
        return code
    noun = appositive_noun(doc, cand.start, cand.end, lex.head_nouns)
    if noun is not None:
        return country_before(doc, noun.i, limit=6)
    return country_after(doc, cand.end, titled=cand.lead >= 0)


def country_after(doc: "Doc", end: int, titled: bool = False) -> str | None:
    """A country named in the apposition after a name: "X, Iran's president", "X, a Canadian diplomat".

    The apposition is read up to its first verb, pronoun or punctuation mark; a country before a
    hyphen ("Iranian-backed") describes someone else and is skipped, unless it is "-based". A
    titled name also takes "of <country>" ("President Erdogan of Turkey").
    """
    n = len(doc)
    if titled and end + 1 < n and doc[end].lower_ == "of" and doc[end + 1].text[:1].isupper():
        place = lookup_place(doc[end + 1].text, alternates=False)
        if place is not None and place.kind == "country":
            return place.country
    if end + 1 >= n or doc[end].text != ",":
        return None
    for j in range(end + 1, min(end + 12, n)):
        tok = doc[j]
        if tok.tag_ == "POS":
            return country_code(_name_before(doc, j))
        owner = j + 1 < n and doc[j + 1].tag_ == "POS"
        if tok.text == "-":
            continue  # "a 22-year-old Iranian Kurd"
        if (tok.is_punct and j > end + 1) or (tok.ent_type_ in ("PERSON", "ORG") and not owner):
            return None  # "the Bank of Canada, the Bank of England, ...": a list, not an apposition
        if tok.text[:1].isupper() and tok.is_alpha:
            hyphen = j + 2 < n and doc[j + 1].text == "-" and tok.whitespace_ == ""
            if not hyphen or doc[j + 2].lower_ == "based":
                code = country_code(tok.text) if not owner else None
                if code:
                    return code
        elif tok.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ") and not (tok.tag_ in ("VBG", "VBN") and tok.dep_ == "amod"):
            return None
        elif tok.pos_ == "ADP" and tok.lower_ not in ("of", "for"):
            return None
    return None


def _name_before(doc: "Doc", j: int) -> str:
    """The name ending right before token ``j`` (the whole NER span when there is one)."""
    k = j - 1
    while k > 0 and doc[k].ent_iob_ == "I" and doc[k - 1].ent_type_ == doc[k].ent_type_:
        k -= 1
    return doc[k:j].text


def country_in_name(words: list[str]) -> str | None:
    """The one country a name spells, longest match first ("United States Federal Reserve" -> USA)."""
    codes: set[str] = set()
    i = 0
    while i < len(words):
        for size in range(min(4, len(words) - i), 0, -1):
            part = words[i : i + size]
            code = country_code(" ".join(part)) if part[0][:1].isupper() and "-" not in part[-1] else None
            if code:
                codes.add(code)
                i += size
                break
        else:
            i += 1
    return codes.pop() if len(codes) == 1 else None


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
            if head is not None and head.i == tok.i - 1 and tok.tag_ in _FINITE_TAGS:
                return None  # "... in West Sumatra, the disaster agency said": the noun is a subject, no apposition
            break
    return head if head is not None and head.lemma_.lower() in heads else None


def appositive_noun(doc: "Doc", start: int, end: int, heads: dict[str, str]) -> "Token | None":
    """The noun (one of ``heads``) a name is in apposition with, before it ("the group, Hengaw")."""
    root = doc[start:end].root
    noun = None
    if _after_place_and_comma(doc, start):
        return None  # "officials in Voinjama, Lofa County": a town's region, whatever the parse hangs it from
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
        ruling = tok.tag_ == "VBG" and tok.dep_ == "amod"  # "China's ruling Communist Party"
        if tok.is_punct or (tok.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "NUM") and not ruling):
            return None
        j, steps = j - 1, steps + 1
    return None


# --- extent ---------------------------------------------------------------------------------


def repair_span(doc: "Doc", start: int, end: int, label: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """The span split where NER joined two names and extended where it cut one short."""
    return [_extend(doc, s, e, lab, lex) for s, e, lab in _split(doc, start, end, label)]


def _split(doc: "Doc", start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """Split at an unpaired bracket, a possessive after a place, or 'and' between two places."""
    for i in range(start, end):
        token = doc[i]
        if token.text == "(" and not any(doc[j].text == ")" for j in range(i + 1, end)):
            return [*_split(doc, start, i, label), *_split(doc, i + 1, end, label)]
        if start < i < end - 1 and token.tag_ == "POS":
            owner = lookup_place(doc[start:i].text, alternates=False)
            rest_named = any(t.text[:1].isupper() for t in doc[i + 1 : end])
            if owner is not None or not rest_named:  # "Iran's Supreme ... Council", "Ankara's airport"
                head = (start, i, "LOC" if owner is not None else label)
                return [head, *_split(doc, i + 1, end, label)] if rest_named else [head]
        if start < i < end - 1 and token.lower_ in ("and", ","):  # "Gangneung and Sokcho", "Garissa, Wajir" as one ORG too
            both = lookup_place(doc[start:i].text, alternates=False) and lookup_place(doc[i + 1 : end].text, alternates=False)
            if both and lookup_place(doc[start:end].text, alternates=False) is None:
                return [(start, i, label), *_split(doc, i + 1, end, label)]
    return [(start, end, label)]


def _extend(doc: "Doc", start: int, end: int, label: str, lex: Lexicon) -> tuple[int, int, str]:
    """Extend a span NER cut short: '-on-Don', a following name word, 'Ministry of' before it."""
    n = len(doc)
    if label == "LOC" and end - start > 1 and doc[start].tag_ in ("JJ", "VBG") and _known(doc[start + 1 : end].text):
        if not _known(doc[start:end].text):
            start += 1  # "Neighbouring Spain" at the start of a sentence is Spain
    if end + 3 < n and _glued(doc, end - 1, 3) and doc[end].text == "-" and doc[end + 2].text == "-":
        particle = doc[end + 1]
        if particle.is_lower and particle.is_alpha and len(particle) <= 4 and doc[end + 3].text[:1].isupper():
            end += 4  # "Rostov-on-Don", "Stratford-upon-Avon"
    if label == "LOC":
        end = _longer_place(doc, start, end)  # "San Jose" + "del Monte"
    if start > 0 and _opens_place(doc, start, end):
        start, label = start - 1, "LOC"  # "Villa" + "Carlos Paz" (tagged a person): the town
    if label == "LOC" and lookup_place(doc[start:end].text, alternates=False) is None and not country_code(doc[start:end].text):
        limit = min(n, end + 2)  # "Banska" + "Bystrica", but not "US" + "Marine"
        while end < limit and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end and _continues_name(doc[end], lex):
            end += 1
    if label == "LOC" and start > 0 and doc[start - 1].dep_ == "compound" and start <= doc[start - 1].head.i < end:
        if _continues_name(doc[start - 1], lex, first=True) and not _opening_participle(doc[start - 1]):
            start -= 1  # "Air" + "China"
    if label != "PERSON" and start >= 2 and doc[start - 1].lower_ == "of":
        noun = doc[start - 2]
        if noun.text[:1].isupper() and noun.ent_iob_ == "O" and lex.head_nouns.get(noun.lower_) == "ORG":
            return start - 2, end, "ORG"  # "Ministry of" + "Defence"
        alone = noun.ent_iob_ == "O" or (noun.ent_iob_ == "B" and doc[start - 1].ent_iob_ == "O")
        if noun.text[:1].isupper() and alone and noun.lower_ in org_name_heads():
            return start - 2, end, "ORG"  # "Brothers of" + "Italy": a party, not the country
    return start, end, label


def _opening_participle(token: "Token") -> bool:
    """True for a capitalised -ing word opening a sentence ("Neighbouring Spain"), which no place name starts with."""
    return token.is_sent_start and token.lower_.endswith("ing")


def _known(text: str) -> bool:
    """True when the gazetteer knows the text by a primary name or as a country."""
    return lookup_place(text, alternates=False) is not None or country_code(text) is not None


@lru_cache(maxsize=1)
def org_name_heads() -> frozenset[str]:
    """Plural nouns that make "<Noun> of <place>" an organisation's name (data/nlp_org_name_heads.tsv)."""
    return frozenset(row["word"] for row in read_table("nlp_org_name_heads.tsv", ("word",)))


def _longer_place(doc: "Doc", start: int, end: int) -> int:
    """The end of the longest known place name that runs on past the span by up to three words."""
    for extra in (3, 2, 1):
        stop = end + extra
        if stop > len(doc) or not all(t.is_alpha for t in doc[end:stop]) or not doc[stop - 1].text[:1].isupper():
            continue
        if lookup_place(doc[start:stop].text, alternates=False) is not None:
            return stop
    return end


def _opens_place(doc: "Doc", start: int, end: int) -> bool:
    """True when the capitalised word NER left out before the span makes it a town or region the gazetteer knows."""
    word = doc[start - 1]
    if word.ent_iob_ != "O" or word.tag_ != "NNP" or not word.is_alpha or word.is_sent_start:
        return False
    if lookup_place(doc[start:end].text, alternates=False) is not None:
        return False  # the span is a place already: "Air" + "China" is not for this rule
    place = lookup_place(doc[start - 1 : end].text, alternates=False)
    return place is not None and place.kind in ("city", "region") and place.country is not None


def _glued(doc: "Doc", index: int, count: int) -> bool:
    """True when tokens index .. index+count are written without spaces between them."""
    return all(doc[i].whitespace_ == "" for i in range(index, index + count))


def _continues_name(token: "Token", lex: Lexicon, first: bool = False) -> bool:
    """True for a capitalised proper-noun word NER left out of the name next to it."""
    return (
        token.tag_ in _PROPER_TAGS
        and token.is_alpha
        and token.text[:1].isupper()
        and token.ent_iob_ == "O"
        and (first or not token.is_sent_start)
        and country_code(token.text) is None
        and (token.lower_,) not in lex.titles
        and token.lower_ not in lex.head_nouns
        and not lex.is_generic(token.text)
    )
