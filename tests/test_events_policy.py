"""The coder's policy data (``events_policy.tsv``, ``events_words.tsv``) and its engine, on hand-built cases.

The data tests check that every rule parses, names registered predicates, existing word lists and
CAMEO codes, and that a broken line is reported by file and line. The engine tests build a
``Case`` by hand (a stand-in draft and pattern, ``ActorRef``s, a small spaCy ``Doc`` where a
predicate reads the parse), so they run without the model and fail for the rule's reason.
"""

from __future__ import annotations

import inspect
import re
from importlib import resources
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from newsevents.events.coder import MIN_CONFIDENCE, SentenceCoder
from newsevents.events.frames import Coding
from newsevents.events.policy import (
    PREDICATES, STAGES, Case, load_policy, parse_policy, parse_words, word_lists, words,
)  # fmt: skip
from newsevents.events.tables import PLOVER_TYPES, EventsDataError, cameo_table
from newsevents.records import ActorRef

EVENTS_SRC = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "events"
HEADER = "# events_policy v1\nname\tstage\tconditions\taction\tnote\n"


def _case(coding: Coding, actors: list[ActorRef], targets: list[ActorRef] | None = None, *, flags: str = "",
          pos: str = "V", actor_words: list[Any] | None = None, head: Any = None, contexts: tuple[str, ...] = ()) -> Case:
    """A Case around a stand-in draft whose pattern has ``flags`` and ``pos``."""
    pattern = SimpleNamespace(flags=frozenset(flags.split()), pos=pos, type=coding.type)
    args = SimpleNamespace(actors=actor_words or [], targets=[], partners=[], places=[])
    draft: Any = SimpleNamespace(match=SimpleNamespace(pattern=pattern, head=head), args=args)
    return Case(draft, coding, list(actors), list(targets or []), contexts, lambda tokens: ())


def _doc(words_: list[str], heads: list[int], deps: list[str], tags: list[str], lemmas: list[str] | None = None) -> Any:
    """A hand-built parse without the model; lemmas default to the lower-cased words."""
    from spacy.lang.en import English
    from spacy.tokens import Doc

    return Doc(English().vocab, words=words_, heads=heads, deps=deps, tags=tags, lemmas=lemmas or [w.lower() for w in words_])


def _code_word_lists() -> set[str]:
    """Word-list names the coder's modules ask for with ``words("...")``."""
    return {name for path in EVENTS_SRC.glob("*.py") for name in re.findall(r'\bwords\("([a-z_]+)"\)', path.read_text())}


def test_every_bundled_rule_parses_into_known_predicates_stages_and_cameo_codes() -> None:
    policy = load_policy()
    assert len(policy.rules) >= 17
    for rule in policy.rules:
        assert rule.stage in STAGES and rule.note, rule.name
        assert all(c.name in PREDICATES for c in rule.conditions), rule.name
        if rule.coding is not None:
            assert rule.coding.type in PLOVER_TYPES and rule.coding.cameo in cameo_table(), rule.name
    recodes = {r.name: r.coding.cameo for r in policy.rules if r.coding is not None}
    assert set(recodes.values()) == {"114", "145", "190", "062"}


def test_every_word_list_the_code_or_a_rule_names_exists_and_every_list_is_used() -> None:
    lists = word_lists()
    in_code = _code_word_lists()
    assert in_code and in_code <= set(lists), in_code - set(lists)
    policy_text = resources.files("newsevents.data").joinpath("events_policy.tsv").read_text(encoding="utf-8")
    conditions = [line.split("\t")[2] for line in policy_text.splitlines() if line.count("\t") == 4]
    in_rules = {name for cell in conditions for name in re.findall(r"@([a-z_]+)", cell)}
    assert in_rules <= set(lists)
    assert set(lists) <= in_code | in_rules | {"light_verbs"}, set(lists) - in_code - in_rules


def test_type_lists_hold_plover_types_and_sector_lists_sector_codes() -> None:
    for name, items in word_lists().items():
        if name.endswith("_types"):
            assert items <= set(PLOVER_TYPES), name
        elif name.endswith("_sectors"):
            assert all(re.fullmatch(r"[A-Z]{3}", s) for s in items), name
        else:
            assert all(w == w.lower() for w in items), name


