-- 0003_search: full-text search over article titles and bodies (SQLite FTS5).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid'
);
INSERT INTO articles_fts(rowid, title, text) SELECT rowid, title, text FROM articles;
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
