-- 0014_rollups on PostgreSQL: the tables and views of 0014_rollups.sql (read its header for what they count).
-- Events: statement-level triggers read each statement's rows from its transition tables, so a COPY of a
-- batch updates each rollup row once. Participants: row triggers note each change, and a deferred trigger
-- applies the notes once at commit, still inside the writing transaction. An event's month comes from one
-- SQL function, rollup_month, the same expression as query.EVENT_DAY.

CREATE FUNCTION rollup_month(date TEXT, published TEXT, historical BIGINT) RETURNS TEXT IMMUTABLE LANGUAGE sql AS $$
    SELECT coalesce(substr(CASE WHEN length(date) = 10 THEN date WHEN date IS NOT NULL AND substr(published, 1, length(date)) = date THEN substr(published, 1, 10) WHEN length(date) = 7 THEN date || '-01' WHEN length(date) = 4 THEN date || '-01-01' WHEN historical <> 0 THEN NULL ELSE substr(published, 1, 10) END, 1, 7), 'none')
$$;

CREATE VIEW rollup_event_days AS
SELECT id, type, goldstein, reciprocal, rollup_month(date, published, historical) AS month FROM events;

CREATE VIEW rollup_pairs_now AS
SELECT DISTINCT x.event_id, x.canonical_id AS a, y.canonical_id AS b, e.month, e.goldstein
FROM event_actors x JOIN event_actors y ON y.event_id = x.event_id AND x.canonical_id < y.canonical_id
JOIN rollup_event_days e ON e.id = x.event_id
WHERE y.role <> x.role OR (e.reciprocal <> 0 AND x.role = 'actor' AND y.role = 'actor');

CREATE TABLE rollup_type_month (
    month TEXT NOT NULL,
    type TEXT NOT NULL,
    events BIGINT NOT NULL,
    goldstein DOUBLE PRECISION NOT NULL,
    scored BIGINT NOT NULL,
    PRIMARY KEY (month, type)
);

CREATE TABLE rollup_actor_month (
    actor_id TEXT NOT NULL,
    month TEXT NOT NULL,
    as_actor BIGINT NOT NULL,
    as_target BIGINT NOT NULL,
    PRIMARY KEY (actor_id, month)
);
CREATE INDEX rollup_actor_month_month ON rollup_actor_month(month);

CREATE TABLE rollup_pair_month (
    month TEXT NOT NULL,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    events BIGINT NOT NULL,
    goldstein DOUBLE PRECISION NOT NULL,
    scored BIGINT NOT NULL,
    PRIMARY KEY (month, a, b)
);
CREATE INDEX rollup_pair_month_gone ON rollup_pair_month(month) WHERE events = 0;

CREATE TABLE rollup_event_pairs (
    event_id TEXT NOT NULL,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    month TEXT NOT NULL,
    goldstein DOUBLE PRECISION,
    PRIMARY KEY (event_id, a, b)
);

-- what the store holds already
INSERT INTO rollup_type_month (month, type, events, goldstein, scored)
SELECT month, type, count(*), coalesce(sum(goldstein), 0), count(goldstein) FROM rollup_event_days WHERE month <> 'none' GROUP BY month, type;
INSERT INTO rollup_actor_month (actor_id, month, as_actor, as_target)
SELECT x.canonical_id, e.month, count(*) FILTER (WHERE x.role = 'actor'), count(*) FILTER (WHERE x.role = 'target')
FROM event_actors x JOIN rollup_event_days e ON e.id = x.event_id WHERE x.canonical_id IS NOT NULL GROUP BY x.canonical_id, e.month;
INSERT INTO rollup_event_pairs (event_id, a, b, month, goldstein) SELECT event_id, a, b, month, goldstein FROM rollup_pairs_now;
INSERT INTO rollup_pair_month (month, a, b, events, goldstein, scored)
SELECT month, a, b, count(*), coalesce(sum(goldstein), 0), count(goldstein) FROM rollup_event_pairs GROUP BY month, a, b;

-- events: their type and month (events are inserted before their participants and deleted after them)
CREATE FUNCTION rollup_events_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO rollup_type_month AS r (month, type, events, goldstein, scored)
    SELECT month, type, sum(sign), sum(sign * coalesce(goldstein, 0)), sum(sign * (goldstein IS NOT NULL)::int) FROM (
        SELECT rollup_month(date, published, historical) AS month, type, goldstein, CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END AS sign
        FROM changed) c
    WHERE month <> 'none' GROUP BY month, type
    ON CONFLICT (month, type) DO UPDATE SET events = r.events + excluded.events, goldstein = r.goldstein + excluded.goldstein, scored = r.scored + excluded.scored;
    DELETE FROM rollup_type_month WHERE events = 0;
    RETURN NULL;
END $$;

