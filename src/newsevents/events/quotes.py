"""Direct quotes and who said them.

Finding quotes is plain text work on ``Article.text`` (``find_quote_spans``): straight ``"`` or
curly ``“ ”`` marks (single ``‘ ’`` inside are part of the quote), quotes of several sentences,
quotes continued over paragraphs (a paragraph that leaves a quote open, followed by one that opens
with a quote mark, continues it) and quotes never closed (they end with their paragraph).

Attribution reads the parse around each quote: the reporting verb after the quote (``," Putin
said``, ``," said Putin``, ``," he added``) or before it (``Hengaw said Mir Mousavi "was ...``,
``according to IRNA``), and its subject is the speaker. Pronouns take the last speaker;
documents ("the statement added") take the issuer of the latest statement mentioned before
("police said in a statement"); a quote with no attribution of its own continues the quote just
before it when that one is in the same or the previous paragraph. Speakers are entity names when
an entity covers the subject, else a short description ("police", "state media").

A multi-paragraph quote is one ``Quote``: ``start``/``end`` span all its paragraphs, and ``text``
is always exactly ``Article.text[start:end]`` (paragraph breaks and continuation marks included),
so every emitted offset can be checked against the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newsevents.datafiles import DataFileError, read_rows
from newsevents.records import Article, Entity, Quote

if TYPE_CHECKING:  # spaCy stays a lazy, type-only import here
    from spacy.tokens import Doc, Span, Token

NAME = "newsevents.quotes.v1"

_MARKS = re.compile(r"[\"“”«»]")
_OPENERS = "\"“«"
_CLOSERS = "\"”»"
#: A sentence ends at . ! ? (maybe followed by a closing mark) before a space, unless it is an abbreviation.
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bGen)(?<!\bSen)"
                           r"(?<!\bRep)(?<!\bGov)(?<!\bLt)(?<!\bCol)(?<!\bJr)(?<!\bNo)[.!?]+(?=\s|$)")  # fmt: skip
_MIN_WORDS = 3  # shorter quoted spans are titles or scare quotes
_MIN_WORDS_UNATTRIBUTED = 6  # quoted spans without a reporting verb of their own need more
_POST_WINDOW = 12  # a reporting verb after a quote is at most this many tokens past the mark
_SHORT_ATTRIBUTION = 10  # after a quote ending in . ! ?, a longer sentence is not its attribution
_ISSUING_VERBS = {"issue", "release", "publish", "put", "send", "post", "sign", "read", "circulate"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_SPEAKER_TYPES = ("PERSON", "ORG", "NORP", "GPE", "LOC")  # entities that can speak


@dataclass(frozen=True)
class QuoteSpan:
    """Where one quote sits in ``Article.text``: its pieces (one per paragraph) and paragraphs."""

    pieces: tuple[tuple[int, int], ...]  # (start, end) of the quoted text in each paragraph
    first_paragraph: int
    last_paragraph: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the quote is never closed

    @property
    def start(self) -> int:
        """Start of the quoted text."""
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        """End of the quoted text."""
        return self.pieces[-1][1]


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """Reporting verb lemmas and document nouns from ``data/quotes_lexicon.tsv``."""
    verbs, documents = set(), set()
    for _, row in read_rows("quotes_lexicon.tsv", ("lemma", "kind")):
        if row["kind"] == "verb":
            verbs.add(row["lemma"])
        elif row["kind"] == "document":
            documents.add(row["lemma"])
        else:
            raise DataFileError(f"quotes_lexicon.tsv: {row['lemma']!r} has kind {row['kind']!r}; use verb or document")
    return frozenset(verbs), frozenset(documents)


@lru_cache(maxsize=1)
def _head_types() -> dict[str, str]:
    """Noun lemma -> PERSON or ORG from ``data/nlp_head_nouns.tsv``: what kind of speaker a description is."""
    rows = read_rows("nlp_head_nouns.tsv", ("lemma", "type", "alone"))
    return {row["lemma"]: row["type"] for _, row in rows if row["type"] in ("PERSON", "ORG")}


# -- finding quotes ---------------------------------------------------------------------------


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens_paragraph(text: str, start: int, end: int) -> int | None:
    """Offset of a quote mark that opens the paragraph ``text[start:end]``, else None."""
    i = start
    while i < end and text[i].isspace():
        i += 1
    return i if i < end and text[i] in _OPENERS else None


def find_quote_spans(article: Article) -> list[QuoteSpan]:
    """Every direct quote of the article, in order (plain text rules, no parse needed)."""
    text = article.text
    if not _MARKS.search(text):
        return []
    paragraphs = article.paragraph_spans()
    found: list[QuoteSpan] = []
    carried: tuple[list[tuple[int, int]], int, int] | None = None  # pieces, first paragraph, open mark
    for index, (p_start, p_end) in enumerate(paragraphs):
        pieces: list[tuple[int, int]] = []
        first, open_mark, content = index, -1, -1
        if carried is not None:
            pieces, first, open_mark = carried
            mark_at = _opens_paragraph(text, p_start, p_end)
            content = (mark_at if mark_at is not None else p_start) + 1
            carried = None
        for m in _MARKS.finditer(text, p_start if content < 0 else content, p_end):
            mark, at = m.group(), m.start()
            if content < 0:  # outside a quote: does this mark open one?
                if mark in _OPENERS or (mark == "”" and at + 1 < p_end and not text[at + 1].isspace()):
                    open_mark, content, first, pieces = at, at + 1, index, []
                continue
            opening_shape = text[at - 1].isspace() and at + 1 < p_end and not text[at + 1].isspace()
            if mark in "“\"" and at > content and opening_shape:
                # a mark shaped like an opening one inside a quote: the earlier quote was never closed
                found.append(_span(text, pieces + [(content, at)], first, index, open_mark, None))
                open_mark, content, first, pieces = at, at + 1, index, []
                continue
            if mark in _CLOSERS:
                found.append(_span(text, pieces + [(content, at)], first, index, open_mark, at))
                content = -1
        if content >= 0:  # still open at the paragraph's end
            piece = pieces + [(content, p_end)]
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if following and _opens_paragraph(text, *following) is not None:
                carried = (piece, first, open_mark)
            else:
                found.append(_span(text, piece, first, index, open_mark, None))
    return [span for span in found if span.pieces]


def _span(text: str, pieces: list[tuple[int, int]], first: int, last: int, open_mark: int,
          close_mark: int | None) -> QuoteSpan:  # fmt: skip
    """A QuoteSpan with its pieces trimmed and empty pieces dropped."""
    kept = tuple(p for p in (_trimmed(text, s, e) for s, e in pieces) if p[1] > p[0])
    return QuoteSpan(kept, first, last, open_mark, close_mark)


def _after(span: QuoteSpan) -> int:
    """The first offset after a quote and its closing mark."""
    return span.close_mark + 1 if span.close_mark is not None else span.end


def _quote_text(text: str, span: QuoteSpan) -> str:
    """The quoted words: the pieces joined by a blank line."""
    return "\n\n".join(text[s:e] for s, e in span.pieces)


# -- attribution ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: a name and, when it is one, the entity's id and type."""

    name: str
    entity: str | None = None
    type: str | None = None  # the entity's type (PERSON, ORG, ...); None for descriptions ("police")

    def fits(self, pronoun: str) -> bool:
        """True when the pronoun can stand for this speaker: he/she a person, it/they a group."""
        word = pronoun.lower()
        if self.type is None or word in ("i", "we"):
            return True
        return (self.type == "PERSON") == (word in ("he", "she", "him", "her"))


