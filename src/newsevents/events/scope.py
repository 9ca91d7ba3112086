"""What the coder knows about one article while coding it: names, people, roles, main country.

Built once per article from the spaCy Doc and the nlp stage's entities: which tokens belong to
which named entity, where people are mentioned (for "he"/"she"), the article's dominant country
(for a bare "police" or "the government"), and the roles found so far ("the Russian leader").
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from newsevents.names import name_key
from newsevents.records import Article, Entity, Role

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PLACE_LABELS = ("GPE", "LOC", "FAC")


@dataclass(frozen=True)
class Named:
    """A named span of the Doc: token range, text, label and the article entity behind it."""

    start: int  # token index
    end: int  # token index, exclusive
    text: str
    label: str
    entity: Entity | None


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Strictly folded capital-city name -> ISO alpha-3 of its state (tehran -> IRN), from the gazetteer."""
    from newsevents.nlp.gazetteer import capitals as capital_cities

    return {name_key(city, strict=True): iso3 for iso3, city in capital_cities()}


def place_country(text: str, places: bool = True) -> str | None:
    """ISO alpha-3 for a country name, demonym or place ('Iranian', 'Lahijan'), else None.

    ``places=False`` accepts only state names and demonyms: an adjective such as "Federal" must
    not become a town of that name.
    """
    from newsevents.nlp.gazetteer import country_code, lookup_place

    lowered = text.lower()
    if lowered.endswith(("-led", "-owned", "-run")):
        return country_code(text.rsplit("-", 1)[0])  # "Vietnamese-led forces": led by Vietnam
    if lowered.endswith(("-backed", "-based", "-linked", "-allied", "-funded", "-inspired", "-affiliated", "-born")):
        return None  # supported by, located in or tied to a state: not that state's
    code = country_code(text)
    if code or not places:
        return code
    place = lookup_place(text)
    return place.country if place is not None else None


def seat_of_government(text: str) -> str | None:
    """ISO alpha-3 of the state whose capital ``text`` names ("Budapest" -> HUN), else None."""
    code = capitals().get(name_key(text, strict=True))
    return code if code is not None and place_country(text) == code else None


def phrase_country(token: "Token") -> str | None:
    """The state named by a multi-word proper name ending at ``token`` ("Solomon Islands'", "Papua New Guinea's", "Guinea-Bissau")."""
    doc = token.doc
    starts: list[int] = []
    i = token.i - 1
    while i >= token.sent.start and token.i - i <= 4:
        word = doc[i]
        if word.text == "-" and i > token.sent.start and doc[i - 1].pos_ == "PROPN":
            i -= 1
            continue
        if word.pos_ != "PROPN" or not token.i >= word.head.i > word.i:
            break  # a name's words hang on a later word of the same name
        starts.append(i)
        i -= 1
    for start in reversed(starts):  # the longest name first
        code = place_country(doc[start : token.i + 1].text, places=False)
        if code:
            return code
    return None


@dataclass
class ArticleScope:
    """Per-article state of the coder (mutable only while the article is being coded)."""

    doc: "Doc"
    article: Article
    entities: tuple[Entity, ...]
    named_by_token: dict[int, Named] = field(default_factory=dict)
    person_starts: list[int] = field(default_factory=list)  # token indices of PERSON mentions, sorted
    person_named: list[Named] = field(default_factory=list)
    dominant_country: str | None = None
    country_counts: list[tuple[str, int]] = field(default_factory=list)  # most mentioned first
    roles: list[Role] = field(default_factory=list)

    @classmethod
    def build(cls, doc: "Doc", article: Article, entities: tuple[Entity, ...]) -> "ArticleScope":
        """Index the article's names and find its dominant country."""
        scope = cls(doc, article, entities)
        for entity in entities:
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                named = Named(span.start, span.end, span.text, entity.type, entity)
                for i in range(span.start, span.end):
                    scope.named_by_token[i] = named
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"):
                continue
            if any(i in scope.named_by_token for i in range(ent.start, ent.end)):
                continue
            named = Named(ent.start, ent.end, ent.text, ent.label_, None)
            for i in range(ent.start, ent.end):
                scope.named_by_token[i] = named
        seen: set[int] = set()
        for named in sorted(set(scope.named_by_token.values()), key=lambda n: n.start):
            if named.label == "PERSON" and named.start not in seen:
                seen.add(named.start)
                scope.person_named.append(named)
        scope.person_starts = [n.start for n in scope.person_named]
        scope.dominant_country = scope._dominant_country()
        return scope

    def named(self, token: "Token") -> Named | None:
        """The named span a token belongs to, if any."""
        return self.named_by_token.get(token.i)

    def _dominant_country(self) -> str | None:
        """The country clearly most mentioned (1.5x the next one, at least twice), else None."""
        counts: Counter[str] = Counter()
        for named in sorted(set(self.named_by_token.values()), key=lambda n: (n.start, n.end)):  # first mention breaks ties
            code = None
            if named.entity is not None and named.entity.country:
                code = named.entity.country
            elif named.label in (*_PLACE_LABELS, "NORP"):
                code = place_country(named.text)
            if code:
                counts[code] += 1
        self.country_counts = counts.most_common()
        ranked = counts.most_common(2)
        if len(ranked) == 1:
            return ranked[0][0]  # the only country the article names
        if not ranked or ranked[0][1] < 2:
            return None
        if len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]:
            return None
        return ranked[0][0]

    def top_countries(self, n: int) -> list[str]:
        """The ``n`` most mentioned countries when each is mentioned at least twice, else []."""
        top = [code for code, count in self.country_counts[:n] if count >= 2]
        return top if len(top) == n else []

    def person_before(self, token_index: int) -> Named | None:
        """The last PERSON mention that starts before a token (for "he" / "she")."""
        at = bisect_right(self.person_starts, token_index - 1)
        return self.person_named[at - 1] if at else None

    def role_of(self, name: str, entity: str | None) -> Role | None:
        """The role seen for a person (by entity id, else by name), if any."""
        for role in self.roles:
            if (entity and role.entity == entity) or role.person == name:
                return role
        return None

    def only_holder(self, office_word: str) -> Role | None:
        """The one role with a country whose office ends with ``office_word`` ("president"), if the article names only one."""
        holders = {(r.person, r.country): r for r in self.roles if r.country and r.office.lower().split()[-1:] == [office_word]}
        return next(iter(holders.values())) if len(holders) == 1 else None

    def leader_of(self, country: str, heads_only: bool = True) -> Role | None:
        """The head of state/government of ``country`` named in the article, if any."""
        from newsevents.events.tables import office_table

        ranks = {office.title: office.rank for office in office_table().values()}
        for role in self.roles:
            if role.country == country and (not heads_only or ranks.get(role.office) == "head"):
                return role
        return None
