"""The clustering policy, read from ``data/clusters_policy.tsv``: neighbour types, date windows, weights, threshold."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsevents.datafiles import DataFileError, parse_rows, read_text, split_words

POLICY_FILE = "clusters_policy.tsv"
_COLUMNS = ("name", "value", "note")
_NUMBERS = ("window_event_days", "window_published_days", "place_near_km", "place_far_km", "weight_type",
            "weight_actors", "weight_targets", "weight_date", "weight_place", "weight_text", "link_threshold")  # fmt: skip


@dataclass(frozen=True)
class ClusterPolicy:
    """Everything the pair score and the linkage rule read; one value per row of the policy file."""

    neighbours: frozenset[frozenset[str]]
    symmetric: frozenset[str]
    window_event_days: int
    window_published_days: int
    place_near_km: float
    place_far_km: float
    weights: dict[str, float]  # evidence name -> weight: type, actors, targets, date, place, text
    link_threshold: float
    stopwords: frozenset[str]

    def types_compatible(self, a: str, b: str) -> bool:
        """True for the same type or two types listed as neighbours."""
        return a == b or frozenset((a, b)) in self.neighbours

    def type_group(self, type_: str) -> str:
        """The first (alphabetically) of the types linked to ``type_`` by neighbour rows; only one group can join."""
        return min(self.group_types(type_))

    def group_types(self, type_: str) -> frozenset[str]:
        """``type_`` and every type linked to it by neighbour rows: the types of its ``type_group``."""
        group, frontier = {type_}, [type_]
        while frontier:
            current = frontier.pop()
            for pair in self.neighbours:
                if current in pair:
                    frontier.extend(t for t in pair if t not in group)
                    group |= pair
        return frozenset(group)


def parse_policy(text: str, name: str = POLICY_FILE) -> ClusterPolicy:
    """A policy from the text of a policy table; errors name the file and line and what is allowed."""
    neighbours: set[frozenset[str]] = set()
    symmetric: set[str] = set()
    numbers: dict[str, float] = {}
    stopwords: frozenset[str] = frozenset()
    for line, row in parse_rows(name, text, _COLUMNS, kind="clusters_policy"):
        key, value = row["name"], row["value"]
        if key == "neighbour":
            pair = value.upper().split("~")
            if len(pair) != 2 or not all(pair):
                raise DataFileError(f"{name}:{line}: neighbour {value!r} should be two types joined by ~ (ASSAULT~COERCE)")
            neighbours.add(frozenset(pair))
        elif key == "symmetric":
            symmetric.add(value.upper())
        elif key == "stopwords":
            stopwords = split_words(value)
        elif key in _NUMBERS:
            try:
                numbers[key] = float(value)
            except ValueError:
                raise DataFileError(f"{name}:{line}: {key} needs a number, not {value!r}") from None
        else:
            allowed = ", ".join(("neighbour", "symmetric", "stopwords", *_NUMBERS))
            raise DataFileError(f"{name}:{line}: unknown setting {key!r}; use one of {allowed}")
    missing = [key for key in _NUMBERS if key not in numbers]
    if missing:
        raise DataFileError(f"{name}: missing rows for {', '.join(missing)}; add one line each (name, value, note)")
    return ClusterPolicy(
        neighbours=frozenset(neighbours),
        symmetric=frozenset(symmetric),
        window_event_days=int(numbers["window_event_days"]),
        window_published_days=int(numbers["window_published_days"]),
        place_near_km=numbers["place_near_km"],
        place_far_km=numbers["place_far_km"],
        weights={key[len("weight_"):]: numbers[key] for key in _NUMBERS if key.startswith("weight_")},
        link_threshold=numbers["link_threshold"],
        stopwords=stopwords,
    )


@lru_cache(maxsize=1)
def default_policy() -> ClusterPolicy:
    """The bundled policy (read once)."""
    return parse_policy(read_text(POLICY_FILE))


@lru_cache(maxsize=1)
def country_points() -> dict[str, tuple[float, float]]:
    """Each country's representative point from the gazetteer's table, to tell a country-wide place from a town."""
    from newsevents.nlp.datafiles import read_points

    return {row["iso3"]: (lat, lon) for row, lat, lon in read_points("nlp_geo_countries.tsv", ("iso3", "lat", "lon", "names"))}
