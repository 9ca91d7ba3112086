-- 0002_events: actors, events with their participants, quotes and dated roles.
CREATE TABLE actors (
    id TEXT PRIMARY KEY,             -- stable key: slug of the canonical name (and country for descriptions)
    name TEXT NOT NULL,
    country TEXT,
    sector TEXT
);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    type TEXT NOT NULL,
    mode TEXT,
    context TEXT NOT NULL DEFAULT '[]',   -- JSON list
    cameo TEXT,
    quad_class INTEGER,
    goldstein REAL,
    date TEXT,
    date_text TEXT,
    location_name TEXT,
    location_country TEXT,
    lat REAL,
    lon REAL,
    location_start INTEGER,
    location_end INTEGER,
    status TEXT NOT NULL,
    sentence TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    confidence REAL NOT NULL,
    reciprocal INTEGER NOT NULL DEFAULT 0,
    published TEXT                        -- the article's date, denormalised for date filters
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type ON events(type, date);
CREATE INDEX events_date ON events(date);

CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id),
    role TEXT NOT NULL CHECK (role IN ('actor', 'target')),
    position INTEGER NOT NULL,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    name TEXT NOT NULL,
    entity TEXT,
    country TEXT,
    sector TEXT,
    start INTEGER,
    end INTEGER,
    PRIMARY KEY (event_id, role, position)
);
CREATE INDEX event_actors_actor ON event_actors(actor_id, role);
CREATE INDEX event_actors_country ON event_actors(country, role);

CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,
    speaker_entity TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX quotes_speaker ON quotes(speaker);

CREATE TABLE roles (
    article_id TEXT NOT NULL REFERENCES articles(id),
    person TEXT NOT NULL,
    office TEXT NOT NULL,
    country TEXT,
    seen TEXT,
    entity TEXT,
    actor_id TEXT
);
CREATE INDEX roles_person ON roles(person);
CREATE INDEX roles_office ON roles(country, office);
