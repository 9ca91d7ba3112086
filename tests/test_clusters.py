"""Event clusters (newsevents.clusters.v1) on hand-built events: each rule, order independence, the policy file."""

from __future__ import annotations

import dataclasses
import random

import pytest
from hypothesis import given, settings, strategies as st

from newsevents.clusters import (
    CLUSTERER, ClusterIndex, EventMention, cluster_events, default_policy, parse_policy, score_pair,
)  # fmt: skip
from newsevents.errors import DataFileError
from newsevents.records import ActorRef, Event, Location

RUSSIA = ActorRef("Russia", "e1", "RUS")
RUSSIAN_FORCES = ActorRef("Russian forces", None, "RUS", "MIL")
KHARKIV = ActorRef("Kharkiv", "e2", "UKR")
KHARKIV_PLACE = Location("Kharkiv", "UKR", 49.99, 36.23)
ODESA_PLACE = Location("Odesa", "UKR", 46.48, 30.73)


def event(type_: str = "ASSAULT", actors=(RUSSIA,), targets=(KHARKIV,), date: str | None = "2025-03-11",
          sentence: str = "Russia struck Kharkiv with missiles.", status: str = "reported",
          location: Location | None = KHARKIV_PLACE, start: int = 0) -> Event:  # fmt: skip
    """A coded event built by hand; the trigger is the sentence's second word."""
    return Event(
        id="ev", type=type_, mode=None, context=(), cameo=None, quad_class=None, goldstein=None,
        actors=tuple(actors), targets=tuple(targets), date=date, date_text=None, location=location,
        status=status, sentence=sentence, sentence_start=start, evidence_start=start + sentence.index(" ") + 1,
        evidence_end=start + sentence.index(" ", sentence.index(" ") + 1), confidence=0.9,
    )  # fmt: skip


def mention(ev: Event, article: str, source: str = "Wire", published: str = "2025-03-11", persons=()) -> EventMention:
    """A mention of ``ev`` in article ``article``."""
    return EventMention(ev, article, source, published, frozenset(persons))


def strike_reports() -> list[EventMention]:
    """Three outlets on one strike, the same strike denied, a strike a week later and one in Odesa that night."""
    return [
        mention(event(), "a1", "Northbridge Daily", "2025-03-11"),
        mention(event(actors=(RUSSIAN_FORCES,), sentence="Russian forces fired missiles at Kharkiv on Tuesday."),
                "a2", "Caspian Wire", "2025-03-12"),
        mention(event(actors=(RUSSIA,), date=None, location=None, sentence="Russia hit Kharkiv with ballistic missiles."),
                "a3", "Danube Observer", "2025-03-13"),
        mention(event(actors=(ActorRef("forces", None, "RUS"),), status="denied",
                      sentence="Moscow denied that its forces struck a hospital in Kharkiv."), "a4", "Levant Press", "2025-03-11"),
        mention(event(date="2025-03-18", sentence="Russia struck Kharkiv again with missiles."), "a5", "Northbridge Daily", "2025-03-18"),
        mention(event(targets=(ActorRef("Odesa", "e3", "UKR"),), location=ODESA_PLACE,
                      sentence="Russian drones attacked the port of Odesa."), "a6", "Caspian Wire", "2025-03-12"),
    ]  # fmt: skip


def groups(clusters) -> list[list[str]]:
    """Clusters as sorted lists of article ids, sorted."""
    return sorted(sorted(m.article_id for m in c.mentions) for c in clusters)


def test_versioned_name() -> None:
    assert CLUSTERER == "newsevents.clusters.v1"


def test_same_type_actors_and_date_join_and_distractors_stay_apart() -> None:
    assert groups(cluster_events(strike_reports())) == [["a1", "a2", "a3", "a4"], ["a5"], ["a6"]]


def test_cluster_carries_sources_dates_and_both_statuses() -> None:
    main = cluster_events(strike_reports())[0]
    assert main.articles == 4
    assert main.sources == ("Caspian Wire", "Danube Observer", "Levant Press", "Northbridge Daily")
    assert (main.first_seen, main.last_seen) == ("2025-03-11", "2025-03-13")
    assert main.statuses == {"denied": 1, "reported": 3}
    assert main.contested
    assert main.type == "ASSAULT" and main.date == "2025-03-11"
    assert main.actors[0] == "RUS:russia"
    assert {m.event.status for m in main.mentions} == {"reported", "denied"}


def test_a_week_later_is_vetoed_by_date() -> None:
    first, later = strike_reports()[0], strike_reports()[4]
    assert score_pair(first, later, default_policy()).veto == "date"


def test_article_date_stands_in_for_a_missing_event_date_within_its_window() -> None:
    policy = default_policy()
    dated = mention(event(), "a1", published="2025-03-11")
    undated = mention(event(date=None), "a2", published="2025-03-13")
    too_late = mention(event(date=None), "a3", published="2025-03-16")
    assert score_pair(dated, undated, policy).veto is None
    assert score_pair(dated, too_late, policy).veto == "date"


