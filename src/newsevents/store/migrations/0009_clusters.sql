-- 0009_clusters: cross-article event clusters (issue #8): one real happening, every article and source
-- that reports it, each with its own status. Written by store/clusters.py from all stored events.
CREATE TABLE event_clusters (
    id TEXT PRIMARY KEY,                 -- "ec" + 12 hex digits of the first-seen mention's key
    clusterer TEXT NOT NULL,             -- the versioned behaviour that made it: newsevents.clusters.v1
    type TEXT NOT NULL,                  -- the most frequent PLOVER type among the mentions
    date TEXT,                           -- the consensus day
    first_seen TEXT,                     -- earliest publication among its articles
    last_seen TEXT,
    articles INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    contested INTEGER NOT NULL DEFAULT 0,  -- 1: one source says it happened, another that it was denied
    actors TEXT NOT NULL DEFAULT '[]',   -- JSON list of registry actor ids, most mentioned first
    targets TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX event_clusters_type ON event_clusters(type, date);
CREATE INDEX event_clusters_date ON event_clusters(date);

CREATE TABLE event_cluster_members (
    cluster_id TEXT NOT NULL REFERENCES event_clusters(id),
    event_id TEXT NOT NULL REFERENCES events(id),
    article_id TEXT NOT NULL,
    source TEXT,
    published TEXT,
    status TEXT NOT NULL,                -- this mention's own status
    PRIMARY KEY (cluster_id, event_id)
);
CREATE INDEX event_cluster_members_event ON event_cluster_members(event_id);
