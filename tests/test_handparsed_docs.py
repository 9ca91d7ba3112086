"""The hand-built Docs of ``tests/docs.py``: they carry what the coder reads, and need no spaCy model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docs import article_doc, paragraph

from newsevents.records import Article

TESTS = Path(__file__).resolve().parent
HANDPARSED = ["test_events_rules_handparsed.py", "test_events_actors_handparsed.py", "test_quotes_handparsed.py"]

KENYA = paragraph("Kenya's election commission met.", """
    0 Kenya      Kenya      PROPN NNP poss     3 B-GPE
    1 's         's         PART  POS case     0 O
    2 election   election   NOUN  NN  compound 3 O
    3 commission commission NOUN  NN  nsubj    4 O
    4 met        meet       VERB  VBD ROOT     4 O
    5 .          .          PUNCT .   punct    4 O
""")
POLICE = paragraph("Police detained two activists.", """
    7  Police    Police    NOUN  NNS nsubj  8  O
    8  detained  detain    VERB  VBD ROOT   8  O
    9  two       two       NUM   CD  nummod 10 B-CARDINAL
    10 activists activist  NOUN  NNS dobj   8  O
    11 .         .         PUNCT .   punct  8  O
""")


def test_make_doc_fixture_builds_a_parse_with_one_sentence_per_root(make_doc) -> None:
    doc = make_doc(
        ["Iran", "protested", ".", "Iraq", "agreed", "."], heads=[1, 1, 1, 4, 4, 4],
        deps=["nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"], ents=["B-GPE", "O", "O", "B-GPE", "O", "O"],
        pos=["PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"], tags=["NNP", "VBD", ".", "NNP", "VBD", "."],
        lemmas=["Iran", "protest", ".", "Iraq", "agree", "."], spaces=[True, False, True, True, False, False],
    )  # fmt: skip
    assert doc.text == "Iran protested. Iraq agreed."
    assert [s.text for s in doc.sents] == ["Iran protested.", "Iraq agreed."]
    assert [(e.text, e.label_) for e in doc.ents] == [("Iran", "GPE"), ("Iraq", "GPE")]
    agreed = doc[4]
    assert (agreed.lemma_, agreed.pos_, agreed.tag_, agreed.dep_, agreed.head.i, agreed.idx) == ("agree", "VERB", "VBD", "ROOT", 4, 21)
    assert (doc[3].ent_iob_, doc[3].ent_type_, doc[1].ent_iob_) == ("B", "GPE", "O")
    assert [t.text for t in doc[4].children] == ["Iraq", "."]


def test_make_doc_refuses_heads_outside_the_words(make_doc) -> None:
    with pytest.raises(ValueError, match="outside"):
        make_doc(["Iran", "protested"], heads=[1, 2], deps=["nsubj", "ROOT"])


def test_article_doc_spells_article_text_with_the_models_whitespace_token() -> None:
    article = Article(id="a", title="t", paragraphs=(KENYA.text, POLICE.text))
    doc = article_doc(KENYA, POLICE)
    assert doc.text == article.text
    assert all(article.text[t.idx : t.idx + len(t)] == t.text for t in doc)
    space = doc[6]
    assert (space.text, space.pos_, space.tag_, space.dep_, space.head.i, space.is_space) == ("\n\n", "SPACE", "_SP", "dep", 5, True)
    assert [(s.start, s.end) for s in doc.sents] == [(0, 7), (7, 12)]
    assert [(e.text, e.label_) for e in doc.ents] == [("Kenya", "GPE"), ("two", "CARDINAL")]
    assert (doc[10].lemma_, doc[10].head.text, doc[7].is_sent_start) == ("activist", "detained", True)


def test_a_sentence_may_run_over_a_paragraph_break() -> None:
    said = paragraph("They said:", """
        0 They they PRON  PRP nsubj 1 O
        1 said say  VERB  VBD ROOT  1 O
        2 :    :    PUNCT :   punct 1 O
    """)
    quoted = paragraph("We left.", """
        4 We   we   PRON  PRP nsubj 5 O
        5 left leave VERB VBD ccomp 1 O
        6 .    .    PUNCT .   punct 1 O
    """)
    doc = article_doc(said, quoted)
    assert [s.text for s in doc.sents] == ["They said:\n\nWe left."]
    assert doc[5].head.text == "said"


def test_tables_are_checked_against_their_text_and_numbering() -> None:
    with pytest.raises(ValueError, match="should be numbered 1"):
        paragraph("Iran protested", "0 Iran Iran PROPN NNP nsubj 1 B-GPE\n2 protested protest VERB VBD ROOT 1 O")
    with pytest.raises(ValueError, match="not at offset"):
        paragraph("Iran protested", "0 Iraq Iraq PROPN NNP nsubj 1 B-GPE\n1 protested protest VERB VBD ROOT 1 O")
    with pytest.raises(ValueError, match="columns"):
        paragraph("Iran", "0 Iran Iran PROPN NNP ROOT 0")
    with pytest.raises(ValueError, match="numbered from 0; it starts at token 7"):
        article_doc(KENYA, KENYA)


_CHILD = """
import json, sys
import pytest
code = pytest.main(["-q", "-p", "no:cacheprovider", *sys.argv[1:]])
import newsevents.nlp.pipeline as pipeline
print(json.dumps({"code": int(code), "loaded": sorted(pipeline._LOADED),
                  "models": sorted(m for m in sys.modules if m.startswith(("en_core_web", "en_core_sci")))}))
"""


def test_handparsed_tests_run_without_any_spacy_model() -> None:
    """Run the hand-built test modules alone in a fresh interpreter: no model package is ever imported."""
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}  # hypothesis & co. only slow the child down
    run = subprocess.run(
        [sys.executable, "-c", _CHILD, *(str(TESTS / name) for name in HANDPARSED)],
        cwd=TESTS.parent, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report == {"code": 0, "loaded": [], "models": []}, run.stdout[-2000:] + run.stderr[-2000:]