@dataclass(frozen=True)
class DirectQuote:
    """A direct quote with its speaker and, when the text names them, its source and cue tokens."""

    span: QuoteSpan
    speaker: Speaker | None
    source: Token | None = None  # the subject naming the speaker ("Putin", "he", "the ministry")
    cue: Token | None = None  # the reporting verb, or "according"


def _speaker_of(entity: Entity) -> Speaker:
    """The speaker an entity names."""
    return Speaker(entity.name, entity.id, entity.type)


class _Entities:
    """Entity mentions sorted by offset, for 'which entity covers this character?'."""

    def __init__(self, entities: tuple[Entity, ...]) -> None:
        spans = sorted((m.start, m.end, e) for e in entities for m in e.mentions)
        self._starts = [s[0] for s in spans]
        self._spans = spans
        self._by_name = {e.name.lower(): e for e in entities}

    def covering(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping ``[start, end)``."""
        i = bisect.bisect_left(self._starts, end)
        for s, e, entity in reversed(self._spans[max(0, i - 8) : i]):
            if s < end and e > start and entity.type not in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
                return entity
        return None

    def named(self, name: str) -> Entity | None:
        """The entity with exactly this name (case-insensitive)."""
        return self._by_name.get(name.lower())

    def last_fitting_before(self, offset: int, pronoun: str) -> Entity | None:
        """The entity mentioned last before ``offset`` that the pronoun can stand for."""
        i = bisect.bisect_left(self._starts, offset)
        for _, _, entity in reversed(self._spans[:i]):
            if entity.type in _SPEAKER_TYPES and _speaker_of(entity).fits(pronoun):
                return entity
        return None


class _Attributor:
    """Speaker resolution over one parsed article."""

    def __init__(self, doc: Doc, base: int, entities: _Entities) -> None:
        self.doc, self.base, self.entities = doc, base, entities
        self.verbs, self.documents = _lexicon()
        self.last: Speaker | None = None
        self.issuers = self._document_issuers()

    # tokens <-> article offsets
    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens lying inside ``[start, end)`` of the article text."""
        span = self.doc.char_span(start + self.base, end + self.base, alignment_mode="contract")
        return list(span) if span is not None else []

    def offset(self, token: Token) -> int:
        """A token's offset in the article text."""
        return token.idx - self.base

    # speakers
    def from_token(self, token: Token, at: int) -> Speaker | None:
        """The speaker a subject token names (entity, pronoun, document or description)."""
        if token.pos_ == "PRON" or token.lower_ in _PRONOUNS:
            if self.last is not None and self.last.fits(token.lower_):
                return self.last
            antecedent = self.entities.last_fitting_before(at, token.lower_)
            return _speaker_of(antecedent) if antecedent else self.last
        for candidate in [token, *(c for c in token.children if c.dep_ in ("appos", "compound", "flat"))]:
            entity = self.entities.covering(self.offset(candidate), self.offset(candidate) + len(candidate))
            if entity is not None:
                return _speaker_of(entity)
        if token.lemma_.lower() in self.documents:
            return self._issuer(token, at)
        description = _description(token)
        entity = self.entities.named(description)
        return _speaker_of(entity) if entity else Speaker(description, type=_head_types().get(token.lemma_.lower()))

    def from_verb(self, verb: Token, at: int) -> tuple[Speaker, Token] | None:
        """The speaker of a reporting verb and the token naming them: its subject, or the noun after it ('said Putin')."""
        if verb.lower_ == "according":
            for prep in verb.children:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return _with(self.from_token(obj, at), obj)
            return None
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and verb.dep_ == "conj":
            subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        named = [s for s in subjects if self.entities.covering(self.offset(s), self.offset(s) + len(s))]
        for subject in named or subjects:
            speaker = self.from_token(subject, at)
            if speaker is not None:
                return speaker, subject
        following = verb.nbor(1) if verb.i + 1 < len(self.doc) else None
        if following is not None and following.pos_ == "PROPN":
            return _with(self.from_token(following, at), following)
        return None

    def _issuer(self, token: Token, at: int) -> Speaker:
        """Who issued the document a subject names: its own 'X's' / 'from X', else the last one."""
        for child in token.children:
            if child.dep_ == "poss":
                return self.from_token(child, at) or Speaker(_description(token))
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return self.from_token(obj, at) or Speaker(_description(token))
        before = [speaker for offset, speaker in self.issuers if offset < at]
        return before[-1] if before else Speaker(_description(token))

    def _document_issuers(self) -> list[tuple[int, Speaker]]:
        """Statements and the like whose issuer the text names, in text order."""
        found: list[tuple[int, Speaker]] = []
        for token in self.doc:
            if token.lemma_.lower() not in self.documents or token.pos_ != "NOUN":
                continue
            if token.dep_ == "pobj" and token.head.lower_ in ("in", "through", "via"):
                verb = token.head.head
                if verb.lemma_.lower() not in self.verbs:
                    continue
            elif token.dep_ == "dobj" and token.head.lemma_.lower() in _ISSUING_VERBS:
                verb = token.head
            else:
                continue
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if subjects and subjects[0].pos_ != "PRON":
                speaker = self.from_token(subjects[0], self.offset(token))
                if speaker is not None:
                    found.append((self.offset(token), speaker))
        return found

    def reporting_verbs(self, tokens: list[Token]) -> list[Token]:
        """Reporting verbs among the tokens ('said', 'added', 'according')."""
        return [
            t
            for t in tokens
            if (t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in self.verbs)
            or (t.lower_ == "according" and any(c.lower_ == "to" for c in t.children))
        ]


def _with(speaker: Speaker | None, token: Token) -> tuple[Speaker, Token] | None:
    """The speaker paired with the token naming them, None without a speaker."""
    return (speaker, token) if speaker is not None else None


def _description(token: Token) -> str:
    """A short name for a subject that is no entity: 'police', 'state media', 'rights group'."""
    run = {token.i}
    left = token.i - 1
    while left >= token.sent.start:
        word = token.doc[left]
        if word.dep_ not in ("compound", "amod", "nmod") or word.head.i not in run:
            break
        if word.pos_ not in ("NOUN", "PROPN", "ADJ"):
            break
        run.add(left)
        left -= 1
    return token.doc[left + 1 : token.i + 1].text


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``(a, b)``: the first sentence end in ``text[start:end]`` and the start after the last one."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, end)]
    if not ends:
        return end, start
    return ends[0], ends[-1]


def _doc_base(doc: Doc, text: str) -> int | None:
    """Where the article text starts in the parsed text, None when the Doc is of another text."""
    if doc.text == text or doc.text.startswith(text):
        return 0
    found = doc.text.find(text) if text else -1
    return found if found >= 0 else None


def extract_quotes(doc: Doc, article: Article, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Every direct quote of the article with its speaker (``newsevents.quotes.v1``)."""
    text = article.text
    return tuple(
        Quote(
            text=text[q.span.start : q.span.end],  # always the exact span, continuation marks included
            start=q.span.start,
            end=q.span.end,
            speaker=q.speaker.name if q.speaker else None,
            speaker_entity=q.speaker.entity if q.speaker else None,
        )
        for q in find_direct_quotes(doc, article, entities)
    )


def find_direct_quotes(doc: Doc, article: Article, entities: tuple[Entity, ...]) -> list[DirectQuote]:
    """Every direct quote long enough to count, with its speaker and the tokens that name them."""
    spans = find_quote_spans(article)
    if not spans:
        return []
    text, paragraphs = article.text, article.paragraph_spans()
    base = _doc_base(doc, text)
    attributor = _Attributor(doc, base, _Entities(entities)) if base is not None else None
    quotes: list[DirectQuote] = []
    for index, span in enumerate(spans):
        words = len(_quote_text(text, span).split())
        if words < _MIN_WORDS:
            continue
        found = None
        if attributor is not None:
            following = spans[index + 1].open_mark if index + 1 < len(spans) else len(text)
            preceding = _after(spans[index - 1]) if index > 0 else None
            found = _attribute(attributor, text, paragraphs, span, preceding, following)
        if found is None and words < _MIN_WORDS_UNATTRIBUTED:
            continue
        previous = quotes[-1] if quotes else None
        if found is None and previous is not None and previous.span.last_paragraph >= span.first_paragraph - 1:
            if _same_sentence(text, previous.span, span):  # '"We will go," he said, "and soon."': one source and cue
                found = DirectQuote(span, previous.speaker, previous.source, previous.cue)
            else:
                found = DirectQuote(span, previous.speaker)  # continues the quote before, without a cue of its own
        quote = found or DirectQuote(span, None)
        if quote.speaker is not None and attributor is not None:
            attributor.last = quote.speaker
        quotes.append(quote)
    return quotes


def _attribute(attributor: _Attributor, text: str, paragraphs: list[tuple[int, int]], span: QuoteSpan,
               preceding_end: int | None, following_open: int) -> DirectQuote | None:  # fmt: skip
    """The quote with the speaker named next to it: after it first, then before it."""
    if span.close_mark is not None:
        p_end = paragraphs[span.last_paragraph][1]
        region_end = min(p_end, following_open)
        sentence_end, _ = _sentence_bounds(text, span.close_mark + 1, region_end)
        tokens = attributor.tokens(span.close_mark + 1, sentence_end)
        if not _ends_sentence(text, span) or len(tokens) <= _SHORT_ATTRIBUTION:
            for verb in attributor.reporting_verbs(tokens[:_POST_WINDOW]):
                found = attributor.from_verb(verb, span.start)
                if found is not None:
                    return DirectQuote(span, found[0], found[1], verb)
    p_start = paragraphs[span.first_paragraph][0]
    region_start = p_start
    if preceding_end is not None and preceding_end >= p_start:
        region_start = preceding_end
    _, sentence_start = _sentence_bounds(text, region_start, span.open_mark)
    tokens = attributor.tokens(sentence_start, span.open_mark)
    if not tokens and span.first_paragraph > 0 and region_start == p_start:
        prev_start, prev_end = paragraphs[span.first_paragraph - 1]
        if text[prev_start:prev_end].rstrip().endswith(":"):  # 'Putin said on Thursday:' then the quote
            _, sentence_start = _sentence_bounds(text, prev_start, prev_end - 1)
            tokens = attributor.tokens(sentence_start, prev_end)
    for verb in reversed(attributor.reporting_verbs(tokens)):
        found = attributor.from_verb(verb, span.start)
        if found is not None:
            return DirectQuote(span, found[0], found[1], verb)
    return None


def _same_sentence(text: str, before: QuoteSpan, after: QuoteSpan) -> bool:
    """True when a quote resumes the sentence of the quote before it, interrupted by its cue."""
    if before.close_mark is None or before.last_paragraph != after.first_paragraph:
        return False
    between = text[before.close_mark + 1 : after.open_mark]
    return not _SENTENCE_END.search(between) and between.rstrip().endswith(",")


def _ends_sentence(text: str, span: QuoteSpan) -> bool:
    """True when the quoted words end with . ! or ? (then only a short attribution may follow)."""
    return span.end > span.start and text[span.end - 1] in ".!?…"
