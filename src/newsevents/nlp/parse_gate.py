"""Which sentences can carry an event, judged from surface forms before any parse.

With ``Settings.parse = "candidates"`` the parser (and the tagger, lemmatizer and the tok2vec
they share) runs only on sentences that could hold an event or an attribution: a word that can
start a pattern of the trigger lexicon whose other required words are also in the sentence, or
an attribution cue, together with at least one actor candidate (a PERSON / ORG / GPE / NORP
entity, a sector noun such as "police", or a personal pronoun). NER and the sentence splitter
have run on the whole article by then; nothing here needs tags or lemmas.

Lemmas are guessed from the written form with the model's own lemmatizer tables (irregular
forms, then suffix rules), and a guess only has to be possible, not right: a wrong guess costs
one more parsed sentence, never a missed one. Everything is plain sets and tuples, built once
per lexicon, so the same text always gives the same sentences.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsevents.events.lexicon import Lexicon

#: Entity labels that can name an actor: the trigger matcher's, and places (the coder reads "Ivory Coast" as its state).
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC"})
#: Pronouns that can stand for an actor the coder resolves to an earlier name (its person and thing pronouns).
ACTOR_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "it", "its", "they", "them", "their", "we", "us", "our", "i"})
_POS_TABLES = ("verb", "noun", "adj")
#: A requirement alternative: words that must all occur in the sentence; () is always met.
Alternative = tuple[str, ...]
#: A pattern's needs: every group must have one alternative met.
Needs = tuple[frozenset[Alternative], ...]


@dataclass(frozen=True)
class GateLexicon:
    """What the gate looks for: trigger heads with each pattern's needs, cue lemmas, actor noun lemmas."""

    triggers: Mapping[str, tuple[Needs, ...]]
    cues: frozenset[str]
    actor_nouns: frozenset[str]


class SurfaceLemmas:
    """Possible lemmas of a lower-case word form, from the lemmatizer's exception and suffix tables."""

    def __init__(self, exceptions: Mapping[str, Mapping[str, Sequence[str]]], rules: Mapping[str, Sequence[Sequence[str]]]) -> None:
        self.exceptions = [exceptions.get(pos, {}) for pos in _POS_TABLES]
        self.rules = [tuple((old, new) for old, new in rules.get(pos, ())) for pos in _POS_TABLES]
        self.cache: dict[str, frozenset[str]] = {}

    def __call__(self, form: str) -> frozenset[str]:
        """``form`` itself and every lemma it could be an inflection of."""
        found = self.cache.get(form)
        if found is None:
            found = self.cache[form] = self._guess(form)
        return found

    def _guess(self, form: str) -> frozenset[str]:
        out = {form}
        for table in self.exceptions:
            out.update(table.get(form, ()))
        for rules in self.rules:
            for old, new in rules:
                if form.endswith(old) and len(form) > len(old):
                    stem = form[: len(form) - len(old)] + new
                    out.add(stem)
                    if not new and len(stem) > 2 and stem[-1] == stem[-2]:
                        out.add(stem[:-1])  # "stopped" -> "stop", "planning" -> "plan"
        return frozenset(out)


def surface_lemmas(nlp: object) -> SurfaceLemmas:
    """A :class:`SurfaceLemmas` over the tables of ``nlp``'s lemmatizer (empty tables if it has none)."""
    exceptions: dict[str, dict[str, list[str]]] = {}
    rules: dict[str, list[list[str]]] = {}
    names = getattr(nlp, "component_names", ())
    if "lemmatizer" in names:
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        for name, found in (("lemma_exc", exceptions), ("lemma_rules", rules)):
            if lookups.has_table(name):
                table = lookups.get_table(name)  # keyed by string hash: ask by name, not by items()
                found.update({pos: table[pos] for pos in _POS_TABLES if pos in table})
    return SurfaceLemmas(exceptions, rules)


