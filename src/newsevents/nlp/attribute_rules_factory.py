"""``newsevents_attribute_rules``: the model's attribute-ruler patterns applied by look-up (:mod:`.attribute_rules`)."""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from newsevents.nlp.attribute_rules import CompiledRuler, make_compiled


@Language.factory(
    "newsevents_attribute_rules",
    requires=["token.tag", "token.dep"],
    assigns=["token.pos", "token.morph", "token.lemma", "token.tag", "token.dep"],
    default_config={"patterns": []},
)
def make_attribute_rules(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> CompiledRuler:
    """``nlp.replace_pipe("attribute_ruler", "newsevents_attribute_rules", config={"patterns": ruler.patterns})``."""
    return make_compiled(nlp, patterns)
