"""Load the spaCy pipeline once per process and annotate texts with it.

The model is chosen by ``Settings.model`` ("sm" or "md") through ``settings.MODEL_PACKAGES``;
both are installed as Python packages, so nothing is downloaded at run time.
"""

from __future__ import annotations

import warnings

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from newsevents.errors import ModelError
from newsevents.settings import MODEL_PACKAGES, Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Extras that install each model, for the error message when one is missing.
_INSTALL_HINT = {"sm": "pip install newsevents", "md": "pip install newsevents[md]"}
_LOADED: dict[tuple[str, ...], "Language"] = {}
_PIPELINES: dict[tuple[object, ...], "Language"] = {}


def _use_fast_ops() -> None:
    """Make thinc multiply matrices with numpy (OpenBLAS) instead of blis.

    Measured on the 2-core project machine, en_core_web_sm over the 60 MEANTIME articles twice
    (43,806 tokens, best of 3, nlp.pipe batch 32): NumpyOps(use_blis=True), thinc's default,
    6,525-6,699 tokens/s; NumpyOps(use_blis=False) 9,136-10,107 tokens/s, and 9,466 tokens/s
    with OPENBLAS_NUM_THREADS=1 — about 1.45x faster either way, so we switch.
    """
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    current = get_current_ops()
    if isinstance(current, NumpyOps) and not getattr(current, "use_blis", True):
        return
    set_current_ops(NumpyOps(use_blis=False))


def load_model(settings: Settings) -> "Language":
    """The spaCy model for ``settings.model`` (tagger, parser, NER), loaded once per process, model and parse setting.

    With ``settings.parse == "candidates"`` only the sentences that can carry an event are tagged
    and parsed (:func:`gate_parser`); with ``"all"`` (the default) it is the bare model.
    """
    key = model_key(settings)
    if key not in _LOADED:
        _LOADED[key] = _model(settings)
    return _LOADED[key]


def model_key(settings: Settings) -> tuple[str, ...]:
    """The settings that shape the spaCy model: model, parse and, when only candidates are parsed, the lexicon that picks them."""
    return (settings.model, settings.parse, settings.lexicon if settings.parse == "candidates" else "")


def load_pipeline(settings: Settings) -> "Language":
    """The newsevents pipeline: the spaCy model plus our components, as ``settings`` asks; once per process.

    Components: ``newsevents_entities``, then with ``settings.events`` ``newsevents_dates``,
    ``newsevents_places``, ``newsevents_coder`` and ``newsevents_quotes``, all with
    ``on_error="record"`` so one article's failure is reported and the others go on. The model's
    attribute ruler runs as compiled look-ups (same rules, same results, :mod:`newsevents.nlp.attribute_rules`). With
    ``settings.parse == "candidates"`` the model's sentence recogniser replaces the parser as
    sentence splitter and ``newsevents_parse_gate`` parses only the sentences that can carry an
    event (:mod:`newsevents.nlp.gated_parse`).
    """
    key = pipeline_key(settings)
    if key in _PIPELINES:
        return _PIPELINES[key]
    import newsevents.events.components  # noqa: F401 - registers the event factories
    import newsevents.nlp.components  # noqa: F401 - registers newsevents_entities and the Doc extensions
    from newsevents.nlp.attribute_rules import use_compiled_ruler

    nlp = _model(settings)
    use_compiled_ruler(nlp)
    for name, config in components(settings):
        nlp.add_pipe(name, config=config)
    _PIPELINES[key] = nlp
    return nlp


def pipeline_key(settings: Settings) -> tuple[object, ...]:
    """The settings that shape the pipeline: model, parse, events, coder, lexicon and minimum confidence."""
    return (*model_key(settings), settings.events, settings.coder, settings.lexicon, settings.min_confidence)


def components(settings: Settings) -> list[tuple[str, dict[str, object]]]:
    """Our components, in order, with their configs from ``settings``."""
    record = {"on_error": "record"}
    names = [("newsevents_entities", record)]
    if settings.events:
        coder = {**record, "coder": settings.coder, "lexicon": settings.lexicon, "min_confidence": settings.min_confidence}
        names += [("newsevents_dates", record), ("newsevents_places", record), ("newsevents_coder", coder), ("newsevents_quotes", record),
                  ("newsevents_attributions", record)]
    return names


def gate_parser(nlp: "Language", lexicon: str) -> None:
    """Split sentences with the model's ``senter`` and leave tagging and parsing to ``newsevents_parse_gate``.

    The tok2vec, tagger, parser, attribute ruler and lemmatizer stay in ``nlp`` but disabled;
    the gate runs them on the candidate sentences only. ``lexicon``: the trigger lexicon that
    picks them (a TSV path, or "" for ours).
    """
    import newsevents.nlp.gated_parse as gated  # registers newsevents_parse_gate

    if "senter" not in nlp.component_names:
        raise ModelError("parse = candidates needs a model with a 'senter' component; use parse = all (--parse all)")
    nlp.enable_pipe("senter")
    for name in gated.PARSE_COMPONENTS:
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    nlp.add_pipe("newsevents_parse_gate", config={"lexicon": lexicon})


def _model(settings: Settings) -> "Language":
    """A fresh copy of the spaCy model, its parsing gated when ``settings.parse`` asks for candidates only."""
    nlp = _load(settings.model)
    if settings.parse == "candidates":
        gate_parser(nlp, settings.lexicon)
    return nlp


def _load(model: str) -> "Language":
    """A fresh copy of the spaCy model package for ``model``."""
    package = MODEL_PACKAGES.get(model)
    if package is None:
        raise ModelError(f"model {model!r} is not known; use one of: {', '.join(MODEL_PACKAGES)} (--model)")
    _use_fast_ops()
    import spacy

    try:
        with warnings.catch_warnings():
            # The md wheel (3.7.1) was trained with spaCy 3.7.2; it loads and runs under 3.8 (checked
            # by tests/test_nlp_models.py), so the version-mismatch warning W095 is expected here.
            warnings.filterwarnings("ignore", message=r"\[W095\]")
            return spacy.load(package)
    except OSError as exc:
        hint = _INSTALL_HINT.get(model, f"pip install {package}")
        raise ModelError(
            f"spaCy model package {package!r} for --model {model} is not installed; run `{hint}` "
            f"or choose another model with --model ({', '.join(MODEL_PACKAGES)})"
        ) from exc


def annotate_texts(nlp: "Language", texts: Iterable["str | Doc"], batch_size: int) -> Iterator["Doc"]:
    """Run the pipeline over texts (or Docs made with ``nlp.make_doc``) in batches, one Doc each, in order."""
    _use_fast_ops()  # thinc keeps its ops per thread; a server thread starts with the default
    yield from nlp.pipe(texts, batch_size=max(1, batch_size))
