"""The attribution scorer: matching by content overlap, speaker agreement, the figures (and one real run)."""

from __future__ import annotations

import pytest

from newsevents.evaluation.attributions import gold_speaker, jaccard, match, score, speaker_agrees
from newsevents.records import Attribution, TextSpan

PARAGRAPHS = ['"We are ready," Foreign Minister Ana Ruiz said.', "She said the talks would resume on Monday."]
TEXT = "\n\n".join(PARAGRAPHS)


def _span(words: str, after: str = "") -> dict[str, object]:
    at = TEXT.index(words, TEXT.index(after) if after else 0)
    return {"start": at, "end": at + len(words), "text": words}


def _text_span(words: str) -> TextSpan:
    at = TEXT.index(words)
    return TextSpan(at, at + len(words), words)


GOLD = {
    "id": "g1", "split": "dev", "published": "2024-03-07", "paragraphs": PARAGRAPHS,
    "attributions": [
        {"id": "a1", "kind": "direct", "source": _span("Foreign Minister Ana Ruiz"), "antecedent": None,
         "cue": _span("said"), "content": _span("We are ready,"), "parent": None},
        {"id": "a2", "kind": "indirect", "source": _span("She"), "antecedent": _span("Foreign Minister Ana Ruiz"),
         "cue": _span("said", after="She"), "content": _span("the talks would resume on Monday"), "parent": None},
    ],
}  # fmt: skip


def test_jaccard_and_one_to_one_matching() -> None:
    assert jaccard((0, 10), (5, 15)) == pytest.approx(5 / 15)
    assert jaccard((0, 10), (20, 30)) == 0.0
    predicted = [Attribution("a1", "indirect", _text_span("the talks would resume")),
                 Attribution("a2", "indirect", _text_span("talks would resume on Monday"))]  # fmt: skip
    assert match(GOLD["attributions"], predicted) == [(1, 1)]  # the better overlap wins, each used once


def test_speaker_agreement_uses_the_antecedent_of_a_pronoun() -> None:
    assert gold_speaker(GOLD["attributions"][1]) == "Foreign Minister Ana Ruiz"
    assert speaker_agrees("Foreign Minister Ana Ruiz", "Ana Ruiz")
    assert speaker_agrees("the defence ministry", "defence ministry")
    assert not speaker_agrees("Foreign Minister Ana Ruiz", "Hengaw")
    assert not speaker_agrees("Ana Ruiz", None)


def test_score_counts_recall_precision_speakers_and_offsets() -> None:
    predicted = (
        Attribution("a1", "direct", _text_span("We are ready,"), _text_span("Foreign Minister Ana Ruiz"),
                    speaker="Ana Ruiz", speaker_entity="e1"),
        Attribution("a2", "indirect", _text_span("the talks would resume"), _text_span("She"), speaker="Hengaw"),
        Attribution("a3", "indirect", TextSpan(0, 4, "nope")),  # spurious, and its text is not the text at 0:4
    )  # fmt: skip
    figures = score([GOLD], [predicted])
    assert figures["direct_recall"] == 1.0
    assert figures["indirect_recall"] == 1.0
    assert figures["indirect_precision"] == 0.5
    assert figures["speaker_accuracy"] == 0.5  # Hengaw is not the antecedent
    assert figures["source_exact"] == 1.0  # both sources have the gold offsets
    assert figures["cue_exact"] == 0.0  # no cue predicted
    assert figures["content_exact"] == 0.5
    assert figures["offset_integrity"] == pytest.approx(4 / 5)


@pytest.mark.slow
def test_our_extractor_on_a_written_article_beats_the_quotes_baseline(nlp) -> None:
    from newsevents.evaluation.attributions import annotate, gold_article, quotes_as_attributions
    from newsevents.events.attributions import extract_attributions
    from newsevents.events.quotes import extract_quotes

    article = gold_article(GOLD)
    (doc,) = annotate([article])
    ours = extract_attributions(doc, article, doc._.entities)
    baseline = quotes_as_attributions(extract_quotes(doc, article, doc._.entities))
    ours_figures, base_figures = score([GOLD], [ours]), score([GOLD], [baseline])
    assert ours_figures["offset_integrity"] == 1.0
    assert ours_figures["direct_recall"] == base_figures["direct_recall"] == 1.0
    assert ours_figures["indirect_recall"] == 1.0 and base_figures["indirect_recall"] == 0.0
    assert ours_figures["speaker_accuracy"] == 1.0
