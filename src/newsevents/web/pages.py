"""The dashboard pages: server-rendered views of the same ``query`` results the API returns."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any, Callable

from fastapi import APIRouter, Query
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from newsevents import plover, query
from newsevents.errors import QueryError
from newsevents.plover import EVENT_TYPES
from newsevents.query import MAX_LIMIT, STATUSES, EventFilter
from newsevents.query_listing import count as count_rows
from newsevents.query_listing import count_clusters, count_places
from newsevents.query_listing import page as list_page
from newsevents.web import basemap, charts, eventmap, highlight, paging
from newsevents.web.deps import Conn, Cursor, Filters, blank, cached
from newsevents.web.paging import PageNo, Size, download_params
from newsevents.web.render import HEADER_TIPS, page, quad_css, segment, with_params

router = APIRouter(include_in_schema=False)
#: the busiest places the map draws and lists
MAP_PLACES = 500

#: colour of each PLOVER type's bar, by the quad class its CAMEO codes usually fall in
TYPE_QUAD = {etype: quad_css(quad) for etype, quad in plover.TYPE_QUAD.items()}
COLUMNS = ("Date", "Type", "Actor", "Target", "Status", "Conf.", "Goldstein", "Evidence", "Article")
#: sortable column → (first sort when clicked, the other direction when clicked again)
SORTABLE = {"Date": ("date", "-date"), "Type": ("type", None), "Conf.": ("confidence", None), "Goldstein": ("-goldstein", "goldstein")}
DESCENDING = {"date", "confidence", "-goldstein"}


def sort_headers(sort: str, params: dict[str, str]) -> list[dict[str, Any]]:
    """Table headers for the events page: links that sort by a column, and the current order's arrow."""
    out = []
    for label in COLUMNS:
        if label not in SORTABLE:
            out.append({"label": label, "href": None, "arrow": None, "aria": None, "tip": HEADER_TIPS.get(label)})
            continue
        first, other = SORTABLE[label]
        active = sort in (first, other)
        nxt = other if active and other and sort == first else first
        arrow = ("▼" if sort in DESCENDING else "▲") if active else None
        aria = ("descending" if sort in DESCENDING else "ascending") if active else None
        out.append({"label": label, "href": "/events" + with_params(params, sort=nxt), "arrow": arrow, "aria": aria, "tip": HEADER_TIPS.get(label)})
    return out


def _params(request: Request) -> dict[str, str]:
    """The page's query parameters without its page choice (the page size stays)."""
    return {k: v for k, v in request.query_params.items() if k not in ("cursor", "page")}


def _paged(request: Request, base: str, at: paging.Page, total: int, result: dict[str, Any]) -> dict[str, Any]:
    """The context every paged table shows: pager, total and the filter its downloads carry."""
    params = _params(request)
    return {"result": result, "params": params, "pg": paging.pager(at, total, base, params, more=bool(result["next"])),
            "download": download_params(params)}  # fmt: skip


def _table(request: Request, conn: Any, base: str, page_no: Any, size: Any, cursor: Any,
           fetch: Callable[[paging.Page], dict[str, Any]], listing: Callable[[], Any]) -> tuple[dict[str, Any], int]:
    """One page of a table with its total and pager, or the query's error (status 400) and an empty table."""
    error, result, total, status = None, {"items": [], "next": None}, 0, 200
    at = paging.Page(1, size or query.DEFAULT_LIMIT)
    try:
        at = paging.chosen(page_no, size, blank(cursor))
        result = fetch(at)
        total = cached(request, count_rows, conn, listing())
    except QueryError as exc:
        error, status = str(exc), 400
    return {"error": error, **_paged(request, base, at, total, result)}, status


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, conn: Conn) -> HTMLResponse:
    """Counts, events by type, top actors, latest events and articles, the event map, recent ingest runs."""
    st = cached(request, query.stats, conn)
    context = {
        "title": "Overview", "stats": st,
        "type_bars": charts.bars(st["events_by_type"], TYPE_QUAD),
        "actors": cached(request, query.list_actors, conn, limit=10)["items"],
        "events": query.list_events(conn, limit=10)["items"],
        "articles": query.list_articles(conn, limit=8)["items"],
        "map": eventmap.map_plot(cached(request, query.event_places, conn, limit=150), width=640),
    }
    return page(request, "overview.html", context)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, conn: Conn, article_id: str) -> HTMLResponse:
    """The clean text with entities, quotes and event triggers highlighted; the coded events beside it."""
    doc = query.get_article(conn, article_id)
    events = query.list_events(conn, EventFilter(article=article_id), limit=MAX_LIMIT)["items"]
    events.sort(key=lambda e: (e["evidence"]["start"], e["id"]))
    quads = {e["id"]: e["quad_class"] for e in events}
    context = {"title": doc["title"], "doc": doc, "events": events, "paragraphs": highlight.highlighted(doc, quads)}
    return page(request, "article.html", context)


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, conn: Conn, f: Filters, sort: str = "date", cursor: Cursor = None, page_no: PageNo = None,
           size: Size = None) -> HTMLResponse:  # fmt: skip
    """A filterable, sortable table of events, each linking to its evidence, with the number of matches and numbered pages."""
    table, status = _table(request, conn, "/events", page_no, size, cursor,
                           lambda at: query.list_events(conn, f, sort=sort, limit=at.size, cursor=at.cursor),
                           lambda: query.events_listing(conn, f))
    context = {
        "title": "Events", "f": f, "sort": sort, "types": EVENT_TYPES, "statuses": STATUSES,
        "headers": sort_headers(sort, _params(request)), **table,
    }
    return page(request, "events.html", context, status)


