"""How well ``extract_attributions`` finds who said what, on our own gold (``eval/attributions``).

Run ``python -m newsevents.evaluation.attributions --split dev`` (train | dev | test | all). Each
gold article is annotated by the same path ``process.annotate_batch`` takes (``nlp.make_doc`` of
``Article.text``, the article on ``doc._.article``, the newsevents pipeline over it), then:

- **matching**: a predicted and a gold attribution match when the character Jaccard of their
  content spans (|A ∩ B| / |A ∪ B| over offsets) is at least 0.5; pairs are taken best first,
  each attribution at most once;
- **direct recall**: gold direct and mixed attributions matched, over all of them;
- **speaker accuracy**: of matched direct and mixed ones (and of all matched, apart), the share
  whose predicted speaker names the gold source — the gold antecedent when the source is a pronoun
  or missing, either of them when the source is a description pointing back ("the ministry"), and the
  name in apposition to the source ("The agency's director, Ingrid Halvorsen, told"); names agree
  when the words of one (without articles, possessive 's) are all in the other;
- **indirect recall / precision**: gold indirect attributions matched; predicted indirect ones
  that match a gold attribution;
- **exact boundaries**: of matched pairs, the share with the same source, cue and content offsets
  (source and cue counted where the gold has one);
- **offset integrity**: every predicted span's text equals the article text at its offsets (must be 1.0).

The baseline is ``extract_quotes`` (direct quotes only) scored the same way.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

from newsevents.records import Article, Attribution, Entity, Quote, TextSpan

MIN_JACCARD = 0.5
_ARTICLES = {"the", "a", "an"}
_QUOTED = ("direct", "mixed")


def gold_article(record: dict[str, Any]) -> Article:
    """The Article a gold record describes."""
    return Article(id=record["id"], title=record.get("title", ""), paragraphs=tuple(record["paragraphs"]),
                   published=record.get("published"), source=record.get("source"))  # fmt: skip


def annotate(articles: Sequence[Article], settings: Any = None) -> list[Any]:
    """The annotated Doc of each article, built as ``process.annotate_batch`` builds it."""
    from newsevents.nlp.pipeline import annotate_texts, load_pipeline
    from newsevents.settings import Settings

    settings = settings or Settings.make()
    nlp = load_pipeline(settings)
    docs = []
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.article = article
        docs.append(doc)
    return list(annotate_texts(nlp, docs, max(1, settings.batch_size)))


def quotes_as_attributions(quotes: Sequence[Quote]) -> tuple[Attribution, ...]:
    """The baseline: ``extract_quotes`` output as direct attributions (content only, speaker kept)."""
    return tuple(Attribution(id=f"a{n}", kind="direct", content=TextSpan(q.start, q.end, q.text), speaker=q.speaker,
                             speaker_entity=q.speaker_entity) for n, q in enumerate(quotes, 1))  # fmt: skip


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Character Jaccard of two spans."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union else 0.0


def match(gold: Sequence[dict[str, Any]], predicted: Sequence[Attribution]) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs, best content overlap first, each side used once."""
    pairs = []
    for g, att in enumerate(gold):
        gspan = (att["content"]["start"], att["content"]["end"])
        for p, pred in enumerate(predicted):
            score = jaccard(gspan, (pred.content.start, pred.content.end))
            if score >= MIN_JACCARD:
                pairs.append((-score, g, p))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, g, p in sorted(pairs):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            out.append((g, p))
    return out


def _words(name: str) -> set[str]:
    """The words of a name for comparing: lower case, no articles, no possessive 's."""
    return {w for w in re.findall(r"[\w-]+", re.sub(r"['’]s\b", "", name.lower())) if w not in _ARTICLES}


def _is_pronoun(text: str) -> bool:
    """True for a pronoun source ("he", "They", relative "which")."""
    return text.lower() in {"he", "she", "it", "they", "we", "i", "who", "which", "that"}


