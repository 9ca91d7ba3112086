"""How well the event coder agrees with PETRARCH-2's validation sentences on CAMEO root codes.

Data: ../shared/eval/petr2_validation.jsonl, 78 newswire and test sentences with expected CAMEO
codings (MIT, openeventdata/UniversalPetrarch; some expectations were derived from PETRARCH-2's
own output). Each sentence is coded alone, as a one-paragraph article.

- ``petr2_root_acc``: over all expected events, the share whose CAMEO root (first two digits)
  is the root of some event we code in that sentence;
- ``petr2_invented_max``: how many events we code in the 12 sentences that expect none (the
  floor file pins a maximum for it).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.evaluation.plover import code_sentence, gold_file, read_jsonl

if TYPE_CHECKING:
    from newsevents.settings import Settings

GOLD = "eval/petr2_validation.jsonl"


def _published(row: dict[str, Any]) -> str | None:
    """The record's date as ISO (YYYYMMDD in the data), if any."""
    raw = str(row.get("date") or "")
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}" if len(raw) == 8 and raw.isdigit() else None


def evaluate(shared: Path | str, nlp: Any, settings: "Settings | None" = None) -> dict[str, Any]:
    """Root-code accuracy over expected events and events invented where none are expected (``settings`` picks the coder)."""
    rows = read_jsonl(gold_file(shared, GOLD))
    started = time.perf_counter()
    expected = matched = invented = 0
    details: list[dict[str, Any]] = []
    for row in rows:
        events = code_sentence(nlp, row["text"], _published(row), settings)
        roots = {e.cameo[:2] for e in events if e.cameo}
        if row.get("noevents"):
            invented += len(events)
        for item in row.get("expected", []):
            expected += 1
            matched += str(item["cameo"])[:2] in roots
        details.append({"id": row["id"], "expected": [str(i["cameo"]) for i in row.get("expected", [])],
                        "coded": [f"{e.type}:{e.cameo}" for e in events]})
    return {
        "petr2_sentences": len(rows),
        "petr2_expected_events": expected,
        "petr2_root_acc": round(matched / expected, 4) if expected else 0.0,
        "petr2_invented_max": invented,
        "petr2_seconds": round(time.perf_counter() - started, 2),
        "details": details,
    }
