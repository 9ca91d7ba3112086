"""Who said what: direct, mixed and indirect attributions of one article (``newsevents.attributions.v1``).

``extract_attributions(doc, article, entities)`` joins two finders:

- direct quotes from :mod:`newsevents.events.quotes` (quotation marks, speakers next to them,
  quotes continued over paragraphs), their content the quoted words without the marks;
- reported speech from :mod:`newsevents.events.attribution_finder` (a cue from
  ``data/attribution_cues.tsv`` with its source and content in the parse).

A reported content that holds a quote and more besides is one **mixed** attribution and the quote
inside it is not listed again; a reported content that is the quote and nothing else is the direct
quote (which takes the cue and source if it had none). Speakers are resolved in text order: a
pronoun takes the last speaker it fits (he/she a person, it/they a group), else the nearest
fitting entity before it. An attribution whose cue lies inside another's content is nested in the
innermost such one (``parent``). ``date`` is the ISO date of a date phrase hung on the cue
("said on Tuesday"). Ids are "a1", "a2", ... by where the content starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsevents.events.attribution_finder import Reported, cue_range, find_reported
from newsevents.events.dates import anchor_date, normalise_date
from newsevents.events.quotes import DirectQuote, Speaker, _Attributor, _doc_base, _Entities, find_direct_quotes
from newsevents.records import Article, Attribution, Entity, TextSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME = "newsevents.attributions.v1"
_DOUBLE_MARKS = re.compile("[\"\u201c\u201d]")
_DATE_PREPS = ("on", "in", "at", "during", "late", "early")


@dataclass
class _Draft:
    """An attribution being put together: offsets into Article.text and the tokens naming its source."""

    kind: str
    content: tuple[int, int]
    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    speaker: Speaker | None
    source_token: Token | None
    cue_token: Token | None


def extract_attributions(doc: Doc, article: Article, entities: tuple[Entity, ...]) -> tuple[Attribution, ...]:
    """Every direct, mixed and indirect attribution of the article, in text order, ids a1, a2, ..."""
    text = article.text
    base = _doc_base(doc, text)
    if base is None:
        return ()
    attributor = _Attributor(doc, base, _Entities(entities))
    direct = [_from_quote(q, attributor) for q in find_direct_quotes(doc, article, entities)]
    reported = [_from_reported(r, doc, base, len(text)) for r in find_reported(doc)]
    drafts = _merge(direct, [r for r in reported if r is not None], text)
    _resolve_speakers(drafts, attributor, article.paragraph_spans())
    anchor = anchor_date(article.published)
    drafts.sort(key=lambda d: (d.content[0], -d.content[1], d.cue or (0, 0)))
    ids = [f"a{n}" for n in range(1, len(drafts) + 1)]
    out = []
    for index, draft in enumerate(drafts):
        parent = _parent(draft, drafts)
        out.append(
            Attribution(
                id=ids[index],
                kind=draft.kind,
                content=_span(text, draft.content),
                source=_span(text, draft.source) if draft.source else None,
                cue=_span(text, draft.cue) if draft.cue else None,
                speaker=draft.speaker.name if draft.speaker else None,
                speaker_entity=draft.speaker.entity if draft.speaker else None,
                parent=ids[drafts.index(parent)] if parent is not None else None,
                date=_saying_date(draft.cue_token, anchor),
            )
        )
    return tuple(out)


def _span(text: str, bounds: tuple[int, int]) -> TextSpan:
    """A TextSpan of the article text."""
    return TextSpan(bounds[0], bounds[1], text[bounds[0] : bounds[1]])


def _from_quote(quote: DirectQuote, attributor: _Attributor) -> _Draft:
    """A draft for a direct quote: the quoted words are the content."""
    base = attributor.base
    source = _phrase(quote.source, base) if quote.source is not None else None
    cue = _cue_bounds(quote.cue, base) if quote.cue is not None else None
    return _Draft("direct", (quote.span.start, quote.span.end), source, cue, quote.speaker, quote.source, quote.cue)


def _cue_bounds(token: Token, base: int) -> tuple[int, int]:
    """The cue of a direct quote: the verb, or 'according to'."""
    if token.lower_ == "according":
        to = [c for c in token.children if c.lower_ == "to"]
        if to:
            return token.idx - base, to[-1].idx + len(to[-1]) - base
    start, end = cue_range(token)
    return token.doc[start].idx - base, token.doc[end - 1].idx + len(token.doc[end - 1]) - base


def _from_reported(found: Reported, doc: Doc, base: int, length: int) -> _Draft | None:
    """A draft for reported speech, None when it falls outside the article text."""

    def bounds(rng: tuple[int, int]) -> tuple[int, int]:
        return doc[rng[0]].idx - base, doc[rng[1] - 1].idx + len(doc[rng[1] - 1]) - base

    content = bounds(found.content)
    if content[0] < 0 or content[1] > length:
        return None
    source = bounds(found.source) if found.source else None
    source_token = doc[found.source_head] if found.source_head is not None else None
    cue_token = doc[found.cue_range[0]]
    return _Draft("indirect", content, source, bounds(found.cue_range), None, source_token, cue_token)


def _merge(direct: list[_Draft], reported: list[_Draft], text: str) -> list[_Draft]:
    """Direct quotes and reported speech as one list: mixed contents absorb their quotes, quote fragments go."""
    kept_direct = list(direct)
    out: list[_Draft] = []
    seen: set[tuple[int, int]] = set()
    for draft in reported:
        if draft.content in seen:
            continue
        seen.add(draft.content)
        start, end = draft.content
        overlapping = [d for d in direct if d.content[0] < end and start < d.content[1]]
        inside = [d for d in overlapping if start <= d.content[0] and d.content[1] <= end]
        nested = [d for d in inside if d.cue is not None and start <= d.cue[0] and d.cue[1] <= end]
        if any(d.cue == draft.cue and d.content[0] - 1 == start for d in inside):
            continue  # the quote this cue introduces, with words the parser hung on it: the quote stays direct
        if nested:  # quotes with their own cue in this content ('said officers had told them "go back"') stay direct
            overlapping = [d for d in overlapping if d not in nested]
            inside = [d for d in inside if d not in nested]
        if not overlapping or (overlapping != inside and _cue_inside(draft, overlapping)):
            if _outside_words(text, draft.content, nested, marks=True):
                draft.kind = "mixed"  # a quoted phrase too short to be a quote of its own: 'had "no choice"'
            out.append(draft)  # plain reported speech, or speech reported inside a quote
            continue
        if overlapping != inside or not _outside_words(text, draft.content, inside):
            for quote in overlapping:  # a piece of a quote or the quote itself: keep it direct, with this cue
                if quote.cue is None and not _cue_inside(draft, [quote]):
                    quote.cue, quote.source, quote.cue_token, quote.source_token = (
                        draft.cue, draft.source, draft.cue_token, draft.source_token)  # fmt: skip
            continue
        draft.kind = "mixed"
        for quote in inside:
            if quote in kept_direct:
                kept_direct.remove(quote)
        out.append(draft)
    return kept_direct + out


def _cue_inside(draft: _Draft, quotes: list[_Draft]) -> bool:
    """True when the draft's cue lies inside one of the quotes (speech the quoted speaker reports)."""
    cue = draft.cue or draft.content
    return any(q.content[0] <= cue[0] and cue[1] <= q.content[1] for q in quotes)


