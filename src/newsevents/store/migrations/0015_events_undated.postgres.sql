-- 0015_events_undated for PostgreSQL: the same partial index (dialect.ddl_to_postgres rewrites plain
-- column lists only, not a WHERE clause). See 0015_events_undated.sql for what it is for.
CREATE INDEX events_undated_published ON events (published) WHERE date IS NULL OR length(date) <> 10;
