-- 0014_rollups (issue #9 item 4): aggregate tables kept current on write, in the transaction that writes the events.
-- Triggers keep them equal to what the views below give, through every write the store makes: an article's
-- events and participants inserted, deleted (a reingest deletes, then inserts), and a participant's registry
-- id set by a registry rebuild. Events are never updated in place (a recoding deletes and inserts them).
-- Counted as the DuckDB rollups count (analytics/rollups.py), over query.EVENT_DAY's day:
--   rollup_type_month:  events with a day, by month and PLOVER type: how many, summed Goldstein, how many scored;
--   rollup_actor_month: per registry actor and month ('none' for no day), its participant rows on each side;
--   rollup_pair_month:  per pair of registry actors in one event (a < b, opposite sides or both actors of a
--                       reciprocal event) and month, the events, summed Goldstein and how many scored.
-- rollup_event_pairs keeps the pairs each event adds, so a change to an event's participants takes back
-- exactly what the event gave before. A sum of no Goldstein scores is 0 here (the DuckDB rollups say NULL).
-- PostgreSQL applies 0014_rollups.postgres.sql: the same tables and views, statement-level triggers.

CREATE VIEW rollup_event_days AS
SELECT id, type, goldstein, reciprocal,
       coalesce(substr(CASE WHEN length(date) = 10 THEN date WHEN date IS NOT NULL AND substr(published, 1, length(date)) = date THEN substr(published, 1, 10) WHEN length(date) = 7 THEN date || '-01' WHEN length(date) = 4 THEN date || '-01-01' WHEN historical <> 0 THEN NULL ELSE substr(published, 1, 10) END, 1, 7), 'none') AS month
FROM events;

CREATE VIEW rollup_pairs_now AS
SELECT DISTINCT x.event_id, x.canonical_id AS a, y.canonical_id AS b, e.month, e.goldstein
FROM event_actors x JOIN event_actors y ON y.event_id = x.event_id AND x.canonical_id < y.canonical_id
JOIN rollup_event_days e ON e.id = x.event_id
WHERE y.role <> x.role OR (e.reciprocal <> 0 AND x.role = 'actor' AND y.role = 'actor');

CREATE TABLE rollup_type_month (
    month TEXT NOT NULL,
    type TEXT NOT NULL,
    events INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    scored INTEGER NOT NULL,
    PRIMARY KEY (month, type)
);

CREATE TABLE rollup_actor_month (
    actor_id TEXT NOT NULL,
    month TEXT NOT NULL,
    as_actor INTEGER NOT NULL,
    as_target INTEGER NOT NULL,
    PRIMARY KEY (actor_id, month)
);
CREATE INDEX rollup_actor_month_month ON rollup_actor_month(month);

CREATE TABLE rollup_pair_month (
    month TEXT NOT NULL,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    events INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    scored INTEGER NOT NULL,
    PRIMARY KEY (month, a, b)
);
CREATE INDEX rollup_pair_month_gone ON rollup_pair_month(month) WHERE events = 0;

CREATE TABLE rollup_pair_refresh (event_id TEXT NOT NULL);  -- always empty between statements (SQLite only)

CREATE TABLE rollup_event_pairs (
    event_id TEXT NOT NULL,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    month TEXT NOT NULL,
    goldstein REAL,
    PRIMARY KEY (event_id, a, b)
);

-- what the store holds already
INSERT INTO rollup_type_month (month, type, events, goldstein, scored)
SELECT month, type, count(*), coalesce(sum(goldstein), 0), count(goldstein) FROM rollup_event_days WHERE month <> 'none' GROUP BY month, type;
INSERT INTO rollup_actor_month (actor_id, month, as_actor, as_target)
SELECT x.canonical_id, e.month, sum(x.role = 'actor'), sum(x.role = 'target')
FROM event_actors x JOIN rollup_event_days e ON e.id = x.event_id WHERE x.canonical_id IS NOT NULL GROUP BY x.canonical_id, e.month;
INSERT INTO rollup_event_pairs (event_id, a, b, month, goldstein) SELECT event_id, a, b, month, goldstein FROM rollup_pairs_now;
INSERT INTO rollup_pair_month (month, a, b, events, goldstein, scored)
SELECT month, a, b, count(*), coalesce(sum(goldstein), 0), count(goldstein) FROM rollup_event_pairs GROUP BY month, a, b;

CREATE TRIGGER rollup_event_added AFTER INSERT ON events
BEGIN
    INSERT INTO rollup_type_month (month, type, events, goldstein, scored)
    SELECT month, type, 1, coalesce(goldstein, 0), goldstein IS NOT NULL FROM rollup_event_days WHERE id = NEW.id AND month <> 'none'
    ON CONFLICT (month, type) DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein, scored = scored + excluded.scored;
END;

CREATE TRIGGER rollup_event_removed BEFORE DELETE ON events
BEGIN
    UPDATE rollup_type_month SET events = events - 1, goldstein = goldstein - coalesce(OLD.goldstein, 0), scored = scored - (OLD.goldstein IS NOT NULL)
    WHERE (month, type) IN (SELECT month, type FROM rollup_event_days WHERE id = OLD.id);
    DELETE FROM rollup_type_month WHERE events = 0 AND (month, type) IN (SELECT month, type FROM rollup_event_days WHERE id = OLD.id);
END;

-- a participant's own counts: its side, under its event's month
CREATE TRIGGER rollup_participant_added AFTER INSERT ON event_actors WHEN NEW.canonical_id IS NOT NULL
BEGIN
    INSERT INTO rollup_actor_month (actor_id, month, as_actor, as_target)
    SELECT NEW.canonical_id, month, NEW.role = 'actor', NEW.role = 'target' FROM rollup_event_days WHERE id = NEW.event_id
    ON CONFLICT (actor_id, month) DO UPDATE SET as_actor = as_actor + excluded.as_actor, as_target = as_target + excluded.as_target;
END;

CREATE TRIGGER rollup_participant_removed AFTER DELETE ON event_actors WHEN OLD.canonical_id IS NOT NULL
BEGIN
    UPDATE rollup_actor_month SET as_actor = as_actor - (OLD.role = 'actor'), as_target = as_target - (OLD.role = 'target')
    WHERE actor_id = OLD.canonical_id AND month = (SELECT month FROM rollup_event_days WHERE id = OLD.event_id);
    DELETE FROM rollup_actor_month WHERE actor_id = OLD.canonical_id AND as_actor = 0 AND as_target = 0;
END;

CREATE TRIGGER rollup_participant_changed AFTER UPDATE OF canonical_id, role ON event_actors
WHEN OLD.canonical_id IS NOT NEW.canonical_id OR OLD.role IS NOT NEW.role
BEGIN
    UPDATE rollup_actor_month SET as_actor = as_actor - (OLD.role = 'actor'), as_target = as_target - (OLD.role = 'target')
    WHERE actor_id = OLD.canonical_id AND month = (SELECT month FROM rollup_event_days WHERE id = OLD.event_id);
    DELETE FROM rollup_actor_month WHERE actor_id = OLD.canonical_id AND as_actor = 0 AND as_target = 0;
    INSERT INTO rollup_actor_month (actor_id, month, as_actor, as_target)
    SELECT NEW.canonical_id, month, NEW.role = 'actor', NEW.role = 'target' FROM rollup_event_days WHERE id = NEW.event_id AND NEW.canonical_id IS NOT NULL
    ON CONFLICT (actor_id, month) DO UPDATE SET as_actor = as_actor + excluded.as_actor, as_target = as_target + excluded.as_target;
END;

-- an event's pairs after any change to its participants: a row in rollup_pair_refresh makes the trigger below
-- take back what the event gave and give what it gives now
CREATE TRIGGER rollup_pairs_added AFTER INSERT ON event_actors WHEN NEW.canonical_id IS NOT NULL
BEGIN
    INSERT INTO rollup_pair_refresh (event_id) VALUES (NEW.event_id);
END;

CREATE TRIGGER rollup_pairs_removed AFTER DELETE ON event_actors WHEN OLD.canonical_id IS NOT NULL
BEGIN
    INSERT INTO rollup_pair_refresh (event_id) VALUES (OLD.event_id);
END;

CREATE TRIGGER rollup_pairs_changed AFTER UPDATE OF canonical_id, role ON event_actors
WHEN OLD.canonical_id IS NOT NEW.canonical_id OR OLD.role IS NOT NEW.role
BEGIN
    INSERT INTO rollup_pair_refresh (event_id) VALUES (NEW.event_id);
END;

CREATE TRIGGER rollup_pairs_refreshed AFTER INSERT ON rollup_pair_refresh
BEGIN
    UPDATE rollup_pair_month SET events = events - 1,
        goldstein = goldstein - coalesce((SELECT k.goldstein FROM rollup_event_pairs k WHERE k.event_id = NEW.event_id AND k.a = rollup_pair_month.a AND k.b = rollup_pair_month.b), 0),
        scored = scored - (SELECT k.goldstein IS NOT NULL FROM rollup_event_pairs k WHERE k.event_id = NEW.event_id AND k.a = rollup_pair_month.a AND k.b = rollup_pair_month.b)
    WHERE (month, a, b) IN (SELECT month, a, b FROM rollup_event_pairs WHERE event_id = NEW.event_id);
    DELETE FROM rollup_event_pairs WHERE event_id = NEW.event_id;
    INSERT INTO rollup_event_pairs (event_id, a, b, month, goldstein) SELECT event_id, a, b, month, goldstein FROM rollup_pairs_now WHERE event_id = NEW.event_id;
    INSERT INTO rollup_pair_month (month, a, b, events, goldstein, scored)
    SELECT month, a, b, 1, coalesce(goldstein, 0), goldstein IS NOT NULL FROM rollup_event_pairs WHERE event_id = NEW.event_id AND true
    ON CONFLICT (month, a, b) DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein, scored = scored + excluded.scored;
    DELETE FROM rollup_pair_month WHERE events = 0;
    DELETE FROM rollup_pair_refresh;
END;
