"""The model's attribute ruler, applied by table look-up instead of spaCy's Matcher: same rules, same results.

spaCy's ``attribute_ruler`` (tag -> POS and morphology, plus a few word exceptions) runs its
patterns through the general token Matcher, which costs more per token than the tagger itself on
the 2-core machine. Its patterns use only fixed-length token sequences over ``TAG``, ``LOWER``,
``DEP`` and ``IS_SPACE`` with plain values or ``IN`` / ``NOT_IN`` / ``REGEX``; this module reads
those patterns from the model's own ruler and applies them with dictionary look-ups. The ruler's
precedence is kept: every pattern's matches are found on the Doc as it came, then applied in
pattern order, so a later pattern overrides an earlier one. A ruler with any other kind of pattern
is not compiled (:func:`compile_ruler` returns None) and the model's own ruler is used.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG

if TYPE_CHECKING:
    from spacy.tokens import Doc

_KEYS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
#: what a Doc carries before and after the ruler, in the order its rules may set them
_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
_SETTABLE = {TAG: 0, POS: 1, MORPH: 2, LEMMA: 3, DEP: 4}
#: a token's (tag, lower, dep, is_space)
TokenKey = tuple[str, str, str, bool]
Predicate = Callable[[TokenKey], bool]


@dataclass(frozen=True)
class Rule:
    """One pattern of the ruler: token tests in sequence, the values it sets and the token it sets them on."""

    order: int
    tests: tuple[Predicate, ...]
    values: tuple[tuple[int, int], ...]  # (column in _SETTABLE, value)
    index: int
    anchors: tuple[tuple[int, str], ...]  # (key, value) one of which the first token must have; () = any token


def _anchors(spec: Mapping[str, Any]) -> tuple[tuple[int, str], ...]:
    """Values of TAG (else LOWER) one of which the first token must have, so a rule is tried only where it can match."""
    for name in ("TAG", "LOWER"):
        value = spec.get(name)
        if isinstance(value, str):
            return ((_KEYS[name], value),)
        if isinstance(value, dict) and set(value) == {"IN"}:
            return tuple((_KEYS[name], v) for v in sorted(value["IN"]))
    return ()


def _test(key: int, value: Any) -> Predicate | None:
    """A test of one token attribute against a pattern value, or None for a form we do not compile."""
    if not isinstance(value, dict):
        return lambda token: token[key] == value
    if len(value) != 1:
        return None
    (op, arg), = value.items()
    if op == "IN":
        allowed = frozenset(arg)
        return lambda token: token[key] in allowed
    if op == "NOT_IN":
        refused = frozenset(arg)
        return lambda token: token[key] not in refused
    if op == "REGEX" and key != _KEYS["IS_SPACE"]:
        regex = re.compile(arg)
        return lambda token: bool(regex.search(token[key]))
    return None


def _token_test(spec: Mapping[str, Any]) -> Predicate | None:
    """All tests of one token pattern joined, or None when one is not compiled."""
    tests = []
    for name, value in spec.items():
        if name not in _KEYS:
            return None
        test = _test(_KEYS[name], value)
        if test is None:
            return None
        tests.append(test)
    return lambda token: all(test(token) for test in tests)


def compile_ruler(ruler: Any) -> "CompiledRuler | None":
    """The rules of a spaCy ``AttributeRuler``, or None when a pattern needs the Matcher (operators, other keys)."""
    rules: list[Rule] = []
    for order, (pattern, attrs, index) in enumerate(zip(ruler.patterns, ruler.attrs, ruler.indices)):
        if set(attrs) - set(_SETTABLE):
            return None
        values = tuple((_SETTABLE[attr], int(value)) for attr, value in attrs.items())
        for sequence in pattern["patterns"]:
            tests = [_token_test(spec) for spec in sequence]
            if not sequence or any(t is None for t in tests) or not -len(sequence) <= index < len(sequence):
                return None
            rules.append(Rule(order, tuple(tests), values, index % len(sequence), _anchors(sequence[0])))  # type: ignore[arg-type]
    return CompiledRuler(tuple(rules))


#: column -> (rule order, value): what the rules leave on one token
Effect = dict[int, tuple[int, int]]


class CompiledRuler:
    """The compiled rules; calling it on a Doc sets what the model's ruler would set.

    What the one-token rules set depends only on a token's (tag, lower, dep, is_space), and so
    does whether a longer rule can start at it; both are worked out once per distinct combination.
    """

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.single = _index(rule for rule in rules if len(rule.tests) == 1)
        self.multi = _index(rule for rule in rules if len(rule.tests) > 1)
        self.memo: dict[tuple[int, ...], tuple[Effect, tuple[Rule, ...], TokenKey]] = {}

    def __call__(self, doc: "Doc") -> "Doc":
        """Apply every rule to ``doc`` in the ruler's order and return it."""
        if not len(doc):
            return doc
        memo, strings = self.memo, doc.vocab.strings
        seen = []
        for row in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist():
            known = memo.get(tuple(row))
            if known is None:
                key = (strings[row[0]], strings[row[1]], strings[row[2]], bool(row[3]))
                known = memo[tuple(row)] = (self._effect(key), tuple(r for r in _candidates(self.multi, key) if r.tests[0](key)), key)
            seen.append(known)
        effects = [effect for effect, _, _ in seen]
        if any(starters for _, starters, _ in seen):
            effects = _with_multi(seen, effects)
        values = doc.to_array(_ATTRS)
        for i, effect in enumerate(effects):
            for column, (_, value) in effect.items():
                values[i, column] = value
        doc.from_array(_ATTRS, values)
        return doc

    def _effect(self, key: TokenKey) -> Effect:
        """What the one-token rules leave on a token with ``key``."""
        effect: Effect = {}
        for rule in _candidates(self.single, key):
            if rule.tests[0](key):
                for column, value in rule.values:
                    effect[column] = (rule.order, value)  # rules are in order: a later one overrides
        return effect


