"""Parsed spaCy Docs built by hand, so rule tests run without the model (STYLE.md habit 11).

A paragraph is written as its text plus one row per token, as the model parsed it once::

    paragraph("Iran condemned the attack.", '''
        0 Iran      Iran      PROPN NNP nsubj 1 B-GPE
        1 condemned condemn   VERB  VBD ROOT  1 O
        2 the       the       DET   DT  det   3 O
        3 attack    attack    NOUN  NN  dobj  1 O
        4 .         .         PUNCT .   punct 1 O
    ''')

Columns: index, word, lemma, coarse POS, fine tag, dependency label, head, entity (IOB-label or
O). Heads are absolute token indices in the whole article Doc (a ROOT is its own head), as spaCy's
``Doc(heads=...)`` takes them, so a sentence may run over a paragraph break as the model parses
it. The index column is checked against each row's place in the Doc, so a head always points at a
row you can see; the second paragraph starts one index after the first one's last row (the
whitespace token between them takes that index). Spaces come from aligning the words with the text.

``article_doc`` joins paragraphs the way ``Article.text`` does (``"\\n\\n"``) and puts the model's
whitespace token between them (tag ``_SP``, POS ``SPACE``, dep ``dep``, head the token before),
so ``doc.text == article.text``, ``idx`` points into it, and sentences follow the roots.
Only a blank English vocab is used: no model package is imported.

To add a sentence, parse it once with the model (``load_model(Settings.make())``) and print the
rows: ``print(t.i, t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, f"{t.ent_iob_}-{t.ent_type_}"
if t.ent_type_ else "O")`` for each token ``t`` outside the ``"\n\n"`` ones. The tables in the
``*_handparsed`` tests are en_core_web_sm 3.8.0's parses, checked to rebuild the model's Doc
attribute for attribute (text, idx, lemma, POS, tag, dep, head, entities, sentences).
``code_paragraphs`` runs entities and the coder over such an article; ``forbid_model`` makes any
model load fail inside a test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NoReturn

from newsevents.records import PARAGRAPH_SEPARATOR, Article, Entity, Event, Quote, Role

if TYPE_CHECKING:
    import pytest
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

#: Columns of a token row: index, word, lemma, POS, tag, dep, head, entity.
_COLUMNS = 8


@dataclass(frozen=True)
class Token:
    """One hand-written token of a parse."""

    word: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # absolute index in the article Doc
    ent: str  # "O", "B-GPE", "I-GPE", ...


@dataclass(frozen=True)
class Paragraph:
    """A paragraph's text and its parse; ``spaces[i]`` says whether token i is followed by a space."""

    text: str
    start: int  # index of the first token in the article Doc
    tokens: tuple[Token, ...]
    spaces: tuple[bool, ...]


@lru_cache(maxsize=1)
def blank_vocab() -> "Vocab":
    """The vocab of a blank English pipeline (lexical attributes such as ``is_stop``, no model)."""
    import spacy

    return spacy.blank("en").vocab


def make_doc(
    words: Sequence[str],
    heads: Sequence[int],
    deps: Sequence[str],
    ents: Sequence[str] | None = None,
    *,
    lemmas: Sequence[str] | None = None,
    pos: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    spaces: Sequence[bool] | None = None,
) -> "Doc":
    """A parsed Doc: ``heads`` are absolute indices (ROOT is its own head), ``ents`` IOB strings ("B-GPE", "O").

    Lemmas default to the lower-cased word, ``ents`` to all "O" (the model always sets entities),
    spaces to one after every token. Several roots make several sentences.
    """
    from spacy.tokens import Doc

    n = len(words)
    columns = {"heads": heads, "deps": deps, "ents": ents, "lemmas": lemmas, "pos": pos, "tags": tags, "spaces": spaces}
    for name, values in columns.items():
        if values is not None and len(values) != n:
            raise ValueError(f"{name} has {len(values)} values for {n} words")
    bad = [h for h in heads if not 0 <= h < n]
    if bad:
        raise ValueError(f"heads {bad} point outside the {n} words")
    return Doc(
        blank_vocab(),
        words=list(words),
        spaces=list(spaces) if spaces is not None else None,
        heads=list(heads),
        deps=list(deps),
        pos=list(pos) if pos is not None else None,
        tags=list(tags) if tags is not None else None,
        lemmas=list(lemmas) if lemmas is not None else [w.lower() for w in words],
        ents=list(ents) if ents is not None else ["O"] * n,
    )


