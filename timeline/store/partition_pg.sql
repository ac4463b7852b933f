-- timeline store, PostgreSQL: what a partitioned events table adds. postgres_partitions.py runs
-- this inside the conversion, after the rows are moved to events_by_year and before that table
-- takes the name of events (here still the plain table).
--
-- A partitioned table's unique indexes must hold the partition key, so `id` is kept unique
-- here instead: one row per event, with the partition key that finds its row. Statement
-- triggers with transition tables keep it in step with events whatever writes them (COPY,
-- INSERT, an UPDATE that moves a row to another year, a cascade from excerpts): a second row
-- with a stored id fails the primary key and takes its statement with it.

CREATE TABLE event_ids (
    id             text COLLATE "C" NOT NULL,
    rowid          bigint NOT NULL,
    occurred_start integer
);
INSERT INTO event_ids (id, rowid, occurred_start) SELECT id, rowid, occurred_start FROM events;
ALTER TABLE event_ids ADD PRIMARY KEY (id), ADD UNIQUE (rowid);

CREATE FUNCTION tl_event_ids_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_ids (id, rowid, occurred_start) SELECT id, rowid, occurred_start FROM added;
    RETURN NULL;
END $$;

CREATE FUNCTION tl_event_ids_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE event_ids SET id = added.id, occurred_start = added.occurred_start FROM added
     WHERE event_ids.rowid = added.rowid
       AND (event_ids.id, event_ids.occurred_start) IS DISTINCT FROM (added.id, added.occurred_start);
    RETURN NULL;
END $$;

CREATE FUNCTION tl_event_ids_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM event_ids USING gone WHERE event_ids.rowid = gone.rowid;
    RETURN NULL;
END $$;

CREATE TRIGGER event_ids_added AFTER INSERT ON events_by_year REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION tl_event_ids_added();
CREATE TRIGGER event_ids_changed AFTER UPDATE ON events_by_year REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION tl_event_ids_changed();
CREATE TRIGGER event_ids_gone AFTER DELETE ON events_by_year REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION tl_event_ids_gone();

-- Lookups by id go through event_ids to one partition, then this index.
CREATE INDEX events_id ON events_by_year (id);