@pytest.mark.parametrize(("line", "message"), [
    ("r\tresolved\tno-such-thing\tdrop\tn", "unknown predicate 'no-such-thing'"),
    ("r\tresolved\ttype\tdrop\tn", "needs values"),
    ("r\tresolved\tactors=GOV\tdrop\tn", "takes no values"),
    ("r\tresolved\tall-actors-sector=@no_list\tdrop\tn", "word list 'no_list'"),
    ("r\tresolved\ttype=RIOT\tdrop\tn", "not PLOVER types"),
    ("r\tresolved\tactors\trecode ACCUSE/-/9999\tn", "CAMEO code '9999'"),
    ("r\tresolved\tactors\trecode RIOT/-/145\tn", "'RIOT' is not a PLOVER type"),
    ("r\tresolved\tactors\tdelete\tn", "should be 'drop' or 'recode"),
    ("r\tresolved\tactors\trecode ACCUSE/114\tn", "should be 'drop' or 'recode"),
    ("r\tlater\tactors\tdrop\tn", "stage 'later'"),
    ("r\tresolved\tactors\tdrop", "expected 5 tab-separated columns"),
])  # fmt: skip
def test_a_malformed_policy_line_names_file_and_line(line: str, message: str) -> None:
    good = "ok\tresolved\tactors\tdrop\tfine\n"
    with pytest.raises(EventsDataError, match=r"^events_policy\.tsv:4: .*" + re.escape(message)):
        parse_policy("events_policy.tsv", HEADER + good + line + "\n")


def test_a_rule_name_used_twice_and_a_missing_header_are_errors() -> None:
    with pytest.raises(EventsDataError, match=r"events_policy\.tsv:4: rule name 'r'"):
        parse_policy("events_policy.tsv", HEADER + "r\tresolved\tactors\tdrop\tn\n" * 2)
    with pytest.raises(EventsDataError, match=r"events_policy\.tsv:1: expected a '# events_policy vN'"):
        parse_policy("events_policy.tsv", "name\tstage\tconditions\taction\tnote\n")


@pytest.mark.parametrize(("line", "message"), [
    ("a\tx|y|x\tn", "repeated word"),
    ("a\tx||y\tn", "empty or repeated word"),
    ("dup\tz\tn", "list name 'dup'"),
])  # fmt: skip
def test_a_malformed_word_list_line_names_file_and_line(line: str, message: str) -> None:
    text = "# events_words v1\nlist\twords\tnote\ndup\tq\tn\n" + line + "\n"
    with pytest.raises(EventsDataError, match=r"^events_words\.tsv:4: .*" + re.escape(message)):
        parse_words("events_words.tsv", text)


def test_asking_for_an_unknown_word_list_says_which_lists_exist() -> None:
    with pytest.raises(EventsDataError, match=r"no word list 'nope'.*weapons"):
        words("nope")


def test_rules_run_in_file_order_each_seeing_earlier_recodes_and_a_drop_ends_the_stage() -> None:
    policy = parse_policy("events_policy.tsv", HEADER + (
        "first\tresolved\ttype=PROTEST\trecode ACCUSE/disapprove/114\tn\n"
        "second\tresolved\ttype=ACCUSE; !targets\tdrop\tn\n"
        "later\tmerged\tactors\trecode ASSAULT/-/190\tn\n"
    ), {})
    case = _case(Coding("PROTEST", None, "141"), [ActorRef("Iran", country="IRN")])
    assert policy.apply("merged", case) and case.coding.cameo == "190"
    case = _case(Coding("PROTEST", None, "141"), [ActorRef("Iran", country="IRN")])
    assert not policy.apply("resolved", case)
    kept = _case(Coding("PROTEST", None, "141"), [], [ActorRef("Israel", country="ISR")])
    assert policy.apply("resolved", kept) and kept.coding == Coding("ACCUSE", "disapprove", "114")


def test_a_government_protest_is_a_complaint_but_a_crowd_protest_stays() -> None:
    doc = _doc(["Iran", "protested"], [1, 1], ["nsubj", "ROOT"], ["NNP", "VBD"])
    government = _case(Coding("PROTEST", "demonstrate", "141"), [ActorRef("Iran", country="IRN")], flags="diplo", head=doc[1])
    assert load_policy().apply("resolved", government) and government.coding == Coding("ACCUSE", "disapprove", "114")
    crowd = _case(Coding("PROTEST", "demonstrate", "141"), [ActorRef("students", country="CHL", sector="EDU")], flags="diplo")
    assert load_policy().apply("resolved", crowd) and crowd.coding.type == "PROTEST"


