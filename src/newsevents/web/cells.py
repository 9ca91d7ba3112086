"""HTML of the event table's busiest cells (type and status badges, linked parties), made in Python.

The events, dyad, actor, map and overview pages show up to 200 rows of these; as Jinja macros they
cost more than the rest of the row (macro calls are slow), as filters a few microseconds. The
templates' macros of the same names call these, so every page writes them the same way.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping
from urllib.parse import quote

from markupsafe import Markup, escape

from newsevents.web.render import quad_name, segment, type_css

BOTH_WAYS = ' <span class="both-ways" title="reciprocal: they act together">↔</span> '
NOBODY = Markup('<span class="muted">—</span>')
# f-strings over escaped values: Markup.format escapes the same way but is several times slower


def _link(ref: Mapping[str, Any]) -> str:
    """One participant: a link to its actor page, with its country code."""
    link = f'<a href="/actors/{escape(segment(ref["id"]))}">{escape(ref["name"])}</a>'
    return f'{link} <span class="cc">{escape(ref["country"])}</span>' if ref["country"] else link


def actor_links(refs: Iterable[Mapping[str, Any]]) -> Markup:
    """One side's participants, comma-separated ("—" when none)."""
    return Markup(", ".join(map(_link, refs))) or NOBODY


def mutual_links(refs: Iterable[Mapping[str, Any]]) -> Markup:
    """A reciprocal event's parties, acting together: "A ↔ B"."""
    return Markup(f'<span class="mutual">{BOTH_WAYS.join(map(_link, refs))}</span>')


def type_badge(ev: Mapping[str, Any]) -> Markup:
    """The PLOVER type in its one colour, linking to its codebook entry; the title names the event's quad class."""
    kind = escape(ev["type"])
    quad = f"{quad_name(ev['quad_class'])}: " if "quad_class" in ev else ""
    return Markup(f'<a class="badge {type_css(ev["type"])}" href="/docs/codebook/types.html#{escape(quote(str(ev["type"]).lower(), safe="/"))}" '
                  f'title="{escape(quad)}what {kind} means">{kind}</a>')  # fmt: skip


def status_badge(ev: Mapping[str, Any]) -> Markup:
    """The claim status, linking to its codebook entry."""
    status = escape(ev["status"])
    return Markup(f'<a class="status status-{status}" href="/docs/codebook/status.html#{escape(quote(str(ev["status"]), safe="/"))}" '
                  f'title="what {status} means">{status}</a>')  # fmt: skip


FILTERS = {"actor_links": actor_links, "mutual_links": mutual_links, "type_badge": type_badge, "status_badge": status_badge}
