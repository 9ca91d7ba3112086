"""Group mention candidates into entities: one name, one type, every mention.

1. Candidates with the same form form a group; the group's type is its vote winner, so a
   name keeps one type within an article even when NER disagreed with itself.
2. An acronym joins the name it abbreviates ("United States Air Force (USAF)"), and the names
   of one country join ("U.S.", "US", "United States").
3. A name whose words are a subsequence of a longer PERSON name joins it ("Putin" ->
   "Vladimir Putin", "Mir Mousavi" -> "Mohammad Mir Mousavi"), unless it is a country, has
   context evidence for another type, or is itself typed otherwise and part of a longer ORG
   name ("Ford" beside "Ford Motor Company"); with several possible people, each mention goes
   to the one named most recently before it.
4. A name NER alone called PERSON that begins a longer ORG name of the article is typed ORG
   ("Lockheed" beside "Lockheed Martin"); a one-word one that is a city of a million people or
   more, and no short form of a person named in the article, is typed LOC ("Yerevan").
5. The singular and plural of a group's name are one entity ("Houthi", "Houthis"): an ORG takes
   the plural as its name, a NORP the singular ("Palestinian").
6. A bare institution word ("Parliament", "the Council", "the Guards") joins the one longer
   organisation of the article it ends ("National Electoral Council", "Revolutionary Guards");
   else it keeps the country an earlier "Hungary's parliament" / "the Georgian parliament" gives
   it, or a name it is coordinated with ("the United States House of Representatives and the
   Senate"); else it names nothing we can tell apart from other countries' parliaments and is
   dropped (the article's most mentioned country is no safe guess: "US hits Russia with sanctions
   ... the Treasury and State departments").
7. Names NER missed in some places are found by a word-bounded string match of every known
   form (and of the surname of a multi-word PERSON), so every mention is kept.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsevents.calendar_words import CALENDAR_NAMES
from newsevents.nlp.candidates import Candidate
from newsevents.nlp.context import country_before, country_in_name
from newsevents.nlp.gazetteer import is_demonym, lookup_place
from newsevents.nlp.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,6}$")
_BIG_CITY = 1_000_000  # a one-word PERSON this big a city is the city ("Yerevan said ...")
_GENERIC_ORG_WORDS = frozenset({"Company", "Corporation", "Corp.", "Inc.", "Inc", "Ltd", "Ltd.", "Group", "Co.", "plc"})


@dataclass
class Group:
    """The candidates that name one entity."""

    key: str  # the form the group was created with
    value: bool  # dates and amounts
    members: list[Candidate] = field(default_factory=list)
    forced: str | None = None  # type fixed by linking (a short form joined a PERSON)
    name: str | None = None  # name fixed by linking (a singular/plural pair: see _link_plurals)

    @property
    def tokens(self) -> list[str]:
        """Words of the group's key form."""
        return self.key.split()

    @property
    def first(self) -> int:
        """Token index of the first mention."""
        return min(m.start for m in self.members)

    def type(self) -> str:
        """The winner of the context evidence, else of the votes; ties go to the earliest label."""
        if self.forced or not self.members:
            return self.forced or ""
        votes: Counter[str] = Counter()
        for member in self.members:
            votes.update(member.evidence)
        if not votes:
            for member in self.members:
                votes.update(member.votes)
        if not votes:
            return self.members[0].label
        best = max(votes.values())
        tied = {label for label, weight in votes.items() if weight == best}
        for member in sorted(self.members, key=lambda m: m.start):
            if member.label in tied:
                return member.label
        return sorted(tied)[0]


