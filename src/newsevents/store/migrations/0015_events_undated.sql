-- 0015_events_undated (issue #8): the events without a date to the day, by publication time.
-- The event clusters file such an event under its article's publication day (unless it is background
-- told as long past), so a refresh that reads only the events near the new ones (store.read.events_on_days)
-- looks them up by publication day. Without this index that lookup walked every article published in
-- the range and each article's events: the whole store when the new articles fall on many days.
-- events.published is the article's publication time, written with the event. A partial index: it holds
-- only the undated events; a query names the same condition, "date IS NULL OR length(date) <> 10".
CREATE INDEX events_undated_published ON events(published) WHERE date IS NULL OR length(date) <> 10;
