"""Toponym resolution on GeoVirus: are the places we resolve where the gold says they are?

../shared/geo/GeoVirus.xml (Wikinews text, CC BY 2.5) gives every place mention of 229 news
articles with offsets and coordinates. Two figures, the usual 161 km (100 mile) tolerance:

- ``resolution``: every gold mention looked up by its own text in our gazetteer, in the
  article's context (from our entities): its countries, its dateline and a region or country
  named right after the mention ("Paris, Texas") — the gazetteer and the context alone;
- ``below_country``: the same, counting only names resolved to a city, region or facility
  (a country's point is a convention: ours is a point near its geographic centre, GeoVirus uses Wikipedia's);
- ``end_to_end``: the share of gold mentions that ``article_places`` finds (an overlapping
  mention) and places within 161 km — NER, entity typing and resolution together.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.nlp.gazetteer import haversine_km
from newsevents.records import Article

__all__ = ["TOLERANCE_KM", "GoldArticle", "evaluate", "gold_articles", "haversine_km", "score"]

if TYPE_CHECKING:
    from spacy.language import Language

TOLERANCE_KM = 161.0

#: One gold article: its text and its places (name, start, end, lat, lon).
GoldArticle = tuple[str, list[tuple[str, int, int, float, float]]]


def gold_articles(shared: Path) -> list[GoldArticle]:
    """(text, [(name, start, end, lat, lon), ...]) for every GeoVirus article."""
    root = ET.parse(Path(shared) / "geo" / "GeoVirus.xml").getroot()
    articles = []
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        places = []
        for loc in node.iter("location"):
            try:
                places.append(
                    (
                        loc.findtext("name") or "",
                        int(loc.findtext("start") or 0),
                        int(loc.findtext("end") or 0),
                        float(loc.findtext("lat") or "nan"),
                        float(loc.findtext("lon") or "nan"),
                    )
                )
            except ValueError:
                continue
        articles.append((text, places))
    return articles


def score(items: list[GoldArticle], nlp: Language, prefix: str = "geo") -> dict[str, Any]:
    """Resolution and end-to-end accuracy within 161 km over gold articles, keyed ``<prefix>_...``.

    ``details`` lists every gold place missed by resolution or end to end, for development.
    """
    from newsevents.events.places import article_places, place_context, resolve_mention
    from newsevents.nlp.entities import extract_entities

    gold_total = resolved_ok = found_ok = resolved_any = local_total = local_ok = 0
    details: list[dict[str, Any]] = []
    texts = [text for text, _ in items]
    for (text, places), doc in zip(items, nlp.pipe(texts, batch_size=16)):
        article = Article(id="geo", title="", paragraphs=(text,))
        entities = extract_entities(doc, article)
        context = place_context(text, entities)
        predicted = article_places(doc, entities)
        for name, start, end, lat, lon in places:
            if math.isnan(lat) or math.isnan(lon):
                continue
            gold_total += 1
            place = resolve_mention(text, name, end, context)
            near = found = False
            if place is not None and place.lat is not None and place.lon is not None:
                near = haversine_km(lat, lon, place.lat, place.lon) <= TOLERANCE_KM
                resolved_any += 1
                resolved_ok += near
                if place.kind not in ("country", "continent"):
                    local_total += 1
                    local_ok += near
            for loc in predicted:
                if (loc.start or 0) < end and (loc.end or 0) > start and loc.lat is not None and loc.lon is not None:
                    found = haversine_km(lat, lon, loc.lat, loc.lon) <= TOLERANCE_KM
                    found_ok += found
                    break
            if not (near and found):
                details.append({"name": name, "start": start, "resolved": near, "found": found,
                                "got": None if place is None else (place.name, place.country, place.kind)})  # fmt: skip
    return {
        f"{prefix}_articles": len(items),
        f"{prefix}_gold_places": gold_total,
        f"{prefix}_resolution": round(resolved_ok / gold_total, 3) if gold_total else 0.0,
        f"{prefix}_end_to_end": round(found_ok / gold_total, 3) if gold_total else 0.0,
        f"{prefix}_with_coordinates": round(resolved_any / gold_total, 3) if gold_total else 0.0,
        f"{prefix}_below_country": round(local_ok / local_total, 3) if local_total else 0.0,
        f"{prefix}_below_country_mentions": local_total,
        "details": details,
    }


def evaluate(shared: Path, nlp: Language, *, limit: int | None = None) -> dict[str, Any]:
    """Resolution accuracy within 161 km on GeoVirus; prints and returns the figures."""
    figures = score(gold_articles(shared)[:limit], nlp)
    figures.pop("geo_below_country_mentions")
    print(
        f"geo (GeoVirus, Wikinews CC BY 2.5): {figures['geo_articles']} articles, {figures['geo_gold_places']} gold "
        f"places; gazetteer on gold names {figures['geo_resolution']:.3f}, end to end {figures['geo_end_to_end']:.3f} "
        f"within {TOLERANCE_KM:.0f} km; {figures['geo_with_coordinates']:.3f} of gold names get coordinates; "
        f"{figures['geo_below_country']:.3f} within {TOLERANCE_KM:.0f} km when resolved below country level"
    )
    figures.pop("details")
    return figures
