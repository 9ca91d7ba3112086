-- 0004_web_indexes: indexes that keep the API and dashboard fast at 100,000+ events (bench/web_bench.py).
-- The event-day indexes repeat query.EVENT_DAY on the events table; if that expression changes,
-- change these in a new migration too, or list_events falls back to sorting every match.

-- list_events: newest first without sorting every match; with a type filter too.
CREATE INDEX events_day ON events(COALESCE(CASE WHEN length(date) = 10 THEN date END, substr(published, 1, 10)) DESC, id);
CREATE INDEX events_type_day ON events(type, COALESCE(CASE WHEN length(date) = 10 THEN date END, substr(published, 1, 10)) DESC, id);

-- the country filter's EXISTS looks up one event's participants by country (instead of scanning a whole country).
CREATE INDEX event_actors_event_country ON event_actors(event_id, country);

-- actor/target/dyad sides match id OR name (case-insensitive) OR country: one index per term lets SQLite union them.
CREATE INDEX event_actors_name ON event_actors(name COLLATE NOCASE);

-- the event map: one pass over a covering index, grouped in index order.
CREATE INDEX events_place ON events(location_name, location_country, lat, lon, quad_class);

-- an article's roles (read_document) and an actor's roles (get_actor).
CREATE INDEX roles_article ON roles(article_id);
CREATE INDEX roles_actor ON roles(actor_id);

-- list_articles' "newest first, undated last" order, read backwards from this index instead of sorting every article.
CREATE INDEX articles_newest ON articles(published IS NULL DESC, published);
