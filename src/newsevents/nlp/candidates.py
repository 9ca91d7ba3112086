"""Entity candidates: spaCy's NER spans, repaired and cleaned, with the context evidence for their type.

spaCy's small model often gets a name's type wrong in one mention and right in another, so each
span here carries *votes* (NER's label, a gazetteer hint) and *evidence* from context rules;
linking.py sums both per name, and evidence, being more reliable than the small model's label,
decides whenever there is any. Rules are general patterns, not lists of names:

- spans are repaired first (split where NER joined two names, extended where it cut one short;
  see ``repair_span`` in context.py);
- a title before a name ("Iranian President X", "police commander X") or inside the span
  ("Supreme Leader X") votes PERSON and records the title; titles chain ("Supreme Leader
  Ayatollah X" -> "Supreme Leader") and portfolio words join theirs ("Infrastructure Minister X");
- a span that is only (part of) a title is dropped: "Supreme Leader", "State" of "Secretary of
  State", "Supreme" of "Supreme Leader X", "Defence" of "Defence Minister X", "Infrastructure" of
  "Infrastructure Minister X", and a span ending in "Mr.";
- a capitalised run after a title that NER missed is a PERSON ("Interior Minister Jan Kowalczyk");
- a town NER missed after "in/at/near/to/from/off/across (the) ...", after "reached", or in a list with
  a place ("in Kisumu and Eldoret", "Armenia and Azerbaijan") is a LOC when the gazetteer knows its
  primary name (a town of 15,000+, a region or a country) or it names a city of 100,000+ another way
  ("off Hodeidah"), particles and hyphens included ("Foz do Iguacu");
- "(Ali) Khamenei" becomes one PERSON mention named "Ali Khamenei";
- a sentence-initial common noun NER took for a name ("Protests broke out") is dropped;
- an acronym right after a clock time ("08:30 UTC") is part of the time, not a name;
- the other context rules and the country evidence are in context.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsevents.nlp.context import PLACE_OBJECT_VERBS, as_far_as, context_votes, country_before, country_evidence, repair_span
from newsevents.nlp.gazetteer import GeoPlace, country_code, is_demonym, lookup_place
from newsevents.nlp.lexicon import Lexicon, Title, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: spaCy labels renamed to ours; labels not listed keep spaCy's name.
LABEL_MAP = {"GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
#: Labels of values (dates, amounts) that later stages use; they are not names.
VALUE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
_LEADING_WORDS = frozenset({"the", "a", "an"})
_CLOCK = re.compile(r"^\d{1,2}[:.]?\d{2}$")
_TIME_ZONE = re.compile(r"^(?:[A-Z]{1,4}T|UTC)$")
_PROPER_TAGS = ("NNP", "NNPS")
_NAME_TAGS = ("NNP", "NNPS", "NN", "NNS")  # a later word of a place name ("Foz do Iguacu")
_STRONG = 2.0  # weight of a context rule's vote; NER's own label weighs 1
_TITLE_VOTE = 3.0
_MAX_PORTFOLIO = 3  # words before a title that can name its portfolio
_MAX_MISSED_NAME = 4  # words of a name NER missed after a title
_BIG_TOWN = 100_000  # a town this big may be found by another of its names when NER missed it
_MAX_RUN = 5  # tokens of a place name NER missed, particles and hyphens included ("Torbat-e Jam")
#: Prepositions after which a capitalised town the gazetteer knows is a place even when NER missed it.
_MISSED_PLACE_AFTER = frozenset(
    {"in", "at", "near", "outside", "around", "between", "off", "to", "from", "via", "towards", "toward", "of", "over", "across", "throughout"}
)


@dataclass
class Candidate:
    """One mention candidate: a token span of the Doc with its votes and evidence."""

    start: int  # first token
    end: int  # token after the last
    form: str  # the name as it reads ("Ali Khamenei" for "(Ali) Khamenei")
    label: str  # NER label mapped to ours (or the group's type for string matches)
    votes: Counter[str] = field(default_factory=Counter)  # NER's label and gazetteer hints
    evidence: Counter[str] = field(default_factory=Counter)  # context rules; outrank votes
    title: str | None = None
    country: str | None = None
    lead: int = -1  # first token of a title before the name, -1 when none

    @property
    def is_value(self) -> bool:
        """True for dates, numbers and amounts."""
        return self.label in VALUE_LABELS


def find_candidates(doc: "Doc") -> list[Candidate]:
    """Clean candidates for every NER span of the Doc (and names NER missed), in text order."""
    lex = lexicon()
    found: list[Candidate] = []
    for ent in doc.ents:
        label = LABEL_MAP.get(ent.label_, ent.label_)
        if label in VALUE_LABELS:
            found.append(Candidate(ent.start, ent.end, _text(doc, ent.start, ent.end), label, Counter({label: 1})))
            continue
        for start, end, part_label in repair_span(doc, ent.start, ent.end, label, lex):
            candidate = _name_candidate(doc, start, end, part_label, lex)
            if candidate is not None:
                found.append(candidate)
    found.extend(_missed_titled_names(doc, lex))
    found.extend(_missed_places(doc, lex))
    kept = _drop_nested(found)
    _share_coordinated_country(doc, kept)
    return kept


# --- one candidate ---------------------------------------------------------------------------


def _name_candidate(doc: "Doc", start: int, end: int, label: str, lex: Lexicon) -> Candidate | None:
    """A cleaned name candidate with votes, or None when the span is not a name."""
    start, end = _trim(doc, start, end)
    if end <= start or not any(ch.isalpha() for ch in doc[start:end].text):
        return None
    cut = _title_runs_past(doc, start, end, lex)
    if cut is not None:  # "Supreme" of "Supreme Leader X", "Russian Defence" of "... Defence Minister X"
        start, end = _trim(doc, start, cut)
        if end <= start:
            return None
        if lookup_place(doc[start:end].text, alternates=False) is not None:
            label = "LOC"
    if _inside_title(doc, start, end, lex) or _is_honorific(lex, doc[end - 1]) or _is_portfolio(doc, start, end, lex):
        return None  # "Supreme Leader" alone, "State" of "Secretary of State", "Dear Mr.", "Infrastructure"
    if not any(t.text[:1].isupper() for t in doc[start:end]) or _is_common_noun(doc, start, end, label):
        return None
    if _TIME_ZONE.match(doc[start:end].text) and start > 0 and (doc[start - 1].ent_type_ == "TIME" or _CLOCK.match(doc[start - 1].text)):
        return None
    cand = Candidate(start, end, _text(doc, start, end), label, Counter({label: 1}))
    inner = _title_prefix(doc, start, end, label, lex)
    if inner is not None:
        length, title = inner
        cand.start, cand.lead = start + length, start
        cand.form = _text(doc, cand.start, end)
        _vote(cand, "PERSON", _TITLE_VOTE)
        if title.kind == "office":
            cand.title = _text(doc, start, cand.start)
    _paren_first_name(doc, cand)
    _titles_before(doc, cand, lex)
    context_votes(doc, cand, lex)
    if label in ("PERSON", "ORG") or any(k in ("PERSON", "ORG") for k in cand.evidence):
        cand.country = country_evidence(doc, cand, lex)
    return cand


def _text(doc: "Doc", start: int, end: int) -> str:
    """The text of a token range with runs of whitespace made single spaces."""
    return " ".join(doc[start:end].text.split())


def _trim(doc: "Doc", start: int, end: int) -> tuple[int, int]:
    """Drop leading articles, punctuation and spaces; trailing possessives, punctuation, spaces."""
    while start < end and (doc[start].lower_ in _LEADING_WORDS or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("'s", "’s")
    ):
        end -= 1
    return start, end


def _is_common_noun(doc: "Doc", start: int, end: int, label: str) -> bool:
    """True for one sentence-initial common noun NER took for a name ("Protests broke out")."""
    token = doc[start]
    return (
        end - start == 1
        and label in ("PERSON", "ORG", "NORP")
        and token.tag_ in ("NN", "NNS")
        and token.is_sent_start
        and not is_demonym(token.text)
        and lookup_place(token.text) is None
    )


# --- titles ------------------------------------------------------------------------------


def _inside_title(doc: "Doc", start: int, end: int, lex: Lexicon) -> bool:
    """True when the span is (the end of) a title phrase rather than a name."""
    for length in range(lex.longest_title, end - start - 1, -1):
        if end - length <= start and _title_at(doc, end - length, length, lex) is not None:
            return True
    return False


def _title_runs_past(doc: "Doc", start: int, end: int, lex: Lexicon) -> int | None:
    """Where a title that starts inside the span and ends after it begins ("Supreme" + "Leader").

    Inside a longer name only a capitalised continuation counts: "Labour Party" + "leader" keeps
    its name, "Russian Defence" + "Minister" does not.
    """
    if end >= len(doc):
        return None
    for i in range(start, end):
        if i > start and not doc[end].text[:1].isupper():
            break
        for length in range(min(lex.longest_title, len(doc) - i), end - i, -1):
            if _title_at(doc, i, length, lex) is not None:
                return i
    return None


def _is_portfolio(doc: "Doc", start: int, end: int, lex: Lexicon) -> bool:
    """True for portfolio words before a capitalised title ("Infrastructure" of "Infrastructure Minister")."""
    if end - start > _MAX_PORTFOLIO or not all(_portfolio_word(t) for t in doc[start:end]):
        return False
    for length in range(min(lex.longest_title, len(doc) - end), 0, -1):
        title = _title_at(doc, end, length, lex)
        if title is not None:
            return title.portfolio and doc[end].text[:1].isupper()
    return False


def _portfolio_word(token: "Token") -> bool:
    """True for a capitalised word that can name a minister's portfolio ("Defence", "Foreign", "High")."""
    text = token.text
    return (
        text[:1].isupper()
        and token.is_alpha
        and token.tag_ in ("NNP", "NNPS", "JJ")
        and not (text.isupper() and len(text) > 1)
        and token.ent_type_ not in ("PERSON", "GPE", "NORP", "LOC", "FAC")
        and country_code(text) is None
        and lookup_place(text, alternates=False) is None
    )


