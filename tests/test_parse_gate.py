"""Parsing only the sentences that can carry an event (``Settings.parse = "candidates"``)."""

from __future__ import annotations

import pytest

from newsevents.events.lexicon import parse_lexicon
from newsevents.nlp.parse_gate import SurfaceLemmas, gate_lexicon, is_candidate, pattern_needs
from newsevents.settings import Settings

_LEXICON = """# events_lexicon v2 - a tiny lexicon written for these tests
pattern\tpos\ttype\tmode\tcameo\tframe\tflags
arrest\tV\tCOERCE\tarrest\t173\t-\t-
hold >talk|hunger_strike\tV\tCONSULT\t-\t040\t-\tsym
take +into>custody\tV\tCOERCE\tarrest\t173\t-\t-
meet >demand\tV\t-\t-\t-\t-\t-
"""
_EXCEPTIONS = {"verb": {"held": ["hold"], "took": ["take"], "met": ["meet"], "said": ["say"]}, "noun": {"talks": ["talk"]}}
_RULES = {"verb": [["ed", ""], ["ed", "e"], ["ing", ""], ["s", ""]], "noun": [["s", ""]]}


@pytest.fixture(scope="module")
def gate():
    return gate_lexicon(parse_lexicon(_LEXICON, "test_lexicon.tsv"), ["say"], ["police", "minister"])


@pytest.fixture()
def lemmas():
    return SurfaceLemmas(_EXCEPTIONS, _RULES)


def test_surface_lemmas_guess_every_possible_lemma(lemmas) -> None:
    assert {"hold", "held"} <= lemmas("held")
    assert "arrest" in lemmas("arrested") and "arrest" in lemmas("arresting")
    assert "stop" in lemmas("stopped")  # a doubled consonant is undone
    assert lemmas("police") == frozenset({"police"})


def test_pattern_needs_name_the_words_besides_the_head() -> None:
    lexicon = parse_lexicon(_LEXICON, "test_lexicon.tsv")
    needs = {p.text: pattern_needs(p) for p in lexicon.patterns}
    assert needs["arrest"] == ()
    assert needs["take +into>custody"] == (frozenset({("into",)}), frozenset({("custody",)}))
    assert frozenset({("talk",), ("hunger", "strike")}) in needs["hold >talk|hunger_strike"]


def _candidate(text: str, labels: dict[str, str], gate, lemmas) -> bool:
    words = text.split()
    return is_candidate([w.lower() for w in words], [labels.get(w, "") for w in words], gate, lemmas)


def test_a_trigger_and_an_actor_make_a_candidate(gate, lemmas) -> None:
    assert _candidate("Police arrested two men", {}, gate, lemmas)
    assert _candidate("Iran held talks on Monday", {"Iran": "GPE"}, gate, lemmas)
    assert _candidate("He took them into custody", {}, gate, lemmas)
    assert _candidate("Smith said nothing", {"Smith": "PERSON"}, gate, lemmas)  # an attribution cue


def test_no_actor_or_no_trigger_is_no_candidate(gate, lemmas) -> None:
    assert not _candidate("Two men were arrested", {}, gate, lemmas)  # no actor
    assert not _candidate("Iran held a party", {"Iran": "GPE"}, gate, lemmas)  # hold needs talks or a hunger strike
    assert not _candidate("He took them into town", {}, gate, lemmas)  # take into needs custody
    assert not _candidate("Iran met the demand", {"Iran": "GPE"}, gate, lemmas)  # a blocker opens nothing
    assert not _candidate("The weather in Paris was fine", {"Paris": "GPE"}, gate, lemmas)


def test_unknown_parse_setting_is_refused() -> None:
    from newsevents.errors import SettingsError

    with pytest.raises(SettingsError, match="parse 'some'"):
        Settings.make(parse="some")


_TEXT = ("Police in Lagos arrested two protesters on Monday, the interior ministry said.\n\n"
         "The weather was warm and the market stayed open late.\n\n"
         "The two presidents held talks in Abuja.")  # fmt: skip


@pytest.fixture(scope="module")
def gated():
    from newsevents.nlp.pipeline import load_model

    return load_model(Settings.make(parse="candidates"))


def test_only_candidate_sentences_are_parsed(gated) -> None:
    doc = gated(_TEXT)
    sents = list(doc.sents)
    texts = [s.text.strip() for s in sents]
    assert texts[0].startswith("Police") and any(t.startswith("The weather") for t in texts) and texts[-1].startswith("The two")
    first, weather = sents[0], next(s for s in sents if s.text.strip().startswith("The weather"))
    assert any(t.dep_ == "nsubj" for t in first) and {t.pos_ for t in first} >= {"VERB", "PROPN"}
    assert [t.dep_ for t in weather if t.dep_] == ["ROOT"] and not any(t.pos_ or t.lemma_ for t in weather)
    assert [t.lemma_ for t in first if t.text == "arrested"] == ["arrest"]
    assert doc.ents and all(t.head.sent == t.sent for t in doc)


@pytest.mark.parametrize("text", ["", " ", "The weather was fine.", "Rain.\n\nMore rain fell."])
def test_articles_without_a_candidate_keep_their_sentences(gated, text) -> None:
    doc = gated(text)
    assert [s.text for s in doc.sents] == [s.text for s in doc.sents if s.text] and "".join(s.text for s in doc.sents) == text
    assert all(t.dep_ in ("", "ROOT") and not t.pos_ for t in doc)


def test_candidate_parse_codes_the_same_events_as_the_full_parse() -> None:
    from newsevents.process import annotate_batch
    from newsevents.records import Article

    article = Article(id="g1", title="", paragraphs=tuple(_TEXT.split("\n\n")), published="2024-03-04")
    full = annotate_batch([article], Settings.make())[0]
    gated = annotate_batch([article], Settings.make(parse="candidates"))[0]
    again = annotate_batch([article], Settings.make(parse="candidates"))[0]
    assert full.events and [(e.type, e.evidence_start) for e in gated.events] == [(e.type, e.evidence_start) for e in full.events]
    assert gated == again


def test_compiled_attribute_ruler_sets_what_the_model_ruler_sets(nlp) -> None:
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    from newsevents.nlp.attribute_rules import compile_ruler

    ruler = nlp.get_pipe("attribute_ruler")
    compiled = compile_ruler(ruler)
    assert compiled is not None
    texts = ["Y'all gonna see it, c'mon. It ain't over and there is a man who's gotta go.\n\n  Let's talk.",
             "Police in Lagos arrested two protesters on Monday, the ministry said.", ""]
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        ours, theirs = list(nlp.pipe(texts)), list(nlp.pipe(texts))
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
    for a, b in zip(ours, theirs):
        assert (compiled(a).to_array(attrs) == ruler(b).to_array(attrs)).all()
    assert [t.lemma_ for t in ours[0] if t.lower_ in ("gon", "ai")] == ["go", "be"]


def test_a_ruler_with_operators_is_not_compiled(nlp) -> None:
    from spacy.pipeline import AttributeRuler

    from newsevents.nlp.attribute_rules import compile_ruler

    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "new"}, {"LOWER": "york", "OP": "?"}]], {"LEMMA": "NYC"})
    assert compile_ruler(ruler) is None
