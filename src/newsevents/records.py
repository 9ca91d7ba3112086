"""Plain typed records that the stages hand each other (ingest → clean → nlp → events → store).

Records are frozen dataclasses holding only plain values, so they pickle cheaply across
processes, serialise to JSON and never leak library objects (spaCy Docs stay inside nlp/ and
events/). Offsets are always character offsets into ``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RawDocument:
    """One input record before cleaning: a text dump, an extracted HTML page or a JSON record."""

    origin: str  # the input it came from: a path, "<stdin>", or "path#N" for the Nth JSON record
    format: str  # "text" | "html" | "json"
    text: str  # plain text (HTML pages arrive here already reduced to their body text)
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as given by the source
    source: str | None = None  # site or agency name
    author: str | None = None
    structured: bool = False  # True when text is already one article (HTML body, JSON text)
    captions: tuple[str, ...] = ()  # photo captions found apart from the text (HTML <figcaption>)


@dataclass(frozen=True)
class Caption:
    """A photo caption and its credit: ``... at the Kremlin (Iranian Presidency)``."""

    text: str
    credit: str | None = None


@dataclass(frozen=True)
class Article:
    """A clean article: title, captions and body paragraphs; ``text`` joins the paragraphs."""

    id: str
    title: str
    paragraphs: tuple[str, ...]
    captions: tuple[Caption, ...] = ()
    source: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    origin: str = ""

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by a blank line; all offsets use it."""
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)

    def paragraph_spans(self) -> list[tuple[int, int]]:
        """Character span of each paragraph inside ``text``."""
        spans, pos = [], 0
        for para in self.paragraphs:
            spans.append((pos, pos + len(para)))
            pos += len(para) + len(PARAGRAPH_SEPARATOR)
        return spans


PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Mention:
    """Where an entity is named: a span of ``Article.text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """An entity within one article: one name, one type, all its mentions."""

    id: str  # stable within the article: "e1", "e2", ...
    name: str  # the fullest form seen ("Vladimir Putin" for "Putin")
    type: str  # PERSON | ORG | LOC | NORP | DATE | CARDINAL | MONEY | PERCENT | ...
    mentions: tuple[Mention, ...]
    country: str | None = None  # ISO 3166 alpha-3 when known
    title: str | None = None  # an office or title seen before the name ("President")


@dataclass(frozen=True)
class ActorRef:
    """An actor taking part in an event, resolved as far as the text allows."""

    name: str
    entity: str | None = None  # Entity.id in the same article, when the actor is a named entity
    country: str | None = None  # ISO alpha-3, or IGO / NGO / MNC
    sector: str | None = None  # PLOVER/CAMEO sector: GOV, MIL, COP, JUD, REB, NGO, MED, ...
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Location:
    """An event's place with coordinates from the offline gazetteer.

    ``start``/``end`` are the place name's offsets in the article (its evidence). ``precision`` says
    what the coordinates stand for (``events.places.PRECISIONS``): "place" a site within a town (a facility or
    landmark the gazetteer knows), "city" a town or city, "region" a state, province or district,
    "country" a whole country, "area" something wider or across borders (a sea, a continent); None
    when the gazetteer did not resolve the name, or for events stored before it was recorded.
    """

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    start: int | None = None
    end: int | None = None
    precision: str | None = None


@dataclass(frozen=True)
class Event:
    """One coded event: who did what to whom, when, where, with the evidence span."""

    id: str
    type: str  # PLOVER event type, upper case: CONSULT, ARREST, ACCUSE, ...
    mode: str | None
    context: tuple[str, ...]
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    actors: tuple[ActorRef, ...]
    targets: tuple[ActorRef, ...]
    date: str | None  # ISO date (YYYY, YYYY-MM or YYYY-MM-DD) normalised against Article.published
    date_text: str | None
    location: Location | None
    status: str  # reported | alleged | denied | planned | hypothetical
    sentence: str
    sentence_start: int
    evidence_start: int  # trigger span in Article.text
    evidence_end: int
    confidence: float
    reciprocal: bool = False
    coder: str | None = None  # the coder that produced it: "newsevents.coder.v2"
    lexicon: str | None = None  # the lexicon it used: "events_lexicon v2+<sha256 prefix>"
    claim_source: str | None = None  # Attribution.id whose content holds the evidence, when someone said it
    historical: bool = False  # background: told as having happened well before the article (events/history.py)
    evidence: tuple[TextSpan, ...] = ()  # every mention of this happening in the article, in text order; () = the main one only

    @property
    def date_precision(self) -> str | None:
        """How precise ``date`` is: "day", "month" or "year"; None when the event is undated."""
        return {10: "day", 7: "month", 4: "year"}.get(len(self.date)) if self.date else None

    def evidence_spans(self) -> tuple[TextSpan, ...]:
        """Every mention of the event (``evidence``), or the main evidence span alone when none are listed."""
        if self.evidence:
            return self.evidence
        offset = self.evidence_start - self.sentence_start
        text = self.sentence[offset : offset + self.evidence_end - self.evidence_start]
        return (TextSpan(self.evidence_start, self.evidence_end, text),)


@dataclass(frozen=True)
class TimeMention:
    """A date expression in ``Article.text`` and its ISO value against the article's date (None if unresolved)."""

    start: int
    end: int
    text: str
    value: str | None


