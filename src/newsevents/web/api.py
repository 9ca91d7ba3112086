"""The JSON API under /api: thin routes over ``newsevents.query`` (lists answer {"items", "next", "total", "limit", "offset"}: ``web.totals``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from newsevents import query
from newsevents.export import api_event_row
from newsevents.query_listing import count_clusters, count_entities, count_places, every_page, stream
from newsevents.web.deps import Conn, Cursor, Filters, Limit, blank, cached, cached_json
from newsevents.web.download import RESPONSES, Format, download, file_name
from newsevents.web.totals import cached_counted, cached_listed, listed, whole

router = APIRouter(prefix="/api", tags=["api"])
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": 'Bad parameter: {"error": {"status": 400, "code": "bad_request", "message": ...}}'},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {**ERRORS, 404: {"description": 'Not found: {"error": {"status": 404, "code": "not_found", ...}}'}}
LIST = {**ERRORS, **RESPONSES}
SORTS = Annotated[str, Query(description="date (newest first), -date, goldstein, -goldstein, confidence or type")]


def _json(content: Any) -> JSONResponse:
    return JSONResponse(content)


@router.get("", summary="What this API offers")
def index() -> Response:
    """Links to the routes and the docs."""
    routes = ["/api/stats", "/api/articles", "/api/articles/{id}", "/api/events", "/api/actors", "/api/actors/{id}",
              "/api/quotes", "/api/attributions", "/api/roles", "/api/entities", "/api/places", "/api/dyads/{a}/{b}",
              "/api/clusters", "/api/clusters/{id}"]
    return _json({"name": "newsevents", "docs": "/api/docs", "openapi": "/api/openapi.json", "routes": routes})


@router.get("/stats", summary="Counts of everything stored", responses=ERRORS)
def stats(request: Request, conn: Conn) -> Response:
    """Counts of articles, entities, events, quotes, actors and inputs; events by type; recent ingest runs."""
    return cached_json(request, query.stats, conn)


@router.get("/articles", summary="List or full-text search articles", responses=LIST)
def articles(
    request: Request,
    conn: Conn,
    q: Annotated[str | None, Query(description="Full-text search over titles and bodies (all words required)")] = None,
    source: Annotated[str | None, Query(description="Only articles from this source")] = None,
    since: Annotated[str | None, Query(description="Published on or after, YYYY-MM-DD (or YYYY-MM, YYYY)")] = None,
    until: Annotated[str | None, Query(description="Published on or before, YYYY-MM-DD (or YYYY-MM, YYYY)")] = None,
    sort: Annotated[str, Query(description="newest, oldest, or relevance (with q)")] = "newest",
    limit: Limit = None,
    cursor: Cursor = None,
    fmt: Format = None,
) -> Response:
    """Articles, newest first, with a snippet and their event count."""
    f = {"q": blank(q), "source": blank(source), "since": blank(since), "until": blank(until), "sort": sort}
    if fmt:
        return download(stream(conn, query.articles_listing(**f)), fmt, "articles")
    return listed(request, conn, query.articles_listing(**f), limit, blank(cursor))


@router.get("/articles/{article_id}", summary="One article with its annotations", responses=NOT_FOUND)
def article(conn: Conn, article_id: Annotated[str, Path(description="Article id")]) -> Response:
    """The article in the export's JSON shape: text, captions, entities, events, quotes, roles."""
    return _json(query.get_article(conn, article_id))


@router.get("/events", summary="Filter events", responses=LIST)
def events(request: Request, conn: Conn, f: Filters, sort: SORTS = "date", limit: Limit = None, cursor: Cursor = None, fmt: Format = None) -> Response:
    """Events matching every given filter, with actors, targets, place, status and evidence (a download: the export's event rows)."""
    if fmt:
        return download(map(api_event_row, stream(conn, query.events_listing(conn, f, sort=sort))), fmt, "events")
    return listed(request, conn, query.events_listing(conn, f, sort=sort), limit, blank(cursor))