def gold_speakers(att: dict[str, Any], text: str = "") -> list[str]:
    """The names the gold accepts for the speaker: the antecedent for pronoun or missing sources; for a
    description pointing back ("the ministry", antecedent "Kestria's defence ministry") the source or the antecedent;
    a name in apposition to the source also counts (``text`` is the article text)."""
    source, antecedent = att.get("source"), att.get("antecedent")
    if antecedent and (source is None or _is_pronoun(source["text"])):
        return [antecedent["text"]]
    return [s["text"] for s in (source, antecedent) if s] + _appositive(att, text)


def _appositive(att: dict[str, Any], text: str) -> list[str]:
    """The name set off by commas between the gold source and its cue: "The agency's director, Ingrid Halvorsen, told"."""
    source, cue = att.get("source"), att.get("cue")
    if not text or source is None or cue is None or not 0 < cue["start"] - source["end"] <= 60:
        return []
    between = text[source["end"] : cue["start"]].strip()
    if between.startswith(",") and between.endswith(","):
        return [between.strip(", ")]
    return []


def gold_speaker(att: dict[str, Any]) -> str | None:
    """The first name the gold accepts for the speaker (for reports)."""
    names = gold_speakers(att)
    return names[0] if names else None


def speaker_agrees(gold: str | list[str] | None, predicted: str | None, entity: Entity | None = None) -> bool:
    """True when the predicted speaker (or its entity's fullest name) names a gold speaker."""
    golds = [gold] if isinstance(gold, str) else list(gold or [])
    if not golds or not predicted:
        return False
    names = [predicted] + ([entity.name] if entity is not None else [])
    for g in map(_words, golds):
        if any(g and (g <= _words(n) or (_words(n) and _words(n) <= g)) for n in names):
            return True
    return False


def _same(gold: dict[str, Any] | None, predicted: TextSpan | None) -> bool:
    """True when a predicted span has the gold span's offsets."""
    return gold is not None and predicted is not None and (gold["start"], gold["end"]) == (predicted.start, predicted.end)


def _integrity(text: str, atts: Sequence[Attribution]) -> tuple[int, int]:
    """(spans whose text equals the article text at their offsets, spans)."""
    spans = [s for a in atts for s in (a.content, a.source, a.cue) if s is not None]
    return sum(text[s.start : s.end] == s.text for s in spans), len(spans)


def score(records: Sequence[dict[str, Any]], predictions: Sequence[Sequence[Attribution]],
          entities: Sequence[Sequence[Entity]] | None = None, errors: list[str] | None = None) -> dict[str, Any]:  # fmt: skip
    """The figures for predictions against gold records (one tuple of attributions per record)."""
    c = dict.fromkeys(("quoted", "quoted_hit", "quoted_speaker", "matched", "speaker", "indirect", "indirect_hit",
                       "pred_indirect", "pred_indirect_hit", "source_gold", "source_exact", "cue_gold", "cue_exact",
                       "content_exact", "spans_ok", "spans", "nested", "nested_hit"), 0)  # fmt: skip
    for n, (record, predicted) in enumerate(zip(records, predictions)):
        text = "\n\n".join(record["paragraphs"])
        gold = record["attributions"]
        by_id = {e.id: e for e in (entities[n] if entities else ())}
        pairs = match(gold, predicted)
        hit = {g: p for g, p in pairs}
        matched_pred = {p for _, p in pairs}
        ok, total = _integrity(text, predicted)
        c["spans_ok"] += ok
        c["spans"] += total
        for g, att in enumerate(gold):
            quoted = att["kind"] in _QUOTED
            c["quoted" if quoted else "indirect"] += 1
            if att["parent"]:
                c["nested"] += 1
            if g not in hit:
                if errors is not None:
                    errors.append(f"{record['id']} MISSED {att['kind']}: {att['content']['text'][:90]!r}")
                continue
            pred = predicted[hit[g]]
            agree = speaker_agrees(gold_speakers(att, text), pred.speaker, by_id.get(pred.speaker_entity or ""))
            c["quoted_hit" if quoted else "indirect_hit"] += 1
            c["quoted_speaker"] += quoted and agree
            c["matched"] += 1
            c["speaker"] += agree
            c["nested_hit"] += bool(att["parent"]) and pred.parent is not None
            if att["source"] is not None:
                c["source_gold"] += 1
                c["source_exact"] += _same(att["source"], pred.source)
            if att["cue"] is not None:
                c["cue_gold"] += 1
                c["cue_exact"] += _same(att["cue"], pred.cue)
            c["content_exact"] += _same(att["content"], pred.content)
            if errors is not None and not agree:
                errors.append(f"{record['id']} SPEAKER {pred.speaker!r} != gold {gold_speaker(att)!r}: {att['content']['text'][:60]!r}")
        for p, pred in enumerate(predicted):
            if pred.kind == "indirect":
                c["pred_indirect"] += 1
                c["pred_indirect_hit"] += p in matched_pred
                if p not in matched_pred and errors is not None:
                    errors.append(f"{record['id']} SPURIOUS indirect: {pred.content.text[:90]!r}")
    return _figures(c)


