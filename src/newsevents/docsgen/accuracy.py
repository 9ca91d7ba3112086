"""The accuracy page: figures that ``make eval`` measured, stored as JSON, rendered as ``docs/accuracy.md``.

``python -m newsevents.evaluation --write-docs`` hands :func:`record_results` the sections it just
ran; they replace the same sections of ``docs/data/eval_results.json`` (the others keep their
earlier figures and dates) and the page is rendered again. No figure on the page is typed by hand.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

from newsevents.docsgen.markdown import DOCS, ROOT, banner, table, write_pages

RESULTS = DOCS / "data" / "eval_results.json"
PAGE = DOCS / "accuracy.md"
FLOORS = ROOT / "eval" / "floors.json"

#: section -> (title, data set, size, licence and origin); sizes are those of ../shared/README.md.
DATASETS: dict[str, tuple[str, str, str, str]] = {
    "seed": ("Seed article checks", "`seeds/000_*.txt`: a scraped plain-text dump of two articles",
             "named checks on 2 articles", "example input"),
    "plover": ("PLOVER event types and actors", "`eval/plover_gold_dev.jsonl`", "163 sentences",
               "CC BY-SA 4.0, openeventdata/PLOVER"),
    "petr2": ("CAMEO root codes (PETRARCH2 validation)", "`eval/petr2_validation.jsonl`",
              "78 sentences, 12 of which expect no event", "MIT, openeventdata/UniversalPetrarch"),
    "events_corpus": ("Our event corpus, test split (rules, model, hybrid)", "`eval/corpus/` in this repository",
                      "the test split of 3,120 sentences", "ours, MIT"),
    "entities": ("Named entities (MEANTIME)", "`meantime_dev/`", "60 Wikinews articles",
                 "CC BY 4.0, NewsReader MEANTIME"),
    "html": ("Article extraction from web pages", "`html_dev/`", "92 news pages",
             "MIT, scrapinghub/article-extraction-benchmark"),
    "timex": ("Date normalisation (MEANTIME)", "`meantime_dev/`", "the DATE expressions of 60 articles",
              "CC BY 4.0, NewsReader MEANTIME"),
    "geo": ("Place resolution (GeoVirus)", "`geo/GeoVirus.xml`", "229 Wikinews articles",
            "Wikinews text, CC BY 2.5"),
    "geo_own": ("Place resolution (our geo gold, dev and test splits)", "`eval/geo/` in this repository",
                "78 short news articles we wrote, 2/3 dev and 1/3 test by hash", "ours, MIT"),
    "said": ("Who said what (our attribution gold, test split)", "`eval/attributions/` in this repository",
             "the test split of 64 articles", "ours, MIT"),
    "clusters": ("Cross-article event clusters", "`eval/clusters/` in this repository",
                 "events each told by several fictional outlets, with distractors", "ours, MIT"),
    "language": ("Language identification", "`eval/language/texts.tsv` in this repository",
                 "168 short and long texts in 6 languages", "ours, MIT"),
    "layouts": ("Dump layouts (titles and article counts)", "`eval/layouts/golden.json` over `examples/corpus/dumps/`",
                "11 pinned titles of 3 new layouts, 8 dumps", "ours, MIT"),
    "actor_clusters": ("One actor, one id (our actor gold)", "`eval/actors/` in this repository",
                       "labelled actor mentions in articles we wrote, dev and test splits", "ours, MIT"),
}

#: figure -> what it measures (figures without an entry are listed with their name only).
MEANINGS: dict[str, str] = {
    "seed_checks_passed": "named checks passed (entities, captions, events, quotes of the seed)",
    "plover_type_acc": "sentences whose main event type is right",
    "plover_actor_f1": "F1 of actor countries against the gold",
    "plover_recipient_f1": "F1 of target countries against the gold",
    "plover_model_type_acc": "type accuracy of the learned classifier alone",
    "petr2_root_acc": "expected events whose two-digit CAMEO root is coded",
    "petr2_invented_max": "events coded on the sentences that expect none (lower is better)",
    "corpus_rules_type_acc": "type accuracy, rule coder",
    "corpus_hybrid_type_acc": "type accuracy, hybrid coder",
    "corpus_model_type_acc": "type accuracy, classifier alone",
    "corpus_model_ece": "expected calibration error of the classifier (lower is better)",
    "corpus_rules_none_events": "events invented in the test sentences that have none, rule coder (lower is better)",
    "corpus_hybrid_none_events": "events invented in the test sentences that have none, hybrid coder (lower is better)",
    "corpus_hybrid_added_events": "events the classifier added where the rules found none",
    "corpus_rules_actor_f1": "F1 of actor countries, rule coder",
    "corpus_rules_recipient_f1": "F1 of target countries, rule coder",
    "corpus_hybrid_actor_f1": "F1 of actor countries, hybrid coder",
    "corpus_hybrid_recipient_f1": "F1 of target countries, hybrid coder",
    "entity_f1": "lenient mention F1 (overlapping span, same type)",
    "entity_f1_exact": "exact mention F1 (same span, same type)",
    "html_f1": "mean token 4-gram shingle F1 of the extracted body",
    "html_precision": "mean shingle precision",
    "html_recall": "mean shingle recall",
    "timex_accuracy": "dates normalised exactly, among gold values written YYYY, YYYY-MM or YYYY-MM-DD",
    "geo_resolution": "gold place names resolved within 161 km (gazetteer and context alone)",
    "geo_end_to_end": "gold places found in the text and resolved within 161 km",
    "geo_below_country": "resolution within 161 km, names below country level only",
    "geo_own_dev_resolution": "dev split: gold place names resolved within 161 km",
    "geo_own_dev_end_to_end": "dev split: gold places found in the text and resolved within 161 km",
    "geo_own_test_resolution": "test split: gold place names resolved within 161 km",
    "geo_own_test_end_to_end": "test split: gold places found in the text and resolved within 161 km",
    "geo_own_actors_listed": "share of the capitals named as governments ('Tehran denied') that the article's place list still holds (informative; never an event's place)",
    "language_accuracy": "texts whose language is identified right",
    "language_false_english": "non-English texts called English or undetermined, so coded as English (must be 0)",
    "layouts_title_accuracy": "pinned titles of the new dump layouts found at their place",
    "layouts_counts_exact": "share of dumps split into exactly the pinned number of articles",
    "actors_test_bcubed_f1": "B-cubed F1 of actor ids against the gold actors, test split",
    "actors_test_bcubed_precision": "B-cubed precision (mentions of one id are one gold actor), test split",
    "actors_test_bcubed_recall": "B-cubed recall (mentions of one gold actor share one id), test split",
    "actors_clusterset_bcubed_f1": "B-cubed F1 of actor ids on the 72 articles of our event-cluster set (measured only)",
    "actors_clusterset_bcubed_precision": "B-cubed precision of actor ids on the event-cluster set",
    "actors_clusterset_bcubed_recall": "B-cubed recall of actor ids on the event-cluster set",
}


def _figures(result: dict[str, Any]) -> dict[str, float | int]:
    """The numeric figures of a section's result, without timings."""
    return {key: value for key, value in result.items()
            if isinstance(value, (int, float)) and not isinstance(value, bool) and not key.endswith("_seconds")}