def _outside_words(text: str, content: tuple[int, int], quotes: list[_Draft], marks: bool = False) -> bool:
    """True when the content has words outside the quotes (a mixed content), not just marks and commas;
    with ``marks``, True when double quotation marks stand outside the quotes and their own marks."""
    chars = list(text[content[0] : content[1]])
    for quote in quotes:
        for k in range(max(0, quote.content[0] - content[0] - 1), min(len(chars), quote.content[1] - content[0] + 1)):
            chars[k] = " "
    if marks:
        return bool(_DOUBLE_MARKS.search("".join(chars)))
    return any(ch.isalnum() for ch in chars)


def _resolve_speakers(drafts: list[_Draft], attributor: _Attributor, paragraphs: list[tuple[int, int]]) -> None:
    """Speakers of reported speech, and of pronoun sources, in text order (pronouns take the last fitting one)."""
    attributor.last = None
    ordered = sorted(drafts, key=lambda d: (d.source or d.cue or d.content)[0])
    for draft in ordered:
        token = draft.source_token
        if token is not None and (draft.speaker is None or token.pos_ == "PRON"):
            named = _relative_antecedent(token)
            draft.speaker = attributor.from_token(named, attributor.offset(token)) or draft.speaker
            if draft.speaker is not None and draft.speaker.entity is None and _plain_source(named, attributor):
                start, end = (draft.source or (0, 0)) if named is token else _phrase(named, attributor.base)
                name = _appositive_name(named) or _as_name(attributor.doc.text[start + attributor.base : end + attributor.base])
                draft.speaker = Speaker(name, type=draft.speaker.type)
        if draft.speaker is None and draft.kind == "direct":
            draft.speaker = _introduced(draft, ordered, attributor, paragraphs)
        if draft.speaker is not None:
            attributor.last = draft.speaker