def _figures(c: dict[str, int]) -> dict[str, Any]:
    """Rates from the counts."""

    def rate(a: str, b: str) -> float | None:
        return round(c[a] / c[b], 3) if c[b] else None

    return {
        "direct_recall": rate("quoted_hit", "quoted"),
        "direct_speaker_accuracy": rate("quoted_speaker", "quoted_hit"),
        "speaker_accuracy": rate("speaker", "matched"),
        "indirect_recall": rate("indirect_hit", "indirect"),
        "indirect_precision": rate("pred_indirect_hit", "pred_indirect"),
        "source_exact": rate("source_exact", "source_gold"),
        "cue_exact": rate("cue_exact", "cue_gold"),
        "content_exact": rate("content_exact", "matched"),
        "nested_found": rate("nested_hit", "nested"),
        "offset_integrity": rate("spans_ok", "spans"),
        "counts": {k: c[k] for k in ("quoted", "indirect", "pred_indirect", "matched", "nested", "spans")},
    }


def evaluate(split: str | None = None, *, settings: Any = None, errors: list[str] | None = None) -> dict[str, Any]:
    """Our attributions and the extract_quotes baseline on one split of the gold (None: all)."""
    from newsevents.evaluation.attribution_gold import load
    from newsevents.events.attributions import extract_attributions
    from newsevents.events.quotes import extract_quotes

    records = load(split=split)
    articles = [gold_article(r) for r in records]
    docs = annotate(articles, settings)
    entities = [tuple(doc._.entities) for doc in docs]

    def run(extract: Callable[..., Sequence[Attribution]]) -> list[Sequence[Attribution]]:
        return [extract(doc, article, ents) for doc, article, ents in zip(docs, articles, entities)]

    ours = run(extract_attributions)
    baseline = run(lambda d, a, e: quotes_as_attributions(extract_quotes(d, a, e)))
    return {
        "split": split or "all",
        "articles": len(records),
        "attributions": score(records, ours, entities, errors),
        "baseline_extract_quotes": score(records, baseline, entities),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the figures as JSON; --errors lists misses, wrong speakers and spurious indirect ones."""
    parser = argparse.ArgumentParser(prog="python -m newsevents.evaluation.attributions", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--split", choices=("train", "dev", "test", "all"), default="dev", help="gold split to score (default dev)")
    parser.add_argument("--model", choices=("sm", "md"), default="sm", help="spaCy model (default sm)")
    parser.add_argument("--errors", action="store_true", help="also list every miss, wrong speaker and spurious indirect one")
    args = parser.parse_args(argv)
    from newsevents.errors import DataFileError
    from newsevents.settings import Settings

    errors: list[str] | None = [] if args.errors else None
    try:
        result = evaluate(None if args.split == "all" else args.split, settings=Settings.make(model=args.model), errors=errors)
    except DataFileError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=1))
    for line in errors or ():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