def test_two_towns_far_apart_are_two_scenes_but_a_country_point_is_no_veto() -> None:
    policy = default_policy()
    kharkiv, odesa = strike_reports()[0], strike_reports()[5]
    assert score_pair(kharkiv, odesa, policy).veto == "place"
    ukraine = mention(event(location=Location("Ukraine", "UKR", 48.4, 31.2)), "a7")  # its country point
    assert score_pair(kharkiv, ukraine, policy).veto is None


def test_other_type_joins_only_as_a_neighbour() -> None:
    policy = default_policy()
    strike = mention(event(), "a1")
    coerce = mention(event("COERCE"), "a2")
    consult = mention(event("CONSULT"), "a3")
    assert score_pair(strike, coerce, policy).veto is None
    assert score_pair(strike, coerce, policy).parts["type"] < 1.0
    assert score_pair(strike, consult, policy).veto == "type"


def test_reverse_action_and_other_target_are_vetoed() -> None:
    policy = default_policy()
    poland, russia = ActorRef("Poland", "e1", "POL"), ActorRef("Russia", "e2", "RUS")
    expel = mention(event("SANCTION", (poland,), (russia,), "2025-02-04", "Poland expelled Russian diplomats.", location=None), "a1")
    back = mention(event("SANCTION", (russia,), (poland,), "2025-02-05", "Russia expelled Polish diplomats.", location=None), "a2")
    belarus = mention(event("SANCTION", (poland,), (ActorRef("Belarus", "e3", "BLR"),), "2025-02-04",
                            "Poland imposed sanctions on Belarus.", location=None), "a3")  # fmt: skip
    assert score_pair(expel, back, policy).veto == "actors"
    assert score_pair(expel, belarus, policy).veto == "targets"


def test_meetings_compare_participants_whatever_the_direction() -> None:
    policy = default_policy()
    erdogan, aliyev = ActorRef("Recep Tayyip Erdogan", "e1", "TUR"), ActorRef("Ilham Aliyev", "e2", "AZE")
    met = mention(event("CONSULT", (erdogan,), (aliyev,), "2025-06-12", "Erdogan met Aliyev in Ankara."), "a1")
    hosted = mention(event("CONSULT", (ActorRef("Aliyev", "e1"),), (ActorRef("Erdogan", "e2"),), "2025-06-12",
                           "Erdogan hosted Aliyev in Ankara."), "a2")  # fmt: skip
    result = score_pair(met, hosted, policy)
    assert result.veto is None and result.score >= policy.link_threshold


def test_different_named_people_are_different_events() -> None:
    policy = default_policy()
    police = ActorRef("Iranian police", None, "IRN", "COP")
    one = mention(event("COERCE", (police,), (ActorRef("Leila Farahmand", "e2", "IRN"),), sentence="Police arrested Leila Farahmand."),
                  "a1", persons=("Leila Farahmand",))
    same = mention(event("COERCE", (police,), (ActorRef("Farahmand", "e1"),), sentence="Police detained Farahmand."),
                   "a2", persons=("Farahmand",))
    other = mention(event("COERCE", (police,), (ActorRef("Reza Karimi", "e2", "IRN"),), sentence="Police arrested Reza Karimi."),
                    "a3", persons=("Reza Karimi",))  # fmt: skip
    assert score_pair(one, same, policy).veto is None
    assert score_pair(one, other, policy).veto == "persons"


def test_average_linkage_does_not_chain_weak_links() -> None:
    """B is close to A and to C, but A and C are vetoed: C must not join A's cluster through B."""
    a = mention(event(), "a1")
    b = mention(event(location=None, date=None, sentence="Russia struck Ukraine."), "a2")
    c = mention(event(targets=(ActorRef("Odesa", "e3", "UKR"),), location=ODESA_PLACE), "a3")
    policy = default_policy()
    assert score_pair(a, c, policy).veto == "place"
    result = groups(cluster_events([a, b, c]))
    assert ["a1", "a3"] not in result and not any({"a1", "a3"} <= set(g) for g in result)


def test_pair_score_is_symmetric() -> None:
    reports = strike_reports()
    policy = default_policy()
    for x in reports:
        for y in reports:
            assert score_pair(x, y, policy) == score_pair(y, x, policy)


