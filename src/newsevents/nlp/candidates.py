"""Entity candidates: spaCy's NER spans, cleaned, with the context evidence for their type.

spaCy's small model often gets a name's type wrong in one mention and right in another, so each
span here carries *votes* (NER's label, a gazetteer hint) and *evidence* from context rules;
linking.py sums both per name, and evidence, being more reliable than the small model's label,
decides whenever there is any. Rules are general patterns, not lists of names:

- a title before a name ("Iranian President X", "police commander X") or inside the span
  ("Supreme Leader X") votes PERSON and records the title; a span that is only (the end of) a
  title ("Supreme Leader", "State" of "Secretary of State") or ends in "Mr." is dropped;
- "(Ali) Khamenei" becomes one PERSON mention named "Ali Khamenei";
- "World Health Organization (WHO" is split at the unpaired bracket;
- an acronym right after a clock time ("08:30 UTC") is part of the time, not a name;
- the other context rules and the country evidence are in context.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsevents.nlp.context import context_votes, country_evidence
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
_STRONG = 2.0  # weight of a context rule's vote; NER's own label weighs 1
_TITLE_VOTE = 3.0


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
    """Clean candidates for every NER span of the Doc, in text order, without overlaps."""
    lex = lexicon()
    found: list[Candidate] = []
    for ent in doc.ents:
        label = LABEL_MAP.get(ent.label_, ent.label_)
        if label in VALUE_LABELS:
            found.append(Candidate(ent.start, ent.end, _text(doc, ent.start, ent.end), label, Counter({label: 1})))
            continue
        for start, end in _split_brackets(doc, ent.start, ent.end):
            candidate = _name_candidate(doc, start, end, label, lex)
            if candidate is not None:
                found.append(candidate)
    return _drop_nested(found)


def _split_brackets(doc: "Doc", start: int, end: int) -> list[tuple[int, int]]:
    """Split 'World Health Organization (WHO' at a bracket NER swallowed without its pair."""
    for i in range(start, end):
        if doc[i].text == "(" and not any(doc[j].text == ")" for j in range(i + 1, end)):
            return [(start, i), (i + 1, end)]
    return [(start, end)]


def _name_candidate(doc: "Doc", start: int, end: int, label: str, lex: Lexicon) -> Candidate | None:
    """A cleaned name candidate with votes, or None when the span is not a name."""
    start, end = _trim(doc, start, end)
    if end <= start or not any(ch.isalpha() for ch in doc[start:end].text):
        return None
    if _inside_title(doc, start, end, lex) or _is_honorific(lex, doc[end - 1]):
        return None  # "Supreme Leader" alone, "State" of "Secretary of State", "Dear Mr."
    if not any(t.text[:1].isupper() for t in doc[start:end]):
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
    _title_before(doc, cand, lex)
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


def _inside_title(doc: "Doc", start: int, end: int, lex: Lexicon) -> bool:
    """True when the span is (the end of) a title phrase rather than a name."""
    for length in range(lex.longest_title, end - start - 1, -1):
        if end - length <= start and _title_at(doc, end - length, length, lex) is not None:
            return True
    return False


def _is_honorific(lex: Lexicon, token: "Token") -> bool:
    """True for Mr., Mrs., Dr. ... (which come before a name, never end one)."""
    title = lex.titles.get((token.lower_,))
    return title is not None and title.kind == "honorific"


def _vote(cand: Candidate, kind: str, weight: float) -> None:
    """Add a context rule's vote."""
    cand.evidence[kind] += weight


def _title_at(doc: "Doc", start: int, length: int, lex: Lexicon) -> Title | None:
    """The title spelled by ``doc[start:start+length]``, honouring its capitalisation rule."""
    if start < 0 or length <= 0:
        return None
    title = lex.titles.get(tuple(t.lower_ for t in doc[start : start + length]))
    if title is None or (title.needs_capital and not doc[start].text[:1].isupper()):
        return None
    return title


def _looks_like_name(token: "Token") -> bool:
    """True for a capitalised word ('Raisi', 'McCain', "O'Leary")."""
    return token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)


def _title_prefix(doc: "Doc", start: int, end: int, label: str, lex: Lexicon) -> tuple[int, Title] | None:
    """A title at the start of the span followed by a name ("Supreme Leader Ali Khamenei")."""
    for length in range(min(lex.longest_title, end - start - 1), 0, -1):
        title = _title_at(doc, start, length, lex)
        if title is None or not _looks_like_name(doc[start + length]):
            continue
        if label == "PERSON" or (title.kind == "office" and (length > 1 or not title.needs_capital)):
            return length, title
    return None


def _title_before(doc: "Doc", cand: Candidate, lex: Lexicon) -> None:
    """Vote PERSON (and keep the office) when a title stands right before the name."""
    if cand.lead >= 0 or not _looks_like_name(doc[cand.start]) or _ends_in_org_noun(doc, cand, lex):
        return
    for length in range(lex.longest_title, 0, -1):
        title = _title_at(doc, cand.start - length, length, lex)
        if title is None:
            continue
        _vote(cand, "PERSON", _TITLE_VOTE)
        cand.lead = cand.start - length
        if title.kind == "office" and cand.title is None:
            cand.title = _text(doc, cand.start - length, cand.start)
        return


def _ends_in_org_noun(doc: "Doc", cand: Candidate, lex: Lexicon) -> bool:
    """True for names like 'Foreign Ministry' whose last word says they are organisations."""
    return lex.head_nouns.get(doc[cand.end - 1].lower_) == "ORG"


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


def _drop_nested(found: list[Candidate]) -> list[Candidate]:
    """Keep candidates in text order; one inside (or overlapping) an earlier kept one is dropped."""
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Candidate] = []
    for cand in found:
        if kept and cand.start < kept[-1].end:
            continue
        kept.append(cand)
    return kept
