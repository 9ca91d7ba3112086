"""Our own labelled event corpus (eval/corpus, guide in GUIDE.md): valid, big enough, balanced, and not the gold."""

from __future__ import annotations

import json
import re

import pytest
from conftest import shared_path

from newsevents.evaluation.corpus import PLOVER_TYPES, load, problems, summary


@pytest.fixture(scope="module")
def records():
    return load()


def test_every_record_follows_the_guide(records):
    found = problems(records)
    assert found == [], "\n".join(found[:20])


def test_size_balance_and_negatives(records):
    counts = summary(records)
    assert counts["sentences"] >= 3000
    assert counts["none_share"] >= 0.20
    thin = {t: n for t, n in counts["per_type"].items() if n < 100}
    assert not thin, f"types with fewer than 100 sentences: {thin}"
    assert set(counts["splits"]) == {"train", "dev", "test"}
    assert all(len([r for r in records if not r["events"] and r["split"] == s]) >= 50 for s in ("dev", "test"))
    assert set(PLOVER_TYPES) == set(counts["per_type"])


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _shingles(text: str, n: int = 6) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_no_sentence_comes_from_the_shared_gold_sets(records):
    gold: set[tuple[str, ...]] = set()
    gold_texts: set[str] = set()
    for relative in ("eval/plover_gold_dev.jsonl", "eval/petr2_validation.jsonl"):
        for line in shared_path(relative).read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                text = item.get("text") or item.get("sentence") or ""
                gold |= _shingles(text)
                gold_texts.add(" ".join(_words(text)))
    copied = [r["where"] for r in records if " ".join(_words(r["text"])) in gold_texts or _shingles(r["text"]) & gold]
    assert not copied, f"sentences sharing 6 or more running words with a gold set: {copied[:10]}"
