"""Readings added for our own corpus (issue #7), on parses written out by hand (no spaCy model).

Each table is en_core_web_sm 3.8.0's parse of a sentence written for this test: a headline verb
the tagger took for a plural noun, a hyphen inside a word that is no dateline dash, a state name
the tagger took for a common noun, forces of two states acting "jointly" (cooperation) and an
amount of money standing for the debt it measures; a headline pair, a party joined inside a longer
name and the state across a border forces are moved to.
"""

from __future__ import annotations

import pytest
from docs import code_paragraphs, forbid_model, paragraph
from test_events_helpers import countries, only


@pytest.fixture(autouse=True)
def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    forbid_model(monkeypatch)


def test_a_headline_verb_read_as_a_plural_noun_still_codes_its_event() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Chad apologises to Sudan over border shooting", """
            0 Chad       Chad      PROPN NNP compound 1 O
            1 apologises apologise NOUN  NNS ROOT     1 O
            2 to         to        ADP   IN  prep     1 O
            3 Sudan      Sudan     PROPN NNP pobj     2 B-GPE
            4 over       over      ADP   IN  prep     1 O
            5 border     border    NOUN  NN  compound 6 O
            6 shooting   shooting  NOUN  NN  pobj     4 O
        """),
    )
    conceded = only(events, "CONCEDE")
    assert conceded and countries(conceded[0].actors) == {"TCD"}


def test_a_hyphen_inside_a_word_is_no_dateline_dash() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("SADC sends search-and-rescue teams to Mozambique's flooded districts.", """
            0  SADC       SADC       NOUN  NNS nsubj    1  B-ORG
            1  sends      send       VERB  VBZ ROOT     1  O
            2  search     search     NOUN  NN  nmod     7  O
            3  -          -          PUNCT HYPH punct   2  O
            4  and        and        CCONJ CC  cc       2  O
            5  -          -          PUNCT HYPH punct   6  O
            6  rescue     rescue     NOUN  NN  conj     2  O
            7  teams      team       NOUN  NNS dobj     1  O
            8  to         to         ADP   IN  prep     1  O
            9  Mozambique Mozambique PROPN NNP poss     12 B-ORG
            10 's         's         PART  POS case     9  O
            11 flooded    flooded    ADJ   JJ  amod     12 O
            12 districts  district   NOUN  NNS pobj     8  O
            13 .          .          PUNCT .   punct    1  O
        """),
    )
    assert events and all(countries(e.actors) == {"IGO"} for e in events)


def test_a_state_name_tagged_as_a_common_noun_is_still_the_state() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Bahrain condemned the raid.", """
            0 Bahrain   bahrain   NOUN  NN  nsubj 1 O
            1 condemned condemn   VERB  VBD ROOT  1 O
            2 the       the       DET   DT  det   3 O
            3 raid      raid      NOUN  NN  dobj  1 O
            4 .         .         PUNCT .   punct 1 O
        """),
    )
    assert events and countries(events[0].actors) == {"BHR"}


def test_forces_of_two_states_acting_jointly_cooperate() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Kenyan police and Ugandan officers jointly detained a smuggling suspect in Busia.", """
            0  Kenyan    kenyan    ADJ   JJ  amod     1 B-NORP
            1  police    police    NOUN  NNS nsubj    6 O
            2  and       and       CCONJ CC  cc       1 O
            3  Ugandan   Ugandan   PROPN NNP compound 4 B-PERSON
            4  officers  officer   NOUN  NNS conj     1 O
            5  jointly   jointly   ADV   RB  advmod   6 O
            6  detained  detain    VERB  VBD ROOT     6 O
            7  a         a         DET   DT  det      9 O
            8  smuggling smuggling NOUN  NN  compound 9 O
            9  suspect   suspect   NOUN  NN  dobj     6 O
            10 in        in        ADP   IN  prep     6 O
            11 Busia     Busia     PROPN NNP pobj     10 B-GPE
            12 .         .         PUNCT .   punct    6 O
        """),
    )
    joint = only(events, "COOPERATE")
    assert joint and joint[0].reciprocal and countries(joint[0].actors) == {"KEN", "UGA"}
    assert not only(events, "COERCE")


def test_an_amount_of_money_stands_for_the_debt_it_measures() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Argentina cancelled 3 billion yen of Bolivia's debt.", """
            0 Argentina Argentina PROPN NNP nsubj    1 B-GPE
            1 cancelled cancel    VERB  VBD ROOT     1 O
            2 3         3         NUM   CD  compound 3 B-MONEY
            3 billion   billion   NUM   CD  nummod   4 I-MONEY
            4 yen       yen       NOUN  NNS dobj     1 I-MONEY
            5 of        of        ADP   IN  prep     4 O
            6 Bolivia   Bolivia   PROPN NNP poss     8 B-GPE
            7 's        's        PART  POS case     6 O
            8 debt      debt      NOUN  NN  pobj     5 O
            9 .         .         PUNCT .   punct    1 O
        """),
    )
    aid = only(events, "AID")
    assert aid and countries(aid[0].actors) == {"ARG"}


def test_a_headline_pair_keeps_its_first_party_however_the_tagger_read_it() -> None:
    # The shape en_core_web_sm gives such headlines: the first name hangs on the verb as a clause.
    events, _, _, _ = code_paragraphs(
        paragraph("Benin, Togo sign customs accord", """
            0 Benin   Benin   VERB  VBN advcl    3 B-GPE
            1 ,       ,       PUNCT ,   punct    3 O
            2 Togo    Togo    PROPN NNP nsubj    3 B-GPE
            3 sign    sign    VERB  VBP ROOT     3 O
            4 customs customs NOUN  NN  compound 5 O
            5 accord  accord  NOUN  NN  dobj     3 O
        """),
    )
    assert events and countries(events[0].actors) == {"BEN", "TGO"}


def test_a_party_joined_to_the_last_word_of_a_longer_name_is_a_party_too() -> None:
    # The parse hangs "Angola" on "Congo", inside the name "The Republic of Congo", not on its head.
    events, _, _, _ = code_paragraphs(
        paragraph("The Republic of Congo and Angola agreed to reopen the border crossing.", """
            0  The      the      DET   DT  det      1  B-GPE
            1  Republic Republic PROPN NNP nsubj    6  I-GPE
            2  of       of       ADP   IN  prep     1  I-GPE
            3  Congo    Congo    PROPN NNP pobj     2  I-GPE
            4  and      and      CCONJ CC  cc       3  O
            5  Angola   Angola   PROPN NNP conj     3  B-GPE
            6  agreed   agree    VERB  VBD ROOT     6  O
            7  to       to       PART  TO  aux      8  O
            8  reopen   reopen   VERB  VB  xcomp    6  O
            9  the      the      DET   DT  det      11 O
            10 border   border   NOUN  NN  compound 11 O
            11 crossing crossing NOUN  NN  dobj     8  O
            12 .        .        PUNCT .   punct    6  O
        """),
    )
    assert events and len(countries(events[0].actors)) == 2 and "AGO" in countries(events[0].actors)


def test_forces_moved_to_a_border_face_the_state_across_it() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Chad moved troops to its border with Sudan.", """
            0 Chad   Chad   PROPN NNP nsubj 1 B-GPE
            1 moved  move   VERB  VBD ROOT  1 O
            2 troops troop  NOUN  NNS dobj  1 O
            3 to     to     ADP   IN  prep  1 O
            4 its    its    PRON  PRP$ poss 5 O
            5 border border NOUN  NN  pobj  3 O
            6 with   with   ADP   IN  prep  5 O
            7 Sudan  Sudan  PROPN NNP pobj  6 B-GPE
            8 .      .      PUNCT .   punct 1 O
        """),
    )
    moved = only(events, "MOBILIZE")
    assert moved and countries(moved[0].actors) == {"TCD"} and countries(moved[0].targets) == {"SDN"}


def test_workers_who_down_tools_go_on_strike() -> None:
    # A hand-written parse (the model read "downed" as an adjective here): the lexicon row is what is tested.
    events, _, _, _ = code_paragraphs(
        paragraph("Nurses in Malawi downed tools on Monday.", """
            0 Nurses nurse  NOUN  NNS nsubj 3 O
            1 in     in     ADP   IN  prep  0 O
            2 Malawi Malawi PROPN NNP pobj  1 B-GPE
            3 downed down   VERB  VBD ROOT  3 O
            4 tools  tool   NOUN  NNS dobj  3 O
            5 on     on     ADP   IN  prep  3 O
            6 Monday Monday PROPN NNP pobj  5 B-DATE
            7 .      .      PUNCT .   punct 3 O
        """),
    )
    strikes = only(events, "PROTEST")
    assert strikes and strikes[0].mode == "strike" and countries(strikes[0].actors) == {"MWI"}
