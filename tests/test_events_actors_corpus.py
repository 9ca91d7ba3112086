"""Actor and recipient countries: the general fixes found on the train split of our corpus (``eval/corpus``).

Each rule is fed a parse written out by hand (en_core_web_sm 3.8.0's parse of a sentence we wrote,
see ``tests/docs.py``), so the tests run without the model and fail for the rule's reason.
"""

from __future__ import annotations

import pytest
from docs import code_paragraphs, forbid_model, paragraph

from newsevents.records import Event


@pytest.fixture(autouse=True)
def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    forbid_model(monkeypatch)


def _parties(event: Event) -> tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]:
    """(name, country) of the actors and of the targets."""
    return [(a.name, a.country) for a in event.actors], [(t.name, t.country) for t in event.targets]


def test_a_capital_the_ner_calls_an_organisation_still_acts_for_its_state() -> None:
    (event,) = code_paragraphs(
        paragraph("Officials said Budapest had backed the plan.", """
            0  Officials official NOUN  NNS  nsubj     1  O
            1  said      say      VERB  VBD  ROOT      1  O
            2  Budapest  Budapest PROPN NNP  nsubj     4  B-ORG
            3  had       have     AUX   VBD  aux       4  O
            4  backed    back     VERB  VBN  ccomp     1  O
            5  the       the      DET   DT   det       6  O
            6  plan      plan     NOUN  NN   dobj      4  O
            7  .         .        PUNCT .    punct     1  O
        """),
    )[0]
    assert [(a.name, a.country, a.sector) for a in event.actors] == [("Budapest", "HUN", "GOV")]


def test_a_place_after_in_gives_the_country_even_when_the_ner_missed_it() -> None:
    (event,) = code_paragraphs(
        paragraph("Lawmakers in Accra rejected the Chinese loan.", """
            0  Lawmakers lawmaker NOUN  NNS  nsubj     3  O
            1  in        in       ADP   IN   prep      0  O
            2  Accra     Accra    PROPN NNP  pobj      1  O
            3  rejected  reject   VERB  VBD  ROOT      3  O
            4  the       the      DET   DT   det       6  O
            5  Chinese   chinese  ADJ   JJ   amod      6  B-NORP
            6  loan      loan     NOUN  NN   dobj      3  O
            7  .         .        PUNCT .    punct     3  O
        """),
    )[0]
    actors, targets = _parties(event)
    assert actors == [("Lawmakers", "GHA")]  # not the other country the sentence names
    assert targets == [("Chinese", "CHN")]  # a loan is no actor: the one whose loan it is receives


def test_a_multi_word_state_name_is_read_whole() -> None:
    (event,) = code_paragraphs(
        paragraph("The Solomon Islands' finance minister resigned on Monday.", """
            0  The      the      DET   DT   det       2  O
            1  Solomon  Solomon  PROPN NNP  compound  2  O
            2  Islands  Islands  PROPN NNP  poss      5  O
            3  '        '        PART  POS  case      2  O
            4  finance  finance  NOUN  NN   compound  5  O
            5  minister minister NOUN  NN   nsubj     6  O
            6  resigned resign   VERB  VBD  ROOT      6  O
            7  on       on       ADP   IN   prep      6  O
            8  Monday   Monday   PROPN NNP  pobj      7  B-DATE
            9  .        .        PUNCT .    punct     6  O
        """),
    )[0]
    assert [(a.country, a.sector) for a in event.actors] == [("SLB", "GOV")]


def test_goods_are_no_recipient_but_their_owner_is() -> None:
    (event,) = code_paragraphs(
        paragraph("Cuba refused to accept deportation flights from the US.", """
            0  Cuba        Cuba        PROPN NNP  nsubj     1  B-GPE
            1  refused     refuse      VERB  VBD  ROOT      1  O
            2  to          to          PART  TO   aux       3  O
            3  accept      accept      VERB  VB   xcomp     1  O
            4  deportation deportation NOUN  NN   compound  5  O
            5  flights     flight      NOUN  NNS  dobj      3  O
            6  from        from        ADP   IN   prep      5  O
            7  the         the         DET   DT   det       8  O
            8  US          US          PROPN NNP  pobj      6  B-GPE
            9  .           .           PUNCT .    punct     1  O
        """),
    )[0]
    assert _parties(event) == ([("Cuba", "CUB")], [("US", "USA")])


