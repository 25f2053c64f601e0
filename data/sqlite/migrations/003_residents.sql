-- Residents: only those who gave a consent, holding only the minimum
-- (senior-ux-and-privacy.md §4): bands and fixed ids, never an exact age,
-- a name, a phone number or a location. Every table whose rows are about one
-- chat names it chat_id; Store.Forget deletes the chat's rows from all of them.

CREATE TABLE residents (
    chat_id      INTEGER PRIMARY KEY,         -- Telegram private chat (= user) id
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
) STRICT;

CREATE INDEX residents_last_used ON residents (last_used_at);
CREATE INDEX residents_notices ON residents (district, age_band) WHERE notices = 1;

-- The exact wording of every consent text shown, by version. Not personal.
CREATE TABLE consent_texts (
    kind           TEXT    NOT NULL, -- 'profile' (required) or 'notices' (optional)
    version        TEXT    NOT NULL,
    text           TEXT    NOT NULL,
    first_given_at INTEGER NOT NULL,
    PRIMARY KEY (kind, version)
) STRICT;

-- Which consent text each resident agreed to, when, and when they withdrew it.
CREATE TABLE consents (
    chat_id      INTEGER NOT NULL REFERENCES residents (chat_id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,
    version      TEXT    NOT NULL,
    given_at     INTEGER NOT NULL,
    withdrawn_at INTEGER NOT NULL DEFAULT 0, -- 0 while it stands
    FOREIGN KEY (kind, version) REFERENCES consent_texts (kind, version)
) STRICT;

CREATE INDEX consents_chat ON consents (chat_id, kind);

-- The furthest conversation step each chat reached, only to count each chat
-- once in step_totals; no answer is kept. Deleted by /forget and 12 months
-- after its last change.
CREATE TABLE step_reach (
    chat_id    INTEGER PRIMARY KEY,
    furthest   INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE INDEX step_reach_updated ON step_reach (updated_at);

-- How many chats ever reached each step: anonymous totals since the start.
CREATE TABLE step_totals (
    step  INTEGER PRIMARY KEY,
    chats INTEGER NOT NULL
) STRICT;

-- Anonymous event totals since the start: consents given, intakes
-- completed, residents who asked to be forgotten, profiles expired.
CREATE TABLE counters (
    name  TEXT    PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;
