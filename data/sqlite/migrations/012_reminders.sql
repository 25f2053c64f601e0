-- 012: reminders a resident asked for on a programme's or job opening's
-- details (마감 전 알림, 신청 시작 알림): one message at 09:00 Seoul time on
-- due_day, once (sent_at). Only for a resident with a profile (the row in
-- residents); /forget and the retention policy delete them with it (the
-- resident column), and a row whose item_day has passed is deleted by the
-- sender.
CREATE TABLE reminders (
    id         INTEGER PRIMARY KEY,
    resident   TEXT    NOT NULL REFERENCES residents (resident) ON DELETE CASCADE
               CHECK (resident GLOB '[a-z]*:?*' AND resident NOT GLOB '*[^!-~]*' AND length(resident) <= 100),
    item_kind  TEXT    NOT NULL CHECK (item_kind IN ('program', 'job')),
    item_id    TEXT    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('open', 'deadline')),
    item_day   INTEGER NOT NULL, -- the item's first (open) or last (deadline) day to apply, YYYYMMDD
    due_day    INTEGER NOT NULL, -- the day it goes out, YYYYMMDD in Seoul
    created_at INTEGER NOT NULL, -- unix seconds
    sent_at    INTEGER NOT NULL DEFAULT 0, -- 0 until sent
    UNIQUE (resident, item_kind, item_id, kind)
) STRICT;

CREATE INDEX reminders_due ON reminders (due_day) WHERE sent_at = 0;
CREATE INDEX reminders_item ON reminders (item_kind, item_id);
