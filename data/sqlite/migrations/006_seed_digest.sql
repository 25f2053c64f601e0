-- 006: which embedded seed a seed import loaded (the SHA-256 of its files
-- and district table, data.SeedReport.Digest), so that a newer dasi knows
-- its seed differs from the database's and applies it. Empty for the other
-- imports, and for seeds loaded before this column existed.
ALTER TABLE imports ADD COLUMN digest TEXT NOT NULL DEFAULT '';
