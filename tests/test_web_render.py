"""Pure rendering helpers of the dashboard: text segments by offsets, chart and map geometry."""

from __future__ import annotations

from newsevents.web import charts, eventmap, highlight
from newsevents.web.highlight import Layer


def flat(segs):
    """Segments as (text, layer kinds, anchors) tuples."""
    return [(s.text, [l.kind for l in s.layers], s.anchors) for s in segs]


def ev(start, end, ids="x"):
    """An event-trigger layer."""
    return Layer("ev", start, end, "mark", "ev q1", {"data-events": ids})


def test_segments_cut_at_every_boundary_and_nest_by_kind():
    text = "Putin said: we met today."
    layers = [Layer("quote", 12, 25, "span", "quote"), Layer("ent", 0, 5, "span", "ent"), ev(15, 18, "a b")]
    (para,) = highlight.segments(text, [(0, len(text))], layers)
    assert flat(para) == [
        ("Putin", ["ent"], []), (" said: ", [], []), ("we ", ["quote"], []), ("met", ["quote", "ev"], ["ev-a", "ev-b"]), (" today.", ["quote"], []),
    ]
    assert "".join(s.text for s in para) == text


def test_segments_split_spans_across_paragraphs_and_anchor_once():
    text = "one two\n\nthree four"
    paras = highlight.segments(text, [(0, 7), (9, 19)], [ev(4, 14)])
    assert flat(paras[0]) == [("one ", [], []), ("two", ["ev"], ["ev-x"])]
    assert flat(paras[1]) == [("three", ["ev"], []), (" four", [], [])]


def test_segments_ignore_spans_outside_the_text_and_keep_the_innermost():
    text = "abcdef"
    layers = [ev(4, 99), ev(3, 3), Layer("ent", 0, 6, "span", "outer"), Layer("ent", 1, 3, "span", "inner")]
    (para,) = highlight.segments(text, [(0, 6)], layers)
    assert [(s.text, [l.css for l in s.layers]) for s in para] == [("a", ["outer"]), ("bc", ["inner"]), ("def", ["outer"])]


def test_highlighted_article_uses_export_offsets():
    article = {
        "text": "Putin met Raisi.\n\n\u201cYes,\u201d he said.", "paragraphs": ["Putin met Raisi.", "\u201cYes,\u201d he said."],
        "entities": [{"id": "e1", "name": "Vladimir Putin", "type": "PERSON", "country": "RUS", "mentions": [{"start": 0, "end": 5, "text": "Putin"}]}],
        "quotes": [{"start": 19, "end": 23, "text": "Yes,", "speaker": "Vladimir Putin"}],
        "events": [{"id": "ev1", "type": "CONSULT", "quad_class": 1, "evidence": {"start": 6, "end": 9}}],
    }
    paras = highlight.highlighted(article)
    assert [s.text for s in paras[0]] == ["Putin", " ", "met", " Raisi."]
    assert paras[0][2].layers[0].attrs["data-events"] == "ev1" and paras[0][2].layers[0].css == "ev q1"
    assert [s.text for s in paras[1] if s.layers] == ["Yes,"]


def test_word_marks_find_search_words_case_insensitively():
    segs = highlight.word_marks("Putin met putin's ally", "PUTIN ally")
    assert [s.text for s in segs if s.layers] == ["Putin", "putin", "ally"]
    assert highlight.word_marks("", "x") == []


def test_nice_step():
    assert [charts.nice_step(x, 4) for x in (1, 7, 40, 950)] == [0.5, 2, 10, 500]


def test_dyad_chart_puts_cooperation_above_and_conflict_below_zero():
    series = [
        {"period": "2024-07-01", "quad_class": 1, "events": 2, "goldstein": 3.0},
        {"period": "2024-07-01", "quad_class": 4, "events": 1, "goldstein": -10.0},
        {"period": "2024-07-04", "quad_class": 2, "events": 1, "goldstein": 7.0},
        {"period": None, "quad_class": 1, "events": 1, "goldstein": 1.0},
    ]
    chart = charts.dyad_chart(series, "day")
    assert not chart["empty"] and chart["periods"] == 2 and len(chart["bars"]) == 3
    zero = chart["zero"]
    for bar in chart["bars"]:
        if bar["css"] in ("q1", "q2"):
            assert abs(bar["y"] + bar["h"] - zero) < 0.01
        else:
            assert abs(bar["y"] - zero) < 0.01
    xs = sorted({b["x"] for b in chart["bars"]})
    assert xs[1] - xs[0] > 2.5 * (chart["plot"]["x1"] - chart["plot"]["x0"]) / 4 - 1  # days without events keep their room
    assert len(chart["dots"]) == 2 and chart["net"] == []  # two days apart: no line drawn across the empty days between