def paragraph(text: str, table: str) -> Paragraph:
    """A paragraph from its text and a token table (see the module docstring)."""
    rows = [line.split() for line in table.strip().splitlines() if line.strip()]
    tokens = []
    for line in rows:
        if len(line) != _COLUMNS:
            raise ValueError(f"row {' '.join(line)!r}: expected {_COLUMNS} columns (i word lemma pos tag dep head ent)")
    start = int(rows[0][0])
    for number, (index, word, lemma, pos, tag, dep, head, ent) in enumerate(rows, start=start):
        if int(index) != number:
            raise ValueError(f"row {index} {word!r} should be numbered {number}")
        tokens.append(Token(word, lemma, pos, tag, dep, int(head), ent))
    return Paragraph(text, start, tuple(tokens), _spaces(text, [t.word for t in tokens]))


def _spaces(text: str, words: list[str]) -> tuple[bool, ...]:
    """Whether each word is followed by one space, found by walking ``text``; the words must spell it."""
    spaces, pos = [], 0
    for word in words:
        if not text.startswith(word, pos):
            raise ValueError(f"word {word!r} is not at offset {pos} of {text!r} (found {text[pos:pos + len(word)]!r})")
        pos += len(word)
        follows = text.startswith(" ", pos)
        spaces.append(follows)
        pos += follows
    if pos != len(text):
        raise ValueError(f"the words stop at offset {pos} of {text!r}; the rest is {text[pos:]!r}")
    return tuple(spaces)


def article_doc(*paragraphs: Paragraph) -> "Doc":
    """One Doc over the paragraphs joined as ``Article.text`` joins them, with the model's whitespace tokens between."""
    rows: list[Token] = []
    spaces: list[bool] = []
    for number, para in enumerate(paragraphs):
        if number:
            # spaCy's tokenizer keeps "\n\n" as a token; the parser hangs it on the token before.
            rows.append(Token(PARAGRAPH_SEPARATOR, PARAGRAPH_SEPARATOR, "SPACE", "_SP", "dep", len(rows) - 1, "O"))
            spaces.append(False)
        if para.start != len(rows):
            raise ValueError(f"paragraph {number} is numbered from {para.start}; it starts at token {len(rows)}")
        rows.extend(para.tokens)
        spaces.extend(para.spaces)
    doc = make_doc(
        [t.word for t in rows], [t.head for t in rows], [t.dep for t in rows], [t.ent for t in rows],
        lemmas=[t.lemma for t in rows], pos=[t.pos for t in rows], tags=[t.tag for t in rows], spaces=spaces,
    )
    expected = PARAGRAPH_SEPARATOR.join(p.text for p in paragraphs)
    if doc.text != expected:
        raise AssertionError(f"the Doc spells {doc.text!r}, not {expected!r}")
    return doc


Coded = tuple[tuple[Event, ...], tuple[Quote, ...], tuple[Role, ...], Article]


def code_paragraphs(*paragraphs: Paragraph, published: str | None = "2024-07-27") -> Coded:
    """Entities and the event coder over a hand-built article, as ``test_events_helpers.code_text`` does with the model."""
    from newsevents.events import code_document
    from newsevents.nlp.entities import extract_entities
    from newsevents.settings import Settings

    article = Article(id="a" * 16, title="test", paragraphs=tuple(p.text for p in paragraphs), published=published)
    doc = article_doc(*paragraphs)
    entities: tuple[Entity, ...] = extract_entities(doc, article)
    events, quotes, roles = code_document(doc, article, entities, Settings.make())
    return events, quotes, roles, article


def forbid_model(monkeypatch: "pytest.MonkeyPatch") -> None:
    """Make every way of loading a spaCy model fail for one test, so a hand-built test cannot lean on it."""
    import spacy
    import spacy.util

    import newsevents.nlp.pipeline as pipeline

    def refuse(*args: object, **kwargs: object) -> NoReturn:
        raise AssertionError(f"this test must not load a spaCy model (asked for {args!r})")

    for owner, names in ((spacy, ["load"]), (spacy.util, ["load_model"]), (pipeline, ["load_model", "load_pipeline", "_load"])):
        for name in names:
            monkeypatch.setattr(owner, name, refuse)
