"""The seed's named checks (newsevents.evaluation.seed) hold at the floor pinned in eval/floors.json."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SHARED, shared_path
from newsevents.evaluation.seed import SEED, evaluate

FLOORS = json.loads((Path(__file__).resolve().parents[1] / "eval" / "floors.json").read_text())


def test_seed_checks_hold():
    shared_path(SEED)
    result = evaluate(SHARED)
    assert result["seed_checks_passed"] >= FLOORS["seed_checks_passed"], result["seed_failed"]