def resolve_groups(doc: "Doc", candidates: list[Candidate]) -> list[Group]:
    """Group, link and complete candidates; groups come back in order of first mention."""
    groups: dict[tuple[bool, str], Group] = {}
    for cand in candidates:
        key = (cand.is_value, cand.form)
        groups.setdefault(key, Group(cand.form, cand.is_value)).members.append(cand)
    names = [g for g in groups.values() if not g.value]
    steps = (
        lambda gs: _link_acronyms(doc, gs),
        _link_country_names,
        _link_short_forms,
        _link_plurals,
        lambda gs: _resolve_generic(doc, gs),
    )
    for step in steps:
        step(names)
        names = [g for g in names if g.members]
    _type_organisation_prefixes(names)
    _type_big_cities(names)
    _add_string_matches(doc, names, [g for g in groups.values() if g.value])
    result = names + [g for g in groups.values() if g.value]
    return sorted(result, key=lambda g: g.first)


def _merge(source: Group, target: Group, forced: str | None) -> None:
    """Move every mention of ``source`` into ``target``."""
    target.members.extend(source.members)
    source.members = []
    if forced:
        target.forced = forced


def _initials(tokens: list[str]) -> str:
    """Capital initials of the capitalised words: 'United States Air Force' -> 'USAF'."""
    return "".join(t[0] for t in tokens if t[:1].isupper())


def _abbreviates(short: str, long_form: str) -> bool:
    """True when the acronym's letters appear in order among the long form's capitals."""
    capitals = [ch for ch in long_form if ch.isupper()]
    if not capitals or capitals[0] != short[0]:
        return False
    it = iter(capitals)
    return all(letter in it for letter in short if letter.isalpha())


def _link_acronyms(doc: "Doc", groups: list[Group]) -> None:
    """Join acronyms to the name they abbreviate (bracketed right after it, or by initials)."""
    by_end = {m.end: (g, m) for g in groups for m in g.members}
    for group in groups:
        if not group.members or len(group.tokens) != 1 or not _ACRONYM.match(group.key):
            continue
        target = None
        for member in group.members:
            s = member.start
            if s > 0 and doc[s - 1].text == "(" and member.end < len(doc) and doc[member.end].text == ")":
                previous = by_end.get(s - 1)
                if previous and previous[0] is not group and _abbreviates(group.key, previous[1].form):
                    target = previous[0]
                    break
        if target is None:
            matches = []
            for other in groups:
                if other is group or not other.members or len(other.tokens) < 2 or other.type() not in ("ORG", "LOC"):
                    continue
                words = other.tokens
                if words[-1] in _GENERIC_ORG_WORDS and _initials(words[:-1]) == group.key:
                    matches.append(other)
                elif _initials(words) == group.key:
                    matches.append(other)
            target = matches[0] if len(matches) == 1 else None
        if target is not None and target.members:
            _merge(group, target, target.type())


def _link_country_names(groups: list[Group]) -> None:
    """Join the names of one country ("U.S.", "US", "United States") into one LOC entity."""
    by_country: dict[str, Group] = {}
    for group in groups:
        if not group.members or group.type() != "LOC":
            continue
        place = lookup_place(group.key, alternates=False)
        if place is None or place.kind != "country" or place.country is None:
            continue
        first = by_country.setdefault(place.country, group)
        if first is not group:
            _merge(group, first, "LOC")


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    """True when ``short``'s words occur in ``long`` in the same order."""
    it = iter(long)
    return all(word in it for word in short)


def _may_be_person(group: Group, organisations: list[Group]) -> bool:
    """True when a group could be a short form of a person's name."""
    kind = group.type()
    if kind == "PERSON":
        return True
    if any(_is_subsequence(group.tokens, org.tokens) for org in organisations if org is not group):
        return False  # "Ford" next to "Ford Motor Company" and "William Clay Ford Jr."
    if group.value or _ACRONYM.match(group.key) or is_demonym(group.key):
        return False
    if any(label != "PERSON" for member in group.members for label in member.evidence):
        return False  # context says it is something else
    place = lookup_place(group.key)
    return place is None or place.kind not in ("country", "continent")


