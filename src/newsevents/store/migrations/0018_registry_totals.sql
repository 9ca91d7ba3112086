-- 0018_registry_totals (issue #8): the actor registry's corpus-wide step reads totals by node (registry.observed.NodeTotals),
-- kept here and added to as articles come, so a refresh reads the new articles' observations and these rows, not every
-- article's; registry_keys says which articles hold a node, so a refresh sets the canonical ids of those articles only
-- whose nodes now resolve otherwise. Written by store/registry.py.
CREATE TABLE registry_nodes (
    node TEXT PRIMARY KEY,
    totals TEXT NOT NULL,                -- JSON, as registry.observed.encode_totals writes it
    resolved TEXT                        -- what its sightings resolved to when canonical ids were last written; NULL: unknown
);

CREATE TABLE registry_keys (
    node TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (node, article_id)
);
CREATE INDEX registry_keys_article ON registry_keys(article_id);

ALTER TABLE registry_observed ADD COLUMN counted INTEGER NOT NULL DEFAULT 0;  -- 1: its sightings are in registry_nodes