CREATE TRIGGER rollup_events_added AFTER INSERT ON events REFERENCING NEW TABLE AS changed
FOR EACH STATEMENT EXECUTE FUNCTION rollup_events_changed();
CREATE TRIGGER rollup_events_removed AFTER DELETE ON events REFERENCING OLD TABLE AS changed
FOR EACH STATEMENT EXECUTE FUNCTION rollup_events_changed();

-- participants: each change is noted (with its event's month, looked up while the event exists) and the notes
-- are applied once, when the transaction commits, by a deferred trigger: a registry rebuild's one UPDATE per
-- participant then costs one small insert each, and the rollups are recounted once for all of them
CREATE TABLE rollup_pending (event_id TEXT NOT NULL, month TEXT NOT NULL, role TEXT NOT NULL, actor_id TEXT NOT NULL, sign INTEGER NOT NULL);

CREATE FUNCTION rollup_participant_noted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.canonical_id IS NOT NULL THEN
        INSERT INTO rollup_pending SELECT OLD.event_id, month, OLD.role, OLD.canonical_id, -1 FROM rollup_event_days WHERE id = OLD.event_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.canonical_id IS NOT NULL THEN
        INSERT INTO rollup_pending SELECT NEW.event_id, month, NEW.role, NEW.canonical_id, 1 FROM rollup_event_days WHERE id = NEW.event_id;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION rollup_apply_pending() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('newsevents.rollups_applied', true) = txid_current()::text THEN
        RETURN NULL;  -- one deferred call per noted row: the first applies them all
    END IF;
    PERFORM set_config('newsevents.rollups_applied', txid_current()::text, true);
    INSERT INTO rollup_actor_month AS r (actor_id, month, as_actor, as_target)
    SELECT actor_id, month, coalesce(sum(sign) FILTER (WHERE role = 'actor'), 0), coalesce(sum(sign) FILTER (WHERE role = 'target'), 0)
    FROM rollup_pending GROUP BY actor_id, month
    ON CONFLICT (actor_id, month) DO UPDATE SET as_actor = r.as_actor + excluded.as_actor, as_target = r.as_target + excluded.as_target;
    DELETE FROM rollup_actor_month WHERE as_actor = 0 AND as_target = 0 AND actor_id IN (SELECT actor_id FROM rollup_pending);
    PERFORM rollup_refresh_pairs(ARRAY(SELECT DISTINCT event_id FROM rollup_pending));
    DELETE FROM rollup_pending;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER rollup_pending_applied AFTER INSERT ON rollup_pending DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION rollup_apply_pending();

-- take back the pairs the events ``ids`` gave, and give the pairs they give now
CREATE FUNCTION rollup_refresh_pairs(ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(cardinality(ids), 0) = 0 THEN
        RETURN;
    END IF;
    UPDATE rollup_pair_month m SET events = m.events - k.events, goldstein = m.goldstein - k.goldstein, scored = m.scored - k.scored
    FROM (SELECT month, a, b, count(*) AS events, coalesce(sum(goldstein), 0) AS goldstein, count(goldstein) AS scored
          FROM rollup_event_pairs WHERE event_id = ANY(ids) GROUP BY month, a, b) k
    WHERE m.month = k.month AND m.a = k.a AND m.b = k.b;
    DELETE FROM rollup_event_pairs WHERE event_id = ANY(ids);
    INSERT INTO rollup_event_pairs (event_id, a, b, month, goldstein) SELECT event_id, a, b, month, goldstein FROM rollup_pairs_now WHERE event_id = ANY(ids);
    INSERT INTO rollup_pair_month AS r (month, a, b, events, goldstein, scored)
    SELECT month, a, b, count(*), coalesce(sum(goldstein), 0), count(goldstein) FROM rollup_event_pairs WHERE event_id = ANY(ids) GROUP BY month, a, b
    ON CONFLICT (month, a, b) DO UPDATE SET events = r.events + excluded.events, goldstein = r.goldstein + excluded.goldstein, scored = r.scored + excluded.scored;
    DELETE FROM rollup_pair_month WHERE events = 0;
END $$;

CREATE TRIGGER rollup_participant_added AFTER INSERT ON event_actors
FOR EACH ROW WHEN (NEW.canonical_id IS NOT NULL) EXECUTE FUNCTION rollup_participant_noted();
CREATE TRIGGER rollup_participant_removed AFTER DELETE ON event_actors
FOR EACH ROW WHEN (OLD.canonical_id IS NOT NULL) EXECUTE FUNCTION rollup_participant_noted();
CREATE TRIGGER rollup_participant_changed AFTER UPDATE OF canonical_id, role ON event_actors
FOR EACH ROW WHEN (OLD.canonical_id IS DISTINCT FROM NEW.canonical_id OR OLD.role IS DISTINCT FROM NEW.role)
EXECUTE FUNCTION rollup_participant_noted();