def _link_short_forms(groups: list[Group]) -> None:
    """Join names whose words are a subsequence of a longer PERSON name to that person."""
    _promote_full_names(groups)
    persons = [g for g in groups if len(g.tokens) >= 2 and g.type() == "PERSON"]
    if not persons:
        return
    organisations = [g for g in groups if len(g.tokens) >= 2 and g.type() == "ORG"]
    for group in sorted(groups, key=lambda g: len(g.tokens)):
        if not group.members or not _may_be_person(group, organisations):
            continue
        targets = [
            p
            for p in persons
            if p is not group and p.members and len(p.tokens) > len(group.tokens) and _is_subsequence(group.tokens, p.tokens)
        ]
        widest = [t for t in targets if not any(o is not t and len(o.tokens) > len(t.tokens) and _is_subsequence(t.tokens, o.tokens) for o in targets)]
        if len(widest) == 1:
            _merge(group, widest[0], "PERSON")
        elif widest:
            _assign_to_nearest(group, widest)


def _promote_full_names(groups: list[Group]) -> None:
    """Type a full name PERSON when its surname is a PERSON and the two together vote so.

    NER may call "Nasrin Sotoudeh" ORG and "Sotoudeh, a lawyer," PERSON; the name and its
    surname are one entity, so their mentions vote together.
    """
    shorts = [g for g in groups if g.type() == "PERSON"]
    for group in groups:
        words = group.tokens
        if group.type() == "PERSON" or not 2 <= len(words) <= 4 or not all(w[:1].isupper() and w.isalpha() for w in words):
            continue
        for short in shorts:
            if short is not group and len(short.tokens) < len(words) and words[-len(short.tokens) :] == short.tokens:
                together = Group(group.key, False, group.members + short.members)
                if together.type() == "PERSON":
                    group.forced = "PERSON"
                    break


def _type_organisation_prefixes(groups: list[Group]) -> None:
    """Type as ORG a name NER alone called PERSON that begins a longer ORG name ("Lockheed").

    Only the type changes: "Apple" beside "Apple Corps" may still be another company.
    """
    organisations = [g for g in groups if len(g.tokens) >= 2 and g.type() == "ORG"]
    persons = [g for g in groups if len(g.tokens) >= 2 and g.type() == "PERSON"]
    for group in groups:
        if group.forced or group.type() != "PERSON" or any(m.evidence for m in group.members):
            continue
        words = group.tokens
        if any(org.tokens[: len(words)] == words for org in organisations if org is not group) and not any(
            _is_subsequence(words, p.tokens) for p in persons if p is not group
        ):
            group.forced = "ORG"


def _type_big_cities(groups: list[Group]) -> None:
    """Type as LOC a one-word name NER alone called PERSON that is a city of a million or more.

    Runs after short forms joined their people, so "Houston" beside "Whitney Houston" is gone by
    now; what is left ("Pashinyan said Yerevan had taken no part") is the city used for its
    government.
    """
    for group in groups:
        if len(group.tokens) != 1 or group.forced or group.type() != "PERSON" or any(m.evidence for m in group.members):
            continue
        place = lookup_place(group.key, alternates=False)
        if place is not None and place.kind == "city" and (place.population or 0) >= _BIG_CITY:
            group.forced = "LOC"


def _assign_to_nearest(group: Group, targets: list[Group]) -> None:
    """Give each mention to the person named most recently before it (else the first named)."""
    for member in group.members:
        def recency(target: Group) -> tuple[int, int]:
            before = [m.start for m in target.members if m.start < member.start]
            return (max(before), 0) if before else (-1, -target.first)

        best = max(targets, key=recency)
        best.members.append(member)
        best.forced = "PERSON"
    group.members = []


def _link_plurals(groups: list[Group]) -> None:
    """Join a group name's singular and plural ("Houthi" + "Houthis") when both are ORG or NORP."""
    by_key = {g.key: g for g in groups if g.members and g.type() in ("ORG", "NORP")}
    for key, singular in list(by_key.items()):
        plural = by_key.get(key + "s") or by_key.get(key + "es")
        if plural is None or not singular.members or not plural.members or not key[-1:].isalpha():
            continue
        kind = "ORG" if "ORG" in (plural.type(), singular.type()) else "NORP"
        _merge(singular, plural, kind)
        plural.name = plural.key if kind == "ORG" else key