def _alternatives(words: Iterable[str]) -> frozenset[Alternative]:
    """The alternatives of one constraint: "@actor" is always met (actors are checked apart), "a_b" needs a and b."""
    out: set[Alternative] = set()
    for word in words:
        if word.startswith("@"):
            out.add(())
        else:
            out.add(tuple(part for part in word.replace("_of_", "_").split("_") if part))
    return frozenset(out)


def pattern_needs(pattern: object) -> Needs:
    """The words a lexicon pattern needs in its sentence besides its head (object, prepositions, modifiers)."""
    groups: list[frozenset[Alternative]] = []
    obj = getattr(pattern, "obj")
    if obj is not None:
        groups.append(_alternatives(obj))
    for prep in getattr(pattern, "preps"):
        groups.append(_alternatives(prep.words))
        if prep.objects is not None:
            groups.append(_alternatives(prep.objects))
    for words in (getattr(pattern, "mods"), getattr(pattern, "anychild")):
        if words is not None:
            groups.append(_alternatives(words))
    return tuple(groups)


def gate_lexicon(lexicon: "Lexicon", cue_lemmas: Iterable[str], actor_nouns: Iterable[str]) -> GateLexicon:
    """The gate's tables for a trigger lexicon: blockers code nothing, so they open no sentence."""
    triggers: dict[str, list[Needs]] = {}
    for pattern in lexicon.patterns:
        if pattern.blocks:
            continue
        needs = pattern_needs(pattern)
        for head in sorted(pattern.heads):
            if needs not in triggers.setdefault(head, []):
                triggers[head].append(needs)
    return GateLexicon({h: tuple(n) for h, n in triggers.items()}, frozenset(cue_lemmas), frozenset(actor_nouns))


def _met(needs: Needs, words: frozenset[str] | set[str]) -> bool:
    """True when every group of ``needs`` has an alternative whose words all occur."""
    return all(any(all(w in words for w in alt) for alt in group) for group in needs)


def is_candidate(forms: Sequence[str], labels: Sequence[str], gate: GateLexicon, lemmas: SurfaceLemmas, names: Sequence[bool] = ()) -> bool:
    """Whether a sentence can carry an event or attribution.

    ``forms``: its tokens' lower-case forms; ``labels``: their entity labels; ``names``: whether
    each looks like a name NER may have missed (the entity linker finds some of those too).
    """
    guesses = [lemmas(form) for form in forms]
    actor = any(names) or any(label in ACTOR_LABELS for label in labels) or any(
        form in ACTOR_PRONOUNS or not guess.isdisjoint(gate.actor_nouns) for form, guess in zip(forms, guesses)
    )
    if not actor:
        return False
    words: set[str] = set().union(*guesses) if guesses else set()
    for guess in guesses:
        if not guess.isdisjoint(gate.cues):
            return True
        for head in guess:
            for needs in gate.triggers.get(head, ()):
                if _met(needs, words):
                    return True
    return False


def sentence_bounds(doc: "Doc") -> list[tuple[int, int]]:
    """(start, end) token offsets of the Doc's sentences as the sentence splitter set them."""
    starts = [0] + [t.i for t in doc if t.i > 0 and t.is_sent_start]
    return [(s, e) for s, e in zip(starts, starts[1:] + [len(doc)]) if e > s]


def candidate_bounds(doc: "Doc", gate: GateLexicon, lemmas: SurfaceLemmas, sentences: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """The sentences of ``doc`` to parse, as (start, end) token offsets in order (``sentences``: its
    :func:`sentence_bounds`, when the caller has them)."""
    forms = [t.lower_ for t in doc]
    labels = [t.ent_type_ for t in doc]
    names = [looks_like_name(t.text, t.is_stop) for t in doc]
    return [(s, e) for s, e in (sentence_bounds(doc) if sentences is None else sentences) if is_candidate(forms[s:e], labels[s:e], gate, lemmas, names[s:e])]


def looks_like_name(text: str, is_stop: bool) -> bool:
    """A capitalised or all-capital word that is not a stop word ("Samoa", "ECOWAS"; not "The", "He")."""
    return len(text) > 1 and text[0].isupper() and text.replace("-", "").replace(".", "").isalpha() and not is_stop
