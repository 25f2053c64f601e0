-- 011: how many complete listings of its source in a row have lacked an
-- item (a live refresh, dasi import --from-api). Paged listings shift while
-- they are read, so one miss only marks the item; the second removes it.
-- Listed again, it is back to 0.
ALTER TABLE programs ADD COLUMN missed INTEGER NOT NULL DEFAULT 0 CHECK (missed >= 0);
ALTER TABLE jobs ADD COLUMN missed INTEGER NOT NULL DEFAULT 0 CHECK (missed >= 0);