def _resolve_generic(doc: "Doc", groups: list[Group]) -> None:
    """Link, give a country to, or drop bare institution words ("Parliament", "the Guards")."""
    lex = lexicon()
    longer = [g for g in groups if len(g.tokens) >= 2 and g.type() == "ORG"]
    for group in groups:
        if not group.members or len(group.tokens) != 1 or group.type() != "ORG" or not lex.is_generic(group.key):
            continue
        targets = [g for g in longer if g.members and g.tokens[-1] == group.key]
        if len(targets) == 1:
            _merge(group, targets[0], "ORG")
            continue
        countries = {m.country for m in group.members if m.country} or _countries_of_word(doc, group.key)
        if len(countries) == 1:
            code = next(iter(countries))
            for member in group.members:
                member.country = code
        else:
            group.members = []


def _countries_of_word(doc: "Doc", word: str) -> set[str]:
    """Countries that modify the word anywhere in the article ("Hungary's parliament voted")."""
    import numpy
    from spacy.attrs import LOWER
    from spacy.strings import get_string_id

    found: set[str] = set()
    for i in numpy.nonzero(doc.to_array([LOWER]) == get_string_id(word.lower()))[0]:
        token = doc[int(i)]
        if token.dep_ != "compound":
            code = country_before(doc, token.i, limit=2) or _country_of_conjunct(token)
            if code:
                found.add(code)
    return found


def _country_of_conjunct(token: "Token") -> str | None:
    """The country a coordinated name spells: "the United States House ... and the Senate"."""
    for other in token.conjuncts:
        if other.ent_type_ in ("ORG", "GPE") and other.ent_iob_ != "O":
            start = other.i
            while start > 0 and other.doc[start].ent_iob_ == "I":
                start -= 1
            words = [t.text for t in other.doc[start : other.i + 1] if t.lower_ != "the"]
            code = country_in_name(words) if len(words) > 1 else None
            if code:
                return code
    return None


def _add_string_matches(doc: "Doc", names: list[Group], values: list[Group]) -> None:
    """Add mentions NER missed: word-bounded, case-sensitive matches of known name forms."""
    occupied = bytearray(len(doc))
    for group in names + values:
        for member in group.members:
            occupied[member.start : member.end] = b"\x01" * (member.end - member.start)
    lower_words = {t.text for t in doc if t.is_lower}
    surfaces: dict[str, Group | None] = {}
    for group in names:
        forms = {group.key} | {m.form for m in group.members}
        if group.type() == "PERSON":
            longest = max((m.form.split() for m in group.members), key=len)
            forms.update(" ".join(longest[i:]) for i in range(1, len(longest)))
            particle, _, surname = longest[-1].partition("-")
            if surname and particle.islower():
                forms.add(surname)  # "Sisi" of "Abdel Fattah al-Sisi"
        for form in forms:
            if _matchable(doc, form, lower_words):
                known = surfaces.get(form, group)
                surfaces[form] = group if known is group else None  # None: two entities share it
    keys = [form for form, group in surfaces.items() if group is not None]
    if not keys:
        return
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(keys, key=len, reverse=True))) + r")(?!\w)")
    for match in pattern.finditer(doc.text):
        span = doc.char_span(match.start(), match.end())
        if span is None or any(occupied[span.start : span.end]):
            continue
        group = surfaces[match.group()]
        assert group is not None
        label = group.type()
        group.members.append(Candidate(span.start, span.end, match.group(), label, Counter()))
        occupied[span.start : span.end] = b"\x01" * (span.end - span.start)


def _matchable(doc: "Doc", form: str, lower_words: set[str]) -> bool:
    """True for forms safe to string-match: capitalised, not ordinary or calendar words."""
    if not form[:1].isupper() or "(" in form or ")" in form:
        return False
    if " " in form:
        return True
    return (
        len(form) >= 2
        and form.replace("-", "").replace("'", "").isalpha()
        and form not in CALENDAR_NAMES
        and form.lower() not in lower_words
        and not doc.vocab[form.lower()].is_stop
    )
