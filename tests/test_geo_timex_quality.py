"""Toponyms (GeoVirus) and date normalisation (MEANTIME TIMEX3) hold the floors in eval/floors.json."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SHARED, shared_path
from newsevents.evaluation import geo, timex

FLOORS = json.loads((Path(__file__).resolve().parents[1] / "eval" / "floors.json").read_text())


def test_geovirus_resolution(nlp):
    shared_path("geo/GeoVirus.xml")
    result = geo.evaluate(SHARED, nlp)
    assert result["geo_resolution"] >= FLOORS["geo_resolution"]
    assert result["geo_end_to_end"] >= FLOORS["geo_end_to_end"]


def test_meantime_dates():
    shared_path("meantime_dev/README.txt")
    assert timex.evaluate(SHARED)["timex_accuracy"] >= FLOORS["timex_accuracy"]