def _is_honorific(lex: Lexicon, token: "Token") -> bool:
    """True for Mr., Mrs., Dr. ... (which come before a name, never end one)."""
    title = lex.titles.get((token.lower_,))
    return title is not None and title.kind == "honorific"


def _vote(cand: Candidate, kind: str, weight: float) -> None:
    """Add a context rule's vote."""
    cand.evidence[kind] += weight


def _title_at(doc: "Doc", start: int, length: int, lex: Lexicon) -> Title | None:
    """The title spelled by ``doc[start:start+length]``, honouring its capitalisation rule."""
    if start < 0 or length <= 0 or start + length > len(doc):
        return None
    first = doc[start]
    if first.lower_ not in lex.title_starts:
        return None
    key = (first.lower_,) if length == 1 else tuple(doc[i].lower_ for i in range(start, start + length))
    title = lex.titles.get(key)
    if title is None or (title.needs_capital and not first.text[:1].isupper()):
        return None
    return title


def _title_ending_at(doc: "Doc", end: int, lex: Lexicon) -> tuple[int, Title] | None:
    """The longest title whose last token is ``end - 1``, with its first token, and its portfolio."""
    if end < 1 or doc[end - 1].lower_ not in lex.title_ends:
        return None
    for length in range(min(lex.longest_title, end), 0, -1):
        title = _title_at(doc, end - length, length, lex)
        if title is not None and doc[end - length].ent_iob_ == "I" and doc[end - length].ent_type_ != "PERSON":
            continue  # "Party leader" of "the Labour Party leader X": the name is not the title
        if title is not None:
            start = end - length
            if title.portfolio and doc[start].text[:1].isupper():
                while start > 0 and end - length - start < _MAX_PORTFOLIO and _portfolio_word(doc[start - 1]):
                    start -= 1
            return start, title
    return None


