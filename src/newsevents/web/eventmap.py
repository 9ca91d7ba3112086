"""The event map's geometry: an equirectangular view, the land under it, the place circles and labels that do not collide.

Pure numbers for the ``map_svg`` template macro (attributes only, so the Content-Security-Policy stays
strict). The view is cropped to the places, or set to a region (``basemap.regions``); continents and
world regions that the geocoder gave a point (``basemap.region_names``) are not drawn as points.
"""

from __future__ import annotations

import math
from typing import Any

from newsevents.web import basemap
from newsevents.web.render import with_params

#: labels tried per place: right of the circle, left, above, below (the first that collides with nothing wins)
SIDES = ("right", "left", "above", "below")
MAX_LABELS = 30
CHAR_W, LABEL_H = 6.6, 12.0  # an 11px label's average character width and line height, in pixels


def is_area(name: str | None) -> bool:
    """True for a continent or world region ("Europe", "Middle East"): an area, not a point."""
    return bool(name) and name.strip().casefold() in basemap.region_names()


def view_of(points: list[dict[str, Any]], box: tuple[float, float, float, float] | None) -> tuple[float, float, float, float]:
    """(west, south, lon span, lat span) of the view: the region's box, else around the points, at least 60° × 30°, 2:1."""
    if box:
        lon0, lat0, lon1, lat1 = box
    elif points:
        lon0, lon1 = min(p["lon"] for p in points) - 15, max(p["lon"] for p in points) + 20
        lat0, lat1 = min(p["lat"] for p in points) - 8, max(p["lat"] for p in points) + 8
    else:
        lon0, lon1, lat0, lat1 = -180.0, 180.0, -90.0, 90.0
    lon_span, lat_span = max(lon1 - lon0, 60.0), max(lat1 - lat0, 30.0)
    lon_span, lat_span = max(lon_span, lat_span * 2), max(lat_span, lon_span / 2)  # keep 2:1
    lon_span, lat_span = min(lon_span, 360.0), min(lat_span, 180.0)
    cx, cy = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    west = min(max(cx - lon_span / 2, -180.0), 180.0 - lon_span)
    south = min(max(cy - lat_span / 2, -90.0), 90.0 - lat_span)
    return west, south, lon_span, lat_span


def map_plot(places: list[dict[str, Any]], width: int = 960, region: str | None = None, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """An equirectangular plot of event places over the countries, cropped to the places or zoomed to ``region``.

    Each circle links to the map page with the filter ``params`` and ``place``/``place_country`` set: the page
    then lists that place's events.
    """
    zoom = basemap.region(region)
    pts = [p for p in places if p.get("lat") is not None and p.get("lon") is not None and -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180
           and not is_area(p.get("name"))]  # fmt: skip
    west, south, lon_span, lat_span = view_of(pts, zoom.bbox if zoom else None)
    height = round(width * lat_span / lon_span)
    sx, sy = width / lon_span, height / lat_span

    def x(lon: float) -> float:
        return round((lon - west) * sx, 2)

    def y(lat: float) -> float:
        return round((south + lat_span - lat) * sy, 2)

    pts = [p for p in pts if west <= p["lon"] <= west + lon_span and south <= p["lat"] <= south + lat_span]
    most = max([p["events"] for p in pts] + [1])
    dots = []
    for p in sorted(pts, key=lambda p: (-p["events"], p["name"] or "")):
        coop, conf = p.get("cooperation") or 0, p.get("conflict") or 0
        where = p["name"] + (f" ({p['country']})" if p.get("country") else "")
        dots.append({
            "x": x(p["lon"]), "y": y(p["lat"]), "r": round(3 + 12 * math.sqrt(p["events"] / most), 2), "name": p["name"],
            "css": "coop" if coop > conf else "conf" if conf > coop else "mixed",
            "href": "/map" + with_params(params or {}, place=p["name"], place_country=p.get("country")) + "#place-events",
            "title": f"{where}: {p['events']} event{'s' * (p['events'] != 1)} — {coop} cooperation, {conf} conflict (click for its events)",
        })  # fmt: skip
    labels = place_labels(dots, width, height)
    dots.reverse()  # big circles first, so small ones stay clickable on top
    land = basemap.land_paths(west, south, lon_span, lat_span, width, height)
    return {"width": width, "height": height, "lines": graticule(west, south, lon_span, lat_span, x, y, width, height), "dots": dots,
            "labels": labels, "land": land, "has_land": bool(basemap.countries()), "empty": not pts, "region": zoom}  # fmt: skip


def graticule(west: float, south: float, lon_span: float, lat_span: float, x: Any, y: Any, width: int, height: int) -> list[dict[str, Any]]:
    """Lines every 10° (every 30° on wide views) with their degree labels."""
    grid = 10 if lon_span <= 120 else 30
    lines = []
    for lon in range(-180, 181, grid):
        if west <= lon <= west + lon_span:
            lines.append({"x1": x(lon), "y1": 0, "x2": x(lon), "y2": height, "main": lon == 0,
                          "label": f"{abs(lon)}°{'E' if lon > 0 else 'W' if lon < 0 else ''}", "lx": x(lon) + 3, "ly": height - 4})  # fmt: skip
    for lat in range(-90, 91, grid):
        if south <= lat <= south + lat_span:
            lines.append({"x1": 0, "y1": y(lat), "x2": width, "y2": y(lat), "main": lat == 0,
                          "label": f"{abs(lat)}°{'N' if lat > 0 else 'S' if lat < 0 else ''}", "lx": 3, "ly": y(lat) - 3})  # fmt: skip
    return lines


def place_labels(dots: list[dict[str, Any]], width: int, height: int, most: int = MAX_LABELS) -> list[dict[str, Any]]:
    """Labels for the busiest places (``dots`` busiest first), each beside its circle on the first side where it overlaps
    no label and no other circle and stays inside the plot; a place with no free side goes unlabelled."""
    taken: list[tuple[float, float, float, float]] = []
    circles = [(d["x"] - d["r"], d["y"] - d["r"], d["x"] + d["r"], d["y"] + d["r"]) for d in dots]
    out = []
    for k, d in enumerate(dots[: 2 * most]):  # the busiest only: a label per crowded corner is enough
        if len(out) >= most:
            break
        w = CHAR_W * len(d["name"] or "")
        others = circles[:k] + circles[k + 1:]
        for side in SIDES:
            box, anchor = _label_box(d, w, side)
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
            if inside and not any(_overlap(box, b) for b in taken) and not any(_overlap(box, b) for b in others):
                taken.append(box)
                tx = box[0] if anchor == "start" else box[2] if anchor == "end" else (box[0] + box[2]) / 2
                out.append({"name": d["name"], "x": round(tx, 2), "y": round(box[3] - 3, 2), "anchor": anchor})
                break
    return out


def _label_box(d: dict[str, Any], w: float, side: str) -> tuple[tuple[float, float, float, float], str]:
    """The box (x0, y0, x1, y1) a label of width ``w`` takes on ``side`` of the circle, and its text anchor."""
    cx, cy, r, gap = d["x"], d["y"], d["r"], 3
    if side == "right":
        return (cx + r + gap, cy - LABEL_H / 2, cx + r + gap + w, cy + LABEL_H / 2), "start"
    if side == "left":
        return (cx - r - gap - w, cy - LABEL_H / 2, cx - r - gap, cy + LABEL_H / 2), "end"
    if side == "above":
        return (cx - w / 2, cy - r - gap - LABEL_H, cx + w / 2, cy - r - gap), "middle"
    return (cx - w / 2, cy + r + gap, cx + w / 2, cy + r + gap + LABEL_H), "middle"


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
