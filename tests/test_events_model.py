"""The learned event-type classifier and the hybrid coder ``newsevents.hybrid.v1`` (issue #7)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from docs import article_doc, paragraph

from newsevents.events.model import NONE, EventModel, load_events_model, read_model, sentence_features, write_model
from newsevents.plover import EVENT_TYPES

#: en_core_web_sm 3.8.0's parse; the rules code nothing here ("overrun" is in no trigger pattern).
OVERRAN = paragraph("Rebels overran the army base in Goma.", """
    0 Rebels  rebel   NOUN  NNS nsubj    1 O
    1 overran overrun VERB  VBD ROOT     1 O
    2 the     the     DET   DT  det      4 O
    3 army    army    NOUN  NN  compound 4 O
    4 base    base    NOUN  NN  dobj     1 O
    5 in      in      ADP   IN  prep     1 O
    6 Goma    Goma    PROPN NNP pobj     5 B-GPE
    7 .       .       PUNCT .   punct    1 O
""")


def _toy_model(weight: float) -> EventModel:
    """A hand-made model: the lemma "overrun" speaks for ASSAULT with ``weight``; everything else is NONE."""
    labels = (*EVENT_TYPES, NONE)
    weights = np.zeros((1, len(labels)), dtype=np.float32)
    weights[0, labels.index("ASSAULT")] = weight
    bias = np.zeros(len(labels), dtype=np.float32)
    bias[labels.index(NONE)] = 1.0
    return EventModel(labels, {"u:overrun": 0}, weights, bias, 1.0, 0.5, {})


def _code(model: EventModel | None, coder: str) -> tuple:
    """Events of the hand-parsed article with the rules, or with the hybrid and ``model``."""
    from newsevents.events.coder import SentenceCoder
    from newsevents.events.hybrid import code_hybrid
    from newsevents.events.scope import ArticleScope
    from newsevents.nlp.entities import extract_entities
    from newsevents.records import Article

    article = Article(id="b" * 16, title="test", paragraphs=(OVERRAN.text,), published="2024-07-27")
    doc = article_doc(OVERRAN)
    scope = ArticleScope.build(doc, article, extract_entities(doc, article))
    coder_ = SentenceCoder(scope)
    return code_hybrid(coder_, model) if coder == "hybrid" else coder_.code()


def test_features_read_the_parse() -> None:
    doc = article_doc(OVERRAN)
    features = sentence_features(doc[:])
    assert features == sorted(set(features))
    assert {"u:overrun", "root:overrun", "m:overrun", "m>o:overrun_base", "m>p:overrun_in_goma", "e:GPE"} <= set(features)
    assert not any(f.startswith(("lex:", "pat:")) for f in features)  # no trigger pattern knows "overrun"


def test_hybrid_adds_the_models_event_where_the_rules_code_nothing() -> None:
    assert _code(None, "rules") == ()
    (event,) = _code(_toy_model(30.0), "hybrid")
    assert (event.type, event.status, event.quad_class, event.confidence) == ("ASSAULT", "reported", 4, 1.0)
    assert OVERRAN.text[event.evidence_start : event.evidence_end] == "overran"
    assert [(a.name, a.sector) for a in event.actors] == [("Rebels", "REB")]
    assert [t.country for t in event.targets] == ["COD"] and event.location and event.location.name == "Goma"


def test_hybrid_adds_nothing_below_the_threshold() -> None:
    assert _code(_toy_model(0.5), "hybrid") == ()


def test_model_files_round_trip_byte_for_byte(tmp_path) -> None:
    labels = [*EVENT_TYPES, NONE]
    weights = np.arange(2 * len(labels), dtype=np.float32).reshape(2, len(labels)) / 7
    meta = {"temperature": 1.5, "threshold": 0.6}
    npz, js = write_model(tmp_path / "a", labels, ["u:a", "u:b"], weights, np.zeros(len(labels)), meta)
    again = write_model(tmp_path / "b", labels, ["u:a", "u:b"], weights, np.zeros(len(labels)), meta)
    assert npz.read_bytes() == again[0].read_bytes() and js.read_bytes() == again[1].read_bytes()
    model = read_model(npz, js.read_text(encoding="utf-8"), str(npz))
    assert model.index == {"u:a": 0, "u:b": 1} and model.threshold == 0.6 and np.allclose(model.weights, weights)


def test_the_bundled_model_loads_and_is_compact() -> None:
    from importlib import resources

    model = load_events_model()
    assert model.labels[-1] == NONE and set(model.labels[:-1]) == set(EVENT_TYPES)
    assert 0.0 < model.threshold < 1.0 and model.temperature > 0
    data = resources.files("newsevents.data")
    assert sum(len(data.joinpath(name).read_bytes()) for name in ("events_model.npz", "events_model.json")) < 5_000_000


@pytest.mark.slow
def test_the_bundled_model_predicts_a_calibrated_distribution(nlp) -> None:
    ranked = load_events_model().predict(nlp("Israeli warplanes bombed targets in southern Lebanon overnight.")[:])
    assert abs(sum(p for _, p in ranked) - 1.0) < 1e-6 and ranked == sorted(ranked, key=lambda lp: -lp[1])
    assert ranked[0][0] == "ASSAULT"


@pytest.mark.slow
def test_training_a_tiny_subset_twice_gives_the_same_bytes(nlp, tmp_path) -> None:
    from newsevents.evaluation.corpus import load
    from newsevents.training.events import LABELS, Params, parse_records, train

    records = load()[:60]
    if len(records) < 30:
        pytest.skip("the corpus (eval/corpus) has fewer than 30 sentences")
    parsed = parse_records(records, nlp)
    grid = (Params(1e-3, 1, epochs=40), Params(1e-3, 2, epochs=40))
    outputs = []
    for run in ("one", "two"):
        trained = train(records, parsed, rules=None, grid=grid)
        files = write_model(tmp_path / run, list(LABELS), trained.features, trained.weights, trained.bias, trained.meta)
        outputs.append([f.read_bytes() for f in files])
    assert outputs[0] == outputs[1]


@pytest.mark.slow
def test_rules_coder_output_is_unchanged_and_kept_by_the_hybrid(nlp) -> None:
    from newsevents.evaluation.plover import code_sentence
    from newsevents.settings import Settings

    rules, hybrid = Settings.make(coder="newsevents.coder.v2"), Settings.make(coder="newsevents.hybrid.v1")
    text = "Police arrested two protesters in Tehran on Monday, the interior ministry said."
    by_rules = code_sentence(nlp, text, settings=rules)
    assert [(e.type, e.mode, e.cameo, e.coder) for e in by_rules] == [("COERCE", "arrest", "173", "newsevents.coder.v2")]
    by_hybrid = code_sentence(nlp, text, settings=hybrid)
    assert [replace(e, coder=None) for e in by_hybrid] == [replace(e, coder=None) for e in by_rules]


@pytest.mark.slow
def test_hybrid_adds_an_event_the_rules_miss_in_a_dev_sentence(nlp) -> None:
    from newsevents.evaluation.plover import code_sentence
    from newsevents.settings import Settings

    text = DEV_SENTENCE
    assert code_sentence(nlp, text, settings=Settings.make(coder="newsevents.coder.v2")) == ()
    events = code_sentence(nlp, text, settings=Settings.make(coder="newsevents.hybrid.v1"))
    assert [e.type for e in events] == ["AID"] and events[0].coder == "newsevents.hybrid.v1"
    assert events[0].confidence >= load_events_model().threshold
    assert text[events[0].evidence_start : events[0].evidence_end] == "disburses"
    assert [a.country for a in events[0].actors] == ["IGO"] and [t.country for t in events[0].targets] == ["MDA"]


#: Our corpus' dev split, c2: no trigger pattern knows "disburse"; the model gives AID 0.98.
DEV_SENTENCE = "EU disburses €270m to Moldova to cushion energy price shock"