def _looks_like_name(token: "Token") -> bool:
    """True for a capitalised word ('Raisi', 'McCain', "O'Leary")."""
    return token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)


def _title_prefix(doc: "Doc", start: int, end: int, label: str, lex: Lexicon) -> tuple[int, Title] | None:
    """A title at the start of the span followed by a name ("Supreme Leader Ali Khamenei")."""
    for skip in range(0, min(_MAX_PORTFOLIO, end - start - 2) + 1):
        if skip and not _portfolio_word(doc[start + skip - 1]):
            break
        for length in range(min(lex.longest_title, end - start - skip - 1), 0, -1):
            title = _title_at(doc, start + skip, length, lex)
            if title is None or (skip and not title.portfolio) or not _looks_like_name(doc[start + skip + length]):
                continue
            if label == "PERSON" or (title.kind == "office" and (length + skip > 1 or not title.needs_capital)):
                return skip + length, title
    return None


def _titles_before(doc: "Doc", cand: Candidate, lex: Lexicon) -> None:
    """Vote PERSON and keep the outermost office when titles stand right before the name."""
    if cand.lead < 0 and (not _looks_like_name(doc[cand.start]) or _ends_in_org_noun(doc, cand, lex)):
        return
    begin = index = cand.lead if cand.lead >= 0 else cand.start
    office: tuple[int, int] | None = None
    while True:
        found = _title_ending_at(doc, index, lex)
        if found is None:
            break
        first, title = found
        if title.kind == "office":
            office = (first, index)  # the outermost office wins: "Supreme Leader" of "... Ayatollah X"
        index = first
    if index == begin:
        return
    if cand.lead < 0:
        _vote(cand, "PERSON", _TITLE_VOTE)
    if office is not None:
        cand.title = _text(doc, *office)
    cand.lead = index


