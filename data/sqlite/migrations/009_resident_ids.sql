-- 009: a resident is a channel and the channel's id for them
-- (data.ResidentID: 'telegram:123456', 'kakao:<botUserKey>'), no longer a
-- Telegram chat id. Every table that held a chat id is rebuilt with a
-- resident TEXT column in its place, and every row is copied with
-- 'telegram:' || chat_id: until now every chat was a Telegram one.
-- Broadcasts had staff_id (the sender) and staff_chat (where the progress
-- message is); dasi only ever served private chats, whose id is their
-- user's, so the two were the same person and become one staff column
-- (staff_chat, else staff_id; '' for alerts, which had 0 in both).
--
-- The CHECK on a resident column is the shape of a data.ResidentID, cheaply:
-- a lowercase channel, a colon, a key; printable ASCII without spaces; at
-- most 100 characters. The store checks ids fully before it writes one.
--
-- Foreign keys are on, and this runs in one transaction, where they cannot
-- be turned off. So nothing is dropped while something references it: the
-- old tables are first renamed out of the way (a rename rewrites the
-- REFERENCES clauses naming the table, so consents_v8 goes on referencing
-- residents_v8, and deliveries_v8 broadcasts_v8), the new tables are
-- created under the old names and filled, parents before children, and the
-- old ones are dropped children first, so that no DROP deletes anything by
-- cascade. The indexes come last, once the old ones went with their tables
-- and their names are free. Store.Open's migration runner then checks that
-- no foreign key is left dangling (PRAGMA foreign_key_check).

ALTER TABLE residents RENAME TO residents_v8;
ALTER TABLE consents RENAME TO consents_v8;
ALTER TABLE step_reach RENAME TO step_reach_v8;
ALTER TABLE broadcasts RENAME TO broadcasts_v8;
ALTER TABLE deliveries RENAME TO deliveries_v8;
ALTER TABLE blocked_chats RENAME TO blocked_chats_v8;
ALTER TABLE staff_drafts RENAME TO staff_drafts_v8;

-- Residents: only those who gave a consent, holding only the minimum
-- (senior-ux-and-privacy.md §4): bands and fixed ids, never an exact age,
-- a name, a phone number or a location. Every table whose rows are about one
-- resident names them in a column called resident; Store.Forget deletes
-- the resident's rows from all of them.
CREATE TABLE residents (
    resident     TEXT    NOT NULL PRIMARY KEY -- data.ResidentID: 'telegram:123456'
                 CHECK (resident GLOB '[a-z]*:?*' AND resident NOT GLOB '*[^!-~]*' AND length(resident) <= 100),
    age_band     TEXT    NOT NULL DEFAULT '', -- AgeBand.ID(): "50" is 50~54세
    field        TEXT    NOT NULL DEFAULT '', -- Field.ID(): "finance"
    years_band   TEXT    NOT NULL DEFAULT '', -- YearsBand.ID(): "20" is 20년 이상
    goals        TEXT    NOT NULL DEFAULT '', -- Goal.ID()s between commas: ",job,digital,"
    district     TEXT    NOT NULL DEFAULT '', -- 시군구 code: "11380" is 은평구
    profile      INTEGER NOT NULL DEFAULT 0,  -- 1 while the required consent stands
    intake_done  INTEGER NOT NULL DEFAULT 0,  -- 1 once the resident confirmed a summary
    notices      INTEGER NOT NULL DEFAULT 0,  -- 1 while the optional notices consent stands
    alert_seq    INTEGER NOT NULL DEFAULT 0,  -- catalog items up to this alert_items.seq were considered
    alert_day    INTEGER NOT NULL DEFAULT 0,  -- day of the last alert digest, YYYYMMDD in Seoul
    created_at   INTEGER NOT NULL,            -- unix seconds
    updated_at   INTEGER NOT NULL,
    last_used_at INTEGER NOT NULL             -- retention: deleted 12 months after this
) STRICT, WITHOUT ROWID;

INSERT INTO residents (resident, age_band, field, years_band, goals, district, profile, intake_done,
        notices, alert_seq, alert_day, created_at, updated_at, last_used_at)
    SELECT 'telegram:' || chat_id, age_band, field, years_band, goals, district, profile, intake_done,
        notices, alert_seq, alert_day, created_at, updated_at, last_used_at
    FROM residents_v8;

-- Which consent text each resident agreed to, when, and when they withdrew
-- it. The rowids are kept: they order consents given in the same second.
CREATE TABLE consents (
    resident     TEXT    NOT NULL REFERENCES residents (resident) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,
    version      TEXT    NOT NULL,
    given_at     INTEGER NOT NULL,
    withdrawn_at INTEGER NOT NULL DEFAULT 0, -- 0 while it stands
    FOREIGN KEY (kind, version) REFERENCES consent_texts (kind, version)
) STRICT;

INSERT INTO consents (rowid, resident, kind, version, given_at, withdrawn_at)
    SELECT rowid, 'telegram:' || chat_id, kind, version, given_at, withdrawn_at FROM consents_v8;

