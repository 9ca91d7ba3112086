"""Property-based fuzzing (Hypothesis) of the JSON reader, the cleaners, ``process_text`` and the coder.

Random and adversarial text: lone surrogates, NULs, control characters, right-to-left text,
emoji, unbalanced quotes, very long tokens. Three properties everywhere: nothing raises but our
own error types, every emitted offset points at its text, and the same input gives the same output.
Bounded to about a minute; under CI the examples are derandomised so a run is repeatable.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.errors import NewseventsError
from newsevents.records import RawDocument
from offsets import offset_problems

pytestmark = pytest.mark.slow

_CI = os.environ.get("CI") == "true"


def _bounded(examples: int):
    """Hypothesis settings: ``examples`` tries, no deadline (the model is slow on its first call), no files."""
    return settings(
        max_examples=examples, deadline=None, database=None, derandomize=_CI,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    )


#: Sentences of our own in the register of the news we read, so the coder has something to code.
NEWS = [
    "Police arrested two protesters in Tehran on Monday.",
    "Russian President Vladimir Putin met Iranian President Masoud Pezeshkian in Moscow on Thursday.",
    "The foreign ministry accused the army of shelling the border town overnight.",
    "\u201cWe will not give up,\u201d the opposition leader said.",
    "\u201cThe talks failed because the other side refused every offer, a spokesman said.",
    "\"Our patience has limits,\" he added, according to state media.",
    "Rebels attacked a convoy near Goma, killing three soldiers, the UN mission said.",
    "The two countries agreed to resume flights and exchange prisoners next week.",
    "Officials in Kyiv said talks with Moscow failed on Monday.",
    "Israel denied that its forces had fired on the crowd.",
    "Ministers will meet in Brussels on 3 March to discuss sanctions.",
]
#: Characters that have broken text pipelines: controls, NUL, lone surrogates, bidi marks, emoji, quotes.
NASTY = ["\x00", "\x1b]0;x\x07", "\x9b", "\ud800", "\udfff", "\u202e", "\u200f", "\u2066", "\ufeff", "\u00ad",
         "\U0001F600", "\U0001F1FA\U0001F1E6", "\u201c", "\u201d", "\"", "\u00ab", "\u00bb", "'", "\r", "\r\n",
         "\u2028", "\x0c", "\t", "\n", "\n\n", " ", "\u0645\u0631\u062d\u0628\u0627", "\u05e9\u05dc\u05d5\u05dd",
         "TT", "(AP Photo)", "Photo:", "Share on X", "Read more", "A A", "\u2014", "..."]  # fmt: skip

pieces = st.one_of(
    st.sampled_from(NEWS),
    st.sampled_from(NASTY),
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=40),
)
texts = st.lists(pieces, min_size=1, max_size=14).map("".join)


def _run_text(text: str):
    """process_text, allowing only our own errors; returns the export dicts (or the error's text)."""
    from newsevents.api import process_text

    try:
        docs = process_text(text, published="2024-07-27")
    except NewseventsError as exc:
        return str(exc)
    for doc in docs:
        assert offset_problems(doc) == [], offset_problems(doc)
    return [doc.to_dict() for doc in docs]


@_bounded(300)
@given(text=texts)
def test_process_text_never_crashes_keeps_offsets_and_is_deterministic(text: str) -> None:
    first = _run_text(text)
    assert _run_text(text) == first


@_bounded(800)
@given(text=texts, structured=st.booleans())
def test_cleaners_never_crash(text: str, structured: bool) -> None:
    from newsevents.clean import clean_document

    try:
        articles = clean_document(RawDocument(origin="fuzz", format="text", text=text, structured=structured, title="T\x1b"))
    except NewseventsError:
        return
    for article in articles:
        assert all(p.strip() for p in article.paragraphs)
        for start, end in article.paragraph_spans():
            assert article.text[start:end] in article.paragraphs


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.sampled_from(NASTY + NEWS),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
records = st.fixed_dictionaries(
    {"text": st.one_of(texts, json_values)},
    optional={"title": st.one_of(texts, json_values), "url": st.one_of(st.sampled_from(["javascript:alert(1)", "https://example.org/a"]), json_values),
              "published": st.one_of(st.sampled_from(["2024-07-27", "not a date"]), st.integers(), json_values),
              "html": st.one_of(st.just("<p>" + NEWS[0] + "</p>"), texts), "source": json_values},
)


@_bounded(600)
@given(items=st.lists(st.one_of(records, json_values), min_size=1, max_size=5), layout=st.sampled_from(["array", "lines", "one"]),
       cut=st.integers(min_value=0, max_value=40))
def test_json_reader_never_crashes(items: list, layout: str, cut: int) -> None:
    from newsevents.ingest.html import extract_html
    from newsevents.ingest.jsonrec import read_json

    if layout == "array":
        text = json.dumps(items)
    elif layout == "lines":
        text = "\n".join(json.dumps(item) for item in items)
    else:
        text = json.dumps(items[0])
    if cut:  # a truncated or spliced export
        text = text[:-cut] if cut % 2 else text[: len(text) // 2] + text
    try:
        result = read_json("fuzz.json", text, extract_html)
    except NewseventsError:
        return
    assert len(result.documents) + len(result.bad) <= max(result.total, 1)
    for doc in result.documents:
        assert doc.text.strip()


@_bounded(150)
@given(lines=st.lists(st.one_of(records.map(json.dumps), texts, st.sampled_from(["", "{", "[1]", "null"])), min_size=1, max_size=6))
def test_coder_answers_every_line_in_order(lines: list[str]) -> None:
    from newsevents.api import code_lines
    from newsevents.settings import Settings

    lines = [line.replace("\n", " ").replace("\r", " ").replace("\u2028", " ").replace("\x0c", " ").replace("\x85", " ") for line in lines]
    out = list(code_lines(lines, Settings.make(), name="fuzz.jsonl"))
    assert len(out) == sum(1 for line in lines if line.strip())
    numbers = [int(o["error"].split(" line ")[1].split(":")[0]) for o in out if "error" in o and o["error"].startswith("fuzz.jsonl line ")]
    assert numbers == sorted(numbers)
    assert list(code_lines(lines, Settings.make(), name="fuzz.jsonl")) == out


def test_one_megabyte_token_is_refused_or_coded_not_crashed() -> None:
    token = "x" * 1_000_000
    result = _run_text(f"{NEWS[0]}\n\n{token}\n\n{NEWS[2]}")
    assert isinstance(result, (str, list))
