"""Quote attribution on parses written out by hand (no spaCy model).

The attribution patterns of ``test_quotes.py``, each fed the parse the model (en_core_web_sm
3.8.0) gave once, frozen as a token table (``tests/docs.py``). Finding the quoted text needs no
parse and is tested there.
"""

from __future__ import annotations

import pytest
from docs import Paragraph, article_doc, forbid_model, paragraph

from newsevents.events.quotes import extract_quotes
from newsevents.records import Article, Quote


@pytest.fixture(autouse=True)
def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    forbid_model(monkeypatch)


def _quotes(*paragraphs: Paragraph) -> tuple[Quote, ...]:
    from newsevents.nlp.entities import extract_entities

    article = Article(id="t", title="Test", paragraphs=tuple(p.text for p in paragraphs), published="2024-07-27")
    doc = article_doc(*paragraphs)
    return extract_quotes(doc, article, extract_entities(doc, article))


def test_attribution_patterns() -> None:
    quotes = _quotes(
        paragraph("Russian Foreign Minister Sergei Lavrov met his Turkish counterpart in Ankara on Monday.", """
            0  Russian     russian     ADJ   JJ   amod     2  B-NORP
            1  Foreign     Foreign     PROPN NNP  compound 2  O
            2  Minister    Minister    PROPN NNP  compound 4  O
            3  Sergei      Sergei      PROPN NNP  compound 4  B-PERSON
            4  Lavrov      Lavrov      PROPN NNP  nsubj    5  I-PERSON
            5  met         meet        VERB  VBD  ROOT     5  O
            6  his         his         PRON  PRP$ poss     8  O
            7  Turkish     turkish     ADJ   JJ   amod     8  B-NORP
            8  counterpart counterpart NOUN  NN   dobj     5  O
            9  in          in          ADP   IN   prep     5  O
            10 Ankara      Ankara      PROPN NNP  pobj     9  B-GPE
            11 on          on          ADP   IN   prep     5  O
            12 Monday      Monday      PROPN NNP  pobj     11 B-DATE
            13 .           .           PUNCT .    punct    5  O
        """),
        paragraph('"We will not back down under any kind of pressure," said Sergei Lavrov.', """
            15 "        "        PUNCT ``  punct    28 O
            16 We       we       PRON  PRP nsubj    19 O
            17 will     will     AUX   MD  aux      19 O
            18 not      not      PART  RB  neg      19 O
            19 back     back     VERB  VB  ccomp    28 O
            20 down     down     ADP   RP  prt      19 O
            21 under    under    ADP   IN  prep     19 O
            22 any      any      DET   DT  det      23 O
            23 kind     kind     NOUN  NN  pobj     21 O
            24 of       of       ADP   IN  prep     23 O
            25 pressure pressure NOUN  NN  pobj     24 O
            26 ,        ,        PUNCT ,   punct    28 O
            27 "        "        PUNCT ''  punct    28 O
            28 said     say      VERB  VBD ROOT     28 O
            29 Sergei   Sergei   PROPN NNP compound 30 B-PERSON
            30 Lavrov   Lavrov   PROPN NNP nsubj    28 I-PERSON
            31 .        .        PUNCT .   punct    28 O
        """),
        paragraph('"Our position has been clear for a very long time," he added.', """
            33 "        "        PUNCT ``   punct  37 O
            34 Our      our      PRON  PRP$ poss   35 O
            35 position position NOUN  NN   nsubj  37 O
            36 has      have     AUX   VBZ  aux    37 O
            37 been     be       AUX   VBN  ccomp  47 O
            38 clear    clear    ADJ   JJ   acomp  37 O
            39 for      for      ADP   IN   prep   37 O
            40 a        a        DET   DT   det    43 O
            41 very     very     ADV   RB   advmod 42 O
            42 long     long     ADJ   JJ   amod   43 O
            43 time     time     NOUN  NN   pobj   39 O
            44 ,        ,        PUNCT ,    punct  47 O
            45 "        "        PUNCT ''   punct  47 O
            46 he       he       PRON  PRP  nsubj  47 O
            47 added    add      VERB  VBD  ROOT   47 O
            48 .        .        PUNCT .    punct  47 O
        """),
        paragraph('According to IRNA, "the talks were constructive and will continue next week."', """
            50 According    accord       VERB  VBG prep     57 O
            51 to           to           ADP   IN  prep     50 O
            52 IRNA         IRNA         PROPN NNP pobj     51 B-ORG
            53 ,            ,            PUNCT ,   punct    57 O
            54 "            "            PUNCT ``  punct    57 O
            55 the          the          DET   DT  det      56 O
            56 talks        talk         NOUN  NNS nsubj    57 O
            57 were         be           AUX   VBD ROOT     57 O
            58 constructive constructive ADJ   JJ  acomp    57 O
            59 and          and          CCONJ CC  cc       57 O
            60 will         will         AUX   MD  aux      61 O
            61 continue     continue     VERB  VB  conj     57 O
            62 next         next         ADJ   JJ  amod     63 B-DATE
            63 week         week         NOUN  NN  npadvmod 61 I-DATE
            64 .            .            PUNCT .   punct    57 O
            65 "            "            PUNCT ``  ROOT     65 O
        """),
        paragraph("The foreign ministry said in a statement that it rejected the accusations.", """
            67 The         the        DET   DT  det   69 O
            68 foreign     foreign    ADJ   JJ  amod  69 O
            69 ministry    ministry   NOUN  NN  nsubj 70 O
            70 said        say        VERB  VBD ROOT  70 O
            71 in          in         ADP   IN  prep  70 O
            72 a           a          DET   DT  det   73 O
            73 statement   statement  NOUN  NN  pobj  71 O
            74 that        that       SCONJ IN  mark  76 O
            75 it          it         PRON  PRP nsubj 76 O
            76 rejected    reject     VERB  VBD ccomp 70 O
            77 the         the        DET   DT  det   78 O
            78 accusations accusation NOUN  NNS dobj  76 O
            79 .           .          PUNCT .   punct 70 O
        """),
        paragraph('"The government will respond firmly to any aggression against its territory," the statement added.', """
            81 "          "          PUNCT ``   punct  85 O
            82 The        the        DET   DT   det    83 O
            83 government government NOUN  NN   nsubj  85 O
            84 will       will       AUX   MD   aux    85 O
            85 respond    respond    VERB  VB   ccomp  97 O
            86 firmly     firmly     ADV   RB   advmod 85 O
            87 to         to         ADP   IN   prep   85 O
            88 any        any        DET   DT   det    89 O
            89 aggression aggression NOUN  NN   pobj   87 O
            90 against    against    ADP   IN   prep   89 O
            91 its        its        PRON  PRP$ poss   92 O
            92 territory  territory  NOUN  NN   pobj   90 O
            93 ,          ,          PUNCT ,    punct  97 O
            94 "          "          PUNCT ''   punct  97 O
            95 the        the        DET   DT   det    96 O
            96 statement  statement  NOUN  NN   nsubj  97 O
            97 added      add        VERB  VBD  ROOT   97 O
            98 .          .          PUNCT .    punct  97 O
        """),
        paragraph('"It is a grave mistake that will cost many lives," Joe Biden told reporters.', """
            100 "         "        PUNCT ``  punct    102 O
            101 It        it       PRON  PRP nsubj    102 O
            102 is        be       AUX   VBZ ccomp    115 O
            103 a         a        DET   DT  det      105 O
            104 grave     grave    ADJ   JJ  amod     105 O
            105 mistake   mistake  NOUN  NN  attr     102 O
            106 that      that     PRON  WDT nsubj    108 O
            107 will      will     AUX   MD  aux      108 O
            108 cost      cost     VERB  VB  relcl    105 O
            109 many      many     ADJ   JJ  amod     110 O
            110 lives     life     NOUN  NNS dobj     108 O
            111 ,         ,        PUNCT ,   punct    115 O
            112 "         "        PUNCT ''  punct    115 O
            113 Joe       Joe      PROPN NNP compound 114 B-PERSON
            114 Biden     Biden    PROPN NNP nsubj    115 I-PERSON
            115 told      tell     VERB  VBD ROOT     115 O
            116 reporters reporter NOUN  NNS dobj     115 O
            117 .         .        PUNCT .   punct    115 O
        """),
        paragraph('He called the plan a "red line" for the government.', """
            119 He         he         PRON  PRP nsubj 120 O
            120 called     call       VERB  VBD ROOT  120 O
            121 the        the        DET   DT  det   122 O
            122 plan       plan       NOUN  NN  dobj  120 O
            123 a          a          DET   DT  det   126 O
            124 "          "          PUNCT ``  punct 126 O
            125 red        red        ADJ   JJ  amod  126 O
            126 line       line       NOUN  NN  oprd  120 O
            127 "          "          PUNCT ''  punct 126 O
            128 for        for        ADP   IN  prep  126 O
            129 the        the        DET   DT  det   130 O
            130 government government NOUN  NN  pobj  128 O
            131 .          .          PUNCT .   punct 120 O
        """),
    )
    speakers = [(q.text.split()[0], q.speaker) for q in quotes]
    assert speakers == [
        ("We", "Sergei Lavrov"),
        ("Our", "Sergei Lavrov"),
        ("the", "IRNA"),
        ("The", "foreign ministry"),
        ("It", "Joe Biden"),
    ]  # the two-word scare quote "red line" is no quote


