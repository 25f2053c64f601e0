-- Broadcasts as durable jobs: one row per broadcast, one row per recipient.
-- A worker claims pending deliveries (state 'sending' before the send) and
-- records each outcome after it, so a restart resumes where it stopped and at
-- most the messages in flight at a crash are sent twice.

CREATE TABLE broadcasts (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,            -- 'staff' (an announcement) or 'alert' (personal digests)
    text         TEXT    NOT NULL DEFAULT '', -- the announcement; alert digests keep theirs per delivery
    aud_district TEXT    NOT NULL DEFAULT '', -- audience filters ('' = any): 시군구 code,
    aud_goal     TEXT    NOT NULL DEFAULT '', -- Goal.ID(),
    aud_age      TEXT    NOT NULL DEFAULT '', -- AgeBand.ID()
    staff_id     INTEGER NOT NULL DEFAULT 0,  -- the staff member who sent it (0 for alerts)
    staff_chat   INTEGER NOT NULL DEFAULT 0,  -- where its progress is shown
    progress_msg INTEGER NOT NULL DEFAULT 0,  -- the message edited with its progress
    state        TEXT    NOT NULL,            -- 'running', 'done' or 'cancelled'
    recipients   INTEGER NOT NULL,            -- deliveries created (less those forgotten before sending)
    sent         INTEGER NOT NULL DEFAULT 0,  -- outcome totals; they outlive the delivery rows
    blocked      INTEGER NOT NULL DEFAULT 0,
    failed       INTEGER NOT NULL DEFAULT 0,
    cancelled    INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,            -- unix seconds
    finished_at  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX broadcasts_running ON broadcasts (id) WHERE state = 'running';

CREATE TABLE deliveries (
    id           INTEGER PRIMARY KEY,
    broadcast_id INTEGER NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
    chat_id      INTEGER NOT NULL,
    state        TEXT    NOT NULL DEFAULT 'pending', -- pending, sending, sent, blocked, failed, cancelled
    attempts     INTEGER NOT NULL DEFAULT 0,         -- sends tried, 429s not counted
    next_at      INTEGER NOT NULL DEFAULT 0,         -- unix milliseconds: not sent before
    body         TEXT,                               -- this recipient's message; NULL: the broadcast's text
    UNIQUE (broadcast_id, chat_id)
) STRICT;

CREATE INDEX deliveries_pending ON deliveries (broadcast_id, next_at) WHERE state = 'pending';
CREATE INDEX deliveries_sending ON deliveries (broadcast_id) WHERE state = 'sending';
CREATE INDEX deliveries_chat ON deliveries (chat_id);

-- Catalog items already considered for personal alerts, by the catalog
-- change that first showed them (seq 0: there before alerts began).
CREATE TABLE alert_items (
    kind          TEXT    NOT NULL, -- 'program' or 'job'
    item_id       TEXT    NOT NULL,
    seq           INTEGER NOT NULL,
    first_seen_at INTEGER NOT NULL,
    PRIMARY KEY (kind, item_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX alert_items_seq ON alert_items (seq);
