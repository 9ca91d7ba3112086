-- 0013_registry_observed (issue #8): what the actor registry read of each article (registry.observed), kept so
-- that a refresh after new articles reads and observes only those; the corpus-wide build then runs over every
-- article's observations and gives the same registry as a build from scratch. Written by store/registry.py.
CREATE TABLE registry_observed (
    article_id TEXT PRIMARY KEY,
    stamp TEXT NOT NULL,                 -- observer version and counts of the article's stored facts; observed again when it differs
    observed TEXT NOT NULL               -- JSON [sightings, links], as registry.observed.encode writes it
);