@router.get("/actors", summary="List actors", responses=LIST)
def actors(
    request: Request,
    conn: Conn,
    q: Annotated[str | None, Query(description="An id, name or alias, or part of one (exact matches first)")] = None,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-3 code")] = None,
    limit: Limit = None,
    cursor: Cursor = None,
    fmt: Format = None,
) -> Response:
    """Registry actors with their counts as actor and as target, most active first; ``suggestions`` names close matches when none is found."""
    if fmt:
        return download(query.actor_rows(conn, q=blank(q), country=blank(country)), fmt, "actors")
    return cached_listed(request, query.list_actors, query.count_actors, conn, limit, blank(cursor), q=blank(q), country=blank(country))


@router.get("/actors/{actor_id}", summary="One actor with roles, events and partners", responses=NOT_FOUND)
def actor(request: Request, conn: Conn, actor_id: Annotated[str, Path(description="Actor id, name or alias, e.g. person:vladimir-putin or Putin")]) -> Response:
    """Aliases, merge evidence and offices from the registry; events as actor and as target; the actors it meets most."""
    return cached_json(request, query.get_actor, conn, actor_id)


@router.get("/quotes", summary="Direct quotes", responses=LIST)
def quotes(
    request: Request,
    conn: Conn,
    speaker: Annotated[str | None, Query(description="Part of the speaker's name")] = None,
    q: Annotated[str | None, Query(description="Words in the quote")] = None,
    limit: Limit = None,
    cursor: Cursor = None,
    fmt: Format = None,
) -> Response:
    """Quotes with their speakers, newest article first."""
    if fmt:
        return download(stream(conn, query.quotes_listing(speaker=blank(speaker), q=blank(q))), fmt, "quotes")
    return listed(request, conn, query.quotes_listing(speaker=blank(speaker), q=blank(q)), limit, blank(cursor))


@router.get("/attributions", summary="Who said what", responses=LIST)
def attributions(
    request: Request,
    conn: Conn,
    kind: Annotated[Literal["direct", "mixed", "indirect"] | None, Query(description="direct, mixed or indirect")] = None,
    source: Annotated[str | None, Query(description="Part of the speaker's name or of the source as written")] = None,
    q: Annotated[str | None, Query(description="Words in what was said")] = None,
    limit: Limit = None,
    cursor: Cursor = None,
    fmt: Format = None,
) -> Response:
    """Attributions (direct, mixed and indirect) with source, cue and content spans and the events each states, newest article first."""
    if fmt:
        return download(stream(conn, query.attributions_listing(kind=kind, source=blank(source), q=blank(q))), fmt, "attributions")
    return listed(request, conn, query.attributions_listing(kind=kind, source=blank(source), q=blank(q)), limit, blank(cursor))


@router.get("/roles", summary="Who held which office when", responses=LIST)
def roles(
    conn: Conn,
    person: Annotated[str | None, Query(description="Part of the person's name")] = None,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-3 code")] = None,
    office: Annotated[str | None, Query(description="Part of the office, e.g. President")] = None,
    fmt: Format = None,
) -> Response:
    """Roles with the first and last day seen and the number of articles."""
    items = query.list_roles(conn, person=blank(person), country=blank(country), office=blank(office))
    return download(items, fmt, "roles") if fmt else whole(items)


@router.get("/entities", summary="Most-mentioned entities", responses=LIST)
def entities(
    request: Request,
    conn: Conn,
    type: Annotated[str | None, Query(description="Entity type: PERSON, ORG, LOC, NORP, ...")] = None,
    limit: Annotated[int, Query(ge=1, le=query.MAX_LIMIT, description="How many")] = 20,
    fmt: Format = None,
) -> Response:
    """Entities ranked by the number of articles naming them (a download holds the same ``limit`` entities); ``total`` counts them all."""
    items = query.top_entities(conn, type=blank(type), limit=limit)
    return download(items, fmt, "entities") if fmt else whole(items, cached(request, count_entities, conn, type=blank(type)), limit)