def test_civilians_seizing_property_protest_violently_but_one_unnamed_person_is_a_crime() -> None:
    crowd = _case(Coding("COERCE", "seize", "171"), [ActorRef("protesters", sector="CVL")])
    assert load_policy().apply("resolved", crowd) and crowd.coding == Coding("PROTEST", "vandalize", "145")
    doc = _doc(["A", "man", "burned", "a", "shop"], [1, 2, 2, 4, 2], ["det", "nsubj", "ROOT", "det", "dobj"],
               ["DT", "NN", "VBD", "DT", "NN"])
    lone = _case(Coding("COERCE", "seize", "171"), [ActorRef("man", sector="CVL")], actor_words=[doc[1]])
    assert not load_policy().apply("resolved", lone)


def test_a_generic_actor_and_an_accident_are_no_events() -> None:
    doc = _doc(["any", "state", "attacks"], [1, 2, 2], ["det", "nsubj", "ROOT"], ["DT", "NN", "VBZ"])
    generic = _case(Coding("ASSAULT", None, "190"), [ActorRef("state")], actor_words=[doc[1]])
    assert not load_policy().apply("resolved", generic)
    crash = _doc(["two", "died", "when", "it", "crashed"], [1, 1, 4, 4, 1], ["nummod", "ROOT", "advmod", "nsubj", "advcl"],
                 ["CD", "VBD", "WRB", "PRP", "VBD"], ["two", "die", "when", "it", "crash"])
    accident = _case(Coding("ASSAULT", None, "190"), [], head=crash[1])
    assert not load_policy().apply("resolved", accident)


def test_strikes_by_a_state_are_attacks_and_forces_arriving_are_no_visit() -> None:
    strikes = _case(Coding("PROTEST", "strike", "143"), [ActorRef("Israeli", country="ISR")], pos="N")
    assert load_policy().apply("resolved", strikes) and strikes.coding == Coding("ASSAULT", None, "190")
    doc = _doc(["troops", "arrived"], [1, 1], ["nsubj", "ROOT"], ["NNS", "VBD"])
    troops = _case(Coding("CONSULT", "visit", "042"), [ActorRef("troops", country="USA", sector="MIL")],
                   flags="weak", head=doc[1])
    assert not load_policy().apply("resolved", troops)


def test_joint_manoeuvres_recode_to_cooperation_among_all_actors() -> None:
    actors = [ActorRef("Russia", country="RUS"), ActorRef("China", country="CHN")]
    case = _case(Coding("MOBILIZE", None, "150"), actors, [ActorRef("Japan", country="JPN")])
    assert load_policy().apply("merged", case)
    assert (case.coding, case.reciprocal, case.targets) == (Coding("COOPERATE", None, "062"), True, actors)


def test_without_an_actor_only_a_material_act_someone_suffered_stands() -> None:
    doc = _doc(["he", "was", "arrested"], [2, 2, 2], ["nsubjpass", "auxpass", "ROOT"], ["PRP", "VBD", "VBN"])
    arrest = _case(Coding("COERCE", "arrest", "173"), [], [ActorRef("he", sector="CVL")], head=doc[2])
    arrest.draft.args.targets = [doc[0]]
    assert load_policy().apply("merged", arrest)
    meeting = _case(Coding("CONSULT", None, "040"), [], [ActorRef("Iran", country="IRN")], head=doc[2])
    meeting.draft.args.targets = [doc[0]]
    assert not load_policy().apply("merged", meeting)
    outbreak = _case(Coding("COERCE", "martial-law", "1724"), [ActorRef("Peru", country="PER")], contexts=("health",))
    assert not load_policy().apply("merged", outbreak)


def test_the_coder_takes_its_options_as_keywords_with_the_documented_defaults() -> None:
    params = inspect.signature(SentenceCoder.__init__).parameters
    assert [p for p in params if params[p].kind is inspect.Parameter.KEYWORD_ONLY] == ["min_confidence", "lexicon", "policy"]
    assert params["min_confidence"].default == MIN_CONFIDENCE and params["policy"].default is None
