-- 0010_language_duplicates (issue #10): each article's language and why the NLP skipped it, and
-- near-duplicate groups with the MinHash fingerprints that find them across runs. Written by
-- store/duplicates.py with the article, in the same transaction.
ALTER TABLE articles ADD COLUMN language TEXT;   -- ISO 639-1 ('en', 'fr', ...), 'und' when too short to tell; NULL: stored before 0010
ALTER TABLE articles ADD COLUMN skipped TEXT;    -- why it was not annotated: 'language' or 'near-duplicate'; NULL: annotated
CREATE INDEX articles_language ON articles(language);

CREATE TABLE article_minhash (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    scheme TEXT NOT NULL,                -- newsevents.minhash.v1: 128 permutations over word 5-shingles
    signature BLOB NOT NULL              -- 128 little-endian unsigned 32-bit minima
);

CREATE TABLE article_bands (
    band INTEGER NOT NULL,               -- 0..31: which 4 positions of the signature
    key INTEGER NOT NULL,                -- 63-bit hash of those positions
    article_id TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (band, key, article_id)
) WITHOUT ROWID;

CREATE TABLE near_duplicates (
    article_id TEXT PRIMARY KEY,         -- a member of the group
    group_id TEXT NOT NULL,              -- the member that was coded (its events stand for the group)
    similarity REAL                      -- estimated Jaccard similarity with the member it matched; NULL for the coded one
);
CREATE INDEX near_duplicates_group ON near_duplicates(group_id);
