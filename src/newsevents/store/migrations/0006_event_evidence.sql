-- 0006_event_evidence: how precise an event's date is, whether it is told as background, every mention of it,
-- and reciprocal events with each party listed once.
ALTER TABLE events ADD COLUMN date_precision TEXT;            -- day | month | year; NULL for an undated event
ALTER TABLE events ADD COLUMN historical INTEGER NOT NULL DEFAULT 0;  -- 1: background, long before the article
UPDATE events SET date_precision = CASE length(date) WHEN 10 THEN 'day' WHEN 7 THEN 'month' WHEN 4 THEN 'year' END;

CREATE TABLE event_evidence (
    event_id TEXT NOT NULL REFERENCES events(id),
    position INTEGER NOT NULL,       -- mentions in text order; 0 is the main one (events.evidence_start/end)
    start INTEGER NOT NULL,          -- offsets into articles.text
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
);
-- Events stored before this migration had one mention: their evidence span, cut from their sentence.
INSERT INTO event_evidence (event_id, position, start, end, text)
    SELECT id, 0, evidence_start, evidence_end, substr(sentence, evidence_start - sentence_start + 1, evidence_end - evidence_start) FROM events;
-- Reciprocal events listed every party as actor and again as target: keep them as actors only.
DELETE FROM event_actors WHERE role = 'target'
    AND event_id IN (SELECT id FROM events WHERE reciprocal = 1)
    AND actor_id IN (SELECT a.actor_id FROM event_actors a WHERE a.event_id = event_actors.event_id AND a.role = 'actor');