def _ends_in_org_noun(doc: "Doc", cand: Candidate, lex: Lexicon) -> bool:
    """True for names like 'Foreign Ministry' whose last word says they are organisations."""
    return lex.head_nouns.get(doc[cand.end - 1].lower_) == "ORG"


def _missed_titled_names(doc: "Doc", lex: Lexicon) -> list[Candidate]:
    """PERSON candidates for capitalised runs right after a capitalised title that NER left out."""
    found: list[Candidate] = []
    n, after = len(doc), -1
    for i in _after_title_words(doc, lex):
        token = doc[i]
        if i <= after or token.ent_iob_ != "O" or token.tag_ != "NNP" or not token.is_alpha or not token.text[:1].isupper():
            continue
        titled = _title_ending_at(doc, i, lex) if (token.lower_,) not in lex.titles else None
        if titled is None or titled[1].kind == "role" or not doc[titled[0]].text[:1].isupper():
            continue
        end = i + 1
        while end < n and end - i < _MAX_MISSED_NAME and doc[end].ent_iob_ == "O" and (
            (doc[end].tag_ == "NNP" and doc[end].text[:1].isupper()) or (doc[end].text == "-" and doc[end].whitespace_ == "")
        ):
            end += 1
        words = [t for t in doc[i:end] if t.text != "-"]
        plain = not any(t.lower_ in lex.head_nouns or lex.is_generic(t.text) for t in words)
        if plain and doc[end - 1].text != "-" and (end == n or doc[end].tag_ not in _PROPER_TAGS):
            cand = _name_candidate(doc, i, end, "PERSON", lex)
            if cand is not None:
                found.append(cand)
        after = end - 1
    return found


def _missed_places(doc: "Doc", lex: Lexicon) -> list[Candidate]:
    """LOC candidates for towns NER left out after "in", "to", "off" ..., after "reached", or in a list with a place.

    "in Kisumu and Eldoret", "moved to Iskenderun", "ships off Odesa", "reached Arequipa", "Armenia and
    Azerbaijan": only a capitalised proper-noun run (up to three words, with name particles and hyphens
    between them: "Ciudad del Este", "Torbat-e Jam") that the gazetteer knows by its primary name as a
    town of 15,000+ people or a region counts; a town found so counts as a place for the next name of its list.
    """
    found: list[Candidate] = []
    n, listed_end = len(doc), -1
    for i in range(1, n):
        token, before = doc[i], doc[i - 1]
        if token.ent_iob_ != "O" or token.tag_ not in _PROPER_TAGS or not token.is_alpha or not token.text[:1].isupper():
            continue
        if token.is_sent_start:
            continue
        listed = before.lower_ in ("and", "or", ",") and i >= 2 and (_is_place(doc[i - 2]) or i - 1 == listed_end)
        after_verb = before.pos_ == "VERB" and before.lemma_.lower() in PLACE_OBJECT_VERBS
        if before.lower_ == "the" and i >= 2:
            before = doc[i - 2]  # "in the Western Visayas"
        if before.lower_ not in _MISSED_PLACE_AFTER and not (listed or after_verb or as_far_as(doc, i) or _listed_before(doc, i)):
            continue
        end = _known_run(doc, i)
        if end is None:
            continue
        cand = _name_candidate(doc, i, end, "LOC", lex)
        if cand is not None:
            found.append(cand)
            listed_end = end
    return found


