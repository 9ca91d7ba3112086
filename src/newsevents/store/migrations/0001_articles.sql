-- 0001_articles: inputs, runs, clean articles and their entities.
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    settings TEXT NOT NULL,          -- JSON of the Settings used
    inputs INTEGER NOT NULL DEFAULT 0,
    stored INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE inputs (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    origin TEXT NOT NULL,
    sha256 TEXT,
    size INTEGER NOT NULL DEFAULT 0,
    format TEXT,
    status TEXT NOT NULL CHECK (status IN ('stored', 'duplicate', 'failed', 'partial')),
    reason TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX inputs_run ON inputs(run_id);

CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    source TEXT,
    url TEXT,
    published TEXT,
    author TEXT,
    origin TEXT,
    text TEXT NOT NULL,
    input_id INTEGER REFERENCES inputs(id),
    run_id INTEGER REFERENCES runs(id),
    created TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE captions (
    article_id TEXT NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    credit TEXT,
    PRIMARY KEY (article_id, position)
);

CREATE TABLE paragraphs (
    article_id TEXT NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (article_id, position)
);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT,
    title TEXT,
    PRIMARY KEY (article_id, id)
);
CREATE INDEX entities_name ON entities(type, name);

CREATE TABLE mentions (
    article_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    FOREIGN KEY (article_id, entity_id) REFERENCES entities(article_id, id)
);
CREATE INDEX mentions_entity ON mentions(article_id, entity_id);