@router.get("/places", summary="Where events happened", responses=LIST)
def places(request: Request, conn: Conn, f: Filters, limit: Annotated[int, Query(ge=1, le=1000, description="How many places")] = 200,
           fmt: Format = None) -> Response:  # fmt: skip
    """Event places with coordinates and counts, busiest first (the same filters as /api/events); ``total`` counts every such place."""
    items = cached(request, query.event_places, conn, f, limit=limit)
    return download(items, fmt, "places") if fmt else whole(items, cached(request, count_places, conn, f), limit)


@router.get("/dyads/{a}/{b}", summary="Cooperation and conflict between A and B over time", responses=LIST)
def dyad(
    request: Request,
    conn: Conn,
    a: Annotated[str, Path(description="Actor id, name, alias or country code, e.g. RUS")],
    b: Annotated[str, Path(description="Actor id, name, alias or country code, e.g. IRN")],
    by: Annotated[str, Query(description="day, week, month or year")] = "day",
    count: Annotated[str, Query(description="clusters (a happening reported by several articles counts once) or mentions")] = "clusters",
    since: Annotated[str | None, Query(description="Earliest event day, YYYY-MM-DD (or YYYY-MM, YYYY)")] = None,
    until: Annotated[str | None, Query(description="Latest event day, YYYY-MM-DD (or YYYY-MM, YYYY)")] = None,
    fmt: Format = None,
) -> Response:
    """Per period and quad class: happening count and summed Goldstein score; then the events themselves (with ``format``: every event between them).

    ``events`` holds the newest 200; ``events_total`` (and the X-Total-Count header) counts them all.
    ``suggestions`` maps a name that matches no participant to the close names that do (the key is there only then)."""
    if fmt:
        listing = query.between_listing(conn, a, b, since=blank(since), until=blank(until))
        return download(map(api_event_row, stream(conn, listing)), fmt, file_name("dyad", a, b))
    since, until = blank(since), blank(until)

    def build() -> tuple[dict[str, Any], int]:
        data = query.dyad_series(conn, a, b, by=by, count=count, since=since, until=until)
        return data, data["events_total"]

    return cached_counted(request, ("dyad", a, b, by, count, since, until), build)


@router.get("/clusters", summary="Event clusters: one happening, every source", responses=LIST)
def clusters(
    request: Request,
    conn: Conn,
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT")] = None,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-3 code of a party")] = None,
    actor: Annotated[str | None, Query(description="An actor id, name or alias among the parties")] = None,
    since: Annotated[str | None, Query(description="Earliest day, YYYY-MM-DD (or YYYY-MM, YYYY)")] = None,
    until: Annotated[str | None, Query(description="Latest day, YYYY-MM-DD (or YYYY-MM, YYYY)")] = None,
    min_sources: Annotated[int | None, Query(ge=0, le=10_000, description="At least this many sources")] = None,
    contested: Annotated[bool | None, Query(description="true: only happenings one source reports and another denies")] = None,
    limit: Limit = None,
    cursor: Cursor = None,
    fmt: Format = None,
) -> Response:
    """Happenings with their type, day, parties, how many articles and sources report them, and whether that is contested."""
    f = {"type": blank(type), "country": blank(country), "actor": blank(actor), "since": blank(since), "until": blank(until),
         "min_sources": min_sources, "contested": contested}  # fmt: skip
    if fmt:
        return download(every_page(lambda at: query.list_clusters(conn, limit=query.MAX_LIMIT, cursor=at, **f)), fmt, "happenings")
    return cached_listed(request, query.list_clusters, count_clusters, conn, limit, blank(cursor), **f)


@router.get("/clusters/{cluster_id}", summary="One happening with every source", responses={**NOT_FOUND, **RESPONSES})
def cluster(request: Request, conn: Conn, cluster_id: Annotated[str, Path(description="Cluster id, e.g. ec50cda3dae1f1")], fmt: Format = None) -> Response:
    """The happening and each report of it: article title, url, source, date, status and evidence sentence (with ``format``: the reports)."""
    if fmt:
        return download(query.get_cluster(conn, cluster_id)["members"], fmt, file_name("happening", cluster_id))
    return cached_json(request, query.get_cluster, conn, cluster_id)
