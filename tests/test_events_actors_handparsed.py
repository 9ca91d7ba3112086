"""Actor resolution on parses written out by hand (no spaCy model): descriptions, capitals, pronouns, nationalities.

The same rules as the model tests in ``test_events_actors.py``, each fed the parse the model
(en_core_web_sm 3.8.0) gave once, frozen as a token table (``tests/docs.py``).
"""

from __future__ import annotations

import pytest
from docs import code_paragraphs, forbid_model, paragraph
from test_events_helpers import countries


@pytest.fixture(autouse=True)
def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    forbid_model(monkeypatch)


def test_description_with_possessive_country() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Iran's police force arrested two journalists in Tehran.", """
            0 Iran        Iran       PROPN NNP poss     3 B-GPE
            1 's          's         PART  POS case     0 O
            2 police      police     NOUN  NN  compound 3 O
            3 force       force      NOUN  NN  nsubj    4 O
            4 arrested    arrest     VERB  VBD ROOT     4 O
            5 two         two        NUM   CD  nummod   6 B-CARDINAL
            6 journalists journalist NOUN  NNS dobj     4 O
            7 in          in         ADP   IN  prep     4 O
            8 Tehran      Tehran     PROPN NNP pobj     7 B-GPE
            9 .           .          PUNCT .   punct    4 O
        """),
    )
    (event,) = events
    assert [(a.name, a.country, a.sector) for a in event.actors] == [("Iran's police force", "IRN", "COP")]


def test_capital_stands_for_its_government() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Moscow condemned the attack on its embassy.", """
            0 Moscow    Moscow  PROPN NNP  nsubj 1 B-GPE
            1 condemned condemn VERB  VBD  ROOT  1 O
            2 the       the     DET   DT   det   3 O
            3 attack    attack  NOUN  NN   dobj  1 O
            4 on        on      ADP   IN   prep  3 O
            5 its       its     PRON  PRP$ poss  6 O
            6 embassy   embassy NOUN  NN   pobj  4 O
            7 .         .       PUNCT .    punct 1 O
        """),
    )
    assert [(a.name, a.country, a.sector) for a in events[0].actors] == [("Moscow", "RUS", "GOV")]


def test_leader_description_links_to_the_named_head_of_state() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Russian President Vladimir Putin arrived in Ankara on Monday.", """
            0 Russian   russian   ADJ   JJ  amod     1 B-NORP
            1 President President PROPN NNP compound 3 O
            2 Vladimir  Vladimir  PROPN NNP compound 3 B-PERSON
            3 Putin     Putin     PROPN NNP nsubj    4 I-PERSON
            4 arrived   arrive    VERB  VBD ROOT     4 O
            5 in        in        ADP   IN  prep     4 O
            6 Ankara    Ankara    PROPN NNP pobj     5 B-GPE
            7 on        on        ADP   IN  prep     4 O
            8 Monday    Monday    PROPN NNP pobj     7 B-DATE
            9 .         .         PUNCT .   punct    4 O
        """),
        paragraph("The Russian leader later criticized the Turkish central bank.", """
            11 The        the       DET   DT  det    13 O
            12 Russian    russian   ADJ   JJ  amod   13 B-NORP
            13 leader     leader    NOUN  NN  nsubj  15 O
            14 later      later     ADV   RB  advmod 15 O
            15 criticized criticize VERB  VBD ROOT   15 O
            16 the        the       DET   DT  det    19 O
            17 Turkish    turkish   ADJ   JJ  amod   19 B-NORP
            18 central    central   ADJ   JJ  amod   19 O
            19 bank       bank      NOUN  NN  dobj   15 O
            20 .          .         PUNCT .   punct  15 O
        """),
    )
    critic = [e for e in events if e.type == "ACCUSE"][0]
    assert [(a.name, a.country, a.sector) for a in critic.actors] == [("Vladimir Putin", "RUS", "GOV")]


def test_pronoun_takes_the_last_person() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Brazilian President Luiz Inacio Lula da Silva spoke in Brasilia.", """
            0  Brazilian brazilian ADJ   JJ  amod     1 B-NORP
            1  President President PROPN NNP compound 6 O
            2  Luiz      Luiz      PROPN NNP compound 6 B-PERSON
            3  Inacio    Inacio    PROPN NNP compound 6 I-PERSON
            4  Lula      Lula      PROPN NNP compound 6 I-PERSON
            5  da        da        PROPN NNP compound 6 I-PERSON
            6  Silva     Silva     PROPN NNP nsubj    7 I-PERSON
            7  spoke     speak     VERB  VBD ROOT     7 O
            8  in        in        ADP   IN  prep     7 O
            9  Brasilia  Brasilia  PROPN NNP pobj     8 B-GPE
            10 .         .         PUNCT .   punct    7 O
        """),
        paragraph("He later praised Argentina.", """
            12 He        he        PRON  PRP nsubj  14 O
            13 later     later     ADV   RB  advmod 14 O
            14 praised   praise    VERB  VBD ROOT   14 O
            15 Argentina Argentina PROPN NNP dobj   14 B-GPE
            16 .         .         PUNCT .   punct  14 O
        """),
    )
    praise = [e for e in events if e.type == "SUPPORT"][0]
    assert countries(praise.actors) == {"BRA"} and countries(praise.targets) == {"ARG"}


def test_it_in_a_reported_clause_is_the_reporter() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Syria said it would withdraw its troops from Lebanon.", """
            0 Syria    Syria    PROPN NNP  nsubj 1 B-GPE
            1 said     say      VERB  VBD  ROOT  1 O
            2 it       it       PRON  PRP  nsubj 4 O
            3 would    would    AUX   MD   aux   4 O
            4 withdraw withdraw VERB  VB   ccomp 1 O
            5 its      its      PRON  PRP$ poss  6 O
            6 troops   troop    NOUN  NNS  dobj  4 O
            7 from     from     ADP   IN   prep  4 O
            8 Lebanon  Lebanon  PROPN NNP  pobj  7 B-GPE
            9 .        .        PUNCT .    punct 1 O
        """),
    )
    (event,) = events
    assert (event.type, event.status) == ("CONCEDE", "planned")  # a promised retreat (PLOVER)
    assert countries(event.actors) == {"SYR"} and countries(event.targets) == {"LBN"}


def test_two_nationalities_on_one_noun_are_two_actors() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Senior Chilean and Peruvian officials agreed to reopen the border.", """
            0  Senior    Senior   PROPN NNP nmod  4 O
            1  Chilean   chilean  ADJ   JJ  amod  4 B-NORP
            2  and       and      CCONJ CC  cc    1 O
            3  Peruvian  peruvian ADJ   JJ  conj  1 B-NORP
            4  officials official NOUN  NNS nsubj 5 O
            5  agreed    agree    VERB  VBD ROOT  5 O
            6  to        to       PART  TO  aux   7 O
            7  reopen    reopen   VERB  VB  xcomp 5 O
            8  the       the      DET   DT  det   9 O
            9  border    border   NOUN  NN  dobj  7 O
            10 .         .        PUNCT .   punct 5 O
        """),
    )
    agree = [e for e in events if e.type == "AGREE"][0]
    assert countries(agree.actors) == {"CHL", "PER"}
    assert all(a.sector == "GOV" for a in agree.actors)


def test_rights_group_is_an_ngo_and_igo_members() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("A human rights group criticized the European Union.", """
            0 A          a         DET   DT  det      3 O
            1 human      human     ADJ   JJ  amod     2 O
            2 rights     right     NOUN  NNS compound 3 O
            3 group      group     NOUN  NN  nsubj    4 O
            4 criticized criticize VERB  VBD ROOT     4 O
            5 the        the       DET   DT  det      7 B-ORG
            6 European   European  PROPN NNP compound 7 I-ORG
            7 Union      Union     PROPN NNP dobj     4 I-ORG
            8 .          .         PUNCT .   punct    4 O
        """),
    )
    (event,) = events
    assert [(a.country, a.sector) for a in event.actors] == [("NGO", "NGO")]
    assert countries(event.targets) == {"IGO"}


def test_bare_police_take_the_article_country() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Kenya's election commission met on Monday in Nairobi, Kenya.", """
            0  Kenya      Kenya      PROPN NNP poss     3 B-GPE
            1  's         's         PART  POS case     0 O
            2  election   election   NOUN  NN  compound 3 O
            3  commission commission NOUN  NN  nsubj    4 O
            4  met        meet       VERB  VBD ROOT     4 O
            5  on         on         ADP   IN  prep     4 O
            6  Monday     Monday     PROPN NNP pobj     5 B-DATE
            7  in         in         ADP   IN  prep     4 O
            8  Nairobi    Nairobi    PROPN NNP pobj     7 B-GPE
            9  ,          ,          PUNCT ,   punct    8 O
            10 Kenya      Kenya      PROPN NNP appos    8 B-GPE
            11 .          .          PUNCT .   punct    4 O
        """),
        paragraph("Police detained two opposition activists.", """
            13 Police     Police     NOUN  NNS nsubj    14 O
            14 detained   detain     VERB  VBD ROOT     14 O
            15 two        two        NUM   CD  nummod   17 B-CARDINAL
            16 opposition opposition NOUN  NN  compound 17 O
            17 activists  activist   NOUN  NNS dobj     14 O
            18 .          .          PUNCT .   punct    14 O
        """),
    )
    arrest = [e for e in events if e.type == "COERCE"][0]
    assert [(a.country, a.sector) for a in arrest.actors] == [("KEN", "COP")]


def test_state_media_is_media_of_the_article_country() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Iran's judiciary met in Tehran, Iran.", """
            0 Iran      Iran      PROPN NNP poss  2 B-GPE
            1 's        's        PART  POS case  0 O
            2 judiciary judiciary NOUN  NN  nsubj 3 O
            3 met       meet      VERB  VBD ROOT  3 O
            4 in        in        ADP   IN  prep  3 O
            5 Tehran    Tehran    PROPN NNP pobj  4 B-GPE
            6 ,         ,         PUNCT ,   punct 5 O
            7 Iran      Iran      PROPN NNP appos 5 B-GPE
            8 .         .         PUNCT .   punct 3 O
        """),
        paragraph("State media accused the opposition of plotting a coup.", """
            10 State      state      NOUN  NN  compound 11 O
            11 media      medium     NOUN  NNS nsubj    12 O
            12 accused    accuse     VERB  VBD ROOT     12 O
            13 the        the        DET   DT  det      14 O
            14 opposition opposition NOUN  NN  dobj     12 O
            15 of         of         ADP   IN  prep     14 O
            16 plotting   plot       VERB  VBG pcomp    15 O
            17 a          a          DET   DT  det      18 O
            18 coup       coup       NOUN  NN  dobj     16 O
            19 .          .          PUNCT .   punct    12 O
        """),
    )
    accuse = [e for e in events if e.type == "ACCUSE"][0]
    assert [(a.country, a.sector) for a in accuse.actors] == [("IRN", "MED")]
