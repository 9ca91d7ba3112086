"""``newsevents_parse_gate``: tag, lemmatise and parse only the sentences that can carry an event.

Used when ``Settings.parse`` is ``"candidates"``. The model's own tok2vec, tagger, parser,
attribute ruler and lemmatizer stay in the pipeline but disabled; NER and the model's sentence
recogniser (``senter``) run on the whole article before this component. It picks the candidate
sentences (:mod:`newsevents.nlp.parse_gate`), runs the disabled components on them (one Doc of
its chosen sentences per article, batched), and copies tags, POS, morphology, lemmas, heads and
labels back into each article at each sentence's offset. The attribute ruler's rules run as
compiled look-ups (:mod:`newsevents.nlp.attribute_rules`): the model's rules, the same results,
a tenth of the time.

A sentence left out keeps its boundaries (its first token is the root of a tree of one) and has
no tags, lemmas or dependencies, so nothing downstream reads a guess as a parse.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from newsevents.nlp.parse_gate import GateLexicon, SurfaceLemmas, candidate_bounds, gate_lexicon, sentence_bounds, surface_lemmas

#: The model components that run only on candidate sentences, in pipeline order.
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
#: The attributes copied back from a parsed sentence into its article.
_ATTRS = [TAG, POS, MORPH, LEMMA, HEAD, DEP]
_DEP_COLUMN = _ATTRS.index(DEP)


class ParseGate:
    """Parse the candidate sentences of each article and leave the others unparsed."""

    version = "newsevents.parse_gate.v1"

    def __init__(self, nlp: Language, name: str, lexicon: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.components = [_fast(n, nlp.get_pipe(n)) for n in PARSE_COMPONENTS if n in nlp.component_names]
        self.lemmas: SurfaceLemmas = surface_lemmas(nlp)
        self.gate: GateLexicon = _gate(lexicon)
        self.root = nlp.vocab.strings.add("ROOT")

    def __call__(self, doc: Doc) -> Doc:
        """Annotate one article."""
        self.annotate([doc], 1)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Annotate articles in batches, parsing the batch's candidate sentences together."""
        for batch in minibatch(docs, size=batch_size):
            self.annotate(batch, batch_size)
            yield from batch

    def annotate(self, docs: list[Doc], batch_size: int) -> None:
        """Parse the candidate sentences of ``docs`` and write the results into them."""
        sentences = [sentence_bounds(doc) for doc in docs]
        chosen = [candidate_bounds(doc, self.gate, self.lemmas, bounds) for doc, bounds in zip(docs, sentences)]
        parts = [self._sentences_doc(doc, bounds) for doc, bounds in zip(docs, chosen)]
        for component in self.components:
            parts = list(component.pipe(parts, batch_size=batch_size)) if hasattr(component, "pipe") else [component(p) for p in parts]
        for doc, every, bounds, part in zip(docs, sentences, chosen, parts):
            self._write(doc, every, bounds, part)

    def _sentences_doc(self, doc: Doc, bounds: list[tuple[int, int]]) -> Doc:
        """One Doc of the chosen sentences of ``doc``, in order, each marked as starting a sentence.

        The parser keeps marked boundaries, so no arc crosses from one chosen sentence to the
        next; one Doc per article (not per sentence) keeps the per-call cost of each component low.
        """
        words: list[str] = []
        spaces: list[bool] = []
        starts: list[bool | None] = []
        for start, end in bounds:
            for token in doc[start:end]:
                words.append(token.text)
                spaces.append(bool(token.whitespace_))
                starts.append(token.i == start or None)
        return Doc(self.vocab, words=words, spaces=spaces, sent_starts=starts)

    def _write(self, doc: Doc, sentences: list[tuple[int, int]], bounds: list[tuple[int, int]], part: Doc) -> None:
        """Copy each parsed sentence (``bounds``, among the Doc's ``sentences``) into ``doc`` at its offset; every
        other sentence becomes a one-token-root sentence."""
        if not len(doc):
            return
        values = numpy.zeros((len(doc), len(_ATTRS)), dtype="uint64")
        for start, _ in sentences:
            values[start, _DEP_COLUMN] = self.root
        parsed = part.to_array(_ATTRS)
        offset = 0
        for start, end in bounds:
            values[start:end] = parsed[offset : offset + end - start]
            offset += end - start
        doc.from_array(_ATTRS, values)


def _fast(name: str, component: Any) -> Any:
    """The component, or for the attribute ruler its rules compiled to look-ups (same results, :mod:`.attribute_rules`)."""
    from newsevents.nlp.attribute_rules import CompiledRuler, compile_ruler

    if name == "attribute_ruler" and not isinstance(component, CompiledRuler):
        return compile_ruler(component) or component
    return component


def _gate(lexicon: str) -> GateLexicon:
    """The gate's tables for the trigger lexicon (path or "" for ours), the attribution cues and the actor nouns."""
    from newsevents.events.attribution_cues import cue_lexicon
    from newsevents.events.lexicon import load_lexicon
    from newsevents.events.tables import actor_tables

    nouns = sorted(word for word, noun in actor_tables().nouns.items() if noun.strength != "mod")
    return gate_lexicon(load_lexicon(lexicon or None), sorted(cue_lexicon()), nouns)


@Language.factory(
    "newsevents_parse_gate",
    requires=["doc.ents", "token.ent_type", "token.is_sent_start"],
    assigns=["token.tag", "token.pos", "token.morph", "token.lemma", "token.dep", "token.head", "token.is_sent_start"],
    default_config={"lexicon": ""},
)
def make_parse_gate(nlp: Language, name: str, lexicon: str) -> ParseGate:
    """``nlp.add_pipe("newsevents_parse_gate")``: parse only sentences with a candidate trigger or cue and an actor."""
    return ParseGate(nlp, name, lexicon)