@dataclass(frozen=True)
class Quote:
    """A direct quote and who said it."""

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_entity: str | None = None


@dataclass(frozen=True)
class TextSpan:
    """A span of ``Article.text`` and the text it covers."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Attribution:
    """Who said what: a direct, mixed or indirect attribution with its source, cue and content spans."""

    id: str  # stable within the article, in text order: "a1", "a2", ...
    kind: str  # direct | mixed | indirect
    content: TextSpan  # what was said (a quote's words without the marks, or the reported clause)
    source: TextSpan | None = None  # the source as written: "Tehran", "the ministry", "he"
    cue: TextSpan | None = None  # "said", "according to", "accused", "denied"
    speaker: str | None = None  # the source's name, resolved through pronouns to their antecedent
    speaker_entity: str | None = None  # Entity.id of the speaker in the same article
    parent: str | None = None  # Attribution.id of the attribution this one is nested in
    date: str | None = None  # ISO date of the saying, when the text gives one


@dataclass(frozen=True)
class Role:
    """An office held by a person, as seen in one article: "Iranian President Ebrahim Raisi"."""

    person: str
    office: str
    country: str | None
    seen: str | None  # the article's date (ISO) when the role was observed
    entity: str | None = None


@dataclass(frozen=True)
class Document:
    """An article with everything extracted from it; ``to_dict()`` is the export's JSON."""

    article: Article
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    roles: tuple[Role, ...] = ()
    attributions: tuple[Attribution, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (schema/article.schema.json)."""
        from newsevents.serialize import document_to_dict

        return document_to_dict(self)


@dataclass(frozen=True)
class InputFailure:
    """An input that could not be read or understood, with a reason that says what to do."""

    origin: str
    reason: str


@dataclass(frozen=True)
class LoadedInput:
    """One input file (or stdin) after reading: its documents, or why it failed."""

    origin: str
    sha256: str | None = None  # of the raw bytes (after gunzip), None when unreadable
    size: int = 0
    format: str | None = None  # "text" | "html" | "json" as detected or forced
    documents: tuple[RawDocument, ...] = ()
    failure: InputFailure | None = None


@dataclass
class RunSummary:
    """What became of every input of one run."""

    inputs: int = 0  # inputs seen (files, stdin)
    inputs_stored: int = 0  # inputs with at least one new article
    inputs_duplicate: int = 0  # inputs whose articles were all stored already
    failed: int = 0  # inputs that failed, wholly or in part
    failed_partly: int = 0  # of those, inputs some of whose records were stored all the same
    stored: int = 0  # articles newly stored
    duplicates: int = 0  # articles already stored (or repeated within the run)
    events: int = 0
    failures: list[InputFailure] = field(default_factory=list)
    db: str = ""
    run_id: int | None = None

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return self.failed == 0