RESIDENTS_ONE_COUNTRY = paragraph("Residents accused Kenya's police of torture.", """
    0  Residents resident NOUN  NNS  nsubj     1  O
    1  accused   accuse   VERB  VBD  ROOT      1  O
    2  Kenya     Kenya    PROPN NNP  poss      4  B-GPE
    3  's        's       PART  POS  case      2  O
    4  police    police   NOUN  NNS  dobj      1  O
    5  of        of       ADP   IN   prep      4  O
    6  torture   torture  NOUN  NN   pobj      5  O
    7  .         .        PUNCT .    punct     1  O
""")
RESIDENTS_TWO_COUNTRIES = paragraph("Residents accused Kenya's police and Uganda's army of torture.", """
    0  Residents resident NOUN  NNS  nsubj     1  O
    1  accused   accuse   VERB  VBD  ROOT      1  O
    2  Kenya     Kenya    PROPN NNP  poss      4  B-GPE
    3  's        's       PART  POS  case      2  O
    4  police    police   NOUN  NN   dobj      1  O
    5  and       and      CCONJ CC   cc        4  O
    6  Uganda    Uganda   PROPN NNP  poss      8  B-GPE
    7  's        's       PART  POS  case      6  O
    8  army      army     NOUN  NN   conj      4  O
    9  of        of       ADP   IN   prep      8  O
    10 torture   torture  NOUN  NN   pobj      9  O
    11 .         .        PUNCT .    punct     1  O
""")


def test_people_take_the_country_only_when_the_text_names_one() -> None:
    (event,) = code_paragraphs(RESIDENTS_ONE_COUNTRY)[0]
    assert _parties(event)[0] == [("Residents", "KEN")]
    (event,) = code_paragraphs(RESIDENTS_TWO_COUNTRIES)[0]
    assert _parties(event) == ([("Residents", None)], [("Kenya's police", "KEN"), ("Uganda's army", "UGA")])


@pytest.mark.parametrize("parsed, recipient", [
    (paragraph("Japan promised to help Tuvalu adapt to rising seas.", """
        0  Japan    Japan   PROPN NNP  nsubj     1  B-GPE
        1  promised promise VERB  VBD  ROOT      1  O
        2  to       to      PART  TO   aux       3  O
        3  help     help    VERB  VB   xcomp     1  O
        4  Tuvalu   Tuvalu  PROPN NNP  nsubj     5  O
        5  adapt    adapt   VERB  VB   ccomp     3  O
        6  to       to      ADP   IN   prep      5  O
        7  rising   rise    VERB  VBG  amod      8  O
        8  seas     sea     NOUN  NNS  pobj      6  O
        9  .        .       PUNCT .    punct     1  O
    """), ("Tuvalu", "TUV")),
    (paragraph("Kiribati pledged to let Australian police train its maritime unit.", """
        0  Kiribati   Kiribati   PROPN NNP  nsubj     1  B-GPE
        1  pledged    pledge     VERB  VBD  ROOT      1  O
        2  to         to         PART  TO   aux       3  O
        3  let        let        VERB  VB   xcomp     1  O
        4  Australian australian ADJ   JJ   amod      5  B-NORP
        5  police     police     NOUN  NNS  nsubj     6  O
        6  train      train      VERB  VB   ccomp     3  O
        7  its        its        PRON  PRP$ poss      9  O
        8  maritime   maritime   ADJ   JJ   amod      9  O
        9  unit       unit       NOUN  NN   dobj      6  O
        10 .          .          PUNCT .    punct     1  O
    """), ("Australian police", "AUS")),
], ids=["help X", "let X"])
def test_an_undertaking_benefits_the_one_it_helps_or_lets(parsed, recipient) -> None:
    (event,) = code_paragraphs(parsed)[0]
    assert event.type == "AGREE"
    assert _parties(event)[1] == [recipient]


