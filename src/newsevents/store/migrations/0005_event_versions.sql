-- Which coder and which lexicon produced each event ("newsevents.coder.v2", "events_lexicon v2+<sha256 prefix>").
-- Events stored before this migration have NULL: they came from newsevents.coder.v2 with the lexicon of that time.
ALTER TABLE events ADD COLUMN coder TEXT;
ALTER TABLE events ADD COLUMN lexicon TEXT;
