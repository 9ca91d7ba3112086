-- 0011_feed_state (issue #10): what each feed URL's server last said identifies its version, for the
-- next run's conditional GET (If-None-Match, If-Modified-Since). Written by store/feeds.py, and kept
-- only for a feed whose entries were all stored, so a run that failed in part asks for it whole again.
CREATE TABLE feed_state (
    url TEXT PRIMARY KEY,
    etag TEXT,                           -- the ETag header of the last answer
    last_modified TEXT,                  -- its Last-Modified header
    checked TEXT NOT NULL                -- when it was fetched (ISO 8601, UTC)
);