def _known_run(doc: "Doc", start: int) -> int | None:
    """The end of the longest name from ``start`` the gazetteer knows as a town, region or country, else None."""
    best, end, n = None, start, len(doc)
    while end < n and end - start < _MAX_RUN and doc[end].ent_iob_ == "O":
        word = doc[end]
        if word.text == "-" or (word.is_lower and word.is_alpha and len(word) <= 3 and end > start):
            end += 1  # "Torbat-e Jam", "Foz do Iguacu": not a name's last word
            continue
        if word.tag_ not in (_PROPER_TAGS if end == start else _NAME_TAGS) or not word.is_alpha or not word.text[:1].isupper():
            break  # a later word may be tagged a common noun: "Foz do Iguacu"
        end += 1
        place = lookup_place(doc[start:end].text, alternates=False) or _big_city(doc[start:end].text)
        if place is not None and place.country is not None and place.kind in ("city", "region", "country"):
            best = end
    if best is not None and best < n and doc[best].ent_iob_ == "O" and doc[best].tag_ in _PROPER_TAGS and doc[best].text[:1].isupper():
        return None  # "Kisumu Police Station": the known name is part of a longer one
    return best


def _is_place(token: "Token") -> bool:
    """True for the last word of a name NER tagged a place, or mistyped but the gazetteer knows ("Tefe or Parintins")."""
    if token.ent_type_ in ("GPE", "LOC"):
        return True
    if token.ent_iob_ == "O":
        return False
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    place = lookup_place(token.doc[start : token.i + 1].text, alternates=False)
    return place is not None and place.kind in ("city", "region", "country")


def _big_city(text: str) -> GeoPlace | None:
    """A city of 100,000+ people by one of its other names or spellings ("Hodeidah"), else None."""
    place = lookup_place(text)
    return place if place is not None and place.kind == "city" and (place.population or 0) >= _BIG_TOWN else None


def _listed_before(doc: "Doc", i: int) -> bool:
    """True for a name right before "and"/"or" and a place NER found ("Armenia and Azerbaijan offered help")."""
    return i + 2 < len(doc) and doc[i + 1].lower_ in ("and", "or") and doc[i + 2].ent_type_ in ("GPE", "LOC")


def _after_title_words(doc: "Doc", lex: Lexicon) -> list[int]:
    """Indexes of the tokens that follow a word that can end a title (found with one array pass)."""
    import numpy
    from spacy.attrs import LOWER
    from spacy.strings import get_string_id

    if len(doc) < 2:
        return []
    lowers = doc.to_array([LOWER])
    ends = numpy.fromiter((get_string_id(word) for word in lex.title_ends), dtype=lowers.dtype)
    return [int(i) + 1 for i in numpy.nonzero(numpy.isin(lowers[:-1], ends))[0]]


# --- other mention rules -------------------------------------------------------------------


def _paren_first_name(doc: "Doc", cand: Candidate) -> None:
    """Join '(Ali) Khamenei', '(Mir Hossein) Mousavi': bracketed given names before the name."""
    s = cand.start
    if s < 3 or doc[s - 1].text != ")":
        return
    for opening in range(s - 3, max(s - 6, -1), -1):
        if doc[opening].text == "(":
            inside = doc[opening + 1 : s - 1]
            if all(t.is_alpha and _looks_like_name(t) for t in inside):
                cand.form = f"{inside.text} {cand.form}"
                cand.start = opening
                _vote(cand, "PERSON", _STRONG)
            return


def _share_coordinated_country(doc: "Doc", kept: list[Candidate]) -> None:
    """'Iranian President X and Foreign Minister Y': the country before the first title covers both."""
    for before, cand in zip(kept, kept[1:]):
        if cand.country or not cand.title or not before.title or before.lead < 0 or cand.lead < 1:
            continue
        if before.end == cand.lead - 1 and doc[before.end].lower_ == "and" and before.country:
            if country_before(doc, before.lead) == before.country:
                cand.country = before.country


def _drop_nested(found: list[Candidate]) -> list[Candidate]:
    """Keep candidates in text order; one inside (or overlapping) an earlier kept one is dropped."""
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Candidate] = []
    for cand in found:
        if kept and cand.start < kept[-1].end:
            continue
        kept.append(cand)
    return kept
