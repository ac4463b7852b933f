-- timeline store, SQLite: the latest schema, applied to a new file (PRAGMA user_version
-- holds its version; older files are upgraded by the migrations in sqlite.py).
--
-- Days are stored as integers: the proleptic Gregorian ordinal of the day
-- (Python's date.toordinal(), 0001-01-01 = 1). Intervals are inclusive on both ends.
-- Each dated axis also stores its length class: bit_length(end - start), so that a
-- class k holds intervals of end - start in [2^(k-1), 2^k - 1]. An overlap query
-- scans each class from (window start - 2^k + 1): the scan is bounded by the longest
-- interval of that class, not by the longest interval in the whole table.

CREATE TABLE IF NOT EXISTS excerpts (
    id             TEXT PRIMARY KEY,
    text           TEXT NOT NULL,
    reference_date TEXT,               -- YYYY-MM-DD or NULL when unknown
    source         TEXT,
    url            TEXT,
    metadata       TEXT NOT NULL DEFAULT '{}',   -- JSON object
    content_hash   TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS mentions (
    excerpt_id     TEXT NOT NULL REFERENCES excerpts(id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,   -- position in the excerpt's mention list
    span_start     INTEGER NOT NULL,
    span_end       INTEGER NOT NULL,
    text           TEXT NOT NULL,
    type           TEXT NOT NULL,
    value          TEXT NOT NULL,
    mod            TEXT,
    interval_start TEXT,
    interval_end   TEXT,
    precision      TEXT,
    underspecified TEXT,
    data           TEXT NOT NULL,      -- the whole mention as JSON (explain, rule, ...)
    PRIMARY KEY (excerpt_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS events (
    rowid              INTEGER PRIMARY KEY,      -- also the rowid of events_fts
    id                 TEXT NOT NULL UNIQUE,
    excerpt_id         TEXT REFERENCES excerpts(id) ON DELETE CASCADE,
    ordinal            INTEGER,                   -- position among its excerpt's events
    type               TEXT NOT NULL,
    summary            TEXT NOT NULL,
    occurred_start     INTEGER,
    occurred_end       INTEGER,
    occurred_class     INTEGER,
    occurred_precision TEXT,
    reported_start     INTEGER,
    reported_end       INTEGER,
    reported_class     INTEGER,
    reported_precision TEXT,
    body               TEXT NOT NULL,             -- JSON: actors, places, quantities, mentions, confidence, explain, ...
    content_hash       TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

-- The type rides along so that a type filter is checked inside the index, not row by row.
CREATE INDEX IF NOT EXISTS events_occurred
    ON events (occurred_class, occurred_start, occurred_end, id, type);
CREATE INDEX IF NOT EXISTS events_reported
    ON events (reported_class, reported_start, reported_end, id, type);
CREATE INDEX IF NOT EXISTS events_excerpt ON events (excerpt_id, ordinal);

-- Which length classes hold intervals, per axis: the query planner's list of scans.
CREATE TABLE IF NOT EXISTS span_classes (
    axis  TEXT NOT NULL,
    class INTEGER NOT NULL,
    PRIMARY KEY (axis, class)
) WITHOUT ROWID;

-- Full-text search over event summaries and their context (excerpt text, actors, places).
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(
    summary, context, tokenize = 'unicode61 remove_diacritics 2'
);

-- Small facts about this store (e.g. whether the seed excerpts were loaded).
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Every change to an event, in order (seq is the change feed's cursor): when, why, and the
-- version it replaced. A version's successor is the next row's `old`, or the live row in
-- `events` after the last change; a deletion leaves no live row.
CREATE TABLE IF NOT EXISTS event_history (
    seq       INTEGER PRIMARY KEY,
    event_id  TEXT NOT NULL,
    at        TEXT NOT NULL,        -- UTC, as events.updated_at
    kind      TEXT NOT NULL,        -- created | updated | deleted
    cause     TEXT NOT NULL,        -- extracted | loaded | re-resolved | corrected | estimated | ...
    old       TEXT                  -- the event JSON before the change; NULL for a creation
);
CREATE INDEX IF NOT EXISTS event_history_event ON event_history (event_id, seq);
CREATE INDEX IF NOT EXISTS event_history_at ON event_history (at);
