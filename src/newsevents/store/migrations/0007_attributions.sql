-- 0007_attributions: who said what (direct, mixed and indirect attributions with source, cue and
-- content spans into articles.text), and on each event the attribution that states it.
CREATE TABLE attributions (
    article_id TEXT NOT NULL REFERENCES articles(id),
    id TEXT NOT NULL,                    -- "a1", "a2", ... in text order within the article
    kind TEXT NOT NULL CHECK (kind IN ('direct', 'mixed', 'indirect')),
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    content_text TEXT NOT NULL,
    source_start INTEGER,
    source_end INTEGER,
    source_text TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    cue_text TEXT,
    speaker TEXT,                        -- the source's name, resolved through pronouns
    speaker_entity TEXT,                 -- entities.id of the speaker in the same article
    parent TEXT,                         -- attributions.id this one is nested in
    date TEXT,                           -- ISO date of the saying, when the text gives one
    PRIMARY KEY (article_id, id)
);
CREATE INDEX attributions_speaker ON attributions(speaker);
CREATE INDEX attributions_kind ON attributions(kind);

ALTER TABLE events ADD COLUMN claim_source TEXT;  -- attributions.id (same article) whose content holds the evidence