def by_type(details: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per gold PLOVER type: sentences, correct ones, and the types most often coded instead."""
    out: dict[str, dict[str, Any]] = {}
    for row in details:
        entry = out.setdefault(row["gold"], {"sentences": 0, "correct": 0, "instead": Counter()})
        entry["sentences"] += 1
        if row["predicted"] == row["gold"]:
            entry["correct"] += 1
        else:
            entry["instead"][row["predicted"] or "no event"] += 1
    return {gold: {"sentences": e["sentences"], "correct": e["correct"],
                   "instead": dict(sorted(e["instead"].items(), key=lambda kv: (-kv[1], kv[0]))[:3])}
            for gold, e in sorted(out.items())}


def summarise(name: str, result: dict[str, Any], coder: str, today: dt.date) -> dict[str, Any]:
    """What the results file keeps of one section's run."""
    from newsevents import __version__

    entry: dict[str, Any] = {"measured": today.isoformat(), "version": __version__, "figures": _figures(result)}
    if name in ("plover", "petr2"):
        entry["coder"] = coder
    if name == "plover" and result.get("details"):
        entry["by_type"] = by_type(result["details"])
    return entry


def record_results(results: dict[str, dict[str, Any]], coder: str, today: dt.date | None = None) -> list[Path]:
    """Merge the sections just measured into the results file and render the page; the paths written."""
    stored = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {"sections": {}}
    for name, result in results.items():
        stored["sections"][name] = summarise(name, result, coder, today or dt.date.today())
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return [RESULTS, *write_pages(pages())]


def _value(value: float | int) -> str:
    """A figure as printed: integers as they are, shares with three decimals."""
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def _floor(key: str, floors: dict[str, float]) -> str:
    """The pinned floor of a figure, as the page shows it."""
    if key not in floors:
        return ""
    return f"≤ {floors[key]}" if key.endswith("_max") else f"≥ {floors[key]}"


def _section(name: str, entry: dict[str, Any], floors: dict[str, float]) -> str:
    """One section of the page: its data set and its figures."""
    title, data, size, licence = DATASETS.get(name, (name, "", "", ""))
    coder = f", coder `{entry['coder']}`" if entry.get("coder") else ""
    rows = [(f"`{key}`", _value(value), _floor(key, floors), MEANINGS.get(key, ""))
            for key, value in entry["figures"].items()]
    return (f"## {title}\n\nData: {data}, {size} ({licence}). Measured {entry['measured']} "
            f"with newsevents {entry['version']}{coder}.\n\n" + table(("figure", "value", "floor", "what it measures"), rows))


def _types(entry: dict[str, Any]) -> str:
    """The known weaknesses by event type: PLOVER gold sentences of each type and what was coded instead."""
    rows = []
    for gold, e in sorted(entry["by_type"].items(), key=lambda kv: kv[1]["correct"] / kv[1]["sentences"]):
        instead = ", ".join(f"{t} ({n})" for t, n in e["instead"].items()) or "—"
        rows.append((gold, e["sentences"], e["correct"], f"{e['correct'] / e['sentences']:.2f}", instead))
    return ("## Known weaknesses by event type\n\nThe PLOVER gold sentences of each type, worst first: how many "
            "got the right type, and what the coder said instead. Few sentences per type, so "
            "read these as hints, not rates.\n\n"
            + table(("gold type", "sentences", "right", "share", "coded instead (count)"), rows))


def render(stored: dict[str, Any], floors: dict[str, float]) -> str:
    """The accuracy page for the stored results."""
    sections = stored.get("sections", {})
    parts = [banner("docs/data/eval_results.json", "make eval") + "# Accuracy\n\n"
             "Figures measured by `make eval` (`python -m newsevents.evaluation --shared ../shared --write-docs`) "
             "on gold data kept outside this repository (`../shared`) and on the test split of our own event corpus; floors are pinned in `eval/floors.json` "
             "and checked by the same run. Gold sets are used for measuring only, never for developing rules. "
             "Keep each data set's attribution with any figure you quote.\n"]
    order = [name for name in DATASETS if name in sections] + sorted(set(sections) - set(DATASETS))
    parts += [_section(name, sections[name], floors) for name in order]
    if "by_type" in sections.get("plover", {}):
        parts.append(_types(sections["plover"]))
    if not sections:
        parts.append("No figures yet: run `make eval`.\n")
    return "\n".join(parts)


def pages() -> dict[Path, str]:
    """The accuracy page, from the stored results and the pinned floors."""
    stored = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    floors = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    return {PAGE: render(stored, floors)}