def _with_multi(seen: Sequence[tuple[Effect, tuple[Rule, ...], TokenKey]], effects: list[Effect]) -> list[Effect]:
    """``effects`` with the matches of the longer rules merged in by rule order (the cached dicts are copied, not changed)."""
    keys = [key for _, _, key in seen]
    matches = [(rule.order, start, rule) for start, (_, starters, _) in enumerate(seen) for rule in starters
               if start + len(rule.tests) <= len(keys) and all(test(keys[start + k]) for k, test in enumerate(rule.tests))]
    out = list(effects)
    for _, start, rule in sorted(matches, key=lambda m: (m[0], m[1])):
        i = start + rule.index
        merged = dict(out[i])
        for column, value in rule.values:
            if merged.get(column, (-1, 0))[0] <= rule.order:
                merged[column] = (rule.order, value)
        out[i] = merged
    return out


#: rules by the (key, value) their first token must have, and the rules with no such anchor
RuleIndex = tuple[dict[tuple[int, str], tuple[Rule, ...]], tuple[Rule, ...]]


def _index(rules: Iterable[Rule]) -> RuleIndex:
    """Rules by anchor, keeping the ruler's order within each list."""
    anchored: dict[tuple[int, str], tuple[Rule, ...]] = {}
    anywhere: list[Rule] = []
    for rule in rules:
        for anchor in rule.anchors:
            anchored[anchor] = (*anchored.get(anchor, ()), rule)
        if not rule.anchors:
            anywhere.append(rule)
    return anchored, tuple(anywhere)


def _candidates(index: RuleIndex, key: TokenKey) -> list[Rule]:
    """The rules that may match at a token with ``key``, in the ruler's order."""
    anchored, anywhere = index
    found = [*anchored.get((0, key[0]), ()), *anchored.get((1, key[1]), ()), *anywhere]
    return sorted(found, key=lambda rule: rule.order) if len(found) > 1 else found


#: compiled rulers by their patterns (as JSON): the swap checks the patterns compile, then the factory builds the
#: component from the same patterns; compiling takes about 0.1 s, so it is done once per process
_COMPILED: dict[str, "CompiledRuler"] = {}


def make_compiled(nlp: Any, patterns: list[dict[str, Any]]) -> "CompiledRuler":
    """A compiled ruler from attribute-ruler patterns (``AttributeRuler.patterns``); ValueError when they need the Matcher."""
    from spacy.pipeline import AttributeRuler

    key = json.dumps(patterns, sort_keys=True, default=str)
    if key not in _COMPILED:
        ruler = AttributeRuler(nlp.vocab)
        ruler.add_patterns(patterns)
        compiled = compile_ruler(ruler)
        if compiled is None:
            raise ValueError("these attribute-ruler patterns use Matcher operators or keys the compiled ruler lacks; keep spaCy's attribute_ruler")
        _COMPILED[key] = compiled
    return _COMPILED[key]


def use_compiled_ruler(nlp: Any) -> None:
    """Swap ``nlp``'s ``attribute_ruler`` for ``newsevents_attribute_rules`` over the same patterns, when they compile."""
    import newsevents.nlp.attribute_rules_factory  # noqa: F401 - registers the factory

    if "attribute_ruler" not in nlp.component_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        make_compiled(nlp, ruler.patterns)  # the factory below takes it from the cache
    except ValueError:
        return
    nlp.replace_pipe("attribute_ruler", "newsevents_attribute_rules", config={"patterns": ruler.patterns})