@router.get("/map", response_class=HTMLResponse)
def event_map(request: Request, conn: Conn, f: Filters, region: str | None = None) -> HTMLResponse:
    """Event places over the countries (the same filters as the events table), zoomed to a region; a clicked place lists its events."""
    error, places, counted, status, at = None, [], 0, 200, None
    params = {k: v for k, v in _params(request).items() if k not in ("place", "place_country")}
    try:
        everywhere = replace(f, place=None, place_country=None)
        places = cached(request, query.event_places, conn, everywhere, limit=MAP_PLACES)
        counted = cached(request, count_places, conn, everywhere)
        if f.place:
            listing = query.events_listing(conn, f)
            at = {"name": f.place, "country": f.place_country, "total": cached(request, count_rows, conn, listing),
                  "events": list_page(conn, listing, query.DEFAULT_LIMIT, None)["items"],
                  "filter": {k: v for k, v in download_params(_params(request)).items() if k != "region"}}  # fmt: skip
    except QueryError as exc:
        error, status = str(exc), 400
    context = {"title": "Map", "f": f, "places": places, "places_total": counted,
               "places_download": {**{k: v for k, v in params.items() if k != "region"}, "limit": MAP_PLACES}, "map": eventmap.map_plot(places, region=blank(region), params=params), "error": error,
               "types": EVENT_TYPES, "statuses": STATUSES, "params": params, "regions": basemap.regions(), "at": at,
               "is_area": eventmap.is_area}  # fmt: skip
    return page(request, "map.html", context, status)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, conn: Conn, q: str | None = None, country: str | None = None, cursor: Cursor = None,
           page_no: PageNo = None, size: Size = None) -> HTMLResponse:  # fmt: skip
    """Actors, most active first, with a form to compare two of them."""
    at = paging.chosen(page_no, size, blank(cursor))
    result = cached(request, query.list_actors, conn, q=blank(q), country=blank(country), limit=at.size, cursor=at.cursor)
    total = cached(request, query.count_actors, conn, q=blank(q), country=blank(country))
    context = {"title": "Actors", "q": q or "", "country": country or "", **_paged(request, "/actors", at, total, result)}
    return page(request, "actors.html", context)


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, conn: Conn, actor_id: str) -> HTMLResponse:
    """Offices held over time, events as actor and as target, the actors it meets most."""
    data = cached(request, query.get_actor, conn, actor_id)
    totals = {side: cached(request, count_rows, conn, query.events_listing(conn, EventFilter(**{side: data["id"]}))) for side in ("actor", "target")}
    context = {"title": data["name"], "actor": data, "timeline": charts.timeline(data["roles"]), "totals": totals}
    return page(request, "actor.html", context)


@router.get("/clusters", response_class=HTMLResponse)
def clusters(request: Request, conn: Conn, type: str | None = None, country: str | None = None, actor: str | None = None,
             since: str | None = None, until: str | None = None, min_sources: str | None = None, contested: bool | None = None,
             cursor: Cursor = None, page_no: PageNo = None, size: Size = None) -> HTMLResponse:  # fmt: skip
    """Happenings (event clusters), most sources first, with every filter of ``newsevents clusters``."""
    sources = blank(min_sources)
    if sources is not None and not sources.isdigit():
        raise QueryError(f"min_sources must be a whole number of sources, got {sources!r}")
    f = {"type": blank(type), "country": blank(country), "actor": blank(actor), "since": blank(since), "until": blank(until),
         "min_sources": int(sources) if sources else None, "contested": contested or None}  # fmt: skip
    from newsevents.clusters import CLUSTERER

    at = paging.chosen(page_no, size, blank(cursor))
    result = cached(request, query.list_clusters, conn, limit=at.size, cursor=at.cursor, **f)
    total = cached(request, count_clusters, conn, **f)
    context = {"title": "Happenings", "f": f, "types": EVENT_TYPES, "clusterer": CLUSTERER, **_paged(request, "/clusters", at, total, result)}
    return page(request, "clusters.html", context)


