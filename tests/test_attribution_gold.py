"""Our attribution gold (eval/attributions): valid, rebuilt byte for byte from its sources, big enough, not copied."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SHARED

from newsevents.errors import DataFileError
from newsevents.evaluation import attribution_gold as gold

HOME = Path(__file__).resolve().parents[1] / "eval" / "attributions"


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    return gold.load()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _runs(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_the_file_is_what_the_sources_build():
    assert (HOME / "articles.jsonl").read_text(encoding="utf-8") == gold.build(HOME / "src")


def test_check_passes_and_counts_every_split():
    counts = gold.check()
    assert counts["all"]["articles"] >= 60 and counts["all"]["attributions"] >= 400
    assert counts["all"]["direct"] + counts["all"]["mixed"] >= 150 and counts["all"]["indirect"] >= 200
    assert counts["all"]["nested"] >= 15 and counts["all"]["pronoun_or_null_source"] >= 60
    for split in gold.SPLITS:
        assert counts[split]["articles"] >= 12 and counts[split]["direct"] and counts[split]["indirect"], split


def test_every_span_indexes_the_body_text(articles):
    for article in articles:
        text = "\n\n".join(article["paragraphs"])
        for att in article["attributions"]:
            for role in ("source", "antecedent", "cue", "content"):
                span = att[role]
                if span is not None:
                    assert text[span["start"] : span["end"]] == span["text"], (article["id"], att["id"], role)


def test_direct_content_sits_inside_quotation_marks_and_indirect_not(articles):
    for article in articles:
        text = "\n\n".join(article["paragraphs"])
        for att in article["attributions"]:
            start, end = att["content"]["start"], att["content"]["end"]
            marked = text[start - 1] in gold.OPENING and text[end : end + 1] in tuple(gold.CLOSING)
            assert marked == (att["kind"] == "direct"), (article["id"], att["id"])


def test_one_split_loads_alone(articles):
    test = gold.load(split="test")
    assert test and {a["split"] for a in test} == {"test"}
    assert len(test) < len(articles)


def test_the_marks_become_offsets_kinds_and_parents():
    raw = ('=== x-1 | 2024-01-02 | Wire\nTitle\n\n{s1|State radio} {c1|said} {q1|{s2|police} {c2|said} {q2|two died}}.\n\n'
           '"{q3|We are ready,}" {s3|he} {c3|said}. {r4|Ana} {c4|called} {q4|it "a farce"}.')  # fmt: skip
    (article,) = gold.parse_source(raw, "inline")
    text = "\n\n".join(article["paragraphs"])
    assert text == 'State radio said police said two died.\n\n"We are ready," he said. Ana called it "a farce".'
    kinds = {a["content"]["text"]: (a["kind"], a["parent"]) for a in article["attributions"]}
    assert kinds == {"police said two died": ("indirect", None), "two died": ("indirect", "a1"),
                     "We are ready,": ("direct", None), 'it "a farce"': ("mixed", None)}  # fmt: skip
    assert article["attributions"][3]["antecedent"]["text"] == "Ana" and article["attributions"][3]["source"] is None


def test_bad_marks_and_bad_lines_are_named(tmp_path):
    with pytest.raises(DataFileError, match="x-1.*no content span"):
        gold.parse_source("=== x-1 | 2024-01-02 | Wire\nTitle\n\n{s1|He} said so.", "inline")
    path = tmp_path / "bad.jsonl"
    good = json.loads((HOME / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    good["attributions"][0]["content"]["start"] += 1
    path.write_text("\n" + json.dumps(good) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad\.jsonl:2: attribution a1: content"):
        gold.load(path)
    with pytest.raises(DataFileError, match="split 'validation' is not one of train, dev, test"):
        gold.load(split="validation")


def test_no_article_shares_an_eight_word_run_with_the_shared_data():
    folders = [SHARED / "eval", SHARED / "seeds"]
    if not all(f.is_dir() for f in folders):
        pytest.skip(f"{SHARED} is missing: this check reads the shared gold and seed files")
    shared: set[tuple[str, ...]] = set()
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.is_file():
                shared |= _runs(path.read_text(encoding="utf-8", errors="replace"))
    copied = []
    for article in gold.load():
        overlap = _runs(article["title"] + "\n" + "\n\n".join(article["paragraphs"])) & shared
        copied += [(article["id"], " ".join(run)) for run in sorted(overlap)]
    assert not copied, f"articles sharing 8 running words with ../shared: {copied[:10]}"
