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
_LOADED: dict[str, "Language"] = {}


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


def load_pipeline(settings: Settings) -> "Language":
    """The spaCy pipeline for ``settings.model``, loaded once per process and model."""
    model = settings.model
    if model in _LOADED:
        return _LOADED[model]
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
            nlp = spacy.load(package)
    except OSError as exc:
        hint = _INSTALL_HINT.get(model, f"pip install {package}")
        raise ModelError(
            f"spaCy model package {package!r} for --model {model} is not installed; run `{hint}` "
            f"or choose another model with --model ({', '.join(MODEL_PACKAGES)})"
        ) from exc
    _LOADED[model] = nlp
    return nlp


def annotate_texts(nlp: "Language", texts: Iterable[str], batch_size: int) -> Iterator["Doc"]:
    """Run the pipeline over texts in batches, yielding one Doc per text in order."""
    _use_fast_ops()  # thinc keeps its ops per thread; a server thread starts with the default
    yield from nlp.pipe(texts, batch_size=max(1, batch_size))