def test_a_withdrawal_is_from_the_place_after_back_from() -> None:
    (event,) = code_paragraphs(
        paragraph("Rebels pulled back from Goma on Saturday.", """
            0  Rebels   rebel    NOUN  NNS  nsubj     1  O
            1  pulled   pull     VERB  VBD  ROOT      1  O
            2  back     back     ADV   RB   advmod    1  O
            3  from     from     ADP   IN   prep      2  O
            4  Goma     Goma     PROPN NNP  pobj      3  B-PERSON
            5  on       on       ADP   IN   prep      1  O
            6  Saturday Saturday PROPN NNP  pobj      5  B-DATE
            7  .        .        PUNCT .    punct     1  O
        """),
    )[0]
    assert event.type == "RETREAT"
    assert _parties(event)[1] == [("Goma", "COD")]


RECIPIENTS = [
    (paragraph("Turkey warned Greece against drilling near the islands.", """
        0  Turkey   Turkey  PROPN NNP  nsubj     1  B-GPE
        1  warned   warn    VERB  VBD  ROOT      1  O
        2  Greece   Greece  PROPN NNP  dobj      1  B-GPE
        3  against  against ADP   IN   prep      1  O
        4  drilling drill   VERB  VBG  pcomp     3  O
        5  near     near    ADP   IN   prep      4  O
        6  the      the     DET   DT   det       7  O
        7  islands  island  NOUN  NNS  pobj      5  O
        8  .        .       PUNCT .    punct     1  O
    """), "THREATEN", [("Greece", "GRC")]),
    (paragraph("North Korea threatened to take military action if Seoul went ahead with drills.", """
        0  North      North    PROPN NNP  compound  1  B-GPE
        1  Korea      Korea    PROPN NNP  nsubj     2  I-GPE
        2  threatened threaten VERB  VBD  ROOT      2  O
        3  to         to       PART  TO   aux       4  O
        4  take       take     VERB  VB   xcomp     2  O
        5  military   military ADJ   JJ   amod      6  O
        6  action     action   NOUN  NN   dobj      4  O
        7  if         if       SCONJ IN   mark      9  O
        8  Seoul      Seoul    PROPN NNP  nsubj     9  B-GPE
        9  went       go       VERB  VBD  advcl     4  O
        10 ahead      ahead    ADV   RB   advmod    9  O
        11 with       with     ADP   IN   prep      9  O
        12 drills     drill    NOUN  NNS  pobj      11 O
        13 .          .        PUNCT .    punct     2  O
    """), "THREATEN", [("Seoul", "KOR")]),
    (paragraph("Uganda refuses entry to German opposition MP", """
        0  Uganda     Uganda     PROPN NNP  nsubj     1  B-GPE
        1  refuses    refuse     VERB  VBZ  ROOT      1  O
        2  entry      entry      NOUN  NN   dobj      1  O
        3  to         to         ADP   IN   prep      2  O
        4  German     german     ADJ   JJ   amod      5  B-NORP
        5  opposition opposition NOUN  NN   compound  6  O
        6  MP         MP         PROPN NNP  pobj      3  O
    """), "REJECT", [("German opposition MP", "DEU")]),
    (paragraph("Zambia's president commuted the death sentences of 390 prisoners.", """
        0  Zambia    Zambia    PROPN NNP  poss      2  B-GPE
        1  's        's        PART  POS  case      0  O
        2  president president NOUN  NN   nsubj     3  O
        3  commuted  commute   VERB  VBD  ROOT      3  O
        4  the       the       DET   DT   det       6  O
        5  death     death     NOUN  NN   compound  6  O
        6  sentences sentence  NOUN  NNS  dobj      3  O
        7  of        of        ADP   IN   prep      6  O
        8  390       390       NUM   CD   nummod    9  B-CARDINAL
        9  prisoners prisoner  NOUN  NNS  pobj      7  O
        10 .         .         PUNCT .    punct     3  O
    """), "CONCEDE", [("prisoners", "ZMB")]),
]


