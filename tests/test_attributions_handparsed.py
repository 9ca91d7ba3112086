"""Attributions on parses written out by hand (no spaCy model): direct, mixed, indirect, nested.

Each paragraph is the parse en_core_web_sm 3.8.0 gave once, frozen as a token table
(``tests/docs.py``), so these tests fail for the rules' reasons, not the model's.
"""

from __future__ import annotations

import pytest
from docs import Paragraph, article_doc, forbid_model, paragraph

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


#: Quotes without a cue, a cue the parser coordinated inside a content, a quote broken by its cue, a relative source.
MORE = (
    paragraph('Marta Silva runs a shelter for families near the border.', """
            0   Marta      Marta      PROPN NNP  compound  1   B-PERSON
            1   Silva      Silva      PROPN NNP  nsubj     2   I-PERSON
            2   runs       run        VERB  VBZ  ROOT      2   O
            3   a          a          DET   DT   det       4   O
            4   shelter    shelter    NOUN  NN   dobj      2   O
            5   for        for        ADP   IN   prep      4   O
            6   families   family     NOUN  NNS  pobj      5   O
            7   near       near       ADP   IN   prep      6   O
            8   the        the        DET   DT   det       9   O
            9   border     border     NOUN  NN   pobj      7   O
            10  .          .          PUNCT .    punct     2   O
        """),
    paragraph('"The first night is the hardest. Nobody sleeps until the children do."', """
            12  "          "          PUNCT ``   punct     16  O
            13  The        the        DET   DT   det       15  O
            14  first      first      ADJ   JJ   amod      15  B-ORDINAL
            15  night      night      NOUN  NN   nsubj     16  O
            16  is         be         AUX   VBZ  ROOT      16  O
            17  the        the        DET   DT   det       18  O
            18  hardest    hard       ADJ   JJS  attr      16  O
            19  .          .          PUNCT .    punct     16  O
            20  Nobody     nobody     PRON  NN   nsubj     21  O
            21  sleeps     sleep      VERB  VBZ  ROOT      21  O
            22  until      until      SCONJ IN   mark      25  O
            23  the        the        DET   DT   det       24  O
            24  children   child      NOUN  NNS  nsubj     25  O
            25  do         do         VERB  VBP  advcl     21  O
            26  .          .          PUNCT .    punct     21  O
            27  "          "          PUNCT ``   punct     30  O
        """),
    paragraph('Silva said the shelter had taken in 300 people since May.', """
            29  Silva      Silva      PROPN NNP  nsubj     30  B-PERSON
            30  said       say        VERB  VBD  ROOT      30  O
            31  the        the        DET   DT   det       32  O
            32  shelter    shelter    NOUN  NN   nsubj     34  O
            33  had        have       AUX   VBD  aux       34  O
            34  taken      take       VERB  VBN  ccomp     30  O
            35  in         in         ADP   RP   prt       34  O
            36  300        300        NUM   CD   nummod    37  B-CARDINAL
            37  people     people     NOUN  NNS  dobj      34  O
            38  since      since      SCONJ IN   prep      34  O
            39  May        May        PROPN NNP  pobj      38  B-DATE
            40  .          .          PUNCT .    punct     30  O
        """),
    paragraph('The interior ministry said its officers had come under attack while clearing a road and accused Ostravia of "open provocation".', """
            42  The        the        DET   DT   det       44  O
            43  interior   interior   ADJ   JJ   amod      44  O
            44  ministry   ministry   NOUN  NN   nsubj     45  O
            45  said       say        VERB  VBD  ROOT      45  O
            46  its        its        PRON  PRP$ poss      47  O
            47  officers   officer    NOUN  NNS  nsubj     49  O
            48  had        have       AUX   VBD  aux       49  O
            49  come       come       VERB  VBN  ccomp     45  O
            50  under      under      ADP   IN   prep      49  O
            51  attack     attack     NOUN  NN   pobj      50  O
            52  while      while      SCONJ IN   mark      53  O
            53  clearing   clear      VERB  VBG  advcl     49  O
            54  a          a          DET   DT   det       55  O
            55  road       road       NOUN  NN   dobj      53  O
            56  and        and        CCONJ CC   cc        53  O
            57  accused    accuse     VERB  VBD  conj      53  O
            58  Ostravia   Ostravia   PROPN NNP  dobj      57  B-ORG
            59  of         of         ADP   IN   prep      57  O
            60  "          "          PUNCT ``   punct     62  O
            61  open       open       ADJ   JJ   amod      62  O
            62  provocation provocation NOUN  NN   pobj      59  O
            63  "          "          PUNCT ''   punct     62  O
            64  .          .          PUNCT .    punct     45  O
        """),
    paragraph('"We will hold the line," she said, "and we will not fire first."', """
            66  "          "          PUNCT ``   punct     69  O
            67  We         we         PRON  PRP  nsubj     69  O
            68  will       will       AUX   MD   aux       69  O
            69  hold       hold       VERB  VB   ccomp     75  O
            70  the        the        DET   DT   det       71  O
            71  line       line       NOUN  NN   dobj      69  O
            72  ,          ,          PUNCT ,    punct     75  O
            73  "          "          PUNCT ''   punct     75  O
            74  she        she        PRON  PRP  nsubj     75  O
            75  said       say        VERB  VBD  parataxis 82  O
            76  ,          ,          PUNCT ,    punct     75  O
            77  "          "          PUNCT ``   punct     75  O
            78  and        and        CCONJ CC   cc        82  O
            79  we         we         PRON  PRP  nsubj     82  O
            80  will       will       AUX   MD   aux       82  O
            81  not        not        PART  RB   neg       82  O
            82  fire       fire       VERB  VB   ROOT      82  O
            83  first      first      ADV   RB   advmod    82  B-ORDINAL
            84  .          .          PUNCT .    punct     82  O
            85  "          "          PUNCT ``   punct     97  O
        """),
    paragraph('The press union, which said it was alarmed, called the arrests "an act of fear".', """
            87  The        the        DET   DT   det       89  O
            88  press      press      NOUN  NN   compound  89  O
            89  union      union      NOUN  NN   nsubj     97  O
            90  ,          ,          PUNCT ,    punct     89  O
            91  which      which      PRON  WDT  nsubj     92  O
            92  said       say        VERB  VBD  relcl     89  O
            93  it         it         PRON  PRP  nsubj     94  O
            94  was        be         AUX   VBD  ccomp     92  O
            95  alarmed    alarm      VERB  VBN  acomp     94  O
            96  ,          ,          PUNCT ,    punct     89  O
            97  called     call       VERB  VBD  ROOT      97  O
            98  the        the        DET   DT   det       99  O
            99  arrests    arrest     NOUN  NNS  dobj      97  O
            100 "          "          PUNCT ``   punct     97  O
            101 an         an         DET   DT   det       102 O
            102 act        act        NOUN  NN   oprd      97  O
            103 of         of         ADP   IN   prep      102 O
            104 fear       fear       NOUN  NN   pobj      103 O
            105 "          "          PUNCT ''   punct     97  O
            106 .          .          PUNCT .    punct     97  O
        """),
)


