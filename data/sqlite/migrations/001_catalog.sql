-- 001: the catalog. Districts, places, programs and job openings, each item
-- with its source (format, id in that source, official page or citation) and
-- the day it was last written; and the log of imports.
--
-- Conventions: a date is an INTEGER YYYYMMDD (data.Date); NULL means unknown.
-- A district is data.District (1..25, 시군구 code order). Goals are the goal
-- ids separated by spaces ("digital life").

CREATE TABLE districts (
    id           INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 25),
    code         TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL UNIQUE,
    name_en      TEXT    NOT NULL,
    centroid_lat REAL    NOT NULL,
    centroid_lon REAL    NOT NULL,
    ref_lat      REAL    NOT NULL,
    ref_lon      REAL    NOT NULL
) STRICT;

CREATE TABLE places (
    id            TEXT    PRIMARY KEY,
    name          TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    district      INTEGER REFERENCES districts (id),
    address       TEXT    NOT NULL DEFAULT '',
    phone         TEXT    NOT NULL DEFAULT '',
    lat           REAL,
    lon           REAL,
    status        TEXT    NOT NULL CHECK (status IN ('open', 'unverified', 'closed')),
    source_format TEXT    NOT NULL,
    source_id     TEXT    NOT NULL,
    url           TEXT    NOT NULL DEFAULT '',
    note          TEXT    NOT NULL DEFAULT '', -- places.csv coord_note: where the point comes from
    content_hash  INTEGER NOT NULL,            -- detects an unchanged re-import
    imported_at   INTEGER NOT NULL,
    CHECK ((lat IS NULL) = (lon IS NULL))
) STRICT;

CREATE TABLE programs (
    id            TEXT    PRIMARY KEY, -- catalog id: format prefix + source id
    title         TEXT    NOT NULL,
    category      TEXT    NOT NULL DEFAULT '',
    goals         TEXT    NOT NULL DEFAULT '',
    provider      TEXT    NOT NULL DEFAULT '',
    place_id      TEXT    REFERENCES places (id),
    district      INTEGER REFERENCES districts (id),
    online        INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
    min_age       INTEGER,
    max_age       INTEGER,
    seoul_only    INTEGER NOT NULL DEFAULT 0 CHECK (seoul_only IN (0, 1)),
    cost          INTEGER, -- won; NULL when unknown, 0 when free
    cost_text     TEXT    NOT NULL DEFAULT '',
    schedule      TEXT    NOT NULL DEFAULT '',
    apply_start   INTEGER,
    apply_end     INTEGER,
    start_date    INTEGER,
    end_date      INTEGER,
    keywords      TEXT    NOT NULL DEFAULT '',
    source_format TEXT    NOT NULL,
    source_id     TEXT    NOT NULL,
    url           TEXT    NOT NULL DEFAULT '',
    note          TEXT    NOT NULL DEFAULT '',
    content_hash  INTEGER NOT NULL,
    imported_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX programs_source ON programs (source_format, source_id);
CREATE INDEX programs_place ON programs (place_id);

CREATE TABLE jobs (
    id              TEXT    PRIMARY KEY, -- catalog id: format prefix + source id
    title           TEXT    NOT NULL,
    company         TEXT    NOT NULL DEFAULT '',
    occupation_code TEXT    NOT NULL DEFAULT '',
    occupation      TEXT    NOT NULL DEFAULT '',
    district        INTEGER REFERENCES districts (id),
    address         TEXT    NOT NULL DEFAULT '',
    wage            TEXT    NOT NULL DEFAULT '',
    employment      TEXT    NOT NULL DEFAULT '',
    career          TEXT    NOT NULL DEFAULT '',
    hours           TEXT    NOT NULL DEFAULT '',
    posted          INTEGER,
    deadline        INTEGER, -- NULL: open until filled
    source_format   TEXT    NOT NULL,
    source_id       TEXT    NOT NULL,
    url             TEXT    NOT NULL DEFAULT '',
    note            TEXT    NOT NULL DEFAULT '',
    content_hash    INTEGER NOT NULL,
    imported_at     INTEGER NOT NULL
) STRICT;

CREATE INDEX jobs_source ON jobs (source_format, source_id);
CREATE INDEX jobs_deadline ON jobs (deadline);

-- One row per import that changed the catalog's state (the seed included).
-- A failed import rolls back and leaves no row.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT    NOT NULL, -- seed, programs, jobs, places
    file        TEXT    NOT NULL, -- file name, "-" for standard input, or the API
    format      TEXT    NOT NULL,
    added       INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    expired     INTEGER NOT NULL,
    rejected    INTEGER NOT NULL,
    started_at  TEXT    NOT NULL, -- RFC 3339
    finished_at TEXT    NOT NULL
) STRICT;
