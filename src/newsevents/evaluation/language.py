"""Language identification accuracy on our own mixed set (eval/language/texts.tsv).

The set holds news texts we wrote in English, Arabic, Persian, French, Russian and Spanish: short
ones (headlines of four to twelve words, some made mostly of names) and long ones (two or three
sentences). A text counts as right when ``clean.language.identify`` names its language. The figures:
accuracy over all, per language and per length, how many non-English texts were called English
or undetermined (must stay 0: both would be coded as English), and speed. Run ``python -m newsevents.evaluation.language``.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
TEXTS = ROOT / "eval" / "language" / "texts.tsv"


@dataclass(frozen=True)
class Sample:
    """One text of the set and its language."""

    id: str
    language: str
    length: str  # short | long
    text: str


def read_samples(path: Path = TEXTS) -> list[Sample]:
    """The samples of a TSV with columns id, language, length, text."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [Sample(r["id"], r["language"], r["length"], r["text"]) for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]


def score(samples: list[Sample]) -> dict[str, Any]:
    """Accuracy overall, per language and per length; non-English called English; texts per second."""
    from newsevents.clean.language import ENGLISH, _model, codable, identify

    _model()  # load before timing
    right: dict[str, list[bool]] = defaultdict(list)
    misses: list[str] = []
    false_english = 0
    start = time.perf_counter()
    guesses = [identify(s.text).language for s in samples]
    seconds = time.perf_counter() - start
    for sample, guess in zip(samples, guesses):
        ok = guess == sample.language
        for key in ("all", sample.language, sample.length):
            right[key].append(ok)
        if not ok:
            misses.append(f"{sample.id}: {guess} for {sample.language}: {sample.text[:60]}")
            false_english += sample.language != ENGLISH and codable(guess)  # English and undetermined both reach the English NLP
    figures: dict[str, Any] = {"language_accuracy": _share(right["all"]), "language_texts": len(samples)}
    for key in sorted(k for k in right if k != "all"):
        figures[f"language_{key}_accuracy"] = _share(right[key])
    figures["language_false_english"] = false_english
    figures["language_texts_per_second"] = round(len(samples) / seconds, 1) if seconds else 0.0
    figures["details"] = misses
    return figures


def _share(flags: list[bool]) -> float:
    return round(sum(flags) / len(flags), 4) if flags else 0.0


def evaluate(shared: Path | None = None, path: Path = TEXTS) -> dict[str, Any]:
    """The language section: score the set, print one line and the misses, return the figures."""
    figures = score(read_samples(path))
    print(f"language: accuracy {figures['language_accuracy']:.4f} over {figures['language_texts']} texts "
          f"(short {figures['language_short_accuracy']:.4f}, long {figures['language_long_accuracy']:.4f}); "
          f"non-English called English or undetermined: {figures['language_false_english']}; "
          f"{figures['language_texts_per_second']:.0f} texts/s")  # fmt: skip
    for miss in figures["details"]:
        print(f"  miss {miss}")
    return figures


def main(argv: list[str] | None = None) -> int:
    """Print the figures for the set (or another TSV of the same columns)."""
    parser = argparse.ArgumentParser(prog="python -m newsevents.evaluation.language", description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default=str(TEXTS), help="a TSV with columns id, language, length, text")
    args = parser.parse_args(argv)
    evaluate(path=Path(args.path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