@pytest.mark.parametrize("parsed, event_type, recipients", RECIPIENTS,
                         ids=["actor the pattern names", "if-clause of the infinitive", "to X of a thing", "of X of a thing"])
def test_the_recipient_is_found_wherever_the_sentence_names_one(parsed, event_type, recipients) -> None:
    (event,) = code_paragraphs(parsed)[0]
    assert event.type == event_type
    assert _parties(event)[1] == recipients


def test_forces_a_state_deploys_are_its_own_not_the_recipient() -> None:
    (event,) = code_paragraphs(
        paragraph("Kenya deployed 500 troops to the border on Friday.", """
            0  Kenya    Kenya  PROPN NNP  nsubj     1  B-GPE
            1  deployed deploy VERB  VBD  ROOT      1  O
            2  500      500    NUM   CD   nummod    3  B-CARDINAL
            3  troops   troop  NOUN  NNS  dobj      1  O
            4  to       to     ADP   IN   prep      1  O
            5  the      the    DET   DT   det       6  O
            6  border   border NOUN  NN   pobj      4  O
            7  on       on     ADP   IN   prep      1  O
            8  Friday   Friday PROPN NNP  pobj      7  B-DATE
            9  .        .      PUNCT .    punct     1  O
        """),
    )[0]
    assert event.type == "MOBILIZE"
    assert _parties(event) == ([("Kenya", "KEN")], [])


def test_a_plural_from_several_states_is_one_actor_per_state() -> None:
    (event,) = code_paragraphs(
        paragraph("Delegations from Ethiopia, Egypt and Sudan resumed talks in Cairo.", """
            0  Delegations delegation NOUN  NNS  nsubj     7  O
            1  from        from       ADP   IN   prep      0  O
            2  Ethiopia    Ethiopia   PROPN NNP  pobj      1  B-GPE
            3  ,           ,          PUNCT ,    punct     2  O
            4  Egypt       Egypt      PROPN NNP  conj      2  B-GPE
            5  and         and        CCONJ CC   cc        4  O
            6  Sudan       Sudan      PROPN NNP  conj      4  B-GPE
            7  resumed     resume     VERB  VBD  ROOT      7  O
            8  talks       talk       NOUN  NNS  dobj      7  O
            9  in          in         ADP   IN   prep      8  O
            10 Cairo       Cairo      PROPN NNP  pobj      9  B-GPE
            11 .           .          PUNCT .    punct     7  O
        """),
    )[0]
    assert [(a.country, a.sector) for a in event.actors] == [("ETH", "GOV"), ("EGY", "GOV"), ("SDN", "GOV")]
    assert event.reciprocal and event.targets == ()


@pytest.mark.parametrize("name, country", [
    ("Asian Development Bank", "IGO"), ("Mercosur", "IGO"), ("African Union Commission", "IGO"), ("CARICOM", "IGO"),
    ("the Commonwealth", "IGO"), ("OPCW", "IGO"), ("Community of Sant'Egidio", "NGO"),
])
def test_regional_bodies_and_lenders_are_known_organisations(name, country) -> None:
    from newsevents.events.phrases import known_org

    org = known_org(name)
    assert org is not None and org.country == country


def test_a_hyphenated_state_name_is_not_the_state_inside_it() -> None:
    (event,) = code_paragraphs(
        paragraph("Guinea-Bissau president threatens to dissolve parliament again", """
            0  Guinea     Guinea     PROPN NNP  compound  2  B-GPE
            1  -          -          PUNCT HYPH punct     2  O
            2  Bissau     Bissau     PROPN NNP  compound  3  O
            3  president  president  NOUN  NN   nsubj     4  O
            4  threatens  threaten   VERB  VBZ  ROOT      4  O
            5  to         to         PART  TO   aux       6  O
            6  dissolve   dissolve   VERB  VB   xcomp     4  O
            7  parliament parliament NOUN  NN   dobj      6  O
            8  again      again      ADV   RB   advmod    6  O
        """),
    )[0]
    assert [(a.name, a.country) for a in event.actors] == [("Guinea-Bissau president", "GNB")]