def test_quote_before_attribution_with_colon() -> None:
    quotes = _quotes(
        paragraph("The rights group said on Monday:", """
            0 The    the    DET   DT  det      2 O
            1 rights right  NOUN  NNS compound 2 O
            2 group  group  NOUN  NN  nsubj    3 O
            3 said   say    VERB  VBD ROOT     3 O
            4 on     on     ADP   IN  prep     3 O
            5 Monday Monday PROPN NNP pobj     4 B-DATE
            6 :      :      PUNCT :   punct    3 O
        """),
        paragraph('"Dozens of people were detained in the capital overnight and many are missing."', """
            8  "         "         PUNCT ``  punct     13 O
            9  Dozens    dozen     NOUN  NNS nsubjpass 13 B-CARDINAL
            10 of        of        ADP   IN  prep      9  O
            11 people    people    NOUN  NNS pobj      10 O
            12 were      be        AUX   VBD auxpass   13 O
            13 detained  detain    VERB  VBN ccomp     3  O
            14 in        in        ADP   IN  prep      13 O
            15 the       the       DET   DT  det       16 O
            16 capital   capital   NOUN  NN  pobj      14 O
            17 overnight overnight ADV   RB  advmod    13 O
            18 and       and       CCONJ CC  cc        13 O
            19 many      many      ADJ   JJ  nsubj     21 O
            20 are       be        AUX   VBP aux       21 O
            21 missing   miss      VERB  VBG conj      13 O
            22 .         .         PUNCT .   punct     3  O
            23 "         "         PUNCT ''  punct     3  O
        """),
    )
    assert [q.speaker for q in quotes] == ["rights group"]
