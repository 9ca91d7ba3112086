"""General reading rules of the event coder, on parses written out by hand (no spaCy model).

The same rules as ``test_events_rules.py`` guards on the real model, each fed the parse the
model (en_core_web_sm 3.8.0) gave once, frozen as a token table (``tests/docs.py``), so a test
fails for the rule's reason and runs in milliseconds. Each test names the rule it guards: what is
no political event at all (rebuttals, one person's crime, generic or hypothetical actors,
accidents, refused acts), who acts (datelines, documents, "wants X to"), who receives (owners of
proposals, the other party of a relation) and how a clash of police with a crowd is read.
"""

from __future__ import annotations

import pytest
from docs import code_paragraphs, forbid_model, paragraph
from test_events_helpers import countries, only


@pytest.fixture(autouse=True)
def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    forbid_model(monkeypatch)


def _types(events) -> list[str]:
    return [e.type for e in events]


def test_condemning_a_charge_against_oneself_is_a_denial_not_an_accusation() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Iran condemned as baseless claims by the United States that it had supplied drones to Russia.", """
            0  Iran      Iran     PROPN NNP nsubj    1  B-GPE
            1  condemned condemn  VERB  VBD ROOT     1  O
            2  as        as       ADP   IN  prep     1  O
            3  baseless  baseless ADJ   JJ  amod     4  O
            4  claims    claim    NOUN  NNS pobj     2  O
            5  by        by       ADP   IN  prep     4  O
            6  the       the      DET   DT  det      8  B-GPE
            7  United    United   PROPN NNP compound 8  I-GPE
            8  States    States   PROPN NNP pobj     5  I-GPE
            9  that      that     SCONJ IN  mark     12 O
            10 it        it       PRON  PRP nsubj    12 O
            11 had       have     AUX   VBD aux      12 O
            12 supplied  supply   VERB  VBN ccomp    1  O
            13 drones    drone    NOUN  NNS dobj     12 O
            14 to        to       ADP   IN  prep     12 O
            15 Russia    Russia   PROPN NNP pobj     14 B-GPE
            16 .         .        PUNCT .   punct    1  O
        """),
    )
    assert not only(events, "ACCUSE")
    other, _, _, _ = code_paragraphs(
        paragraph("The United States condemned claims by Russia that Ukraine was building chemical weapons.", """
            0  The       the      DET   DT  det      2  B-GPE
            1  United    United   PROPN NNP compound 2  I-GPE
            2  States    States   PROPN NNP nsubj    3  I-GPE
            3  condemned condemn  VERB  VBD ROOT     3  O
            4  claims    claim    NOUN  NNS dobj     3  O
            5  by        by       ADP   IN  prep     4  O
            6  Russia    Russia   PROPN NNP pobj     5  B-GPE
            7  that      that     SCONJ IN  mark     10 O
            8  Ukraine   Ukraine  PROPN NNP nsubj    10 B-GPE
            9  was       be       AUX   VBD aux      10 O
            10 building  build    VERB  VBG acl      4  O
            11 chemical  chemical ADJ   JJ  amod     12 O
            12 weapons   weapon   NOUN  NNS dobj     10 O
            13 .         .        PUNCT .   punct    3  O
        """),
    )
    (accuse,) = only(other, "ACCUSE")
    assert countries(accuse.actors) == {"USA"} and countries(accuse.targets) == {"RUS"}


def test_one_person_damaging_property_is_no_political_event() -> None:
    alone = code_paragraphs(
        paragraph("A man set fire to a shop.", """
            0 A    a    DET   DT  det   1 O
            1 man  man  NOUN  NN  nsubj 2 O
            2 set  set  VERB  VBD ROOT  2 O
            3 fire fire NOUN  NN  dobj  2 O
            4 to   to   ADP   IN  prep  2 O
            5 a    a    DET   DT  det   6 O
            6 shop shop NOUN  NN  pobj  4 O
            7 .    .    PUNCT .   punct 2 O
        """),
    )
    assert alone[0] == ()
    crowd, _, _, _ = code_paragraphs(
        paragraph("Protesters set fire to government buildings in Dhaka.", """
            0 Protesters protester  NOUN  NNS nsubj    1 O
            1 set        set        VERB  VBD ROOT     1 O
            2 fire       fire       NOUN  NN  dobj     1 O
            3 to         to         ADP   IN  prep     1 O
            4 government government NOUN  NN  compound 5 O
            5 buildings  building   NOUN  NNS pobj     3 O
            6 in         in         ADP   IN  prep     5 O
            7 Dhaka      Dhaka      PROPN NNP pobj     6 B-GPE
            8 .          .          PUNCT .   punct    1 O
        """),
    )
    assert [(e.type, e.mode) for e in crowd] == [("PROTEST", "vandalize")]


def test_a_dateline_is_no_actor() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("CAIRO — Egypt and Jordan signed a water agreement on Monday.", """
            0  CAIRO     CAIRO     PROPN NNP advmod   5 B-GPE
            1  —         —         PUNCT :   punct    5 O
            2  Egypt     Egypt     PROPN NNP nsubj    5 B-GPE
            3  and       and       CCONJ CC  cc       2 O
            4  Jordan    Jordan    PROPN NNP conj     2 B-GPE
            5  signed    sign      VERB  VBD ROOT     5 O
            6  a         a         DET   DT  det      8 O
            7  water     water     NOUN  NN  compound 8 O
            8  agreement agreement NOUN  NN  dobj     5 O
            9  on        on        ADP   IN  prep     5 O
            10 Monday    Monday    PROPN NNP pobj     9 B-DATE
            11 .         .         PUNCT .   punct    5 O
        """),
    )
    (event,) = events
    assert event.type == "SUPPORT" and countries(event.actors) == {"EGY", "JOR"}
    assert all(a.name != "CAIRO" for a in event.actors)


GENERIC_ACCIDENTAL_NON_POLITICAL = [
    paragraph("The pact commits both countries not to help any state that attacks the other.", """
        0  The       the     DET   DT  det   1  O
        1  pact      pact    NOUN  NN  nsubj 2  O
        2  commits   commit  VERB  VBZ ROOT  2  O
        3  both      both    DET   DT  det   4  O
        4  countries country NOUN  NNS dobj  2  O
        5  not       not     PART  RB  neg   7  O
        6  to        to      PART  TO  aux   7  O
        7  help      help    VERB  VB  xcomp 2  O
        8  any       any     DET   DT  det   9  O
        9  state     state   NOUN  NN  dobj  7  O
        10 that      that    PRON  WDT nsubj 11 O
        11 attacks   attack  VERB  VBZ relcl 9  O
        12 the       the     DET   DT  det   13 O
        13 other     other   ADJ   JJ  dobj  11 O
        14 .         .       PUNCT .   punct 2  O
    """),
    paragraph("Two ministers were killed when their helicopter crashed in the mountains.", """
        0  Two        two        NUM   CD   nummod    1  B-CARDINAL
        1  ministers  minister   NOUN  NNS  nsubjpass 3  O
        2  were       be         AUX   VBD  auxpass   3  O
        3  killed     kill       VERB  VBN  ROOT      3  O
        4  when       when       SCONJ WRB  advmod    7  O
        5  their      their      PRON  PRP$ poss      6  O
        6  helicopter helicopter NOUN  NN   nsubj     7  O
        7  crashed    crash      VERB  VBD  advcl     3  O
        8  in         in         ADP   IN   prep      7  O
        9  the        the        DET   DT   det       10 O
        10 mountains  mountain   NOUN  NNS  pobj      8  O
        11 .          .          PUNCT .    punct     3  O
    """),
    paragraph("The minister was flown by helicopter to a hospital.", """
        0 The        the        DET   DT  det       1 O
        1 minister   minister   NOUN  NN  nsubjpass 3 O
        2 was        be         AUX   VBD auxpass   3 O
        3 flown      fly        VERB  VBN ROOT      3 O
        4 by         by         ADP   IN  agent     3 O
        5 helicopter helicopter NOUN  NN  pobj      4 O
        6 to         to         ADP   IN  prep      3 O
        7 a          a          DET   DT  det       8 O
        8 hospital   hospital   NOUN  NN  pobj      6 O
        9 .          .          PUNCT .   punct     3 O
    """),
    paragraph("The envoy warned the council of a looming famine.", """
        0 The     the     DET   DT  det   1 O
        1 envoy   envoy   NOUN  NN  nsubj 2 O
        2 warned  warn    VERB  VBD ROOT  2 O
        3 the     the     DET   DT  det   4 B-ORG
        4 council council NOUN  NN  dobj  2 I-ORG
        5 of      of      ADP   IN  prep  4 I-ORG
        6 a       a       DET   DT  det   8 I-ORG
        7 looming loom    VERB  VBG amod  8 I-ORG
        8 famine  famine  NOUN  NN  pobj  5 O
        9 .       .       PUNCT .   punct 2 O
    """),
    paragraph("The strikes hit more than 60 targets, the air force said.", """
        0  The     the    DET   DT  det      1  O
        1  strikes strike NOUN  NNS nsubj    2  O
        2  hit     hit    VERB  VBD ccomp    11 O
        3  more    more   ADJ   JJR amod     5  B-CARDINAL
        4  than    than   ADP   IN  quantmod 5  I-CARDINAL
        5  60      60     NUM   CD  nummod   6  I-CARDINAL
        6  targets target NOUN  NNS dobj     2  O
        7  ,       ,      PUNCT ,   punct    11 O
        8  the     the    DET   DT  det      10 O
        9  air     air    NOUN  NN  compound 10 O
        10 force   force  NOUN  NN  nsubj    11 O
        11 said    say    VERB  VBD ROOT     11 O
        12 .       .      PUNCT .   punct    11 O
    """),
]


@pytest.mark.parametrize("parsed", GENERIC_ACCIDENTAL_NON_POLITICAL, ids=lambda p: " ".join(p.text.split()[:4]))
def test_generic_accidental_and_non_political_readings_code_nothing(parsed) -> None:
    assert code_paragraphs(parsed)[0] == ()


def test_strikes_by_a_state_are_attacks_not_walkouts() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Israeli strikes on Gaza killed 20 people.", """
            0 Israeli israeli ADJ   JJ  amod   1 B-NORP
            1 strikes strike  NOUN  NNS nsubj  4 O
            2 on      on      ADP   IN  prep   1 O
            3 Gaza    Gaza    PROPN NNP pobj   2 B-GPE
            4 killed  kill    VERB  VBD ROOT   4 O
            5 20      20      NUM   CD  nummod 6 B-CARDINAL
            6 people  people  NOUN  NNS dobj   4 O
            7 .       .       PUNCT .   punct  4 O
        """),
    )
    assert not only(events, "PROTEST")
    assert any(countries(e.actors) == {"ISR"} for e in only(events, "ASSAULT"))


def test_police_clashing_with_protesters_is_repression_and_a_riot() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Police clashed with protesters in Nairobi on Tuesday.", """
            0 Police     Police    NOUN  NNS nsubj 1 O
            1 clashed    clash     VERB  VBD ROOT  1 O
            2 with       with      ADP   IN  prep  1 O
            3 protesters protester NOUN  NNS pobj  2 O
            4 in         in        ADP   IN  prep  3 O
            5 Nairobi    Nairobi   PROPN NNP pobj  4 B-GPE
            6 on         on        ADP   IN  prep  1 O
            7 Tuesday    Tuesday   PROPN NNP pobj  6 B-DATE
            8 .          .         PUNCT .   punct 1 O
        """),
    )
    assert sorted((e.type, e.cameo, e.reciprocal) for e in events) == [("ASSAULT", "175", False), ("PROTEST", "145", False)]
    (repression,) = only(events, "ASSAULT")
    assert repression.actors[0].sector == "COP" and repression.targets[0].sector == "CVL"


def test_what_was_refused_did_not_happen() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("The rebels refused to allow aid convoys to enter and deliver food to the town.", """
            0  The     the     DET   DT  det      1  O
            1  rebels  rebel   NOUN  NNS nsubj    2  O
            2  refused refuse  VERB  VBD ROOT     2  O
            3  to      to      PART  TO  aux      4  O
            4  allow   allow   VERB  VB  xcomp    2  O
            5  aid     aid     NOUN  NN  compound 6  O
            6  convoys convoy  NOUN  NNS nsubj    8  O
            7  to      to      PART  TO  aux      8  O
            8  enter   enter   VERB  VB  ccomp    4  O
            9  and     and     CCONJ CC  cc       8  O
            10 deliver deliver VERB  VB  conj     8  O
            11 food    food    NOUN  NN  dobj     10 O
            12 to      to      ADP   IN  prep     10 O
            13 the     the     DET   DT  det      14 O
            14 town    town    NOUN  NN  pobj     12 O
            15 .       .       PUNCT .   punct    2  O
        """),
    )
    assert _types(events) == ["REJECT"]


def test_cutting_ties_is_done_to_the_other_party() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Saudi Arabia cut ties with Qatar on Monday.", """
            0 Saudi  Saudi  PROPN NNP compound 1 B-GPE
            1 Arabia Arabia PROPN NNP nsubj    2 I-GPE
            2 cut    cut    VERB  VBD ROOT     2 O
            3 ties   tie    NOUN  NNS dobj     2 O
            4 with   with   ADP   IN  prep     3 O
            5 Qatar  Qatar  PROPN NNP pobj     4 B-GPE
            6 on     on     ADP   IN  prep     2 O
            7 Monday Monday PROPN NNP pobj     6 B-DATE
            8 .      .      PUNCT .   punct    2 O
        """),
    )
    (event,) = events
    assert event.type == "SANCTION" and not event.reciprocal
    assert countries(event.actors) == {"SAU"} and countries(event.targets) == {"QAT"}


def test_rejecting_a_proposal_targets_its_author() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Iran rejected a proposal from France to resume talks.", """
            0 Iran     Iran     PROPN NNP nsubj 1 B-GPE
            1 rejected reject   VERB  VBD ROOT  1 O
            2 a        a        DET   DT  det   3 O
            3 proposal proposal NOUN  NN  dobj  1 O
            4 from     from     ADP   IN  prep  3 O
            5 France   France   PROPN NNP pobj  4 B-GPE
            6 to       to       PART  TO  aux   7 O
            7 resume   resume   VERB  VB  acl   3 O
            8 talks    talk     NOUN  NNS dobj  7 O
            9 .        .        PUNCT .   punct 1 O
        """),
    )
    (event,) = events
    assert event.type == "REJECT" and countries(event.targets) == {"FRA"}


def test_withdrawing_peacekeepers_in_future_is_a_threat() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Nigeria said it will withdraw its peacekeepers from Liberia.", """
            0 Nigeria      Nigeria     PROPN NNP  nsubj 1 O
            1 said         say         VERB  VBD  ROOT  1 O
            2 it           it          PRON  PRP  nsubj 4 O
            3 will         will        AUX   MD   aux   4 O
            4 withdraw     withdraw    VERB  VB   ccomp 1 O
            5 its          its         PRON  PRP$ poss  6 O
            6 peacekeepers peacekeeper NOUN  NNS  dobj  4 O
            7 from         from        ADP   IN   prep  4 O
            8 Liberia      Liberia     PROPN NNP  pobj  7 B-GPE
            9 .            .           PUNCT .    punct 1 O
        """),
    )
    (event,) = events
    assert (event.type, event.status) == ("THREATEN", "planned")
    assert countries(event.targets) == {"LBR"}


def test_a_report_speaks_for_where_it_was_released() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("A report released in Kigali accused France of training militias.", """
            0  A        a        DET   DT  det      1 O
            1  report   report   NOUN  NN  nsubj    5 O
            2  released release  VERB  VBN acl      1 O
            3  in       in       ADP   IN  prep     2 O
            4  Kigali   Kigali   PROPN NNP pobj     3 B-GPE
            5  accused  accuse   VERB  VBD ROOT     5 O
            6  France   France   PROPN NNP dobj     5 B-GPE
            7  of       of       ADP   IN  prep     5 O
            8  training training NOUN  NN  compound 9 O
            9  militias militia  NOUN  NNS pobj     7 O
            10 .        .        PUNCT .   punct    5 O
        """),
    )
    (event,) = only(events, "ACCUSE")
    assert countries(event.actors) == {"RWA"} and countries(event.targets) == {"FRA"}


def test_wanting_someone_to_act_is_a_request_to_them() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("Washington wants Seoul to impose sanctions on Pyongyang.", """
            0 Washington Washington PROPN NNP nsubj 1 B-GPE
            1 wants      want       VERB  VBZ ROOT  1 O
            2 Seoul      Seoul      PROPN NNP nsubj 4 B-GPE
            3 to         to         PART  TO  aux   4 O
            4 impose     impose     VERB  VB  ccomp 1 O
            5 sanctions  sanction   NOUN  NNS dobj  4 O
            6 on         on         ADP   IN  prep  5 O
            7 Pyongyang  Pyongyang  PROPN NNP pobj  6 B-GPE
            8 .          .          PUNCT .   punct 1 O
        """),
    )
    (event,) = events
    assert event.type == "REQUEST" and countries(event.actors) == {"USA"} and countries(event.targets) == {"KOR"}


def test_a_vetoed_resolution_demands_for_its_authors_not_the_vetoer() -> None:
    events, _, _, _ = code_paragraphs(
        paragraph("The United States vetoed a Security Council resolution demanding a ceasefire in Gaza.", """
            0  The        the        DET   DT  det      2  B-GPE
            1  United     United     PROPN NNP compound 2  I-GPE
            2  States     States     PROPN NNP nsubj    3  I-GPE
            3  vetoed     veto       VERB  VBD ROOT     3  O
            4  a          a          DET   DT  det      7  O
            5  Security   Security   PROPN NNP compound 6  B-ORG
            6  Council    Council    PROPN NNP compound 7  I-ORG
            7  resolution resolution NOUN  NN  dobj     3  O
            8  demanding  demand     VERB  VBG acl      7  O
            9  a          a          DET   DT  det      10 O
            10 ceasefire  ceasefire  NOUN  NN  dobj     8  O
            11 in         in         ADP   IN  prep     10 O
            12 Gaza       Gaza       PROPN NNP pobj     11 B-GPE
            13 .          .          PUNCT .   punct    3  O
        """),
    )
    (veto,) = only(events, "REJECT")
    assert countries(veto.actors) == {"USA"}
    assert all("USA" not in countries(e.actors) for e in only(events, "REQUEST"))
