"""How well ``normalise_date`` reproduces MEANTIME's normalised TIMEX3 DATE values.

Reads the NAF-style XML of ../shared/meantime_dev (Wikinews, CC BY 4.0, NewsReader MEANTIME):
every DATE time expression other than the document creation time, its tokens and its gold
``value``; the creation time is the anchor. Gold values our format cannot express (weeks
"2008-W09", quarters, seasons, decades, PRESENT_REF, ...) are counted apart, so the main figure is
the accuracy on gold values of the form YYYY, YYYY-MM or YYYY-MM-DD.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from newsevents.events.dates import normalise_date

_EXPRESSIBLE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _creation_date(value: str) -> dt.date | None:
    """A creation time as a date: ISO, or day-month-year as one file writes it."""
    if m := re.match(r"(\d{4})-(\d{2})-(\d{2})$", value[:10]):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.match(r"(\d{2})-(\d{2})-(\d{4})$", value):
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    return None


def gold_dates(shared: Path) -> list[tuple[str, dt.date | None, str, str]]:
    """(expression text, creation date, gold value, file name) for every DATE TIMEX3 of the set."""
    items: list[tuple[str, dt.date | None, str, str]] = []
    for path in sorted((Path(shared) / "meantime_dev").glob("corpus_*/*.xml")):
        root = ET.parse(path).getroot()
        tokens = {t.get("t_id"): t.text or "" for t in root.iter("token")}
        anchor: dt.date | None = None
        found: list[tuple[str, str]] = []
        for timex in root.iter("TIMEX3"):
            ids = [a.get("t_id") for a in timex.iter("token_anchor")]
            value = timex.get("value") or ""
            if timex.get("functionInDocument") == "CREATION_TIME":
                anchor = _creation_date(value)
                continue
            if timex.get("type") != "DATE" or not ids:
                continue
            text = " ".join(tokens.get(i, "") for i in ids)
            found.append((re.sub(r"\s+([,.])", r"\1", text), value))
        if anchor is None and found and _creation_date(found[0][1]):
            # a few files do not mark the creation time: the dateline is their first DATE
            anchor, found = _creation_date(found[0][1]), found[1:]
        items.extend((text, anchor, value, path.name) for text, value in found)
    return items


def evaluate(shared: Path, *, show_errors: bool = False) -> dict[str, Any]:
    """Accuracy of normalise_date on the gold DATE expressions; prints and returns the figures."""
    items = gold_dates(shared)
    expressible = [item for item in items if _EXPRESSIBLE.match(item[2])]
    correct = 0
    for text, anchor, gold, name in expressible:
        got = normalise_date(text, anchor)
        if got == gold:
            correct += 1
        elif show_errors:
            print(f"  {name[:40]:40} {text!r:32} anchor={anchor} gold={gold} got={got}")
    other = [item for item in items if not _EXPRESSIBLE.match(item[2])]
    figures = {
        "timex_dates": len(items),
        "timex_expressible": len(expressible),
        "timex_correct": correct,
        "timex_accuracy": round(correct / len(expressible), 3) if expressible else 0.0,
        "timex_inexpressible": len(other),
    }
    print(
        f"timex (MEANTIME dev, CC BY 4.0): {correct}/{len(expressible)} DATE values exact "
        f"= {figures['timex_accuracy']:.3f}; {len(other)} gold values not expressible as YYYY[-MM[-DD]]"
    )
    return figures
