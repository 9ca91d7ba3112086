-- 0003_search on PostgreSQL: full-text search over article titles and bodies, a tsvector per article with a GIN
-- index, kept by a trigger as FTS5's is. The 'simple' configuration lower-cases and does not stem, as FTS5's
-- default tokenizer; ranks differ (ts_rank, not bm25). query.articles_listing's FTS5 subquery is rewritten to
-- match it by store/dialect.py.
CREATE TABLE articles_fts (
    rowid BIGINT PRIMARY KEY,            -- articles.rowid
    document tsvector NOT NULL
);
CREATE INDEX articles_fts_document ON articles_fts USING gin (document);
INSERT INTO articles_fts (rowid, document) SELECT rowid, to_tsvector('simple', title || ' ' || text) FROM articles;
CREATE FUNCTION articles_fts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO articles_fts (rowid, document) VALUES (NEW.rowid, to_tsvector('simple', NEW.title || ' ' || NEW.text));
    RETURN NEW;
END $$;
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles FOR EACH ROW EXECUTE FUNCTION articles_fts_insert();
