"""Attributions on parses written out by hand (no spaCy model): direct, mixed, indirect, nested.

Each paragraph is the parse en_core_web_sm 3.8.0 gave once, frozen as a token table
(``tests/docs.py``), so these tests fail for the rules' reasons, not the model's.
"""

from __future__ import annotations

import pytest
from docs import article_doc, forbid_model, paragraph

from newsevents.events.attributions import extract_attributions
from newsevents.records import Article, Attribution

PARAGRAPHS = (
    paragraph('Foreign Minister Ilan Toresk met envoys on Monday.', """
            0   Foreign    Foreign    PROPN NNP  compound  1   O
            1   Minister   Minister   PROPN NNP  compound  3   O
            2   Ilan       Ilan       PROPN NNP  compound  3   B-PERSON
            3   Toresk     Toresk     PROPN NNP  nsubj     4   I-PERSON
            4   met        meet       VERB  VBD  ROOT      4   O
            5   envoys     envoy      NOUN  NNS  dobj      4   O
            6   on         on         ADP   IN   prep      4   O
            7   Monday     Monday     PROPN NNP  pobj      6   B-DATE
            8   .          .          PUNCT .    punct     4   O
        """),
    paragraph('"We have never sent a single rifle across that border," he told reporters.', """
            10  "          "          PUNCT ``   punct     24  O
            11  We         we         PRON  PRP  nsubj     14  O
            12  have       have       AUX   VBP  aux       14  O
            13  never      never      ADV   RB   neg       14  O
            14  sent       send       VERB  VBN  ccomp     24  O
            15  a          a          DET   DT   det       17  O
            16  single     single     ADJ   JJ   amod      17  O
            17  rifle      rifle      NOUN  NN   dobj      14  O
            18  across     across     ADP   IN   prep      14  O
            19  that       that       DET   DT   det       20  O
            20  border     border     NOUN  NN   pobj      18  O
            21  ,          ,          PUNCT ,    punct     24  O
            22  "          "          PUNCT ''   punct     24  O
            23  he         he         PRON  PRP  nsubj     24  O
            24  told       tell       VERB  VBD  ROOT      24  O
            25  reporters  reporter   NOUN  NNS  dobj      24  O
            26  .          .          PUNCT .    punct     24  O
        """),
    paragraph('The ministry accused Varosh of shelling its posts and said on Tuesday the army had "no choice" but to respond.', """
            28  The        the        DET   DT   det       29  O
            29  ministry   ministry   NOUN  NN   nsubj     30  O
            30  accused    accuse     VERB  VBD  ROOT      30  O
            31  Varosh     Varosh     PROPN NNP  dobj      30  B-PERSON
            32  of         of         ADP   IN   prep      30  O
            33  shelling   shell      VERB  VBG  pcomp     32  O
            34  its        its        PRON  PRP$ poss      35  O
            35  posts      post       NOUN  NNS  dobj      33  O
            36  and        and        CCONJ CC   cc        30  O
            37  said       say        VERB  VBD  conj      30  O
            38  on         on         ADP   IN   prep      37  O
            39  Tuesday    Tuesday    PROPN NNP  pobj      38  B-DATE
            40  the        the        DET   DT   det       41  O
            41  army       army       NOUN  NN   nsubj     42  O
            42  had        have       VERB  VBD  ccomp     37  O
            43  "          "          PUNCT ``   punct     45  O
            44  no         no         DET   DT   det       45  O
            45  choice     choice     NOUN  NN   dobj      42  O
            46  "          "          PUNCT ''   punct     45  O
            47  but        but        CCONJ CC   cc        42  O
            48  to         to         PART  TO   aux       49  O
            49  respond    respond    VERB  VB   conj      42  O
            50  .          .          PUNCT .    punct     30  O
        """),
    paragraph('Two villages were burned, according to the refugee agency.', """
            52  Two        two        NUM   CD   nummod    53  B-CARDINAL
            53  villages   village    NOUN  NNS  nsubjpass 55  O
            54  were       be         AUX   VBD  auxpass   55  O
            55  burned     burn       VERB  VBN  ROOT      55  O
            56  ,          ,          PUNCT ,    punct     55  O
            57  according  accord     VERB  VBG  prep      55  O
            58  to         to         ADP   IN   prep      57  O
            59  the        the        DET   DT   det       61  O
            60  refugee    refugee    NOUN  NN   compound  61  O
            61  agency     agency     NOUN  NN   pobj      58  O
            62  .          .          PUNCT .    punct     55  O
        """),
    paragraph('State media said police said three men were arrested.', """
            64  State      state      NOUN  NN   compound  65  O
            65  media      medium     NOUN  NNS  nsubj     66  O
            66  said       say        VERB  VBD  ROOT      66  O
            67  police     police     NOUN  NNS  nsubj     68  O
            68  said       say        VERB  VBD  ccomp     66  O
            69  three      three      NUM   CD   nummod    70  B-CARDINAL
            70  men        man        NOUN  NNS  nsubjpass 72  O
            71  were       be         AUX   VBD  auxpass   72  O
            72  arrested   arrest     VERB  VBN  ccomp     68  O
            73  .          .          PUNCT .    punct     66  O
        """),
)


