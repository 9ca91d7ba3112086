"""Server-side SVG geometry for the dashboard: the dyad chart, role timelines and small bar charts (the map: ``eventmap``).

Pure functions from query results to plain numbers; the templates draw them as inline SVG
(attributes only, no inline styles, so the Content-Security-Policy stays strict).
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any, Callable

from newsevents.web.render import quad_name

MAX_SLOTS = 1500  # beyond this many periods, only the periods with events get a slot
MAX_BAR = 40.0  # widest bar, in pixels, when there are few periods
COUNT_PANEL = 90  # height of the event-count panel under the Goldstein chart


def nice_step(span: float, ticks: int = 4) -> float:
    """A round tick step (1, 2 or 5 × 10^k) giving about ``ticks`` ticks over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    base = 10 ** math.floor(math.log10(raw))
    return next(m * base for m in (1, 2, 5, 10) if m * base >= raw)


def period_day(period: str | None, by: str) -> date | None:
    """The first day of a period key ("2024-07-25", "2024-W30", "2024-07" or "2024"), or None when unreadable."""
    if not period:
        return None
    try:
        if by == "week":
            return datetime.strptime(period + "-1", "%Y-W%W-%w").date()
        if by == "month":
            return date.fromisoformat(period[:7] + "-01")
        if by == "year":
            return date(int(period[:4]), 1, 1)
        return date.fromisoformat(period[:10])
    except ValueError:
        return None


def next_period(day: date, by: str) -> date:
    """The first day of the period after the one starting on ``day``."""
    if by == "year":
        return date(day.year + 1, 1, 1)
    if by == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day + timedelta(days=7 if by == "week" else 1)


def _label(day: date, by: str) -> str:
    return {"week": f"wk of {day.isoformat()}", "month": day.isoformat()[:7], "year": str(day.year)}.get(by, day.isoformat())


def _slots(first: date, last: date, by: str, present: set[date]) -> list[date]:
    """Every period from ``first`` to ``last`` (empty ones too, so gaps show), or only ``present`` when too many."""
    out = [first]
    while out[-1] < last and len(out) <= MAX_SLOTS:
        out.append(next_period(out[-1], by))
    return out if len(out) <= MAX_SLOTS else sorted(present)


def net_lines(dots: list[dict[str, Any]]) -> list[str]:
    """The net Goldstein line as runs of adjacent periods: a period without events breaks it (no line across a gap)."""
    runs: list[list[dict[str, Any]]] = []
    for dot in dots:
        if runs and dot["day"] == runs[-1][-1]["next"]:
            runs[-1].append(dot)
        else:
            runs.append([dot])
    return [" ".join(f"{d['x']},{d['y']}" for d in run) for run in runs if len(run) > 1]


def dyad_chart(series: list[dict[str, Any]], by: str, width: int = 960, height: int = 320) -> dict[str, Any]:
    """Stacked Goldstein sums per period: cooperation above zero, conflict below, plus the net line.

    ``series`` is ``query.dyad_series``'s: events sit at their own date when they have one, at the
    article's date when they have none, and historical events without a date are not in it.
    """
    buckets: dict[date, dict[int, list[float]]] = {}
    for row in series:
        day = period_day(row["period"], by)
        if day is None or row["goldstein"] is None:
            continue
        quad = row["quad_class"] if row["quad_class"] in (1, 2, 3, 4) else 0
        cell = buckets.setdefault(day, {}).setdefault(quad, [0.0, 0])
        cell[0] += row["goldstein"]
        cell[1] += row["events"]
    left, right, top, bottom = 56, 16, 16, 44
    plot = {"x0": left, "x1": width - right, "y0": top, "y1": height - bottom}
    chart: dict[str, Any] = {"width": width, "height": height, "plot": plot, "bars": [], "yticks": [], "xticks": [], "dots": [],
                             "net": [], "empty": not buckets, "counts": count_panel([], [], plot, width)}  # fmt: skip
    if not buckets:
        chart["zero"] = (top + height - bottom) / 2
        return chart
    slots = _slots(min(buckets), max(buckets), by, set(buckets))
    index = {d: i for i, d in enumerate(slots)}
    up = max([sum(v[0] for v in b.values() if v[0] > 0) for b in buckets.values()] + [0.0])
    down = max([-sum(v[0] for v in b.values() if v[0] < 0) for b in buckets.values()] + [0.0])
    ystep = nice_step(max(up, down, 1.0), 3)
    top_val = math.ceil(up / ystep) * ystep if up > 0 else ystep
    bottom_val = math.ceil(down / ystep) * ystep if down > 0 else ystep
    scale = (plot["y1"] - plot["y0"]) / (top_val + bottom_val)
    zero = plot["y0"] + top_val * scale
    slot_w = (plot["x1"] - plot["x0"]) / len(slots)
    bar_w = min(MAX_BAR, max(1.0, slot_w * 0.8))
    for day, quads in sorted(buckets.items()):
        x = plot["x0"] + index[day] * slot_w + (slot_w - bar_w) / 2
        pos, neg = zero, zero
        for quad in (1, 2, 3, 4, 0):
            if quad not in quads:
                continue
            total, count = quads[quad]
            h = abs(total) * scale
            y = pos - h if total >= 0 else neg
            if total >= 0:
                pos -= h
            else:
                neg += h
            title = f"{_label(day, by)} · {quad_name(quad)}: {count} event{'s' * (count != 1)}, Goldstein {total:+.1f}"
            chart["bars"].append({"x": round(x, 2), "y": round(y, 2), "w": round(bar_w, 2), "h": round(max(h, 0.5), 2), "css": f"q{quad}", "title": title})
        net = sum(v[0] for v in quads.values())
        cx, cy = round(x + bar_w / 2, 2), round(zero - net * scale, 2)
        chart["dots"].append({"x": cx, "y": cy, "day": day, "next": next_period(day, by), "title": f"{_label(day, by)} · net Goldstein {net:+.1f}"})
    chart["net"] = net_lines(chart["dots"])
    events = [(index[day], sum(int(v[1]) for v in quads.values()), _label(day, by)) for day, quads in sorted(buckets.items())]
    chart["counts"] = count_panel(events, slots, plot, width, bar_w)
    value = -bottom_val
    while value <= top_val + 1e-9:
        chart["yticks"].append({"y": round(zero - value * scale, 2), "label": f"{value:+g}" if value else "0"})
        value += ystep
    every = max(1, math.ceil(len(slots) / 8))
    for i in range(0, len(slots), every):
        chart["xticks"].append({"x": round(plot["x0"] + (i + 0.5) * slot_w, 2), "label": _label(slots[i], by).removeprefix("wk of ")})
    chart["zero"] = round(zero, 2)
    chart["periods"] = len(buckets)
    return chart