def _relative_antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ('the club, which said' -> 'club'), else the token itself."""
    if token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _phrase(token: Token, base: int) -> tuple[int, int]:
    """A noun's source phrase as offsets of the article text."""
    from newsevents.events.attribution_finder import source_range

    start, end = source_range(token)
    return token.doc[start].idx - base, token.doc[end - 1].idx + len(token.doc[end - 1]) - base


def _introduced(quote: _Draft, ordered: list[_Draft], attributor: _Attributor, paragraphs: list[tuple[int, int]]) -> Speaker | None:
    """The speaker of a quote nobody is named for: the next attribution's, when it is in the next paragraph
    ('"The second phone is the one I fear." / Khalil said ...'), else the last person named before it."""
    paragraph = next((k for k, (s, e) in enumerate(paragraphs) if s <= quote.content[0] <= e), 0)
    limit = paragraphs[min(paragraph + 1, len(paragraphs) - 1)][1]
    later = [d for d in ordered if d.content[0] > quote.content[1] and d.source_token is not None]
    if later and (later[0].source or later[0].content)[0] <= limit and later[0].source_token.pos_ != "PRON":
        token = _relative_antecedent(later[0].source_token)
        return attributor.from_token(token, attributor.offset(token))
    person = attributor.entities.last_fitting_before(quote.content[0], "he")
    return Speaker(person.name, person.id, person.type) if person else None


def _plain_source(token: Token, attributor: _Attributor) -> bool:
    """True for a source that names its speaker itself: no pronoun, no document ('the statement said')."""
    return token.pos_ != "PRON" and token.lemma_.lower() not in attributor.documents


def _appositive_name(token: Token) -> str | None:
    """The proper name in apposition to a description: 'the special envoy, Yusuf Adeyemi,' -> 'Yusuf Adeyemi'."""
    for child in token.subtree:  # the parser may hang it on the last noun: 'the envoy for the basin, Yusuf Adeyemi,'
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.head.i >= token.i:
            start = min(c.i for c in child.subtree if c.pos_ == "PROPN")
            return token.doc[start : child.i + 1].text
    return None


def _as_name(source: str) -> str:
    """A source phrase as a speaker's name: without a leading article ('the ministry' -> 'ministry')."""
    first, _, rest = source.partition(" ")
    return rest if first.lower() in ("the", "a", "an") and rest else source


def _parent(draft: _Draft, drafts: list[_Draft]) -> _Draft | None:
    """The innermost other attribution whose content holds this one's cue (or its content)."""
    anchor = draft.cue or draft.content
    holders = [
        d for d in drafts
        if d is not draft and d.content != draft.content and d.content[0] <= anchor[0] and anchor[1] <= d.content[1]
    ]  # fmt: skip
    return min(holders, key=lambda d: (d.content[1] - d.content[0], d.content)) if holders else None


def _saying_date(cue: Token | None, anchor: object) -> str | None:
    """The ISO date of a date phrase hung on the cue: 'said on Tuesday', 'said Tuesday'."""
    if cue is None or anchor is None:
        return None
    for child in cue.children:
        phrase = None
        if child.dep_ == "prep" and child.lower_ in _DATE_PREPS:
            phrase = next((o for o in child.children if o.dep_ == "pobj"), None)
        elif child.dep_ in ("npadvmod", "tmod"):
            phrase = child
        if phrase is not None and phrase.ent_type_ in ("DATE", "TIME"):
            entity = next((e for e in phrase.doc.ents if e.start <= phrase.i < e.end), None)
            if entity is not None:
                value = normalise_date(entity.text, anchor, future=False)  # type: ignore[arg-type]
                if value:
                    return value
    return None