@pytest.fixture(autouse=True)
def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    forbid_model(monkeypatch)


@pytest.fixture(scope="module")
def found() -> tuple[Article, tuple[Attribution, ...]]:
    from newsevents.nlp.entities import extract_entities

    article = Article(id="t", title="Test", paragraphs=tuple(p.text for p in PARAGRAPHS), published="2024-03-07")
    doc = article_doc(*PARAGRAPHS)
    return article, extract_attributions(doc, article, extract_entities(doc, article))


def _by_content(atts: tuple[Attribution, ...], start: str) -> Attribution:
    return next(a for a in atts if a.content.text.startswith(start))


def test_offsets_index_the_article_text(found) -> None:
    article, atts = found
    for a in atts:
        for span in (a.content, a.source, a.cue):
            if span is not None:
                assert article.text[span.start : span.end] == span.text


def test_ids_follow_the_text_order(found) -> None:
    _, atts = found
    assert [a.id for a in atts] == [f"a{n}" for n in range(1, len(atts) + 1)]
    assert [a.content.start for a in atts] == sorted(a.content.start for a in atts)


def test_direct_quote_with_pronoun_speaker_and_audience_cue(found) -> None:
    _, atts = found
    quote = _by_content(atts, "We have never sent")
    assert quote.kind == "direct"
    assert quote.content.text == "We have never sent a single rifle across that border,"
    assert quote.source is not None and quote.source.text == "he"
    assert quote.cue is not None and quote.cue.text == "told reporters"
    assert quote.speaker == "Ilan Toresk" and quote.speaker_entity is not None


def test_accusation_is_the_object_and_the_of_phrase(found) -> None:
    _, atts = found
    accused = _by_content(atts, "Varosh of")
    assert (accused.kind, accused.content.text) == ("indirect", "Varosh of shelling its posts")
    assert accused.source is not None and accused.source.text == "The ministry"
    assert accused.cue is not None and accused.cue.text == "accused"


def test_mixed_content_shares_the_source_and_has_its_own_date(found) -> None:
    _, atts = found
    mixed = _by_content(atts, "the army had")
    assert mixed.kind == "mixed"
    assert mixed.content.text == 'the army had "no choice" but to respond'
    assert mixed.source is not None and mixed.source.text == "The ministry"
    assert mixed.date == "2024-03-05"  # "said on Tuesday", against Thursday 7 March 2024
    assert not any(a.kind == "direct" and a.content.text == "no choice" for a in atts)


def test_according_to_reports_the_clause_it_hangs_on(found) -> None:
    _, atts = found
    burned = _by_content(atts, "Two villages")
    assert burned.content.text == "Two villages were burned"
    assert burned.cue is not None and burned.cue.text == "according to"
    assert burned.source is not None and burned.source.text == "the refugee agency"


def test_nested_attribution_keeps_both_levels(found) -> None:
    _, atts = found
    outer = _by_content(atts, "police said")
    inner = _by_content(atts, "three men")
    assert outer.source is not None and outer.source.text == "State media"
    assert inner.content.text == "three men were arrested" and inner.speaker == "police"
    assert inner.parent == outer.id and outer.parent is None