def test_a_possessive_state_beats_the_default_country_of_an_institution_name() -> None:
    (event,) = code_paragraphs(
        paragraph("Honduras' Congress rejected the bill.", """
            0  Honduras hondura  NOUN  NNS  poss      2  B-GPE
            1  '        '        PART  POS  case      0  O
            2  Congress Congress PROPN NNP  nsubj     3  B-ORG
            3  rejected reject   VERB  VBD  ROOT      3  O
            4  the      the      DET   DT   det       5  O
            5  bill     bill     NOUN  NN   dobj      3  O
            6  .        .        PUNCT .    punct     3  O
        """),
    )[0]
    assert [(a.name, a.country, a.sector) for a in event.actors] == [("Congress", "HND", "LEG")]


def test_a_third_party_hosting_talks_acts_on_the_parties_it_brings_together() -> None:
    events = code_paragraphs(
        paragraph("Djibouti hosted talks between Ethiopia and Eritrea on Thursday.", """
            0  Djibouti Djibouti PROPN NNP  nsubj     1  B-GPE
            1  hosted   host     VERB  VBD  ROOT      1  O
            2  talks    talk     NOUN  NNS  dobj      1  O
            3  between  between  ADP   IN   prep      2  O
            4  Ethiopia Ethiopia PROPN NNP  pobj      3  B-GPE
            5  and      and      CCONJ CC   cc        4  O
            6  Eritrea  Eritrea  PROPN NNP  conj      4  B-GPE
            7  on       on       ADP   IN   prep      1  O
            8  Thursday Thursday PROPN NNP  pobj      7  B-DATE
            9  .        .        PUNCT .    punct     1  O
        """),
    )[0]
    assert events and all(e.type == "CONSULT" and not e.reciprocal for e in events)
    assert {_parties(e) == ([("Djibouti", "DJI")], [("Ethiopia", "ETH"), ("Eritrea", "ERI")]) for e in events} == {True}


def test_a_list_of_states_the_ner_took_as_one_name_is_one_actor_per_state() -> None:
    (event,) = code_paragraphs(
        paragraph("Mali, Burkina Faso and Niger rejected the invitation.", """
            0  Mali       Mali       PROPN NNP  nsubj     6  B-ORG
            1  ,          ,          PUNCT ,    punct     0  I-ORG
            2  Burkina    Burkina    PROPN NNP  compound  3  I-ORG
            3  Faso       Faso       PROPN NNP  appos     0  I-ORG
            4  and        and        CCONJ CC   cc        3  O
            5  Niger      Niger      PROPN NNP  conj      3  B-PERSON
            6  rejected   reject     VERB  VBD  ROOT      6  O
            7  the        the        DET   DT   det       8  O
            8  invitation invitation NOUN  NN   dobj      6  O
            9  .          .          PUNCT .    punct     6  O
        """),
    )[0]
    assert _parties(event)[0][:2] == [("Mali", "MLI"), ("Burkina Faso", "BFA")]


def test_a_description_the_ner_took_for_a_name_takes_the_article_country() -> None:
    (event,) = code_paragraphs(
        paragraph("Lorry drivers in Bangladesh said the transport ministry had accepted their demand.", """
            0  Lorry      lorry      NOUN  NN   compound  1  B-PERSON
            1  drivers    driver     NOUN  NNS  nsubj     4  O
            2  in         in         ADP   IN   prep      1  O
            3  Bangladesh Bangladesh PROPN NNP  pobj      2  B-GPE
            4  said       say        VERB  VBD  ROOT      4  O
            5  the        the        DET   DT   det       7  B-ORG
            6  transport  transport  NOUN  NN   compound  7  I-ORG
            7  ministry   ministry   PROPN NNP  nsubj     9  I-ORG
            8  had        have       AUX   VBD  aux       9  O
            9  accepted   accept     VERB  VBN  ccomp     4  O
            10 their      their      PRON  PRP$ poss      11 O
            11 demand     demand     NOUN  NN   dobj      9  O
            12 .          .          PUNCT .    punct     4  O
        """),
    )[0]
    assert [(a.name, a.country, a.sector) for a in event.actors] == [("the transport ministry", "BGD", "GOV")]