#: A quote nested in reported speech, an indirect question, a bare noun object.
NESTED = (
    paragraph('A fisherman said patrol officers had told the crew "turn around and go home now" before seizing the nets.', """
            0   A          a          DET   DT   det       1   O
            1   fisherman  fisherman  NOUN  NN   nsubj     2   O
            2   said       say        VERB  VBD  ROOT      2   O
            3   patrol     patrol     NOUN  NN   compound  4   O
            4   officers   officer    NOUN  NNS  nsubj     6   O
            5   had        have       AUX   VBD  aux       6   O
            6   told       tell       VERB  VBN  ccomp     2   O
            7   the        the        DET   DT   det       8   O
            8   crew       crew       NOUN  NN   dobj      6   O
            9   "          "          PUNCT ``   punct     10  O
            10  turn       turn       VERB  VB   ccomp     6   O
            11  around     around     ADV   RB   advmod    10  O
            12  and        and        CCONJ CC   cc        10  O
            13  go         go         VERB  VB   conj      10  O
            14  home       home       ADV   RB   advmod    13  O
            15  now        now        ADV   RB   advmod    13  O
            16  "          "          PUNCT ''   punct     13  O
            17  before     before     ADP   IN   prep      13  O
            18  seizing    seize      VERB  VBG  pcomp     17  O
            19  the        the        DET   DT   det       20  O
            20  nets       net        NOUN  NNS  dobj      18  O
            21  .          .          PUNCT .    punct     2   O
        """),
    paragraph('A lawyer asked whether the detainees had seen a doctor.', """
            23  A          a          DET   DT   det       24  O
            24  lawyer     lawyer     NOUN  NN   nsubj     25  O
            25  asked      ask        VERB  VBD  ROOT      25  O
            26  whether    whether    SCONJ IN   mark      30  O
            27  the        the        DET   DT   det       28  O
            28  detainees  detainee   NOUN  NNS  nsubj     30  O
            29  had        have       AUX   VBD  aux       30  O
            30  seen       see        VERB  VBN  ccomp     25  O
            31  a          a          DET   DT   det       32  O
            32  doctor     doctor     NOUN  NN   dobj      30  O
            33  .          .          PUNCT .    punct     25  O
        """),
    paragraph('The ministry announced new pledges on Friday.', """
            35  The        the        DET   DT   det       36  O
            36  ministry   ministry   NOUN  NN   nsubj     37  O
            37  announced  announce   VERB  VBD  ROOT      37  O
            38  new        new        ADJ   JJ   amod      39  O
            39  pledges    pledge     NOUN  NNS  dobj      37  O
            40  on         on         ADP   IN   prep      37  O
            41  Friday     Friday     PROPN NNP  pobj      40  B-DATE
            42  .          .          PUNCT .    punct     37  O
        """),
)


