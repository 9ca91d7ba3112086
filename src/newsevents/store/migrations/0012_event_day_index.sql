-- 0012_event_day_index (issue #12): the event-day indexes again, on today's query.EVENT_DAY.
-- 0004's events_day and events_type_day index an older form of the event day (before month, year and
-- historical dates, 0006), which no query names any more: the planner never picks them, so list_events
-- sorted every match and date filters scanned every event. They are dropped; these repeat the expression
-- query.EVENT_DAY writes, character for character without the "e." alias, so SQLite and PostgreSQL both
-- match it: the default sort (newest day first, then id) reads the index in order, and date_from/date_to
-- become range searches on it. Plain SQL both take: CASE, length, substr, ||, and "historical <> 0"
-- (PostgreSQL takes no integer as a condition). If query.EVENT_DAY changes, add a migration that
-- changes these too (tests/test_web_event_day_index.py fails until then).

DROP INDEX IF EXISTS events_day;
DROP INDEX IF EXISTS events_type_day;

-- list_events and the events page: newest first, a date range, or both.
CREATE INDEX events_event_day ON events((CASE WHEN length(date) = 10 THEN date WHEN date IS NOT NULL AND substr(published, 1, length(date)) = date THEN substr(published, 1, 10) WHEN length(date) = 7 THEN date || '-01' WHEN length(date) = 4 THEN date || '-01-01' WHEN historical <> 0 THEN NULL ELSE substr(published, 1, 10) END) DESC, id);

-- the same with a type filter (the events page's most common filter).
CREATE INDEX events_type_event_day ON events(type, (CASE WHEN length(date) = 10 THEN date WHEN date IS NOT NULL AND substr(published, 1, length(date)) = date THEN substr(published, 1, 10) WHEN length(date) = 7 THEN date || '-01' WHEN length(date) = 4 THEN date || '-01-01' WHEN historical <> 0 THEN NULL ELSE substr(published, 1, 10) END) DESC, id);
