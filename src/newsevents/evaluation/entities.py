"""How well ``extract_entities`` finds and types the named entity mentions of MEANTIME.

Data: ../shared/meantime_dev, 60 Wikinews articles in NewsReader MEANTIME's NAF-style XML
(CC BY 4.0, NewsReader MEANTIME). Each file lists its tokens (with sentence numbers) and
ENTITY_MENTION markables (token anchors, ``syntactic_type``) that REFERS_TO an ENTITY carrying
``ent_type``. The text is rebuilt from the tokens (spaces dropped before punctuation and after
opening brackets; title, dateline and body as three paragraphs) and every token gets its
character offsets in that text, so gold and predicted mentions are compared as character spans.

Scope: MEANTIME annotates entities only in the title and the first sentences of the body
(token ``sentence`` 0 to 5; sentence 1 is the dateline). Every article is annotated whole (so
linking sees all of it) but only predicted mentions that end inside that scope are scored.

Gold mentions: markables whose ``syntactic_type`` is NAM (a name) or PRE.NAM (a name used as a
premodifier: "US markets", "German government"). NOM, PRO and other nominal or pronominal
mentions are not names and are not scored.

Label mapping (MEANTIME -> ours):

======================  =====================================================================
MEANTIME ``ent_type``   newsevents entity type
======================  =====================================================================
PER                     PERSON
ORG                     ORG
LOC                     LOC; a NORP entity whose demonym names a state ("German",
                        "American") also counts as LOC, since MEANTIME marks those premodifiers
                        as mentions of the country
PRO (products)          not scored (spaCy's PRODUCT is too sparse to compare)
FIN (financial: indices, currencies, markets), MIX, no type
                        not scored
======================  =====================================================================

A predicted PERSON/ORG/LOC mention that matches no scored gold mention but overlaps an unscored
gold name (a PRO or FIN name such as "Dow Jones" that we call ORG) is left out of precision
rather than counted wrong. Our other types (DATE, CARDINAL, ...) are not scored.

Two matchings, each one-to-one:

- exact: same character span and same type;
- lenient: the spans overlap and the types agree (MEANTIME's name extents include titles,
  determiners and appositions: "Senator John McCain ( R-AZ", "the United States Air Force").

``entity_f1`` (the pinned figure) is the lenient micro F1; ``entity_f1_exact`` the exact one.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.records import Article

_TYPE_MAP = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
_NAME_KINDS = ("NAM", "PRE.NAM")
_SCORED = ("PERSON", "ORG", "LOC")
_NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "}", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "US$", "#"}
_LAST_ANNOTATED_SENTENCE = 5


@dataclass(frozen=True)
class GoldDoc:
    """One MEANTIME article: our Article, its scored gold spans and its unscored name spans."""

    name: str
    article: Article
    gold: tuple[tuple[int, int, str], ...]
    unscored: tuple[tuple[int, int], ...]
    scope_end: int  # character offset where the annotated sentences end


def _detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens into readable text; return it with each token's character span."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos, quote_open, glue = 0, False, True
    for token in tokens:
        text = '"' if token in ("``", "''") else token
        closing_quote = text == '"' and quote_open
        if not glue and text not in _NO_SPACE_BEFORE and not closing_quote:
            out.append(" ")
            pos += 1
        spans.append((pos, pos + len(text)))
        out.append(text)
        pos += len(text)
        if text == '"':
            quote_open = not quote_open
        glue = text in _NO_SPACE_AFTER or (text == '"' and quote_open)
    return "".join(out), spans


def read_document(path: Path) -> GoldDoc:
    """Parse one MEANTIME file into an Article and its gold name mentions."""
    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id") or "", int(t.get("sentence") or 0), t.text or "") for t in root.iter("token")]
    parts = [[t for t in tokens if t[1] == 0], [t for t in tokens if t[1] == 1], [t for t in tokens if t[1] > 1]]
    paragraphs: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    base = 0
    for part in parts:
        if not part:
            continue
        text, spans = _detokenize([t[2] for t in part])
        for (t_id, _, _), (start, end) in zip(part, spans):
            offsets[t_id] = (base + start, base + end)
        paragraphs.append(text)
        base += len(text) + 2
    markables = root.find("Markables")
    entity_types = {e.get("m_id"): e.get("ent_type") for e in (markables.findall("ENTITY") if markables is not None else [])}
    mention_type: dict[str, str | None] = {}
    relations = root.find("Relations")
    for ref in relations.findall("REFERS_TO") if relations is not None else []:
        target = ref.find("target")
        kind = entity_types.get(target.get("m_id")) if target is not None else None
        for source in ref.findall("source"):
            mention_type[source.get("m_id") or ""] = kind
    gold: set[tuple[int, int, str]] = set()
    unscored: set[tuple[int, int]] = set()
    for mention in markables.findall("ENTITY_MENTION") if markables is not None else []:
        if mention.get("syntactic_type") not in _NAME_KINDS:
            continue
        anchors = [offsets[a.get("t_id") or ""] for a in mention.findall("token_anchor") if a.get("t_id") in offsets]
        if not anchors:
            continue
        span = (min(a[0] for a in anchors), max(a[1] for a in anchors))
        ours = _TYPE_MAP.get(mention_type.get(mention.get("m_id") or "") or "")
        if ours:
            gold.add((*span, ours))
        else:
            unscored.add(span)
    article = Article(id=root.get("doc_id") or path.stem, title=paragraphs[0] if paragraphs else "", paragraphs=tuple(paragraphs))
    scope_end = max((offsets[t_id][1] for t_id, sentence, _ in tokens if sentence <= _LAST_ANNOTATED_SENTENCE), default=0)
    return GoldDoc(path.name, article, tuple(sorted(gold)), tuple(sorted(unscored)), scope_end)


def read_corpus(shared: Path) -> list[GoldDoc]:
    """Every MEANTIME article of ../shared/meantime_dev."""
    folder = Path(shared) / "meantime_dev"
    paths = sorted(folder.glob("corpus_*/*.xml"))
    if not paths:
        raise FileNotFoundError(f"{folder} has no corpus_*/*.xml files: is ../shared/meantime_dev there?")
    return [read_document(path) for path in paths]


def predicted_spans(entities: Iterable[Any]) -> list[tuple[int, int, str]]:
    """Our scored mentions as (start, end, type); NORP naming a state counts as LOC."""
    spans = []
    for entity in entities:
        kind = entity.type
        if kind == "NORP" and entity.country:
            kind = "LOC"
        if kind in _SCORED:
            spans.extend((m.start, m.end, kind) for m in entity.mentions)
    return sorted(set(spans))


def _overlaps(a: tuple[int, int, Any], b: tuple[int, int, Any]) -> bool:
    """True when two character spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def score_document(
    predicted: list[tuple[int, int, str]], gold: Iterable[tuple[int, int, str]], unscored: Iterable[tuple[int, int]], lenient: bool
) -> Counter[str]:
    """tp / fp / fn counts (overall and per type) for one document."""
    gold_left = list(gold)
    counts: Counter[str] = Counter()
    for pred in predicted:
        match = next(
            (g for g in gold_left if g[2] == pred[2] and (_overlaps(pred, g) if lenient else g[:2] == pred[:2])), None
        )
        if match is not None:
            gold_left.remove(match)
            counts["tp"] += 1
            counts[f"tp_{pred[2]}"] += 1
        elif any(_overlaps(pred, (u[0], u[1], None)) for u in unscored):
            counts["ignored"] += 1
        else:
            counts["fp"] += 1
            counts[f"fp_{pred[2]}"] += 1
    for g in gold_left:
        counts["fn"] += 1
        counts[f"fn_{g[2]}"] += 1
    return counts


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(shared: Path, nlp: Any) -> dict[str, Any]:
    """Mention-level precision, recall and F1 of extract_entities on MEANTIME (see module doc)."""
    from newsevents.nlp.entities import extract_entities
    from newsevents.nlp.pipeline import annotate_texts

    started = time.perf_counter()
    docs = read_corpus(shared)
    exact: Counter[str] = Counter()
    lenient: Counter[str] = Counter()
    worst: list[tuple[int, str]] = []
    for item, doc in zip(docs, annotate_texts(nlp, (d.article.text for d in docs), batch_size=16)):
        predicted = [p for p in predicted_spans(extract_entities(doc, item.article)) if p[1] <= item.scope_end]
        exact.update(score_document(predicted, item.gold, item.unscored, lenient=False))
        counts = score_document(predicted, item.gold, item.unscored, lenient=True)
        lenient.update(counts)
        worst.append((counts["fp"] + counts["fn"], item.name))
    result: dict[str, Any] = {}
    p, r, f = _prf(lenient["tp"], lenient["fp"], lenient["fn"])
    result.update(entity_f1=round(f, 4), entity_precision=round(p, 4), entity_recall=round(r, 4))
    p, r, f = _prf(exact["tp"], exact["fp"], exact["fn"])
    result.update(entity_f1_exact=round(f, 4), entity_precision_exact=round(p, 4), entity_recall_exact=round(r, 4))
    for kind in _SCORED:
        _, _, f = _prf(lenient[f"tp_{kind}"], lenient[f"fp_{kind}"], lenient[f"fn_{kind}"])
        result[f"entity_f1_{kind.lower()}"] = round(f, 4)
    result["entity_docs"] = len(docs)
    result["entity_gold_mentions"] = sum(len(d.gold) for d in docs)
    result["entity_seconds"] = round(time.perf_counter() - started, 2)
    result["entity_worst"] = [name for _, name in sorted(worst, reverse=True)[:5]]
    return result
