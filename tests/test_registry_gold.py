"""Our actor gold (eval/actors) builds, validates and scores without the model."""

from __future__ import annotations

import pytest

from newsevents.errors import DataFileError
from newsevents.evaluation.actor_clusters import best_span, score_split
from newsevents.evaluation.actor_gold import build, check, load, parse_source, split_of

SOURCE = """=== irn-1 | 2023-09-19 | Gulf Dispatch
Title

{person:ebrahim-raisi|President Ebrahim Raisi} said {IRN|Iran} would go on.

{IRN-COP|Iran's police} arrested dozens.
"""


def test_the_gold_file_is_what_the_sources_build_and_has_both_splits() -> None:
    counts = check()
    assert counts["dev"]["articles"] >= 15 and counts["test"]["articles"] >= 15
    assert counts["all"]["mentions"] >= 200
    assert counts["all"]["agent"] > 0


def test_marks_become_offsets_into_the_body_text() -> None:
    (article,) = parse_source(SOURCE, "x.txt")
    text = "\n\n".join(article["paragraphs"])
    assert [(text[m["start"]:m["end"]], m["actor"]) for m in article["mentions"]] == [
        ("President Ebrahim Raisi", "person:ebrahim-raisi"), ("Iran", "IRN"), ("Iran's police", "IRN-COP")]
    assert article["split"] == split_of("irn-7")  # one story, one split


@pytest.mark.parametrize("bad, message", [
    (SOURCE.replace("{IRN|Iran}", "{IRN|Iran"), "stray"),
    (SOURCE.replace("irn-1 |", "irn |"), "header"),
    (SOURCE.replace("{IRN|Iran}", "{IRN| Iran}"), "white space"),
])
def test_a_broken_source_names_what_to_fix(bad: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message):
        parse_source(bad, "x.txt")


def test_an_undeclared_actor_is_refused(tmp_path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "articles.jsonl").write_text(build(tmp_path / "src"), encoding="utf-8")
    (tmp_path / "actors.tsv").write_text("IRN\tIran\nIRN-COP\tIran's police\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="person:ebrahim-raisi.*does not declare"):
        load(tmp_path / "articles.jsonl")


def test_a_stored_span_names_a_gold_mention_when_it_ends_where_the_mention_ends() -> None:
    spans = [(0, 4, False, "IRN"), (7, 16, True, "person:x"), (12, 16, False, "person:y")]
    assert best_span(0, 16, spans) == (7, 16, True, "person:x")  # "Iran's president": the participant, not "Iran"
    assert best_span(0, 9, spans) is None
    assert best_span(12, 16, spans) == (12, 16, False, "person:y")  # exact first


def test_score_split_counts_missing_mentions_as_singletons() -> None:
    articles = [{"id": "a-1", "mentions": [{"start": 0, "text": "A", "actor": "x"}, {"start": 5, "text": "B", "actor": "x"},
                                           {"start": 9, "text": "C", "actor": "y"}]}]
    result = score_split(articles, {("a-1", 0): "p", ("a-1", 9): "q"})
    assert (result["found"], result["gold"], result["precision"], result["found_f1"]) == (2, 3, 1.0, 1.0)
    assert result["recall"] == pytest.approx(round((0.5 + 0.5 + 1) / 3, 4))