def count_panel(events: list[tuple[int, int, str]], slots: list[date], plot: dict[str, float], width: int,
                bar_w: float = 1.0) -> dict[str, Any]:  # fmt: skip
    """The event-count series under the Goldstein chart: one bar per period with events, on the same x positions.

    ``events`` holds (slot index, number of events, period label); periods without events get no bar.
    """
    height = COUNT_PANEL
    y0, y1 = 10, height - 18
    most = max([n for _, n, _ in events] + [1])
    step = nice_step(most, 2)
    top_val = math.ceil(most / step) * step
    scale = (y1 - y0) / top_val
    slot_w = (plot["x1"] - plot["x0"]) / max(1, len(slots))
    bars = [{"x": round(plot["x0"] + i * slot_w + (slot_w - bar_w) / 2, 2), "y": round(y1 - n * scale, 2), "w": round(bar_w, 2),
             "h": round(max(n * scale, 0.5), 2), "title": f"{label}: {n} event{'s' * (n != 1)}"} for i, n, label in events]  # fmt: skip
    ticks = [{"y": round(y1 - v * scale, 2), "label": f"{v:g}"} for v in (0, top_val)]
    return {"width": width, "height": height, "x0": plot["x0"], "x1": plot["x1"], "y0": y0, "y1": y1, "bars": bars, "yticks": ticks}


def bars(counts: dict[str, int], css: dict[str, str] | None = None, width: int = 420, row: int = 22) -> dict[str, Any]:
    """Horizontal bars for a small ``{label: count}`` table (events by type)."""
    items = list(counts.items())
    most = max([v for _, v in items] + [1])
    label_w, value_w = 100, 60
    span = width - label_w - value_w
    rows = [
        {"label": k, "value": v, "y": i * row, "w": round(max(1.0, span * v / most), 2), "css": (css or {}).get(k, "q0")}
        for i, (k, v) in enumerate(items)
    ]
    return {"width": width, "height": max(row, row * len(items)), "rows": rows, "x0": label_w, "row": row}


def _office(r: dict[str, Any]) -> str:
    return f"{r['office']}" + (f" ({r['country']})" if r.get("country") else "")


def timeline(roles: list[dict[str, Any]], width: int = 520, row: int = 26, label: Callable[[dict[str, Any]], str] = _office,
             span_of: tuple[date, date] | None = None) -> dict[str, Any]:  # fmt: skip
    """Offices held over time: one bar per role from the first to the last day it was seen, labelled by ``label``.

    ``span_of`` fixes the time axis (so several timelines line up); by default it spans these roles.
    """
    days = [period_day(r.get(k), "day") for r in roles for k in ("first_seen", "last_seen")]
    known = [d for d in days if d]
    if not known:
        return {"empty": True, "rows": [], "width": width, "height": row}
    start, end = span_of or (min(known), max(known))
    span = max((end - start).days, 1)
    label_w = 170
    plot_w = width - label_w - 20
    rows = []
    for i, r in enumerate(roles):
        a, b = period_day(r.get("first_seen"), "day"), period_day(r.get("last_seen"), "day")
        if a is None or b is None:
            continue
        x = label_w + plot_w * (a - start).days / span
        w = max(6.0, plot_w * (b - a).days / span)
        rows.append({"y": i * row, "x": round(x, 2), "w": round(w, 2), "label": label(r),
                     "title": f"{'' if label is _office else label(r) + ', '}{_office(r)}: seen {r['first_seen']} to {r['last_seen']} in {r['articles']} article{'s' * (r['articles'] != 1)}"})
    return {"empty": not rows, "rows": rows, "width": width, "height": row * len(roles) + 24, "start": start.isoformat(), "end": end.isoformat(), "label_w": label_w, "axis_y": row * len(roles) + 16}


def office_timelines(roles: list[dict[str, Any]], width: int = 960) -> list[dict[str, Any]]:
    """One timeline per office and country, its holders as rows, all on one time axis (``query.list_roles`` rows)."""
    days = [d for r in roles for d in (period_day(r.get("first_seen"), "day"), period_day(r.get("last_seen"), "day")) if d]
    if not days:
        return []
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in roles:
        groups.setdefault((r.get("country") or "", r["office"]), []).append(r)
    span = (min(days), max(days))
    return [{"country": country, "office": office, "holders": len(rows),
             "chart": timeline(rows, width=width, label=lambda r: r["person"], span_of=span)}
            for (country, office), rows in sorted(groups.items())]  # fmt: skip