-- The furthest conversation step each resident reached, only to count each
-- once in step_totals; no answer is kept. Deleted by /forget and 12 months
-- after its last change.
CREATE TABLE step_reach (
    resident   TEXT    NOT NULL PRIMARY KEY
               CHECK (resident GLOB '[a-z]*:?*' AND resident NOT GLOB '*[^!-~]*' AND length(resident) <= 100),
    furthest   INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO step_reach (resident, furthest, updated_at)
    SELECT 'telegram:' || chat_id, furthest, updated_at FROM step_reach_v8;

-- Broadcasts as durable jobs: one row per broadcast, one row per recipient
-- (see 004).
CREATE TABLE broadcasts (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,            -- 'staff' (an announcement) or 'alert' (personal digests)
    text         TEXT    NOT NULL DEFAULT '', -- the announcement; alert digests keep theirs per delivery
    aud_district TEXT    NOT NULL DEFAULT '', -- audience filters ('' = any): 시군구 code,
    aud_goal     TEXT    NOT NULL DEFAULT '', -- Goal.ID(),
    aud_age      TEXT    NOT NULL DEFAULT '', -- AgeBand.ID()
    staff        TEXT    NOT NULL DEFAULT ''  -- the sender's private chat, where its progress is shown ('' for alerts)
                 CHECK (staff = '' OR (staff GLOB '[a-z]*:?*' AND staff NOT GLOB '*[^!-~]*' AND length(staff) <= 100)),
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

INSERT INTO broadcasts (id, kind, text, aud_district, aud_goal, aud_age, staff, progress_msg, state,
        recipients, sent, blocked, failed, cancelled, created_at, finished_at)
    SELECT id, kind, text, aud_district, aud_goal, aud_age,
        CASE WHEN staff_chat != 0 THEN 'telegram:' || staff_chat
            WHEN staff_id != 0 THEN 'telegram:' || staff_id
            ELSE '' END,
        progress_msg, state, recipients, sent, blocked, failed, cancelled, created_at, finished_at
    FROM broadcasts_v8;

CREATE TABLE deliveries (
    id           INTEGER PRIMARY KEY,
    broadcast_id INTEGER NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
    resident     TEXT    NOT NULL
                 CHECK (resident GLOB '[a-z]*:?*' AND resident NOT GLOB '*[^!-~]*' AND length(resident) <= 100),
    state        TEXT    NOT NULL DEFAULT 'pending', -- pending, sending, sent, blocked, failed, cancelled
    attempts     INTEGER NOT NULL DEFAULT 0,         -- sends tried, 429s not counted
    next_at      INTEGER NOT NULL DEFAULT 0,         -- unix milliseconds: not sent before
    body         TEXT,                               -- this recipient's message; NULL: the broadcast's text
    UNIQUE (broadcast_id, resident)
) STRICT;

INSERT INTO deliveries (id, broadcast_id, resident, state, attempts, next_at, body)
    SELECT id, broadcast_id, 'telegram:' || chat_id, state, attempts, next_at, body FROM deliveries_v8;

-- Residents who blocked the bot (see 005): a row exists only while they do.
CREATE TABLE blocked_chats (
    resident   TEXT    NOT NULL PRIMARY KEY
               CHECK (resident GLOB '[a-z]*:?*' AND resident NOT GLOB '*[^!-~]*' AND length(resident) <= 100),
    blocked_at INTEGER NOT NULL -- unix seconds
) STRICT, WITHOUT ROWID;

INSERT INTO blocked_chats (resident, blocked_at)
    SELECT 'telegram:' || chat_id, blocked_at FROM blocked_chats_v8;

-- The /broadcast a staff member is writing (see 008), by the resident id of
-- their private chat.
CREATE TABLE staff_drafts (
    resident   TEXT    NOT NULL PRIMARY KEY
               CHECK (resident GLOB '[a-z]*:?*' AND resident NOT GLOB '*[^!-~]*' AND length(resident) <= 100),
    state      BLOB    NOT NULL, -- dialogs.StaffState.MarshalBinary
    updated_at INTEGER NOT NULL  -- unix seconds
) STRICT;

INSERT INTO staff_drafts (resident, state, updated_at)
    SELECT 'telegram:' || chat_id, state, updated_at FROM staff_drafts_v8;

DROP TABLE consents_v8;
DROP TABLE residents_v8;
DROP TABLE deliveries_v8;
DROP TABLE broadcasts_v8;
DROP TABLE step_reach_v8;
DROP TABLE blocked_chats_v8;
DROP TABLE staff_drafts_v8;

CREATE INDEX residents_last_used ON residents (last_used_at);
CREATE INDEX residents_notices ON residents (district, age_band) WHERE notices = 1;
CREATE INDEX consents_resident ON consents (resident, kind);
CREATE INDEX step_reach_updated ON step_reach (updated_at);
CREATE INDEX broadcasts_running ON broadcasts (id) WHERE state = 'running';
CREATE INDEX deliveries_pending ON deliveries (broadcast_id, next_at) WHERE state = 'pending';
CREATE INDEX deliveries_sending ON deliveries (broadcast_id) WHERE state = 'sending';
CREATE INDEX deliveries_resident ON deliveries (resident);