def test_a_refusal_to_let_someone_act_is_aimed_at_them() -> None:
    (event,) = code_paragraphs(
        paragraph("Myanmar's junta refused to let the envoy visit the prison.", """
            0  Myanmar Myanmar PROPN NNP  poss      2  B-GPE
            1  's      's      PART  POS  case      0  O
            2  junta   junta   NOUN  NN   nsubj     3  O
            3  refused refuse  VERB  VBD  ROOT      3  O
            4  to      to      PART  TO   aux       5  O
            5  let     let     VERB  VB   xcomp     3  O
            6  the     the     DET   DT   det       7  O
            7  envoy   envoy   NOUN  NN   nsubj     8  O
            8  visit   visit   VERB  VB   ccomp     5  O
            9  the     the     DET   DT   det       10 O
            10 prison  prison  NOUN  NN   dobj      8  O
            11 .       .       PUNCT .    punct     3  O
        """),
    )[0]
    assert event.type == "REJECT"
    assert [t.name for t in event.targets] == ["envoy"]


def test_a_defeat_is_conceded_to_the_person_after_to() -> None:
    (event,) = code_paragraphs(
        paragraph("Malawi's ruling party conceded the vote to the opposition challenger.", """
            0  Malawi     Malawi     PROPN NNP  poss      3  B-PERSON
            1  's         's         PART  POS  case      0  O
            2  ruling     rule       VERB  VBG  amod      3  O
            3  party      party      NOUN  NN   nsubj     4  O
            4  conceded   concede    VERB  VBD  ROOT      4  O
            5  the        the        DET   DT   det       6  O
            6  vote       vote       NOUN  NN   dobj      4  O
            7  to         to         ADP   IN   prep      4  O
            8  the        the        DET   DT   det       10 O
            9  opposition opposition NOUN  NN   compound  10 O
            10 challenger challenger NOUN  NN   pobj      7  O
            11 .          .          PUNCT .    punct     4  O
        """),
    )[0]
    assert [(t.name, t.country, t.sector) for t in event.targets] == [("opposition challenger", "MWI", "OPP")]


def test_nothing_before_the_dateline_dash_acts() -> None:
    # The parse hangs the real subject on the dateline as an apposition, beside the wire's own name.
    (event,) = code_paragraphs(
        paragraph("VIENTIANE, June 3 (State news agency) - Police officers from China and Laos began joint patrols.", """
            0  VIENTIANE VIENTIANE PROPN NNP  nsubj     16 B-ORG
            1  ,         ,         PUNCT ,    punct     0  O
            2  June      June      PROPN NNP  npadvmod  0  B-DATE
            3  3         3         NUM   CD   nummod    2  I-DATE
            4  (         (         PUNCT -LRB- punct    7  O
            5  State     state     NOUN  NN   compound  7  O
            6  news      news      NOUN  NN   compound  7  O
            7  agency    agency    NOUN  NN   appos     0  O
            8  )         )         PUNCT -RRB- punct    7  O
            9  -         -         PUNCT :    punct     0  O
            10 Police    police    NOUN  NN   compound  11 O
            11 officers  officer   NOUN  NNS  appos     0  O
            12 from      from      ADP   IN   prep      11 O
            13 China     China     PROPN NNP  pobj      12 B-GPE
            14 and       and       CCONJ CC   cc        13 O
            15 Laos      Laos      PROPN NNP  conj      13 B-GPE
            16 began     begin     VERB  VBD  ROOT      16 O
            17 joint     joint     ADJ   JJ   amod      18 O
            18 patrols   patrol    NOUN  NNS  dobj      16 O
            19 .         .         PUNCT .    punct     16 O
        """),
    )[0]
    assert [(a.name, a.country) for a in event.actors] == [("officers from China", "CHN"), ("officers from Laos", "LAO")]