def test_cluster_ids_come_from_content() -> None:
    first = cluster_events(strike_reports())
    again = cluster_events(list(reversed(strike_reports())))
    assert [c.id for c in first] == [c.id for c in again]
    assert all(c.id.startswith("ec") and len(c.id) == 14 for c in first)


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(min_value=1, max_value=6))
def test_incremental_in_any_order_equals_one_batch(rnd: random.Random, batches: int) -> None:
    reports = strike_reports() + [
        mention(event("COERCE", (ActorRef("Georgian police", None, "GEO", "COP"),), (ActorRef("protesters", None, "GEO"),),
                      "2025-03-12", "Georgian police dispersed protesters in Tbilisi.", location=None), f"g{n}", f"Outlet {n}")
        for n in range(3)
    ]  # fmt: skip
    expected = cluster_events(reports)
    shuffled = reports[:]
    rnd.shuffle(shuffled)
    index = ClusterIndex()
    size = -(-len(shuffled) // batches)
    for start in range(0, len(shuffled), size):
        index.add(shuffled[start : start + size])
    assert index.clusters() == expected


def test_index_reports_changes_and_ignores_repeats() -> None:
    reports = strike_reports()
    index = ClusterIndex()
    made, gone = index.add(reports[:1])
    assert len(made) == 1 and gone == []
    first_id = made[0].id
    made, gone = index.add([reports[1], reports[0]])
    assert len(index) == 2 and [len(c.mentions) for c in made] == [2] and made[0].id == first_id and gone == []
    assert index.cluster_of(reports[1]) == made[0]


def test_an_earlier_report_takes_over_the_id() -> None:
    reports = strike_reports()
    index = ClusterIndex()
    (later,), _ = index.add([reports[2]])  # published 2025-03-13
    made, gone = index.add([reports[0]])  # published 2025-03-11
    assert gone == [later.id] and made[0].id != later.id


def test_undated_mentions_stay_alone() -> None:
    lone = mention(event(date=None), "a9", published=None)
    assert groups(cluster_events([lone, *strike_reports()[:2]])) == [["a1", "a2"], ["a9"]]


def test_policy_file_reads_and_bad_rows_say_what_to_do() -> None:
    policy = default_policy()
    assert policy.types_compatible("ASSAULT", "COERCE") and not policy.types_compatible("ASSAULT", "CONSULT")
    assert "CONSULT" in policy.symmetric and 0 < policy.link_threshold < 1
    header = "# clusters_policy v1\nname\tvalue\tnote\n"
    with pytest.raises(DataFileError, match="unknown setting 'speed'; use one of"):
        parse_policy(header + "speed\t3\tx\n")
    with pytest.raises(DataFileError, match="link_threshold needs a number"):
        parse_policy(header + "link_threshold\thigh\tx\n")
    with pytest.raises(DataFileError, match="two types joined by ~"):
        parse_policy(header + "neighbour\tASSAULT\tx\n")
    with pytest.raises(DataFileError, match="missing rows for"):
        parse_policy(header + "neighbour\tASSAULT~COERCE\tx\n")


def test_a_stricter_policy_is_passed_explicitly() -> None:
    strict = dataclasses.replace(default_policy(), link_threshold=0.99)
    assert len(cluster_events(strike_reports(), strict)) == 6


def test_a_resolver_can_replace_the_default_key() -> None:
    reports = strike_reports()
    clusters = cluster_events(reports, actor_key=lambda ref: f"Q-{ref.country}")
    assert clusters[0].actors == ("Q-RUS",)


def test_an_article_that_tells_it_twice_votes_once() -> None:
    """Article X names the happening twice, once weakly; the weak side mention must not outvote X's main one."""
    from newsevents.clusters.linkage import average_linkage

    scores = {(0, 1): 0.9, (0, 2): 0.8, (1, 2): 0.4, (0, 3): 0.8, (1, 3): 0.4, (2, 3): 0.8}
    assert average_linkage("abcd", scores, 0.65, units="XXYZ") == [[0, 1, 2, 3]]
    assert average_linkage("abcd", scores, 0.65) != [[0, 1, 2, 3]]  # item by item, the weak mention drags the average down
    assert average_linkage("abcd", {k: v for k, v in scores.items() if k != (1, 3)}, 0.65, units="XXYZ") == [[0, 1, 2], [3]]


def test_clusters_do_not_depend_on_the_hash_seed() -> None:
    """The same clusters and ids under two hash seeds (sets and dicts must never decide an order)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import sys; sys.path.insert(0, 'tests'); from test_clusters import strike_reports; "
        "from newsevents.clusters import cluster_events; "
        "print([(c.id, [m.key for m in c.mentions]) for c in cluster_events(strike_reports())])"
    )
    root = Path(__file__).resolve().parents[1]
    outputs = {
        subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }  # fmt: skip
    assert len(outputs) == 1 and "ec" in outputs.pop()


def test_background_without_its_own_day_stays_alone() -> None:
    background = mention(dataclasses.replace(event(date=None), historical=True), "a8")
    assert background.day is None
    assert groups(cluster_events([background, *strike_reports()[:2]])) == [["a1", "a2"], ["a8"]]