@router.get("/clusters/{cluster_id}", response_class=HTMLResponse)
def cluster(request: Request, conn: Conn, cluster_id: str) -> HTMLResponse:
    """One happening: every source that reports it, with its status and evidence sentence."""
    data = cached(request, query.get_cluster, conn, cluster_id)
    return page(request, "cluster.html", {"title": f"{data['type']} {data['date'] or ''}", "c": data})


@router.get("/dyads", response_model=None)
def dyad_form(request: Request, a: str | None = None, b: str | None = None) -> Response:
    """Send the compare form to the dyad page of the two actors."""
    a, b = blank(a), blank(b)
    if not a or not b:
        raise QueryError("give two actors to compare: an actor id, a name or a country code for both A and B")
    if a.casefold() == b.casefold():
        raise QueryError(f"A and B are both {a!r}: give two different actors to compare")
    return RedirectResponse(f"/dyads/{segment(a)}/{segment(b)}", status_code=303)


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad(request: Request, conn: Conn, a: str, b: str, by: Annotated[str, Query()] = "day",
         count: Annotated[str, Query()] = "clusters", since: str | None = None, until: str | None = None) -> HTMLResponse:  # fmt: skip
    """A–B cooperation against conflict over time (Goldstein sums and event counts per day, week, month or year), with the events under it."""
    since, until = blank(since), blank(until)
    data = cached(request, query.dyad_series, conn, a, b, by=by, count=count, since=since, until=until)
    svg = request.app.state.cache.get(("dyad_svg", a, b, by, count, since, until), lambda: Markup(
        request.app.state.templates.get_template("dyad_chart.html").render(chart=charts.dyad_chart(data["series"], by), dyad=data)))
    links = {"by": by, "count": None if count == "clusters" else count, "since": since, "until": until}
    context = {"title": f"{a} – {b}", "dyad": data, "chart_svg": svg, "summary": dyad_summary(data["series"]), "links": links,
               "periods": tuple(query.PERIODS), "events_total": data["events_total"]}  # fmt: skip
    return page(request, "dyad.html", context)


def dyad_summary(series: list[dict[str, Any]]) -> dict[int, dict[str, float]]:
    """Events and Goldstein totals per quad class over the whole series."""
    out: dict[int, dict[str, float]] = {q: {"events": 0, "goldstein": 0.0} for q in (1, 2, 3, 4)}
    for row in series:
        if row["quad_class"] in out:
            out[row["quad_class"]]["events"] += row["events"]
            out[row["quad_class"]]["goldstein"] += row["goldstein"] or 0.0
    return out


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, conn: Conn, source: str | None = None, q: str | None = None, kind: str | None = None,
           cursor: Cursor = None, page_no: PageNo = None, size: Size = None) -> HTMLResponse:  # fmt: skip
    """Who said what: attributions searchable by speaker and words, with the events each states."""
    f = {"source": blank(source), "q": blank(q), "kind": blank(kind)}
    table, status = _table(request, conn, "/quotes", page_no, size, cursor,
                           lambda at: query.list_attributions(conn, limit=at.size, cursor=at.cursor, **f),
                           lambda: query.attributions_listing(**f))
    context = {"title": "Who said what", "f": f, "kinds": query.ATTRIBUTION_KINDS, **table}
    return page(request, "quotes.html", context, status)


@router.get("/roles", response_class=HTMLResponse)
def roles(request: Request, conn: Conn, person: str | None = None, office: str | None = None, country: str | None = None) -> HTMLResponse:
    """Who held which office when: one timeline per office and country, its holders as rows."""
    f = {"person": blank(person), "office": blank(office), "country": blank(country)}
    found = cached(request, query.list_roles, conn, **f)
    context = {"title": "Roles", "f": f, "roles": found, "offices": charts.office_timelines(found)}
    return page(request, "roles.html", context)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, conn: Conn, q: str | None = None, source: str | None = None, since: str | None = None,
           until: str | None = None, sort: str | None = None, cursor: Cursor = None, page_no: PageNo = None,
           size: Size = None) -> HTMLResponse:  # fmt: skip
    """Full-text search over articles (all words required), by source and publication dates, newest, oldest or best match first."""
    f = {"q": blank(q), "source": blank(source), "since": blank(since), "until": blank(until), "sort": blank(sort) or "newest"}
    if f["sort"] == "relevance" and not f["q"]:  # no words to match: the form's "best match first" means newest
        f["sort"] = "newest"
    table, status = _table(request, conn, "/search", page_no, size, cursor,
                           lambda at: query.list_articles(conn, limit=at.size, cursor=at.cursor, **f),
                           lambda: query.articles_listing(**f))
    for item in table["result"]["items"]:
        item["marked"] = highlight.word_marks(item["snippet"] or "", q or "")
    context = {"title": "Search", "q": q or "", "f": f, "sources": cached(request, query.article_sources, conn), **table}
    return page(request, "search.html", context, status)
