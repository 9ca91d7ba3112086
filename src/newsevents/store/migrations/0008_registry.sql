-- 0008_registry: the actor registry (issue #8): canonical actors, their aliases, merge evidence, terms of
-- office and the user's corrections; every event participant gets the canonical id it resolved to.
-- Rebuilt as a whole after each ingest (store/registry.py); the corrections are the only input kept.
CREATE TABLE registry_actors (
    id TEXT PRIMARY KEY,                 -- IRN, IRN-COP, person:vladimir-putin, org:nato, group:kurds
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('country', 'person', 'organisation', 'group', 'agent')),
    country TEXT,
    sector TEXT
);

CREATE TABLE registry_aliases (
    key TEXT PRIMARY KEY,                -- names.name_key(text): the folded form a name is looked up by
    text TEXT NOT NULL,                  -- as written
    actor_id TEXT NOT NULL REFERENCES registry_actors(id),
    how TEXT NOT NULL                    -- dictionary | name | surname | acronym | capital | correction | ...
);
CREATE INDEX registry_aliases_actor ON registry_aliases(actor_id);

CREATE TABLE registry_merges (
    actor_id TEXT NOT NULL REFERENCES registry_actors(id),
    name TEXT NOT NULL,                  -- the name (or description) that was joined
    rule TEXT NOT NULL,                  -- the rule that joined it
    article_id TEXT,                     -- the first article it was seen in; NULL for the dictionary and corrections
    start INTEGER,
    end INTEGER
);
CREATE INDEX registry_merges_actor ON registry_merges(actor_id);

CREATE TABLE registry_terms (
    country TEXT NOT NULL,
    office TEXT NOT NULL,
    start TEXT NOT NULL,                 -- ISO date, '' when open
    end TEXT NOT NULL,
    actor_id TEXT NOT NULL REFERENCES registry_actors(id),
    source TEXT NOT NULL                 -- dictionary | observed
);
CREATE INDEX registry_terms_actor ON registry_terms(actor_id);

CREATE TABLE registry_corrections (
    position INTEGER PRIMARY KEY,        -- corrections are applied again in this order after every rebuild
    op TEXT NOT NULL CHECK (op IN ('merge', 'split', 'alias')),
    actor TEXT NOT NULL,                 -- the actor id corrected
    other TEXT NOT NULL,                 -- an actor id (merge) or a name (split, alias)
    actor_name TEXT NOT NULL DEFAULT '', -- the actor's name when the fix was made, to find it again
    other_name TEXT NOT NULL DEFAULT '',
    made_at TEXT NOT NULL
);

ALTER TABLE event_actors ADD COLUMN canonical_id TEXT;  -- registry_actors.id the participant resolved to
CREATE INDEX event_actors_canonical ON event_actors(canonical_id, role);
