"""Jinja2 set-up for the dashboard: one autoescaping environment, filters and the page helper."""

from __future__ import annotations

from importlib import resources
from typing import Any, Mapping
from urllib.parse import quote, urlencode, urlsplit

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from newsevents import __version__
from newsevents.plover import QUAD_NAMES, TYPE_QUAD

#: what the event table's headers explain when pointed at (title text)
HEADER_TIPS = {
    "Date": "The event's own day when the text dates it (with its precision when only a month or year is given), "
            "else the day the article was published; the publication day is shown under it when they differ",
    "Article": "The article the event was coded from, and its source",
    "Type": "PLOVER event type, in one colour everywhere: the quad class the type usually falls in (1 verbal cooperation, "
            "2 material cooperation, 3 verbal conflict, 4 material conflict); the row's edge shows this event's own quad class",
    "Status": "Claim status: reported (told as fact), alleged (claimed by someone), denied, planned (announced) "
              "or hypothetical (conditional, demanded or asked about)",
    "Conf.": "Confidence: how sure the coder is that the sentence codes this event, 0 to 1 (not how likely the event is)",
    "Goldstein": "Goldstein score of the event's CAMEO code, from -10 (most hostile) to +10 (most cooperative); "
                 "it belongs to the kind of event, not to this report",
}  # fmt: skip
DEFAULT_HEADERS = [{"label": c, "href": None, "arrow": None, "aria": None, "tip": HEADER_TIPS.get(c)}
                   for c in ("Date", "Type", "Actor", "Target", "Status", "Conf.", "Goldstein", "Evidence", "Article")]  # fmt: skip


def quad_name(quad: int | None) -> str:
    """Human name of a GDELT quad class."""
    return QUAD_NAMES.get(quad or 0, "unclassified")


def quad_css(quad: int | None) -> str:
    """CSS class colouring a quad class (q1 … q4, q0 when unknown)."""
    return f"q{quad}" if quad in QUAD_NAMES else "q0"


def type_css(event_type: Any) -> str:
    """CSS class colouring a PLOVER type: the quad class its CAMEO codes usually fall in, so a type has one colour everywhere."""
    return quad_css(TYPE_QUAD.get(str(event_type or "").upper()))


def segment(value: Any) -> str:
    """Quote one URL path segment (slashes included)."""
    return quote(str(value), safe="")


#: what browsers drop before parsing a URL: C0 controls and space at either end, tab and newlines anywhere
_EDGE = "".join(map(chr, range(0x21)))
_INSIDE = str.maketrans("", "", "\t\n\r")
LINK_SCHEMES = ("http", "https")


def safe_href(value: Any) -> str | None:
    """``value`` as a link target if it is an absolute http(s) URL, else None (show it as text).

    Every URL taken from data goes through here before it reaches an ``href``: ``javascript:``,
    ``data:`` and any other scheme, in any case and behind any control characters or whitespace
    a browser would skip ("\\x01JaVa\\tScript:"), is refused.
    """
    if not isinstance(value, str):
        return None
    url = value.translate(_INSIDE).strip(_EDGE)
    if any(ord(c) < 0x20 or c == "\x7f" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc or not url.lower().startswith(parts.scheme.lower() + "://"):
        return None
    return url


def number(value: Any) -> str:
    """Thousands separated integer, or the value as is."""
    return f"{value:,}" if isinstance(value, int) else ("" if value is None else str(value))


def sides(refs: list[dict[str, Any]]) -> str:
    """Actor or target names joined for a table cell."""
    return ", ".join(r["name"] for r in refs) or "—"


def _key(ref: Mapping[str, Any]) -> Any:
    """Who a participant is: its registry id when it has one, else its id or name."""
    return ref.get("canonical_id") or ref.get("id") or ref.get("name")


def parties(ev: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Everyone taking part in an event, each once (a reciprocal event's parties act together)."""
    seen, out = set(), []
    for ref in [*ev.get("actors", []), *ev.get("targets", [])]:
        if _key(ref) not in seen:
            seen.add(_key(ref))
            out.append(ref)
    return out


def mutual(ev: Mapping[str, Any]) -> bool:
    """True when an event (or a cluster, which has no flag: no target) is shown as "A ↔ B": reciprocal, with two parties or more."""
    together = ev["reciprocal"] if "reciprocal" in ev else not ev.get("targets")
    return bool(together) and len(parties(ev)) > 1


def dyad_pair(ev: Mapping[str, Any]) -> tuple[Mapping[str, Any], Mapping[str, Any]] | None:
    """The two participants whose dyad page an event links to; None when there are not two different ones."""
    if mutual(ev):
        first, second = parties(ev)[:2]
    elif ev.get("actors") and ev.get("targets"):
        first, second = ev["actors"][0], ev["targets"][0]
    else:
        return None
    same = _key(first) == _key(second) or first.get("id") == second.get("id")
    return None if same else (first, second)


def with_params(params: Mapping[str, Any], **changes: Any) -> str:
    """A query string from ``params`` with ``changes`` applied; empty and None values dropped."""
    merged = {**{k: v for k, v in params.items()}, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else "?"


def environment() -> jinja2.Environment:
    """The template environment: package templates, autoescape on, undefined names are errors."""
    folder = resources.files("newsevents.web") / "templates"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(quad_name=quad_name, quad_css=quad_css, type_css=type_css, seg=segment, num=number, sides=sides, safe_href=safe_href,
                       parties=parties, mutual=mutual, dyad_pair=dyad_pair)  # fmt: skip
    from newsevents.web.cells import FILTERS

    env.filters.update(FILTERS)
    env.globals.update(with_params=with_params, version=__version__, quad_names=QUAD_NAMES, default_headers=DEFAULT_HEADERS)
    return env


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """Render template ``name`` with ``context`` into an HTML response."""
    env: jinja2.Environment = request.app.state.templates
    html = env.get_template(name).render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)