@pytest.fixture(autouse=True)
def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    forbid_model(monkeypatch)


def _extract(paragraphs: tuple[Paragraph, ...]) -> tuple[Article, tuple[Attribution, ...]]:
    from newsevents.nlp.entities import extract_entities

    article = Article(id="t", title="Test", paragraphs=tuple(p.text for p in paragraphs), published="2024-03-07")
    doc = article_doc(*paragraphs)
    return article, extract_attributions(doc, article, extract_entities(doc, article))


@pytest.fixture(scope="module")
def found() -> tuple[Article, tuple[Attribution, ...]]:
    return _extract(PARAGRAPHS)


@pytest.fixture(scope="module")
def more() -> tuple[Article, tuple[Attribution, ...]]:
    return _extract(MORE)


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


def test_a_quote_nobody_is_named_for_takes_the_speaker_introduced_next(more) -> None:
    _, atts = more
    quote = _by_content(atts, "The first night")
    assert (quote.kind, quote.source, quote.cue) == ("direct", None, None)
    assert quote.speaker == "Marta Silva"


def test_a_cue_coordinated_inside_a_content_ends_it_and_shares_the_subject(more) -> None:
    _, atts = more
    said = _by_content(atts, "its officers")
    assert said.content.text == "its officers had come under attack while clearing a road"
    accused = _by_content(atts, "Ostravia of")
    assert accused.kind == "mixed" and accused.content.text == 'Ostravia of "open provocation"'
    assert accused.source is not None and accused.source.text == "The interior ministry"
    assert accused.parent is None


def test_a_quote_broken_by_its_cue_is_two_attributions_with_one_source(more) -> None:
    _, atts = more
    first, second = _by_content(atts, "We will hold"), _by_content(atts, "and we will not")
    assert first.source == second.source and first.cue == second.cue
    assert first.source is not None and first.source.text == "she"
    assert first.speaker == second.speaker == "Marta Silva"


def test_a_relative_pronoun_source_names_the_noun_it_stands_for(more) -> None:
    _, atts = more
    alarmed = _by_content(atts, "it was alarmed")
    assert alarmed.source is not None and alarmed.source.text == "which"
    assert alarmed.speaker is not None and "press union" in alarmed.speaker
    called = _by_content(atts, "the arrests")
    assert called.kind == "mixed" and called.content.text == 'the arrests "an act of fear"'


def test_a_quote_with_its_own_cue_inside_reported_speech_is_nested_and_direct() -> None:
    _, atts = _extract(NESTED)
    outer = _by_content(atts, "patrol officers")
    inner = _by_content(atts, "turn around")
    assert outer.kind == "indirect"  # its only quotation marks belong to the nested quote
    assert outer.source is not None and outer.source.text == "A fisherman"
    assert inner.kind == "direct" and inner.parent == outer.id
    assert inner.cue is not None and inner.cue.text == "told"


def test_questions_are_asked_and_bare_noun_objects_are_no_content() -> None:
    _, atts = _extract(NESTED)
    asked = _by_content(atts, "whether")
    assert asked.content.text == "whether the detainees had seen a doctor" and asked.cue.text == "asked"
    assert not any("pledges" in a.content.text for a in atts)