def test_dyad_chart_breaks_the_net_line_at_empty_periods_and_counts_events():
    row = lambda period, events, g: {"period": period, "quad_class": 1 if g > 0 else 3, "events": events, "goldstein": g}  # noqa: E731
    chart = charts.dyad_chart([row("2024-01", 1, 2.0), row("2024-02", 2, -3.0), row("2024-03", 1, 1.0), row("2024-06", 4, -8.0),
                               row("2024-07", 1, 1.0)], "month")  # fmt: skip
    assert [len(line.split()) for line in chart["net"]] == [3, 2]  # Jan–Mar, then Jun–Jul; nothing across Apr and May
    counts = chart["counts"]
    assert [b["title"] for b in counts["bars"]] == ["2024-01: 1 event", "2024-02: 2 events", "2024-03: 1 event", "2024-06: 4 events", "2024-07: 1 event"]
    assert counts["bars"][3]["h"] == max(b["h"] for b in counts["bars"]) and counts["bars"][3]["x"] == chart["bars"][3]["x"]
    assert chart["xticks"][0]["label"] == "2024-01" and all(b["w"] <= charts.MAX_BAR for b in chart["bars"])  # few periods: not fat bars
    years = charts.dyad_chart([row("2019", 3, 4.0), row("2021", 1, -1.0)], "year")
    assert len(years["bars"]) == 2 and years["net"] == [] and years["bars"][0]["title"].startswith("2019 ·")
    assert charts.next_period(charts.period_day("2024-12", "month"), "month").isoformat() == "2025-01-01"


def test_dyad_chart_by_week_and_empty():
    week = charts.dyad_chart([{"period": "2024-W29", "quad_class": 3, "events": 1, "goldstein": -2.0}], "week")
    assert week["bars"][0]["title"].startswith("wk of 2024-07-15")
    empty = charts.dyad_chart([], "day")
    assert empty["empty"] and empty["bars"] == []


def test_map_plot_keeps_points_inside_and_crops_to_them():
    places = [{"name": "Moscow", "country": "RUS", "lat": 55.75, "lon": 37.62, "events": 10, "cooperation": 6, "conflict": 4},
              {"name": "Tehran", "country": "IRN", "lat": 35.69, "lon": 51.42, "events": 1, "cooperation": 0, "conflict": 1},
              {"name": "Nowhere", "country": None, "lat": None, "lon": None, "events": 3, "cooperation": 0, "conflict": 0}]
    m = eventmap.map_plot(places)
    assert len(m["dots"]) == 2 and m["height"] == m["width"] // 2
    for d in m["dots"]:
        assert 0 <= d["x"] <= m["width"] and 0 <= d["y"] <= m["height"]
    big = next(d for d in m["dots"] if d["name"] == "Moscow")
    assert big["css"] == "coop" and big["r"] > next(d for d in m["dots"] if d["name"] == "Tehran")["r"]
    assert any(l["main"] is False for l in m["lines"])
    world = eventmap.map_plot([])
    assert world["empty"] and world["width"] == 2 * world["height"]


def test_timeline_spans_offices():
    roles = [{"office": "President", "country": "IRN", "first_seen": "2024-01-01", "last_seen": "2024-07-01", "articles": 3},
             {"office": "Minister", "country": "IRN", "first_seen": "2023-06-01", "last_seen": "2023-06-01", "articles": 1}]
    t = charts.timeline(roles)
    assert t["start"] == "2023-06-01" and t["end"] == "2024-07-01"
    assert t["rows"][0]["x"] > t["rows"][1]["x"] and t["rows"][1]["w"] == 6.0
    assert charts.timeline([])["empty"]


def test_office_timelines_share_one_time_axis():
    roles = [{"person": "A", "office": "President", "country": "IRN", "first_seen": "2020-01-01", "last_seen": "2021-01-01", "articles": 2},
             {"person": "B", "office": "President", "country": "IRN", "first_seen": "2021-06-01", "last_seen": "2022-01-01", "articles": 1},
             {"person": "C", "office": "Minister", "country": "RUS", "first_seen": "2022-01-01", "last_seen": "2022-01-01", "articles": 1}]
    groups = charts.office_timelines(roles)
    assert [(g["country"], g["office"], g["holders"]) for g in groups] == [("IRN", "President", 2), ("RUS", "Minister", 1)]
    first, second = (g["chart"] for g in groups)
    assert first["start"] == second["start"] == "2020-01-01" and first["end"] == second["end"] == "2022-01-01"
    assert [r["label"] for r in first["rows"]] == ["A", "B"] and second["rows"][0]["x"] > first["rows"][1]["x"]
    assert charts.office_timelines([]) == []


def test_table_cells_made_in_python_escape_what_they_show():
    """The badges and party links of web/cells.py: the same markup the pages always had, every value escaped."""
    from newsevents.web import cells

    nasty = {"id": "a/b c", "name": "<Iran & co>", "country": None}
    putin = {"id": "vladimir-putin", "name": "Vladimir Putin", "country": "RUS"}
    assert cells.actor_links([putin, nasty]) == ('<a href="/actors/vladimir-putin">Vladimir Putin</a> <span class="cc">RUS</span>, '
                                                 '<a href="/actors/a%2Fb%20c">&lt;Iran &amp; co&gt;</a>')  # fmt: skip
    assert cells.actor_links([]) == '<span class="muted">—</span>'
    assert cells.mutual_links([putin, nasty]).count("&lt;Iran") == 1 and '<span class="both-ways"' in cells.mutual_links([putin, nasty])
    badge = cells.type_badge({"type": "ACCUSE", "quad_class": 3})
    assert badge == '<a class="badge q3" href="/docs/codebook/types.html#accuse" title="verbal conflict: what ACCUSE means">ACCUSE</a>'
    assert 'title="what ASSAULT means"' in cells.type_badge({"type": "ASSAULT"})  # a cluster row has no quad class of its own
    assert cells.status_badge({"status": 'x"><script>'}).count("<script>") == 0
